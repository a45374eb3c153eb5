import { describe, expect, it } from 'vitest';
import type { Adjustment, Scheme, Value } from '../../shared/domain/types';
import { parseSchemeJson } from '../../shared/scheme/parse';
import { validateScheme } from '../../shared/scheme/validate';
import { scoreScheme } from '../../shared/scoring/engine';
import { jsonValue, leaf, num, readExample, run, schemeOf } from './helpers/scoring-fixtures';

describe('ex1 example (shared/examples)', () => {
  const { scheme, problems } = parseSchemeJson(readExample('ex1-scheme.json'));
  const values = readExample('ex1-values.json') as Record<string, Record<string, unknown>>;
  const expected = readExample('ex1-expected.json');
  const adjustments: Adjustment[] = Object.entries(expected.adjustments as Record<string, [string, number][]>).flatMap(
    ([target, list]) =>
      list.map(([kind, points]) => ({
        target,
        kind: kind as 'bonus' | 'deduction',
        points: String(points),
        reason: '示例',
      })),
  );
  const result = scoreScheme({
    scheme: scheme!,
    targets: Object.keys(values).map((code) => ({ code, name: code })),
    values: new Map(
      Object.entries(values).map(([t, row]) => [t, new Map(Object.entries(row).map(([k, v]) => [k, jsonValue(v)]))]),
    ),
    adjustments,
    vetoes: [],
  });
  const byTarget = new Map(result.results.map((r) => [r.target, r]));

  it('parses and validates', () => {
    expect(problems).toEqual([]);
    expect(validateScheme(scheme!)).toEqual([]);
  });
  it('orders results by rank', () => expect(result.results.map((r) => r.rank)).toEqual([1, 2, 3]));
  for (const [target, exp] of Object.entries(expected.results as Record<string, any>)) {
    describe(target, () => {
      const r = () => byTarget.get(target)!;
      it('base', () => expect(Number(r().base)).toBe(exp.base));
      it('bonus', () => expect(Number(r().bonus)).toBe(exp.bonus));
      it('deduction', () => expect(Number(r().deduction)).toBe(exp.deduction));
      it('total', () => expect(Number(r().total)).toBe(exp.total));
      it('grade', () => expect(r().grade).toBe(exp.grade));
      it('rank', () => expect(r().rank).toBe(exp.rank));
      it('flags', () => expect(r().flags).toEqual(exp.flags));
      for (const [code, score] of Object.entries(exp.indicators as Record<string, number | null>)) {
        it(`indicator ${code}`, () =>
          expect(r().indicators[code].score === null ? null : Number(r().indicators[code].score)).toBe(score));
      }
    });
  }
  it('EX-03 P2 is flagged MISSING with a trace', () => {
    const p2 = byTarget.get('EX-03')!.indicators.P2;
    expect(p2.flags).toEqual(['MISSING']);
    expect(p2.trace).toContain('缺报');
  });
  it('EX-02 Q2 is N/A: no score, NA flag, dimension shows the applicable weight', () => {
    const r = byTarget.get('EX-02')!;
    expect(r.indicators.Q2.flags).toEqual(['NA']);
    expect(r.indicators.Q2.trace).toContain('不适用');
    expect(r.dimensions.Q).toMatchObject({ score: '20.00', applicableWeight: '20' });
  });
  it('monitor leaves keep the value and count nowhere', () => {
    const q3 = byTarget.get('EX-01')!.indicators.Q3;
    expect(q3.score).toBeNull();
    expect(q3.value).toEqual({ kind: 'number', number: '38211' });
    expect(q3.trace).toContain('监测指标');
    expect(byTarget.get('EX-01')!.dimensions.Q).toMatchObject({ score: '31.50', applicableWeight: '40' });
  });
  it('P1 trace shows the arithmetic', () =>
    expect(byTarget.get('EX-01')!.indicators.P1.trace).toBe('实际 80.2% ÷ 目标 85% × 20 分 = 18.87 分'));
});

