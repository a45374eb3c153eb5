/**
 * domain.md: "renaming or re-grouping a target never changes a locked scheme/year's ... exports
 * (they come from what was locked), and the fingerprint always proves what an export shows."
 * A township scheme's finance workbook names its pay sheets after the payer groups (excel.md, one
 * 年薪核算 sheet per payer): renaming a group after the lock must not rename them, and a workbook
 * exported at lock time must still verify.
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
  ({ s, dir } = openTemp('conf2-payer-'));
});
afterEach(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const scheme = {
  code: 'TC',
  name: '卫生院考核',
  targetKind: 'township_centre',
  salary: { mode: 'score' },
  indicators: [
    { code: 'A', name: '综合', children: [{ code: 'A1', name: '得分', weight: 100, method: { type: 'manual' } }] },
  ],
};

async function sheetNames(bytes: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((w) => w.name);
}

it('a locked township scheme keeps its payer sheet names after the group is renamed, and its export verifies', async () => {
  await s.saveTarget({ target: { code: 'G1', name: '第一医疗集团', kind: 'medical_group', group: null } });
  await s.saveTarget({ target: { code: 'T1', name: '城关卫生院', kind: 'township_centre', group: 'G1' } });
  const saved = await s.saveScheme({ scheme, year: 2024, strict: true });
  expect(saved.problems).toEqual([]);
  await s.setValues({
    year: 2024,
    scheme: 'TC',
    cells: [{ target: 'T1', indicator: 'A1', text: '90' }],
    reason: '录入',
  });
  await s.setSalaryInput({
    year: 2024,
    input: {
      person: '李院长',
      role: '乡镇卫生院院长',
      target: 'T1',
      scheme: 'TC',
      base: '80000',
      performanceBase: '60000',
      months: 12,
      cap: null,
    },
  });
  await s.lock({ year: 2024, scheme: 'TC' });
  const atLock = fromPayload(await exportResultsBytes(s, { year: 2024, scheme: 'TC' }));
  expect(await sheetNames(atLock)).toContain('年薪核算（第一医疗集团）');

  await s.saveTarget({
    target: { code: 'G1', name: '城关医疗集团', kind: 'medical_group', group: null },
    reason: '更名',
  });

  const later = fromPayload(await exportResultsBytes(s, { year: 2024, scheme: 'TC' }));
  const names = await sheetNames(later);
  expect(names).toContain('年薪核算（第一医疗集团）');
  expect(names).not.toContain('年薪核算（城关医疗集团）');
  const v = await verifyWorkbookBytes(s, atLock);
  expect(v.status, v.message).toBe('match');
});
