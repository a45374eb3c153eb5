/**
 * A payer set by hand (发放主体) is not lost when the same salary line is entered again without one
 * (CLI `salary set` without --payer, a salary workbook without the 发放主体 column or with a blank
 * cell): like a blank cell of a value import, leaving it out keeps what is stored. An explicit null
 * (the page's 「默认」) goes back to the default of finance.md.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { openTemp } from './support/ex1';

let s: Services;
let dir: string;
beforeEach(async () => {
  ({ s, dir } = openTemp('payer-kept-'));
  await s.saveTarget({ target: { code: 'G1', name: '第一医疗集团', kind: 'medical_group', group: null } });
  await s.saveTarget({ target: { code: 'G2', name: '第二医疗集团', kind: 'medical_group', group: null } });
  await s.saveTarget({ target: { code: 'T1', name: '城关卫生院', kind: 'township_centre', group: 'G1' } });
  const scheme = {
    code: 'TC',
    name: '卫生院考核',
    targetKind: 'township_centre',
    indicators: [
      { code: 'A', name: '综合', children: [{ code: 'A1', name: '得分', weight: 100, method: { type: 'manual' } }] },
    ],
  };
  expect((await s.saveScheme({ scheme, year: 2024, strict: true })).problems).toEqual([]);
});
afterEach(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const line = (more: Record<string, unknown> = {}) => ({
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
    ...more,
  },
});

async function storedPayer(): Promise<string | null | undefined> {
  const rows = await s.listSalaryInputs({ year: 2024 });
  return rows.find((r) => r.person === '李院长')?.payer;
}

it('leaving the payer out keeps the one set by hand; null goes back to the default', async () => {
  await s.setSalaryInput(line({ payer: 'G2' }) as never);
  expect(await storedPayer()).toBe('G2');
  await s.setSalaryInput(line({ base: '81000' }) as never);
  expect(await storedPayer()).toBe('G2');
  await s.setSalaryInput(line({ payer: '' }) as never);
  expect((await storedPayer()) ?? null).toBeNull();
  await s.setSalaryInput(line({ payer: 'G2' }) as never);
  await s.setSalaryInput(line({ payer: null }) as never);
  expect((await storedPayer()) ?? null).toBeNull();
});
