/**
 * scoreScheme: values → results, exactly as scoring.md "From indicator scores to a result".
 * All arithmetic is exact (integers in cents or BigInt fixed point, see fixed.ts); every leaf score
 * is rounded half-up to 2 places once, and every later sum uses those rounded scores.
 */
import { FLAG_NAMES, METHOD_NAMES } from '../domain/types';
import type {
  Adjustment,
  DimensionResult,
  Flag,
  IndicatorNode,
  IndicatorResult,
  Problem,
  Scheme,
  SchemeResult,
  TargetResult,
  Value,
  Veto,
} from '../domain/types';
import { leaves, normalizeScheme } from '../scheme/validate';
import {
  type Fx,
  FX_ZERO,
  at,
  centsText,
  isDecimalText,
  fmtCents,
  fxAdd,
  fxCents,
  fxCmp,
  fxOf,
  fxText,
  parseFx,
  pow10,
  roundDiv,
} from './fixed';
import { type CompiledLeaf, type PeerStats, compileLeaf } from './methods';
import { growthBaseline } from './baseline';
import { type FastPeers, type FastScorer, compileFast, fastCents, shortDecimal, shortDecimalValue } from './fast';

export interface ScoreInput {
  /** A valid scheme (callers check validateScheme first). */
  scheme: Scheme;
  /** Active targets of scheme.targetKind; each gets a result. */
  targets: { code: string; name: string }[];
  /** target code → leaf code → value (absent = missing). */
  values: Map<string, Map<string, Value>>;
  /** Same-code scheme one year earlier (growth baseline, monitor comparison). */
  previousValues?: Map<string, Map<string, Value>>;
  /**
   * Kept 上年数 of growth leaves (target → leaf → value): growth's baseline where the previous
   * year has no stored value (shared/scoring/baseline.ts).
   */
  baselines?: Map<string, Map<string, Value>>;
  adjustments: Adjustment[];
  vetoes: Veto[];
  /** What-if weights by leaf code; not validated to add up to fullScore. */
  weightOverrides?: Record<string, number>;
}

const MISSING_VALUE: Value = Object.freeze({ kind: 'missing' }) as Value;
const FLAG_ORDER: Flag[] = ['MISSING', 'NO_DATA', 'NO_BASELINE', 'QUOTA', 'VETO', 'FEW_PEERS'];
/** Peer methods need this many targets taking part to mean much (scoring.md, FEW_PEERS). */
export const MIN_PEERS = 3;

/** A value as the engine reads it. */
type Cell =
  | { k: 'num'; x: Fx; text: string }
  | { k: 'label'; label: string }
  | { k: 'na' }
  | { k: 'missing' }
  | { k: 'bad'; why: string };
const NA_CELL: Cell = { k: 'na' };
const MISSING_CELL: Cell = { k: 'missing' };

function readCell(v: Value | undefined, leaf: CompiledLeaf): Cell {
  if (!v || v.kind === 'missing') return MISSING_CELL;
  if (v.kind === 'na') return NA_CELL;
  if (v.kind === 'label') {
    if (leaf.type !== 'grade') return { k: 'bad', why: `「${v.label}」不是数值` };
    if (!leaf.labels!.has(v.label)) return { k: 'bad', why: `「${v.label}」不是本指标的等级` };
    return { k: 'label', label: v.label };
  }
  if (leaf.type === 'grade') return { k: 'bad', why: `${v.number} 不是等级` };
  const x = parseFx(v.number);
  if (!x) return { k: 'bad', why: `「${v.number}」不是有效数值` };
  return { k: 'num', x, text: v.number };
}

/** Leaf flags are shared frozen arrays: 1.5 M small arrays would only feed the garbage collector. */
const F_NONE: Flag[] = Object.freeze([]) as unknown as Flag[];
const F_MISSING: Flag[] = Object.freeze(['MISSING']) as unknown as Flag[];
const F_NA: Flag[] = Object.freeze(['NA']) as unknown as Flag[];
const F_NA_NO_BASELINE: Flag[] = Object.freeze(['NA', 'NO_BASELINE']) as unknown as Flag[];
const F_FEW_PEERS: Flag[] = Object.freeze(['FEW_PEERS']) as unknown as Flag[];

/**
 * A trace built by concatenation is a tree of string pieces; reading one character makes V8
 * flatten it into one block, so 1.5 M retained traces cost one object each instead of a dozen.
 */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/** Scratch of outcomeOf: the cents and whether the value could not be read (counted as missing). */
