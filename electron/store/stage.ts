/**
 * An import over stored values, compared and written inside SQLite (issue 14): the checked cells
 * go into a TEMP table together with the value each replaces (one join per cell at insert), and
 * the counts, the value writes and the history are each one set statement over that table. A
 * re-import that changes most of a province's 1.5 M values then holds no old values and no change
 * objects in JavaScript: its time and memory stay close to a first import's.
 *
 * The history is one row per target the import wrote (indicator ALL_CELLS, store/history.ts),
 * holding each written cell's old and new value, as a first import's rows do: valueHistory spells
 * it out per cell, undoImport reads the old values back from it. SQLite-specific, so it lives in
 * the store.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { stmt } from './statements';
import type { Value } from '../../shared/domain/types';
import { ALL_CELLS } from './bulk';
import { cellJsonSql } from './history';

export interface StagedCell {
  target: string;
  indicator: string;
  value: Value;
}

export interface StagedCounts {
  new: number;
  changed: number;
  unchanged: number;
  cleared: number;
}

/** op of a staged cell: what writing it does to the stored value. */
const OP_NONE = 0; // missing over missing
const OP_NEW = 1;
const OP_CHANGED = 2;
const OP_UNCHANGED = 3;
const OP_CLEARED = 4;

const CHUNK = 100;

/**
 * The TEMP schema's page cache while a stage exists: a province's 1.5 M staged cells (about 80 MB)
 * stay in memory for the passes over them instead of going back and forth to a temporary file.
 */
const STAGE_CACHE_KIB = 128 * 1024;

function ensureStage(raw: BetterSqlite3.Database): void {
  raw.pragma(`temp.cache_size = -${STAGE_CACHE_KIB}`);
  // Keyed by (target, indicator): the history's GROUP BY target then needs no sort.
  raw.exec(`CREATE TEMP TABLE IF NOT EXISTS value_stage (
    target TEXT NOT NULL, indicator TEXT NOT NULL, kind TEXT NOT NULL, number TEXT, label TEXT,
    okind TEXT, onumber TEXT, olabel TEXT, op INTEGER NOT NULL,
    PRIMARY KEY (target, indicator)) WITHOUT ROWID`);
  raw.exec('DELETE FROM temp.value_stage');
}

/** The insert of n cells, each joined to the value it replaces and classified. */
function stageStmt(raw: BetterSqlite3.Database, n: number): BetterSqlite3.Statement {
  const tuples = Array.from({ length: n }, () => '(?, ?, ?, ?, ?)').join(', ');
  // A stored value is the same when the kind and its text are (shared/values sameValue).
  return stmt(
    raw,
    `INSERT INTO temp.value_stage (target, indicator, kind, number, label, okind, onumber, olabel, op)
     SELECT s.column1, s.column2, s.column3, s.column4, s.column5, v.kind, v.number, v.label,
       CASE
         WHEN v.kind IS NULL THEN CASE WHEN s.column3 = 'missing' THEN ${OP_NONE} ELSE ${OP_NEW} END
         WHEN s.column3 = 'missing' THEN ${OP_CLEARED}
         WHEN v.kind = s.column3 AND (v.kind = 'na' OR (v.kind = 'number' AND v.number = s.column4) OR (v.kind = 'label' AND v.label = s.column5)) THEN ${OP_UNCHANGED}
         ELSE ${OP_CHANGED}
       END
     FROM (VALUES ${tuples}) AS s
     LEFT JOIN indicator_values AS v ON v.year = @year AND v.scheme = @scheme AND v.target = s.column1 AND v.indicator = s.column2`,
  );
}

/**
 * Stages the cells (each target × indicator at most once: the caller has checked) against the
 * stored values of (year, scheme) and returns the counts. The staged cells stay until the next
 * stageValues on this connection (writeStagedValues uses them); clearStage frees them.
 */
