/** 资金分配 after a reload: the stored allocation is read back, and marked out of date when the results changed. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { loadEx1, openTemp } from './support/ex1';

let s: Services | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

describe('getAllocation', () => {
  it('is null before any allocation, then the stored one with its inputs, up to date', async () => {
    s = openTemp('alloc-').s;
    await loadEx1(s);
    expect(await s.getAllocation({ year: 2024, scheme: 'EX' })).toBeNull();
    const made = await s.allocate({
      year: 2024,
      scheme: 'EX',
      amount: '100,000',
      excludeGrades: [],
      factors: { 'EX-01': '2' },
    });
    const stored = await s.getAllocation({ year: 2024, scheme: 'EX' });
    expect(stored).not.toBeNull();
    expect(stored!.amount).toBe('100000.00');
    expect(stored!.parts).toEqual(made.parts);
    expect(stored!.sum).toBe(made.sum);
    expect(stored!.excludedGrades).toEqual([]);
    expect(stored!.factors).toEqual({ 'EX-01': '2' });
    expect(stored!.who).toBe('测试员');
    expect(stored!.outdated).toEqual([]);
  });

  it('a score change after the allocation marks it out of date, naming the target; re-allocating clears it', async () => {
    s = openTemp('alloc-').s;
    await loadEx1(s);
    await s.allocate({ year: 2024, scheme: 'EX', amount: '100000', excludeGrades: [] });
    await s.addAdjustment({ year: 2024, scheme: 'EX', target: 'EX-01', kind: 'bonus', points: '1', reason: '表彰' });
    const stale = await s.getAllocation({ year: 2024, scheme: 'EX' });
    expect(stale!.outdated.length).toBe(1);
    expect(stale!.outdated[0]).toMatch(/EX-01.*总分/);
    // The stored parts are still what was allocated (shown as stored, not silently recomputed).
    const before = stale!.parts.find((p) => p.target === 'EX-01')!.amount;
    await s.allocate({ year: 2024, scheme: 'EX', amount: '100000', excludeGrades: [] });
    const fresh = await s.getAllocation({ year: 2024, scheme: 'EX' });
    expect(fresh!.outdated).toEqual([]);
    expect(fresh!.parts.find((p) => p.target === 'EX-01')!.amount).not.toBe(before);
  });

  it('a veto after the allocation: the vetoed target no longer takes part', async () => {
    s = openTemp('alloc-').s;
    await loadEx1(s);
    await s.allocate({ year: 2024, scheme: 'EX', amount: '100000', excludeGrades: [] });
    await s.setVeto({ year: 2024, scheme: 'EX', target: 'EX-02', reason: '重大医疗事故' });
    const stale = await s.getAllocation({ year: 2024, scheme: 'EX' });
    expect(stale!.outdated.some((r) => r.includes('EX-02') && r.includes('不参加'))).toBe(true);
  });
});
