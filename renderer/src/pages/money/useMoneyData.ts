import { useCallback, useEffect, useState } from 'react';
import type { PayTotalInputRow, PayTotalReport, SurplusRecord } from '../../../../shared/api/contract';
import type { Target } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { usePageActive } from '../../app/active';

/**
 * The medical groups, the year's stored pay-total inputs and surplus splits, and the pay totals
 * approved under scheme `code` (when any input is stored): read while the page is shown, again
 * each time it is shown and on year/scheme change. A pay total that cannot be computed gives its
 * message instead of the report.
 */
export function useMoneyData(code: string) {
  const app = useApp();
  const [groups, setGroups] = useState<Target[]>([]);
  const [inputs, setInputs] = useState<PayTotalInputRow[]>([]);
  const [report, setReport] = useState<PayTotalReport | null>(null);
  const [reportError, setReportError] = useState<string | null>(null);
  const [surplus, setSurplus] = useState<SurplusRecord[]>([]);

  const load = useCallback(async () => {
    await app.run('正在读取绩效工资总量与医保结余', async () => {
      const [gs, pts, sp] = await Promise.all([
        api.listTargets({ kind: 'medical_group' }),
        api.listPayTotals({ year: app.year }),
        api.listSurplus({ year: app.year }),
      ]);
      setGroups(gs);
      setInputs(pts);
      setSurplus(sp);
      if (code && pts.length > 0) {
        try {
          setReport(await api.computePayTotals({ year: app.year, scheme: code }));
          setReportError(null);
        } catch (e) {
          setReport(null);
          setReportError((e as Error).message);
        }
      } else {
        setReport(null);
        setReportError(null);
      }
    });
  }, [app.year, code]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme

  const active = usePageActive();
  useEffect(() => {
    if (active) void load();
  }, [load, active]);

  return { groups, inputs, report, reportError, surplus, load };
}
