import { useState } from 'react';
import type { SalaryInput } from '../../../../shared/api/contract';
import { COUNTY_FINANCE } from '../../../../shared/finance/payer';
import type { Target } from '../../../../shared/domain/types';
import { useApp } from '../../app/context';
import { CodeSelect } from '../../components/CodeSelect';
import { Dialog, Field } from '../../components/Dialog';
import {
  formOk,
  salaryForm,
  salaryFormErrors,
  salaryFormInput,
  unitChoices,
  withInput,
  type SalaryForm,
  type SalaryFormErrors,
} from './form';

/** 新增 / 编辑 one person's 年薪基础数据 (person and unit fixed once stored). */
export function SalaryDialog({
  initial,
  isNew,
  targets,
  groups,
  schemes,
  onCancel,
  onSave,
}: {
  initial: SalaryInput;
  isNew: boolean;
  targets: Target[];
  groups: Target[];
  schemes: { code: string; name: string; kind: string }[];
  onCancel: () => void;
  onSave: (i: SalaryInput) => void;
}) {
  const [f, setF] = useState<SalaryForm>(() => salaryForm(initial));
  const { year } = useApp();
  const v = f.input;
  const set = (change: Partial<SalaryInput>) => setF(withInput(f, change));
  const kind = schemes.find((s) => s.code === v.scheme)?.kind;
  const errs = salaryFormErrors(f);
  return (
    <Dialog
      title={isNew ? '新增年薪人员' : `编辑 ${initial.person}`}
      onCancel={onCancel}
      canConfirm={formOk(errs)}
      confirmText="保存"
      testId="salary-dialog"
      onConfirm={() => onSave(salaryFormInput(f))}
    >
      <Field label="姓名" error={errs.person}>
        <input
          value={v.person}
          disabled={!isNew}
          onChange={(e) => set({ person: e.target.value })}
          data-testid="salary-person"
        />
      </Field>
      <Field label="职务" error={errs.role}>
        <input
          value={v.role}
          onChange={(e) => set({ role: e.target.value })}
          placeholder="如：院长、党委书记"
          data-testid="salary-role"
        />
      </Field>
      <Field label="考核方案" error={errs.scheme}>
        <CodeSelect
          value={v.scheme}
          options={schemes}
          onChange={(scheme) => set({ scheme, target: '' })}
          testId="salary-scheme"
        />
      </Field>
      <Field label="单位" error={errs.target}>
        <CodeSelect
          value={v.target}
          disabled={!isNew}
          options={unitChoices(targets, kind, year)}
          onChange={(target) => set({ target })}
          testId="salary-target"
        />
      </Field>
      <SalaryAmountFields form={f} errors={errs} onChange={setF} />
      <Field label="发放主体" hint="默认：医疗集团书记、院长由县财政发放，成员单位负责人由所属医疗集团发放">
        <PayerSelect value={f.payer} groups={groups} onChange={(payer) => setF({ ...f, payer })} />
      </Field>
    </Dialog>
  );
}

/** 基本年薪, 绩效年薪基数, 任职月数 and the person's own cap, as typed. */
function SalaryAmountFields({
  form: f,
  errors: errs,
  onChange,
}: {
  form: SalaryForm;
  errors: SalaryFormErrors;
  onChange: (f: SalaryForm) => void;
}) {
  const set = (change: Partial<SalaryInput>) => onChange(withInput(f, change));
  return (
    <>
      <Field label="基本年薪（元）" error={errs.base}>
        <input
          value={f.input.base}
          onChange={(e) => set({ base: e.target.value })}
          inputMode="decimal"
          data-testid="salary-base"
        />
      </Field>
      <Field label="绩效年薪基数（元）" error={errs.performanceBase}>
        <input
          value={f.input.performanceBase}
          onChange={(e) => set({ performanceBase: e.target.value })}
          inputMode="decimal"
          data-testid="salary-perf"
        />
      </Field>
      <Field label="任职月数" error={errs.months}>
        <input
          value={f.months}
          onChange={(e) => onChange({ ...f, months: e.target.value })}
          inputMode="numeric"
          data-testid="salary-months"
        />
      </Field>
      <Field label="本人年薪上限（元）" error={errs.cap} hint="留空则按方案规定">
        <input
          value={f.cap}
          onChange={(e) => onChange({ ...f, cap: e.target.value })}
          inputMode="decimal"
          data-testid="salary-cap"
        />
      </Field>
    </>
  );
}

/** （默认）, 县财政 or one of the medical groups. */
function PayerSelect({
  value,
  groups,
  onChange,
}: {
  value: string;
  groups: Target[];
  onChange: (payer: string) => void;
}) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="salary-payer">
      <option value="">（默认）</option>
      <option value={COUNTY_FINANCE}>{COUNTY_FINANCE}</option>
      {groups.map((g) => (
        <option key={g.code} value={g.code}>
          {g.name}（{g.code}）
        </option>
      ))}
    </select>
  );
}