const outcome = { cents: 0, missing: false };

/** Trace of a number or label cell of a leaf that is neither growth nor monitor; cents in `outcome`. */
function outcomeOf(leaf: CompiledLeaf, value: Value, fast: FastScorer | null, peers: PeerSource | null): string {
  outcome.missing = false;
  const fastPeers = peers ? peers.fast : null;
  if (fast && value.kind === 'number' && shortDecimal(value.number) && (!leaf.comparative || fastPeers)) {
    const xv = shortDecimalValue(value.number);
    if (xv === xv) {
      const trace = fast(xv, value.number, fastPeers);
      if (trace !== null) {
        outcome.cents = fastCents.value;
        return flat(trace);
      }
    }
  }
  const cell = readCell(value, leaf);
  if (cell.k === 'bad') {
    outcome.cents = 0;
    outcome.missing = true;
    return `${cell.why}，无法计分，按缺报计 0.00 分`;
  }
  const o =
    cell.k === 'label'
      ? leaf.scoreLabel(cell.label)!
      : leaf.scoreNumber((cell as { x: Fx }).x, (cell as { text: string }).text, peers ? peers.exact() : null);
  outcome.cents = o.cents;
  return flat(o.trace);
}

/**
 * Per-leaf memory of outcomes by value text. Real columns repeat values (rates to one decimal,
 * counts, labels), and a shared trace saves both the work and the memory; a column whose values
 * hardly repeat turns it off after a trial, so it never costs more than a few thousand lookups.
 */
interface Memo {
  on: boolean;
  misses: number;
  hits: number;
  map: Map<string, { cents: number; missing: boolean; trace: string }>;
}
const MEMO_TRIAL = 4096;
const MEMO_CAP = 8192;

function newMemo(): Memo {
  return { on: true, misses: 0, hits: 0, map: new Map() };
}

function remember(memo: Memo, key: string, trace: string): void {
  memo.misses++;
  if (memo.map.size < MEMO_CAP) memo.map.set(key, { cents: outcome.cents, missing: outcome.missing, trace });
  if (memo.misses === MEMO_TRIAL && memo.hits < memo.misses) {
    memo.on = false;
    memo.map.clear();
  }
}

/** The peers of a comparative leaf: doubles for the fast path, exact stats built on first need. */
interface PeerSource {
  fast: FastPeers | null;
  exact(): PeerStats | null;
}

function peerSource(leaf: CompiledLeaf, texts: string[]): PeerSource {
  let exact: PeerStats | null | undefined;
  let fast: FastPeers | null = null;
  if (texts.length > 0 && texts.every(shortDecimal)) {
    const sorted = new Float64Array(texts.length);
    let minI = 0;
    let maxI = 0;
    for (let i = 0; i < texts.length; i++) {
      const v = shortDecimalValue(texts[i]);
      sorted[i] = v;
      if (v < sorted[minI]) minI = i;
      if (v > sorted[maxI]) maxI = i;
    }
    const minText = fxText(parseFx(texts[minI])!);
    const maxText = fxText(parseFx(texts[maxI])!);
    const min = sorted[minI];
    const max = sorted[maxI];
    sorted.sort();
    fast = { n: texts.length, min, max, minText, maxText, sorted };
  }
  return {
    fast,
    exact() {
      if (exact === undefined) {
        const xs = texts.map((t) => parseFx(t)!);
        exact = peerStats(leaf, xs);
      }
      return exact;
    },
  };
}

function peerStats(leaf: CompiledLeaf, xs: Fx[]): PeerStats | null {
  if (xs.length === 0) return null;
  let e = 0;
  let min = xs[0];
  let max = xs[0];
  for (const x of xs) {
    if (x.e > e) e = x.e;
    if (fxCmp(x, min) < 0) min = x;
    if (fxCmp(x, max) > 0) max = x;
  }
  let sorted: bigint[] | null = null; // ascending, built on first use (rank only)
  const higher = leaf.direction === 'higher';
  const stats: PeerStats = {
    n: xs.length,
    min,
    max,
    rankOf(x: Fx): number {
      if (!sorted) sorted = xs.map((v) => at(v, e)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const X = at(x, e);
      // first index with value > X (upper bound) / ≥ X (lower bound)
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (higher ? sorted[mid] <= X : sorted[mid] < X) lo = mid + 1;
        else hi = mid;
      }
      return higher ? 1 + (sorted.length - lo) : 1 + lo;
    },
  };
  return stats;
}

