import type { Scheme, SchemeResult, TargetResult } from '../../../../shared/domain/types';
import { flagsText, gradeColour } from '../../lib/format';
import { bonusCapText } from './rows';

/** ← 返回排名, the target's name, and 加分 / 减分 and 一票否决 (or its undo), off while locked. */
export function DetailHead({
  target: r,
  lockReason,
  onBack,
  onAdjust,
  onVeto,
  onRemoveVeto,
}: {
  target: TargetResult;
  lockReason: string | null;
  onBack: () => void;
  onAdjust: () => void;
  onVeto: () => void;
  onRemoveVeto: () => void;
}) {
  const locked = { disabled: !!lockReason, title: lockReason ?? undefined };
  return (
    <div className="page-head">
      <button type="button" onClick={onBack} data-testid="detail-back">
        ← 返回排名
      </button>
      <h1>
        {r.name}
        <span className="muted">（{r.target}）</span>
      </h1>
      <div className="toolbar">
        <button type="button" onClick={onAdjust} {...locked} data-testid="detail-adjust">
          加分 / 减分
        </button>
        {r.veto ? (
          <button type="button" onClick={onRemoveVeto} {...locked}>
            撤销一票否决
          </button>
        ) : (
          <button type="button" onClick={onVeto} {...locked} data-testid="detail-veto">
            一票否决
          </button>
        )}
      </div>
    </div>
  );
}

/** The total of the full score, the grade, the rank, the score parts, a capped bonus, a veto, flags. */
export function ScoreHead({
  scheme,
  result,
  target: r,
}: {
  scheme: Scheme;
  result: SchemeResult;
  target: TargetResult;
}) {
  const capped = bonusCapText(r, scheme.bonusCap);
  return (
    <div className="score-head">
      <div className="big-score" data-testid="detail-total">
        {r.total}
        <span className="muted"> / {result.fullScore}</span>
      </div>
      <span
        className="grade-badge"
        style={{ background: gradeColour(r.grade, scheme.grades) }}
        data-testid="detail-grade"
      >
        {r.grade}
      </span>
      <span>
        第 {r.rank} 名 / 共 {result.results.length} 个
      </span>
      <span>
        基础分 {r.base}　加分 {r.bonus}　减分 {r.deduction}
      </span>
      {capped && (
        <span className="warn-text" data-testid="detail-bonus-capped">
          {capped}
        </span>
      )}
      {r.veto && (
        <span className="bad" data-testid="detail-veto-reason">
          一票否决：{r.veto}
        </span>
      )}
      {r.flags.length > 0 && (
        <span className="flags" data-testid="detail-flags">
          {flagsText(r.flags)}
        </span>
      )}
    </div>
  );
}
