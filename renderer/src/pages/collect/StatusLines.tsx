import type { ImportIssue } from '../../../../shared/api/contract';
import type { IndicatorNode } from '../../../../shared/domain/types';
import { IssueTable } from '../../components/IssueTable';
import { errorSummary, type CellError, type StatusMessage } from './model';

/** Above the grid: the last outcome, the typed values refused, and the refused paste's cells. */
export function StatusLines(props: {
  message: StatusMessage | null;
  errors: ReadonlyMap<string, CellError>;
  leafByCode: ReadonlyMap<string, IndicatorNode>;
  pasteErrors: ImportIssue[] | null;
  closePasteErrors(): void;
}) {
  const { message, errors, pasteErrors } = props;
  return (
    <>
      {message && (
        <div className={`status-line ${message.bad ? 'bad' : 'ok'}`} data-testid="collect-message" role="status">
          {message.text}
        </div>
      )}
      {errors.size > 0 && (
        // Stays while any typed value is refused, whatever is saved after it.
        <div className="status-line bad" data-testid="collect-errors">
          有误、未保存（改正后按 Enter 重新保存）：{errorSummary(errors, props.leafByCode)}
        </div>
      )}
      {pasteErrors && (
        <div className="panel" data-testid="paste-errors">
          <div className="row">
            <strong>粘贴内容有误，未写入任何数据</strong>
            <button type="button" className="link" onClick={props.closePasteErrors}>
              关闭
            </button>
          </div>
          <IssueTable issues={pasteErrors} kind="error" max={50} />
        </div>
      )}
    </>
  );
}

/** The search box, the 缺报 filter and the legend with its counts. */
export function FilterBar(props: {
  search: string;
  setSearch(s: string): void;
  onlyMissing: boolean;
  setOnlyMissing(b: boolean): void;
  counts: { missing: number; na: number };
  errorCount: number;
  pendingCount: number;
}) {
  const { counts, pendingCount } = props;
  return (
    <div className="filters">
      <label>
        查找对象{' '}
        <input value={props.search} onChange={(e) => props.setSearch(e.target.value)} data-testid="collect-search" />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={props.onlyMissing}
          onChange={(e) => props.setOnlyMissing(e.target.checked)}
          data-testid="only-missing"
        />{' '}
        只看有缺报的对象
      </label>
      <span className="legend">
        <span className="swatch missing" />
        缺报 {counts.missing}
      </span>
      <span className="legend">
        <span className="swatch na" />
        不适用 {counts.na}
      </span>
      <span className="legend">
        <span className="swatch error" />
        有误（未保存）{props.errorCount}
      </span>
      {pendingCount > 0 && (
        <span className="legend" data-testid="saving">
          <span className="swatch pending" />
          正在保存 {pendingCount}
        </span>
      )}
      <span className="muted">
        双击或直接输入修改；从 Excel/WPS 复制一块后，点选起始单元格按 Ctrl+V 粘贴（全部正确才写入）。
      </span>
    </div>
  );
}
