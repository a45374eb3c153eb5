import { useMemo, useState } from 'react';
import type { AdjustmentRow } from '../../../shared/api/contract';
import type { Scheme, SchemeResult, TargetResult } from '../../../shared/domain/types';
import { DetailHead, ScoreHead } from './result-detail/DetailHead';
import { DetailSide } from './result-detail/DetailSide';
import { IndicatorTable, TraceBox } from './result-detail/IndicatorTable';
import { indicatorRows } from './result-detail/rows';
import { useTargetHistory } from './result-detail/useTargetHistory';

/** One target's page: dimension subtotals, each indicator's value, target, score and trace. */
export function TargetDetail({
  scheme,
  result,
  target: r,
  adjustments,
  lockReason,
  onBack,
  onAdjust,
  onVeto,
  onRemoveVeto,
  onRemoveAdjustment,
}: {
  /** Why changes are refused (a locked scheme), or null. */
  lockReason: string | null;
  scheme: Scheme;
  result: SchemeResult;
  target: TargetResult;
  adjustments: AdjustmentRow[];
  onBack: () => void;
  onAdjust: () => void;
  onVeto: () => void;
  onRemoveVeto: () => void;
  onRemoveAdjustment: (a: AdjustmentRow) => void;
}) {
  const [traceOf, setTraceOf] = useState<string | null>(null);
  const { history, term } = useTargetHistory(scheme.code, r.target, result.year);
  const rows = useMemo(() => indicatorRows(scheme), [scheme]);
  const traced = traceOf ? r.indicators[traceOf] : null;
  const tracedNode = traceOf ? rows.find((x) => x.node.code === traceOf)?.node : null;

  return (
    <div className="detail" data-testid="target-detail">
      <DetailHead
        target={r}
        lockReason={lockReason}
        onBack={onBack}
        onAdjust={onAdjust}
        onVeto={onVeto}
        onRemoveVeto={onRemoveVeto}
      />
      <ScoreHead scheme={scheme} result={result} target={r} />
      <div className="detail-grid">
        <DetailSide
          scheme={scheme}
          result={result}
          target={r}
          history={history}
          term={term}
          adjustments={adjustments}
          lockReason={lockReason}
          onRemoveAdjustment={onRemoveAdjustment}
        />
        <div className="detail-right">
          <IndicatorTable rows={rows} target={r} traceOf={traceOf} onTrace={setTraceOf} />
          {traced && tracedNode && <TraceBox node={tracedNode} indicator={traced} onClose={() => setTraceOf(null)} />}
        </div>
      </div>
      {lockReason && (
        <div className="locked-note" data-testid="detail-locked">
          {lockReason}
        </div>
      )}
    </div>
  );
}
