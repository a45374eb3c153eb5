/**
 * Bulk reads and writes on the hot paths (scoring a province: 1.5 M values; seeding the bench):
 * raw prepared statements returning arrays, because building 1.5 M row objects through Kysely
 * costs more than the scoring itself. SQLite-specific, so it lives in the store.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { stmt } from './statements';
import type { Value } from '../../shared/domain/types';

const NA: Value = Object.freeze({ kind: 'na' }) as Value;
export const MISSING_JSON = JSON.stringify({ kind: 'missing' });
const NA_JSON = JSON.stringify({ kind: 'na' });

export function rowToValue(kind: string, number: string | null, label: string | null): Value {
  if (kind === 'number') return { kind: 'number', number: number ?? '' };
  if (kind === 'label') return { kind: 'label', label: label ?? '' };
  return NA;
}

/**
 * Stored values as SQLite hands them to JavaScript on the bulk paths: one JSON object per target,
 * indicator → a number as its text, a label as [label], N/A as null. A province (25,000 targets ×
 * 60 values) crosses as 25,000 short strings for JSON.parse instead of 1.5 M rows of 5 columns:
 * about twice as fast as rows, and 40 % faster than objects of the Value shape.
 */
const COMPACT_VALUE = `CASE kind WHEN 'number' THEN json_quote(number) WHEN 'label' THEN '[' || json_quote(label) || ']' ELSE 'null' END`;
/** COMPACT_VALUE for json_group_object (which quotes a number's text itself). */
const COMPACT_CELL = `CASE kind WHEN 'number' THEN number WHEN 'label' THEN json_array(label) ELSE NULL END`;
export const COMPACT_VALUES = `'{' || coalesce(group_concat(json_quote(indicator) || ':' || ${COMPACT_VALUE}, ','), '') || '}'`;

type CompactValue = string | [string] | null;

function fromCompact(v: CompactValue): Value {
  if (v === null) return NA;
  if (typeof v === 'string') return { kind: 'number', number: v };
  return { kind: 'label', label: v[0] };
}

function compactValues(json: string): Map<string, Value> {
  const o = JSON.parse(json) as Record<string, CompactValue>;
  const out = new Map<string, Value>();
  for (const indicator in o) out.set(indicator, fromCompact(o[indicator]!));
  return out;
}

/**
 * compactValues with one frozen Value per distinct number text or label, shared by every cell that
 * holds it: a province's 1.5 M values repeat a few thousand texts, and 1.5 M objects fewer to
 * allocate and keep (and for the collector to copy) is a good part of reading and scoring them.
 * Falls back to fresh objects past SHARED_LIMIT distinct texts.
 */
const SHARED_LIMIT = 200_000;
function sharedCompactValues(json: string, shared: Map<string, Value>): Map<string, Value> {
  const o = JSON.parse(json) as Record<string, CompactValue>;
  const out = new Map<string, Value>();
  for (const indicator in o) {
    const v = o[indicator]!;
    if (v === null) {
      out.set(indicator, NA);
      continue;
    }
    const key = typeof v === 'string' ? v : `[${v[0]}`;
    let value = shared.get(key);
    if (value === undefined) {
      // Frozen also past the limit: the values end up in score results that are kept and shared.
      value = Object.freeze(fromCompact(v));
      if (shared.size < SHARED_LIMIT) shared.set(key, value);
    }
    out.set(indicator, value);
  }
  return out;
}

/**
 * All values of one scheme and year: target → indicator → Value (absent = missing). The Value
 * objects are frozen (and shared between cells of the same text): read them, never change them.
 */
export function readSchemeValues(
  raw: BetterSqlite3.Database,
  year: number,
  scheme: string,
): Map<string, Map<string, Value>> {
  const it = stmt(
    raw,
    `SELECT target, ${COMPACT_VALUES} FROM indicator_values WHERE year = ? AND scheme = ? GROUP BY target`,
  )
    .raw(true)
    .iterate(year, scheme) as IterableIterator<[string, string]>;
  const out = new Map<string, Map<string, Value>>();
  const shared = new Map<string, Value>();
  for (const [target, json] of it) out.set(target, sharedCompactValues(json, shared));
  return out;
}

/**
 * One target's stored values: indicator → Value (absent = missing). The write path reads old values
 * a target at a time, so a re-import never holds a province's 1.5 M stored values at once.
 */
export function readTargetValues(
  raw: BetterSqlite3.Database,
  year: number,
  scheme: string,
  target: string,
): Map<string, Value> {
  const json = stmt(raw, `SELECT ${COMPACT_VALUES} FROM indicator_values WHERE year = ? AND scheme = ? AND target = ?`)
    .pluck()
    .get(year, scheme, target) as string;
  return compactValues(json);
}

