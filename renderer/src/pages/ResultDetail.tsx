import { useEffect, useMemo, useState } from 'react';
import type { AdjustmentRow, TermReport } from '../../../shared/api/contract';
import type { IndicatorNode, Scheme, SchemeResult, TargetResult } from '../../../shared/domain/types';
import { dec } from '../../../shared/decimal';
import { api } from '../api/transport';
import { Chart, type ChartOption } from '../components/Chart';
import { flagsText, formatTime, gradeColour, targetValueText, valueText } from '../lib/format';

function ratio(score: string, weight: string): number {
  const w = dec(weight || '0');
  return w.isZero()
    ? 0
    : Number(
        dec(score || '0')
          .div(w)
          .times(100)
          .toDecimalPlaces(1)
          .toFixed(),
      );
}

/** One target's page: dimension subtotals, each indicator's value, target, score and trace. */
export function TargetDetail({
  scheme,
  result,
  target: r,
  adjustments,
  lockReason,
  onBack,
  onAdjust,
  onVeto,
  onRemoveVeto,
  onRemoveAdjustment,
}: {
  /** Why changes are refused (a locked scheme), or null. */
  lockReason: string | null;
  scheme: Scheme;
  result: SchemeResult;
  target: TargetResult;
  adjustments: AdjustmentRow[];
  onBack: () => void;
  onAdjust: () => void;
  onVeto: () => void;
  onRemoveVeto: () => void;
  onRemoveAdjustment: (a: AdjustmentRow) => void;
}) {
  const [traceOf, setTraceOf] = useState<string | null>(null);
  const [history, setHistory] = useState<{ year: number; grade: string; total: string }[] | null>(null);

  useEffect(() => {
    let alive = true;
    api.gradeHistory({ target: r.target, scheme: scheme.code }).then(
      (h) => alive && setHistory(h),
      () => alive && setHistory([]),
    );
    return () => {
      alive = false;
    };
  }, [r.target, scheme.code]);

  // 任期目标考核 (汴政办〔2019〕74号 四(七)): the term of the county's settings, ending this year.
  const [term, setTerm] = useState<TermReport | null>(null);
  useEffect(() => {
    let alive = true;
    void (async () => {
      try {
        const ts = await api.getTermSettings();
        const t = await api.termAppraisal({
          scheme: scheme.code,
          target: r.target,
          from: result.year - ts.years + 1,
          to: result.year,
        });
        if (alive) setTerm(t);
      } catch {
        if (alive) setTerm(null);
      }
    })();
    return () => {
      alive = false;
    };
  }, [r.target, scheme.code, result.year]);

  // Rows: dimensions as headers, then their leaves (depth-first).
  const rows = useMemo(() => {
    const out: { node: IndicatorNode; depth: number; leaf: boolean; dim: string }[] = [];
    const walk = (ns: IndicatorNode[], depth: number, dim: string) =>
      ns.forEach((n) => {
        out.push({ node: n, depth, leaf: !n.children, dim });
        if (n.children) walk(n.children, depth + 1, dim);
      });
    scheme.indicators.forEach((d) => walk([d], 0, d.code));
    return out;
  }, [scheme]);

  const radar = useMemo<ChartOption>(() => {
    const dims = scheme.indicators;
    const avg = dims.map((d) => {
      const xs = result.results.map((x) =>
        ratio(x.dimensions[d.code]?.score ?? '0', x.dimensions[d.code]?.applicableWeight ?? '0'),
      );
      return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : 0;
    });
    return {
      tooltip: {},
      legend: { bottom: 0, data: [r.name, '全部对象平均'] },
      radar: {
        indicator: dims.map((d) => ({ name: d.name.length > 8 ? `${d.name.slice(0, 8)}…` : d.name, max: 100 })),
        radius: '62%',
      },
      series: [
        {
          type: 'radar',
          data: [
            {
              name: r.name,
              value: dims.map((d) =>
                ratio(r.dimensions[d.code]?.score ?? '0', r.dimensions[d.code]?.applicableWeight ?? '0'),
              ),
            },
            { name: '全部对象平均', value: avg },
          ],
        },
      ],
    };
  }, [scheme, result, r]);

  const traced = traceOf ? r.indicators[traceOf] : null;
  const tracedNode = traceOf ? rows.find((x) => x.node.code === traceOf)?.node : null;

  return (
    <div className="detail" data-testid="target-detail">
      <div className="page-head">
        <button type="button" onClick={onBack} data-testid="detail-back">
          ← 返回排名
        </button>
        <h1>
          {r.name}
          <span className="muted">（{r.target}）</span>
        </h1>
        <div className="toolbar">
          <button
            type="button"
            onClick={onAdjust}
            disabled={!!lockReason}
            title={lockReason ?? undefined}
            data-testid="detail-adjust"
          >
            加分 / 减分
          </button>
          {r.veto ? (
            <button type="button" onClick={onRemoveVeto} disabled={!!lockReason} title={lockReason ?? undefined}>
              撤销一票否决
            </button>
          ) : (
            <button
              type="button"
              onClick={onVeto}
              disabled={!!lockReason}
              title={lockReason ?? undefined}
              data-testid="detail-veto"
            >
              一票否决
            </button>
          )}
        </div>
      </div>
      <div className="score-head">
        <div className="big-score" data-testid="detail-total">
          {r.total}
          <span className="muted"> / {result.fullScore}</span>
        </div>
        <span
          className="grade-badge"
          style={{ background: gradeColour(r.grade, scheme.grades) }}
          data-testid="detail-grade"
        >
          {r.grade}
        </span>
        <span>
          第 {r.rank} 名 / 共 {result.results.length} 个
        </span>
        <span>
          基础分 {r.base}　加分 {r.bonus}　减分 {r.deduction}
        </span>
        {r.bonusClaimed && (
          <span className="warn-text" data-testid="detail-bonus-capped">
            加分已封顶：记录的加分合计 {r.bonusClaimed} 分，超过方案上限 {scheme.bonusCap} 分，按 {r.bonus} 分计入总分
          </span>
        )}
        {r.veto && (
          <span className="bad" data-testid="detail-veto-reason">
            一票否决：{r.veto}
          </span>
        )}
        {r.flags.length > 0 && (
          <span className="flags" data-testid="detail-flags">
            {flagsText(r.flags)}
          </span>
        )}
      </div>
      <div className="detail-grid">
        <div className="detail-left">
          <table className="table compact" data-testid="dimension-table">
            <thead>
              <tr>
                <th>一级指标</th>
                <th>得分</th>
                <th>适用分值</th>
              </tr>
            </thead>
            <tbody>
              {scheme.indicators.map((d) => (
                <tr key={d.code}>
                  <td>
                    {d.code} {d.name}
                  </td>
                  <td className="num">{r.dimensions[d.code]?.score ?? ''}</td>
                  <td className="num">{r.dimensions[d.code]?.applicableWeight ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Chart option={radar} height={230} testId="radar-chart" />
          <div className="subhead">历年等次</div>
          <table className="table compact" data-testid="grade-history">
            <tbody>
              {(history ?? []).map((h) => (
                <tr key={h.year}>
                  <td>{h.year} 年</td>
                  <td className="num">{h.total}</td>
                  <td style={{ color: gradeColour(h.grade, scheme.grades) }}>{h.grade}</td>
                </tr>
              ))}
              {history && history.length === 0 && (
                <tr>
                  <td className="muted">无往年记录</td>
                </tr>
              )}
            </tbody>
          </table>
          {term && (
            <>
              <div className="subhead">
                任期考核（{term.from}–{term.to} 年）
              </div>
              <table className="table compact" data-testid="term-table">
                <tbody>
                  {term.years.map((y) => (
                    <tr key={y.year}>
                      <td>{y.year} 年</td>
                      <td className="num">{y.total ?? '无结果'}</td>
                      <td style={y.grade ? { color: gradeColour(y.grade, scheme.grades) } : undefined}>
                        {y.grade ?? ''}
                      </td>
                      <td className="num">{y.rank ? `第 ${y.rank} 名` : ''}</td>
                    </tr>
                  ))}
                  <tr>
                    <td>平均</td>
                    <td className="num strong">{term.average ?? '—'}</td>
                    <td colSpan={2}>不合格 {term.failYears} 次</td>
                  </tr>
                </tbody>
              </table>
              {term.flags.length > 0 && (
                <div
                  className={term.flags.includes('TERM_FAIL') ? 'bad small' : 'muted small'}
                  data-testid="term-flags"
                >
                  {flagsText(term.flags)}
                  {term.flags.includes('TERM_FAIL')
                    ? `（任期内不合格达 ${term.failLimit} 次，本县做法：提请调整主要负责人）`
                    : ''}
                </div>
              )}
            </>
          )}
          {adjustments.length > 0 && (
            <>
              <div className="subhead">加减分</div>
              <ul className="plain">
                {adjustments.map((a) => (
                  <li key={a.id}>
                    {a.kind === 'bonus' ? '加' : '减'} {a.points} 分：{a.reason}{' '}
                    <span className="muted small">{formatTime(a.createdAt)}</span>{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => onRemoveAdjustment(a)}
                      disabled={!!lockReason}
                      title={lockReason ?? undefined}
                    >
                      撤销
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div className="detail-right">
          <div className="scroll indicator-scroll">
            <table className="table compact" data-testid="indicator-table">
              <thead>
                <tr>
                  <th>指标</th>
                  <th>填报值</th>
                  <th>目标</th>
                  <th>分值</th>
                  <th>得分</th>
                  <th>标记</th>
                  <th>计算过程</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ node, depth, leaf }) => {
                  if (!leaf) {
                    const d = r.dimensions[node.code];
                    return (
                      <tr key={node.code} className="group-row">
                        <td colSpan={7} style={{ paddingLeft: 6 + depth * 14 }}>
                          {node.code} {node.name}
                          {d ? `　小计 ${d.score} / ${d.applicableWeight}` : ''}
                        </td>
                      </tr>
                    );
                  }
                  const ir = r.indicators[node.code];
                  return (
                    <tr
                      key={node.code}
                      className={traceOf === node.code ? 'selected' : ''}
                      data-testid={`ind-${node.code}`}
                    >
                      <td style={{ paddingLeft: 6 + depth * 14 }}>
                        {node.code} {node.name}
                      </td>
                      <td className="num">
                        {ir ? (
                          ir.value.kind === 'missing' ? (
                            <span className="missing-text">缺报</span>
                          ) : ir.value.kind === 'na' ? (
                            <span className="na-text">不适用</span>
                          ) : (
                            valueText(ir.value)
                          )
                        ) : (
                          ''
                        )}
                        {ir && ir.value.kind === 'number' ? (node.unit ?? '') : ''}
                      </td>
                      <td className="num">{targetValueText(node)}</td>
                      <td className="num">{ir?.weight ?? node.weight}</td>
                      <td className="num strong">{ir?.score ?? '—'}</td>
                      <td>{flagsText(ir?.flags)}</td>
                      <td>
                        <button
                          type="button"
                          className="link"
                          onClick={() => setTraceOf(node.code)}
                          data-testid={`trace-${node.code}`}
                        >
                          查看
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {traced && tracedNode && (
            <div className="trace-box" data-testid="trace-box" role="region" aria-label="计算过程">
              <div className="row">
                <strong>
                  {tracedNode.code} {tracedNode.name} 的计算过程
                </strong>
                <button type="button" className="link" onClick={() => setTraceOf(null)}>
                  关闭
                </button>
              </div>
              <div className="trace-text" data-testid="trace-text">
                {traced.trace}
              </div>
              {tracedNode.criteria && <div className="muted small">评分细则：{tracedNode.criteria}</div>}
            </div>
          )}
        </div>
      </div>
      {lockReason && (
        <div className="locked-note" data-testid="detail-locked">
          {lockReason}
        </div>
      )}
    </div>
  );
}
