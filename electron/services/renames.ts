/**
 * Indicator code renames when a scheme is saved again. Values (and their history) are keyed by
 * (year, scheme, target, indicator code): a leaf whose code changes would lose sight of its stored
 * values. On save they are carried to the new code in the same transaction, audited:
 *  - renames the caller names (`renames`: old code → new code; the editor sends the codes it changed);
 *  - otherwise a leaf with stored values that is gone is matched by identity: the one new leaf with
 *    the same name, or the new leaf at the same place in the tree with the same method, weight and
 *    unit. Where a new leaf took its place but is not recognisably the same, the save is refused
 *    with the reason (it could be a rename or a replacement; nothing is guessed).
 * A leaf that is simply removed keeps its values stored (as before), out of sight.
 */
import type { IndicatorNode, Scheme } from '../../shared/domain/types';
import { renameInCellRows } from '../store/history';
import type { ServiceContext } from './context';
import { ApiError } from './errors';

export interface CarriedRename {
  from: string;
  to: string;
  /** How the rename was known: named by the caller, or found by the leaf's name / place. */
  by: 'named' | 'name' | 'place';
  /** Stored cells moved: values and 上年数 (their histories move too). */
  values: number;
}

interface LeafAt {
  code: string;
  name: string;
  place: string;
  node: IndicatorNode;
}

function leavesAt(nodes: IndicatorNode[], base = ''): LeafAt[] {
  const out: LeafAt[] = [];
  nodes.forEach((n, i) => {
    const place = base ? `${base}.${i}` : String(i);
    if (n.children && n.children.length > 0) out.push(...leavesAt(n.children, place));
    else if (!n.children) out.push({ code: n.code, name: n.name.trim(), place, node: n });
  });
  return out;
}

const sameScoring = (a: IndicatorNode, b: IndicatorNode) =>
  a.method?.type === b.method?.type && (a.weight ?? null) === (b.weight ?? null) && (a.unit ?? '') === (b.unit ?? '');

function refuse(message: string): never {
  throw new ApiError('INPUT', `${message}；方案未保存`, { problems: [{ path: 'renames', message }] });
}

/** The tables keyed by indicator code: values, 上年数 (baselines) and their histories. */
const CELL_TABLES = ['indicator_values', 'value_baselines'] as const;
const KEYED_TABLES = ['indicator_values', 'value_history', 'value_baselines', 'baseline_history'] as const;

/** Stored cells (values and 上年数) per indicator code of (year, scheme). */
function valueCounts(ctx: ServiceContext, year: number, scheme: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const table of CELL_TABLES) {
    const rows = ctx.all(
      ctx.db
        .selectFrom(table)
        .select(['indicator', (eb) => eb.fn.countAll<number>().as('n')])
        .where('year', '=', year)
        .where('scheme', '=', scheme)
        .groupBy('indicator'),
    );
    for (const r of rows) out.set(r.indicator, (out.get(r.indicator) ?? 0) + Number(r.n));
  }
  return out;
}

/**
 * Works out the renames between the stored scheme and the one being saved (refusing what cannot be
 * told apart), moves the values and history to the new codes and audits each. Call inside the
 * save's transaction, after the lock check.
 */