/** Whether a scheme and year has any stored value (an import into an empty one reads no old values). */
export function hasSchemeValues(raw: BetterSqlite3.Database, year: number, scheme: string): boolean {
  return (
    stmt(raw, 'SELECT 1 FROM indicator_values WHERE year = ? AND scheme = ? LIMIT 1').get(year, scheme) !== undefined
  );
}

export interface BulkValueRow {
  target: string;
  indicator: string;
  value: Value;
}

/**
 * Rows per statement on the bulk paths. One statement per row costs more in the JS ↔ SQLite
 * crossing than SQLite spends on the row itself, so rows go 100 to a statement, as
 * `INSERT … SELECT <shared values>, column1, … FROM (VALUES (…), (…), …)`: what every row of a
 * write shares (year, scheme, who, when, import) is bound once per statement, not once per row.
 * A province (1.5 M rows) writes about 2.5× faster, far under SQLite's 32,766 bound parameters.
 */
const CHUNK = 100;

interface ChunkedInsert {
  /** `INSERT INTO t (cols…)` */
  head: string;
  /** The select list: `?` for the shared values (in the order given), `columnN` for the per-row ones. */
  select: string;
  /** Per-row parameters. */
  width: number;
  /** After the select (e.g. ON CONFLICT …). */
  tail: string;
}

/** The statement for n rows, prepared once per n (the full chunk and the one remainder). */
function chunkStmt(raw: BetterSqlite3.Database, sql: ChunkedInsert, n: number): BetterSqlite3.Statement {
  const tuple = `(${Array.from({ length: sql.width }, () => '?').join(', ')})`;
  // "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
  return stmt(
    raw,
    `${sql.head} SELECT ${sql.select} FROM (VALUES ${Array.from({ length: n }, () => tuple).join(', ')}) WHERE true ${sql.tail}`,
  );
}

/** Runs `rows` through chunked statements; `bind` appends one row's parameters (false: skip the row). */
function runChunked<T>(
  raw: BetterSqlite3.Database,
  sql: ChunkedInsert,
  shared: unknown[],
  rows: Iterable<T>,
  bind: (args: unknown[], row: T) => boolean,
): number {
  let args: unknown[] = [...shared];
  let inChunk = 0;
  let n = 0;
  const full = chunkStmt(raw, sql, CHUNK);
  const flush = () => {
    if (inChunk === 0) return;
    (inChunk === CHUNK ? full : chunkStmt(raw, sql, inChunk)).run(args);
    args = [...shared];
    inChunk = 0;
  };
  for (const r of rows) {
    if (!bind(args, r)) continue;
    n++;
    if (++inChunk === CHUNK) flush();
  }
  flush();
  return n;
}

/** Shared: year, scheme, entered_by, entered_at, import_id. Per row: target, indicator, kind, number, label. */
const VALUE_UPSERT: ChunkedInsert = {
  head: 'INSERT INTO indicator_values (year, scheme, target, indicator, kind, number, label, entered_by, entered_at, import_id)',
  select: '?, ?, column1, column2, column3, column4, column5, ?, ?, ?',
  width: 5,
  // "excluded" is the row that collided, so one statement serves many rows.
  tail: `ON CONFLICT (year, scheme, target, indicator) DO UPDATE SET
       kind = excluded.kind, number = excluded.number, label = excluded.label,
       entered_by = excluded.entered_by, entered_at = excluded.entered_at, import_id = excluded.import_id`,
};

/**
 * For cells known to have no value (a collision is a fault, not an update). Per row: target,
 * indicator, number, label; the kind follows from which of the two is set (neither: N/A). One
 * parameter fewer a row: about a tenth of a province's insert.
 */
const VALUE_INSERT: ChunkedInsert = {
  head: VALUE_UPSERT.head,
  select: `?, ?, column1, column2,
    CASE WHEN column3 IS NOT NULL THEN 'number' WHEN column4 IS NOT NULL THEN 'label' ELSE 'na' END,
    column3, column4, ?, ?, ?`,
  width: 4,
  tail: '',
};

/** Shared: year, scheme, at, who, reason, import_id. Per row: target, indicator, old, new. */
const HISTORY_INSERT: ChunkedInsert = {
  head: 'INSERT INTO value_history (year, scheme, target, indicator, old, new, at, who, reason, import_id)',
  select: '?, ?, column1, column2, column3, column4, ?, ?, ?, ?',
  width: 4,
  tail: '',
};

/**
 * Inserts or replaces many values in one transaction, without history or audit: for generated
 * data (bench, demo seeding), never for people's input (that goes through writeValues).
 */
