import { useEffect, useMemo, useRef, useState } from 'react';
import type { Allocation } from '../../../shared/api/contract';
import type { Scheme, SchemeResult } from '../../../shared/domain/types';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { ExportFinanceButton } from '../components/ExportFinanceButton';
import { Field } from '../components/Dialog';
import { SchemePicker } from '../components/SchemePicker';
import { DEFAULT_GRADES, gradeColour } from '../lib/format';

const MONEY = /^\d+(\.\d{1,2})?$/;
const FACTOR = /^\d+(\.\d+)?$/;

export function FundPage() {
  const app = useApp();
  const code = app.schemeCode;
  const [scheme, setScheme] = useState<Scheme | null>(null);
  const [result, setResult] = useState<SchemeResult | null>(null);
  const [amount, setAmount] = useState('');
  const [excluded, setExcluded] = useState<string[]>([]);
  const [factors, setFactors] = useState<Record<string, string>>({});
  const [alloc, setAlloc] = useState<Allocation | null>(null);

  const fresh = useRef(true);
  // A new scheme or year starts a fresh form …
  useEffect(() => {
    setAlloc(null);
    setFactors({});
    setExcluded([]);
    setScheme(null);
    fresh.current = true;
  }, [code, app.year]);

  // … and the results are read again each time the page is shown.
  const active = usePageActive();
  useEffect(() => {
    if (!code || !active) return;
    void app.run('正在读取考核结果', async () => {
      const [s, r] = await Promise.all([api.getScheme({ year: app.year, scheme: code }), api.score({ year: app.year, scheme: code })]);
      if (fresh.current) {
        // Default: the last band takes no part.
        const grades = s.grades?.length ? s.grades : DEFAULT_GRADES;
        setExcluded([grades[grades.length - 1]!.name]);
        fresh.current = false;
      }
      setScheme(s);
      setResult(r);
    });
  }, [code, app.year, active]); // eslint-disable-line react-hooks/exhaustive-deps

  const grades = scheme?.grades?.length ? scheme.grades : DEFAULT_GRADES;
  const badFactors = useMemo(() => Object.entries(factors).filter(([, f]) => !FACTOR.test(f.trim())).map(([t]) => t), [factors]);
  const amountErr = !amount.trim() ? '请填写资金总额' : MONEY.test(amount.trim()) && Number(amount) > 0 ? null : '请填写大于 0 的金额（元，最多两位小数）';
  const ok = !!code && !amountErr && badFactors.length === 0;

  const run = async () => {
    if (!ok || !code) return;
    const f = Object.fromEntries(Object.entries(factors).filter(([, v]) => v.trim() !== '' && v.trim() !== '1').map(([k, v]) => [k, v.trim()]));
    const r = await app.run('正在分配资金', () => api.allocate({
      year: app.year, scheme: code, amount: amount.trim(), factors: Object.keys(f).length ? f : undefined, excludeGrades: excluded,
    }));
    if (r) setAlloc(r);
  };

  return (
    <div className="page page-fill" data-testid="fund-page">
      <div className="page-head">
        <h1>资金分配</h1>
        <SchemePicker />
        <div className="toolbar"><ExportFinanceButton /></div>
      </div>
      <p className="muted">按考核总分 × 分配系数（如服务人口、床位，默认 1）分配资金；所列等次和一票否决的对象不参加分配；分到分，尾差按最大余数法调整，合计等于资金总额。</p>
      <div className="fund">
        <div className="fund-form">
          <Field label="资金总额（元）" error={amount ? amountErr : null}>
            <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" data-testid="fund-amount"
              onKeyDown={(e) => { if (e.key === 'Enter') void run(); }} />
          </Field>
          <fieldset className="radio-group">
            <legend>不参加分配的等次</legend>
            {grades.map((g) => (
              <label key={g.name}>
                <input type="checkbox" checked={excluded.includes(g.name)} data-testid={`fund-exclude-${g.name}`}
                  onChange={(e) => setExcluded(e.target.checked ? [...excluded, g.name] : excluded.filter((x) => x !== g.name))} /> {g.name}
              </label>
            ))}
          </fieldset>
          <button type="button" className="primary" onClick={run} disabled={!ok} data-testid="fund-run">计算分配</button>
          {alloc && (
            <div className="panel" data-testid="fund-summary">
              合计 <strong>{alloc.sum}</strong> 元 / 资金总额 {alloc.amount} 元，{alloc.parts.filter((p) => p.amount !== '0.00').length} 个对象参加分配。
            </div>
          )}
        </div>
        <div className="fund-table scroll">
          <table className="table compact" data-testid="fund-table">
            <thead><tr><th>名次</th><th>对象</th><th>总分</th><th>等次</th><th>分配系数</th><th>分得金额（元）</th></tr></thead>
            <tbody>
              {(result?.results ?? []).map((r) => {
                const part = alloc?.parts.find((p) => p.target === r.target);
                const out = excluded.includes(r.grade) || !!r.veto;
                return (
                  <tr key={r.target} className={out ? 'muted' : ''}>
                    <td className="num">{r.rank}</td>
                    <td>{r.name}</td>
                    <td className="num">{r.total}</td>
                    <td style={{ color: gradeColour(r.grade, grades) }}>{r.grade}{r.veto ? '（否决）' : ''}</td>
                    <td>
                      <input value={factors[r.target] ?? '1'} style={{ width: 70 }} disabled={out}
                        className={badFactors.includes(r.target) ? 'invalid' : ''}
                        onChange={(e) => setFactors({ ...factors, [r.target]: e.target.value })} />
                    </td>
                    <td className="num strong">{part ? part.amount : out ? '不参加' : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
