/**
 * Fund allocation by results and the insurance surplus split — finance.md.
 * Every split works in integer fen with the largest-remainder method, so the parts add up to the
 * amount exactly: floor every share to the fen, then one fen each to the largest remainders.
 */
import type { GradeBand } from '../domain/types';
import { Decimal } from '../decimal';
import { fenToYuan, parseAmount, parseFenAmount, toScaledInt, yuanToFen } from './money';

/**
 * Splits `totalFen` in proportion to integer weights. `tieBefore(a, b) < 0` puts part a first among
 * equal remainders. Remainders are compared exactly (numerator mod Σ weights).
 */
export function largestRemainder(
  totalFen: bigint,
  weights: bigint[],
  tieBefore: (a: number, b: number) => number,
): bigint[] {
  const sumW = weights.reduce((s, w) => s + w, 0n);
  if (sumW <= 0n) throw new Error('权重合计为 0，无法按比例分配');
  const floors = weights.map((w) => (totalFen * w) / sumW);
  const remainders = weights.map((w) => (totalFen * w) % sumW);
  let left = totalFen - floors.reduce((s, f) => s + f, 0n);
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = remainders[a]!;
      const rb = remainders[b]!;
      if (ra !== rb) return ra > rb ? -1 : 1;
      return tieBefore(a, b);
    });
  for (const i of order) {
    if (left <= 0n) break;
    floors[i] = floors[i]! + 1n;
    left -= 1n;
  }
  return floors;
}

/** Decimals → integer weights over one common power of ten. */
function scaleAll(ds: Decimal[]): bigint[] {
  const scale = Math.max(0, ...ds.map((d) => d.decimalPlaces()));
  return ds.map((d) => toScaledInt(d, scale));
}

export interface AllocationParticipant {
  target: string;
  /** The target's rounded total. */
  total: string;
  /** 服务人口、床位 … ; "1" when none. */
  factor: string;
}

export interface AllocatedPart {
  target: string;
  total: string;
  factor: string;
  /** Yuan with 2 decimals. */
  amount: string;
}

/**
 * Pool F over the participants: weight = total · factor, share = F · weight ÷ Σ weight, to the fen
 * by largest remainder; equal remainders go to the higher total, then the smaller target code.
 * Parts come back in the participants' order and add up to F exactly.
 * Throws (Chinese message) when nobody takes part, Σ weight is 0, F is not a non-negative amount
 * in fen, a total/factor is invalid, or a target appears twice.
 */
