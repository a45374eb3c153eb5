/**
 * excel.md "Import semantics" (issue 9 point 2): a value import merges by default — a blank cell
 * changes nothing — and counts, before anything is written, what it will do (new / changed /
 * unchanged / cleared); 整表替换 (replace) clears blank cells of listed targets; an import can be
 * undone as one step. Through the service and through the CLI's --json.
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/services/errors';
import { importValuesBytes } from '../../electron/services/workbooks/value-import';
import { openServices, type Services } from '../../electron/services/index';
import { ex1Like, ex1Services, tmpDir } from './excel-fixtures';
import { runCli } from './support/ex1';

let open: Services[] = [];
afterEach(async () => {
  for (const s of open) await s.close();
  open = [];
});

const Y = { year: 2024, scheme: 'EX' };
const LEAVES = ['P1', 'P2', 'Q1', 'Q2', 'Q3', 'S1'];

/** Every cell of the scheme filled: 3 targets × 6 leaves, with an N/A and labels among them. */
const FULL: Record<string, (string | number)[]> = {
  'EX-01': [80.2, 66.5, 41, 17.5, 38211, '满意'],
  'EX-02': [90, 72, 33.8, '不适用', 20554, '基本满意'],
  'EX-03': [61.7, 55, 58, 9, 12002, '不满意'],
};

async function filled(): Promise<{ services: Services; dir: string }> {
  const r = await ex1Services();
  open.push(r.services);
  const cells = Object.entries(FULL).flatMap(([target, row]) =>
    row.map((v, i) => ({ target, indicator: LEAVES[i]!, text: String(v) })),
  );
  await r.services.setValues({ ...Y, cells, reason: '录入' });
  return r;
}

/** target/indicator → the stored value as JSON (a missing value has no entry). */
async function stored(services: Services): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const c of await services.getValues(Y)) out[`${c.target}/${c.indicator}`] = JSON.stringify(c.value);
  return out;
}

function diff(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}

const row = (code: string, cells: Partial<Record<string, ExcelJS.CellValue>>): ExcelJS.CellValue[] => [
  code,
  '',
  ...LEAVES.map((l) => cells[l] ?? null),
];

/** The correction sheet: five filled cells on two targets, every other cell blank. */
const correction = () =>
  ex1Like([row('EX-01', { P1: 81, Q1: 40, S1: '基本满意' }), row('EX-02', { Q2: 12 }), row('EX-03', { P2: '不适用' })]);

describe('merge (合并), the default: a 5-cell correction sheet on a fully filled scheme', () => {
  it('previews 5 changed and changes exactly those 5 values (service)', async () => {
    const { services } = await filled();
    const bytes = await correction();
    const before = await stored(services);
    expect(Object.keys(before)).toHaveLength(18);
    const preview = await importValuesBytes(services, { ...Y, fileName: '更正.xlsx', bytes, dryRun: true });
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toEqual({ new: 0, changed: 5, unchanged: 0, cleared: 0 });
    expect(await stored(services)).toEqual(before);

    const done = await importValuesBytes(services, { ...Y, fileName: '更正.xlsx', bytes });
    expect(done.counts).toEqual(preview.counts);
    expect(done.written).toBe(5);
    const after = await stored(services);
    expect(diff(before, after)).toEqual(['EX-01/P1', 'EX-01/Q1', 'EX-01/S1', 'EX-02/Q2', 'EX-03/P2']);
    expect(Object.keys(after)).toHaveLength(18);
    expect(after['EX-01/P1']).toBe(JSON.stringify({ kind: 'number', number: '81' }));
    expect(after['EX-02/Q2']).toBe(JSON.stringify({ kind: 'number', number: '12' }));
    expect(after['EX-03/P2']).toBe(JSON.stringify({ kind: 'na' }));
  });

  it('counts unchanged and new cells, and the counts after the write equal the preview', async () => {
    const r = await ex1Services();
    open.push(r.services);
    const services = r.services;
    await services.setValues({
      ...Y,
      cells: [
        { target: 'EX-01', indicator: 'P1', text: '80.2' },
        { target: 'EX-01', indicator: 'P2', text: '60' },
      ],
    });
    const bytes = await ex1Like([row('EX-01', { P1: 80.2, P2: 61, Q1: 40 })]);
    const preview = await importValuesBytes(services, { ...Y, fileName: 'a.xlsx', bytes, dryRun: true });
    expect(preview.counts).toEqual({ new: 1, changed: 1, unchanged: 1, cleared: 0 });
    const done = await importValuesBytes(services, { ...Y, fileName: 'a.xlsx', bytes });
    expect(done.counts).toEqual(preview.counts);
  });

  it('the same through the CLI: --dry-run --json and the import print the same counts', async () => {
    const { services, dir } = await filled();
    const db = services.ctx.dbPath;
    const before = await stored(services);
    await services.close();
    open = [];
    const file = path.join(dir, '更正.xlsx');
    fs.writeFileSync(file, await correction());
    const dry = await runCli(db, 'values', 'import', '--year', '2024', '--scheme', 'EX', file, '--dry-run', '--json');
    expect(dry.code, dry.err).toBe(0);
    const preview = JSON.parse(dry.out);
    expect(preview).toMatchObject({ new: 0, changed: 5, unchanged: 0, cleared: 0 });
    expect(Object.keys(preview).sort()).toEqual(['changed', 'cleared', 'new', 'unchanged', 'warnings']);
    expect(Array.isArray(preview.warnings)).toBe(true);
    const real = await runCli(db, 'values', 'import', '--year', '2024', '--scheme', 'EX', file, '--json');
    expect(real.code, real.err).toBe(0);
    const out = JSON.parse(real.out);
    expect({ ...out, warnings: [] }).toEqual({ ...preview, warnings: [] });
    const s = openServices({ dbPath: db });
    open.push(s);
    expect(diff(before, await stored(s))).toEqual(['EX-01/P1', 'EX-01/Q1', 'EX-01/S1', 'EX-02/Q2', 'EX-03/P2']);
  });

  it('a CLI rejection keeps {errors, warnings} and exit 2; a bad --mode is exit 2', async () => {
    const { services, dir } = await filled();
    const db = services.ctx.dbPath;
    await services.close();
    open = [];
    const file = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(file, await ex1Like([row('EX-01', { S1: '很满意' })]));
    for (const extra of [['--dry-run'], []]) {
      const r = await runCli(db, 'values', 'import', '--year', '2024', '--scheme', 'EX', file, '--json', ...extra);
      expect(r.code).toBe(2);
      expect(Object.keys(JSON.parse(r.out)).sort()).toEqual(['errors', 'warnings']);
    }
    expect((await runCli(db, 'values', 'import', '--year', '2024', '--scheme', 'EX', file, '--mode', 'all')).code).toBe(
      2,
    );
  });
});

