import { api } from '../api/transport';
import { useApp } from '../app/context';
import { downloadPayload } from '../lib/files';

/** 导出财政报表 for the chosen scheme and year (`disabled` too while there is nothing to export). */
export function ExportFinanceButton({
  label = '导出财政报表',
  testId = 'export-finance',
  disabled = false,
}: {
  label?: string;
  testId?: string;
  disabled?: boolean;
}) {
  const app = useApp();
  const code = app.schemeCode;
  const run = async () => {
    if (!code) return;
    const p = await app.run('正在生成财政报表', () => api.exportResults({ year: app.year, scheme: code }));
    if (p) {
      downloadPayload(p);
      app.notify(`已导出 ${p.fileName}`);
    }
  };
  return (
    <button type="button" onClick={run} disabled={!code || disabled} data-testid={testId}>
      {label}
    </button>
  );
}
