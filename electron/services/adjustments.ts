/** Bonus/deduction items (加减分) and vetoes (一票否决), each with a reason, audited, lock-guarded. */
import type { AdjustmentRow, VetoRow } from '../../shared/api/contract';
import { appraisedIn, spanText } from '../../shared/domain/types';
import { dec } from '../../shared/decimal';
import type { ServiceContext } from './context';
import { ApiError } from './errors';
import { requireScheme } from './schemes';

function requireTargetOfScheme(ctx: ServiceContext, year: number, scheme: string, target: string): void {
  const s = requireScheme(ctx, year, scheme, true);
  const t = ctx.first(
    ctx.db.selectFrom('targets').select(['kind', 'name', 'from_year', 'to_year']).where('code', '=', target),
  );
  if (!t)
    throw new ApiError('INPUT', `未知的考核对象 ${target}`, {
      problems: [{ path: 'target', message: `未知的考核对象 ${target}` }],
    });
  if (t.kind !== s.normalized.targetKind) {
    throw new ApiError('INPUT', `考核对象 ${target} 不属于方案 ${scheme} 的考核对象类型`, {
      problems: [{ path: 'target', message: `考核对象 ${target} 不属于方案 ${scheme} 的考核对象类型` }],
    });
  }
  const span = { from: t.from_year, to: t.to_year };
  if (!appraisedIn(span, year)) {
    const message = `考核对象 ${target}（${t.name}）不参加 ${year} 年度考核（考核年度：${spanText(span)}）`;
    throw new ApiError('INPUT', message, { problems: [{ path: 'target', message }] });
  }
}

export function listAdjustments(ctx: ServiceContext, year: number, scheme: string): AdjustmentRow[] {
  return ctx
    .all(
      ctx.db.selectFrom('adjustments').selectAll().where('year', '=', year).where('scheme', '=', scheme).orderBy('id'),
    )
    .map((r) => ({
      id: r.id,
      target: r.target,
      kind: r.kind as AdjustmentRow['kind'],
      points: r.points,
      reason: r.reason,
      createdAt: r.created_at,
      createdBy: r.created_by,
    }));
}

export function addAdjustment(
  ctx: ServiceContext,
  i: { year: number; scheme: string; target: string; kind: 'bonus' | 'deduction'; points: string; reason: string },
): AdjustmentRow {
  return ctx.tx(() => {
    ctx.assertUnlocked(i.year, i.scheme);
    requireTargetOfScheme(ctx, i.year, i.scheme, i.target);
    const row = {
      year: i.year,
      scheme: i.scheme,
      target: i.target,
      kind: i.kind,
      points: i.points,
      reason: i.reason,
      created_at: ctx.now(),
      created_by: ctx.who(),
    };
    const { lastInsertRowid: id } = ctx.run(ctx.db.insertInto('adjustments').values(row));
    ctx.audit({
      action: '新增',
      entity: 'adjustment',
      key: `${i.year}/${i.scheme}/${i.target}/${id}`,
      new: { kind: i.kind, points: i.points },
      reason: i.reason,
    });
    const out: AdjustmentRow = {
      id,
      target: i.target,
      kind: i.kind,
      points: i.points,
      reason: i.reason,
      createdAt: row.created_at,
      createdBy: row.created_by,
    };
    const warning = i.kind === 'bonus' ? bonusCapWarning(ctx, i.year, i.scheme, i.target) : null;
    if (warning) out.warning = warning;
    return out;
  });
}

/** The target's recorded bonus points above the scheme's bonusCap: what counts, in words; else null. */
function bonusCapWarning(ctx: ServiceContext, year: number, scheme: string, target: string): string | null {
  const cap = requireScheme(ctx, year, scheme, true).normalized.bonusCap;
  if (cap === null || cap === undefined) return null;
  const points = ctx.all(
    ctx.db
      .selectFrom('adjustments')
      .select('points')
      .where('year', '=', year)
      .where('scheme', '=', scheme)
      .where('target', '=', target)
      .where('kind', '=', 'bonus'),
  );
  const sum = points.reduce((acc, p) => acc.plus(dec(p.points)), dec(0));
  const limit = dec(cap);
  if (!sum.gt(limit)) return null;
  return `${target} 的加分合计 ${sum.toFixed()} 分，超过方案 ${scheme} 的加分上限 ${limit.toFixed()} 分：计分时按 ${limit.toFixed()} 分计，超出的 ${sum.minus(limit).toFixed()} 分不计入总分`;
}