export function bulkInsertValues(
  raw: BetterSqlite3.Database,
  year: number,
  scheme: string,
  rows: Iterable<BulkValueRow>,
  by: string,
  at: string,
): number {
  let n = 0;
  raw.transaction(() => {
    n = runChunked(raw, VALUE_UPSERT, [year, scheme, by, at, null], rows, (args, r) => {
      const v = r.value;
      if (v.kind === 'missing') return false;
      args.push(
        r.target,
        r.indicator,
        v.kind,
        v.kind === 'number' ? v.number : null,
        v.kind === 'label' ? v.label : null,
      );
      return true;
    });
  })();
  return n;
}

/** Inserts or updates many targets in one transaction, without audit: generated data only. */
export function bulkUpsertTargets(
  raw: BetterSqlite3.Database,
  targets: Iterable<{ code: string; name: string; kind: string; group?: string | null }>,
  at: string,
): number {
  const ins = stmt(
    raw,
    `INSERT INTO targets (code, name, kind, group_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, group_code = excluded.group_code,
       from_year = NULL, to_year = NULL, updated_at = excluded.updated_at`,
  );
  let n = 0;
  raw.transaction(() => {
    for (const t of targets) {
      ins.run(t.code, t.name, t.kind, t.group ?? null, at, at);
      n++;
    }
  })();
  return n;
}

export interface ValueChange {
  target: string;
  indicator: string;
  old: Value;
  value: Value;
}

/**
 * Applies checked value changes with their history rows (old → new, who, when, reason, import):
 * the write half of writeValues, on prepared statements so that a province import of 1.5 M cells
 * does not build 4.5 M queries. Runs inside the caller's transaction.
 */
export function applyValueChanges(
  raw: BetterSqlite3.Database,
  c: { year: number; scheme: string; who: string; at: string; reason: string | null; importId: number | null },
  changes: readonly ValueChange[],
): void {
  const del = stmt(raw, 'DELETE FROM indicator_values WHERE year = ? AND scheme = ? AND target = ? AND indicator = ?');
  runChunked(raw, VALUE_UPSERT, [c.year, c.scheme, c.who, c.at, c.importId], changes, (args, ch) => {
    const v = ch.value;
    if (v.kind === 'missing') {
      del.run(c.year, c.scheme, ch.target, ch.indicator);
      return false;
    }
    args.push(
      ch.target,
      ch.indicator,
      v.kind,
      v.kind === 'number' ? v.number : null,
      v.kind === 'label' ? v.label : null,
    );
    return true;
  });
  runChunked(raw, HISTORY_INSERT, [c.year, c.scheme, c.at, c.who, c.reason, c.importId], changes, (args, ch) => {
    args.push(ch.target, ch.indicator, valueJson(ch.old), valueJson(ch.value));
    return true;
  });
}

/** value_history.indicator of a row that records an import's cells of one target at once (store/history.ts). */
export const ALL_CELLS = '';

/**
 * Writes values into cells that had none (every cell of a first import) with their history
 * (missing → new): the values in chunked statements, then the history in ONE `INSERT … SELECT`
 * from the values just written, found by the import's id: a row per target (indicator ALL_CELLS,
 * never a real code: codes may not be empty) whose `new` holds the cells written (COMPACT_VALUES)
 * and whose `old` is missing for each. A province import writes 25,000 history rows
 * instead of 1.5 M (0.7 s less); valueHistory spells them out per cell. Call it before
 * applyValueChanges for the same import; the import id must be new to this write. Missing values
 * (nothing over nothing) are skipped. Returns the values written. Runs inside the caller's transaction.
 */
export function applyFreshValues(
  raw: BetterSqlite3.Database,
  c: { year: number; scheme: string; who: string; at: string; reason: string | null; importId: number },
  cells: Iterable<BulkValueRow>,
): number {
  const n = runChunked(raw, VALUE_INSERT, [c.year, c.scheme, c.who, c.at, c.importId], cells, (args, r) => {
    const v = r.value;
    // Nothing over nothing (a blank in replace mode): nothing to write, counted nowhere.
    if (v.kind === 'missing') return false;
    args.push(r.target, r.indicator, v.kind === 'number' ? v.number : null, v.kind === 'label' ? v.label : null);
    return true;
  });
  recordFreshHistory(raw, c, n);
  return n;
}

/**
 * The history of the n values an import just wrote into cells that had none (applyFreshValues;
 * the staged re-import, store/stage.ts): one ALL_CELLS row per target, built by SQLite from the
 * values carrying the import's id. Before any other value of that import is written.
 */
