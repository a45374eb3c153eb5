import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import type {
  CellClassParams,
  CellFocusedEvent,
  ColDef,
  ColGroupDef,
  IRowNode,
  ValueSetterParams,
} from 'ag-grid-community';
import type {
  BaselineCell,
  FilePayload,
  ImportIssue,
  ImportOutcome,
  ValueCell,
  ValueHistoryEntry,
} from '../../../shared/api/contract';
import type { IndicatorNode, Scheme, Target, Value } from '../../../shared/domain/types';
import { checkValue, parseValueText } from '../../../shared/values/parse';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { EntryCellEditor } from '../components/EntryCellEditor';
import { Grid } from '../components/Grid';
import { IssueTable } from '../components/IssueTable';
import { LockedNote, SchemePicker } from '../components/SchemePicker';
import { downloadPayload, pickFile } from '../lib/files';
import { formatTime, methodText, valueText } from '../lib/format';
import { leaves as schemeLeaves } from '../../../shared/scheme/validate';
import { parseClipboardBlock } from '../lib/paste';
import { createSaveQueue } from '../lib/saveQueue';
import { ImportHistoryDialog, ValueImportDialog } from './ValueImport';

interface Row {
  code: string;
  name: string;
  values: Record<string, Value>;
}
interface CellError {
  text: string;
  message: string;
}
const MISSING: Value = { kind: 'missing' };
const key = (t: string, i: string) => `${t}\u0001${i}`;
const rowId = (p: { data: Row }) => p.data.code;
const BASELINE_SUFFIX = '__上年数';

/** Check one typed text against a leaf with the shared rules; the message names nothing (callers add the place). */
export function checkText(
  text: string,
  leaf: IndicatorNode,
): { ok: true; value: Value; warning?: string } | { ok: false; message: string } {
  const r = parseValueText(text, leaf);
  if (!r.ok) return r;
  const bad = checkValue(r.value, leaf);
  return bad ? { ok: false, message: bad } : r;
}

