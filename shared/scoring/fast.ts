/**
 * A filtered fast path for leaf scores: the same cases and traces as methods.ts, computed in binary
 * doubles and accepted only when the double is provably on the same side of every rounding
 * boundary as the exact value; otherwise it returns null and the caller uses the exact path.
 *
 * Why this is exact: values and parameters with ≤ 15 significant digits convert to doubles that
 * keep their order and equality, so every comparison (x ≥ t, ranks, min/max) is exact; a score
 * q = w·x/t … takes a handful of operations, so |q_double − q| < 10⁻⁷ cents while |q| < 10⁸ cents,
 * and half-up rounding to cents can only change at a half-cent: if q_double is more than 10⁻⁶
 * cents away from one, rounding it gives the exact answer. Near a half-cent (1.005, 4.005 …) the
 * exact BigInt path decides.
 */
import type { IndicatorNode, Method } from '../domain/types';
import { type CompiledLeaf, paceFrame } from './methods';
import { centsText } from './fixed';

/** Peers of a comparative leaf, as doubles (only when every peer's text is short enough). */
export interface FastPeers {
  n: number;
  min: number;
  max: number;
  minText: string;
  maxText: string;
  /** Ascending. */
  sorted: Float64Array;
}

const MARGIN = 1e-6;
const LIMIT = 1e8;

/** Half-up cents of q (≥ 0 side), or NaN when too close to a half-cent to trust the double. */
export function roundQ(q: number): number {
  const h = q * 100;
  if (h < 0) return 0;
  if (!(h < LIMIT)) return NaN;
  const fl = Math.floor(h);
  const d = h - fl - 0.5;
  if (d > -MARGIN && d < MARGIN) return NaN;
  return d > 0 ? fl + 1 : fl;
}

/** A decimal text short enough (≤ 15 significant digits) for exact double comparisons. */
export function shortDecimal(s: string): boolean {
  return s.length <= 15;
}

/**
 * The double of a short plain decimal ("-82.57"), or NaN. m / 10^e with both exact is one
 * correctly rounded division, so this equals Number(s), without the generic parser's cost.
 */
const P10D = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
export function shortDecimalValue(s: string): number {
  const n = s.length;
  if (n === 0 || n > 15) return NaN;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
  }
  let m = 0;
  let e = -1;
  let digits = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (e >= 0) e++;
    } else if (c === 46 && e < 0) e = 0;
    else return NaN;
  }
  if (digits === 0 || e === 0) return NaN;
  const v = e > 0 ? m / P10D[e] : m;
  return neg ? -v : v;
}

/**
 * A fast scorer returns the trace, or null to defer to the exact path; the cents go to
 * `fastCents.value` (no result object per cell: 1.5 M of them would only feed the collector).
 */
export type FastScorer = (xv: number, xt: string, peers: FastPeers | null) => string | null;
export const fastCents = { value: 0 };

