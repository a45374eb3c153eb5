/**
 * value_history rows that record many cells of one target at once (indicator = ALL_CELLS): every
 * import writes one per target it wrote, and every undo of an import one per target it put back
 * (store/undo.ts), instead of one per cell (a province import writes 25,000 rows instead of
 * 1.5 M). Per-cell rows (the grid, the CLI) keep a Value's JSON in old/new.
 *
 * An ALL_CELLS row's `new` is a JSON object, indicator → the value written (by the import or the undo), compact:
 * a number as its text, a label as [label], N/A as null, a cleared cell (no value) as false.
 * Its `old` is either MISSING_JSON — every cell of `new` had no value (a first import's row) — or
 * an object of the same form holding the old value of each cell of `new` that had one (a cell of
 * `new` absent from `old` had no value before).
 *
 * valueHistory reads them through allCellsEntry, undoImport in SQL (store/undo.ts); an indicator
 * code rename moves the keys inside them too (renameInCellRows).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { stmt } from './statements';
import type { Value } from '../../shared/domain/types';
import { ALL_CELLS, MISSING_JSON } from './bulk';

type CellJson = string | [string] | null | false;

const MISSING: Value = Object.freeze({ kind: 'missing' }) as Value;
const NA: Value = Object.freeze({ kind: 'na' }) as Value;

function fromCellJson(v: CellJson | undefined): Value {
  if (v === undefined || v === false) return MISSING;
  if (v === null) return NA;
  if (typeof v === 'string') return { kind: 'number', number: v };
  return { kind: 'label', label: v[0] };
}

function oldCells(old: string): Record<string, CellJson> {
  return old === MISSING_JSON ? {} : (JSON.parse(old) as Record<string, CellJson>);
}

/**
 * One cell's part of an ALL_CELLS row (old → new); undefined when the row's import did not write
 * that cell.
 */
export function allCellsEntry(old: string, nw: string, indicator: string): { old: Value; new: Value } | undefined {
  const written = JSON.parse(nw) as Record<string, CellJson>;
  if (!Object.hasOwn(written, indicator)) return undefined;
  const before = oldCells(old);
  return {
    old: fromCellJson(Object.hasOwn(before, indicator) ? before[indicator] : undefined),
    new: fromCellJson(written[indicator]),
  };
}

/**
 * The SQL of one cell's value in an ALL_CELLS row's JSON (for json_group_object), from the columns
 * of a kind ('number' | 'label' | 'na' | anything else = no value), its number and its label.
 */
export const cellJsonSql = (kind: string, number: string, label: string): string =>
  `CASE ${kind} WHEN 'number' THEN ${number} WHEN 'label' THEN json_array(${label}) WHEN 'na' THEN NULL ELSE json('false') END`;

function renameKey(json: string, from: string, to: string): string | null {
  if (json === MISSING_JSON) return null;
  const o = JSON.parse(json) as Record<string, CellJson>;
  if (!Object.hasOwn(o, from)) return null;
  const out: Record<string, CellJson> = {};
  for (const k in o) out[k === from ? to : k] = o[k]!;
  return JSON.stringify(out);
}

/**
 * An indicator code rename inside the ALL_CELLS rows of (year, scheme): the cell `from` becomes
 * `to` in `old` and `new` (the caller moves the per-cell rows by their indicator column). `to`
 * must not be a key of those rows (renames.ts moves through placeholder codes). Inside the
 * caller's transaction; returns the rows changed.
 */
export function renameInCellRows(
  raw: BetterSqlite3.Database,
  year: number,
  scheme: string,
  from: string,
  to: string,
): number {
  const rows = stmt(
    raw,
    `SELECT id, old, new FROM value_history
     WHERE year = @year AND scheme = @scheme AND indicator = '${ALL_CELLS}'
       AND (instr(new, json_quote(@code) || ':') > 0 OR instr(new, @key) > 0)`,
  )
    .raw(true)
    // The key as SQLite's JSON writes it, and as JSON.stringify does (a row renamed before).
    .all({ year, scheme, code: from, key: `${JSON.stringify(from)}:` }) as [number, string, string][];
  const update = stmt(raw, 'UPDATE value_history SET old = ?, new = ? WHERE id = ?');
  let n = 0;
  for (const [id, old, nw] of rows) {
    const renamed = renameKey(nw, from, to);
    if (renamed === null) continue; // the code's text inside another key or value
    update.run(renameKey(old, from, to) ?? old, renamed, id);
    n++;
  }
  return n;
}
