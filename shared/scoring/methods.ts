/**
 * One compiled scorer per leaf: parameters parsed once, each call turns a value into the leaf's
 * score in cents (clamped to [0, w], rounded half-up once, exactly) and a trace a person can
 * check by hand. The formulas are scoring.md's "Methods" table.
 */
import type { Direction, IndicatorNode, Method, MethodType } from '../domain/types';
import { PLAN_NATURE_NAMES } from '../domain/types';
import {
  type Fx,
  FX_ZERO,
  at,
  centsOf,
  fmtCents,
  fxAbs,
  fxCents,
  fxAdd,
  fxCmp,
  fxMul,
  fxOf,
  fxSub,
  fxText,
  pow10,
  ratioText,
  roundDiv,
} from './fixed';

/** What the engine knows about the peers of a comparative leaf (rank, minmax, best). */
export interface PeerStats {
  /** Number of targets with a number for the leaf. */
  n: number;
  min: Fx;
  max: Fx;
  /** Rank of a value among the peers (ties share the best rank). */
  rankOf(x: Fx): number;
}

export interface LeafOutcome {
  cents: number;
  trace: string;
}

export interface CompiledLeaf {
  code: string;
  name: string;
  type: MethodType;
  direction: Direction;
  unit: string;
  weight: Fx;
  weightText: string;
  /** round2(weight) in cents: the score an N/A leaf gets under `full`, and the clamp ceiling. */
  wCents: number;
  /** Grade labels → fraction (grade leaves). */
  labels: Map<string, Fx> | null;
  comparative: boolean;
  /** The scheme's year (what a `pace` leaf expects depends on it). */
  year: number | undefined;
  /** Score a number (or, for `grade`, use scoreLabel). prev only for growth. */
  scoreNumber(x: Fx, xText: string, peers: PeerStats | null): LeafOutcome;
  scoreGrowth(x: Fx, xText: string, p: Fx, pText: string): LeafOutcome;
  scoreLabel(label: string): LeafOutcome | null;
  /** Value with its unit, for traces ("82.5%", "3 起"). */
  show(text: string): string;
}

/** w·Π(nums)/Π(dens) as a numerator/denominator pair of integers. */
function ratio(nums: Fx[], dens: Fx[]): [bigint, bigint] {
  let num = 1n;
  let den = 1n;
  let ne = 0;
  let de = 0;
  for (const a of nums) {
    num *= a.n;
    ne += a.e;
  }
  for (const b of dens) {
    den *= b.n;
    de += b.e;
  }
  // value = (num/10^ne) / (den/10^de)
  if (ne > de) den *= pow10(ne - de);
  else if (de > ne) num *= pow10(de - ne);
  return [num, den];
}

/**
 * What a `pace` leaf expects in the scheme's year (scoring.md): e = b + (t − b)·k/D with
 * D = targetYear − baseYear and k = year − baseYear (the year held inside the plan's span: before
 * the base year nothing is expected beyond the baseline, after the target year the target stays).
 * `met`: the baseline already meets the target, so the leaf is a threshold on t. Texts are shared
 * by the exact and the fast path so that both write the same trace.
 */
export interface PaceFrame {
  b: Fx;
  t: Fx;
  /** D and k as integers. */
  D: number;
  k: number;
  met: boolean;
  /** "2023 年应达 48.6（2020 年基线 24 → 2025 年目标 65）；" with units, nature first when given. */
  head: string;
  B: string;
  T: string;
  /** Expected value e as shown ("48.6", or "约 48.33" when it does not end within 6 places). */
  E: string;
}

/** Does a `pace` leaf's baseline already meet its target? Then it is scored as a threshold on the target. */
export function paceMet(
  m: Pick<Extract<Method, { type: 'pace' }>, 'baseline' | 'target'>,
  direction: Direction,
): boolean {
  const b = fxOf(m.baseline);
  const t = fxOf(m.target);
  return direction === 'lower' ? fxCmp(b, t) <= 0 : fxCmp(b, t) >= 0;
}