/** The fast scorer of a leaf, or null for methods without one (growth, grade, monitor). */
export function compileFast(leaf: IndicatorNode, c: CompiledLeaf, weightOverride?: number): FastScorer | null {
  const m = leaf.method as Method;
  const w = weightOverride ?? leaf.weight ?? 0;
  const params: number[] = [w];
  const add = (v: number | undefined | null) => {
    if (v != null) params.push(v);
  };
  if ('target' in m) add(m.target);
  if (m.type === 'linear') {
    add(m.floor);
    add(m.ceiling);
  }
  if (m.type === 'deduct') {
    add(m.per);
    add(m.points);
  }
  if (m.type === 'rank') add(m.step);
  if (m.type === 'bands') for (const b of m.bands) add(b.bound);
  if (m.type === 'pace') add(m.baseline);
  if (!params.every((p) => shortDecimal(String(p)) && !/e/i.test(String(p)))) return null;

  const wC = c.wCents;
  const W = `${c.weightText} 分`;
  const show = c.show;
  /** What follows a value in a trace: "%" or " 人次" or nothing (as show() adds). */
  const U = show('');
  const higher = c.direction === 'higher';
  const clamp = (x: number) => (x < 0 ? 0 : x > wC ? wC : x);
  const full = (why: string): string => {
    fastCents.value = wC;
    return `${why}，得满分 ${centsText(wC)} 分`;
  };
  const zero = (why: string): string => {
    fastCents.value = 0;
    return `${why}，得 0.00 分`;
  };
  const out = (cents: number, trace: string): string => {
    fastCents.value = cents;
    return trace;
  };

  switch (m.type) {
    // Traces are glued from few pieces: the constant parts are built once per leaf.
    case 'threshold': {
      const t = m.target;
      const T = show(String(t));
      const FULL = higher
        ? `${U} ≥ 目标 ${T}，得满分 ${centsText(wC)} 分`
        : `${U} ≤ 目标 ${T}，得满分 ${centsText(wC)} 分`;
      const ZERO = higher ? `${U} < 目标 ${T}，得 0.00 分` : `${U} > 目标 ${T}，得 0.00 分`;
      return (x, xt) =>
        out(higher ? (x >= t ? wC : 0) : x <= t ? wC : 0, '实际 ' + xt + ((higher ? x >= t : x <= t) ? FULL : ZERO));
    }
    case 'ratio': {
      const t = m.target;
      const T = show(String(t));
      const LE0 = `${U} ≤ 0，得 0.00 分`;
      const FULL = `${U} ${higher ? '≥' : '≤'} 目标 ${T}，得满分 ${centsText(wC)} 分`;
      const MID = `${U} ÷ 目标 ${T} × ${W} = `;
      const HEAD = `目标 ${T} ÷ 实际 `;
      const MID2 = `${U} × ${W} = `;
      return (x, xt) => {
        if (higher) {
          if (x <= 0) return out(0, '实际 ' + xt + LE0);
          if (x >= t) return out(wC, '实际 ' + xt + FULL);
          const q = roundQ((w * x) / t);
          if (q !== q) return null;
          const cents = clamp(q);
          return out(cents, '实际 ' + xt + MID + centsText(cents) + ' 分');
        }
        if (x <= t) return out(wC, '实际 ' + xt + FULL);
        const q = roundQ((w * t) / x);
        if (q !== q) return null;
        const cents = clamp(q);
        return out(cents, HEAD + xt + MID2 + centsText(cents) + ' 分');
      };
    }
    case 'linear': {
      const t = m.target;
      const f = m.floor ?? 0;
      const cc = m.ceiling ?? t;
      const T = show(String(t));
      const F = show(String(f));
      const C = show(String(cc));
      const FULL = `${U} ${higher ? '≥' : '≤'} 目标 ${T}，得满分 ${centsText(wC)} 分`;
      const ZERO = higher ? `${U} ≤ 下限 ${F}，得 0.00 分` : `${U} ≥ 上限 ${C}，得 0.00 分`;
      const MID = higher
        ? `${U} − 下限 ${F}) ÷ (目标 ${T} − 下限 ${F}) × ${W} = `
        : `${U}) ÷ (上限 ${C} − 目标 ${T}) × ${W} = `;
      const HEAD = higher ? '(实际 ' : `(上限 ${C} − 实际 `;
      return (x, xt) => {
        if (higher) {
          if (x >= t) return out(wC, '实际 ' + xt + FULL);
          if (x <= f) return out(0, '实际 ' + xt + ZERO);
          const q = roundQ((w * (x - f)) / (t - f));
          if (q !== q) return null;
          const cents = clamp(q);
          return out(cents, HEAD + xt + MID + centsText(cents) + ' 分');
        }
        if (x <= t) return out(wC, '实际 ' + xt + FULL);
        if (x >= cc) return out(0, '实际 ' + xt + ZERO);
        const q = roundQ((w * (cc - x)) / (cc - t));
        if (q !== q) return null;
        const cents = clamp(q);
        return out(cents, HEAD + xt + MID + centsText(cents) + ' 分');
      };
    }
    case 'bands': {
      const bands = m.bands
        .map((b) => ({ bound: b.bound, cents: clamp(roundQ(b.score)), text: show(String(b.bound)) }))
        .sort((a, b) => (higher ? b.bound - a.bound : a.bound - b.bound));
      if (bands.some((b) => b.cents !== b.cents)) return null;
      return (x, xt) => {
        const X = show(xt);
        for (const b of bands) {
          if (higher ? x >= b.bound : x <= b.bound)
            return out(b.cents, `实际 ${X} ${higher ? '≥' : '≤'} 档位 ${b.text}，得 ${centsText(b.cents)} 分`);
        }
        return zero(`实际 ${X} 未达到任何档位`);
      };
    }
    case 'deduct': {
      const t = m.target;
      const per = m.per ?? 1;
      const points = m.points;
      const mode = m.mode ?? 'proportional';
      const T = show(String(t));
      const PER = String(per);
      const PTS = `${points} 分`;
      const pointsInCents = decimalsOf(String(points)) <= 2;
      const dt = decimalsOf(String(t));
      const dp = decimalsOf(String(per));
      return (x, xt) => {
        const X = show(xt);
        if (higher ? x >= t : x <= t) return full(`实际 ${X} ${higher ? '≥' : '≤'} 目标 ${T}，不扣分`);
        // The gap's text must be exact: it is shown. Leave unusual ones to the exact path.
        const s = higher ? t - x : x - t;
        const gap = gapOf(t, x, xt, higher, per, dt, dp);
        if (gap === null) return null;
        const S = scaledText(gap.g, gap.d);
        let cents: number;
        let dedText: string;
        let unitsText: string;
        if (mode === 'proportional') {
          const ded = (points * s) / per;
          const q = roundQ(w - ded);
          const dq = roundQ(ded);
          if (q !== q || dq !== dq) return null;
          cents = clamp(q);
          dedText = trimCents(dq);
          unitsText = PER === '1' ? S : `${S} ÷ ${PER}`;
        } else {
          // units from the exact scaled integers: ⌈g/p⌉ or ⌊g/p⌋
          let units = Math.floor(gap.g / gap.p);
          if (units * gap.p > gap.g) units--;
          else if ((units + 1) * gap.p <= gap.g) units++;
          if (mode === 'whole' && units * gap.p < gap.g) units++;
          const ded = points * units;
          const q = roundQ(w - ded);
          const dq = roundQ(ded);
          if (q !== q || dq !== dq || !pointsInCents) return null;
          cents = clamp(q);
          dedText = trimCents(dq);
          unitsText = `${mode === 'whole' ? '⌈' : '⌊'}${S} ÷ ${PER}${mode === 'whole' ? '⌉' : '⌋'} = ${units}`;
        }
        return out(
          cents,
          `差距 ${S}（目标 ${T}，实际 ${X}）；扣分 ${unitsText} × ${PTS} = ${dedText} 分；${W} − ${dedText} 分 = ${centsText(cents)} 分`,
        );
      };
    }
    case 'rank': {
      const step = m.mode === 'step' ? (m.step ?? 0) : null;
      return (x, _xt, peers) => {
        if (!peers) return null;
        const n = peers.n;
        const r = rankIn(peers.sorted, x, higher);
        const head = `第 ${r} 名（共 ${n} 个）：`;
        if (step !== null) {
          const q = roundQ(w - (r - 1) * step);
          if (q !== q) return null;
          const cents = clamp(q);
          return out(cents, `${head}${W} − (${r} − 1) × ${step} 分 = ${centsText(cents)} 分`);
        }
        if (n === 1) return full(`${head}仅 1 个对象`);
        const q = roundQ((w * (n - r)) / (n - 1));
        if (q !== q) return null;
        const cents = clamp(q);
        return out(cents, `${head}${W} × (${n} − ${r}) ÷ (${n} − 1) = ${centsText(cents)} 分`);
      };
    }
    case 'minmax':
      return (x, xt, peers) => {
        if (!peers) return null;
        const X = show(xt);
        const MIN = show(peers.minText);
        const MAX = show(peers.maxText);
        if (peers.max === peers.min) return full(`各对象数值相同（均为 ${X}）`);
        const q = roundQ((w * (higher ? x - peers.min : peers.max - x)) / (peers.max - peers.min));
        if (q !== q) return null;
        const cents = clamp(q);
        const expr = higher ? `(实际 ${X} − 最小 ${MIN})` : `(最大 ${MAX} − 实际 ${X})`;
        return out(cents, `${expr} ÷ (最大 ${MAX} − 最小 ${MIN}) × ${W} = ${centsText(cents)} 分`);
      };
    case 'best':
      return (x, xt, peers) => {
        if (!peers) return null;
        const X = show(xt);
        if (peers.n === 1) return full(`仅 1 个对象参与比较`);
        if (higher) {
          const MAX = show(peers.maxText);
          if (peers.max <= 0) return zero(`最优值 ${MAX} ≤ 0`);
          const q = roundQ((w * x) / peers.max);
          if (q !== q) return null;
          const cents = clamp(q);
          return out(cents, `实际 ${X} ÷ 最优 ${MAX} × ${W} = ${centsText(cents)} 分`);
        }
        if (x <= 0) return full(`实际 ${X} ≤ 0`);
        const q = roundQ((w * peers.min) / x);
        if (q !== q) return null;
        const cents = clamp(q);
        return out(cents, `最优 ${show(peers.minText)} ÷ 实际 ${X} × ${W} = ${centsText(cents)} 分`);
      };
    case 'manual':
      return (x, xt) => {
        const q = roundQ(x < 0 ? 0 : x);
        if (q !== q) return null;
        const cents = clamp(q);
        const note = x < 0 || x > w ? `（超出 0～${c.weightText} 分，按边界计）` : '';
        return out(cents, `直接评分 ${xt} 分${note}，得 ${centsText(cents)} 分`);
      };
    case 'pace': {
      const f = paceFrame(m, c.direction, c.year ?? m.targetYear, show);
      const { head, B, T, E } = f;
      const b = m.baseline;
      const t = m.target;
      const D = f.D;
      const k = f.k;
      const rhs = b * D + (t - b) * k; // e·D
      const FULL = `${U} ${higher ? '≥' : '≤'} ${f.met ? `目标 ${T}` : `应达 ${E}`}，得满分 ${centsText(wC)} 分`;
      if (f.met) {
        const ZERO = `${U} ${higher ? '<' : '>'} 目标 ${T}，得 0.00 分`;
        return (x, xt) => {
          const ok = higher ? x >= t : x <= t;
          return out(ok ? wC : 0, head + '实际 ' + xt + (ok ? FULL : ZERO));
        };
      }
      const ZERO = `${U} ${higher ? '≤' : '≥'} 基线 ${B}，得 0.00 分`;
      const MID = higher
        ? `${U} − 基线 ${B}) ÷ (应达 ${E} − 基线 ${B}) × ${W} = `
        : `${U}) ÷ (基线 ${B} − 应达 ${E}) × ${W} = `;
      const HEAD = head + (higher ? '(实际 ' : `(基线 ${B} − 实际 `);
      return (x, xt) => {
        // x·D against e·D: doubles decide only when clearly apart (e may not be a short decimal).
        const lhs = x * D;
        const diff = lhs - rhs;
        if (Math.abs(diff) < 1e-9 * (Math.abs(lhs) + Math.abs(rhs) + 1)) return null;
        if (higher ? diff > 0 : diff < 0) return out(wC, head + '实际 ' + xt + FULL);
        if (higher ? x <= b : x >= b) return out(0, head + '实际 ' + xt + ZERO);
        const q = roundQ(higher ? (w * (x - b) * D) / ((t - b) * k) : (w * (b - x) * D) / ((b - t) * k));
        if (q !== q) return null;
        const cents = clamp(q);
        return out(cents, HEAD + xt + MID + centsText(cents) + ' 分');
      };
    }
    default:
      return null;
  }
}

