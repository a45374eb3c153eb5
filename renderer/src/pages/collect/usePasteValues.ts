import { useCallback, useState, type ClipboardEvent, type RefObject } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import type { ImportIssue } from '../../../../shared/api/contract';
import type { IndicatorNode } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { cellKey, type Row, type StatusMessage } from './model';
import { pastedMessage, planPaste } from './pastePlan';
import { useAppRef, useLatest } from './useLatest';

/**
 * Ctrl+V of a block copied from Excel/WPS onto the grid (not into an open editor): planned by
 * planPaste against what the grid shows, then written in one change only when every cell is right.
 */
export function usePasteValues(o: {
  grid: RefObject<AgGridReact<Row> | null>;
  code: string | null;
  year: number;
  locked: boolean;
  leafByCode: ReadonlyMap<string, IndicatorNode>;
  setMessage(m: StatusMessage): void;
  clearErrors(keys: string[]): void;
  loadValues(): Promise<void>;
}) {
  const app = useAppRef();
  const live = useLatest(o);
  const [pasteErrors, setPasteErrors] = useState<ImportIssue[] | null>(null);

  const onPaste = useCallback(
    async (e: ClipboardEvent<HTMLDivElement>) => {
      const { grid, code, year, locked, leafByCode, setMessage } = live.current;
      const gapi = grid.current?.api;
      if (!gapi || !code) return;
      if (gapi.getEditingCells().length > 0) return; // pasting into the open editor
      const text = e.clipboardData.getData('text/plain');
      e.preventDefault();
      const fc = gapi.getFocusedCell();
      const plan = planPaste(text, {
        locked,
        start: fc && fc.rowIndex != null ? { rowIndex: fc.rowIndex, colId: fc.column.getColId() } : null,
        rowAt: (i) => gapi.getDisplayedRowAtIndex(i)?.data,
        columns: gapi
          .getAllDisplayedColumns()
          .map((c) => ({ colId: c.getColId(), headerName: c.getColDef().headerName })),
        leafByCode,
      });
      if (plan.kind === 'empty') return;
      if (plan.kind === 'refused') return setMessage({ text: plan.message, bad: true });
      if (plan.kind === 'issues') {
        setPasteErrors(plan.issues);
        return setMessage({ text: plan.message, bad: true });
      }
      setPasteErrors(null);
      const r = await app.current.run(`正在写入 ${plan.cells.length} 个值`, () =>
        api.setValues({ year, scheme: code, cells: plan.cells, reason: '粘贴' }),
      );
      if (r) {
        setMessage({ text: pastedMessage(r.written, plan), bad: false });
        live.current.clearErrors(plan.cells.map((c) => cellKey(c.target, c.indicator)));
        await live.current.loadValues();
        void app.current.refresh();
      }
    },
    [live, app],
  );

  return { onPaste, pasteErrors, closePasteErrors: useCallback(() => setPasteErrors(null), []) };
}
