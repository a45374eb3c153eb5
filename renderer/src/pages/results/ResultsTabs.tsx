import { useMemo } from 'react';
import type { AdjustmentRow, VetoRow } from '../../../../shared/api/contract';
import type { Scheme, SchemeResult } from '../../../../shared/domain/types';
import { Grid } from '../../components/Grid';
import { ResultCharts } from '../ResultCharts';
import { WhatIfPanel } from '../WhatIf';
import { resultTabs, type Removal, type ResultsTab } from './adjustments';
import { AdjustmentTable } from './AdjustmentTable';
import { rankingColumns } from './columns';

/** The results' tabs: 排名 (the grid), 图表, 假设分析, 加减分与否决. */
export function ResultsTabs({
  tab,
  onTab,
  scheme,
  result,
  adjustments,
  vetoes,
  lockReason,
  onOpen,
  onRemove,
}: {
  tab: ResultsTab;
  onTab: (t: ResultsTab) => void;
  scheme: Scheme | null;
  result: SchemeResult;
  adjustments: AdjustmentRow[];
  vetoes: VetoRow[];
  lockReason: string | null;
  /** Open one target's page. */
  onOpen: (target: string) => void;
  onRemove: (r: Removal) => void;
}) {
  const cols = useMemo(() => rankingColumns(scheme), [scheme]);
  return (
    <>
      <div className="tabs" role="tablist">
        {resultTabs(adjustments.length, vetoes.length).map(([t, label]) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'active' : ''}
            onClick={() => onTab(t)}
            data-testid={`results-tab-${t}`}
          >
            {label}
          </button>
        ))}
        <span className="muted tab-note">
          共 {result.results.length} 个对象，满分 {result.fullScore}。双击或按回车查看单个对象。
        </span>
      </div>
      {tab === 'ranking' && (
        <Grid
          testId="ranking-grid"
          rowData={result.results}
          columnDefs={cols}
          getRowId={(p) => p.data.target}
          onRowDoubleClicked={(e) => e.data && onOpen(e.data.target)}
          onCellKeyDown={(e) => {
            if ((e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data) onOpen(e.data.target);
          }}
          tooltipShowDelay={300}
        />
      )}
      {tab === 'charts' && scheme && <ResultCharts scheme={scheme} result={result} />}
      {tab === 'whatif' && scheme && <WhatIfPanel scheme={scheme} result={result} />}
      {tab === 'adjustments' && (
        <AdjustmentTable
          adjustments={adjustments}
          vetoes={vetoes}
          results={result.results}
          lockReason={lockReason}
          onRemove={onRemove}
        />
      )}
    </>
  );
}
