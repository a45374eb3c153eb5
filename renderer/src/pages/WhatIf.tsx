import type { GradeBand, IndicatorNode, Scheme, SchemeResult } from '../../../shared/domain/types';
import { gradeColour } from '../lib/format';
import { moveShown, type CompareRow, type WeightCheck } from './what-if/model';
import { useWhatIf } from './what-if/useWhatIf';

function WeightsTable(p: {
  leaves: IndicatorNode[];
  texts: Record<string, string>;
  check: WeightCheck;
  setText(code: string, text: string): void;
  tryIt(): void;
}) {
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th>指标</th>
          <th>现分值</th>
          <th>试算分值</th>
        </tr>
      </thead>
      <tbody>
        {p.leaves.map((l) => (
          <tr key={l.code} className={p.check.changed.includes(l) ? 'changed' : ''}>
            <td>
              {l.code} {l.name}
            </td>
            <td className="num">{l.weight}</td>
            <td>
              <input
                value={p.texts[l.code]}
                style={{ width: 70 }}
                aria-invalid={p.check.bad.includes(l.code)}
                className={p.check.bad.includes(l.code) ? 'invalid' : ''}
                onChange={(e) => p.setText(l.code, e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') p.tryIt();
                }}
                data-testid={`whatif-w-${l.code}`}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CompareTable({ rows, grades }: { rows: CompareRow[]; grades: GradeBand[] | undefined }) {
  return (
    <table className="table compact" data-testid="whatif-table">
      <thead>
        <tr>
          <th>对象</th>
          <th>现总分</th>
          <th>现名次</th>
          <th>现等次</th>
          <th>试算总分</th>
          <th>试算名次</th>
          <th>试算等次</th>
          <th>名次变化</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ after: n, before: c, move, gradeChanged }) => {
          const shown = moveShown(move);
          return (
            <tr key={n.target} className={gradeChanged ? 'changed' : ''}>
              <td>{n.name}</td>
              <td className="num">{c?.total}</td>
              <td className="num">{c?.rank}</td>
              <td style={{ color: gradeColour(c?.grade ?? '', grades) }}>{c?.grade}</td>
              <td className="num strong">{n.total}</td>
              <td className="num strong">{n.rank}</td>
              <td style={{ color: gradeColour(n.grade, grades), fontWeight: 600 }}>{n.grade}</td>
              <td className={shown.className}>{shown.text}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Change leaf weights and compare ranks and grades with the current ones; nothing is saved. */
export function WhatIfPanel({ scheme, result }: { scheme: Scheme; result: SchemeResult }) {
  const w = useWhatIf(scheme, result);
  const { sum, bad } = w.check;
  const tryIt = () => void w.tryIt();
  return (
    <div className="whatif" data-testid="whatif">
      <div className="whatif-left">
        <div className="note">
          在此调整指标分值，试算新的名次和等次。<strong>试算不保存任何内容</strong>；要正式修改请到“指标体系”。
        </div>
        <div className="scroll whatif-weights">
          <WeightsTable leaves={w.leaves} texts={w.texts} check={w.check} setText={w.setText} tryIt={tryIt} />
        </div>
        <div className="row">
          <span className={sum && sum.eq(result.fullScore) ? 'ok' : 'bad'} data-testid="whatif-sum">
            合计 {sum ? sum.toFixed() : '—'} / 满分 {result.fullScore}
          </span>
          <button type="button" className="primary" onClick={tryIt} disabled={bad.length > 0} data-testid="whatif-run">
            试算
          </button>
          <button type="button" onClick={w.reset}>
            恢复
          </button>
        </div>
      </div>
      <div className="whatif-right scroll">
        {!w.after && <div className="muted pad">修改左侧分值后按“试算”（或回车）。</div>}
        {w.after && <CompareTable rows={w.compare} grades={scheme.grades} />}
      </div>
    </div>
  );
}
