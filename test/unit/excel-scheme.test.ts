import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSchemeWorkbook, readSchemeWorkbook, NODES_SHEET, PROPS_SHEET } from '../../electron/excel/scheme-xlsx';
import { fromPayload } from '../../electron/services/workbooks/payload';
import { exportSchemeBytes, importSchemeBytes } from '../../electron/services/workbooks/scheme-files';
import type { Services } from '../../electron/services/index';
import { parseSchemeJson } from '../../shared/scheme/parse';
import type { Scheme } from '../../shared/domain/types';
import { ex1Scheme, ex1Services } from './excel-fixtures';

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return back;
}

async function jsonToXlsxToJson(s: unknown): Promise<unknown> {
  return readSchemeWorkbook(await roundTrip(buildSchemeWorkbook(s as Scheme)));
}

/** Every method, nested indicators, null/""/absent fields, quotas and a salary rule. */
const rich = {
  code: 'ALL',
  name: '全部计分方法',
  year: 2025,
  targetKind: 'township_centre',
  fullScore: 100,
  grades: [
    { name: '优秀', min: 90, quota: 0.3 },
    { name: '良好', min: 80 },
    { name: '合格', min: 60, quota: null },
    { name: '不合格', min: null },
  ],
  bonusCap: null,
  naPolicy: 'full',
  minPublicWelfareShare: 0.35,
  salary: { mode: 'linear', intercept: 0.3, slope: 0.01, kMin: 0, kMax: 1.2, cap: 400000 },
  indicators: [
    {
      code: 'A',
      name: '基本公共卫生服务',
      weight: 40,
      children: [
        {
          code: 'A1',
          name: '高血压患者规范管理率',
          weight: 10,
          unit: '%',
          direction: 'higher',
          method: { type: 'ratio', target: 85 },
          publicWelfare: true,
          min: 0,
          max: 100,
          criteria: '达到 85% 得满分，未达到按比例得分',
          source: '晋卫发〔2019〕1号 第三条',
        },
        {
          code: 'A2',
          name: '老年人健康管理率',
          weight: 10,
          unit: '%',
          method: { type: 'linear', target: 80, floor: 50 },
          publicWelfare: true,
          min: null,
          max: null,
        },
        {
          code: 'A3',
          name: '家庭医生签约',
          weight: 20,
          children: [
            {
              code: 'A3.1',
              name: '重点人群签约率',
              weight: 10,
              unit: '%',
              direction: 'higher',
              method: { type: 'deduct', target: 70, per: 1, points: 0.5, mode: 'whole' },
              publicWelfare: true,
            },
            {
              code: 'A3.2',
              name: '签约居民满意度',
              weight: 10,
              unit: '',
              method: { type: 'grade', labels: { 好: 1, 较好: 0.8, 一般: 0.6, 差: 0 } },
              criteria: '',
            },
          ],
        },
      ],
    },
    {
      code: 'B',
      name: '运营与质量',
      children: [
        {
          code: 'B1',
          name: '药占比',
          weight: 10,
          unit: '%',
          direction: 'lower',
          method: { type: 'linear', target: 30, ceiling: 50 },
        },
        {
          code: 'B2',
          name: '门诊量分档',
          weight: 10,
          method: {
            type: 'bands',
            bands: [
              { bound: 90, score: 10 },
              { bound: 80, score: 8 },
              { bound: 70, score: 5 },
            ],
          },
        },
        {
          code: 'B3',
          name: '医疗纠纷',
          weight: 5,
          unit: '起',
          direction: 'lower',
          method: { type: 'deduct', target: 0, points: 2, mode: 'whole' },
          min: 0,
        },
        { code: 'B4', name: '门诊人次排名', weight: 5, method: { type: 'rank', mode: 'step', step: 1 } },
        { code: 'B5', name: '次均费用', weight: 5, direction: 'lower', method: { type: 'minmax' } },
        { code: 'B6', name: '住院人次增长', weight: 5, method: { type: 'growth', target: 10, floor: 0 } },
        { code: 'B7', name: '现场检查', weight: 5, method: { type: 'manual' } },
        { code: 'B8', name: '与最优比', weight: 5, method: { type: 'best' } },
        { code: 'B9', name: '达标', weight: 10, method: { type: 'threshold', target: 95 }, publicWelfare: false },
        { code: 'B10', name: '出院人次', weight: 0, unit: '人次', method: { type: 'monitor' } },
        {
          code: 'B11',
          name: '基层医疗机构就诊率',
          weight: 5,
          unit: '%',
          method: { type: 'pace', baseline: 24, baseYear: 2020, target: 65, targetYear: 2025, nature: 'binding' },
          source: '运政发〔2022〕31号 表1',
        },
        {
          code: 'B12',
          name: '人均预期寿命',
          weight: 5,
          unit: '岁',
          method: { type: 'pace', baseline: 77.3, baseYear: 2020, target: 78.1, targetYear: 2025 },
        },
      ],
    },
  ],
};

