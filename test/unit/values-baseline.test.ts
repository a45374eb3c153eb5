/**
 * excel.md "Last year's value (上年数)" (issue 9 point 5): the data-collection template has a 上年数
 * column beside each growth indicator; the import keeps it as the baseline; growth scores from it
 * in the first year of use, and prefers last year's stored value (a different 上年数 is a warning,
 * never an overwrite). The grid's API sets and shows baselines, audited and lock-checked.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/services/errors';
import { templateBytes } from '../../electron/services/workbooks/collection-template';
import { fromPayload } from '../../electron/services/workbooks/payload';
import { importValuesBytes } from '../../electron/services/workbooks/value-import';
import type { Services } from '../../electron/services/index';
import { ex1Scheme, ex1Services } from './excel-fixtures';

let open: Services[] = [];
afterEach(async () => {
  for (const s of open) await s.close();
  open = [];
});

const Y = { year: 2024, scheme: 'EX' };

/** ex1 with Q3 门诊人次 as a growth indicator (w 20, t 10 %, floor 0) and Q2 as a monitor leaf. */
function growthScheme(year: number) {
  const s = JSON.parse(JSON.stringify(ex1Scheme)) as typeof ex1Scheme;
  s.year = year;
  for (const d of s.indicators) {
    for (const l of d.children ?? []) {
      if (l.code === 'Q3') Object.assign(l, { weight: 20, method: { type: 'growth', target: 10, floor: 0 } });
      if (l.code === 'Q2') Object.assign(l, { weight: 0, method: { type: 'monitor' } });
    }
  }
  return s;
}

async function setup(): Promise<Services> {
  const r = await ex1Services();
  open.push(r.services);
  const saved = await r.services.saveScheme({ scheme: growthScheme(2024), strict: true });
  expect(saved.problems).toEqual([]);
  return r.services;
}

/** The template, filled: EX-01 Q3 = 212 this year, 上年数 200; EX-02 Q3 = 190, no 上年数. */
async function filledTemplate(services: Services, base: number | null = 200): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fromPayload(await templateBytes(services, Y)) as never);
  const ws = wb.worksheets[0]!;
  const header = ws.getRow(3);
  const col = (title: string) => {
    let found = 0;
    header.eachCell((c, n) => {
      if (String(c.value) === title) found = n;
    });
    expect(found, title).toBeGreaterThan(0);
    return found;
  };
  const q3 = col('Q3 门诊人次');
  expect(col('Q3 门诊人次（上年数）')).toBe(q3 + 1);
  const rowOf = (code: string) => {
    let found = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === code) found = n;
    });
    return ws.getRow(found);
  };
  rowOf('EX-01').getCell(q3).value = 212;
  if (base !== null) rowOf('EX-01').getCell(q3 + 1).value = base;
  rowOf('EX-02').getCell(q3).value = 190;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function q3(services: Services, target: string) {
  const r = await services.score(Y);
  return r.results.find((t) => t.target === target)!.indicators.Q3!;
}

