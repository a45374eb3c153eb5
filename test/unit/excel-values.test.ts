import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/services/errors';
import { templateBytes } from '../../electron/services/workbooks/collection-template';
import { fromPayload, toPayload } from '../../electron/services/workbooks/payload';
import { importValuesBytes, markedCopyBytes } from '../../electron/services/workbooks/value-import';
import type { Services } from '../../electron/services/index';
import {
  EX1_ROWS,
  addEx1Adjustments,
  ex1Expected,
  ex1Like,
  ex1Services,
  ex1ValuesXlsx,
  importRows,
  valueSnapshot,
} from './excel-fixtures';

let open: Services[] = [];
afterEach(async () => {
  for (const s of open) await s.close();
  open = [];
});

async function setup() {
  const r = await ex1Services();
  open.push(r.services);
  return r.services;
}

async function scoresOf(services: Services) {
  const res = await services.score({ year: 2024, scheme: 'EX' });
  return Object.fromEntries(
    res.results.map((r) => [
      r.target,
      {
        base: Number(r.base),
        bonus: Number(r.bonus),
        deduction: Number(r.deduction),
        total: Number(r.total),
        grade: r.grade,
        rank: r.rank,
        flags: r.flags,
        indicators: Object.fromEntries(
          Object.entries(r.indicators).map(([k, v]) => [k, v.score === null ? null : Number(v.score)]),
        ),
      },
    ]),
  );
}

async function rejected(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('导入应被拒绝，却成功了');
}

describe('ex1-values.xlsx (typed the way offices type)', () => {
  for (const reader of ['exceljs', 'lean'] as const) {
    it(`imports and scores to ex1-expected.json (${reader} reader)`, async () => {
      const services = await setup();
      const out = await importValuesBytes(services, {
        year: 2024,
        scheme: 'EX',
        fileName: 'ex1-values.xlsx',
        bytes: ex1ValuesXlsx,
        read: { reader },
      });
      expect(out.errors).toEqual([]);
      // 18 cells: 3 targets × 6 leaves (EX-03 P2 blank = missing is not stored as a change)
      expect(out.written).toBeGreaterThanOrEqual(17);
      expect(out.warnings.some((w) => w.cell === '数据采集!I3' && w.value === '备注')).toBe(true);
      const values = await services.getValues({ year: 2024, scheme: 'EX' });
      const v = (t: string, i: string) => values.find((c) => c.target === t && c.indicator === i)?.value;
      expect(v('EX-01', 'P1')).toEqual({ kind: 'number', number: '80.2' }); // 0.802 formatted 0.0%
      expect(v('EX-01', 'P2')).toEqual({ kind: 'number', number: '66.5' }); // "66.5%"
      expect(v('EX-01', 'Q1')).toEqual({ kind: 'number', number: '41' }); // full-width "４１"
      expect(v('EX-01', 'Q3')).toEqual({ kind: 'number', number: '38211' }); // "38,211"
      expect(v('EX-02', 'Q2')).toEqual({ kind: 'na' }); // 不适用
      expect(v('EX-02', 'S1')).toEqual({ kind: 'label', label: '基本满意' }); // trailing space
      expect(v('EX-03', 'P1')).toEqual({ kind: 'number', number: '61.7' }); // " EX-03 " code
      expect(v('EX-03', 'P2')?.kind ?? 'missing').toBe('missing');

      await addEx1Adjustments(services);
      const got = await scoresOf(services);
      for (const [code, exp] of Object.entries(ex1Expected.results as Record<string, Record<string, unknown>>)) {
        expect(got[code].base, code).toBe(exp.base);
        expect(got[code].bonus, code).toBe(exp.bonus);
        expect(got[code].deduction, code).toBe(exp.deduction);
        expect(got[code].total, code).toBe(exp.total);
        expect(got[code].grade, code).toBe(exp.grade);
        expect(got[code].rank, code).toBe(exp.rank);
        expect(got[code].indicators, code).toEqual(exp.indicators);
      }
      const rows = importRows(services);
      expect(rows).toHaveLength(1);
      expect(rows[0].kind).toBe('values');
      expect(JSON.parse(rows[0].outcome).status).toBe('imported');
    });
  }

  it('warns when the same file (same sha256) is imported again', async () => {
    const services = await setup();
    const o = { year: 2024, scheme: 'EX', fileName: 'ex1-values.xlsx', bytes: ex1ValuesXlsx };
    const first = await importValuesBytes(services, o);
    expect(first.warnings.some((w) => w.message.includes('sha256'))).toBe(false);
    const again = await importValuesBytes(services, { ...o, fileName: '再次.xlsx' });
    expect(again.warnings[0].message).toContain('ex1-values.xlsx');
    expect(again.warnings[0].message).toContain('sha256');
  });

  it('dry run reports without writing; the API method takes a FilePayload', async () => {
    const services = await setup();
    const before = await valueSnapshot(services);
    const out = await services.importValues({
      year: 2024,
      scheme: 'EX',
      file: toPayload('ex1.xlsx', ex1ValuesXlsx),
      dryRun: true,
    });
    expect(out.errors).toEqual([]);
    expect(out.importId).toBeNull();
    expect(await valueSnapshot(services)).toBe(before);
    const done = await services.importValues({ year: 2024, scheme: 'EX', file: toPayload('ex1.xlsx', ex1ValuesXlsx) });
    expect(done.importId).toBeTypeOf('number');
  });
});

