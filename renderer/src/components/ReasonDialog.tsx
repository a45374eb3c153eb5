import { useState } from 'react';
import { Dialog, Field } from './Dialog';

/** Confirm an action that must carry a reason (记入操作日志). */
export function ReasonDialog({
  title,
  note,
  onCancel,
  onConfirm,
  confirmText = '确定',
  danger,
}: {
  title: string;
  note?: string;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
  confirmText?: string;
  danger?: boolean;
}) {
  const [reason, setReason] = useState('');
  return (
    <Dialog
      title={title}
      onCancel={onCancel}
      onConfirm={() => reason.trim() && onConfirm(reason.trim())}
      canConfirm={!!reason.trim()}
      confirmText={confirmText}
      danger={danger}
      testId="reason-dialog"
    >
      {note && <p className="note">{note}</p>}
      <Field label="原因" error={reason.trim() ? null : '必须填写原因'}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reason-input" />
      </Field>
    </Dialog>
  );
}
