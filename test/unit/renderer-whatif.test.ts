/**
 * The what-if panel's rules (renderer/src/pages/what-if/model.ts): which leaves can be re-weighted,
 * the exact sum of typed weights and the refusal of bad ones, the changed weights sent for a trial,
 * and the rank/grade comparison.
 */
import { describe, expect, it } from 'vitest';
import type { IndicatorNode, SchemeResult, TargetResult } from '../../shared/domain/types';
import {
  checkWeights,
  compareResults,
  initialTexts,
  moveShown,
  weightedLeaves,
} from '../../renderer/src/pages/what-if/model';

const scheme = {
  indicators: [
    {
      code: 'A',
      name: '服务提供',
      children: [
        { code: 'A1', name: '门诊人次', weight: 30.1, method: { type: 'ratio' } },
        { code: 'A2', name: '住院人次', weight: 20.2, method: { type: 'ratio' } },
        { code: 'A3', name: '规划监测', method: { type: 'monitor' } },
      ],
    },
    { code: 'B', name: '综合管理', weight: 49.7, method: { type: 'ratio' } },
    { code: 'C', name: '空分组', children: [] },
  ] as unknown as IndicatorNode[],
};

describe('weights', () => {
  const leaves = weightedLeaves(scheme);

  it('offers the scored leaves only (not monitor indicators), starting at their weights', () => {
    expect(leaves.map((l) => l.code)).toEqual(['A1', 'A2', 'B', 'C']);
    expect(initialTexts(leaves)).toEqual({ A1: '30.1', A2: '20.2', B: '49.7', C: '0' });
  });

  it('adds the typed weights exactly and sends only the changed ones', () => {
    const start = checkWeights(leaves, initialTexts(leaves));
    expect(start.bad).toEqual([]);
    expect(start.sum?.toFixed()).toBe('100');
    expect(start.changed).toEqual([]);
    expect(start.weights).toEqual({});

    const edited = checkWeights(leaves, { ...initialTexts(leaves), A1: ' 35 ', B: '44.9' });
    expect(edited.sum?.toFixed()).toBe('100.1');
    expect(edited.changed.map((l) => l.code)).toEqual(['A1', 'B']);
    expect(edited.weights).toEqual({ A1: 35, B: 44.9 });

    // Exact: 0.1 + 0.2 in binary floats is 0.30000000000000004.
    expect(checkWeights(leaves, { A1: '0.1', A2: '0.2', B: '0', C: '0' }).sum?.toFixed()).toBe('0.3');
  });

  it('refuses blank, non-numeric and negative weights: no sum, nothing to send for them', () => {
    const c = checkWeights(leaves, { A1: '', A2: 'abc', B: '-1', C: '5' });
    expect(c.bad).toEqual(['A1', 'A2', 'B']);
    expect(c.sum).toBeNull();
    expect(c.changed.map((l) => l.code)).toEqual(['C']);
    expect(c.weights).toEqual({ C: 5 });
  });
});

describe('comparison', () => {
  const r = (target: string, rank: number, grade: string, total: string) =>
    ({ target, name: `${target}院`, rank, grade, total }) as TargetResult;
  const result = (results: TargetResult[]): SchemeResult => ({ year: 2024, scheme: 'S', fullScore: '100', results });

  it('follows the trial’s ranking, with each target’s move and grade change', () => {
    const before = result([r('T1', 1, '优秀', '90'), r('T2', 2, '良好', '85'), r('T3', 3, '良好', '80')]);
    const after = result([
      r('T3', 1, '优秀', '91'),
      r('T1', 2, '优秀', '89'),
      r('T2', 3, '良好', '84'),
      r('T9', 4, '合格', '70'),
    ]);
    const rows = compareResults(before, after);
    expect(rows.map((x) => [x.after.target, x.before?.rank ?? null, x.move, x.gradeChanged])).toEqual([
      ['T3', 3, 2, true],
      ['T1', 1, -1, false],
      ['T2', 2, -1, false],
      ['T9', null, 0, false],
    ]);
  });

  it('shows moves as arrows', () => {
    expect(moveShown(2)).toEqual({ text: '↑2', className: 'ok' });
    expect(moveShown(-3)).toEqual({ text: '↓3', className: 'bad' });
    expect(moveShown(0)).toEqual({ text: '—', className: 'muted' });
  });
});
