import type { GradeBand, NaPolicy, SalaryRule, Scheme, TargetKind } from '../../../../shared/domain/types';
import { TARGET_KINDS, TARGET_KIND_NAMES } from '../../../../shared/domain/types';
import { DEFAULT_GRADES } from '../../../../shared/scheme/validate';
import { Field } from '../../components/Dialog';
import { NumField } from '../../components/NumField';
import { NA_POLICY_NAMES } from '../../lib/format';
import { percentProblem, percentToShare, shareToPercent } from '../../lib/percent';
import { addGrade, canRemoveGrade, removeGrade, setGradeCoefficient, updateGrade } from './edits';

type Change = (fn: (s: Scheme) => Scheme) => void;

/** The 方案设置 tab: name, kind, full score, n/a policy, caps, grade bands and the salary rule. */
export function SchemeSettings({
  scheme,
  onChange,
  disabled,
}: {
  scheme: Scheme;
  onChange: Change;
  disabled: boolean;
}) {
  const grades = scheme.grades ?? DEFAULT_GRADES;
  return (
    <fieldset className="form-grid" disabled={disabled} data-testid="scheme-settings">
      <Field label="方案名称" error={scheme.name.trim() ? null : '请填写名称'}>
        <input value={scheme.name} onChange={(e) => onChange((s) => ({ ...s, name: e.target.value }))} />
      </Field>
      <Field label="方案编码">
        <input value={scheme.code} disabled />
      </Field>
      <Field label="考核对象类型">
        <select
          value={scheme.targetKind}
          onChange={(e) => onChange((s) => ({ ...s, targetKind: e.target.value as TargetKind }))}
        >
          {TARGET_KINDS.map((k) => (
            <option key={k} value={k}>
              {TARGET_KIND_NAMES[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="满分">
        <NumField value={scheme.fullScore ?? 100} onChange={(v) => onChange((s) => ({ ...s, fullScore: v ?? 100 }))} />
      </Field>
      <Field label="不适用指标处理">
        <select
          value={scheme.naPolicy ?? 'rescale'}
          onChange={(e) => onChange((s) => ({ ...s, naPolicy: e.target.value as NaPolicy }))}
        >
          {(Object.keys(NA_POLICY_NAMES) as NaPolicy[]).map((k) => (
            <option key={k} value={k}>
              {NA_POLICY_NAMES[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="加分上限" hint="不填为不封顶">
        <NumField
          value={scheme.bonusCap ?? undefined}
          onChange={(v) => onChange((s) => ({ ...s, bonusCap: v ?? null }))}
        />
      </Field>
      <Field
        label="公益性最低占比（%）"
        hint="百分数，如 50 表示 50%；不填为不限"
        error={percentProblem(shareToPercent(scheme.minPublicWelfareShare))}
      >
        <NumField
          value={shareToPercent(scheme.minPublicWelfareShare)}
          testId="min-pw-share"
          onChange={(v) => onChange((s) => ({ ...s, minPublicWelfareShare: percentToShare(v) }))}
        />{' '}
        %
      </Field>
      <GradeTable grades={grades} onChange={(g) => onChange((s) => ({ ...s, grades: g }))} />
      <SalaryRuleFields
        salary={scheme.salary ?? {}}
        grades={grades}
        onChange={(patch) => onChange((s) => ({ ...s, salary: { ...(s.salary ?? {}), ...patch } }))}
      />
    </fieldset>
  );
}

/** 等次划分: bands from high to low; the last one is “以下”. */
function GradeTable({ grades, onChange }: { grades: GradeBand[]; onChange: (g: GradeBand[]) => void }) {
  return (
    <>
      <div className="subhead">等次划分（由高到低；最后一档为“以下”）</div>
      <table className="mini">
        <thead>
          <tr>
            <th>等次</th>
            <th>最低分</th>
            <th>名额比例上限（%）</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {grades.map((g, i) => (
            <tr key={i}>
              <td>
                <input
                  value={g.name}
                  onChange={(e) => onChange(updateGrade(grades, i, { name: e.target.value }))}
                  style={{ width: 80 }}
                />
              </td>
              <td>
                {i === grades.length - 1 ? (
                  '以下'
                ) : (
                  <NumField
                    value={g.min}
                    onChange={(v) => onChange(updateGrade(grades, i, { min: v ?? null }))}
                    required
                  />
                )}
              </td>
              <td>
                <NumField
                  value={shareToPercent(g.quota)}
                  placeholder="不限"
                  testId={`grade-quota-${i}`}
                  onChange={(v) => onChange(updateGrade(grades, i, { quota: percentToShare(v) }))}
                />{' '}
                %
                {percentProblem(shareToPercent(g.quota)) && (
                  <span className="field-error">{percentProblem(shareToPercent(g.quota))}</span>
                )}
              </td>
              <td>
                {canRemoveGrade(grades) && (
                  <button type="button" className="link" onClick={() => onChange(removeGrade(grades, i))}>
                    删除
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="small" onClick={() => onChange(addGrade(grades))}>
        加一个等次
      </button>
    </>
  );
}

/** 年薪系数规则: how the salary coefficient follows from the score or the grade. */
function SalaryRuleFields({
  salary,
  grades,
  onChange,
}: {
  salary: SalaryRule;
  grades: GradeBand[];
  onChange: (patch: Partial<SalaryRule>) => void;
}) {
  return (
    <>
      <div className="subhead">年薪系数规则</div>
      <Field label="方式">
        <select
          value={salary.mode ?? 'score'}
          onChange={(e) => onChange({ mode: e.target.value as 'score' | 'linear' | 'grade' })}
        >
          <option value="score">得分 ÷ 满分</option>
          <option value="linear">截距 + 斜率 × 得分</option>
          <option value="grade">按等次定系数</option>
        </select>
      </Field>
      {salary.mode === 'linear' && (
        <>
          <Field label="截距">
            <NumField value={salary.intercept} onChange={(v) => onChange({ intercept: v })} required />
          </Field>
          <Field label="斜率">
            <NumField value={salary.slope} onChange={(v) => onChange({ slope: v })} required />
          </Field>
        </>
      )}
      {salary.mode === 'grade' &&
        grades.map((g) => (
          <Field key={g.name} label={`${g.name} 系数`}>
            <NumField
              value={salary.gradeCoefficients?.[g.name]}
              required
              onChange={(v) => onChange(setGradeCoefficient(salary, g.name, v))}
            />
          </Field>
        ))}
      <Field label="系数下限">
        <NumField value={salary.kMin ?? 0} onChange={(v) => onChange({ kMin: v })} />
      </Field>
      <Field label="系数上限">
        <NumField value={salary.kMax ?? 1} onChange={(v) => onChange({ kMax: v })} />
      </Field>
      <Field label="年薪上限（元）" hint="不填为不设上限">
        <NumField value={salary.cap ?? undefined} width={120} onChange={(v) => onChange({ cap: v ?? null })} />
      </Field>
    </>
  );
}