export function carryRenames(
  ctx: ServiceContext,
  before: Scheme | null,
  after: Scheme,
  named: Record<string, string> = {},
  reason: string | null = null,
): CarriedRename[] {
  const explicit = Object.entries(named).filter(([from, to]) => from !== to);
  if (!before) {
    if (explicit.length > 0) refuse(`${after.year} 年度还没有方案 ${after.code}，无法修改其指标编码`);
    return [];
  }
  const oldLeaves = leavesAt(before.indicators);
  const newLeaves = leavesAt(after.indicators);
  const oldCodes = new Map(oldLeaves.map((l) => [l.code, l]));
  const newCodes = new Map(newLeaves.map((l) => [l.code, l]));
  const counts = valueCounts(ctx, after.year, after.code);
  const pairs: CarriedRename[] = [];

  // 1. Renames the caller named.
  const targets = new Set<string>();
  const sources = new Set(explicit.map(([from]) => from));
  for (const [from, to] of explicit) {
    if (!oldCodes.has(from)) {
      // Not a leaf of the stored scheme (a group, or a node added since): nothing stored under it.
      if (!counts.get(from)) continue;
      refuse(`指标编码 ${from} 不是原方案中的末级指标，无法改为 ${to}`);
    }
    if (!newCodes.has(to)) refuse(`新方案中没有末级指标 ${to}，无法把 ${from} 的数据移过去`);
    if (targets.has(to)) refuse(`有两个指标都改为编码 ${to}`);
    if (newCodes.has(from) && !explicit.some(([, t]) => t === from)) {
      refuse(`指标 ${from} 改为 ${to} 后，新方案中仍有编码为 ${from} 的指标`);
    }
    if (oldCodes.has(to) && !sources.has(to))
      refuse(`编码 ${to} 已是原方案中另一个指标的编码，不能把 ${from} 改为 ${to}`);
    targets.add(to);
    pairs.push({ from, to, by: 'named', values: counts.get(from) ?? 0 });
  }

  // 2. Leaves with stored values that are gone, matched by identity.
  const fresh = newLeaves.filter((l) => !oldCodes.has(l.code) && !targets.has(l.code));
  const taken = new Set<string>();
  const gone = oldLeaves.filter((l) => !newCodes.has(l.code) && !sources.has(l.code) && (counts.get(l.code) ?? 0) > 0);
  const unresolved: LeafAt[] = [];
  for (const g of gone) {
    const byName = fresh.filter((f) => f.name === g.name && !taken.has(f.code));
    const sameNameGone = gone.filter((x) => x.name === g.name).length;
    if (byName.length === 1 && sameNameGone === 1) {
      taken.add(byName[0]!.code);
      pairs.push({ from: g.code, to: byName[0]!.code, by: 'name', values: counts.get(g.code)! });
    } else unresolved.push(g);
  }
  for (const g of unresolved) {
    const there = fresh.find((f) => f.place === g.place && !taken.has(f.code));
    if (!there) continue; // removed: its values stay stored, out of sight (as before)
    if (sameScoring(there.node, g.node)) {
      taken.add(there.code);
      pairs.push({ from: g.code, to: there.code, by: 'place', values: counts.get(g.code)! });
      continue;
    }
    refuse(
      `指标 ${g.code}（${g.name}）已录入 ${counts.get(g.code)} 个值，新方案在它的位置上换成了 ${there.code}（${there.name}），` +
        `无法判断是修改了编码还是换了一个指标。若是改编码，请在指标体系编辑器中直接修改编码后保存（或导入时注明 ${g.code}→${there.code}）；` +
        `若是换指标，请先删除 ${g.code} 并保存，再新增 ${there.code}`,
    );
  }

  // 3. A new code must not already hold values (left by a leaf removed earlier): no silent merge.
  for (const p of pairs) {
    const leftover = counts.get(p.to) ?? 0;
    if (leftover > 0 && !sources.has(p.to)) {
      refuse(`编码 ${p.to} 下已存有 ${leftover} 个以前录入的值（曾删除的指标留下），不能再把 ${p.from} 的值并入`);
    }
  }

  // Move: first to placeholders, then to the new codes, so that swaps (A↔B) and chains work.
  const year = after.year;
  const scheme = after.code;
  const hold = (code: string) => `\u0001改编码\u0001${code}`;
  for (const phase of [0, 1] as const) {
    for (const p of pairs) {
      const [from, to] = phase === 0 ? [p.from, hold(p.to)] : [hold(p.to), p.to];
      for (const table of KEYED_TABLES) {
        ctx.run(
          ctx.db
            .updateTable(table)
            .set({ indicator: to })
            .where('year', '=', year)
            .where('scheme', '=', scheme)
            .where('indicator', '=', from),
        );
      }
      // The cells inside an import's per-target history rows.
      renameInCellRows(ctx.raw, year, scheme, from, to);
    }
  }
  for (const p of pairs) {
    if (p.values === 0) continue;
    ctx.audit({
      action: '改编码',
      entity: 'value',
      key: `${year}/${scheme}/${p.from}`,
      old: { indicator: p.from },
      new: { indicator: p.to, values: p.values, by: p.by },
      reason: reason ?? `指标编码 ${p.from} 改为 ${p.to}，已录入的 ${p.values} 个值随之移到新编码`,
    });
  }
  return pairs.filter((p) => p.values > 0);
}
