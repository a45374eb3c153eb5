/**
 * The 资金分配 form, as pure functions: checking the amount and the factors as typed, what is sent,
 * whether the form still says what the stored allocation was made with, and the table's rows. Who
 * takes part is the shared rule (allocationParticipants: no veto, no excluded grade); the split
 * itself is the service's (allocateFund), never done here.
 */
import type { StoredAllocation } from '../../../../shared/api/contract';
import { dec } from '../../../../shared/decimal';
import type { GradeBand, TargetResult } from '../../../../shared/domain/types';
import { allocationParticipants } from '../../../../shared/finance/allocate';
import { formatMoney, formatTime, readMoney, readNumber } from '../../lib/format';

/** A factor as typed: a number ≥ 0 ("1,200" too), blank meaning 1. */
export const factorOk = (t: string) => t.trim() === '' || (readNumber(t) ?? -1) >= 0;

/** The targets whose typed factor is not a number ≥ 0. */
export function badFactorTargets(factors: Record<string, string>): string[] {
  return Object.entries(factors)
    .filter(([, f]) => !factorOk(f))
    .map(([t]) => t);
}

/** The factors to send: blank and 1 left out, separators removed. */
export function factorsToSend(factors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(factors)
      .filter(([, v]) => v.trim() !== '' && readNumber(v) !== 1)
      .map(([k, v]) => [k, String(readNumber(v))]),
  );
}

/** Why the typed amount cannot be allocated (yuan > 0, at most 2 decimals, "60,000" too); null when it can. */
export function amountError(amount: string): string | null {
  if (!amount.trim()) return '请填写资金总额';
  const money = readMoney(amount);
  return money !== null && dec(money).gt(0) ? null : '请填写大于 0 的金额（元，最多两位小数）';
}

/** The grades left out of a fresh form: the shared default (the scheme's last band). */
export function defaultExcludedGrades(grades: GradeBand[] | undefined): string[] {
  return allocationParticipants([], { grades }).excludedGrades;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
const factorKey = (f: Record<string, string>) => JSON.stringify(Object.entries(factorsToSend(f)).sort());

/** The form no longer says what the stored allocation was made with (amount, grades, factors). */
export function formChanged(
  alloc: Pick<StoredAllocation, 'amount' | 'excludedGrades' | 'factors'>,
  form: { amount: string; excluded: string[]; factors: Record<string, string> },
): boolean {
  const money = readMoney(form.amount);
  if (money === null || !dec(money).eq(alloc.amount)) return true;
  if (!sameSet(form.excluded, alloc.excludedGrades)) return true;
  return factorKey(form.factors) !== factorKey(alloc.factors ?? {});
}

export interface FundRow {
  result: TargetResult;
  /** Takes no part: vetoed or in an excluded grade (its factor cannot be typed). */
  out: boolean;
  /** 分得金额: the stored part, else 不参加 for one that takes no part. */
  amount: string;
}

/** One row per result in rank order, with who takes part by the form's grades and the stored parts. */
export function fundRows(
  results: TargetResult[],
  excluded: string[],
  alloc: Pick<StoredAllocation, 'parts'> | null,
): FundRow[] {
  const outs = new Set(allocationParticipants(results, { excludeGrades: excluded }).excluded.map((x) => x.target));
  return results.map((r) => {
    const part = alloc?.parts.find((p) => p.target === r.target);
    const out = outs.has(r.target);
    return { result: r, out, amount: part ? formatMoney(part.amount) : out ? '不参加' : '' };
  });
}

/** The stored allocation in one line, around its sum: when and by whom, the amount, how many took part. */
export function summaryParts(alloc: StoredAllocation, outOfDate: boolean): { head: string; sum: string; tail: string } {
  const taking = alloc.parts.filter((p) => !dec(p.amount).isZero()).length;
  return {
    head: `${outOfDate ? '上次保存的分配' : '已保存的分配'}（${formatTime(alloc.at)}，${alloc.who}）：合计`,
    sum: formatMoney(alloc.sum),
    tail: `元 / 资金总额 ${formatMoney(alloc.amount)} 元，${taking} 个对象参加分配。`,
  };
}

/** At most this many of the stored allocation's changes are listed. */
export const OUTDATED_SHOWN = 5;