export function removeAdjustment(
  ctx: ServiceContext,
  i: { year: number; scheme: string; id: number; reason: string },
): void {
  ctx.tx(() => {
    ctx.assertUnlocked(i.year, i.scheme);
    const old = ctx.first(
      ctx.db
        .selectFrom('adjustments')
        .selectAll()
        .where('id', '=', i.id)
        .where('year', '=', i.year)
        .where('scheme', '=', i.scheme),
    );
    if (!old) throw new ApiError('INPUT', `${i.year} 年度方案 ${i.scheme} 中没有编号为 ${i.id} 的加减分项`);
    ctx.run(ctx.db.deleteFrom('adjustments').where('id', '=', i.id));
    ctx.audit({
      action: '删除',
      entity: 'adjustment',
      key: `${i.year}/${i.scheme}/${old.target}/${i.id}`,
      old: { kind: old.kind, points: old.points, reason: old.reason },
      reason: i.reason,
    });
  });
}

export function listVetoes(ctx: ServiceContext, year: number, scheme: string): VetoRow[] {
  return ctx
    .all(
      ctx.db.selectFrom('vetoes').selectAll().where('year', '=', year).where('scheme', '=', scheme).orderBy('target'),
    )
    .map((r) => ({ target: r.target, reason: r.reason, createdAt: r.created_at, createdBy: r.created_by }));
}

export function setVeto(
  ctx: ServiceContext,
  i: { year: number; scheme: string; target: string; reason: string },
): void {
  ctx.tx(() => {
    ctx.assertUnlocked(i.year, i.scheme);
    requireTargetOfScheme(ctx, i.year, i.scheme, i.target);
    const where = { year: i.year, scheme: i.scheme, target: i.target };
    const old = ctx.first(
      ctx.db
        .selectFrom('vetoes')
        .select('reason')
        .where('year', '=', i.year)
        .where('scheme', '=', i.scheme)
        .where('target', '=', i.target),
    );
    const cols = { reason: i.reason, created_at: ctx.now(), created_by: ctx.who() };
    ctx.run(
      ctx.db
        .insertInto('vetoes')
        .values({ ...where, ...cols })
        .onConflict((oc) => oc.columns(['year', 'scheme', 'target']).doUpdateSet(cols)),
    );
    ctx.audit({
      action: old ? '修改' : '新增',
      entity: 'veto',
      key: `${i.year}/${i.scheme}/${i.target}`,
      old: old ? { veto: old.reason } : null,
      new: { veto: i.reason },
      reason: i.reason,
    });
  });
}

export function removeVeto(
  ctx: ServiceContext,
  i: { year: number; scheme: string; target: string; reason: string },
): void {
  ctx.tx(() => {
    ctx.assertUnlocked(i.year, i.scheme);
    const old = ctx.first(
      ctx.db
        .selectFrom('vetoes')
        .select('reason')
        .where('year', '=', i.year)
        .where('scheme', '=', i.scheme)
        .where('target', '=', i.target),
    );
    if (!old) throw new ApiError('INPUT', `${i.year} 年度方案 ${i.scheme} 中考核对象 ${i.target} 没有一票否决`);
    ctx.run(
      ctx.db
        .deleteFrom('vetoes')
        .where('year', '=', i.year)
        .where('scheme', '=', i.scheme)
        .where('target', '=', i.target),
    );
    ctx.audit({
      action: '撤销',
      entity: 'veto',
      key: `${i.year}/${i.scheme}/${i.target}`,
      old: { veto: old.reason },
      new: null,
      reason: i.reason,
    });
  });
}
