/** Method `pace` (规划进度, scoring.md) and the FEW_PEERS warning of peer methods. */
import { describe, expect, it } from 'vitest';
import type { Method } from '../../shared/domain/types';
import { parseSchemeJson, schemeToJson } from '../../shared/scheme/parse';
import { validateScheme } from '../../shared/scheme/validate';
import { compileFast, fastCents } from '../../shared/scoring/fast';
import { parseFx } from '../../shared/scoring/fixed';
import { compileLeaf } from '../../shared/scoring/methods';
import { fewPeersWarnings } from '../../shared/scoring/engine';
import { leaf, num, run, schemeOf } from './helpers/scoring-fixtures';

const pace = (baseline: number, target: number, extra: Partial<Extract<Method, { type: 'pace' }>> = {}): Method => ({
  type: 'pace',
  baseline,
  baseYear: 2020,
  target,
  targetYear: 2025,
  ...extra,
});

/** Scores and traces of one pace leaf (w = 10) in a scheme of `year`. */
function score(m: Method, year: number, xs: number[], opts: { direction?: 'higher' | 'lower'; unit?: string } = {}) {
  const l = leaf(m, { direction: opts.direction, unit: opts.unit });
  const { byTarget } = run(
    schemeOf([l], { year }),
    xs.map((x) => ({ X: x })),
  );
  return xs.map((_, i) => byTarget.get(`T${i + 1}`)!.indicators.X);
}

