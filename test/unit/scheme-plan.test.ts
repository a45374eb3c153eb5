/** 规划指标 leaves carry a typed `plan`; it survives JSON export and unknown plan fields are refused. */
import { describe, expect, it } from 'vitest';
import { parseSchemeJson, schemeToJson } from '../../shared/scheme/parse';

const scheme = (plan: unknown) => ({
  code: 'PLAN',
  name: '规划指标监测',
  year: 2024,
  targetKind: 'other',
  indicators: [
    {
      code: 'A',
      name: '规划',
      children: [
        { code: 'A1', name: '县域内就诊率', weight: 100, unit: '%', method: { type: 'ratio', target: 90 }, plan },
      ],
    },
  ],
});

describe('scheme plan field', () => {
  it('round-trips baseline, target and nature', () => {
    const plan = { baselineYear: 2020, baseline: 85.2, targetYear: 2025, target: 90, nature: 'binding' };
    const r = parseSchemeJson(scheme(plan));
    expect(r.problems).toEqual([]);
    expect(r.scheme!.indicators[0]!.children![0]!.plan).toEqual(plan);
    expect(parseSchemeJson(schemeToJson(r.scheme!)).scheme).toEqual(r.scheme);
  });

  it('refuses an unknown plan field and a bad nature with their paths', () => {
    const r = parseSchemeJson(
      scheme({ baselineYear: 2020, baseline: null, targetYear: 2025, target: 90, nature: '约束', extra: 1 }),
    );
    const paths = r.problems.map((p) => p.path);
    expect(r.scheme).toBeNull();
    expect(paths.some((p) => p.startsWith('indicators[0].children[0].plan'))).toBe(true);
  });
});
