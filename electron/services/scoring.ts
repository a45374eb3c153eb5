/**
 * Scoring from the store: read everything a scheme needs (one query per table), refuse an invalid
 * scheme with its problems, run the pure engine, then add what needs other years (REPEATED_FAIL).
 */
import type { Adjustment, IndicatorNode, Scheme, SchemeResult, Veto } from '../../shared/domain/types';
import { leaves } from '../../shared/scheme/validate';
import { scoreScheme, type ScoreInput } from '../../shared/scoring/engine';
import { isRepeatedFail } from '../../shared/finance/history';
import { readSchemeValues } from '../store/bulk';
import { readBaselines } from './baselines';
import type { ServiceContext } from './context';
import { ApiError } from './errors';
import { findScheme, problemText, requireScheme, schemeProblems, type StoredScheme } from './schemes';
import { readLock, rosterOfLock } from './lock-snapshot';
import { rosterRows } from './targets';

export function readAdjustments(ctx: ServiceContext, year: number, scheme: string): Adjustment[] {
  return ctx
    .all(
      ctx.db
        .selectFrom('adjustments')
        .select(['target', 'kind', 'points', 'reason'])
        .where('year', '=', year)
        .where('scheme', '=', scheme)
        .orderBy('id'),
    )
    .map((r) => ({ target: r.target, kind: r.kind as Adjustment['kind'], points: r.points, reason: r.reason }));
}

export function readVetoes(ctx: ServiceContext, year: number, scheme: string): Veto[] {
  return ctx.all(
    ctx.db
      .selectFrom('vetoes')
      .select(['target', 'reason'])
      .where('year', '=', year)
      .where('scheme', '=', scheme)
      .orderBy('target'),
  );
}

/** Leaves whose scoring or display reads last year's value of the same indicator. */
export function readsPreviousYear(l: IndicatorNode): boolean {
  return l.method?.type === 'growth' || l.method?.type === 'monitor';
}

/** DB → ScoreInput for (year, scheme). Throws INPUT with the problems when the scheme is invalid. */
export function loadScoreInput(ctx: ServiceContext, year: number, code: string, stored?: StoredScheme): ScoreInput {
  const s = stored ?? requireScheme(ctx, year, code);
  if (!s.valid) {
    const problems = schemeProblems(s.scheme);
    throw new ApiError(
      'INPUT',
      `${year} 年度方案 ${code} 未通过校验，不能计分：${problems.slice(0, 5).map(problemText).join('；')}`,
      { problems },
    );
  }
  const scheme = s.normalized;
  // The targets of the scheme that year (scoring.md); a locked scheme/year keeps the roster it was locked with.
  const lock = readLock(ctx, year, code);
  const targets = (lock ? rosterOfLock(ctx, lock, scheme.targetKind) : rosterRows(ctx, scheme.targetKind, year)).map(
    (t) => ({
      code: t.code,
      name: t.name,
    }),
  );
  const values = readSchemeValues(ctx.raw, year, code);
  const input: ScoreInput = {
    scheme,
    targets,
    values,
    adjustments: readAdjustments(ctx, year, code),
    vetoes: readVetoes(ctx, year, code),
  };
  // Growth compares with the same scheme code one year earlier, and a monitor leaf shows last
  // year's value beside this year's (scoring.md); read it only when needed. A locked scheme/year
  // reads last year's values as they were when it was locked.
  if (leaves(scheme).some(readsPreviousYear)) {
    const frozen = lock?.snapshot?.previousValues;
    input.previousValues = frozen
      ? new Map(Object.entries(frozen).map(([t, m]) => [t, new Map(Object.entries(m))]))
      : readSchemeValues(ctx.raw, year - 1, code);
    // …or, where that year has no value, with the kept 上年数 (excel.md "Last year's value").
    input.baselines = readBaselines(ctx, year, code);
  }
  return input;
}

function lastBand(scheme: Scheme): string {
  const g = scheme.grades ?? [];
  return g.length > 0 ? g[g.length - 1]!.name : '不合格';
}

/**
 * A year's final results for history: the snapshot kept at lock time when locked (those grades
 * were the official ones), else scored now; null when there is no scorable scheme that year.
 */
type HistoryResults = { results: SchemeResult; lastBand: string } | null;

/** resultsForHistory, kept until the data changes: other years are read on every score(). */
function cachedHistory(ctx: ServiceContext, year: number, code: string): HistoryResults {
  return ctx.cached(`history:${year}/${code}`, () => resultsForHistory(ctx, year, code));
}

