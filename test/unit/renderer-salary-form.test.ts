/**
 * The 年薪人员 dialog's checks (renderer/src/pages/salary/form.ts): each field's error, amounts read
 * as the API reads them, the input stored, and the units offered for a scheme and year. What the
 * dialog lets through, the API's own input check (shared/api/schemas) takes.
 */
import { describe, expect, it } from 'vitest';
import type { SalaryInput } from '../../shared/api/contract';
import { apiInputSchemas } from '../../shared/api/schemas';
import type { Target } from '../../shared/domain/types';
import {
  formOk,
  salaryForm,
  salaryFormErrors,
  salaryFormInput,
  unitChoices,
  withInput,
  type SalaryForm,
} from '../../renderer/src/pages/salary/form';

const stored: SalaryInput = {
  person: '张三',
  role: '院长',
  target: 'T01',
  scheme: 'TC',
  base: '70000',
  performanceBase: '50000',
  months: 12,
  cap: '200000.00',
  payer: 'G01',
};
const form = (change: Partial<SalaryForm> = {}, input: Partial<SalaryInput> = {}): SalaryForm => ({
  ...salaryForm({ ...stored, ...input }),
  ...change,
});

describe('field errors', () => {
  it('a stored input is right as it is', () => {
    const errs = salaryFormErrors(form());
    expect(errs).toEqual({
      person: null,
      role: null,
      target: null,
      scheme: null,
      base: null,
      performanceBase: null,
      months: null,
      cap: null,
    });
    expect(formOk(errs)).toBe(true);
  });

  it('a new, blank input names every missing field', () => {
    const errs = salaryFormErrors(
      salaryForm({
        person: ' ',
        role: '',
        target: '',
        scheme: '',
        base: '',
        performanceBase: '',
        months: 12,
        cap: null,
      }),
    );
    expect(errs).toMatchObject({
      person: '请填写姓名',
      role: '请填写职务',
      target: '请选择单位',
      scheme: '请选择考核方案',
      base: '请填写金额（元，最多两位小数）',
      performanceBase: '请填写金额（元，最多两位小数）',
      months: null,
      cap: null,
    });
    expect(formOk(errs)).toBe(false);
  });

  it('amounts as people type them ("60,000", full-width digits), at most to the fen, never negative', () => {
    for (const ok of ['60,000', ' 60000.5 ', '６００００', '0', '1234.56'])
      expect(salaryFormErrors(form({}, { base: ok })).base, ok).toBeNull();
    for (const bad of ['1.234', '-5', 'abc', '1e5', '六万'])
      expect(salaryFormErrors(form({}, { performanceBase: bad })).performanceBase, bad).not.toBeNull();
  });

  it('months: a whole number 1–12', () => {
    for (const ok of ['1', '6', '12']) expect(salaryFormErrors(form({ months: ok })).months, ok).toBeNull();
    for (const bad of ['0', '13', '6.5', '', 'x'])
      expect(salaryFormErrors(form({ months: bad })).months, bad).toBe('1—12 的整数');
  });

  it('the own cap: blank (the scheme’s) or an amount', () => {
    expect(salaryFormErrors(form({ cap: '  ' })).cap).toBeNull();
    expect(salaryFormErrors(form({ cap: '150,000.00' })).cap).toBeNull();
    expect(salaryFormErrors(form({ cap: '十五万' })).cap).toBe('请填写金额或留空');
  });
});

describe('the input stored', () => {
  it('texts trimmed, months a number, blank cap and payer → the defaults (null)', () => {
    const f = form({ months: ' 6 ', cap: ' ', payer: '' }, { person: ' 张三 ', role: ' 院长 ', base: ' 60,000 ' });
    expect(salaryFormInput(f)).toEqual({
      ...stored,
      person: '张三',
      role: '院长',
      base: '60,000',
      months: 6,
      cap: null,
      payer: null,
    });
  });

  it('a stored input comes back unchanged through the form', () => {
    expect(salaryFormInput(salaryForm(stored))).toEqual(stored);
  });

  it('what the form lets through, the API takes (amounts read to their plain text)', () => {
    const f = form({ months: '5', cap: '150,000' }, { base: '６００００', performanceBase: '50,000.5' });
    expect(formOk(salaryFormErrors(f))).toBe(true);
    const parsed = apiInputSchemas.setSalaryInput.safeParse({ year: 2024, input: salaryFormInput(f) });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.input).toMatchObject({ base: '60000', performanceBase: '50000.5', cap: '150000', months: 5 });
  });

  it('a blank 职务, which the API refuses, is refused at the field first', () => {
    const f = form({}, { role: '  ' });
    expect(salaryFormErrors(f).role).toBe('请填写职务');
    expect(formOk(salaryFormErrors(f))).toBe(false);
    expect(apiInputSchemas.setSalaryInput.safeParse({ year: 2024, input: salaryFormInput(f) }).success).toBe(false);
  });

  it('changing a field keeps the others', () => {
    const f = withInput(form({ months: '7' }), { scheme: 'MG', target: '' });
    expect(f.input).toMatchObject({ scheme: 'MG', target: '', person: '张三' });
    expect(f.months).toBe('7');
  });
});

describe('units offered', () => {
  const targets: Target[] = [
    { code: 'G01', name: '集团', kind: 'medical_group' },
    { code: 'T01', name: '城关镇卫生院', kind: 'township_centre' },
    { code: 'T02', name: '新设卫生院', kind: 'township_centre', from: 2025 },
    { code: 'T03', name: '撤并卫生院', kind: 'township_centre', to: 2023 },
  ];

  it('those appraised in the year, of the scheme’s kind', () => {
    expect(unitChoices(targets, 'township_centre', 2024).map((t) => t.code)).toEqual(['T01']);
    expect(unitChoices(targets, 'township_centre', 2025).map((t) => t.code)).toEqual(['T01', 'T02']);
    expect(unitChoices(targets, 'medical_group', 2024).map((t) => t.code)).toEqual(['G01']);
  });

  it('no scheme chosen: every kind', () => {
    expect(unitChoices(targets, undefined, 2023).map((t) => t.code)).toEqual(['G01', 'T01', 'T03']);
  });
});
