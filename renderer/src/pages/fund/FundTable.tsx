import type { GradeBand } from '../../../../shared/domain/types';
import { gradeColour } from '../../lib/format';
import type { FundRow } from './form';

/** The results in rank order with their factor (typed here) and the amount of the stored allocation. */
export function FundTable({
  rows,
  grades,
  factors,
  badFactors,
  outOfDate,
  onFactor,
}: {
  rows: FundRow[];
  grades: GradeBand[];
  factors: Record<string, string>;
  badFactors: string[];
  outOfDate: boolean;
  onFactor: (target: string, text: string) => void;
}) {
  return (
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
          {rows.map(({ result: r, out, amount }) => (
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
                  onChange={(e) => onFactor(r.target, e.target.value)}
                />
              </td>
              <td className={`num strong${outOfDate ? ' muted' : ''}`} data-testid={`fund-amount-${r.target}`}>
                {amount}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
