import { useCallback, useEffect, useState } from 'react';
import type { SalaryInput, SalaryLine, TermReport } from '../../../../shared/api/contract';
import type { Target } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { usePageActive } from '../../app/active';
import { termGroups, termKey, termSpan } from './model';

/**
 * What is stored is shown on every visit: the year's inputs, the targets' names and the lines
 * computed from them, with the groups' term results (任期目标考核) beside their leaders' lines.
 * `changed` after an edit reads the inputs again and marks the lines shown as out of date (结果已过期)
 * until they are computed again.
 */
export function useSalaryData() {
  const app = useApp();
  const [inputs, setInputs] = useState<SalaryInput[]>([]);
  const [targets, setTargets] = useState<Target[]>([]);
  const [lines, setLines] = useState<SalaryLine[] | null>(null);
  /** True when the inputs changed after the lines shown were computed. */
  const [stale, setStale] = useState(false);
  const [terms, setTerms] = useState<Map<string, TermReport>>(new Map());

  const compute = useCallback(async () => {
    const r = await app.run('正在核算年薪', async () => {
      const [ls, ts] = await Promise.all([api.computeSalary({ year: app.year }), api.getTermSettings()]);
      const found = new Map<string, TermReport>();
      await Promise.all(
        termGroups(ls).map(async (g) => {
          try {
            found.set(termKey(g.scheme, g.target), await api.termAppraisal({ ...g, ...termSpan(app.year, ts.years) }));
          } catch {
            /* no term without a scheme history */
          }
        }),
      );
      return { ls, found };
    });
    if (r) {
      setLines(r.ls);
      setTerms(r.found);
      setStale(false);
    }
  }, [app.year]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year

  const load = useCallback(async () => {
    await app.run('正在读取年薪基础数据', async () => {
      const [ins, ts] = await Promise.all([
        api.listSalaryInputs({ year: app.year }),
        api.listTargets({ includeInactive: true }),
      ]);
      setInputs(ins);
      setTargets(ts);
    });
  }, [app.year]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year

  const active = usePageActive();
  useEffect(() => {
    if (active) void load().then(() => compute());
  }, [load, compute, active]);
  useEffect(() => {
    setLines(null);
    setStale(false);
  }, [app.year]);

  /** Inputs changed: reload them, mark the lines shown as out of date. */
  const changed = async () => {
    await load();
    setStale(true);
  };

  return { inputs, targets, lines, terms, stale, compute, load, changed };
}