describe('pace 规划进度', () => {
  it('spec example: higher, b = 24 (2020), t = 65 (2025), year 2023: e = 48.6; x = 40 → 10·16/24.6 = 6.50', () => {
    const [r] = score(pace(24, 65), 2023, [40]);
    expect(r!.score).toBe('6.50');
    expect(r!.trace).toBe(
      '2023 年应达 48.6（2020 年基线 24 → 2025 年目标 65）；(实际 40 − 基线 24) ÷ (应达 48.6 − 基线 24) × 10 分 = 6.50 分',
    );
  });

  it('on the straight line scores full in every year of the plan; at or below the baseline scores 0', () => {
    const line = [2021, 2022, 2023, 2024, 2025].map((y) => ({ y, e: 24 + (41 * (y - 2020)) / 5 }));
    for (const { y, e } of line) expect(score(pace(24, 65), y, [e])[0]!.score, String(y)).toBe('10.00');
    expect(score(pace(24, 65), 2023, [48.5, 24, 20, 70]).map((r) => r.score)).toEqual([
      '9.96',
      '0.00',
      '0.00',
      '10.00',
    ]);
    expect(score(pace(24, 65), 2023, [24])[0]!.trace).toBe(
      '2023 年应达 48.6（2020 年基线 24 → 2025 年目标 65）；实际 24 ≤ 基线 24，得 0.00 分',
    );
  });

  it('lower direction: 个人卫生支出占比 29.69 → 27 (2025), year 2023: e = 29.69 − 2.69 × 3/5 = 28.076', () => {
    const rs = score(pace(29.69, 27), 2023, [28.076, 28.5, 29.69, 30, 27.5], { direction: 'lower', unit: '%' });
    // (29.69 − 28.5) ÷ (29.69 − 28.076) × 10 = 1.19 ÷ 1.614 × 10 = 7.3729… → 7.37
    expect(rs.map((r) => r.score)).toEqual(['10.00', '7.37', '0.00', '0.00', '10.00']);
    expect(rs[1]!.trace).toBe(
      '2023 年应达 28.076%（2020 年基线 29.69% → 2025 年目标 27%）；(基线 29.69% − 实际 28.5%) ÷ (基线 29.69% − 应达 28.076%) × 10 分 = 7.37 分',
    );
  });

  it('a baseline that already meets the target is a threshold on the target (both directions)', () => {
    // 婴儿死亡率 4.79‰ → 5.25以下: lower, already met.
    const low = score(pace(4.79, 5.25, { nature: 'expected' }), 2023, [5.25, 5.3, 3], {
      direction: 'lower',
      unit: '‰',
    });
    expect(low.map((r) => r.score)).toEqual(['10.00', '0.00', '10.00']);
    expect(low[1]!.trace).toBe(
      '预期性指标，2020 年基线 4.79 ‰ 已达到 2025 年目标 5.25 ‰，按达标计分：实际 5.3 ‰ > 目标 5.25 ‰，得 0.00 分',
    );
    // 免疫规划疫苗 95 → 95以上: higher, baseline equals the target.
    expect(score(pace(95, 95), 2024, [95, 94.9]).map((r) => r.score)).toEqual(['10.00', '0.00']);
  });

  it('years outside the plan: before the base year the baseline is expected, after the target year the target', () => {
    expect(score(pace(24, 65), 2019, [24, 23]).map((r) => r.score)).toEqual(['10.00', '0.00']);
    expect(score(pace(24, 65), 2027, [65, 60]).map((r) => r.score)).toEqual(['10.00', '8.78']);
  });

  it('an expected value that does not end is shown rounded, and the score stays exact', () => {
    // b = 10 (2020), t = 20 (2023), year 2021: e = 13.333…; x = 12 → 10·2/(10/3) = 6.00 exactly
    const [r] = score(pace(10, 20, { targetYear: 2023 }), 2021, [12]);
    expect(r!.score).toBe('6.00');
    expect(r!.trace).toContain('2021 年应达 约 13.33（');
  });

  it('shows the nature (预期性/约束性) in the trace', () => {
    expect(score(pace(24, 65, { nature: 'binding' }), 2023, [40])[0]!.trace).toMatch(/^约束性指标，2023 年应达 48\.6/);
  });

  it('parses with its fields, refuses unknown ones, and round-trips through the exchange JSON', () => {
    const m = pace(24, 65, { nature: 'binding' });
    const raw = { ...schemeOf([{ ...leaf(m), weight: 100 }]), fullScore: 100 };
    const r = parseSchemeJson(raw);
    expect(r.problems).toEqual([]);
    expect(r.scheme!.indicators[0]!.children![0]!.method).toEqual(m);
    expect(parseSchemeJson(schemeToJson(r.scheme!)).scheme).toEqual(r.scheme);
    const bad = parseSchemeJson({
      ...raw,
      indicators: [{ code: 'D', name: 'd', children: [{ ...leaf({ ...m, nature: '约束' } as never), weight: 100 }] }],
    });
    expect(bad.problems.map((p) => p.path)).toContain('indicators[0].children[0].method.nature');
    const missing = parseSchemeJson({
      ...raw,
      indicators: [
        {
          code: 'D',
          name: 'd',
          children: [{ ...leaf({ type: 'pace', baseline: 1, target: 2, targetYear: 2025 } as never), weight: 100 }],
        },
      ],
    });
    expect(missing.problems.map((p) => p.path)).toContain('indicators[0].children[0].method.baseYear');
  });

  it('validation: the target year must come after the base year', () => {
    const s = { ...schemeOf([{ ...leaf(pace(24, 65, { targetYear: 2020 })), weight: 100 }]), fullScore: 100 };
    expect(validateScheme(s)).toEqual([{ path: 'X', message: 'X：规划目标年份 2020 应晚于基期年份 2020' }]);
    expect(
      validateScheme({
        ...s,
        indicators: [{ code: 'D', name: 'd', children: [{ ...leaf(pace(24, 65)), weight: 100 }] }],
      }),
    ).toEqual([]);
  });

  it('the fast path agrees with the exact path on cents and trace, or steps aside', () => {
    const cases: { m: Method; dir: 'higher' | 'lower'; year: number }[] = [
      { m: pace(24, 65), dir: 'higher', year: 2023 },
      { m: pace(75.36, 80, { nature: 'expected' }), dir: 'higher', year: 2024 },
      { m: pace(12.76, 10), dir: 'lower', year: 2022 },
      { m: pace(10, 20, { targetYear: 2023 }), dir: 'higher', year: 2021 },
      { m: pace(4.79, 5.25), dir: 'lower', year: 2023 },
      { m: pace(95, 95), dir: 'higher', year: 2024 },
    ];
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const { m, dir, year } of cases) {
      const node = { ...leaf(m, { weight: 7.5, direction: dir, unit: '%' }) };
      const exact = compileLeaf(node, undefined, year);
      const fast = compileFast(node, exact)!;
      expect(fast).not.toBeNull();
      let decided = 0;
      for (let k = 0; k < 2000; k++) {
        const scale = [1, 10, 100, 1000][k % 4]!;
        const xt = String(Math.round(rnd() * 100 * scale) / scale);
        const f = fast(+xt, xt, null);
        const e = exact.scoreNumber(parseFx(xt)!, xt, null);
        if (f !== null) {
          decided++;
          expect({ cents: fastCents.value, trace: f }).toEqual(e);
        }
      }
      expect(decided).toBeGreaterThan(1500);
    }
  });
});

