import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../shared/domain/types';
import { parseSchemeJson } from '../../shared/scheme/parse';
import { leaves, normalizeScheme, publicWelfareShare, validateScheme } from '../../shared/scheme/validate';
import { readExample } from './helpers/scoring-fixtures';

const ex = (): Scheme => parseSchemeJson(readExample('ex1-scheme.json')).scheme!;
const problemsOf = (mut: (s: any) => void) => {
  const s: any = ex();
  mut(s);
  return validateScheme(s);
};
const leafOf = (s: any, code: string) => leaves(s).find((l) => l.code === code) as any;

describe('validateScheme', () => {
  it('ex1 is valid', () => expect(validateScheme(ex())).toEqual([]));
  it('duplicate codes', () => {
    const p = problemsOf((s) => (leafOf(s, 'P2').code = 'P1'));
    expect(p.some((x) => x.path === 'P1' && x.message.includes('重复'))).toBe(true);
  });
  it('leaf weights must sum to fullScore (within 0.001)', () => {
    expect(problemsOf((s) => (leafOf(s, 'P1').weight = 20.0005))).toEqual([]);
    const p = problemsOf((s) => (leafOf(s, 'P1').weight = 21));
    expect(p).toEqual([{ path: 'indicators', message: '末级指标分值合计 101，应等于满分 100' }]);
  });
  it('weight 0 only for monitor; monitor must weigh 0', () => {
    const p = problemsOf((s) => {
      leafOf(s, 'Q3').weight = 1;
      leafOf(s, 'Q2').weight = 19;
    });
    expect(p.map((x) => x.path)).toEqual(['Q3']);
    const z = problemsOf((s) => {
      leafOf(s, 'Q2').weight = 0;
      leafOf(s, 'Q1').weight = 40;
    });
    expect(z.map((x) => x.path)).toEqual(['Q2']);
    expect(z[0].message).toContain('分值应大于 0');
  });
  it('a node stating a weight equals the sum of its children', () => {
    expect(problemsOf((s) => (s.indicators[0].weight = 40))).toEqual([]);
    const p = problemsOf((s) => (s.indicators[0].weight = 45));
    expect(p.map((x) => x.path)).toEqual(['P']);
  });
  it('depth ≤ 3', () => {
    const p = problemsOf((s) => {
      const q2 = leafOf(s, 'Q2');
      s.indicators[1].children[1] = {
        code: 'Q2',
        name: '住院服务',
        children: [{ code: 'Q2a', name: 'a', children: [{ ...q2, code: 'Q2b' }] }],
      };
    });
    expect(p.map((x) => x.path)).toEqual(['Q2b']);
    expect(p[0].message).toContain('层级');
  });
  it('ratio needs t > 0', () =>
    expect(problemsOf((s) => (leafOf(s, 'P1').method.target = 0)).map((x) => x.path)).toEqual(['P1']));
  it('linear needs c > t (lower) / f < t (higher)', () => {
    expect(problemsOf((s) => (leafOf(s, 'Q1').method.ceiling = 30)).map((x) => x.path)).toEqual(['Q1']);
    expect(
      problemsOf((s) => {
        leafOf(s, 'Q1').direction = 'higher';
        leafOf(s, 'Q1').method = { type: 'linear', target: 35, floor: 40 };
      }).map((x) => x.path),
    ).toEqual(['Q1']);
  });
  it('bands scores within [0, w]', () =>
    expect(
      problemsOf((s) => (leafOf(s, 'Q2').method = { type: 'bands', bands: [{ bound: 1, score: 21 }] })).map(
        (x) => x.path,
      ),
    ).toEqual(['Q2']));
  it('grade fractions within [0, 1]', () =>
    expect(problemsOf((s) => (leafOf(s, 'S1').method.labels['满意'] = 1.2)).map((x) => x.path)).toEqual(['S1']));
  it('deduct per > 0 and points > 0', () => {
    const p = problemsOf((s) => (leafOf(s, 'P2').method = { type: 'deduct', target: 70, per: 0, points: -1 }));
    expect(p.map((x) => x.path)).toEqual(['P2', 'P2']);
  });
  it('rank step > 0 in step mode', () =>
    expect(
      problemsOf((s) => (leafOf(s, 'Q2').method = { type: 'rank', mode: 'step', step: 0 })).map((x) => x.path),
    ).toEqual(['Q2']));
  it('grade bands: highest first, last min null, quotas in 0–1', () => {
    const p = problemsOf((s) => {
      s.grades = [
        { name: '优秀', min: 80, quota: 1.5 },
        { name: '良好', min: 90 },
        { name: '不合格', min: 10 },
      ];
    });
    expect(p.map((x) => x.path).sort()).toEqual(['grades[0].quota', 'grades[1].min', 'grades[2].min']);
  });
  it('public-welfare share ≥ minPublicWelfareShare', () => {
    expect(publicWelfareShare(ex()).toFixed()).toBe('0.4');
    const p = problemsOf((s) => (s.minPublicWelfareShare = 0.5));
    expect(p).toEqual([{ path: 'minPublicWelfareShare', message: '公益性指标分值占比 40%，低于要求的 50%' }]);
  });
  it('salary rule fields: grade mode needs a coefficient per grade; kMax ≥ kMin', () => {
    const p = problemsOf((s) => (s.salary = { mode: 'grade', gradeCoefficients: { 优秀: 1.2 }, kMin: 0.5, kMax: 0.2 }));
    expect(p.map((x) => x.path)).toEqual([
      'salary.kMax',
      'salary.gradeCoefficients',
      'salary.gradeCoefficients',
      'salary.gradeCoefficients',
    ]);
    expect(problemsOf((s) => (s.salary = { mode: 'linear', intercept: 0.3 })).map((x) => x.path)).toEqual([
      'salary.slope',
    ]);
  });
  it('messages are Chinese and name the node', () => {
    const [p] = problemsOf((s) => (leafOf(s, 'P1').method.target = -1));
    expect(p.message).toMatch(/^P1：比例得分的目标值应大于 0/);
  });
});

describe('normalizeScheme, leaves', () => {
  it('fills in the defaults of scoring.md', () => {
    const n = normalizeScheme({
      code: 'A',
      name: 'a',
      year: 2024,
      targetKind: 'other',
      indicators: [{ code: 'X', name: 'x', weight: 100, method: { type: 'deduct', target: 0, points: 1 } }],
    });
    expect(n.fullScore).toBe(100);
    expect(n.grades!.map((g) => [g.name, g.min])).toEqual([
      ['优秀', 90],
      ['良好', 80],
      ['合格', 60],
      ['不合格', null],
    ]);
    expect(n.bonusCap).toBeNull();
    expect(n.naPolicy).toBe('rescale');
    expect(n.minPublicWelfareShare).toBeNull();
    expect(n.indicators[0]).toMatchObject({
      unit: '',
      direction: 'higher',
      publicWelfare: false,
      criteria: '',
      method: { per: 1, mode: 'proportional' },
    });
  });
  it('leaves() is depth-first in written order', () =>
    expect(leaves(ex()).map((l) => l.code)).toEqual(['P1', 'P2', 'Q1', 'Q2', 'Q3', 'S1']));
});
