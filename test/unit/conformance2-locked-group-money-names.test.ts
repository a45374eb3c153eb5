/**
 * domain.md: renaming a target "never changes a locked scheme/year's ... totals or exports (they come
 * from what was locked), and the fingerprint always proves what an export shows". A locked group
 * scheme's 绩效工资总量 and 医保结余分配 sheets name each group as it was locked, like 考核结果汇总.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { exportResultsBytes } from '../../electron/services/workbooks/finance-export';
import { fromPayload } from '../../electron/services/workbooks/payload';
import { verifyWorkbookBytes } from '../../electron/services/verify';
import { openTemp } from './support/ex1';

let s: Services;
let dir: string;
beforeEach(() => {
  ({ s, dir } = openTemp('conf2-group-money-'));
});
afterEach(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const scheme = {
  code: 'MG',
  name: '医疗集团考核',
  targetKind: 'medical_group',
  salary: { mode: 'score' },
  indicators: [
    { code: 'A', name: '综合', children: [{ code: 'A1', name: '得分', weight: 100, method: { type: 'manual' } }] },
  ],
};

async function namesIn(bytes: Buffer): Promise<Record<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, string> = {};
  for (const sheet of ['考核结果汇总', '绩效工资总量', '医保结余分配'])
    out[sheet] = String(wb.getWorksheet(sheet)!.getCell('C4').value);
  return out;
}

it('a locked group scheme names its groups in the pay-total and surplus sheets as locked; its earlier export verifies', async () => {
  await s.saveTarget({ target: { code: 'G1', name: '第一医疗集团', kind: 'medical_group', group: null } });
  expect((await s.saveScheme({ scheme, year: 2024, strict: true })).problems).toEqual([]);
  await s.setValues({
    year: 2024,
    scheme: 'MG',
    cells: [{ target: 'G1', indicator: 'A1', text: '87.5' }],
    reason: '录入',
  });
  await s.setPayTotal({ year: 2024, target: 'G1', proposed: '1000000', benchmark: '150000', reason: '测算' });
  await s.splitSurplus({ year: 2024, target: 'G1', amount: '100000.01', reason: '年终结余' });
  await s.lock({ year: 2024, scheme: 'MG' });
  const atLock = fromPayload(await exportResultsBytes(s, { year: 2024, scheme: 'MG' }));
  expect(await namesIn(atLock)).toEqual({
    考核结果汇总: '第一医疗集团',
    绩效工资总量: '第一医疗集团',
    医保结余分配: '第一医疗集团',
  });

  await s.saveTarget({
    target: { code: 'G1', name: '城关医疗集团', kind: 'medical_group', group: null },
    reason: '更名',
  });

  const later = fromPayload(await exportResultsBytes(s, { year: 2024, scheme: 'MG' }));
  expect(await namesIn(later)).toEqual({
    考核结果汇总: '第一医疗集团',
    绩效工资总量: '第一医疗集团',
    医保结余分配: '第一医疗集团',
  });
  const v = await verifyWorkbookBytes(s, atLock);
  expect(v.status, v.message).toBe('match');
});
