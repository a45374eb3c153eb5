import { describe, expect, it } from 'vitest';
import type { Method } from '../../shared/domain/types';
import { compileFast, fastCents, roundQ, shortDecimalValue } from '../../shared/scoring/fast';
import { parseFx } from '../../shared/scoring/fixed';
import { compileLeaf } from '../../shared/scoring/methods';
import { leaf, scoresOf, tracesOf } from './helpers/scoring-fixtures';

// scoring.md "Worked examples", w = 10 unless said.
describe('threshold', () => {
  it('higher t = 90: x = 90 → 10', () => expect(scoresOf({ type: 'threshold', target: 90 }, [90])).toEqual(['10.00']));
  it('higher t = 90: x = 89.9 → 0', () =>
    expect(scoresOf({ type: 'threshold', target: 90 }, [89.9])).toEqual(['0.00']));
  it('lower t = 5: x = 5 → 10, 5.1 → 0', () =>
    expect(scoresOf({ type: 'threshold', target: 5 }, [5, 5.1], { direction: 'lower' })).toEqual(['10.00', '0.00']));
});

describe('ratio', () => {
  it('higher t = 90: x = 82.5 → 9.17', () => expect(scoresOf({ type: 'ratio', target: 90 }, [82.5])).toEqual(['9.17']));
  it('higher: trace shows the arithmetic', () =>
    expect(tracesOf({ type: 'ratio', target: 90 }, [82.5], { unit: '%' })).toEqual([
      '实际 82.5% ÷ 目标 90% × 10 分 = 9.17 分',
    ]));
  it('higher: capped at w, x ≤ 0 → 0', () =>
    expect(scoresOf({ type: 'ratio', target: 90 }, [120, 0, -5])).toEqual(['10.00', '0.00', '0.00']));
  it('lower t = 30 (药占比 ≤ 30%): x = 36 → 8.33', () =>
    expect(scoresOf({ type: 'ratio', target: 30 }, [36], { direction: 'lower' })).toEqual(['8.33']));
  it('lower: x ≤ t → w', () =>
    expect(scoresOf({ type: 'ratio', target: 30 }, [25], { direction: 'lower' })).toEqual(['10.00']));
  it('a ratio that gives exactly 1.005 → 1.01: w = 10, t = 200, x = 20.1', () =>
    expect(scoresOf({ type: 'ratio', target: 200 }, [20.1])).toEqual(['1.01']));
  it('exact 1.005 rounds up: w = 2.01, t = 2, x = 1 → 1.005 → 1.01', () =>
    expect(scoresOf({ type: 'ratio', target: 2 }, [1], { weight: 2.01 })).toEqual(['1.01']));
  it('exact 2.675 rounds up: w = 5.35, t = 2, x = 1 → 2.675 → 2.68', () =>
    expect(scoresOf({ type: 'ratio', target: 2 }, [1], { weight: 5.35 })).toEqual(['2.68']));
});

describe('linear', () => {
  it('higher t = 90, floor 60: x = 75 → 5.00', () =>
    expect(scoresOf({ type: 'linear', target: 90, floor: 60 }, [75])).toEqual(['5.00']));
  it('higher: at/below floor → 0, at target → w', () =>
    expect(scoresOf({ type: 'linear', target: 90, floor: 60 }, [60, 50, 90, 95])).toEqual([
      '0.00',
      '0.00',
      '10.00',
      '10.00',
    ]));
  it('lower t = 5, ceiling 15: x = 12 → 3.00', () =>
    expect(scoresOf({ type: 'linear', target: 5, ceiling: 15 }, [12], { direction: 'lower' })).toEqual(['3.00']));
  it('lower: trace', () =>
    expect(tracesOf({ type: 'linear', target: 5, ceiling: 15 }, [12], { direction: 'lower' })).toEqual([
      '(上限 15 − 实际 12) ÷ (上限 15 − 目标 5) × 10 分 = 3.00 分',
    ]));
});

describe('bands', () => {
  const bands: Method = {
    type: 'bands',
    bands: [
      { bound: 90, score: 10 },
      { bound: 80, score: 8 },
      { bound: 70, score: 5 },
    ],
  };
  it('higher: x = 85 → 8', () => expect(scoresOf(bands, [85])).toEqual(['8.00']));
  it('higher: x = 69 → 0', () => expect(scoresOf(bands, [69])).toEqual(['0.00']));
  it('higher: bound itself qualifies, order of bands does not matter', () =>
    expect(
      scoresOf(
        {
          type: 'bands',
          bands: [
            { bound: 70, score: 5 },
            { bound: 90, score: 10 },
          ],
        },
        [90, 70],
      ),
    ).toEqual(['10.00', '5.00']));
  it('lower: first band ascending with x ≤ bound', () =>
    expect(
      scoresOf(
        {
          type: 'bands',
          bands: [
            { bound: 10, score: 10 },
            { bound: 20, score: 6 },
          ],
        },
        [8, 15, 25],
        { direction: 'lower' },
      ),
    ).toEqual(['10.00', '6.00', '0.00']));
});

