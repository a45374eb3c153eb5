/**
 * Generated appraisal data for the benchmark: one scheme of 60 leaves (every scoring method that
 * compares peers included), n targets, and their values — a county (300) or a province (25,000).
 */
import type { IndicatorNode, Method, Scheme, Value } from '../../shared/domain/types';
import { mulberry32 } from '../../electron/services/demo';

export const LEAVES_PER_SCHEME = 60;

/** Small, fast, deterministic PRNG: the demo county's generator. */
export const rng = mulberry32;

const METHODS: Method[] = [
  { type: 'ratio', target: 85 },
  { type: 'threshold', target: 90 },
  { type: 'linear', target: 90, floor: 60 },
  {
    type: 'bands',
    bands: [
      { bound: 90, score: 1.5 },
      { bound: 80, score: 1.2 },
      { bound: 70, score: 0.8 },
    ],
  },
  { type: 'deduct', target: 85, per: 1, points: 0.1, mode: 'whole' },
  { type: 'rank', mode: 'proportional' },
  { type: 'minmax' },
  { type: 'grade', labels: { 好: 1, 较好: 0.8, 一般: 0.6, 差: 0 } },
  { type: 'best' },
  { type: 'manual' },
];

/** 6 dimensions × 10 leaves; 40 leaves of 1.5 points and 20 of 2 points = 100. */
export function benchScheme(year: number, code = 'BENCH'): Scheme {
  const indicators: IndicatorNode[] = [];
  let k = 0;
  for (let d = 0; d < 6; d++) {
    const children: IndicatorNode[] = [];
    for (let j = 0; j < 10; j++, k++) {
      const weight = k < 40 ? 1.5 : 2;
      const method = METHODS[k % METHODS.length]!;
      const direction = k % 7 === 3 ? 'lower' : 'higher';
      let m: Method = method;
      if (method.type === 'bands') {
        const bands = method.bands.map((b) => ({ bound: b.bound, score: Math.min(b.score, weight) }));
        m = { type: 'bands', bands: direction === 'lower' ? [...bands].reverse() : bands };
      }
      if (method.type === 'linear' && direction === 'lower') m = { type: 'linear', target: 30, ceiling: 60 };
      children.push({
        code: `I${String(k + 1).padStart(2, '0')}`,
        name: `指标${k + 1}`,
        weight,
        unit: m.type === 'grade' || m.type === 'manual' ? '' : '%',
        direction,
        method: m,
        publicWelfare: d < 3,
        ...(m.type === 'grade' || m.type === 'manual' ? {} : { min: 0, max: 100 }),
      });
    }
    indicators.push({ code: `D${d + 1}`, name: `维度${d + 1}`, children });
  }
  return {
    code,
    name: '基准测试方案',
    year,
    targetKind: 'township_centre',
    fullScore: 100,
    grades: [
      { name: '优秀', min: 90 },
      { name: '良好', min: 80 },
      { name: '合格', min: 60 },
      { name: '不合格', min: null },
    ],
    bonusCap: 5,
    naPolicy: 'rescale',
    indicators,
  };
}

export function benchTargets(n: number): { code: string; name: string; kind: string }[] {
  return Array.from({ length: n }, (_, i) => ({
    code: `T${String(i + 1).padStart(6, '0')}`,
    name: `乡镇卫生院${i + 1}`,
    kind: 'township_centre',
  }));
}

const LABELS = ['好', '较好', '一般', '差'];

/** Values for every target × leaf: ~2 % N/A, ~1 % missing, numbers with one decimal. */
export function* benchValues(
  scheme: Scheme,
  targets: { code: string }[],
  seed = 7,
): Generator<{ target: string; indicator: string; value: Value }> {
  const r = rng(seed);
  const ls = scheme.indicators.flatMap((d) => d.children ?? []);
  for (const t of targets) {
    for (const l of ls) {
      const u = r();
      if (u < 0.01) continue;
      let value: Value;
      if (u < 0.03) value = { kind: 'na' };
      else if (l.method!.type === 'grade') value = { kind: 'label', label: LABELS[Math.floor(r() * 4)]! };
      else if (l.method!.type === 'manual')
        value = { kind: 'number', number: (Math.round(r() * (l.weight ?? 0) * 10) / 10).toFixed(1) };
      else value = { kind: 'number', number: (50 + Math.round(r() * 500) / 10).toFixed(1) };
      yield { target: t.code, indicator: l.code, value };
    }
  }
}
