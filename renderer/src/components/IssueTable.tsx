import type { ImportIssue } from '../../../shared/api/contract';

/** Workbook errors or warnings: cell, target, indicator, value, message. */
export function IssueTable({
  issues,
  kind,
  max = 200,
}: {
  issues: ImportIssue[];
  kind: 'error' | 'warning';
  max?: number;
}) {
  return (
    <div className="issue-box">
      <table className={`issues ${kind}`} data-testid={kind === 'error' ? 'import-errors' : 'import-warnings'}>
        <thead>
          <tr>
            <th>位置</th>
            <th>考核对象</th>
            <th>指标</th>
            <th>填写内容</th>
            <th>{kind === 'error' ? '错误' : '提示'}</th>
          </tr>
        </thead>
        <tbody>
          {issues.slice(0, max).map((x, i) => (
            <tr key={i}>
              <td className="mono">{placeOf(x)}</td>
              <td>{x.target}</td>
              <td>{x.indicator}</td>
              <td className="mono">{x.value}</td>
              <td>{x.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {issues.length > max && <div className="muted">……另有 {issues.length - max} 条</div>}
    </div>
  );
}

/** A list import's outcome (targets, salary inputs): its errors and warnings, until closed; nothing when there are none. */
export function ImportResultPanel({
  result,
  onClose,
}: {
  result: { errors: ImportIssue[]; warnings: ImportIssue[] } | null;
  onClose: () => void;
}) {
  if (!result || (result.errors.length === 0 && result.warnings.length === 0)) return null;
  return (
    <div className="panel">
      <div className="row">
        <strong>导入结果</strong>
        <button type="button" className="link" onClick={onClose}>
          关闭
        </button>
      </div>
      {result.errors.length > 0 && <IssueTable issues={result.errors} kind="error" />}
      {result.warnings.length > 0 && <IssueTable issues={result.warnings} kind="warning" />}
    </div>
  );
}

/** "数据采集!D7": the cell may already name its sheet. */
function placeOf(x: ImportIssue): string {
  if (!x.cell) return x.sheet;
  if (!x.sheet || x.cell.includes('!')) return x.cell;
  return `${x.sheet}!${x.cell}`;
}