export function recordFreshHistory(
  raw: BetterSqlite3.Database,
  c: { year: number; scheme: string; who: string; at: string; reason: string | null; importId: number },
  n: number,
): void {
  if (n === 0) return;
  // Any other row with this import id would get a false history entry: refuse (the caller rolls back).
  const found = stmt(raw, 'SELECT count(*) FROM indicator_values WHERE year = ? AND scheme = ? AND import_id = ?')
    .pluck()
    .get(c.year, c.scheme, c.importId) as number;
  if (found !== n) throw new Error(`applyFreshValues: 写入 ${n} 个值，却找到 ${found} 个带导入编号 ${c.importId} 的值`);
  // `new` in the compact form (store/history.ts), the same text COMPACT_VALUES gives, built by
  // json_group_object: about a quarter faster than concatenating json_quote's pieces.
  stmt(
    raw,
    `INSERT INTO value_history (year, scheme, target, indicator, old, new, at, who, reason, import_id)
     SELECT year, scheme, target, '${ALL_CELLS}', '${MISSING_JSON}',
       json_group_object(indicator, ${COMPACT_CELL}), ?, ?, ?, import_id
     FROM indicator_values WHERE year = ? AND scheme = ? AND import_id = ? GROUP BY target`,
  ).run(c.at, c.who, c.reason, c.year, c.scheme, c.importId);
}

/** JSON.stringify of a Value, memoised for the shapes that repeat (missing, N/A). */
function valueJson(v: Value): string {
  if (v.kind === 'missing') return MISSING_JSON;
  if (v.kind === 'na') return NA_JSON;
  return JSON.stringify(v);
}

/**
 * Runs `fn` (which opens its own transaction) with this connection's foreign-key enforcement off:
 * at province size SQLite's three look-ups per value row (target, scheme, import) are about an
 * eighth of the insert. `PRAGMA foreign_keys` cannot change inside a transaction, so it is set
 * before and restored after, also when `fn` throws; inside a caller's transaction `fn` simply runs
 * with the checks on. The setting belongs to this connection only (other connections and processes
 * keep theirs), it is not stored in the file (a killed process leaves nothing behind), and `fn`
 * runs synchronously, so nothing else uses the connection meanwhile. `fn` must check every
 * reference it writes in code and call verifyImportReferences before it returns.
 */
export function withoutForeignKeys<T>(raw: BetterSqlite3.Database, fn: () => T): T {
  if (raw.inTransaction || raw.pragma('foreign_keys', { simple: true }) !== 1) return fn();
  raw.pragma('foreign_keys = OFF');
  let result: T;
  try {
    result = fn();
  } finally {
    // fn's transaction has committed or rolled back by now (better-sqlite3 rolls back on a throw).
    if (raw.inTransaction) raw.exec('ROLLBACK');
    raw.pragma('foreign_keys = ON');
  }
  if (!foreignKeysOn(raw)) throw new Error('无法恢复数据库的外键检查');
  return result;
}

/** Whether this connection enforces foreign keys now (off inside withoutForeignKeys). */
export function foreignKeysOn(raw: BetterSqlite3.Database): boolean {
  return raw.pragma('foreign_keys', { simple: true }) === 1;
}

/**
 * What the foreign keys would have refused, for the rows an import wrote with them off
 * (withoutForeignKeys), before its transaction commits: its scheme and import record exist, and so
 * does the target of every value and 上年数 row it wrote. The values' targets are read from the
 * import's history (one row per target it wrote values for: store/history.ts, written for a first
 * import by recordFreshHistory, for a re-import by writeStagedValues), so a province import looks
 * up 25,000 targets, not 1.5 M. Throws (the caller's transaction rolls back: nothing written) on
 * the first reference missing. A no-op while the foreign keys are on (SQLite checked every row).
 */
export function verifyImportReferences(
  raw: BetterSqlite3.Database,
  c: { year: number; scheme: string; importId: number },
): void {
  if (foreignKeysOn(raw)) return;
  const fail = (what: string) => {
    throw new Error(`导入编号 ${c.importId} 写入的数据引用了不存在的${what}（外键校验），已全部撤销`);
  };
  if (stmt(raw, 'SELECT 1 FROM schemes WHERE year = ? AND code = ?').get(c.year, c.scheme) === undefined)
    fail(`方案 ${c.year}/${c.scheme}`);
  if (stmt(raw, 'SELECT 1 FROM imports WHERE id = ?').get(c.importId) === undefined) fail('导入记录');
  const missing = (table: string, extra = '') =>
    stmt(
      raw,
      `SELECT r.target FROM ${table} AS r WHERE r.year = ? AND r.scheme = ? AND r.import_id = ? ${extra}
         AND NOT EXISTS (SELECT 1 FROM targets AS t WHERE t.code = r.target) LIMIT 1`,
    )
      .pluck()
      .get(c.year, c.scheme, c.importId) as string | undefined;
  const lost = missing('value_history', `AND r.indicator = '${ALL_CELLS}'`) ?? missing('value_baselines');
  if (lost !== undefined) fail(`考核对象 ${lost}`);
}
