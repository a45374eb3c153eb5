/**
 * The 资金分配 page's pure parts (renderer/src/pages/fund/form.ts): the amount and factor checks, what
 * is sent, when the stored allocation no longer matches the form, who takes part (the shared rule),
 * and the summary line.
 */
import { describe, expect, it } from 'vitest';
import type { StoredAllocation } from '../../shared/api/contract';
import type { TargetResult } from '../../shared/domain/types';
import { formatTime } from '../../renderer/src/lib/format';
import {
  amountError,
  badFactorTargets,
  defaultExcludedGrades,
  factorOk,
  factorsToSend,
  formChanged,
  fundRows,
  summaryParts,
} from '../../renderer/src/pages/fund/form';

const res = (target: string, grade: string, veto: string | null = null) =>
  ({
    target,
    name: `${target} 卫生院`,
    total: '80.00',
    grade,
    rank: 1,
    veto,
    flags: veto ? ['VETO'] : [],
  }) as unknown as TargetResult;

const stored: StoredAllocation = {
  year: 2025,
  scheme: 'TC',
  amount: '60000.00',
  sum: '60000.00',
  excludedGrades: ['不合格'],
  factors: { T02: '1.5' },
  parts: [
    { target: 'T01', name: 'T01', total: '90', factor: '1', amount: '34285.71' },
    { target: 'T02', name: 'T02', total: '80', factor: '1.5', amount: '25714.29' },
    { target: 'T03', name: 'T03', total: '50', factor: '1', amount: '0.00' },
  ],
  at: '2026-03-01T08:09:10.000Z',
  who: '王会计',
  outdated: [],
};

describe('the amount and the factors as typed', () => {
  it('asks for an amount, refuses 0, a third decimal and words; takes "60,000"', () => {
    expect(amountError('')).toBe('请填写资金总额');
    expect(amountError('  ')).toBe('请填写资金总额');
    for (const bad of ['0', '0.00', '10.001', '一万', '-5'])
      expect(amountError(bad)).toBe('请填写大于 0 的金额（元，最多两位小数）');
    expect(amountError('60,000')).toBeNull();
    expect(amountError('0.01')).toBeNull();
  });

  it('a factor is blank (1) or a number ≥ 0, separators allowed', () => {
    expect(['', '0', '1,200', '1.5'].map(factorOk)).toEqual([true, true, true, true]);
    expect(['-1', 'abc'].map(factorOk)).toEqual([false, false]);
    expect(badFactorTargets({ T01: '2', T02: 'x', T03: '-1', T04: '' })).toEqual(['T02', 'T03']);
  });

  it('sends only factors other than 1, without separators', () => {
    expect(factorsToSend({ T01: '1', T02: '', T03: '1,200', T04: '0.5', T05: '1.0' })).toEqual({
      T03: '1200',
      T04: '0.5',
    });
  });
});

describe('the stored allocation against the form', () => {
  const same = { amount: '60,000', excluded: ['不合格'], factors: { T02: '1.50', T01: '1' } };

  it('matches when the form says the same amount, grades and factors, however typed', () => {
    expect(formChanged(stored, same)).toBe(false);
    expect(formChanged({ ...stored, factors: null }, { ...same, factors: { T01: '', T02: '1' } })).toBe(false);
  });

  it('no longer matches after the amount, a grade or a factor changed', () => {
    expect(formChanged(stored, { ...same, amount: '70,000' })).toBe(true);
    expect(formChanged(stored, { ...same, amount: '60000.01' })).toBe(true);
    expect(formChanged(stored, { ...same, amount: 'abc' })).toBe(true);
    expect(formChanged(stored, { ...same, excluded: [] })).toBe(true);
    expect(formChanged(stored, { ...same, excluded: ['不合格', '合格'] })).toBe(true);
    expect(formChanged(stored, { ...same, factors: { T02: '2' } })).toBe(true);
  });
});

describe('who takes part', () => {
  it('by default the scheme’s last band stays out (不合格 without bands)', () => {
    expect(
      defaultExcludedGrades([
        { name: 'A', min: 90 },
        { name: 'B', min: null },
      ]),
    ).toEqual(['B']);
    expect(defaultExcludedGrades(undefined)).toEqual(['不合格']);
  });

  it('a vetoed target and the excluded grades take no part; stored amounts with separators', () => {
    const rows = fundRows(
      [res('T01', '优秀'), res('T02', '良好'), res('T03', '不合格'), res('T04', '优秀', '安全事故')],
      ['不合格'],
      stored,
    );
    expect(rows.map((r) => [r.result.target, r.out, r.amount])).toEqual([
      ['T01', false, '34,285.71'],
      ['T02', false, '25,714.29'],
      ['T03', true, '0.00'],
      ['T04', true, '不参加'],
    ]);
    expect(fundRows([res('T05', '合格')], [], null).map((r) => [r.out, r.amount])).toEqual([[false, '']]);
  });

  it('sums up the stored allocation, counting only those given money', () => {
    const s = summaryParts(stored, false);
    expect(s.head).toBe(`已保存的分配（${formatTime(stored.at)}，王会计）：合计`);
    expect(s.sum).toBe('60,000.00');
    expect(s.tail).toBe('元 / 资金总额 60,000.00 元，2 个对象参加分配。');
    expect(summaryParts(stored, true).head.startsWith('上次保存的分配')).toBe(true);
  });
});
