import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { ImportOutcome, SalaryInput, SalaryLine } from '../../../shared/api/contract';
import { appraisedIn, type Target } from '../../../shared/domain/types';
import { dec } from '../../../shared/decimal';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { Dialog, Field } from '../components/Dialog';
import { Grid } from '../components/Grid';
import { ImportResultPanel } from '../components/IssueTable';
import { ReasonDialog } from '../components/ReasonDialog';
import { pickFile } from '../lib/files';
import { ExportFinanceButton } from '../components/ExportFinanceButton';
import { SchemePicker } from '../components/SchemePicker';
import { flagsText, readMoney } from '../lib/format';

const MONEY = { test: (s: string) => readMoney(s) !== null }; // "60,000" accepted as in imports (lib/format readMoney)

export function SalaryPage() {
  const app = useApp();
  const [inputs, setInputs] = useState<SalaryInput[]>([]);
  const [targets, setTargets] = useState<Target[]>([]);
  const [lines, setLines] = useState<SalaryLine[] | null>(null);
  const [editing, setEditing] = useState<{ input: SalaryInput; isNew: boolean } | null>(null);
  const [removing, setRemoving] = useState<SalaryInput | null>(null);
  const [importResult, setImportResult] = useState<ImportOutcome | null>(null);
  const [selected, setSelected] = useState<SalaryInput | null>(null);

  const load = useCallback(async () => {
    await app.run('正在读取年薪基础数据', async () => {
      const [ins, ts] = await Promise.all([api.listSalaryInputs({ year: app.year }), api.listTargets({})]);
      setInputs(ins);
      setTargets(ts);
    });
  }, [app.year]); // eslint-disable-line react-hooks/exhaustive-deps

  const active = usePageActive();
  useEffect(() => { if (active) void load(); }, [load, active]);
  useEffect(() => setLines(null), [app.year]);

  const targetName = useMemo(() => new Map(targets.map((t) => [t.code, t.name])), [targets]);

  const compute = async () => {
    const r = await app.run('正在核算年薪', () => api.computeSalary({ year: app.year }));
    if (r) setLines(r);
  };

  const importFile = async () => {
    const f = await pickFile('.xlsx');
    if (!f) return;
    const r = await app.run('正在导入年薪基础数据', async () => {
      try { return await api.importSalary({ year: app.year, file: f.payload }); } catch (e) {
        const x = e as { errors?: ImportOutcome['errors']; warnings?: ImportOutcome['warnings'] };
        if (Array.isArray(x.errors) && x.errors.length) return { importId: null, written: 0, errors: x.errors, warnings: x.warnings ?? [] };
        throw e;
      }
    });
    if (r) {
      setImportResult(r);
      if (!r.errors.length) app.notify(`已导入 ${r.written} 人的年薪基础数据`);
      await load();
    }
  };

  const inputCols = useMemo<ColDef<SalaryInput>[]>(() => [
    { field: 'person', headerName: '姓名', width: 100 },
    { field: 'role', headerName: '职务', width: 130 },
    { field: 'target', headerName: '单位', width: 190, valueFormatter: (p) => `${targetName.get(p.value) ?? ''}（${p.value}）` },
    { field: 'scheme', headerName: '考核方案', width: 100 },
    { field: 'base', headerName: '基本年薪', width: 110, type: 'rightAligned' },
    { field: 'performanceBase', headerName: '绩效年薪基数', width: 120, type: 'rightAligned' },
    { field: 'months', headerName: '任职月数', width: 90, type: 'rightAligned' },
    { field: 'cap', headerName: '年薪上限', flex: 1, type: 'rightAligned', valueFormatter: (p) => p.value ?? '按方案' },
  ], [targetName]);

  const lineCols = useMemo<ColDef<SalaryLine>[]>(() => [
    { field: 'person', headerName: '姓名', width: 90, pinned: 'left' },
    { field: 'role', headerName: '职务', width: 110 },
    { field: 'target', headerName: '单位', width: 150, valueFormatter: (p) => targetName.get(p.value) ?? p.value },
    { field: 'months', headerName: '月数', width: 65, type: 'rightAligned' },
    { field: 'base', headerName: '基本年薪', width: 100, type: 'rightAligned' },
    { field: 'performanceBase', headerName: '绩效基数', width: 100, type: 'rightAligned' },
    { field: 'k', headerName: '系数', width: 80, type: 'rightAligned' },
    { field: 'performancePay', headerName: '绩效年薪', width: 100, type: 'rightAligned' },
    { field: 'annual', headerName: '全年年薪', width: 105, type: 'rightAligned' },
    { field: 'pay', headerName: '应发', width: 105, type: 'rightAligned', cellClass: 'strong' },
    { field: 'payInWords', headerName: '大写', width: 230 },
    { colId: 'flags', headerName: '标记 / 问题', flex: 1, minWidth: 160, valueGetter: (p) => p.data?.error ?? flagsText(p.data?.flags), cellClass: (p) => (p.data?.error ? 'bad' : '') },
  ], [targetName]);

  const total = lines ? lines.filter((l) => !l.error && l.pay).reduce((s, l) => s.plus(l.pay), dec(0)).toFixed(2) : null;
  const failed = lines ? lines.filter((l) => l.error).length : 0;

  return (
    <div className="page page-fill" data-testid="salary-page">
      <div className="page-head">
        <h1>年薪核算</h1>
        <div className="toolbar">
          <button type="button" data-testid="salary-add"
            onClick={() => setEditing({ isNew: true, input: { person: '', role: '', target: '', scheme: app.schemes[0]?.code ?? '', base: '', performanceBase: '', months: 12, cap: null } })}>新增人员</button>
          <button type="button" disabled={!selected} onClick={() => selected && setEditing({ isNew: false, input: { ...selected } })} data-testid="salary-edit">编辑</button>
          <button type="button" disabled={!selected} onClick={() => selected && setRemoving(selected)}>删除</button>
          <button type="button" onClick={importFile} data-testid="salary-import">导入 Excel</button>
          <button type="button" className="primary" onClick={compute} data-testid="salary-compute">计算年薪</button>
        </div>
      </div>
      <div className="filters">
        <SchemePicker />
        <ExportFinanceButton />
        <span className="muted">财政报表按方案导出，含考核结果汇总、指标得分明细、年薪核算和资金分配。</span>
      </div>
      <p className="muted">年薪 = 基本年薪 + 绩效年薪基数 × 考核系数，超过上限按上限；按任职月数折算后四舍五入到分。被一票否决的对象系数为 0。</p>
      <ImportResultPanel result={importResult} onClose={() => setImportResult(null)} />
      <div className="stack">
        <Grid testId="salary-inputs" height={lines ? 190 : '100%'} rowData={inputs} columnDefs={inputCols}
          getRowId={(p) => `${p.data.person}\u0001${p.data.target}`}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
          onRowDoubleClicked={(e) => e.data && setEditing({ isNew: false, input: { ...e.data } })} />
        {lines && (
          <>
            <div className="row result-head">
              <strong>核算结果</strong>
              <span data-testid="salary-total">应发合计 {total} 元</span>
              {failed > 0 && <span className="bad">{failed} 人无法核算，见“标记 / 问题”列</span>}
            </div>
            <Grid testId="salary-lines" height="100%" rowData={lines} columnDefs={lineCols} getRowId={(p) => `${p.data.person}\u0001${p.data.target}`} />
          </>
        )}
      </div>
      {editing && (
        <SalaryDialog initial={editing.input} isNew={editing.isNew} targets={targets} schemes={app.schemes.map((s) => ({ code: s.code, name: s.name, kind: s.targetKind }))}
          onCancel={() => setEditing(null)}
          onSave={async (input) => {
            const ok = await app.run('正在保存', () => api.setSalaryInput({ year: app.year, input }).then(() => true));
            if (ok) { setEditing(null); app.notify(`已保存 ${input.person}`); await load(); setLines(null); }
          }} />
      )}
      {removing && (
        <ReasonDialog title={`删除 ${removing.person} 的年薪基础数据`} danger confirmText="删除" onCancel={() => setRemoving(null)}
          onConfirm={async (reason) => {
            const ok = await app.run('正在删除', () => api.removeSalaryInput({ year: app.year, person: removing.person, target: removing.target, reason }).then(() => true));
            setRemoving(null);
            if (ok) { setSelected(null); await load(); setLines(null); }
          }} />
      )}
    </div>
  );
}

