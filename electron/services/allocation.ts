/**
 * The stored fund allocation (资金分配) as the 资金分配 page shows it after a reload, and whether it
 * is out of date: allocating the same amount, excluded grades and factors again today would give
 * other parts (scores, grades, vetoes or the targets changed since it was made).
 */
import type { StoredAllocation } from '../../shared/api/contract';
import { allocateFund, allocationParticipants } from '../../shared/finance';
import type { ServiceContext } from './context';
import { savedAllocation } from './salary';
import { score } from './scoring';
import { requireScheme } from './schemes';

export function getAllocation(ctx: ServiceContext, year: number, scheme: string): StoredAllocation | null {
  const saved = savedAllocation(ctx, year, scheme);
  if (!saved) return null;
  const row = ctx.first(
    ctx.db
      .selectFrom('allocations')
      .select(['factors', 'created_at', 'created_by'])
      .where('year', '=', year)
      .where('scheme', '=', scheme),
  )!;
  const factors = row.factors ? (JSON.parse(row.factors) as Record<string, string>) : null;
  return { ...saved, factors, at: row.created_at, who: row.created_by, outdated: outdatedReasons(ctx, saved, factors) };
}

/** Empty when allocating the stored inputs again gives the stored parts; else why not, in Chinese. */
function outdatedReasons(
  ctx: ServiceContext,
  saved: NonNullable<ReturnType<typeof savedAllocation>>,
  factors: Record<string, string> | null,
): string[] {
  let now: { target: string; name: string; total: string; factor: string; amount: string }[];
  try {
    const s = requireScheme(ctx, saved.year, saved.scheme, true);
    const result = score(ctx, saved.year, saved.scheme);
    const choice = allocationParticipants(result.results, {
      excludeGrades: saved.excludedGrades,
      factors: factors ?? undefined,
      grades: s.normalized.grades ?? [],
    });
    const names = new Map(choice.participants.map((p) => [p.target, p.name]));
    now = allocateFund({ amount: saved.amount, participants: choice.participants }).map((p) => ({
      ...p,
      name: names.get(p.target) ?? p.target,
    }));
  } catch (e) {
    return [`按保存时的条件已无法重新分配：${e instanceof Error ? e.message : String(e)}`];
  }
  const reasons: string[] = [];
  const before = new Map(saved.parts.map((p) => [p.target, p]));
  const after = new Map(now.map((p) => [p.target, p]));
  for (const p of saved.parts) {
    const n = after.get(p.target);
    if (!n) reasons.push(`${p.name}（${p.target}）现在不参加分配`);
    else if (n.total !== p.total) reasons.push(`${p.name}（${p.target}）总分 ${p.total} → ${n.total}`);
    else if (n.factor !== p.factor) reasons.push(`${p.name}（${p.target}）分配系数 ${p.factor} → ${n.factor}`);
  }
  for (const n of now) if (!before.has(n.target)) reasons.push(`${n.name}（${n.target}）现在参加分配`);
  if (reasons.length === 0 && now.some((n) => before.get(n.target)?.amount !== n.amount))
    reasons.push('重新分配的金额与保存的不同');
  return reasons;
}