describe('scheme ⇄ workbook', () => {
  it('the fixture is a legal scheme shape', () => {
    expect(parseSchemeJson(rich).problems).toEqual([]);
  });

  for (const [name, scheme] of [
    ['ex1-scheme.json', ex1Scheme],
    ['every method', rich],
  ] as const) {
    it(`JSON → xlsx → JSON is identical (${name})`, async () => {
      const back = await jsonToXlsxToJson(scheme);
      expect(back).toStrictEqual(JSON.parse(JSON.stringify(scheme)));
      expect(JSON.stringify(back)).toBe(JSON.stringify(scheme));
      expect(parseSchemeJson(back).problems).toEqual([]);
    });

    it(`xlsx → JSON → xlsx → JSON is identical (${name})`, async () => {
      const json1 = await jsonToXlsxToJson(scheme);
      const json2 = await jsonToXlsxToJson(json1);
      expect(json2).toStrictEqual(json1);
    });
  }

  it('one row per node with the columns of excel.md, and a 方案属性 sheet', async () => {
    const wb = await roundTrip(buildSchemeWorkbook(rich as unknown as Scheme));
    const ws = wb.getWorksheet(NODES_SHEET)!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    for (const h of [
      '一级指标',
      '上级编码',
      '指标编码',
      '指标名称',
      '分值',
      '单位',
      '方向',
      '计分方法',
      '目标值',
      '参数',
      '公益性',
      '评分细则',
      '最小值',
      '最大值',
      '来源',
    ]) {
      expect(header).toContain(h);
    }
    expect(ws.actualRowCount).toBe(1 + 6 + 13);
    const a31 = ws.getRow(6);
    expect(a31.getCell(2).value).toBe('A3');
    expect(a31.getCell(3).value).toBe('A3.1');
    expect(a31.getCell(8).value).toBe('扣分');
    expect(a31.getCell(9).value).toBe(70);
    expect(JSON.parse(String(a31.getCell(10).value))).toEqual({ per: 1, points: 0.5, mode: 'whole' });
    const props = wb.getWorksheet(PROPS_SHEET)!;
    const fields = new Map<string, unknown>();
    props.eachRow((r, i) => {
      if (i > 1) fields.set(String(r.getCell(3).value), r.getCell(2).value);
    });
    expect([...fields.keys()]).toEqual([
      'code',
      'name',
      'year',
      'targetKind',
      'fullScore',
      'grades',
      'bonusCap',
      'naPolicy',
      'minPublicWelfareShare',
      'salary',
    ]);
    expect(fields.get('bonusCap')).toBe('无');
  });

  it('a pace leaf: 目标值 holds the plan target, 参数 its baseline, years and nature as JSON', async () => {
    const wb = await roundTrip(buildSchemeWorkbook(rich as unknown as Scheme));
    const ws = wb.getWorksheet(NODES_SHEET)!;
    const row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(3).value === 'B11')!;
    expect(row.getCell(8).value).toBe('规划进度');
    expect(row.getCell(9).value).toBe(65);
    expect(JSON.parse(String(row.getCell(10).value))).toEqual({
      baseline: 24,
      baseYear: 2020,
      targetYear: 2025,
      nature: 'binding',
    });
  });

  it('reads a hand-made sheet: Chinese method and kind names, no 上级编码 column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('指标体系');
    ws.addRow(['指标编码', '指标名称', '分值', '单位', '方向', '计分方法', '目标值', '参数', '公益性']);
    ws.addRow(['A', '公共卫生']);
    ws.addRow(['A1', '规范管理率', 60, '%', '正向', '比例得分', 85, null, '是']);
    ws.addRow(['B', '满意度']);
    ws.addRow(['B1', '群众满意度', 40, null, null, '定性', null, '{"labels":{"满意":1,"不满意":0}}', '否']);
    const ps = wb.addWorksheet('方案属性');
    ps.addRow(['属性', '值']);
    ps.addRow(['方案编码', 'HM']);
    ps.addRow(['方案名称', '手工方案']);
    ps.addRow(['考核年度', 2024]);
    ps.addRow(['考核对象类型', '乡镇卫生院']);
    const s = readSchemeWorkbook(await roundTrip(wb));
    const r = parseSchemeJson(s);
    expect(r.problems).toEqual([]);
    expect(r.scheme!.targetKind).toBe('township_centre');
    expect(r.scheme!.indicators[0].children![0]).toEqual({
      code: 'A1',
      name: '规范管理率',
      weight: 60,
      unit: '%',
      direction: 'higher',
      method: { type: 'ratio', target: 85 },
      publicWelfare: true,
    });
    expect(r.scheme!.indicators[1].children![0].method).toEqual({ type: 'grade', labels: { 满意: 1, 不满意: 0 } });
  });
});

describe('scheme import/export through the services', () => {
  let services: Services | null = null;
  afterEach(async () => {
    await services?.close();
    services = null;
  });

  it('exports the stored scheme and imports it back unchanged; a bad cell is named', async () => {
    services = (await ex1Services()).services;
    const file = await exportSchemeBytes(services, { year: 2024, scheme: 'EX' });
    expect(file.fileName).toMatch(/\.xlsx$/);
    const before = await services.getScheme({ year: 2024, scheme: 'EX' });
    const saved = await importSchemeBytes(services, { fileName: file.fileName, bytes: fromPayload(file), year: 2025 });
    expect(saved.code).toBe('EX');
    expect(saved.problems).toEqual([]);
    const after = await services.getScheme({ year: 2025, scheme: 'EX' });
    expect(after).toEqual({ ...before, year: 2025 });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fromPayload(file) as unknown as ArrayBuffer);
    wb.getWorksheet(NODES_SHEET)!.getCell('H3').value = '乱写的方法';
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(importSchemeBytes(services, { fileName: 'bad.xlsx', bytes: bad })).rejects.toMatchObject({
      code: 'INPUT',
      message: expect.stringContaining('指标体系!H3'),
    });
  });
});
