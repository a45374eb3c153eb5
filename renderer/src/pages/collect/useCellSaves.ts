import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import type { ValueCell } from '../../../../shared/api/contract';
import type { IndicatorNode, Value } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { valueText } from '../../lib/format';
import { createSaveQueue, type SaveQueue } from '../../lib/saveQueue';
import { cellKey, cellPlace, MISSING, typedEdit, type CellError, type Row, type StatusMessage } from './model';
import { useAppRef, useLatest } from './useLatest';

/** The page's save queue (saves of one cell in the order typed) and how many saves are on their way. */
export function useSaveQueue(): { queue: SaveQueue; pending: number } {
  const queue = useMemo(() => createSaveQueue(), []);
  const [pending, setPending] = useState(0);
  useEffect(() => queue.subscribe(setPending), [queue]);
  return { queue, pending };
}

/** Redraw one cell from its row's data, leaving every other cell alone; an open editor is never touched. */
function redrawCell(grid: RefObject<AgGridReact<Row> | null>, target: string, indicator: string) {
  const gapi = grid.current?.api;
  const node = gapi?.getRowNode(target);
  if (!gapi || !node) return;
  if (gapi.getEditingCells().some((c) => c.rowIndex === node.rowIndex && c.column?.getColId() === indicator)) return;
  gapi.refreshCells({ rowNodes: [node], columns: [indicator], force: true });
}

/** Typed values refused (by the rules or the store), by cell key; the ref is ahead of React's state. */
function useCellErrors() {
  const [errors, setErrors] = useState<ReadonlyMap<string, CellError>>(new Map());
  // Grid callbacks see a change before React renders again.
  const errorsRef = useRef(errors);
  errorsRef.current = errors;
  const changeErrors = useCallback((change: (m: Map<string, CellError>) => void) => {
    const apply = (m: ReadonlyMap<string, CellError>) => {
      const n = new Map(m);
      change(n);
      return n;
    };
    errorsRef.current = apply(errorsRef.current);
    setErrors(apply);
  }, []);
  const setError = useCallback(
    (k: string, err: CellError | null) => {
      if (!err && !errorsRef.current.has(k)) return;
      changeErrors((m) => (err ? m.set(k, err) : m.delete(k)));
    },
    [changeErrors],
  );
  /** Forget refused values: those of some cells, or all. */
  const clearErrors = useCallback(
    (keys?: string[]) => changeErrors((m) => (keys ? keys.forEach((k) => m.delete(k)) : m.clear())),
    [changeErrors],
  );

  return { errors, errorsRef, setError, clearErrors };
}

/**
 * Typed values: each checked with the shared rules, then saved in its cell's queue. Meanwhile the
 * typed text is shown in its cell (`typed`); a refused one stays there, marked (`errors`), until
 * it is corrected. The result is written into that row's data and only that cell is redrawn: the
 * rows given to the grid stay the same objects.
 */
export function useCellSaves(o: {
  queue: SaveQueue;
  code: string | null;
  year: number;
  grid: RefObject<AgGridReact<Row> | null>;
  /** The stored values, current (updated by setCell before React renders again). */
  cells: { readonly current: ReadonlyMap<string, Value> };
  setCell(k: string, v: Value): void;
  setMessage(m: StatusMessage): void;
  /** A value of this cell is stored. */
  onSaved(target: string, indicator: string): void;
}) {
  const { queue, grid } = o;
  const app = useAppRef();
  const live = useLatest(o);
  const { errors, errorsRef, setError, clearErrors } = useCellErrors();
  // Typed values waiting for their save (key → text).
  const typed = useRef(new Map<string, string>());

  // Made to refresh the year/scheme summaries once the typing stops, not after every save.
  const refreshSoon = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (refreshSoon.current) clearTimeout(refreshSoon.current);
    },
    [],
  );

  /** The save of one typed value, run in its cell's turn, to the year and scheme it was typed in. */
  const save = useCallback(
    async (
      seq: number,
      job: { year: number; scheme: string; target: string; leaf: IndicatorNode; text: string; warning?: string },
    ) => {
      const { year, scheme, target, leaf, text, warning } = job;
      const k = cellKey(target, leaf.code);
      const place = cellPlace(target, leaf);
      // The page may have moved to another year or scheme meanwhile: then only the store changes.
      const here = () => live.current.year === year && live.current.code === scheme;
      try {
        const saved: ValueCell = await api.setValue({ year, scheme, target, indicator: leaf.code, text });
        if (!here()) return;
        live.current.setCell(k, saved.value);
        const row = grid.current?.api?.getRowNode(target)?.data;
        if (row) row.values[leaf.code] = saved.value;
        if (queue.isLatest(k, seq)) {
          typed.current.delete(k);
          setError(k, null);
          const said = `已保存 ${valueText(saved.value) || '（缺报）'}${warning ? `；提示：${warning}` : ''}`;
          live.current.setMessage({ text: `${place}：${said}`, bad: false });
        }
        live.current.onSaved(target, leaf.code);
      } catch (e) {
        if (!here()) return;
        const msg = (e as { message?: string })?.message ?? String(e);
        if (queue.isLatest(k, seq)) {
          typed.current.delete(k);
          setError(k, { text, message: msg });
        }
        live.current.setMessage({ text: `${place}：${msg}（未保存“${text}”）`, bad: true });
        // Locked meanwhile (elsewhere, e.g. the command line): learn it, so the grid turns read-only.
        if ((e as { code?: string })?.code === 'LOCKED') void app.current.refresh();
      }
      redrawCell(grid, target, leaf.code);
      if (refreshSoon.current) clearTimeout(refreshSoon.current);
      refreshSoon.current = setTimeout(() => {
        if (queue.pending() <= 1) void app.current.refresh();
      }, 400);
    },
    [queue, grid, live, app, setError],
  );

  /** One typed value: refused here, the same as stored (nothing to do), or queued to be saved. */
  const commit = useCallback(
    (target: string, leaf: IndicatorNode, text: string) => {
      const k = cellKey(target, leaf.code);
      const { year, code, cells, setMessage } = live.current;
      const edit = typedEdit(text, leaf, cells.current.get(k) ?? MISSING, queue.pendingFor(k));
      if (edit.kind === 'refused') {
        setError(k, { text, message: edit.message });
        setMessage({ text: `${cellPlace(target, leaf)}：${edit.message}（未保存）`, bad: true });
        redrawCell(grid, target, leaf.code);
        return;
      }
      if (edit.kind === 'save') typed.current.set(k, text);
      setError(k, null);
      redrawCell(grid, target, leaf.code);
      if (edit.kind === 'save')
        void queue.push(k, (seq) => save(seq, { year, scheme: code!, target, leaf, text, warning: edit.warning }));
    },
    [queue, grid, live, save, setError],
  );

  return { errors, errorsRef, typed, commit, clearErrors };
}