export function paceFrame(
  m: Extract<Method, { type: 'pace' }>,
  direction: Direction,
  year: number,
  show: (t: string) => string,
): PaceFrame {
  const b = fxOf(m.baseline);
  const t = fxOf(m.target);
  const D = m.targetYear - m.baseYear;
  const y = Math.min(Math.max(year, m.baseYear), m.targetYear);
  const k = y - m.baseYear;
  const met = paceMet(m, direction);
  const B = show(fxText(b));
  const T = show(fxText(t));
  // e = (b·D + (t − b)·k) / D exactly.
  const eNum = fxAdd(fxMul(b, { n: BigInt(D), e: 0 }), fxMul(fxSub(t, b), { n: BigInt(k), e: 0 }));
  let E: string | null = null;
  for (let d = 0; d <= 6 && E === null; d++) {
    const scaled = eNum.n * pow10(d);
    const den = BigInt(D) * pow10(eNum.e);
    if (scaled % den === 0n) E = fxText({ n: scaled / den, e: d });
  }
  if (E === null) E = `约 ${fxText({ n: roundDiv(eNum.n * 100n, BigInt(D) * pow10(eNum.e)), e: 2 })}`;
  E = show(E);
  const nature = m.nature ? `${PLAN_NATURE_NAMES[m.nature]}指标，` : '';
  const head = met
    ? `${nature}${m.baseYear} 年基线 ${B} 已达到 ${m.targetYear} 年目标 ${T}，按达标计分：`
    : `${nature}${year} 年应达 ${E}（${m.baseYear} 年基线 ${B} → ${m.targetYear} 年目标 ${T}）；`;
  return { b, t, D, k, met, head, B, T, E };
}

