/**
 * A whole appraisal year, clicked through in Chromium against the local web host:
 * the worked example ex1 (shared/examples) gives the exact numbers to expect.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
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

const EXAMPLES = '/work/shared/examples';
const exScheme = readFileSync(path.join(EXAMPLES, 'ex1-scheme.json'));
const exValues = JSON.parse(readFileSync(path.join(EXAMPLES, 'ex1-values.json'), 'utf8')) as Record<
  string,
  Record<string, number | string | null>
>;

async function bytesOf(d: Download): Promise<Buffer> {
  const s = await d.createReadStream();
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), bytes: await bytesOf(d) };
}

async function xlsxBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Fill the downloaded wide template: find the header row by 对象编码, match columns by indicator code. */
async function fillTemplate(bytes: Buffer, values: Record<string, Record<string, string>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  let headerRow = 0;
  let codeCol = 0;
  ws.eachRow((row, r) => {
    if (headerRow) return;
    row.eachCell((cell, c) => {
      if (String(cell.text).trim() === '对象编码') {
        headerRow = r;
        codeCol = c;
      }
    });
  });
  if (!headerRow) throw new Error('采集表中找不到“对象编码”表头');
  const colOf = new Map<string, number>();
  ws.getRow(headerRow).eachCell((cell, c) => {
    const m = /^([A-Za-z][\w.]*)/.exec(String(cell.text).trim());
    if (m && c !== codeCol) colOf.set(m[1]!, c);
  });
  const rowOf = new Map<string, number>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const code = String(ws.getRow(r).getCell(codeCol).text).trim();
    if (code) rowOf.set(code, r);
  }
  let next = ws.rowCount + 1;
  for (const [target, byLeaf] of Object.entries(values)) {
    let r = rowOf.get(target);
    if (!r) {
      r = next++;
      ws.getRow(r).getCell(codeCol).value = target;
    }
    for (const [leaf, text] of Object.entries(byLeaf)) {
      const c = colOf.get(leaf);
      if (!c) throw new Error(`采集表中找不到指标列 ${leaf}`);
      const n = Number(text);
      ws.getRow(r).getCell(c).value = text === '' ? null : text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
  }
  return xlsxBuffer(wb);
}

function exText(v: number | string | null): string {
  if (v === null) return '';
  if (v === 'N/A') return '不适用';
  return String(v);
}

