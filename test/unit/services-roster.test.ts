/**
 * Targets with years (domain.md, scoring.md "The targets of a scheme in a year") and a lock that
 * freezes the roster: whatever happens afterwards to targets, persons or other years, a locked
 * scheme/year's results, salary lines and finance workbook stay byte for byte what was locked, and
 * the exported workbook's fingerprint verifies (issue 9, points 3 and 4).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { scoreJson } from '../../electron/cli/format';
import { exportResultsBytes } from '../../electron/services/workbooks/finance-export';
import { importTargetsBytes } from '../../electron/services/workbooks/list-import';
import { fromPayload, toPayload } from '../../electron/services/workbooks/payload';
import { ex1Scheme, ex1Values, openTemp, runCli, valueText } from './support/ex1';

let s: Services;
let dir: string;
let dbPath: string;

beforeEach(() => {
  ({ s, dir, dbPath } = openTemp('roster-'));
});
afterEach(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const T = (code: string, name: string, more: Record<string, unknown> = {}) => ({
  target: { code, name, kind: 'community_centre' as const, group: null, ...more },
});

async function exTargets(): Promise<void> {
  await s.saveTarget(T('EX-01', '城关社区卫生服务中心'));
  await s.saveTarget(T('EX-02', '东街社区卫生服务中心'));
  await s.saveTarget(T('EX-03', '西关社区卫生服务中心'));
}

/** The worked example's scheme, values and adjustments for `year`. */
async function exYear(year: number, scheme: Record<string, unknown> = ex1Scheme()): Promise<void> {
  const saved = await s.saveScheme({ scheme, year, strict: true });
  expect(saved.problems).toEqual([]);
  const cells = Object.entries(ex1Values()).flatMap(([target, row]) =>
    Object.entries(row).map(([indicator, v]) => ({ target, indicator, text: valueText(v) })),
  );
  await s.setValues({ year, scheme: 'EX', cells });
  await s.addAdjustment({ year, scheme: 'EX', target: 'EX-02', kind: 'bonus', points: '2', reason: '省级示范' });
  await s.addAdjustment({
    year,
    scheme: 'EX',
    target: 'EX-03',
    kind: 'deduction',
    points: '1',
    reason: '督导发现问题',
  });
}

