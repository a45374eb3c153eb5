import { describe, expect, it } from 'vitest';
import { parseSchemeJson, schemeToJson, schemeToJsonText, targetKindOf } from '../../shared/scheme/parse';
import { readExample } from './helpers/scoring-fixtures';

const ex = () => readExample('ex1-scheme.json');
const paths = (input: unknown) => parseSchemeJson(input).problems.map((p) => p.path);

describe('parseSchemeJson', () => {
  it('accepts the ex1 scheme as it is', () => {
    const r = parseSchemeJson(ex());
    expect(r.problems).toEqual([]);
    expect(r.scheme!.indicators[0].children![0].method).toEqual({ type: 'ratio', target: 85 });
  });
  it('accepts JSON text too', () => expect(parseSchemeJson(JSON.stringify(ex())).problems).toEqual([]));
  it('fills nothing in', () => {
    const s = { code: 'A', name: 'a', year: 2024, targetKind: 'other', indicators: [] };
    expect(parseSchemeJson(s).scheme).toEqual(s);
  });
  it('accepts targetKind as the Chinese name and normalises it', () => {
    const s = { ...ex(), targetKind: '社区卫生服务中心' };
    expect(parseSchemeJson(s).scheme!.targetKind).toBe('community_centre');
    expect(targetKindOf('医疗集团')).toBe('medical_group');
    expect(targetKindOf('乡镇卫生院')).toBe('township_centre');
  });
  it('rejects an unknown targetKind with its path', () => {
    const r = parseSchemeJson({ ...ex(), targetKind: '卫生所' });
    expect(r.scheme).toBeNull();
    expect(r.problems[0].path).toBe('targetKind');
    expect(r.problems[0].message).toContain('未知的对象类型');
  });
  it('rejects unknown fields at every level, naming them', () => {
    const s = ex();
    s.extra = 1;
    s.indicators[0].children[1].colour = 'red';
    s.indicators[1].children[0].method.bonus = 2;
    s.grades[0].note = 'x';
    const r = parseSchemeJson(s);
    expect(r.scheme).toBeNull();
    expect(r.problems.map((p) => p.path).sort()).toEqual(
      ['extra', 'grades[0].note', 'indicators[0].children[1].colour', 'indicators[1].children[0].method.bonus'].sort(),
    );
    expect(r.problems.find((p) => p.path === 'extra')!.message).toContain('未知字段');
  });
  it('reports a missing method parameter with the field path', () => {
    const s = ex();
    s.indicators.push({
      code: 'Z',
      name: 'z',
      children: [{}, {}, { code: 'Z3', name: 'z3', weight: 1, method: { type: 'ratio' } }],
    });
    s.indicators[3].children[0] = { code: 'Z1', name: 'z1', weight: 1, method: { type: 'manual' } };
    s.indicators[3].children[1] = { code: 'Z2', name: 'z2', weight: 1, method: { type: 'manual' } };
    const r = parseSchemeJson(s);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].path).toBe('indicators[3].children[2].method.target');
    expect(r.problems[0].message).toContain('缺少必填字段');
  });
  it('reports a wrong type with the field path', () => {
    const s = ex();
    s.indicators[0].children[0].weight = '20';
    const r = parseSchemeJson(s);
    expect(r.problems[0]).toMatchObject({ path: 'indicators[0].children[0].weight' });
    expect(r.problems[0].message).toContain('应为数值');
  });
  it('reports missing required scheme fields', () => {
    const s = ex();
    delete s.code;
    delete s.indicators;
    expect(paths(s).sort()).toEqual(['code', 'indicators']);
  });
  it('rejects a non-integer year and an unknown naPolicy', () => {
    expect(paths({ ...ex(), year: 2024.5 })).toEqual(['year']);
    expect(paths({ ...ex(), naPolicy: 'drop' })).toEqual(['naPolicy']);
  });
  it('rejects an unknown method type at method.type', () => {
    const s = ex();
    s.indicators[0].children[0].method = { type: 'magic', target: 1 };
    const r = parseSchemeJson(s);
    expect(r.problems[0].path).toBe('indicators[0].children[0].method.type');
    expect(r.problems[0].message).toContain('未知的计分方法');
  });
  it('linear needs floor (higher) or ceiling (lower)', () => {
    const s = ex();
    delete s.indicators[1].children[0].method.ceiling; // Q1 is lower
    expect(paths(s)).toEqual(['indicators[1].children[0].method.ceiling']);
    const h = ex();
    h.indicators[0].children[0].method = { type: 'linear', target: 85 };
    expect(paths(h)).toEqual(['indicators[0].children[0].method.floor']);
  });
  it('rank mode step needs step; deduct needs points, per is optional', () => {
    const s = ex();
    s.indicators[0].children[0].method = { type: 'rank', mode: 'step' };
    expect(paths(s)).toEqual(['indicators[0].children[0].method.step']);
    const d = ex();
    d.indicators[0].children[1].method = { type: 'deduct', target: 70 };
    expect(paths(d)).toEqual(['indicators[0].children[1].method.points']);
    d.indicators[0].children[1].method = { type: 'deduct', target: 70, points: 1 };
    expect(paths(d)).toEqual([]);
  });
  it('a leaf without weight or method is reported', () => {
    const s = ex();
    delete s.indicators[0].children[0].weight;
    delete s.indicators[0].children[1].method;
    expect(paths(s).sort()).toEqual(['indicators[0].children[0].weight', 'indicators[0].children[1].method']);
  });
  it('criteria and source are optional strings', () => {
    const s = ex();
    s.indicators[0].children[0].criteria = '达到 85% 得满分';
    s.indicators[0].children[0].source = '晋卫发〔2019〕12号 第三条';
    expect(parseSchemeJson(s).problems).toEqual([]);
    s.indicators[0].children[0].source = 3;
    expect(paths(s)).toEqual(['indicators[0].children[0].source']);
  });
});

describe('schemeToJson', () => {
  it('is lossless: parse(export(s)) deep-equals s', () => {
    const s = ex();
    s.indicators[0].children[0].criteria = '细则';
    s.grades[0].quota = 0.3;
    s.salary = { mode: 'grade', gradeCoefficients: { 优秀: 1.2, 良好: 1, 合格: 0.8, 不合格: 0 }, kMax: 1.2, cap: null };
    const a = parseSchemeJson(s).scheme!;
    const b = parseSchemeJson(schemeToJson(a)).scheme!;
    expect(b).toEqual(a);
    expect(parseSchemeJson(JSON.parse(schemeToJsonText(a))).scheme).toEqual(a);
  });
  it('writes the fields in scheme-json.md order and targetKind as the code', () => {
    const a = parseSchemeJson({ ...ex(), targetKind: '社区卫生服务中心' }).scheme!;
    const j = schemeToJson(a);
    expect(Object.keys(j)).toEqual([
      'code',
      'name',
      'year',
      'targetKind',
      'fullScore',
      'grades',
      'bonusCap',
      'naPolicy',
      'minPublicWelfareShare',
      'salary',
      'indicators',
    ]);
    expect(j.targetKind).toBe('community_centre');
  });
});
