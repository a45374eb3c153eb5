import { useCallback, useEffect, useState } from 'react';
import type { ResultUseReport, TermSettings } from '../../../../shared/api/contract';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { usePageActive } from '../../app/active';
import { downloadPayload } from '../../lib/files';
import { typedTermSettings } from './model';

/**
 * The year's 考核结果运用 report and the county's term settings, read each time the page is shown;
 * the settings as typed (filled from the stored ones on each read), saved with `saveSettings`, after
 * which the report is read again; `exportWorkbook` downloads the report as a workbook.
 */
export function useResultUses() {
  const app = useApp();
  const [report, setReport] = useState<ResultUseReport | null>(null);
  const [settings, setSettings] = useState<TermSettings | null>(null);
  const [failLimit, setFailLimit] = useState('2');
  const [years, setYears] = useState('3');

  const load = useCallback(async () => {
    await app.run('正在汇总考核结果运用', async () => {
      const [r, ts] = await Promise.all([api.resultUses({ year: app.year }), api.getTermSettings()]);
      setReport(r);
      setSettings(ts);
      setFailLimit(String(ts.failLimit));
      setYears(String(ts.years));
    });
  }, [app.year]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year

  const active = usePageActive();
  useEffect(() => {
    if (active) void load();
  }, [load, active]);

  const exportWorkbook = async () => {
    const p = await app.run('正在导出考核结果运用', () => api.exportResultUses({ year: app.year }));
    if (p) {
      downloadPayload(p);
      app.notify(`已导出 ${p.fileName}`);
    }
  };

  const typed = typedTermSettings(years, failLimit);
  const saveSettings = async () => {
    if (!typed) return;
    const r = await app.run('正在保存任期设置', () =>
      api.saveTermSettings({ ...typed, reason: '考核结果运用页修改任期设置' }),
    );
    if (r) {
      app.notify('已保存任期设置');
      await load();
    }
  };

  return {
    year: app.year,
    report,
    settings,
    form: { years, setYears, failLimit, setFailLimit, ok: typed !== null },
    exportWorkbook,
    saveSettings,
  };
}
