import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allocateFund,
  allocationParticipants,
  largestRemainder,
  splitByRatios,
  splitSurplus,
  type AllocationResultRef,
} from '../../shared/finance';

const examples = path.resolve(__dirname, '../../../shared/examples');
const expected = JSON.parse(readFileSync(path.join(examples, 'ex1-expected.json'), 'utf8')) as {
  results: Record<string, { total: number; grade: string }>;
  allocation100000_noGradeExcluded: Record<string, string>;
};

const sumFen = (xs: string[]) => xs.reduce((s, x) => s + BigInt(x.replace('.', '')), 0n);
const p = (target: string, total: string, factor = '1') => ({ target, total, factor });

describe('allocateFund', () => {
  it('ex1: 100000.00 over totals 86.37 / 95.5 / 22.52 → 42257.45 / 46724.40 / 11018.15', () => {
    const results: AllocationResultRef[] = Object.entries(expected.results).map(([target, r]) => ({
      target,
      total: String(r.total),
      grade: r.grade,
      veto: null,
    }));
    const { participants } = allocationParticipants(results, { excludeGrades: [] });
    const parts = allocateFund({ amount: '100000.00', participants });
    expect(Object.fromEntries(parts.map((x) => [x.target, x.amount]))).toEqual(
      expected.allocation100000_noGradeExcluded,
    );
    expect(sumFen(parts.map((x) => x.amount))).toBe(10000000n);
    expect(parts.map((x) => x.factor)).toEqual(['1', '1', '1']);
  });

  it('floors each share, then gives the leftover fen to the largest remainders', () => {
    // shares 33.333…, 33.333…, 33.333… → 33.34 goes to the smallest code (equal totals)
    const parts = allocateFund({ amount: '100.00', participants: [p('B', '80'), p('A', '80'), p('C', '80')] });
    expect(parts.map((x) => [x.target, x.amount])).toEqual([
      ['B', '33.33'],
      ['A', '33.34'],
      ['C', '33.33'],
    ]);
    // weights 1, 2 (via factor) over 0.10 → 0.0333…, 0.0666… → the larger remainder gets the fen
    const two = allocateFund({ amount: '0.10', participants: [p('X', '10', '1'), p('Y', '10', '2')] });
    expect(two.map((x) => x.amount)).toEqual(['0.03', '0.07']);
  });

  it('equal remainders go to the higher total, then to the smaller target code', () => {
    // equal weights 100 (50×2 and 100×1): the one fen goes to the higher total, T02
    const byTotal = allocateFund({ amount: '0.01', participants: [p('T01', '50', '2'), p('T02', '100', '1')] });
    expect(byTotal.map((x) => x.amount)).toEqual(['0.00', '0.01']);
    // equal weights and totals: smaller codes first — two fen over three equal parts
    const byCode = allocateFund({ amount: '0.02', participants: [p('T03', '80'), p('T02', '80'), p('T01', '80')] });
    expect(byCode.map((x) => [x.target, x.amount])).toEqual([
      ['T03', '0.00'],
      ['T02', '0.01'],
      ['T01', '0.01'],
    ]);
    // a larger remainder beats a higher total
    const byRemainder = allocateFund({ amount: '0.05', participants: [p('A', '60'), p('B', '40')] });
    expect(byRemainder.map((x) => x.amount)).toEqual(['0.03', '0.02']);
  });

  it('factors multiply the totals and the parts add up to the pool exactly', () => {
    const parts = allocateFund({
      amount: '1234567.89',
      participants: [p('A', '91.27', '12034'), p('B', '78.5', '8850.5'), p('C', '66.66', '20001'), p('D', '0', '100')],
    });
    expect(sumFen(parts.map((x) => x.amount))).toBe(123456789n);
    expect(parts.find((x) => x.target === 'D')!.amount).toBe('0.00');
  });

  it('is an error when nobody takes part or the total weight is 0', () => {
    expect(() => allocateFund({ amount: '100.00', participants: [] })).toThrow(/没有参与分配/);
    expect(() => allocateFund({ amount: '100.00', participants: [p('A', '0'), p('B', '50', '0')] })).toThrow(
      /合计为 0/,
    );
  });

  it('rejects a negative pool, a pool finer than the fen, bad factors and duplicates', () => {
    expect(() => allocateFund({ amount: '-1.00', participants: [p('A', '80')] })).toThrow(/不能为负数/);
    expect(() => allocateFund({ amount: '1.001', participants: [p('A', '80')] })).toThrow(/两位小数/);
    expect(() => allocateFund({ amount: '1.00', participants: [p('A', '80', '-2')] })).toThrow(
      /A 的分配系数不能为负数/,
    );
    expect(() => allocateFund({ amount: '1.00', participants: [p('A', '80'), p('A', '70')] })).toThrow(/重复/);
  });
});