describe('N/A policies', () => {
  const s3 = (naPolicy?: 'rescale' | 'full' | 'zero'): Scheme =>
    schemeOf(
      [
        leaf({ type: 'manual' }, { code: 'A', weight: 40 }),
        leaf({ type: 'manual' }, { code: 'B', weight: 30 }),
        leaf({ type: 'manual' }, { code: 'C', weight: 30 }),
      ],
      { naPolicy, fullScore: 100 },
    );
  it('rescale: scores 36, N/A, 24 → base = 60 × 100 / 70 = 85.71', () =>
    expect(run(s3(), [{ A: 36, B: 'N/A', C: 24 }]).byTarget.get('T1')!.base).toBe('85.71'));
  it('rescale is the default and the N/A leaf has no score', () =>
    expect(run(s3('rescale'), [{ A: 36, B: 'N/A', C: 24 }]).byTarget.get('T1')!.indicators.B.score).toBeNull());
  it('full: an N/A leaf scores w', () => {
    const r = run(s3('full'), [{ A: 36, B: 'N/A', C: 24 }]).byTarget.get('T1')!;
    expect(r.indicators.B.score).toBe('30.00');
    expect(r.base).toBe('90.00');
  });
  it('zero: an N/A leaf scores 0', () =>
    expect(run(s3('zero'), [{ A: 36, B: 'N/A', C: 24 }]).byTarget.get('T1')!.base).toBe('60.00'));
  it('no leaf applies → base 0, NO_DATA', () => {
    const r = run(s3(), [{ A: 'N/A', B: 'N/A', C: 'N/A' }]).byTarget.get('T1')!;
    expect(r.base).toBe('0.00');
    expect(r.flags).toEqual(['NO_DATA']);
  });
  it('a target with no values at all: every leaf MISSING, base 0', () => {
    const r = run(s3(), [{}]).byTarget.get('T1')!;
    expect(r.base).toBe('0.00');
    expect(r.flags).toEqual(['MISSING']);
    expect(Object.values(r.indicators).every((i) => i.flags.includes('MISSING'))).toBe(true);
  });
  it('growth without a baseline counts as N/A, flagged NO_BASELINE', () => {
    const s = schemeOf([
      leaf({ type: 'growth', target: 10 }, { code: 'G', weight: 50 }),
      leaf({ type: 'manual' }, { code: 'M', weight: 50 }),
    ]);
    const { byTarget } = run(
      s,
      [
        { G: 212, M: 40 },
        { G: 212, M: 40 },
        { G: 212, M: 40 },
      ],
      { prev: [{}, { G: 0 }, { G: 'N/A' }] },
    );
    for (const t of ['T1', 'T2', 'T3']) {
      const r = byTarget.get(t)!;
      expect(r.indicators.G.score).toBeNull();
      expect(r.indicators.G.flags).toEqual(['NA', 'NO_BASELINE']);
      expect(r.flags).toEqual(['NO_BASELINE']);
      expect(r.base).toBe('80.00'); // 40 × 100 / 50
    }
  });
});

describe('totals, bonus cap, deductions, veto', () => {
  const s = (extra: Partial<Scheme> = {}) =>
    schemeOf([leaf({ type: 'manual' }, { code: 'A', weight: 100 })], { bonusCap: 3, ...extra });
  const adj = (kind: 'bonus' | 'deduction', points: string, target = 'T1'): Adjustment => ({
    target,
    kind,
    points,
    reason: '核查',
  });
  it('base 87.5, bonuses 2 + 2 with cap 3, deduction 1.25 → 89.25 → 良好', () => {
    const r = run(s(), [{ A: 87.5 }], {
      adjustments: [adj('bonus', '2'), adj('bonus', '2'), adj('deduction', '1.25')],
    }).byTarget.get('T1')!;
    expect([r.base, r.bonus, r.deduction, r.total, r.grade]).toEqual(['87.50', '3.00', '1.25', '89.25', '良好']);
  });
  it('with a veto → 不合格, total still computed, VETO flag and reason', () => {
    const r = run(s(), [{ A: 87.5 }], {
      adjustments: [adj('bonus', '2'), adj('bonus', '2'), adj('deduction', '1.25')],
      vetoes: [{ target: 'T1', reason: '发生重大医疗事故' }],
    }).byTarget.get('T1')!;
    expect([r.total, r.grade, r.veto]).toEqual(['89.25', '不合格', '发生重大医疗事故']);
    expect(r.flags).toEqual(['VETO']);
  });
  it('no cap: bonuses add up', () =>
    expect(
      run(s({ bonusCap: null }), [{ A: 87.5 }], { adjustments: [adj('bonus', '2'), adj('bonus', '2')] }).byTarget.get(
        'T1',
      )!.total,
    ).toBe('91.50'));
  it('total is never below 0', () =>
    expect(run(s(), [{ A: 1 }], { adjustments: [adj('deduction', '5')] }).byTarget.get('T1')!.total).toBe('0.00'));
  it('bonus can push the total above fullScore', () =>
    expect(run(s(), [{ A: 99 }], { adjustments: [adj('bonus', '3')] }).byTarget.get('T1')!.total).toBe('102.00'));
});