function naTrace(policy: string, leaf: CompiledLeaf): string {
  if (policy === 'full') return `不适用，按满分计 ${fmtCents(leaf.wCents)} 分`;
  if (policy === 'zero') return '不适用，计 0.00 分';
  return '不适用，不计分，基础分按适用指标分值折算';
}

export function scoreScheme(input: ScoreInput): SchemeResult {
  const scheme = normalizeScheme(input.scheme);
  const full = fxOf(scheme.fullScore!);
  const policy = scheme.naPolicy!;
  const grades = scheme.grades!;
  const leafNodes = leaves(scheme);
  const L = compileLeavesOf(leafNodes, input.weightOverrides, scheme.year);
  const nL = L.length;

  // Dimension of each leaf (top-level node).
  const dims: { code: string; name: string }[] = scheme.indicators.map((d) => ({ code: d.code, name: d.name }));
  const leafDim = new Int32Array(nL);
  {
    let j = 0;
    scheme.indicators.forEach((d, di) => {
      for (let k = leaves({ indicators: [d] }).length; k > 0; k--) leafDim[j++] = di;
    });
  }
  const WE = L.reduce((m, l) => (l.weight.e > m ? l.weight.e : m), 0);
  // Weights as integers at one scale, summed as Numbers: exact while the total stays below 2^53.
  const wInt = L.map((l) => Number(at(l.weight, WE)));
  if (!Number.isSafeInteger(wInt.reduce((a, b) => a + Math.abs(b), 0)))
    throw new RangeError('指标分值过大或小数位过多，无法精确计算');

  const targets = input.targets;
  const nT = targets.length;
  const toRecord = recordMaker<IndicatorResult>(L.map((l) => l.code));
  const slots: IndicatorResult[] = new Array(nL);

  // Peers of comparative leaves (rank, minmax, best): the targets with a number.
  const comparative = L.map((l, j) => (l.comparative ? j : -1)).filter((j) => j >= 0);
  const peerTexts = new Map<number, string[]>(comparative.map((j) => [j, []]));
  if (comparative.length > 0) {
    for (let i = 0; i < nT; i++) {
      const tv = input.values.get(targets[i].code);
      if (!tv) continue;
      for (const j of comparative) {
        const v = tv.get(L[j].code);
        if (v && v.kind === 'number' && isDecimalText(v.number)) peerTexts.get(j)!.push(v.number);
      }
    }
  }
  const peers: (PeerSource | null)[] = L.map((leaf, j) =>
    leaf.comparative ? peerSource(leaf, peerTexts.get(j)!) : null,
  );
  // Fewer than MIN_PEERS targets with a number: each of them is flagged, and so is its result.
  const fewPeers = L.map((leaf, j) => leaf.comparative && peerTexts.get(j)!.length < MIN_PEERS);
  const fasts = leafNodes.map((n, j) => compileFast(n, L[j], input.weightOverrides?.[n.code]));
  const memos = L.map(newMemo);

  const adj = new Map<string, { bonus: Fx; ded: Fx }>();
  for (const a of input.adjustments) {
    const cur = adj.get(a.target) ?? { bonus: FX_ZERO, ded: FX_ZERO };
    const p = fxOf(a.points);
    if (a.kind === 'bonus') cur.bonus = fxAdd(cur.bonus, p);
    else cur.ded = fxAdd(cur.ded, p);
    adj.set(a.target, cur);
  }
  const vetoes = new Map<string, string>();
  for (const v of input.vetoes) if (!vetoes.has(v.target)) vetoes.set(v.target, v.reason);
  const bonusCap = scheme.bonusCap == null ? null : fxOf(scheme.bonusCap);
  // Applicable weights repeat from target to target: one text each.
  const weightTexts = new Map<number, string>();
  const weightText = (w: number) => {
    let t = weightTexts.get(w);
    if (t === undefined) weightTexts.set(w, (t = fxText({ n: BigInt(w), e: WE })));
    return t;
  };

  // Pass 2: score each target.
  const rows: Row[] = new Array(nT);
  for (let i = 0; i < nT; i++) {
    const t = targets[i];
    const tv = input.values.get(t.code);
    const prev = input.previousValues?.get(t.code);
    const kept = input.baselines?.get(t.code);
    const flags = new Set<Flag>();
    const dimCents = new Array<number>(dims.length).fill(0);
    const dimW = new Array<number>(dims.length).fill(0);
    let sumCents = 0;
    let appW = 0;
    let anyNA = false;
    for (let j = 0; j < nL; j++) {
      const leaf = L[j];
      const value = tv?.get(leaf.code) ?? MISSING_VALUE;
      if (value.kind === 'number' || value.kind === 'label') {
        if (leaf.type !== 'growth' && leaf.type !== 'monitor') {
          // A leaf's outcome depends on the value alone (peers are fixed per leaf).
          const memo = memos[j];
          const key = value.kind === 'number' ? value.number : value.label;
          const known = memo.on && (value.kind === 'label') === (leaf.type === 'grade') ? memo.map.get(key) : undefined;
          let trace: string;
          if (known !== undefined) {
            trace = known.trace;
            outcome.cents = known.cents;
            outcome.missing = known.missing;
            memo.hits++;
          } else {
            trace = outcomeOf(leaf, value, fasts[j], peers[j]);
            if (memo.on && (value.kind === 'label') === (leaf.type === 'grade')) remember(memo, key, trace);
          }
          const c = outcome.cents;
          if (outcome.missing) flags.add('MISSING');
          const few = fewPeers[j] && !outcome.missing;
          if (few) flags.add('FEW_PEERS');
          const d = leafDim[j];
          dimCents[d] += c;
          dimW[d] += wInt[j];
          sumCents += c;
          appW += wInt[j];
          slots[j] = {
            code: leaf.code,
            value,
            score: centsText(c),
            weight: leaf.weightText,
            flags: outcome.missing ? F_MISSING : few ? F_FEW_PEERS : F_NONE,
            trace,
          };
          continue;
        }
      }
      const cell = readCell(value, leaf);
      let cents: number | null;
      let trace: string;
      let lf: Flag[];
      let na = false;
      if (leaf.type === 'monitor') {
        const pv = prev?.get(leaf.code);
        const cur = cell.k === 'num' ? leaf.show(cell.text) : cell.k === 'na' ? '不适用' : '未填报';
        const last = pv && pv.kind === 'number' ? leaf.show(pv.number) : pv && pv.kind === 'na' ? '不适用' : '无';
        slots[j] = {
          code: leaf.code,
          value,
          score: null,
          weight: leaf.weightText,
          flags: F_NONE,
          trace: `监测指标，不计分：本年 ${cur}，上年 ${last}`,
        };
        continue;
      }
      if (cell.k === 'missing' || cell.k === 'bad') {
        cents = 0;
        trace = cell.k === 'missing' ? '缺报（未填报），计 0.00 分' : `${cell.why}，无法计分，按缺报计 0.00 分`;
        lf = F_MISSING;
        flags.add('MISSING');
      } else if (cell.k === 'na') {
        na = true;
        lf = F_NA;
        trace = naTrace(policy, leaf);
        cents = 0;
      } else if (cell.k === 'label') {
        const o = leaf.scoreLabel(cell.label)!;
        cents = o.cents;
        trace = o.trace;
        lf = F_NONE;
      } else if (leaf.type === 'growth') {
        const base = growthBaseline(prev?.get(leaf.code), kept?.get(leaf.code));
        const pv = base.source === 'none' ? undefined : base.value;
        const p = pv && pv.kind === 'number' ? parseFx(pv.number) : null;
        if (!p || p.n === 0n) {
          na = true;
          lf = F_NA_NO_BASELINE;
          flags.add('NO_BASELINE');
          const why =
            !pv || pv.kind === 'missing'
              ? '上年值缺报'
              : pv.kind === 'na'
                ? '上年不适用'
                : p
                  ? '上年值为 0'
                  : '上年值无效';
          const src = base.source === 'kept' ? '（填报的上年数）' : '';
          trace = `无上年基数（${why}${src}），按不适用处理；${naTrace(policy, leaf)}`;
          cents = 0;
        } else {
          const o = leaf.scoreGrowth(cell.x, cell.text, p, (pv as { number: string }).number);
          cents = o.cents;
          trace = flat(base.source === 'kept' ? `上年值取自填报的上年数；${o.trace}` : o.trace);
          lf = F_NONE;
        }
      } else {
        const o = leaf.scoreNumber(cell.x, cell.text, peers[j] ? peers[j]!.exact() : null);
        cents = o.cents;
        trace = o.trace;
        lf = F_NONE;
      }
      if (na) {
        if (policy === 'rescale') {
          anyNA = true;
          slots[j] = { code: leaf.code, value, score: null, weight: leaf.weightText, flags: lf, trace };
          continue;
        }
        cents = policy === 'full' ? leaf.wCents : 0;
      }
      const d = leafDim[j];
      dimCents[d] += cents;
      dimW[d] += wInt[j];
      sumCents += cents;
      appW += wInt[j];
      slots[j] = {
        code: leaf.code,
        value,
        score: centsText(cents),
        weight: leaf.weightText,
        flags: lf,
        trace,
      };
    }

    // The record of leaves is frozen (a kept result is shared, electron/services/scoring.ts); the
    // 1.5 M leaf objects are not: freezing each cost about a tenth of a province score().
    const indicators = Object.freeze(toRecord(slots));
    let baseCents = sumCents;
    if (anyNA) {
      if (appW === 0) {
        baseCents = 0;
        flags.add('NO_DATA');
      } else baseCents = Number(roundDiv(BigInt(sumCents) * full.n * pow10(WE), BigInt(appW) * pow10(full.e)));
    }
    const a = adj.get(t.code);
    let bonus = a ? a.bonus : FX_ZERO;
    // Above the scheme's cap: the cap counts, and the result says how much was recorded.
    let bonusClaimed: Fx | null = null;
    if (bonusCap && fxCmp(bonus, bonusCap) > 0) {
      bonusClaimed = bonus;
      bonus = bonusCap;
    }
    const ded = a ? a.ded : FX_ZERO;
    const raw = fxAdd({ n: BigInt(baseCents), e: 2 }, fxAdd(bonus, { n: -ded.n, e: ded.e }));
    const totalCents = Math.max(0, fxCents(raw));
    const veto = vetoes.get(t.code) ?? null;
    if (veto !== null) flags.add('VETO');

    const dimensions: Record<string, DimensionResult> = {};
    dims.forEach((dm, di) => {
      dimensions[dm.code] = Object.freeze({
        code: dm.code,
        name: dm.name,
        score: fmtCents(dimCents[di]),
        applicableWeight: weightText(dimW[di]),
      });
    });
    Object.freeze(dimensions);
    rows[i] = {
      code: t.code,
      name: t.name,
      baseCents,
      bonus,
      bonusClaimed,
      ded,
      totalCents,
      veto,
      flags,
      dimensions,
      indicators,
      rank: 0,
      band: 0,
    };
  }

  assignRanksAndGrades(rows, grades);

  rows.sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const results: TargetResult[] = rows.map((r) => ({
    target: r.code,
    name: r.name,
    base: fmtCents(r.baseCents),
    bonus: fmtCents(fxCents(r.bonus)),
    deduction: fmtCents(fxCents(r.ded)),
    total: fmtCents(r.totalCents),
    grade: grades[r.band].name,
    rank: r.rank,
    veto: r.veto,
    flags: FLAG_ORDER.filter((f) => r.flags.has(f)),
    dimensions: r.dimensions,
    indicators: r.indicators,
    ...(r.bonusClaimed ? { bonusClaimed: fmtCents(fxCents(r.bonusClaimed)) } : {}),
  }));
  return { year: scheme.year, scheme: scheme.code, fullScore: fxText(full), results };
}

