import { PRODUCT_NAME } from '../../../shared/product';
import { useEffect, useState } from 'react';
import type { SchemeSummary, TemplateInfo } from '../../../shared/api/contract';
import { TARGET_KIND_NAMES } from '../../../shared/domain/types';
import { api } from '../api/transport';
import { useApp, type PageId } from '../app/context';
import { useDatabaseSwitch } from '../app/database';
import { Dialog, Field } from '../components/Dialog';
import { pickFile } from '../lib/files';
import { STATE_NAMES } from '../lib/format';

function nextStep(s: SchemeSummary): { text: string; page: PageId; action: string } {
  if (s.state === 'locked')
    return { text: '已定稿。可以导出财政报表；如需修改须先解除定稿。', page: 'lock', action: '查看定稿' };
  if (!s.valid) return { text: `方案有 ${s.problems} 处问题，须先修正才能计分。`, page: 'scheme', action: '修正方案' };
  if (s.targets === 0)
    return { text: '还没有这一类型的考核对象，请先添加或导入。', page: 'targets', action: '添加考核对象' };
  if (s.missing > 0)
    return { text: `还有 ${s.missing} 项缺报，请导入采集表或在表格中录入。`, page: 'collect', action: '去采集数据' };
  return { text: '数据已齐全。核对结果、录入加减分和一票否决后即可定稿。', page: 'results', action: '查看结果' };
}

