import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SalaryInput } from '../../shared/api/contract';
import type { SalaryRule } from '../../shared/domain/types';
import {
  computeSalaryLine,
  computeSalaryLines,
  formatK,
  salaryCoefficient,
  type SalarySchemeContext,
} from '../../shared/finance';

const examples = path.resolve(__dirname, '../../../shared/examples');
const expected = JSON.parse(readFileSync(path.join(examples, 'ex1-expected.json'), 'utf8')) as {
  results: Record<string, { total: number; grade: string }>;
  salary: {
    person: string;
    target: string;
    base: number;
    performanceBase: number;
    months: number;
    k: number;
    pay: string;
    payInWords: string;
  }[];
};

function person(over: Partial<SalaryInput> = {}): SalaryInput {
  return {
    person: '张三',
    role: '院长',
    target: 'T01',
    scheme: 'TC',
    base: '80000',
    performanceBase: '60000',
    months: 9,
    cap: null,
    ...over,
  };
}
const r875 = { total: '87.5', grade: '良好', vetoed: false };

describe('computeSalaryLine — finance.md examples', () => {
  it('score mode: B 80,000, P 60,000, total 87.5, m = 9 → 99,375.00', () => {
    const line = computeSalaryLine(person(), { mode: 'score' }, r875, '100');
    expect(line.error).toBeUndefined();
    expect(line.k).toBe('0.875');
    expect(line.performancePay).toBe('52500.00');
    expect(line.annual).toBe('132500.00');
    expect(line.pay).toBe('99375.00');
    expect(line.payInWords).toBe('玖万玖仟叁佰柒拾伍元整');
    expect(line.flags).toEqual([]);
    expect(line.base).toBe('80000.00');
    expect(line.performanceBase).toBe('60000.00');
    expect(line.months).toBe(9);
  });

  it('mode defaults to score', () => {
    expect(computeSalaryLine(person(), {}, r875, '100').pay).toBe('99375.00');
  });

  it('grade mode with 良好 = 1.0 → annual 140,000.00 → pay 105,000.00', () => {
    const rule: SalaryRule = { mode: 'grade', gradeCoefficients: { 优秀: 1.2, 良好: 1.0, 合格: 0.8, 不合格: 0 } };
    const line = computeSalaryLine(person(), rule, r875, '100');
    expect(line.k).toBe('1');
    expect(line.annual).toBe('140000.00');
    expect(line.pay).toBe('105000.00');
    expect(line.payInWords).toBe('壹拾万伍仟元整');
  });

  it('grade mode: 优秀 1.2 is held to kMax (default 1) unless kMax allows it', () => {
    const rule: SalaryRule = { mode: 'grade', gradeCoefficients: { 优秀: 1.2, 良好: 1.0 } };
    const top = { total: '95', grade: '优秀', vetoed: false };
    expect(salaryCoefficient(rule, top, '100').toFixed()).toBe('1');
    expect(salaryCoefficient({ ...rule, kMax: 1.2 }, top, '100').toFixed()).toBe('1.2');
  });

  it('cap 120,000 → annual 120,000.00 → pay 90,000.00, flagged CAPPED', () => {
    const rule: SalaryRule = { mode: 'grade', gradeCoefficients: { 良好: 1.0 }, cap: 120000 };
    const line = computeSalaryLine(person(), rule, r875, '100');
    expect(line.annual).toBe('120000.00');
    expect(line.pay).toBe('90000.00');
    expect(line.payInWords).toBe('玖万元整');
    expect(line.flags).toEqual(['CAPPED']);
    // performance pay stays P·k; the cap acts on the annual amount
    expect(line.performancePay).toBe('60000.00');
  });

  it("a person's own cap replaces the rule's cap", () => {
    const rule: SalaryRule = { mode: 'grade', gradeCoefficients: { 良好: 1.0 }, cap: 120000 };
    const higher = computeSalaryLine(person({ cap: '200000' }), rule, r875, '100');
    expect(higher.annual).toBe('140000.00');
    expect(higher.flags).toEqual([]);
    const own = computeSalaryLine(
      person({ cap: '100000' }),
      { mode: 'grade', gradeCoefficients: { 良好: 1 } },
      r875,
      '100',
    );
    expect(own.annual).toBe('100000.00');
    expect(own.pay).toBe('75000.00');
    expect(own.flags).toEqual(['CAPPED']);
    // an annual exactly at the cap is not capped
    const equal = computeSalaryLine(
      person({ cap: '140000' }),
      { mode: 'grade', gradeCoefficients: { 良好: 1 } },
      r875,
      '100',
    );
    expect(equal.flags).toEqual([]);
  });

  it('linear mode: intercept 0.3, slope 0.01, B 0, P 350,000, total 86.30 → k 1.163 → 407,050.00', () => {
    const rule: SalaryRule = { mode: 'linear', intercept: 0.3, slope: 0.01 };
    const line = computeSalaryLine(
      person({ base: '0', performanceBase: '350000', months: 12 }),
      rule,
      { total: '86.30', grade: '良好', vetoed: false },
      '100',
    );
    expect(line.k).toBe('1.163');
    expect(line.annual).toBe('407050.00');
    expect(line.pay).toBe('407050.00');
    expect(line.payInWords).toBe('肆拾万柒仟零伍拾元整');
    // an explicit kMax still holds a linear k
    const held = computeSalaryLine(
      person({ base: '0', performanceBase: '350000', months: 12 }),
      { ...rule, kMax: 1.1 },
      { total: '86.30', grade: '良好', vetoed: false },
      '100',
    );
    expect(held.k).toBe('1.1');
    expect(held.pay).toBe('385000.00');
  });
});