export function CollectPage() {
  const app = useApp();
  const code = app.schemeCode;
  const [scheme, setScheme] = useState<Scheme | null>(null);
  const [targets, setTargets] = useState<Target[]>([]);
  // Every stored value, for the counts; the grid's rows are rebuilt from it only when values are
  // (re)loaded from the store (loadGen), never because one typed value was saved: a save updates
  // its one cell in place, so the cell being edited next keeps its editor, focus and text.
  const [cells, setCells] = useState<Map<string, Value>>(new Map());
  const [loadGen, setLoadGen] = useState(0);
  const [errors, setErrors] = useState<Map<string, CellError>>(new Map());
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);
  const [pasteErrors, setPasteErrors] = useState<ImportIssue[] | null>(null);
  const [importFile, setImportFile] = useState<FilePayload | null>(null);
  const [showImports, setShowImports] = useState(false);
  // 上年数 of growth indicators (excel.md "Last year's value"), beside this year's columns.
  const [baselines, setBaselines] = useState<Map<string, BaselineCell>>(new Map());
  const [baselineVersion, setBaselineVersion] = useState(0);
  const [focus, setFocus] = useState<{ target: string; indicator: string } | null>(null);
  const [history, setHistory] = useState<ValueHistoryEntry[] | null>(null);
  const [search, setSearch] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);
  const grid = useRef<AgGridReact<Row>>(null);
  const locked = app.current?.state === 'locked';

  // Typed values waiting for their save, shown in their cell meanwhile (key → text).
  const pendingText = useRef(new Map<string, string>());
  const queue = useMemo(() => createSaveQueue(), []);
  const [pendingCount, setPendingCount] = useState(0);
  useEffect(() => queue.subscribe(setPendingCount), [queue]);

  const leaves = useMemo(() => (scheme ? schemeLeaves(scheme) : []), [scheme]);
  const leafByCode = useMemo(() => new Map(leaves.map((l) => [l.code, l])), [leaves]);

  const loadValues = useCallback(async () => {
    if (!code) return;
    await queue.idle(); // a save still on its way would be missing from what is read
    const vs = await app.run('正在读取指标值', () => api.getValues({ year: app.year, scheme: code }));
    if (vs) {
      setCells(new Map(vs.map((c) => [key(c.target, c.indicator), c.value])));
      setLoadGen((g) => g + 1);
    }
  }, [code, app.year, queue]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme

  const active = usePageActive();
  useEffect(() => {
    if (!active) return;
    if (!code) {
      setScheme(null);
      return;
    }
    let alive = true;
    void app.run('正在读取采集表', async () => {
      await queue.idle();
      const s = await api.getScheme({ year: app.year, scheme: code });
      // The scheme's roster that year (targets whose years hold it; a locked year: its locked roster).
      const [ts, vs] = await Promise.all([
        api.listTargets({ year: app.year, scheme: code }),
        api.getValues({ year: app.year, scheme: code }),
      ]);
      if (!alive) return;
      // The same scheme again keeps the grid's columns as they are.
      setScheme((old) => (old && JSON.stringify(old) === JSON.stringify(s) ? old : s));
      setTargets(ts);
      setCells(new Map(vs.map((c) => [key(c.target, c.indicator), c.value])));
      setLoadGen((g) => g + 1);
      setErrors(new Map());
      setMessage(null);
    });
    return () => {
      alive = false;
    };
  }, [code, app.year, active]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme (queue is per scheme)

  useEffect(() => {
    if (!active || !code) {
      setBaselines(new Map());
      return;
    }
    let alive = true;
    void api.getBaselines({ year: app.year, scheme: code }).then(
      (bs) => {
        if (alive) setBaselines(new Map(bs.map((b) => [key(b.target, b.indicator), b])));
      },
      (e) => app.showError(e),
    );
    return () => {
      alive = false;
    };
  }, [code, app.year, active, baselineVersion]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme

  // Rebuilt only on a load (see loadGen); `cells` is read as it is at that moment.
  const rows = useMemo<Row[]>(
    () =>
      targets.map((t) => {
        const values: Record<string, Value> = {};
        for (const l of leaves) values[l.code] = cells.get(key(t.code, l.code)) ?? { kind: 'missing' };
        return { code: t.code, name: t.name, values };
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rows are rebuilt on a load (loadGen), not on each saved cell, so the grid keeps its rows while typing
    [targets, leaves, loadGen],
  );

  const counts = useMemo(() => {
    let missing = 0,
      na = 0;
    for (const t of targets)
      for (const l of leaves) {
        const v = cells.get(key(t.code, l.code)) ?? MISSING;
        if (v.kind === 'missing') missing++;
        else if (v.kind === 'na') na++;
      }
    return { missing, na };
  }, [targets, leaves, cells]);

  // The latest state for grid callbacks (column defs are built once per scheme).
  const live = useRef({ errors, locked, cells, focus, year: app.year, code });
  live.current = { errors, locked, cells, focus, year: app.year, code };
  const baseLive = useRef(baselines);
  baseLive.current = baselines;

  const commitBaseline = useCallback(
    async (target: string, leaf: IndicatorNode, text: string) => {
      const place = `${target} · ${leaf.code} ${leaf.name} 上年数`;
      const old = baseLive.current.get(key(target, leaf.code));
      if (old && old.source === 'previous') {
        setMessage({ text: `${place}：取自 ${app.year - 1} 年度已存的值，请到 ${app.year - 1} 年度修改。`, bad: true });
        return;
      }
      if ((old ? valueText(old.kept) : '') === text.trim()) return;
      try {
        const saved = await api.setBaseline({ year: app.year, scheme: code!, target, indicator: leaf.code, text });
        setBaselines((m) => new Map(m).set(key(target, leaf.code), saved));
        setMessage({ text: `${place}：已保存 ${valueText(saved.kept) || '（无）'}`, bad: false });
      } catch (e) {
        setMessage({ text: `${place}：${(e as { message?: string })?.message ?? String(e)}（未保存）`, bad: true });
      }
    },
    [app.year, code],
  );
  const commitBaselineRef = useRef(commitBaseline);
  commitBaselineRef.current = commitBaseline;

  /** Redraw one cell from its row's data, leaving every other cell alone; an open editor is never touched. */
  const redraw = (target: string, indicator: string) => {
    const gapi = grid.current?.api;
    const node = gapi?.getRowNode(target);
    if (!gapi || !node) return;
    if (gapi.getEditingCells().some((c) => c.rowIndex === node.rowIndex && c.column?.getColId() === indicator)) return;
    gapi.refreshCells({ rowNodes: [node], columns: [indicator], force: true });
  };
  const setError = (k: string, err: CellError | null) => {
    const change = (m: Map<string, CellError>) => {
      const n = new Map(m);
      if (err) n.set(k, err);
      else n.delete(k);
      return n;
    };
    if (!err && !live.current.errors.has(k)) return;
    live.current.errors = change(live.current.errors); // grid callbacks see it before React renders again
    setErrors(change);
  };

  // Made to refresh the year/scheme summaries once the typing stops, not after every save.
  const refreshSoon = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (refreshSoon.current) clearTimeout(refreshSoon.current);
    },
    [],
  );

  /**
   * One typed value: checked here with the shared rules, then saved in its cell's queue (saves of
   * one cell in the order typed). The result is written into that row's data and only that cell
   * is redrawn; the rows given to the grid stay the same objects.
   */
  const commit = useCallback(
    (target: string, leaf: IndicatorNode, text: string) => {
      const k = key(target, leaf.code);
      const place = `${target} · ${leaf.code} ${leaf.name}`;
      const r = checkText(text, leaf);
      if (!r.ok) {
        setError(k, { text, message: r.message });
        setMessage({ text: `${place}：${r.message}（未保存）`, bad: true });
        redraw(target, leaf.code);
        return;
      }
      const old = live.current.cells.get(k) ?? MISSING;
      if (queue.pendingFor(k) === 0 && valueText(old) === valueText(r.value) && old.kind === r.value.kind) {
        setError(k, null);
        redraw(target, leaf.code);
        return;
      }
      pendingText.current.set(k, text);
      setError(k, null);
      redraw(target, leaf.code);
      const year = app.year;
      const scheme = code!;
      void queue.push(k, async (seq) => {
        // The page may have moved to another year or scheme meanwhile: then only the store changes.
        const here = () => live.current.year === year && live.current.code === scheme;
        try {
          const saved: ValueCell = await api.setValue({ year, scheme, target, indicator: leaf.code, text });
          if (!here()) return;
          live.current.cells = new Map(live.current.cells).set(k, saved.value);
          setCells((m) => new Map(m).set(k, saved.value));
          const row = grid.current?.api?.getRowNode(target)?.data;
          if (row) row.values[leaf.code] = saved.value;
          if (queue.isLatest(k, seq)) {
            pendingText.current.delete(k);
            setError(k, null);
            setMessage({
              text: `${place}：已保存 ${valueText(saved.value) || '（缺报）'}${r.warning ? `；提示：${r.warning}` : ''}`,
              bad: false,
            });
          }
          const f = live.current.focus;
          if (f && f.target === target && f.indicator === leaf.code) void loadHistory(target, leaf.code);
        } catch (e) {
          if (!here()) return;
          const msg = (e as { message?: string })?.message ?? String(e);
          if (queue.isLatest(k, seq)) {
            pendingText.current.delete(k);
            setError(k, { text, message: msg });
          }
          setMessage({ text: `${place}：${msg}（未保存“${text}”）`, bad: true });
          // Locked meanwhile (elsewhere, e.g. the command line): learn it, so the grid turns read-only.
          if ((e as { code?: string })?.code === 'LOCKED') void app.refresh();
        }
        redraw(target, leaf.code);
        if (refreshSoon.current) clearTimeout(refreshSoon.current);
        refreshSoon.current = setTimeout(() => {
          if (queue.pending() <= 1) void app.refresh();
        }, 400);
      });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme; loadHistory follows the same two
    [app.year, code, queue],
  );

  const commitRef = useRef(commit);
  commitRef.current = commit;

  const columnDefs = useMemo<(ColDef<Row> | ColGroupDef<Row>)[]>(() => {
    if (!scheme) return [];
    const leafCol = (l: IndicatorNode): ColDef<Row> => ({
      colId: l.code,
      headerName: `${l.code} ${l.name}${l.unit ? `(${l.unit})` : ''}`,
      headerTooltip: `${l.code} ${l.name}\n${methodText(l)}${l.criteria ? `\n${l.criteria}` : ''}`,
      width: 110,
      editable: () => !live.current.locked,
      cellEditor: EntryCellEditor,
      valueGetter: (p) => {
        if (!p.data) return '';
        const typed = pendingText.current.get(key(p.data.code, l.code));
        if (typed != null) return typed;
        const err = live.current.errors.get(key(p.data.code, l.code));
        if (err) return err.text;
        // Rows and columns of another scheme can meet for a moment while the grid switches.
        const v = p.data.values[l.code] ?? MISSING;
        return v.kind === 'na' ? '不适用' : valueText(v);
      },
      valueFormatter: (p) => {
        if (!p.data) return '';
        const k = key(p.data.code, l.code);
        if (pendingText.current.has(k) || live.current.errors.has(k)) return String(p.value ?? '');
        const v = p.data.values[l.code] ?? MISSING;
        return v.kind === 'missing' ? '缺报' : v.kind === 'na' ? '不适用' : String(p.value ?? '');
      },
      valueSetter: (p: ValueSetterParams<Row>) => {
        if (p.data) commitRef.current(p.data.code, l, String(p.newValue ?? ''));
        return false;
      },
      cellClassRules: {
        'cell-pending': (p: CellClassParams<Row>) => !!p.data && pendingText.current.has(key(p.data.code, l.code)),
        'cell-error': (p: CellClassParams<Row>) =>
          !!p.data &&
          !pendingText.current.has(key(p.data.code, l.code)) &&
          live.current.errors.has(key(p.data.code, l.code)),
        'cell-na': (p: CellClassParams<Row>) =>
          !!p.data && !pendingText.current.has(key(p.data.code, l.code)) && p.data.values[l.code]?.kind === 'na',
        'cell-missing': (p: CellClassParams<Row>) =>
          !!p.data &&
          (p.data.values[l.code]?.kind ?? 'missing') === 'missing' &&
          !pendingText.current.has(key(p.data.code, l.code)) &&
          !live.current.errors.has(key(p.data.code, l.code)),
        'cell-num': () => true,
      },
      tooltipValueGetter: (p) => (p.data ? (live.current.errors.get(key(p.data.code, l.code))?.message ?? null) : null),
    });
    // A growth leaf's 上年数: last year's stored value (read-only here) or the kept one (editable).
    const baselineCol = (l: IndicatorNode): ColDef<Row> => ({
      colId: `${l.code}${BASELINE_SUFFIX}`,
      headerName: `${l.code} 上年数`,
      headerTooltip: `${l.code} ${l.name} 的上年数（增长率的基数）：有上年度已存的值时用上年度的值，否则用这里填的上年数`,
      width: 96,
      editable: (p) =>
        !live.current.locked && !!p.data && baseLive.current.get(key(p.data.code, l.code))?.source !== 'previous',
      cellEditor: EntryCellEditor,
      valueGetter: (p) => {
        const b = p.data ? baseLive.current.get(key(p.data.code, l.code)) : undefined;
        return b && b.source !== 'none' ? (b.used.kind === 'na' ? '不适用' : valueText(b.used)) : '';
      },
      valueSetter: (p: ValueSetterParams<Row>) => {
        if (p.data) void commitBaselineRef.current(p.data.code, l, String(p.newValue ?? ''));
        return false;
      },
      cellClassRules: {
        'cell-baseline': () => true,
        'cell-baseline-previous': (p: CellClassParams<Row>) =>
          !!p.data && baseLive.current.get(key(p.data.code, l.code))?.source === 'previous',
        'cell-num': () => true,
      },
      tooltipValueGetter: (p) => {
        const b = p.data ? baseLive.current.get(key(p.data.code, l.code)) : undefined;
        if (!b || b.source === 'none') return '未填上年数：增长率按无上年基数处理';
        return b.source === 'previous'
          ? `取自 ${app.year - 1} 年度已存的值`
          : `填报的上年数${b.enteredBy ? `（${b.enteredBy}）` : ''}`;
      },
    });
    const group = (n: IndicatorNode): (ColDef<Row> | ColGroupDef<Row>)[] =>
      n.children
        ? [{ headerName: `${n.code} ${n.name}`, groupId: `g-${n.code}`, children: n.children.flatMap(group) }]
        : n.method?.type === 'growth'
          ? [leafCol(n), baselineCol(n)]
          : [leafCol(n)];
    return [
      { colId: '__code', headerName: '对象编码', field: 'code', pinned: 'left', width: 100 },
      { colId: '__name', headerName: '对象名称', field: 'name', pinned: 'left', width: 170 },
      ...scheme.indicators.flatMap(group),
    ];
  }, [scheme, app.year]);

  // Filter again when asked to, or after a load; not after each save (rows would move while typing).
  useEffect(() => {
    grid.current?.api?.onFilterChanged();
  }, [onlyMissing, loadGen]);

  // 上年数 cells read outside state: redraw them when it changes.
  useEffect(() => {
    const cols = leaves.filter((l) => l.method?.type === 'growth').map((l) => `${l.code}${BASELINE_SUFFIX}`);
    if (cols.length) grid.current?.api?.refreshCells({ columns: cols, force: true });
  }, [baselines, leaves]);

  // Editable or not, and after a load (marks of refused values cleared): every cell's look.
  useEffect(() => {
    grid.current?.api?.refreshCells({ force: true });
  }, [locked, loadGen]);

  const loadHistory = useCallback(
    async (target: string, indicator: string) => {
      if (!code) return;
      try {
        setHistory(await api.valueHistory({ year: app.year, scheme: code, target, indicator }));
      } catch (e) {
        setHistory([]);
        app.showError(e);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme
    [code, app.year],
  );

  // The history follows the focused cell, a moment after the focus settles.
  useEffect(() => {
    if (!focus) return;
    setHistory(null);
    const t = setTimeout(() => void loadHistory(focus.target, focus.indicator), 200);
    return () => clearTimeout(t);
  }, [focus, loadHistory]);

  const onPaste = useCallback(
    async (e: React.ClipboardEvent<HTMLDivElement>) => {
      const gapi = grid.current?.api;
      if (!gapi || !code) return;
      if (gapi.getEditingCells().length > 0) return; // pasting into the open editor
      const text = e.clipboardData.getData('text/plain');
      e.preventDefault();
      if (live.current.locked) {
        setMessage({ text: '本方案已定稿，不能粘贴修改。', bad: true });
        return;
      }
      const fc = gapi.getFocusedCell();
      if (!fc || fc.rowIndex == null) {
        setMessage({ text: '请先点选要粘贴到的起始单元格。', bad: true });
        return;
      }
      const block = parseClipboardBlock(text);
      if (block.length === 0) return;
      const cols = gapi.getAllDisplayedColumns();
      const c0 = cols.findIndex((c) => c.getColId() === fc.column.getColId());
      const issues: ImportIssue[] = [];
      const out: { target: string; indicator: string; text: string }[] = [];
      block.forEach((line, i) => {
        const rowNode = gapi.getDisplayedRowAtIndex(fc.rowIndex + i);
        line.forEach((cellText, j) => {
          const col = cols[c0 + j];
          const leaf = col ? leafByCode.get(col.getColId()) : undefined;
          const place = `第 ${i + 1} 行第 ${j + 1} 列`;
          if (!rowNode?.data) {
            issues.push({
              sheet: '粘贴',
              cell: place,
              target: '',
              indicator: '',
              value: cellText,
              message: '超出表格的行',
            });
            return;
          }
          if (!leaf) {
            issues.push({
              sheet: '粘贴',
              cell: place,
              target: rowNode.data.code,
              indicator: col?.getColDef().headerName ?? '',
              value: cellText,
              message: '不是指标列，不能粘贴',
            });
            return;
          }
          const r = checkText(cellText, leaf);
          if (!r.ok)
            issues.push({
              sheet: '粘贴',
              cell: place,
              target: `${rowNode.data.code} ${rowNode.data.name}`,
              indicator: `${leaf.code} ${leaf.name}`,
              value: cellText,
              message: r.message,
            });
          else out.push({ target: rowNode.data.code, indicator: leaf.code, text: cellText });
        });
      });
      if (issues.length > 0) {
        setPasteErrors(issues);
        setMessage({ text: `粘贴内容有 ${issues.length} 处错误，未写入任何数据。`, bad: true });
        return;
      }
      setPasteErrors(null);
      const r = await app.run(`正在写入 ${out.length} 个值`, () =>
        api.setValues({ year: app.year, scheme: code, cells: out, reason: '粘贴' }),
      );
      if (r) {
        setMessage({ text: `已粘贴 ${r.written} 个值（${block.length} 行 × ${block[0]!.length} 列）。`, bad: false });
        setErrors((m) => {
          const n = new Map(m);
          for (const c of out) n.delete(key(c.target, c.indicator));
          return n;
        });
        await loadValues();
        void app.refresh();
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme
    [code, app.year, leafByCode, loadValues],
  );

  const downloadTemplate = async () => {
    if (!code) return;
    const p = await app.run('正在生成采集表', () => api.downloadTemplate({ year: app.year, scheme: code }));
    if (p) downloadPayload(p);
  };

  const startImport = async () => {
    if (!code) return;
    const f = await pickFile('.xlsx');
    if (f) setImportFile(f.payload);
  };

  const imported = async (r: ImportOutcome) => {
    const name = importFile?.fileName ?? '';
    setImportFile(null);
    const c = r.counts;
    const what = c
      ? `新增 ${c.new}、修改 ${c.changed}、不变 ${c.unchanged}${r.mode === 'replace' ? `、清空 ${c.cleared}` : ''}`
      : `写入 ${r.written} 个值`;
    app.notify(`已导入：${what}`);
    setMessage({
      text: `已从 ${name} 导入（${r.mode === 'replace' ? '整表替换' : '合并'}）：${what}。导入编号 #${r.importId}，可在“导入记录”中撤销。`,
      bad: false,
    });
    setErrors(new Map());
    await afterImportChange();
  };

  const afterImportChange = async () => {
    await loadValues();
    setBaselineVersion((v) => v + 1);
    void app.refresh();
  };

  // The grid's callbacks are the same functions for the page's whole life: ag-grid takes a new
  // filter callback as a filter change, and re-filtering redraws every row, which closed the
  // editor being typed in each time a save came back and re-rendered the page.
  const gridState = useRef({ onlyMissing, leaves, leafByCode });
  gridState.current = { onlyMissing, leaves, leafByCode };
  const isExternalFilterPresent = useCallback(() => gridState.current.onlyMissing, []);
  const doesExternalFilterPass = useCallback(
    (n: IRowNode<Row>) =>
      !!n.data && gridState.current.leaves.some((l) => (n.data!.values[l.code]?.kind ?? 'missing') === 'missing'),
    [],
  );
  const onCellFocused = useCallback((e: CellFocusedEvent<Row>) => {
    const col = e.column && typeof e.column !== 'string' ? e.column.getColId() : null;
    const row = e.rowIndex != null ? e.api.getDisplayedRowAtIndex(e.rowIndex)?.data : undefined;
    if (col && row && gridState.current.leafByCode.has(col))
      setFocus((f) => (f && f.target === row.code && f.indicator === col ? f : { target: row.code, indicator: col }));
  }, []);

  const focusedLeaf = focus ? leafByCode.get(focus.indicator) : undefined;

  return (
    <div className="page page-fill" data-testid="collect-page">
      <div className="page-head">
        <h1>数据采集</h1>
        <SchemePicker />
        <div className="toolbar">
          <button type="button" onClick={downloadTemplate} disabled={!code} data-testid="download-template">
            下载采集表
          </button>
          <button
            type="button"
            className="primary"
            onClick={startImport}
            disabled={!code || locked}
            data-testid="import-values"
          >
            导入采集表
          </button>
          <button type="button" onClick={() => setShowImports(true)} disabled={!code} data-testid="import-history-open">
            导入记录
          </button>
        </div>
      </div>
      <LockedNote />
      <div className="filters">
        <label>
          查找对象 <input value={search} onChange={(e) => setSearch(e.target.value)} data-testid="collect-search" />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={onlyMissing}
            onChange={(e) => setOnlyMissing(e.target.checked)}
            data-testid="only-missing"
          />{' '}
          只看有缺报的对象
        </label>
        <span className="legend">
          <span className="swatch missing" />
          缺报 {counts.missing}
        </span>
        <span className="legend">
          <span className="swatch na" />
          不适用 {counts.na}
        </span>
        <span className="legend">
          <span className="swatch error" />
          有误（未保存）{errors.size}
        </span>
        {pendingCount > 0 && (
          <span className="legend" data-testid="saving">
            <span className="swatch pending" />
            正在保存 {pendingCount}
          </span>
        )}
        <span className="muted">
          双击或直接输入修改；从 Excel/WPS 复制一块后，点选起始单元格按 Ctrl+V 粘贴（全部正确才写入）。
        </span>
      </div>
      {message && (
        <div className={`status-line ${message.bad ? 'bad' : 'ok'}`} data-testid="collect-message" role="status">
          {message.text}
        </div>
      )}
      {errors.size > 0 && (
        // Stays while any typed value is refused, whatever is saved after it.
        <div className="status-line bad" data-testid="collect-errors">
          有误、未保存（改正后按 Enter 重新保存）：
          {[...errors]
            .slice(0, 3)
            .map(([k, e]) => {
              const [t, i] = k.split('\u0001') as [string, string];
              const leaf = leafByCode.get(i);
              return `${t} · ${i}${leaf ? ` ${leaf.name}` : ''}“${e.text}”：${e.message}`;
            })
            .join('；')}
          {errors.size > 3 ? `；……另有 ${errors.size - 3} 处` : ''}
        </div>
      )}
      {pasteErrors && (
        <div className="panel" data-testid="paste-errors">
          <div className="row">
            <strong>粘贴内容有误，未写入任何数据</strong>
            <button type="button" className="link" onClick={() => setPasteErrors(null)}>
              关闭
            </button>
          </div>
          <IssueTable issues={pasteErrors} kind="error" max={50} />
        </div>
      )}
      <div className="split">
        <div className="split-main" onPaste={onPaste} data-testid="values-grid-box" data-pending={pendingCount}>
          <Grid
            ref={grid}
            testId="values-grid"
            rowData={rows}
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
        <aside className="side-panel" data-testid="history-panel">
          <div className="side-title">指标值记录</div>
          {!focus && <div className="muted pad">点选一个单元格，查看这个值的修改记录。</div>}
          {focus && (
            <>
              <div className="side-sub">
                {targets.find((t) => t.code === focus.target)?.name ?? focus.target}
                <br />
                {focusedLeaf ? `${focusedLeaf.code} ${focusedLeaf.name}` : focus.indicator}
              </div>
              {focusedLeaf && (
                <div className="muted small">
                  {methodText(focusedLeaf)}
                  {focusedLeaf.min != null || focusedLeaf.max != null
                    ? `；有效范围 ${focusedLeaf.min ?? '—'}～${focusedLeaf.max ?? '—'}`
                    : ''}
                </div>
              )}
              {history === null && <div className="muted pad">正在读取……</div>}
              {history && history.length === 0 && <div className="muted pad">没有修改记录。</div>}
              {history && history.length > 0 && (
                <ol className="history" data-testid="history-list">
                  {history
                    .slice()
                    .reverse()
                    .map((h, i) => (
                      <li key={i}>
                        <div className="muted small">
                          {formatTime(h.at)} · {h.who}
                          {h.importId != null ? ` · 导入 #${h.importId}` : ''}
                        </div>
                        <div>
                          {valueText(h.old) || '（缺报）'} → <strong>{valueText(h.new) || '（缺报）'}</strong>
                        </div>
                        {h.reason && <div className="muted small">原因：{h.reason}</div>}
                      </li>
                    ))}
                </ol>
              )}
            </>
          )}
        </aside>
      </div>
      {importFile && code && (
        <ValueImportDialog
          year={app.year}
          scheme={code}
          file={importFile}
          onClose={() => setImportFile(null)}
          onImported={(r) => void imported(r)}
        />
      )}
      {showImports && code && (
        <ImportHistoryDialog
          year={app.year}
          scheme={code}
          locked={locked}
          onClose={() => setShowImports(false)}
          onUndone={() => void afterImportChange()}
        />
      )}
    </div>
  );
}