describe('deduct', () => {
  const d = (mode: 'proportional' | 'whole' | 'floor'): Method => ({
    type: 'deduct',
    target: 85,
    per: 1,
    points: 0.5,
    mode,
  });
  it('higher t = 85, per 1, points 0.5: x = 82.3 → proportional 8.65', () =>
    expect(scoresOf(d('proportional'), [82.3])).toEqual(['8.65']));
  it('… whole 8.50', () => expect(scoresOf(d('whole'), [82.3])).toEqual(['8.50']));
  it('… floor 9.00', () => expect(scoresOf(d('floor'), [82.3])).toEqual(['9.00']));
  it('mode defaults to proportional and per to 1', () =>
    expect(scoresOf({ type: 'deduct', target: 85, points: 0.5 }, [82.3])).toEqual(['8.65']));
  const incidents: Method = { type: 'deduct', target: 0, per: 1, points: 2, mode: 'whole' };
  it('lower t = 0, per 1, points 2, whole: x = 3 → 4.00', () =>
    expect(scoresOf(incidents, [3], { direction: 'lower' })).toEqual(['4.00']));
  it('… x = 7 → 0', () => expect(scoresOf(incidents, [7], { direction: 'lower' })).toEqual(['0.00']));
  it('whole on an exact unit does not add one: gap 3 → 3 units', () =>
    expect(scoresOf({ type: 'deduct', target: 85, per: 0.1, points: 0.1, mode: 'whole' }, [84.7])).toEqual(['9.70']));
  it('trace shows gap, units and deduction', () =>
    expect(tracesOf(d('whole'), [82.3], { unit: '%' })).toEqual([
      '差距 2.7（目标 85%，实际 82.3%）；扣分 ⌈2.7 ÷ 1⌉ = 3 × 0.5 分 = 1.5 分；10 分 − 1.5 分 = 8.50 分',
    ]));
});

describe('rank', () => {
  it('proportional, higher: 95, 90, 90, 80 → ranks 1, 2, 2, 4 → 10, 6.67, 6.67, 0', () =>
    expect(scoresOf({ type: 'rank' }, [95, 90, 90, 80])).toEqual(['10.00', '6.67', '6.67', '0.00']));
  it('lower ranks the smallest first', () =>
    expect(scoresOf({ type: 'rank', mode: 'proportional' }, [3, 1, 2], { direction: 'lower' })).toEqual([
      '0.00',
      '10.00',
      '5.00',
    ]));
  it('step 3: w − (r − 1)·step, not below 0', () =>
    expect(scoresOf({ type: 'rank', mode: 'step', step: 3 }, [95, 90, 90, 80, 70])).toEqual([
      '10.00',
      '7.00',
      '7.00',
      '1.00',
      '0.00',
    ]));
  it('n = 1 → w; N/A and missing take no part', () =>
    expect(scoresOf({ type: 'rank' }, [50, 'N/A', { kind: 'missing' }])).toEqual(['10.00', null, '0.00']));
  it('trace names the rank', () =>
    expect(tracesOf({ type: 'rank' }, [95, 90, 90, 80])[1]).toBe(
      '第 2 名（共 4 个）：10 分 × (4 − 2) ÷ (4 − 1) = 6.67 分',
    ));
});

describe('minmax and best', () => {
  it('minmax, lower, values 10, 20, 40 → 10, 6.67, 0', () =>
    expect(scoresOf({ type: 'minmax' }, [10, 20, 40], { direction: 'lower' })).toEqual(['10.00', '6.67', '0.00']));
  it('minmax, higher', () => expect(scoresOf({ type: 'minmax' }, [10, 20, 40])).toEqual(['0.00', '3.33', '10.00']));
  it('minmax with max = min gives w to all', () =>
    expect(scoresOf({ type: 'minmax' }, [7, 7])).toEqual(['10.00', '10.00']));
  it('best, higher, values 50, 80 → 6.25, 10', () =>
    expect(scoresOf({ type: 'best' }, [50, 80])).toEqual(['6.25', '10.00']));
  it('best, lower, values 4, 5 → 10, 8.00', () =>
    expect(scoresOf({ type: 'best' }, [4, 5], { direction: 'lower' })).toEqual(['10.00', '8.00']));
  it('best, higher, max ≤ 0 → 0', () => expect(scoresOf({ type: 'best' }, [0, -2])).toEqual(['0.00', '0.00']));
  it('best, lower, x ≤ 0 → w', () =>
    expect(scoresOf({ type: 'best' }, [0, 5], { direction: 'lower' })).toEqual(['10.00', '0.00']));
});

