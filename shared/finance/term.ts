/**
 * Term appraisal (任期目标考核) — finance.md, seed 001 四(七): a target's results over a span of years
 * under one scheme code. Each year's total, grade and rank; the average is round2 of the exact mean
 * of the years that have a result; a year without one is listed with total null and flags TERM_GAP;
 * failYears counts the years graded in the last band (a veto counts); TERM_FAIL when failYears ≥
 * the failure limit (default 2: county practice, 任期内两次考核不合格; the seeds only tie results to 任免).
 */
import type { Flag } from '../domain/types';
import { Decimal, round2 } from '../decimal';

export const DEFAULT_TERM_FAIL_LIMIT = 2;
/** The bounds a term's settings take (the API's schema and the 考核结果运用 page both check them). */
export const TERM_YEARS_MAX = 10;
export const TERM_FAIL_LIMIT_MAX = 50;

/** Whether typed term settings are within their bounds: whole numbers, 1–TERM_YEARS_MAX years, 1–TERM_FAIL_LIMIT_MAX failures. */
export function termSettingsInBounds(years: number, failLimit: number): boolean {
  const whole = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  return whole(years, TERM_YEARS_MAX) && whole(failLimit, TERM_FAIL_LIMIT_MAX);
}

export interface TermYearInput {
  year: number;
  /** null: the target has no result that year. */
  result: { total: string; grade: string; rank: number; vetoed: boolean; lastBand: string } | null;
}

export interface TermYear {
  year: number;
  total: string | null;
  grade: string | null;
  rank: number | null;
  failed: boolean;
}

export interface TermResult {
  from: number;
  to: number;
  failLimit: number;
  years: TermYear[];
  /** round2 of the mean of the years with a result; null when none has one. */
  average: string | null;
  failYears: number;
  flags: Flag[];
}

/** Checks a span and a limit; throws a Chinese message. */
export function checkTermSpan(from: number, to: number, failLimit: number = DEFAULT_TERM_FAIL_LIMIT): void {
  if (!Number.isInteger(from) || !Number.isInteger(to)) throw new Error(`任期起止年度须为整数（现为 ${from}–${to}）`);
  if (from > to) throw new Error(`任期起始年度 ${from} 晚于终止年度 ${to}`);
  if (to - from > 49) throw new Error(`任期跨度过长（${from}–${to}）`);
  if (!Number.isInteger(failLimit) || failLimit < 1)
    throw new Error(`任期不合格次数上限须为正整数（现为 ${failLimit}）`);
}

export function termAppraisal(
  from: number,
  to: number,
  years: readonly TermYearInput[],
  failLimit: number = DEFAULT_TERM_FAIL_LIMIT,
): TermResult {
  checkTermSpan(from, to, failLimit);
  const byYear = new Map(years.map((y) => [y.year, y.result]));
  const out: TermYear[] = [];
  let sum = new Decimal(0);
  let n = 0;
  let failYears = 0;
  let gap = false;
  for (let y = from; y <= to; y++) {
    const r = byYear.get(y) ?? null;
    if (!r) {
      gap = true;
      out.push({ year: y, total: null, grade: null, rank: null, failed: false });
      continue;
    }
    const failed = r.vetoed || r.grade === r.lastBand;
    if (failed) failYears++;
    sum = sum.plus(new Decimal(r.total));
    n++;
    out.push({ year: y, total: r.total, grade: r.grade, rank: r.rank, failed });
  }
  const flags: Flag[] = [];
  if (gap) flags.push('TERM_GAP');
  if (failYears >= failLimit) flags.push('TERM_FAIL');
  return { from, to, failLimit, years: out, average: n > 0 ? round2(sum.div(n)).toFixed(2) : null, failYears, flags };
}
