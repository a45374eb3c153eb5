/**
 * The node form's scoring parameters (renderer/src/pages/scheme-editor/methodParams.ts): the method
 * a type change gives, the edge that follows the direction, band and label edits, and each field's
 * error, which must agree with the shared rules (validateScheme refuses exactly what is marked).
 */
import { describe, expect, it } from 'vitest';
import type { IndicatorNode, Method, Scheme } from '../../shared/domain/types';
import { methodProblems, validateScheme } from '../../shared/scheme/validate';
import {
  addBand,
  addLabel,
  methodOfType,
  paceBaselineMet,
  paramErrors,
  removeBand,
  removeLabel,
  renameLabel,
  setBand,
  setLabelFactor,
  withDirection,
  withMethodPatch,
  withMethodType,
} from '../../renderer/src/pages/scheme-editor/methodParams';

const leaf = (method: Method, extra: Partial<IndicatorNode> = {}): IndicatorNode => ({
  code: 'A1',
  name: '门诊人次',
  weight: 10,
  unit: '%',
  direction: 'higher',
  method,
  ...extra,
});

/** The scheme validator's messages for a one-leaf scheme worth its weight. */
const schemeProblems = (n: IndicatorNode): string[] => {
  const s: Scheme = {
    code: 'T',
    name: '测试',
    year: 2025,
    targetKind: 'township_centre',
    fullScore: n.weight ?? 0,
    indicators: [n],
  };
  return validateScheme(s).map((p) => p.message);
};

describe('changing the method type', () => {
  it('keeps the target where the new type has one, and fills the other parameters', () => {
    const n = leaf({ type: 'ratio', target: 85 });
    expect(withMethodType(n, 'linear').method).toEqual({ type: 'linear', target: 85, floor: 0 });
    expect(withMethodType(n, 'deduct').method).toEqual({
      type: 'deduct',
      target: 85,
      per: 1,
      points: 1,
      mode: 'proportional',
    });
    expect(withMethodType(n, 'bands').method).toEqual({ type: 'bands', bands: [{ bound: 85, score: 0 }] });
    expect(withMethodType(n, 'pace').method).toMatchObject({ type: 'pace', target: 85, baseYear: 2020 });
    expect(methodOfType('threshold', { type: 'rank' })).toEqual({ type: 'threshold', target: 0 });
    expect(withMethodType(n, 'ratio').weight).toBe(10);
  });

  it('a monitor leaf weighs 0, and so passes the shared rule for monitors', () => {
    const m = withMethodType(leaf({ type: 'ratio', target: 85 }), 'monitor');
    expect(m.weight).toBe(0);
    expect(methodProblems(m)).toEqual([]);
  });
});

describe('direction', () => {
  it('a linear leaf turned 逆向 gets a ceiling of twice the target and loses its floor, and back', () => {
    const n = leaf({ type: 'linear', target: 40, floor: 10 });
    const lower = withDirection(n, 'lower');
    expect(lower.direction).toBe('lower');
    expect(lower.method).toEqual({ type: 'linear', target: 40, ceiling: 80 });
    expect(methodProblems(lower)).toEqual([]);
    expect(withDirection(lower, 'higher').method).toEqual({ type: 'linear', target: 40, floor: 0 });
  });

  it('a target of 0 gives a ceiling of 1; other methods keep their parameters', () => {
    expect(withDirection(leaf({ type: 'growth', target: 0, floor: 0 }), 'lower').method).toEqual({
      type: 'growth',
      target: 0,
      ceiling: 1,
    });
    const r = withDirection(leaf({ type: 'ratio', target: 85 }), 'lower');
    expect(r.method).toEqual({ type: 'ratio', target: 85 });
  });

  it('a patch changes only the fields named', () => {
    expect(withMethodPatch(leaf({ type: 'deduct', target: 5, points: 2 }), { per: 3 }).method).toEqual({
      type: 'deduct',
      target: 5,
      points: 2,
      per: 3,
    });
  });
});

describe('band and label lists', () => {
  const bands = [
    { bound: 90, score: 10 },
    { bound: 80, score: 6 },
  ];
  it('edits one band, removes one, adds an empty one, leaving the given list alone', () => {
    expect(setBand(bands, 1, { score: 5 })).toEqual([
      { bound: 90, score: 10 },
      { bound: 80, score: 5 },
    ]);
    expect(removeBand(bands, 0)).toEqual([{ bound: 80, score: 6 }]);
    expect(addBand(bands)).toHaveLength(3);
    expect(addBand(bands)[2]).toEqual({ bound: 0, score: 0 });
    expect(bands[1]!.score).toBe(6);
  });

  const labels = { 好: 1, 一般: 0.6, 差: 0 };
  it('renames a label in place, sets a share (blank is 0), removes and adds labels', () => {
    expect(Object.entries(renameLabel(labels, 1, '中'))).toEqual([
      ['好', 1],
      ['中', 0.6],
      ['差', 0],
    ]);
    expect(setLabelFactor(labels, 0, 0.9)).toEqual({ 好: 0.9, 一般: 0.6, 差: 0 });
    expect(setLabelFactor(labels, 0, undefined).好).toBe(0);
    expect(removeLabel(labels, 2)).toEqual({ 好: 1, 一般: 0.6 });
    expect(Object.entries(addLabel(labels)).at(-1)).toEqual(['等级4', 0]);
  });
});

