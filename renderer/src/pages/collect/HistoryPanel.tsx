import type { ValueHistoryEntry } from '../../../../shared/api/contract';
import type { IndicatorNode } from '../../../../shared/domain/types';
import { formatTime, methodText, valueText } from '../../lib/format';
import type { CellFocus } from './useValueHistory';

/** Beside the grid: the focused cell's indicator and every change of its value, newest first. */
export function HistoryPanel(props: {
  focus: CellFocus | null;
  targetName: string | undefined;
  leaf: IndicatorNode | undefined;
  history: ValueHistoryEntry[] | null;
}) {
  const { focus, leaf, history } = props;
  return (
    <aside className="side-panel" data-testid="history-panel">
      <div className="side-title">指标值记录</div>
      {!focus && <div className="muted pad">点选一个单元格，查看这个值的修改记录。</div>}
      {focus && (
        <>
          <div className="side-sub">
            {props.targetName ?? focus.target}
            <br />
            {leaf ? `${leaf.code} ${leaf.name}` : focus.indicator}
          </div>
          {leaf && (
            <div className="muted small">
              {methodText(leaf)}
              {leaf.min != null || leaf.max != null ? `；有效范围 ${leaf.min ?? '—'}～${leaf.max ?? '—'}` : ''}
            </div>
          )}
          {history === null && <div className="muted pad">正在读取……</div>}
          {history && history.length === 0 && <div className="muted pad">没有修改记录。</div>}
          {history && history.length > 0 && <HistoryList history={history} />}
        </>
      )}
    </aside>
  );
}

function HistoryList({ history }: { history: ValueHistoryEntry[] }) {
  return (
    <ol className="history" data-testid="history-list">
      {history
        .slice()
        .reverse()
        .map((h, i) => (
          <li key={i}>
            <div className="muted small">
              {formatTime(h.at)} · {h.who}
              {h.importId != null ? ` · 导入 #${h.importId}` : ''}
            </div>
            <div>
              {valueText(h.old) || '（缺报）'} → <strong>{valueText(h.new) || '（缺报）'}</strong>
            </div>
            {h.reason && <div className="muted small">原因：{h.reason}</div>}
          </li>
        ))}
    </ol>
  );
}
