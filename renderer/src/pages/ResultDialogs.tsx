import { useState } from 'react';
import type { TargetResult } from '../../../shared/domain/types';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { Dialog, Field } from '../components/Dialog';
import { readNumber } from '../lib/format';

/** 加分 / 减分: points > 0 and a reason are required. */
export function AdjustmentDialog({
  scheme,
  results,
  initialTarget,
  onDone,
  onCancel,
}: {
  scheme: string;
  results: TargetResult[];
  initialTarget: string | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const app = useApp();
  const [target, setTarget] = useState(initialTarget ?? results[0]?.target ?? '');
  const [kind, setKind] = useState<'bonus' | 'deduction'>('bonus');
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const p = points.trim();
  const n = readNumber(p);
  const pointsErr = !p ? '请填写分数' : n == null || n <= 0 ? '须为大于 0 的数' : null;
  const reasonErr = reason.trim() ? null : '必须填写原因';
  const ok = !!target && !pointsErr && !reasonErr;
  const confirm = async () => {
    if (!ok) return;
    const r = await app.run('正在保存加减分', () =>
      api.addAdjustment({ year: app.year, scheme, target, kind, points: p, reason: reason.trim() }),
    );
    if (r) {
      // Above the scheme's bonus cap the extra points do not count: said, not silently cut.
      if (r.warning) app.notify(`已记录加分 ${p} 分。注意：${r.warning}`, 'info');
      else app.notify(`已记录${kind === 'bonus' ? '加分' : '减分'} ${p} 分`);
      onDone();
    }
  };
  return (
    <Dialog
      title="加分 / 减分"
      onCancel={onCancel}
      onConfirm={confirm}
      canConfirm={ok}
      confirmText="保存"
      testId="adjust-dialog"
    >
      <Field label="考核对象">
        <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="adjust-target">
          {results.map((r) => (
            <option key={r.target} value={r.target}>
              {r.name}（{r.target}）
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="radio-group">
        <legend>类别</legend>
        <label>
          <input
            type="radio"
            name="adj-kind"
            checked={kind === 'bonus'}
            onChange={() => setKind('bonus')}
            data-testid="adjust-bonus"
          />{' '}
          加分
        </label>
        <label>
          <input
            type="radio"
            name="adj-kind"
            checked={kind === 'deduction'}
            onChange={() => setKind('deduction')}
            data-testid="adjust-deduction"
          />{' '}
          减分
        </label>
      </fieldset>
      <Field label="分数" error={points ? pointsErr : null}>
        <input
          value={points}
          onChange={(e) => setPoints(e.target.value)}
          inputMode="decimal"
          data-testid="adjust-points"
        />
      </Field>
      <Field label="原因" error={reasonErr} hint="如：现场检查发现的问题、获得的表彰">
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          style={{ width: 360 }}
          data-testid="adjust-reason"
        />
      </Field>
    </Dialog>
  );
}

/** 一票否决: the target gets the lowest grade whatever its total; a reason is required. */
export function VetoDialog({
  scheme,
  results,
  initialTarget,
  onDone,
  onCancel,
}: {
  scheme: string;
  results: TargetResult[];
  initialTarget: string | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const app = useApp();
  const candidates = results.filter((r) => !r.veto);
  const [target, setTarget] = useState(
    initialTarget && candidates.some((c) => c.target === initialTarget) ? initialTarget : (candidates[0]?.target ?? ''),
  );
  const [reason, setReason] = useState('');
  const ok = !!target && !!reason.trim();
  const confirm = async () => {
    if (!ok) return;
    const r = await app.run('正在保存一票否决', () =>
      api.setVeto({ year: app.year, scheme, target, reason: reason.trim() }).then(() => true),
    );
    if (r) {
      app.notify('已记录一票否决');
      onDone();
    }
  };
  return (
    <Dialog
      title="一票否决"
      onCancel={onCancel}
      onConfirm={confirm}
      canConfirm={ok}
      confirmText="否决"
      danger
      testId="veto-dialog"
    >
      <p className="note">被一票否决的对象，不论总分多少，等次均为最低一档，排名列在其他对象之后。</p>
      <Field label="考核对象">
        <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="veto-target">
          {candidates.map((r) => (
            <option key={r.target} value={r.target}>
              {r.name}（{r.target}）
            </option>
          ))}
        </select>
      </Field>
      <Field label="原因" error={reason.trim() ? null : '必须填写原因'}>
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          style={{ width: 360 }}
          data-testid="veto-reason"
        />
      </Field>
    </Dialog>
  );
}
