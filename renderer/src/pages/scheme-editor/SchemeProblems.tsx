import type { Problem, Scheme } from '../../../../shared/domain/types';
import { problemParts } from '../../../../shared/scheme/place';
import type { SummaryView } from './summary';

/** The bar above the tree: weight total, public-welfare share and its change, problem count. */
export function SummaryBar({ view }: { view: SummaryView }) {
  return (
    <div className="summary-bar" data-testid="scheme-summary">
      <span className={view.totalOk ? 'ok' : 'bad'} data-testid="weight-total">
        {view.totalText}
      </span>
      <span data-testid="pw-share">{view.shareText}</span>
      <span data-testid="pw-change">{view.changeText}</span>
      <span className={view.problemsOk ? 'ok' : 'bad'} data-testid="problem-count">
        {view.problemText}
      </span>
    </div>
  );
}

/**
 * 问题清单 (each place a link to the node or to 方案设置) and, while nothing is unsaved, the saved
 * scheme's warnings that do not stop scoring.
 */
export function ProblemList({
  problems,
  warnings,
  scheme,
  onGo,
}: {
  problems: Problem[];
  /** Shown only when given (the draft has no unsaved changes). */
  warnings: Problem[];
  scheme: Scheme;
  onGo: (p: Problem) => void;
}) {
  return (
    <div className="problems" data-testid="scheme-problems">
      <div className="problems-head">问题清单</div>
      {problems.length === 0 ? (
        <div className="ok pad">没有发现问题。</div>
      ) : (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              <button type="button" className="link mono" onClick={() => onGo(p)}>
                {problemParts(p, scheme).place}
              </button>{' '}
              {problemParts(p, scheme).text}
            </li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <div data-testid="scheme-warnings">
          <div className="problems-head">提醒（不影响计分）</div>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>
                <span className="mono">{w.path}</span> {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
