import type { PayTotalInputRow, PayTotalReport } from '../../../../shared/api/contract';
import { flagsText } from '../../lib/format';
import { payTotalRows } from './tables';

const HEADS = [
  '医疗集团',
  '申报总量',
  '基准',
  '倍数',
  '上限',
  '考核系数',
  '申报×系数',
  '核定总量',
  '签约服务费等',
  '可分配总额',
  '标记',
];

/** Each group's approved total (核定) under the scheme, or its stored inputs while not yet approved. */
export function PayTotalTable({ report, inputs }: { report: PayTotalReport | null; inputs: PayTotalInputRow[] }) {
  const { computed, pending, empty } = payTotalRows(report, inputs);
  return (
    <table className="table compact" data-testid="paytotal-table">
      <thead>
        <tr>
          {HEADS.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {computed.map((g) => (
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
        {pending.map((p) => (
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
        {empty && (
          <tr>
            <td colSpan={HEADS.length} className="muted">
              本年度尚未录入
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
