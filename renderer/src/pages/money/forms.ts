/**
 * The 总量与结余 page's two forms as pure functions: what is typed → each field's error and the
 * request to send. Amounts are read as the API reads them (lib/format readMoney / readNumber, on
 * the shared numberTextOf: "60,000" is an amount) and sent as typed, trimmed; the splits are
 * checked by the shared rule the service applies (shared/finance parseRatios: "40:60", "6:3:1",
 * also ：, / or 比, summing to more than 0). The money itself is computed by the service.
 */
import type { PayTotalInputRow } from '../../../../shared/api/contract';
import { parseRatios } from '../../../../shared/finance/allocate';
import { readMoney, readNumber } from '../../lib/format';

export type Errors<K extends string> = Record<K, string | null>;
export const formOk = (errs: Record<string, string | null>): boolean => Object.values(errs).every((e) => !e);

const MONEY_ERROR = '请填写金额（元，最多两位小数）';
const isMoney = (s: string) => readMoney(s.trim()) !== null;

/** A split of `n` parts as the service reads it. */
export function ratioOk(text: string, n: number): boolean {
  try {
    parseRatios(text, n, '比例');
    return true;
  } catch {
    return false;
  }
}

// ---------- 绩效工资总量 ----------

export interface PayTotalForm {
  target: string;
  proposed: string;
  benchmark: string;
  multiple: string;
  excluded: string;
  reason: string;
}

/** Nothing chosen; the multiple 5 (第7条: 5 倍以内) and nothing excluded. */
export const BLANK_PAY_TOTAL: PayTotalForm = {
  target: '',
  proposed: '',
  benchmark: '',
  multiple: '5',
  excluded: '0',
  reason: '',
};

/** Choosing a group shows what is stored for it (the reason stays as typed); else the form as it is. */
export function withStoredPayTotal(f: PayTotalForm, stored: readonly PayTotalInputRow[]): PayTotalForm {
  const p = stored.find((x) => x.target === f.target);
  return p ? { ...f, proposed: p.proposed, benchmark: p.benchmark, multiple: p.multiple, excluded: p.excluded } : f;
}

export function payTotalErrors(
  f: PayTotalForm,
): Errors<'target' | 'proposed' | 'benchmark' | 'multiple' | 'excluded' | 'reason'> {
  return {
    target: f.target ? null : '请选择医疗集团',
    proposed: isMoney(f.proposed) ? null : MONEY_ERROR,
    benchmark: isMoney(f.benchmark) ? null : MONEY_ERROR,
    multiple: (readNumber(f.multiple) ?? 0) > 0 ? null : '大于 0 的数',
    excluded: isMoney(f.excluded) ? null : '请填写金额（可为 0）',
    reason: f.reason.trim() ? null : '请填写原因',
  };
}

/** The setPayTotal request: every text trimmed. */
export function payTotalRequest(f: PayTotalForm, year: number) {
  return {
    year,
    target: f.target,
    proposed: f.proposed.trim(),
    benchmark: f.benchmark.trim(),
    multiple: f.multiple.trim(),
    excluded: f.excluded.trim(),
    reason: f.reason.trim(),
  };
}

// ---------- 医保结余 ----------

export interface SurplusForm {
  target: string;
  amount: string;
  /** 发展:薪酬. */
  split: string;
  /** 按人头打包付费: the county:township:village split applies. */
  perCapita: boolean;
  tiers: string;
  reason: string;
}

/** 40:60 and, for a per-capita package, 6:3:1 (第20条). */
export const BLANK_SURPLUS: SurplusForm = {
  target: '',
  amount: '',
  split: '40:60',
  perCapita: false,
  tiers: '6:3:1',
  reason: '',
};

export function surplusErrors(f: SurplusForm): Errors<'target' | 'amount' | 'split' | 'tiers' | 'reason'> {
  return {
    target: f.target ? null : '请选择医疗集团',
    amount: isMoney(f.amount) ? null : MONEY_ERROR,
    split: ratioOk(f.split, 2) ? null : '如 40:60，合计须大于 0',
    tiers: !f.perCapita || ratioOk(f.tiers, 3) ? null : '如 6:3:1，合计须大于 0',
    reason: f.reason.trim() ? null : '请填写原因',
  };
}

/** The splitSurplus request: the tiers only for a per-capita package. */
export function surplusRequest(f: SurplusForm, year: number) {
  return {
    year,
    target: f.target,
    amount: f.amount.trim(),
    split: f.split.trim(),
    ...(f.perCapita ? { tiers: f.tiers.trim() } : {}),
    reason: f.reason.trim(),
  };
}
