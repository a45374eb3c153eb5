/**
 * 考核结果运用: for the year, the consequences the documents name (连续不合格 on a village clinic,
 * quoting 运政办发〔2019〕3号 第22条; 任期内多次不合格 on a group) and what each scheme's results feed
 * (年薪, 绩效工资总量, 资金分配, 任免), exportable; the term settings (county practice) are set here.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResultUseReport, TermSettings } from '../../../shared/api/contract';
import { TARGET_KIND_NAMES, type TargetKind } from '../../../shared/domain/types';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { Field } from '../components/Dialog';
import { downloadPayload } from '../lib/files';
import { flagsText } from '../lib/format';

export function ResultUsesPage() {
  const app = useApp();
  const [report, setReport] = useState<ResultUseReport | null>(null);
  const [settings, setSettings] = useState<TermSettings | null>(null);
  const [failLimit, setFailLimit] = useState('2');
  const [years, setYears] = useState('3');

  const load = useCallback(async () => {
    await app.run('正在汇总考核结果运用', async () => {
      const [r, ts] = await Promise.all([api.resultUses({ year: app.year }), api.getTermSettings()]);
      setReport(r);
      setSettings(ts);
      setFailLimit(String(ts.failLimit));
      setYears(String(ts.years));
    });
  }, [app.year]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year

  const active = usePageActive();
  useEffect(() => {
    if (active) void load();
  }, [load, active]);

  const exportWorkbook = async () => {
    const p = await app.run('正在导出考核结果运用', () => api.exportResultUses({ year: app.year }));
    if (p) {
      downloadPayload(p);
      app.notify(`已导出 ${p.fileName}`);
    }
  };
  const fl = Number(failLimit);
  const ty = Number(years);
  const settingsOk = Number.isInteger(fl) && fl >= 1 && fl <= 50 && Number.isInteger(ty) && ty >= 1 && ty <= 10;
  const saveSettings = async () => {
    const r = await app.run('正在保存任期设置', () =>
      api.saveTermSettings({ failLimit: fl, years: ty, reason: '考核结果运用页修改任期设置' }),
    );
    if (r) {
      app.notify('已保存任期设置');
      await load();
    }
  };
  const kind = (k: string) => TARGET_KIND_NAMES[k as TargetKind] ?? k;

  return (
    <div className="page" data-testid="uses-page">
      <div className="page-head">
        <h1>考核结果运用（{app.year} 年度）</h1>
        <div className="toolbar">
          <button type="button" onClick={exportWorkbook} data-testid="uses-export">
            导出 Excel
          </button>
        </div>
      </div>
      <p className="muted">
        考核结果用于：年薪（运政办发〔2019〕3号 第7条，汴政办〔2019〕74号
        四(四)）、绩效工资总量（第7条、第24条）、资金分配（第35条）、医保结余分配（第20条），并作为人事任免的重要依据（汴政办〔2019〕74号
        三(一)、四(七)；村卫生室见第22条）。
      </p>

      <section className="panel">
        <h2>任免提示</h2>
        <table className="table compact" data-testid="uses-rows">
          <thead>
            <tr>
              <th>方案</th>
              <th>对象</th>
              <th>类型</th>
              <th>总分</th>
              <th>等级</th>
              <th>标记</th>
              <th>后果</th>
              <th>依据</th>
            </tr>
          </thead>
          <tbody>
            {(report?.rows ?? []).map((r) => (
              <tr key={`${r.scheme}/${r.target}/${r.flags.join()}`} data-testid={`uses-${r.target}`}>
                <td>
                  {r.schemeName}（{r.scheme}）
                </td>
                <td>
                  {r.name}（{r.target}）
                </td>
                <td>{kind(r.kind)}</td>
                <td className="num">{r.total ?? ''}</td>
                <td>{r.grade ?? ''}</td>
                <td className="bad">{flagsText(r.flags)}</td>
                <td>{r.consequence}</td>
                <td className="small">{r.source}</td>
              </tr>
            ))}
            {report && report.rows.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  本年度没有连续不合格或任期内多次不合格的对象
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {(report?.problems ?? []).map((p) => (
          <p key={p} className="bad small">
            {p}
          </p>
        ))}
      </section>

      <section className="panel">
        <h2>各方案考核结果的用途</h2>
        <table className="table compact" data-testid="uses-feeds">
          <thead>
            <tr>
              <th>方案</th>
              <th>考核对象</th>
              <th>年薪（人）</th>
              <th>绩效工资总量（集团）</th>
              <th>资金分配（元）</th>
              <th>任免提示</th>
              <th>定稿</th>
            </tr>
          </thead>
          <tbody>
            {(report?.feeds ?? []).map((f) => (
              <tr key={f.scheme}>
                <td>
                  {f.schemeName}（{f.scheme}）
                </td>
                <td>{kind(f.targetKind)}</td>
                <td className="num">{f.salaryLines || '—'}</td>
                <td className="num">{f.targetKind === 'medical_group' ? f.payTotals : '—'}</td>
                <td className="num">{f.allocation ?? '未分配'}</td>
                <td className="num">{f.appointmentFlags || '—'}</td>
                <td>{f.locked ? '已定稿' : '未定稿'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel">
        <h2>
          医疗集团任期考核（{report?.termFrom}–{report?.termTo} 年）
        </h2>
        <table className="table compact" data-testid="uses-terms">
          <thead>
            <tr>
              <th>方案</th>
              <th>医疗集团</th>
              {report &&
                Array.from({ length: report.termTo - report.termFrom + 1 }, (_, i) => (
                  <th key={i}>{report.termFrom + i} 年</th>
                ))}
              <th>平均</th>
              <th>不合格</th>
              <th>标记</th>
            </tr>
          </thead>
          <tbody>
            {(report?.terms ?? []).map((t) => (
              <tr key={`${t.scheme}/${t.target}`} data-testid={`uses-term-${t.target}`}>
                <td>{t.scheme}</td>
                <td>
                  {t.name}（{t.target}）
                </td>
                {t.years.map((y) => (
                  <td key={y.year}>
                    {y.total === null ? <span className="muted">无结果</span> : `${y.total} ${y.grade} 第${y.rank}名`}
                  </td>
                ))}
                <td className="num strong">{t.average ?? '—'}</td>
                <td className="num">{t.failYears}</td>
                <td className={t.flags.includes('TERM_FAIL') ? 'bad' : 'muted'}>{flagsText(t.flags)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel" data-testid="term-settings">
        <h2>任期目标考核设置（本县做法）</h2>
        <p className="muted">
          汴政办〔2019〕74号
          要求建立年度考核和任期目标考核制度，文件未规定任期内几次不合格的后果；下面的次数是本县的做法（默认：任期内两次考核不合格提请免职），可按本县规定修改。
          {settings
            ? ` 当前：任期 ${settings.years} 年（${report?.termFrom ?? ''}–${report?.termTo ?? ''}），不合格 ${settings.failLimit} 次提示。`
            : ''}
        </p>
        <div className="form-row">
          <Field label="任期年数">
            <input
              value={years}
              onChange={(e) => setYears(e.target.value)}
              style={{ width: 60 }}
              data-testid="term-years"
            />
          </Field>
          <Field label="任期内不合格次数达到">
            <input
              value={failLimit}
              onChange={(e) => setFailLimit(e.target.value)}
              style={{ width: 60 }}
              data-testid="term-fail-limit"
            />
          </Field>
          <button type="button" disabled={!settingsOk} onClick={() => void saveSettings()} data-testid="term-save">
            保存设置
          </button>
        </div>
      </section>
    </div>
  );
}
