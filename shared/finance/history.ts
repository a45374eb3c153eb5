/**
 * Consequences over the years (连续不合格) — finance.md: REPEATED_FAIL when the last band was given
 * this year and the year before, or n times within a term of years.
 */
import type { Flag } from '../domain/types';

export interface RepeatedFailOptions {
  /** How many failed years trigger the flag; default 2. */
  n?: number;
  /** Length of the rolling window ending at `year`; default 2 (this year and the year before). */
  termYears?: number;
  /** A fixed term (任期) starting this year instead of the rolling window: years termStart…year. */
  termStart?: number;
}

/**
 * True when the target failed at least n times within the window of years ending at `year`
 * (termYears long, or from termStart). Defaults (n = 2, termYears = 2) give exactly "failed this
 * year and the year before". A year with several entries counts once (failed if any entry failed);
 * years after `year` are ignored.
 */
export function isRepeatedFail(
  history: readonly { year: number; failed: boolean }[],
  year: number,
  opts: RepeatedFailOptions = {},
): boolean {
  const n = opts.n ?? 2;
  const termYears = opts.termYears ?? 2;
  if (!Number.isInteger(n) || n < 1) throw new Error(`连续不合格次数须为正整数（现为 ${n}）`);
  if (!Number.isInteger(termYears) || termYears < 1) throw new Error(`任期年数须为正整数（现为 ${termYears}）`);
  const from = opts.termStart ?? year - termYears + 1;
  const failedYears = new Set(history.filter((h) => h.failed && h.year >= from && h.year <= year).map((h) => h.year));
  return failedYears.size >= n;
}

export interface GradeHistoryRow {
  year: number;
  grade: string;
  total: string;
  /** Failed that year; when absent, failed = grade is the last band. */
  failed?: boolean;
}

export interface GradeHistoryView {
  /** Oldest year first. */
  rows: (GradeHistoryRow & { failed: boolean })[];
  repeatedFail: boolean;
  flags: Flag[];
}

/**
 * A target's grade history for display, with REPEATED_FAIL for `year` (default: the latest year in
 * the rows). `lastBand` is the scheme's last grade band (default 不合格).
 */
export function gradeHistory(
  rows: readonly GradeHistoryRow[],
  opts: RepeatedFailOptions & { lastBand?: string; year?: number } = {},
): GradeHistoryView {
  const lastBand = opts.lastBand ?? '不合格';
  const sorted = [...rows]
    .sort((a, b) => a.year - b.year)
    .map((r) => ({ ...r, failed: r.failed ?? r.grade === lastBand }));
  const year = opts.year ?? (sorted.length > 0 ? sorted[sorted.length - 1]!.year : 0);
  const repeatedFail = sorted.length > 0 && isRepeatedFail(sorted, year, opts);
  return { rows: sorted, repeatedFail, flags: repeatedFail ? ['REPEATED_FAIL'] : [] };
}
