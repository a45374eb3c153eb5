/**
 * Reads a workbook row by row, the same way whatever its size: by the lean sheet-XML reader
 * (sheet-xml.ts), or by exceljs when the lean one gives up — the whole workbook in memory for a
 * small file (merged cells known), exceljs's streaming reader for a large one (constant memory per
 * row). Every row-wise importer reads through here; tests run the same files through each reader.
 */
import ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { UnsupportedXlsx, checkCellText, scanWorkbookRows } from './sheet-xml';
import {
  IMPORT_LIMITS,
  limitError,
  notXlsxError,
  openCheckedZip,
  sheetNamesByPart,
  type CheckedZip,
  type ImportLimits,
} from './zip';

/**
 * exceljs parses with saxes and listens to its `text` events only, so a value written as CDATA
 * (`<v><![CDATA[50]]></v>`, legal XML) read as blank. Every saxes parser of this process (exceljs is
 * its only user) also hands CDATA to the text handler; the lean reader reads CDATA itself.
 */
function cdataAsText(): void {
  try {
    const proto = (createRequire(import.meta.url)('saxes') as { SaxesParser: { prototype: Record<string, unknown> } })
      .SaxesParser.prototype;
    if (proto.__cdataAsText) return;
    const on = proto.on as (this: unknown, name: string, handler: unknown) => void;
    proto.on = function (this: unknown, name: string, handler: unknown) {
      on.call(this, name, handler);
      if (name === 'text') on.call(this, 'cdata', handler);
    };
    proto.__cdataAsText = true;
  } catch {
    // saxes not where exceljs has it: CDATA then stays unread by the fallback only
  }
}
cdataAsText();

/** exceljs's whole-workbook model takes ≈ 30× the inflated XML: only below this is it built. */
const WHOLE_MODEL_MAX_INFLATED = 40 * 1024 * 1024;

export interface RawCell {
  col: number;
  value: ExcelJS.CellValue;
  numFmt: string | undefined;
}

export interface RawRow {
  sheet: string;
  row: number;
  cells: RawCell[];
}

export interface ReadOptions {
  /**
   * Which reader: 'lean' (the default, sheet-xml.ts) at every size, exceljs when it gives up;
   * 'exceljs' — the whole-workbook reader, or exceljs's streaming reader above STREAM_THRESHOLD;
   * 'exceljs-stream' — exceljs's streaming reader at any size. Tests compare them.
   */
  reader?: 'lean' | 'exceljs' | 'exceljs-stream';
  /** The zip's limits (default IMPORT_LIMITS; verifying our own exports uses VERIFY_LIMITS). */
  limits?: ImportLimits;
}

/** Above this size the whole-workbook model (≈ 30× the file size in memory) is not built. */
export const STREAM_THRESHOLD = 1_500_000;

