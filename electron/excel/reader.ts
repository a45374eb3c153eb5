/**
 * Reads a workbook row by row, the same way whatever its size: by the lean sheet-XML reader
 * (sheet-xml.ts), or by exceljs when the lean one gives up — the whole workbook in memory for a
 * small file (merged cells known), exceljs's streaming reader for a large one (constant memory per
 * row). Every row-wise importer reads through here; tests run the same files through each reader.
 */
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { UnsupportedXlsx, scanWorkbookRows } from './sheet-xml';
import { sheetNamesByPart } from './zip';

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
}

/** Above this size the whole-workbook model (≈ 30× the file size in memory) is not built. */
export const STREAM_THRESHOLD = 1_500_000;

export function isXlsx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  assertXlsx(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typing wants its own Buffer flavour; a Node Buffer is what it reads.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new Error(`无法读取工作簿：${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return wb;
}

function assertXlsx(bytes: Buffer): void {
  if (!isXlsx(bytes)) throw new Error('文件不是 xlsx 格式的工作簿（请在 Excel/WPS 中另存为 .xlsx）');
}

export async function* readRows(bytes: Buffer, opts: ReadOptions = {}): AsyncGenerator<RawRow> {
  assertXlsx(bytes);
  const reader = opts.reader ?? 'lean';
  if (reader === 'exceljs-stream') yield* exceljsStreamRows(bytes);
  else if (reader === 'exceljs') yield* exceljsRows(bytes);
  else yield* leanRows(bytes);
}

/** exceljs: the whole workbook (merged cells known) for small files, its streaming reader for large ones. */
async function* exceljsRows(bytes: Buffer): AsyncGenerator<RawRow> {
  if (bytes.length > STREAM_THRESHOLD) yield* exceljsStreamRows(bytes);
  else yield* memoryRows(await loadWorkbook(bytes));
}

/**
 * The lean reader, or exceljs when the lean one finds something it does not handle before its
 * first row. A file it gives up on later (after rows were handed out) throws UnsupportedXlsx:
 * parseValueWorkbook then reads the whole file again with exceljs.
 */
async function* leanRows(bytes: Buffer): AsyncGenerator<RawRow> {
  let started = false;
  try {
    for (const row of scanWorkbookRows(bytes)) {
      started = true;
      yield row;
    }
  } catch (e) {
    if (!(e instanceof UnsupportedXlsx) || started) throw e;
    yield* exceljsRows(bytes);
  }
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

async function* exceljsStreamRows(bytes: Buffer): AsyncGenerator<RawRow> {
  let names = new Map<string, string>();
  try {
    names = sheetNamesByPart(bytes);
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
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      const cells: RawCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells.push({ col, value: cell.value, numFmt: cell.numFmt });
      });
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
