/**
 * scheme-json.md: the xlsx form converts to and from the JSON form without loss, and an unknown field
 * is rejected with its place, never ignored. A row of 方案属性 naming no scheme field, with a value,
 * is such a field: it is refused naming the cell, not dropped.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PROPS_SHEET, buildSchemeWorkbook, readSchemeWorkbook } from '../../electron/excel/scheme-xlsx';
import type { Scheme } from '../../shared/domain/types';
import { ex1Scheme } from './excel-fixtures';

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(Buffer.from(await wb.xlsx.writeBuffer()) as never);
  return back;
}

describe('scheme workbook: unknown 方案属性 rows', () => {
  it('the plain export reads back to the same scheme', async () => {
    expect(readSchemeWorkbook(await roundTrip(buildSchemeWorkbook(ex1Scheme as Scheme)))).toEqual(ex1Scheme);
  });

  it('an unknown property with a value is refused, naming the cell', async () => {
    const wb = buildSchemeWorkbook(ex1Scheme as Scheme);
    const ps = wb.getWorksheet(PROPS_SHEET)!;
    ps.addRow(['考核周期', '半年', 'period', '']);
    const row = ps.rowCount;
    const back = await roundTrip(wb);
    expect(() => readSchemeWorkbook(back)).toThrow(`${PROPS_SHEET}!B${row}`);
    expect(() => readSchemeWorkbook(back)).toThrow('未知的方案属性「period」');
  });

  it('a blank row or a note without a value is skipped', async () => {
    const wb = buildSchemeWorkbook(ex1Scheme as Scheme);
    const ps = wb.getWorksheet(PROPS_SHEET)!;
    ps.addRow([]);
    ps.addRow(['说明：以上为方案属性']);
    expect(readSchemeWorkbook(await roundTrip(wb))).toEqual(ex1Scheme);
  });
});
