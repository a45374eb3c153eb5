/**
 * The lean sheet-XML reader (electron/excel/sheet-xml.ts) against exceljs's whole-workbook
 * reader: the same rows from the same files, whoever wrote them, plus the XML forms exceljs never
 * writes (namespace prefixes, cells without references, inline rich text, 1904 dates…), the
 * fallback to exceljs for what it does not know, and long shared-string tables.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readCell } from '../../electron/excel/cells';
import { loadWorkbook, memoryRows, readRows, type RawRow } from '../../electron/excel/reader';
import { UnsupportedXlsx, scanWorkbookRows } from '../../electron/excel/sheet-xml';
import { parseValueWorkbook } from '../../electron/excel/values-import';
import { EX1_TARGETS, ex1Scheme, ex1ValuesXlsx } from './excel-fixtures';

/**
 * What the cell rules see of each row (readCell of every non-blank cell): the readers may differ
 * in how they hand over a value (rich text as runs or joined, an empty string kept or left out),
 * not in what it reads as.
 */
function plain(rows: RawRow[]): unknown[] {
  return rows
    .map((r) => ({
      at: `${r.sheet}!${r.row}`,
      cells: r.cells
        .map((c) => ({ col: c.col, reading: readCell(c.value, c.numFmt) }))
        .filter((c) => c.reading.kind !== 'blank')
        .map((c) => ({ col: c.col, ...c.reading, written: c.reading.kind === 'blank' ? '' : c.reading.written })),
    }))
    .filter((r) => r.cells.length > 0);
}

async function wholeRows(bytes: Buffer): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of memoryRows(await loadWorkbook(bytes))) out.push(r);
  return out;
}

/** A workbook with every kind of cell the value rules meet. */
async function everyKind(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据采集');
  ws.getCell('A1').value = '2024年度数据采集表';
  ws.mergeCells('A1:F1');
  ws.getRow(3).values = ['对象编码', '对象名称', 'P1 规范管理率', 'Q1 药占比', 'S1 满意度', '备注'];
  ws.getRow(4).values = ['', '', '%', '%', '', ''];
  ws.getRow(5).values = ['EX-01', '东街 & <中心>', 80.2, 0.412, '满意', 'a "quoted" note'];
  ws.getCell('C5').numFmt = '0.0';
  ws.getCell('D5').numFmt = '0.0%';
  ws.getRow(6).values = [
    'EX-02',
    { richText: [{ text: '西街' }, { text: '社区', font: { bold: true } }] } as ExcelJS.CellValue,
    '８０．５',
    '不适用',
    '基本满意',
  ];
  ws.getCell('A7').value = 'EX-03';
  ws.getCell('C7').value = { formula: 'C5+1', result: 81.2 };
  ws.getCell('D7').value = { formula: 'D5/0', result: { error: '#DIV/0!' } } as ExcelJS.CellValue;
  ws.getCell('E7').value = { formula: '"满"&"意"', result: '满意' };
  ws.getCell('F7').value = { formula: 'NOW()' } as ExcelJS.CellValue;
  ws.getCell('A8').value = 'EX-04';
  ws.getCell('C8').value = { error: '#N/A' } as ExcelJS.CellValue;
  ws.getCell('D8').value = true;
  ws.getCell('E8').value = new Date(Date.UTC(2024, 2, 15));
  ws.getCell('E8').numFmt = 'yyyy-mm-dd';
  ws.getCell('F8').value = '  ';
  ws.getCell('A9').value = 'EX-05';
  ws.mergeCells('B9:C9');
  ws.getCell('B9').value = '合并的名称';
  ws.getCell('D9').value = 12345.678;
  ws.getCell('D9').numFmt = '#,##0.00';
  ws.getCell('E9').value = { text: '链接', hyperlink: 'https://example.org' } as ExcelJS.CellValue;
  const hidden = wb.addWorksheet('隐藏', { state: 'hidden' });
  hidden.getCell('A1').value = '不应读出';
  const second = wb.addWorksheet('第二页');
  second.getCell('B2').value = 42;
  second.getCell('C2').value = '第二页的字';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function lean(bytes: Buffer): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const r of scanWorkbookRows(bytes)) rows.push(r);
  return rows;
}

