import { useEffect, useMemo, useState } from 'react';
import type { Scheme, SchemeResult } from '../../../shared/domain/types';
import { dec } from '../../../shared/decimal';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { Chart, type ChartOption } from '../components/Chart';
import { gradeColour } from '../lib/format';
import { DEFAULT_GRADES } from '../../../shared/scheme/validate';

const num = (s: string | undefined) => Number(s ?? 0);

export function ResultCharts({ scheme, result }: { scheme: Scheme; result: SchemeResult }) {
  const app = useApp();
  const [last, setLast] = useState<SchemeResult | null | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    api.score({ year: app.year - 1, scheme: scheme.code }).then(
      (r) => alive && setLast(r),
      () => alive && setLast(null),
    );
    return () => {
      alive = false;
    };
  }, [app.year, scheme.code]);

  const grades = scheme.grades?.length ? scheme.grades : DEFAULT_GRADES;
  const rs = result.results;

  const ranking = useMemo<ChartOption>(
    () => ({
      title: { text: '总分排名', left: 'center', textStyle: { fontSize: 14 } },
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
    }),
    [rs, result.fullScore, grades],
  );

  const distribution = useMemo<ChartOption>(
    () => ({
      title: { text: '等次分布', left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'item', formatter: '{b}：{c} 个（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['35%', '62%'],
          data: grades.map((g) => ({
            name: g.name,
            value: rs.filter((r) => r.grade === g.name).length,
            itemStyle: { color: gradeColour(g.name, grades) },
          })),
          label: { formatter: '{b}\n{c}' },
        },
      ],
    }),
    [rs, grades],
  );

  const dimAvg = useMemo<ChartOption>(
    () => ({
      title: { text: '各一级指标平均得分率', left: 'center', textStyle: { fontSize: 14 } },
      tooltip: {},
      radar: {
        indicator: scheme.indicators.map((d) => ({
          name: d.name.length > 8 ? `${d.name.slice(0, 8)}…` : d.name,
          max: 100,
        })),
        radius: '55%',
        center: ['50%', '58%'],
      },
      series: [
        {
          type: 'radar',
          data: [
            {
              name: '平均得分率（%）',
              value: scheme.indicators.map((d) => {
                let s = dec(0),
                  w = dec(0);
                for (const r of rs) {
                  s = s.plus(r.dimensions[d.code]?.score ?? '0');
                  w = w.plus(r.dimensions[d.code]?.applicableWeight ?? '0');
                }
                return w.isZero() ? 0 : Number(s.div(w).times(100).toDecimalPlaces(1).toFixed());
              }),
            },
          ],
        },
      ],
    }),
    [rs, scheme],
  );

  const versus = useMemo<ChartOption | null>(() => {
    if (!last) return null;
    const prev = new Map(last.results.map((r) => [r.target, r]));
    const shown = rs.slice(0, 40);
    return {
      title: {
        text: `${app.year} 年与 ${app.year - 1} 年对比（前 ${shown.length} 名）`,
        left: 'center',
        textStyle: { fontSize: 14 },
      },
      tooltip: { trigger: 'axis' },
      legend: { top: 22 },
      grid: { left: 40, right: 10, top: 50, bottom: 70 },
      xAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { rotate: 45, fontSize: 10 } },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          name: `${app.year - 1} 年`,
          data: shown.map((r) => (prev.has(r.target) ? num(prev.get(r.target)!.total) : null)),
          itemStyle: { color: '#9fb7d6' },
        },
        { type: 'bar', name: `${app.year} 年`, data: shown.map((r) => num(r.total)), itemStyle: { color: '#1f5fa8' } },
      ],
    };
  }, [last, rs, app.year]);

  return (
    <div className="charts scroll" data-testid="charts">
      <div className="chart-card wide">
        <Chart option={ranking} height={300} testId="chart-ranking" />
      </div>
      <div className="chart-card">
        <Chart option={distribution} height={280} testId="chart-grades" />
      </div>
      <div className="chart-card">
        <Chart option={dimAvg} height={280} testId="chart-radar" />
      </div>
      <div className="chart-card wide">
        {versus ? (
          <Chart option={versus} height={300} testId="chart-versus" />
        ) : (
          <div className="muted pad" data-testid="chart-versus-empty">
            {last === undefined ? '正在读取上一年结果……' : `${app.year - 1} 年没有同编码方案的结果，无法对比。`}
          </div>
        )}
      </div>
    </div>
  );
}
