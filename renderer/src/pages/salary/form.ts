/**
 * The 年薪人员 dialog's checks, as pure functions: what is typed (texts) → the field errors, and the
 * input to store. Amounts are read as the imports and the API read them (lib/format readMoney, on
 * the shared numberTextOf): "60,000" is an amount; they are sent as typed (trimmed), exact.
 */
import type { SalaryInput } from '../../../../shared/api/contract';
import { appraisedIn, type Target } from '../../../../shared/domain/types';
import { readMoney } from '../../lib/format';

/** The dialog's fields as typed: the input, with months, cap and payer as texts. */
export interface SalaryForm {
  input: SalaryInput;
  months: string;
  cap: string;
  /** "" = the default payer; else 县财政 or a group's code. */
  payer: string;
}

export type SalaryFormErrors = Record<
  'person' | 'role' | 'target' | 'scheme' | 'base' | 'performanceBase' | 'months' | 'cap',
  string | null
>;

const MONEY_ERROR = '请填写金额（元，最多两位小数）';
const isMoney = (s: string) => readMoney(s.trim()) !== null;

/** The form of a stored (or new) input. */
export function salaryForm(i: SalaryInput): SalaryForm {
  return { input: i, months: String(i.months), cap: i.cap ?? '', payer: i.payer ?? '' };
}

/** Each field's error, null when it is right. */
export function salaryFormErrors(f: SalaryForm): SalaryFormErrors {
  const v = f.input;
  const m = Number(f.months);
  return {
    person: v.person.trim() ? null : '请填写姓名',
    // The API refuses a blank 职务 (职务不能为空): say so at the field, before sending.
    role: v.role.trim() ? null : '请填写职务',
    target: v.target ? null : '请选择单位',
    scheme: v.scheme ? null : '请选择考核方案',
    base: isMoney(v.base) ? null : MONEY_ERROR,
    performanceBase: isMoney(v.performanceBase) ? null : MONEY_ERROR,
    months: Number.isInteger(m) && m >= 1 && m <= 12 ? null : '1—12 的整数',
    cap: f.cap.trim() === '' || isMoney(f.cap) ? null : '请填写金额或留空',
  };
}

/** The form with some of the input's fields changed. */
export const withInput = (f: SalaryForm, change: Partial<SalaryInput>): SalaryForm => ({
  ...f,
  input: { ...f.input, ...change },
});

export const formOk = (errs: Record<string, string | null>): boolean => Object.values(errs).every((e) => !e);

/** The input to store: texts trimmed, months a number, a blank cap or payer → null (the defaults). */
export function salaryFormInput(f: SalaryForm): SalaryInput {
  const v = f.input;
  return {
    ...v,
    person: v.person.trim(),
    role: v.role.trim(),
    base: v.base.trim(),
    performanceBase: v.performanceBase.trim(),
    months: Number(f.months),
    cap: f.cap.trim() || null,
    payer: f.payer || null,
  };
}

/** The units to choose: appraised in the year (their years hold it) and of the scheme's kind. */
export function unitChoices(targets: readonly Target[], kind: string | undefined, year: number): Target[] {
  return targets.filter((t) => appraisedIn(t, year) && (!kind || t.kind === kind));
}