describe('replace (整表替换)', () => {
  it('clears the blank cells of the listed targets, previews the count, and leaves other targets alone', async () => {
    const { services } = await filled();
    const bytes = await ex1Like([row('EX-01', { P1: 81, Q1: 41 })]);
    const before = await stored(services);
    const preview = await importValuesBytes(services, {
      ...Y,
      fileName: '整表.xlsx',
      bytes,
      dryRun: true,
      mode: 'replace',
    });
    expect(preview.counts).toEqual({ new: 0, changed: 1, unchanged: 1, cleared: 4 });
    expect(await stored(services)).toEqual(before);
    const done = await importValuesBytes(services, { ...Y, fileName: '整表.xlsx', bytes, mode: 'replace' });
    expect(done.counts).toEqual(preview.counts);
    const after = await stored(services);
    expect(diff(before, after)).toEqual(['EX-01/P1', 'EX-01/P2', 'EX-01/Q2', 'EX-01/Q3', 'EX-01/S1']);
    expect(
      Object.keys(after)
        .filter((k) => k.startsWith('EX-01/'))
        .sort(),
    ).toEqual(['EX-01/P1', 'EX-01/Q1']);
    // The same file merged clears nothing.
    const merged = await importValuesBytes(services, { ...Y, fileName: '整表.xlsx', bytes, dryRun: true });
    expect(merged.counts).toEqual({ new: 0, changed: 0, unchanged: 2, cleared: 0 });
  });
});

