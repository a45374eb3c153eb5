/**
 * Annual salary (年薪) of one person for one year — finance.md "Annual salary".
 *
 * Rounding: k and every amount stay exact until the pay: pay = round_fen(annual · m / 12), half-up,
 * once. The line shows performancePay = round_fen(P·k) and annual = round_fen(B + P·k, or the cap)
 * for reading, but pay is computed from the exact annual, never from the shown figures.
 * k is shown exactly when it has at most 8 decimals (all 2-decimal totals over a full score of 100,
 * and linear rules with short slopes), otherwise half-up to 8 decimals.
 */
import type { Flag, SalaryRule } from '../domain/types';
import type { SalaryInput, SalaryLine } from '../api/contract';
import { Decimal, ONE, ZERO, dec, roundN } from '../decimal';
import { capitalAmount } from './capital';
import { fen2, parseAmount } from './money';

/** The appraisal result a salary depends on: the rounded total, the grade and the veto. */
export interface SalaryResultRef {
  total: string;
  grade: string;
  vetoed: boolean;
}

/** Decimal places shown for k before rounding kicks in. */
export const K_DISPLAY_PLACES = 8;

/** k as text: exact when short, e.g. "0.8637", "1.163", "1", "0". */
export function formatK(k: Decimal): string {
  const shown = k.decimalPlaces() > K_DISPLAY_PLACES ? roundN(k, K_DISPLAY_PLACES) : k;
  return shown.toFixed();
}

function ruleNumber(x: number | undefined | null, what: string): Decimal | null {
  if (x === undefined || x === null) return null;
  try {
    return dec(x);
  } catch {
    throw new Error(`年薪规则的${what}不是有效数值：${String(x)}`);
  }
}

/**
 * kMax when the rule sets none: 1 (finance.md), except for `linear` rules. finance.md's own linear
 * example (intercept 0.3, slope 0.01, total 86.30 → k = 1.163 → 407,050.00) states no kMax and
 * expects k above 1: a linear rule such as k = 1 + (total − 70) ÷ 100 is meant to pay more than the
 * base, so its range comes from its own parameters unless kMax is set.
 */
export function defaultKMax(mode: SalaryRule['mode']): Decimal | null {
  return mode === 'linear' ? null : ONE;
}

/**
 * The appraisal coefficient k of finance.md: by mode (score / linear / grade), then clamped to
 * [kMin, kMax]; a vetoed target gives 0 whatever kMin says. Throws (Chinese message) on an
 * inconsistent rule or a grade with no coefficient.
 */
export function salaryCoefficient(rule: SalaryRule, r: SalaryResultRef, fullScore: string): Decimal {
  if (r.vetoed) return ZERO;
  const mode = rule.mode ?? 'score';
  let k: Decimal;
  if (mode === 'score') {
    const full = dec(fullScore);
    if (!full.gt(0)) throw new Error(`方案满分须大于 0，才能按得分计算年薪系数（满分为 ${fullScore}）`);
    k = dec(r.total).div(full);
  } else if (mode === 'linear') {
    const intercept = ruleNumber(rule.intercept, '截距（intercept）');
    const slope = ruleNumber(rule.slope, '斜率（slope）');
    if (intercept === null || slope === null) {
      throw new Error('年薪规则为线性（linear）时须同时设置截距（intercept）与斜率（slope）');
    }
    k = intercept.plus(slope.times(dec(r.total)));
  } else if (mode === 'grade') {
    const table = rule.gradeCoefficients ?? {};
    if (!Object.prototype.hasOwnProperty.call(table, r.grade)) {
      throw new Error(`等级“${r.grade}”在年薪规则的等级系数（gradeCoefficients）中没有设置`);
    }
    const c = ruleNumber(table[r.grade], `等级“${r.grade}”的系数`);
    k = c ?? ZERO;
  } else {
    throw new Error(`未知的年薪系数方式：${String(mode)}（应为 score、linear 或 grade）`);
  }
  const kMin = ruleNumber(rule.kMin, '最低系数（kMin）') ?? ZERO;
  const kMax = ruleNumber(rule.kMax, '最高系数（kMax）') ?? defaultKMax(mode);
  // finance.md: k = min(max(k, kMin), kMax)
  const low = Decimal.max(k, kMin);
  return kMax === null ? low : Decimal.min(low, kMax);
}