describe('ranks and ties', () => {
  const s = schemeOf([leaf({ type: 'manual' }, { code: 'A', weight: 100 })]);
  it('ties share the best rank (1, 2, 2, 4), results sorted by rank then code', () => {
    const { result } = run(s, [{ A: 80 }, { A: 95 }, { A: 80 }, { A: 70 }]);
    expect(result.results.map((r) => [r.target, r.rank])).toEqual([
      ['T2', 1],
      ['T1', 2],
      ['T3', 2],
      ['T4', 4],
    ]);
  });
  it('vetoed targets come after all others, ranked among themselves', () => {
    const { result } = run(s, [{ A: 99 }, { A: 60 }, { A: 95 }, { A: 95 }, { A: 50 }], {
      vetoes: [
        { target: 'T1', reason: '否决' },
        { target: 'T3', reason: '否决' },
        { target: 'T4', reason: '否决' },
      ],
    });
    expect(result.results.map((r) => [r.target, r.rank, r.grade])).toEqual([
      ['T2', 1, '合格'],
      ['T5', 2, '不合格'],
      ['T1', 3, '不合格'],
      ['T3', 4, '不合格'],
      ['T4', 4, '不合格'],
    ]);
  });
});

describe('exactness beyond binary doubles', () => {
  it('values that differ only past the 16th digit are still ranked apart', () => {
    const s = schemeOf([leaf({ type: 'rank' }, { code: 'A', weight: 10 })]);
    const { byTarget } = run(s, [
      { A: num('1.00000000000000001') },
      { A: num('1.00000000000000002') },
      { A: num('1') },
    ]);
    expect(['T1', 'T2', 'T3'].map((t) => byTarget.get(t)!.indicators.A.score)).toEqual(['5.00', '10.00', '0.00']);
  });
  it('minmax on long decimals', () => {
    const s = schemeOf([leaf({ type: 'minmax' }, { code: 'A', weight: 10 })]);
    const { byTarget } = run(s, [
      { A: num('0.10000000000000000003') },
      { A: num('0.1') },
      { A: num('0.10000000000000000004') },
    ]);
    expect(['T1', 'T2', 'T3'].map((t) => byTarget.get(t)!.indicators.A.score)).toEqual(['7.50', '0.00', '10.00']);
  });
  it('a long ratio value lands exactly on a half cent: 10 × 1.0049999999999999999 / 10 → 1.00, 1.005 → 1.01', () => {
    const s = schemeOf([leaf({ type: 'ratio', target: 10 }, { code: 'A', weight: 10 })]);
    const { byTarget } = run(s, [{ A: num('1.0049999999999999999') }, { A: num('1.005') }]);
    expect([byTarget.get('T1')!.indicators.A.score, byTarget.get('T2')!.indicators.A.score]).toEqual(['1.00', '1.01']);
  });
});

