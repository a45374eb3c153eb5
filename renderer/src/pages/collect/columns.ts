/**
 * The collection grid's columns, built from the scheme: the two pinned columns naming the target,
 * then the indicator tree as column groups, each leaf a column, a growth leaf followed by its
 * 上年数 column. The columns are built once per scheme and year; what changes while the page is
 * used (locked, typed values on their way, refused values, 上年数) is read through `view` when the
 * grid asks, so typing never rebuilds the columns.
 */
import type { CellClassParams, ColDef, ColGroupDef, ValueSetterParams } from 'ag-grid-community';
import type { BaselineCell } from '../../../../shared/api/contract';
import type { IndicatorNode, Scheme } from '../../../../shared/domain/types';
import { isLeaf } from '../../../../shared/scheme/validate';
import { EntryCellEditor } from '../../components/EntryCellEditor';
import { methodText, valueText } from '../../lib/format';
import { baselineColId, cellKey, isGrowth, MISSING, type CellError, type Row } from './model';

export type Column = ColDef<Row> | ColGroupDef<Row>;

/** The page's live state, as the grid's callbacks read it. */
export interface CellView {
  locked(): boolean;
  /** A typed value waiting for its save (shown in its cell meanwhile). */
  typed(key: string): string | undefined;
  /** A typed value refused, kept in its cell. */
  error(key: string): CellError | undefined;
  baseline(key: string): BaselineCell | undefined;
  commit(target: string, leaf: IndicatorNode, text: string): void;
  commitBaseline(target: string, leaf: IndicatorNode, text: string): void;
}

export const PINNED_COLUMNS: ColDef<Row>[] = [
  { colId: '__code', headerName: '对象编码', field: 'code', pinned: 'left', width: 100 },
  { colId: '__name', headerName: '对象名称', field: 'name', pinned: 'left', width: 170 },
];

/** Every column of the grid for a scheme (empty without one). */
export function buildColumns(scheme: Scheme | null, year: number, view: CellView): Column[] {
  if (!scheme) return [];
  const group = (n: IndicatorNode): Column[] =>
    !isLeaf(n)
      ? [{ headerName: `${n.code} ${n.name}`, groupId: `g-${n.code}`, children: n.children!.flatMap(group) }]
      : isGrowth(n)
        ? [leafColumn(n, view), baselineColumn(n, year, view)]
        : [leafColumn(n, view)];
  return [...PINNED_COLUMNS, ...scheme.indicators.flatMap(group)];
}

/**
 * A leaf's column: shows the typed text while it is saved or refused, else the stored value
 * (缺报 / 不适用 written out); an edit goes to `view.commit`, never into the row directly.
 */
export function leafColumn(l: IndicatorNode, view: CellView): ColDef<Row> {
  const k = (row: Row) => cellKey(row.code, l.code);
  const typed = (row: Row | undefined) => !!row && view.typed(k(row)) !== undefined;
  const refused = (row: Row | undefined) => !!row && view.error(k(row)) !== undefined;
  return {
    colId: l.code,
    headerName: `${l.code} ${l.name}${l.unit ? `(${l.unit})` : ''}`,
    headerTooltip: `${l.code} ${l.name}\n${methodText(l)}${l.criteria ? `\n${l.criteria}` : ''}`,
    width: 110,
    editable: () => !view.locked(),
    cellEditor: EntryCellEditor,
    valueGetter: (p) => {
      if (!p.data) return '';
      const t = view.typed(k(p.data));
      if (t != null) return t;
      const err = view.error(k(p.data));
      if (err) return err.text;
      // Rows and columns of another scheme can meet for a moment while the grid switches.
      const v = p.data.values[l.code] ?? MISSING;
      return v.kind === 'na' ? '不适用' : valueText(v);
    },
    valueFormatter: (p) => {
      if (!p.data) return '';
      if (typed(p.data) || refused(p.data)) return String(p.value ?? '');
      const v = p.data.values[l.code] ?? MISSING;
      return v.kind === 'missing' ? '缺报' : v.kind === 'na' ? '不适用' : String(p.value ?? '');
    },
    valueSetter: (p: ValueSetterParams<Row>) => {
      if (p.data) view.commit(p.data.code, l, String(p.newValue ?? ''));
      return false;
    },
    cellClassRules: {
      'cell-pending': (p: CellClassParams<Row>) => typed(p.data),
      'cell-error': (p: CellClassParams<Row>) => !typed(p.data) && refused(p.data),
      'cell-na': (p: CellClassParams<Row>) => !!p.data && !typed(p.data) && p.data.values[l.code]?.kind === 'na',
      'cell-missing': (p: CellClassParams<Row>) =>
        !!p.data && (p.data.values[l.code]?.kind ?? 'missing') === 'missing' && !typed(p.data) && !refused(p.data),
      'cell-num': () => true,
    },
    tooltipValueGetter: (p) => (p.data ? (view.error(k(p.data))?.message ?? null) : null),
  };
}

/** A growth leaf's 上年数: last year's stored value (read-only here) or the kept one (editable). */
export function baselineColumn(l: IndicatorNode, year: number, view: CellView): ColDef<Row> {
  const b = (row: Row | undefined) => (row ? view.baseline(cellKey(row.code, l.code)) : undefined);
  return {
    colId: baselineColId(l.code),
    headerName: `${l.code} 上年数`,
    headerTooltip: `${l.code} ${l.name} 的上年数（增长率的基数）：有上年度已存的值时用上年度的值，否则用这里填的上年数`,
    width: 96,
    editable: (p) => !view.locked() && !!p.data && b(p.data)?.source !== 'previous',
    cellEditor: EntryCellEditor,
    valueGetter: (p) => {
      const c = b(p.data);
      return c && c.source !== 'none' ? (c.used.kind === 'na' ? '不适用' : valueText(c.used)) : '';
    },
    valueSetter: (p: ValueSetterParams<Row>) => {
      if (p.data) view.commitBaseline(p.data.code, l, String(p.newValue ?? ''));
      return false;
    },
    cellClassRules: {
      'cell-baseline': () => true,
      'cell-baseline-previous': (p: CellClassParams<Row>) => b(p.data)?.source === 'previous',
      'cell-num': () => true,
    },
    tooltipValueGetter: (p) => {
      const c = b(p.data);
      if (!c || c.source === 'none') return '未填上年数：增长率按无上年基数处理';
      return c.source === 'previous'
        ? `取自 ${year - 1} 年度已存的值`
        : `填报的上年数${c.enteredBy ? `（${c.enteredBy}）` : ''}`;
    },
  };
}
