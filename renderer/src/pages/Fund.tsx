import { useEffect, useMemo, useRef, useState } from 'react';
import type { StoredAllocation } from '../../../shared/api/contract';
import type { Scheme, SchemeResult } from '../../../shared/domain/types';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { ExportFinanceButton } from '../components/ExportFinanceButton';
import { Field } from '../components/Dialog';
import { SchemePicker } from '../components/SchemePicker';
import { DEFAULT_GRADES } from '../../../shared/scheme/validate';
import { formatMoney, formatTime, gradeColour, readMoney, readNumber } from '../lib/format';

/** A factor as typed: a number ≥ 0 ("1,200" too), blank meaning 1. */
const factorOk = (t: string) => t.trim() === '' || (readNumber(t) ?? -1) >= 0;
/** The factors to send: blank and 1 left out, separators removed. */
function factorsToSend(factors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(factors)
      .filter(([, v]) => v.trim() !== '' && readNumber(v) !== 1)
      .map(([k, v]) => [k, String(readNumber(v))]),
  );
}
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

export function FundPage() {
  const app = useApp();
  const code = app.schemeCode;
  const [scheme, setScheme] = useState<Scheme | null>(null);
  const [result, setResult] = useState<SchemeResult | null>(null);
  const [amount, setAmount] = useState('');
  const [excluded, setExcluded] = useState<string[]>([]);
  const [factors, setFactors] = useState<Record<string, string>>({});
  // The allocation as stored (read again on every visit), with why it is out of date if it is.
  const [alloc, setAlloc] = useState<StoredAllocation | null>(null);

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
      const [s, r, stored] = await Promise.all([
        api.getScheme({ year: app.year, scheme: code }),
        api.score({ year: app.year, scheme: code }),
        api.getAllocation({ year: app.year, scheme: code }),
      ]);
      if (fresh.current) {
        if (stored) {
          // The form starts from what the stored allocation was made with.
          setAmount(stored.amount);
          setExcluded(stored.excludedGrades);
          setFactors(stored.factors ?? {});
        } else {
          // Default: the last band takes no part.
          const grades = s.grades?.length ? s.grades : DEFAULT_GRADES;
          setExcluded([grades[grades.length - 1]!.name]);
        }
        fresh.current = false;
      }
      setScheme(s);
      setResult(r);
      setAlloc(stored);
    });
  }, [code, app.year, active]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme

  const grades = scheme?.grades?.length ? scheme.grades : DEFAULT_GRADES;
  const badFactors = useMemo(
    () =>
      Object.entries(factors)
        .filter(([, f]) => !factorOk(f))
        .map(([t]) => t),
    [factors],
  );
  const money = readMoney(amount);
  const amountErr = !amount.trim()
    ? '请填写资金总额'
    : money !== null && Number(money) > 0
      ? null
      : '请填写大于 0 的金额（元，最多两位小数）';
  const ok = !!code && !amountErr && badFactors.length === 0;
  // The form no longer says what the stored allocation was made with (amount, grades, factors).
  const formChanged = useMemo(() => {
    if (!alloc) return false;
    if (money === null || Number(money) !== Number(alloc.amount)) return true;
    if (!sameSet(excluded, alloc.excludedGrades)) return true;
    return (
      JSON.stringify(Object.entries(factorsToSend(factors)).sort()) !==
      JSON.stringify(Object.entries(factorsToSend(alloc.factors ?? {})).sort())
    );
  }, [alloc, money, excluded, factors]);
  const outOfDate = !!alloc && (alloc.outdated.length > 0 || formChanged);

  const run = async () => {
    if (!ok || !code || money === null) return;
    const f = factorsToSend(factors);
    const r = await app.run('正在分配资金', async () => {
      await api.allocate({
        year: app.year,
        scheme: code,
        amount: money,
        factors: Object.keys(f).length ? f : undefined,
        excludeGrades: excluded,
      });
      return api.getAllocation({ year: app.year, scheme: code });
    });
    if (r) setAlloc(r);
  };

  return (
    <div className="page page-fill" data-testid="fund-page">
      <div className="page-head">
        <h1>资金分配</h1>
        <SchemePicker />
        <div className="toolbar">
          <ExportFinanceButton />
        </div>
      </div>
      <p className="muted">
        按考核总分 × 分配系数（如服务人口、床位，默认
        1）分配资金；所列等次和一票否决的对象不参加分配；分到分，尾差按最大余数法调整，合计等于资金总额。
      </p>
      <div className="fund">
        <div className="fund-form">
          <Field label="资金总额（元）" error={amount ? amountErr : null}>
            <input
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              inputMode="decimal"
              data-testid="fund-amount"
              onKeyDown={(e) => {
                if (e.key === 'Enter') void run();
              }}
            />
          </Field>
          <fieldset className="radio-group">
            <legend>不参加分配的等次</legend>
            {grades.map((g) => (
              <label key={g.name}>
                <input
                  type="checkbox"
                  checked={excluded.includes(g.name)}
                  data-testid={`fund-exclude-${g.name}`}
                  onChange={(e) =>
                    setExcluded(e.target.checked ? [...excluded, g.name] : excluded.filter((x) => x !== g.name))
                  }
                />{' '}
                {g.name}
              </label>
            ))}
          </fieldset>
          <button type="button" className="primary" onClick={run} disabled={!ok} data-testid="fund-run">
            计算分配
          </button>
          {alloc && (
            <div className="panel" data-testid="fund-summary">
              {outOfDate ? '上次保存的分配' : '已保存的分配'}（{formatTime(alloc.at)}，{alloc.who}）：合计{' '}
              <strong>{formatMoney(alloc.sum)}</strong> 元 / 资金总额 {formatMoney(alloc.amount)} 元，
              {alloc.parts.filter((p) => p.amount !== '0.00').length} 个对象参加分配。
            </div>
          )}
          {alloc && outOfDate && (
            <div className="note warn" role="status" data-testid="fund-outdated">
              <strong>分配已过期</strong>：{alloc.outdated.length > 0 ? '分配之后考核结果已变化' : '分配条件已修改'}
              ，下表金额为上次保存的结果，请点“计算分配”重新分配。
              {alloc.outdated.length > 0 && (
                <ul>
                  {alloc.outdated.slice(0, 5).map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                  {alloc.outdated.length > 5 && <li>……共 {alloc.outdated.length} 处变化</li>}
                </ul>
              )}
            </div>
          )}
        </div>
        <div className="fund-table scroll">
          <table className="table compact" data-testid="fund-table">
            <thead>
              <tr>
                <th>名次</th>
                <th>对象</th>
                <th>总分</th>
                <th>等次</th>
                <th>分配系数</th>
                <th>分得金额（元）</th>
              </tr>
            </thead>
            <tbody>
              {(result?.results ?? []).map((r) => {
                const part = alloc?.parts.find((p) => p.target === r.target);
                const out = excluded.includes(r.grade) || !!r.veto;
                return (
                  <tr key={r.target} className={out ? 'muted' : ''}>
                    <td className="num">{r.rank}</td>
                    <td>{r.name}</td>
                    <td className="num">{r.total}</td>
                    <td style={{ color: gradeColour(r.grade, grades) }}>
                      {r.grade}
                      {r.veto ? '（否决）' : ''}
                    </td>
                    <td>
                      <input
                        value={factors[r.target] ?? '1'}
                        style={{ width: 70 }}
                        disabled={out}
                        className={badFactors.includes(r.target) ? 'invalid' : ''}
                        onChange={(e) => setFactors({ ...factors, [r.target]: e.target.value })}
                      />
                    </td>
                    <td className={`num strong${outOfDate ? ' muted' : ''}`} data-testid={`fund-amount-${r.target}`}>
                      {part ? formatMoney(part.amount) : out ? '不参加' : ''}
                    </td>
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
