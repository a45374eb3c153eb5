/**
 * The charts of the results (图表 tab) and of one target's page, as pure functions of the scheme and
 * its results: ECharts options for the ranking bars, the grade distribution, the radars of score
 * rates by dimension (一级指标) and this year against last. Score rates are exact decimals (shared
 * decimal), to 0.1 %, cut rather than rounded up, as the pages have always shown them.
 */
import type { GradeBand, Scheme, SchemeResult, TargetResult } from '../../../../shared/domain/types';
import { Decimal, ZERO, dec, roundN } from '../../../../shared/decimal';
import { DEFAULT_GRADES } from '../../../../shared/scheme/validate';
import type { ChartOption } from '../../components/Chart';
import { gradeColour } from '../../lib/format';

/** The grade bands a scheme's results are shown in: its own, else the default ones. */
export function gradeBands(scheme: Pick<Scheme, 'grades'> | null | undefined): GradeBand[] {
  return scheme?.grades?.length ? scheme.grades : DEFAULT_GRADES;
}

/** score / weight as a percent to 0.1 (cut); 0 when the weight is 0 or blank. */
export function scoreRate(score: string | Decimal | undefined, weight: string | Decimal | undefined): number {
  const w = dec(weight || '0');
  if (w.isZero()) return 0;
  const rate = dec(score || '0')
    .div(w)
    .times(100);
  return Number(rate.toDecimalPlaces(1, Decimal.ROUND_DOWN).toFixed());
}

/** A target's score rate on one dimension (0 when it has none there). */
export function dimensionRate(r: TargetResult, code: string): number {
  return scoreRate(r.dimensions[code]?.score, r.dimensions[code]?.applicableWeight);
}

/** A radar axis name: at most 8 characters, then "…". */
export function radarName(name: string): string {
  return name.length > 8 ? `${name.slice(0, 8)}…` : name;
}

/** The mean of each target's rate on a dimension, to 0.1 (half up); 0 without targets. */
export function averageRate(results: TargetResult[], code: string): number {
  if (!results.length) return 0;
  const sum = results.reduce((s, r) => s.plus(dimensionRate(r, code)), ZERO);
  return Number(roundN(sum.div(results.length), 1).toFixed());
}

/** All targets' scores on a dimension over all their applicable weights, as a rate. */
export function pooledRate(results: TargetResult[], code: string): number {
  let s = ZERO;
  let w = ZERO;
  for (const r of results) {
    s = s.plus(r.dimensions[code]?.score ?? '0');
    w = w.plus(r.dimensions[code]?.applicableWeight ?? '0');
  }
  return scoreRate(s, w);
}

/** One target's page: its rate on each dimension against the mean of all targets. */
export function targetRadar(scheme: Pick<Scheme, 'indicators'>, result: SchemeResult, r: TargetResult): ChartOption {
  const dims = scheme.indicators;
  return {
    tooltip: {},
    legend: { bottom: 0, data: [r.name, '全部对象平均'] },
    radar: { indicator: dims.map((d) => ({ name: radarName(d.name), max: 100 })), radius: '62%' },
    series: [
      {
        type: 'radar',
        data: [
          { name: r.name, value: dims.map((d) => dimensionRate(r, d.code)) },
          { name: '全部对象平均', value: dims.map((d) => averageRate(result.results, d.code)) },
        ],
      },
    ],
  };
}

const title = (text: string) => ({ text, left: 'center', textStyle: { fontSize: 14 } });
const num = (s: string | undefined) => Number(s ?? 0);

/** 总分排名: one bar per target in rank order, coloured by its grade. */
export function rankingChart(result: SchemeResult, grades: GradeBand[]): ChartOption {
  const rs = result.results;
  return {
    title: title('总分排名'),
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 10, top: 36, bottom: 70 },
    xAxis: {
      type: 'category',
      data: rs.map((r) => r.name),
      axisLabel: { rotate: 45, fontSize: 10, interval: rs.length > 40 ? 'auto' : 0 },
    },
    yAxis: { type: 'value', max: Number(result.fullScore) },
    series: [
      {
        type: 'bar',
        name: '总分',
        data: rs.map((r) => ({ value: num(r.total), itemStyle: { color: gradeColour(r.grade, grades) } })),
      },
    ],
  };
}

/** How many targets are in each grade band, best first. */
export function gradeCounts(results: TargetResult[], grades: GradeBand[]): { name: string; value: number }[] {
  return grades.map((g) => ({ name: g.name, value: results.filter((r) => r.grade === g.name).length }));
}

/** 等次分布: a ring of the grade counts. */
export function gradeDistributionChart(results: TargetResult[], grades: GradeBand[]): ChartOption {
  return {
    title: title('等次分布'),
    tooltip: { trigger: 'item', formatter: '{b}：{c} 个（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '62%'],
        data: gradeCounts(results, grades).map((c) => ({ ...c, itemStyle: { color: gradeColour(c.name, grades) } })),
        label: { formatter: '{b}\n{c}' },
      },
    ],
  };
}

/** 各一级指标平均得分率: the pooled rate of every dimension. */
export function dimensionAverageChart(scheme: Pick<Scheme, 'indicators'>, results: TargetResult[]): ChartOption {
  return {
    title: title('各一级指标平均得分率'),
    tooltip: {},
    radar: {
      indicator: scheme.indicators.map((d) => ({ name: radarName(d.name), max: 100 })),
      radius: '55%',
      center: ['50%', '58%'],
    },
    series: [
      {
        type: 'radar',
        data: [{ name: '平均得分率（%）', value: scheme.indicators.map((d) => pooledRate(results, d.code)) }],
      },
    ],
  };
}

/** At most this many targets are compared with last year. */
export const VERSUS_MAX = 40;

/** This year's first targets against their totals last year (null where a target had none). */
export function versusChart(year: number, results: TargetResult[], last: SchemeResult): ChartOption {
  const prev = new Map(last.results.map((r) => [r.target, r.total]));
  const shown = results.slice(0, VERSUS_MAX);
  return {
    title: title(`${year} 年与 ${year - 1} 年对比（前 ${shown.length} 名）`),
    tooltip: { trigger: 'axis' },
    legend: { top: 22 },
    grid: { left: 40, right: 10, top: 50, bottom: 70 },
    xAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { rotate: 45, fontSize: 10 } },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        name: `${year - 1} 年`,
        data: shown.map((r) => (prev.has(r.target) ? num(prev.get(r.target)) : null)),
        itemStyle: { color: '#9fb7d6' },
      },
      { type: 'bar', name: `${year} 年`, data: shown.map((r) => num(r.total)), itemStyle: { color: '#1f5fa8' } },
    ],
  };
}
