/**
 * Shares in forms: the appraiser types 50 for 50 %, as everywhere else in the app; the scheme JSON
 * keeps the share as 0–1 (scheme-json.md: minPublicWelfareShare, grades[].quota). Converted at the
 * form boundary with exact decimals, so 0.15 shows as 15 (not 15.000000000000002) and 15 stores 0.15.
 */
import { dec } from '../../../shared/decimal';

/** A stored 0–1 share as the percent shown in a form (0.5 → 50); blank stays blank. */
export function shareToPercent(share: number | null | undefined): number | undefined {
  return share == null ? undefined : dec(share).times(100).toNumber();
}

/** A typed percent as the stored 0–1 share (50 → 0.5); blank (no limit) is null. */
export function percentToShare(percent: number | null | undefined): number | null {
  return percent == null ? null : dec(percent).div(100).toNumber();
}

/** A problem with a typed percent, or null when it is a percent between 0 and 100. */
export function percentProblem(percent: number | null | undefined): string | null {
  if (percent == null) return null;
  return percent < 0 || percent > 100 ? '应在 0～100 之间（百分数，如 50 表示 50%）' : null;
}
