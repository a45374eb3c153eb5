/**
 * 数据采集: every target's value of every leaf, typed into a grid (saved cell by cell), pasted as a
 * block from Excel/WPS, or imported as a 采集表. The rules live in ./collect (model, columns,
 * pastePlan) and the shared value rules; the hooks there load, save and paste; this page lays
 * them out and wires them to the grid.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import type { CellFocusedEvent, IRowNode } from 'ag-grid-community';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { Grid } from '../components/Grid';
import { LockedNote, SchemePicker } from '../components/SchemePicker';
import { buildColumns, type CellView } from './collect/columns';
import { HistoryPanel } from './collect/HistoryPanel';
import { baselineColId, isGrowth, rowHasMissing, type Row, type StatusMessage } from './collect/model';
import { FilterBar, StatusLines } from './collect/StatusLines';
import { useBaselines } from './collect/useBaselines';
import { useCellSaves, useSaveQueue } from './collect/useCellSaves';
import { useCollectData } from './collect/useCollectData';
import { useLatest } from './collect/useLatest';
import { usePasteValues } from './collect/usePasteValues';
import { useValueHistory } from './collect/useValueHistory';
import { useValueImports } from './collect/useValueImports';
import { ImportHistoryDialog, ValueImportDialog } from './ValueImport';

const rowId = (p: { data: Row }) => p.data.code;

export function CollectPage() {
  const app = useApp();
  const code = app.schemeCode;
  const year = app.year;
  const locked = app.current?.state === 'locked';
  const active = usePageActive();
  const grid = useRef<AgGridReact<Row>>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [search, setSearch] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);

  const { queue, pending } = useSaveQueue();
  const history = useValueHistory(code, year);
  const resetAfterLoad = () => {
    saves.clearErrors();
    setMessage(null);
  };
  const data = useCollectData({ code, year, active, queue, onLoaded: resetAfterLoad });
  const { leaves, leafByCode } = data;
  const saves = useCellSaves({
    queue,
    code,
    year,
    grid,
    cells: data.cells,
    setCell: data.setCell,
    setMessage,
    onSaved: history.savedCell,
  });
  const baselines = useBaselines({ code, year, active, setMessage });
  const paste = usePasteValues({
    grid,
    code,
    year,
    locked,
    leafByCode,
    setMessage,
    clearErrors: saves.clearErrors,
    loadValues: data.loadValues,
  });
  const imports = useValueImports({
    code,
    year,
    setMessage,
    clearErrors: saves.clearErrors,
    loadValues: data.loadValues,
    reloadBaselines: baselines.reload,
  });

  // The grid's cells read the page's state through here when drawn (columns are built once per scheme).
  const live = useLatest({ locked, saves, baselines });
  const columnDefs = useMemo(() => {
    const view: CellView = {
      locked: () => live.current.locked,
      typed: (k) => live.current.saves.typed.current.get(k),
      error: (k) => live.current.saves.errorsRef.current.get(k),
      baseline: (k) => live.current.baselines.baselineRef.current.get(k),
      commit: (t, l, text) => live.current.saves.commit(t, l, text),
      commitBaseline: (t, l, text) => void live.current.baselines.commit(t, l, text),
    };
    return buildColumns(data.scheme, year, view);
  }, [data.scheme, year, live]);

  // Filter again when asked to, or after a load; not after each save (rows would move while typing).
  useEffect(() => {
    grid.current?.api?.onFilterChanged();
  }, [onlyMissing, data.loadGen]);

  // 上年数 cells read outside state: redraw them when it changes.
  useEffect(() => {
    const cols = leaves.filter(isGrowth).map((l) => baselineColId(l.code));
    if (cols.length) grid.current?.api?.refreshCells({ columns: cols, force: true });
  }, [baselines.baselines, leaves]);

  // Editable or not, and after a load (marks of refused values cleared): every cell's look.
  useEffect(() => {
    grid.current?.api?.refreshCells({ force: true });
  }, [locked, data.loadGen]);

  // The grid's callbacks are the same functions for the page's whole life: ag-grid takes a new
  // filter callback as a filter change, and re-filtering redraws every row, which closed the
  // editor being typed in each time a save came back and re-rendered the page.
  const gridStateRef = useLatest({ onlyMissing, leaves, leafByCode, setFocus: history.setFocus });
  const isExternalFilterPresent = useCallback(() => gridStateRef.current.onlyMissing, [gridStateRef]);
  const doesExternalFilterPass = useCallback(
    (n: IRowNode<Row>) => !!n.data && rowHasMissing(n.data, gridStateRef.current.leaves),
    [gridStateRef],
  );
  const onCellFocused = useCallback(
    (e: CellFocusedEvent<Row>) => {
      const col = e.column && typeof e.column !== 'string' ? e.column.getColId() : null;
      const row = e.rowIndex != null ? e.api.getDisplayedRowAtIndex(e.rowIndex)?.data : undefined;
      if (col && row && gridStateRef.current.leafByCode.has(col)) gridStateRef.current.setFocus(row.code, col);
    },
    [gridStateRef],
  );

  const focus = history.focus;
  return (
    <div className="page page-fill" data-testid="collect-page">
      <div className="page-head">
        <h1>数据采集</h1>
        <SchemePicker />
        <div className="toolbar">
          <button type="button" onClick={imports.downloadTemplate} disabled={!code} data-testid="download-template">
            下载采集表
          </button>
          <button
            type="button"
            className="primary"
            onClick={imports.startImport}
            disabled={!code || locked}
            data-testid="import-values"
          >
            导入采集表
          </button>
          <button
            type="button"
            onClick={() => imports.setShowImports(true)}
            disabled={!code}
            data-testid="import-history-open"
          >
            导入记录
          </button>
        </div>
      </div>
      <LockedNote />
      <FilterBar
        search={search}
        setSearch={setSearch}
        onlyMissing={onlyMissing}
        setOnlyMissing={setOnlyMissing}
        counts={data.counts}
        errorCount={saves.errors.size}
        pendingCount={pending}
      />
      <StatusLines
        message={message}
        errors={saves.errors}
        leafByCode={leafByCode}
        pasteErrors={paste.pasteErrors}
        closePasteErrors={paste.closePasteErrors}
      />
      <div className="split">
        <div className="split-main" onPaste={paste.onPaste} data-testid="values-grid-box" data-pending={pending}>
          <Grid
            ref={grid}
            testId="values-grid"
            rowData={data.rows}
            columnDefs={columnDefs}
            getRowId={rowId}
            quickFilterText={search}
            singleClickEdit={false}
            enterNavigatesVerticallyAfterEdit
            isExternalFilterPresent={isExternalFilterPresent}
            doesExternalFilterPass={doesExternalFilterPass}
            stopEditingWhenCellsLoseFocus
            tooltipShowDelay={300}
            onCellFocused={onCellFocused}
          />
        </div>
        <HistoryPanel
          focus={focus}
          targetName={focus ? data.targets.find((t) => t.code === focus.target)?.name : undefined}
          leaf={focus ? leafByCode.get(focus.indicator) : undefined}
          history={history.history}
        />
      </div>
      {imports.importFile && code && (
        <ValueImportDialog
          year={year}
          scheme={code}
          file={imports.importFile}
          onClose={imports.closeImport}
          onImported={(r) => void imports.imported(r)}
        />
      )}
      {imports.showImports && code && (
        <ImportHistoryDialog
          year={year}
          scheme={code}
          locked={locked}
          onClose={() => imports.setShowImports(false)}
          onUndone={() => void imports.afterImportChange()}
        />
      )}
    </div>
  );
}
