/**
 * domain.md: a target code is "compared without regard to case" — also in the factor file of
 * `allocate --factor-column NAME --factors FILE.xlsx` (finance.md "Fund allocation by results").
 * A factor for `ex-01` is the factor of the stored EX-01; `ex-01` and `EX-01` in one file is the
 * same target twice (rejected, naming the cell).
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { readFactorsWorkbook } from '../../electron/services/factors';
import { loadEx1, openTemp } from './support/ex1';

let s: Services;
let dir: string;
beforeEach(async () => {
  ({ s, dir } = openTemp('conf2-factors-'));
  await loadEx1(s);
});
afterEach(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function book(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('系数');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

it('factors keyed by a lower-case code apply to the stored target', async () => {
  const factors = await readFactorsWorkbook(
    await book([
      ['对象编码', '服务人口'],
      ['ex-01', 2],
      ['Ex-02', 1],
      ['EX-03', 1],
    ]),
    '服务人口',
  );
  const a = await s.allocate({ year: 2024, scheme: 'EX', amount: '100000', factors, excludeGrades: [] });
  const byTarget = Object.fromEntries(a.parts.map((p) => [p.target, p]));
  expect(Object.keys(byTarget).sort()).toEqual(['EX-01', 'EX-02', 'EX-03']);
  expect(byTarget['EX-01']!.factor).toBe('2');
  expect(a.sum).toBe('100000.00');
  // What was stored reads back as current (its factors name the stored targets).
  const stored = await s.getAllocation({ year: 2024, scheme: 'EX' });
  expect(stored!.factors).toEqual({ 'EX-01': '2', 'EX-02': '1', 'EX-03': '1' });
  expect(stored!.outdated).toEqual([]);
  // The same allocation with the stored spelling gives the same parts.
  const b = await s.allocate({
    year: 2024,
    scheme: 'EX',
    amount: '100000',
    factors: { 'EX-01': '2', 'EX-02': '1', 'EX-03': '1' },
    excludeGrades: [],
  });
  expect(a.parts).toEqual(b.parts);
});

it('the same target twice in the factor file, in two spellings, is rejected naming the cell', async () => {
  const bytes = await book([
    ['对象编码', '服务人口'],
    ['EX-01', 2],
    ['ex-01', 3],
  ]);
  await expect(readFactorsWorkbook(bytes, '服务人口')).rejects.toMatchObject({
    code: 'INPUT',
    message: expect.stringContaining('系数!B3'),
  });
});

it('two spellings of one target in the factors given to allocate are refused, and nothing is stored', async () => {
  await expect(
    s.allocate({ year: 2024, scheme: 'EX', amount: '100', factors: { 'EX-01': '2', 'ex-01': '3' }, excludeGrades: [] }),
  ).rejects.toMatchObject({
    code: 'INPUT',
  });
  expect(s.savedAllocation(2024, 'EX')).toBeNull();
});
