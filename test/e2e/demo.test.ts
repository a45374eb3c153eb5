/**
 * The demo county from the first-start screen: 载入示例数据 opens 示例县 in its own database (a
 * banner says so on every page), its 2024 results are ranked with grades, and 返回正式数据 brings
 * back the real — still empty — database. Then backup and restore from the settings page, which
 * only offers the program's own backups folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Host } from '../../electron/host/server';
import type { Settings } from '../../shared/api/contract';
import type { SchemeResult } from '../../shared/domain/types';
import { callApi, ensureRendererBuilt, idle, launch, newPage, shot, startTestHost, tempDb } from './support';

describe('the demo county from the first-start screen', () => {
  let host: Host;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let realDb: string;

  beforeAll(async () => {
    ensureRendererBuilt();
    realDb = tempDb('demo');
    host = await startTestHost(realDb);
    browser = await launch();
    ({ context, page } = await newPage(browser));
    await page.goto(host.url);
    await page.getByTestId('first-start').waitFor();
    await idle(page);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await host?.close();
  });

  const nav = async (id: string) => {
    await page.getByTestId(`nav-${id}`).click();
    await page.getByTestId(`page-${id}`).waitFor();
    await idle(page);
  };
  const noError = async () => {
    const banner = page.getByTestId('error-banner');
    if (await banner.count()) throw new Error(`页面报错：${await banner.evaluate((e) => e.textContent)}`);
  };
  const cell = (row: string, col: string) =>
    page.locator(`[data-testid="ranking-grid"] .ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`);

  it('载入示例数据 opens 示例县 with a banner, and its 2024 results show ranked with grades', async () => {
    await page.getByTestId('first-start-demo').click();
    await page.getByTestId('demo-banner').waitFor({ timeout: 60_000 });
    await idle(page);
    await noError();
    expect(await page.getByTestId('demo-banner').innerText()).toContain(
      '当前为示例数据库（示例县），数据与正式数据分开保存',
    );
    await expect.poll(() => page.getByTestId('county-name').innerText()).toBe('示例县');
    await expect.poll(() => page.getByTestId('year-select').inputValue()).toBe('2024');
    await page.getByTestId('scheme-card-TC').waitFor();
    await shot(page, '20-示例数据-概览');

    await nav('results');
    await page.getByTestId('scheme-select').selectOption('TC');
    await idle(page);
    // The banner stays on every page.
    expect(await page.getByTestId('demo-banner').isVisible()).toBe(true);
    const expected = await callApi<SchemeResult>(host, 'score', { year: 2024, scheme: 'TC' });
    expect(expected.results).toHaveLength(15);
    await cell(expected.results[0]!.target, 'rank').waitFor({ timeout: 30_000 });
    expect(await cell(expected.results[0]!.target, 'rank').innerText()).toBe('1');
    await shot(page, '21-示例数据-考核结果');
    // Eight dimension columns push grade and flags past the right edge: scroll there (the grid
    // draws only the columns in view).
    await page
      .locator('[data-testid="ranking-grid"] .ag-body-horizontal-scroll-viewport')
      .evaluate((e) => (e.scrollLeft = e.scrollWidth));
    await expect
      .poll(() => cell(expected.results[0]!.target, 'grade').innerText(), { timeout: 30_000 })
      .toBe(expected.results[0]!.grade);
    for (const r of expected.results) {
      expect(await cell(r.target, 'rank').innerText()).toBe(String(r.rank));
      expect(await cell(r.target, 'grade').innerText()).toBe(r.grade);
    }
    expect(new Set(expected.results.map((r) => r.grade)).size).toBeGreaterThanOrEqual(3);
    expect(await cell('T09', 'grade').innerText()).toBe('不合格');
    expect(await cell('T09', 'flags').innerText()).toContain('一票否决');

    await nav('settings');
    expect(await page.getByTestId('settings-db').innerText()).toContain('示例县-演示.sqlite');
    expect(await page.getByTestId('demo-banner').isVisible()).toBe(true);
  });

  it('返回正式数据 shows the real database again, empty as it was', async () => {
    await page.getByTestId('demo-leave').click();
    await page.getByTestId('first-start').waitFor();
    await idle(page);
    await noError();
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    expect(await page.getByTestId('county-name').count()).toBe(0);
    expect(await page.getByTestId('year-select').isDisabled()).toBe(true);
    const settings = await callApi<Settings>(host, 'getSettings');
    expect(settings).toMatchObject({ isDemo: false, dbPath: realDb });
    expect(await callApi<unknown[]>(host, 'listTargets', { includeInactive: true })).toEqual([]);
    expect(await callApi<number[]>(host, 'listYears')).toEqual([]);
    await nav('settings');
    expect(await page.getByTestId('settings-db').innerText()).toBe(realDb);
  });

  it('backs up into the backups folder and restores a listed backup after confirming', async () => {
    await page.getByTestId('settings-county').fill('备份县');
    await page.getByTestId('settings-save').click();
    await idle(page);
    await page.getByTestId('settings-backup').click();
    await idle(page);
    await noError();
    expect(await page.getByTestId('backup-path').innerText()).toMatch(/备份[/\\]数据备份-\d{8}-\d{6}/);
    await page.getByTestId('backup-row').first().waitFor();

    // Change the data, then restore the backup: the change is undone.
    await page.getByTestId('settings-county').fill('改过的县');
    await page.getByTestId('settings-save').click();
    await idle(page);
    await expect.poll(() => page.getByTestId('county-name').innerText()).toBe('改过的县');
    await page.getByTestId('backup-row').first().getByTestId('backup-restore').click();
    const dialog = page.getByTestId('restore-confirm');
    expect(await dialog.innerText()).toContain('先把当前数据自动备份');
    // What the backup holds is shown before anything is replaced (inspectBackup).
    expect(await dialog.getByTestId('restore-summary').innerText()).toMatch(/县（区）：备份县[\s\S]*最近一次修改：/);
    await shot(page, '22-设置-从备份恢复');
    await dialog.getByTestId('dialog-confirm').click();
    await idle(page);
    await noError();
    await expect.poll(() => page.getByTestId('county-name').innerText()).toBe('备份县');
    // The safety copy of the data before the restore is listed too.
    await nav('settings');
    await expect.poll(() => page.getByTestId('backup-row').count()).toBe(2);
    expect(await page.getByTestId('backup-list').innerText()).toContain('恢复前自动备份');
  });
});
