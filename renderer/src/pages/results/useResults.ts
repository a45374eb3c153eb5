import { useCallback, useEffect, useState } from 'react';
import type { AdjustmentRow, VetoRow } from '../../../../shared/api/contract';
import type { Problem, Scheme, SchemeResult } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { usePageActive } from '../../app/active';
import { cacheKey, resultCache, type CachedResults } from '../../lib/resultCache';
import { scoreProblems } from './scoreProblems';

/**
 * The chosen scheme's results with its bonuses, deductions and vetoes. Shown at once from the last
 * computed results (resultCache), then replaced by fresh ones; a scheme that cannot be scored
 * gives its problems instead. While the page is hidden only prefetched results are taken.
 */
export function useResults() {
  const app = useApp();
  const code = app.schemeCode;
  const [scheme, setScheme] = useState<Scheme | null>(null);
  const [result, setResult] = useState<SchemeResult | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [adjustments, setAdjustments] = useState<AdjustmentRow[]>([]);
  const [vetoes, setVetoes] = useState<VetoRow[]>([]);
  const show = (c: CachedResults) => {
    setScheme(c.scheme);
    setResult(c.result);
    setAdjustments(c.adjustments);
    setVetoes(c.vetoes);
  };

  const load = useCallback(
    async (fromCache = false) => {
      if (!code) {
        setResult(null);
        setScheme(null);
        return;
      }
      const key = cacheKey(app.year, code);
      // Show the last computed results at once; the fresh ones replace them a moment later.
      const cached = fromCache ? resultCache.get(key) : undefined;
      if (cached) {
        show(cached);
        setProblems(null);
      }
      await app.run('正在计算考核结果', async () => {
        const [s, scored, adj, vet] = await Promise.all([
          api.getScheme({ year: app.year, scheme: code }),
          api.score({ year: app.year, scheme: code }).then(
            (r) => ({ ok: true as const, r }),
            (e: unknown) => ({ ok: false as const, e }),
          ),
          api.listAdjustments({ year: app.year, scheme: code }),
          api.listVetoes({ year: app.year, scheme: code }),
        ]);
        setScheme(s);
        setAdjustments(adj);
        setVetoes(vet);
        if (!scored.ok) {
          resultCache.delete(key);
          setResult(null);
          const p = scoreProblems(scored.e);
          if (p) {
            setProblems(p);
            return;
          }
          throw scored.e;
        }
        setResult(scored.r);
        setProblems(null);
        resultCache.set(key, { scheme: s, result: scored.r, adjustments: adj, vetoes: vet });
      });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme
    [code, app.year],
  );

  const active = usePageActive();
  useEffect(() => {
    if (active) {
      void load(true);
      return;
    }
    // Drawn in advance while hidden: take prefetched results, ask for nothing.
    const cached = code ? resultCache.get(cacheKey(app.year, code)) : undefined;
    if (cached && !result) show(cached);
  }, [load, active]); // eslint-disable-line react-hooks/exhaustive-deps -- runs when the page is shown or the load changes; the cache check reads the current values

  return { code, scheme, result, problems, adjustments, vetoes, load };
}
