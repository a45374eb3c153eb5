import { describe, expect, it } from 'vitest';
import { sameData } from '../../renderer/src/lib/sameData';

describe('sameData (unsaved changes of the scheme editor)', () => {
  it('ignores key order and keys set to undefined', () => {
    expect(sameData({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameData({ a: 1, quota: undefined }, { a: 1 })).toBe(true);
    expect(sameData(null, null)).toBe(true);
  });
  it('sees every real change', () => {
    expect(sameData({ weight: 20 }, { weight: 25 })).toBe(false);
    expect(sameData({ quota: null }, {})).toBe(false); // null is a value (no limit), not absence
    expect(sameData([1, 2], [2, 1])).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData({ a: { b: 1 } }, { a: { b: '1' } })).toBe(false);
  });
});