describe('stored values the file does not mention stay', () => {
  it('replaces only the cells in the file', async () => {
    const services = await setup();
    await importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'a.xlsx', bytes: await ex1Like(EX1_ROWS) });
    const only = await ex1Like([['EX-01', '东街社区卫生服务中心', 70]], {
      header: ['对象编码', '对象名称', '高血压患者规范管理率（%）'],
    });
    await importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'b.xlsx', bytes: only });
    const values = await services.getValues({ year: 2024, scheme: 'EX' });
    const v = (t: string, i: string) => values.find((c) => c.target === t && c.indicator === i)?.value;
    expect(v('EX-01', 'P1')).toEqual({ kind: 'number', number: '70' });
    expect(v('EX-01', 'P2')).toEqual({ kind: 'number', number: '66.5' });
    expect(v('EX-02', 'P1')).toEqual({ kind: 'number', number: '90' });
  });
});

describe('header and cell variants', () => {
  it('reads name-only headers with units in brackets, full-width codes, percent text, N/A tokens, formulas', async () => {
    const services = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.getRow(1).values = ['说明：2024 年度'];
    ws.getRow(3).values = [
      '对象名称',
      '高血压患者规范管理率(%)',
      'Ｐ２',
      'Q1  药占比（%）',
      '住院服务',
      '门诊人次（人次）',
      '群众满意度',
      '填报人',
    ];
    ws.getRow(5).values = ['东街社区卫生服务中心', '85.5％', ' ８０ ', 'N/A', '—', '1,234', '满意', '张三'];
    ws.getRow(6).values = [
      '西街社区卫生服务中心',
      { formula: 'A1', result: 90 } as ExcelJS.CellFormulaValue,
      72,
      '/',
      'NA',
      0,
      ' 不满意 ',
      '李四',
    ];
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const out = await importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'v.xlsx', bytes });
    expect(out.errors).toEqual([]);
    expect(out.warnings.map((w) => w.value)).toContain('填报人');
    const values = await services.getValues({ year: 2024, scheme: 'EX' });
    const v = (t: string, i: string) => values.find((c) => c.target === t && c.indicator === i)?.value;
    expect(v('EX-01', 'P1')).toEqual({ kind: 'number', number: '85.5' });
    expect(v('EX-01', 'P2')).toEqual({ kind: 'number', number: '80' });
    expect(v('EX-01', 'Q1')).toEqual({ kind: 'na' });
    expect(v('EX-01', 'Q2')).toEqual({ kind: 'na' });
    expect(v('EX-01', 'Q3')).toEqual({ kind: 'number', number: '1234' });
    expect(v('EX-02', 'P1')).toEqual({ kind: 'number', number: '90' });
    expect(v('EX-02', 'Q1')).toEqual({ kind: 'na' });
    expect(v('EX-02', 'S1')).toEqual({ kind: 'label', label: '不满意' });
  });

  for (const reader of ['exceljs', 'lean'] as const) {
    it(`reads a formula Excel computed to 0 as 0, and one computed to FALSE as a logical value (${reader} reader)`, async () => {
      // exceljs's cell.value leaves a falsy cached result out; the import must not take 0 for "no result".
      const services = await setup();
      const zero = { formula: 'D5-D5', result: 0 } as ExcelJS.CellFormulaValue;
      const no = { formula: 'D5>100', result: false } as ExcelJS.CellFormulaValue;
      const ok = await importValuesBytes(services, {
        year: 2024,
        scheme: 'EX',
        fileName: 'z.xlsx',
        bytes: await ex1Like([['EX-01', '', zero, 70]]),
        read: { reader },
      });
      expect(ok.errors).toEqual([]);
      const values = await services.getValues({ year: 2024, scheme: 'EX' });
      expect(values.find((c) => c.target === 'EX-01' && c.indicator === 'P1')?.value).toEqual({
        kind: 'number',
        number: '0',
      });
      const e = await rejected(
        importValuesBytes(services, {
          year: 2024,
          scheme: 'EX',
          fileName: 'f.xlsx',
          bytes: await ex1Like([['EX-01', '', no, 70]]),
          read: { reader },
        }),
      );
      expect(e.errors!.find((x) => x.cell === '数据采集!C5')?.message).toContain('逻辑值');
    });
  }

  it('skips a units row labelled 单位 and blank columns inside the table', async () => {
    const services = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据采集');
    ws.getRow(2).values = ['对象编码', '对象名称', null, 'P1', 'Q3'];
    ws.getRow(3).values = ['', '单位', null, '（%）', '人次'];
    ws.getRow(5).values = ['EX-01', '东街社区卫生服务中心', null, 80, 100];
    const out = await importValuesBytes(services, {
      year: 2024,
      scheme: 'EX',
      fileName: 'u.xlsx',
      bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(out.errors).toEqual([]);
    expect(out.written).toBe(2);
  });

  it('reads the long layout (对象编码, 指标编码, 值, 备注)', async () => {
    const services = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('明细');
    ws.addRow(['对象编码', '指标编码', '值', '备注']);
    ws.addRow(['EX-01', 'P1', 80.2]);
    ws.addRow(['EX-01', 'S1', '满意', '']);
    ws.addRow(['EX-02', 'Q2', '不适用', '无病床']);
    const out = await importValuesBytes(services, {
      year: 2024,
      scheme: 'EX',
      fileName: 'long.xlsx',
      bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(out.errors).toEqual([]);
    const values = await services.getValues({ year: 2024, scheme: 'EX' });
    expect(values.find((c) => c.target === 'EX-02' && c.indicator === 'Q2')?.value).toEqual({ kind: 'na' });
    expect(values.find((c) => c.target === 'EX-01' && c.indicator === 'S1')?.value).toEqual({
      kind: 'label',
      label: '满意',
    });
  });

  it('warns "0.85 可能应为 85%" in a % column whose other values are mostly above 1', async () => {
    const services = await setup();
    const bytes = await ex1Like([
      ['EX-01', '', 0.85, 66],
      ['EX-02', '', 90, 72],
      ['EX-03', '', 61.7, 70],
    ]);
    const out = await importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'p.xlsx', bytes });
    expect(out.errors).toEqual([]);
    const w = out.warnings.find((x) => x.cell === '数据采集!C5');
    expect(w?.message).toContain('0.85 可能应为 85%');
    expect(w?.target).toBe('EX-01');
    expect(w?.indicator).toBe('P1');
  });

  it('matches targets by exact name when there is no code column, and rejects an ambiguous name', async () => {
    const services = await setup();
    await services.saveTarget({
      target: { code: 'EX-04', name: '东街社区卫生服务中心', kind: 'community_centre', group: null, active: true },
    });
    const bytes = await ex1Like([['东街社区卫生服务中心', 80]], { header: ['对象名称', 'P1'] });
    const e = await rejected(importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'n.xlsx', bytes }));
    expect(e.errors![0].cell).toBe('数据采集!A5');
    expect(e.errors![0].message).toContain('EX-01');
    expect(e.errors![0].message).toContain('EX-04');
  });
});

