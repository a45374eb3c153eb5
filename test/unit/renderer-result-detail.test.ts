/**
 * One target's page and the 图表 tab (renderer/src/pages/result-detail/): the indicator table's rows
 * and cells, the notes, and the chart series, on the ex1 example as the shared scorer scores it.
 */
import { describe, expect, it } from 'vitest';
import type { IndicatorNode, SchemeResult, TargetResult } from '../../shared/domain/types';
import { parseSchemeJson } from '../../shared/scheme/parse';
import { scoreScheme } from '../../shared/scoring/engine';
import {
  averageRate,
  dimensionAverageChart,
  dimensionRate,
  gradeBands,
  gradeCounts,
  pooledRate,
  radarName,
  rankingChart,
  scoreRate,
  targetRadar,
  versusChart,
} from '../../renderer/src/pages/result-detail/charts';
import {
  adjustmentText,
  bonusCapText,
  groupText,
  indicatorRows,
  leafCells,
  termFlagsText,
  termYearCells,
  valueCell,
} from '../../renderer/src/pages/result-detail/rows';
import { jsonValue, readExample } from './helpers/scoring-fixtures';

const scheme = parseSchemeJson(readExample('ex1-scheme.json')).scheme!;
const values = readExample('ex1-values.json') as Record<string, Record<string, unknown>>;
const result: SchemeResult = scoreScheme({
  scheme,
  targets: Object.keys(values).map((code) => ({ code, name: `${code} 卫生院` })),
  values: new Map(
    Object.entries(values).map(([t, row]) => [t, new Map(Object.entries(row).map(([k, v]) => [k, jsonValue(v)]))]),
  ),
  adjustments: [],
  vetoes: [],
});
const of = (t: string) => result.results.find((r) => r.target === t)!;
const node = (code: string) => indicatorRows(scheme).find((r) => r.node.code === code)!.node;

describe('the indicator table', () => {
  it('lists groups then their leaves, depth first, with the dimension each is under', () => {
    expect(indicatorRows(scheme).map((r) => [r.node.code, r.depth, r.leaf, r.dim])).toEqual([
      ['P', 0, false, 'P'],
      ['P1', 1, true, 'P'],
      ['P2', 1, true, 'P'],
      ['Q', 0, false, 'Q'],
      ['Q1', 1, true, 'Q'],
      ['Q2', 1, true, 'Q'],
      ['Q3', 1, true, 'Q'],
      ['S', 0, false, 'S'],
      ['S1', 1, true, 'S'],
    ]);
  });

  it('takes a node with children: [] for a leaf, as the scorer does', () => {
    const x: IndicatorNode = {
      code: 'X1',
      name: '空下级',
      weight: 10,
      method: { type: 'ratio', target: 100 },
      children: [],
    };
    const rows = indicatorRows({ indicators: [{ code: 'A', name: '组', children: [x] }] });
    expect(rows.map((r) => [r.node.code, r.leaf])).toEqual([
      ['A', false],
      ['X1', true],
    ]);
  });

  it('says a group with its subtotal, or without one the result lacks', () => {
    expect(groupText(node('P'), of('EX-01'))).toBe('P 公共卫生　小计 34.87 / 40');
    expect(groupText({ code: 'Z', name: '其他' }, of('EX-01'))).toBe('Z 其他');
  });

  it('shows values with the unit, 缺报 and 不适用 marked, labels as written', () => {
    expect(valueCell(of('EX-01').indicators.P1, node('P1'))).toEqual({ kind: 'text', text: '80.2%' });
    expect(valueCell(of('EX-01').indicators.Q3, node('Q3'))).toEqual({ kind: 'text', text: '38211人次' });
    expect(valueCell(of('EX-01').indicators.S1, node('S1'))).toEqual({ kind: 'text', text: '满意' });
    expect(valueCell(of('EX-03').indicators.P2, node('P2'))).toEqual({ kind: 'missing' });
    expect(valueCell(of('EX-02').indicators.Q2, node('Q2'))).toEqual({ kind: 'na' });
    expect(valueCell(undefined, node('P1'))).toEqual({ kind: 'text', text: '' });
  });

  it('gives weight, score (— for none) and flags in words', () => {
    expect(leafCells(of('EX-01').indicators.P1, node('P1'))).toEqual({ weight: '20', score: '18.87', flags: '' });
    expect(leafCells(of('EX-01').indicators.Q3, node('Q3')).score).toBe('—');
    expect(leafCells(of('EX-03').indicators.P2, node('P2'))).toMatchObject({ score: '0.00', flags: '缺报' });
    expect(leafCells(undefined, node('P1'))).toEqual({ weight: '20', score: '—', flags: '' });
  });
});

