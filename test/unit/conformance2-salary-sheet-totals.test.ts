/**
 * excel.md 年薪核算: "a total row" — read back, each money column's total equals the sum of the lines
 * shown above it, also when one line could not be computed (finance.md: a target with no result is
 * an error for that person, shown by name; its base and performance base are still on the sheet).
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { exportResultsBytes } from '../../electron/services/workbooks/finance-export';
import { fromPayload } from '../../electron/services/workbooks/payload';
import { openTemp } from './support/ex1';

let s: Services;
let dir: string;
beforeEach(() => {
  ({ s, dir } = openTemp('conf2-saltotal-'));
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

it('every 年薪核算 sheet: the total row of each money column is the sum of its lines', async () => {
  await s.saveTarget({ target: { code: 'G1', name: '第一医疗集团', kind: 'medical_group', group: null } });
  await s.saveTarget({ target: { code: 'T1', name: '城关卫生院', kind: 'township_centre', group: 'G1' } });
  // T3 is appraised from 2025 on: in 2024 it has no result, so its person's line is an error.
  await s.saveTarget({ target: { code: 'T3', name: '新建卫生院', kind: 'township_centre', group: 'G1', from: 2025 } });
  expect((await s.saveScheme({ scheme, year: 2024, strict: true })).problems).toEqual([]);
  await s.setValues({
    year: 2024,
    scheme: 'TC',
    cells: [{ target: 'T1', indicator: 'A1', text: '87.5' }],
    reason: '录入',
  });
  const person = (name: string, target: string, base: string, perf: string, months: number) =>
    s.setSalaryInput({
      year: 2024,
      input: {
        person: name,
        role: '乡镇卫生院院长',
        target,
        scheme: 'TC',
        base,
        performanceBase: perf,
        months,
        cap: null,
      },
    });
  await person('李院长', 'T1', '80000', '60000', 9);
  await person('郑院长', 'T3', '60000', '50000', 12);
  const lines = await s.computeSalary({ year: 2024 });
  expect(lines.find((l) => l.person === '郑院长')!.error).toContain('郑院长');

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fromPayload(await exportResultsBytes(s, { year: 2024, scheme: 'TC' })) as unknown as ArrayBuffer);
  const sheets = wb.worksheets.filter((w) => w.name.startsWith('年薪核算'));
  expect(sheets.length).toBeGreaterThanOrEqual(2);
  for (const ws of sheets) {
    const header = ws.getRow(3).values as unknown[];
    let totalRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '合计') totalRow = n;
    });
    expect(totalRow, ws.name).toBeGreaterThan(4);
    for (const title of ['基本年薪', '绩效年薪基数', '绩效年薪', '年薪', '应发金额']) {
      const col = header.indexOf(title);
      expect(col, title).toBeGreaterThan(0);
      let fen = 0;
      for (let r = 4; r < totalRow; r++) {
        const v = ws.getRow(r).getCell(col).value;
        if (typeof v === 'number') fen += Math.round(v * 100);
      }
      expect(Math.round((ws.getRow(totalRow).getCell(col).value as number) * 100), `${ws.name} ${title}`).toBe(fen);
    }
  }
});
