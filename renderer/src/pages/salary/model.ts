/**
 * The 年薪核算 page's pure parts: the inputs grid's rows, who pays (发放主体) in words, the computed
 * lines grouped by payer with their subtotals, the page's total, and the groups' term results
 * (任期目标考核) beside their leaders. Totals come from the shared money rules (shared/finance
 * payerTotals: exact decimals, lines that could not be computed count nowhere); nothing here
 * talks to the store.
 */
import type { ImportOutcome, SalaryInput, SalaryLine, TermReport } from '../../../../shared/api/contract';
import { COUNTY_FINANCE, comparePayers, payerTotals } from '../../../../shared/finance/payer';
import { dec } from '../../../../shared/decimal';
import type { Target } from '../../../../shared/domain/types';
import { flagsText } from '../../lib/format';

/** One row of the inputs grid: the stored input with the unit's and the payer's names shown. */
export type InputRow = SalaryInput & { unit: string; payerText: string };

/** The stored input of a grid row (without the shown names). */
export const toInput = ({ unit: _u, payerText: _p, ...i }: InputRow): SalaryInput => i;

/** The key of a person's line (a person may hold posts in two units). */
export const lineKey = (l: { person: string; target: string }): string => `${l.person}\u0001${l.target}`;

/** The key of a group's term result: scheme and group. */
export const termKey = (scheme: string, target: string): string => `${scheme}/${target}`;

/** A new person (新增人员): blank, 12 months, the scheme's own cap, the first scheme chosen. */
export function newSalaryInput(scheme: string): SalaryInput {
  return { person: '', role: '', target: '', scheme, base: '', performanceBase: '', months: 12, cap: null };
}

/** Names of the targets by code. */
export const targetNames = (targets: readonly Target[]): Map<string, string> =>
  new Map(targets.map((t) => [t.code, t.name]));

/** A payer in words: 县财政, or the group's name (its code when unknown); "" for none. */
export function payerName(p: string | null | undefined, names: ReadonlyMap<string, string>): string {
  if (!p) return '';
  return p === COUNTY_FINANCE ? COUNTY_FINANCE : (names.get(p) ?? p);
}

/** The inputs grid's rows: "单位（编码）" and the payer set by hand, or （默认）. */
export function inputRows(inputs: readonly SalaryInput[], names: ReadonlyMap<string, string>): InputRow[] {
  return inputs.map((i) => ({
    ...i,
    unit: `${names.get(i.target) ?? ''}（${i.target}）`,
    payerText: i.payer ? payerName(i.payer, names) : '（默认）',
  }));
}

/** 应发合计 (exact, 2 decimals) of the lines that could be computed, and how many could not. */
export function salaryTotals(lines: readonly SalaryLine[]): { total: string; failed: number } {
  const total = payerTotals(lines)
    .reduce((s, t) => s.plus(t.total), dec(0))
    .toFixed(2);
  return { total, failed: lines.filter((l) => l.error).length };
}

/** The lines of one payer, with the payer's subtotal in figures and in capital figures (大写). */
export interface PayerSection {
  payer: string;
  lines: SalaryLine[];
  total: string;
  totalInWords: string;
}

/** The lines by payer: 县财政 first, then the groups by code; a payer whose lines all failed totals 0. */
export function payerSections(lines: readonly SalaryLine[]): PayerSection[] {
  const totals = new Map(payerTotals(lines).map((t) => [t.payer, t]));
  const payerOf = (l: SalaryLine) => l.payer || COUNTY_FINANCE;
  const payers = [...new Set(lines.map(payerOf))].sort(comparePayers);
  return payers.map((payer) => {
    const t = totals.get(payer);
    return {
      payer,
      lines: lines.filter((l) => payerOf(l) === payer),
      total: t?.total ?? '0.00',
      totalInWords: t?.totalInWords ?? '零元整',
    };
  });
}

/**
 * The groups whose term results are shown: each (scheme, target) paid by 县财政 once — the
 * group's leaders; a member institution's head is paid by the group.
 */
export function termGroups(lines: readonly SalaryLine[]): { scheme: string; target: string }[] {
  const by = new Map<string, { scheme: string; target: string }>();
  for (const l of lines)
    if (l.payer === COUNTY_FINANCE) by.set(termKey(l.scheme, l.target), { scheme: l.scheme, target: l.target });
  return [...by.values()];
}

/** The term (任期) ending with the year shown, `years` long: 2024 and 3 → 2022–2024. */
export const termSpan = (year: number, years: number): { from: number; to: number } => ({
  from: year - years + 1,
  to: year,
});

/** The term result shown on a line: only for a medical group's own lines. */
export function lineTerm(
  l: SalaryLine,
  kinds: ReadonlyMap<string, string>,
  terms: ReadonlyMap<string, TermReport>,
): TermReport | undefined {
  return kinds.get(l.target) === 'medical_group' ? terms.get(termKey(l.scheme, l.target)) : undefined;
}

/** A term in words: "2022–2024 年均 88.50，不合格 1 次", with its flags in brackets. */
export function termText(t: TermReport): string {
  const flags = t.flags.length ? `（${flagsText(t.flags)}）` : '';
  return `${t.from}–${t.to} 年均 ${t.average ?? '—'}，不合格 ${t.failYears} 次${flags}`;
}

/**
 * An import refused with the workbook's errors (thrown by the API with `errors`) as an outcome to
 * show in the import panel, nothing written; null for any other failure.
 */
export function refusedImport(e: unknown): ImportOutcome | null {
  const x = (e ?? {}) as { errors?: ImportOutcome['errors']; warnings?: ImportOutcome['warnings'] };
  if (!Array.isArray(x.errors) || !x.errors.length) return null;
  return { importId: null, written: 0, errors: x.errors, warnings: x.warnings ?? [] };
}
