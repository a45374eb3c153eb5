/**
 * The scheme editor's tree and grade edits (renderer/src/pages/scheme-editor/edits.ts): what the
 * draft and the selection are after each button, with leaf/group and depth as shared/ decides.
 */
import { describe, expect, it } from 'vitest';
import type { IndicatorNode, Scheme } from '../../shared/domain/types';
import { DEFAULT_GRADES, validateScheme } from '../../shared/scheme/validate';
import {
  addChild,
  addDimension,
  addGrade,
  canAddChild,
  canRemoveGrade,
  editNodeAt,
  moveNode,
  newScheme,
  newSchemeCodeError,
  removeGrade,
  removeNode,
  renamesAfterEdit,
  setGradeCoefficient,
  updateGrade,
} from '../../renderer/src/pages/scheme-editor/edits';

const leaf = (code: string, weight: number, extra: Partial<IndicatorNode> = {}): IndicatorNode => ({
  code,
  name: `指标${code}`,
  weight,
  unit: '%',
  direction: 'higher',
  method: { type: 'ratio', target: 100 },
  ...extra,
});

function scheme(): Scheme {
  return {
    code: 'TC',
    name: '乡镇卫生院',
    year: 2025,
    targetKind: 'township_centre',
    fullScore: 100,
    indicators: [
      { code: 'A', name: '服务', children: [leaf('A1', 30), leaf('A2', 20)] },
      { code: 'B', name: '管理', children: [leaf('B1', 50)] },
    ],
  };
}

const codes = (nodes: IndicatorNode[]): unknown[] =>
  nodes.map((n) => (n.children ? { [n.code]: codes(n.children) } : n.code));

describe('adding indicators', () => {
  it('a dimension goes last, with a code not used yet, and is selected', () => {
    const s = scheme();
    s.indicators.push({ code: 'D1', name: '旧', children: [leaf('D1.1', 0)] });
    const r = addDimension(s);
    expect(r.scheme.indicators.map((n) => n.code)).toEqual(['A', 'B', 'D1', 'D2']);
    expect(r.scheme.indicators[3]).toEqual({ code: 'D2', name: '新一级指标', children: [] });
    expect(r.sel).toEqual([3]);
    expect(s.indicators).toHaveLength(3); // the draft given is not changed
  });

  it('a child goes after its siblings with the parent code as prefix, and is selected', () => {
    const r = addChild(scheme(), [0])!;
    expect(codes(r.scheme.indicators)).toEqual([{ A: ['A1', 'A2', 'A.1'] }, { B: ['B1'] }]);
    expect(r.sel).toEqual([0, 2]);
    expect(r.scheme.indicators[0]!.children![2]).toMatchObject({ weight: 1, method: { type: 'threshold', target: 0 } });
  });

  it('a leaf that gets a child becomes a group without its scoring fields', () => {
    const r = addChild(scheme(), [1, 0])!;
    const b1 = r.scheme.indicators[1]!.children![0]!;
    expect(b1.children!.map((c) => c.code)).toEqual(['B1.1']);
    for (const k of ['weight', 'unit', 'direction', 'method', 'publicWelfare', 'min', 'max'])
      expect(b1).not.toHaveProperty(k);
    expect(r.sel).toEqual([1, 0, 0]);
  });

  it('a node written with children: [] is a leaf (as in shared isLeaf): it loses its scoring fields too', () => {
    const s = scheme();
    s.indicators[1]!.children![0] = leaf('B1', 50, { children: [], publicWelfare: true });
    const r = addChild(s, [1, 0])!;
    const b1 = r.scheme.indicators[1]!.children![0]!;
    expect(b1).not.toHaveProperty('method');
    expect(b1).not.toHaveProperty('weight');
    expect(b1.children).toHaveLength(1);
    // The new tree is valid as the scorer sees it: the new leaf's weight 1 ≠ 50 is the only gap.
    expect(validateScheme(r.scheme).map((p) => p.path)).toEqual(['indicators']);
  });

  it('no child below the deepest level (shared MAX_DEPTH = 3), none without a selection', () => {
    const deep = addChild(scheme(), [0, 0])!;
    expect(deep.sel).toEqual([0, 0, 0]);
    expect(canAddChild([0, 0, 0])).toBe(false);
    expect(addChild(deep.scheme, [0, 0, 0])).toBeNull();
    expect(canAddChild(null)).toBe(false);
    expect(addChild(scheme(), null)).toBeNull();
    expect(addChild(scheme(), [5])).toBeNull();
  });
});