export function OverviewPage() {
  const app = useApp();
  const [creating, setCreating] = useState(false);
  const firstStart = app.loaded && app.years.length === 0;

  return (
    <div className="page" data-testid="overview">
      <div className="page-head">
        <h1>概览</h1>
        <div className="toolbar">
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-year">
            新建考核年度
          </button>
        </div>
      </div>
      {firstStart ? (
        <FirstStart onCreate={() => setCreating(true)} />
      ) : (
        <>
          <p className="muted">
            {app.year} 年度共 {app.schemes.length} 个考核方案。
          </p>
          {app.schemes.length === 0 && app.loaded && (
            <div className="empty-panel">本年度还没有考核方案。可以复制上一年的方案，或使用内置模板。</div>
          )}
          <div className="cards">
            {app.schemes.map((s) => {
              const cells = s.targets * s.leaves;
              const filled = cells - s.missing;
              const pct = cells > 0 ? Math.floor((filled / cells) * 100) : 0;
              const step = nextStep(s);
              return (
                <section className="card" key={s.code} data-testid={`scheme-card-${s.code}`}>
                  <div className="card-head">
                    <span className="card-title">{s.name}</span>
                    <span className={`state-badge state-${s.state}`} data-testid="card-state">
                      {STATE_NAMES[s.state]}
                    </span>
                  </div>
                  <div className="card-meta">
                    编码 {s.code} · {TARGET_KIND_NAMES[s.targetKind]} · {s.targets} 个对象 · {s.leaves} 项指标
                  </div>
                  <div className="completeness">
                    <div className="meter">
                      <div className="meter-fill" style={{ width: `${pct}%` }} />
                    </div>
                    <span>完成 {pct}%</span>
                  </div>
                  <div className="card-counts">
                    <span className="pill missing" data-testid="card-missing">
                      缺报 {s.missing}
                    </span>
                    <span className="pill na" data-testid="card-na">
                      不适用 {s.na}
                    </span>
                    <span className={`pill ${s.valid ? 'ok' : 'bad'}`}>
                      {s.valid ? '方案有效' : `方案问题 ${s.problems}`}
                    </span>
                    <span className="pill">公益性占比 {(Number(s.publicWelfareShare) * 100).toFixed(1)}%</span>
                  </div>
                  <div className="next-step">
                    <span data-testid="card-next">下一步：{step.text}</span>
                    <button
                      type="button"
                      onClick={() => {
                        app.setSchemeCode(s.code);
                        app.go(step.page);
                      }}
                      data-testid={`card-go-${s.code}`}
                    >
                      {step.action}
                    </button>
                  </div>
                </section>
              );
            })}
          </div>
        </>
      )}
      {creating && <NewYearDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

function FirstStart({ onCreate }: { onCreate: () => void }) {
  const { openDemo } = useDatabaseSwitch();
  return (
    <div className="first-start" data-testid="first-start">
      <h2>欢迎使用{PRODUCT_NAME}</h2>
      <p>数据库还是空的。开始前请：</p>
      <ol>
        <li>新建考核年度：使用内置考核模板（依据 2019—2024 年山西、河南相关文件整理），或导入方案文件；</li>
        <li>在“考核对象”页添加或导入医疗集团、卫生院等考核对象；</li>
        <li>在“数据采集”页下载采集表，分发填报后导入。</li>
      </ol>
      <div className="toolbar">
        <button type="button" className="primary" onClick={onCreate} data-testid="first-start-create">
          新建考核年度（可载入示例模板）
        </button>
        <button type="button" onClick={() => void openDemo()} data-testid="first-start-demo">
          载入示例数据
        </button>
      </div>
      <p className="muted">
        想先看看一个完整的考核年度？“载入示例数据”打开示例县（2 个医疗集团、15 个乡镇卫生院、村卫生室，2023—2024
        两个年度）。 示例数据保存在数据文件夹中单独的数据库文件里，不会混入正式数据；随时可点“返回正式数据”。
      </p>
    </div>
  );
}

type Source = 'template' | 'copy' | 'file';

function NewYearDialog({ onClose }: { onClose: () => void }) {
  const app = useApp();
  const lastYear = app.years.length ? Math.max(...app.years) : null;
  const [year, setYear] = useState(String(lastYear ? lastYear + 1 : new Date().getFullYear()));
  const [source, setSource] = useState<Source>(lastYear ? 'copy' : 'template');
  const [fromYear, setFromYear] = useState(lastYear ?? 0);
  const [templates, setTemplates] = useState<TemplateInfo[]>([]);
  const [template, setTemplate] = useState('');
  const [file, setFile] = useState<{
    name: string;
    run: (y: number) => Promise<{ code: string; problems: unknown[] }>;
  } | null>(null);

  useEffect(() => {
    void app.run('正在读取内置模板', async () => {
      const t = await api.listTemplates();
      setTemplates(t);
      setTemplate((cur) => cur || t[0]?.name || '');
    });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- the built-in templates are read once, on mount

  const y = Number(year);
  const yearOk = Number.isInteger(y) && y >= 2000 && y <= 2100;
  const canConfirm =
    yearOk && (source === 'template' ? !!template : source === 'copy' ? !!fromYear && fromYear !== y : !!file);

  const choose = async () => {
    const f = await pickFile('.json,.xlsx');
    if (!f) return;
    if (f.payload.fileName.toLowerCase().endsWith('.json')) {
      const text = await f.text();
      setFile({
        name: f.payload.fileName,
        run: async (yy) => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            throw { code: 'INPUT', message: `${f.payload.fileName} 不是有效的 JSON 文件` };
          }
          return api.saveScheme({ scheme: json, year: yy });
        },
      });
    } else {
      setFile({ name: f.payload.fileName, run: (yy) => api.importSchemeXlsx({ file: f.payload, year: yy }) });
    }
  };

  const confirm = async () => {
    if (!canConfirm) return;
    const done = await app.run('正在建立考核年度', async () => {
      if (source === 'template') {
        const r = await api.useTemplate({ name: template, year: y });
        return `已按模板建立 ${y} 年度方案 ${r.code}`;
      }
      if (source === 'copy') {
        const r = await api.copySchemes({ fromYear, toYear: y });
        return `已从 ${fromYear} 年复制 ${r.copied.length} 个方案到 ${y} 年`;
      }
      const r = await file!.run(y);
      return r.problems.length
        ? `已导入方案 ${r.code}（草稿，有 ${r.problems.length} 处问题）`
        : `已导入方案 ${r.code}`;
    });
    if (done) {
      app.notify(done);
      onClose();
      await app.refresh();
      app.setYear(y);
    }
  };

  return (
    <Dialog
      title="新建考核年度"
      onConfirm={confirm}
      onCancel={onClose}
      canConfirm={canConfirm}
      confirmText="建立"
      testId="new-year-dialog"
      wide
    >
      <Field label="考核年度" error={yearOk ? null : '请输入 2000—2100 之间的年份'}>
        <input
          data-testid="new-year-input"
          value={year}
          onChange={(e) => setYear(e.target.value.trim())}
          inputMode="numeric"
        />
      </Field>
      <fieldset className="radio-group">
        <legend>方案来源</legend>
        <label>
          <input
            type="radio"
            name="src"
            checked={source === 'copy'}
            disabled={!lastYear}
            onChange={() => setSource('copy')}
            data-testid="src-copy"
          />{' '}
          复制往年的方案
        </label>
        <label>
          <input
            type="radio"
            name="src"
            checked={source === 'template'}
            onChange={() => setSource('template')}
            data-testid="src-template"
          />{' '}
          使用内置模板
        </label>
        <label>
          <input
            type="radio"
            name="src"
            checked={source === 'file'}
            onChange={() => setSource('file')}
            data-testid="src-file"
          />{' '}
          导入方案文件（JSON 或 Excel）
        </label>
      </fieldset>
      {source === 'copy' && (
        <Field label="从哪一年复制">
          <select value={fromYear} onChange={(e) => setFromYear(Number(e.target.value))} data-testid="copy-from">
            {app.years.map((yy) => (
              <option key={yy} value={yy}>
                {yy} 年
              </option>
            ))}
          </select>
        </Field>
      )}
      {source === 'template' && (
        <div className="template-list" role="radiogroup" aria-label="内置模板">
          {templates.length === 0 && <div className="muted">没有可用的内置模板</div>}
          {templates.map((t) => (
            <label
              key={t.name}
              className={`template-item${template === t.name ? ' chosen' : ''}`}
              data-testid={`template-${t.name}`}
            >
              <input type="radio" name="tpl" checked={template === t.name} onChange={() => setTemplate(t.name)} />
              <span>
                <strong>{t.title}</strong>（{TARGET_KIND_NAMES[t.targetKind]}，{t.indicators} 项指标）
                <span className="muted block">{t.description}</span>
              </span>
            </label>
          ))}
        </div>
      )}
      {source === 'file' && (
        <Field label="方案文件">
          <span className="row">
            <button type="button" onClick={choose} data-testid="choose-scheme-file">
              选择文件……
            </button>
            <span data-testid="chosen-file">{file?.name ?? '未选择'}</span>
          </span>
        </Field>
      )}
    </Dialog>
  );
}