describe('computeSalaryLine — ex1-expected.json', () => {
  it.each(expected.salary.map((s) => [s.person, s] as const))('%s', (_name, s) => {
    const res = expected.results[s.target]!;
    const line = computeSalaryLine(
      {
        person: s.person,
        role: '院长',
        target: s.target,
        scheme: 'EX',
        base: String(s.base),
        performanceBase: String(s.performanceBase),
        months: s.months,
        cap: null,
      },
      { mode: 'score', kMax: 1, cap: null },
      { total: String(res.total), grade: res.grade, vetoed: false },
      '100',
    );
    expect(line.error).toBeUndefined();
    expect(line.k).toBe(String(s.k));
    expect(line.pay).toBe(s.pay);
    expect(line.payInWords).toBe(s.payInWords);
  });

  it('shows k exactly: 0.8637, 0.955, 0.2252', () => {
    expect(expected.salary.map((s) => s.k)).toEqual([0.8637, 0.955, 0.2252]);
  });
});

describe('coefficient k', () => {
  it('veto gives k = 0 even with kMin, in every mode', () => {
    const vetoed = { total: '95', grade: '不合格', vetoed: true };
    expect(salaryCoefficient({ mode: 'score', kMin: 0.6 }, vetoed, '100').toFixed()).toBe('0');
    expect(salaryCoefficient({ mode: 'linear', intercept: 0.3, slope: 0.01, kMin: 0.5 }, vetoed, '100').toFixed()).toBe(
      '0',
    );
    expect(salaryCoefficient({ mode: 'grade', gradeCoefficients: {}, kMin: 0.5 }, vetoed, '100').toFixed()).toBe('0');
    const line = computeSalaryLine(person({ months: 12 }), { mode: 'score', kMin: 0.6 }, vetoed, '100');
    expect(line.k).toBe('0');
    expect(line.performancePay).toBe('0.00');
    expect(line.pay).toBe('80000.00');
    expect(line.payInWords).toBe('捌万元整');
    expect(line.flags).toEqual(['VETO']);
  });

  it('kMin lifts a low k when there is no veto', () => {
    const low = { total: '40', grade: '不合格', vetoed: false };
    expect(salaryCoefficient({ mode: 'score', kMin: 0.6 }, low, '100').toFixed()).toBe('0.6');
    expect(salaryCoefficient({ mode: 'score' }, low, '100').toFixed()).toBe('0.4');
  });

  it('kMax (default 1) holds a total pushed above the full score by bonus points', () => {
    const high = { total: '103', grade: '优秀', vetoed: false };
    expect(salaryCoefficient({ mode: 'score' }, high, '100').toFixed()).toBe('1');
    expect(salaryCoefficient({ mode: 'score', kMax: 1.05 }, high, '100').toFixed()).toBe('1.03');
  });

  it('score mode divides by the scheme full score', () => {
    expect(salaryCoefficient({}, { total: '120', grade: '良好', vetoed: false }, '150').toFixed()).toBe('0.8');
  });

  it('k that does not terminate is shown half-up to 8 decimals, while pay uses the exact k', () => {
    const r = { total: '100', grade: '优秀', vetoed: false };
    const k = salaryCoefficient({}, r, '150');
    expect(formatK(k)).toBe('0.66666667');
    // B 0, P 90,000, k = 2/3 → 60,000 exactly (not 60,000.0003)
    const line = computeSalaryLine(person({ base: '0', performanceBase: '90000', months: 12 }), {}, r, '150');
    expect(line.pay).toBe('60000.00');
  });

  it('an unknown grade in grade mode is an error naming the grade', () => {
    expect(() =>
      salaryCoefficient(
        { mode: 'grade', gradeCoefficients: { 良好: 1 } },
        { total: '65', grade: '合格', vetoed: false },
        '100',
      ),
    ).toThrow(/等级“合格”/);
    const line = computeSalaryLine(
      person(),
      { mode: 'grade', gradeCoefficients: { 良好: 1 } },
      { total: '65', grade: '合格', vetoed: false },
      '100',
    );
    expect(line.error).toMatch(/张三/);
    expect(line.error).toMatch(/T01/);
    expect(line.error).toMatch(/合格/);
    expect(line.pay).toBe('');
  });

  it('linear mode without intercept or slope is an error', () => {
    expect(() => salaryCoefficient({ mode: 'linear', slope: 0.01 }, r875, '100')).toThrow(/intercept/);
  });
});

