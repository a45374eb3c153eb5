/**
 * Fast keyboard entry in 数据采集 (issue 9 point 1): keystrokes sent with no delay at all, Enter,
 * Tab, arrows and typing over a selected cell store exactly what was typed in exactly the cell it
 * was typed in, while saves come back in between (the host answers each save after a varying
 * delay, as on a busy machine). Checked by reading the database, not the screen.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AppraisalApi, ValueCell } from '../../shared/api/contract';
import { startHost, type Host } from '../../electron/host/server';
import { openServices, type Services } from '../../electron/services';
import { ensureRendererBuilt, idle, launch, newPage, ROOT, tempDb } from './support';

const YEAR = 2025;
const N = 40;
const codes = Array.from({ length: N }, (_, i) => `T${String(i + 1).padStart(2, '0')}`);

/** Saves answer after 0–180 ms, varying, so later saves can overtake earlier ones and land mid-edit. */
function slowSaves(s: Services): AppraisalApi {
  let n = 0;
  return new Proxy(s, {
    get(t, p, r) {
      const v = Reflect.get(t, p, r) as unknown;
      if (p !== 'setValue' || typeof v !== 'function') return v;
      return async (input: unknown) => {
        const wait = ((++n * 7919) % 10) * 20;
        await new Promise((res) => setTimeout(res, wait));
        return (v as (i: unknown) => Promise<unknown>).call(t, input);
      };
    },
  }) as AppraisalApi;
}

describe('fast keyboard entry in the collection grid', () => {
  let services: Services;
  let host: Host;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const stored = async (): Promise<Map<string, string>> => {
    const cells: ValueCell[] = await services.getValues({ year: YEAR, scheme: 'TC' });
    const m = new Map<string, string>();
    for (const c of cells) {
      if (c.value.kind === 'missing') continue;
      m.set(`${c.target}/${c.indicator}`, c.value.kind === 'number' ? c.value.number : c.value.kind === 'label' ? c.value.label : '不适用');
    }
    return m;
  };
  const cell = (row: string, col: string) => page.locator(`[data-testid="values-grid"] .ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`);
  /** The page's own marker: no save queued or under way. */
  const settled = async () => {
    await expect.poll(() => page.getByTestId('values-grid-box').getAttribute('data-pending'), { timeout: 60_000 }).toBe('0');
  };
  const clearAll = async () => {
    const all = await services.getValues({ year: YEAR, scheme: 'TC' });
    const cells = all.filter((c) => c.value.kind !== 'missing').map((c) => ({ target: c.target, indicator: c.indicator, text: '' }));
    if (cells.length) await services.setValues({ year: YEAR, scheme: 'TC', cells, reason: '测试复位' });
  };
  const reload = async () => {
    await page.reload();
    await page.getByTestId('nav-collect').click();
    await page.getByTestId('page-collect').waitFor();
    await cell('T01', 'A1').waitFor();
    await idle(page);
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    services = openServices({ dbPath: tempDb('entry'), who: '测试' });
    await services.saveSettings({ countyName: '测试县', appraiserName: '张考核' });
    await services.saveTarget({ target: { code: 'G1', name: '县医疗集团', kind: 'medical_group', group: null, active: true } });
    for (const [i, code] of codes.entries()) {
      await services.saveTarget({ target: { code, name: `第${i + 1}乡镇卫生院`, kind: 'township_centre', group: 'G1', active: true } });
    }
    const { code } = await services.useTemplate({ name: 'township-centre', year: YEAR, code: 'TC' });
    expect(code).toBe('TC');
    host = await startHost({ dbPath: ':unused:', rendererDir: path.join(ROOT, 'out/renderer'), services: slowSaves(services) });
    browser = await launch();
    ({ context, page } = await newPage(browser));
    await page.goto(host.url);
    await idle(page);
    await page.getByTestId('nav-collect').click();
    await page.getByTestId('page-collect').waitFor();
    await cell('T01', 'A1').waitFor();
    await idle(page);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await host?.close();
    await services?.close();
  });

  it('stores 40 values typed with no delay, Enter between, each in its own cell', async () => {
    const typed = codes.map((_, i) => `${10 + ((i * 37) % 89)}.${(i * 3) % 10}`.replace(/\.0$/, '.5'));
    await cell('T01', 'A1').click();
    // Typing over the selected cell (no Enter or double-click first), then Enter to the next row.
    await page.keyboard.type(typed.join('\n') + '\n', { delay: 0 });
    const want = new Map(codes.map((c, i) => [`${c}/A1`, typed[i]!]));
    await expect.poll(async () => [...(await stored())].filter(([k]) => want.has(k)).length, { timeout: 60_000 }).toBe(N);
    await settled();
    expect(Object.fromEntries(await stored())).toEqual(Object.fromEntries(want));
    // The screen agrees once the saves are back.
    expect(await cell('T40', 'A1').innerText()).toBe(typed[N - 1]);
    expect(await page.locator('[data-testid="values-grid"] .cell-error').count()).toBe(0);
  });
});
