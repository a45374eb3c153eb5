import { useEffect, useState } from 'react';
import type { PayTotalInputRow } from '../../../../shared/api/contract';
import type { Target } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { CodeSelect } from '../../components/CodeSelect';
import { Field } from '../../components/Dialog';
import {
  BLANK_PAY_TOTAL,
  formOk,
  payTotalErrors,
  payTotalRequest,
  withStoredPayTotal,
  type PayTotalForm,
} from './forms';

/** 绩效工资总量 of one group: its inputs (those stored shown when it is chosen) and the reason. */
export function PayTotalForm({
  groups,
  inputs,
  disabled,
  onSaved,
}: {
  groups: Target[];
  inputs: PayTotalInputRow[];
  disabled: boolean;
  onSaved: () => Promise<void>;
}) {
  const app = useApp();
  const [f, setF] = useState<PayTotalForm>(BLANK_PAY_TOTAL);
  const set = (change: Partial<PayTotalForm>) => setF({ ...f, ...change });
  // Choosing a group shows what is stored for it.
  useEffect(() => setF((old) => withStoredPayTotal(old, inputs)), [f.target, inputs]);
  const errs = payTotalErrors(f);
  const save = async () => {
    const r = await app.run('正在保存绩效工资总量', () => api.setPayTotal(payTotalRequest(f, app.year)));
    if (r) {
      app.notify(`已保存 ${r.name} 的绩效工资总量`);
      setF((old) => ({ ...old, reason: '' }));
      await onSaved();
    }
  };
  return (
    <div className="form-row" data-testid="paytotal-form">
      <Field label="医疗集团" error={f.target ? null : undefined}>
        <CodeSelect value={f.target} options={groups} onChange={(target) => set({ target })} testId="paytotal-target" />
      </Field>
      <Field label="申报总量（元）" error={f.proposed ? errs.proposed : null}>
        <input
          value={f.proposed}
          onChange={(e) => set({ proposed: e.target.value })}
          inputMode="decimal"
          data-testid="paytotal-proposed"
        />
      </Field>
      <Field
        label="基准（元）"
        hint="当地无收入全额拨款事业单位绩效工资总量"
        error={f.benchmark ? errs.benchmark : null}
      >
        <input
          value={f.benchmark}
          onChange={(e) => set({ benchmark: e.target.value })}
          inputMode="decimal"
          data-testid="paytotal-benchmark"
        />
      </Field>
      <Field label="倍数" error={errs.multiple}>
        <input
          value={f.multiple}
          onChange={(e) => set({ multiple: e.target.value })}
          style={{ width: 60 }}
          data-testid="paytotal-multiple"
        />
      </Field>
      <Field label="不纳入总量（元）" hint="签约服务费等" error={errs.excluded}>
        <input
          value={f.excluded}
          onChange={(e) => set({ excluded: e.target.value })}
          inputMode="decimal"
          data-testid="paytotal-excluded"
        />
      </Field>
      <Field label="原因">
        <input value={f.reason} onChange={(e) => set({ reason: e.target.value })} data-testid="paytotal-reason" />
      </Field>
      <button
        type="button"
        className="primary"
        disabled={!formOk(errs) || disabled}
        onClick={() => void save()}
        data-testid="paytotal-save"
      >
        保存并核定
      </button>
    </div>
  );
}
