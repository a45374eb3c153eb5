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
      m.set(
        `${c.target}/${c.indicator}`,
        c.value.kind === 'number' ? c.value.number : c.value.kind === 'label' ? c.value.label : '不适用',
      );
    }
    return m;
  };
  const cell = (row: string, col: string) =>
    page.locator(`[data-testid="values-grid"] .ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`);
  /** The page's own marker: no save queued or under way. */
  const settled = async () => {
    await expect
      .poll(() => page.getByTestId('values-grid-box').getAttribute('data-pending'), { timeout: 60_000 })
      .toBe('0');
  };
  const clearAll = async () => {
    const all = await services.getValues({ year: YEAR, scheme: 'TC' });
    const cells = all
      .filter((c) => c.value.kind !== 'missing')
      .map((c) => ({ target: c.target, indicator: c.indicator, text: '' }));
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
    await services.saveTarget({
      target: { code: 'G1', name: '县医疗集团', kind: 'medical_group', group: null, active: true },
    });
    for (const [i, code] of codes.entries()) {
      await services.saveTarget({
        target: { code, name: `第${i + 1}乡镇卫生院`, kind: 'township_centre', group: 'G1', active: true },
      });
    }
    const { code } = await services.useTemplate({ name: 'township-centre', year: YEAR, code: 'TC' });
    expect(code).toBe('TC');
    host = await startHost({
      dbPath: ':unused:',
      rendererDir: path.join(ROOT, 'out/renderer'),
      services: slowSaves(services),
    });
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
    await expect
      .poll(async () => [...(await stored())].filter(([k]) => want.has(k)).length, { timeout: 60_000 })
      .toBe(N);
    await settled();
    expect(Object.fromEntries(await stored())).toEqual(Object.fromEntries(want));
    // The screen agrees once the saves are back.
    expect(await cell('T40', 'A1').innerText()).toBe(typed[N - 1]);
    expect(await page.locator('[data-testid="values-grid"] .cell-error').count()).toBe(0);
  });

  it('stores values typed at a practised keypad pace (keys 120 ms apart) in their cells', async () => {
    await clearAll();
    await reload();
    const typed = ['88.5', '7', '91.25', '60', '0.5', '100', '45.75', '3', '79.9', '66'];
    await cell('T11', 'B1').click();
    // Pacing of a person at a keypad, not synchronisation: the checks below wait for the store.
    for (const v of typed) await page.keyboard.type(`${v}\n`, { delay: 120 });
    const want = Object.fromEntries(typed.map((v, i) => [`T${11 + i}/B1`, v]));
    await expect.poll(async () => (await stored()).get('T20/B1'), { timeout: 60_000 }).toBe('66');
    await settled();
    expect(Object.fromEntries(await stored())).toEqual(want);
  });

  it('keeps Enter, Tab, arrow keys and typing over a stored value apart, with no delay', async () => {
    await clearAll();
    await services.setValue({ year: YEAR, scheme: 'TC', target: 'T04', indicator: 'A2', text: '50' });
    await reload();
    expect(await cell('T04', 'A2').innerText()).toBe('50');
    await cell('T01', 'A2').click();
    // Keys one after another; nothing waits for the page in between beyond the key events themselves.
    const keys = async (...parts: string[]) => {
      for (const p of parts) {
        if (/^[A-Z][A-Za-z]+$/.test(p)) await page.keyboard.press(p);
        else await page.keyboard.type(p, { delay: 0 });
      }
    };
    await keys('11', 'Tab', '12', 'Enter'); // T01/A2; Tab edits T01/A3; Enter → T02/A3
    await keys('13', 'Enter'); // T02/A3 → T03/A3
    await keys('ArrowLeft', '14', 'Tab', '15', 'Enter'); // T03/A2, T03/A3 → T04/A3
    await keys('ArrowUp', 'ArrowUp', '16', 'Enter'); // typed over T02/A3 (13, its save maybe not back yet) → T03/A3
    await keys('ArrowRight', '17', 'Enter'); // T03/A4 → T04/A4
    await keys('ArrowDown', '18', 'Tab', '19', 'Tab', '20', 'Enter'); // T05/A4, A5, A6 → T06/A6
    await keys('ArrowUp', 'ArrowUp', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft'); // T04/A2 (50 stored)
    await keys('21', 'Enter'); // typing over replaces 50: no Enter or double-click first
    const want = {
      'T01/A2': '11',
      'T01/A3': '12',
      'T02/A3': '16',
      'T03/A2': '14',
      'T03/A3': '15',
      'T03/A4': '17',
      'T05/A4': '18',
      'T05/A5': '19',
      'T05/A6': '20',
      'T04/A2': '21',
    };
    await expect.poll(async () => (await stored()).get('T04/A2'), { timeout: 60_000 }).toBe('21');
    await settled();
    expect(Object.fromEntries(await stored())).toEqual(want);
    // T02/A3 was saved twice, in the order typed: its history ends with 16.
    const h = await services.valueHistory({ year: YEAR, scheme: 'TC', target: 'T02', indicator: 'A3' });
    expect(h.map((e) => (e.new.kind === 'number' ? e.new.number : e.new.kind))).toEqual(['13', '16']);
    for (const [kk, v] of Object.entries(want)) {
      const [t, i] = kk.split('/') as [string, string];
      expect(await cell(t, i).innerText()).toBe(v);
    }
  });

  it('Tab along a row keeps every digit, also into a cell that holds a value (typing replaces it)', async () => {
    await clearAll();
    // Every other row already holds a value in A5: Tab into it selects it, typing replaces it.
    const rows = codes.slice(20, 32);
    await services.setValues({
      year: YEAR,
      scheme: 'TC',
      cells: rows.filter((_, i) => i % 2 === 0).map((t) => ({ target: t, indicator: 'A5', text: '55' })),
      reason: '测试',
    });
    await reload();
    const want: Record<string, string> = {};
    for (const [i, t] of rows.entries()) {
      await cell(t, 'A4').click();
      const v = [`${18 + i}`, `${40 + i}.5`, `${20 + i}`];
      // No wait between keys: ag-grid selects a Tab-entered editor's text a moment late.
      for (const k of [v[0]!, 'Tab', v[1]!, 'Tab', v[2]!, 'Enter']) {
        if (k === 'Tab' || k === 'Enter') await page.keyboard.press(k);
        else await page.keyboard.type(k, { delay: 0 });
      }
      want[`${t}/A4`] = v[0]!;
      want[`${t}/A5`] = v[1]!;
      want[`${t}/A6`] = v[2]!;
    }
    await expect
      .poll(async () => (await stored()).get(`${rows[rows.length - 1]}/A6`), { timeout: 60_000 })
      .toBe(want[`${rows[rows.length - 1]}/A6`]);
    await settled();
    expect(Object.fromEntries(await stored())).toEqual(want);
  });

  it('shows a rejected value in its cell, keeps the typed text and stores nothing elsewhere', async () => {
    await clearAll();
    await reload();
    await cell('T06', 'A1').click();
    // Out of range (a rate above 100 %): refused in the page, the next value goes on as typed.
    await page.keyboard.type('150\n33\n', { delay: 0 });
    await expect.poll(async () => (await stored()).get('T07/A1'), { timeout: 60_000 }).toBe('33');
    await settled();
    expect(Object.fromEntries(await stored())).toEqual({ 'T07/A1': '33' });
    expect(await cell('T06', 'A1').innerText()).toBe('150');
    expect(await cell('T06', 'A1').getAttribute('class')).toContain('cell-error');
    // The refusal stays on screen although a value was saved after it.
    expect(await page.getByTestId('collect-errors').innerText()).toMatch(/T06 · A1.*“150”/);

    // Locked elsewhere (the command line) while the page still shows it open: the store refuses.
    await services.lock({ year: YEAR, scheme: 'TC' });
    try {
      await page.keyboard.type('44\n', { delay: 0 }); // T08/A1
      await expect
        .poll(async () => (await cell('T08', 'A1').getAttribute('class')) ?? '', { timeout: 60_000 })
        .toContain('cell-error');
      await settled();
      expect(await cell('T08', 'A1').innerText()).toBe('44');
      const refusal = await page.getByTestId('collect-message').innerText();
      expect(refusal).toContain('已定稿');
      expect(refusal).toMatch(/于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 定稿/); // not a raw ISO time
      expect(await page.getByTestId('collect-errors').innerText()).toMatch(/T08 · A1.*“44”.*已定稿/);
      expect(Object.fromEntries(await stored())).toEqual({ 'T07/A1': '33' });
      // The page learns of the lock: the grid turns read-only.
      await page.getByTestId('collect-page').getByTestId('locked-note').waitFor();
      await cell('T09', 'A1').dblclick();
      expect(await page.locator('[data-testid="values-grid"] .ag-cell-inline-editing').count()).toBe(0);
    } finally {
      await services.unlock({ year: YEAR, scheme: 'TC', reason: '测试' });
    }
  });
});
