import { useMemo } from 'react';
import { ExportFinanceButton } from '../components/ExportFinanceButton';
import { SchemePicker } from '../components/SchemePicker';
import { gradeBands } from './result-detail/charts';
import { amountError, badFactorTargets, formChanged, fundRows } from './fund/form';
import { FundFormPanel } from './fund/FundFormPanel';
import { FundTable } from './fund/FundTable';
import { useFund } from './fund/useFund';

/** 资金分配: a fund split by total × factor among the targets that take part, stored and checked for staleness. */
export function FundPage() {
  const { code, scheme, result, alloc, form, change, allocate } = useFund();
  const grades = gradeBands(scheme);
  const badFactors = useMemo(() => badFactorTargets(form.factors), [form.factors]);
  const amountErr = amountError(form.amount);
  const ok = !!code && !amountErr && badFactors.length === 0;
  const outOfDate = !!alloc && (alloc.outdated.length > 0 || formChanged(alloc, form));
  const rows = useMemo(() => fundRows(result?.results ?? [], form.excluded, alloc), [result, form.excluded, alloc]);
  const run = () => {
    if (ok) void allocate();
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
        <FundFormPanel
          form={form}
          change={change}
          grades={grades}
          amountErr={amountErr}
          ok={ok}
          alloc={alloc}
          outOfDate={outOfDate}
          onRun={run}
        />
        <FundTable
          rows={rows}
          grades={grades}
          factors={form.factors}
          badFactors={badFactors}
          outOfDate={outOfDate}
          onFactor={(t, text) => change({ factors: { ...form.factors, [t]: text } })}
        />
      </div>
    </div>
  );
}