describe('targets have years', () => {
  it('a target added for 2025 takes no part in 2024: no 2024 result, and no REPEATED_FAIL in 2025', async () => {
    await exTargets();
    await exYear(2024);
    await exYear(2025);
    const added = await s.saveTarget(T('EX-04', '新设社区卫生服务中心', { from: 2025 }));
    expect(added).toMatchObject({ code: 'EX-04', from: 2025, to: null, warnings: [] });

    const r2024 = await s.score({ year: 2024, scheme: 'EX' });
    expect(r2024.results.map((r) => r.target).sort()).toEqual(['EX-01', 'EX-02', 'EX-03']);
    const r2025 = await s.score({ year: 2025, scheme: 'EX' });
    const ex04 = r2025.results.find((r) => r.target === 'EX-04')!;
    expect(ex04.grade).toBe('不合格'); // no values at all: every leaf missing
    expect(ex04.flags).toContain('MISSING');
    expect(ex04.flags).not.toContain('REPEATED_FAIL');
    expect(await s.gradeHistory({ target: 'EX-04', scheme: 'EX' })).toEqual([
      { year: 2025, grade: '不合格', total: ex04.total },
    ]);
    // The 2024 collection grid, template and overview count only the targets of 2024.
    expect((await s.listTargets({ year: 2024, scheme: 'EX' })).map((t) => t.code)).toEqual(['EX-01', 'EX-02', 'EX-03']);
    expect((await s.listSchemes({ year: 2024 }))[0]!.targets).toBe(3);
    expect((await s.listSchemes({ year: 2025 }))[0]!.targets).toBe(4);
    // A value for 2024 is refused with the reason.
    await expect(
      s.setValue({ year: 2024, scheme: 'EX', target: 'EX-04', indicator: 'P1', text: '80' }),
    ).rejects.toMatchObject({
      code: 'INPUT',
      message: expect.stringContaining('不参加 2024 年度考核'),
    });
  });

  it('retiring a target from 2025 keeps it in 2024 (and earlier), audited with the reason', async () => {
    await exTargets();
    await exYear(2024);
    await exYear(2025);
    const before2024 = scoreJson(await s.score({ year: 2024, scheme: 'EX' }));
    const retired = await s.retireTarget({ code: 'EX-03', from: 2025, reason: '并入城关中心' });
    expect(retired).toMatchObject({ code: 'EX-03', to: 2024 });
    expect(scoreJson(await s.score({ year: 2024, scheme: 'EX' }))).toEqual(before2024);
    expect((await s.score({ year: 2025, scheme: 'EX' })).results.map((r) => r.target).sort()).toEqual([
      'EX-01',
      'EX-02',
    ]);
    const entry = (await s.audit({ entity: 'target' })).at(-1)!;
    expect(entry).toMatchObject({ action: '停用', key: 'EX-03', reason: '并入城关中心' });
    expect(JSON.parse(entry.new!)).toMatchObject({ to: 2024 });
    // Retiring from its first year (it would never be appraised) is refused.
    await s.saveTarget(T('EX-05', '新中心', { from: 2025 }));
    await expect(s.retireTarget({ code: 'EX-05', from: 2025, reason: '误登记' })).rejects.toMatchObject({
      code: 'INPUT',
    });
  });

  it('codes are unique regardless of case; a code typed in another case finds the target', async () => {
    await exTargets();
    await exYear(2024);
    const err = await s.saveTarget(T('ex-01', '另一个中心')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INPUT', message: expect.stringContaining('EX-01') });
    expect((err as Error).message).toContain('大小写');
    expect((await s.listTargets({})).map((t) => t.code)).toEqual(['EX-01', 'EX-02', 'EX-03']);
    const cell = await s.setValue({ year: 2024, scheme: 'EX', target: 'ex-02', indicator: 'P1', text: '77' });
    expect(cell).toMatchObject({ target: 'EX-02', value: { kind: 'number', number: '77' } });
    await s.addAdjustment({ year: 2024, scheme: 'EX', target: 'ex-01', kind: 'bonus', points: '1', reason: '表彰' });
    expect((await s.listAdjustments({ year: 2024, scheme: 'EX' })).at(-1)!.target).toBe('EX-01');
    const cli = await runCli(dbPath, 'targets', 'add', '--code', 'Ex-03', '--name', 'X', '--kind', 'community_centre');
    expect(cli.code).toBe(2);
    expect(cli.err).toContain('EX-03');
  });

  it('a second target with the same name in the same group is a warning, not an error', async () => {
    await s.saveTarget({ target: { code: 'G1', name: '第一医疗集团', kind: 'medical_group', group: null } });
    await s.saveTarget(T('EX-01', '城关社区卫生服务中心', { group: 'G1' }));
    const dup = await s.saveTarget(T('EX-09', '城关社区卫生服务中心', { group: 'G1' }));
    expect(dup.warnings).toHaveLength(1);
    expect(dup.warnings[0]).toContain('EX-01');
    expect((await s.listTargets({})).map((t) => t.code)).toContain('EX-09');
    // Another group: no warning.
    expect((await s.saveTarget(T('EX-10', '城关社区卫生服务中心'))).warnings).toEqual([]);
    const cli = await runCli(
      dbPath,
      'targets',
      'add',
      '--code',
      'EX-11',
      '--name',
      '城关社区卫生服务中心',
      '--kind',
      'community_centre',
      '--group',
      'g1',
    );
    expect(cli.code, cli.err).toBe(0);
    expect(cli.err).toContain('同名');
    expect((await s.listTargets({})).find((t) => t.code === 'EX-11')!.group).toBe('G1');
  });

  it('targets add --from/--to and targets retire through the CLI', async () => {
    expect(
      (
        await runCli(
          dbPath,
          'targets',
          'add',
          '--code',
          'T01',
          '--name',
          '甲中心',
          '--kind',
          'community_centre',
          '--from',
          '2023',
          '--to',
          '2026',
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await runCli(
          dbPath,
          'targets',
          'add',
          '--code',
          'T02',
          '--name',
          '乙中心',
          '--kind',
          'community_centre',
          '--from',
          '2026',
          '--to',
          '2023',
        )
      ).code,
    ).toBe(2);
    const r = await runCli(dbPath, 'targets', 'retire', '--code', 't01', '--from', '2025', '--reason', '撤并');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('2025');
    expect(await s.listTargets({})).toEqual([
      { code: 'T01', name: '甲中心', kind: 'community_centre', group: null, from: 2023, to: 2024 },
    ]);
    expect(await s.listTargets({ year: 2025 })).toEqual([]);
    expect((await s.listTargets({ year: 2024 })).map((t) => t.code)).toEqual(['T01']);
    // Saved again without years: it keeps them (null clears one).
    expect(
      (
        await runCli(
          dbPath,
          'targets',
          'add',
          '--code',
          'T01',
          '--name',
          '甲中心（更名）',
          '--kind',
          'community_centre',
        )
      ).code,
    ).toBe(0);
    expect(await s.listTargets({})).toMatchObject([{ code: 'T01', name: '甲中心（更名）', from: 2023, to: 2024 }]);
    expect(await s.saveTarget(T('T01', '甲中心', { to: null }))).toMatchObject({ from: 2023, to: null });
  });
});

describe('the targets workbook reads 起始年度 / 终止年度', () => {
  async function book(rows: (string | number | null)[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考核对象');
    for (const r of rows) ws.addRow(r);
    return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it('years, a case clash refused with its cell, the same name in one group warned', async () => {
    await s.saveTarget(T('EX-01', '城关社区卫生服务中心', { to: 2023 }));
    const bad = await book([
      ['对象编码', '对象名称', '类型', '所属医疗集团', '起始年度', '终止年度'],
      ['ex-01', '城关', '社区卫生服务中心', null, null, null],
      ['EX-02', '东街', '社区卫生服务中心', null, '二〇二五', null],
    ]);
    const err = await importTargetsBytes(s, { fileName: 'bad.xlsx', bytes: bad }).catch(
      (e: { errors: { cell: string; message: string }[] }) => e,
    );
    expect((err as { errors: { cell: string; message: string }[] }).errors.map((e) => e.cell)).toEqual([
      '考核对象!A2',
      '考核对象!E3',
    ]);
    expect((err as { errors: { message: string }[] }).errors[0]!.message).toContain('EX-01');

    const ok = await book([
      ['对象编码', '对象名称', '类型', '起始年度', '终止年度'],
      ['EX-02', '东街社区卫生服务中心', '社区卫生服务中心', 2025, null],
      ['EX-03', '城关社区卫生服务中心', '社区卫生服务中心', '2021年', 2024],
    ]);
    const r = await importTargetsBytes(s, { fileName: 'ok.xlsx', bytes: ok });
    expect(r.written).toBe(2);
    expect(r.warnings.map((w) => [w.cell, w.target])).toEqual([['考核对象!B3', 'EX-03']]);
    expect(await s.listTargets({})).toEqual([
      { code: 'EX-01', name: '城关社区卫生服务中心', kind: 'community_centre', group: null, from: null, to: 2023 },
      { code: 'EX-02', name: '东街社区卫生服务中心', kind: 'community_centre', group: null, from: 2025, to: null },
      { code: 'EX-03', name: '城关社区卫生服务中心', kind: 'community_centre', group: null, from: 2021, to: 2024 },
    ]);
    // Without the year columns a registered target keeps its years.
    await importTargetsBytes(s, {
      fileName: 'names.xlsx',
      bytes: await book([
        ['对象编码', '对象名称', '类型'],
        ['ex-02', '东街中心', '社区卫生服务中心'],
      ]),
    }).catch(() => null);
    await importTargetsBytes(s, {
      fileName: 'names2.xlsx',
      bytes: await book([
        ['对象编码', '对象名称', '类型'],
        ['EX-02', '东街中心', '社区卫生服务中心'],
      ]),
    });
    expect((await s.listTargets({})).find((t) => t.code === 'EX-02')).toMatchObject({
      name: '东街中心',
      from: 2025,
      to: null,
    });
  });

  it('the template offers 起始年度 / 终止年度 and imports back as it is', async () => {
    await s.saveTarget({ target: { code: 'G1', name: '第一医疗集团', kind: 'medical_group', group: null } });
    await s.saveTarget(T('EX-01', '城关社区卫生服务中心', { group: 'G1', from: 2021 }));
    await s.saveTarget(T('EX-02', '东街社区卫生服务中心', { to: 2024 }));
    const before = await s.listTargets({});
    const file = await s.downloadTargetsTemplate({});
    expect(file.fileName).toMatch(/考核对象名单\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fromPayload(file) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考核对象')!;
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      '对象编码',
      '对象名称',
      '类型',
      '所属医疗集团',
      '起始年度',
      '终止年度',
    ]);
    expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual([
      'EX-01',
      '城关社区卫生服务中心',
      '社区卫生服务中心',
      '第一医疗集团',
      2021,
    ]);
    const r = await importTargetsBytes(s, { fileName: file.fileName, bytes: fromPayload(file) });
    expect(r.errors).toEqual([]);
    expect(r.written).toBe(3);
    expect(await s.listTargets({})).toEqual(before);
    const empty = await s.downloadTargetsTemplate({ empty: true });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(fromPayload(empty) as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('考核对象')!.getRow(4).getCell(1).value).toBeNull();
  });
});

// ---------- the lock freezes the roster ----------

/** ex1 with Q3 (门诊人次) scored as growth over last year, so the previous year is a baseline. */
function growthScheme(): Record<string, unknown> {
  const s = ex1Scheme() as { indicators: { code: string; children: Record<string, unknown>[] }[] } & Record<
    string,
    unknown
  >;
  for (const d of s.indicators)
    for (const c of d.children)
      if (c.code === 'Q3') Object.assign(c, { weight: 20, method: { type: 'growth', target: 10 } });
  return { ...s, fullScore: 120, minPublicWelfareShare: null };
}

/** Every cell of the workbook except the export-time line (row 2 of each sheet), as text. */
async function workbookData(bytes: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row, r) => {
      if (r === 2) return;
      row.eachCell((cell, c) => out.push(`${ws.name}!${r}/${c}=${JSON.stringify(cell.value)}`));
    });
  });
  return out;
}

