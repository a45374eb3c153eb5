/**
 * Issue 13 points 1, 2, 3, 8: restore accepts only a database this program wrote, shows what it
 * holds first, and refuses anything else with nothing changed; writers wait for each other
 * (BEGIN IMMEDIATE + busy timeout) and a writer that waits too long is refused in Chinese (exit 2);
 * every file is written under a temporary name first; a read-only database serves reading commands.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServices } from '../../electron/services';
import { produceAtomically, writeFileAtomic, isTempName } from '../../electron/fs/atomic-file';
import { toApiError } from '../../electron/services/errors';
import { EXAMPLES, EX_TARGETS, runCli, snapshotFile, tempDir } from './support/ex1';

let dir: string;
let db: string;
const cli = (...args: string[]) => runCli(db, ...args);
const Y = ['--year', '2024', '--scheme', 'EX'];

beforeAll(async () => {
  dir = tempDir('robust-');
  db = path.join(dir, 'county.db');
  for (const t of EX_TARGETS)
    expect((await cli('targets', 'add', '--code', t.code, '--name', t.name, '--kind', '社区卫生服务中心')).code).toBe(
      0,
    );
  expect((await cli('scheme', 'import', path.join(EXAMPLES, 'ex1-scheme.json'))).code).toBe(0);
  expect((await cli('values', 'import', ...Y, path.join(EXAMPLES, 'ex1-values.xlsx'))).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Another connection, in its own thread, holds the write lock for `ms` (as the web host importing would). */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const w = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const D = require(workerData.lib);
     const db = new D(workerData.file);
     db.exec('BEGIN IMMEDIATE');
     db.prepare("INSERT INTO settings (key, value) VALUES ('holder', 'x') ON CONFLICT(key) DO UPDATE SET value = 'x'").run();
     parentPort.postMessage('locked');
     setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.postMessage('released'); }, workerData.ms);`,
    { eval: true, workerData: { file, ms, lib: require.resolve('better-sqlite3') } },
  );
  return new Promise((resolve) => {
    const released = new Promise<void>((r) => w.on('message', (m) => m === 'released' && r()));
    w.on('message', (m) => m === 'locked' && resolve({ released }));
  });
}

describe('writers wait for each other', () => {
  it('a write while another connection holds the write lock for 1 s waits and succeeds', async () => {
    const lock = await holdWriteLock(db, 1000);
    const r = await cli(
      'values',
      'set',
      ...Y,
      '--target',
      'EX-01',
      '--indicator',
      'S1',
      '--value',
      '满意',
      '--reason',
      '并发',
    );
    expect(r.code, r.err).toBe(0);
    await lock.released;
    const snap = await snapshotFile(db);
    expect(snap.settings!.some((s) => String(s).includes('holder'))).toBe(true);
    // A transaction that reads before it writes (saveSettings reads the old settings for the
    // audit): begun deferred, its upgrade to a write failed at once with "database is locked".
    const s = openServices({ dbPath: db });
    try {
      s.ctx.raw.prepare('SELECT count(*) FROM settings').get();
      const again = await holdWriteLock(db, 1000);
      await expect(s.saveSettings({ countyName: '示例县', appraiserName: '考核员' })).resolves.toMatchObject({
        countyName: '示例县',
      });
      await again.released;
    } finally {
      await s.close();
    }
  });

  it('a write that would wait past the busy timeout is refused in Chinese with exit 2, nothing half done', async () => {
    const before = await snapshotFile(db);
    const lock = await holdWriteLock(db, 6500);
    const r = await cli(
      'values',
      'set',
      ...Y,
      '--target',
      'EX-01',
      '--indicator',
      'S1',
      '--value',
      '不满意',
      '--reason',
      '并发',
    );
    await lock.released;
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/另一个窗口或程序写入/);
    expect(r.err).not.toMatch(/database is locked/);
    const after = await snapshotFile(db);
    expect(after.indicator_values).toEqual(before.indicator_values);
    expect(after.audit_log).toEqual(before.audit_log);
  });

  it('maps SQLite and file-system failures to Chinese messages', () => {
    const cases: [unknown, RegExp][] = [
      [Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), /另一个窗口或程序/],
      [Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), /磁盘已满/],
      [Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }), /只读/],
      [Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), /磁盘已满/],
      [new RangeError('Invalid string length'), /过大/],
      [new Error('Corrupted zip or bug: unexpected signature'), /文件已损坏/],
    ];
    for (const [e, re] of cases) {
      const a = toApiError(e);
      expect(a.message).toMatch(re);
      expect(a.message).not.toMatch(/[a-z]{6,} [a-z]{3,}/i);
    }
  });
});

describe('restore accepts only a database this program wrote', () => {
  const restoreRefused = async (file: string, why: RegExp) => {
    const before = await snapshotFile(db);
    const backupsBefore = fs.existsSync(path.join(dir, '备份')) ? fs.readdirSync(path.join(dir, '备份')) : [];
    for (const args of [
      ['restore', file],
      ['restore', file, '--dry-run'],
    ]) {
      const r = await cli(...args);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(why);
      expect(r.err).toMatch(/当前数据未被改动/);
    }
    expect(await snapshotFile(db)).toEqual(before);
    // No safety copy was made either: nothing happened.
    expect(fs.existsSync(path.join(dir, '备份')) ? fs.readdirSync(path.join(dir, '备份')) : []).toEqual(backupsBefore);
  };

  it('refuses a 0-byte file, an empty SQLite file, a foreign SQLite file and a text file with exit 2', async () => {
    const empty = path.join(dir, 'zero.db');
    fs.writeFileSync(empty, '');
    await restoreRefused(empty, /0 字节/);
    const emptySqlite = path.join(dir, 'empty-sqlite.db');
    new BetterSqlite3(emptySqlite).exec('VACUUM');
    await restoreRefused(emptySqlite, /空的 SQLite 数据库|不是本系统/);
    const foreign = path.join(dir, 'foreign.db');
    const f = new BetterSqlite3(foreign);
    f.exec("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('hi'); PRAGMA user_version = 3;");
    f.close();
    await restoreRefused(foreign, /不是本系统写的数据库/);
    const text = path.join(dir, 'notes.db');
    fs.writeFileSync(text, '这不是数据库'.repeat(100));
    await restoreRefused(text, /不是本系统的数据库文件/);
  });

  it('restore --dry-run shows what a backup holds; restore replaces and its audit entry is in the restored data', async () => {
    const backup = path.join(dir, 'good.db');
    expect((await cli('backup', '--out', backup)).code).toBe(0);
    const dry = await cli('restore', backup, '--dry-run', '--json');
    expect(dry.code, dry.err).toBe(0);
    const summary = JSON.parse(dry.out);
    expect(summary).toMatchObject({
      file: 'good.db',
      years: [2024],
      counts: { targets: EX_TARGETS.length, schemes: 1, values: 17 },
    });
    expect(summary.schemes).toEqual([{ year: 2024, code: 'EX', name: expect.any(String), locked: false }]);
    expect(summary.newestChange).toMatch(/^\d{4}-/);
    expect(dry.err).toMatch(/考核对象 \d+ 个，指标值 17 个/);
    // A change after the backup, undone by the restore.
    expect((await cli('values', 'set', ...Y, '--target', 'EX-02', '--indicator', 'S1', '--value', '不满意')).code).toBe(
      0,
    );
    const r = await cli('restore', backup, '--json');
    expect(r.code, r.err).toBe(0);
    const { safetyBackup } = JSON.parse(r.out);
    expect(fs.existsSync(safetyBackup)).toBe(true);
    const audit = JSON.parse((await cli('audit', '--json')).out).entries as { action: string; new: string }[];
    expect(audit.at(-1)!.action).toBe('恢复');
    expect(JSON.parse(audit.at(-1)!.new).safetyBackup).toBe(safetyBackup);
  });

  it('the API refuses an uploaded non-database with INPUT (HTTP 400, not 500) and inspectBackup describes a good one', async () => {
    const s = openServices({ dbPath: db });
    try {
      const bad = { fileName: '随便.db', base64: Buffer.from('not a database at all').toString('base64') };
      await expect(s.restore({ upload: bad })).rejects.toMatchObject({ code: 'INPUT' });
      await expect(s.inspectBackup({ upload: bad })).rejects.toMatchObject({ code: 'INPUT' });
      const good = { fileName: 'good.db', base64: fs.readFileSync(path.join(dir, 'good.db')).toString('base64') };
      const summary = await s.inspectBackup({ upload: good });
      expect(summary.counts.values).toBe(17);
      // No upload was kept in the list, and no temporary file is shown.
      expect((await s.listBackups()).map((b) => b.kind)).not.toContain('upload');
    } finally {
      await s.close();
    }
  });
});

describe('files are written under a temporary name first', () => {
  it('a failed write leaves no file under the final name and no temporary file; the list never shows a temporary file', async () => {
    const dest = path.join(dir, 'out', '导出.xlsx');
    await expect(
      produceAtomically(dest, (tmp) => {
        fs.writeFileSync(tmp, 'half');
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }),
    ).rejects.toThrow(/磁盘已满/);
    expect(fs.readdirSync(path.dirname(dest))).toEqual([]);
    writeFileAtomic(dest, 'whole');
    expect(fs.readFileSync(dest, 'utf8')).toBe('whole');
    expect(fs.readdirSync(path.dirname(dest))).toEqual(['导出.xlsx']);
    // A temporary file left by a killed backup is never listed as a backup.
    const folder = path.join(dir, '备份');
    fs.mkdirSync(folder, { recursive: true });
    const leftover = path.join(folder, '.数据备份-20260101-000000.db.123-abcd.tmp');
    fs.writeFileSync(leftover, '');
    expect(isTempName(path.basename(leftover))).toBe(true);
    const s = openServices({ dbPath: db });
    try {
      expect((await s.listBackups()).map((b) => b.name).filter((n) => n.includes('.tmp'))).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('a read-only database', () => {
  it('opens read-only for reading commands (score, export, audit) and refuses a write in Chinese', async () => {
    // A read-only medium: the file and its folder (where SQLite would put -wal/-shm) cannot be written.
    const roDir = path.join(dir, 'readonly');
    fs.mkdirSync(roDir);
    const ro = path.join(roDir, 'readonly.db');
    expect((await cli('backup', '--out', ro)).code).toBe(0);
    // Root ignores permission bits: make file and folder immutable instead where the system allows it.
    let undo = () => {
      fs.chmodSync(roDir, 0o755);
      fs.chmodSync(ro, 0o644);
    };
    fs.chmodSync(ro, 0o444);
    fs.chmodSync(roDir, 0o555);
    let canWrite = true;
    try {
      fs.accessSync(roDir, fs.constants.W_OK);
    } catch {
      canWrite = false;
    }
    if (canWrite) {
      try {
        execFileSync('chattr', ['+i', ro]);
        execFileSync('chattr', ['+i', roDir]);
        undo = () => {
          execFileSync('chattr', ['-i', roDir]);
          execFileSync('chattr', ['-i', ro]);
          fs.chmodSync(roDir, 0o755);
        };
      } catch {
        undo();
        console.warn('cannot make a read-only file here (root without chattr): read-only test skipped');
        return;
      }
    }
    try {
      const score = await runCli(ro, 'score', ...Y, '--json');
      expect(score.code, score.err).toBe(0);
      expect(JSON.parse(score.out).results.length).toBe(EX_TARGETS.length);
      expect((await runCli(ro, 'audit', '--json')).code).toBe(0);
      const out = path.join(dir, 'ro-results.xlsx');
      expect((await runCli(ro, 'export', 'results', ...Y, '--out', out)).code).toBe(0);
      expect(fs.statSync(out).size).toBeGreaterThan(0);
      const w = await runCli(ro, 'values', 'set', ...Y, '--target', 'EX-01', '--indicator', 'S1', '--value', '满意');
      expect(w.code).not.toBe(0);
      expect(w.err).toMatch(/只读/);
    } finally {
      undo();
    }
  });
});

describe('huge values are never echoed whole', () => {
  it('a 10 MB value typed on the command line is quoted cut to 200 characters with its size', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const r = await cli('values', 'set', ...Y, '--target', 'EX-01', '--indicator', 'P1', '--value', huge, '--json');
    expect(r.code, r.err.slice(0, 300)).toBe(2);
    expect(r.err).toContain('…（共 10485760 字符）');
    expect(r.err.length + r.out.length).toBeLessThan(3000);
  });
});
