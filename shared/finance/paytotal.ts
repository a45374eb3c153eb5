/**
 * Performance-pay total of a group (绩效工资总量) — finance.md, seed 000 第7条 (≤ 5 倍) and 第24条
 * (签约服务费 outside the total):
 * cap = round_fen(M·R); approved = min(round_fen(T·k), cap); OVER_CAP when T·k > M·R (compared
 * exactly); available = approved + E.
 */
import type { Flag } from '../domain/types';
import { Decimal } from '../decimal';
import { fen2, parseAmount } from './money';

export interface PayTotalInput {
  /** The group's proposed total T (yuan). */
  proposed: string;
  /** The benchmark R: 当地无收入全额拨款事业单位绩效工资总量 (yuan). */
  benchmark: string;
  /** The multiple M; default 5. */
  multiple?: string;
  /** The group's appraisal coefficient k (salaryCoefficient). */
  k: Decimal | string;
  /** Excluded items E (签约服务费 …), added after the cap; default 0. */
  excluded?: string;
}

export interface PayTotalResult {
  approved: string;
  flags: Flag[];
  /** round_fen(T·k). */
  adjusted: string;
  /** round_fen(M·R): the ceiling (cap). */
  limit: string;
  /** E, 2 decimals. */
  excluded: string;
  /** approved + E. */
  available: string;
}

/** Throws (Chinese message) on a negative or non-numeric input. */
export function approvedPayTotal(i: PayTotalInput): PayTotalResult {
  const t = parseAmount(i.proposed, '绩效工资总量申报数');
  const r = parseAmount(i.benchmark, '绩效工资总量基准');
  const m = parseAmount(i.multiple ?? '5', '绩效工资总量倍数');
  const k = parseAmount(i.k, '考核系数');
  const e = parseAmount(i.excluded ?? '0', '不纳入总量的项目（签约服务费等）');
  const tk = t.times(k);
  const mr = m.times(r);
  const adjusted = fen2(tk);
  const limit = fen2(mr);
  const over = tk.gt(mr);
  const approved = new Decimal(adjusted).lte(new Decimal(limit)) ? adjusted : limit;
  const excluded = fen2(e);
  const available = new Decimal(approved).plus(new Decimal(excluded)).toFixed(2);
  return { approved, flags: over ? ['OVER_CAP'] : [], adjusted, limit, excluded, available };
}
