/**
 * Opening the workstation database: the only place that knows it is SQLite (PRAGMAs, integrity
 * check, online backup). Everything above talks Kysely.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Compilable } from 'kysely';
import { ApiError } from '../../shared/api/errors';
import { produceAtomically } from '../fs/atomic-file';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import type { DB } from './schema';

/** Marks a file as this workstation's database ("CHAP"); a foreign SQLite file lacks it. */
const APPLICATION_ID = 0x43484150;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface Store {
  path: string;
  /** Opened read-only (a read-only file, for reading commands). */
  readonly: boolean;
  raw: BetterSqlite3.Database;
  db: Kysely<DB>;
  /**
   * One better-sqlite3 transaction. The body is synchronous: inside it, run Kysely-built queries
   * with all/first/run below (Kysely builds the SQL, better-sqlite3 executes it at once); nested
   * calls become savepoints.
   */
  tx<T>(fn: () => T): T;
  /** Executes a Kysely query synchronously and returns its rows. */
  all<R>(query: Compilable<R>): R[];
  first<R>(query: Compilable<R>): R | undefined;
  /** Executes a Kysely write synchronously. */
  run(query: Compilable<unknown>): { changes: number; lastInsertRowid: number };
  /**
   * Changes whenever the data may have changed: a commit by any other connection, in this process
   * or another (PRAGMA data_version), or any row this connection inserted, updated or deleted,
   * committed or not (total_changes(), whatever path wrote it). Keys caches of computed results.
   */
  dataVersion(): string;
  /** Online, consistent copy of the whole database (safe while others read and write). */
  backupTo(dest: string): Promise<void>;
  close(): Promise<void>;
}

function damaged(file: string, detail: string): ApiError {
  return new ApiError('DB', `数据库文件已损坏或不是本系统的数据库：${file}（${detail}）。请从备份恢复。`);
}

