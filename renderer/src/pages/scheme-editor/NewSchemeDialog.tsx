import { useState } from 'react';
import type { Scheme, TargetKind } from '../../../../shared/domain/types';
import { TARGET_KINDS, TARGET_KIND_NAMES } from '../../../../shared/domain/types';
import { Dialog, Field } from '../../components/Dialog';
import { newScheme, newSchemeCodeError } from './edits';

/** 新建考核方案: code, name and kind; the scheme starts with one indicator worth the full score. */
export function NewSchemeDialog({
  onCancel,
  onCreate,
  existing,
  year,
}: {
  onCancel: () => void;
  onCreate: (s: Scheme) => void;
  existing: string[];
  year: number;
}) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<TargetKind>('township_centre');
  const codeErr = newSchemeCodeError(code, existing);
  const ok = !codeErr && !!name.trim();
  return (
    <Dialog
      title="新建考核方案"
      onCancel={onCancel}
      canConfirm={ok}
      confirmText="建立"
      testId="new-scheme-dialog"
      onConfirm={() => onCreate(newScheme(code, name, year, kind))}
    >
      <Field label="方案编码" error={codeErr}>
        <input value={code} onChange={(e) => setCode(e.target.value)} data-testid="new-scheme-code" />
      </Field>
      <Field label="方案名称" error={name.trim() ? null : '请填写方案名称'}>
        <input value={name} onChange={(e) => setName(e.target.value)} data-testid="new-scheme-name" />
      </Field>
      <Field label="考核对象类型">
        <select value={kind} onChange={(e) => setKind(e.target.value as TargetKind)}>
          {TARGET_KINDS.map((k) => (
            <option key={k} value={k}>
              {TARGET_KIND_NAMES[k]}
            </option>
          ))}
        </select>
      </Field>
    </Dialog>
  );
}