describe('grade, manual, growth, monitor', () => {
  const g: Method = { type: 'grade', labels: { 好: 1, 较好: 0.8, 一般: 0.6, 差: 0 } };
  it('grade {好 1, 较好 0.8, 一般 0.6, 差 0}: 较好 → 8', () => expect(scoresOf(g, ['较好'])).toEqual(['8.00']));
  it('grade: an unknown label scores 0 and is flagged as missing', () =>
    expect(scoresOf(g, ['很好'])).toEqual(['0.00']));
  it('manual score 4.005 → 4.01', () => expect(scoresOf({ type: 'manual' }, [4.005])).toEqual(['4.01']));
  it('manual is clamped to [0, w]', () => expect(scoresOf({ type: 'manual' }, [12, -1])).toEqual(['10.00', '0.00']));
  const growth: Method = { type: 'growth', target: 10, floor: 0 };
  it('growth, higher, t = 10, floor 0: p = 200, x = 212 → g = 6 → 6.00', () =>
    expect(scoresOf(growth, [212], { prev: [200] })).toEqual(['6.00']));
  it('… x = 190 → g = −5 → 0', () => expect(scoresOf(growth, [190], { prev: [200] })).toEqual(['0.00']));
  it('growth trace shows g', () =>
    expect(tracesOf(growth, [212], { prev: [200] })).toEqual([
      '增长率 (本年 212 − 上年 200) ÷ |上年| × 100% = 6%；(6% − 下限 0%) ÷ (目标 10% − 下限 0%) × 10 分 = 6.00 分',
    ]));
  it('growth floor defaults to 0', () =>
    expect(scoresOf({ type: 'growth', target: 10 }, [205], { prev: [200] })).toEqual(['2.50']));
  it('growth, lower with ceiling: g = −5 ≤ t = 0 → w; g = 10 with ceiling 20 → 5', () =>
    expect(
      scoresOf({ type: 'growth', target: 0, ceiling: 20 }, [190, 220], { direction: 'lower', prev: [200, 200] }),
    ).toEqual(['10.00', '5.00']));
  it('growth on a negative baseline uses |p|', () =>
    expect(scoresOf(growth, [-95], { prev: [-100] })).toEqual(['5.00']));
});

describe('exact rounding helpers', () => {
  it('shortDecimalValue equals Number() on short decimals and refuses the rest', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let k = 0; k < 20000; k++) {
      const int = String(Math.floor(rnd() * 10 ** (1 + (k % 9))));
      const frac = String(Math.floor(rnd() * 10 ** (k % 6))).padStart(k % 6, '0');
      const s = (k % 7 === 0 ? '-' : '') + int + (frac ? '.' + frac : '');
      if (s.length > 15) continue;
      expect(shortDecimalValue(s)).toBe(Number(s));
    }
    for (const bad of ['', '.', '5.', '1e5', '1,000', 'abc', '1234567890123456', '--1'])
      expect(Number.isNaN(shortDecimalValue(bad))).toBe(true);
  });
  it('roundQ refuses to decide near a half-cent', () => {
    expect(Number.isNaN(roundQ(1.005))).toBe(true);
    expect(roundQ(9.166666)).toBe(917);
    expect(roundQ(-3)).toBe(0);
  });
  it('parseFx keeps the decimal exactly', () => {
    expect(parseFx('82.5')).toEqual({ n: 825n, e: 1 });
    expect(parseFx('-0.05')).toEqual({ n: -5n, e: 2 });
    expect(parseFx('abc')).toBeNull();
  });
});

// The fast double path must agree with the exact BigInt path on cents and trace, or step aside.
describe('fast path agrees with the exact path', () => {
  const methods: { m: Method; dir?: 'lower' }[] = [
    { m: { type: 'threshold', target: 90 } },
    { m: { type: 'ratio', target: 85 } },
    { m: { type: 'ratio', target: 30 }, dir: 'lower' },
    { m: { type: 'linear', target: 90, floor: 60 } },
    { m: { type: 'linear', target: 35, ceiling: 55 }, dir: 'lower' },
    {
      m: {
        type: 'bands',
        bands: [
          { bound: 90, score: 10 },
          { bound: 80, score: 7.5 },
        ],
      },
    },
    { m: { type: 'deduct', target: 85, per: 1, points: 0.5, mode: 'proportional' } },
    { m: { type: 'deduct', target: 85, per: 0.5, points: 0.25, mode: 'whole' } },
    { m: { type: 'deduct', target: 2, per: 1, points: 3, mode: 'floor' }, dir: 'lower' },
    { m: { type: 'manual' } },
  ];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const { m, dir } of methods) {
    it(`${m.type}${dir ? ' lower' : ''}`, () => {
      const node = leaf(m, { weight: 7.5, direction: dir ?? 'higher', unit: '%' });
      const exact = compileLeaf(node);
      const fast = compileFast(node, exact)!;
      expect(fast).not.toBeNull();
      let decided = 0;
      for (let k = 0; k < 3000; k++) {
        const scale = [1, 10, 100, 1000][k % 4];
        const xt = String(Math.round(rnd() * 120 * scale) / scale);
        const xf = parseFx(xt)!;
        const f = fast(+xt, xt, null);
        const e = exact.scoreNumber(xf, xt, null);
        if (f !== null) {
          decided++;
          expect({ cents: fastCents.value, trace: f }).toEqual(e);
        }
      }
      expect(decided).toBeGreaterThan(2500); // exact half-cents (x.xx5) go to the exact path
    });
  }
});
