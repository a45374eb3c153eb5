import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { ImportOutcome } from '../../../shared/api/contract';
import { TARGET_KINDS, TARGET_KIND_NAMES, type Target, type TargetKind } from '../../../shared/domain/types';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { Dialog, Field } from '../components/Dialog';
import { Grid } from '../components/Grid';
import { ImportResultPanel } from '../components/IssueTable';
import { ReasonDialog } from '../components/ReasonDialog';
import { pickFile } from '../lib/files';

interface Row extends Target { depth: number; groupName: string }

/** Only the stored fields (the grid rows carry display fields the API does not accept). */
const asTarget = (t: Target): Target => ({ code: t.code, name: t.name, kind: t.kind, group: t.group ?? null, active: t.active });

/** Groups first, each followed by its members; members of unknown groups at the end. */
function hierarchy(targets: Target[]): Row[] {
  const byCode = new Map(targets.map((t) => [t.code, t]));
  const children = new Map<string, Target[]>();
  const roots: Target[] = [];
  for (const t of targets) {
    if (t.group && byCode.has(t.group) && t.group !== t.code) {
      const list = children.get(t.group) ?? [];
      list.push(t);
      children.set(t.group, list);
    } else roots.push(t);
  }
  const cmp = (a: Target, b: Target) => (a.kind === 'medical_group' ? 0 : 1) - (b.kind === 'medical_group' ? 0 : 1) || a.code.localeCompare(b.code);
  const out: Row[] = [];
  const seen = new Set<string>();
  const walk = (t: Target, depth: number) => {
    if (seen.has(t.code)) return;
    seen.add(t.code);
    out.push({ ...t, depth, groupName: t.group ? (byCode.get(t.group)?.name ?? t.group) : '' });
    for (const c of (children.get(t.code) ?? []).sort(cmp)) walk(c, depth + 1);
  };
  for (const r of roots.sort(cmp)) walk(r, 0);
  for (const t of targets) walk(t, 0);
  return out;
}

export function TargetsPage() {
  const app = useApp();
  const [targets, setTargets] = useState<Target[]>([]);
  const [kind, setKind] = useState<TargetKind | ''>('');
  const [showInactive, setShowInactive] = useState(false);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<{ target: Target; isNew: boolean } | null>(null);
  const [toggling, setToggling] = useState<Target | null>(null);
  const [importResult, setImportResult] = useState<ImportOutcome | null>(null);
  const [selected, setSelected] = useState<Target | null>(null);
  const grid = useRef<AgGridReact<Row>>(null);

  const load = useCallback(async () => {
    const list = await app.run('正在读取考核对象', () => api.listTargets({ includeInactive: true }));
    if (list) setTargets(list);
  }, [app.run]); // eslint-disable-line react-hooks/exhaustive-deps

  const active = usePageActive();
  useEffect(() => { if (active) void load(); }, [load, active]);

  const groups = useMemo(() => targets.filter((t) => t.kind === 'medical_group'), [targets]);
  const rows = useMemo(() => {
    const q = search.trim();
    const shown = targets.filter((t) => (showInactive || t.active) && (!kind || t.kind === kind));
    const h = hierarchy(shown);
    return q ? h.filter((r) => r.code.includes(q) || r.name.includes(q) || r.groupName.includes(q)) : h;
  }, [targets, kind, showInactive, search]);

  const cols = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'code', headerName: '对象编码', width: 130 },
      {
        field: 'name', headerName: '对象名称', flex: 1, minWidth: 220,
        valueFormatter: (p) => `${p.data && p.data.depth > 0 ? '\u3000'.repeat(p.data.depth) + '└ ' : ''}${p.value ?? ''}`,
      },
      { field: 'kind', headerName: '类型', width: 150, valueFormatter: (p) => TARGET_KIND_NAMES[p.value as TargetKind] ?? '' },
      { field: 'groupName', headerName: '所属医疗集团', width: 200 },
      { field: 'active', headerName: '状态', width: 90, cellDataType: false, valueFormatter: (p) => (p.value ? '在用' : '已停用'), cellClass: (p) => (p.value ? '' : 'muted') },
    ],
    [],
  );

  const save = async (t: Target, isNew: boolean, reason: string) => {
    const ok = await app.run('正在保存考核对象', () => api.saveTarget({ target: t, reason: reason || undefined }));
    if (ok) {
      app.notify(isNew ? `已新增 ${t.name}` : `已保存 ${t.name}`);
      setEditing(null);
      await load();
      void app.refresh();
    }
  };

  const importFile = async () => {
    const f = await pickFile('.xlsx');
    if (!f) return;
    const r = await app.run('正在导入考核对象', () => api.importTargets({ file: f.payload }));
    if (r) {
      setImportResult(r);
      if (r.errors.length === 0) app.notify(`已导入 ${r.written} 个考核对象`);
      await load();
      void app.refresh();
    }
  };

  return (
    <div className="page page-fill" data-testid="targets-page">
      <div className="page-head">
        <h1>考核对象</h1>
        <div className="toolbar">
          <button type="button" className="primary" data-testid="target-add"
            onClick={() => setEditing({ isNew: true, target: { code: '', name: '', kind: kind || 'township_centre', group: null, active: true } })}>新增</button>
          <button type="button" disabled={!selected} data-testid="target-edit" onClick={() => selected && setEditing({ isNew: false, target: asTarget(selected) })}>编辑</button>
          <button type="button" disabled={!selected} data-testid="target-toggle" onClick={() => selected && setToggling(selected)}>
            {selected && !selected.active ? '重新启用' : '停用'}
          </button>
          <button type="button" onClick={importFile} data-testid="target-import">导入 Excel</button>
        </div>
      </div>
      <div className="filters">
        <label>类型
          <select value={kind} onChange={(e) => setKind(e.target.value as TargetKind | '')} data-testid="target-kind-filter">
            <option value="">全部</option>
            {TARGET_KINDS.map((k) => <option key={k} value={k}>{TARGET_KIND_NAMES[k]}</option>)}
          </select>
        </label>
        <label>查找 <input value={search} onChange={(e) => setSearch(e.target.value)} placeholder="编码或名称" data-testid="target-search" /></label>
        <label className="check"><input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} /> 显示已停用</label>
        <span className="muted">共 {rows.length} 个</span>
      </div>
      <ImportResultPanel result={importResult} onClose={() => setImportResult(null)} />
      <Grid
        ref={grid}
        testId="targets-grid"
        rowData={rows}
        columnDefs={cols}
        getRowId={(p) => p.data.code}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onSelectionChanged={(e) => { const r = e.api.getSelectedRows()[0]; setSelected(r ? asTarget(r) : null); }}
        onCellKeyDown={(e) => {
          const ke = e.event as KeyboardEvent | undefined;
          if (ke?.key === 'Enter' && e.data) setEditing({ isNew: false, target: asTarget(e.data) });
        }}
        onRowDoubleClicked={(e) => e.data && setEditing({ isNew: false, target: asTarget(e.data) })}
      />
      {editing && (
        <TargetDialog
          initial={editing.target}
          isNew={editing.isNew}
          groups={groups}
          existing={targets}
          onCancel={() => setEditing(null)}
          onSave={save}
        />
      )}
      {toggling && (
        <ReasonDialog
          title={toggling.active ? `停用 ${toggling.name}` : `重新启用 ${toggling.name}`}
          note={toggling.active ? '停用后该对象不再参加以后的考核计分；历史数据保留。' : '启用后该对象重新参加考核计分。'}
          onCancel={() => setToggling(null)}
          onConfirm={async (reason) => {
            await save({ ...toggling, active: !toggling.active }, false, reason);
            setToggling(null);
            setSelected(null);
          }}
        />
      )}
    </div>
  );
}