export function stageValues(
  raw: BetterSqlite3.Database,
  year: number,
  scheme: string,
  cells: Iterable<StagedCell>,
): StagedCounts {
  ensureStage(raw);
  const named = { year, scheme };
  let args: unknown[] = [];
  let k = 0;
  const full = stageStmt(raw, CHUNK);
  const flush = () => {
    if (k === 0) return;
    (k === CHUNK ? full : stageStmt(raw, k)).run(...args, named);
    args = [];
    k = 0;
  };
  for (const c of cells) {
    const v = c.value;
    args.push(
      c.target,
      c.indicator,
      v.kind,
      v.kind === 'number' ? v.number : null,
      v.kind === 'label' ? v.label : null,
    );
    if (++k === CHUNK) flush();
  }
  flush();
  const counts: StagedCounts = { new: 0, changed: 0, unchanged: 0, cleared: 0 };
  for (const [op, n] of stmt(raw, 'SELECT op, count(*) FROM temp.value_stage GROUP BY op').raw(true).all() as [
    number,
    number,
  ][]) {
    if (op === OP_NEW) counts.new = n;
    else if (op === OP_CHANGED) counts.changed = n;
    else if (op === OP_UNCHANGED) counts.unchanged = n;
    else if (op === OP_CLEARED) counts.cleared = n;
  }
  return counts;
}

export function clearStage(raw: BetterSqlite3.Database): void {
  raw.exec('DROP TABLE IF EXISTS temp.value_stage');
  raw.pragma('temp.cache_size = -2000');
  raw.pragma('shrink_memory');
}

/**
 * Writes what stageValues staged (inside the caller's transaction): the new and changed values in
 * one upsert, cleared cells deleted; the history one row per target with a written cell
 * (ALL_CELLS: `new` every new, changed and cleared cell, `old` the value each of them had; see
 * store/history.ts), built here by json_group_object from the staged cells. Passes that have
 * nothing to do (no new cell, no cleared cell) are skipped. Returns the cells written; `step` is
 * told the cells written so far.
 */
export function writeStagedValues(
  raw: BetterSqlite3.Database,
  c: { year: number; scheme: string; who: string; at: string; reason: string | null; importId: number },
  counts: StagedCounts,
  step?: (written: number) => void,
): number {
  const p = { year: c.year, scheme: c.scheme, who: c.who, at: c.at, reason: c.reason, importId: c.importId };
  let written = 0;
  if (counts.new + counts.changed > 0) {
    // REPLACE, not an upsert: the row is rewritten whole either way, and an upsert's failed insert
    // plus update took 1.8× as long at province size. Nothing refers to indicator_values and it has
    // no triggers, so the delete REPLACE makes first has no other effect; changes() counts the
    // rows inserted. In (target, indicator) order: the stage's key, the values' key order too.
    written += stmt(
      raw,
      `INSERT OR REPLACE INTO indicator_values (year, scheme, target, indicator, kind, number, label, entered_by, entered_at, import_id)
       SELECT @year, @scheme, target, indicator, kind, number, label, @who, @at, @importId
       FROM temp.value_stage WHERE op IN (${OP_NEW}, ${OP_CHANGED})`,
    ).run(p).changes;
    step?.(written);
  }
  if (counts.cleared > 0) {
    written += stmt(
      raw,
      `DELETE FROM indicator_values WHERE year = @year AND scheme = @scheme
         AND (target, indicator) IN (SELECT target, indicator FROM temp.value_stage WHERE op = ${OP_CLEARED})`,
    ).run({ year: c.year, scheme: c.scheme }).changes;
  }
  if (written > 0) {
    // A cell absent from `old` had no value (a new cell): FILTER leaves it out.
    stmt(
      raw,
      `INSERT INTO value_history (year, scheme, target, indicator, old, new, at, who, reason, import_id)
       SELECT @year, @scheme, target, '${ALL_CELLS}',
         json_group_object(indicator, ${cellJsonSql('okind', 'onumber', 'olabel')}) FILTER (WHERE op <> ${OP_NEW}),
         json_group_object(indicator, ${cellJsonSql('kind', 'number', 'label')}),
         @at, @who, @reason, @importId
       FROM temp.value_stage WHERE op IN (${OP_NEW}, ${OP_CHANGED}, ${OP_CLEARED}) GROUP BY target`,
    ).run(p);
  }
  step?.(written);
  return written;
}