export function resultsForHistory(ctx: ServiceContext, year: number, code: string): HistoryResults {
  const s = findScheme(ctx, year, code);
  if (!s) return null;
  const lock = ctx.first(
    ctx.db.selectFrom('locks').select('results').where('year', '=', year).where('scheme', '=', code),
  );
  if (lock) return { results: JSON.parse(lock.results) as SchemeResult, lastBand: lastBand(s.normalized) };
  if (!s.valid) return null;
  return { results: scoreScheme(loadScoreInput(ctx, year, code, s)), lastBand: lastBand(s.normalized) };
}

/** Adds REPEATED_FAIL (finance.md): the last band this year and the year before. */
function addRepeatedFail(ctx: ServiceContext, result: SchemeResult, scheme: Scheme): void {
  const prev = cachedHistory(ctx, result.year - 1, result.scheme);
  if (!prev) return;
  const prevFailed = new Map(prev.results.results.map((r) => [r.target, r.grade === prev.lastBand]));
  const band = lastBand(scheme);
  for (const r of result.results) {
    const history = [{ year: result.year, failed: r.grade === band }];
    const p = prevFailed.get(r.target);
    if (p !== undefined) history.push({ year: result.year - 1, failed: p });
    if (isRepeatedFail(history, result.year) && !r.flags.includes('REPEATED_FAIL')) r.flags.push('REPEATED_FAIL');
  }
}

/**
 * Makes a result read-only (top, targets, dimensions, flags, values), so that one kept result can be
 * handed to every caller: a caller that tries to change it gets a TypeError instead of changing what
 * the next caller sees. No copy: 1.5 M leaf results stay 1.5 M objects.
 * The engine freezes dimensions and each target's record of leaves, and the store the values
 * (store/bulk.ts); the leaf objects themselves it leaves as they are (1.5 M at province size:
 * freezing them cost about a tenth of score()), and no code writes to a result after scoring
 * (services-score-cache.test.ts checks the callers). A result read back from a lock is frozen here
 * all through.
 */
function freezeResult(r: SchemeResult): SchemeResult {
  for (const t of r.results) {
    const indicators = t.indicators;
    if (!Object.isFrozen(indicators)) {
      for (const code in indicators) {
        const ir = indicators[code]!;
        Object.freeze(ir.flags);
        Object.freeze(ir.value);
        Object.freeze(ir);
      }
      Object.freeze(indicators);
    }
    const dimensions = t.dimensions;
    if (!Object.isFrozen(dimensions)) {
      for (const code in dimensions) Object.freeze(dimensions[code]);
      Object.freeze(dimensions);
    }
    Object.freeze(t.flags);
    Object.freeze(t);
  }
  Object.freeze(r.results);
  return Object.freeze(r);
}

/**
 * The results of (year, scheme): computed once per state of the data and kept (ctx.cached) until
 * anything in the database changes — a write through this context, or a commit by another
 * connection or process. The result is frozen (read-only, shared by every caller). With weight
 * overrides (whatIf): computed each time, never kept.
 */
export function score(
  ctx: ServiceContext,
  year: number,
  code: string,
  weightOverrides?: Record<string, number>,
): SchemeResult {
  if (weightOverrides) return scoreNow(ctx, year, code, weightOverrides);
  return ctx.cached(`score:${year}/${code}`, () => freezeResult(scoreNow(ctx, year, code)));
}

function scoreNow(
  ctx: ServiceContext,
  year: number,
  code: string,
  weightOverrides?: Record<string, number>,
): SchemeResult {
  const s = requireScheme(ctx, year, code);
  // A locked scheme/year: the results it was locked with, whatever happened since (domain.md).
  if (!weightOverrides) {
    const lock = readLock(ctx, year, code);
    if (lock) return lock.readResults();
  }
  const input = loadScoreInput(ctx, year, code, s);
  if (weightOverrides) {
    const known = new Set(leaves(s.normalized).map((l) => l.code));
    const unknown = Object.keys(weightOverrides).filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw new ApiError('INPUT', `方案 ${code} 中没有这些末级指标：${unknown.join('、')}`, {
        problems: unknown.map((c) => ({ path: `weights.${c}`, message: `方案中没有末级指标 ${c}` })),
      });
    }
    input.weightOverrides = weightOverrides;
  }
  const result = scoreScheme(input);
  addRepeatedFail(ctx, result, s.normalized);
  return result;
}

export function gradeHistory(
  ctx: ServiceContext,
  target: string,
  code: string,
): { year: number; grade: string; total: string }[] {
  const years = ctx
    .all(ctx.db.selectFrom('schemes').select('year').where('code', '=', code).orderBy('year'))
    .map((r) => r.year);
  const out: { year: number; grade: string; total: string }[] = [];
  for (const y of years) {
    const h = cachedHistory(ctx, y, code);
    const r = h?.results.results.find((x) => x.target === target);
    if (r) out.push({ year: y, grade: r.grade, total: r.total });
  }
  return out;
}
