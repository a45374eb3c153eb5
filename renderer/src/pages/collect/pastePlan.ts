/**
 * What a block pasted into the collection grid does, decided before anything is written: every
 * cell of the block is checked with the shared rules, and one bad cell refuses the whole block
 * (each bad cell named by its place in the block, its target and its indicator). The block is read
 * by parseClipboardBlock (lib/paste.ts), the one reading of copied Excel/WPS text.
 */
import type { ImportIssue } from '../../../../shared/api/contract';
import type { IndicatorNode } from '../../../../shared/domain/types';
import { parseClipboardBlock } from '../../lib/paste';
import { parseValueText } from '../../../../shared/values/parse';
import type { Row } from './model';

/** The grid as the paste meets it: what is shown, in the order shown. */
export interface PasteGrid {
  locked: boolean;
  /** The focused cell the block starts at (displayed row index, column id), if any. */
  start: { rowIndex: number; colId: string } | null;
  /** The row displayed at an index (after filters and sorting), if there is one. */
  rowAt(index: number): Row | undefined;
  /** The displayed columns, left to right. */
  columns: { colId: string; headerName?: string }[];
  leafByCode: ReadonlyMap<string, IndicatorNode>;
}

export interface PasteCell {
  target: string;
  indicator: string;
  text: string;
}

export type PastePlan =
  /** Not pasted at all (locked, no start cell). */
  | { kind: 'refused'; message: string }
  /** Nothing in the clipboard. */
  | { kind: 'empty' }
  /** Some cells are wrong: nothing is written. */
  | { kind: 'issues'; issues: ImportIssue[]; message: string }
  /** Every cell is right: these are written, in one change. */
  | { kind: 'write'; cells: PasteCell[]; rows: number; cols: number };

export function planPaste(text: string, grid: PasteGrid): PastePlan {
  if (grid.locked) return { kind: 'refused', message: '本方案已定稿，不能粘贴修改。' };
  if (!grid.start) return { kind: 'refused', message: '请先点选要粘贴到的起始单元格。' };
  const block = parseClipboardBlock(text);
  if (block.length === 0) return { kind: 'empty' };
  const { rowIndex, colId } = grid.start;
  const c0 = grid.columns.findIndex((c) => c.colId === colId);
  const issues: ImportIssue[] = [];
  const cells: PasteCell[] = [];
  block.forEach((line, i) => {
    const row = grid.rowAt(rowIndex + i);
    line.forEach((cellText, j) => {
      const col = grid.columns[c0 + j];
      const leaf = col ? grid.leafByCode.get(col.colId) : undefined;
      const issue = (target: string, indicator: string, message: string): void => {
        issues.push({
          sheet: '粘贴',
          cell: `第 ${i + 1} 行第 ${j + 1} 列`,
          target,
          indicator,
          value: cellText,
          message,
        });
      };
      if (!row) return issue('', '', '超出表格的行');
      if (!leaf) return issue(row.code, col?.headerName ?? '', '不是指标列，不能粘贴');
      const r = parseValueText(cellText, leaf);
      if (!r.ok) issue(`${row.code} ${row.name}`, `${leaf.code} ${leaf.name}`, r.message);
      else cells.push({ target: row.code, indicator: leaf.code, text: cellText });
    });
  });
  if (issues.length > 0)
    return { kind: 'issues', issues, message: `粘贴内容有 ${issues.length} 处错误，未写入任何数据。` };
  return { kind: 'write', cells, rows: block.length, cols: block[0]!.length };
}

/** The status line after a block was written. */
export function pastedMessage(written: number, plan: { rows: number; cols: number }): string {
  return `已粘贴 ${written} 个值（${plan.rows} 行 × ${plan.cols} 列）。`;
}
