/**
 * A styled sheet of the finance workbook on exceljs's streaming writer: merged title (row 1), info
 * line (row 2), header row (row 3), then data rows with a thin border on every cell and each
 * column's number format, and free lines (signatures) under the table. The sheet's layout comes
 * from a SheetSpec (finance-layout.ts).
 */
import ExcelJS from 'exceljs';
import { dataRowHeight, headerHeight, printedSheet, type SheetSpec } from './finance-layout';

/** Thin borders all round and the header fill: the finance sheets' and 考核结果运用's look. */
export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
export const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

const ROW_STYLE = Object.freeze({}) as Partial<ExcelJS.Style>;
/** Rows of a streamed sheet written between two progress reports. */
export const ROWS_PER_PAUSE = 2000;

export class SheetWriter {
  readonly ws: ExcelJS.Worksheet;
  private rowNo = 0;

  constructor(
    private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter,
    readonly spec: SheetSpec,
    footer: string,
  ) {
    const n = spec.columns.length;
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
    head.height = headerHeight(spec.columns);
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
    const height = dataRowHeight(this.spec.columns, values);
    if (height) row.height = height;
    for (let i = 0; i < this.plain.length; i++) {
      const numeric = typeof values[i] === 'number';
      row.getCell(i + 1).style = bold ? this.style(i, numeric, true) : this.plain[i]![numeric ? 1 : 0];
    }
    row.commit();
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
