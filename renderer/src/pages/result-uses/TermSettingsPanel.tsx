import type { ResultUseReport, TermSettings } from '../../../../shared/api/contract';
import { Field } from '../../components/Dialog';
import { settingsNote } from './model';

/** 任期目标考核设置 (county practice): the term's length and the failures that flag it, saved here. */
export function TermSettingsPanel({
  report,
  settings,
  form,
  onSave,
}: {
  report: ResultUseReport | null;
  settings: TermSettings | null;
  form: {
    years: string;
    setYears: (t: string) => void;
    failLimit: string;
    setFailLimit: (t: string) => void;
    ok: boolean;
  };
  onSave: () => void;
}) {
  return (
    <section className="panel" data-testid="term-settings">
      <h2>任期目标考核设置（本县做法）</h2>
      <p className="muted">
        汴政办〔2019〕74号
        要求建立年度考核和任期目标考核制度，文件未规定任期内几次不合格的后果；下面的次数是本县的做法（默认：任期内两次考核不合格提请免职），可按本县规定修改。
        {settingsNote(settings, report)}
      </p>
      <div className="form-row">
        <Field label="任期年数">
          <input
            value={form.years}
            onChange={(e) => form.setYears(e.target.value)}
            style={{ width: 60 }}
            data-testid="term-years"
          />
        </Field>
        <Field label="任期内不合格次数达到">
          <input
            value={form.failLimit}
            onChange={(e) => form.setFailLimit(e.target.value)}
            style={{ width: 60 }}
            data-testid="term-fail-limit"
          />
        </Field>
        <button type="button" disabled={!form.ok} onClick={onSave} data-testid="term-save">
          保存设置
        </button>
      </div>
    </section>
  );
}
