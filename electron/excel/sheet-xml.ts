/**
 * The lean reader of imported workbooks: the worksheet XML is scanned directly into the RawRow
 * shape of reader.ts, without exceljs's per-cell Row/Cell/style model. A province file (25,000 × 62,
 * 47 MB of sheet XML) reads in 0.7–0.9 s against 2.4–3.5 s for exceljs's streaming reader, which
 * is what kept the province import over its target. exceljs is the fallback: anything this reader
 * does not understand throws UnsupportedXlsx and the caller reads the file with exceljs instead.
 *
 * It keeps what the cell rules need, also where exceljs does not: merged cells (a merge's
 * non-master cells are skipped), sheet names whatever the relationship paths look like, formula
 * results of every type and value (an error result stays an error, a cached 0 stays 0), the zh-CN
 * built-in date formats (ids 27–36, 50–58) and every run of rich text.
 */
import type ExcelJS from 'exceljs';
import { ApiError } from '../services/errors';
import { IMPORT_LIMITS, limitError, openCheckedZip, type CheckedZip } from './zip';
import type { RawCell, RawRow } from './reader';

/** The file uses something this reader does not handle; read it with exceljs instead. */
export class UnsupportedXlsx extends Error {}

/** Sheet XML is decoded and scanned in slices of about this many bytes, cut after a row's end. */
const SLICE = 4 << 20;

// ---------- XML text ----------

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities, then OOXML's _xHHHH_ escapes (as exceljs decodes them in strings). */
function decodeText(s: string): string {
  if (s.includes('&')) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITY[e]!,
    );
  }
  if (s.includes('_x')) s = s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

/** Attributes of one start tag's text (between the name and the closing bracket). */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out.set(localName(m[1]!), decodeText(m[2] ?? m[3] ?? ''));
  return out;
}

/** The name without its namespace prefix ("x:c" → "c"), except r:id, which keeps meaning. */
function localName(name: string): string {
  if (/^r:id$/i.test(name) || /:id$/.test(name)) return 'r:id';
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Every text node of `<t>` elements in a string item (`<si>` or `<is>`), skipping phonetic runs. */
function itemText(xml: string): string {
  const bare = xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '');
  let out = '';
  for (const m of bare.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) out += elementText(m[1]!);
  return out;
}

/** An element's text: entities decoded, CDATA sections taken as they are (`<![CDATA[60]]>` → 60). */
function elementText(raw: string): string {
  if (!raw.includes('<![CDATA[')) return decodeText(raw);
  let out = '';
  let i = 0;
  for (;;) {
    const open = raw.indexOf('<![CDATA[', i);
    if (open < 0) return out + decodeText(raw.slice(i));
    out += decodeText(raw.slice(i, open));
    const close = raw.indexOf(']]>', open + 9);
    if (close < 0) throw new UnsupportedXlsx('CDATA 段不完整');
    out += raw.slice(open + 9, close);
    i = close + 3;
  }
}

/** The end of an element's content starting at `i`: the next `<` that does not open a CDATA section. */
function contentEnd(s: string, i: number): number {
  for (;;) {
    const lt = s.indexOf('<', i);
    if (lt < 0 || !s.startsWith('<![CDATA[', lt)) return lt;
    const close = s.indexOf(']]>', lt + 9);
    if (close < 0) return -1;
    i = close + 3;
  }
}

// ---------- workbook parts ----------

interface SheetPart {
  name: string;
  path: string;
  hidden: boolean;
}

interface WorkbookParts {
  sheets: SheetPart[];
  sharedStrings: string[];
  /** Style index → number format code ('' for General). */
  numFmts: string[];
  date1904: boolean;
}

