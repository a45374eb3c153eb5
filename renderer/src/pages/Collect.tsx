/**
 * 数据采集: every target's value of every leaf, typed into a grid (saved cell by cell), pasted as a
 * block from Excel/WPS, or imported as a 采集表. The rules live in ./collect (model, columns,
 * pastePlan) and the shared value rules; the hooks there load, save and paste; this page lays
 * them out and wires them to the grid.
 */
import { useRef, useState, type RefObject } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { Grid } from '../components/Grid';
import { LockedNote, SchemePicker } from '../components/SchemePicker';
import { HistoryPanel } from './collect/HistoryPanel';
import type { Row, StatusMessage } from './collect/model';
import { FilterBar, StatusLines } from './collect/StatusLines';
import { useBaselines } from './collect/useBaselines';
import { useCellSaves, useSaveQueue } from './collect/useCellSaves';
import { useCollectData } from './collect/useCollectData';
import { useCollectGrid } from './collect/useCollectGrid';
import { usePasteValues } from './collect/usePasteValues';
import { useValueHistory } from './collect/useValueHistory';
import { useValueImports } from './collect/useValueImports';
import { ImportHistoryDialog, ValueImportDialog } from './ValueImport';

const rowId = (p: { data: Row }) => p.data.code;

/** The page's state and actions, wired together: the hooks of ./collect over one grid. */
function useCollectPage(grid: RefObject<AgGridReact<Row> | null>) {
  const app = useApp();
  const code = app.schemeCode;
  const year = app.year;
  const locked = app.current?.state === 'locked';
  const active = usePageActive();
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [search, setSearch] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);

  const { queue, pending } = useSaveQueue();
  const history = useValueHistory(code, year);
  const onLoaded = () => {
    saves.clearErrors();
    setMessage(null);
  };
  const data = useCollectData({ code, year, active, queue, onLoaded });
  const { leaves, leafByCode, setCell, loadValues } = data;
  const saves = useCellSaves({
    queue,
    code,
    year,
    grid,
    cells: data.cells,
    setCell,
    setMessage,
    onSaved: history.savedCell,
  });
  const { clearErrors } = saves;
  const baselines = useBaselines({ code, year, active, setMessage });
  const paste = usePasteValues({ grid, code, year, locked, leafByCode, setMessage, clearErrors, loadValues });
  const reloadBaselines = baselines.reload;
  const imports = useValueImports({ code, year, setMessage, clearErrors, loadValues, reloadBaselines });
  const gridProps = useCollectGrid({
    grid,
    scheme: data.scheme,
    year,
    leaves,
    leafByCode,
    locked,
    onlyMissing,
    loadGen: data.loadGen,
    baselines: baselines.baselines,
    setFocus: history.setFocus,
    view: {
      locked: () => locked,
      typed: (k) => saves.typed.current.get(k),
      error: (k) => saves.errorsRef.current.get(k),
      baseline: (k) => baselines.baselineRef.current.get(k),
      commit: saves.commit,
      commitBaseline: (t, l, text) => void baselines.commit(t, l, text),
    },
  });
  const filters = { search, setSearch, onlyMissing, setOnlyMissing };
  return { code, year, locked, message, pending, filters, data, saves, paste, imports, history, gridProps };
}

export function CollectPage() {
  const grid = useRef<AgGridReact<Row>>(null);
  const { code, year, locked, message, pending, filters, data, saves, paste, imports, history, gridProps } =
    useCollectPage(grid);
  const focus = history.focus;
  return (
    <div className="page page-fill" data-testid="collect-page">
      <CollectHead code={code} locked={locked} imports={imports} />
      <LockedNote />
      <FilterBar {...filters} counts={data.counts} errorCount={saves.errors.size} pendingCount={pending} />
      <StatusLines
        message={message}
        errors={saves.errors}
        leafByCode={data.leafByCode}
        pasteErrors={paste.pasteErrors}
        closePasteErrors={paste.closePasteErrors}
      />
      <div className="split">
        <div className="split-main" onPaste={paste.onPaste} data-testid="values-grid-box" data-pending={pending}>
          <Grid
            ref={grid}
            testId="values-grid"
            rowData={data.rows}
            {...gridProps}
            getRowId={rowId}
            quickFilterText={filters.search}
            singleClickEdit={false}
            enterNavigatesVerticallyAfterEdit
            stopEditingWhenCellsLoseFocus
            tooltipShowDelay={300}
          />
        </div>
        <HistoryPanel
          focus={focus}
          targetName={focus ? data.targets.find((t) => t.code === focus.target)?.name : undefined}
          leaf={focus ? data.leafByCode.get(focus.indicator) : undefined}
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

function CollectHead(props: { code: string | null; locked: boolean; imports: ReturnType<typeof useValueImports> }) {
  const { code, locked, imports } = props;
  return (
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
  );
}
