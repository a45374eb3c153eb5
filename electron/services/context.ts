/**
 * What every service file shares: the open store (replaced on restore), who is working, the clock,
 * input checking, the audit trail and the lock guard. All helpers here are synchronous so that a
 * whole change (check, write, audit) runs inside one better-sqlite3 transaction.
 */
import os from 'node:os';
import type BetterSqlite3 from 'better-sqlite3';
import type { Compilable, Kysely } from 'kysely';
import type { ApiMethod } from '../../shared/api/contract';
import { checkApiInput, type ApiInput } from '../../shared/api/schemas';
import type { AuditEntity } from '../../shared/api/audit';
import type { Store } from '../store/store';
import type { DB } from '../store/schema';
import { ApiError } from './errors';
import { localTimeText } from '../../shared/time';

export interface AuditInput {
  /** What was done, in Chinese (新增、修改、删除、定稿 …). */
  action: string;
  entity: AuditEntity;
  /** Which record, e.g. "2024/EX/EX-01/P1". */
  key: string;
  old?: unknown;
  new?: unknown;
  reason?: string | null;
}

export interface ServiceContext {
  readonly store: Store;
  readonly db: Kysely<DB>;
  readonly raw: BetterSqlite3.Database;
  dbPath: string;
  who(): string;
  now(): string;
  tx<T>(fn: () => T): T;
  all<R>(q: Compilable<R>): R[];
  first<R>(q: Compilable<R>): R | undefined;
  run(q: Compilable<unknown>): { changes: number; lastInsertRowid: number };
  audit(e: AuditInput): void;
  /** Throws ApiError('LOCKED') naming the year and scheme when (year, scheme) is locked. */
  assertUnlocked(year: number, scheme: string): void;
  isLocked(year: number, scheme: string): { lockedAt: string; lockedBy: string; fingerprint: string } | null;
  /** Checks an API method's input (shared/api/schemas.ts); ApiError('INPUT') with field paths. */
  check<M extends ApiMethod>(method: M, input: unknown): ApiInput<M>;
  /** Swaps the open store (restore). */
  replaceStore(store: Store): void;
  /**
   * Changes whenever the data may have changed: a write through this context, a row this
   * connection changed by any path, or a commit by any other connection or process (the store's
   * dataVersion). Keys caches of computed results (cached below).
   */
  dataVersion(): string;
  /**
   * The value computed for `key` while the data is unchanged (dataVersion), else compute() now.
   * Kept only when computed outside a transaction (it could roll back) with no change meanwhile;
   * dropped at this context's next write. Callers hand the value out as is: make it immutable.
   */
  cached<T>(key: string, compute: () => T): T;
}

/** Computed values kept per data version: a few (year, scheme) results, each up to 1.5 M leaves. */
const CACHED_ENTRIES = 8;

function jsonOrNull(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function createContext(initial: Store, opts: { who?: string }): ServiceContext {
  let store = initial;
  let writes = 0;
  let memo: { version: string; entries: Map<string, unknown> } | null = null;
  /** A write (or a transaction that may write) begins or ends: whatever was computed may be stale. */
  const changed = () => {
    writes++;
    memo = null;
  };
  const osUser = (() => {
    try {
      return os.userInfo().username;
    } catch {
      return '';
    }
  })();
  const ctx: ServiceContext = {
    get store() {
      return store;
    },
    get db() {
      return store.db;
    },
    get raw() {
      return store.raw;
    },
    dbPath: initial.path,
    who() {
      const row = store.first(store.db.selectFrom('settings').select('value').where('key', '=', 'appraiserName'));
      const name = row?.value.trim();
      return name || opts.who?.trim() || osUser || '未署名';
    },
    now: () => new Date().toISOString(),
    tx: (fn) => {
      changed();
      try {
        return store.tx(fn);
      } finally {
        // Also after: whatever was computed inside a rolled-back transaction is stale.
        changed();
      }
    },
    all: (q) => store.all(q),
    first: (q) => store.first(q),
    run: (q) => {
      changed();
      return store.run(q);
    },
    audit(e) {
      store.run(
        store.db.insertInto('audit_log').values({
          at: ctx.now(),
          who: ctx.who(),
          action: e.action,
          entity: e.entity,
          key: e.key,
          old: jsonOrNull(e.old),
          new: jsonOrNull(e.new),
          reason: e.reason ?? null,
        }),
      );
    },
    isLocked(year, scheme) {
      const row = store.first(
        store.db
          .selectFrom('locks')
          .select(['locked_at', 'locked_by', 'fingerprint'])
          .where('year', '=', year)
          .where('scheme', '=', scheme),
      );
      return row ? { lockedAt: row.locked_at, lockedBy: row.locked_by, fingerprint: row.fingerprint } : null;
    },
    assertUnlocked(year, scheme) {
      const lock = ctx.isLocked(year, scheme);
      if (lock) {
        throw new ApiError(
          'LOCKED',
          `${year} 年度方案 ${scheme} 已定稿（${lock.lockedBy} 于 ${localTimeText(lock.lockedAt)} 定稿），不能修改；如确需修改，请先解除定稿并说明原因。`,
        );
      }
    },
    check(method, input) {
      const r = checkApiInput(method, input);
      if (r.ok) return r.value;
      const first = r.problems[0]!;
      throw new ApiError('INPUT', `输入有误：${first.path}：${first.message}`, { problems: r.problems });
    },
    replaceStore(next) {
      store = next;
      changed();
      ctx.dbPath = next.path;
    },
    dataVersion() {
      return `${store.path}:${store.dataVersion()}:${writes}`;
    },
    cached<T>(key: string, compute: () => T): T {
      const version = ctx.dataVersion();
      if (memo && memo.version !== version) memo = null;
      if (memo?.entries.has(key)) {
        const hit = memo.entries.get(key) as T;
        // Most recently used last: the oldest entry goes first when the memo is full.
        memo.entries.delete(key);
        memo.entries.set(key, hit);
        return hit;
      }
      const value = compute();
      // Read at one version from start to end (no commit by anyone meanwhile), and not inside a
      // transaction that may still roll back.
      if (!store.raw.inTransaction && ctx.dataVersion() === version) {
        if (!memo || memo.version !== version) memo = { version, entries: new Map() };
        memo.entries.set(key, value);
        if (memo.entries.size > CACHED_ENTRIES) memo.entries.delete(memo.entries.keys().next().value!);
      }
      return value;
    },
  };
  return ctx;
}
