/**
 * excel.md: an indicator column is matched by its code, its exact name, or "code name" together,
 * after trimming, folding full-width characters and ignoring a trailing unit in brackets. A header
 * "Q1 药占比（%）" is code and name together: it matches without a "name differs" warning.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LeafIndex } from '../../electron/excel/headers';
import { importValuesBytes } from '../../electron/services/workbooks/value-import';
import { leaves } from '../../shared/scheme/validate';
import { ex1Scheme, ex1Services } from './excel-fixtures';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('indicator headers (excel.md)', () => {
  const index = new LeafIndex(leaves(ex1Scheme));
  const code = (h: string) => {
    const m = index.match(h);
    return m && m !== 'ambiguous' ? { code: m.leaf.code, differs: m.nameDiffers === true } : m;
  };

  it('matches every spelling of code, name and "code name", with or without a unit', () => {
    for (const [h, c] of [
      ['Q1', 'Q1'],
      ['Ｑ１', 'Q1'],
      ['药占比', 'Q1'],
      ['药占比（%）', 'Q1'],
      ['药占比(%)', 'Q1'],
      [' 药占比 ', 'Q1'],
      ['Q1 药占比', 'Q1'],
      ['Q1　药占比', 'Q1'],
      ['Q1 药占比（%）', 'Q1'],
      ['Ｑ１　药占比（％）', 'Q1'],
      ['S1 群众满意度 (分)', 'S1'],
      ['P1高血压患者规范管理率(%)', 'P1'],
    ] as const) {
      expect(code(h), h).toEqual({ code: c, differs: false });
    }
  });

  it('still says when the code matches but the name is another', () => {
    expect(code('Q1 门诊药费占比（%）')).toEqual({ code: 'Q1', differs: true });
    expect(code('门诊人次合计')).toBeNull();
  });

  it('an import with "code name（unit）" headers gives no header warning', async () => {
    const { services, dir } = await ex1Services();
    dirs.push(dir);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据采集');
    ws.addRow(['对象编码', 'P1 高血压患者规范管理率（%）', 'Q1　药占比（％）', 'S1 群众满意度']);
    ws.addRow(['EX-01', 80, 40, '满意']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const out = await importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'h.xlsx', bytes });
    expect(out.errors).toEqual([]);
    expect(out.warnings).toEqual([]);
    expect(out.written).toBe(3);
    await services.close();
  });
});
