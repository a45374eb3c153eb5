/**
 * Over the local web host, with the real services on a fresh database in a temporary folder:
 * the demo county opens in its own database file beside the real one (which stays untouched) and
 * the app switches back; backup and restore never accept a path from the page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupInfo, Settings } from '../../shared/api/contract';
import type { SchemeResult } from '../../shared/domain/types';
import { startHost, type Host } from '../../electron/host/server';
import { openServices } from '../../electron/services';
import { DEMO_DB_NAME } from '../../electron/services/databases';

let host: Host;
let dir: string;
let dbPath: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-demo-'));
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
  dbPath = path.join(dir, 'data', 'appraisal.sqlite');
  host = await startHost({ dbPath, rendererDir });
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function post(
  method: string,
  input: unknown = {},
): Promise<{ status: number; result?: any; error?: { code: string; message: string } }> {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Appraisal-Token': host.token },
    body: JSON.stringify(input),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

async function ok<T>(method: string, input: unknown = {}): Promise<T> {
  const r = await post(method, input);
  expect(r.status, `${method}: ${r.error?.message}`).toBe(200);
  return r.result as T;
}

/** What the real database holds, read through its own connection. */
async function realHolds(): Promise<{ targets: number; years: number[]; audit: number }> {
  const s = openServices({ dbPath });
  try {
    return {
      targets: (await s.listTargets({ includeInactive: true })).length,
      years: await s.listYears(),
      audit: (await s.audit({})).length,
    };
  } finally {
    await s.close();
  }
}

describe('the demo county in its own database', () => {
  it('openDemo creates 示例县 beside the real database, switches to it, and it scores', async () => {
    await ok('saveSettings', { countyName: '正式县', appraiserName: '王考核' });
    const before = await realHolds();
    expect(before).toMatchObject({ targets: 0, years: [] });

    const r = await ok<{ settings: Settings; created: boolean }>('openDemo');
    expect(r.created).toBe(true);
    expect(r.settings).toMatchObject({ isDemo: true, countyName: '示例县', dataFolder: path.dirname(dbPath) });
    expect(r.settings.dbPath).toBe(path.join(path.dirname(dbPath), DEMO_DB_NAME));
    expect(fs.existsSync(r.settings.dbPath)).toBe(true);
    // No scratch file is left behind.
    expect(fs.readdirSync(path.dirname(dbPath)).filter((f) => f.includes('正在生成') || f.endsWith('.tmp'))).toEqual(
      [],
    );

    expect((await ok<number[]>('listYears')).sort()).toEqual([2023, 2024]);
    const mg = await ok<SchemeResult>('score', { year: 2024, scheme: 'MG' });
    expect(mg.results).toHaveLength(2);
    for (const t of mg.results) expect(t.grade).not.toBe('');
    const tc = await ok<SchemeResult>('score', { year: 2024, scheme: 'TC' });
    expect(tc.results.length).toBe(15);
    expect(tc.results.find((t) => t.target === 'T09')?.grade).toBe('不合格');

    // The real database was neither written nor audited.
    expect(await realHolds()).toEqual(before);
  });

  it('an edit in the demo stays in the demo; openMainDatabase switches back to the empty real data', async () => {
    await ok('setValue', { year: 2024, scheme: 'MG', target: 'G01', indicator: await firstLeaf('MG'), text: '' });
    const back = await ok<Settings>('openMainDatabase');
    expect(back).toMatchObject({ isDemo: false, dbPath, countyName: '正式县' });
    expect(await ok<number[]>('listYears')).toEqual([]);
    expect(await ok<unknown[]>('listTargets', { includeInactive: true })).toEqual([]);
    expect((await realHolds()).targets).toBe(0);
    // Switching again reopens the same demo file (not a second build), edit kept.
    const again = await ok<{ settings: Settings; created: boolean }>('openDemo');
    expect(again.created).toBe(false);
    const cells = await ok<{ target: string; indicator: string; value: { kind: string } }[]>('getValues', {
      year: 2024,
      scheme: 'MG',
    });
    const leaf = await firstLeaf('MG');
    expect(cells.find((c) => c.target === 'G01' && c.indicator === leaf)?.value.kind ?? 'missing').toBe('missing');
    // The demo's backups keep to their own subfolder: never offered to restore the real data.
    const demoBackup = await ok<{ path: string; name: string }>('backup', {});
    expect(path.dirname(demoBackup.path)).toBe(path.join(path.dirname(dbPath), '备份', '示例数据'));
    expect(demoBackup.name).toMatch(/^示例数据备份-/);
    expect((await ok<BackupInfo[]>('listBackups')).map((b) => b.name)).toEqual([demoBackup.name]);
    // Restoring real backups into the demo database is refused.
    const refused = await post('restore', { name: 'x.db' });
    expect(refused.status).toBe(400);
    expect(refused.error?.message).toContain('返回正式数据');
    expect((await ok<Settings>('openMainDatabase')).isDemo).toBe(false);
    expect(await ok<BackupInfo[]>('listBackups')).toEqual([]);
  });
});

