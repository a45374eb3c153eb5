import type { Direction, IndicatorNode, MethodType, Problem } from '../../../../shared/domain/types';
import { METHOD_NAMES } from '../../../../shared/domain/types';
import { Field } from '../../components/Dialog';
import { NumField } from '../../components/NumField';
import { DIRECTION_NAMES } from '../../lib/format';
import { MethodParams } from './MethodParams';
import { withDirection, withMethodPatch, withMethodType } from './methodParams';

type Edit = (fn: (n: IndicatorNode) => IndicatorNode) => void;

/** The selected indicator: code, name and weight; a leaf also its unit, direction, method and range. */
export function NodeForm({
  node,
  isLeaf,
  problems,
  onChange,
  disabled,
}: {
  node: IndicatorNode;
  isLeaf: boolean;
  problems: Problem[];
  onChange: Edit;
  disabled: boolean;
}) {
  const set = (patch: Partial<IndicatorNode>) => onChange((n) => ({ ...n, ...patch }));
  return (
    <fieldset className="form-grid" disabled={disabled} data-testid="node-form">
      <Field label="编码" error={node.code.trim() ? null : '请填写编码'}>
        <input value={node.code} onChange={(e) => set({ code: e.target.value.trim() })} data-testid="node-code" />
      </Field>
      <Field label="名称" error={node.name.trim() ? null : '请填写名称'}>
        <input
          value={node.name}
          onChange={(e) => set({ name: e.target.value })}
          style={{ width: 320 }}
          data-testid="node-name"
        />
      </Field>
      {isLeaf ? (
        <LeafFields node={node} onChange={onChange} />
      ) : (
        <Field label="分值（可不填）" hint="填写时须等于下级指标分值之和">
          <NumField value={node.weight} onChange={(v) => set({ weight: v })} testId="node-weight" />
        </Field>
      )}
      <Field label="评分细则">
        <textarea
          value={node.criteria ?? ''}
          onChange={(e) => set({ criteria: e.target.value })}
          rows={2}
          style={{ width: 420 }}
        />
      </Field>
      {node.source && (
        <Field label="依据">
          <span className="muted">{node.source}</span>
        </Field>
      )}
      {problems.length > 0 && (
        <ul className="inline-problems" role="alert" data-testid="node-problems">
          {problems.map((p, i) => (
            <li key={i}>
              <code>{p.path}</code> {p.message}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** A leaf's scoring fields. */
function LeafFields({ node, onChange }: { node: IndicatorNode; onChange: Edit }) {
  const set = (patch: Partial<IndicatorNode>) => onChange((n) => ({ ...n, ...patch }));
  const m = node.method;
  const dir = node.direction ?? 'higher';
  return (
    <>
      <Field label="分值">
        <NumField
          value={node.weight}
          onChange={(v) => set({ weight: v })}
          required
          testId="node-weight"
          disabled={m?.type === 'monitor'}
        />
      </Field>
      <Field label="单位" hint="“%”表示按百分点填写（85 即 85%）">
        <input
          value={node.unit ?? ''}
          onChange={(e) => set({ unit: e.target.value })}
          style={{ width: 80 }}
          data-testid="node-unit"
        />
      </Field>
      <Field label="方向">
        <select
          value={dir}
          onChange={(e) => onChange((n) => withDirection(n, e.target.value as Direction))}
          data-testid="node-direction"
        >
          <option value="higher">{DIRECTION_NAMES.higher}</option>
          <option value="lower">{DIRECTION_NAMES.lower}</option>
        </select>
      </Field>
      <Field label="计分方法">
        <select
          value={m?.type ?? ''}
          onChange={(e) => onChange((n) => withMethodType(n, e.target.value as MethodType))}
          data-testid="node-method"
        >
          {!m && <option value="">（请选择）</option>}
          {(Object.keys(METHOD_NAMES) as MethodType[]).map((t) => (
            <option key={t} value={t}>
              {METHOD_NAMES[t]}
            </option>
          ))}
        </select>
      </Field>
      <MethodParams node={node} setM={(patch) => onChange((n) => withMethodPatch(n, patch))} />
      <Field label="公益性指标">
        <input
          type="checkbox"
          checked={!!node.publicWelfare}
          onChange={(e) => set({ publicWelfare: e.target.checked })}
          data-testid="node-pw"
        />
      </Field>
      <Field label="有效范围" hint="超出范围的填报值视为错误；可不填">
        <span className="row">
          <NumField value={node.min ?? undefined} placeholder="最小" onChange={(v) => set({ min: v ?? null })} />
          —
          <NumField value={node.max ?? undefined} placeholder="最大" onChange={(v) => set({ max: v ?? null })} />
        </span>
      </Field>
    </>
  );
}