/**
 * Peer-method leaves (rank, minmax, best) with fewer than MIN_PEERS targets taking part, as
 * warnings for `scheme check`: the targets with a number for the leaf, or, before any number is
 * entered for it, every target on the roster.
 */
export function fewPeersWarnings(input: Pick<ScoreInput, 'scheme' | 'targets' | 'values'>): Problem[] {
  const out: Problem[] = [];
  for (const l of leaves(input.scheme)) {
    const t = l.method?.type;
    if (t !== 'rank' && t !== 'minmax' && t !== 'best') continue;
    let withNumber = 0;
    let anyValue = false;
    for (const target of input.targets) {
      const v = input.values.get(target.code)?.get(l.code);
      if (!v || v.kind === 'missing') continue;
      anyValue = true;
      if (v.kind === 'number' && isDecimalText(v.number)) withNumber++;
    }
    const n = anyValue ? withNumber : input.targets.length;
    if (n >= MIN_PEERS) continue;
    const who = anyValue ? '有数值参与比较的考核对象' : '本年度该类考核对象';
    out.push({
      path: l.code,
      message: `${l.code}：${l.name}用${METHOD_NAMES[t]}计分，${who}只有 ${n} 个（少于 ${MIN_PEERS} 个），比较意义不大（${FLAG_NAMES.FEW_PEERS}，FEW_PEERS）；只有 1 个时得满分。宜改用有绝对目标的计分方法`,
    });
  }
  return out;
}