export function isXlsx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  // Checked with yauzl against the limits before exceljs inflates anything.
  const zip = await openCheckedZip(bytes);
  // exceljs inflates with jszip, unbounded: every part is first proven to inflate to its stated size.
  await zip.verify();
  if (zip.totalUncompressed > WHOLE_MODEL_MAX_INFLATED) {
    throw limitError(
      `工作簿解压后有 ${Math.round(zip.totalUncompressed / 1024 / 1024)} MB，超过整本读取的上限 ${WHOLE_MODEL_MAX_INFLATED / 1024 / 1024} MB（方案工作簿等须整本读取的文件）`,
    );
  }
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typing wants its own Buffer flavour; a Node Buffer is what it reads.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new Error(`无法读取工作簿：${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return wb;
}

/**
 * Every reader starts here: the zip is checked with yauzl against IMPORT_LIMITS (file size, parts,
 * inflated sizes, compression ratio) before anything is inflated; a password-protected or .xls
 * file is named as such.
 */
export async function* readRows(bytes: Buffer, opts: ReadOptions = {}): AsyncGenerator<RawRow> {
  if (!isXlsx(bytes)) throw notXlsxError(bytes);
  const zip = await openCheckedZip(bytes, opts.limits);
  const reader = opts.reader ?? 'lean';
  if (reader === 'exceljs-stream') yield* exceljsStreamRows(bytes, zip);
  else if (reader === 'exceljs') yield* exceljsRows(bytes, zip);
  else yield* leanRows(bytes, zip);
}

/** exceljs: the whole workbook (merged cells known) for small files, its streaming reader for large ones. */
async function* exceljsRows(bytes: Buffer, zip: CheckedZip): AsyncGenerator<RawRow> {
  await zip.verify();
  if (bytes.length > STREAM_THRESHOLD || zip.totalUncompressed > WHOLE_MODEL_MAX_INFLATED)
    yield* exceljsStreamRows(bytes, zip);
  else yield* memoryRows(await loadWorkbook(bytes));
}

/**
 * The lean reader, or exceljs when the lean one finds something it does not handle before its
 * first row. A file it gives up on later (after rows were handed out) throws UnsupportedXlsx:
 * parseValueWorkbook then reads the whole file again with exceljs.
 */
async function* leanRows(bytes: Buffer, zip: CheckedZip): AsyncGenerator<RawRow> {
  let started = false;
  try {
    for await (const row of scanWorkbookRows(zip)) {
      started = true;
      yield row;
    }
  } catch (e) {
    if (!(e instanceof UnsupportedXlsx) || started) throw e;
    yield* exceljsRows(bytes, zip);
  }
}

/** The limits of IMPORT_LIMITS for rows read by exceljs (the lean reader checks its own). */
function checkRow(sheet: string, r: number, cells: RawCell[]): void {
  if (r > IMPORT_LIMITS.rows)
    throw limitError(`工作表“${sheet}”的行数超过上限 ${IMPORT_LIMITS.rows} 行（每个工作表的行数）`);
  for (const c of cells) {
    if (c.col > IMPORT_LIMITS.cols)
      throw limitError(`工作表“${sheet}”第 ${r} 行的列数超过上限 ${IMPORT_LIMITS.cols} 列（每行的列数）`);
    checkCellText(c.value, sheet, `${columnLetters(c.col)}${r}`);
  }
}

function columnLetters(col: number): string {
  let out = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) out = String.fromCharCode(65 + ((c - 1) % 26)) + out;
  return out;
}

export async function* memoryRows(wb: ExcelJS.Workbook): AsyncGenerator<RawRow> {
  for (const ws of wb.worksheets) {
    if (ws.state === 'hidden' || ws.state === 'veryHidden') continue;
    const rows: RawRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: RawCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        // The non-master cells of a merge repeat the master's value: they are not data.
        if (cell.type === ExcelJS.ValueType.Merge) return;
        cells.push({ col, value: cellValue(cell), numFmt: cell.numFmt });
      });
      checkRow(ws.name, r, cells);
      if (cells.length) rows.push({ sheet: ws.name, row: r, cells });
    });
    yield* rows;
  }
}

/**
 * What a loaded cell holds; for a formula, the formula and its cached result. exceljs's
 * `cell.value` leaves out a result that is falsy, so a formula that Excel computed to 0 (or FALSE)
 * would read as "no cached result"; the cell's model keeps the result.
 */
export function cellValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
  if (cell.type !== ExcelJS.ValueType.Formula) return cell.value;
  const value = cell.value as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
  const result = (cell.model as { result?: unknown }).result;
  return result === undefined || result === null ? value : ({ ...value, result } as ExcelJS.CellValue);
}

async function* exceljsStreamRows(bytes: Buffer, zip: CheckedZip): AsyncGenerator<RawRow> {
  // exceljs inflates with its own unzipper: every part is first proven to inflate to its stated size.
  await zip.verify();
  let names = new Map<string, string>();
  try {
    names = await sheetNamesByPart(zip);
  } catch {
    // the streaming reader reports a broken file itself
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const ws of reader as unknown as AsyncIterable<StreamSheet>) {
    const sheet = sheetName(ws, names);
    if (ws.state === 'hidden' || ws.state === 'veryHidden') continue;
    let count = 0;
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      const cells: RawCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells.push({ col, value: cell.value, numFmt: cell.numFmt });
      });
      if (++count > IMPORT_LIMITS.rows)
        throw limitError(`工作表“${sheet}”的行数超过上限 ${IMPORT_LIMITS.rows} 行（每个工作表的行数）`);
      checkRow(sheet, row.number, cells);
      if (cells.length) yield { sheet, row: row.number, cells };
    }
  }
}

interface StreamSheet {
  id: number | string;
  name: string;
  state?: string;
}

function sheetName(ws: StreamSheet, names: Map<string, string>): string {
  // When exceljs could not match the sheet to workbook.xml it keeps the part number as id and
  // names it "Sheet{id}"; the real name is then in our own map.
  const byPart = names.get(`xl/worksheets/sheet${ws.id}.xml`);
  if (byPart && ws.name === `Sheet${ws.id}`) return byPart;
  return ws.name;
}
