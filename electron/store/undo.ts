/**
 * Undoing a value import inside SQLite (issue 14): the cells the import wrote are read out of its
 * history rows into a TEMP table — each with the value it wrote and the value it replaced — and
 * the check (is every written value still there?), the restore and the undo's own history are set
 * statements over that table. Undoing a province re-import (1.4 M cells) then holds no per-cell
 * object in JavaScript, and its history is one row per target (indicator ALL_CELLS, see
 * store/history.ts), as the imports' are: `old` the values the import wrote (a cell it cleared is
 * absent: it has no value now), `new` the values put back (false: the cell had none before).
 *
 * An import's history is read in both forms: its per-target ALL_CELLS rows, and one row per cell
 * (an import recorded before imports were kept per target). SQLite-specific, so it lives here.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { stmt } from './statements';
import type { Value } from '../../shared/domain/types';
import { ALL_CELLS, MISSING_JSON, rowToValue } from './bulk';
import { cellJsonSql } from './history';

/** As in store/stage.ts: the staged cells of a province stay in memory for the passes over them. */
const STAGE_CACHE_KIB = 128 * 1024;

/** A kind from an ALL_CELLS cell's JSON type ('text' a number, 'array' a label, 'null' N/A, else none). */
const kindOf = (type: string) =>
  `CASE ${type} WHEN 'text' THEN 'number' WHEN 'array' THEN 'label' WHEN 'null' THEN 'na' ELSE 'missing' END`;

/** A per-cell history row's Value JSON (column j) in an ALL_CELLS cell's form. */
const compactSql = (j: string) =>
  `CASE ${j} ->> 'kind' WHEN 'number' THEN json_quote(${j} ->> 'number') WHEN 'label' THEN json_array(${j} ->> 'label') WHEN 'na' THEN json('null') ELSE json('false') END`;

/**
 * Stages the cells import `importId` wrote into (year, scheme), in the order its history holds
 * them: w* what it wrote, r* what was there before (kind 'missing': no value). Returns how many.
 * Inside the caller's transaction; clearUndoStage frees them.
 */
export function stageImportUndo(raw: BetterSqlite3.Database, year: number, scheme: string, importId: number): number {
  raw.pragma(`temp.cache_size = -${STAGE_CACHE_KIB}`);
  raw.exec(`CREATE TEMP TABLE IF NOT EXISTS undo_stage (
    seq INTEGER PRIMARY KEY, target TEXT NOT NULL, indicator TEXT NOT NULL,
    wkind TEXT NOT NULL, wnumber TEXT, wlabel TEXT, rkind TEXT NOT NULL, rnumber TEXT, rlabel TEXT)`);
  raw.exec('DELETE FROM temp.undo_stage');
  // One stream of cells in the history's order: an ALL_CELLS row gives a cell of `new` per
  // json_each row, a per-cell row is made into that form (compactSql); each cell's old value is
  // looked up in `old` by path ('$."code"': any code). `old` = MISSING_JSON: no cell had a value.
  return stmt(
    raw,
    `INSERT INTO temp.undo_stage (target, indicator, wkind, wnumber, wlabel, rkind, rnumber, rlabel)
     SELECT target, indicator,
       ${kindOf('ntype')},
       CASE ntype WHEN 'text' THEN natom END,
       CASE ntype WHEN 'array' THEN json_extract(nvalue, '$[0]') END,
       ${kindOf('otype')},
       CASE otype WHEN 'text' THEN ovalue END,
       CASE otype WHEN 'array' THEN json_extract(ovalue, '$[0]') END
     FROM (
       SELECT h.target, n.key AS indicator, n.type AS ntype, n.atom AS natom, n.value AS nvalue,
         CASE WHEN h.old <> '${MISSING_JSON}' THEN json_type(h.old, '$.' || json_quote(n.key)) END AS otype,
         CASE WHEN h.old <> '${MISSING_JSON}' THEN json_extract(h.old, '$.' || json_quote(n.key)) END AS ovalue
       FROM (
         SELECT id, target,
           CASE WHEN indicator = '${ALL_CELLS}' THEN new ELSE json_object(indicator, ${compactSql('new')}) END AS new,
           CASE WHEN indicator = '${ALL_CELLS}' THEN old
             WHEN old ->> 'kind' = 'missing' THEN '${MISSING_JSON}'
             ELSE json_object(indicator, ${compactSql('old')}) END AS old
         FROM value_history WHERE year = @year AND scheme = @scheme AND import_id = @importId ORDER BY id
       ) AS h, json_each(h.new) AS n)`,
  ).run({ year, scheme, importId }).changes;
}

export function clearUndoStage(raw: BetterSqlite3.Database): void {
  raw.exec('DROP TABLE IF EXISTS temp.undo_stage');
  raw.pragma('temp.cache_size = -2000');
  raw.pragma('shrink_memory');
}