describe('field errors follow the shared rules', () => {
  it('a ratio target of 0 is marked, and the scheme is refused for it', () => {
    const n = leaf({ type: 'ratio', target: 0 });
    expect(paramErrors(n)).toEqual({ target: '比例得分的目标值须大于 0' });
    expect(schemeProblems(n)).toContain('A1：比例得分的目标值应大于 0，现为 0');
    expect(paramErrors(leaf({ type: 'ratio', target: 0.5 }))).toEqual({});
    // A threshold target may be 0 (the shared rule says nothing about it).
    expect(paramErrors(leaf({ type: 'threshold', target: 0 }))).toEqual({});
  });

  it('the edge on the direction side: floor below, ceiling above the target', () => {
    expect(paramErrors(leaf({ type: 'linear', target: 40, floor: 40 }))).toEqual({ floor: '下限须小于目标值' });
    expect(paramErrors(leaf({ type: 'linear', target: 40, floor: 39 }))).toEqual({});
    const lower = leaf({ type: 'linear', target: 40, ceiling: 30 }, { direction: 'lower' });
    expect(paramErrors(lower)).toEqual({ ceiling: '上限须大于目标值' });
    expect(schemeProblems(lower)).toContain('A1：上限 30 应大于目标值 40');
  });

  it('a blank edge is left to its 必填 mark, also the growth floor that the rules read as 0', () => {
    expect(paramErrors(leaf({ type: 'linear', target: 40 }))).toEqual({});
    const growth = leaf({ type: 'growth', target: -5 });
    expect(methodProblems(growth).map((p) => p.field)).toEqual(['floor']);
    expect(paramErrors(growth)).toEqual({});
  });

  it('deduct, rank step and pace years', () => {
    expect(paramErrors(leaf({ type: 'deduct', target: 5, per: 0, points: -1 }))).toEqual({
      per: '须大于 0',
      points: '须大于 0',
    });
    expect(paramErrors(leaf({ type: 'rank', mode: 'step', step: 0 }))).toEqual({ step: '须大于 0' });
    expect(paramErrors(leaf({ type: 'rank', mode: 'proportional', step: 0 }))).toEqual({});
    const pace: Method = { type: 'pace', baseline: 24, baseYear: 2020, target: 65, targetYear: 2019 };
    expect(paramErrors(leaf(pace))).toEqual({ targetYear: '目标年份须晚于基期年份' });
    expect(schemeProblems(leaf(pace))).toContain('A1：规划目标年份 2019 应晚于基期年份 2020');
  });

  it('band rows: points above the weight and a repeated bound, by row', () => {
    const n = leaf({
      type: 'bands',
      bands: [
        { bound: 90, score: 12 },
        { bound: 90, score: 5 },
      ],
    });
    expect(paramErrors(n)).toEqual({ 'bands.0.score': '须在 0 与分值之间', 'bands.1.bound': '界限重复' });
    expect(paramErrors(leaf({ type: 'bands', bands: [] }))).toEqual({ bands: '至少需要一档' });
  });

  it('grade labels: a share outside 0–1 and a blank name, by row', () => {
    expect(paramErrors(leaf({ type: 'grade', labels: { 好: 1.2, ' ': 0 } }))).toEqual({
      'labels.0.factor': '须在 0—1 之间',
      'labels.1.name': '不能为空',
    });
    expect(paramErrors(leaf({ type: 'grade', labels: {} }))).toEqual({ labels: '至少需要一个等级' });
  });

  it('the weight is not a method field, and a number left blank stops the checks instead of failing', () => {
    expect(paramErrors(leaf({ type: 'ratio', target: 85 }, { weight: 0 }))).toEqual({});
    const blank = leaf({ type: 'ratio', target: undefined as unknown as number });
    expect(() => methodProblems(blank)).toThrow();
    expect(paramErrors(blank)).toEqual({});
  });
});

describe('pace note', () => {
  const pace = (baseline: number, target: number): Extract<Method, { type: 'pace' }> => ({
    type: 'pace',
    baseline,
    baseYear: 2020,
    target,
    targetYear: 2025,
  });
  it('the baseline meets the target on the direction side (as the scorer reads it)', () => {
    expect(paceBaselineMet(pace(24, 65), 'higher')).toBe(false);
    expect(paceBaselineMet(pace(65, 65), 'higher')).toBe(true);
    expect(paceBaselineMet(pace(4.79, 5.25), 'lower')).toBe(true);
    expect(paceBaselineMet(pace(6, 5.25), 'lower')).toBe(false);
    expect(paceBaselineMet(pace(undefined as unknown as number, 5), 'higher')).toBe(false);
  });
});
