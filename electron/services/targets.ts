/** Targets (考核对象): stable codes across years; saving adds or updates, audited. */
import type { Target, TargetKind } from '../../shared/domain/types';
import type { ServiceContext } from './context';
import { ApiError } from './errors';
import { storedTargetCode } from './target-codes';

function toTarget(r: { code: string; name: string; kind: string; group_code: string | null; active: number }): Target {
  return { code: r.code, name: r.name, kind: r.kind as TargetKind, group: r.group_code, active: r.active === 1 };
}

export function listTargetsSync(ctx: ServiceContext, i: { kind?: TargetKind; includeInactive?: boolean }): Target[] {
  let q = ctx.db.selectFrom('targets').select(['code', 'name', 'kind', 'group_code', 'active']).orderBy('code');
  if (i.kind) q = q.where('kind', '=', i.kind);
  if (!i.includeInactive) q = q.where('active', '=', 1);
  return ctx.all(q).map(toTarget);
}

export function saveTargetSync(ctx: ServiceContext, input: Target, reason?: string | null): Target {
  return ctx.tx(() => {
    // Codes are compared without regard to case (domain.md): `ex-01` updates the stored `EX-01`.
    const t = { ...input, code: storedTargetCode(ctx, input.code), group: input.group ? storedTargetCode(ctx, input.group) : input.group };
    if (t.group) {
      const g = ctx.first(ctx.db.selectFrom('targets').select('kind').where('code', '=', t.group));
      if (!g && t.group !== t.code) {
        throw new ApiError('INPUT', `考核对象 ${t.code} 的所属医疗集团 ${t.group} 不存在，请先添加该医疗集团`, {
          problems: [{ path: 'target.group', message: `所属医疗集团 ${t.group} 不存在` }],
        });
      }
    }
    const old = ctx.first(ctx.db.selectFrom('targets').select(['code', 'name', 'kind', 'group_code', 'active']).where('code', '=', t.code));
    const now = ctx.now();
    const cols = { name: t.name, kind: t.kind, group_code: t.group ?? null, active: t.active ? 1 : 0, updated_at: now };
    if (old) ctx.run(ctx.db.updateTable('targets').set(cols).where('code', '=', t.code));
    else ctx.run(ctx.db.insertInto('targets').values({ code: t.code, created_at: now, ...cols }));
    const saved = { code: t.code, name: t.name, kind: t.kind, group: t.group ?? null, active: t.active };
    ctx.audit({ action: old ? '修改' : '新增', entity: 'target', key: t.code, old: old ? toTarget(old) : null, new: saved, reason: reason ?? null });
    return saved;
  });
}
