/**
 * finance.md: "All amounts are yuan with 2 decimals". A salary input with a third decimal is bad
 * input — refused with a Chinese message naming the field, nothing written — as the salary workbook
 * and `paytotal set` already refuse it; `salary set --base 1.005` was stored and silently paid as 1.01.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { openTemp, snapshot } from './support/ex1';

let s: Services;
let dir: string;
beforeEach(async () => {
  ({ s, dir } = openTemp('conf2-salary-fen-'));
  await s.saveTarget({ target: { code: 'T1', name: '城关卫生院', kind: 'township_centre', group: null } });
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

const input = (more: Record<string, unknown>) => ({
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

it.each([
  ['base', '80000.005', 'input.base'],
  ['performanceBase', '1.005', 'input.performanceBase'],
  ['cap', '120000.001', 'input.cap'],
])('%s = %s is refused (INPUT, names the field), nothing written', async (field, value, path) => {
  const before = snapshot(s.ctx.raw);
  await expect(s.setSalaryInput(input({ [field]: value }) as never)).rejects.toMatchObject({
    code: 'INPUT',
    message: expect.stringContaining('两位小数'),
    problems: [expect.objectContaining({ path })],
  });
  expect(snapshot(s.ctx.raw)).toEqual(before);
});

it('two decimals are taken as they are', async () => {
  await s.setSalaryInput(input({ base: '80000.50', performanceBase: '60000.05', cap: '150000.10' }) as never);
  const [line] = await s.computeSalary({ year: 2024 });
  expect([line!.base, line!.performanceBase].map(Number)).toEqual([80000.5, 60000.05]);
});
