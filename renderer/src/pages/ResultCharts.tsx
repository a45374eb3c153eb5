import { useMemo } from 'react';
import type { Scheme, SchemeResult } from '../../../shared/domain/types';
import { useApp } from '../app/context';
import { Chart } from '../components/Chart';
import {
  dimensionAverageChart,
  gradeBands,
  gradeDistributionChart,
  rankingChart,
  versusChart,
} from './result-detail/charts';
import { useLastYearResult } from './result-detail/useLastYearResult';

/** 图表: the ranking, the grade distribution, the dimensions' average rates, and last year against this. */
export function ResultCharts({ scheme, result }: { scheme: Scheme; result: SchemeResult }) {
  const app = useApp();
  const last = useLastYearResult(app.year, scheme.code);
  const grades = gradeBands(scheme);
  const rs = result.results;

  const ranking = useMemo(() => rankingChart(result, grades), [result, grades]);
  const distribution = useMemo(() => gradeDistributionChart(rs, grades), [rs, grades]);
  const dimAvg = useMemo(() => dimensionAverageChart(scheme, rs), [rs, scheme]);
  const versus = useMemo(() => (last ? versusChart(app.year, rs, last) : null), [last, rs, app.year]);

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