/** An xlsx whose parts are given as text (replacing or adding to a minimal exceljs-written one). */
async function withParts(parts: Record<string, string>, drop: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1').getCell('A1').value = 'x';
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  for (const d of drop) zip.remove(d);
  for (const [name, text] of Object.entries(parts)) zip.file(name, text);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The file with one part changed, its parts kept in their order (exceljs's streaming reader needs it). */
async function edited(bytes: Buffer, part: string, edit: (xml: string) => string): Promise<Buffer> {
  const from = await JSZip.loadAsync(bytes);
  const to = new JSZip();
  for (const name of Object.keys(from.files)) {
    const f = from.files[name]!;
    if (f.dir) continue;
    to.file(name, name === part ? edit(await f.async('string')) : await f.async('nodebuffer'));
  }
  return to.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const WORKBOOK = (sheets: string, pr = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${pr}<sheets>${sheets}</sheets></workbook>`;
const RELS = (rels: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;
const WS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const SS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings';
const ST_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles';

describe('lean sheet-XML reader', () => {
  it('reads an exceljs-written workbook with every kind of cell as the whole-workbook reader does', async () => {
    const bytes = await everyKind();
    const got = await lean(bytes);
    const want = await wholeRows(bytes);
    expect(plain(got)).toEqual(plain(want));
    // what the rules rely on, spelt out
    const byRef = new Map(got.flatMap((r) => r.cells.map((c) => [`${r.sheet}!${r.row}:${c.col}`, c] as const)));
    expect(byRef.get('数据采集!5:2')?.value).toBe('东街 & <中心>');
    expect(byRef.get('数据采集!5:4')?.numFmt).toBe('0.0%');
    expect(byRef.get('数据采集!7:4')?.value).toEqual({ formula: 'D5/0', result: { error: '#DIV/0!' } });
    expect(byRef.get('数据采集!8:5')?.value).toEqual(new Date(Date.UTC(2024, 2, 15)));
    expect(byRef.has('数据采集!9:3')).toBe(false); // the merge's second cell
    expect(got.some((r) => r.sheet === '隐藏')).toBe(false);
    expect(got.find((r) => r.sheet === '第二页')?.cells).toEqual([
      { col: 2, value: 42, numFmt: undefined },
      { col: 3, value: '第二页的字', numFmt: undefined },
    ]);
  });

  it('reads ex1-values.xlsx as the whole-workbook reader does', async () => {
    expect(plain(await lean(ex1ValuesXlsx))).toEqual(plain(await wholeRows(ex1ValuesXlsx)));
  });

  for (const file of ['openpyxl-3.0.9.xlsx', 'xlsxwriter-3.0.2.xlsx']) {
    it(`reads a workbook written by ${file.replace(/-[\d.]+\.xlsx$/, '')} as the whole-workbook reader does`, async () => {
      // Made by test/fixtures/workbooks/make-python-workbooks.py: merges, %, formulas (openpyxl
      // stores no results; XlsxWriter stores the given ones, and 0 for the rest), a date, a boolean,
      // hidden and second sheets.
      const bytes = fs.readFileSync(new URL(`../fixtures/workbooks/${file}`, import.meta.url));
      const got = await lean(bytes);
      expect(plain(got)).toEqual(plain(await wholeRows(bytes)));
      const at = (row: number, col: number) =>
        got.find((r) => r.sheet === '数据采集' && r.row === row)?.cells.find((c) => c.col === col);
      expect(at(5, 2)?.value).toBe('东街 & <中心>');
      expect(at(5, 4)).toMatchObject({ value: 0.412, numFmt: '0.0%' });
      expect(at(7, 4)?.value).toEqual(
        file.startsWith('openpyxl')
          ? { formula: '1/0', result: undefined }
          : { formula: '1/0', result: { error: '#DIV/0!' } },
      );
      expect(at(9, 3)).toBeUndefined(); // B9:C9 merged
      expect(got.some((r) => r.sheet === '隐藏')).toBe(false);
      expect(got.find((r) => r.sheet === '第二页')?.cells.map((c) => c.value)).toEqual([42, '第二页的字']);
    });
  }

  it('reads XML forms exceljs does not write: prefixes, cells and rows without references, inline runs, shared formulas', async () => {
    const sheet = `<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r='2'><x:c r='A2' t='s'><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>东</x:t></x:r><x:r><x:t xml:space="preserve">街 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ドン</x:t></x:rPh></x:is></x:c>
<x:c
  r="D2"   s="1"><x:v>0.85</x:v></x:c></x:row>
<x:row><x:c><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c><x:f t="shared" ref="B3:C3" si="0">A3*2</x:f><x:v>4</x:v></x:c><x:c><x:f t="shared" si="0"/><x:v>8</x:v></x:c><x:c t="str"><x:f>"a"</x:f><x:v>a</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c><x:c t="e"><x:v>#REF!</x:v></x:c><x:c t="d"><x:v>2024-03-15T00:00:00Z</x:v></x:c></x:row>
<x:row r="5"><x:c r="A5" s="2"><x:v>45366</x:v></x:c><x:c r="B5" t="s"><x:v>1</x:v></x:c><x:c r="C5" s="1"/><x:c r="D5" t="s"><x:v>2</x:v></x:c></x:row>
</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A2:A3"/></x:mergeCells></x:worksheet>`;
    const bytes = await withParts(
      {
        'xl/workbook.xml': WORKBOOK(
          `<sheet name="采集 &amp; 汇总" sheetId="1" r:id="rId9"/>`,
          '<workbookPr date1904="1"/>',
        ),
        'xl/_rels/workbook.xml.rels': RELS(
          `<Relationship Id="rId9" Type="${WS_REL}" Target="/xl/worksheets/data.xml"/><Relationship Id="rId2" Type="${SS_REL}" Target="strings.xml"/><Relationship Id="rId3" Type="${ST_REL}" Target="styles.xml"/>`,
        ),
        'xl/worksheets/data.xml': sheet,
        'xl/strings.xml': `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>EX-01</t></si><si><r><t>第一行_x000D_</t></r><r><t>第二行</t></r></si><si/></sst>`,
        'xl/styles.xml': `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0&quot;%&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="31"/></cellXfs></styleSheet>`,
      },
      ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'],
    );
    const rows = await lean(bytes);
    expect(rows.map((r) => [r.sheet, r.row])).toEqual([
      ['采集 & 汇总', 2],
      ['采集 & 汇总', 3],
      ['采集 & 汇总', 5],
    ]);
    expect(rows[0]!.cells).toEqual([
      { col: 1, value: 'EX-01', numFmt: undefined },
      { col: 2, value: '东街 ', numFmt: undefined },
      { col: 4, value: 0.85, numFmt: '0.00%' },
    ]);
    // A3 is the merge's second cell: skipped; then B3 … H3 numbered on from it.
    expect(rows[1]!.cells).toEqual([
      { col: 2, value: { formula: 'A3*2', result: 4 }, numFmt: undefined },
      { col: 3, value: { sharedFormula: 'B3', result: 8 }, numFmt: undefined },
      { col: 4, value: { formula: '"a"', result: 'a' }, numFmt: undefined },
      { col: 5, value: false, numFmt: undefined },
      { col: 6, value: { error: '#REF!' }, numFmt: undefined },
      { col: 7, value: new Date('2024-03-15T00:00:00Z'), numFmt: undefined },
    ]);
    // Built-in format 31 (yyyy"年"m"月"d"日") is a date; the 1904 system shifts serials by 1462 days.
    expect(rows[2]!.cells).toEqual([
      { col: 1, value: new Date(Date.UTC(2028, 2, 16)), numFmt: 'yyyy"年"m"月"d"日"' },
      { col: 2, value: '第一行\r第二行', numFmt: undefined },
    ]);
  });

  it('gives up with UnsupportedXlsx on what it does not know, and the import reads such a file with exceljs', async () => {
    // An unknown cell type on row 7, after rows were handed out: the import starts again with
    // exceljs (the whole-workbook reader, as the file is small). (CDATA is read by both readers now.)
    const odd = await edited(await everyKind(), 'xl/worksheets/sheet1.xml', (xml) => {
      const late = xml.replace('<c r="C7"', '<c r="C7" t="zz"');
      expect(late).not.toBe(xml);
      return late;
    });
    await expect(lean(odd)).rejects.toThrow(UnsupportedXlsx);
    const viaLean = await parseValueWorkbook(odd, ex1Scheme, EX1_TARGETS, { reader: 'lean' });
    const viaExceljs = await parseValueWorkbook(odd, ex1Scheme, EX1_TARGETS, { reader: 'exceljs' });
    expect(viaLean).toEqual(viaExceljs);
    // Not a workbook this reader knows at all (no workbook.xml): readRows hands over before any row.
    const bare = await withParts({}, ['xl/workbook.xml']);
    await expect(lean(bare)).rejects.toThrow(UnsupportedXlsx);
  });

  it('keeps every character of a long shared-string table (exceljs garbles some at its chunk edges)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据采集');
    const names = Array.from({ length: 4000 }, (_, i) => `乡镇卫生院${i}号（东部片区）`);
    names.forEach((n, i) => (ws.getCell(i + 1, 1).value = n));
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const rows = await lean(bytes);
    expect(rows.map((r) => r.cells[0]!.value)).toEqual(names);
    const viaReadRows: unknown[] = [];
    for await (const r of readRows(bytes)) viaReadRows.push(r.cells[0]!.value);
    expect(viaReadRows).toEqual(names);
  });
});
