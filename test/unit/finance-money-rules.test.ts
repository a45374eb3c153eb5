/**
 * The money rules of finance.md with worked numbers of our own: who pays (发放主体), the pay-total cap
 * (hit, not hit, a veto), the insurance surplus split with ties in the largest remainder, term
 * appraisal with a gap and a veto, and the split syntax.
 */
import { describe, expect, it } from 'vitest';
import {
  COUNTY_FINANCE,
  approvedPayTotal,
  defaultPayer,
  parseRatios,
  payerTotals,
  resolvePayer,
  salaryCoefficient,
  splitSurplusTiers,
  termAppraisal,
} from '../../shared/finance';

describe('发放主体 (seed 000 第7条)', () => {
  it('defaults: a group (or a target with no group) → 县财政; a member → its group', () => {
    expect(defaultPayer({ kind: 'medical_group', group: null })).toBe(COUNTY_FINANCE);
    expect(defaultPayer({ kind: 'medical_group', group: 'G9' })).toBe(COUNTY_FINANCE);
    expect(defaultPayer({ kind: 'community_centre', group: null })).toBe(COUNTY_FINANCE);
    expect(defaultPayer({ kind: 'township_centre', group: 'G1' })).toBe('G1');
    expect(defaultPayer({ kind: 'village_clinic', group: 'G2' })).toBe('G2');
  });

  it('a typed payer: 县财政, a group code (any case) or its exact name; anything else is null', () => {
    const groups = [
      { code: 'G1', name: '第一医疗集团' },
      { code: 'G2', name: '第二医疗集团' },
    ];
    expect(resolvePayer(' 县财政 ', groups)).toBe(COUNTY_FINANCE);
    expect(resolvePayer('g2', groups)).toBe('G2');
    expect(resolvePayer('第一医疗集团', groups)).toBe('G1');
    expect(resolvePayer('乡财政', groups)).toBeNull();
    expect(resolvePayer('', groups)).toBeNull();
  });

  it('totals per payer, 县财政 first, capital figures; lines in error count nowhere', () => {
    const t = payerTotals([
      { payer: 'G2', pay: '1409.50' },
      { payer: COUNTY_FINANCE, pay: '99375.00' },
      { payer: 'G2', pay: '0.03' },
      { payer: 'G1', pay: '', error: '没有考核结果' },
      { payer: 'G1', pay: '10007.00' },
    ]);
    expect(t).toEqual([
      { payer: '县财政', total: '99375.00', totalInWords: '玖万玖仟叁佰柒拾伍元整', lines: 1 },
      { payer: 'G1', total: '10007.00', totalInWords: '壹万零柒元整', lines: 1 },
      { payer: 'G2', total: '1409.53', totalInWords: '壹仟肆佰零玖元伍角叁分', lines: 2 },
    ]);
  });
});

describe('绩效工资总量 with excluded items (seed 000 第7条, 第24条)', () => {
  it('cap not hit: T·k below 5·R; available = approved + 签约服务费', () => {
    // T 3,600,000 × k 0.9125 = 3,285,000.00; cap 5 × 800,000 = 4,000,000.00
    const r = approvedPayTotal({ proposed: '3600000', benchmark: '800000', k: '0.9125', excluded: '125000.50' });
    expect(r).toEqual({
      adjusted: '3285000.00',
      limit: '4000000.00',
      approved: '3285000.00',
      excluded: '125000.50',
      available: '3410000.50',
      flags: [],
    });
  });

  it('cap hit: 4,800,000 × 0.9 = 4,320,000 > 4,000,000 → the cap, OVER_CAP, and E still added', () => {
    const r = approvedPayTotal({ proposed: '4800000', benchmark: '800000', k: '0.9', excluded: '20000' });
    expect(r.approved).toBe('4000000.00');
    expect(r.available).toBe('4020000.00');
    expect(r.flags).toEqual(['OVER_CAP']);
  });

  it('a vetoed group: k = 0 whatever kMin → approved 0.00, available = E only', () => {
    const k = salaryCoefficient(
      { mode: 'linear', intercept: 0.3, slope: 0.01, kMin: 0.6 },
      { total: '96.5', grade: '不合格', vetoed: true },
      '100',
    );
    const r = approvedPayTotal({ proposed: '4800000', benchmark: '800000', k, excluded: '20000' });
    expect(r.approved).toBe('0.00');
    expect(r.available).toBe('20000.00');
    expect(r.flags).toEqual([]);
  });

  it('refuses a negative or non-numeric excluded amount', () => {
    expect(() => approvedPayTotal({ proposed: '1', benchmark: '1', k: '1', excluded: '-3' })).toThrow(
      /不纳入总量.*不能为负数/,
    );
    expect(() => approvedPayTotal({ proposed: '1', benchmark: '1', k: '1', excluded: '三' })).toThrow(/不是有效的数值/);
  });
});