export function compileLeaf(leaf: IndicatorNode, weightOverride?: number, year?: number): CompiledLeaf {
  const method = leaf.method as Method;
  const direction: Direction = leaf.direction ?? 'higher';
  const unit = leaf.unit ?? '';
  const weight = fxOf(weightOverride ?? leaf.weight ?? 0);
  const weightText = fxText(weight);
  const wCents = fxCents(weight);
  const show = unit === '%' ? (t: string) => t + '%' : unit === '' ? (t: string) => t : (t: string) => `${t} ${unit}`;
  const W = `${weightText} 分`;
  const clampC = (c: number) => (c < 0 ? 0 : c > wCents ? wCents : c);
  const fin = (num: bigint, den: bigint) => clampC(centsOf(num, den));
  const full = (why: string): LeafOutcome => ({ cents: wCents, trace: `${why}，得满分 ${fmtCents(wCents)} 分` });
  const zero = (why: string): LeafOutcome => ({ cents: 0, trace: `${why}，得 0.00 分` });
  const higher = direction === 'higher';

  const base: Omit<CompiledLeaf, 'scoreNumber'> = {
    code: leaf.code,
    name: leaf.name,
    type: method.type,
    direction,
    unit,
    weight,
    weightText,
    wCents,
    labels: null,
    comparative: method.type === 'rank' || method.type === 'minmax' || method.type === 'best',
    year,
    scoreGrowth: () => {
      throw new Error('not growth');
    },
    scoreLabel: () => null,
    show,
  };

  switch (method.type) {
    case 'threshold': {
      const t = fxOf(method.target);
      const T = show(fxText(t));
      return {
        ...base,
        scoreNumber: (x, xt) => {
          const c = fxCmp(x, t);
          if (higher) return c >= 0 ? full(`实际 ${show(xt)} ≥ 目标 ${T}`) : zero(`实际 ${show(xt)} < 目标 ${T}`);
          return c <= 0 ? full(`实际 ${show(xt)} ≤ 目标 ${T}`) : zero(`实际 ${show(xt)} > 目标 ${T}`);
        },
      };
    }
    case 'ratio': {
      const t = fxOf(method.target);
      const T = show(fxText(t));
      return {
        ...base,
        scoreNumber: (x, xt) => {
          const X = show(xt);
          if (higher) {
            if (x.n <= 0n) return zero(`实际 ${X} ≤ 0`);
            if (fxCmp(x, t) >= 0) return full(`实际 ${X} ≥ 目标 ${T}`);
            const cents = fin(...ratio([weight, x], [t]));
            return { cents, trace: `实际 ${X} ÷ 目标 ${T} × ${W} = ${fmtCents(cents)} 分` };
          }
          if (fxCmp(x, t) <= 0) return full(`实际 ${X} ≤ 目标 ${T}`);
          const cents = fin(...ratio([weight, t], [x]));
          return { cents, trace: `目标 ${T} ÷ 实际 ${X} × ${W} = ${fmtCents(cents)} 分` };
        },
      };
    }
    case 'linear':
    case 'growth': {
      const t = fxOf(method.target);
      const f = fxOf(method.floor ?? 0);
      const c = method.ceiling == null ? t : fxOf(method.ceiling);
      const T = show(fxText(t));
      const F = show(fxText(f));
      const C = show(fxText(c));
      const tf = fxSub(t, f);
      const ct = fxSub(c, t);
      const linearOn = (x: Fx, X: string): LeafOutcome => {
        if (higher) {
          if (fxCmp(x, t) >= 0) return full(`实际 ${X} ≥ 目标 ${T}`);
          if (fxCmp(x, f) <= 0) return zero(`实际 ${X} ≤ 下限 ${F}`);
          const cents = fin(...ratio([weight, fxSub(x, f)], [tf]));
          return { cents, trace: `(实际 ${X} − 下限 ${F}) ÷ (目标 ${T} − 下限 ${F}) × ${W} = ${fmtCents(cents)} 分` };
        }
        if (fxCmp(x, t) <= 0) return full(`实际 ${X} ≤ 目标 ${T}`);
        if (fxCmp(x, c) >= 0) return zero(`实际 ${X} ≥ 上限 ${C}`);
        const cents = fin(...ratio([weight, fxSub(c, x)], [ct]));
        return { cents, trace: `(上限 ${C} − 实际 ${X}) ÷ (上限 ${C} − 目标 ${T}) × ${W} = ${fmtCents(cents)} 分` };
      };
      if (method.type === 'linear') return { ...base, scoreNumber: (x, xt) => linearOn(x, show(xt)) };
      // growth: g = (x − p) ÷ |p| × 100, then linear on g with t, f / c (all in %).
      const pct = (s: string) => s + '%';
      const T2 = pct(fxText(t));
      const F2 = pct(fxText(f));
      const C2 = pct(fxText(c));
      return {
        ...base,
        scoreNumber: () => {
          throw new Error('growth needs a baseline');
        },
        scoreGrowth: (x, xt, p, pt) => {
          const e = x.e > p.e ? x.e : p.e;
          const gNum = (at(x, e) - at(p, e)) * 100n; // g = gNum / gDen exactly
          const gDen = at(fxAbs(p), e);
          const G = pct(ratioText(gNum, gDen));
          const head = `增长率 (本年 ${show(xt)} − 上年 ${show(pt)}) ÷ |上年| × 100% = ${G}；`;
          // compare g with a parameter a: sign(gNum·10^a.e − a.n·gDen)
          const cmp = (a: Fx) => {
            const d = gNum * pow10(a.e) - a.n * gDen;
            return d < 0n ? -1 : d > 0n ? 1 : 0;
          };
          let out: LeafOutcome;
          if (higher) {
            if (cmp(t) >= 0) out = full(`${G} ≥ 目标 ${T2}`);
            else if (cmp(f) <= 0) out = zero(`${G} ≤ 下限 ${F2}`);
            else {
              // w·(g − f)/(t − f), g − f = (gNum·10^f.e − f.n·gDen) / (gDen·10^f.e)
              const num = weight.n * (gNum * pow10(f.e) - f.n * gDen) * pow10(tf.e);
              const den = pow10(weight.e) * gDen * pow10(f.e) * tf.n;
              const cents = fin(num, den);
              out = { cents, trace: `(${G} − 下限 ${F2}) ÷ (目标 ${T2} − 下限 ${F2}) × ${W} = ${fmtCents(cents)} 分` };
            }
          } else if (cmp(t) <= 0) out = full(`${G} ≤ 目标 ${T2}`);
          else if (cmp(c) >= 0) out = zero(`${G} ≥ 上限 ${C2}`);
          else {
            const num = weight.n * (c.n * gDen - gNum * pow10(c.e)) * pow10(ct.e);
            const den = pow10(weight.e) * gDen * pow10(c.e) * ct.n;
            const cents = fin(num, den);
            out = { cents, trace: `(上限 ${C2} − ${G}) ÷ (上限 ${C2} − 目标 ${T2}) × ${W} = ${fmtCents(cents)} 分` };
          }
          return { cents: out.cents, trace: head + out.trace };
        },
      };
    }
    case 'bands': {
      const bands = method.bands
        .map((b) => ({ bound: fxOf(b.bound), score: fxOf(b.score), text: show(String(b.bound)) }))
        .sort((a, b) => (higher ? fxCmp(b.bound, a.bound) : fxCmp(a.bound, b.bound)));
      return {
        ...base,
        scoreNumber: (x, xt) => {
          const X = show(xt);
          for (const b of bands) {
            if (higher ? fxCmp(x, b.bound) >= 0 : fxCmp(x, b.bound) <= 0) {
              const cents = clampC(fxCents(b.score));
              return { cents, trace: `实际 ${X} ${higher ? '≥' : '≤'} 档位 ${b.text}，得 ${fmtCents(cents)} 分` };
            }
          }
          return zero(`实际 ${X} 未达到任何档位`);
        },
      };
    }
    case 'deduct': {
      const t = fxOf(method.target);
      const per = fxOf(method.per ?? 1);
      const points = fxOf(method.points);
      const mode = method.mode ?? 'proportional';
      const T = show(fxText(t));
      const PER = fxText(per);
      const PTS = `${fxText(points)} 分`;
      return {
        ...base,
        scoreNumber: (x, xt) => {
          const X = show(xt);
          const gap = higher ? fxSub(t, x) : fxSub(x, t);
          if (gap.n <= 0n) return full(`实际 ${X} ${higher ? '≥' : '≤'} 目标 ${T}，不扣分`);
          const S = fxText(gap);
          let cents: number;
          let dedText: string;
          let unitsText: string;
          if (mode === 'proportional') {
            // w − points·s/per = (w·per − points·s) / per
            const top = fxSub(fxMul(weight, per), fxMul(points, gap));
            const [num, den] = ratio([top], [per]);
            cents = fin(num, den);
            const [dn, dd] = ratio([points, gap], [per]);
            dedText = ratioText(dn, dd);
            unitsText = PER === '1' ? S : `${S} ÷ ${PER}`;
          } else {
            const e = gap.e > per.e ? gap.e : per.e;
            const g = at(gap, e);
            const p = at(per, e);
            let units = g / p;
            if (mode === 'whole' && units * p < g) units += 1n;
            const ded = fxMul(points, { n: units, e: 0 });
            cents = clampC(fxCents(fxSub(weight, ded)));
            dedText = fxText(ded);
            unitsText = `${mode === 'whole' ? '⌈' : '⌊'}${S} ÷ ${PER}${mode === 'whole' ? '⌉' : '⌋'} = ${units}`;
          }
          return {
            cents,
            trace: `差距 ${S}（目标 ${T}，实际 ${X}）；扣分 ${unitsText} × ${PTS} = ${dedText} 分；${W} − ${dedText} 分 = ${fmtCents(cents)} 分`,
          };
        },
      };
    }
    case 'rank': {
      const step = method.mode === 'step' ? fxOf(method.step ?? 0) : null;
      return {
        ...base,
        scoreNumber: (x, _xt, peers) => {
          const n = peers!.n;
          const r = peers!.rankOf(x);
          const head = `第 ${r} 名（共 ${n} 个）：`;
          if (step) {
            const cents = clampC(fxCents(fxSub(weight, fxMul(step, { n: BigInt(r - 1), e: 0 }))));
            return { cents, trace: `${head}${W} − (${r} − 1) × ${fxText(step)} 分 = ${fmtCents(cents)} 分` };
          }
          if (n === 1) return full(`${head}仅 1 个对象`);
          const cents = fin(...ratio([weight, { n: BigInt(n - r), e: 0 }], [{ n: BigInt(n - 1), e: 0 }]));
          return { cents, trace: `${head}${W} × (${n} − ${r}) ÷ (${n} − 1) = ${fmtCents(cents)} 分` };
        },
      };
    }
    case 'minmax':
      return {
        ...base,
        scoreNumber: (x, xt, peers) => {
          const { min, max } = peers!;
          const X = show(xt);
          const MIN = show(fxText(min));
          const MAX = show(fxText(max));
          const span = fxSub(max, min);
          if (span.n === 0n) return full(`各对象数值相同（均为 ${X}）`);
          const cents = fin(...ratio([weight, higher ? fxSub(x, min) : fxSub(max, x)], [span]));
          const expr = higher ? `(实际 ${X} − 最小 ${MIN})` : `(最大 ${MAX} − 实际 ${X})`;
          return { cents, trace: `${expr} ÷ (最大 ${MAX} − 最小 ${MIN}) × ${W} = ${fmtCents(cents)} 分` };
        },
      };
    case 'best':
      return {
        ...base,
        scoreNumber: (x, xt, peers) => {
          const X = show(xt);
          if (peers!.n === 1) return full(`仅 1 个对象参与比较`);
          if (higher) {
            const MAX = show(fxText(peers!.max));
            if (peers!.max.n <= 0n) return zero(`最优值 ${MAX} ≤ 0`);
            const cents = fin(...ratio([weight, x], [peers!.max]));
            return { cents, trace: `实际 ${X} ÷ 最优 ${MAX} × ${W} = ${fmtCents(cents)} 分` };
          }
          if (x.n <= 0n) return full(`实际 ${X} ≤ 0`);
          const MIN = show(fxText(peers!.min));
          const cents = fin(...ratio([weight, peers!.min], [x]));
          return { cents, trace: `最优 ${MIN} ÷ 实际 ${X} × ${W} = ${fmtCents(cents)} 分` };
        },
      };
    case 'grade': {
      const labels = new Map<string, Fx>();
      for (const [k, v] of Object.entries(method.labels)) labels.set(k, fxOf(v));
      const byLabel = new Map<string, LeafOutcome>();
      return {
        ...base,
        labels,
        scoreNumber: () => {
          throw new Error('grade needs a label');
        },
        // Few labels: one outcome (and one trace string) per label, shared by every target.
        scoreLabel: (label) => {
          const known = byLabel.get(label);
          if (known) return known;
          const fr = labels.get(label);
          if (!fr) return null;
          const cents = clampC(fxCents(fxMul(weight, fr)));
          const o = { cents, trace: `等级「${label}」：系数 ${fxText(fr)} × ${W} = ${fmtCents(cents)} 分` };
          byLabel.set(label, o);
          return o;
        },
      };
    }
    case 'manual':
      return {
        ...base,
        scoreNumber: (x, xt) => {
          const cents = clampC(fxCents(x));
          const note = fxCmp(x, FX_ZERO) < 0 || fxCmp(x, weight) > 0 ? `（超出 0～${weightText} 分，按边界计）` : '';
          return { cents, trace: `直接评分 ${xt} 分${note}，得 ${fmtCents(cents)} 分` };
        },
      };
    case 'monitor':
      return {
        ...base,
        scoreNumber: () => ({ cents: 0, trace: '' }),
      };
    case 'pace': {
      const f = paceFrame(method, direction, year ?? method.targetYear, show);
      const { b, t, head, B, T, E } = f;
      const D: Fx = { n: BigInt(f.D), e: 0 };
      const K: Fx = { n: BigInt(f.k), e: 0 };
      // e·D, to compare x·D with it exactly.
      const eD = fxAdd(fxMul(b, D), fxMul(fxSub(t, b), K));
      const wrap = (o: LeafOutcome): LeafOutcome => ({ cents: o.cents, trace: head + o.trace });
      return {
        ...base,
        scoreNumber: (x, xt) => {
          const X = show(xt);
          if (f.met) {
            const c = fxCmp(x, t);
            if (higher) return wrap(c >= 0 ? full(`实际 ${X} ≥ 目标 ${T}`) : zero(`实际 ${X} < 目标 ${T}`));
            return wrap(c <= 0 ? full(`实际 ${X} ≤ 目标 ${T}`) : zero(`实际 ${X} > 目标 ${T}`));
          }
          const cx = fxCmp(fxMul(x, D), eD);
          if (higher) {
            if (cx >= 0) return wrap(full(`实际 ${X} ≥ 应达 ${E}`));
            if (fxCmp(x, b) <= 0) return wrap(zero(`实际 ${X} ≤ 基线 ${B}`));
            // w·(x − b)/(e − b) = w·(x − b)·D / ((t − b)·k)
            const cents = fin(...ratio([weight, fxSub(x, b), D], [fxSub(t, b), K]));
            return wrap({
              cents,
              trace: `(实际 ${X} − 基线 ${B}) ÷ (应达 ${E} − 基线 ${B}) × ${W} = ${fmtCents(cents)} 分`,
            });
          }
          if (cx <= 0) return wrap(full(`实际 ${X} ≤ 应达 ${E}`));
          if (fxCmp(x, b) >= 0) return wrap(zero(`实际 ${X} ≥ 基线 ${B}`));
          const cents = fin(...ratio([weight, fxSub(b, x), D], [fxSub(b, t), K]));
          return wrap({
            cents,
            trace: `(基线 ${B} − 实际 ${X}) ÷ (基线 ${B} − 应达 ${E}) × ${W} = ${fmtCents(cents)} 分`,
          });
        },
      };
    }
  }
}