describe('FEW_PEERS', () => {
  const rank = leaf({ type: 'rank' }, { code: 'R' });
  const best = leaf({ type: 'best' }, { code: 'B' });
  const mm = leaf({ type: 'minmax' }, { code: 'M' });
  const ratio = leaf({ type: 'ratio', target: 90 }, { code: 'Q' });

  it('one peer always scores w, for rank, minmax and best (even a best value ≤ 0)', () => {
    const { byTarget } = run(schemeOf([rank, best, mm]), [{ R: 50, B: -3, M: 7 }]);
    const r = byTarget.get('T1')!;
    expect([r.indicators.R!.score, r.indicators.B!.score, r.indicators.M!.score]).toEqual(['10.00', '10.00', '10.00']);
  });

  it('fewer than 3 targets taking part: each of them, and its result, is flagged FEW_PEERS', () => {
    const { byTarget } = run(schemeOf([rank, ratio]), [
      { R: 50, Q: 90 },
      { R: 'N/A', Q: 80 },
      { Q: 70 },
      { R: 40, Q: 85 },
    ]);
    expect(byTarget.get('T1')!.indicators.R!.flags).toEqual(['FEW_PEERS']);
    expect(byTarget.get('T1')!.flags).toContain('FEW_PEERS');
    expect(byTarget.get('T2')!.indicators.R!.flags).toEqual(['NA']);
    expect(byTarget.get('T2')!.flags).not.toContain('FEW_PEERS');
    expect(byTarget.get('T3')!.indicators.R!.flags).toEqual(['MISSING']);
    expect(byTarget.get('T1')!.indicators.Q!.flags).toEqual([]);
  });

  it('three or more taking part: no flag', () => {
    const { byTarget } = run(schemeOf([rank]), [{ R: 1 }, { R: 2 }, { R: 3 }]);
    for (const r of byTarget.values()) expect(r.flags).not.toContain('FEW_PEERS');
  });

  it('scheme check warns for each peer leaf: the roster before any value, the targets with a number after', () => {
    const scheme = schemeOf([rank, best, mm, ratio]);
    const one = fewPeersWarnings({ scheme, targets: [{ code: 'G01', name: '一号集团' }], values: new Map() });
    expect(one.map((w) => w.path)).toEqual(['R', 'B', 'M']);
    expect(one[0]!.message).toContain('本年度该类考核对象只有 1 个（少于 3 个）');
    expect(one[0]!.message).toContain('FEW_PEERS');
    const targets = ['A', 'B', 'C'].map((code) => ({ code, name: code }));
    expect(fewPeersWarnings({ scheme, targets, values: new Map() })).toEqual([]);
    const values = new Map([
      [
        'A',
        new Map([
          ['R', num(1)],
          ['B', num(2)],
          ['M', num(3)],
        ]),
      ],
      [
        'B',
        new Map([
          ['R', num(1)],
          ['B', { kind: 'na' } as const],
          ['M', num(3)],
        ]),
      ],
      [
        'C',
        new Map([
          ['R', num(1)],
          ['M', num(4)],
        ]),
      ],
    ]);
    const w = fewPeersWarnings({ scheme, targets, values });
    expect(w.map((x) => x.path)).toEqual(['B']);
    expect(w[0]!.message).toContain('有数值参与比较的考核对象只有 1 个');
  });
});
