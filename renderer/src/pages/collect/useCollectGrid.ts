import { useCallback, useEffect, useMemo, type RefObject } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import type { CellFocusedEvent, IRowNode } from 'ag-grid-community';
import type { IndicatorNode, Scheme } from '../../../../shared/domain/types';
import { buildColumns, type CellView } from './columns';
import { baselineColId, isGrowth, rowHasMissing, type Row } from './model';
import { useLatest } from './useLatest';

/**
 * The grid's columns and callbacks. The columns are built once per scheme and year and read the
 * page's state through `view` when drawn; the callbacks are the same functions for the page's
 * whole life: ag-grid takes a new filter callback as a filter change, and re-filtering redraws
 * every row, which closed the editor being typed in each time a save came back.
 */
export function useCollectGrid(o: {
  grid: RefObject<AgGridReact<Row> | null>;
  scheme: Scheme | null;
  year: number;
  leaves: IndicatorNode[];
  leafByCode: ReadonlyMap<string, IndicatorNode>;
  view: CellView;
  locked: boolean;
  onlyMissing: boolean;
  /** Changes on each load of the values from the store. */
  loadGen: number;
  /** Changes when the 上年数 change. */
  baselines: unknown;
  setFocus(target: string, indicator: string): void;
}) {
  const { grid, scheme, year, leaves, locked, onlyMissing, loadGen, baselines } = o;
  const stateRef = useLatest(o);

  const columnDefs = useMemo(() => {
    const live = (): CellView => stateRef.current.view;
    const view: CellView = {
      locked: () => live().locked(),
      typed: (k) => live().typed(k),
      error: (k) => live().error(k),
      baseline: (k) => live().baseline(k),
      commit: (t, l, text) => live().commit(t, l, text),
      commitBaseline: (t, l, text) => live().commitBaseline(t, l, text),
    };
    return buildColumns(scheme, year, view);
  }, [scheme, year, stateRef]);

  // Filter again when asked to, or after a load; not after each save (rows would move while typing).
  useEffect(() => {
    grid.current?.api?.onFilterChanged();
  }, [grid, onlyMissing, loadGen]);

  // 上年数 cells read outside state: redraw them when they change.
  useEffect(() => {
    const cols = leaves.filter(isGrowth).map((l) => baselineColId(l.code));
    if (cols.length) grid.current?.api?.refreshCells({ columns: cols, force: true });
  }, [grid, baselines, leaves]);

  // Editable or not, and after a load (marks of refused values cleared): every cell's look.
  useEffect(() => {
    grid.current?.api?.refreshCells({ force: true });
  }, [grid, locked, loadGen]);

  const isExternalFilterPresent = useCallback(() => stateRef.current.onlyMissing, [stateRef]);
  const doesExternalFilterPass = useCallback(
    (n: IRowNode<Row>) => !!n.data && rowHasMissing(n.data, stateRef.current.leaves),
    [stateRef],
  );
  const onCellFocused = useCallback(
    (e: CellFocusedEvent<Row>) => {
      const col = e.column && typeof e.column !== 'string' ? e.column.getColId() : null;
      const row = e.rowIndex != null ? e.api.getDisplayedRowAtIndex(e.rowIndex)?.data : undefined;
      if (col && row && stateRef.current.leafByCode.has(col)) stateRef.current.setFocus(row.code, col);
    },
    [stateRef],
  );

  return { columnDefs, isExternalFilterPresent, doesExternalFilterPass, onCellFocused };
}