describe('grade quotas', () => {
  const grades = [
    { name: '优秀', min: 90, quota: 0.15 },
    { name: '良好', min: 80 },
    { name: '合格', min: 60 },
    { name: '不合格', min: null },
  ];
  const s = schemeOf([leaf({ type: 'manual' }, { code: 'A', weight: 100 })], { grades });
  const ten = (tops: number[]) => [...tops, ...Array.from({ length: 10 - tops.length }, () => 70)].map((A) => ({ A }));
  it('quota 0.15 with 10 targets: totals 95, 93, 91 → 95 stays 优秀, 93 and 91 become 良好 (QUOTA)', () => {
    const { byTarget } = run(s, ten([95, 93, 91]));
    expect(['T1', 'T2', 'T3'].map((t) => byTarget.get(t)!.grade)).toEqual(['优秀', '良好', '良好']);
    expect(byTarget.get('T1')!.flags).toEqual([]);
    expect(byTarget.get('T2')!.flags).toEqual(['QUOTA']);
    expect(byTarget.get('T3')!.flags).toEqual(['QUOTA']);
    expect(byTarget.get('T4')!.flags).toEqual([]);
  });
  it('totals 95, 95, 91: a tie straddling the limit → all three become 良好', () => {
    const { byTarget } = run(s, ten([95, 95, 91]));
    expect(['T1', 'T2', 'T3'].map((t) => [byTarget.get(t)!.grade, byTarget.get(t)!.flags])).toEqual([
      ['良好', ['QUOTA']],
      ['良好', ['QUOTA']],
      ['良好', ['QUOTA']],
    ]);
  });
  it('a demoted target can be demoted again by the next band’s quota', () => {
    const g2 = [
      { name: '优秀', min: 90, quota: 0.1 },
      { name: '良好', min: 80, quota: 0.2 },
      { name: '合格', min: 60 },
      { name: '不合格', min: null },
    ];
    const { byTarget } = run(
      schemeOf([leaf({ type: 'manual' }, { code: 'A', weight: 100 })], { grades: g2 }),
      ten([95, 93, 91, 85]),
    );
    expect(['T1', 'T2', 'T3', 'T4'].map((t) => byTarget.get(t)!.grade)).toEqual(['优秀', '良好', '良好', '合格']);
    expect(byTarget.get('T4')!.flags).toEqual(['QUOTA']);
  });
});

describe('weights, dimensions, what-if', () => {
  const s = schemeOf([
    leaf({ type: 'ratio', target: 90 }, { code: 'A', weight: 60 }),
    leaf({ type: 'manual' }, { code: 'B', weight: 40 }),
  ]);
  it('dimension subtotal is the sum of the rounded leaf scores', () => {
    const r = run(s, [{ A: 82.5, B: 10.005 }]).byTarget.get('T1')!;
    expect(r.indicators.A.score).toBe('55.00');
    expect(r.indicators.B.score).toBe('10.01');
    expect(r.dimensions.D).toEqual({ code: 'D', name: '维度', score: '65.01', applicableWeight: '100' });
    expect(r.base).toBe('65.01');
  });
  it('weight overrides change the leaf weight (what-if)', () => {
    const r = run(s, [{ A: 82.5, B: 20 }], { weightOverrides: { A: 30 } }).byTarget.get('T1')!;
    expect(r.indicators.A.weight).toBe('30');
    expect(r.indicators.A.score).toBe('27.50');
  });
  it('a label given to a number leaf is an input problem: scored 0 as missing', () => {
    const r = run(s, [{ A: '优', B: 20 }]).byTarget.get('T1')!;
    expect(r.indicators.A.score).toBe('0.00');
    expect(r.indicators.A.flags).toEqual(['MISSING']);
    expect(r.flags).toEqual(['MISSING']);
  });
  it('every number in the result is a string; result carries year, scheme, fullScore', () => {
    const { result } = run(s, [{ A: 90, B: 40 }]);
    expect(result).toMatchObject({ year: 2024, scheme: 'T', fullScore: '100' });
    expect(result.results[0]).toMatchObject({ base: '100.00', total: '100.00', grade: '优秀', rank: 1, veto: null });
  });
  it('the value as entered is kept on each indicator', () => {
    const v: Value = { kind: 'number', number: '82.5' };
    const { result } = run(s, [{ A: v, B: 1 }]);
    expect(result.results[0].indicators.A.value).toEqual(v);
  });
});

