/**
 * Issue 9 point 6, in the browser: the scheme editor never drops unsaved edits silently (switching
 * scheme, year or page asks 保存/放弃/取消), its percentage settings take 50 for 50 % (stored 0.5), and
 * the results page of a locked scheme disables bonus/veto with the reason, with 总分 and 等次 pinned
 * in view on a 1366-wide window. Outcomes are read back from the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Host } from '../../electron/host/server';
import { openServices, type Services } from '../../electron/services';
import type { Scheme } from '../../shared/domain/types';
import { ensureRendererBuilt, idle, launch, newPage, startTestHost, tempDb, VIEWPORT } from './support';

const YEAR = 2025;

describe('scheme editor and results page', () => {
  let dbPath: string;
  let host: Host;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  /** A short-lived connection of its own, as the CLI would have (the host keeps its own). */
  const withServices = async <T>(fn: (s: Services) => Promise<T>): Promise<T> => {
    const s = openServices({ dbPath, who: '测试' });
    try {
      return await fn(s);
    } finally {
      await s.close();
    }
  };
  const storedScheme = (code: string, year = YEAR) => withServices((s) => s.getScheme({ year, scheme: code }));
  const nav = async (id: string) => {
    await page.getByTestId(`nav-${id}`).click();
    await page.getByTestId(`page-${id}`).waitFor();
    await idle(page);
  };
  const shown = (id: string) => page.locator('.page-host:not([hidden])').getByTestId(id);

  beforeAll(async () => {
    ensureRendererBuilt();
    dbPath = tempDb('scheme-results');
    await withServices(async (s) => {
      await s.saveSettings({ countyName: '测试县', appraiserName: '张考核' });
      await s.saveTarget({
        target: { code: 'G1', name: '县医疗集团', kind: 'medical_group', group: null, active: true },
      });
      for (let i = 1; i <= 6; i++) {
        await s.saveTarget({
          target: { code: `T0${i}`, name: `第${i}乡镇卫生院`, kind: 'township_centre', group: 'G1', active: true },
        });
        await s.saveTarget({
          target: { code: `V0${i}`, name: `第${i}村卫生室`, kind: 'village_clinic', group: null, active: true },
        });
      }
      for (const year of [YEAR - 1, YEAR]) {
        await s.useTemplate({ name: 'township-centre', year, code: 'TC' });
        await s.useTemplate({ name: 'village-clinic', year, code: 'VC' });
      }
      // Shares as scheme-json.md stores them (0–1).
      const tc = await s.getScheme({ year: YEAR, scheme: 'TC' });
      const grades = (tc.grades ?? []).map((g, i) => (i === 0 ? { ...g, quota: 0.15 } : g));
      await s.saveScheme({ scheme: { ...tc, minPublicWelfareShare: 0.3, grades } satisfies Scheme, year: YEAR });
    });
    host = await startTestHost(dbPath);
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

  it('takes percentages as percents (50 means 50 %) and stores the 0–1 share', async () => {
    await nav('scheme');
    await shown('scheme-select').selectOption('TC');
    await idle(page);
    await page.getByTestId('tab-scheme-settings').click();
    expect(await page.getByTestId('min-pw-share').inputValue()).toBe('30');
    expect(await page.getByTestId('grade-quota-0').inputValue()).toBe('15');
    await page.getByTestId('min-pw-share').fill('50');
    await page.getByTestId('grade-quota-0').fill('20');
    await expect.poll(() => page.getByTestId('pw-share').innerText()).toContain('不低于 50%');
    await page.getByTestId('scheme-save').click();
    await idle(page);
    await expect.poll(async () => (await storedScheme('TC')).minPublicWelfareShare).toBe(0.5);
    expect((await storedScheme('TC')).grades![0]!.quota).toBe(0.2);
    // A percent above 100 is named at the field.
    await page.getByTestId('min-pw-share').fill('150');
    expect(
      await page
        .locator('.field.has-error')
        .filter({ has: page.getByTestId('min-pw-share') })
        .innerText(),
    ).toContain('0～100');
    await page.getByTestId('min-pw-share').fill('50');
  });

  it('asks before unsaved edits are left: 取消 stays, 放弃 discards, 保存 stores', async () => {
    await nav('scheme');
    await page.getByTestId('tab-scheme-settings').click();
    const dialog = page.getByTestId('unsaved-dialog');
    const select = shown('scheme-select');
    // Saved state to start from (the previous test may have left an edit).
    if (await dialog.count()) await dialog.getByTestId('dialog-discard').click();
    await page.getByTestId('min-pw-share').fill('45');

    // Switching scheme: 取消 keeps the scheme and the edit.
    await select.selectOption('VC');
    await dialog.waitFor();
    await dialog.getByTestId('dialog-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await select.inputValue()).toBe('TC');
    expect(await page.getByTestId('min-pw-share').inputValue()).toBe('45');

    // Switching year: asked too.
    await page.getByTestId('year-select').selectOption(String(YEAR - 1));
    await dialog.waitFor();
    await dialog.getByTestId('dialog-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('year-select').inputValue()).toBe(String(YEAR));

    // 放弃: the switch happens and nothing is stored.
    await select.selectOption('VC');
    await dialog.waitFor();
    await dialog.getByTestId('dialog-discard').click();
    await expect.poll(() => select.inputValue()).toBe('VC');
    await idle(page);
    expect((await storedScheme('TC')).minPublicWelfareShare).toBe(0.5);
    // Back on TC the stored value shows, not the discarded edit.
    await select.selectOption('TC');
    await idle(page);
    await page.getByTestId('tab-scheme-settings').click();
    await expect.poll(() => page.getByTestId('min-pw-share').inputValue()).toBe('50');

    // Leaving the page: 保存 stores, then the page changes.
    await page.getByTestId('min-pw-share').fill('40');
    await page.getByTestId('nav-collect').click();
    await dialog.waitFor();
    expect(await page.getByTestId('page-scheme').count()).toBe(1); // still here while asked
    await dialog.getByTestId('dialog-confirm').click();
    await page.getByTestId('page-collect').waitFor();
    await idle(page);
    expect((await storedScheme('TC')).minPublicWelfareShare).toBe(0.4);
    // An edit undone by hand leaves nothing to ask about.
    await nav('scheme');
    await page.getByTestId('tab-scheme-settings').click();
    await page.getByTestId('min-pw-share').fill('45');
    await expect.poll(() => page.getByTestId('scheme-save').innerText()).toBe('保存*');
    await page.getByTestId('min-pw-share').fill('40');
    await expect.poll(() => page.getByTestId('scheme-save').innerText()).toBe('保存');
    await select.selectOption('VC');
    await idle(page);
    expect(await dialog.count()).toBe(0);
    await select.selectOption('TC');
    await idle(page);
  });

  it('pins 名次/名称 left and 总分/等次 right, in view on a 1366-wide window', async () => {
    expect(VIEWPORT.width).toBe(1366);
    await nav('results');
    await shown('scheme-select').selectOption('TC');
    await idle(page);
    const grid = page.getByTestId('ranking-grid');
    await grid.locator('.ag-row[row-id="T01"]').first().waitFor();
    const box = await grid.boundingBox();
    const inView = async (what: string, l: ReturnType<Page['locator']>) => {
      await l.waitFor();
      const b = (await l.boundingBox())!;
      expect(b.x, what).toBeGreaterThanOrEqual(box!.x - 1);
      expect(b.x + b.width, what).toBeLessThanOrEqual(Math.min(box!.x + box!.width, VIEWPORT.width) + 1);
    };
    for (const col of ['rank', 'name', 'total', 'grade']) {
      await inView(`${col} header`, grid.locator(`.ag-header-cell[col-id="${col}"]`));
      await inView(`${col} of T01`, grid.locator(`.ag-row[row-id="T01"] .ag-cell[col-id="${col}"]`));
    }
    // Scrolled to the far right, 名次 and 名称 are still in view; scrolled back, so are 总分 and 等次.
    await grid.locator('.ag-body-horizontal-scroll-viewport').evaluate((e) => {
      e.scrollLeft = e.scrollWidth;
    });
    await inView('rank after scrolling', grid.locator('.ag-header-cell[col-id="rank"]'));
    await inView('name after scrolling', grid.locator('.ag-row[row-id="T01"] .ag-cell[col-id="name"]'));
    // The middle part really scrolls (otherwise pinning would prove nothing).
    const scroll = await grid
      .locator('.ag-body-horizontal-scroll-viewport')
      .evaluate((e) => e.scrollWidth > e.clientWidth);
    expect(scroll).toBe(true);
  });

  it('disables bonus and veto on a locked scheme and says why, with a readable time', async () => {
    await nav('results');
    const adjust = shown('open-adjust');
    const veto = shown('open-veto');
    expect(await adjust.isEnabled()).toBe(true);
    expect(await veto.isEnabled()).toBe(true);
    // Locked from the command line meanwhile; the page learns it on reload.
    await withServices((s) => s.lock({ year: YEAR, scheme: 'TC' }));
    await page.reload();
    await idle(page);
    await nav('results');
    await shown('scheme-select').selectOption('TC');
    await idle(page);
    await expect.poll(() => adjust.isDisabled()).toBe(true);
    expect(await veto.isDisabled()).toBe(true);
    const readable = /于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 定稿/;
    expect(await adjust.getAttribute('title')).toMatch(readable);
    expect(await veto.getAttribute('title')).toMatch(/已.*定稿/);
    const note = await shown('locked-note').innerText();
    expect(note).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    expect(note).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // The page of one target says the same.
    await page.getByTestId('ranking-grid').locator('.ag-row[row-id="T01"] .ag-cell[col-id="rank"]').dblclick();
    await page.getByTestId('target-detail').waitFor();
    expect(await page.getByTestId('detail-adjust').isDisabled()).toBe(true);
    expect(await page.getByTestId('detail-veto').isDisabled()).toBe(true);
    expect(await page.getByTestId('detail-locked').innerText()).toMatch(readable);
    await page.getByTestId('detail-back').click();
  });
});