function SalaryDialog({ initial, isNew, targets, schemes, onCancel, onSave }: {
  initial: SalaryInput; isNew: boolean; targets: Target[]; schemes: { code: string; name: string; kind: string }[];
  onCancel: () => void; onSave: (i: SalaryInput) => void;
}) {
  const [v, setV] = useState(initial);
  const [months, setMonths] = useState(String(initial.months));
  const [cap, setCap] = useState(initial.cap ?? '');
  const kind = schemes.find((s) => s.code === v.scheme)?.kind;
  const { year } = useApp();
  // Units appraised in this year (their years hold it).
  const choices = targets.filter((t) => appraisedIn(t, year) && (!kind || t.kind === kind));
  const m = Number(months);
  const errs = {
    person: v.person.trim() ? null : '请填写姓名',
    target: v.target ? null : '请选择单位',
    scheme: v.scheme ? null : '请选择考核方案',
    base: MONEY.test(v.base.trim()) ? null : '请填写金额（元，最多两位小数）',
    performanceBase: MONEY.test(v.performanceBase.trim()) ? null : '请填写金额（元，最多两位小数）',
    months: Number.isInteger(m) && m >= 1 && m <= 12 ? null : '1—12 的整数',
    cap: cap.trim() === '' || MONEY.test(cap.trim()) ? null : '请填写金额或留空',
  };
  const ok = Object.values(errs).every((e) => !e);
  return (
    <Dialog title={isNew ? '新增年薪人员' : `编辑 ${initial.person}`} onCancel={onCancel} canConfirm={ok} confirmText="保存" testId="salary-dialog"
      onConfirm={() => onSave({ ...v, person: v.person.trim(), role: v.role.trim(), base: v.base.trim(), performanceBase: v.performanceBase.trim(), months: m, cap: cap.trim() || null })}>
      <Field label="姓名" error={errs.person}><input value={v.person} disabled={!isNew} onChange={(e) => setV({ ...v, person: e.target.value })} data-testid="salary-person" /></Field>
      <Field label="职务"><input value={v.role} onChange={(e) => setV({ ...v, role: e.target.value })} placeholder="如：院长、党委书记" data-testid="salary-role" /></Field>
      <Field label="考核方案" error={errs.scheme}>
        <select value={v.scheme} onChange={(e) => setV({ ...v, scheme: e.target.value, target: '' })} data-testid="salary-scheme">
          <option value="">（请选择）</option>
          {schemes.map((s) => <option key={s.code} value={s.code}>{s.name}（{s.code}）</option>)}
        </select>
      </Field>
      <Field label="单位" error={errs.target}>
        <select value={v.target} disabled={!isNew} onChange={(e) => setV({ ...v, target: e.target.value })} data-testid="salary-target">
          <option value="">（请选择）</option>
          {choices.map((t) => <option key={t.code} value={t.code}>{t.name}（{t.code}）</option>)}
        </select>
      </Field>
      <Field label="基本年薪（元）" error={errs.base}><input value={v.base} onChange={(e) => setV({ ...v, base: e.target.value })} inputMode="decimal" data-testid="salary-base" /></Field>
      <Field label="绩效年薪基数（元）" error={errs.performanceBase}><input value={v.performanceBase} onChange={(e) => setV({ ...v, performanceBase: e.target.value })} inputMode="decimal" data-testid="salary-perf" /></Field>
      <Field label="任职月数" error={errs.months}><input value={months} onChange={(e) => setMonths(e.target.value)} inputMode="numeric" data-testid="salary-months" /></Field>
      <Field label="本人年薪上限（元）" error={errs.cap} hint="留空则按方案规定"><input value={cap} onChange={(e) => setCap(e.target.value)} inputMode="decimal" data-testid="salary-cap" /></Field>
    </Dialog>
  );
}
