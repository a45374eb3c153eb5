import type { SalaryLine, TermReport } from '../../../../shared/api/contract';
import { flagsText } from '../../lib/format';
import { lineKey, lineTerm, payerSections, termText } from './model';

const HEADS = [
  '姓名',
  '职务',
  '单位',
  '月数',
  '基本年薪',
  '绩效基数',
  '系数',
  '绩效年薪',
  '全年年薪',
  '应发',
  '大写',
  '标记 / 问题',
  '任期考核',
];

/** The lines grouped by payer (发放主体), each group with its subtotal in figures and capital figures. */
export function SalaryLinesTable({
  lines,
  targetName,
  targetKind,
  payerName,
  terms,
}: {
  lines: SalaryLine[];
  targetName: ReadonlyMap<string, string>;
  targetKind: ReadonlyMap<string, string>;
  payerName: (p: string | null | undefined) => string;
  terms: ReadonlyMap<string, TermReport>;
}) {
  return (
    <table className="table compact" data-testid="salary-lines-table">
      <thead>
        <tr>
          {HEADS.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      {payerSections(lines).map((s) => (
        <tbody key={s.payer} data-testid={`salary-payer-${s.payer}`}>
          <tr className="group-row">
            <td colSpan={HEADS.length}>
              发放主体：{payerName(s.payer)}（{s.lines.length} 人）
            </td>
          </tr>
          {s.lines.map((l) => (
            <SalaryLineRow
              key={lineKey(l)}
              line={l}
              unit={targetName.get(l.target) ?? l.target}
              term={lineTerm(l, targetKind, terms)}
            />
          ))}
          <tr className="subtotal-row strong" data-testid={`salary-subtotal-${s.payer}`}>
            <td colSpan={9}>{payerName(s.payer)} 小计</td>
            <td className="num">{s.total}</td>
            <td colSpan={3}>{s.totalInWords}</td>
          </tr>
        </tbody>
      ))}
    </table>
  );
}

function SalaryLineRow({ line: l, unit, term }: { line: SalaryLine; unit: string; term: TermReport | undefined }) {
  return (
    <tr>
      <td>{l.person}</td>
      <td>{l.role}</td>
      <td>{unit}</td>
      <td className="num">{l.months}</td>
      <td className="num">{l.base}</td>
      <td className="num">{l.performanceBase}</td>
      <td className="num">{l.k}</td>
      <td className="num">{l.performancePay}</td>
      <td className="num">{l.annual}</td>
      <td className="num strong">{l.pay}</td>
      <td>{l.payInWords}</td>
      <td className={l.error ? 'bad' : ''}>{l.error ?? flagsText(l.flags)}</td>
      <td
        className={term?.flags.includes('TERM_FAIL') ? 'bad' : ''}
        data-testid={term ? `salary-term-${l.target}` : undefined}
      >
        {term ? termText(term) : ''}
      </td>
    </tr>
  );
}
