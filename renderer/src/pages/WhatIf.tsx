import { useMemo, useState } from 'react';
import type { Scheme, SchemeResult } from '../../../shared/domain/types';
import { dec } from '../../../shared/decimal';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { gradeColour, readNumber } from '../lib/format';
import { leaves as schemeLeaves } from '../../../shared/scheme/validate';

/** Change leaf weights and compare ranks and grades with the current ones; nothing is saved. */
export function WhatIfPanel({ scheme, result }: { scheme: Scheme; result: SchemeResult }) {
  const app = useApp();
  const leaves = useMemo(() => schemeLeaves(scheme).filter((l) => l.method?.type !== 'monitor'), [scheme]);
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(leaves.map((l) => [l.code, String(l.weight ?? 0)])),
  );
  const [after, setAfter] = useState<SchemeResult | null>(null);

  const weightOf = (t: string) => readNumber(t);
  const bad = Object.entries(texts)
    .filter(([, t]) => {
      const n = weightOf(t);
      return n == null || n < 0;
    })
    .map(([c]) => c);
  const sum = bad.length ? null : leaves.reduce((s, l) => s.plus(weightOf(texts[l.code]!)!), dec(0));
  const changed = leaves.filter((l) => !bad.includes(l.code) && weightOf(texts[l.code]!) !== (l.weight ?? 0));

  const tryIt = async () => {
    if (bad.length) return;
    const weights = Object.fromEntries(changed.map((l) => [l.code, weightOf(texts[l.code]!)!]));
    const r = await app.run('正在试算', () => api.whatIf({ year: app.year, scheme: scheme.code, weights }));
    if (r) setAfter(r);
  };

  const compare = useMemo(() => {
    if (!after) return [];
    const now = new Map(result.results.map((r) => [r.target, r]));
    return after.results.map((n) => ({ n, c: now.get(n.target) }));
  }, [after, result]);

  return (
    <div className="whatif" data-testid="whatif">
      <div className="whatif-left">
        <div className="note">
          在此调整指标分值，试算新的名次和等次。<strong>试算不保存任何内容</strong>；要正式修改请到“指标体系”。
        </div>
        <div className="scroll whatif-weights">
          <table className="table compact">
            <thead>
              <tr>
                <th>指标</th>
                <th>现分值</th>
                <th>试算分值</th>
              </tr>
            </thead>
            <tbody>
              {leaves.map((l) => (
                <tr key={l.code} className={changed.includes(l) ? 'changed' : ''}>
                  <td>
                    {l.code} {l.name}
                  </td>
                  <td className="num">{l.weight}</td>
                  <td>
                    <input
                      value={texts[l.code]}
                      style={{ width: 70 }}
                      aria-invalid={bad.includes(l.code)}
                      className={bad.includes(l.code) ? 'invalid' : ''}
                      onChange={(e) => setTexts({ ...texts, [l.code]: e.target.value })}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') void tryIt();
                      }}
                      data-testid={`whatif-w-${l.code}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="row">
          <span className={sum && sum.eq(result.fullScore) ? 'ok' : 'bad'} data-testid="whatif-sum">
            合计 {sum ? sum.toFixed() : '—'} / 满分 {result.fullScore}
          </span>
          <button type="button" className="primary" onClick={tryIt} disabled={bad.length > 0} data-testid="whatif-run">
            试算
          </button>
          <button
            type="button"
            onClick={() => {
              setTexts(Object.fromEntries(leaves.map((l) => [l.code, String(l.weight ?? 0)])));
              setAfter(null);
            }}
          >
            恢复
          </button>
        </div>
      </div>
      <div className="whatif-right scroll">
        {!after && <div className="muted pad">修改左侧分值后按“试算”（或回车）。</div>}
        {after && (
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
              {compare.map(({ n, c }) => {
                const move = c ? c.rank - n.rank : 0;
                return (
                  <tr key={n.target} className={c && c.grade !== n.grade ? 'changed' : ''}>
                    <td>{n.name}</td>
                    <td className="num">{c?.total}</td>
                    <td className="num">{c?.rank}</td>
                    <td style={{ color: gradeColour(c?.grade ?? '', scheme.grades) }}>{c?.grade}</td>
                    <td className="num strong">{n.total}</td>
                    <td className="num strong">{n.rank}</td>
                    <td style={{ color: gradeColour(n.grade, scheme.grades), fontWeight: 600 }}>{n.grade}</td>
                    <td className={move > 0 ? 'ok' : move < 0 ? 'bad' : 'muted'}>
                      {move > 0 ? `↑${move}` : move < 0 ? `↓${-move}` : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
