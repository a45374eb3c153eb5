/**
 * Scoring benchmark: builds a 60-leaf scheme using every method and N targets of values in memory,
 * then times scoreScheme. Usage: [SCORING_BENCH_VALUES=unique] node bin/run-ts.mjs test/bench/scoring-bench.ts [targets...]
 */
import type { IndicatorNode, Method, Scheme, Value } from '../../shared/domain/types';
import { scoreScheme } from '../../shared/scoring/engine';
import { validateScheme } from '../../shared/scheme/validate';

const METHODS: { method: Method; direction?: 'lower'; unit?: string }[] = [
  { method: { type: 'ratio', target: 85 }, unit: '%' },
  { method: { type: 'ratio', target: 30 }, direction: 'lower', unit: '%' },
  { method: { type: 'threshold', target: 90 }, unit: '%' },
  { method: { type: 'linear', target: 90, floor: 60 }, unit: '%' },
  { method: { type: 'linear', target: 35, ceiling: 55 }, direction: 'lower', unit: '%' },
  {
    method: {
      type: 'bands',
      bands: [
        { bound: 90, score: 1 },
        { bound: 80, score: 0.8 },
        { bound: 70, score: 0.5 },
      ],
    },
    unit: '%',
  },
  { method: { type: 'deduct', target: 85, per: 1, points: 0.05, mode: 'proportional' }, unit: '%' },
  { method: { type: 'deduct', target: 0, per: 1, points: 0.5, mode: 'whole' }, direction: 'lower', unit: '起' },
  { method: { type: 'rank', mode: 'proportional' } },
  { method: { type: 'minmax' } },
  { method: { type: 'best' } },
  { method: { type: 'grade', labels: { 好: 1, 较好: 0.8, 一般: 0.6, 差: 0 } } },
  { method: { type: 'growth', target: 10, floor: 0 } },
  { method: { type: 'manual' }, unit: '分' },
  { method: { type: 'monitor' }, unit: '人次' },
];

export function benchScheme(): Scheme {
  const dims: IndicatorNode[] = [];
  let k = 0;
  for (let d = 0; d < 6; d++) {
    const children: IndicatorNode[] = [];
    for (let i = 0; i < 10; i++, k++) {
      const m = METHODS[k % METHODS.length];
      const monitor = m.method.type === 'monitor';
      const bandsScaled: Method =
        m.method.type === 'bands'
          ? { type: 'bands', bands: m.method.bands.map((b) => ({ bound: b.bound, score: b.score * 2 })) }
          : m.method;
      children.push({
        code: `D${d}.${i}`,
        name: `指标${k}`,
        weight: monitor ? 0 : 2,
        unit: m.unit ?? '',
        direction: m.direction ?? 'higher',
        method: bandsScaled,
        publicWelfare: d < 3,
      });
    }
    dims.push({ code: `D${d}`, name: `维度${d}`, children });
  }
  // 60 leaves, 4 monitors → 56 × 2 = 112; fix the total to 100 by trimming the first leaves.
  const ls = dims.flatMap((d) => d.children!).filter((l) => l.method!.type !== 'monitor');
  let excess = ls.length * 2 - 100;
  for (const l of ls) {
    if (excess <= 0) break;
    if (l.method!.type === 'bands') continue;
    l.weight = 1;
    excess -= 1;
  }
  return { code: 'BENCH', name: '基准方案', year: 2024, targetKind: 'township_centre', indicators: dims, bonusCap: 5 };
}

function rnd(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** repeat: rates to one decimal (50.0–100.0, as the project's dataset); unique: two decimals 0–100. */
export function benchData(scheme: Scheme, nTargets: number, kind: 'repeat' | 'unique' = 'repeat') {
  const r = rnd(42);
  const leavesList = scheme.indicators.flatMap((d) => d.children!);
  const targets = Array.from({ length: nTargets }, (_, i) => ({
    code: `T${String(i).padStart(6, '0')}`,
    name: `对象${i}`,
  }));
  const values = new Map<string, Map<string, Value>>();
  const prev = new Map<string, Map<string, Value>>();
  const labels = ['好', '较好', '一般', '差'];
  for (const t of targets) {
    const m = new Map<string, Value>();
    const p = new Map<string, Value>();
    for (const l of leavesList) {
      const u = r();
      if (u < 0.01) continue; // missing
      if (u < 0.02) {
        m.set(l.code, { kind: 'na' });
        continue;
      }
      if (l.method!.type === 'grade') m.set(l.code, { kind: 'label', label: labels[Math.floor(r() * 4)] });
      else if (l.method!.type === 'manual')
        m.set(l.code, { kind: 'number', number: (Math.floor(r() * (l.weight! * 100 + 1)) / 100).toFixed(2) });
      else if (kind === 'repeat')
        m.set(l.code, { kind: 'number', number: (50 + Math.round(r() * 500) / 10).toFixed(1) });
      else m.set(l.code, { kind: 'number', number: (Math.floor(r() * 10000) / 100).toString() });
      p.set(l.code, { kind: 'number', number: (Math.floor(r() * 10000) / 100 + 1).toString() });
    }
    values.set(t.code, m);
    prev.set(t.code, p);
  }
  return { targets, values, previousValues: prev };
}

const isMain = !process.env.VITEST; // also importable by tests for its data builders
if (isMain) {
  const scheme = benchScheme();
  const problems = validateScheme(scheme);
  if (problems.length) throw new Error(JSON.stringify(problems));
  const sizes = process.argv.slice(2).map(Number);
  const kind = process.env.SCORING_BENCH_VALUES === 'unique' ? 'unique' : 'repeat';
  for (const n of sizes.length ? sizes : [300, 25000]) {
    const data = benchData(scheme, n, kind);
    const adjustments = data.targets
      .slice(0, 50)
      .map((t) => ({ target: t.code, kind: 'bonus' as const, points: '2.5', reason: '测试' }));
    const vetoes = data.targets.slice(0, 3).map((t) => ({ target: t.code, reason: '测试' }));
    const runs = n <= 1000 ? 5 : 3;
    const times: number[] = [];
    const cpu: number[] = [];
    for (let k = 0; k < runs; k++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = scoreScheme({ scheme, ...data, adjustments, vetoes });
      times.push(performance.now() - t0);
      const c1 = process.cpuUsage(c0);
      cpu.push((c1.user + c1.system) / 1000);
      if (res.results.length !== n) throw new Error('wrong result count');
    }
    console.log(
      `${n} targets × 60 indicators (${kind} values): ${times.map((t) => t.toFixed(0)).join(' / ')} ms (best ${Math.min(...times).toFixed(0)} ms; CPU ${cpu.map((t) => t.toFixed(0)).join(' / ')} ms)`,
    );
  }
}
