/**
 * The 总量与结余 page's forms (renderer/src/pages/money/forms.ts): each field's error, the stored
 * inputs shown when a group is chosen, and the requests sent. What a form lets through, the API's
 * input check (shared/api/schemas) and the service's split rule (shared/finance parseRatios) take.
 */
import { describe, expect, it } from 'vitest';
import type { PayTotalInputRow } from '../../shared/api/contract';
import { apiInputSchemas } from '../../shared/api/schemas';
import { parseRatios, splitSurplusTiers } from '../../shared/finance/allocate';
import {
  BLANK_PAY_TOTAL,
  BLANK_SURPLUS,
  formOk,
  payTotalErrors,
  payTotalRequest,
  ratioOk,
  surplusErrors,
  surplusRequest,
  withStoredPayTotal,
  type PayTotalForm,
  type SurplusForm,
} from '../../renderer/src/pages/money/forms';

const payTotal = (f: Partial<PayTotalForm>): PayTotalForm => ({ ...BLANK_PAY_TOTAL, ...f });
/** Whether the service's split rule takes the text. */
const serviceTakes = (text: string, n: number): boolean => {
  try {
    parseRatios(text, n, '比例');
    return true;
  } catch {
    return false;
  }
};
const surplus = (f: Partial<SurplusForm>): SurplusForm => ({ ...BLANK_SURPLUS, ...f });

describe('绩效工资总量', () => {
  const filled = payTotal({ target: 'G01', proposed: '3000000', benchmark: '500000', reason: '财政核定' });

  it('starts at 5 倍 (第7条) and nothing excluded; the group, amounts and reason are missing', () => {
    const errs = payTotalErrors(BLANK_PAY_TOTAL);
    expect(errs).toEqual({
      target: '请选择医疗集团',
      proposed: '请填写金额（元，最多两位小数）',
      benchmark: '请填写金额（元，最多两位小数）',
      multiple: null,
      excluded: null,
      reason: '请填写原因',
    });
    expect(formOk(payTotalErrors(filled))).toBe(true);
  });

  it('amounts to the fen, as the API reads them; the multiple more than 0', () => {
    expect(payTotalErrors({ ...filled, proposed: '3,000,000.50' }).proposed).toBeNull();
    expect(payTotalErrors({ ...filled, proposed: '3000000.505' }).proposed).not.toBeNull();
    expect(payTotalErrors({ ...filled, benchmark: '-1' }).benchmark).not.toBeNull();
    expect(payTotalErrors({ ...filled, excluded: '' }).excluded).toBe('请填写金额（可为 0）');
    for (const ok of ['5', '2.5', ' 3 ']) expect(payTotalErrors({ ...filled, multiple: ok }).multiple, ok).toBeNull();
    for (const bad of ['0', '-2', '', '五'])
      expect(payTotalErrors({ ...filled, multiple: bad }).multiple, bad).toBe('大于 0 的数');
    expect(payTotalErrors({ ...filled, reason: '  ' }).reason).toBe('请填写原因');
  });

  it('choosing a group shows what is stored for it; the reason stays as typed', () => {
    const stored: PayTotalInputRow[] = [
      {
        year: 2024,
        target: 'G02',
        name: '县中医院医疗集团',
        proposed: '2000000.00',
        benchmark: '450000.00',
        multiple: '4',
        excluded: '120000.00',
        updatedAt: '2026-01-01T00:00:00.000Z',
        updatedBy: '张三',
      },
    ];
    const f = payTotal({ target: 'G02', proposed: '1', reason: '复核' });
    expect(withStoredPayTotal(f, stored)).toEqual({
      target: 'G02',
      proposed: '2000000.00',
      benchmark: '450000.00',
      multiple: '4',
      excluded: '120000.00',
      reason: '复核',
    });
    const other = payTotal({ target: 'G01', proposed: '1' });
    expect(withStoredPayTotal(other, stored)).toBe(other);
  });

  it('the request: texts trimmed; the API takes it', () => {
    const req = payTotalRequest({ ...filled, proposed: ' 3,000,000 ', reason: ' 财政核定 ' }, 2024);
    expect(req).toEqual({
      year: 2024,
      target: 'G01',
      proposed: '3,000,000',
      benchmark: '500000',
      multiple: '5',
      excluded: '0',
      reason: '财政核定',
    });
    const parsed = apiInputSchemas.setPayTotal.safeParse(req);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.proposed).toBe('3000000');
  });
});

describe('医保结余', () => {
  const filled = surplus({ target: 'G01', amount: '100000.01', reason: '年终结算' });

  it('starts at 40:60 and 6:3:1 (第20条); the group, amount and reason are missing', () => {
    expect(surplusErrors(BLANK_SURPLUS)).toEqual({
      target: '请选择医疗集团',
      amount: '请填写金额（元，最多两位小数）',
      split: null,
      tiers: null,
      reason: '请填写原因',
    });
    expect(formOk(surplusErrors(filled))).toBe(true);
  });

  it('splits as the service reads them: n parts, not all 0', () => {
    for (const ok of ['40:60', ' 40 ： 60 ', '40:0', '0.5:0.5', '40/60', '40比60'])
      expect(surplusErrors({ ...filled, split: ok }).split, ok).toBeNull();
    for (const bad of ['0:0', '40', '40:60:0', '40:-60', 'a:b', ''])
      expect(surplusErrors({ ...filled, split: bad }).split, bad).toBe('如 40:60，合计须大于 0');
    // The form's check is the service's rule, whatever is typed.
    for (const t of ['6:3:1', '6:3', '0:0:0', '6：3：1', '6:3:1:0', '6 比 3 比 1'])
      expect(ratioOk(t, 3), t).toBe(serviceTakes(t, 3));
  });

  it('the tiers are checked only for a per-capita package', () => {
    expect(surplusErrors({ ...filled, tiers: '6:3' }).tiers).toBeNull();
    expect(surplusErrors({ ...filled, perCapita: true, tiers: '6:3' }).tiers).toBe('如 6:3:1，合计须大于 0');
    expect(surplusErrors({ ...filled, perCapita: true, tiers: '5:3:2' }).tiers).toBeNull();
  });

  it('the request carries the tiers only for a per-capita package; the API takes it', () => {
    expect(surplusRequest({ ...filled, tiers: '5:3:2' }, 2024)).toEqual({
      year: 2024,
      target: 'G01',
      amount: '100000.01',
      split: '40:60',
      reason: '年终结算',
    });
    const req = surplusRequest({ ...filled, perCapita: true, split: ' 30:70 ', amount: ' 100,000.01 ' }, 2024);
    expect(req).toMatchObject({ split: '30:70', tiers: '6:3:1', amount: '100,000.01' });
    const parsed = apiInputSchemas.splitSurplus.safeParse(req);
    expect(parsed.success).toBe(true);
    // And the shared rule splits it to the fen, each split adding up (第20条).
    const s = splitSurplusTiers(parsed.data!.amount, {
      split: parseRatios(parsed.data!.split!, 2, '发展/薪酬比例'),
      tiers: parseRatios(parsed.data!.tiers!, 3, '县乡村比例'),
    });
    expect([s.development, s.staff]).toEqual(['30000.00', '70000.01']);
    expect(s.tiers!.county.amount).toBe('60000.01');
  });
});