interface BadCase {
  name: string;
  rows: ExcelJS.CellValue[][];
  header?: string[] | null;
  cell: string;
  target: string;
  indicator: string;
  value: string;
  says: string;
}

const GOOD = EX1_ROWS;
const bad: BadCase[] = [
  {
    name: 'unknown target',
    rows: [...GOOD, ['EX-99', '北关', 80]],
    cell: '数据采集!A8',
    target: 'EX-99',
    indicator: '',
    value: 'EX-99',
    says: '不是本方案的考核对象',
  },
  {
    name: 'duplicate target',
    rows: [...GOOD, ['EX-02', '西街社区卫生服务中心', 80]],
    cell: '数据采集!A8',
    target: 'EX-02',
    indicator: '',
    value: 'EX-02',
    says: '两次',
  },
  {
    name: 'non-numeric text',
    rows: [['EX-01', '', '八十']],
    cell: '数据采集!C5',
    target: 'EX-01',
    indicator: 'P1',
    value: '八十',
    says: 'P1',
  },
  {
    name: 'value outside min/max',
    rows: [['EX-01', '', 120]],
    cell: '数据采集!C5',
    target: 'EX-01',
    indicator: 'P1',
    value: '120',
    says: '100',
  },
  {
    name: 'unknown grade label',
    rows: [['EX-01', '', 80, 70, 40, 10, 100, '很满意']],
    cell: '数据采集!H5',
    target: 'EX-01',
    indicator: 'S1',
    value: '很满意',
    says: '满意',
  },
  {
    name: 'manual points above the weight',
    rows: [['EX-01', '', 80, 70, 40, 25]],
    cell: '数据采集!F5',
    target: 'EX-01',
    indicator: 'Q2',
    value: '25',
    says: '20',
  },
  {
    name: '% in a non-% column',
    rows: [['EX-01', '', 80, 70, 40, '15%']],
    cell: '数据采集!F5',
    target: 'EX-01',
    indicator: 'Q2',
    value: '15%',
    says: '%',
  },
  {
    name: 'a negative count',
    rows: [['EX-01', '', 80, 70, 40, 10, -5]],
    cell: '数据采集!G5',
    target: 'EX-01',
    indicator: 'Q3',
    value: '-5',
    says: '负',
  },
  {
    name: 'a formula with an error value',
    rows: [['EX-01', '', { formula: '1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellValue]],
    cell: '数据采集!C5',
    target: 'EX-01',
    indicator: 'P1',
    value: '=1/0',
    says: '#DIV/0!',
  },
  {
    name: 'a formula without a cached result',
    rows: [['EX-01', '', { formula: 'D5*2' } as ExcelJS.CellFormulaValue, 40]],
    cell: '数据采集!C5',
    target: 'EX-01',
    indicator: 'P1',
    value: '=D5*2',
    says: '计算结果',
  },
  {
    name: 'no header row',
    rows: [['EX-01', '东街', 80]],
    header: null,
    cell: '数据采集!A1',
    target: '',
    indicator: '',
    value: '',
    says: '表头',
  },
  {
    name: 'no indicator column',
    rows: [['EX-01', '东街', 80]],
    header: ['对象编码', '对象名称', '得分'],
    cell: '数据采集!A3',
    target: '',
    indicator: '',
    value: '',
    says: '指标列',
  },
];

describe('a bad file is rejected whole, naming the cell, with the database unchanged', () => {
  // Both readers: the lean one (the default) and exceljs's whole-workbook one (its fallback).
  for (const c of bad.flatMap((b) => (['lean', 'exceljs'] as const).map((reader) => ({ ...b, reader })))) {
    it(`${c.name} (${c.reader} reader)`, async () => {
      const services = await setup();
      // Values already stored must survive the rejected import.
      await importValuesBytes(services, {
        year: 2024,
        scheme: 'EX',
        fileName: 'good.xlsx',
        bytes: await ex1Like(GOOD),
      });
      const before = await valueSnapshot(services);
      const bytes = await ex1Like(c.rows, c.header === undefined ? {} : { header: c.header });
      const e = await rejected(
        importValuesBytes(services, {
          year: 2024,
          scheme: 'EX',
          fileName: 'bad.xlsx',
          bytes,
          read: { reader: c.reader },
        }),
      );
      expect(e.code).toBe('INPUT');
      const err = e.errors!.find((x) => x.cell === c.cell);
      expect(err, JSON.stringify(e.errors)).toBeDefined();
      expect(err!.sheet).toBe('数据采集');
      expect(err!.target).toBe(c.target);
      expect(err!.indicator).toBe(c.indicator);
      expect(err!.value).toBe(c.value);
      expect(err!.message).toContain(c.says);
      expect(err!.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(await valueSnapshot(services)).toBe(before);
      const rows = importRows(services);
      expect(JSON.parse(rows[rows.length - 1].outcome).status).toBe('rejected');
      expect(rows[rows.length - 1].file_name).toBe('bad.xlsx');
    });
  }

  it('a locked scheme refuses the import with LOCKED', async () => {
    const services = await setup();
    await services.lock({ year: 2024, scheme: 'EX' });
    const before = await valueSnapshot(services);
    const e = await rejected(
      importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'x.xlsx', bytes: ex1ValuesXlsx }),
    );
    expect(e.code).toBe('LOCKED');
    expect(await valueSnapshot(services)).toBe(before);
  });

  it('the marked copy fills the bad cell red and comments it', async () => {
    const services = await setup();
    const bytes = await ex1Like([
      ['EX-01', '', 120, 70],
      ['EX-02', '', 90, '七十'],
    ]);
    const marked = await markedCopyBytes(services, { year: 2024, scheme: 'EX', bytes });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(marked as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('数据采集')!;
    for (const addr of ['C5', 'D6']) {
      const cell = ws.getCell(addr);
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFF0000');
      const note = cell.note as ExcelJS.Comment | string;
      const text = typeof note === 'string' ? note : note.texts!.map((t) => t.text).join('');
      expect(text).toContain('导入错误');
    }
    expect(
      ws.getCell('D5').fill?.type === 'pattern' &&
        (ws.getCell('D5').fill as ExcelJS.FillPattern).fgColor?.argb === 'FFFF0000',
    ).toBe(false);
    expect(ws.getCell('C5').value).toBe(120);
  });

  it('the marked copy of a styled workbook (the template) paints only the bad cells', async () => {
    const services = await setup();
    const tpl = fromPayload(await templateBytes(services, { year: 2024, scheme: 'EX' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl as unknown as ArrayBuffer);
    wb.getWorksheet('数据采集')!.getCell('D6').value = '七十';
    wb.getWorksheet('数据采集')!.getCell('C6').value = 80;
    const marked = await markedCopyBytes(services, {
      year: 2024,
      scheme: 'EX',
      bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(marked as unknown as ArrayBuffer);
    const ws = back.getWorksheet('数据采集')!;
    const red = (a: string) => (ws.getCell(a).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === 'FFFF0000';
    expect(red('D6')).toBe(true);
    for (const a of ['C6', 'D5', 'D7', 'E6', 'C5']) expect(red(a), a).toBe(false);
  });
});
