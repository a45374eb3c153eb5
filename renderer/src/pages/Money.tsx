/**
 * 总量与结余: a group's 绩效工资总量 (运政办发〔2019〕3号 第7条, 第24条) and its 医保结余 split (第20条),
 * per group and year — inputs stored and audited, results from the group scheme's appraisal.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PayTotalInputRow, PayTotalReport, SurplusRecord } from '../../../shared/api/contract';
import type { Target } from '../../../shared/domain/types';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { CodeSelect } from '../components/CodeSelect';
import { Field } from '../components/Dialog';
import { downloadPayload } from '../lib/files';
import { flagsText } from '../lib/format';

const MONEY = /^\d+(\.\d{1,2})?$/;
const RATIO2 = /^\s*\d+(\.\d+)?\s*[:：]\s*\d+(\.\d+)?\s*$/;
const RATIO3 = /^\s*\d+(\.\d+)?\s*[:：]\s*\d+(\.\d+)?\s*[:：]\s*\d+(\.\d+)?\s*$/;

export function MoneyPage() {
  const app = useApp();
  const groupSchemes = useMemo(() => app.schemes.filter((s) => s.targetKind === 'medical_group'), [app.schemes]);
  const [scheme, setScheme] = useState('');
  const code = scheme || groupSchemes[0]?.code || '';
  const locked = groupSchemes.some((s) => s.state === 'locked');
  const [groups, setGroups] = useState<Target[]>([]);
  const [inputs, setInputs] = useState<PayTotalInputRow[]>([]);
  const [report, setReport] = useState<PayTotalReport | null>(null);
  const [reportError, setReportError] = useState<string | null>(null);
  const [surplus, setSurplus] = useState<SurplusRecord[]>([]);

  const load = useCallback(async () => {
    await app.run('正在读取绩效工资总量与医保结余', async () => {
      const [gs, pts, sp] = await Promise.all([
        api.listTargets({ kind: 'medical_group' }),
        api.listPayTotals({ year: app.year }),
        api.listSurplus({ year: app.year }),
      ]);
      setGroups(gs);
      setInputs(pts);
      setSurplus(sp);
      if (code && pts.length > 0) {
        try {
          setReport(await api.computePayTotals({ year: app.year, scheme: code }));
          setReportError(null);
        } catch (e) {
          setReport(null);
          setReportError((e as Error).message);
        }
      } else {
        setReport(null);
        setReportError(null);
      }
    });
  }, [app.year, code]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme

  const active = usePageActive();
  useEffect(() => {
    if (active) void load();
  }, [load, active]);

  const exportWorkbook = async () => {
    if (!code) return;
    const p = await app.run('正在生成财政报表', () => api.exportResults({ year: app.year, scheme: code }));
    if (p) {
      downloadPayload(p);
      app.notify(`已导出 ${p.fileName}`);
    }
  };

  return (
    <div className="page" data-testid="money-page">
      <div className="page-head">
        <h1>绩效工资总量与医保结余</h1>
        <label>
          考核医疗集团的方案{' '}
          <select value={code} onChange={(e) => setScheme(e.target.value)} data-testid="money-scheme">
            {groupSchemes.length === 0 && <option value="">（本年度没有考核医疗集团的方案）</option>}
            {groupSchemes.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}（{s.code}）
              </option>
            ))}
          </select>
        </label>
        <div className="toolbar">
          <button type="button" onClick={exportWorkbook} disabled={!code} data-testid="money-export">
            导出财政报表（含本页两张表）
          </button>
        </div>
      </div>
      {locked && (
        <p className="bad">
          本年度考核医疗集团的方案已定稿：绩效工资总量和医保结余分配不能再修改（解除定稿须说明原因）。
        </p>
      )}

      <section className="panel" data-testid="paytotal-section">
        <h2>绩效工资总量</h2>
        <p className="muted">
          运政办发〔2019〕3号 第7条：医疗集团绩效工资总量控制在当地无收入全额拨款事业单位绩效工资总量的 5
          倍以内；第24条：签约服务费不纳入绩效工资总量。 核定总量 = min(申报总量 × 考核系数, 倍数 ×
          基准)，考核系数按方案的年薪规则由集团的考核得分计算（一票否决为 0）；可分配总额 = 核定总量 +
          不纳入总量的项目。
        </p>
        <PayTotalForm groups={groups} inputs={inputs} disabled={locked} onSaved={load} />
        {reportError && (
          <p className="bad" data-testid="paytotal-error">
            {reportError}
          </p>
        )}
        <table className="table compact" data-testid="paytotal-table">
          <thead>
            <tr>
              <th>医疗集团</th>
              <th>申报总量</th>
              <th>基准</th>
              <th>倍数</th>
              <th>上限</th>
              <th>考核系数</th>
              <th>申报×系数</th>
              <th>核定总量</th>
              <th>签约服务费等</th>
              <th>可分配总额</th>
              <th>标记</th>
            </tr>
          </thead>
          <tbody>
            {(report?.groups ?? []).map((g) => (
              <tr key={g.target} data-testid={`paytotal-${g.target}`}>
                <td>
                  {g.name}（{g.target}）
                </td>
                <td className="num">{g.proposed}</td>
                <td className="num">{g.benchmark}</td>
                <td className="num">{g.multiple}</td>
                <td className="num">{g.cap}</td>
                <td className="num">{g.k}</td>
                <td className="num">{g.adjusted}</td>
                <td className="num strong">{g.approved}</td>
                <td className="num">{g.excluded}</td>
                <td className="num strong">{g.available}</td>
                <td className={g.flags.length ? 'bad' : ''}>{flagsText(g.flags)}</td>
              </tr>
            ))}
            {!report &&
              inputs.map((p) => (
                <tr key={p.target}>
                  <td>
                    {p.name}（{p.target}）
                  </td>
                  <td className="num">{p.proposed}</td>
                  <td className="num">{p.benchmark}</td>
                  <td className="num">{p.multiple}</td>
                  <td colSpan={7} className="muted">
                    未核定
                  </td>
                </tr>
              ))}
            {inputs.length === 0 && (
              <tr>
                <td colSpan={11} className="muted">
                  本年度尚未录入
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>

      <section className="panel" data-testid="surplus-section">
        <h2>医保结余资金分配</h2>
        <p className="muted">
          运政办发〔2019〕3号 第20条：结余资金 40% 用于业务发展，60%
          用于提高医务人员待遇；按人头打包付费的，结余资金按县乡村 6:3:1 分配（各级所得再按 40:60
          分）。各部分分到分，尾差按最大余数法，合计等于结余资金。
        </p>
        <SurplusForm groups={groups} disabled={locked} onSaved={load} />
        <table className="table compact" data-testid="surplus-table">
          <thead>
            <tr>
              <th>医疗集团</th>
              <th>结余资金</th>
              <th>比例</th>
              <th>业务发展</th>
              <th>人员薪酬</th>
              <th>县级（发展/薪酬）</th>
              <th>乡级（发展/薪酬）</th>
              <th>村级（发展/薪酬）</th>
              <th>原因</th>
            </tr>
          </thead>
          <tbody>
            {surplus.map((r) => (
              <tr key={r.target} data-testid={`surplus-${r.target}`}>
                <td>
                  {r.name}（{r.target}）
                </td>
                <td className="num strong">{r.amount}</td>
                <td>
                  {r.split.join(':')}
                  {r.tierRatio ? `；${r.tierRatio.join(':')}` : ''}
                </td>
                <td className="num">{r.development}</td>
                <td className="num">{r.staff}</td>
                {r.tiers ? (
                  [r.tiers.county, r.tiers.township, r.tiers.village].map((t, i) => (
                    <td key={i} className="num">
                      {t.amount}（{t.development}/{t.staff}）
                    </td>
                  ))
                ) : (
                  <td colSpan={3} className="muted">
                    未按人头打包付费
                  </td>
                )}
                <td className="small">{r.reason}</td>
              </tr>
            ))}
            {surplus.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  本年度尚未分配
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function PayTotalForm({
  groups,
  inputs,
  disabled,
  onSaved,
}: {
  groups: Target[];
  inputs: PayTotalInputRow[];
  disabled: boolean;
  onSaved: () => Promise<void>;
}) {
  const app = useApp();
  const [target, setTarget] = useState('');
  const [proposed, setProposed] = useState('');
  const [benchmark, setBenchmark] = useState('');
  const [multiple, setMultiple] = useState('5');
  const [excluded, setExcluded] = useState('0');
  const [reason, setReason] = useState('');
  // Choosing a group shows what is stored for it.
  useEffect(() => {
    const p = inputs.find((x) => x.target === target);
    if (p) {
      setProposed(p.proposed);
      setBenchmark(p.benchmark);
      setMultiple(p.multiple);
      setExcluded(p.excluded);
    }
  }, [target, inputs]);
  const errs = {
    target: target ? null : '请选择医疗集团',
    proposed: MONEY.test(proposed.trim()) ? null : '请填写金额（元，最多两位小数）',
    benchmark: MONEY.test(benchmark.trim()) ? null : '请填写金额（元，最多两位小数）',
    multiple: /^\d+(\.\d+)?$/.test(multiple.trim()) && Number(multiple) > 0 ? null : '大于 0 的数',
    excluded: MONEY.test(excluded.trim()) ? null : '请填写金额（可为 0）',
    reason: reason.trim() ? null : '请填写原因',
  };
  const ok = Object.values(errs).every((e) => !e) && !disabled;
  const save = async () => {
    const r = await app.run('正在保存绩效工资总量', () =>
      api.setPayTotal({
        year: app.year,
        target,
        proposed: proposed.trim(),
        benchmark: benchmark.trim(),
        multiple: multiple.trim(),
        excluded: excluded.trim(),
        reason: reason.trim(),
      }),
    );
    if (r) {
      app.notify(`已保存 ${r.name} 的绩效工资总量`);
      setReason('');
      await onSaved();
    }
  };
  return (
    <div className="form-row" data-testid="paytotal-form">
      <Field label="医疗集团" error={target ? null : undefined}>
        <CodeSelect value={target} options={groups} onChange={setTarget} testId="paytotal-target" />
      </Field>
      <Field label="申报总量（元）" error={proposed ? errs.proposed : null}>
        <input
          value={proposed}
          onChange={(e) => setProposed(e.target.value)}
          inputMode="decimal"
          data-testid="paytotal-proposed"
        />
      </Field>
      <Field label="基准（元）" hint="当地无收入全额拨款事业单位绩效工资总量" error={benchmark ? errs.benchmark : null}>
        <input
          value={benchmark}
          onChange={(e) => setBenchmark(e.target.value)}
          inputMode="decimal"
          data-testid="paytotal-benchmark"
        />
      </Field>
      <Field label="倍数" error={errs.multiple}>
        <input
          value={multiple}
          onChange={(e) => setMultiple(e.target.value)}
          style={{ width: 60 }}
          data-testid="paytotal-multiple"
        />
      </Field>
      <Field label="不纳入总量（元）" hint="签约服务费等" error={errs.excluded}>
        <input
          value={excluded}
          onChange={(e) => setExcluded(e.target.value)}
          inputMode="decimal"
          data-testid="paytotal-excluded"
        />
      </Field>
      <Field label="原因">
        <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="paytotal-reason" />
      </Field>
      <button type="button" className="primary" disabled={!ok} onClick={() => void save()} data-testid="paytotal-save">
        保存并核定
      </button>
    </div>
  );
}

function SurplusForm({
  groups,
  disabled,
  onSaved,
}: {
  groups: Target[];
  disabled: boolean;
  onSaved: () => Promise<void>;
}) {
  const app = useApp();
  const [target, setTarget] = useState('');
  const [amount, setAmount] = useState('');
  const [split, setSplit] = useState('40:60');
  const [perCapita, setPerCapita] = useState(false);
  const [tiers, setTiers] = useState('6:3:1');
  const [reason, setReason] = useState('');
  const errs = {
    target: target ? null : '请选择医疗集团',
    amount: MONEY.test(amount.trim()) ? null : '请填写金额（元，最多两位小数）',
    split: RATIO2.test(split) && split.split(/[:：]/).some((x) => Number(x) > 0) ? null : '如 40:60，合计须大于 0',
    tiers:
      !perCapita || (RATIO3.test(tiers) && tiers.split(/[:：]/).some((x) => Number(x) > 0))
        ? null
        : '如 6:3:1，合计须大于 0',
    reason: reason.trim() ? null : '请填写原因',
  };
  const ok = Object.values(errs).every((e) => !e) && !disabled;
  const save = async () => {
    const r = await app.run('正在分配医保结余', () =>
      api.splitSurplus({
        year: app.year,
        target,
        amount: amount.trim(),
        split: split.trim(),
        ...(perCapita ? { tiers: tiers.trim() } : {}),
        reason: reason.trim(),
      }),
    );
    if (r) {
      app.notify(`已保存 ${r.name} 的医保结余分配`);
      setReason('');
      await onSaved();
    }
  };
  return (
    <div className="form-row" data-testid="surplus-form">
      <Field label="医疗集团">
        <CodeSelect value={target} options={groups} onChange={setTarget} testId="surplus-target" />
      </Field>
      <Field label="结余资金（元）" error={amount ? errs.amount : null}>
        <input
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          inputMode="decimal"
          data-testid="surplus-amount"
        />
      </Field>
      <Field label="发展:薪酬" error={errs.split}>
        <input
          value={split}
          onChange={(e) => setSplit(e.target.value)}
          style={{ width: 70 }}
          data-testid="surplus-split"
        />
      </Field>
      <label>
        <input
          type="checkbox"
          checked={perCapita}
          onChange={(e) => setPerCapita(e.target.checked)}
          data-testid="surplus-per-capita"
        />{' '}
        按人头打包付费（县:乡:村）
      </label>
      {perCapita && (
        <Field label="县:乡:村" error={errs.tiers}>
          <input
            value={tiers}
            onChange={(e) => setTiers(e.target.value)}
            style={{ width: 70 }}
            data-testid="surplus-tiers"
          />
        </Field>
      )}
      <Field label="原因">
        <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="surplus-reason" />
      </Field>
      <button type="button" className="primary" disabled={!ok} onClick={() => void save()} data-testid="surplus-save">
        分配并保存
      </button>
    </div>
  );
}
