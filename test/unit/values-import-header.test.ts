/**
 * A wide value sheet's header row (excel.md, 上年数 columns): which column is which indicator and
 * which 上年数, and what a header the reader cannot use is told, at its cell.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services/index';
import { parseValuesFor } from '../../electron/services/workbooks/value-import';
import { ex1Scheme, ex1Services } from './excel-fixtures';

let open: Services[] = [];
afterEach(async () => {
  for (const s of open) await s.close();
  open = [];
});

const Y = { year: 2024, scheme: 'EX' };

/** ex1 with Q3 门诊人次 a growth indicator (so it takes a 上年数 column) and Q2 a monitor leaf. */
async function setup(): Promise<Services> {
  const r = await ex1Services();
  open.push(r.services);
  const s = JSON.parse(JSON.stringify(ex1Scheme)) as typeof ex1Scheme;
  for (const d of s.indicators)
    for (const l of d.children ?? []) {
      if (l.code === 'Q3') Object.assign(l, { weight: 20, method: { type: 'growth', target: 10, floor: 0 } });
      if (l.code === 'Q2') Object.assign(l, { weight: 0, method: { type: 'monitor' } });
    }
  expect((await r.services.saveScheme({ scheme: s, strict: false })).problems).toEqual([]);
  return r.services;
}

async function sheet(header: string[], row: (string | number | null)[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(header);
  ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a wide sheet header', () => {
  it('reads an indicator and the 上年数 column right of it, or one that names its indicator anywhere', async () => {
    const services = await setup();
    for (const header of [
      ['对象编码', '对象名称', 'P1', 'Q3 门诊人次', '上年数'],
      ['对象编码', '对象名称', 'P1', '门诊人次（上年数）', 'Q3 门诊人次'],
    ]) {
      const row = header.map(
        (h) => ({ 对象编码: 'EX-01', 对象名称: '东街社区卫生服务中心', P1: 0.9, 'Q3 门诊人次': 212 })[h] ?? 200,
      );
      const parsed = await parseValuesFor(services, { ...Y, bytes: await sheet(header, row) });
      expect(parsed.errors, header.join('|')).toEqual([]);
      expect(parsed.warnings, header.join('|')).toEqual([]);
      expect(
        parsed.cells
          .filter((c) => c.target === 'EX-01' && c.value.kind === 'number')
          .map((c) => [c.indicator, c.value]),
      ).toEqual([
        ['P1', { kind: 'number', number: '0.9' }],
        ['Q3', { kind: 'number', number: '212' }],
      ]);
      expect(parsed.baselines?.map((b) => [b.target, b.indicator, b.value])).toEqual([
        ['EX-01', 'Q3', { kind: 'number', number: '200' }],
      ]);
    }
  });

  it('names the cell of each header it cannot use', async () => {
    const services = await setup();
    const bytes = await sheet(
      [
        '对象编码',
        '对象名称',
        'P1 高血压患者规范管理率',
        'P1 高血压患者规范管理率（上年数）', // D1: P1 is not a growth indicator
        '上年数', // E1: nothing right of an indicator
        'Q3 门诊人次',
        'Q3 门诊人次（上年数）',
        'Q3（上年数）', // H1: Q3's 上年数 again
        'P1', // I1: P1 again
        '备注', // J1: not an indicator
      ],
      ['EX-01', '东街社区卫生服务中心', 0.9, 0.8, 1, 212, 200, 201, 0.9, '无'],
    );
    const parsed = await parseValuesFor(services, { ...Y, bytes });
    expect(parsed.errors.map((e) => [e.cell, e.message])).toEqual([
      ['数据!H1', '指标 Q3 门诊人次 的上年数列重复出现'],
      ['数据!I1', '指标 P1 高血压患者规范管理率 的列重复出现（另见 数据!C1）'],
    ]);
    expect(parsed.warnings.map((w) => [w.cell, w.message])).toEqual([
      ['数据!D1', '指标 P1 高血压患者规范管理率 不是增长率指标，不需要上年数，该列已忽略'],
      [
        '数据!E1',
        '列“上年数”是上年数，但找不到它属于哪个指标（应紧挨在该指标列的右边，或写成“指标编码 指标名称（上年数）”），已忽略',
      ],
      ['数据!J1', '列“备注”不是本方案的指标，已忽略'],
    ]);
  });
});