describe('a whole appraisal year in the browser', () => {
  let host: Host;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureRendererBuilt();
    host = await startTestHost(tempDb('year'));
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

  // Latin words a user would see (product names and file types are fine in a Chinese UI).
  const ALLOWED = new Set(['JSON', 'Excel', 'WPS', 'Ctrl', 'Alt']);
  const english = new Map<string, string>();
  const collectEnglish = async (where: string) => {
    // File paths (shown in a monospace font) are not words.
    const [text, paths] = await page.evaluate(() => [
      [
        document.body.innerText,
        ...[...document.querySelectorAll('[placeholder]')].map((e) => e.getAttribute('placeholder')),
      ].join(' '),
      [...document.querySelectorAll('.mono')].map((e) => e.textContent ?? '').join(' '),
    ]);
    const inPaths = new Set(paths!.match(/[A-Za-z]{3,}/g) ?? []);
    // A data fingerprint (16 hex digits, e.g. in the audit log) is an identifier, not a word.
    const words = text!.replace(/(?<![0-9A-Za-z])[0-9a-f]{16}(?![0-9A-Za-z])/g, ' ');
    for (const w of words.match(/[A-Za-z]{3,}/g) ?? []) if (!ALLOWED.has(w) && !inPaths.has(w)) english.set(w, where);
  };
  const nav = async (id: string) => {
    await page.getByTestId(`nav-${id}`).click();
    await page.getByTestId(`page-${id}`).waitFor();
    await idle(page);
    await collectEnglish(id);
  };
  const noError = async () => {
    const banner = page.getByTestId('error-banner');
    if (await banner.count()) throw new Error(`页面报错：${await banner.evaluate((e) => e.textContent)}`);
  };
  const cell = (grid: string, row: string, col: string) =>
    page.locator(`[data-testid="${grid}"] .ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`);

  it('starts empty, takes settings and targets', async () => {
    await shot(page, '01-概览-首次启动');
    await nav('settings');
    await page.getByTestId('settings-county').fill('测试县');
    await page.getByTestId('settings-appraiser').fill('张考核');
    await page.getByTestId('settings-appraiser').press('Enter');
    await idle(page);
    await noError();
    await expect.poll(() => page.getByTestId('county-name').innerText()).toBe('测试县');

    await nav('targets');
    // One target by the dialog (keyboard: Enter confirms) …
    await page.getByTestId('target-add').click();
    await page.getByTestId('target-code').fill('EX-01');
    await page.getByTestId('target-name').fill('城关社区卫生服务中心');
    await page.getByTestId('target-kind').selectOption('community_centre');
    await page.getByTestId('target-name').press('Enter');
    await idle(page);
    await noError();
    // … the others and their group from a workbook.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考核对象');
    ws.addRow(['对象编码', '对象名称', '类型', '所属医疗集团']);
    ws.addRow(['G1', '县人民医院医疗集团', '医疗集团', '']);
    ws.addRow(['EX-02', '东街社区卫生服务中心', '社区卫生服务中心', 'G1']);
    ws.addRow(['EX-03', '西街社区卫生服务中心', '社区卫生服务中心', 'G1']);
    await chooseFile(page, () => page.getByTestId('target-import').click(), {
      name: '考核对象.xlsx',
      mimeType: XLSX_MIME,
      buffer: await xlsxBuffer(wb),
    });
    await idle(page);
    await noError();
    const rowIds = () =>
      page.$$eval('[data-testid="targets-grid"] .ag-row[row-id]', (els) =>
        [...new Set(els.map((e) => e.getAttribute('row-id')))].sort(),
      );
    await expect.poll(rowIds).toEqual(['EX-01', 'EX-02', 'EX-03', 'G1']);
    await shot(page, '02-考核对象');
  });

  it('creates the year from a scheme file and edits the tree with live totals', async () => {
    await nav('overview');
    await page.getByTestId('new-year').click();
    await page.getByTestId('new-year-input').fill('2024');
    await page.getByTestId('src-file').check();
    await chooseFile(page, () => page.getByTestId('choose-scheme-file').click(), {
      name: 'ex1-scheme.json',
      mimeType: 'application/json',
      buffer: exScheme,
    });
    await page.getByTestId('chosen-file').getByText('ex1-scheme.json').waitFor();
    await page.getByTestId('dialog-confirm').click();
    await idle(page);
    await noError();
    const card = page.getByTestId('scheme-card-EX');
    await card.waitFor();
    // 3 targets × 5 scored leaves, nothing entered yet (the monitor leaf Q3 is not counted).
    expect(await card.getByTestId('card-missing').innerText()).toBe('缺报 15');
    await shot(page, '03-概览-新年度');

    await nav('scheme');
    await expect.poll(() => page.getByTestId('weight-total').getAttribute('class')).toBe('ok');
    expect(await page.getByTestId('pw-share').innerText()).toContain('40%');
    await page.getByTestId('tree-P1').click();
    await page.getByTestId('node-weight').fill('25');
    await expect.poll(() => page.getByTestId('weight-total').getAttribute('class')).toBe('bad');
    expect(await page.getByTestId('weight-total').innerText()).toContain('105');
    expect(await page.getByTestId('scheme-problems').innerText()).toMatch(/100|满分/);
    await shot(page, '04-指标体系-分值不等于满分');
    await page.getByTestId('node-weight').fill('20');
    await expect.poll(() => page.getByTestId('weight-total').getAttribute('class')).toBe('ok');
  });

  it('downloads the template, meets an import error, fixes it and imports', async () => {
    await nav('collect');
    const tpl = await download(page, () => page.getByTestId('download-template').click());
    expect(tpl.name).toMatch(/\.xlsx$/);

    // Leave EX-01 P1 for the grid, EX-03 Q1/Q2 for a pasted block.
    const filled: Record<string, Record<string, string>> = {};
    for (const [t, vs] of Object.entries(exValues)) {
      filled[t] = {};
      for (const [leaf, v] of Object.entries(vs)) filled[t]![leaf] = exText(v);
    }
    filled['EX-01']!['P1'] = '';
    filled['EX-03']!['Q1'] = '';
    filled['EX-03']!['Q2'] = '';

    const bad = structuredClone(filled);
    bad['EX-01']!['P1'] = '八十';
    await chooseFile(page, () => page.getByTestId('import-values').click(), {
      name: '采集表-有误.xlsx',
      mimeType: XLSX_MIME,
      buffer: await fillTemplate(tpl.bytes, bad),
    });
    await idle(page);
    await noError();
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    const errors = preview.getByTestId('import-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('八十');
    expect(await preview.getByTestId('dialog-confirm').count()).toBe(0); // nothing can be written
    await shot(page, '05-数据采集-导入预览有误');
    const marked = await download(page, () => preview.getByTestId('save-marked').click());
    const mwb = new ExcelJS.Workbook();
    await mwb.xlsx.load(marked.bytes as unknown as ArrayBuffer);
    expect(mwb.worksheets.length).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    // Nothing was written by the rejected file.
    expect(await cell('values-grid', 'EX-02', 'P1').innerText()).toBe('缺报');

    await chooseFile(page, () => page.getByTestId('import-values').click(), {
      name: '采集表.xlsx',
      mimeType: XLSX_MIME,
      buffer: await fillTemplate(tpl.bytes, filled),
    });
    await idle(page);
    await preview.waitFor();
    expect(await preview.getByTestId('preview-summary').innerText()).toContain('检查通过');
    await preview.getByTestId('dialog-confirm').click();
    await idle(page);
    await noError();
    await preview.waitFor({ state: 'detached' });
    await expect.poll(() => cell('values-grid', 'EX-02', 'P1').innerText()).toBe('90');
    expect(await cell('values-grid', 'EX-02', 'Q2').innerText()).toBe('不适用');
    expect(await cell('values-grid', 'EX-02', 'Q2').getAttribute('class')).toContain('cell-na');
    expect(await cell('values-grid', 'EX-03', 'P2').getAttribute('class')).toContain('cell-missing');
  });

  it('edits a value in the grid with per-cell validation and shows its history', async () => {
    const p1 = cell('values-grid', 'EX-01', 'P1');
    await p1.dblclick();
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await p1.getAttribute('class')) ?? '').toContain('cell-error');
    expect(await page.getByTestId('collect-message').innerText()).toContain('未保存');

    await p1.dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('80.2');
    await page.keyboard.press('Enter');
    await expect.poll(() => p1.innerText()).toBe('80.2');
    await expect.poll(async () => (await p1.getAttribute('class')) ?? '').not.toContain('cell-error');
    await noError();
    await p1.click();
    await page.getByTestId('history-list').getByText('80.2').first().waitFor();
  });

  it('pastes a block copied from a spreadsheet, all or nothing', async () => {
    const paste = async (text: string) => {
      await cell('values-grid', 'EX-03', 'Q1').click();
      await page.evaluate((t) => {
        const dt = new DataTransfer();
        dt.setData('text/plain', t);
        document.activeElement!.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
        );
      }, text);
      await idle(page);
    };
    await paste('58\t九\r\n');
    await page.getByTestId('paste-errors').waitFor();
    expect(await cell('values-grid', 'EX-03', 'Q1').innerText()).toBe('缺报'); // nothing written
    await shot(page, '06-数据采集-粘贴有误');
    await paste('58\t9\r\n');
    await expect.poll(() => cell('values-grid', 'EX-03', 'Q1').innerText()).toBe('58');
    expect(await cell('values-grid', 'EX-03', 'Q2').innerText()).toBe('9');
    expect(await page.getByTestId('collect-message').innerText()).toContain('已粘贴 2 个值');
    await noError();
    await shot(page, '07-数据采集');
  });

  it('records bonuses, a deduction and a veto with reasons; shows the ranking and a trace', async () => {
    await nav('results');
    await noError();
    const adjust = async (target: string, kind: 'bonus' | 'deduction', points: string, reason: string) => {
      await page.getByTestId('open-adjust').click();
      const d = page.getByTestId('adjust-dialog');
      await d.getByTestId('adjust-target').selectOption(target);
      await d.getByTestId(`adjust-${kind}`).check();
      await d.getByTestId('adjust-points').fill(points);
      expect(await d.getByTestId('dialog-confirm').isDisabled()).toBe(true); // a reason is required
      await d.getByTestId('adjust-reason').fill(reason);
      await d.getByTestId('adjust-reason').press('Enter');
      await idle(page);
      await noError();
      await d.waitFor({ state: 'detached' });
    };
    await adjust('EX-02', 'bonus', '2', '获市级表彰');
    await adjust('EX-02', 'bonus', '2', '家庭医生签约服务示范点');
    await adjust('EX-03', 'deduction', '1', '现场检查资料不全');

    await page.getByTestId('open-veto').click();
    const v = page.getByTestId('veto-dialog');
    await v.getByTestId('veto-target').selectOption('EX-03');
    expect(await v.getByTestId('dialog-confirm').isDisabled()).toBe(true);
    await v.getByTestId('veto-reason').fill('发生重大医疗安全责任事故');
    await v.getByTestId('dialog-confirm').click();
    await idle(page);
    await noError();

    const total = (t: string) => cell('ranking-grid', t, 'total').innerText();
    await expect.poll(async () => Number(await total('EX-02'))).toBe(95.5);
    expect(Number(await total('EX-01'))).toBe(86.37);
    expect(Number(await total('EX-03'))).toBe(22.52);
    expect(await cell('ranking-grid', 'EX-02', 'grade').innerText()).toBe('优秀');
    expect(await cell('ranking-grid', 'EX-03', 'grade').innerText()).toBe('不合格');
    expect(await cell('ranking-grid', 'EX-03', 'flags').innerText()).toContain('一票否决');
    expect(await cell('ranking-grid', 'EX-02', 'rank').innerText()).toBe('1');
    await shot(page, '08-考核结果-排名');

    await cell('ranking-grid', 'EX-01', 'name').dblclick();
    await page.getByTestId('target-detail').waitFor();
    expect(await page.getByTestId('detail-total').innerText()).toContain('86.37');
    await page.getByTestId('trace-P1').click();
    const trace = await page.getByTestId('trace-text').innerText();
    expect(trace).toContain('80.2');
    expect(trace).toContain('18.87');
    await shot(page, '09-考核结果-单个对象');
    await page.getByTestId('detail-back').click();

    await page.getByTestId('results-tab-charts').click();
    await page.getByTestId('chart-ranking').waitFor();
    await idle(page);
    await page.waitForTimeout(300);
    await shot(page, '10-考核结果-图表');
  });

  it('tries a what-if weight change without saving it', async () => {
    await page.getByTestId('results-tab-whatif').click();
    await page.getByTestId('whatif-w-P1').fill('30');
    await page.getByTestId('whatif-w-S1').fill('10');
    expect(await page.getByTestId('whatif-sum').innerText()).toContain('合计 100');
    await page.getByTestId('whatif-run').click();
    await idle(page);
    await noError();
    const table = page.getByTestId('whatif-table');
    await table.waitFor();
    const ex01 = table.locator('tr', { hasText: '城关社区卫生服务中心' });
    expect(await ex01.innerText()).toContain('85.81'); // 28.31 + 16 + 14 + 17.5 + 10
    expect(await ex01.innerText()).toContain('86.37');
    await shot(page, '11-考核结果-假设分析');
    await page.getByTestId('results-tab-ranking').click();
    await expect.poll(async () => Number(await cell('ranking-grid', 'EX-01', 'total').innerText())).toBe(86.37);
  });

  it('computes salaries with capital figures and splits a fund', async () => {
    await nav('salary');
    const person = async (name: string, target: string, months: string) => {
      await page.getByTestId('salary-add').click();
      const d = page.getByTestId('salary-dialog');
      await d.getByTestId('salary-person').fill(name);
      await d.getByTestId('salary-role').fill('主任');
      await d.getByTestId('salary-scheme').selectOption('EX');
      await d.getByTestId('salary-target').selectOption(target);
      await d.getByTestId('salary-base').fill('70000');
      await d.getByTestId('salary-perf').fill('50000');
      await d.getByTestId('salary-months').fill(months);
      await d.getByTestId('salary-months').press('Enter');
      await idle(page);
      await noError();
      await d.waitFor({ state: 'detached' });
    };
    await person('甲', 'EX-01', '12');
    await person('乙', 'EX-02', '5');
    await person('丙', 'EX-03', '12');
    await page.getByTestId('salary-compute').click();
    await idle(page);
    await noError();
    const lines = page.getByTestId('salary-lines');
    await lines.waitFor();
    const text = await lines.innerText();
    expect(text).toContain('113185.00');
    expect(text).toContain('壹拾壹万叁仟壹佰捌拾伍元整');
    expect(text).toContain('49062.50');
    expect(text).toContain('肆万玖仟零陆拾贰元伍角');
    expect(text).toContain('70000.00'); // 丙: vetoed, k = 0 → base pay only
    expect(await page.getByTestId('salary-total').innerText()).toContain('232247.50');
    await shot(page, '12-年薪核算');

    await nav('fund');
    await page.getByTestId('fund-amount').fill('100000');
    await page.getByTestId('fund-run').click();
    await idle(page);
    await noError();
    expect(await page.getByTestId('fund-summary').innerText()).toContain('100,000.00');
    // 95.5 : 86.37 of 100000, to the fen by largest remainder; the vetoed EX-03 takes no part.
    // Money is shown with thousands separators.
    const fund = await page.getByTestId('fund-table').innerText();
    expect(fund).toContain('52,510.03');
    expect(fund).toContain('47,489.97');
    expect(fund).toContain('不参加');
    await shot(page, '13-资金分配');
  });

  it('locks the scheme, refuses edits, exports the finance workbook', async () => {
    await nav('lock');
    expect(await page.getByTestId('lock-explain').innerText()).toContain('不能再修改');
    await page.getByTestId('lock-EX').click();
    await page.getByTestId('lock-dialog').waitFor();
    await page.keyboard.press('Enter');
    await idle(page);
    await noError();
    await page.getByTestId('unlock-EX').waitFor();
    await shot(page, '14-定稿');

    // Edits refused: the grid is read-only and the API says LOCKED.
    await nav('collect');
    await page.locator('.page-host:not([hidden])').getByTestId('locked-note').waitFor();
    await cell('values-grid', 'EX-01', 'P2').dblclick();
    expect(await page.locator('[data-testid="values-grid"] .ag-cell-inline-editing').count()).toBe(0);
    await nav('results');
    // Bonus and veto are off on a locked scheme and say why; the service refuses all the same.
    expect(await page.getByTestId('open-adjust').isDisabled()).toBe(true);
    expect(await page.getByTestId('open-veto').isDisabled()).toBe(true);
    expect(await page.getByTestId('open-adjust').getAttribute('title')).toMatch(/已.*定稿/);
    await expect(
      callApi(host, 'addAdjustment', {
        year: 2024,
        scheme: 'EX',
        target: 'EX-01',
        kind: 'bonus',
        points: '1',
        reason: '定稿后再加分',
      }),
    ).rejects.toThrow(/已定稿/);

    await nav('lock');
    const fin = await download(page, () => page.getByTestId('lock-export-EX').click());
    expect(fin.name).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fin.bytes as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toContain('考核结果汇总');
    expect(names).toContain('年薪核算');
    const summary = wb.getWorksheet('考核结果汇总')!;
    const numbers: number[] = [];
    summary.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === 'number') numbers.push(c.value);
      }),
    );
    expect(numbers).toContain(95.5);
    expect(numbers).toContain(86.37);

    // 核验财政报表: the exported workbook is the locked data (一致); a hand-edited copy is not.
    await chooseFile(page, () => page.getByTestId('verify-workbook').click(), {
      name: fin.name,
      mimeType: XLSX_MIME,
      buffer: fin.bytes,
    });
    await idle(page);
    await noError();
    expect(await page.getByTestId('verify-verdict').innerText()).toBe('一致');
    const totalCol = (summary.getRow(3).values as unknown[]).indexOf('总分');
    summary.getRow(4).getCell(totalCol).value = 100;
    const edited = await xlsxBuffer(wb);
    await chooseFile(page, () => page.getByTestId('verify-workbook').click(), {
      name: '改过的.xlsx',
      mimeType: XLSX_MIME,
      buffer: edited,
    });
    await idle(page);
    await noError();
    await expect.poll(() => page.getByTestId('verify-verdict').innerText()).toBe('不一致');
    expect(await page.getByTestId('verify-result').innerText()).toContain('考核结果汇总!');
  });

  it('shows the audit log and the remaining pages', async () => {
    await nav('audit');
    await page.getByTestId('audit-text').fill('表彰');
    await expect
      .poll(async () => Number((await page.getByTestId('audit-count').innerText()).replace(/\D/g, '')))
      .toBeGreaterThan(0);
    await shot(page, '15-操作日志');
    await nav('settings');
    await shot(page, '16-设置');
    await nav('scheme');
    await shot(page, '17-指标体系');
    await nav('overview');
    expect(await page.getByTestId('scheme-card-EX').getByTestId('card-state').innerText()).toBe('已定稿');
    await shot(page, '18-概览');
  });

  it('unlocks only with a reason, exports the scheme, copies the year, deactivates a target', async () => {
    await nav('lock');
    await page.getByTestId('unlock-EX').click();
    const d = page.getByTestId('reason-dialog');
    expect(await d.getByTestId('dialog-confirm').isDisabled()).toBe(true);
    await d.getByTestId('reason-input').fill('财政局要求补充修改');
    await d.getByTestId('reason-input').press('Enter');
    await idle(page);
    await noError();
    await page.getByTestId('lock-EX').waitFor();

    await nav('scheme');
    const json = await download(page, () => page.getByTestId('scheme-export-json').click());
    const exported = JSON.parse(json.bytes.toString('utf8')) as { code: string; indicators: unknown[] };
    expect(exported.code).toBe('EX');
    expect(exported.indicators).toHaveLength(3);
    const xlsx = await download(page, () => page.getByTestId('scheme-export-xlsx').click());
    expect(xlsx.name).toMatch(/\.xlsx$/);
    // The exported workbook imports back as the same scheme.
    await chooseFile(page, () => page.getByTestId('scheme-import').click(), {
      name: xlsx.name,
      mimeType: XLSX_MIME,
      buffer: xlsx.bytes,
    });
    await idle(page);
    await noError();
    expect(await page.getByTestId('problem-count').innerText()).toBe('方案有效');
    const again = await download(page, () => page.getByTestId('scheme-export-json').click());
    expect(JSON.parse(again.bytes.toString('utf8'))).toEqual(exported);

    await nav('settings');
    await page.getByTestId('settings-backup').click();
    await idle(page);
    await noError();
    expect(await page.getByTestId('backup-path').innerText()).toMatch(/\S/);

    await nav('overview');
    await page.getByTestId('new-year').click();
    await page.getByTestId('new-year-input').fill('2025');
    await page.getByTestId('src-copy').check();
    await page.getByTestId('copy-from').selectOption('2024');
    await page.getByTestId('dialog-confirm').click();
    await idle(page);
    await noError();
    await expect.poll(() => page.getByTestId('year-select').inputValue()).toBe('2025');
    await page.getByTestId('scheme-card-EX').waitFor();
    await nav('scheme');
    expect(await page.getByTestId('pw-change').innerText()).toContain('+0%');

    await nav('targets');
    await page.locator('[data-testid="targets-grid"] .ag-row[row-id="EX-03"] .ag-cell[col-id="name"]').click();
    await page.getByTestId('target-retire').click();
    expect(await page.getByTestId('retire-year').inputValue()).toBe('2025');
    await page.getByTestId('retire-reason').fill('机构撤并');
    await page.getByTestId('retire-reason').press('Enter');
    await idle(page);
    await noError();
    const ids = () =>
      page.$$eval('[data-testid="targets-grid"] .ag-row[row-id]', (els) =>
        [...new Set(els.map((e) => e.getAttribute('row-id')))].sort(),
      );
    await expect.poll(ids).toEqual(['EX-01', 'EX-02', 'G1']);
    await nav('overview');
    expect(await page.getByTestId('scheme-card-EX').innerText()).toContain('2 个对象');
    // 2024 keeps it (停用 from 2025 on).
    expect(
      await callApi<{ code: string }[]>(host, 'listTargets', { year: 2024 }).then((l) => l.map((t) => t.code)),
    ).toContain('EX-03');
    expect(Object.fromEntries(english)).toEqual({});
  });
});