describe('allocationParticipants', () => {
  const results: AllocationResultRef[] = [
    { target: 'G1', name: '一集团', total: '92', grade: '优秀', veto: null },
    { target: 'G2', name: '二集团', total: '85', grade: '良好', veto: '发生重大医疗事故' },
    { target: 'G3', name: '三集团', total: '55', grade: '不合格', veto: null },
    { target: 'G4', name: '四集团', total: '70', grade: '合格', veto: null },
  ];

  it('by default leaves out the last band and vetoed targets', () => {
    const c = allocationParticipants(results);
    expect(c.participants.map((x) => x.target)).toEqual(['G1', 'G4']);
    expect(c.excludedGrades).toEqual(['不合格']);
    expect(c.excluded.map((x) => x.target)).toEqual(['G2', 'G3']);
    expect(c.excluded[0]!.reason).toMatch(/一票否决/);
  });

  it("the default excluded band is the scheme's last band", () => {
    const c = allocationParticipants(results, { grades: [{ name: '优秀' }, { name: '良好' }, { name: '合格' }] });
    expect(c.excludedGrades).toEqual(['合格']);
    expect(c.participants.map((x) => x.target)).toEqual(['G1', 'G3']);
  });

  it('vetoed targets never take part, even with no grade excluded', () => {
    const c = allocationParticipants(results, { excludeGrades: [] });
    expect(c.participants.map((x) => x.target)).toEqual(['G1', 'G3', 'G4']);
    const flagged = allocationParticipants([{ target: 'G5', total: '90', grade: '不合格', flags: ['VETO'] }], {
      excludeGrades: [],
    });
    expect(flagged.participants).toEqual([]);
  });

  it('takes factors per target (default 1) and reports factors for unknown targets', () => {
    const c = allocationParticipants(results, {
      excludeGrades: ['合格'],
      factors: { G1: '12000', G3: '8000.5', ZZ: '3' },
    });
    expect(c.participants).toEqual([
      { target: 'G1', name: '一集团', total: '92', factor: '12000' },
      { target: 'G3', name: '三集团', total: '55', factor: '8000.5' },
    ]);
    expect(c.unknownFactorTargets).toEqual(['ZZ']);
    const parts = allocateFund({ amount: '50000.00', participants: c.participants });
    // 92×12000 = 1,104,000; 55×8000.5 = 440,027.5; shares 35750.6585…, 14249.3414…
    expect(parts.map((x) => x.amount)).toEqual(['35750.66', '14249.34']);
    expect(() => allocationParticipants(results, { factors: { G1: '多' } })).toThrow(/G1 的分配系数/);
  });
});

describe('largestRemainder', () => {
  it('puts leftover fen by remainder, then by the tie rule', () => {
    expect(largestRemainder(10n, [1n, 1n, 1n], (a, b) => b - a)).toEqual([3n, 3n, 4n]);
    expect(largestRemainder(10n, [1n, 1n, 1n], (a, b) => a - b)).toEqual([4n, 3n, 3n]);
    expect(() => largestRemainder(10n, [0n], () => 0)).toThrow();
  });
});

describe('splitByRatios / splitSurplus', () => {
  it('40:60 adds up exactly, ties to the earlier part', () => {
    expect(splitByRatios('100000.00', ['40', '60'])).toEqual(['40000.00', '60000.00']);
    expect(splitByRatios('0.01', ['40', '60'])).toEqual(['0.00', '0.01']);
    // 0.05 → 0.02 / 0.03 exactly; 0.03 → 0.012 / 0.018 → floors 0.01/0.01, remainders .2/.8 → 0.01 / 0.02
    expect(splitByRatios('0.03', ['40', '60'])).toEqual(['0.01', '0.02']);
    // 50:50 of an odd fen: tie goes to the earlier part
    expect(splitByRatios('0.01', ['1', '1'])).toEqual(['0.01', '0.00']);
    expect(splitByRatios('12345.67', ['40', '60'])).toEqual(['4938.27', '7407.40']);
  });

  it('6:3:1 adds up exactly', () => {
    expect(splitByRatios('100.01', ['6', '3', '1'])).toEqual(['60.01', '30.00', '10.00']);
    const parts = splitByRatios('98765.43', ['6', '3', '1']);
    expect(parts).toEqual(['59259.26', '29629.63', '9876.54']);
    expect(sumFen(parts)).toBe(9876543n);
    // ties among equal ratios go to the earlier parts
    expect(splitByRatios('0.02', ['1', '1', '1'])).toEqual(['0.01', '0.01', '0.00']);
  });

  it('splitSurplus applies both default splits to the whole surplus', () => {
    const s = splitSurplus('1234567.89');
    expect([s.development, s.staff]).toEqual(['493827.16', '740740.73']);
    expect([s.county, s.township, s.village]).toEqual(['740740.73', '370370.37', '123456.79']);
    expect(sumFen([s.development, s.staff])).toBe(123456789n);
    expect(sumFen([s.county, s.township, s.village])).toBe(123456789n);
    const custom = splitSurplus('1000.00', { devStaff: ['30', '70'], tiers: ['5', '4', '1'] });
    expect(custom).toEqual({
      development: '300.00',
      staff: '700.00',
      county: '500.00',
      township: '400.00',
      village: '100.00',
    });
  });

  it('rejects empty, zero or negative ratios and negative amounts', () => {
    expect(() => splitByRatios('10.00', [])).toThrow(/不能为空/);
    expect(() => splitByRatios('10.00', ['0', '0'])).toThrow(/合计为 0/);
    expect(() => splitByRatios('10.00', ['-1', '2'])).toThrow(/不能为负数/);
    expect(() => splitByRatios('-10.00', ['1', '2'])).toThrow(/不能为负数/);
  });
});
