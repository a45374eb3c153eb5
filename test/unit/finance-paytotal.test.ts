import { describe, expect, it } from 'vitest';
import { approvedPayTotal, salaryCoefficient } from '../../shared/finance';
import { dec } from '../../shared/decimal';

describe('approvedPayTotal — min(round_fen(T·k), round_fen(M·R))', () => {
  it('below the ceiling: T·k rounded to the fen, no flag', () => {
    const r = approvedPayTotal({ proposed: '12000000', benchmark: '3000000', k: '0.8637' });
    expect(r.adjusted).toBe('10364400.00');
    expect(r.limit).toBe('15000000.00');
    expect(r.approved).toBe('10364400.00');
    expect(r.flags).toEqual([]);
  });

  it('over M·R (M default 5): the ceiling, flagged OVER_CAP', () => {
    const r = approvedPayTotal({ proposed: '20000000', benchmark: '3000000', k: '0.955' });
    expect(r.adjusted).toBe('19100000.00');
    expect(r.approved).toBe('15000000.00');
    expect(r.flags).toEqual(['OVER_CAP']);
  });

  it('takes another multiple and a Decimal k from salaryCoefficient', () => {
    const k = salaryCoefficient({ mode: 'score' }, { total: '86.37', grade: '良好', vetoed: false }, '100');
    const r = approvedPayTotal({ proposed: '12000000', benchmark: '3000000', multiple: '3', k });
    expect(r.limit).toBe('9000000.00');
    expect(r.approved).toBe('9000000.00');
    expect(r.flags).toEqual(['OVER_CAP']);
  });

  it('rounds T·k half-up to the fen and compares the exact values for OVER_CAP', () => {
    // T·k = 1000.005 → 1000.01; M·R = 1000.004 → 1000.00; approved 1000.00, over
    const r = approvedPayTotal({ proposed: '1000.005', benchmark: '200.0008', k: '1' });
    expect(r.adjusted).toBe('1000.01');
    expect(r.limit).toBe('1000.00');
    expect(r.approved).toBe('1000.00');
    expect(r.flags).toEqual(['OVER_CAP']);
    // exactly at the ceiling is not over
    const eq = approvedPayTotal({ proposed: '5000', benchmark: '1000', k: dec('1') });
    expect(eq.approved).toBe('5000.00');
    expect(eq.flags).toEqual([]);
  });

  it('a vetoed group (k = 0) gets 0.00', () => {
    const k = salaryCoefficient({ kMin: 0.5 }, { total: '90', grade: '不合格', vetoed: true }, '100');
    expect(approvedPayTotal({ proposed: '8000000', benchmark: '2000000', k }).approved).toBe('0.00');
  });

  it('negative or non-numeric inputs are errors', () => {
    expect(() => approvedPayTotal({ proposed: '-1', benchmark: '100', k: '1' })).toThrow(/申报数不能为负数/);
    expect(() => approvedPayTotal({ proposed: '1', benchmark: '-100', k: '1' })).toThrow(/基准不能为负数/);
    expect(() => approvedPayTotal({ proposed: '1', benchmark: 'x', k: '1' })).toThrow(/不是有效的数值/);
  });
});
