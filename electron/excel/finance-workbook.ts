/**
 * 导出给财政: the finance workbook of one scheme and year (excel.md "The finance workbook").
 * Written with exceljs's streaming writer so that a province-sized result (25,000 targets × 60
 * indicators) is exported row by row, without the whole workbook in memory.
 */
import { PRODUCT_NAME } from '../../shared/product';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { Allocation, PayTotalReport, SalaryLine, SurplusRecord } from '../../shared/api/contract';
import type { Flag, IndicatorNode, Scheme, SchemeResult, Value } from '../../shared/domain/types';
import { FLAG_NAMES } from '../../shared/domain/types';
import { dec, sum } from '../../shared/decimal';
import { capitalAmount } from '../../shared/finance/capital';
import { COUNTY_FINANCE, comparePayers } from '../../shared/finance/payer';
import { leaves } from '../../shared/scheme/parse';
import { memorySink, PlainRows, writePackage, type RowsProducer } from './plain-sheet-writer';
import { throttleProgress, type ProgressHook } from './progress';

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

const SCORE_FMT = '0.00';
const MONEY_FMT = '#,##0.00';
const K_FMT = '0.0000';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

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

const flagsText = (flags: Flag[]) => flags.map((f) => FLAG_NAMES[f] ?? f).join('、');
const num = (s: string | null | undefined): number | null =>
  s === null || s === undefined || s === '' ? null : Number(s);

function valueCell(v: Value): string | number {
  if (v.kind === 'number') return Number(v.number);
  if (v.kind === 'label') return v.label;
  if (v.kind === 'na') return '不适用';
  return '';
}

