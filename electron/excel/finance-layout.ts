/**
 * What the finance workbook (excel.md "The finance workbook") holds, computed without writing it:
 * which sheets a given input calls for and their names, the print setup, the page footer and the
 * texts above each table, row heights of wrapped text. Pure: finance-workbook.ts writes what this
 * describes (finance-rows.ts gives each sheet's columns and rows).
 */
import type ExcelJS from 'exceljs';
import type { Allocation, PayTotalReport, SalaryLine, SurplusRecord } from '../../shared/api/contract';
import type { IndicatorNode, Scheme, SchemeResult } from '../../shared/domain/types';
import { COUNTY_FINANCE, comparePayers } from '../../shared/finance/payer';

export const SHEET_SUMMARY = '考核结果汇总';
export const SHEET_DETAIL = '指标得分明细';
export const SHEET_SALARY = '年薪核算';
export const SHEET_ALLOCATION = '资金分配';
export const SHEET_PAY_TOTAL = '绩效工资总量';
export const SHEET_SURPLUS = '医保结余分配';

/** Excel holds 1,048,576 rows per sheet; details beyond this go on to 指标得分明细(2) … */
export const DETAIL_ROWS_PER_SHEET = 1_000_000;

export interface FinanceWorkbookInput {
  countyName: string;
  year: number;
  scheme: Scheme;
  results: SchemeResult;
  /** Salary lines of the persons whose scheme is this one. */
  salary: SalaryLine[];
  targetNames: Map<string, string>;
  allocation: Allocation | null;
  /** 县财政 and each group's code → the name shown (sheet names, titles). */
  payerNames?: Map<string, string>;
  /** 绩效工资总量 of the groups this scheme appraises (a group scheme with stored inputs), else null. */
  payTotals?: PayTotalReport | null;
  /** 医保结余 splits of the groups this scheme appraises. */
  surplus?: SurplusRecord[];
  lock: { fingerprint: string; lockedAt: string } | null;
  exportedAt: Date;
}

export function localTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * How every sheet for the finance bureau prints (excel.md): A4 landscape, fit to the page width, the
 * three title/header rows frozen and repeated on each page, the page footer on every page.
 */
export function printedSheet(footer: string, freezeCols = 0): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    views: [{ state: 'frozen', xSplit: freezeCols, ySplit: 3 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '1:3',
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: footer, evenFooter: footer, firstFooter: footer },
  };
}

export function footerText(lock: FinanceWorkbookInput['lock']): string {
  const page = '&C第 &P 页 共 &N 页';
  if (!lock) return page;
  return `&L数据指纹：${lock.fingerprint}${page}&R定稿时间：${localTime(new Date(lock.lockedAt))}`;
}

/** The words every sheet's info line (row 2) shares: who made it, when, and whether it is locked. */
export interface SheetText {
  unit: string;
  exported: string;
  lockNote: string;
}

export function sheetText(input: Pick<FinanceWorkbookInput, 'countyName' | 'exportedAt' | 'lock'>): SheetText {
  return {
    unit: `${input.countyName}卫生健康局`,
    exported: localTime(input.exportedAt),
    lockNote: input.lock
      ? `　已定稿（${localTime(new Date(input.lock.lockedAt))}），数据指纹 ${input.lock.fingerprint}`
      : '　未定稿',
  };
}

export interface ColumnSpec {
  header: string;
  width: number;
  numFmt?: string;
  /** Long text (大写金额, reasons) wraps inside its column instead of spilling over the next ones. */
  wrap?: boolean;
}

/** A sheet of the workbook: name, title (row 1), info line (row 2), columns (headers on row 3). */
export interface SheetSpec {
  name: string;
  title: string;
  info: string;
  columns: ColumnSpec[];
  freezeCols?: number;
}

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const clean = wanted.replace(/[[\]:*?/\\]/g, '_');
  let name = clean.slice(0, 31);
  for (let n = 2; taken.has(name); n++) name = `${clean.slice(0, 31 - String(n).length - 1)}~${n}`;
  taken.add(name);
  return name;
}

/** The pay sheet of one payer: 年薪核算（县财政）, 年薪核算（XX医疗集团）. */
export function salarySheetName(payerName: string): string {
  return `${SHEET_SALARY}（${payerName}）`;
}

/** Width of text[from, to) in Excel column units: CJK, full-width and symbols about 1.85, others 0.95. */
function textUnits(t: string, from = 0, to = t.length): number {
  let u = 0;
  for (let i = from; i < to; i++) u += t.charCodeAt(i) > 0x2000 ? 1.85 : 0.95;
  return u;
}

/**
 * Lines a wrapped text takes in a column of `width` units. Office suites do not grow a row for
 * wrapped text written by a streaming writer, so the writer sets the height itself. (A plain
 * charCode loop: it runs for every row of a province's detail sheet.)
 */
