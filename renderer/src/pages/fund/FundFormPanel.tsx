import type { StoredAllocation } from '../../../../shared/api/contract';
import type { GradeBand } from '../../../../shared/domain/types';
import { Field } from '../../components/Dialog';
import { OUTDATED_SHOWN, summaryParts } from './form';
import type { FundForm } from './useFund';

/** 资金总额 (Enter allocates), 不参加分配的等次, 计算分配, and the stored allocation with whether it is out of date. */
export function FundFormPanel({
  form,
  change,
  grades,
  amountErr,
  ok,
  alloc,
  outOfDate,
  onRun,
}: {
  form: FundForm;
  change: (f: Partial<FundForm>) => void;
  grades: GradeBand[];
  amountErr: string | null;
  ok: boolean;
  alloc: StoredAllocation | null;
  outOfDate: boolean;
  onRun: () => void;
}) {
  const { amount, excluded } = form;
  return (
    <div className="fund-form">
      <Field label="资金总额（元）" error={amount ? amountErr : null}>
        <input
          value={amount}
          onChange={(e) => change({ amount: e.target.value })}
          inputMode="decimal"
          data-testid="fund-amount"
          onKeyDown={(e) => {
            if (e.key === 'Enter') onRun();
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
                change({ excluded: e.target.checked ? [...excluded, g.name] : excluded.filter((x) => x !== g.name) })
              }
            />{' '}
            {g.name}
          </label>
        ))}
      </fieldset>
      <button type="button" className="primary" onClick={onRun} disabled={!ok} data-testid="fund-run">
        计算分配
      </button>
      {alloc && <StoredSummary alloc={alloc} outOfDate={outOfDate} />}
      {alloc && outOfDate && <OutdatedNote outdated={alloc.outdated} />}
    </div>
  );
}

function StoredSummary({ alloc, outOfDate }: { alloc: StoredAllocation; outOfDate: boolean }) {
  const s = summaryParts(alloc, outOfDate);
  return (
    <div className="panel" data-testid="fund-summary">
      {s.head} <strong>{s.sum}</strong> {s.tail}
    </div>
  );
}

/** 分配已过期: why (results changed since, or the form was changed), the first changes named. */
function OutdatedNote({ outdated }: { outdated: string[] }) {
  return (
    <div className="note warn" role="status" data-testid="fund-outdated">
      <strong>分配已过期</strong>：{outdated.length > 0 ? '分配之后考核结果已变化' : '分配条件已修改'}
      ，下表金额为上次保存的结果，请点“计算分配”重新分配。
      {outdated.length > 0 && (
        <ul>
          {outdated.slice(0, OUTDATED_SHOWN).map((r) => (
            <li key={r}>{r}</li>
          ))}
          {outdated.length > OUTDATED_SHOWN && <li>……共 {outdated.length} 处变化</li>}
        </ul>
      )}
    </div>
  );
}
