import { useState } from 'react';
import type { Target } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { CodeSelect } from '../../components/CodeSelect';
import { Field } from '../../components/Dialog';
import { BLANK_SURPLUS, formOk, surplusErrors, surplusRequest, type SurplusForm } from './forms';

/** 医保结余 of one group: the amount, 发展:薪酬, for a per-capita package 县:乡:村, and the reason. */
export function SurplusForm({
  groups,
  disabled,
  onSaved,
}: {
  groups: Target[];
  disabled: boolean;
  onSaved: () => Promise<void>;
}) {
  const app = useApp();
  const [f, setF] = useState<SurplusForm>(BLANK_SURPLUS);
  const set = (change: Partial<SurplusForm>) => setF({ ...f, ...change });
  const errs = surplusErrors(f);
  const save = async () => {
    const r = await app.run('正在分配医保结余', () => api.splitSurplus(surplusRequest(f, app.year)));
    if (r) {
      app.notify(`已保存 ${r.name} 的医保结余分配`);
      setF((old) => ({ ...old, reason: '' }));
      await onSaved();
    }
  };
  return (
    <div className="form-row" data-testid="surplus-form">
      <Field label="医疗集团">
        <CodeSelect value={f.target} options={groups} onChange={(target) => set({ target })} testId="surplus-target" />
      </Field>
      <Field label="结余资金（元）" error={f.amount ? errs.amount : null}>
        <input
          value={f.amount}
          onChange={(e) => set({ amount: e.target.value })}
          inputMode="decimal"
          data-testid="surplus-amount"
        />
      </Field>
      <Field label="发展:薪酬" error={errs.split}>
        <input
          value={f.split}
          onChange={(e) => set({ split: e.target.value })}
          style={{ width: 70 }}
          data-testid="surplus-split"
        />
      </Field>
      <label>
        <input
          type="checkbox"
          checked={f.perCapita}
          onChange={(e) => set({ perCapita: e.target.checked })}
          data-testid="surplus-per-capita"
        />{' '}
        按人头打包付费（县:乡:村）
      </label>
      {f.perCapita && (
        <Field label="县:乡:村" error={errs.tiers}>
          <input
            value={f.tiers}
            onChange={(e) => set({ tiers: e.target.value })}
            style={{ width: 70 }}
            data-testid="surplus-tiers"
          />
        </Field>
      )}
      <Field label="原因">
        <input value={f.reason} onChange={(e) => set({ reason: e.target.value })} data-testid="surplus-reason" />
      </Field>
      <button
        type="button"
        className="primary"
        disabled={!formOk(errs) || disabled}
        onClick={() => void save()}
        data-testid="surplus-save"
      >
        分配并保存
      </button>
    </div>
  );
}