describe('traces for every kind of cell', () => {
  const s = schemeOf(
    [
      leaf({ type: 'ratio', target: 90 }, { code: 'A', weight: 50, unit: '%' }),
      leaf({ type: 'manual' }, { code: 'B', weight: 50 }),
      { code: 'M', name: '门诊人次', weight: 0, unit: '人次', method: { type: 'monitor' } },
    ],
    { fullScore: 100 },
  );
  const { byTarget } = run(s, [{ A: 'N/A', M: 38211 }], { prev: [{ M: 35000 }] });
  const r = byTarget.get('T1')!;
  it('N/A', () => expect(r.indicators.A.trace).toBe('不适用，不计分，基础分按适用指标分值折算'));
  it('missing', () => expect(r.indicators.B.trace).toBe('缺报（未填报），计 0.00 分'));
  it('monitor shows this year beside last year', () =>
    expect(r.indicators.M.trace).toBe('监测指标，不计分：本年 38211 人次，上年 35000 人次'));
  it('N/A under full shows the points given', () => {
    const f = run({ ...s, naPolicy: 'full' }, [{ A: 'N/A', B: 20 }]).byTarget.get('T1')!;
    expect(f.indicators.A).toMatchObject({ score: '50.00', flags: ['NA'], trace: '不适用，按满分计 50.00 分' });
    expect(f.base).toBe('70.00');
    expect(f.dimensions.D.applicableWeight).toBe('100');
  });
});

describe('quota and veto together', () => {
  it('a vetoed target does not use up a band quota but counts in n', () => {
    const grades = [
      { name: '优秀', min: 90, quota: 0.2 },
      { name: '合格', min: 60 },
      { name: '不合格', min: null },
    ];
    const s = schemeOf([leaf({ type: 'manual' }, { code: 'A', weight: 100 })], { grades });
    const rows = [99, 95, 93, 70, 70, 70, 70, 70, 70, 70].map((A) => ({ A }));
    const { byTarget } = run(s, rows, { vetoes: [{ target: 'T1', reason: '否决' }] });
    // n = 10 → ⌊2⌋ = 2: T2 and T3 stay 优秀; T1 is vetoed → 不合格, ranked last.
    expect(['T1', 'T2', 'T3'].map((t) => [byTarget.get(t)!.grade, byTarget.get(t)!.rank])).toEqual([
      ['不合格', 10],
      ['优秀', 1],
      ['优秀', 2],
    ]);
  });
});

describe('repeated values share work but not results', () => {
  it('every target scores as if scored alone, through the memory and after it turns itself off', () => {
    const s = schemeOf([
      leaf({ type: 'ratio', target: 90 }, { code: 'A', weight: 60, unit: '%' }),
      leaf({ type: 'grade', labels: { 好: 1, 差: 0.25 } }, { code: 'B', weight: 40 }),
    ]);
    // 6000 targets: A repeats for the first half, then is all distinct (turns the memory off).
    const rows = Array.from({ length: 6000 }, (_, i) => ({
      A: num(i < 3000 ? String(80 + (i % 7)) : (i / 100).toFixed(2)),
      B: i % 3 === 0 ? '差' : '好',
    }));
    const { byTarget } = run(s, rows);
    for (const i of [0, 1, 6, 7, 2999, 3000, 4500, 5999]) {
      const alone = run(s, [rows[i]]).byTarget.get('T1')!;
      const r = byTarget.get(`T${i + 1}`)!;
      expect(r.indicators).toEqual(alone.indicators);
      expect(r.base).toBe(alone.base);
    }
  });
  it('a label that looks like a number on a number leaf is not confused with the number', () => {
    const s = schemeOf([leaf({ type: 'ratio', target: 90 }, { code: 'A', weight: 100 })]);
    const { byTarget } = run(s, [{ A: num('85') }, { A: { kind: 'label', label: '85' } }, { A: num('85') }]);
    expect(['T1', 'T2', 'T3'].map((t) => byTarget.get(t)!.indicators.A.score)).toEqual(['94.44', '0.00', '94.44']);
    expect(byTarget.get('T2')!.flags).toEqual(['MISSING']);
  });
});
