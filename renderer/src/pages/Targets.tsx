import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { ImportOutcome } from '../../../shared/api/contract';
import {
  TARGET_KINDS,
  TARGET_KIND_NAMES,
  appraisedIn,
  spanText,
  type Target,
  type TargetKind,
} from '../../../shared/domain/types';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { Dialog, Field } from '../components/Dialog';
import { Grid } from '../components/Grid';
import { ImportResultPanel } from '../components/IssueTable';
import { downloadPayload, pickFile } from '../lib/files';

interface Row extends Target {
  depth: number;
  groupName: string;
}

/** Only the stored fields (the grid rows carry display fields the API does not accept). */
const asTarget = (t: Target): Target => ({
  code: t.code,
  name: t.name,
  kind: t.kind,
  group: t.group ?? null,
  from: t.from ?? null,
  to: t.to ?? null,
});

/** A year typed in a form: "" → null, "2025" → 2025, anything else undefined (invalid). */
const yearText = (s: string): number | null | undefined => {
  const t = s.trim();
  if (!t) return null;
  return /^\d{4}$/.test(t) && Number(t) >= 2000 && Number(t) <= 2100 ? Number(t) : undefined;
};

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
  const cmp = (a: Target, b: Target) =>
    (a.kind === 'medical_group' ? 0 : 1) - (b.kind === 'medical_group' ? 0 : 1) || a.code.localeCompare(b.code);
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
  const [retiring, setRetiring] = useState<Target | null>(null);
  const [importResult, setImportResult] = useState<ImportOutcome | null>(null);
  const [selected, setSelected] = useState<Target | null>(null);
  const grid = useRef<AgGridReact<Row>>(null);

  const load = useCallback(async () => {
    const list = await app.run('正在读取考核对象', () => api.listTargets({ includeInactive: true }));
    if (list) setTargets(list);
  }, [app.run]); // eslint-disable-line react-hooks/exhaustive-deps -- `app.run` is stable; `app` itself is new after every refresh

  const active = usePageActive();
  useEffect(() => {
    if (active) void load();
  }, [load, active]);

  const groups = useMemo(() => targets.filter((t) => t.kind === 'medical_group'), [targets]);
  const rows = useMemo(() => {
    const q = search.trim();
    // By default the targets appraised in the year chosen at the top; "显示全部年度" shows every one.
    const shown = targets.filter((t) => (showInactive || appraisedIn(t, app.year)) && (!kind || t.kind === kind));
    const h = hierarchy(shown);
    return q ? h.filter((r) => r.code.includes(q) || r.name.includes(q) || r.groupName.includes(q)) : h;
  }, [targets, kind, showInactive, search, app.year]);

  const cols = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'code', headerName: '对象编码', width: 130 },
      {
        field: 'name',
        headerName: '对象名称',
        flex: 1,
        minWidth: 220,
        valueFormatter: (p) =>
          `${p.data && p.data.depth > 0 ? '\u3000'.repeat(p.data.depth) + '└ ' : ''}${p.value ?? ''}`,
      },
      {
        field: 'kind',
        headerName: '类型',
        width: 150,
        valueFormatter: (p) => TARGET_KIND_NAMES[p.value as TargetKind] ?? '',
      },
      { field: 'groupName', headerName: '所属医疗集团', width: 200 },
      {
        colId: 'years',
        headerName: '考核年度',
        width: 130,
        valueGetter: (p) => (p.data ? spanText(p.data) || '各年度' : ''),
      },
      {
        colId: 'state',
        headerName: `${app.year} 年度`,
        width: 110,
        valueGetter: (p) =>
          !p.data
            ? ''
            : appraisedIn(p.data, app.year)
              ? '参加考核'
              : p.data.to != null && p.data.to < app.year
                ? '已停用'
                : '尚未开始',
        cellClass: (p) => (p.value === '参加考核' ? '' : 'muted'),
      },
    ],
    [app.year],
  );

  const save = async (t: Target, isNew: boolean, reason: string) => {
    const ok = await app.run('正在保存考核对象', () => api.saveTarget({ target: t, reason: reason || undefined }));
    if (ok) {
      // A warning (e.g. the same name twice in one group) does not stop the save; it is shown.
      if (ok.warnings.length)
        app.notify(`${isNew ? '已新增' : '已保存'} ${t.name}。注意：${ok.warnings.join('；')}`, 'info');
      else app.notify(isNew ? `已新增 ${t.name}` : `已保存 ${t.name}`);
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
          <button
            type="button"
            className="primary"
            data-testid="target-add"
            onClick={() =>
              setEditing({
                isNew: true,
                target: { code: '', name: '', kind: kind || 'township_centre', group: null, from: null, to: null },
              })
            }
          >
            新增
          </button>
          <button
            type="button"
            disabled={!selected}
            data-testid="target-edit"
            onClick={() => selected && setEditing({ isNew: false, target: asTarget(selected) })}
          >
            编辑
          </button>
          <button
            type="button"
            disabled={!selected}
            data-testid="target-retire"
            onClick={() => selected && setRetiring(selected)}
            title="从某一年度起不再考核；此前的年度和已定稿的年度保留"
          >
            停用…
          </button>
          <button type="button" onClick={importFile} data-testid="target-import">
            导入 Excel
          </button>
          <button
            type="button"
            data-testid="target-template"
            title="考核对象名单工作簿（含起始年度、终止年度），已登记的对象已填好，改后可导入"
            onClick={async () => {
              const p = await app.run('正在生成考核对象模板', () => api.downloadTargetsTemplate({}));
              if (p) downloadPayload(p);
            }}
          >
            下载模板
          </button>
        </div>
      </div>
      <div className="filters">
        <label>
          类型
          <select
            value={kind}
            onChange={(e) => setKind(e.target.value as TargetKind | '')}
            data-testid="target-kind-filter"
          >
            <option value="">全部</option>
            {TARGET_KINDS.map((k) => (
              <option key={k} value={k}>
                {TARGET_KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          查找{' '}
          <input
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="编码或名称"
            data-testid="target-search"
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={showInactive}
            onChange={(e) => setShowInactive(e.target.checked)}
            data-testid="target-all-years"
          />{' '}
          显示不参加 {app.year} 年度考核的对象
        </label>
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
        onSelectionChanged={(e) => {
          const r = e.api.getSelectedRows()[0];
          setSelected(r ? asTarget(r) : null);
        }}
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
      {retiring && (
        <RetireDialog
          target={retiring}
          defaultYear={app.year}
          onCancel={() => setRetiring(null)}
          onConfirm={async (from, reason) => {
            const r = await app.run('正在停用考核对象', () => api.retireTarget({ code: retiring.code, from, reason }));
            if (r) {
              app.notify(`${r.name} 自 ${from} 年度起不再考核；${from - 1} 年度及以前保留`);
              setRetiring(null);
              setSelected(null);
              await load();
              void app.refresh();
            }
          }}
        />
      )}
    </div>
  );
}

function TargetDialog({
  initial,
  isNew,
  groups,
  existing,
  onCancel,
  onSave,
}: {
  initial: Target;
  isNew: boolean;
  groups: Target[];
  existing: Target[];
  onCancel: () => void;
  onSave: (t: Target, isNew: boolean, reason: string) => void;
}) {
  const [t, setT] = useState<Target>(initial);
  const [reason, setReason] = useState('');
  const clash = isNew ? existing.find((x) => x.code.toLowerCase() === t.code.trim().toLowerCase()) : undefined;
  const codeErr = !t.code.trim()
    ? '请填写对象编码'
    : clash
      ? `该编码已存在：${clash.code}（${clash.name}）；编码不区分大小写`
      : null;
  const nameErr = !t.name.trim() ? '请填写对象名称' : null;
  const [fromText, setFromText] = useState(initial.from != null ? String(initial.from) : '');
  const [toText, setToText] = useState(initial.to != null ? String(initial.to) : '');
  const from = yearText(fromText);
  const to = yearText(toText);
  const fromErr = from === undefined ? '应为 2000–2100 的年份，或留空' : null;
  const toErr =
    to === undefined
      ? '应为 2000–2100 的年份，或留空'
      : from != null && to != null && from > to
        ? '终止年度不能早于起始年度'
        : null;
  const sameName = existing.find(
    (x) => x.code !== t.code.trim() && x.name === t.name.trim() && (x.group ?? null) === (t.group || null),
  );
  const ok = !codeErr && !nameErr && !fromErr && !toErr;
  return (
    <Dialog
      title={isNew ? '新增考核对象' : `编辑考核对象 ${initial.code}`}
      onCancel={onCancel}
      canConfirm={ok}
      onConfirm={() =>
        ok &&
        onSave(
          {
            ...t,
            code: t.code.trim(),
            name: t.name.trim(),
            group: t.group || null,
            from: from ?? null,
            to: to ?? null,
          },
          isNew,
          reason.trim(),
        )
      }
      confirmText="保存"
      testId="target-dialog"
    >
      <Field label="对象编码" error={codeErr} hint="编码跨年度保持不变">
        <input
          value={t.code}
          disabled={!isNew}
          onChange={(e) => setT({ ...t, code: e.target.value })}
          data-testid="target-code"
        />
      </Field>
      <Field
        label="对象名称"
        error={nameErr}
        hint={sameName ? `注意：同一集团中已有同名对象 ${sameName.code}，请确认不是重复登记` : undefined}
      >
        <input value={t.name} onChange={(e) => setT({ ...t, name: e.target.value })} data-testid="target-name" />
      </Field>
      <Field label="起始年度" error={fromErr} hint="第一个参加考核的年度；留空表示不限（如新设机构填设立当年）">
        <input
          value={fromText}
          onChange={(e) => setFromText(e.target.value)}
          placeholder="如 2025"
          data-testid="target-from"
        />
      </Field>
      <Field label="终止年度" error={toErr} hint="最后一个参加考核的年度；留空表示仍在考核">
        <input value={toText} onChange={(e) => setToText(e.target.value)} placeholder="留空" data-testid="target-to" />
      </Field>
      <Field label="类型">
        <select
          value={t.kind}
          onChange={(e) => setT({ ...t, kind: e.target.value as TargetKind })}
          data-testid="target-kind"
        >
          {TARGET_KINDS.map((k) => (
            <option key={k} value={k}>
              {TARGET_KIND_NAMES[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="所属医疗集团">
        <select
          value={t.group ?? ''}
          onChange={(e) => setT({ ...t, group: e.target.value || null })}
          data-testid="target-group"
        >
          <option value="">（无）</option>
          {groups
            .filter((g) => g.code !== t.code)
            .map((g) => (
              <option key={g.code} value={g.code}>
                {g.name}（{g.code}）
              </option>
            ))}
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

/** 停用: from which year on the target is no longer appraised, and why (记入操作日志). */
function RetireDialog({
  target,
  defaultYear,
  onCancel,
  onConfirm,
}: {
  target: Target;
  defaultYear: number;
  onCancel: () => void;
  onConfirm: (from: number, reason: string) => void;
}) {
  const [yearText_, setYearText] = useState(String(defaultYear));
  const [reason, setReason] = useState('');
  const from = yearText(yearText_);
  const yearErr =
    from == null
      ? '请填写 2000–2100 的年份'
      : target.from != null && from <= target.from
        ? `该对象自 ${target.from} 年起才参加考核，停用年度须晚于它`
        : null;
  const ok = !yearErr && !!reason.trim();
  return (
    <Dialog
      title={`停用 ${target.name}（${target.code}）`}
      onCancel={onCancel}
      canConfirm={ok}
      confirmText="停用"
      danger
      testId="retire-dialog"
      onConfirm={() => ok && from != null && onConfirm(from, reason.trim())}
    >
      <p className="note">
        停用后，该对象从所填年度起不再参加考核；此前各年度（以及已定稿的年度）的结果、年薪和报表保留不变。
      </p>
      <Field label="从哪一年度起不再考核" error={yearErr}>
        <input value={yearText_} onChange={(e) => setYearText(e.target.value)} data-testid="retire-year" />
      </Field>
      <Field label="原因" error={reason.trim() ? null : '必须填写原因'}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="retire-reason" />
      </Field>
    </Dialog>
  );
}
