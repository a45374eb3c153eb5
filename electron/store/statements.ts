/**
 * Prepared statements kept per connection and SQL text: the store's bulk paths (bulk.ts, stage.ts,
 * history.ts, undo.ts) run the same few statements thousands of times; preparing is the costly part.
 */
import type BetterSqlite3 from 'better-sqlite3';

const cache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** The statement for `sql` on this connection, prepared the first time. */
export function stmt(raw: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let m = cache.get(raw);
  if (!m) cache.set(raw, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = raw.prepare(sql)));
  return s;
}