describe('undo an import (撤销导入)', () => {
  it('puts back exactly the values before it — missing, N/A and labels too — in one audited step', async () => {
    const { services } = await filled();
    await services.setValues({ ...Y, cells: [{ target: 'EX-03', indicator: 'Q3', text: '' }] }); // one missing before
    const before = await stored(services);
    const bytes = await ex1Like([
      row('EX-01', { P1: 1, S1: '不满意' }),
      row('EX-02', { Q2: 3 }), // was N/A
      row('EX-03', { Q3: 100, P1: '不适用' }), // Q3 was missing
    ]);
    const done = await importValuesBytes(services, { ...Y, fileName: '误导入.xlsx', bytes, mode: 'replace' });
    expect(diff(before, await stored(services)).length).toBeGreaterThan(5);
    const list = await services.listImports({ ...Y });
    expect(list[0]).toMatchObject({
      id: done.importId,
      fileName: '误导入.xlsx',
      status: 'imported',
      mode: 'replace',
      counts: done.counts,
    });
    const r = await services.undoImport({ importId: done.importId!, reason: '导错了文件' });
    expect(r.restored).toBe(done.written);
    // Read back through a second connection: the database itself holds the old values.
    const other = openServices({ dbPath: services.ctx.dbPath });
    open.push(other);
    expect(await stored(other)).toEqual(before);
    expect((await services.listImports({ ...Y }))[0]).toMatchObject({ status: 'undone' });
    const audit = await services.audit({ entity: 'value' });
    expect(audit.some((e) => e.action === '撤销导入' && e.reason === '导错了文件')).toBe(true);
    const err = await services.undoImport({ importId: done.importId! }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toContain('不能重复撤销');
  });

  it('undoes a first import (every value was missing) back to an empty scheme', async () => {
    const r = await ex1Services();
    open.push(r.services);
    const done = await importValuesBytes(r.services, {
      ...Y,
      fileName: 'a.xlsx',
      bytes: await ex1Like([row('EX-01', { P1: 80, P2: 70 }), row('EX-02', { Q1: 30 })]),
    });
    expect(Object.keys(await stored(r.services))).toHaveLength(3);
    await r.services.undoImport({ importId: done.importId! });
    expect(await stored(r.services)).toEqual({});
  });

  it('is refused, changing nothing, when a value it wrote was changed since; and when locked', async () => {
    const { services } = await filled();
    const first = await importValuesBytes(services, { ...Y, fileName: 'a.xlsx', bytes: await correction() });
    await services.setValue({ ...Y, target: 'EX-01', indicator: 'P1', text: '99' });
    const before = await stored(services);
    const err = (await services.undoImport({ importId: first.importId! }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('INPUT');
    expect(err.message).toContain('EX-01 的指标 P1');
    expect(err.message).toContain('现为 99');
    expect(await stored(services)).toEqual(before);
    // Put back what the import wrote: now it can be undone.
    await services.setValue({ ...Y, target: 'EX-01', indicator: 'P1', text: '81' });
    await services.lock(Y);
    const locked = (await services.undoImport({ importId: first.importId! }).catch((e: unknown) => e)) as ApiError;
    expect(locked.code).toBe('LOCKED');
    await services.unlock({ ...Y, reason: '撤销导入' });
    await services.undoImport({ importId: first.importId! });
    expect(diff(before, await stored(services))).toEqual(['EX-01/P1', 'EX-01/Q1', 'EX-01/S1', 'EX-02/Q2', 'EX-03/P2']);
  });

  it('CLI: values imports lists the id; values undo-import restores; exit 3 when locked', async () => {
    const { services, dir } = await filled();
    const db = services.ctx.dbPath;
    const before = await stored(services);
    await services.close();
    open = [];
    const file = path.join(dir, '更正.xlsx');
    fs.writeFileSync(file, await correction());
    expect((await runCli(db, 'values', 'import', '--year', '2024', '--scheme', 'EX', file)).code).toBe(0);
    const list = JSON.parse((await runCli(db, 'values', 'imports', '--year', '2024', '--scheme', 'EX', '--json')).out);
    const id = list.imports[0].id as number;
    expect((await runCli(db, 'lock', '--year', '2024', '--scheme', 'EX')).code).toBe(0);
    expect((await runCli(db, 'values', 'undo-import', '--import', String(id))).code).toBe(3);
    expect((await runCli(db, 'unlock', '--year', '2024', '--scheme', 'EX', '--reason', '更正')).code).toBe(0);
    const u = await runCli(db, 'values', 'undo-import', '--import', String(id), '--json');
    expect(u.code, u.err).toBe(0);
    expect(JSON.parse(u.out)).toMatchObject({ importId: id, restored: 5 });
    const s = openServices({ dbPath: db });
    open.push(s);
    expect(await stored(s)).toEqual(before);
  });
});

describe('a file imported before', () => {
  it('warns when the same bytes were imported as values before, not when they were another kind or rejected', async () => {
    const { services } = await filled();
    const bytes = await correction();
    services.recordImport({ kind: 'targets', fileName: 'x.xlsx', bytes, outcome: { status: 'imported' } });
    const first = await importValuesBytes(services, { ...Y, fileName: '更正.xlsx', bytes, dryRun: true });
    expect(first.warnings.some((w) => w.message.includes('sha256'))).toBe(false);
    await importValuesBytes(services, { ...Y, fileName: '更正.xlsx', bytes });
    const again = await importValuesBytes(services, { ...Y, fileName: '又一次.xlsx', bytes, dryRun: true });
    expect(again.warnings[0]!.message).toContain('更正.xlsx');
    expect(again.warnings[0]!.message).toContain('sha256');
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 5, cleared: 0 });
  });
});

void tmpDir;
