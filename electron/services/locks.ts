/**
 * 定稿 (lock) and its reverse. A lock keeps a fingerprint of the inputs and results it froze (a short
 * sha256 of their canonical JSON) and the results themselves, so later years read the final grades.
 */
import { createHash } from 'node:crypto';
import type { SchemeResult, Value } from '../../shared/domain/types';
import { leaves } from '../../shared/scheme/validate';
import type { ServiceContext } from './context';
import { COUNTY_FINANCE } from '../../shared/finance/payer';
import { listPayTotals, listSurplus, payerNames } from './money';
import { ApiError } from './errors';
import type { LockSnapshot } from './lock-snapshot';
import { computeSalary } from './salary';
import { loadScoreInput, readAdjustments, readVetoes, readsPreviousYear, score } from './scoring';
import { requireScheme } from './schemes';
import { rosterRows, toTarget } from './targets';
import { readSchemeValues } from '../store/bulk';
import { localTimeText } from '../../shared/time';

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/**
 * sha256 (first 16 hex digits) of the scheme, values, adjustments, vetoes and results — and, for a
 * lock that keeps one, the roster and salary lines it froze (what an export shows).
 */
/** The stored pay-total and surplus inputs of the year, for a group scheme that has any. */
function groupMoney(ctx: ServiceContext, year: number, kind: string): { payTotals?: unknown; surplus?: unknown } {
  if (kind !== 'medical_group') return {};
  const payTotals = listPayTotals(ctx, year).map((p) => [p.target, p.proposed, p.benchmark, p.multiple, p.excluded]);
  const surplus = listSurplus(ctx, year).map((r) => [
    r.target,
    r.amount,
    r.split,
    r.tierRatio,
    r.development,
    r.staff,
    r.tiers,
  ]);
  return { ...(payTotals.length ? { payTotals } : {}), ...(surplus.length ? { surplus } : {}) };
}

export function fingerprintOf(
  ctx: ServiceContext,
  year: number,
  scheme: string,
  results: SchemeResult,
  snapshot?: LockSnapshot | null,
): string {
  const s = requireScheme(ctx, year, scheme);
  const values: [string, string, unknown][] = [];
  for (const [t, m] of readSchemeValues(ctx.raw, year, scheme)) for (const [i, v] of m) values.push([t, i, v]);
  values.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  const data = {
    scheme: s.scheme,
    values,
    adjustments: readAdjustments(ctx, year, scheme),
    vetoes: readVetoes(ctx, year, scheme),
    results,
    ...(snapshot
      ? { roster: snapshot.roster, salary: snapshot.salary, previousValues: snapshot.previousValues ?? null }
      : {}),
    // The pay sheets are named after the payers (excel.md): their names as locked.
    ...(snapshot?.payerNames ? { payerNames: snapshot.payerNames } : {}),
    // A group scheme's export also shows the groups' 绩效工资总量 and 医保结余 inputs (finance.md).
    ...groupMoney(ctx, year, s.normalized.targetKind),
  };
  return createHash('sha256').update(canonicalJson(data)).digest('hex').slice(0, 16);
}

/** What the lock freezes beside the results: the roster, the salary lines, last year's values it read (growth, monitor). */
function snapshotNow(ctx: ServiceContext, year: number, scheme: string): LockSnapshot {
  const s = requireScheme(ctx, year, scheme);
  const roster = rosterRows(ctx, s.normalized.targetKind, year).map(toTarget);
  const salary = computeSalary(ctx, year).filter((l) => l.scheme === scheme);
  const names = payerNames(ctx);
  const payers = [...new Set(salary.map((l) => l.payer ?? COUNTY_FINANCE))].sort();
  const snapshot: LockSnapshot = {
    version: 1,
    roster,
    salary,
    payerNames: Object.fromEntries(payers.map((p) => [p, names.get(p) ?? p])),
  };
  const growth = leaves(s.normalized)
    .filter(readsPreviousYear)
    .map((l) => l.code);
  if (growth.length > 0) {
    const previous = loadScoreInput(ctx, year, scheme, s).previousValues;
    const kept: Record<string, Record<string, Value>> = {};
    for (const [t, m] of previous ?? []) {
      const row: Record<string, Value> = {};
      for (const code of growth) {
        const v = m.get(code);
        if (v) row[code] = v;
      }
      if (Object.keys(row).length > 0) kept[t] = row;
    }
    snapshot.previousValues = kept;
  }
  return snapshot;
}

export function lock(ctx: ServiceContext, year: number, scheme: string): { fingerprint: string; lockedAt: string } {
  return ctx.tx(() => {
    const existing = ctx.isLocked(year, scheme);
    if (existing)
      throw new ApiError(
        'LOCKED',
        `${year} 年度方案 ${scheme} 已于 ${localTimeText(existing.lockedAt)} 定稿，无需重复定稿`,
      );
    const results = score(ctx, year, scheme);
    const snapshot = snapshotNow(ctx, year, scheme);
    const fingerprint = fingerprintOf(ctx, year, scheme, results, snapshot);
    const lockedAt = ctx.now();
    ctx.run(
      ctx.db.insertInto('locks').values({
        year,
        scheme,
        locked_at: lockedAt,
        locked_by: ctx.who(),
        fingerprint,
        results: JSON.stringify(results),
        snapshot: JSON.stringify(snapshot),
      }),
    );
    ctx.audit({ action: '定稿', entity: 'lock', key: `${year}/${scheme}`, new: { fingerprint, lockedAt } });
    return { fingerprint, lockedAt };
  });
}

export function unlock(ctx: ServiceContext, year: number, scheme: string, reason: string): void {
  ctx.tx(() => {
    const lock = ctx.isLocked(year, scheme);
    if (!lock) throw new ApiError('INPUT', `${year} 年度方案 ${scheme} 尚未定稿，无需解除`);
    ctx.run(ctx.db.deleteFrom('locks').where('year', '=', year).where('scheme', '=', scheme));
    ctx.audit({
      action: '解除定稿',
      entity: 'lock',
      key: `${year}/${scheme}`,
      old: { fingerprint: lock.fingerprint, lockedAt: lock.lockedAt, lockedBy: lock.lockedBy },
      new: null,
      reason,
    });
  });
}
