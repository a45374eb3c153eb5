import type { SurplusRecord } from '../../../../shared/api/contract';
import { surplusRatioText, surplusTierTexts } from './tables';

const HEADS = [
  '医疗集团',
  '结余资金',
  '比例',
  '业务发展',
  '人员薪酬',
  '县级（发展/薪酬）',
  '乡级（发展/薪酬）',
  '村级（发展/薪酬）',
  '原因',
];

/** Each group's stored 医保结余 split: development/staff and, for a per-capita package, by tier. */
export function SurplusTable({ surplus }: { surplus: SurplusRecord[] }) {
  return (
    <table className="table compact" data-testid="surplus-table">
      <thead>
        <tr>
          {HEADS.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {surplus.map((r) => (
          <SurplusRow key={r.target} r={r} />
        ))}
        {surplus.length === 0 && (
          <tr>
            <td colSpan={HEADS.length} className="muted">
              本年度尚未分配
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function SurplusRow({ r }: { r: SurplusRecord }) {
  const tiers = surplusTierTexts(r);
  return (
    <tr data-testid={`surplus-${r.target}`}>
      <td>
        {r.name}（{r.target}）
      </td>
      <td className="num strong">{r.amount}</td>
      <td>{surplusRatioText(r)}</td>
      <td className="num">{r.development}</td>
      <td className="num">{r.staff}</td>
      {tiers ? (
        tiers.map((t, i) => (
          <td key={i} className="num">
            {t}
          </td>
        ))
      ) : (
        <td colSpan={3} className="muted">
          未按人头打包付费
        </td>
      )}
      <td className="small">{r.reason}</td>
    </tr>
  );
}
