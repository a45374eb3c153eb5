/**
 * The baseline a `growth` indicator compares with (scheme-json.md, excel.md "Last year's value"):
 * last year's stored value of the same indicator and target when there is one, else the kept
 * 上年数. One rule, used by the engine, the grid's 上年数 column and the import's warnings.
 */
import type { Value } from '../domain/types';

export type BaselineSource = 'previous' | 'kept' | 'none';

const MISSING: Value = Object.freeze({ kind: 'missing' }) as Value;

export function growthBaseline(
  previous: Value | undefined | null,
  kept: Value | undefined | null,
): { value: Value; source: BaselineSource } {
  if (previous && previous.kind !== 'missing') return { value: previous, source: 'previous' };
  if (kept && kept.kind !== 'missing') return { value: kept, source: 'kept' };
  return { value: MISSING, source: 'none' };
}