describe('the notes on the page', () => {
  it('says a capped bonus, and nothing when the bonus is within the cap', () => {
    const capped = { ...of('EX-01'), bonus: '3.00', bonusClaimed: '4.00' } as TargetResult;
    expect(bonusCapText(capped, 3)).toBe('加分已封顶：记录的加分合计 4.00 分，超过方案上限 3 分，按 3.00 分计入总分');
    expect(bonusCapText(of('EX-01'), 3)).toBeNull();
  });

  it('says a failed term with the county practice, other flags without', () => {
    expect(termFlagsText({ flags: ['TERM_FAIL'], failLimit: 2 })).toEqual({
      text: '任期内多次考核不合格（任期内不合格达 2 次，本县做法：提请调整主要负责人）',
      failed: true,
    });
    expect(termFlagsText({ flags: ['TERM_GAP'], failLimit: 2 }).failed).toBe(false);
    expect(termYearCells({ year: 2024, total: null, grade: null, rank: null, failed: false })).toEqual({
      total: '无结果',
      grade: '',
      rank: '',
    });
    expect(termYearCells({ year: 2025, total: '86.37', grade: '良好', rank: 2, failed: false }).rank).toBe('第 2 名');
  });

  it('lists a bonus and a deduction with their points and reason', () => {
    expect(adjustmentText({ kind: 'bonus', points: '2', reason: '省级表彰' })).toBe('加 2 分：省级表彰');
    expect(adjustmentText({ kind: 'deduction', points: '1.5', reason: '通报' })).toBe('减 1.5 分：通报');
  });
});

describe('score rates', () => {
  it('cuts to 0.1 % (34.87 of 40 is 87.1, not 87.2); 0 for no weight', () => {
    expect(scoreRate('34.87', '40')).toBe(87.1);
    expect(scoreRate('5', '0')).toBe(0);
    expect(scoreRate(undefined, undefined)).toBe(0);
    expect(scheme.indicators.map((d) => dimensionRate(of('EX-01'), d.code))).toEqual([87.1, 78.7, 100]);
  });

  it('averages the targets’ rates (half up), or pools all scores over all weights', () => {
    // P: (87.1 + 100 + 36.3) / 3 = 74.466…; pooled: 89.39 / 120 = 74.49…
    expect(scheme.indicators.map((d) => averageRate(result.results, d.code))).toEqual([74.5, 67.1, 56.7]);
    expect(scheme.indicators.map((d) => pooledRate(result.results, d.code))).toEqual([74.4, 60.5, 56.6]);
    expect(averageRate([], 'P')).toBe(0);
  });
});

describe('the charts', () => {
  const grades = gradeBands(scheme);

  it('a target’s radar: its rates against all targets’ average, names cut at 8 characters', () => {
    const o = targetRadar(scheme, result, of('EX-01')) as any;
    expect(o.series[0].data).toEqual([
      { name: 'EX-01 卫生院', value: [87.1, 78.7, 100] },
      { name: '全部对象平均', value: [74.5, 67.1, 56.7] },
    ]);
    expect(o.radar.indicator.map((i: { name: string }) => i.name)).toEqual(['公共卫生', '医疗质量与费用', '满意度']);
    expect(radarName('基本公共卫生服务项目')).toBe('基本公共卫生服务…');
  });

  it('ranking bars in rank order, coloured by grade, up to the full score', () => {
    const o = rankingChart(result, grades) as any;
    expect(o.xAxis.data).toEqual(['EX-02 卫生院', 'EX-01 卫生院', 'EX-03 卫生院']);
    expect(o.series[0].data.map((d: { value: number }) => d.value)).toEqual([92.5, 86.37, 23.52]);
    expect(o.series[0].data[2].itemStyle.color).toBe('#c0392b');
    expect(o.yAxis.max).toBe(100);
  });

  it('grade counts in the scheme’s bands; the default bands without any', () => {
    expect(gradeCounts(result.results, grades)).toEqual([
      { name: '优秀', value: 1 },
      { name: '良好', value: 1 },
      { name: '合格', value: 0 },
      { name: '不合格', value: 1 },
    ]);
    expect(gradeBands({ grades: [] }).map((g) => g.name)).toEqual(['优秀', '良好', '合格', '不合格']);
  });

  it('the dimensions’ average radar uses the pooled rates', () => {
    const o = dimensionAverageChart(scheme, result.results) as any;
    expect(o.series[0].data[0].value).toEqual([74.4, 60.5, 56.6]);
  });

  it('this year against last: last year’s total, or a gap for a target without one', () => {
    const last = { ...result, year: 2024, results: [{ ...of('EX-01'), total: '80.10' }] };
    const o = versusChart(2025, result.results, last) as any;
    expect(o.title.text).toBe('2025 年与 2024 年对比（前 3 名）');
    expect(o.series.map((s: { name: string }) => s.name)).toEqual(['2024 年', '2025 年']);
    expect(o.series[0].data).toEqual([null, 80.1, null]);
    expect(o.series[1].data).toEqual([92.5, 86.37, 23.52]);
  });
});