function errorLine(input: SalaryInput, months: number, message: string): SalaryLine {
  return {
    person: input.person,
    role: input.role,
    target: input.target,
    scheme: input.scheme,
    months,
    base: String(input.base ?? ''),
    performanceBase: String(input.performanceBase ?? ''),
    k: '',
    performancePay: '',
    annual: '',
    pay: '',
    payInWords: '',
    flags: [],
    error: message,
  };
}

/** Months in post: an integer 1–12; absent → 12. Returns an error message or the number. */
function readMonths(m: unknown): number | string {
  if (m === undefined || m === null || m === '') return 12;
  const n = typeof m === 'string' ? Number(m.trim()) : m;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 12) {
    return `任职月数须为 1–12 的整数（现为 ${String(m)}）`;
  }
  return n;
}

/**
 * One person's salary line. Never throws for bad data: a missing result, a rule or grade that cannot
 * give k, a negative amount or invalid months → a line with `error` naming the person and target,
 * and empty pay fields (never a silent 0).
 */
export function computeSalaryLine(
  input: SalaryInput,
  rule: SalaryRule,
  r: SalaryResultRef | null,
  fullScore: string,
): SalaryLine {
  const who = `人员“${input.person}”（考核对象 ${input.target}）`;
  const months = readMonths(input.months);
  if (typeof months === 'string') {
    return errorLine(input, typeof input.months === 'number' ? input.months : 0, `${who}：${months}`);
  }
  try {
    const base = parseAmount(input.base, `${who}的基本年薪`);
    const perfBase = parseAmount(input.performanceBase, `${who}的绩效年薪基数`);
    const ownCap = input.cap === null || input.cap === undefined || String(input.cap).trim() === '' ? null : input.cap;
    const cap =
      ownCap !== null
        ? parseAmount(ownCap, `${who}的年薪上限`)
        : rule.cap === null || rule.cap === undefined
          ? null
          : parseAmount(rule.cap, `方案 ${input.scheme} 年薪规则的年薪上限`);
    if (r === null) {
      return errorLine(
        input,
        months,
        `${who}：考核对象 ${input.target} 在方案 ${input.scheme} 中没有本年度考核结果，无法核算年薪`,
      );
    }
    let k: Decimal;
    try {
      k = salaryCoefficient(rule, r, fullScore);
    } catch (e) {
      return errorLine(input, months, `${who}：${(e as Error).message}`);
    }
    const flags: Flag[] = [];
    if (r.vetoed) flags.push('VETO');
    const performancePay = perfBase.times(k);
    let annual = base.plus(performancePay);
    if (cap !== null && annual.gt(cap)) {
      annual = cap;
      flags.push('CAPPED');
    }
    const pay = fen2(annual.times(months).div(12));
    return {
      person: input.person,
      role: input.role,
      target: input.target,
      scheme: input.scheme,
      months,
      base: fen2(base),
      performanceBase: fen2(perfBase),
      k: formatK(k),
      performancePay: fen2(performancePay),
      annual: fen2(annual),
      pay,
      payInWords: capitalAmount(pay),
      flags,
    };
  } catch (e) {
    return errorLine(input, months, (e as Error).message);
  }
}

/** What computeSalaryLines needs to know about one scheme of the year. */
export interface SalarySchemeContext {
  rule: SalaryRule;
  fullScore: string;
  /** target code → its result (absent = no result that year). */
  results: Map<string, SalaryResultRef>;
}

/**
 * All lines of a year, in input order. A person whose scheme is unknown gets an error line that
 * names the scheme.
 */
export function computeSalaryLines(inputs: SalaryInput[], schemes: Map<string, SalarySchemeContext>): SalaryLine[] {
  return inputs.map((input) => {
    const ctx = schemes.get(input.scheme);
    if (!ctx) {
      const months = readMonths(input.months);
      return errorLine(
        input,
        typeof months === 'number' ? months : 0,
        `人员“${input.person}”（考核对象 ${input.target}）：本年度没有方案 ${input.scheme}，无法核算年薪`,
      );
    }
    return computeSalaryLine(input, ctx.rule, ctx.results.get(input.target) ?? null, ctx.fullScore);
  });
}
