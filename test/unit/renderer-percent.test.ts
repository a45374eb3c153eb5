import { describe, expect, it } from 'vitest';
import { percentProblem, percentToShare, shareToPercent } from '../../renderer/src/lib/percent';

describe('percent fields of the scheme form', () => {
  it('shows a stored share as the percent typed elsewhere in the app', () => {
    expect(shareToPercent(0.5)).toBe(50);
    expect(shareToPercent(0.15)).toBe(15); // not 15.000000000000002
    expect(shareToPercent(0.075)).toBe(7.5);
    expect(shareToPercent(1)).toBe(100);
    expect(shareToPercent(0)).toBe(0);
    expect(shareToPercent(null)).toBeUndefined();
    expect(shareToPercent(undefined)).toBeUndefined();
  });

  it('stores a typed percent as the 0–1 share of scheme-json.md', () => {
    expect(percentToShare(50)).toBe(0.5);
    expect(percentToShare(15)).toBe(0.15);
    expect(percentToShare(33.3)).toBe(0.333);
    expect(percentToShare(7)).toBe(0.07); // not 0.07000000000000001
    expect(percentToShare(100)).toBe(1);
    expect(percentToShare(undefined)).toBeNull();
    for (const p of [0, 1, 12.5, 29, 57, 99.9]) expect(shareToPercent(percentToShare(p))).toBe(p);
  });

  it('names a percent outside 0–100', () => {
    expect(percentProblem(50)).toBeNull();
    expect(percentProblem(undefined)).toBeNull();
    expect(percentProblem(150)).toMatch(/0～100/);
    expect(percentProblem(-1)).toMatch(/0～100/);
  });
});
