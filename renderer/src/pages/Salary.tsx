import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { ImportOutcome, SalaryInput, SalaryLine, TermReport } from '../../../shared/api/contract';
import { COUNTY_FINANCE, comparePayers, payerTotals } from '../../../shared/finance/payer';
import { appraisedIn, type Target } from '../../../shared/domain/types';
import { dec } from '../../../shared/decimal';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { CodeSelect } from '../components/CodeSelect';
import { Dialog, Field } from '../components/Dialog';
import { Grid } from '../components/Grid';
import { ImportResultPanel } from '../components/IssueTable';
import { ReasonDialog } from '../components/ReasonDialog';
import { pickFile } from '../lib/files';
import { ExportFinanceButton } from '../components/ExportFinanceButton';
import { SchemePicker } from '../components/SchemePicker';
import { flagsText, readMoney } from '../lib/format';

const MONEY = { test: (s: string) => readMoney(s) !== null }; // "60,000" accepted as in imports (lib/format readMoney)

type InputRow = SalaryInput & { unit: string; payerText: string };
/** The stored input of a grid row (without the shown names). */
const toInput = ({ unit: _u, payerText: _p, ...i }: InputRow): SalaryInput => i;

export function SalaryPage() {
  const app = useApp();
  const [inputs, setInputs] = useState<SalaryInput[]>([]);
  const [targets, setTargets] = useState<Target[]>([]);
  const [lines, setLines] = useState<SalaryLine[] | null>(null);
  const [editing, setEditing] = useState<{ input: SalaryInput; isNew: boolean } | null>(null);
  const [removing, setRemoving] = useState<SalaryInput | null>(null);
  const [importResult, setImportResult] = useState<ImportOutcome | null>(null);
  const [selected, setSelected] = useState<SalaryInput | null>(null);
  /** True when the inputs changed after the lines shown were computed (结果已过期). */
  const [stale, setStale] = useState(false);
  const [terms, setTerms] = useState<Map<string, TermReport>>(new Map());

  const compute = useCallback(async () => {
    const r = await app.run('正在核算年薪', async () => {
      const [ls, ts] = await Promise.all([api.computeSalary({ year: app.year }), api.getTermSettings()]);
      // The groups' term results (任期目标考核) beside their leaders' lines.
      const groups = [
        ...new Map(ls.filter((l) => l.payer === COUNTY_FINANCE).map((l) => [`${l.scheme}/${l.target}`, l])).values(),
      ];
      const found = new Map<string, TermReport>();
      await Promise.all(
        groups.map(async (l) => {
          try {
            found.set(
              `${l.scheme}/${l.target}`,
              await api.termAppraisal({
                scheme: l.scheme,
                target: l.target,
                from: app.year - ts.years + 1,
                to: app.year,
              }),
            );
          } catch {
            /* no term without a scheme history */
          }
        }),
      );
      return { ls, found };
    });
    if (r) {
      setLines(r.ls);
      setTerms(r.found);
      setStale(false);
    }
  }, [app.year]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year

  // What is stored is shown on every visit: the inputs, the targets' names and the lines computed from them.
  const load = useCallback(async () => {
    await app.run('正在读取年薪基础数据', async () => {
      const [ins, ts] = await Promise.all([
        api.listSalaryInputs({ year: app.year }),
        api.listTargets({ includeInactive: true }),
      ]);
      setInputs(ins);
      setTargets(ts);
    });
  }, [app.year]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year

  const active = usePageActive();
  useEffect(() => {
    if (active) void load().then(() => compute());
  }, [load, compute, active]);
  useEffect(() => {
    setLines(null);
    setStale(false);
  }, [app.year]);

  const targetName = useMemo(() => new Map(targets.map((t) => [t.code, t.name])), [targets]);
  const targetKind = useMemo(() => new Map(targets.map((t) => [t.code, t.kind])), [targets]);
  const groups = useMemo(() => targets.filter((t) => t.kind === 'medical_group'), [targets]);
  const payerName = useCallback(
    (p: string | null | undefined) => (!p ? '' : p === COUNTY_FINANCE ? COUNTY_FINANCE : `${targetName.get(p) ?? p}`),
    [targetName],
  );
  /** Inputs changed: reload them, mark the lines shown as out of date. */
  const changed = async () => {
    await load();
    setStale(true);
  };

  const importFile = async () => {
    const f = await pickFile('.xlsx');
    if (!f) return;
    const r = await app.run('正在导入年薪基础数据', async () => {
      try {
        return await api.importSalary({ year: app.year, file: f.payload });
      } catch (e) {
        const x = e as { errors?: ImportOutcome['errors']; warnings?: ImportOutcome['warnings'] };
        if (Array.isArray(x.errors) && x.errors.length)
          return { importId: null, written: 0, errors: x.errors, warnings: x.warnings ?? [] };
        throw e;
      }
    });
    if (r) {
      setImportResult(r);
      if (!r.errors.length) app.notify(`已导入 ${r.written} 人的年薪基础数据`);
      if (!r.errors.length) await changed();
      else await load();
    }
  };

  const inputCols = useMemo<ColDef<InputRow>[]>(
    () => [
      { field: 'person', headerName: '姓名', width: 100 },
      { field: 'role', headerName: '职务', width: 130 },
      { colId: 'target', field: 'unit', headerName: '单位', width: 190 },
      { field: 'scheme', headerName: '考核方案', width: 100 },
      { colId: 'payer', field: 'payerText', headerName: '发放主体', width: 150 },
      { field: 'base', headerName: '基本年薪', width: 110, type: 'rightAligned' },
      { field: 'performanceBase', headerName: '绩效年薪基数', width: 120, type: 'rightAligned' },
      { field: 'months', headerName: '任职月数', width: 90, type: 'rightAligned' },
      {
        field: 'cap',
        headerName: '年薪上限',
        flex: 1,
        type: 'rightAligned',
        valueFormatter: (p) => p.value ?? '按方案',
      },
    ],
    [],
  );
  // Names travel in the rows: a grid redraws changed row data, not cells whose formatter changed.
  const inputRows = useMemo<InputRow[]>(
    () =>
      inputs.map((i) => ({
        ...i,
        unit: `${targetName.get(i.target) ?? ''}（${i.target}）`,
        payerText: i.payer ? payerName(i.payer) : '（默认）',
      })),
    [inputs, targetName, payerName],
  );

  const total = lines
    ? lines
        .filter((l) => !l.error && l.pay)
        .reduce((s, l) => s.plus(l.pay), dec(0))
        .toFixed(2)
    : null;
  const failed = lines ? lines.filter((l) => l.error).length : 0;

  return (
    <div className="page page-fill" data-testid="salary-page">
      <div className="page-head">
        <h1>年薪核算</h1>
        <div className="toolbar">
          <button
            type="button"
            data-testid="salary-add"
            onClick={() =>
              setEditing({
                isNew: true,
                input: {
                  person: '',
                  role: '',
                  target: '',
                  scheme: app.schemes[0]?.code ?? '',
                  base: '',
                  performanceBase: '',
                  months: 12,
                  cap: null,
                },
              })
            }
          >
            新增人员
          </button>
          <button
            type="button"
            disabled={!selected}
            onClick={() => selected && setEditing({ isNew: false, input: { ...selected } })}
            data-testid="salary-edit"
          >
            编辑
          </button>
          <button type="button" disabled={!selected} onClick={() => selected && setRemoving(selected)}>
            删除
          </button>
          <button type="button" onClick={importFile} data-testid="salary-import">
            导入 Excel
          </button>
          <button type="button" className="primary" onClick={() => void compute()} data-testid="salary-compute">
            计算年薪
          </button>
        </div>
      </div>
      <div className="filters">
        <SchemePicker />
        <ExportFinanceButton />
        <span className="muted">财政报表按方案导出，含考核结果汇总、指标得分明细、年薪核算和资金分配。</span>
      </div>
      <p className="muted">
        年薪 = 基本年薪 + 绩效年薪基数 × 考核系数，超过上限按上限；按任职月数折算后四舍五入到分。被一票否决的对象系数为
        0。 发放主体（运政办发〔2019〕3号
        第7条）：医疗集团书记、院长由县财政发放，成员单位负责人由医疗集团发放；村医岗位补助（偏政发〔2024〕12号，每月
        1000 元）由所属医疗集团发放。
      </p>
      <ImportResultPanel result={importResult} onClose={() => setImportResult(null)} />
      <div className="stack">
        <Grid
          testId="salary-inputs"
          height={lines ? 190 : '100%'}
          rowData={inputRows}
          columnDefs={inputCols}
          getRowId={(p) => `${p.data.person}\u0001${p.data.target}`}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e) => {
            const r = e.api.getSelectedRows()[0];
            setSelected(r ? toInput(r) : null);
          }}
          onRowDoubleClicked={(e) => e.data && setEditing({ isNew: false, input: toInput(e.data) })}
        />
        {lines && (
          <>
            <div className="row result-head">
              <strong>核算结果</strong>
              <span data-testid="salary-total">应发合计 {total} 元</span>
              {failed > 0 && <span className="bad">{failed} 人无法核算，见“标记 / 问题”列</span>}
              {stale && (
                <span className="bad" data-testid="salary-stale">
                  年薪基础数据已修改，以下结果已过期，请点“计算年薪”重新核算
                </span>
              )}
            </div>
            <div
              className={`scroll salary-lines${stale ? ' stale' : ''}`}
              data-testid="salary-lines"
              style={{ flex: 1, minHeight: 0, opacity: stale ? 0.6 : 1 }}
            >
              <SalaryLinesTable
                lines={lines}
                targetName={targetName}
                targetKind={targetKind}
                payerName={payerName}
                terms={terms}
              />
            </div>
          </>
        )}
      </div>
      {editing && (
        <SalaryDialog
          initial={editing.input}
          isNew={editing.isNew}
          targets={targets}
          groups={groups}
          schemes={app.schemes.map((s) => ({ code: s.code, name: s.name, kind: s.targetKind }))}
          onCancel={() => setEditing(null)}
          onSave={async (input) => {
            const ok = await app.run('正在保存', () => api.setSalaryInput({ year: app.year, input }).then(() => true));
            if (ok) {
              setEditing(null);
              app.notify(`已保存 ${input.person}`);
              await changed();
            }
          }}
        />
      )}
      {removing && (
        <ReasonDialog
          title={`删除 ${removing.person} 的年薪基础数据`}
          danger
          confirmText="删除"
          onCancel={() => setRemoving(null)}
          onConfirm={async (reason) => {
            const ok = await app.run('正在删除', () =>
              api
                .removeSalaryInput({ year: app.year, person: removing.person, target: removing.target, reason })
                .then(() => true),
            );
            setRemoving(null);
            if (ok) {
              setSelected(null);
              await changed();
            }
          }}
        />
      )}
    </div>
  );
}