describe('上年数 in the template and the import', () => {
  it('the template has a 上年数 column beside each growth indicator only, and it round-trips', async () => {
    const services = await setup();
    const bytes = await filledTemplate(services);
    const out = await importValuesBytes(services, { ...Y, fileName: '采集表.xlsx', bytes });
    expect(out.errors).toEqual([]);
    expect(out.counts).toEqual({ new: 2, changed: 0, unchanged: 0, cleared: 0 });
    expect(out.baselines).toEqual({ new: 1, changed: 0, unchanged: 0, cleared: 0 });
    const cells = await services.getBaselines(Y);
    expect(cells).toEqual([
      expect.objectContaining({
        target: 'EX-01',
        indicator: 'Q3',
        kept: { kind: 'number', number: '200' },
        previous: null,
        used: { kind: 'number', number: '200' },
        source: 'kept',
      }),
    ]);
    // Downloaded again, the 上年数 column carries the kept value.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fromPayload(await templateBytes(services, Y)) as never);
    const ws = wb.worksheets[0]!;
    const titles = (ws.getRow(3).values as unknown[]).map(String);
    expect(titles.filter((t) => t.includes('上年数'))).toEqual(['Q3 门诊人次（上年数）']);
    const c = titles.indexOf('Q3 门诊人次（上年数）');
    expect(ws.getRow(5).getCell(1).value).toBe('EX-01');
    expect(ws.getRow(5).getCell(c).value).toBe(200);
    // …and importing that file back changes nothing.
    const again = await importValuesBytes(services, {
      ...Y,
      fileName: '再导入.xlsx',
      bytes: Buffer.from(await wb.xlsx.writeBuffer()),
      dryRun: true,
    });
    expect(again.errors).toEqual([]);
    expect(again.baselines).toEqual({ new: 0, changed: 0, unchanged: 1, cleared: 0 });
  });

  it('reads a bare 上年数 header right of its indicator, and in the long layout', async () => {
    const services = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['对象编码', 'Q3', '上年数', 'P1']);
    ws.addRow(['EX-01', 110, 100, 80]);
    const long = wb.addWorksheet('长表');
    long.addRow(['对象编码', '指标编码', '值', '上年数']);
    long.addRow(['EX-02', 'Q3', 99, 90]);
    const out = await importValuesBytes(services, {
      ...Y,
      fileName: 'x.xlsx',
      bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(out.errors).toEqual([]);
    const kept = Object.fromEntries((await services.getBaselines(Y)).map((c) => [c.target, c.kept]));
    expect(kept).toEqual({ 'EX-01': { kind: 'number', number: '100' }, 'EX-02': { kind: 'number', number: '90' } });
  });
});

describe('growth scores from the 上年数 in the first year of use', () => {
  it('scores (x − p) ÷ |p| from the kept 上年数 when the app has no previous year; without it NO_BASELINE', async () => {
    const services = await setup();
    await importValuesBytes(services, { ...Y, fileName: '采集表.xlsx', bytes: await filledTemplate(services) });
    const s1 = await q3(services, 'EX-01');
    // scoring.md: p = 200, x = 212 → g = 6 % → 20 × 6 / 10 = 12.00
    expect(s1.score).toBe('12.00');
    expect(s1.trace).toContain('上年数');
    const s2 = await q3(services, 'EX-02');
    expect(s2.score).toBeNull();
    expect(s2.flags).toContain('NO_BASELINE');
  });

  it("prefers last year's stored value, warning (never overwriting) when the file's 上年数 differs", async () => {
    const services = await setup();
    expect((await services.saveScheme({ scheme: growthScheme(2023), year: 2023, strict: true })).problems).toEqual([]);
    await services.setValue({ year: 2023, scheme: 'EX', target: 'EX-01', indicator: 'Q3', text: '206' });
    const out = await importValuesBytes(services, {
      ...Y,
      fileName: '采集表.xlsx',
      bytes: await filledTemplate(services),
    });
    const w = out.warnings.find((x) => x.target === 'EX-01' && x.indicator === 'Q3');
    expect(w?.message).toContain('2023');
    expect(w?.message).toContain('206');
    // 2023's value is untouched, and growth uses it: g = 6 / 206 × 100 = 2.9126… % → 5.83.
    const prev = await services.getValues({ year: 2023, scheme: 'EX' });
    expect(prev.find((c) => c.target === 'EX-01' && c.indicator === 'Q3')?.value).toEqual({
      kind: 'number',
      number: '206',
    });
    expect((await q3(services, 'EX-01')).score).toBe('5.83');
    const b = (await services.getBaselines(Y)).find((c) => c.target === 'EX-01')!;
    expect(b).toMatchObject({
      source: 'previous',
      previous: { kind: 'number', number: '206' },
      kept: { kind: 'number', number: '200' },
    });
    // The same value in the file is no warning.
    const same = await importValuesBytes(services, {
      ...Y,
      fileName: 'b.xlsx',
      bytes: await filledTemplate(services, 206),
      dryRun: true,
    });
    expect(same.warnings.some((x) => x.target === 'EX-01' && x.indicator === 'Q3')).toBe(false);
  });
});

describe('setBaseline (the grid)', () => {
  it('sets, audits, refuses a non-growth indicator and a locked year, and removes with ""', async () => {
    const services = await setup();
    await services.setValue({ ...Y, target: 'EX-01', indicator: 'Q3', text: '212' });
    const cell = await services.setBaseline({
      ...Y,
      target: 'EX-01',
      indicator: 'Q3',
      text: '200',
      reason: '上年报表',
    });
    expect(cell).toMatchObject({ kept: { kind: 'number', number: '200' }, source: 'kept' });
    expect((await q3(services, 'EX-01')).score).toBe('12.00');
    const audit = await services.audit({ entity: 'value' });
    expect(
      audit.some((e) => e.action === '修改上年数' && e.key === '2024/EX/EX-01/Q3' && e.reason === '上年报表'),
    ).toBe(true);
    const bad = (await services
      .setBaseline({ ...Y, target: 'EX-01', indicator: 'P1', text: '5' })
      .catch((e: unknown) => e)) as ApiError;
    expect(bad.code).toBe('INPUT');
    expect(bad.message).toContain('不是增长率指标');
    const text = (await services
      .setBaseline({ ...Y, target: 'EX-01', indicator: 'Q3', text: '两百' })
      .catch((e: unknown) => e)) as ApiError;
    expect(text.code).toBe('INPUT');
    await services.lock(Y);
    const locked = (await services
      .setBaseline({ ...Y, target: 'EX-01', indicator: 'Q3', text: '100' })
      .catch((e: unknown) => e)) as ApiError;
    expect(locked.code).toBe('LOCKED');
    await services.unlock({ ...Y, reason: '更正' });
    const removed = await services.setBaseline({ ...Y, target: 'EX-01', indicator: 'Q3', text: '' });
    expect(removed.source).toBe('none');
    expect(await services.getBaselines(Y)).toEqual([]);
  });

  it('undoing an import puts its 上年数 back too', async () => {
    const services = await setup();
    await services.setBaseline({ ...Y, target: 'EX-01', indicator: 'Q3', text: '150' });
    const out = await importValuesBytes(services, {
      ...Y,
      fileName: '采集表.xlsx',
      bytes: await filledTemplate(services),
    });
    expect(out.baselines).toEqual({ new: 0, changed: 1, unchanged: 0, cleared: 0 });
    const r = await services.undoImport({ importId: out.importId! });
    expect(r.baselinesRestored).toBe(1);
    expect((await services.getBaselines(Y))[0]!.kept).toEqual({ kind: 'number', number: '150' });
  });
});
