import type { ResultUseReport } from '../../../../shared/api/contract';
import { flagsText } from '../../lib/format';
import { feedCells, kindName, termYears, termYearText } from './model';

/** 任免提示: each consequence a result has this year, with the document it quotes. */
export function AppointmentTable({ report }: { report: ResultUseReport | null }) {
  return (
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
              <td>{kindName(r.kind)}</td>
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
  );
}

/** 各方案考核结果的用途: what each scheme's results feed this year. */
export function FeedsTable({ report }: { report: ResultUseReport | null }) {
  return (
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
          {(report?.feeds ?? []).map((f) => {
            const c = feedCells(f);
            return (
              <tr key={f.scheme}>
                <td>{c.scheme}</td>
                <td>{c.kind}</td>
                <td className="num">{c.salaryLines}</td>
                <td className="num">{c.payTotals}</td>
                <td className="num">{c.allocation}</td>
                <td className="num">{c.appointmentFlags}</td>
                <td>{c.locked}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** 医疗集团任期考核: every group's term, one column a year, its average, failures and flags. */
export function TermsTable({ report }: { report: ResultUseReport | null }) {
  return (
    <section className="panel">
      <h2>
        医疗集团任期考核（{report?.termFrom}–{report?.termTo} 年）
      </h2>
      <table className="table compact" data-testid="uses-terms">
        <thead>
          <tr>
            <th>方案</th>
            <th>医疗集团</th>
            {termYears(report).map((y) => (
              <th key={y}>{y} 年</th>
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
                <td key={y.year}>{termYearText(y) ?? <span className="muted">无结果</span>}</td>
              ))}
              <td className="num strong">{t.average ?? '—'}</td>
              <td className="num">{t.failYears}</td>
              <td className={t.flags.includes('TERM_FAIL') ? 'bad' : 'muted'}>{flagsText(t.flags)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