async function firstLeaf(scheme: string): Promise<string> {
  const s = await ok<{ indicators: { code: string; children?: unknown[] }[] }>('getScheme', { year: 2024, scheme });
  let node = s.indicators[0]!;
  while (node.children && node.children.length > 0) node = node.children[0] as typeof node;
  return node.code;
}

describe('backup and restore from a page never take a path', () => {
  const outside = () => path.join(dir, 'outside.db');

  it('backup refuses a path and writes only into <dataFolder>/备份/', async () => {
    const r = await post('backup', { out: outside() });
    expect(r.status).toBe(400);
    expect(r.error?.message).toContain('out');
    expect(fs.existsSync(outside())).toBe(false);

    const made = await ok<{ path: string; name: string }>('backup', {});
    expect(path.dirname(made.path)).toBe(path.join(path.dirname(dbPath), '备份'));
    expect(fs.existsSync(made.path)).toBe(true);
    const list = await ok<BackupInfo[]>('listBackups');
    expect(list.map((b) => b.name)).toContain(made.name);
    expect(list.find((b) => b.name === made.name)).toMatchObject({ kind: 'backup' });
  });

  it('restore refuses paths, folders and unlisted names; accepts a listed backup', async () => {
    // A valid database outside the backups folder: reachable from a page only as an upload.
    fs.copyFileSync(
      path.join(path.dirname(dbPath), '备份', (await ok<BackupInfo[]>('listBackups'))[0]!.name),
      outside(),
    );
    for (const input of [
      { file: outside() },
      { name: outside() },
      { name: '../appraisal.sqlite' },
      { name: `..${path.sep}appraisal.sqlite` },
      { name: '..\\appraisal.sqlite' },
      { name: 'C:\\Windows\\x.db' },
      { name: '备份/x.db' },
      { name: 'notes.txt' },
      {},
    ]) {
      const r = await post('restore', input);
      expect(r.status, JSON.stringify(input)).toBe(400);
      expect(r.error?.code).toBe('INPUT');
    }
    expect((await post('restore', { name: '没有这个备份.db' })).status).toBe(404);
    expect((await post('downloadBackup', { name: '../appraisal.sqlite' })).status).toBe(400);

    await ok('saveTarget', { target: { code: 'A1', name: '甲卫生院', kind: 'township_centre' } });
    const backups = await ok<BackupInfo[]>('listBackups');
    const plain = backups.find((b) => b.kind === 'backup')!;
    const r = await ok<{ restoredFrom: string; safetyBackup: string }>('restore', { name: plain.name });
    expect(r.restoredFrom).toBe(path.join(path.dirname(dbPath), '备份', plain.name));
    expect(path.dirname(r.safetyBackup)).toBe(path.join(path.dirname(dbPath), '备份'));
    // Back to the data of the backup (no targets); the safety copy is listed and holds A1.
    expect(await ok<unknown[]>('listTargets', { includeInactive: true })).toEqual([]);
    const after = await ok<BackupInfo[]>('listBackups');
    expect(after.find((b) => b.name === path.basename(r.safetyBackup))?.kind).toBe('safety');
    const copy = await ok<{ fileName: string; base64: string }>('downloadBackup', {
      name: path.basename(r.safetyBackup),
    });
    expect(Buffer.from(copy.base64, 'base64').subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  });

  it('an uploaded backup is written into the backups folder first, then restored', async () => {
    const safety = (await ok<BackupInfo[]>('listBackups')).find((b) => b.kind === 'safety')!;
    const bytes = fs.readFileSync(path.join(path.dirname(dbPath), '备份', safety.name));
    const r = await ok<{ restoredFrom: string }>('restore', {
      upload: { fileName: '从U盘.db', base64: bytes.toString('base64') },
    });
    expect(path.dirname(r.restoredFrom)).toBe(path.join(path.dirname(dbPath), '备份'));
    expect(path.basename(r.restoredFrom)).toMatch(/^上传的备份-/);
    expect((await ok<{ code: string }[]>('listTargets', { includeInactive: true })).map((t) => t.code)).toEqual(['A1']);
    // Not a database: refused as bad input (400, not a 500 of the program), in Chinese, nothing kept.
    const count = (await ok<BackupInfo[]>('listBackups')).length;
    const bad = await post('restore', {
      upload: { fileName: 'x.db', base64: Buffer.from('hello'.repeat(200)).toString('base64') },
    });
    expect(bad.status).toBe(400);
    expect(bad.error?.code).toBe('INPUT');
    expect(bad.error?.message).toMatch(/“x\.db”不能用于恢复.*当前数据未被改动/);
    expect((await ok<BackupInfo[]>('listBackups')).length).toBe(count);
  });
});
