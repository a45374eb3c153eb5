import { useMemo } from 'react';
import type { AdjustmentRow, TermReport } from '../../../../shared/api/contract';
import type { Scheme, SchemeResult, TargetResult } from '../../../../shared/domain/types';
import { Chart } from '../../components/Chart';
import { formatTime, gradeColour } from '../../lib/format';
import { targetRadar } from './charts';
import { adjustmentText, termFlagsText, termYearCells } from './rows';
import type { GradeYear } from './useTargetHistory';

/** The left column: dimension subtotals with the radar, past grades, the term, bonuses and deductions. */
export function DetailSide({
  scheme,
  result,
  target: r,
  history,
  term,
  adjustments,
  lockReason,
  onRemoveAdjustment,
}: {
  scheme: Scheme;
  result: SchemeResult;
  target: TargetResult;
  history: GradeYear[] | null;
  term: TermReport | null;
  adjustments: AdjustmentRow[];
  lockReason: string | null;
  onRemoveAdjustment: (a: AdjustmentRow) => void;
}) {
  const radar = useMemo(() => targetRadar(scheme, result, r), [scheme, result, r]);
  return (
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
      <GradeHistory history={history} grades={scheme.grades} />
      {term && <TermTable term={term} grades={scheme.grades} />}
      {adjustments.length > 0 && (
        <AdjustmentList adjustments={adjustments} lockReason={lockReason} onRemove={onRemoveAdjustment} />
      )}
    </div>
  );
}

/** 历年等次: the target's total and grade in every year (无往年记录 when none). */
function GradeHistory({ history, grades }: { history: GradeYear[] | null; grades: Scheme['grades'] }) {
  return (
    <>
      <div className="subhead">历年等次</div>
      <table className="table compact" data-testid="grade-history">
        <tbody>
          {(history ?? []).map((h) => (
            <tr key={h.year}>
              <td>{h.year} 年</td>
              <td className="num">{h.total}</td>
              <td style={{ color: gradeColour(h.grade, grades) }}>{h.grade}</td>
            </tr>
          ))}
          {history && history.length === 0 && (
            <tr>
              <td className="muted">无往年记录</td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}

/** 任期考核: each year of the term, the average and the failing years, with the term's flags. */
function TermTable({ term, grades }: { term: TermReport; grades: Scheme['grades'] }) {
  const flags = termFlagsText(term);
  return (
    <>
      <div className="subhead">
        任期考核（{term.from}–{term.to} 年）
      </div>
      <table className="table compact" data-testid="term-table">
        <tbody>
          {term.years.map((y) => {
            const c = termYearCells(y);
            return (
              <tr key={y.year}>
                <td>{y.year} 年</td>
                <td className="num">{c.total}</td>
                <td style={y.grade ? { color: gradeColour(y.grade, grades) } : undefined}>{c.grade}</td>
                <td className="num">{c.rank}</td>
              </tr>
            );
          })}
          <tr>
            <td>平均</td>
            <td className="num strong">{term.average ?? '—'}</td>
            <td colSpan={2}>不合格 {term.failYears} 次</td>
          </tr>
        </tbody>
      </table>
      {term.flags.length > 0 && (
        <div className={flags.failed ? 'bad small' : 'muted small'} data-testid="term-flags">
          {flags.text}
        </div>
      )}
    </>
  );
}

/** 加减分: the target's bonuses and deductions, each with 撤销 (off while locked). */
function AdjustmentList({
  adjustments,
  lockReason,
  onRemove,
}: {
  adjustments: AdjustmentRow[];
  lockReason: string | null;
  onRemove: (a: AdjustmentRow) => void;
}) {
  return (
    <>
      <div className="subhead">加减分</div>
      <ul className="plain">
        {adjustments.map((a) => (
          <li key={a.id}>
            {adjustmentText(a)} <span className="muted small">{formatTime(a.createdAt)}</span>{' '}
            <button
              type="button"
              className="link"
              onClick={() => onRemove(a)}
              disabled={!!lockReason}
              title={lockReason ?? undefined}
            >
              撤销
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