/**
 * A maker of records with the given keys in a fixed shape. Filling `{}` key by key with 60 codes
 * turns each record into a hash table (several times the memory, for 25 000 targets); a record
 * built by one generated literal keeps V8's compact shape. Where code generation is not allowed
 * (a strict content security policy), plain objects are used.
 */
function recordMaker<T>(keys: string[]): (slots: T[]) => Record<string, T> {
  const plain = (slots: T[]) => {
    const o = Object.create(null) as Record<string, T>;
    keys.forEach((k, j) => (o[k] = slots[j]));
    return o;
  };
  if (keys.includes('__proto__')) return plain;
  try {
    const body = `return {${keys.map((k, j) => `${JSON.stringify(k)}: s[${j}]`).join(',')}};`;
    const make = new Function('s', body) as (slots: T[]) => Record<string, T>;
    make([]);
    return make;
  } catch {
    return plain;
  }
}

interface Row {
  code: string;
  name: string;
  baseCents: number;
  bonus: Fx;
  /** Σ bonus points recorded, when above the scheme's bonusCap (bonus is then the cap). */
  bonusClaimed: Fx | null;
  ded: Fx;
  totalCents: number;
  veto: string | null;
  flags: Set<Flag>;
  dimensions: Record<string, DimensionResult>;
  indicators: Record<string, IndicatorResult>;
  rank: number;
  band: number;
}

