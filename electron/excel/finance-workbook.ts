/**
 * 导出给财政: the finance workbook of one scheme and year (excel.md "The finance workbook").
 * Written with exceljs's streaming writer so that a province-sized result (25,000 targets × 60
 * indicators) is exported row by row, without the whole workbook in memory; the big detail sheets'
 * rows are streamed into exceljs's package afterwards (plain-sheet-writer.ts). What each sheet holds
 * is computed in finance-layout.ts (which sheets, names, print setup) and finance-rows.ts (columns,
 * rows); here one function writes each sheet.
 */
import { PRODUCT_NAME } from '../../shared/product';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { PayTotalReport, SurplusRecord } from '../../shared/api/contract';
import type { IndicatorNode, Scheme } from '../../shared/domain/types';
import { leaves } from '../../shared/scheme/parse';
import {
  dataRowHeight,
  financePlan,
  footerText,
  sheetText,
  type DetailPart,
  type FinanceWorkbookInput,
  type SalarySheetPlan,
  type SheetText,
} from './finance-layout';
import {
  allocationRow,
  allocationSpec,
  allocationTotalRow,
  detailSpec,
  payTotalRow,
  payTotalSpec,
  payTotalTotalRow,
  salaryRow,
  salarySpec,
  salaryTotalRow,
  signatureRows,
  summaryRow,
  summarySpec,
  surplusRow,
  surplusSpec,
  surplusTotalRow,
} from './finance-rows';
import { DetailRows, DetailStrings, MAX_ROW_BYTES } from './detail-rows';
import { memorySink, PlainRows, writePackage, type RowsProducer } from './plain-sheet-writer';
import { throttleProgress, type ProgressHook } from './progress';
import { ROWS_PER_PAUSE, SheetWriter } from './sheet-writer';

export {
  DETAIL_ROWS_PER_SHEET,
  SHEET_ALLOCATION,
  SHEET_DETAIL,
  SHEET_PAY_TOTAL,
  SHEET_SALARY,
  SHEET_SUMMARY,
  SHEET_SURPLUS,
  footerText,
  localTime,
  printedSheet,
  salarySheetName,
  sheetName,
  wrappedLines,
  type FinanceWorkbookInput,
} from './finance-layout';

/** Workbook-level names that carry what verification reads (数据指纹核验), machine-readable. */
export const NAME_PROGRAM = '导出程序';
export const NAME_YEAR = '考核年度';
export const NAME_SCHEME = '方案编码';
export const NAME_FINGERPRINT = '数据指纹';
export const NAME_LOCKED_AT = '定稿时间';
export const PROGRAM_TAG = `${PRODUCT_NAME}/财政报表`;

/** The names (text constants) a finance workbook carries: program, year, scheme, and when locked the fingerprint and lock time (ISO). */
export function verificationNames(
  input: Pick<FinanceWorkbookInput, 'year' | 'scheme' | 'lock'>,
): Record<string, string> {
  const names: Record<string, string> = {
    [NAME_PROGRAM]: PROGRAM_TAG,
    [NAME_YEAR]: String(input.year),
    [NAME_SCHEME]: input.scheme.code,
  };
  if (input.lock) {
    names[NAME_FINGERPRINT] = input.lock.fingerprint;
    names[NAME_LOCKED_AT] = input.lock.lockedAt;
  }
  return names;
}

/**
 * Adds workbook-level defined names holding text constants (`<definedName name="数据指纹">"…"</definedName>`).
 * exceljs models names as cell ranges only, so its writer's list is extended (pinned exceljs 4.4.0;
 * anything unexpected leaves the names out — the footer still carries the fingerprint).
 */
function addConstantNames(wb: ExcelJS.stream.xlsx.WorkbookWriter, names: Record<string, string>): void {
  const dn = (wb as unknown as { _definedNames?: object })._definedNames;
  if (!dn) return;
  const desc = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(dn), 'model');
  if (!desc?.get) return;
  const extra = Object.entries(names).map(([name, text]) => ({ name, ranges: [`"${text.replace(/"/g, '""')}"`] }));
  Object.defineProperty(dn, 'model', {
    configurable: true,
    get: () => [...((desc.get!.call(dn) as unknown[]) ?? []), ...extra],
    set: (v: unknown) => desc.set?.call(dn, v),
  });
}

/**
 * A scheme name followed by a word, without saying a word twice where they meet: most scheme names
 * end in 考核, so "…院长年薪考核" + "考核结果" → "…院长年薪考核结果" (not "考核考核结果").
 */