/** Checks the first bytes before SQLite sees the file, for a clear message on a foreign file. */
function checkHeader(file: string): void {
  if (!fs.existsSync(file)) return;
  const stat = fs.statSync(file);
  if (stat.isDirectory()) throw new ApiError('DB', `数据库路径是一个文件夹，不是文件：${file}`);
  if (stat.size === 0) return;
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    if (n < 16 || buf.toString('latin1') !== SQLITE_HEADER) {
      throw damaged(file, '文件头不是 SQLite 数据库格式');
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Verifies an existing file without changing it: a SQLite file, passes quick_check, written by
 * this system, and by a schema version this code knows. Returns its schema version.
 */
export function inspectDatabaseFile(file: string): number {
  if (!fs.existsSync(file)) throw new ApiError('NOT_FOUND', `找不到数据库文件：${file}`);
  checkHeader(file);
  let raw: BetterSqlite3.Database | null = null;
  try {
    raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    return checkOpened(raw, file);
  } catch (e) {
    throw asDbError(e, file);
  } finally {
    raw?.close();
  }
}

/** The tables of migration 1: a file without any of them was not written by this program. */
const CORE_TABLES = [
  'schema_version',
  'settings',
  'years',
  'targets',
  'schemes',
  'indicator_values',
  'audit_log',
  'locks',
];

export interface DatabaseSummary {
  size: number;
  schemaVersion: number;
  county: string;
  years: number[];
  schemes: { year: number; code: string; name: string; locked: boolean }[];
  counts: { targets: number; schemes: number; values: number; salaryInputs: number; auditEntries: number };
  newestChange: string | null;
}

/**
 * A file offered for a restore: accepted only if it is a database this program wrote — SQLite,
 * our application_id, a schema version this code knows (1…latest) recorded in its migrations
 * table, every core table present, and PRAGMA integrity_check ok. Refusals are ApiError('INPUT')
 * in Chinese, naming what is wrong; nothing is written (the file is opened read-only). Returns
 * what the file holds, for the user to confirm before anything is replaced.
 */
export function inspectBackupFile(file: string, shownName = path.basename(file)): DatabaseSummary {
  const name = shownName;
  const refuse = (why: string) => new ApiError('INPUT', `“${name}”不能用于恢复：${why}。当前数据未被改动。`);
  if (!fs.existsSync(file)) throw new ApiError('NOT_FOUND', `找不到备份文件：${file}`);
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw refuse('它不是文件');
  if (stat.size === 0) throw refuse('文件是空的（0 字节），可能是中断的备份');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    if (n < 16 || buf.toString('latin1') !== SQLITE_HEADER)
      throw refuse('它不是本系统的数据库文件（文件头不是 SQLite 格式）');
  } finally {
    fs.closeSync(fd);
  }
  let raw: BetterSqlite3.Database | null = null;
  try {
    raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const appId = raw.pragma('application_id', { simple: true }) as number;
    const version = raw.pragma('user_version', { simple: true }) as number;
    const tables = new Set(
      (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    if (tables.size === 0) throw refuse('它是一个空的 SQLite 数据库，里面没有任何数据');
    if (appId !== APPLICATION_ID || version === 0) throw refuse('它是 SQLite 数据库，但不是本系统写的数据库');
    if (version > LATEST_VERSION) {
      throw refuse(
        `它由较新版本的软件写入（数据库结构版本 ${version}，本程序只认识到版本 ${LATEST_VERSION}），请先升级本软件`,
      );
    }
    const missing = CORE_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw refuse(`缺少本系统的数据表（${missing.slice(0, 4).join('、')}）`);
    const applied = (raw.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null }).v;
    if (applied !== version) throw refuse(`结构版本记录不一致（文件头 ${version}，迁移记录 ${applied ?? '无'}）`);
    const rows = raw.pragma('integrity_check') as { integrity_check: string }[];
    if ((rows[0]?.integrity_check ?? 'ok') !== 'ok') {
      throw refuse(
        `完整性检查未通过（${rows
          .slice(0, 3)
          .map((r) => r.integrity_check)
          .join('；')}）`,
      );
    }
    const count = (table: string) =>
      tables.has(table) ? (raw!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
    const county =
      (raw.prepare("SELECT value FROM settings WHERE key = 'countyName'").get() as { value: string } | undefined)
        ?.value ?? '';
    const locked = new Set(
      (raw.prepare('SELECT year, scheme FROM locks').all() as { year: number; scheme: string }[]).map(
        (r) => `${r.year}/${r.scheme}`,
      ),
    );
    const schemes = (
      raw.prepare('SELECT year, code, name FROM schemes ORDER BY year, code').all() as {
        year: number;
        code: string;
        name: string;
      }[]
    ).map((r) => ({ ...r, locked: locked.has(`${r.year}/${r.code}`) }));
    const years = [
      ...new Set([
        ...(raw.prepare('SELECT year FROM years').all() as { year: number }[]).map((r) => r.year),
        ...schemes.map((r) => r.year),
      ]),
    ].sort((a, b) => a - b);
    const newest = (raw.prepare('SELECT max(at) AS at FROM audit_log').get() as { at: string | null }).at;
    return {
      size: stat.size,
      schemaVersion: version,
      county,
      years,
      schemes,
      counts: {
        targets: count('targets'),
        schemes: schemes.length,
        values: count('indicator_values'),
        salaryInputs: count('salary_inputs'),
        auditEntries: count('audit_log'),
      },
      newestChange: newest,
    };
  } catch (e) {
    if (e instanceof ApiError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw refuse(`无法作为数据库读取（${msg}）`);
  } finally {
    raw?.close();
  }
}

function readOnlyError(file: string): ApiError {
  return new ApiError(
    'INPUT',
    `数据库文件是只读的（只读属性、只读文件夹或光盘/只读 U 盘），不能修改：${file}。查询、导出仍可使用；要修改，请把文件复制到可写的位置或取消只读属性。`,
  );
}

function asDbError(e: unknown, file: string): ApiError {
  if (e instanceof ApiError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
    return damaged(file, msg);
  }
  return new ApiError('DB', `无法打开数据库文件：${file}（${msg}）`);
}

function checkOpened(raw: BetterSqlite3.Database, file: string): number {
  const rows = raw.pragma('quick_check') as { quick_check: string }[];
  const first = rows[0]?.quick_check ?? 'ok';
  if (first !== 'ok') {
    throw damaged(
      file,
      `完整性检查未通过：${rows
        .slice(0, 3)
        .map((r) => r.quick_check)
        .join('；')}`,
    );
  }
  const version = raw.pragma('user_version', { simple: true }) as number;
  const appId = raw.pragma('application_id', { simple: true }) as number;
  const tables = (raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
  if (version === 0 && tables > 0) {
    throw new ApiError('DB', `该文件是 SQLite 数据库，但不是本系统的数据库：${file}`);
  }
  if (version > 0 && appId !== APPLICATION_ID) {
    throw new ApiError('DB', `该文件是 SQLite 数据库，但不是本系统的数据库：${file}`);
  }
  if (version > LATEST_VERSION) {
    throw new ApiError(
      'DB',
      `该数据库由较新版本的软件写入（数据库结构版本 ${version}，本程序只认识到版本 ${LATEST_VERSION}），` +
        `为避免损坏数据未打开：${file}。请升级本软件后再打开。`,
    );
  }
  return version;
}

function migrate(raw: BetterSqlite3.Database, from: number): void {
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    raw.transaction(() => {
      m.up(raw);
      raw
        .prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)')
        .run(m.version, m.name, new Date().toISOString());
      raw.pragma(`user_version = ${m.version}`);
      raw.pragma(`application_id = ${APPLICATION_ID}`);
    })();
  }
}

/** How long a write waits for another connection's write to finish before it gives up. */
export const BUSY_TIMEOUT_MS = 5000;

export interface OpenStoreOptions {
  /**
   * For reading commands (score, export, audit): a file that cannot be written (read-only file,
   * folder or medium) is opened read-only instead of failing. Writes then fail with a Chinese
   * message (toApiError).
   */
  readOnlyOk?: boolean;
}

/** Whether the file (and the folder, where SQLite keeps its -wal/-shm files) can be written. */
function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Opens (creating if absent) the database, checks it, and brings its schema up to date. */
export function openStore(file: string, opts: OpenStoreOptions = {}): Store {
  const abs = path.resolve(file);
  checkHeader(abs);
  const readonly = opts.readOnlyOk === true && fs.existsSync(abs) && !writable(abs);
  if (!readonly) fs.mkdirSync(path.dirname(abs), { recursive: true });
  let raw: BetterSqlite3.Database;
  let scratch: string | null = null;
  try {
    raw = new BetterSqlite3(abs, readonly ? { readonly: true, fileMustExist: true } : {});
    if (readonly) {
      try {
        raw.pragma('schema_version');
      } catch (e) {
        // A WAL-mode file in a folder that cannot be written (a CD, a read-only share): SQLite cannot
        // make its -shm file there. Read a private copy instead (the file itself stays untouched).
        raw.close();
        if ((e as { code?: string }).code !== 'SQLITE_CANTOPEN') throw e;
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'appraisal-readonly-'));
        const copy = path.join(scratch, path.basename(abs));
        fs.copyFileSync(abs, copy);
        if (fs.existsSync(`${abs}-wal`)) fs.copyFileSync(`${abs}-wal`, `${copy}-wal`);
        raw = new BetterSqlite3(copy, { readonly: true, fileMustExist: true });
      }
    }
  } catch (e) {
    throw asDbError(e, abs);
  }
  try {
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const version = checkOpened(raw, abs);
    if (readonly) {
      if (version < LATEST_VERSION) {
        throw new ApiError(
          'INPUT',
          `数据库文件是只读的，且需要升级到本版本的结构后才能使用：${abs}。请把文件复制到可写的位置（或取消只读属性）后再打开。`,
        );
      }
    } else {
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = NORMAL');
    }
    raw.pragma('foreign_keys = ON');
    // Memory-mapped reads and a larger page cache: scoring a province reads ~1.5 M value rows.
    raw.pragma('mmap_size = 268435456');
    raw.pragma('cache_size = -65536');
    if (!readonly) migrate(raw, version);
  } catch (e) {
    raw.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    if (!readonly && !(e instanceof ApiError) && fs.existsSync(abs) && !writable(abs)) throw readOnlyError(abs);
    throw asDbError(e, abs);
  }
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
  let closed = false;
  // Prepared once per distinct SQL text: the builders produce the same text for the same shape.
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string) => {
    let st = statements.get(sql);
    if (!st) {
      st = raw.prepare(sql);
      statements.set(sql, st);
    }
    return st;
  };
  const all = <R>(query: Compilable<R>): R[] => {
    const c = query.compile();
    const st = prepare(c.sql);
    if (!st.reader) {
      st.run(...(c.parameters as unknown[]));
      return [];
    }
    return st.all(...(c.parameters as unknown[])) as R[];
  };
  const otherCommits = raw.prepare('PRAGMA data_version').pluck();
  const ownChanges = raw.prepare('SELECT total_changes()').pluck();
  return {
    path: abs,
    readonly,
    raw,
    db,
    tx<T>(fn: () => T): T {
      // BEGIN IMMEDIATE: the write lock is taken at the start, where SQLite waits busy_timeout for
      // another writer. A deferred transaction that reads first and then writes fails at once with
      // "database is locked" when another connection wrote meanwhile (the busy handler is skipped).
      // Nested calls are savepoints, as before.
      return raw.inTransaction || readonly ? raw.transaction(fn)() : raw.transaction(fn).immediate();
    },
    all,
    first<R>(query: Compilable<R>): R | undefined {
      return all(query)[0];
    },
    run(query: Compilable<unknown>) {
      const c = query.compile();
      const st = prepare(c.sql);
      const r = st.reader
        ? (st.all(...(c.parameters as unknown[])), { changes: 0, lastInsertRowid: 0 })
        : st.run(...(c.parameters as unknown[]));
      return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
    },
    dataVersion() {
      return `${String(otherCommits.get())}.${String(ownChanges.get())}`;
    },
    async backupTo(dest: string) {
      // Into a temporary name, synced, then renamed: a kill or a full disk never leaves a half
      // backup under its final name.
      await produceAtomically(dest, async (tmp) => {
        await raw.backup(tmp);
        // A backup is one self-contained file (rollback journal, not WAL): it opens read-only
        // anywhere, a CD or a read-only USB stick included.
        const b = new BetterSqlite3(tmp);
        try {
          b.pragma('journal_mode = DELETE');
        } finally {
          b.close();
        }
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      // Kysely's destroy closes the underlying better-sqlite3 handle.
      await db.destroy();
      if (raw.open) raw.close();
      if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * Copies a whole database file into another (live) database with SQLite's backup API: the
 * destination's other connections stay valid and see the new content once it is done.
 */
export async function copyDatabase(src: string, dest: string): Promise<void> {
  const from = new BetterSqlite3(src, { readonly: true, fileMustExist: true });
  try {
    await from.backup(dest);
  } catch (e) {
    throw asDbError(e, dest);
  } finally {
    from.close();
  }
}