function compileLeavesOf(
  nodes: IndicatorNode[],
  overrides: Record<string, number> | undefined,
  year: number,
): CompiledLeaf[] {
  return nodes.map((n) => compileLeaf(n, overrides && n.code in overrides ? overrides[n.code] : undefined, year));
}

/**
 * Ranks (ties share the best rank, vetoed targets after all others) and grades (first band whose
 * min ≤ total; veto → last band; quotas push the overflow — a straddling tie whole — one band down).
 */
function assignRanksAndGrades(
  rows: Row[],
  grades: { name: string; min: number | null; quota?: number | null }[],
): void {
  const byTotal = (a: Row, b: Row) => b.totalCents - a.totalCents;
  const free = rows.filter((r) => r.veto === null).sort(byTotal);
  const vetoed = rows.filter((r) => r.veto !== null).sort(byTotal);
  const rankIn = (list: Row[], offset: number) => {
    list.forEach((r, k) => {
      r.rank = k > 0 && list[k - 1].totalCents === r.totalCents ? list[k - 1].rank : offset + k + 1;
    });
  };
  rankIn(free, 0);
  rankIn(vetoed, free.length);

  const last = grades.length - 1;
  const mins = grades.map((g) => (g.min === null ? null : fxOf(g.min)));
  for (const r of free) {
    const total: Fx = { n: BigInt(r.totalCents), e: 2 };
    let b = 0;
    while (b < last && (mins[b] === null || fxCmp(mins[b]!, total) > 0)) b++;
    r.band = b;
  }
  for (const r of vetoed) r.band = last;

  const n = BigInt(rows.length);
  for (let b = 0; b < last; b++) {
    const q = grades[b].quota;
    if (q == null) continue;
    const qf = fxOf(q);
    const limit = (n * qf.n) / pow10(qf.e); // ⌊n·q⌋
    const members = free.filter((r) => r.band === b);
    let kept = 0n;
    let overflow = false;
    for (let k = 0; k < members.length;) {
      let end = k + 1;
      while (end < members.length && members[end].totalCents === members[k].totalCents) end++;
      if (!overflow && kept + BigInt(end - k) > limit) overflow = true;
      for (let m = k; m < end; m++) {
        if (overflow) {
          members[m].band = b + 1;
          members[m].flags.add('QUOTA');
        }
      }
      if (!overflow) kept += BigInt(end - k);
      k = end;
    }
  }
}
