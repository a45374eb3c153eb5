import { useState } from 'react';
import { TARGET_KINDS, TARGET_KIND_NAMES, type Target, type TargetKind } from '../../../../shared/domain/types';
import { Dialog, Field } from '../../components/Dialog';
import { checkTargetForm, targetForm, targetFormResult, type TargetForm } from './form';

/** 新增 / 编辑 one target: code (fixed once stored), name, years, kind, group; an edit may say why. */
export function TargetDialog({
  initial,
  isNew,
  groups,
  existing,
  onCancel,
  onSave,
}: {
  initial: Target;
  isNew: boolean;
  groups: Target[];
  existing: Target[];
  onCancel: () => void;
  onSave: (t: Target, isNew: boolean, reason: string) => void;
}) {
  const [f, setF] = useState<TargetForm>(() => targetForm(initial));
  const [reason, setReason] = useState('');
  const t = f.target;
  const set = (change: Partial<Target>) => setF({ ...f, target: { ...t, ...change } });
  const c = checkTargetForm(f, isNew, existing);
  return (
    <Dialog
      title={isNew ? '新增考核对象' : `编辑考核对象 ${initial.code}`}
      onCancel={onCancel}
      canConfirm={c.ok}
      onConfirm={() => c.ok && onSave(targetFormResult(f), isNew, reason.trim())}
      confirmText="保存"
      testId="target-dialog"
    >
      <Field label="对象编码" error={c.code} hint="编码跨年度保持不变">
        <input
          value={t.code}
          disabled={!isNew}
          onChange={(e) => set({ code: e.target.value })}
          data-testid="target-code"
        />
      </Field>
      <Field
        label="对象名称"
        error={c.name}
        hint={c.sameName ? `注意：同一集团中已有同名对象 ${c.sameName.code}，请确认不是重复登记` : undefined}
      >
        <input value={t.name} onChange={(e) => set({ name: e.target.value })} data-testid="target-name" />
      </Field>
      <Field label="起始年度" error={c.from} hint="第一个参加考核的年度；留空表示不限（如新设机构填设立当年）">
        <input
          value={f.fromText}
          onChange={(e) => setF({ ...f, fromText: e.target.value })}
          placeholder="如 2025"
          data-testid="target-from"
        />
      </Field>
      <Field label="终止年度" error={c.to} hint="最后一个参加考核的年度；留空表示仍在考核">
        <input
          value={f.toText}
          onChange={(e) => setF({ ...f, toText: e.target.value })}
          placeholder="留空"
          data-testid="target-to"
        />
      </Field>
      <KindGroupFields target={t} groups={groups} onChange={set} />
      {!isNew && (
        <Field label="修改原因" hint="可不填，填写后记入操作日志">
          <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="target-reason" />
        </Field>
      )}
    </Dialog>
  );
}

/** 类型 and 所属医疗集团 (a group is not its own member). */
function KindGroupFields({
  target: t,
  groups,
  onChange,
}: {
  target: Target;
  groups: Target[];
  onChange: (change: Partial<Target>) => void;
}) {
  return (
    <>
      <Field label="类型">
        <select
          value={t.kind}
          onChange={(e) => onChange({ kind: e.target.value as TargetKind })}
          data-testid="target-kind"
        >
          {TARGET_KINDS.map((k) => (
            <option key={k} value={k}>
              {TARGET_KIND_NAMES[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="所属医疗集团">
        <select
          value={t.group ?? ''}
          onChange={(e) => onChange({ group: e.target.value || null })}
          data-testid="target-group"
        >
          <option value="">（无）</option>
          {groups
            .filter((g) => g.code !== t.code)
            .map((g) => (
              <option key={g.code} value={g.code}>
                {g.name}（{g.code}）
              </option>
            ))}
        </select>
      </Field>
    </>
  );
}