export function nameWith(name: string, suffix: string): string {
  const n = name.trim();
  for (let k = Math.min(n.length, suffix.length); k >= 2; k--) {
    if (n.endsWith(suffix.slice(0, k))) return n + suffix.slice(k);
  }
  return n + suffix;
}

export function financeFileName(input: { countyName: string; year: number; scheme: Scheme }): string {
  return `${input.countyName}${input.year}年度${nameWith(input.scheme.name, '考核结果')}（财政）.xlsx`;
}

/** What every sheet writer needs: the workbook being written, its input, footer, texts and progress. */
interface Writing {
  wb: ExcelJS.stream.xlsx.WorkbookWriter;
  input: FinanceWorkbookInput;
  footer: string;
  text: SheetText;
  /** Counts rows written (reported where the writer already yields). */
  progress: (rows: number) => void;
}

export async function writeFinanceWorkbook(
  input: FinanceWorkbookInput,
  out: { stream: Writable } | { filename: string },
  onProgress?: ProgressHook,
): Promise<void> {
  const ls = leaves(input.scheme);
  const plan = financePlan(input, ls);
  // Rows written, reported at the points where the writer already yields (every ROWS_PER_PAUSE rows).
  const report = throttleProgress(onProgress);
  let rowsDone = 0;
  const progress = (n: number) => {
    rowsDone += n;
    report?.({ stage: '写出', done: Math.min(rowsDone, plan.totalRows), total: plan.totalRows });
  };
  // exceljs writes the package into memory without the detail rows; writePackage then copies it
  // to `out` with those rows streamed in (plain-sheet-writer.ts).
  const base = memorySink();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: base.stream, useStyles: true, useSharedStrings: false });
  wb.creator = PRODUCT_NAME;
  wb.created = input.exportedAt;
  addConstantNames(wb, verificationNames(input));
  const w: Writing = { wb, input, footer: footerText(input.lock), text: sheetText(input), progress };

  const summary = addSummarySheet(w);
  const detail = addDetailSheets(w, plan.detail, ls);
  detail.rows.set(...summary);
  for (const sheet of plan.salary) writeSalarySheet(w, sheet);
  if (plan.payTotals) writePayTotalSheet(w, input.payTotals!);
  if (plan.surplus) writeSurplusSheet(w, input.surplus!);
  if (plan.allocation) writeAllocationSheet(w);
  await wb.commit();
  await writePackage(base.bytes(), detail.rows, out, detail.parts);
  // Salary and allocation sheets are small: they count as written once the workbook is committed.
  report?.({ stage: '写出', done: plan.totalRows, total: plan.totalRows });
}

/**
 * 考核结果汇总: a row per target in rank order. Its title and header rows are written by exceljs; its
 * data rows (25,000 at province size) are streamed into the package like the detail rows: the
 * producer returned, with the sheet's part.
 */
function addSummarySheet(w: Writing): [string, RowsProducer] {
  const summary = new SheetWriter(w.wb, summarySpec(w.input, w.text), w.footer);
  const columns = summary.spec.columns;
  const rows = new PlainRows(summary.plainStyleIds(), (values) => dataRowHeight(columns, values));
  const first = summary.rows + 1;
  const dims = w.input.scheme.indicators;
  summary.commit();
  return [
    summary.partName,
    async (sink) => {
      let r = first;
      let unreported = 0;
      for (const res of w.input.results.results) {
        const full = sink.write(rows.row(r++, summaryRow(res, dims)));
        if (++unreported === ROWS_PER_PAUSE || full) {
          w.progress(unreported);
          unreported = 0;
          await sink.drain();
        }
      }
      w.progress(unreported);
    },
  ];
}

/**
 * 指标得分明细, split over several sheets beyond Excel's row limit. Each part gets its title and
 * header rows here; its data rows are streamed into the package after exceljs has written the rest
 * (plain-sheet-writer.ts): `rows`, the producers by sheet part. Their texts are the workbook's
 * shared strings (detail-rows.ts): `parts` writes xl/sharedStrings.xml in place of exceljs's.
 */
