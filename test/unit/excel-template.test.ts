import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { templateBytes } from '../../electron/services/workbooks/collection-template';
import { fromPayload } from '../../electron/services/workbooks/payload';
import { importValuesBytes } from '../../electron/services/workbooks/value-import';
import type { Services } from '../../electron/services/index';
import { ex1Services } from './excel-fixtures';

let services: Services | null = null;
afterEach(async () => {
  await services?.close();
  services = null;
});

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('数据采集表 template', () => {
  it('has a title, instruction, "code name" header, units row, one row per active target, validations and frozen header', async () => {
    services = (await ex1Services()).services;
    await services.saveTarget({
      target: { code: 'EX-09', name: '已停用中心', kind: 'community_centre', group: null, to: 2023 },
    });
    await services.saveTarget({
      target: { code: 'TC-01', name: '城关镇卫生院', kind: 'township_centre', group: null, active: true },
    });
    const file = await templateBytes(services, { year: 2024, scheme: 'EX' });
    expect(file.fileName).toBe('2024年度示例：社区卫生服务中心年度考核数据采集表.xlsx');
    const ws = (await load(fromPayload(file))).getWorksheet('数据采集')!;
    expect(String(ws.getCell('A1').value)).toContain('示例县2024年度');
    expect(String(ws.getCell('A2').value)).toContain('不适用');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      '对象编码',
      '对象名称',
      'P1 高血压患者规范管理率',
      'P2 家庭医生重点人群签约率',
      'Q1 药占比',
      'Q2 住院服务',
      'Q3 门诊人次',
      'S1 群众满意度',
      '备注',
    ]);
    expect(ws.getCell('C4').value).toBe('%');
    expect(ws.getCell('G4').value).toBe('人次');
    expect([ws.getCell('A5').value, ws.getCell('A6').value, ws.getCell('A7').value, ws.getCell('A8').value]).toEqual([
      'EX-01',
      'EX-02',
      'EX-03',
      null,
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, xSplit: 2 });
    const grade = ws.getCell('H6').dataValidation;
    expect(grade.type).toBe('list');
    expect(grade.formulae[0]).toBe('"满意,基本满意,不满意,不适用"');
    const pct = ws.getCell('C7').dataValidation;
    expect(pct).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100] });
    const manual = ws.getCell('F5').dataValidation;
    expect(manual).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 20] });
    const count = ws.getCell('G5').dataValidation;
    expect(count).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(ws.getColumn(2).width).toBeGreaterThan(ws.getColumn(1).width!);
  });

  it('an unchanged template imports without errors (nothing filled, nothing written)', async () => {
    services = (await ex1Services()).services;
    const file = await templateBytes(services, { year: 2024, scheme: 'EX' });
    const out = await importValuesBytes(services, {
      year: 2024,
      scheme: 'EX',
      fileName: file.fileName,
      bytes: fromPayload(file),
    });
    expect(out.errors).toEqual([]);
    expect(out.written).toBe(0);
  });

  it('a template filled by hand imports back to exactly the values typed', async () => {
    services = (await ex1Services()).services;
    const file = await templateBytes(services, { year: 2024, scheme: 'EX' });
    const wb = await load(fromPayload(file));
    const ws = wb.getWorksheet('数据采集')!;
    const fill: Record<string, ExcelJS.CellValue> = {
      C5: 80.2,
      D5: '66.5%',
      E5: 41,
      F5: 17.5,
      G5: 38211,
      H5: '满意',
      C6: 90,
      D6: 72,
      E6: 33.8,
      F6: '不适用',
      G6: 20554,
      H6: '基本满意',
      I6: '无住院病床',
      C7: 61.7,
      E7: 58,
      F7: 9,
      G7: 12002,
      H7: '不满意',
    };
    for (const [addr, v] of Object.entries(fill)) ws.getCell(addr).value = v;
    // Percent typed into Excel: 85% becomes 0.85 shown as a percentage.
    ws.getCell('D7').value = 0.705;
    // (a fresh style object: cells of a loaded workbook share theirs)
    ws.getCell('D7').style = { ...ws.getCell('D7').style, numFmt: '0.0%' };
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const out = await importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'filled.xlsx', bytes });
    expect(out.errors).toEqual([]);
    const values = await services.getValues({ year: 2024, scheme: 'EX' });
    const v = (t: string, i: string) => values.find((c) => c.target === t && c.indicator === i)?.value;
    expect(v('EX-01', 'P1')).toEqual({ kind: 'number', number: '80.2' });
    expect(v('EX-01', 'P2')).toEqual({ kind: 'number', number: '66.5' });
    expect(v('EX-02', 'Q2')).toEqual({ kind: 'na' });
    expect(v('EX-02', 'S1')).toEqual({ kind: 'label', label: '基本满意' });
    expect(v('EX-03', 'P2')).toEqual({ kind: 'number', number: '70.5' });
    expect(v('EX-03', 'Q3')).toEqual({ kind: 'number', number: '12002' });
    const res = await services.score({ year: 2024, scheme: 'EX' });
    expect(res.results.find((r) => r.target === 'EX-01')!.total).toBe('86.37');

    // The template can be downloaded again pre-filled, and re-importing it changes nothing.
    const again = await templateBytes(services, { year: 2024, scheme: 'EX', prefill: true });
    const before = JSON.stringify(await services.getValues({ year: 2024, scheme: 'EX' }));
    const re = await importValuesBytes(services, {
      year: 2024,
      scheme: 'EX',
      fileName: 'again.xlsx',
      bytes: fromPayload(again),
    });
    expect(re.errors).toEqual([]);
    expect(re.written).toBe(0);
    expect(JSON.stringify(await services.getValues({ year: 2024, scheme: 'EX' }))).toBe(before);
  });
});
