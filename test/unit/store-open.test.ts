import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, inspectDatabaseFile } from '../../electron/store/store';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/store/migrations';
import { ApiError } from '../../electron/services/errors';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function catchError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected an error');
}

describe('openStore', () => {
  it('creates a new file with every migration, WAL, foreign keys and busy timeout', async () => {
    const file = path.join(dir, 'new.db');
    const s = openStore(file);
    expect(s.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(s.raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const applied = s.all(s.db.selectFrom('schema_version').select(['version', 'name']).orderBy('version'));
    expect(applied.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const tables = s.raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    for (const t of [
      'settings',
      'targets',
      'persons',
      'schemes',
      'indicator_values',
      'value_history',
      'adjustments',
      'vetoes',
      'salary_inputs',
      'allocations',
      'imports',
      'audit_log',
      'locks',
    ]) {
      expect(tables).toContain(t);
    }
    await s.close();
  });

  it('reopens an existing file without re-running migrations and keeps its data', async () => {
    const file = path.join(dir, 'again.db');
    const a = openStore(file);
    a.run(a.db.insertInto('settings').values({ key: 'countyName', value: '示例县' }));
    await a.close();
    const b = openStore(file);
    expect(b.all(b.db.selectFrom('schema_version').selectAll())).toHaveLength(MIGRATIONS.length);
    expect(b.first(b.db.selectFrom('settings').select('value').where('key', '=', 'countyName'))?.value).toBe('示例县');
    await b.close();
  });

  it('stores decimal values as exact TEXT, never REAL', async () => {
    const s = openStore(path.join(dir, 'text.db'));
    const cols = s.raw.prepare("PRAGMA table_info('indicator_values')").all() as { name: string; type: string }[];
    expect(cols.find((c) => c.name === 'number')?.type).toBe('TEXT');
    const money = s.raw.prepare("PRAGMA table_info('salary_inputs')").all() as { name: string; type: string }[];
    expect(money.filter((c) => ['base', 'performance_base', 'cap'].includes(c.name)).map((c) => c.type)).toEqual([
      'TEXT',
      'TEXT',
      'TEXT',
    ]);
    await s.close();
  });

  it('refuses a file written by a newer schema version, naming both versions, without changing it', () => {
    const file = path.join(dir, 'newer.db');
    const s = openStore(file);
    s.raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    s.raw.close();
    const before = fs.readFileSync(file);
    const e = catchError(() => openStore(file));
    expect(e.code).toBe('DB');
    expect(e.message).toContain('较新版本');
    expect(e.message).toContain(String(LATEST_VERSION + 5));
    expect(e.message).toContain(String(LATEST_VERSION));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not SQLite with a clear Chinese message', () => {
    const file = path.join(dir, 'notes.db');
    fs.writeFileSync(file, '这不是数据库，只是一段文字。'.repeat(50));
    const e = catchError(() => openStore(file));
    expect(e.code).toBe('DB');
    expect(e.message).toContain('不是本系统的数据库');
    expect(e.message).toContain(file);
  });

  it('refuses a damaged database (corrupted pages) with the integrity check message', () => {
    const file = path.join(dir, 'damaged.db');
    const s = openStore(file);
    const ins = s.raw.prepare(
      'INSERT INTO audit_log (at, who, action, entity, key, old, new, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    s.raw.transaction(() => {
      for (let i = 0; i < 2000; i++)
        ins.run('2024-01-01', '甲', '修改', 'value', `k${i}`, 'x'.repeat(50), 'y'.repeat(50), null);
    })();
    s.raw.pragma('wal_checkpoint(TRUNCATE)');
    s.raw.close();
    const bytes = fs.readFileSync(file);
    // Overwrite the middle pages (keep the 100-byte header) with garbage.
    for (let i = 8192; i < bytes.length - 4096; i++) bytes[i] = (i * 7919) & 0xff;
    fs.writeFileSync(file, bytes);
    const e = catchError(() => openStore(file));
    expect(e.code).toBe('DB');
    expect(e.message).toMatch(/已损坏/);
  });

  it('refuses a SQLite file of another program', () => {
    const file = path.join(dir, 'other.sqlite');
    const other = new BetterSqlite3(file);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    other.close();
    const e = catchError(() => openStore(file));
    expect(e.code).toBe('DB');
    expect(e.message).toContain('不是本系统的数据库');
  });

  it('inspectDatabaseFile checks a backup without opening it for writing', async () => {
    const file = path.join(dir, 'ok.db');
    const s = openStore(file);
    await s.close();
    expect(inspectDatabaseFile(file)).toBe(LATEST_VERSION);
    expect(catchError(() => inspectDatabaseFile(path.join(dir, 'absent.db'))).code).toBe('NOT_FOUND');
  });
});

describe('backup', () => {
  it('copies a consistent database while another connection keeps writing', async () => {
    const file = path.join(dir, 'live.db');
    const s = openStore(file);
    const writer = new BetterSqlite3(file);
    writer.pragma('busy_timeout = 5000');
    const ins = writer.prepare("INSERT INTO settings (key, value) VALUES (?, 'v')");
    for (let i = 0; i < 200; i++) ins.run(`before${i}`);
    const backup = s.backupTo(path.join(dir, 'copy.db'));
    for (let i = 0; i < 200; i++) ins.run(`during${i}`);
    await backup;
    writer.close();
    await s.close();
    const copy = new BetterSqlite3(path.join(dir, 'copy.db'), { readonly: true });
    expect((copy.pragma('quick_check') as { quick_check: string }[])[0]!.quick_check).toBe('ok');
    const n = (copy.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'before%'").get() as { n: number }).n;
    expect(n).toBe(200);
    copy.close();
    expect(inspectDatabaseFile(path.join(dir, 'copy.db'))).toBe(LATEST_VERSION);
  });
});