function addDetailSheets(
  w: Writing,
  parts: DetailPart[],
  ls: IndicatorNode[],
): { rows: Map<string, RowsProducer>; parts: Map<string, RowsProducer> } {
  const producers = new Map<string, RowsProducer>();
  let strings: DetailStrings | null = null;
  for (const part of parts) {
    const detail = new SheetWriter(w.wb, detailSpec(w.input, w.text, part), w.footer);
    if (!strings) {
      strings = new DetailStrings(detail.spec.columns);
      strings.addAll(w.input.results.results, ls);
    }
    producers.set(
      detail.partName,
      detailProducer(w, part, ls, new DetailRows(detail.plainStyleIds(), strings, ls), detail.rows + 1),
    );
    detail.commit();
  }
  const table = new Map<string, RowsProducer>();
  if (strings && strings.count > 0) {
    // One string in exceljs's own table makes it write the part, its content type and relationship.
    sharedStrings(w.wb).add(' ');
    const all = strings;
    table.set('xl/sharedStrings.xml', (sink) => all.write(sink));
  }
  return { rows: producers, parts: table };
}

/** The data rows of one detail sheet, from row `first` on. */
function detailProducer(
  w: Writing,
  part: DetailPart,
  ls: IndicatorNode[],
  rows: DetailRows,
  first: number,
): RowsProducer {
  return async (sink) => {
    let k = 0;
    let r = first;
    let unreported = 0;
    all: for (const res of w.input.results.results) {
      for (let j = 0; j < ls.length; j++) {
        const ir = res.indicators[ls[j]!.code];
        if (!ir) continue;
        if (k < part.from) {
          k++;
          continue;
        }
        if (k >= part.to) break all;
        const row = r++;
        const at = k++;
        const full = sink.fill(MAX_ROW_BYTES, (buf, off) => rows.write(buf, off, row, at, res, j, ir));
        if (++unreported === ROWS_PER_PAUSE || full) {
          w.progress(unreported);
          unreported = 0;
          await sink.drain();
        }
      }
    }
    w.progress(unreported);
  };
}

/** exceljs's shared-string table of the workbook (it writes the part at commit when it holds a string). */
function sharedStrings(wb: ExcelJS.stream.xlsx.WorkbookWriter): { add(text: string): number } {
  const table = (wb as unknown as { sharedStrings?: { add?: unknown } }).sharedStrings;
  if (typeof table?.add !== 'function') throw new Error('exceljs shared-string table not found');
  return table as { add(text: string): number };
}

/** A 年薪核算 sheet: its lines, a total row (with the total in capital figures), signatures. */
function writeSalarySheet(w: Writing, sheet: SalarySheetPlan): void {
  const salary = new SheetWriter(w.wb, salarySpec(w.input, w.text, sheet), w.footer);
  // The all-payers sheet names each line's payer in a last column.
  const withPayer = sheet.payer === null;
  const payerName = withPayer ? (p: string) => w.input.payerNames?.get(p) ?? p : undefined;
  sheet.lines.forEach((l, i) => salary.data(salaryRow(l, i, w.input.targetNames, payerName)));
  salary.data(salaryTotalRow(sheet.lines, withPayer), { bold: true });
  signatures(salary, [0, 4, 9]);
  salary.commit();
}

/** 制表人 / 审核人 / 负责人 under a table, at the given columns (0-based), then the date line. */
function signatures(s: SheetWriter, at: number[]): void {
  for (const row of signatureRows(at)) s.line(row);
}

/** 绩效工资总量 (seed 000 第7条, 第24条): per group, with a total row. */
function writePayTotalSheet(w: Writing, r: PayTotalReport): void {
  const s = new SheetWriter(w.wb, payTotalSpec(w.input, w.text), w.footer);
  r.groups.forEach((g, i) => s.data(payTotalRow(g, i)));
  s.data(payTotalTotalRow(r), { bold: true });
  signatures(s, [0, 4, 9]);
  s.commit();
}

/** 医保结余分配 (seed 000 第20条): per group, development/staff and the county/township/village tiers. */
function writeSurplusSheet(w: Writing, rows: SurplusRecord[]): void {
  const s = new SheetWriter(w.wb, surplusSpec(w.input, w.text), w.footer);
  rows.forEach((r, i) => s.data(surplusRow(r, i)));
  s.data(surplusTotalRow(rows), { bold: true });
  signatures(s, [0, 4, 10]);
  s.commit();
}

/** 资金分配 (only when an allocation was saved): per target, a total row, the signature line. */
function writeAllocationSheet(w: Writing): void {
  const a = w.input.allocation!;
  const s = new SheetWriter(w.wb, allocationSpec(w.input, w.text, a), w.footer);
  a.parts.forEach((p, i) => s.data(allocationRow(p, i, w.input.targetNames)));
  s.data(allocationTotalRow(a), { bold: true });
  s.line([]);
  s.line(['制表人：', '', '审核人：', '', '负责人：']);
  s.commit();
}