async function lockedState() {
  const y = { year: 2024, scheme: 'EX' };
  const file = fromPayload(await exportResultsBytes(s, y));
  return {
    score: JSON.stringify(scoreJson(await s.score(y))),
    salary: JSON.stringify(await s.computeSalary({ year: 2024 })),
    roster: JSON.stringify(await s.listTargets(y)),
    workbook: await workbookData(file),
    file,
  };
}

describe('a lock freezes the roster', () => {
  beforeEach(async () => {
    await exTargets();
    await exYear(2023, growthScheme());
    await exYear(2024, growthScheme());
    await s.setValues({
      year: 2023,
      scheme: 'EX',
      cells: [
        { target: 'EX-01', indicator: 'Q3', text: '36000' },
        { target: 'EX-02', indicator: 'Q3', text: '20000' },
        { target: 'EX-03', indicator: 'Q3', text: '12000' },
      ],
    });
    for (const [person, target] of [
      ['甲', 'EX-01'],
      ['乙', 'EX-02'],
      ['丙', 'EX-03'],
    ] as const) {
      await s.setSalaryInput({
        year: 2024,
        input: {
          person,
          role: '主任',
          target,
          scheme: 'EX',
          base: '70000',
          performanceBase: '50000',
          months: 12,
          cap: null,
        },
      });
      await s.setSalaryInput({
        year: 2023,
        input: {
          person,
          role: '主任',
          target,
          scheme: 'EX',
          base: '70000',
          performanceBase: '50000',
          months: 12,
          cap: null,
        },
      });
    }
  });

  it('adding, retiring, renaming, re-grouping targets, persons and last year’s values change no byte of the locked year', async () => {
    const y = { year: 2024, scheme: 'EX' };
    const growthBefore = (await s.score(y)).results.find((r) => r.target === 'EX-01')!.indicators.Q3!.score;
    expect(growthBefore).toBe('12.28'); // (38211 − 36000) ÷ 36000 = 6.14 % of a 10 % target × 20
    await s.lock(y);
    const before = await lockedState();
    expect(before.workbook.some((c) => c.includes('城关社区卫生服务中心'))).toBe(true);

    await s.saveTarget(T('EX-04', '新设社区卫生服务中心')); // no years: would join 2024
    await s.saveTarget(T('EX-01', '城关街道社区卫生服务中心')); // renamed
    await s.saveTarget({ target: { code: 'G1', name: '第一医疗集团', kind: 'medical_group', group: null } });
    await s.saveTarget(T('EX-02', '东街社区卫生服务中心', { group: 'G1' })); // re-grouped
    await s.retireTarget({ code: 'EX-03', from: 2024, reason: '撤并' }); // gone from 2024 on
    await s.saveTarget({ target: { code: 'EX-05', name: '西街卫生院', kind: 'township_centre', group: null } });
    await s.saveTarget({
      target: { code: 'EX-05', name: '西街社区卫生服务中心', kind: 'community_centre', group: null },
    }); // kind changed to this scheme's
    await s.setSalaryInput({
      year: 2023,
      input: {
        person: '甲',
        role: '院长',
        target: 'EX-01',
        scheme: 'EX',
        base: '1',
        performanceBase: '1',
        months: 12,
        cap: null,
      },
    }); // the person's role
    await s.setValue({
      year: 2023,
      scheme: 'EX',
      target: 'EX-01',
      indicator: 'Q3',
      text: '38211',
      reason: '更正上年数',
    }); // the growth baseline: growth 6.14 % → 0

    const after = await lockedState();
    expect(after.score).toBe(before.score);
    expect(after.salary).toBe(before.salary);
    expect(after.roster).toBe(before.roster);
    expect(after.workbook).toEqual(before.workbook);
    // What changed is real: 2023 itself (not locked) moved, and an unlocked 2024 would move too.
    expect(JSON.parse(after.salary).find((l: { person: string }) => l.person === '甲').role).toBe('主任');
    await s.unlock({ ...y, reason: '核对' });
    const now = await s.score(y);
    expect(now.results.map((r) => r.target).sort()).toEqual(['EX-01', 'EX-02', 'EX-04', 'EX-05']);
    expect(now.results.find((r) => r.target === 'EX-01')!.indicators.Q3!.score).not.toBe(growthBefore);
  });

  it('the exported workbook carries the fingerprint as defined names and verifies; changed, unlocked or foreign workbooks do not', async () => {
    const y = { year: 2024, scheme: 'EX' };
    const unlockedExport = fromPayload(await exportResultsBytes(s, y));
    const { fingerprint, lockedAt } = await s.lock(y);
    const file = fromPayload(await exportResultsBytes(s, y));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const xml = await import('jszip').then(async (z) =>
      (await z.default.loadAsync(file)).file('xl/workbook.xml')!.async('string'),
    );
    const q = (t: string) => `&quot;${t}&quot;`;
    expect(xml).toContain(`<definedName name="数据指纹">${q(fingerprint)}</definedName>`);
    expect(xml).toContain(`<definedName name="定稿时间">${q(lockedAt)}</definedName>`);
    expect(xml).toContain(`<definedName name="方案编码">${q('EX')}</definedName>`);

    await s.saveTarget(T('EX-04', '新设社区卫生服务中心'));
    await s.retireTarget({ code: 'EX-02', from: 2024, reason: '撤并' });
    const ok = await s.verifyWorkbook({ file: toPayload('a.xlsx', file) });
    expect(ok).toMatchObject({ ok: true, status: 'match', year: 2024, scheme: 'EX', fingerprint });
    expect(ok.message).toContain('一致');

    // A cell changed by hand.
    const ws = wb.getWorksheet('考核结果汇总')!;
    const totalCol = (ws.getRow(3).values as unknown[]).indexOf('总分');
    ws.getRow(4).getCell(totalCol).value = 99.99;
    const edited = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const bad = await s.verifyWorkbook({ file: toPayload('b.xlsx', edited) });
    expect(bad).toMatchObject({ ok: false, status: 'different' });
    expect(bad.differences[0]!.cell).toMatch(/^考核结果汇总!/);
    expect(bad.differences[0]!.workbook).toBe('99.99');

    expect(await s.verifyWorkbook({ file: toPayload('c.xlsx', unlockedExport) })).toMatchObject({
      ok: false,
      status: 'not-locked',
    });
    const foreign = new ExcelJS.Workbook();
    foreign.addWorksheet('Sheet1').getCell('A1').value = 1;
    const fb = Buffer.from((await foreign.xlsx.writeBuffer()) as ArrayBuffer);
    expect(await s.verifyWorkbook({ file: toPayload('d.xlsx', fb) })).toMatchObject({ ok: false, status: 'foreign' });
    expect(await s.verifyWorkbook({ file: toPayload('e.txt', Buffer.from('hello')) })).toMatchObject({
      ok: false,
      status: 'foreign',
    });

    await s.unlock({ ...y, reason: '更正' });
    const gone = await s.verifyWorkbook({ file: toPayload('a.xlsx', file) });
    expect(gone).toMatchObject({ ok: false, status: 'unlocked' });
    expect(gone.message).toContain('更正');
    await s.lock(y); // the roster changed meanwhile: another fingerprint
    expect(await s.verifyWorkbook({ file: toPayload('a.xlsx', file) })).toMatchObject({
      ok: false,
      status: 'relocked',
    });
  });

  it('appraisal verify FILE.xlsx: exit 0 when it matches the lock, 2 with a Chinese explanation when not', async () => {
    const y = { year: 2024, scheme: 'EX' };
    await s.lock(y);
    const out = path.join(dir, '财政报表.xlsx');
    expect((await runCli(dbPath, 'export', 'results', '--year', '2024', '--scheme', 'EX', '--out', out)).code).toBe(0);
    expect(
      (await runCli(dbPath, 'targets', 'add', '--code', 'EX-04', '--name', '新中心', '--kind', 'community_centre'))
        .code,
    ).toBe(0);
    const good = await runCli(dbPath, 'verify', out, '--json');
    expect(good.code, good.err).toBe(0);
    expect(JSON.parse(good.out)).toMatchObject({ ok: true, status: 'match' });
    expect(good.err).toContain('一致');
    const again = path.join(dir, '再次导出.xlsx');
    expect((await runCli(dbPath, 'export', 'results', '--year', '2024', '--scheme', 'EX', '--out', again)).code).toBe(
      0,
    );
    expect(await workbookData(fs.readFileSync(again))).toEqual(await workbookData(fs.readFileSync(out)));

    expect((await runCli(dbPath, 'unlock', '--year', '2024', '--scheme', 'EX', '--reason', '财政局退回')).code).toBe(0);
    const bad = await runCli(dbPath, 'verify', out);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('解除定稿');
    expect(bad.err).toContain('财政局退回');
    const junk = path.join(dir, 'junk.xlsx');
    fs.writeFileSync(junk, 'not a workbook');
    const j = await runCli(dbPath, 'verify', junk);
    expect(j.code).toBe(2);
    expect(j.err).toContain('不是本软件导出的财政报表');
  });
});