function SalaryDialog({
  initial,
  isNew,
  targets,
  groups,
  schemes,
  onCancel,
  onSave,
}: {
  initial: SalaryInput;
  isNew: boolean;
  targets: Target[];
  groups: Target[];
  schemes: { code: string; name: string; kind: string }[];
  onCancel: () => void;
  onSave: (i: SalaryInput) => void;
}) {
  const [v, setV] = useState(initial);
  const [months, setMonths] = useState(String(initial.months));
  const [cap, setCap] = useState(initial.cap ?? '');
  const [payer, setPayer] = useState(initial.payer ?? '');
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
    <Dialog
      title={isNew ? '新增年薪人员' : `编辑 ${initial.person}`}
      onCancel={onCancel}
      canConfirm={ok}
      confirmText="保存"
      testId="salary-dialog"
      onConfirm={() =>
        onSave({
          ...v,
          person: v.person.trim(),
          role: v.role.trim(),
          base: v.base.trim(),
          performanceBase: v.performanceBase.trim(),
          months: m,
          cap: cap.trim() || null,
          payer: payer || null,
        })
      }
    >
      <Field label="姓名" error={errs.person}>
        <input
          value={v.person}
          disabled={!isNew}
          onChange={(e) => setV({ ...v, person: e.target.value })}
          data-testid="salary-person"
        />
      </Field>
      <Field label="职务">
        <input
          value={v.role}
          onChange={(e) => setV({ ...v, role: e.target.value })}
          placeholder="如：院长、党委书记"
          data-testid="salary-role"
        />
      </Field>
      <Field label="考核方案" error={errs.scheme}>
        <CodeSelect
          value={v.scheme}
          options={schemes}
          onChange={(scheme) => setV({ ...v, scheme, target: '' })}
          testId="salary-scheme"
        />
      </Field>
      <Field label="单位" error={errs.target}>
        <CodeSelect
          value={v.target}
          disabled={!isNew}
          options={choices}
          onChange={(target) => setV({ ...v, target })}
          testId="salary-target"
        />
      </Field>
      <Field label="基本年薪（元）" error={errs.base}>
        <input
          value={v.base}
          onChange={(e) => setV({ ...v, base: e.target.value })}
          inputMode="decimal"
          data-testid="salary-base"
        />
      </Field>
      <Field label="绩效年薪基数（元）" error={errs.performanceBase}>
        <input
          value={v.performanceBase}
          onChange={(e) => setV({ ...v, performanceBase: e.target.value })}
          inputMode="decimal"
          data-testid="salary-perf"
        />
      </Field>
      <Field label="任职月数" error={errs.months}>
        <input
          value={months}
          onChange={(e) => setMonths(e.target.value)}
          inputMode="numeric"
          data-testid="salary-months"
        />
      </Field>
      <Field label="本人年薪上限（元）" error={errs.cap} hint="留空则按方案规定">
        <input value={cap} onChange={(e) => setCap(e.target.value)} inputMode="decimal" data-testid="salary-cap" />
      </Field>
      <Field label="发放主体" hint="默认：医疗集团书记、院长由县财政发放，成员单位负责人由所属医疗集团发放">
        <select value={payer} onChange={(e) => setPayer(e.target.value)} data-testid="salary-payer">
          <option value="">（默认）</option>
          <option value={COUNTY_FINANCE}>{COUNTY_FINANCE}</option>
          {groups.map((g) => (
            <option key={g.code} value={g.code}>
              {g.name}（{g.code}）
            </option>
          ))}
        </select>
      </Field>
    </Dialog>
  );
}