describe('医保结余 split (seed 000 第20条)', () => {
  it('ties in the largest remainder go to the earlier part', () => {
    // 0.05 at 50:50 → 2.5 fen each: the tie gives the odd fen to development (the earlier part).
    expect(splitSurplusTiers('0.05', { split: ['50', '50'] })).toEqual({
      amount: '0.05',
      development: '0.03',
      staff: '0.02',
      tiers: null,
    });
    // 0.10 at 1:1:1:… tiers: 3.333… fen each → county, the earliest, takes the extra fen.
    const r = splitSurplusTiers('0.10', { tiers: ['1', '1', '1'] });
    expect(r.tiers!.county.amount).toBe('0.04');
    expect(r.tiers!.township.amount).toBe('0.03');
    expect(r.tiers!.village.amount).toBe('0.03');
  });

  it('default 40:60 and 6:3:1, each tier split again; every split adds up to what it splits', () => {
    const r = splitSurplusTiers('123456.79', { tiers: ['6', '3', '1'] });
    expect([r.development, r.staff]).toEqual(['49382.72', '74074.07']);
    const t = r.tiers!;
    expect([t.county.amount, t.township.amount, t.village.amount]).toEqual(['74074.07', '37037.04', '12345.68']);
    const fen = (s: string) => Math.round(Number(s) * 100);
    expect(fen(t.county.amount) + fen(t.township.amount) + fen(t.village.amount)).toBe(fen('123456.79'));
    for (const p of [t.county, t.township, t.village]) expect(fen(p.development) + fen(p.staff)).toBe(fen(p.amount));
    expect([t.county.development, t.county.staff]).toEqual(['29629.63', '44444.44']);
  });

  it('split syntax: 40:60, 40：60, 6/3/1; 40:0 is a split, 0:0 and a wrong number of parts are not', () => {
    expect(parseRatios('40:60', 2, '比例')).toEqual(['40', '60']);
    expect(parseRatios(' 40 ： 60 ', 2, '比例')).toEqual(['40', '60']);
    expect(parseRatios('6/3/1', 3, '比例')).toEqual(['6', '3', '1']);
    expect(parseRatios('40:0', 2, '比例')).toEqual(['40', '0']);
    expect(() => parseRatios('0:0', 2, '发展/薪酬比例')).toThrow('发展/薪酬比例“0:0”合计为 0');
    expect(() => parseRatios('6:3', 3, '县乡村比例')).toThrow(/应为 3 个/);
    expect(() => parseRatios('40:-60', 2, '比例')).toThrow(/不是非负数/);
  });

  it('refuses a negative amount or more than two decimals', () => {
    expect(() => splitSurplusTiers('-1')).toThrow(/不能为负数/);
    expect(() => splitSurplusTiers('1.001')).toThrow(/两位小数/);
  });
});

describe('任期目标考核 (seed 001 四(七); TERM_FAIL limit: county practice)', () => {
  const y = (year: number, total: string, grade: string, rank: number, vetoed = false) => ({
    year,
    result: { total, grade, rank, vetoed, lastBand: '不合格' },
  });

  it('a term with a gap: the gap year listed with nulls, TERM_GAP, the mean of the others', () => {
    const r = termAppraisal(2021, 2024, [
      y(2021, '81.25', '良好', 2),
      y(2023, '90.10', '优秀', 1),
      y(2024, '77.00', '合格', 3),
    ]);
    expect(r.years.map((x) => [x.year, x.total, x.grade, x.rank])).toEqual([
      [2021, '81.25', '良好', 2],
      [2022, null, null, null],
      [2023, '90.10', '优秀', 1],
      [2024, '77.00', '合格', 3],
    ]);
    // (81.25 + 90.10 + 77.00) / 3 = 82.7833… → 82.78
    expect(r.average).toBe('82.78');
    expect(r.failYears).toBe(0);
    expect(r.flags).toEqual(['TERM_GAP']);
  });

  it('a veto counts as a failed year: one 不合格 and one veto → TERM_FAIL at the default limit 2', () => {
    const r = termAppraisal(2022, 2024, [
      y(2022, '55.00', '不合格', 3),
      y(2023, '88.00', '不合格', 3, true),
      y(2024, '91.00', '优秀', 1),
    ]);
    expect(r.failYears).toBe(2);
    expect(r.flags).toEqual(['TERM_FAIL']);
    expect(r.average).toBe('78.00');
    expect(
      termAppraisal(2022, 2024, [y(2022, '55.00', '不合格', 3), y(2023, '88.00', '不合格', 3, true)], 3).flags,
    ).toEqual(['TERM_GAP']);
  });

  it('no year with a result: average null; from > to is refused', () => {
    expect(termAppraisal(2020, 2021, []).average).toBeNull();
    expect(() => termAppraisal(2024, 2022, [])).toThrow('任期起始年度 2024 晚于终止年度 2022');
    expect(() => termAppraisal(2022, 2024, [], 0)).toThrow(/正整数/);
  });
});
