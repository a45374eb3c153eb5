/**
 * Targets (考核对象): stable codes across years, unique without regard to case; each is appraised in
 * a span of years (from..to, inclusive, either open). Saving adds or updates, retiring ends the
 * span; both audited. The roster of a scheme in a year is the targets of its kind whose span holds
 * the year — for a locked scheme/year, the roster kept with the lock (locks.ts).
 */
import type { SavedTarget } from '../../shared/api/contract';
import { appraisedIn, spanText, type Target, type TargetKind } from '../../shared/domain/types';
import type { ServiceContext } from './context';
import { ApiError } from './errors';

export interface TargetRow {
  code: string;
  name: string;
  kind: string;
  group_code: string | null;
  from_year: number | null;
  to_year: number | null;
}

const COLS = ['code', 'name', 'kind', 'group_code', 'from_year', 'to_year'] as const;

export function toTarget(r: TargetRow): Target {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind as TargetKind,
    group: r.group_code,
    from: r.from_year,
    to: r.to_year,
  };
}

/** The stored target whose code equals `code` without regard to case (exact match first). */
export function findTargetRow(ctx: ServiceContext, code: string): TargetRow | undefined {
  const exact = ctx.first(ctx.db.selectFrom('targets').select(COLS).where('code', '=', code));
  if (exact) return exact;
  return ctx.first(
    ctx.db
      .selectFrom('targets')
      .select(COLS)
      .where((eb) => eb(eb.fn('lower', ['code']), '=', code.toLowerCase()))
      .orderBy('code'),
  );
}

/** A code as the user typed it → the stored code (case-insensitive); unknown codes come back as typed. */
export function canonicalTargetCode(ctx: ServiceContext, code: string): string {
  if (typeof code !== 'string' || code === '') return code;
  return findTargetRow(ctx, code)?.code ?? code;
}

/** Targets of `kind` appraised in `year` (their span holds it), by code. */
export function rosterRows(ctx: ServiceContext, kind: string, year: number): TargetRow[] {
  return ctx.all(
    ctx.db
      .selectFrom('targets')
      .select(COLS)
      .where('kind', '=', kind)
      .where((eb) => eb.or([eb('from_year', 'is', null), eb('from_year', '<=', year)]))
      .where((eb) => eb.or([eb('to_year', 'is', null), eb('to_year', '>=', year)]))
      .orderBy('code'),
  );
}

export function listTargets(ctx: ServiceContext, i: { kind?: TargetKind; year?: number }): Target[] {
  let q = ctx.db.selectFrom('targets').select(COLS).orderBy('code');
  if (i.kind) q = q.where('kind', '=', i.kind);
  const all = ctx.all(q).map(toTarget);
  return i.year === undefined ? all : all.filter((t) => appraisedIn(t, i.year!));
}

/** "2025 年起" etc. for messages: "（2025 年起考核）". */
function spanNote(t: { from?: number | null; to?: number | null }): string {
  const s = spanText(t);
  return s ? `（考核年度：${s}）` : '';
}

/** Targets with the same name in the same group (medical groups: among the groups), other than `code`. */
export function sameNameWarnings(
  ctx: ServiceContext,
  t: { code: string; name: string; group?: string | null; kind: string },
): string[] {
  const name = t.name.trim();
  let q = ctx.db
    .selectFrom('targets')
    .select(['code', 'name', 'kind', 'group_code'])
    .where('name', '=', name)
    .where('code', '!=', t.code);
  q = t.group ? q.where('group_code', '=', t.group) : q.where('group_code', 'is', null);
  const others = ctx.all(q);
  if (others.length === 0) return [];
  const where = t.group ? `医疗集团 ${t.group} 中` : '未归属医疗集团的对象中';
  return [
    `${where}已有同名的考核对象“${name}”（${others.map((o) => o.code).join('、')}），请确认 ${t.code} 不是重复登记`,
  ];
}

function inputProblem(path: string, message: string): ApiError {
  return new ApiError('INPUT', message, { problems: [{ path, message }] });
}

