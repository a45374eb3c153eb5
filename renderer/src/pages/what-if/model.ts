/**
 * The what-if panel's rules (pure): which indicators can be re-weighted, what the typed weights
 * add up to and which of them changed, and how each target's rank and grade move.
 */
import type { IndicatorNode, Scheme, SchemeResult, TargetResult } from '../../../../shared/domain/types';
import { dec, type Decimal } from '../../../../shared/decimal';
import { leaves as schemeLeaves } from '../../../../shared/scheme/validate';
import { readNumber } from '../../lib/format';

/** The scored leaves (monitor-only indicators carry no weight to try). */
export function weightedLeaves(scheme: Pick<Scheme, 'indicators'>): IndicatorNode[] {
  return schemeLeaves(scheme).filter((l) => l.method?.type !== 'monitor');
}

/** The text boxes as they start (and after 恢复): each leaf's current weight. */
export function initialTexts(leaves: IndicatorNode[]): Record<string, string> {
  return Object.fromEntries(leaves.map((l) => [l.code, String(l.weight ?? 0)]));
}

export interface WeightCheck {
  /** Codes whose text is blank, not a number, or negative. */
  bad: string[];
  /** The sum of all typed weights (exact), or null while any is bad. */
  sum: Decimal | null;
  /** Leaves whose typed weight differs from the scheme's. */
  changed: IndicatorNode[];
  /** What to send for a trial: the changed weights only. */
  weights: Record<string, number>;
}

export function checkWeights(leaves: IndicatorNode[], texts: Record<string, string>): WeightCheck {
  const bad = Object.entries(texts)
    .filter(([, t]) => {
      const n = readNumber(t);
      return n == null || n < 0;
    })
    .map(([c]) => c);
  const typed = (l: IndicatorNode) => readNumber(texts[l.code]!);
  const sum = bad.length ? null : leaves.reduce((s, l) => s.plus(typed(l)!), dec(0));
  const changed = leaves.filter((l) => !bad.includes(l.code) && typed(l) !== (l.weight ?? 0));
  const weights = Object.fromEntries(changed.map((l) => [l.code, typed(l)!]));
  return { bad, sum, changed, weights };
}

export interface CompareRow {
  /** The trial's result (the table follows the trial's ranking). */
  after: TargetResult;
  /** The current result of the same target, if it has one. */
  before: TargetResult | undefined;
  /** Places gained (> 0) or lost (< 0). */
  move: number;
  gradeChanged: boolean;
}

export function compareResults(before: SchemeResult, after: SchemeResult): CompareRow[] {
  const now = new Map(before.results.map((r) => [r.target, r]));
  return after.results.map((n) => {
    const c = now.get(n.target);
    return { after: n, before: c, move: c ? c.rank - n.rank : 0, gradeChanged: !!c && c.grade !== n.grade };
  });
}

/** The rank change as shown: ↑2 (ok), ↓1 (bad), — (muted). */
export function moveShown(move: number): { text: string; className: 'ok' | 'bad' | 'muted' } {
  if (move > 0) return { text: `↑${move}`, className: 'ok' };
  if (move < 0) return { text: `↓${-move}`, className: 'bad' };
  return { text: '—', className: 'muted' };
}