/** Built-in number formats that matter to the cell rules: percentages and dates (zh-CN codes). */
const BUILTIN_FORMATS: Record<number, string> = {
  9: '0%',
  10: '0.00%',
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** A format shows a date or time when it has date letters outside quotes and brackets (as exceljs decides). */
export function isDateFormat(fmt: string): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function partPath(target: string, base = 'xl/'): string {
  const p = target.startsWith('/') ? target.slice(1) : `${base}${target}`;
  // "xl/./worksheets/…" and "xl/../xl/…" from some writers
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

async function partText(zip: CheckedZip, name: string): Promise<string | null> {
  const b = await zip.read(name);
  return b ? b.toString('utf8') : null;
}

/** The workbook's worksheets in order (workbook.xml and its relationships). */
async function workbookSheets(zip: CheckedZip) {
  const wb = await partText(zip, 'xl/workbook.xml');
  const rels = await partText(zip, 'xl/_rels/workbook.xml.rels');
  if (wb === null || rels === null) throw new UnsupportedXlsx('缺少 xl/workbook.xml 或其关系文件');
  const relById = new Map<string, { type: string; path: string }>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    const id = a.get('Id');
    const target = a.get('Target');
    if (id && target) relById.set(id, { type: a.get('Type') ?? '', path: partPath(target) });
  }
  const sheets: SheetPart[] = [];
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    const rel = relById.get(a.get('r:id') ?? '');
    if (!rel) throw new UnsupportedXlsx(`工作表“${a.get('name') ?? ''}”找不到对应的部件`);
    // Chart sheets and dialog sheets hold no cells.
    if (!/worksheet$/i.test(rel.type) && !/worksheets\//i.test(rel.path)) continue;
    const state = a.get('state');
    sheets.push({ name: a.get('name') ?? '', path: rel.path, hidden: state === 'hidden' || state === 'veryHidden' });
  }
  return { wb, relById, sheets };
}

async function readParts(zip: CheckedZip): Promise<WorkbookParts> {
  const text = (name: string) => partText(zip, name);
  const { wb, relById, sheets } = await workbookSheets(zip);
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](1|true)["']/.test(wb);

  const ssRel = [...relById.values()].find((r) => /sharedStrings$/i.test(r.type));
  const ss = await text(ssRel?.path ?? 'xl/sharedStrings.xml');
  const sharedStrings: string[] = [];
  if (ss !== null) {
    for (const m of ss.matchAll(/<(?:\w+:)?si(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si(?:\s[^>]*)?\/>/g)) {
      sharedStrings.push(m[1] === undefined ? '' : itemText(m[1]));
    }
  }

  const stRel = [...relById.values()].find((r) => /styles$/i.test(r.type));
  const st = await text(stRel?.path ?? 'xl/styles.xml');
  const numFmts: string[] = [];
  if (st !== null) {
    const custom = new Map<number, string>();
    for (const m of st.matchAll(/<(?:\w+:)?numFmt\b([^>]*)>/g)) {
      const a = attributes(m[1]!);
      custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
    }
    const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(st)?.[1] ?? '';
    for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
      const id = Number(attributes(m[1]!).get('numFmtId') ?? 0);
      numFmts.push(custom.get(id) ?? BUILTIN_FORMATS[id] ?? '');
    }
  }
  return { sheets, sharedStrings, numFmts, date1904 };
}

// ---------- cell references ----------

/** Column letters at the start of a cell reference → 1-based number; 0 when there are none. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

function rowOf(ref: string): number {
  const m = /\d+$/.exec(ref);
  return m ? Number(m[0]) : 0;
}

/** A merged range: its first cell holds the value; the others are not data. */
interface Merge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** The merged ranges listed after sheetData (`<mergeCells>`), or none. */
function mergesIn(tail: string): Merge[] {
  const out: Merge[] = [];
  for (const m of tail.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref\s*=\s*["']([A-Za-z]+\d+)(?::([A-Za-z]+\d+))?["']/g)) {
    const a = m[1]!;
    const b = m[2] ?? a;
    out.push({ r1: rowOf(a), c1: columnOf(a), r2: rowOf(b), c2: columnOf(b) });
  }
  return out;
}

// ---------- the sheet scanner ----------

interface CellState {
  col: number;
  style: number;
  type: string;
  formula: string | null;
  sharedRef: string | null;
  value: string | null;
  inline: string | null;
}

/**
 * Rows of one worksheet part. Tags are found with indexOf; only the elements of sheetData that
 * carry values (row, c, v, f, is) are looked at, and everything else is passed over.
 */
function* sheetRows(xmlBytes: Buffer, sheet: string, parts: WorkbookParts): Generator<RawRow> {
  const dataAt = xmlBytes.indexOf('sheetData');
  if (dataAt < 0) return;
  // The merges come after sheetData: read them first, from the part's tail.
  const tail = xmlBytes.lastIndexOf('sheetData>');
  const merges = tail > dataAt ? mergesIn(xmlBytes.toString('utf8', tail)) : [];
  // The prefix of the sheet's elements ("" or e.g. "x:"), from the sheetData start tag.
  const lt = xmlBytes.lastIndexOf('<', dataAt);
  const prefix = xmlBytes.toString('utf8', lt + 1, dataAt);
  if (!/^(\w+:)?$/.test(prefix)) throw new UnsupportedXlsx('无法识别的工作表结构');
  const rowEnd = Buffer.from(`</${prefix}row>`);
  const sharedFormulas = new Map<string, string>();
  const ctx: ScanContext = { rowNumber: 0, rowCount: 0, sheet, merges, rowMerges: [], sharedFormulas, prefix };
  let pos = dataAt;
  while (pos < xmlBytes.length) {
    let end = xmlBytes.length;
    if (pos + SLICE < xmlBytes.length) {
      const at = xmlBytes.indexOf(rowEnd, pos + SLICE);
      if (at >= 0) end = at + rowEnd.length;
    }
    const done = yield* scanSlice(xmlBytes.toString('utf8', pos, end), ctx, parts);
    if (done) return;
    pos = end;
  }
}

interface ScanContext {
  rowNumber: number;
  /** Rows seen in this sheet (empty ones too). */
  rowCount: number;
  sheet: string;
  merges: Merge[];
  /** The merges that cross the current row (usually none, so most cells cost nothing here). */
  rowMerges: Merge[];
  sharedFormulas: Map<string, string>;
  prefix: string;
}

/** Scans whole rows of sheetData in `s`; returns true at the end of sheetData. */
function* scanSlice(s: string, ctx: ScanContext, parts: WorkbookParts): Generator<RawRow, boolean> {
  const p = ctx.prefix;
  const n = p.length;
  let i = 0;
  let cells: RawCell[] | null = null;
  let col = 0;
  let cell: CellState | null = null;
  for (;;) {
    const lt = s.indexOf('<', i);
    if (lt < 0) return false;
    const gt = s.indexOf('>', lt);
    if (gt < 0) throw new UnsupportedXlsx('工作表 XML 不完整');
    const closing = s.charCodeAt(lt + 1) === 47; // '/'
    const nameStart = lt + (closing ? 2 : 1) + n;
    let nameEnd = nameStart;
    while (nameEnd < gt) {
      const c = s.charCodeAt(nameEnd);
      if (c === 32 || c === 47 || c === 9 || c === 10 || c === 13) break;
      nameEnd++;
    }
    const name = s.slice(nameStart, nameEnd);
    const selfClosing = s.charCodeAt(gt - 1) === 47;
    i = gt + 1;
    if (closing) {
      if (name === 'c' && cell && cells) {
        const raw = finishCell(cell, ctx, parts);
        if (raw) cells.push(raw);
        cell = null;
      } else if (name === 'row' && cells) {
        if (cells.length) yield { sheet: ctx.sheet, row: ctx.rowNumber, cells };
        cells = null;
      } else if (name === 'sheetData') return true;
      continue;
    }
    switch (name) {
      case 'row': {
        const r = attr(s.slice(nameEnd, gt), 'r');
        ctx.rowNumber = r ? Number(r) : ctx.rowNumber + 1;
        // Bounded: Excel's own maximum of rows, counted and by number (46 M empty rows are refused at once).
        if (++ctx.rowCount > IMPORT_LIMITS.rows || ctx.rowNumber > IMPORT_LIMITS.rows) {
          throw limitError(`工作表“${ctx.sheet}”的行数超过上限 ${IMPORT_LIMITS.rows} 行（每个工作表的行数）`);
        }
        ctx.rowMerges = ctx.merges.length
          ? ctx.merges.filter((m) => m.r1 <= ctx.rowNumber && ctx.rowNumber <= m.r2)
          : ctx.merges;
        col = 0;
        cells = selfClosing ? null : [];
        break;
      }
      case 'c': {
        const tag = s.slice(nameEnd, gt);
        const ref = attr(tag, 'r');
        col = ref ? columnOf(ref) : col + 1;
        if (col > IMPORT_LIMITS.cols) {
          throw limitError(
            `工作表“${ctx.sheet}”第 ${ctx.rowNumber} 行的列数超过上限 ${IMPORT_LIMITS.cols} 列（每行的列数）`,
          );
        }
        if (selfClosing) break; // a styled but empty cell
        const st = attr(tag, 's');
        cell = {
          col,
          style: st ? Number(st) : 0,
          type: attr(tag, 't') ?? 'n',
          formula: null,
          sharedRef: null,
          value: null,
          inline: null,
        };
        break;
      }
      case 'v': {
        if (!cell || selfClosing) break;
        const close = contentEnd(s, i);
        if (close < 0 || s.charCodeAt(close + 1) !== 47) throw new UnsupportedXlsx('单元格值中有无法识别的内容');
        cell.value = elementText(s.slice(i, close));
        i = close;
        break;
      }
      case 'f': {
        if (!cell) break;
        const a = attributes(s.slice(nameEnd, selfClosing ? gt - 1 : gt));
        let text = '';
        if (!selfClosing) {
          const close = contentEnd(s, i);
          if (close < 0) throw new UnsupportedXlsx('工作表 XML 不完整');
          text = elementText(s.slice(i, close));
          i = close;
        }
        const si = a.get('t') === 'shared' ? a.get('si') : undefined;
        const ref = `${columnName(cell.col)}${ctx.rowNumber}`;
        if (si !== undefined && text) ctx.sharedFormulas.set(si, ref);
        if (si !== undefined && !text) cell.sharedRef = ctx.sharedFormulas.get(si) ?? ref;
        else cell.formula = text;
        break;
      }
      case 'is': {
        if (!cell || selfClosing) break;
        const close = s.indexOf(`</${p}is>`, i);
        if (close < 0) throw new UnsupportedXlsx('工作表 XML 不完整');
        cell.inline = itemText(s.slice(i, close));
        i = close;
        break;
      }
      default:
        break;
    }
  }
}

/** One attribute of a start tag's text (after its name): the common form fast, any other by a pattern. */
function attr(tag: string, name: string): string | null {
  let k = tag.indexOf(` ${name}="`);
  if (k < 0) {
    if (!tag.includes(name)) return null;
    // tabs or line breaks before the name, spaces around "=", single quotes
    let re = ATTR_PATTERNS.get(name);
    if (!re) ATTR_PATTERNS.set(name, (re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
    const m = re.exec(tag);
    return m ? decodeText(m[1] ?? m[2]!) : null;
  }
  k += name.length + 3;
  return decodeText(tag.slice(k, tag.indexOf('"', k)));
}
const ATTR_PATTERNS = new Map<string, RegExp>();

function columnName(col: number): string {
  let out = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) out = String.fromCharCode(65 + ((c - 1) % 26)) + out;
  return out;
}

/** Serial day number → Date, as exceljs converts date-formatted numbers. */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round(((date1904 ? serial + 1462 : serial) - 25569) * 86_400_000));
}

function finishCell(c: CellState, ctx: ScanContext, parts: WorkbookParts): RawCell | null {
  for (const m of ctx.rowMerges) {
    if (c.col >= m.c1 && c.col <= m.c2 && (c.col !== m.c1 || ctx.rowNumber !== m.r1)) return null;
  }
  const numFmt = parts.numFmts[c.style] || undefined;
  let value: ExcelJS.CellValue = null;
  const text = c.value;
  switch (c.type) {
    case 's': {
      if (text === null) break;
      const s = parts.sharedStrings[Number(text)];
      if (s === undefined) throw new UnsupportedXlsx(`共享字符串编号 ${text} 超出范围`);
      value = s;
      break;
    }
    case 'inlineStr':
      value = c.inline ?? text;
      break;
    case 'str':
      value = text;
      break;
    case 'b':
      value = text === null ? null : text.trim() !== '0' && text.trim() !== 'false';
      break;
    case 'e':
      value = text === null ? null : ({ error: text } as ExcelJS.CellErrorValue);
      break;
    case 'd':
      value = text === null ? null : new Date(text);
      break;
    case 'n': {
      if (text === null || text.trim() === '') break;
      const n = Number(text);
      if (Number.isNaN(n)) throw new UnsupportedXlsx(`单元格 ${columnName(c.col)}${ctx.rowNumber} 的数值无法识别`);
      value = numFmt && isDateFormat(numFmt) ? excelDate(n, parts.date1904) : n;
      break;
    }
    default:
      throw new UnsupportedXlsx(`未知的单元格类型 ${c.type}`);
  }
  if (c.formula !== null || c.sharedRef !== null) {
    const result = value === null ? undefined : value;
    value = (
      c.sharedRef !== null ? { sharedFormula: c.sharedRef, result } : { formula: c.formula ?? '', result }
    ) as ExcelJS.CellValue;
  }
  // An empty string is no value (exceljs's readers leave such cells out too).
  if (value === null || value === '') return null;
  checkCellText(value, ctx.sheet, `${columnName(c.col)}${ctx.rowNumber}`);
  return { col: c.col, value, numFmt };
}

/** Characters of a cell's text: a string, rich text runs, or a formula's text and result. */
function textLength(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (!v || typeof v !== 'object' || v instanceof Date) return 0;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText))
    return o.richText.reduce(
      (n: number, r: { text?: unknown }) => n + (typeof r?.text === 'string' ? r.text.length : 0),
      0,
    );
  return Math.max(textLength(o.formula), textLength(o.sharedFormula), textLength(o.text), textLength(o.result));
}

