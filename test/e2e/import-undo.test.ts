/**
 * 数据采集 in Chromium (issue 9 points 2 and 5): a 5-cell correction sheet previews 5 changed and
 * writes exactly 5 values (merge, the default); 整表替换 warns and counts what it would clear; the
 * import is undone from 导入记录; the 上年数 column of a growth indicator is edited in the grid.
 * Every outcome is read back from the database through the API.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BaselineCell, ValueCell } from '../../shared/api/contract';
import type { Host } from '../../electron/host/server';
import {
  callApi,
  chooseFile,
  ensureRendererBuilt,
  idle,
  launch,
  newPage,
  shot,
  startTestHost,
  tempDb,
  XLSX_MIME,
} from './support';

const scheme = JSON.parse(readFileSync(path.join('/work/shared/examples', 'ex1-scheme.json'), 'utf8'));
// Q3 门诊人次 becomes a growth indicator, so the grid has a 上年数 column.
for (const d of scheme.indicators) {
  for (const l of d.children) {
    if (l.code === 'Q3') Object.assign(l, { weight: 20, method: { type: 'growth', target: 10, floor: 0 } });
    if (l.code === 'Q2') Object.assign(l, { weight: 0, method: { type: 'monitor' } });
  }
}
const LEAVES = ['P1', 'P2', 'Q1', 'Q2', 'Q3', 'S1'];
const FULL: Record<string, string[]> = {
  'EX-01': ['80.2', '66.5', '41', '17.5', '38211', '满意'],
  'EX-02': ['90', '72', '33.8', '不适用', '20554', '基本满意'],
  'EX-03': ['61.7', '55', '58', '9', '12002', '不满意'],
};

async function correction(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据采集');
  ws.addRow(['对象编码', '对象名称', ...LEAVES]);
  ws.addRow(['EX-01', '', 81, null, 40, null, null, '基本满意']);
  ws.addRow(['EX-02', '', null, null, null, 12, null, null]);
  ws.addRow(['EX-03', '', null, '不适用', null, null, null, null]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('数据采集: merge, replace, undo, 上年数 (browser)', () => {
  let host: Host;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const Y = { year: 2024, scheme: 'EX' };
  const stored = async () =>
    Object.fromEntries(
      (await callApi<ValueCell[]>(host, 'getValues', Y)).map((c) => [
        `${c.target}/${c.indicator}`,
        JSON.stringify(c.value),
      ]),
    );
  const cell = (row: string, col: string) =>
    page.locator(`[data-testid="values-grid"] .ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`);

  beforeAll(async () => {
    ensureRendererBuilt();
    host = await startTestHost(tempDb('import-undo'));
    await callApi(host, 'saveSettings', { countyName: '测试县', appraiserName: '张考核' });
    for (const [code, name] of [
      ['EX-01', '城关'],
      ['EX-02', '东街'],
      ['EX-03', '西关'],
    ]) {
      await callApi(host, 'saveTarget', {
        target: { code, name, kind: 'community_centre', group: null, active: true },
      });
    }
    await callApi(host, 'saveScheme', { scheme, strict: true });
    const cells = Object.entries(FULL).flatMap(([target, row]) =>
      row.map((text, i) => ({ target, indicator: LEAVES[i]!, text })),
    );
    await callApi(host, 'setValues', { ...Y, cells });
    browser = await launch();
    ({ context, page } = await newPage(browser));
    await page.goto(host.url);
    await idle(page);
    await page.getByTestId('nav-collect').click();
    await page.getByTestId('page-collect').waitFor();
    await idle(page);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await host?.close();
  });

  it('previews 5 changed, shows what 整表替换 would clear, and writes exactly the 5 values', async () => {
    const before = await stored();
    expect(Object.keys(before)).toHaveLength(18);
    await chooseFile(page, () => page.getByTestId('import-values').click(), {
      name: '更正.xlsx',
      mimeType: XLSX_MIME,
      buffer: await correction(),
    });
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    await idle(page);
    await expect.poll(() => preview.getByTestId('count-changed').innerText()).toBe('5');
    expect(await preview.getByTestId('count-new').innerText()).toBe('0');
    expect(await preview.getByTestId('count-unchanged').innerText()).toBe('0');
    expect(await preview.getByTestId('count-cleared').innerText()).toBe('0');
    expect(await preview.getByTestId('preview-summary').innerText()).toContain('修改 5');

    await preview.getByTestId('mode-replace').check();
    await idle(page);
    await preview.getByTestId('replace-warning').waitFor();
    // Replace: the 13 blank cells of the three listed targets would be cleared.
    await expect.poll(() => preview.getByTestId('count-cleared').innerText()).toBe('13');
    await shot(page, '数据采集-导入预览-整表替换');
    await preview.getByTestId('mode-merge').check();
    await idle(page);
    await expect.poll(() => preview.getByTestId('count-cleared').innerText()).toBe('0');
    expect(await stored()).toEqual(before); // the preview wrote nothing

    await preview.getByTestId('dialog-confirm').click();
    await idle(page);
    await preview.waitFor({ state: 'detached' });
    const after = await stored();
    const changed = Object.keys(before)
      .filter((k) => before[k] !== after[k])
      .sort();
    expect(changed).toEqual(['EX-01/P1', 'EX-01/Q1', 'EX-01/S1', 'EX-02/Q2', 'EX-03/P2']);
    expect(Object.keys(after)).toHaveLength(18);
    await expect.poll(() => cell('EX-01', 'P1').innerText()).toBe('81');
    expect(await page.getByTestId('collect-message').innerText()).toContain('修改 5');

    // 导入记录 → 撤销导入: the values go back to what they were.
    await page.getByTestId('import-history-open').click();
    const list = page.getByTestId('import-history');
    await list.waitFor();
    await idle(page);
    await list.locator('[data-testid^="undo-import-"]').first().click();
    await page.getByTestId('undo-confirm').getByTestId('dialog-confirm').click();
    await idle(page);
    await expect.poll(async () => JSON.stringify(await stored())).toBe(JSON.stringify(before));
    await expect.poll(() => list.innerText()).toContain('已撤销');
    await list.getByTestId('dialog-cancel').last().click();
    await expect.poll(() => cell('EX-01', 'P1').innerText()).toBe('80.2');
  });

  it('edits the 上年数 of a growth indicator in the grid', async () => {
    const base = cell('EX-02', 'Q3__上年数');
    await base.waitFor();
    expect(await base.innerText()).toBe('');
    await base.dblclick();
    await page.keyboard.type('20000');
    await page.keyboard.press('Enter');
    await idle(page);
    await expect
      .poll(
        async () => (await callApi<BaselineCell[]>(host, 'getBaselines', Y)).find((b) => b.target === 'EX-02')?.kept,
      )
      .toEqual({ kind: 'number', number: '20000' });
    await expect.poll(() => base.innerText()).toBe('20000');
    await shot(page, '数据采集-上年数');
    // And growth now scores from it: (20554 − 20000) ÷ 20000 = 2.77 % → 20 × 2.77 / 10 = 5.54.
    const r = await callApi<{ results: { target: string; indicators: Record<string, { score: string | null }> }[] }>(
      host,
      'score',
      Y,
    );
    expect(r.results.find((t) => t.target === 'EX-02')!.indicators.Q3!.score).toBe('5.54');
  });
});