describe('removing and moving', () => {
  it('removing a child selects its parent', () => {
    const r = removeNode(scheme(), [0, 1])!;
    expect(codes(r.scheme.indicators)).toEqual([{ A: ['A1'] }, { B: ['B1'] }]);
    expect(r.sel).toEqual([0]);
  });

  it('removing a dimension selects the one before it (or the first); the last one leaves nothing selected', () => {
    const r = removeNode(scheme(), [1])!;
    expect(codes(r.scheme.indicators)).toEqual([{ A: ['A1', 'A2'] }]);
    expect(r.sel).toEqual([0]);
    expect(removeNode(scheme(), [0])!.sel).toEqual([0]);
    const last = removeNode(r.scheme, [0])!;
    expect(last.scheme.indicators).toEqual([]);
    expect(last.sel).toBeNull();
  });

  it('moving swaps with the neighbour and follows the node; not past either end', () => {
    const down = moveNode(scheme(), [0, 0], 1)!;
    expect(codes(down.scheme.indicators)).toEqual([{ A: ['A2', 'A1'] }, { B: ['B1'] }]);
    expect(down.sel).toEqual([0, 1]);
    const up = moveNode(scheme(), [1], -1)!;
    expect(codes(up.scheme.indicators)).toEqual([{ B: ['B1'] }, { A: ['A1', 'A2'] }]);
    expect(up.sel).toEqual([0]);
    expect(moveNode(scheme(), [0, 0], -1)).toBeNull();
    expect(moveNode(scheme(), [1, 0], 1)).toBeNull();
    expect(moveNode(scheme(), null, 1)).toBeNull();
  });
});

describe('editing a node', () => {
  it('replaces the node at the path only', () => {
    const s = editNodeAt(scheme(), [0, 1], (n) => ({ ...n, weight: 25 }));
    expect(s.indicators[0]!.children!.map((n) => n.weight)).toEqual([30, 25]);
    expect(s.indicators[1]).toEqual(scheme().indicators[1]);
  });

  it('records a changed code (saved → current) so values follow; changed back, it is dropped', () => {
    const s = scheme();
    const rename = (code: string) => (n: IndicatorNode) => ({ ...n, code });
    const r1 = renamesAfterEdit(s, {}, [0, 0], rename('A9'));
    expect(r1).toEqual({ A1: 'A9' });
    const s1 = editNodeAt(s, [0, 0], rename('A9'));
    expect(renamesAfterEdit(s1, r1, [0, 0], rename('A8'))).toEqual({ A1: 'A8' });
    expect(renamesAfterEdit(s1, r1, [0, 0], rename('A1'))).toEqual({});
    const same = renamesAfterEdit(s, r1, [0, 0], (n) => ({ ...n, name: '新名' }));
    expect(same).toBe(r1);
  });
});

describe('grade bands', () => {
  it('edits one band', () => {
    const g = updateGrade(DEFAULT_GRADES, 1, { min: 85, quota: 0.3 });
    expect(g[1]).toEqual({ name: '良好', min: 85, quota: 0.3 });
    expect(g[0]).toBe(DEFAULT_GRADES[0]);
  });

  it('removing a band leaves the new last band without a minimum (以下)', () => {
    const g = removeGrade(DEFAULT_GRADES, 3);
    expect(g.map((x) => [x.name, x.min])).toEqual([
      ['优秀', 90],
      ['良好', 80],
      ['合格', null],
    ]);
    expect(removeGrade(DEFAULT_GRADES, 0).map((x) => x.name)).toEqual(['良好', '合格', '不合格']);
    expect(canRemoveGrade(DEFAULT_GRADES)).toBe(true);
    expect(canRemoveGrade(DEFAULT_GRADES.slice(0, 2))).toBe(false);
  });

  it('a new band goes just above the last one', () => {
    expect(addGrade(DEFAULT_GRADES).map((x) => [x.name, x.min])).toEqual([
      ['优秀', 90],
      ['良好', 80],
      ['合格', 60],
      ['新等次', 0],
      ['不合格', null],
    ]);
  });

  it("a grade's salary coefficient is set; blank keeps the others as they are", () => {
    const salary = { mode: 'grade' as const, gradeCoefficients: { 优秀: 1 } };
    expect(setGradeCoefficient(salary, '良好', 0.9)).toEqual({ gradeCoefficients: { 优秀: 1, 良好: 0.9 } });
    expect(setGradeCoefficient(salary, '良好', undefined)).toEqual({ gradeCoefficients: { 优秀: 1 } });
    expect(setGradeCoefficient({}, '合格', 0.5)).toEqual({ gradeCoefficients: { 合格: 0.5 } });
  });
});

describe('a new scheme', () => {
  it('the code must be given and new in the year', () => {
    expect(newSchemeCodeError('  ', ['TC'])).toBe('请填写方案编码');
    expect(newSchemeCodeError(' TC ', ['TC'])).toBe('本年度已有此编码');
    expect(newSchemeCodeError('GH', ['TC'])).toBeNull();
  });

  it('starts valid: trimmed code and name, one leaf worth the full score', () => {
    const s = newScheme(' GH ', ' 医疗集团 ', 2026, 'medical_group');
    expect(s).toMatchObject({ code: 'GH', name: '医疗集团', year: 2026, targetKind: 'medical_group', fullScore: 100 });
    expect(validateScheme(s)).toEqual([]);
  });
});