/** Whether the stored value v.* is what the import wrote (s.w*): shared/values sameValue. */
const SAME = `CASE
  WHEN v.kind IS NULL THEN s.wkind = 'missing'
  WHEN v.kind <> s.wkind THEN 0
  WHEN v.kind = 'number' THEN v.number IS s.wnumber
  WHEN v.kind = 'label' THEN v.label IS s.wlabel
  ELSE 1 END`;
const STAGE_JOIN = `FROM temp.undo_stage AS s LEFT JOIN indicator_values AS v
  ON v.year = @year AND v.scheme = @scheme AND v.target = s.target AND v.indicator = s.indicator`;

export interface UndoConflict {
  target: string;
  indicator: string;
  /** What the import wrote. */
  wrote: Value;
  /** What the cell holds now. */
  now: Value;
}

const valueOf = (kind: string | null, number: string | null, label: string | null): Value =>
  kind === null || kind === 'missing' ? { kind: 'missing' } : rowToValue(kind, number, label);

/**
 * The staged cells whose value is no longer what the import wrote: how many, and the first `limit`
 * of them in the history's order.
 */
export function undoConflicts(
  raw: BetterSqlite3.Database,
  year: number,
  scheme: string,
  limit: number,
): { count: number; first: UndoConflict[] } {
  const p = { year, scheme };
  const count = stmt(raw, `SELECT count(*) ${STAGE_JOIN} WHERE NOT (${SAME})`).pluck().get(p) as number;
  if (count === 0) return { count, first: [] };
  const rows = stmt(
    raw,
    `SELECT s.target, s.indicator, s.wkind, s.wnumber, s.wlabel, v.kind, v.number, v.label
     ${STAGE_JOIN} WHERE NOT (${SAME}) ORDER BY s.seq LIMIT @limit`,
  )
    .raw(true)
    .all({ ...p, limit }) as [
    string,
    string,
    string,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
  ][];
  return {
    count,
    first: rows.map(([target, indicator, wk, wn, wl, k, n, l]) => ({
      target,
      indicator,
      wrote: valueOf(wk, wn, wl),
      now: valueOf(k, n, l),
    })),
  };
}

/**
 * Puts back the staged cells' old values (inside the caller's transaction, after undoConflicts
 * found none): one upsert of the cells that had a value, one delete of those that had none, and
 * the history one row per target, in the order the import's history held them. Returns the cells
 * restored.
 */
export function restoreStagedUndo(
  raw: BetterSqlite3.Database,
  c: { year: number; scheme: string; who: string; at: string; reason: string | null },
): number {
  const p = { year: c.year, scheme: c.scheme, who: c.who, at: c.at, reason: c.reason };
  const where = { year: c.year, scheme: c.scheme };
  // "WHERE …" keeps SQLite from reading ON CONFLICT as a join constraint.
  stmt(
    raw,
    `INSERT INTO indicator_values (year, scheme, target, indicator, kind, number, label, entered_by, entered_at, import_id)
     SELECT @year, @scheme, target, indicator, rkind, rnumber, rlabel, @who, @at, NULL
     FROM temp.undo_stage WHERE rkind <> 'missing' ORDER BY seq
     ON CONFLICT (year, scheme, target, indicator) DO UPDATE SET
       kind = excluded.kind, number = excluded.number, label = excluded.label,
       entered_by = excluded.entered_by, entered_at = excluded.entered_at, import_id = excluded.import_id`,
  ).run(p);
  stmt(
    raw,
    `DELETE FROM indicator_values WHERE year = @year AND scheme = @scheme
       AND (target, indicator) IN (SELECT target, indicator FROM temp.undo_stage WHERE rkind = 'missing')`,
  ).run(where);
  // The cells of a target in their staged order: the index makes GROUP BY walk them so.
  raw.exec('CREATE INDEX IF NOT EXISTS temp.undo_stage_target ON undo_stage (target, seq)');
  stmt(
    raw,
    `INSERT INTO value_history (year, scheme, target, indicator, old, new, at, who, reason, import_id)
     SELECT @year, @scheme, target, '${ALL_CELLS}', old, new, @at, @who, @reason, NULL FROM (
       SELECT target, min(seq) AS first,
         json_group_object(indicator, ${cellJsonSql('wkind', 'wnumber', 'wlabel')}) FILTER (WHERE wkind <> 'missing') AS old,
         json_group_object(indicator, ${cellJsonSql('rkind', 'rnumber', 'rlabel')}) AS new
       FROM temp.undo_stage INDEXED BY undo_stage_target GROUP BY target)
     ORDER BY first`,
  ).run(p);
  return stmt(raw, 'SELECT count(*) FROM temp.undo_stage').pluck().get() as number;
}
