import type { AdjustmentRow, VetoRow } from '../../../../shared/api/contract';
import type { TargetResult } from '../../../../shared/domain/types';
import { adjustmentLines, type Removal } from './adjustments';

/** 加减分与否决: every bonus, deduction and veto with who entered it, each with 撤销. */
export function AdjustmentTable({
  adjustments,
  vetoes,
  results,
  lockReason,
  onRemove,
}: {
  adjustments: AdjustmentRow[];
  vetoes: VetoRow[];
  results: TargetResult[];
  /** Why nothing can be undone (the scheme is locked), or null. */
  lockReason: string | null;
  onRemove: (r: Removal) => void;
}) {
  const lines = adjustmentLines(adjustments, vetoes, results);
  return (
    <div className="scroll">
      <table className="table" data-testid="adjustment-table">
        <thead>
          <tr>
            <th>对象</th>
            <th>类别</th>
            <th>分数</th>
            <th>原因</th>
            <th>录入</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key} className={l.veto ? 'bad' : undefined}>
              <td>{l.target}</td>
              <td>{l.kind}</td>
              <td className={l.veto ? undefined : 'num'}>{l.points}</td>
              <td>{l.reason}</td>
              <td className="muted">{l.entered}</td>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => onRemove(l.removal)}
                  disabled={!!lockReason}
                  title={lockReason ?? undefined}
                >
                  撤销
                </button>
              </td>
            </tr>
          ))}
          {lines.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                没有加减分或一票否决。
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
