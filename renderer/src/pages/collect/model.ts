/**
 * The pure rules of the 数据采集 page: the grid's rows and their cell keys, the counts in the
 * legend, what a typed value or 上年数 does (refused, unchanged, saved), and the texts the page
 * shows. Typed text is read and checked by the shared rules (shared/values/parse.ts parseValueText,
 * as in imports and the API); nothing here talks to the store or the grid.
 */
import type { BaselineCell, ImportOutcome } from '../../../../shared/api/contract';
import type { IndicatorNode, Target, Value } from '../../../../shared/domain/types';
import { parseValueText } from '../../../../shared/values/parse';
import { valueText } from '../../lib/format';

/** One row of the grid: a target, with its value of each leaf. */
export interface Row {
  code: string;
  name: string;
  values: Record<string, Value>;
}
/** A typed value that was refused (by the rules or by the store), kept in its cell to be corrected. */
export interface CellError {
  text: string;
  message: string;
}
/** The page's status line. */
export interface StatusMessage {
  text: string;
  bad: boolean;
}

export const MISSING: Value = { kind: 'missing' };
/** The key of one cell (target, indicator), as used by the page's maps and the save queue. */
export const cellKey = (target: string, indicator: string): string => `${target}\u0001${indicator}`;
export const splitCellKey = (k: string): [target: string, indicator: string] => k.split('\u0001') as [string, string];
/** A growth leaf's 上年数 column beside its own. */
export const BASELINE_SUFFIX = '__上年数';
export const baselineColId = (leafCode: string): string => `${leafCode}${BASELINE_SUFFIX}`;
export const isGrowth = (leaf: IndicatorNode): boolean => leaf.method?.type === 'growth';
/** The place named in messages about one cell. */
export const cellPlace = (target: string, leaf: IndicatorNode): string => `${target} · ${leaf.code} ${leaf.name}`;

/** The grid's rows: one per target of the roster, with every leaf's stored value (missing when none). */
export function buildRows(targets: Target[], leaves: IndicatorNode[], cells: ReadonlyMap<string, Value>): Row[] {
  return targets.map((t) => {
    const values: Record<string, Value> = {};
    for (const l of leaves) values[l.code] = cells.get(cellKey(t.code, l.code)) ?? MISSING;
    return { code: t.code, name: t.name, values };
  });
}

/** Cells of the roster × leaves still missing (缺报) and marked 不适用. */
export function countCells(
  targets: Target[],
  leaves: IndicatorNode[],
  cells: ReadonlyMap<string, Value>,
): { missing: number; na: number } {
  let missing = 0;
  let na = 0;
  for (const t of targets)
    for (const l of leaves) {
      const v = cells.get(cellKey(t.code, l.code)) ?? MISSING;
      if (v.kind === 'missing') missing++;
      else if (v.kind === 'na') na++;
    }
  return { missing, na };
}

/** Whether a row has any leaf without a value (the "只看有缺报的对象" filter). */
export function rowHasMissing(row: Row, leaves: IndicatorNode[]): boolean {
  return leaves.some((l) => (row.values[l.code]?.kind ?? 'missing') === 'missing');
}

/**
 * What one typed value does: refused by the shared rules, the same as stored (nothing to save, as
 * long as no save of that cell is still on its way), or to be saved.
 */
export type TypedEdit =
  { kind: 'refused'; message: string } | { kind: 'unchanged' } | { kind: 'save'; value: Value; warning?: string };

export function typedEdit(text: string, leaf: IndicatorNode, stored: Value, savesPending: number): TypedEdit {
  const r = parseValueText(text, leaf); // the shared reading, with the leaf's checks (range, labels, sign)
  if (!r.ok) return { kind: 'refused', message: r.message };
  if (savesPending === 0 && valueText(stored) === valueText(r.value) && stored.kind === r.value.kind)
    return { kind: 'unchanged' };
  return { kind: 'save', value: r.value, warning: r.warning };
}

/**
 * What one typed 上年数 does: last year's stored value is not changed here (it is changed in that
 * year), the same text as kept is nothing to save, anything else is saved (the store checks it).
 */
export function baselineEdit(
  text: string,
  old: BaselineCell | undefined,
  year: number,
): { kind: 'refused'; message: string } | { kind: 'unchanged' } | { kind: 'save' } {
  if (old && old.source === 'previous')
    return { kind: 'refused', message: `取自 ${year - 1} 年度已存的值，请到 ${year - 1} 年度修改。` };
  if ((old ? valueText(old.kept) : '') === text.trim()) return { kind: 'unchanged' };
  return { kind: 'save' };
}

/** The line listing refused typed values: the first three named, then how many more. */
export function errorSummary(errors: ReadonlyMap<string, CellError>, leafByCode: ReadonlyMap<string, IndicatorNode>) {
  const named = [...errors]
    .slice(0, 3)
    .map(([k, e]) => {
      const [t, i] = splitCellKey(k);
      const leaf = leafByCode.get(i);
      return `${t} · ${i}${leaf ? ` ${leaf.name}` : ''}“${e.text}”：${e.message}`;
    })
    .join('；');
  return `${named}${errors.size > 3 ? `；……另有 ${errors.size - 3} 处` : ''}`;
}

/** What an import of a 采集表 did: the short notice and the status line. */
export function importedText(r: ImportOutcome, fileName: string): { notice: string; message: string } {
  const c = r.counts;
  const what = c
    ? `新增 ${c.new}、修改 ${c.changed}、不变 ${c.unchanged}${r.mode === 'replace' ? `、清空 ${c.cleared}` : ''}`
    : `写入 ${r.written} 个值`;
  return {
    notice: `已导入：${what}`,
    message: `已从 ${fileName} 导入（${r.mode === 'replace' ? '整表替换' : '合并'}）：${what}。导入编号 #${r.importId}，可在“导入记录”中撤销。`,
  };
}
