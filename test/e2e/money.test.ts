/**
 * The money pages on the demo county (示例县), through the browser: 年薪核算 shows the stored lines
 * grouped by payer on the first visit, with the groups' term results beside their leaders, and marks
 * them out of date after an edit; 总量与结余 shows and stores pay totals and surplus splits; 考核结果运用
 * quotes 运政办发〔2019〕3号 第22条 for the village clinic that failed twice; a group's result page
 * shows its term.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Host } from '../../electron/host/server';
import type { SalaryInput, SalaryLine, SurplusRecord } from '../../shared/api/contract';
import { loadDemo } from '../../electron/services/demo';
import { openServices } from '../../electron/services';
import { callApi, ensureRendererBuilt, idle, launch, newPage, shot, startTestHost, tempDb } from './support';

describe('the money pages on the demo county', () => {
  let host: Host;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureRendererBuilt();
    const db = tempDb('money');
    await loadDemo(db, { open: openServices });
    host = await startTestHost(db);
    browser = await launch();
    ({ context, page } = await newPage(browser));
    await page.goto(host.url);
    await idle(page);
    await page.locator('[data-testid="year-select"] option[value="2024"]').waitFor({ state: 'attached' });
  }, 180_000);
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

  it('年薪核算: the stored lines on the first visit, by payer with subtotals, names not codes, terms beside the group leaders', async () => {
    await expect.poll(() => page.getByTestId('year-select').inputValue()).toBe('2024');
    await nav('salary');
    await noError();
    const lines = page.getByTestId('salary-lines');
    await lines.waitFor();
    const text = await lines.innerText();
    expect(text).toContain('发放主体：县财政');
    expect(text).toContain('发放主体：示例县人民医院医疗集团');
    expect(text).toContain('发放主体：示例县中医院医疗集团');
    expect(text).toContain('村医');
    expect(await page.getByTestId('salary-subtotal-县财政').innerText()).toMatch(/县财政 小计\s+[\d.]+\s+\S+元/);
    expect(await page.getByTestId('salary-term-G01').first().innerText()).toMatch(/2022–2024 年均/);
    // The inputs grid names the units on the first visit.
    await expect
      .poll(() => page.locator('[data-testid="salary-inputs"] .ag-cell[col-id="target"]').first().innerText())
      .toContain('示例县人民医院医疗集团（G01）');
    expect(await page.getByTestId('salary-stale').count()).toBe(0);
    await shot(page, '30-年薪核算-按发放主体');
  });

  it('an edit marks the lines out of date; a reload shows what is stored, computed again', async () => {
    const inputs = await callApi<SalaryInput[]>(host, 'listSalaryInputs', { year: 2024 });
    const doctor = inputs[0]!; // the first row in view: G01's 党委书记
    await page.locator('[data-testid="salary-inputs"] .ag-row', { hasText: doctor.person }).first().dblclick();
    const d = page.getByTestId('salary-dialog');
    await d.waitFor();
    await d.getByTestId('salary-months').fill('6');
    await d.getByTestId('dialog-confirm').click();
    await idle(page);
    await noError();
    await page.getByTestId('salary-stale').waitFor();
    await page.reload();
    await idle(page);
    await nav('salary');
    await page.getByTestId('salary-lines').waitFor();
    expect(await page.getByTestId('salary-stale').count()).toBe(0);
    const row = page.locator('[data-testid="salary-lines"] tr', { hasText: doctor.person });
    const line = (await callApi<SalaryLine[]>(host, 'computeSalary', { year: 2024 })).find(
      (l) => l.person === doctor.person,
    )!;
    expect(line.months).toBe(6);
    expect(await row.innerText()).toContain(line.pay);
    expect(await row.innerText()).toContain(line.payInWords);
  });

  it('总量与结余: pay totals with OVER_CAP; a surplus split typed in the page is stored', async () => {
    await nav('money');
    await noError();
    expect(await page.getByTestId('paytotal-G01').innerText()).toContain('超过总量上限');
    expect(await page.getByTestId('surplus-G01').innerText()).toContain('（');
    await page.getByTestId('surplus-target').selectOption('G02');
    await page.getByTestId('surplus-amount').fill('100000.01');
    await page.getByTestId('surplus-per-capita').check();
    await page.getByTestId('surplus-reason').fill('页面录入');
    await page.getByTestId('surplus-save').click();
    await idle(page);
    await noError();
    const g2 = (await callApi<SurplusRecord[]>(host, 'listSurplus', { year: 2024 })).find((r) => r.target === 'G02')!;
    expect(g2).toMatchObject({
      amount: '100000.01',
      development: '40000.00',
      staff: '60000.01',
      tierRatio: ['6', '3', '1'],
    });
    expect(await page.getByTestId('surplus-G02').innerText()).toContain('100000.01');
    await shot(page, '31-总量与结余');
  });

  it('考核结果运用: the failing clinic quotes 第22条 as written; the export is offered', async () => {
    await nav('uses');
    await noError();
    const row = await page.getByTestId('uses-V07').innerText();
    expect(row).toContain('对连续 2 年考核不合格的，由医疗集团根据法定程序解除其聘用合同，变更主要负责人。');
    expect(row).toContain('运政办发〔2019〕3号 第22条');
    expect(await page.getByTestId('uses-feeds').innerText()).toContain('MG');
    await shot(page, '32-考核结果运用');
  });

  it('a group result page shows its term appraisal', async () => {
    await nav('results');
    await page.getByTestId('results-page').getByTestId('scheme-select').selectOption('MG');
    await idle(page);
    const name = page.locator('[data-testid="ranking-grid"] .ag-row[row-id="G01"] .ag-cell[col-id="name"]');
    await name.waitFor({ timeout: 30_000 });
    await name.dblclick();
    await page.getByTestId('target-detail').waitFor();
    await page.getByTestId('term-table').waitFor();
    expect(await page.getByTestId('term-table').innerText()).toContain('2023 年');
    expect(await page.getByTestId('term-table').innerText()).toContain('2022 年');
  });
});