describe('migration 3: the on/off flag becomes years', () => {
  it('active targets get no limits; a switched-off one keeps its history up to its last year with data', async () => {
    const Database = (await import('better-sqlite3')).default;
    const { MIGRATIONS } = await import('../../electron/store/migrations');
    const { openServices } = await import('../../electron/services');
    const file = path.join(dir, 'v1.db');
    const raw = new Database(file);
    raw.transaction(() => {
      MIGRATIONS[0]!.up(raw);
      raw.prepare("INSERT INTO schema_version VALUES (1, 'x', '2025-01-01')").run();
      raw.pragma('user_version = 1');
      raw.pragma(`application_id = ${0x43484150}`);
      const at = '2025-03-01T00:00:00Z';
      const t = raw.prepare(
        'INSERT INTO targets (code, name, kind, group_code, active, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?)',
      );
      t.run('A1', '在用中心', 'community_centre', 1, at, at);
      t.run('B1', '停用中心', 'community_centre', 0, at, at);
      t.run('C1', '无数据停用中心', 'community_centre', 0, at, at);
      raw
        .prepare(
          "INSERT INTO schemes (year, code, name, target_kind, json, valid, updated_at) VALUES (?, 'EX', 'x', 'community_centre', '{}', 1, ?)",
        )
        .run(2022, at);
      raw
        .prepare(
          "INSERT INTO schemes (year, code, name, target_kind, json, valid, updated_at) VALUES (?, 'EX', 'x', 'community_centre', '{}', 1, ?)",
        )
        .run(2023, at);
      raw
        .prepare("INSERT INTO indicator_values VALUES (2023, 'EX', 'B1', 'P1', 'number', '80', NULL, 'x', ?, NULL)")
        .run(at);
    })();
    raw.close();
    const m = openServices({ dbPath: file });
    try {
      expect(await m.listTargets({})).toEqual([
        { code: 'A1', name: '在用中心', kind: 'community_centre', group: null, from: null, to: null },
        { code: 'B1', name: '停用中心', kind: 'community_centre', group: null, from: null, to: 2023 },
        { code: 'C1', name: '无数据停用中心', kind: 'community_centre', group: null, from: null, to: 2021 },
      ]);
      const cols = (m.ctx.raw.prepare('PRAGMA table_info(targets)').all() as { name: string }[]).map((c) => c.name);
      expect(cols).not.toContain('active');
      expect(() =>
        m.ctx.raw
          .prepare(
            "INSERT INTO targets (code, name, kind, created_at, updated_at) VALUES ('a1', 'x', 'other', 'now', 'now')",
          )
          .run(),
      ).toThrow(/UNIQUE/);
    } finally {
      await m.close();
    }
  });
});