function targetValue(leaf: IndicatorNode): string | number {
  const m = leaf.method;
  if (!m) return '';
  if ('target' in m && typeof m.target === 'number') return m.target;
  // One item per line: the column wraps, and a line per item keeps each item whole when printed.
  if (m.type === 'bands') return m.bands.map((b) => `${b.bound}→${b.score}分`).join('\n');
  if (m.type === 'grade')
    return Object.entries(m.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
  return '';
}

interface SheetSpec {
  name: string;
  title: string;
  info: string;
  /** wrap: long text (大写金额, reasons) wraps inside its column instead of spilling over the next ones. */
  columns: { header: string; width: number; numFmt?: string; wrap?: boolean }[];
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

const LINE_HEIGHT = 14.5;

/** The pay sheet of one payer: 年薪核算（县财政）, 年薪核算（XX医疗集团）. */
export function salarySheetName(payerName: string): string {
  return `${SHEET_SALARY}（${payerName}）`;
}

const ROW_STYLE = Object.freeze({}) as Partial<ExcelJS.Style>;
const QUEUE_LIMIT = 8 * 1024 * 1024;
/** Rows written between two pauses for the zip stream. */
const ROWS_PER_PAUSE = 2000;

/**
 * Bytes a streaming worksheet has produced that the zip has not taken yet: its own buffers (before
 * the zip reaches the sheet) plus what the stream it is piped into still holds. Reads
 * exceljs's internals, so anything unexpected counts as 0 (then pauses only yield).
 */
interface StreamState {
  length?: number;
}
interface PipeLike {
  _writableState?: StreamState;
  _readableState?: StreamState;
}
function queuedBytes(ws: ExcelJS.Worksheet): number {
  const s = (ws as unknown as { _stream?: { buffers?: { length: number }[]; pipes?: PipeLike[] } })._stream;
  if (!s) return 0;
  const len = (x: StreamState | undefined) => (typeof x?.length === 'number' ? x.length : 0);
  let n = 0;
  for (const b of s.buffers ?? []) n += len(b);
  // archiver's PassThrough (readable-stream, no writableLength getter): both of its buffers
  for (const p of s.pipes ?? []) n += len(p._writableState) + len(p._readableState);
  return n;
}

class SheetWriter {
  readonly ws: ExcelJS.Worksheet;
  private rowNo = 0;

  constructor(
    private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter,
    readonly spec: SheetSpec,
    footer: string,
  ) {
    const n = spec.columns.length;
    this.wrapCols = spec.columns.flatMap((c, i) => (c.wrap ? [i] : []));
    this.plain = spec.columns.map((_, i) => [this.style(i, false, false), this.style(i, true, false)] as const);
    this.ws = wb.addWorksheet(spec.name, printedSheet(footer, spec.freezeCols ?? 0));
    this.ws.columns = spec.columns.map((c) => ({ width: c.width }));
    const title = this.next([spec.title]);
    title.getCell(1).font = { bold: true, size: 16 };
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    title.height = 30;
    this.ws.mergeCells(1, 1, 1, n);
    title.commit();
    const info = this.next([spec.info]);
    info.getCell(1).font = { size: 10 };
    this.ws.mergeCells(2, 1, 2, n);
    info.commit();
    const head = this.next(spec.columns.map((c) => c.header));
    head.height = Math.max(32, 4 + LINE_HEIGHT * Math.max(...spec.columns.map((c) => wrappedLines(c.header, c.width))));
    for (let c = 1; c <= n; c++) {
      const cell = head.getCell(c);
      cell.font = { bold: true };
      cell.fill = HEAD_FILL;
      cell.border = THIN;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
    head.commit();
  }

  private next(values: ExcelJS.CellValue[]): ExcelJS.Row {
    this.rowNo++;
    const row = this.ws.getRow(this.rowNo);
    // exceljs gives each row a fresh {} style and serialises every new style object once: one
    // shared (never changed) object saves a style lookup per row of a 1.5 M-row sheet.
    (row as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE;
    values.forEach((v, i) => {
      if (v !== null && v !== undefined && v !== '') row.getCell(i + 1).value = v;
    });
    return row;
  }

  /**
   * One style object per column and kind, shared by every cell: exceljs caches style ids by object
   * identity, so a province-sized sheet does not re-serialise a style for each of its cells.
   */
  private styles = new Map<string, ExcelJS.Style>();
  private style(col: number, numeric: boolean, bold: boolean): ExcelJS.Style {
    const key = `${col}/${numeric}/${bold}`;
    let s = this.styles.get(key);
    if (!s) {
      const fmt = this.spec.columns[col]?.numFmt;
      const wrap = this.spec.columns[col]?.wrap;
      s = {
        border: THIN,
        ...(numeric && fmt ? { numFmt: fmt } : {}),
        ...(bold ? { font: { bold: true } } : {}),
        alignment: wrap ? { wrapText: true, vertical: 'middle' } : { vertical: 'middle' },
      } as ExcelJS.Style;
      this.styles.set(key, s);
    }
    return s;
  }

  /** Plain data rows' styles by column: [text, number]. */
  private plain: (readonly [ExcelJS.Style, ExcelJS.Style])[] = [];

  /** A data row: numbers get their column's format, every cell a thin border. */
  data(values: ExcelJS.CellValue[], opts: { bold?: boolean } = {}): void {
    const row = this.next(values);
    const bold = !!opts.bold;
    let lines = 1;
    this.spec.columns.forEach((c, i) => {
      const v = values[i];
      if (c.wrap && typeof v === 'string' && v !== '') lines = Math.max(lines, wrappedLines(v, c.width));
    });
    if (lines > 1) row.height = 3 + LINE_HEIGHT * lines;
    for (let i = 0; i < this.plain.length; i++) {
      const numeric = typeof values[i] === 'number';
      row.getCell(i + 1).style = bold ? this.style(i, numeric, true) : this.plain[i]![numeric ? 1 : 0];
    }
    row.commit();
  }

  /**
   * Lets the zip stream catch up: exceljs's row commit only queues XML (uncompressed) for the
   * zip stream, which runs on the event loop; without a pause, a 1.5 M-row sheet would be queued
   * whole (gigabytes) before the first byte is compressed. Waits while more than QUEUE_LIMIT
   * bytes are waiting.
   */
  async relieve(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    // The compressor and the file run on libuv's thread pool: poll gently (at most a minute).
    for (let i = 0; i < 30_000 && queuedBytes(this.ws) >= QUEUE_LIMIT; i++) {
      await new Promise<void>((resolve) => setTimeout(resolve, 2));
    }
  }

  /** A free line under the table (signatures). */
  line(values: ExcelJS.CellValue[]): void {
    const row = this.next(values);
    row.height = 24;
    row.commit();
  }

  get rows(): number {
    return this.rowNo;
  }

  private wrapCols: number[] = [];

  /**
   * The height of a plain data row whose wrapped text takes more than one line (0: the default):
   * office suites do not grow a row for wrapped text written by a streaming writer.
   */
  plainRowHeight(values: readonly unknown[]): number {
    let lines = 1;
    for (const i of this.wrapCols) {
      const v = values[i];
      if (typeof v === 'string' && v.length * 1.85 > this.spec.columns[i]!.width - 0.5) {
        // Texts repeat (traces are shared per leaf and value): their line count is kept by column.
        const cache = (this.linesCache[i] ??= new Map());
        let n = cache.get(v);
        if (n === undefined) {
          n = wrappedLines(v, this.spec.columns[i]!.width);
          if (cache.size < 100_000) cache.set(v, n);
        }
        if (n > lines) lines = n;
      }
    }
    return lines > 1 ? 3 + LINE_HEIGHT * lines : 0;
  }

  private linesCache: Map<string, number>[] = [];

  /** Style ids of the plain data cells by column, [text, number] (registered now, written at commit). */
  plainStyleIds(): [number, number][] {
    const styles = (this.wb as unknown as { styles?: { addStyleModel?(m: unknown, type: number): number } }).styles;
    if (!styles?.addStyleModel) throw new Error('SheetWriter: exceljs style manager not found');
    return this.plain.map(([text, number]) => [
      styles.addStyleModel!(text, ExcelJS.ValueType.String),
      styles.addStyleModel!(number, ExcelJS.ValueType.Number),
    ]);
  }

  /** The sheet's part in the package ("xl/worksheets/sheet2.xml"). */
  get partName(): string {
    return `xl/worksheets/sheet${(this.ws as unknown as { id: number }).id}.xml`;
  }

  commit(): void {
    this.ws.commit();
  }
}

export async function writeFinanceWorkbook(
  input: FinanceWorkbookInput,
  out: { stream: Writable } | { filename: string },
  onProgress?: ProgressHook,
): Promise<void> {
  // Rows written, reported at the points where the writer already yields (every ROWS_PER_PAUSE rows).
  const report = throttleProgress(onProgress);
  const ls0 = leaves(input.scheme);
  const totalRows =
    input.results.results.length +
    input.salary.length +
    input.results.results.reduce((n, r) => n + ls0.filter((l) => r.indicators[l.code]).length, 0);
  let rowsDone = 0;
  const progress = (n: number) => {
    rowsDone += n;
    report?.({ stage: '写出', done: Math.min(rowsDone, totalRows), total: totalRows });
  };
  // exceljs writes the package into memory without the detail rows; writePackage then copies it
  // to `out` with those rows streamed in (plain-sheet-writer.ts).
  const base = memorySink();
  const plainSheets = new Map<string, RowsProducer>();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: base.stream, useStyles: true, useSharedStrings: false });
  wb.creator = PRODUCT_NAME;
  wb.created = input.exportedAt;
  addConstantNames(wb, verificationNames(input));
  const footer = footerText(input.lock);
  const { scheme, year, countyName } = input;
  const exported = localTime(input.exportedAt);
  const lockNote = input.lock
    ? `　已定稿（${localTime(new Date(input.lock.lockedAt))}），数据指纹 ${input.lock.fingerprint}`
    : '　未定稿';
  const unit = `${countyName}卫生健康局`;

  // 考核结果汇总
  const dims = scheme.indicators;
  const dimWeight = (d: IndicatorNode) => sum(leaves({ ...scheme, indicators: [d] }).map((l) => dec(l.weight ?? 0)));
  const summary = new SheetWriter(
    wb,
    {
      name: SHEET_SUMMARY,
      title: `${countyName}${year}年度${scheme.name}考核结果汇总表`,
      info: `编制单位：${unit}　计量单位：分　导出时间：${exported}${lockNote}`,
      freezeCols: 3,
      columns: [
        { header: '排名', width: 6 },
        { header: '对象编码', width: 12 },
        { header: '对象名称', width: 26 },
        ...dims.map((d) => ({ header: `${d.name}（${dimWeight(d).toFixed()}分）`, width: 12, numFmt: SCORE_FMT })),
        { header: '基础得分', width: 10, numFmt: SCORE_FMT },
        { header: '加分', width: 8, numFmt: SCORE_FMT },
        { header: '减分', width: 8, numFmt: SCORE_FMT },
        { header: '总分', width: 10, numFmt: SCORE_FMT },
        { header: '等级', width: 10 },
        { header: '否决原因', width: 30, wrap: true },
      ],
    },
    footer,
  );
  for (const r of input.results.results) {
    if (summary.rows % ROWS_PER_PAUSE === 0) await summary.relieve();
    progress(1);
    summary.data([
      r.rank,
      r.target,
      r.name,
      ...dims.map((d) => num(r.dimensions[d.code]?.score)),
      num(r.base),
      num(r.bonus),
      num(r.deduction),
      num(r.total),
      r.grade,
      r.veto ?? '',
    ]);
  }
  summary.commit();

  // 指标得分明细 (split over several sheets beyond Excel's row limit)
  const ls = leaves(scheme);
  const detailSpec = (part: number): SheetSpec => ({
    name: part === 1 ? SHEET_DETAIL : `${SHEET_DETAIL}(${part})`,
    title: `${countyName}${year}年度${scheme.name}指标得分明细表${part === 1 ? '' : `（续${part - 1}）`}`,
    info: `编制单位：${unit}　计量单位：分　导出时间：${exported}${lockNote}`,
    freezeCols: 2,
    columns: [
      { header: '对象编码', width: 12 },
      { header: '对象名称', width: 22 },
      { header: '指标编码', width: 9 },
      { header: '指标名称', width: 26, wrap: true },
      { header: '分值', width: 7, numFmt: SCORE_FMT },
      { header: '填报值', width: 11 },
      { header: '单位', width: 7 },
      { header: '目标值', width: 12, wrap: true },
      { header: '得分', width: 8, numFmt: SCORE_FMT },
      { header: '标记', width: 12, wrap: true },
      { header: '计算过程', width: 60, wrap: true },
    ],
  });
  // The detail rows are streamed into the package after exceljs has written the rest
  // (plain-sheet-writer.ts): here each part gets its title and header rows and its row range.
  const detailRows = totalRows - input.results.results.length - input.salary.length;
  const targets = ls.map(targetValue);
  const parts = Math.max(1, Math.ceil(detailRows / DETAIL_ROWS_PER_SHEET));
  for (let part = 1; part <= parts; part++) {
    const detail = new SheetWriter(wb, detailSpec(part), footer);
    const from = (part - 1) * DETAIL_ROWS_PER_SHEET;
    const to = Math.min(detailRows, from + DETAIL_ROWS_PER_SHEET);
    const rowsXml = new PlainRows(detail.plainStyleIds(), (values) => detail.plainRowHeight(values));
    const first = detail.rows + 1;
    plainSheets.set(detail.partName, async (sink) => {
      let k = 0;
      let r = first;
      let unreported = 0;
      rows: for (const res of input.results.results) {
        for (let j = 0; j < ls.length; j++) {
          const leaf = ls[j]!;
          const ir = res.indicators[leaf.code];
          if (!ir) continue;
          if (k++ < from) continue;
          if (k > to) break rows;
          const full = sink.write(
            rowsXml.row(r++, [
              res.target,
              res.name,
              leaf.code,
              leaf.name,
              num(ir.weight),
              valueCell(ir.value),
              leaf.unit ?? '',
              targets[j]!,
              num(ir.score),
              ir.flags.length === 0 ? '' : flagsText(ir.flags),
              ir.trace,
            ]),
          );
          if (++unreported === ROWS_PER_PAUSE || full) {
            progress(unreported);
            unreported = 0;
            await sink.drain();
          }
        }
      }
      progress(unreported);
    });
    detail.commit();
  }

  // 年薪核算: one pay sheet per payer (发放主体, finance.md), each with its total and signatures.
  const taken = new Set<string>([
    SHEET_SUMMARY,
    ...Array.from({ length: parts }, (_, i) => (i === 0 ? SHEET_DETAIL : `${SHEET_DETAIL}(${i + 1})`)),
  ]);
  const payerName = (p: string) => input.payerNames?.get(p) ?? p;
  const byPayer = new Map<string, SalaryLine[]>();
  for (const l of input.salary) {
    const p = l.payer || COUNTY_FINANCE;
    if (!byPayer.has(p)) byPayer.set(p, []);
    byPayer.get(p)!.push(l);
  }
  const payers = [...byPayer.keys()].sort(comparePayers);
  // 年薪核算: every line of the scheme with the payer of each; then one sheet per payer, each
  // printable on its own with its total and signatures (excel.md).
  writeSalarySheet(wb, input, footer, {
    name: sheetName(SHEET_SALARY, taken),
    payer: null,
    lines: payers.flatMap((p) => byPayer.get(p)!),
    unit,
    exported,
    lockNote,
    payerName,
  });
  for (const p of payers) {
    writeSalarySheet(wb, input, footer, {
      name: sheetName(salarySheetName(payerName(p)), taken),
      payer: payerName(p),
      lines: byPayer.get(p)!,
      unit,
      exported,
      lockNote,
    });
  }

  if (input.payTotals && input.payTotals.groups.length > 0)
    writePayTotalSheet(wb, input, input.payTotals, footer, { unit, exported, lockNote });
  if (input.surplus && input.surplus.length > 0)
    writeSurplusSheet(wb, input, input.surplus, footer, { unit, exported, lockNote });

  // 资金分配 (only when an allocation was saved)
  if (input.allocation) {
    const a = input.allocation;
    const alloc = new SheetWriter(
      wb,
      {
        name: SHEET_ALLOCATION,
        title: `${countyName}${year}年度${scheme.name}考核结果资金分配表`,
        info: `编制单位：${unit}　金额单位：元　资金总额：${dec(a.amount).toFixed(2)}　不参与分配的等级：${a.excludedGrades.join('、') || '无'}　导出时间：${exported}${lockNote}`,
        freezeCols: 3,
        columns: [
          { header: '序号', width: 6 },
          { header: '对象编码', width: 12 },
          { header: '对象名称', width: 26 },
          { header: '总分', width: 10, numFmt: SCORE_FMT },
          { header: '分配系数', width: 10 },
          { header: '分配金额', width: 14, numFmt: MONEY_FMT },
          { header: '大写金额', width: 36, wrap: true },
        ],
      },
      footer,
    );
    a.parts.forEach((p, i) => {
      alloc.data([
        i + 1,
        p.target,
        p.name || input.targetNames.get(p.target) || '',
        num(p.total),
        Number(p.factor),
        num(p.amount),
        capitalAmount(dec(p.amount).toFixed(2)),
      ]);
    });
    const s = sum(a.parts.map((p) => dec(p.amount)));
    alloc.data(['合计', '', `${a.parts.length} 个单位`, '', '', Number(s.toFixed(2)), capitalAmount(s.toFixed(2))], {
      bold: true,
    });
    alloc.line([]);
    alloc.line(['制表人：', '', '审核人：', '', '负责人：']);
    alloc.commit();
  }
  await wb.commit();
  await writePackage(base.bytes(), plainSheets, out);
  // Salary and allocation sheets are small: they count as written once the workbook is committed.
  report?.({ stage: '写出', done: totalRows, total: totalRows });
}

interface SheetText {
  unit: string;
  exported: string;
  lockNote: string;
}

const money = (d: { toFixed(n: number): string }) => Number(d.toFixed(2));

/** One payer's 年薪核算 sheet: its lines, a total row (with the total in capital figures), signatures. */
function writeSalarySheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  input: FinanceWorkbookInput,
  footer: string,
  o: SheetText & { name: string; payer: string | null; lines: SalaryLine[]; payerName?: (p: string) => string },
): void {
  // The all-payers sheet names each line's payer in a last column.
  const withPayer = o.payer === null && o.payerName !== undefined;
  const { countyName, year, scheme } = input;
  const salary = new SheetWriter(
    wb,
    {
      name: o.name,
      title: `${countyName}${year}年度${scheme.name}年薪核算表${o.payer ? `（${o.payer}发放）` : ''}`,
      info: `编制单位：${o.unit}　${o.payer ? `发放主体：${o.payer}　` : withPayer ? '发放主体：见各发放主体的年薪核算表　' : ''}金额单位：元　导出时间：${o.exported}${o.lockNote}`,
      freezeCols: 2,
      columns: [
        { header: '序号', width: 6 },
        { header: '姓名', width: 10, wrap: true },
        { header: '职务', width: 14, wrap: true },
        { header: '单位编码', width: 9 },
        { header: '单位名称', width: 21, wrap: true },
        { header: '任职月数', width: 6 },
        { header: '基本年薪', width: 12, numFmt: MONEY_FMT },
        { header: '绩效年薪基数', width: 12, numFmt: MONEY_FMT },
        { header: '考核系数', width: 8, numFmt: K_FMT },
        { header: '绩效年薪', width: 12, numFmt: MONEY_FMT },
        { header: '年薪', width: 12, numFmt: MONEY_FMT },
        { header: '应发金额', width: 13, numFmt: MONEY_FMT },
        { header: '大写金额', width: 34, wrap: true },
        { header: '标记', width: 14, wrap: true },
        ...(withPayer ? [{ header: '发放主体', width: 16, wrap: true }] : []),
      ],
    },
    footer,
  );
  o.lines.forEach((l, i) => {
    salary.data([
      i + 1,
      l.person,
      l.role,
      l.target,
      input.targetNames.get(l.target) ?? '',
      l.months,
      num(l.base),
      num(l.performanceBase),
      num(l.k),
      num(l.performancePay),
      num(l.annual),
      num(l.pay),
      l.payInWords,
      l.error ? l.error : flagsText(l.flags),
      ...(withPayer ? [o.payerName!(l.payer || COUNTY_FINANCE)] : []),
    ]);
  });
  // Every column's total is the sum of the lines above it (a line in error shows no pay, but its bases).
  const total = (f: (l: SalaryLine) => string) => sum(o.lines.map((l) => dec(f(l) || '0')));
  const payTotal = total((l) => l.pay);
  salary.data(
    [
      '合计',
      '',
      '',
      '',
      `${o.lines.length} 人`,
      '',
      money(total((l) => l.base)),
      money(total((l) => l.performanceBase)),
      '',
      money(total((l) => l.performancePay)),
      money(total((l) => l.annual)),
      money(payTotal),
      capitalAmount(payTotal.toFixed(2)),
      '',
      ...(withPayer ? [''] : []),
    ],
    { bold: true },
  );
  signatures(salary, [0, 4, 9]);
  salary.commit();
}

/** 制表人 / 审核人 / 负责人 under a table, at the given columns (0-based), then the date line. */
function signatures(w: SheetWriter, at: number[]): void {
  const row = (labels: string[]) => {
    const v: string[] = [];
    at.forEach((c, i) => (v[c] = labels[i]!));
    return v;
  };
  w.line([]);
  w.line(row(['制表人：', '审核人：', '负责人：']));
  w.line(row(['日期：', '日期：', '日期：']));
}

/** 绩效工资总量 (seed 000 第7条, 第24条): per group, with a total row. */
function writePayTotalSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  input: FinanceWorkbookInput,
  r: PayTotalReport,
  footer: string,
  o: SheetText,
): void {
  const { countyName, year, scheme } = input;
  const w = new SheetWriter(
    wb,
    {
      name: SHEET_PAY_TOTAL,
      title: `${countyName}${year}年度医疗集团绩效工资总量核定表`,
      info: `编制单位：${o.unit}　依据：${scheme.name}考核结果（运政办发〔2019〕3号 第7条：不超过基准的 5 倍；第24条：签约服务费不纳入总量）　金额单位：元　导出时间：${o.exported}${o.lockNote}`,
      freezeCols: 3,
      columns: [
        { header: '序号', width: 6 },
        { header: '集团编码', width: 9 },
        { header: '医疗集团', width: 22, wrap: true },
        { header: '申报总量', width: 14, numFmt: MONEY_FMT },
        { header: '基准（全额拨款事业单位绩效工资总量）', width: 14, numFmt: MONEY_FMT },
        { header: '倍数', width: 6 },
        { header: '上限（倍数×基准）', width: 14, numFmt: MONEY_FMT },
        { header: '考核系数', width: 8, numFmt: K_FMT },
        { header: '申报×系数', width: 14, numFmt: MONEY_FMT },
        { header: '核定总量', width: 14, numFmt: MONEY_FMT },
        { header: '不纳入总量项目（签约服务费等）', width: 14, numFmt: MONEY_FMT },
        { header: '可分配总额', width: 14, numFmt: MONEY_FMT },
        { header: '标记', width: 14, wrap: true },
      ],
    },
    footer,
  );
  r.groups.forEach((g, i) => {
    w.data([
      i + 1,
      g.target,
      g.name,
      num(g.proposed),
      num(g.benchmark),
      Number(g.multiple),
      num(g.cap),
      num(g.k),
      num(g.adjusted),
      num(g.approved),
      num(g.excluded),
      num(g.available),
      flagsText(g.flags),
    ]);
  });
  const t = (f: (g: PayTotalReport['groups'][number]) => string) => money(sum(r.groups.map((g) => dec(f(g)))));
  w.data(
    [
      '合计',
      '',
      `${r.groups.length} 个医疗集团`,
      t((g) => g.proposed),
      t((g) => g.benchmark),
      '',
      t((g) => g.cap),
      '',
      t((g) => g.adjusted),
      t((g) => g.approved),
      t((g) => g.excluded),
      t((g) => g.available),
      '',
    ],
    { bold: true },
  );
  signatures(w, [0, 4, 9]);
  w.commit();
}