describe('salary line errors and pro-rating', () => {
  it('a target with no result is an error naming the person and target, never a silent 0', () => {
    const line = computeSalaryLine(person({ person: '李四', target: 'T09' }), {}, null, '100');
    expect(line.error).toMatch(/李四/);
    expect(line.error).toMatch(/T09/);
    expect(line.pay).toBe('');
    expect(line.payInWords).toBe('');
    expect(line.k).toBe('');
  });

  it('negative amounts are errors', () => {
    expect(computeSalaryLine(person({ base: '-1' }), {}, r875, '100').error).toMatch(/基本年薪不能为负数/);
    expect(computeSalaryLine(person({ performanceBase: '-60000' }), {}, r875, '100').error).toMatch(
      /绩效年薪基数不能为负数/,
    );
    expect(computeSalaryLine(person({ cap: '-5' }), {}, r875, '100').error).toMatch(/年薪上限不能为负数/);
    expect(computeSalaryLine(person({ base: 'abc' }), {}, r875, '100').error).toMatch(/张三.*基本年薪不是有效的数值/);
  });

  it('months must be an integer 1–12; absent means 12', () => {
    expect(computeSalaryLine(person({ months: 0 }), {}, r875, '100').error).toMatch(/任职月数/);
    expect(computeSalaryLine(person({ months: 13 }), {}, r875, '100').error).toMatch(/任职月数/);
    expect(computeSalaryLine(person({ months: 6.5 }), {}, r875, '100').error).toMatch(/任职月数/);
    const full = computeSalaryLine(person({ months: undefined as unknown as number }), {}, r875, '100');
    expect(full.months).toBe(12);
    expect(full.pay).toBe('132500.00');
    expect(computeSalaryLine(person({ months: 1 }), {}, r875, '100').pay).toBe('11041.67');
  });

  it('pay is rounded half-up once, on the exact annual', () => {
    // annual = 10,000.01 + 0 → ×7/12 = 5833.33916… → 5833.34
    const a = computeSalaryLine(person({ base: '10000.01', performanceBase: '0', months: 7 }), {}, r875, '100');
    expect(a.pay).toBe('5833.34');
    // P·k = 33.333 × 0.875 = 29.166375 → shown 29.17; annual 29.166375 × 6/12 = 14.5831875 → 14.58
    // (pro-rating the shown 29.17 would give 14.59)
    const b = computeSalaryLine(person({ base: '0', performanceBase: '33.333', months: 6 }), {}, r875, '100');
    expect(b.performancePay).toBe('29.17');
    expect(b.annual).toBe('29.17');
    expect(b.pay).toBe('14.58');
    // exact half: 0.01 × 6 / 12 = 0.005 → 0.01
    expect(computeSalaryLine(person({ base: '0.01', performanceBase: '0', months: 6 }), {}, r875, '100').pay).toBe(
      '0.01',
    );
  });
});

describe('computeSalaryLines', () => {
  it('computes each person against their own scheme; an unknown scheme is an error line', () => {
    const ctx: SalarySchemeContext = {
      rule: { mode: 'score' },
      fullScore: '100',
      results: new Map([['T01', r875]]),
    };
    const lines = computeSalaryLines(
      [person(), person({ person: '王五', scheme: 'XX' }), person({ person: '赵六', target: 'T02' })],
      new Map([['TC', ctx]]),
    );
    expect(lines.map((l) => l.pay)).toEqual(['99375.00', '', '']);
    expect(lines[1]!.error).toMatch(/王五.*XX/);
    expect(lines[2]!.error).toMatch(/赵六.*T02/);
  });
});