function TargetDialog({ initial, isNew, groups, existing, onCancel, onSave }: {
  initial: Target; isNew: boolean; groups: Target[]; existing: Target[];
  onCancel: () => void; onSave: (t: Target, isNew: boolean, reason: string) => void;
}) {
  const [t, setT] = useState<Target>(initial);
  const [reason, setReason] = useState('');
  const codeErr = !t.code.trim() ? '请填写对象编码' : isNew && existing.some((x) => x.code === t.code.trim()) ? '该编码已存在' : null;
  const nameErr = !t.name.trim() ? '请填写对象名称' : null;
  const ok = !codeErr && !nameErr;
  return (
    <Dialog title={isNew ? '新增考核对象' : `编辑考核对象 ${initial.code}`} onCancel={onCancel} canConfirm={ok}
      onConfirm={() => onSave({ ...t, code: t.code.trim(), name: t.name.trim(), group: t.group || null }, isNew, reason.trim())} confirmText="保存" testId="target-dialog">
      <Field label="对象编码" error={codeErr} hint="编码跨年度保持不变">
        <input value={t.code} disabled={!isNew} onChange={(e) => setT({ ...t, code: e.target.value })} data-testid="target-code" />
      </Field>
      <Field label="对象名称" error={nameErr}>
        <input value={t.name} onChange={(e) => setT({ ...t, name: e.target.value })} data-testid="target-name" />
      </Field>
      <Field label="类型">
        <select value={t.kind} onChange={(e) => setT({ ...t, kind: e.target.value as TargetKind })} data-testid="target-kind">
          {TARGET_KINDS.map((k) => <option key={k} value={k}>{TARGET_KIND_NAMES[k]}</option>)}
        </select>
      </Field>
      <Field label="所属医疗集团">
        <select value={t.group ?? ''} onChange={(e) => setT({ ...t, group: e.target.value || null })} data-testid="target-group">
          <option value="">（无）</option>
          {groups.filter((g) => g.code !== t.code).map((g) => <option key={g.code} value={g.code}>{g.name}（{g.code}）</option>)}
        </select>
      </Field>
      {!isNew && (
        <Field label="修改原因" hint="可不填，填写后记入操作日志">
          <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="target-reason" />
        </Field>
      )}
    </Dialog>
  );
}