export function wrappedLines(t: string, width: number): number {
  const usable = Math.max(1, width - 0.5);
  let lines = 0;
  let start = 0;
  for (;;) {
    const nl = t.indexOf('\n', start);
    const end = nl < 0 ? t.length : nl;
    lines += Math.max(1, Math.ceil(textUnits(t, start, end) / usable));
    if (nl < 0) return lines;
    start = nl + 1;
  }
}

/** Points per line of wrapped text. */
export const LINE_HEIGHT = 14.5;

/** The header row's height: at least 32 points, more where a header wraps onto further lines. */
export function headerHeight(columns: readonly ColumnSpec[]): number {
  return Math.max(32, 4 + LINE_HEIGHT * Math.max(...columns.map((c) => wrappedLines(c.header, c.width))));
}

/** A data row's height where its wrapped texts take more than one line; 0 for the default height. */
export function dataRowHeight(columns: readonly ColumnSpec[], values: readonly unknown[]): number {
  let lines = 1;
  columns.forEach((c, i) => {
    const v = values[i];
    if (c.wrap && typeof v === 'string' && v !== '') lines = Math.max(lines, wrappedLines(v, c.width));
  });
  return lines > 1 ? 3 + LINE_HEIGHT * lines : 0;
}

/** Detail rows of a result: one per leaf with a result, leaves in scheme order. */
export function detailRowCount(results: SchemeResult, ls: readonly IndicatorNode[]): number {
  return results.results.reduce((n, r) => n + ls.filter((l) => r.indicators[l.code]).length, 0);
}

/** One 指标得分明细 sheet: its name, its number (1, 2, …) and its rows [from, to) of all detail rows. */
export interface DetailPart {
  part: number;
  name: string;
  from: number;
  to: number;
}

/** The detail sheets `rows` detail rows need: at least one, DETAIL_ROWS_PER_SHEET rows each. */
export function detailParts(rows: number, perSheet = DETAIL_ROWS_PER_SHEET): DetailPart[] {
  const parts = Math.max(1, Math.ceil(rows / perSheet));
  return Array.from({ length: parts }, (_, i) => ({
    part: i + 1,
    name: i === 0 ? SHEET_DETAIL : `${SHEET_DETAIL}(${i + 1})`,
    from: i * perSheet,
    to: Math.min(rows, (i + 1) * perSheet),
  }));
}

/**
 * One 年薪核算 sheet: the first (payer null) lists every line with its payer's name in a last
 * column; then one per payer (county finance first), each printable on its own.
 */
export interface SalarySheetPlan {
  name: string;
  /** The payer's name shown; null on the all-payers sheet. */
  payer: string | null;
  lines: SalaryLine[];
}

/** The salary lines by payer (发放主体, finance.md; none set → 县财政), payers in their order. */
export function linesByPayer(salary: readonly SalaryLine[]): [string, SalaryLine[]][] {
  const byPayer = new Map<string, SalaryLine[]>();
  for (const l of salary) {
    const p = l.payer || COUNTY_FINANCE;
    if (!byPayer.has(p)) byPayer.set(p, []);
    byPayer.get(p)!.push(l);
  }
  return [...byPayer.keys()].sort(comparePayers).map((p) => [p, byPayer.get(p)!]);
}

/** What a finance workbook holds for an input, in sheet order (the allocation sheet comes last). */
export interface FinancePlan {
  detail: DetailPart[];
  salary: SalarySheetPlan[];
  payTotals: boolean;
  surplus: boolean;
  allocation: boolean;
  /** Rows of data the progress counts: summary, detail and salary lines. */
  totalRows: number;
}

export function financePlan(
  input: Pick<FinanceWorkbookInput, 'results' | 'salary' | 'payerNames' | 'payTotals' | 'surplus' | 'allocation'>,
  ls: readonly IndicatorNode[],
  perSheet = DETAIL_ROWS_PER_SHEET,
): FinancePlan {
  const detailRows = detailRowCount(input.results, ls);
  const detail = detailParts(detailRows, perSheet);
  const taken = new Set<string>([SHEET_SUMMARY, ...detail.map((d) => d.name)]);
  const payerName = (p: string) => input.payerNames?.get(p) ?? p;
  const payers = linesByPayer(input.salary);
  const salary: SalarySheetPlan[] = [
    { name: sheetName(SHEET_SALARY, taken), payer: null, lines: payers.flatMap(([, lines]) => lines) },
    ...payers.map(([p, lines]) => ({
      name: sheetName(salarySheetName(payerName(p)), taken),
      payer: payerName(p),
      lines,
    })),
  ];
  return {
    detail,
    salary,
    payTotals: !!input.payTotals && input.payTotals.groups.length > 0,
    surplus: !!input.surplus && input.surplus.length > 0,
    allocation: !!input.allocation,
    totalRows: input.results.results.length + input.salary.length + detailRows,
  };
}
