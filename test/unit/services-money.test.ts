/**
 * The money services beside the CLI: the salary workbook's 发放主体 column, a pay total for a group
 * that has no result under the scheme (named), lock refusal on every path, audit entries.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSalaryBytes } from '../../electron/services/workbooks/list-import';
import { ApiError } from '../../electron/services/errors';
import type { Services } from '../../electron/services/index';
import { openTemp, snapshot } from './support/ex1';

let s: Services;
let dir: string;

const scheme = (code: string, kind: string) => ({
  code,
  name: `${code} 考核`,
  year: 2024,
  targetKind: kind,
  salary: { mode: 'score' },
  indicators: [
    { code: 'A', name: '综合', children: [{ code: 'A1', name: '综合得分', weight: 100, method: { type: 'manual' } }] },
  ],
});

async function book(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('年薪');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function rejected(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('not rejected');
}

beforeAll(async () => {
  ({ s, dir } = openTemp('money-'));
  const t = (code: string, name: string, kind: string, group: string | null) =>
    s.saveTarget({ target: { code, name, kind: kind as never, group } });
  await t('G1', '第一医疗集团', 'medical_group', null);
  await t('G2', '第二医疗集团', 'medical_group', null);
  await t('T1', '城关镇卫生院', 'township_centre', 'G1');
  await s.saveScheme({ scheme: scheme('GM', 'medical_group'), strict: true });
  await s.saveScheme({ scheme: scheme('TS', 'township_centre'), strict: true });
  await s.setValues({
    year: 2024,
    scheme: 'GM',
    cells: [
      { target: 'G1', indicator: 'A1', text: '80' },
      { target: 'G2', indicator: 'A1', text: '70' },
    ],
  });
  await s.setValues({ year: 2024, scheme: 'TS', cells: [{ target: 'T1', indicator: 'A1', text: '90' }] });
});
afterAll(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the salary workbook column 发放主体', () => {
  it('takes 县财政, a group code or a group name; blank is the default', async () => {
    const bytes = await book([
      ['姓名', '职务', '单位编码', '考核方案编码', '基本年薪', '绩效年薪基数', '发放主体'],
      ['甲', '院长', 'T1', 'TS', 60000, 40000, null],
      ['乙', '副院长', 'T1', 'TS', 40000, 20000, '县财政'],
      ['丙', '副院长', 'T1', 'TS', 40000, 20000, '第二医疗集团'],
      ['丁', '书记', 'G1', 'GM', 150000, 200000, 'g2'],
    ]);
    const out = await importSalaryBytes(s, { year: 2024, fileName: 's.xlsx', bytes });
    expect(out.errors).toEqual([]);
    const payers = Object.fromEntries((await s.computeSalary({ year: 2024 })).map((l) => [l.person, l.payer]));
    expect(payers).toEqual({ 甲: 'G1', 乙: '县财政', 丙: 'G2', 丁: 'G2' });
  });

  it('refuses a payer that is neither, naming the cell, and writes nothing', async () => {
    const before = snapshot(s.ctx.raw);
    const bytes = await book([
      ['姓名', '职务', '单位编码', '考核方案编码', '基本年薪', '绩效年薪基数', '发放主体'],
      ['戊', '院长', 'T1', 'TS', 60000, 40000, '乡财政'],
    ]);
    const e = await rejected(importSalaryBytes(s, { year: 2024, fileName: 'bad.xlsx', bytes }));
    expect(e.errors!.map((x) => [x.cell, x.value])).toEqual([['年薪!G2', '乡财政']]);
    expect(e.errors![0]!.message).toContain('既不是县财政，也不是已登记的医疗集团');
    const after = snapshot(s.ctx.raw);
    expect(after.salary_inputs).toEqual(before.salary_inputs);
  });
});

describe('pay totals and surplus through the services', () => {
  it('a group with inputs but no result under the scheme is an error naming it', async () => {
    await s.setPayTotal({ year: 2024, target: 'G1', proposed: '1000000', benchmark: '300000', reason: '申报' });
    await s.setPayTotal({ year: 2024, target: 'G2', proposed: '800000', benchmark: '300000', reason: '申报' });
    expect(
      (await s.computePayTotals({ year: 2024, scheme: 'GM' })).groups.map((g) => [g.target, g.k, g.approved]),
    ).toEqual([
      ['G1', '0.8', '800000.00'],
      ['G2', '0.7', '560000.00'],
    ]);
    // G2 stops being appraised: its stored inputs now have no result.
    await s.retireTarget({ code: 'G2', from: 2024, reason: '撤并' });
    const e = await rejected(s.computePayTotals({ year: 2024, scheme: 'GM' }));
    expect(e.code).toBe('INPUT');
    expect(e.message).toContain('G2（第二医疗集团）');
    await s.saveTarget({
      target: { code: 'G2', name: '第二医疗集团', kind: 'medical_group', group: null, to: null },
      reason: '恢复',
    });
    // A township scheme does not appraise groups.
    expect((await rejected(s.computePayTotals({ year: 2024, scheme: 'TS' }))).message).toContain('不是医疗集团');
  });

  it('a locked group scheme refuses pay totals and surplus splits (LOCKED), a salary payer change too when its own scheme is locked', async () => {
    await s.splitSurplus({ year: 2024, target: 'G1', amount: '100', reason: '结余' });
    await s.lock({ year: 2024, scheme: 'GM' });
    const before = snapshot(s.ctx.raw);
    expect(
      (await rejected(s.setPayTotal({ year: 2024, target: 'G1', proposed: '1', benchmark: '1', reason: 'x' }))).code,
    ).toBe('LOCKED');
    expect((await rejected(s.splitSurplus({ year: 2024, target: 'G1', amount: '1', reason: 'x' }))).code).toBe(
      'LOCKED',
    );
    const e = await rejected(
      s.setSalaryInput({
        year: 2024,
        input: {
          person: '丁',
          role: '书记',
          target: 'G1',
          scheme: 'GM',
          base: '1',
          performanceBase: '1',
          months: 12,
          cap: null,
          payer: '县财政',
        },
      }),
    );
    expect(e.code).toBe('LOCKED');
    expect(snapshot(s.ctx.raw)).toEqual(before);
    // Reading still works on a locked year.
    expect((await s.computePayTotals({ year: 2024, scheme: 'GM' })).groups).toHaveLength(2);
    await s.unlock({ year: 2024, scheme: 'GM', reason: '更正' });
  });

  it("a group scheme's fingerprint covers the pay-total and surplus inputs its export shows", async () => {
    const a = (await s.lock({ year: 2024, scheme: 'GM' })).fingerprint;
    await s.unlock({ year: 2024, scheme: 'GM', reason: '核对' });
    expect((await s.lock({ year: 2024, scheme: 'GM' })).fingerprint).toBe(a);
    await s.unlock({ year: 2024, scheme: 'GM', reason: '改申报数' });
    await s.setPayTotal({ year: 2024, target: 'G1', proposed: '1000001', benchmark: '300000', reason: '更正' });
    expect((await s.lock({ year: 2024, scheme: 'GM' })).fingerprint).not.toBe(a);
    await s.unlock({ year: 2024, scheme: 'GM', reason: '继续' });
  });

  it('every change is in the audit log with its reason', async () => {
    const pt = await s.audit({ entity: 'pay_total' });
    expect(pt.map((a) => [a.action, a.key, a.reason])).toEqual([
      ['新增', '2024/G1', '申报'],
      ['新增', '2024/G2', '申报'],
      ['修改', '2024/G1', '更正'],
    ]);
    const sp = await s.audit({ entity: 'surplus' });
    expect(sp.map((a) => [a.key, a.reason])).toEqual([['2024/G1', '结余']]);
    expect(JSON.parse(sp[0]!.new!)).toMatchObject({ amount: '100.00', development: '40.00', staff: '60.00' });
  });

  it('term settings are stored, audited, and used as the default limit', async () => {
    expect(await s.getTermSettings()).toEqual({ failLimit: 2, years: 3 });
    await s.saveTermSettings({ failLimit: 1, years: 2, reason: '本县规定' });
    const t = await s.termAppraisal({ scheme: 'GM', target: 'G2', from: 2023, to: 2024 });
    expect(t.failLimit).toBe(1);
    expect(t.years.map((y) => y.total)).toEqual([null, '70.00']);
    expect(t.flags).toEqual(['TERM_GAP']);
    expect((await s.audit({ entity: 'settings' })).at(-1)).toMatchObject({ key: 'term', reason: '本县规定' });
  });
});