export function saveTarget(ctx: ServiceContext, t: Target, reason?: string | null): SavedTarget {
  if (t.active === false) {
    throw inputProblem(
      'target.active',
      `“停用”已改为按年度：请为考核对象 ${t.code} 填写终止年度（最后一个参加考核的年度），或用“停用”操作（targets retire --from 年度）指定从哪一年起不再考核`,
    );
  }
  return ctx.tx(() => {
    const old = findTargetRow(ctx, t.code);
    // Years not given: an existing target keeps its own (null given: no limit).
    const from = t.from === undefined ? (old?.from_year ?? null) : t.from;
    const to = t.to === undefined ? (old?.to_year ?? null) : t.to;
    if (from !== null && to !== null && from > to) {
      throw inputProblem('target.to', `考核对象 ${t.code}：起始年度 ${from} 晚于终止年度 ${to}`);
    }
    if (old && old.code !== t.code) {
      throw inputProblem(
        'target.code',
        `对象编码 ${t.code} 与已有的考核对象 ${old.code}（${old.name}）只差字母大小写；编码不区分大小写，不能再新增。要修改该对象，请使用编码 ${old.code}`,
      );
    }
    let group = t.group ?? null;
    if (group) {
      const g = findTargetRow(ctx, group);
      if (g) group = g.code;
      else if (group.toLowerCase() !== t.code.toLowerCase()) {
        throw new ApiError('INPUT', `考核对象 ${t.code} 的所属医疗集团 ${group} 不存在，请先添加该医疗集团`, {
          problems: [{ path: 'target.group', message: `所属医疗集团 ${group} 不存在` }],
        });
      } else group = t.code;
      // The group is a medical group (所属医疗集团, domain.md), as the targets workbook requires.
      const groupKind = group === t.code ? t.kind : g!.kind;
      if (groupKind !== 'medical_group') {
        const what = group === t.code ? `${t.code} 本身` : `${g!.code}（${g!.name}）`;
        throw new ApiError('INPUT', `考核对象 ${t.code} 的所属医疗集团 ${what}不是医疗集团`, {
          problems: [{ path: 'target.group', message: `${group} 不是医疗集团` }],
        });
      }
    }
    const name = t.name.trim();
    const warnings = sameNameWarnings(ctx, { code: t.code, name, group, kind: t.kind });
    const now = ctx.now();
    const cols = { name, kind: t.kind, group_code: group, from_year: from, to_year: to, updated_at: now };
    if (old) ctx.run(ctx.db.updateTable('targets').set(cols).where('code', '=', t.code));
    else ctx.run(ctx.db.insertInto('targets').values({ code: t.code, created_at: now, ...cols }));
    const saved: Target = { code: t.code, name, kind: t.kind, group, from, to };
    ctx.audit({
      action: old ? '修改' : '新增',
      entity: 'target',
      key: t.code,
      old: old ? toTarget(old) : null,
      new: saved,
      reason: reason ?? (warnings.length ? warnings.join('；') : null),
    });
    return { ...saved, warnings };
  });
}

/** 停用: not appraised from `fromYear` on; earlier years (and every locked year) keep it. */
export function retireTarget(ctx: ServiceContext, code: string, fromYear: number, reason: string): SavedTarget {
  return ctx.tx(() => {
    const old = findTargetRow(ctx, code);
    if (!old) throw inputProblem('code', `未知的考核对象 ${code}`);
    const t = toTarget(old);
    if (old.from_year !== null && fromYear <= old.from_year) {
      throw inputProblem(
        'from',
        `考核对象 ${old.code}（${old.name}）自 ${old.from_year} 年起才参加考核，不能从 ${fromYear} 年起停用（那样它一年也不参加）；如是误登记，请修改其起始年度`,
      );
    }
    if (old.to_year !== null && old.to_year < fromYear - 1) {
      throw inputProblem(
        'from',
        `考核对象 ${old.code}（${old.name}）已于 ${old.to_year} 年后停用${spanNote(t)}，无需再从 ${fromYear} 年起停用`,
      );
    }
    const to = fromYear - 1;
    ctx.run(ctx.db.updateTable('targets').set({ to_year: to, updated_at: ctx.now() }).where('code', '=', old.code));
    const saved: Target = { ...t, to };
    ctx.audit({ action: '停用', entity: 'target', key: old.code, old: t, new: saved, reason });
    return { ...saved, warnings: [] };
  });
}
