import { useState } from 'react';
import type { Target } from '../../../../shared/domain/types';
import { Dialog, Field } from '../../components/Dialog';
import { retireYearError, yearText } from './form';

/** 停用: from which year on the target is no longer appraised, and why (记入操作日志). */
export function RetireDialog({
  target,
  defaultYear,
  onCancel,
  onConfirm,
}: {
  target: Target;
  defaultYear: number;
  onCancel: () => void;
  onConfirm: (from: number, reason: string) => void;
}) {
  const [fromText, setFromText] = useState(String(defaultYear));
  const [reason, setReason] = useState('');
  const from = yearText(fromText);
  const yearErr = retireYearError(target, from);
  const ok = !yearErr && !!reason.trim();
  return (
    <Dialog
      title={`停用 ${target.name}（${target.code}）`}
      onCancel={onCancel}
      canConfirm={ok}
      confirmText="停用"
      danger
      testId="retire-dialog"
      onConfirm={() => ok && from != null && onConfirm(from, reason.trim())}
    >
      <p className="note">
        停用后，该对象从所填年度起不再参加考核；此前各年度（以及已定稿的年度）的结果、年薪和报表保留不变。
      </p>
      <Field label="从哪一年度起不再考核" error={yearErr}>
        <input value={fromText} onChange={(e) => setFromText(e.target.value)} data-testid="retire-year" />
      </Field>
      <Field label="原因" error={reason.trim() ? null : '必须填写原因'}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="retire-reason" />
      </Field>
    </Dialog>
  );
}
