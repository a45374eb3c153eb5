/**
 * The smaller fixes of issue 9, clicked in Chromium and read back from the store: 资金分配 keeps
 * what was allocated across a reload and says when it is out of date; "60,000" is a number in a
 * form; money shows thousands separators; 操作日志 lists the newest first, paged; a bonus above the
 * cap is said; the scheme editor carries values with a renamed indicator code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Host } from '../../electron/host/server';
import type { AuditEntry, StoredAllocation, ValueCell } from '../../shared/api/contract';
import { callApi, ensureRendererBuilt, idle, launch, newPage, shot, startTestHost, tempDb } from './support';

const EXAMPLES = '/work/shared/examples';
const exScheme = JSON.parse(readFileSync(path.join(EXAMPLES, 'ex1-scheme.json'), 'utf8')) as Record<string, unknown>;
const exValues = JSON.parse(readFileSync(path.join(EXAMPLES, 'ex1-values.json'), 'utf8')) as Record<
  string,
  Record<string, number | string | null>
>;
const Y = { year: 2024, scheme: 'EX' };

describe('small fixes in the browser', () => {
  let host: Host;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const nav = async (id: string) => {
    await page.getByTestId(`nav-${id}`).click();
    await page.getByTestId(`page-${id}`).waitFor();
    await idle(page);
  };
  const noError = async () => {
    const banner = page.getByTestId('error-banner');
    if (await banner.count()) throw new Error(`页面报错：${await banner.evaluate((e) => e.textContent)}`);
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    host = await startTestHost(tempDb('small'));
    await callApi(host, 'saveSettings', { countyName: '测试县', appraiserName: '张考核' });
    for (const [code, name] of [
      ['EX-01', '城关社区卫生服务中心'],
      ['EX-02', '东街社区卫生服务中心'],
      ['EX-03', '西关社区卫生服务中心'],
    ]) {
      await callApi(host, 'saveTarget', {
        target: { code, name, kind: 'community_centre', group: null, active: true },
      });
    }
    await callApi(host, 'saveScheme', { scheme: exScheme, year: 2024, strict: true });
    const cells = Object.entries(exValues).flatMap(([target, row]) =>
      Object.entries(row).map(([indicator, v]) => ({ target, indicator, text: v === null ? '' : String(v) })),
    );
    await callApi(host, 'setValues', { ...Y, cells });
    browser = await launch();
    ({ context, page } = await newPage(browser));
    await page.goto(host.url);
    await idle(page);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await host?.close();
  });

  it('资金分配: "60,000" is accepted, amounts show separators, the stored allocation survives a reload and is marked out of date', async () => {
    await nav('fund');
    await page.getByTestId('fund-exclude-不合格').uncheck();
    await page.getByTestId('fund-amount').fill('60,000');
    await expect.poll(() => page.getByTestId('fund-run').isEnabled()).toBe(true);
    await page.getByTestId('fund-run').click();
    await idle(page);
    await noError();
    const stored = await callApi<StoredAllocation>(host, 'getAllocation', Y);
    expect(stored.amount).toBe('60000.00');
    expect(stored.sum).toBe('60000.00');
    expect(await page.getByTestId('fund-summary').innerText()).toContain('60,000.00');
    const part = stored.parts.find((p) => p.target === 'EX-02')!;
    const shown = await page.getByTestId('fund-amount-EX-02').innerText();
    expect(shown).toMatch(/^\d{1,3}(,\d{3})+\.\d{2}$/);
    expect(shown.replace(/,/g, '')).toBe(part.amount);
    expect(await page.getByTestId('fund-outdated').count()).toBe(0);
    await shot(page, 'small-资金分配');

    // A reload shows what is stored (not an empty page).
    await page.reload();
    await idle(page);
    await nav('fund');
    await expect.poll(() => page.getByTestId('fund-amount-EX-02').innerText()).toBe(shown);
    expect(await page.getByTestId('fund-amount').inputValue()).toBe('60000.00');
    expect(await page.getByTestId('fund-outdated').count()).toBe(0);

    // A score change elsewhere: shown again, the allocation is marked out of date, naming why.
    await callApi(host, 'addAdjustment', {
      ...Y,
      target: 'EX-01',
      kind: 'deduction',
      points: '5',
      reason: '督导发现问题',
    });
    await nav('overview');
    await nav('fund');
    await page.getByTestId('fund-outdated').waitFor();
    expect(await page.getByTestId('fund-outdated').innerText()).toContain('EX-01');
    // Re-allocating clears it.
    await page.getByTestId('fund-run').click();
    await idle(page);
    await expect.poll(() => page.getByTestId('fund-outdated').count()).toBe(0);
    // Changing the form marks it too, until allocated again.
    await page.getByTestId('fund-amount').fill('70,000');
    await page.getByTestId('fund-outdated').waitFor();
    expect(await page.getByTestId('fund-outdated').innerText()).toContain('条件已修改');
  });

  it('a bonus above the scheme cap is said when recorded and on the target page', async () => {
    await nav('results');
    await page.getByTestId('open-adjust').click();
    await page.getByTestId('adjust-target').selectOption('EX-01');
    await page.getByTestId('adjust-bonus').check();
    await page.getByTestId('adjust-points').fill('4');
    await page.getByTestId('adjust-reason').fill('省级表彰');
    await page.getByTestId('dialog-confirm').click();
    await idle(page);
    await noError();
    await expect
      .poll(() => page.getByTestId('notice').allInnerTexts())
      .toContainEqual(expect.stringContaining('加分上限 3 分'));
    const res = await callApi<{ results: { target: string; bonus: string; bonusClaimed?: string }[] }>(
      host,
      'score',
      Y,
    );
    expect(res.results.find((r) => r.target === 'EX-01')).toMatchObject({ bonus: '3.00', bonusClaimed: '4.00' });
  });

  it('the scheme editor carries the stored values with a renamed indicator code', async () => {
    await nav('scheme');
    await page.getByTestId('tree-P1').click();
    const code = page.locator('[data-testid="node-code"]');
    await code.fill('P1X');
    await page.getByTestId('node-name').fill('高血压患者规范管理率（新）');
    await page.getByTestId('scheme-save').click();
    await idle(page);
    await noError();
    const values = await callApi<ValueCell[]>(host, 'getValues', Y);
    expect(
      values
        .filter((c) => c.indicator === 'P1X')
        .map((c) => c.target)
        .sort(),
    ).toEqual(['EX-01', 'EX-02', 'EX-03']);
    expect(values.filter((c) => c.indicator === 'P1')).toEqual([]);
  });

  it('操作日志: the newest first, 200 at a time, 加载更多 for the older ones', async () => {
    for (let i = 0; i < 210; i++) {
      await callApi(host, 'setValue', { ...Y, target: 'EX-03', indicator: 'Q3', text: String(12000 + i) });
    }
    await callApi(host, 'setValue', { ...Y, target: 'EX-01', indicator: 'Q3', text: '38212', reason: '刚刚做的更正' });
    const all = await callApi<AuditEntry[]>(host, 'audit', {});
    const newest = all[all.length - 1]!;
    expect(newest.reason).toBe('刚刚做的更正');
    await nav('audit');
    const firstRowId = () =>
      page.locator('[data-testid="audit-grid"] .ag-row[row-index="0"]').first().getAttribute('row-id');
    await expect.poll(firstRowId).toBe(String(newest.id));
    expect(await page.getByTestId('audit-count').innerText()).toContain('已显示 200 条');
    await page.getByTestId('audit-more').click();
    await idle(page);
    const n = Math.min(400, all.length);
    await expect.poll(() => page.getByTestId('audit-count').innerText()).toContain(`已显示 ${n} 条`);
    await shot(page, 'small-操作日志');
  });
});