/** Rank of x among ascending doubles: ties share the best rank. */
function rankIn(sorted: Float64Array, x: number, higher: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (higher ? sorted[mid] <= x : sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return higher ? 1 + (sorted.length - lo) : 1 + lo;
}

/** "8.65" from 865 cents, trailing zeros dropped ("1", "1.5", "1.35"), as fxText would show it. */
function trimCents(c: number): string {
  if (c % 100 === 0) return String(c / 100);
  if (c % 10 === 0) return `${Math.floor(c / 100)}.${(c % 100) / 10}`;
  return centsText(c);
}

/**
 * The gap |t − x| and per as integers at a common scale d (at most 6 decimals), exactly; null for
 * anything less ordinary (left to the exact path).
 */
function gapOf(
  t: number,
  x: number,
  xt: string,
  higher: boolean,
  per: number,
  dt: number,
  dp: number,
): { g: number; p: number; d: number } | null {
  const dx = decimalsOf(xt);
  const d = Math.max(dx, dt, dp);
  if (d > 6 || dx < 0 || dt < 0 || dp < 0) return null;
  const k = 10 ** d;
  const a = Math.round(t * k);
  const b = Math.round(x * k);
  const p = Math.round(per * k);
  if (Math.abs(a) > 1e14 || Math.abs(b) > 1e14 || p > 1e14 || p <= 0) return null;
  return { g: higher ? a - b : b - a, p, d };
}

function decimalsOf(s: string): number {
  if (s.includes('e') || s.includes('E')) return -1;
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

export function scaledText(n: number, d: number): string {
  const neg = n < 0;
  let s = String(neg ? -n : n);
  if (d > 0) {
    if (s.length <= d) s = '0'.repeat(d - s.length + 1) + s;
    s = `${s.slice(0, s.length - d)}.${s.slice(s.length - d)}`.replace(/\.?0+$/, '');
  }
  return (neg ? '-' : '') + s;
}