/** 医保结余分配 (seed 000 第20条): per group, development/staff and the county/township/village tiers. */
function writeSurplusSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  input: FinanceWorkbookInput,
  rows: SurplusRecord[],
  footer: string,
  o: SheetText,
): void {
  const { countyName, year } = input;
  const w = new SheetWriter(
    wb,
    {
      name: SHEET_SURPLUS,
      title: `${countyName}${year}年度医疗集团医保结余资金分配表`,
      info: `编制单位：${o.unit}　依据：运政办发〔2019〕3号 第20条（结余资金 40% 用于业务发展、60% 用于提高医务人员待遇；按人头打包付费的按县乡村 6:3:1 分配）　金额单位：元　导出时间：${o.exported}${o.lockNote}`,
      freezeCols: 3,
      columns: [
        { header: '序号', width: 5 },
        { header: '集团编码', width: 8 },
        { header: '医疗集团', width: 18, wrap: true },
        { header: '结余资金', width: 13, numFmt: MONEY_FMT },
        { header: '比例（发展:薪酬／县:乡:村）', width: 12, wrap: true },
        { header: '业务发展', width: 12, numFmt: MONEY_FMT },
        { header: '人员薪酬', width: 12, numFmt: MONEY_FMT },
        { header: '县级', width: 12, numFmt: MONEY_FMT },
        { header: '县级·发展', width: 11, numFmt: MONEY_FMT },
        { header: '县级·薪酬', width: 11, numFmt: MONEY_FMT },
        { header: '乡级', width: 12, numFmt: MONEY_FMT },
        { header: '乡级·发展', width: 11, numFmt: MONEY_FMT },
        { header: '乡级·薪酬', width: 11, numFmt: MONEY_FMT },
        { header: '村级', width: 12, numFmt: MONEY_FMT },
        { header: '村级·发展', width: 11, numFmt: MONEY_FMT },
        { header: '村级·薪酬', width: 11, numFmt: MONEY_FMT },
      ],
    },
    footer,
  );
  const tierCells = (r: SurplusRecord) =>
    r.tiers
      ? [r.tiers.county, r.tiers.township, r.tiers.village].flatMap((p) => [
          num(p.amount),
          num(p.development),
          num(p.staff),
        ])
      : Array<null>(9).fill(null);
  rows.forEach((r, i) => {
    const ratio = `${r.split.join(':')}${r.tierRatio ? `／${r.tierRatio.join(':')}` : ''}`;
    w.data([i + 1, r.target, r.name, num(r.amount), ratio, num(r.development), num(r.staff), ...tierCells(r)]);
  });
  const t = (f: (r: SurplusRecord) => string | undefined) => money(sum(rows.map((r) => dec(f(r) ?? '0'))));
  w.data(
    [
      '合计',
      '',
      `${rows.length} 个医疗集团`,
      t((r) => r.amount),
      '',
      t((r) => r.development),
      t((r) => r.staff),
      t((r) => r.tiers?.county.amount),
      t((r) => r.tiers?.county.development),
      t((r) => r.tiers?.county.staff),
      t((r) => r.tiers?.township.amount),
      t((r) => r.tiers?.township.development),
      t((r) => r.tiers?.township.staff),
      t((r) => r.tiers?.village.amount),
      t((r) => r.tiers?.village.development),
      t((r) => r.tiers?.village.staff),
    ],
    { bold: true },
  );
  signatures(w, [0, 4, 10]);
  w.commit();
}
