/**
 * "60,000" is a number wherever a person types one: value cells and imports (parseValueText), the
 * API's amount/points inputs (forms, CLI) and the renderer's number fields — one reading.
 */
import { describe, expect, it } from 'vitest';
import { checkApiInput } from '../../shared/api/schemas';
import { numberTextOf } from '../../shared/values/parse';
import { formatMoney, readMoney, readNumber } from '../../renderer/src/lib/format';

describe('typed numbers with thousands separators', () => {
  it('numberTextOf reads them like an imported cell', () => {
    expect(numberTextOf('60,000')).toBe('60000');
    expect(numberTextOf(' 1,234.50 ')).toBe('1234.50');
    expect(numberTextOf('６０，０００')).toBe('60000');
    expect(numberTextOf('-2.5')).toBe('-2.5');
    expect(numberTextOf('+3')).toBe('3');
    expect(numberTextOf('.5')).toBe('0.5');
    for (const bad of ['6,00', '60,0000', 'abc', '', '1e5', '1.2.3', ',']) expect(numberTextOf(bad), bad).toBeNull();
  });

  it('the API takes "60,000" as 60000 (allocate amount, salary money, adjustment points)', () => {
    const a = checkApiInput('allocate', { year: 2024, scheme: 'TC', amount: '60,000', factors: { 'T-1': '1,200' } });
    expect(a.ok && a.value.amount).toBe('60000');
    expect(a.ok && a.value.factors).toEqual({ 'T-1': '1200' });
    const s = checkApiInput('setSalaryInput', {
      year: 2024,
      input: {
        person: '张三',
        role: '院长',
        target: 'T-1',
        scheme: 'TC',
        base: '60,000.00',
        performanceBase: '１２0,000',
        cap: '200,000',
      },
    });
    expect(s.ok && [s.value.input.base, s.value.input.performanceBase, s.value.input.cap]).toEqual([
      '60000.00',
      '120000',
      '200000',
    ]);
    const p = checkApiInput('addAdjustment', {
      year: 2024,
      scheme: 'TC',
      target: 'T-1',
      kind: 'bonus',
      points: '1,000',
      reason: '表彰',
    });
    expect(p.ok && p.value.points).toBe('1000');
    const bad = checkApiInput('allocate', { year: 2024, scheme: 'TC', amount: '六万' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems[0]!.message).toContain('待分配资金须为数字');
    const neg = checkApiInput('allocate', { year: 2024, scheme: 'TC', amount: '-1,000' });
    expect(!neg.ok && neg.problems[0]!.message).toContain('不能为负数');
  });

  it('the renderer number fields read them too', () => {
    expect(readNumber('60,000')).toBe(60000);
    expect(readNumber('')).toBeUndefined();
    expect(readNumber('6万')).toBeNull();
    expect(readMoney('60,000')).toBe('60000');
    expect(readMoney('60,000.123')).toBeNull();
    expect(readMoney('-5')).toBeNull();
  });

  it('money is shown with thousands separators and two decimals, exactly', () => {
    expect(formatMoney('60000')).toBe('60,000.00');
    expect(formatMoney('1234567.895')).toBe('1,234,567.90');
    expect(formatMoney('999.5')).toBe('999.50');
    expect(formatMoney(0)).toBe('0.00');
    expect(formatMoney('-1234.5')).toBe('-1,234.50');
    expect(formatMoney('')).toBe('');
    expect(formatMoney(null)).toBe('');
  });
});
