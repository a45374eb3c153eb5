import type { SalaryLine, TermReport } from '../../../../shared/api/contract';
import { salaryTotals } from './model';
import { SalaryLinesTable } from './SalaryLinesTable';

/** 核算结果: 应发合计, how many could not be computed, whether they are out of date, and the lines. */
export function SalaryResults({
  lines,
  stale,
  ...names
}: {
  lines: SalaryLine[];
  stale: boolean;
  targetName: ReadonlyMap<string, string>;
  targetKind: ReadonlyMap<string, string>;
  payerName: (p: string | null | undefined) => string;
  terms: ReadonlyMap<string, TermReport>;
}) {
  const { total, failed } = salaryTotals(lines);
  return (
    <>
      <div className="row result-head">
        <strong>核算结果</strong>
        <span data-testid="salary-total">应发合计 {total} 元</span>
        {failed > 0 && <span className="bad">{failed} 人无法核算，见“标记 / 问题”列</span>}
        {stale && (
          <span className="bad" data-testid="salary-stale">
            年薪基础数据已修改，以下结果已过期，请点“计算年薪”重新核算
          </span>
        )}
      </div>
      <div
        className={`scroll salary-lines${stale ? ' stale' : ''}`}
        data-testid="salary-lines"
        style={{ flex: 1, minHeight: 0, opacity: stale ? 0.6 : 1 }}
      >
        <SalaryLinesTable lines={lines} {...names} />
      </div>
    </>
  );
}