export function allocateFund(i: { amount: string; participants: AllocationParticipant[] }): AllocatedPart[] {
  const pool = parseFenAmount(i.amount, '待分配资金');
  if (i.participants.length === 0) throw new Error('没有参与分配的考核对象，无法按考核结果分配资金');
  const seen = new Set<string>();
  for (const p of i.participants) {
    if (seen.has(p.target)) throw new Error(`考核对象 ${p.target} 在分配名单中重复出现`);
    seen.add(p.target);
  }
  const totals = i.participants.map((p) => parseAmount(p.total, `考核对象 ${p.target} 的考核得分`));
  const factors = i.participants.map((p) => parseAmount(p.factor, `考核对象 ${p.target} 的分配系数`));
  const weights = totals.map((t, k) => t.times(factors[k]!));
  if (weights.every((w) => w.isZero())) {
    throw new Error('参与分配的考核对象得分×系数合计为 0，无法按考核结果分配资金');
  }
  const fen = largestRemainder(yuanToFen(pool), scaleAll(weights), (a, b) => {
    const c = totals[b]!.comparedTo(totals[a]!);
    if (c !== 0) return c; // higher total first
    const ta = i.participants[a]!.target;
    const tb = i.participants[b]!.target;
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
  return i.participants.map((p, k) => ({
    target: p.target,
    total: p.total,
    factor: p.factor,
    amount: fenToYuan(fen[k]!),
  }));
}

/** A result as allocationParticipants reads it (TargetResult fits). */
export interface AllocationResultRef {
  target: string;
  name?: string;
  total: string;
  grade: string;
  veto?: string | null;
  flags?: readonly string[];
}

export interface ParticipantsChoice {
  participants: (AllocationParticipant & { name: string })[];
  excluded: { target: string; name: string; reason: string }[];
  excludedGrades: string[];
  /** Factor keys that match no result (to warn about; they take no part). */
  unknownFactorTargets: string[];
}

const DEFAULT_LAST_BAND = '不合格';

/**
 * Who takes part in a fund allocation. Excluded: vetoed targets, always; and the grades in
 * `excludeGrades` — by default the scheme's last band (from `grades`, else 不合格). Pass
 * `excludeGrades: []` to let every grade take part. `factors` maps target → factor (default "1").
 */
export function allocationParticipants(
  results: readonly AllocationResultRef[],
  opts: {
    excludeGrades?: string[];
    factors?: Record<string, string>;
    grades?: readonly Pick<GradeBand, 'name'>[];
  } = {},
): ParticipantsChoice {
  const lastBand =
    opts.grades && opts.grades.length > 0 ? opts.grades[opts.grades.length - 1]!.name : DEFAULT_LAST_BAND;
  const excludedGrades = opts.excludeGrades ?? [lastBand];
  const factors = opts.factors ?? {};
  const participants: ParticipantsChoice['participants'] = [];
  const excluded: ParticipantsChoice['excluded'] = [];
  for (const r of results) {
    const name = r.name ?? r.target;
    const vetoed = (r.veto !== undefined && r.veto !== null) || (r.flags?.includes('VETO') ?? false);
    if (vetoed) {
      excluded.push({ target: r.target, name, reason: '一票否决，不参与分配' });
      continue;
    }
    if (excludedGrades.includes(r.grade)) {
      excluded.push({ target: r.target, name, reason: `考核等级为“${r.grade}”，不参与分配` });
      continue;
    }
    const raw = Object.prototype.hasOwnProperty.call(factors, r.target) ? factors[r.target]! : '1';
    const factor = parseAmount(raw, `考核对象 ${r.target} 的分配系数`).toFixed();
    participants.push({ target: r.target, name, total: r.total, factor });
  }
  const known = new Set(results.map((r) => r.target));
  const unknownFactorTargets = Object.keys(factors).filter((t) => !known.has(t));
  return { participants, excluded, excludedGrades, unknownFactorTargets };
}

/**
 * Splits an amount (yuan, ≤ 2 decimals) by ratios, e.g. ["40", "60"] or ["6", "3", "1"], to the fen
 * by largest remainder; equal remainders go to the earlier part. Parts add up to the amount exactly.
 */
export function splitByRatios(amount: string, ratios: string[]): string[] {
  const total = parseFenAmount(amount, '待分配金额');
  if (ratios.length === 0) throw new Error('分配比例不能为空');
  const rs = ratios.map((r, k) => parseAmount(r, `第 ${k + 1} 个分配比例`));
  if (rs.every((r) => r.isZero())) throw new Error('分配比例合计为 0，无法按比例分配');
  const fen = largestRemainder(yuanToFen(total), scaleAll(rs), (a, b) => a - b);
  return fen.map(fenToYuan);
}

export interface SurplusSplit {
  /** 发展基金 and 人员薪酬: development/staff split of S (default 40 : 60). */
  development: string;
  staff: string;
  /** County/township/village split of S for per-capita packages (default 6 : 3 : 1). */
  county: string;
  township: string;
  village: string;
}

/**
 * Insurance surplus (医保结余资金) S: both splits of finance.md, each applied to the whole S and
 * each adding up to S exactly.
 */
export function splitSurplus(
  surplus: string,
  opts: { devStaff?: [string, string]; tiers?: [string, string, string] } = {},
): SurplusSplit {
  const [development, staff] = splitByRatios(surplus, opts.devStaff ?? ['40', '60']) as [string, string];
  const [county, township, village] = splitByRatios(surplus, opts.tiers ?? ['6', '3', '1']) as [string, string, string];
  return { development, staff, county, township, village };
}

/**
 * A split typed as "40:60" or "6:3:1" (also ：, /, 比) → its parts. Each part a non-negative number,
 * `n` parts, summing to a positive whole (40:0 is a split, 0:0 is not). Throws a Chinese message
 * naming `what`.
 */
export function parseRatios(text: string, n: number, what: string): string[] {
  const t = text.trim();
  const parts = t.split(/\s*[:：/比]\s*/);
  if (t === '' || parts.length !== n) {
    throw new Error(`${what}“${text}”应为 ${n} 个用冒号分隔的数，如 ${n === 2 ? '40:60' : '6:3:1'}`);
  }
  const ds = parts.map((p) => {
    if (!/^\d+(\.\d+)?$/.test(p)) throw new Error(`${what}“${text}”中的“${p}”不是非负数`);
    return new Decimal(p);
  });
  if (ds.every((d) => d.isZero())) throw new Error(`${what}“${text}”合计为 0，无法按比例分配`);
  return ds.map((d) => d.toFixed());
}

export interface SurplusPart {
  amount: string;
  development: string;
  staff: string;
}

export interface SurplusTierSplit extends SurplusPart {
  /** null, or the per-capita tiers, each split again development/staff. */
  tiers: { county: SurplusPart; township: SurplusPart; village: SurplusPart } | null;
}

/**
 * Insurance surplus S (seed 000 第20条): development/staff (default 40 : 60) of S, and, for a
 * per-capita package (`tiers` given, e.g. 6 : 3 : 1), county/township/village parts of S each split
 * development/staff the same way. Every split by largest remainder to the fen, ties to the earlier
 * part, so each split adds up to what it splits.
 */
export function splitSurplusTiers(
  amount: string,
  opts: { split?: string[]; tiers?: string[] | null } = {},
): SurplusTierSplit {
  const total = parseFenAmount(amount, '医保结余资金').toFixed(2);
  const split = opts.split ?? ['40', '60'];
  const part = (a: string): SurplusPart => {
    const [development, staff] = splitByRatios(a, split) as [string, string];
    return { amount: a, development, staff };
  };
  const top = part(total);
  if (!opts.tiers) return { ...top, tiers: null };
  const [county, township, village] = splitByRatios(total, opts.tiers) as [string, string, string];
  return { ...top, tiers: { county: part(county), township: part(township), village: part(village) } };
}