/** The lines grouped by payer (发放主体), each group with its subtotal in figures and capital figures. */
function SalaryLinesTable({
  lines,
  targetName,
  targetKind,
  payerName,
  terms,
}: {
  lines: SalaryLine[];
  targetName: Map<string, string>;
  targetKind: Map<string, string>;
  payerName: (p: string | null | undefined) => string;
  terms: Map<string, TermReport>;
}) {
  const totals = new Map(payerTotals(lines).map((t) => [t.payer, t]));
  const payers = [...new Set(lines.map((l) => l.payer ?? COUNTY_FINANCE))].sort(comparePayers);
  return (
    <table className="table compact" data-testid="salary-lines-table">
      <thead>
        <tr>
          <th>姓名</th>
          <th>职务</th>
          <th>单位</th>
          <th>月数</th>
          <th>基本年薪</th>
          <th>绩效基数</th>
          <th>系数</th>
          <th>绩效年薪</th>
          <th>全年年薪</th>
          <th>应发</th>
          <th>大写</th>
          <th>标记 / 问题</th>
          <th>任期考核</th>
        </tr>
      </thead>
      {payers.map((p) => {
        const own = lines.filter((l) => (l.payer ?? COUNTY_FINANCE) === p);
        const t = totals.get(p);
        return (
          <tbody key={p} data-testid={`salary-payer-${p}`}>
            <tr className="group-row">
              <td colSpan={13}>
                发放主体：{payerName(p)}（{own.length} 人）
              </td>
            </tr>
            {own.map((l) => {
              const term =
                targetKind.get(l.target) === 'medical_group' ? terms.get(`${l.scheme}/${l.target}`) : undefined;
              return (
                <tr key={`${l.person}\u0001${l.target}`}>
                  <td>{l.person}</td>
                  <td>{l.role}</td>
                  <td>{targetName.get(l.target) ?? l.target}</td>
                  <td className="num">{l.months}</td>
                  <td className="num">{l.base}</td>
                  <td className="num">{l.performanceBase}</td>
                  <td className="num">{l.k}</td>
                  <td className="num">{l.performancePay}</td>
                  <td className="num">{l.annual}</td>
                  <td className="num strong">{l.pay}</td>
                  <td>{l.payInWords}</td>
                  <td className={l.error ? 'bad' : ''}>{l.error ?? flagsText(l.flags)}</td>
                  <td
                    className={term?.flags.includes('TERM_FAIL') ? 'bad' : ''}
                    data-testid={term ? `salary-term-${l.target}` : undefined}
                  >
                    {term
                      ? `${term.from}–${term.to} 年均 ${term.average ?? '—'}，不合格 ${term.failYears} 次${term.flags.length ? `（${flagsText(term.flags)}）` : ''}`
                      : ''}
                  </td>
                </tr>
              );
            })}
            <tr className="subtotal-row strong" data-testid={`salary-subtotal-${p}`}>
              <td colSpan={9}>{payerName(p)} 小计</td>
              <td className="num">{t?.total ?? '0.00'}</td>
              <td colSpan={3}>{t?.totalInWords ?? '零元整'}</td>
            </tr>
          </tbody>
        );
      })}
    </table>
  );
}
