/**
 * Opening the workstation database: the only place that knows it is SQLite (PRAGMAs, integrity
 * check, online backup). Everything above talks Kysely.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Compilable } from 'kysely';
import { ApiError } from '../../shared/api/errors';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import type { DB } from './schema';

/** Marks a file as this workstation's database ("CHAP"); a foreign SQLite file lacks it. */
const APPLICATION_ID = 0x43484150;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface Store {
  path: string;
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
    throw damaged(file, `完整性检查未通过：${rows.slice(0, 3).map((r) => r.quick_check).join('；')}`);
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
      raw.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
      raw.pragma(`user_version = ${m.version}`);
      raw.pragma(`application_id = ${APPLICATION_ID}`);
    })();
  }
}

/** Opens (creating if absent) the database, checks it, and brings its schema up to date. */
export function openStore(file: string): Store {
  const abs = path.resolve(file);
  checkHeader(abs);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(abs);
  } catch (e) {
    throw asDbError(e, abs);
  }
  try {
    raw.pragma('busy_timeout = 5000');
    const version = checkOpened(raw, abs);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    // Memory-mapped reads and a larger page cache: scoring a province reads ~1.5 M value rows.
    raw.pragma('mmap_size = 268435456');
    raw.pragma('cache_size = -65536');
    migrate(raw, version);
  } catch (e) {
    raw.close();
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
  return {
    path: abs,
    raw,
    db,
    tx<T>(fn: () => T): T {
      return raw.transaction(fn)();
    },
    all,
    first<R>(query: Compilable<R>): R | undefined {
      return all(query)[0];
    },
    run(query: Compilable<unknown>) {
      const c = query.compile();
      const st = prepare(c.sql);
      const r = st.reader ? (st.all(...(c.parameters as unknown[])), { changes: 0, lastInsertRowid: 0 }) : st.run(...(c.parameters as unknown[]));
      return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
    },
    async backupTo(dest: string) {
      fs.mkdirSync(path.dirname(path.resolve(dest)), { recursive: true });
      await raw.backup(path.resolve(dest));
    },
    async close() {
      if (closed) return;
      closed = true;
      // Kysely's destroy closes the underlying better-sqlite3 handle.
      await db.destroy();
      if (raw.open) raw.close();
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
