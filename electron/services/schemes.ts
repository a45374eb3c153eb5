/** Schemes (考核方案): save (add/replace, drafts allowed), read, check, copy to a new year, delete. */
import type { Problem, Scheme, Target } from '../../shared/domain/types';
import type { SchemeSummary } from '../../shared/api/contract';
import { parseSchemeJson } from '../../shared/scheme/parse';
import { problemForPeople } from '../../shared/scheme/place';
import { leaves, normalizeScheme, publicWelfareShare, validateScheme } from '../../shared/scheme/validate';
import { readLock, rosterOfLock } from './lock-snapshot';
import type { ServiceContext } from './context';
import { ApiError } from './errors';
import { carryRenames, type CarriedRename } from './renames';
import { rosterRows, toTarget } from './targets';

export interface StoredScheme {
  /** As saved (lossless, scheme-json.md). */
  scheme: Scheme;
  /** Defaults applied: what the rules read. */
  normalized: Scheme;
  valid: boolean;
  updatedAt: string;
}

export function findScheme(ctx: ServiceContext, year: number, code: string): StoredScheme | null {
  const row = ctx.first(
    ctx.db
      .selectFrom('schemes')
      .select(['json', 'valid', 'updated_at'])
      .where('year', '=', year)
      .where('code', '=', code),
  );
  if (!row) return null;
  const scheme = JSON.parse(row.json) as Scheme;
  return { scheme, normalized: normalizeScheme(scheme), valid: row.valid === 1, updatedAt: row.updated_at };
}

/** The scheme or ApiError naming year and code. `asInput`: the caller's input named it (exit 2). */
export function requireScheme(ctx: ServiceContext, year: number, code: string, asInput = false): StoredScheme {
  const s = findScheme(ctx, year, code);
  if (!s) {
    throw new ApiError(asInput ? 'INPUT' : 'NOT_FOUND', `${year} 年度没有编码为 ${code} 的考核方案`);
  }
  return s;
}

/**
 * The targets of a scheme in a year (scoring.md): for a locked scheme/year the roster it was locked
 * with, else the targets of its kind whose years hold `year`. (Here, not in lock-snapshot.ts, which
 * this file imports: it needs the scheme.)
 */
export function lockedRoster(ctx: ServiceContext, year: number, scheme: string): Target[] {
  const s = requireScheme(ctx, year, scheme, true);
  const lock = readLock(ctx, year, scheme);
  if (lock) return rosterOfLock(ctx, lock, s.normalized.targetKind);
  return rosterRows(ctx, s.normalized.targetKind, year).map(toTarget);
}

export function schemeProblems(scheme: Scheme): Problem[] {
  return validateScheme(normalizeScheme(scheme));
}

/** "place：message" for people (等次第2档·最低分, not grades[1].min), unless the message starts with its place. */
export function problemText(p: Problem): string {
  return problemForPeople(p);
}

function problemsText(problems: Problem[]): string {
  const shown = problems.slice(0, 5).map(problemText).join('；');
  return problems.length > 5 ? `${shown}；等共 ${problems.length} 处` : shown;
}

/** Shape check of a scheme JSON (unknown fields, types): ApiError INPUT with field paths. */
export function parseSchemeOrThrow(input: unknown, yearOverride?: number): Scheme {
  // A given year replaces (or supplies) the file's own, before the shape check.
  const withYear =
    yearOverride !== undefined && input !== null && typeof input === 'object' && !Array.isArray(input)
      ? { ...(input as Record<string, unknown>), year: yearOverride }
      : input;
  const { scheme, problems } = parseSchemeJson(withYear);
  if (!scheme || problems.length > 0) {
    throw new ApiError('INPUT', `方案格式有误：${problemsText(problems)}`, { problems });
  }
  return yearOverride === undefined ? scheme : { ...scheme, year: yearOverride };
}

/**
 * Adds or replaces (year, code). Invalid schemes are saved as drafts unless `strict` (then
 * refused, nothing written). Refused when (year, code) is locked.
 */
export function saveScheme(
  ctx: ServiceContext,
  input: { scheme: unknown; year?: number; reason?: string; strict?: boolean; renames?: Record<string, string> },
): { code: string; problems: Problem[]; renamed?: CarriedRename[] } {
  const scheme = parseSchemeOrThrow(input.scheme, input.year);
  const problems = schemeProblems(scheme);
  if (input.strict && problems.length > 0) {
    throw new ApiError('INPUT', `方案 ${scheme.code} 未通过校验，未保存：${problemsText(problems)}`, { problems });
  }
  return ctx.tx(() => {
    ctx.assertUnlocked(scheme.year, scheme.code);
    const old = ctx.first(
      ctx.db.selectFrom('schemes').select('json').where('year', '=', scheme.year).where('code', '=', scheme.code),
    );
    // Changed indicator codes take their stored values along (or the save is refused).
    const renamed = carryRenames(
      ctx,
      old ? (JSON.parse(old.json) as Scheme) : null,
      scheme,
      input.renames,
      input.reason ?? null,
    );
    const row = {
      year: scheme.year,
      code: scheme.code,
      name: scheme.name,
      target_kind: scheme.targetKind,
      json: JSON.stringify(scheme),
      valid: problems.length === 0 ? 1 : 0,
      problems: problems.length,
      updated_at: ctx.now(),
    };
    if (old) {
      ctx.run(ctx.db.updateTable('schemes').set(row).where('year', '=', scheme.year).where('code', '=', scheme.code));
    } else {
      ctx.run(ctx.db.insertInto('schemes').values(row));
    }
    ctx.run(
      ctx.db
        .insertInto('years')
        .values({ year: scheme.year, note: null, created_at: ctx.now() })
        .onConflict((oc) => oc.column('year').doNothing()),
    );
    ctx.audit({
      action: old ? '替换' : '新增',
      entity: 'scheme',
      key: `${scheme.year}/${scheme.code}`,
      old: old ? old.json : null,
      new: row.json,
      reason: input.reason ?? null,
    });
    return renamed.length > 0 ? { code: scheme.code, problems, renamed } : { code: scheme.code, problems };
  });
}

