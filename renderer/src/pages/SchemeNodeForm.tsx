import type { Direction, IndicatorNode, Method, MethodType, Problem } from '../../../shared/domain/types';
import { METHOD_NAMES, PLAN_NATURE_NAMES } from '../../../shared/domain/types';
import { Field } from '../components/Dialog';
import { NumField } from '../components/NumField';
import { DIRECTION_NAMES } from '../lib/format';

/** A fresh method of a type, keeping the target value when the new type also has one. */
function methodOfType(type: MethodType, old: Method | undefined): Method {
  const t = old && 'target' in old ? old.target : 0;
  switch (type) {
    case 'threshold':
      return { type, target: t };
    case 'ratio':
      return { type, target: t };
    case 'linear':
      return { type, target: t, floor: 0 };
    case 'growth':
      return { type, target: t, floor: 0 };
    case 'deduct':
      return { type, target: t, per: 1, points: 1, mode: 'proportional' };
    case 'bands':
      return { type, bands: [{ bound: t, score: 0 }] };
    case 'rank':
      return { type, mode: 'proportional' };
    case 'grade':
      return { type, labels: { 好: 1, 较好: 0.8, 一般: 0.6, 差: 0 } };
    case 'pace':
      return { type, baseline: 0, baseYear: 2020, target: t, targetYear: 2025, nature: 'expected' };
    default:
      return { type } as Method;
  }
}

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
  onChange: (fn: (n: IndicatorNode) => IndicatorNode) => void;
  disabled: boolean;
}) {
  const set = (patch: Partial<IndicatorNode>) => onChange((n) => ({ ...n, ...patch }));
  const m = node.method;
  const setM = (patch: Record<string, unknown>) =>
    onChange((n) => ({ ...n, method: { ...(n.method as Method), ...patch } as Method }));
  const dir = node.direction ?? 'higher';
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
      {!isLeaf && (
        <Field label="分值（可不填）" hint="填写时须等于下级指标分值之和">
          <NumField value={node.weight} onChange={(v) => set({ weight: v })} testId="node-weight" />
        </Field>
      )}
      {isLeaf && (
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
              onChange={(e) => {
                const d = e.target.value as Direction;
                onChange((n) => {
                  const mm = n.method as Method | undefined;
                  // linear/growth switch between floor and ceiling with the direction.
                  if (mm && (mm.type === 'linear' || mm.type === 'growth')) {
                    const { floor: _f, ceiling: _c, ...rest } = mm;
                    return {
                      ...n,
                      direction: d,
                      method: (d === 'higher'
                        ? { ...rest, floor: 0 }
                        : { ...rest, ceiling: mm.target * 2 || 1 }) as Method,
                    };
                  }
                  return { ...n, direction: d };
                });
              }}
              data-testid="node-direction"
            >
              <option value="higher">{DIRECTION_NAMES.higher}</option>
              <option value="lower">{DIRECTION_NAMES.lower}</option>
            </select>
          </Field>
          <Field label="计分方法">
            <select
              value={m?.type ?? ''}
              onChange={(e) => {
                const type = e.target.value as MethodType;
                onChange((n) => ({
                  ...n,
                  method: methodOfType(type, n.method),
                  ...(type === 'monitor' ? { weight: 0 } : {}),
                }));
              }}
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
          {m && <MethodParams method={m} direction={dir} unit={node.unit ?? ''} setM={setM} onChange={onChange} />}
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

function MethodParams({
  method: m,
  direction,
  unit,
  setM,
  onChange,
}: {
  method: Method;
  direction: Direction;
  unit: string;
  setM: (patch: Record<string, unknown>) => void;
  onChange: (fn: (n: IndicatorNode) => IndicatorNode) => void;
}) {
  const u = unit ? `（${unit}）` : '';
  switch (m.type) {
    case 'threshold':
    case 'ratio':
      return (
        <Field
          label={`目标值${u}`}
          error={m.type === 'ratio' && m.target != null && m.target <= 0 ? '比例得分的目标值须大于 0' : null}
        >
          <NumField value={m.target} onChange={(v) => setM({ target: v })} required testId="param-target" />
        </Field>
      );
    case 'linear':
    case 'growth': {
      const isGrowth = m.type === 'growth';
      const t = m.target;
      const edgeErr =
        direction === 'higher'
          ? m.floor != null && t != null && !(m.floor < t)
            ? '下限须小于目标值'
            : null
          : m.ceiling != null && t != null && !(m.ceiling > t)
            ? '上限须大于目标值'
            : null;
      return (
        <>
          <Field label={isGrowth ? '目标增长率（%）' : `目标值${u}`}>
            <NumField value={t} onChange={(v) => setM({ target: v })} required testId="param-target" />
          </Field>
          {direction === 'higher' ? (
            <Field label={isGrowth ? '零分增长率（%）' : `零分下限${u}`} error={edgeErr}>
              <NumField
                value={m.floor}
                onChange={(v) => setM({ floor: v })}
                required={!isGrowth}
                testId="param-floor"
              />
            </Field>
          ) : (
            <Field label={isGrowth ? '零分增长率上限（%）' : `零分上限${u}`} error={edgeErr}>
              <NumField value={m.ceiling} onChange={(v) => setM({ ceiling: v })} required testId="param-ceiling" />
            </Field>
          )}
        </>
      );
    }
    case 'deduct':
      return (
        <>
          <Field label={`目标值${u}`}>
            <NumField value={m.target} onChange={(v) => setM({ target: v })} required testId="param-target" />
          </Field>
          <Field label={`每差${u}`} error={m.per != null && m.per <= 0 ? '须大于 0' : null}>
            <NumField value={m.per ?? 1} onChange={(v) => setM({ per: v })} />
          </Field>
          <Field label="扣分" error={m.points != null && m.points <= 0 ? '须大于 0' : null}>
            <NumField value={m.points} onChange={(v) => setM({ points: v })} required testId="param-points" />
          </Field>
          <Field label="不足一个单位">
            <select value={m.mode ?? 'proportional'} onChange={(e) => setM({ mode: e.target.value })}>
              <option value="proportional">按比例扣</option>
              <option value="whole">按一个单位扣</option>
              <option value="floor">不扣</option>
            </select>
          </Field>
        </>
      );
    case 'rank':
      return (
        <>
          <Field label="排名计分">
            <select value={m.mode ?? 'proportional'} onChange={(e) => setM({ mode: e.target.value })}>
              <option value="proportional">按名次比例</option>
              <option value="step">每降一名扣固定分</option>
            </select>
          </Field>
          {m.mode === 'step' && (
            <Field label="每名扣分">
              <NumField value={m.step} onChange={(v) => setM({ step: v })} required />
            </Field>
          )}
        </>
      );
    case 'bands':
      return (
        <div className="param-table">
          <div className="subhead">
            分档（{direction === 'higher' ? '达到界限得该档分，界限从高到低' : '不超过界限得该档分，界限从低到高'}）
          </div>
          <table className="mini">
            <thead>
              <tr>
                <th>界限{u}</th>
                <th>得分</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {m.bands.map((b, i) => (
                <tr key={i}>
                  <td>
                    <NumField
                      value={b.bound}
                      onChange={(v) => setM({ bands: m.bands.map((x, j) => (j === i ? { ...x, bound: v } : x)) })}
                      required
                    />
                  </td>
                  <td>
                    <NumField
                      value={b.score}
                      onChange={(v) => setM({ bands: m.bands.map((x, j) => (j === i ? { ...x, score: v } : x)) })}
                      required
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => setM({ bands: m.bands.filter((_, j) => j !== i) })}
                    >
                      删除
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="small" onClick={() => setM({ bands: [...m.bands, { bound: 0, score: 0 }] })}>
            加一档
          </button>
        </div>
      );
    case 'grade': {
      const entries = Object.entries(m.labels);
      const setLabels = (list: [string, number][]) =>
        onChange((n) => ({ ...n, method: { type: 'grade', labels: Object.fromEntries(list) } }));
      return (
        <div className="param-table">
          <div className="subhead">定性等级（得分比例 0—1）</div>
          <table className="mini">
            <thead>
              <tr>
                <th>等级</th>
                <th>比例</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {entries.map(([label, f], i) => (
                <tr key={i}>
                  <td>
                    <input
                      value={label}
                      style={{ width: 90 }}
                      onChange={(e) => setLabels(entries.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))}
                    />
                  </td>
                  <td>
                    <NumField
                      value={f}
                      onChange={(v) => setLabels(entries.map((x, j) => (j === i ? [x[0], v ?? 0] : x)))}
                      required
                    />
                    {(f < 0 || f > 1) && <span className="field-error">须在 0—1 之间</span>}
                  </td>
                  <td>
                    <button type="button" className="link" onClick={() => setLabels(entries.filter((_, j) => j !== i))}>
                      删除
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            className="small"
            onClick={() => setLabels([...entries, [`等级${entries.length + 1}`, 0]])}
          >
            加一个等级
          </button>
        </div>
      );
    }
    case 'pace': {
      const yearErr =
        m.baseYear != null && m.targetYear != null && !(m.targetYear > m.baseYear) ? '目标年份须晚于基期年份' : null;
      const met = direction === 'higher' ? m.baseline >= m.target : m.baseline <= m.target;
      return (
        <>
          <Field label={`基期值${u}`}>
            <NumField value={m.baseline} onChange={(v) => setM({ baseline: v })} required testId="param-baseline" />
          </Field>
          <Field label="基期年份">
            <NumField value={m.baseYear} onChange={(v) => setM({ baseYear: v })} required testId="param-base-year" />
          </Field>
          <Field label={`规划目标值${u}`}>
            <NumField value={m.target} onChange={(v) => setM({ target: v })} required testId="param-target" />
          </Field>
          <Field label="目标年份" error={yearErr}>
            <NumField
              value={m.targetYear}
              onChange={(v) => setM({ targetYear: v })}
              required
              testId="param-target-year"
            />
          </Field>
          <Field label="指标性质" hint="只作显示，不影响计分">
            <select
              value={m.nature ?? ''}
              onChange={(e) => setM({ nature: e.target.value === '' ? undefined : e.target.value })}
              data-testid="param-nature"
            >
              <option value="">（未注明）</option>
              <option value="expected">{PLAN_NATURE_NAMES.expected}</option>
              <option value="binding">{PLAN_NATURE_NAMES.binding}</option>
            </select>
          </Field>
          <div className="muted pad">
            {met
              ? '基期值已达到目标：按目标值达标计分。'
              : '按考核年度在基期值到目标值直线上的应达值计分：达到应达值得满分，未超过基期值不得分，其间按比例计分。'}
          </div>
        </>
      );
    }
    case 'manual':
      return <div className="muted pad">直接填写得分，须在 0 与分值之间。</div>;
    case 'monitor':
      return <div className="muted pad">监测指标不计分（分值为 0），只记录数值并与上年对比。</div>;
    case 'minmax':
      return <div className="muted pad">按同方案所有对象的最大值、最小值标准化计分。</div>;
    case 'best':
      return <div className="muted pad">与同方案的最优值相比计分。</div>;
    default:
      return null;
  }
}
