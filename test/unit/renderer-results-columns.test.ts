/**
 * The ranking grid's columns (renderer/src/pages/results/columns.ts): the order, what is pinned,
 * one column per dimension of the scheme, and what each cell shows.
 */
import { describe, expect, it } from 'vitest';
import type { ColDef } from 'ag-grid-community';
import type { Scheme, TargetResult } from '../../shared/domain/types';
import { DEFAULT_GRADES } from '../../shared/scheme/validate';
import { dimensionScore, gradeCellStyle, rankingColumns } from '../../renderer/src/pages/results/columns';

const scheme: Pick<Scheme, 'indicators' | 'grades'> = {
  grades: [
    { name: '好', min: 80 },
    { name: '中', min: 60 },
    { name: '差', min: null },
  ],
  indicators: [
    { code: 'A', name: '服务提供', children: [] },
    { code: 'B', name: '综合管理', children: [] },
    { code: 'C', name: '可持续发展', children: [] },
  ],
};

const row: TargetResult = {
  target: 'T01',
  name: '城关镇卫生院',
  base: '88.50',
  bonus: '1.00',
  deduction: '0.00',
  total: '89.50',
  grade: '好',
  rank: 1,
  veto: null,
  flags: ['MISSING', 'QUOTA'],
  dimensions: {
    A: { code: 'A', name: '服务提供', score: '40.25', applicableWeight: '45' },
    B: { code: 'B', name: '综合管理', score: '28.25', applicableWeight: '30' },
  },
  indicators: {},
};

const id = (c: ColDef<TargetResult>) => c.colId ?? c.field;
// ag-grid calls these with more params; the getters read only `data` / `value`.
const get = (c: ColDef<TargetResult>, data: TargetResult | undefined) =>
  (c.valueGetter as (p: { data: TargetResult | undefined }) => unknown)({ data });

describe('ranking columns', () => {
  it('名次/编码/名称 pinned left, one column per dimension in order, 总分 and 等次 pinned right', () => {
    const cols = rankingColumns(scheme);
    expect(cols.map(id)).toEqual([
      'rank',
      'target',
      'name',
      'dim-A',
      'dim-B',
      'dim-C',
      'base',
      'bonus',
      'deduction',
      'total',
      'grade',
      'veto',
      'flags',
    ]);
    expect(cols.filter((c) => c.pinned === 'left').map(id)).toEqual(['rank', 'target', 'name']);
    expect(cols.filter((c) => c.pinned === 'right').map(id)).toEqual(['total', 'grade']);
    expect(cols.map((c) => c.headerName)).toEqual([
      '名次',
      '编码',
      '名称',
      '服务提供',
      '综合管理',
      '可持续发展',
      '基础分',
      '加分',
      '减分',
      '总分',
      '等次',
      '一票否决',
      '标记',
    ]);
    expect(cols[3]!.headerTooltip).toBe('A 服务提供');
  });

  it('without a scheme there are no dimension columns', () => {
    expect(rankingColumns(null).map(id)).toEqual([
      'rank',
      'target',
      'name',
      'base',
      'bonus',
      'deduction',
      'total',
      'grade',
      'veto',
      'flags',
    ]);
  });

  it('a dimension cell shows its score, blank when the target has none', () => {
    const cols = rankingColumns(scheme);
    const dim = (code: string) => cols.find((c) => c.colId === `dim-${code}`)!;
    expect(get(dim('A'), row)).toBe('40.25');
    expect(get(dim('B'), row)).toBe('28.25');
    expect(get(dim('C'), row)).toBe('');
    expect(get(dim('A'), undefined)).toBe('');
    expect(dimensionScore(row, 'B')).toBe('28.25');
  });

  it('flags in Chinese, a missing veto blank', () => {
    const cols = rankingColumns(scheme);
    expect(
      get(
        cols.find((c) => c.colId === 'flags')!,
        row,
      ),
    ).toBe('缺报、受比例限制降档');
    const veto = cols.find((c) => c.field === 'veto')!;
    const fmt = veto.valueFormatter as (p: { value: unknown }) => string;
    expect(fmt({ value: null })).toBe('');
    expect(fmt({ value: '发生重大医疗事故' })).toBe('发生重大医疗事故');
  });

  it('the 等次 cell is coloured by the band’s place in the scheme (best green, last red)', () => {
    const cols = rankingColumns(scheme);
    const style = cols.find((c) => c.field === 'grade')!.cellStyle as (p: { value: unknown }) => {
      background: string;
    };
    expect(style({ value: '好' }).background).toBe('#1b8a3a');
    expect(style({ value: '中' }).background).toBe('#2f6fb5');
    expect(style({ value: '差' }).background).toBe('#c0392b');
    expect(style({ value: '优秀' }).background).toBe('#555'); // not a band of this scheme
    expect(gradeCellStyle('优秀', DEFAULT_GRADES)).toEqual({
      color: '#fff',
      background: '#1b8a3a',
      fontWeight: 600,
      textAlign: 'center',
    });
    expect(gradeCellStyle(undefined, DEFAULT_GRADES).background).toBe('#555');
  });
});
