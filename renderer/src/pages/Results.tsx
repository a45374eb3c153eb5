import { useState } from 'react';
import type { Problem } from '../../../shared/domain/types';
import { useApp } from '../app/context';
import { LockedNote, SchemePicker } from '../components/SchemePicker';
import { ExportFinanceButton } from '../components/ExportFinanceButton';
import { lockedReason } from '../lib/locked';
import { TargetDetail } from './ResultDetail';
import { problemParts } from '../../../shared/scheme/place';
import type { Removal, ResultsTab } from './results/adjustments';
import { ResultsTabs } from './results/ResultsTabs';
import { ResultsDialogs, type ResultsDialog } from './results/ResultsDialogs';
import { useResults } from './results/useResults';

/**
 * 考核结果: the ranking with its charts, what-if and bonuses/deductions/vetoes, or one target's page
 * when one is opened (double click or Enter in the ranking).
 */
export function ResultsPage() {
  const app = useApp();
  const { code, scheme, result, problems, adjustments, vetoes, load } = useResults();
  const [tab, setTab] = useState<ResultsTab>('ranking');
  const [dialog, setDialog] = useState<ResultsDialog | null>(null);
  const [removing, setRemoving] = useState<Removal | null>(null);

  const afterChange = async () => {
    setDialog(null);
    await load();
    void app.refresh();
  };

  // A locked scheme takes no bonus, deduction or veto: the buttons say why they are off.
  const lockReason = app.current?.state === 'locked' ? lockedReason(app.current.lockedAt) : null;

  const dialogs = (
    <ResultsDialogs
      code={code}
      result={result}
      dialog={dialog}
      removing={removing}
      onClose={() => setDialog(null)}
      onCloseRemoving={() => setRemoving(null)}
      onDone={afterChange}
    />
  );

  const opened =
    app.openTarget && scheme && code ? result?.results.find((x) => x.target === app.openTarget) : undefined;
  if (opened && result && scheme) {
    return (
      <div className="page" data-testid="results-page">
        <TargetDetail
          scheme={scheme}
          result={result}
          target={opened}
          adjustments={adjustments.filter((a) => a.target === opened.target)}
          onBack={() => app.setOpenTarget(null)}
          lockReason={lockReason}
          onAdjust={() => setDialog('adjust')}
          onVeto={() => setDialog('veto')}
          onRemoveVeto={() => {
            const v = vetoes.find((x) => x.target === opened.target);
            if (v) setRemoving({ kind: 'veto', row: v });
          }}
          onRemoveAdjustment={(a) => setRemoving({ kind: 'adj', row: a })}
        />
        {dialogs}
      </div>
    );
  }

  return (
    <div className="page page-fill" data-testid="results-page">
      <div className="page-head">
        <h1>考核结果</h1>
        <SchemePicker />
        <ResultsToolbar hasResult={!!result} lockReason={lockReason} onOpen={setDialog} />
      </div>
      <LockedNote />
      {problems && <ProblemsPanel problems={problems} />}
      {result && (
        <ResultsTabs
          tab={tab}
          onTab={setTab}
          scheme={scheme}
          result={result}
          adjustments={adjustments}
          vetoes={vetoes}
          lockReason={lockReason}
          onOpen={app.setOpenTarget}
          onRemove={setRemoving}
        />
      )}
      {dialogs}
    </div>
  );
}

/** The scheme cannot be scored: its problems, each with its place. */
function ProblemsPanel({ problems }: { problems: Problem[] }) {
  return (
    <div className="panel bad" data-testid="results-problems">
      <strong>方案有 {problems.length} 处问题，不能计分：</strong>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <code>{problemParts(p).place}</code> {problemParts(p).text}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** 加分 / 减分, 一票否决 (off with the reason while the scheme is locked) and the finance export. */
function ResultsToolbar({
  hasResult,
  lockReason,
  onOpen,
}: {
  hasResult: boolean;
  lockReason: string | null;
  onOpen: (d: ResultsDialog) => void;
}) {
  return (
    <div className="toolbar">
      <button
        type="button"
        onClick={() => onOpen('adjust')}
        disabled={!hasResult || !!lockReason}
        title={lockReason ?? undefined}
        data-testid="open-adjust"
      >
        加分 / 减分
      </button>
      <button
        type="button"
        onClick={() => onOpen('veto')}
        disabled={!hasResult || !!lockReason}
        title={lockReason ?? undefined}
        data-testid="open-veto"
      >
        一票否决
      </button>
      <ExportFinanceButton testId="export-results" disabled={!hasResult} />
    </div>
  );
}