export function deleteScheme(ctx: ServiceContext, year: number, code: string, reason: string): void {
  ctx.tx(() => {
    ctx.assertUnlocked(year, code);
    const s = requireScheme(ctx, year, code, true);
    // Values, adjustments, vetoes and allocations go with it (ON DELETE CASCADE).
    ctx.run(ctx.db.deleteFrom('schemes').where('year', '=', year).where('code', '=', code));
    ctx.audit({ action: '删除', entity: 'scheme', key: `${year}/${code}`, old: s.scheme, reason });
  });
}

export function copySchemes(
  ctx: ServiceContext,
  fromYear: number,
  toYear: number,
  only?: string[],
): { copied: string[] } {
  if (fromYear === toYear) throw new ApiError('INPUT', '复制方案的来源年度与目标年度不能相同');
  return ctx.tx(() => {
    let q = ctx.db.selectFrom('schemes').select(['code', 'json']).where('year', '=', fromYear).orderBy('code');
    if (only && only.length > 0) q = q.where('code', 'in', only);
    const rows = ctx.all(q);
    if (only) {
      const found = new Set(rows.map((r) => r.code));
      const unknown = only.filter((c) => !found.has(c));
      if (unknown.length > 0) throw new ApiError('INPUT', `${fromYear} 年度没有这些方案：${unknown.join('、')}`);
    }
    const copied: string[] = [];
    for (const r of rows) {
      // An existing scheme in the new year is never overwritten by a copy.
      if (findScheme(ctx, toYear, r.code)) continue;
      const scheme = { ...(JSON.parse(r.json) as Scheme), year: toYear };
      saveScheme(ctx, { scheme, reason: `从 ${fromYear} 年度复制` });
      copied.push(r.code);
    }
    return { copied };
  });
}

export function listYears(ctx: ServiceContext): number[] {
  const a = ctx.all(ctx.db.selectFrom('years').select('year'));
  const b = ctx.all(ctx.db.selectFrom('schemes').select('year').distinct());
  return [...new Set([...a.map((r) => r.year), ...b.map((r) => r.year)])].sort((x, y) => y - x);
}

function shareText(s: Scheme): string {
  return publicWelfareShare(s).toFixed();
}

export function summarize(ctx: ServiceContext, year: number, code: string): SchemeSummary {
  const s = requireScheme(ctx, year, code);
  const n = s.normalized;
  const problems = s.valid ? [] : schemeProblems(s.scheme);
  const scored = leaves(n).filter((l) => l.method?.type !== 'monitor');
  const leafCodes = scored.map((l) => l.code);
  // The roster that year (a locked scheme/year: the one it was locked with).
  const roster = new Set(lockedRoster(ctx, year, code).map((t) => t.code));
  const targets = roster.size;
  let present = 0;
  let na = 0;
  if (leafCodes.length > 0 && targets > 0) {
    const counts = ctx.all(
      ctx.db
        .selectFrom('indicator_values as v')
        .select(['v.target', 'v.kind', (eb) => eb.fn.countAll<number>().as('n')])
        .where('v.year', '=', year)
        .where('v.scheme', '=', code)
        .where('v.indicator', 'in', leafCodes)
        .groupBy(['v.target', 'v.kind']),
    );
    for (const c of counts) {
      if (!roster.has(c.target)) continue;
      present += Number(c.n);
      if (c.kind === 'na') na += Number(c.n);
    }
  }
  const missing = targets * leafCodes.length - present;
  const lock = ctx.isLocked(year, code);
  const last = findScheme(ctx, year - 1, code);
  let change: string | null;
  try {
    change = last ? publicWelfareShare(n).minus(publicWelfareShare(last.normalized)).toFixed() : null;
  } catch {
    change = null;
  }
  return {
    year,
    code,
    name: s.scheme.name,
    targetKind: n.targetKind,
    state: lock ? 'locked' : !s.valid ? 'draft' : missing > 0 ? 'collecting' : 'scored',
    valid: s.valid,
    problems: problems.length,
    targets,
    leaves: leafCodes.length,
    missing,
    na,
    publicWelfareShare: shareText(n),
    publicWelfareShareChange: change,
    lockedAt: lock?.lockedAt ?? null,
  };
}

export function listSchemes(ctx: ServiceContext, year?: number): SchemeSummary[] {
  let q = ctx.db.selectFrom('schemes').select(['year', 'code']).orderBy('year', 'desc').orderBy('code');
  if (year !== undefined) q = q.where('year', '=', year);
  return ctx.all(q).map((r) => summarize(ctx, r.year, r.code));
}
