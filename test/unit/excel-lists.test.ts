import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { importSalaryBytes, importTargetsBytes } from '../../electron/services/workbooks/list-import';
import type { Services } from '../../electron/services/index';
import { ApiError } from '../../electron/services/errors';
import { readFactorsWorkbook } from '../../electron/services/factors';
import { ex1Services, importRows } from './excel-fixtures';

let services: Services | null = null;
afterEach(async () => {
  await services?.close();
  services = null;
});

async function book(rows: ExcelJS.CellValue[][], sheet = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function rejectedBy(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe('考核对象 workbook', () => {
  it('adds and updates targets; kinds in Chinese or English; group by code or name, new groups first', async () => {
    services = (await ex1Services()).services;
    const bytes = await book([
      ['2024 年考核对象名单'],
      ['对象编码', '对象名称', '类型', '所属医疗集团', '联系人'],
      ['TC-01', '城关镇卫生院', '乡镇卫生院', '县第一医疗集团', '张三'],
      ['MG-01', '县第一医疗集团', 'medical_group', null],
      ['TC-02', '河西乡卫生院', 'township_centre', 'MG-01'],
      ['EX-01', '东街社区卫生服务中心（更名）', '社区卫生服务中心', null],
    ]);
    const out = await importTargetsBytes(services, { fileName: 'targets.xlsx', bytes });
    expect(out.errors).toEqual([]);
    expect(out.written).toBe(4);
    expect(out.warnings.map((w) => w.value)).toContain('联系人');
    const all = await services.listTargets({ includeInactive: true });
    const get = (c: string) => all.find((t) => t.code === c);
    expect(get('TC-01')).toMatchObject({
      name: '城关镇卫生院',
      kind: 'township_centre',
      group: 'MG-01',
      from: null,
      to: null,
    });
    expect(get('TC-02')).toMatchObject({ kind: 'township_centre', group: 'MG-01' });
    expect(get('MG-01')).toMatchObject({ kind: 'medical_group' });
    expect(get('EX-01')!.name).toBe('东街社区卫生服务中心（更名）');
    expect(JSON.parse(importRows(services)[0].outcome).status).toBe('imported');
  });

  it('rejects an unknown kind or group, naming the cell; nothing is saved', async () => {
    services = (await ex1Services()).services;
    const before = JSON.stringify(await services.listTargets({ includeInactive: true }));
    const bytes = await book([
      ['对象编码', '对象名称', '类型', '所属医疗集团'],
      ['TC-01', '城关镇卫生院', '乡镇卫生院', null],
      ['TC-02', '河西乡卫生院', '卫生所所', null],
      ['TC-03', '河东乡卫生院', '乡镇卫生院', '不存在的集团'],
    ]);
    const e = await rejectedBy(importTargetsBytes(services, { fileName: 't.xlsx', bytes }));
    expect(e.code).toBe('INPUT');
    expect(e.errors!.map((x) => x.cell)).toEqual(['Sheet1!C3', 'Sheet1!D4']);
    expect(JSON.stringify(await services.listTargets({ includeInactive: true }))).toBe(before);
    expect(JSON.parse(importRows(services)[0].outcome).status).toBe('rejected');
  });
});

describe('年薪 workbook', () => {
  it('imports salary inputs (months default 12, optional cap) and they compute', async () => {
    services = (await ex1Services()).services;
    const bytes = await book([
      ['姓名', '职务', '单位编码', '考核方案编码', '基本年薪', '绩效年薪基数', '任职月数', '年薪上限'],
      ['甲', '主任', 'EX-01', 'EX', 70000, '50,000', null, null],
      ['乙', '主任', 'EX-02', 'EX', '７００００', 50000, 5, '120000.00'],
    ]);
    const out = await importSalaryBytes(services, { year: 2024, fileName: 's.xlsx', bytes });
    expect(out.errors).toEqual([]);
    expect(out.written).toBe(2);
    const inputs = await services.listSalaryInputs({ year: 2024 });
    expect(inputs.find((i) => i.person === '甲')).toMatchObject({
      role: '主任',
      target: 'EX-01',
      scheme: 'EX',
      months: 12,
      cap: null,
    });
    expect(Number(inputs.find((i) => i.person === '甲')!.performanceBase)).toBe(50000);
    expect(inputs.find((i) => i.person === '乙')).toMatchObject({ months: 5 });
    expect(Number(inputs.find((i) => i.person === '乙')!.base)).toBe(70000);
    expect(Number(inputs.find((i) => i.person === '乙')!.cap)).toBe(120000);
  });

  it('rejects unknown units and schemes, bad months and negative amounts', async () => {
    services = (await ex1Services()).services;
    const bytes = await book([
      ['姓名', '职务', '单位编码', '考核方案编码', '基本年薪', '绩效年薪基数', '任职月数'],
      ['甲', '主任', 'EX-99', 'EX', 70000, 50000, 12],
      ['乙', '主任', 'EX-02', 'NOPE', 70000, 50000, 12],
      ['丙', '主任', 'EX-03', 'EX', -1, 50000, 13],
    ]);
    const e = await rejectedBy(importSalaryBytes(services, { year: 2024, fileName: 's.xlsx', bytes }));
    expect(e.errors!.map((x) => x.cell)).toEqual(['Sheet1!C2', 'Sheet1!D3', 'Sheet1!E4', 'Sheet1!G4']);
    expect(await services.listSalaryInputs({ year: 2024 })).toEqual([]);
  });
});

describe('allocation factors workbook', () => {
  it('reads the named column by target code', async () => {
    const bytes = await book([
      ['对象编码', '对象名称', '服务人口'],
      ['EX-01', '东街', 12000],
      ['EX-02', '西街', '8,500'],
    ]);
    expect(await readFactorsWorkbook(bytes, '服务人口')).toEqual({
      'EX-01': '12000',
      'EX-02': '8500',
    });
    const bad = await book([
      ['对象编码', '服务人口'],
      ['EX-01', '很多'],
    ]);
    const e = await rejectedBy(readFactorsWorkbook(bad, '服务人口'));
    expect(e.code).toBe('INPUT');
    expect(e.problems![0]!.path).toBe('Sheet1!B2');
    expect(e.message).toContain('Sheet1!B2');
  });
});
