import { TARGET_KIND_NAMES } from '../../../../shared/domain/types';
import { Dialog, Field } from '../../components/Dialog';
import { useNewYear, type NewYear } from './useNewYear';

/** 新建考核年度: the year, and its schemes copied from another year, from a built-in template or a file. */
export function NewYearDialog({ onClose }: { onClose: () => void }) {
  const n = useNewYear(onClose);
  return (
    <Dialog
      title="新建考核年度"
      onConfirm={n.confirm}
      onCancel={onClose}
      canConfirm={n.canConfirm}
      confirmText="建立"
      testId="new-year-dialog"
      wide
    >
      <Field label="考核年度" error={n.yearOk ? null : '请输入 2000—2100 之间的年份'}>
        <input
          data-testid="new-year-input"
          value={n.year}
          onChange={(e) => n.setYear(e.target.value.trim())}
          inputMode="numeric"
        />
      </Field>
      <SourceChoice n={n} />
      {n.source === 'copy' && (
        <Field label="从哪一年复制">
          <select value={n.fromYear} onChange={(e) => n.setFromYear(Number(e.target.value))} data-testid="copy-from">
            {n.years.map((yy) => (
              <option key={yy} value={yy}>
                {yy} 年
              </option>
            ))}
          </select>
        </Field>
      )}
      {n.source === 'template' && <TemplateList n={n} />}
      {n.source === 'file' && (
        <Field label="方案文件">
          <span className="row">
            <button type="button" onClick={n.choose} data-testid="choose-scheme-file">
              选择文件……
            </button>
            <span data-testid="chosen-file">{n.fileName ?? '未选择'}</span>
          </span>
        </Field>
      )}
    </Dialog>
  );
}

function SourceChoice({ n }: { n: NewYear }) {
  return (
    <fieldset className="radio-group">
      <legend>方案来源</legend>
      <label>
        <input
          type="radio"
          name="src"
          checked={n.source === 'copy'}
          disabled={!n.hasLastYear}
          onChange={() => n.setSource('copy')}
          data-testid="src-copy"
        />{' '}
        复制往年的方案
      </label>
      <label>
        <input
          type="radio"
          name="src"
          checked={n.source === 'template'}
          onChange={() => n.setSource('template')}
          data-testid="src-template"
        />{' '}
        使用内置模板
      </label>
      <label>
        <input
          type="radio"
          name="src"
          checked={n.source === 'file'}
          onChange={() => n.setSource('file')}
          data-testid="src-file"
        />{' '}
        导入方案文件（JSON 或 Excel）
      </label>
    </fieldset>
  );
}

function TemplateList({ n }: { n: NewYear }) {
  return (
    <div className="template-list" role="radiogroup" aria-label="内置模板">
      {n.templates.length === 0 && <div className="muted">没有可用的内置模板</div>}
      {n.templates.map((t) => (
        <label
          key={t.name}
          className={`template-item${n.template === t.name ? ' chosen' : ''}`}
          data-testid={`template-${t.name}`}
        >
          <input type="radio" name="tpl" checked={n.template === t.name} onChange={() => n.setTemplate(t.name)} />
          <span>
            <strong>{t.title}</strong>（{TARGET_KIND_NAMES[t.targetKind]}，{t.indicators} 项指标）
            <span className="muted block">{t.description}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
