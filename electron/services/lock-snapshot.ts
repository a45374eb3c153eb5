/**
 * What a lock (定稿) froze, read back: the results, and (locks made since the roster got years)
 * the roster with its names and groups, the salary lines paid by the scheme/year, and the growth
 * baselines (last year's values) scoring used. Every read of a locked scheme/year goes through here,
 * so nothing done afterwards to targets, persons, schemes or other years changes what it shows.
 */
import type { SalaryLine } from '../../shared/api/contract';
import type { SchemeResult, Target, TargetKind, Value } from '../../shared/domain/types';
import type { ServiceContext } from './context';
import { toTarget, type TargetRow } from './targets';

export interface LockSnapshot {
  version: 1;
  /** The targets scored, as they were (code, name, kind, group, years). */
  roster: Target[];
  /** Salary lines whose scheme is this one, as computed at lock time. */
  salary: SalaryLine[];
  /** Last year's values of the leaves that read them (growth, monitor), as scoring read them: target → indicator → value. */
  previousValues?: Record<string, Record<string, Value>>;
  /** The payers of those salary lines with their names (县财政, a group's code → name), as exported. */
  payerNames?: Record<string, string>;
}

export interface LockRecord {
  year: number;
  scheme: string;
  lockedAt: string;
  lockedBy: string;
  fingerprint: string;
  /** The locked results, parsed on demand (a province's results are large). */
  readResults(): SchemeResult;
  /** null for a lock made before snapshots existed (then the roster comes from the results). */
  snapshot: LockSnapshot | null;
}

/** The lock of (year, scheme) with what it froze, or null when not locked. A fresh copy each call. */
export function readLock(ctx: ServiceContext, year: number, scheme: string): LockRecord | null {
  const row = ctx.first(
    ctx.db
      .selectFrom('locks')
      .select(['locked_at', 'locked_by', 'fingerprint', 'snapshot'])
      .where('year', '=', year)
      .where('scheme', '=', scheme),
  );
  if (!row) return null;
  const readResults = (): SchemeResult => {
    const r = ctx.first(
      ctx.db.selectFrom('locks').select('results').where('year', '=', year).where('scheme', '=', scheme),
    );
    return JSON.parse(r!.results) as SchemeResult;
  };
  return {
    year,
    scheme,
    lockedAt: row.locked_at,
    lockedBy: row.locked_by,
    fingerprint: row.fingerprint,
    readResults,
    snapshot: row.snapshot ? (JSON.parse(row.snapshot) as LockSnapshot) : null,
  };
}

/** The roster as a lock holds it; for an old lock, the results' targets with today's kind and group. */
export function rosterOfLock(ctx: ServiceContext, lock: LockRecord, kind: TargetKind): Target[] {
  if (lock.snapshot) return lock.snapshot.roster.map((t) => ({ ...t }));
  const rows = new Map(
    ctx
      .all(ctx.db.selectFrom('targets').select(['code', 'name', 'kind', 'group_code', 'from_year', 'to_year']))
      .map((r: TargetRow) => [r.code, r]),
  );
  return lock
    .readResults()
    .results.map((r) => {
      const now = rows.get(r.target);
      return { ...(now ? toTarget(now) : { kind, group: null, from: null, to: null }), code: r.target, name: r.name };
    })
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Target code → name for a locked scheme/year (the snapshot), else null. */
export function lockedNames(ctx: ServiceContext, year: number, scheme: string): Map<string, string> | null {
  const lock = readLock(ctx, year, scheme);
  if (!lock) return null;
  if (lock.snapshot) return new Map(lock.snapshot.roster.map((t) => [t.code, t.name]));
  return new Map(lock.readResults().results.map((r) => [r.target, r.name]));
}

/**
 * Salary lines with every line of a locked scheme/year replaced by the line the lock froze (persons,
 * roles and pay as they were); frozen lines no longer matched by an input are kept too.
 */
export function freezeSalaryLines(ctx: ServiceContext, year: number, lines: SalaryLine[]): SalaryLine[] {
  const frozen = new Map<string, SalaryLine[] | null>();
  const linesOf = (scheme: string): SalaryLine[] | null => {
    if (!frozen.has(scheme)) {
      const lock = readLock(ctx, year, scheme);
      frozen.set(scheme, lock?.snapshot ? lock.snapshot.salary.map((l) => ({ ...l })) : null);
    }
    return frozen.get(scheme)!;
  };
  const used = new Set<SalaryLine>();
  const out = lines.map((line) => {
    const f = linesOf(line.scheme);
    if (!f) return line;
    const match = f.find((x) => !used.has(x) && x.person === line.person && x.target === line.target);
    if (!match) return line;
    used.add(match);
    return match;
  });
  for (const [, f] of frozen) for (const l of f ?? []) if (!used.has(l)) out.push(l);
  return out;
}
