import type { SchemeResult } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { ReasonDialog } from '../../components/ReasonDialog';
import { AdjustmentDialog, VetoDialog } from '../ResultDialogs';
import { removalTitle, type Removal } from './adjustments';

export type ResultsDialog = 'adjust' | 'veto';

/** 加分 / 减分, 一票否决 and 撤销 (with a reason); `onDone` reloads after a change. */
export function ResultsDialogs({
  code,
  result,
  dialog,
  removing,
  onClose,
  onCloseRemoving,
  onDone,
}: {
  code: string | null;
  result: SchemeResult | null;
  dialog: ResultsDialog | null;
  removing: Removal | null;
  onClose: () => void;
  onCloseRemoving: () => void;
  onDone: () => Promise<void>;
}) {
  const app = useApp();
  if (!code || !result) return null;
  return (
    <>
      {dialog === 'adjust' && (
        <AdjustmentDialog
          scheme={code}
          results={result.results}
          initialTarget={app.openTarget}
          onCancel={onClose}
          onDone={onDone}
        />
      )}
      {dialog === 'veto' && (
        <VetoDialog
          scheme={code}
          results={result.results}
          initialTarget={app.openTarget}
          onCancel={onClose}
          onDone={onDone}
        />
      )}
      {removing && (
        <ReasonDialog
          title={removalTitle(removing)}
          onCancel={onCloseRemoving}
          confirmText="撤销"
          onConfirm={async (reason) => {
            const ok = await app.run('正在撤销', () =>
              (removing.kind === 'adj'
                ? api.removeAdjustment({ year: app.year, scheme: code, id: removing.row.id, reason })
                : api.removeVeto({ year: app.year, scheme: code, target: removing.row.target, reason })
              ).then(() => true),
            );
            onCloseRemoving();
            if (ok) await onDone();
          }}
        />
      )}
    </>
  );
}
