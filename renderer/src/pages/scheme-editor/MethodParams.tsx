import type { Direction, IndicatorNode, Method } from '../../../../shared/domain/types';
import { PLAN_NATURE_NAMES } from '../../../../shared/domain/types';
import { Field } from '../../components/Dialog';
import { NumField } from '../../components/NumField';
import { paceBaselineMet, paramErrors } from './methodParams';
import { BandsTable, GradeLabelsTable } from './ParamTables';

export type SetMethod = (patch: Record<string, unknown>) => void;
type Errors = Record<string, string>;
type Of<T extends Method['type']> = Extract<Method, { type: T }>;

/** Methods with nothing to set, and what they do. */
const NOTES: Partial<Record<Method['type'], string>> = {
  manual: '直接填写得分，须在 0 与分值之间。',
  monitor: '监测指标不计分（分值为 0），只记录数值并与上年对比。',
  minmax: '按同方案所有对象的最大值、最小值标准化计分。',
  best: '与同方案的最优值相比计分。',
};

/** The fields of a leaf's scoring method, each with its error from the shared rules. */
export function MethodParams({ node, setM }: { node: IndicatorNode; setM: SetMethod }) {
  const m = node.method;
  if (!m) return null;
  const direction = node.direction ?? 'higher';
  const unit = node.unit ?? '';
  const u = unit ? `（${unit}）` : '';
  const errors = paramErrors(node);
  switch (m.type) {
    case 'threshold':
    case 'ratio':
      return (
        <Field label={`目标值${u}`} error={errors.target}>
          <NumField value={m.target} onChange={(v) => setM({ target: v })} required testId="param-target" />
        </Field>
      );
    case 'linear':
    case 'growth':
      return <EdgeParams m={m} direction={direction} u={u} errors={errors} setM={setM} />;
    case 'deduct':
      return <DeductParams m={m} u={u} errors={errors} setM={setM} />;
    case 'rank':
      return <RankParams m={m} errors={errors} setM={setM} />;
    case 'bands':
      return <BandsTable bands={m.bands} direction={direction} u={u} errors={errors} setM={setM} />;
    case 'grade':
      return <GradeLabelsTable labels={m.labels} errors={errors} setM={setM} />;
    case 'pace':
      return <PaceParams m={m} direction={direction} u={u} errors={errors} setM={setM} />;
    default:
      return NOTES[m.type] ? <div className="muted pad">{NOTES[m.type]}</div> : null;
  }
}

/** linear / growth: the target and the zero-score edge on the direction's side. */
function EdgeParams({
  m,
  direction,
  u,
  errors,
  setM,
}: {
  m: Of<'linear'> | Of<'growth'>;
  direction: Direction;
  u: string;
  errors: Errors;
  setM: SetMethod;
}) {
  const isGrowth = m.type === 'growth';
  return (
    <>
      <Field label={isGrowth ? '目标增长率（%）' : `目标值${u}`}>
        <NumField value={m.target} onChange={(v) => setM({ target: v })} required testId="param-target" />
      </Field>
      {direction === 'higher' ? (
        <Field label={isGrowth ? '零分增长率（%）' : `零分下限${u}`} error={errors.floor}>
          <NumField value={m.floor} onChange={(v) => setM({ floor: v })} required={!isGrowth} testId="param-floor" />
        </Field>
      ) : (
        <Field label={isGrowth ? '零分增长率上限（%）' : `零分上限${u}`} error={errors.ceiling}>
          <NumField value={m.ceiling} onChange={(v) => setM({ ceiling: v })} required testId="param-ceiling" />
        </Field>
      )}
    </>
  );
}

function DeductParams({ m, u, errors, setM }: { m: Of<'deduct'>; u: string; errors: Errors; setM: SetMethod }) {
  return (
    <>
      <Field label={`目标值${u}`}>
        <NumField value={m.target} onChange={(v) => setM({ target: v })} required testId="param-target" />
      </Field>
      <Field label={`每差${u}`} error={errors.per}>
        <NumField value={m.per ?? 1} onChange={(v) => setM({ per: v })} />
      </Field>
      <Field label="扣分" error={errors.points}>
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
}

function RankParams({ m, errors, setM }: { m: Of<'rank'>; errors: Errors; setM: SetMethod }) {
  return (
    <>
      <Field label="排名计分">
        <select value={m.mode ?? 'proportional'} onChange={(e) => setM({ mode: e.target.value })}>
          <option value="proportional">按名次比例</option>
          <option value="step">每降一名扣固定分</option>
        </select>
      </Field>
      {m.mode === 'step' && (
        <Field label="每名扣分" error={errors.step}>
          <NumField value={m.step} onChange={(v) => setM({ step: v })} required />
        </Field>
      )}
    </>
  );
}

/** 规划进度: baseline and base year, plan target and target year, and the plan's nature. */
function PaceParams({
  m,
  direction,
  u,
  errors,
  setM,
}: {
  m: Of<'pace'>;
  direction: Direction;
  u: string;
  errors: Errors;
  setM: SetMethod;
}) {
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
      <Field label="目标年份" error={errors.targetYear}>
        <NumField value={m.targetYear} onChange={(v) => setM({ targetYear: v })} required testId="param-target-year" />
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
        {paceBaselineMet(m, direction)
          ? '基期值已达到目标：按目标值达标计分。'
          : '按考核年度在基期值到目标值直线上的应达值计分：达到应达值得满分，未超过基期值不得分，其间按比例计分。'}
      </div>
    </>
  );
}