/** A cell's text within Excel's own maximum per cell; else a refusal naming the cell and the limit. */
export function checkCellText(value: unknown, sheet: string, cell: string): void {
  const n = textLength(value);
  if (n > IMPORT_LIMITS.cellChars) {
    throw limitError(`${sheet}!${cell} 中的文字有 ${n} 个字符，超过每个单元格的上限 ${IMPORT_LIMITS.cellChars} 个字符`);
  }
}

/**
 * How many rows the visible sheets span, from each sheet's `<dimension>` (Excel, WPS, LibreOffice
 * and exceljs write it near the top): a progress total before the rows are read, found by
 * inflating only the start of each sheet. 0 when a sheet has none or anything is unusual.
 */
export async function estimateRows(bytes: Buffer | CheckedZip): Promise<number> {
  try {
    const zip = Buffer.isBuffer(bytes) ? await openCheckedZip(bytes) : bytes;
    let total = 0;
    for (const sheet of (await workbookSheets(zip)).sheets) {
      if (sheet.hidden) continue;
      const head = await zip.readStart(sheet.path, 4096);
      if (!head) return 0;
      const m = /<(?:\w+:)?dimension\b[^>]*\bref\s*=\s*["'][A-Za-z]*(\d+)(?::[A-Za-z]*(\d+))?["']/.exec(
        head.toString('utf8'),
      );
      if (!m) return 0;
      total += Number(m[2] ?? m[1]);
    }
    return total;
  } catch {
    return 0;
  }
}

/**
 * Every visible sheet's rows, in workbook order. The zip is checked against IMPORT_LIMITS first
 * (ApiError('INPUT') naming the limit, never a fallback). Throws UnsupportedXlsx before the first
 * row when the workbook's parts are not what this reader knows; a sheet that turns out unreadable
 * later throws too (the import then reads the whole file again with exceljs).
 */
export async function* scanWorkbookRows(bytes: Buffer | CheckedZip): AsyncGenerator<RawRow> {
  const zip = Buffer.isBuffer(bytes) ? await openCheckedZip(bytes) : bytes;
  let parts: WorkbookParts;
  try {
    parts = await readParts(zip);
  } catch (e) {
    // A refusal (a limit, a corrupted part) is final: never handed to exceljs.
    throw e instanceof UnsupportedXlsx || e instanceof ApiError
      ? e
      : new UnsupportedXlsx(e instanceof Error ? e.message : String(e));
  }
  for (const sheet of parts.sheets) {
    if (sheet.hidden) continue;
    const xml = await zip.read(sheet.path);
    if (!xml) throw new UnsupportedXlsx(`缺少工作表部件 ${sheet.path}`);
    yield* sheetRows(xml, sheet.name, parts);
  }
}
