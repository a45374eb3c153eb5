import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Problem, Scheme, IndicatorNode, TargetKind, NaPolicy } from '../../../shared/domain/types';
import { TARGET_KINDS, TARGET_KIND_NAMES } from '../../../shared/domain/types';
import { dec } from '../../../shared/decimal';
import { DEFAULT_GRADES, isLeaf, validateScheme } from '../../../shared/scheme/validate';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { setLeaveGuard } from '../app/leaveGuard';
import { Dialog, Field } from '../components/Dialog';
import { NumField } from '../components/NumField';
import { ReasonDialog } from '../components/ReasonDialog';
import { SchemePicker, LockedNote } from '../components/SchemePicker';
import { downloadPayload, downloadText, pickFile } from '../lib/files';
import { NA_POLICY_NAMES } from '../lib/format';
import { percentProblem, percentToShare, shareToPercent } from '../lib/percent';
import { sameData } from '../lib/sameData';
import {
  flatten,
  freshCode,
  leafWeightSum,
  nodeAt,
  publicWelfareSum,
  renamesToSend,
  samePath,
  trackRename,
  updateAt,
  updateSiblings,
  type NodePath,
} from '../lib/tree';
import { NodeForm } from './SchemeNodeForm';
import { problemParts } from '../../../shared/scheme/place';

function checkDraft(s: Scheme): Problem[] {
  try {
    return validateScheme(s);
  } catch (e) {
    return [{ path: '方案', message: `方案结构不完整：${e instanceof Error ? e.message : String(e)}` }];
  }
}

function pct(x: string | null): string {
  return x == null ? '—' : `${dec(x).times(100).toDecimalPlaces(2).toFixed()}%`;
}

export function SchemeEditorPage() {
  const app = useApp();
  const code = app.schemeCode;
  const [draft, setDraft] = useState<Scheme | null>(null);
  // The scheme as stored (loaded or last saved): unsaved changes are the difference from it, so
  // an edit undone by hand leaves nothing to ask about.
  const [saved, setSaved] = useState<Scheme | null>(null);
  const dirty = useMemo(() => !!draft && !!saved && !sameData(draft, saved), [draft, saved]);
  const [sel, setSel] = useState<NodePath | null>(null);
  const [tab, setTab] = useState<'node' | 'scheme'>('node');
  const [lastYearShare, setLastYearShare] = useState<string | null>(null);
  const [savedProblems, setSavedProblems] = useState<Problem[] | null>(null);
  // Warnings of the saved scheme that do not stop scoring (FEW_PEERS), as `scheme check` gives them.
  const [warnings, setWarnings] = useState<Problem[]>([]);
  const loadWarnings = useCallback(async () => {
    if (!code) return setWarnings([]);
    try {
      setWarnings(await api.schemeWarnings({ year: app.year, scheme: code }));
    } catch {
      setWarnings([]);
    }
  }, [code, app.year]);
  const [dialog, setDialog] = useState<'new' | 'delete' | 'copy' | null>(null);
  // Indicator codes changed since loading (saved → current): sent with the save, values follow.
  const [renames, setRenames] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    if (!code) {
      setDraft(null);
      return;
    }
    const s = await app.run('正在读取方案', () => api.getScheme({ year: app.year, scheme: code }));
    if (s) {
      setDraft(s);
      setSaved(s);
      setRenames({});
      setSel(s.indicators.length ? [0] : null);
      setSavedProblems(null);
      void loadWarnings();
    }
    // Last year's public-welfare share, to show the change live.
    try {
      const prev = await api.getScheme({ year: app.year - 1, scheme: code });
      const full = prev.fullScore ?? 100;
      setLastYearShare(publicWelfareSum(prev.indicators).div(full).toFixed());
    } catch {
      setLastYearShare(null);
    }
  }, [code, app.year]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme; loadWarnings follows the same two

  const active = usePageActive();
  useEffect(() => {
    void load();
  }, [load]);
  // Shown again: pick up changes made elsewhere (copy, import), unless there are unsaved edits here.
  const [wasActive, setWasActive] = useState(active);
  useEffect(() => {
    if (active && !wasActive && !dirty) void load();
    setWasActive(active);
  }, [active]); // eslint-disable-line react-hooks/exhaustive-deps -- reacts to the page being shown again only; dirty/wasActive are read as they are then

  const problems = useMemo(() => (draft ? checkDraft(draft) : []), [draft]);
  const rows = useMemo(() => (draft ? flatten(draft.indicators) : []), [draft]);
  const full = draft?.fullScore ?? 100;
  const total = draft ? leafWeightSum(draft.indicators) : dec(0);
  const totalOk = total.minus(full).abs().lte('0.001');
  const share = draft && full > 0 ? publicWelfareSum(draft.indicators).div(full).toFixed() : null;
  const shareChange = share != null && lastYearShare != null ? dec(share).minus(lastYearShare).toFixed() : null;
  const locked = app.current?.state === 'locked';
  const selected = draft && sel ? nodeAt(draft.indicators, sel) : null;

  const edit = (fn: (s: Scheme) => Scheme) => {
    setDraft((s) => (s ? fn(s) : s));
  };
  const editNode = (path: NodePath, fn: (n: IndicatorNode) => IndicatorNode) => {
    const cur = draft ? nodeAt(draft.indicators, path) : null;
    if (cur) {
      const next = fn(cur);
      if (next.code !== cur.code) setRenames((r) => trackRename(r, cur.code, next.code));
    }
    edit((s) => ({ ...s, indicators: updateAt(s.indicators, path, fn) }));
  };

  const addDimension = () => {
    if (!draft) return;
    const c = freshCode(draft.indicators, 'D');
    edit((s) => ({ ...s, indicators: [...s.indicators, { code: c, name: '新一级指标', children: [] }] }));
    setSel([draft.indicators.length]);
  };
  const addChild = () => {
    if (!draft || !sel || !selected) return;
    if (sel.length >= 3) return;
    const c = freshCode(draft.indicators, `${selected.code}.`);
    const leaf: IndicatorNode = {
      code: c,
      name: '新指标',
      weight: 1,
      unit: '',
      direction: 'higher',
      method: { type: 'threshold', target: 0 },
    };
    const n = (selected.children ?? []).length;
    editNode(sel, (p) => {
      // A leaf (also one written with `children: []`) that gets a child becomes a group: its scoring
      // fields move away.
      const { weight: _w, unit: _u, direction: _d, method: _m, publicWelfare: _p, min: _mi, max: _ma, ...rest } = p;
      return isLeaf(p) ? { ...rest, children: [leaf] } : { ...p, children: [...p.children!, leaf] };
    });
    setSel([...sel, n]);
  };
  const remove = () => {
    if (!draft || !sel) return;
    const i = sel[sel.length - 1]!;
    edit((s) => ({ ...s, indicators: updateSiblings(s.indicators, sel, (list) => list.filter((_, j) => j !== i)) }));
    setSel(sel.length > 1 ? sel.slice(0, -1) : draft.indicators.length > 1 ? [Math.max(0, i - 1)] : null);
  };
  const move = (d: -1 | 1) => {
    if (!draft || !sel) return;
    const i = sel[sel.length - 1]!;
    const j = i + d;
    const list = sel.length === 1 ? draft.indicators : (nodeAt(draft.indicators, sel.slice(0, -1))?.children ?? []);
    if (j < 0 || j >= list.length) return;
    edit((s) => ({
      ...s,
      indicators: updateSiblings(s.indicators, sel, (l) => {
        const c = l.slice();
        [c[i], c[j]] = [c[j]!, c[i]!];
        return c;
      }),
    }));
    setSel([...sel.slice(0, -1), j]);
  };

  const save = async (): Promise<boolean> => {
    if (!draft) return false;
    const scheme = draft;
    const sent = renamesToSend(renames, scheme.indicators);
    const r = await app.run('正在保存方案', () =>
      api.saveScheme({ scheme, year: app.year, ...(Object.keys(sent).length ? { renames: sent } : {}) }),
    );
    if (r) {
      setSavedProblems(r.problems);
      setSaved(scheme);
      setRenames({});
      void loadWarnings();
      const moved = (r.renamed ?? []).map((m) => `${m.from}→${m.to}（${m.values} 个值）`).join('、');
      app.notify(
        `${r.problems.length ? `已保存为草稿，有 ${r.problems.length} 处问题` : '方案已保存'}${moved ? `；已录入的数据随编码移动：${moved}` : ''}`,
      );
      await app.refresh();
    }
    return !!r;
  };

  // Unsaved edits are never dropped silently: switching scheme, year or page (and the editor's own
  // import / new scheme) asks first — 保存, 放弃 or 取消.
  const [asking, setAsking] = useState<{ resolve: (go: boolean) => void } | null>(null);
  const askIfDirty = (): Promise<boolean> =>
    dirty && !locked ? new Promise<boolean>((resolve) => setAsking({ resolve })) : Promise.resolve(true);
  const askRef = useRef(askIfDirty);
  askRef.current = askIfDirty;
  useEffect(() => {
    if (!dirty || !active || locked) return;
    const off = setLeaveGuard(() => askRef.current());
    // Closing or reloading the window: the browser's own question.
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      off();
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [dirty, active, locked]);
  const answer = async (choice: 'save' | 'discard' | 'cancel') => {
    const a = asking;
    if (!a) return;
    setAsking(null);
    if (choice === 'cancel') {
      a.resolve(false);
      return;
    }
    if (choice === 'save') {
      a.resolve(await save());
      return;
    }
    // 放弃: back to what is stored (also when only the page changes and the scheme stays).
    setDraft(saved);
    setRenames({});
    a.resolve(true);
    void load();
  };

  const importFile = async () => {
    if (!(await askIfDirty())) return;
    const f = await pickFile('.json,.xlsx');
    if (!f) return;
    const isJson = f.payload.fileName.toLowerCase().endsWith('.json');
    const r = await app.run('正在导入方案', async () => {
      if (!isJson) return api.importSchemeXlsx({ file: f.payload, year: app.year });
      let json: unknown;
      try {
        json = JSON.parse(await f.text());
      } catch {
        throw { code: 'INPUT', message: `${f.payload.fileName} 不是有效的 JSON 文件` };
      }
      return api.saveScheme({ scheme: json, year: app.year });
    });
    if (r) {
      app.notify(
        r.problems.length ? `已导入方案 ${r.code}（草稿，有 ${r.problems.length} 处问题）` : `已导入方案 ${r.code}`,
      );
      await app.refresh();
      app.setSchemeCode(r.code);
      if (r.code === code) await load();
      setSavedProblems(r.problems);
    }
  };

  const exportJson = () => {
    if (!draft) return;
    downloadText(JSON.stringify(draft, null, 1), `${draft.year}-${draft.code}-指标体系.json`);
  };
  const exportXlsx = async () => {
    if (!code) return;
    const p = await app.run('正在导出方案', () => api.exportSchemeXlsx({ year: app.year, scheme: code }));
    if (p) downloadPayload(p);
  };

  const shownProblems = savedProblems && !dirty ? savedProblems : problems;

  return (
    <div className="page page-fill" data-testid="scheme-page">
      <div className="page-head">
        <h1>指标体系</h1>
        <SchemePicker />
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            onClick={() => void save()}
            disabled={!draft || locked}
            data-testid="scheme-save"
          >
            保存{dirty ? '*' : ''}
          </button>
          <button
            type="button"
            onClick={async () => {
              if (await askIfDirty()) setDialog('new');
            }}
            data-testid="scheme-new"
          >
            新建方案
          </button>
          <button
            type="button"
            onClick={() => setDialog('copy')}
            disabled={!app.years.includes(app.year - 1)}
            data-testid="scheme-copy"
          >
            复制上一年
          </button>
          <button type="button" onClick={importFile} data-testid="scheme-import">
            导入
          </button>
          <button type="button" onClick={exportJson} disabled={!draft} data-testid="scheme-export-json">
            导出 JSON
          </button>
          <button type="button" onClick={exportXlsx} disabled={!draft} data-testid="scheme-export-xlsx">
            导出 Excel
          </button>
          <button type="button" className="danger" onClick={() => setDialog('delete')} disabled={!draft || locked}>
            删除
          </button>
        </div>
      </div>
      <LockedNote />
      {draft && (
        <>
          <div className="summary-bar" data-testid="scheme-summary">
            <span className={totalOk ? 'ok' : 'bad'} data-testid="weight-total">
              分值合计 {total.toFixed()} / 满分 {full}
              {totalOk ? '' : '（不等于满分）'}
            </span>
            <span data-testid="pw-share">
              公益性指标占比 {pct(share)}
              {draft.minPublicWelfareShare != null && `（不低于 ${pct(String(draft.minPublicWelfareShare))}）`}
            </span>
            <span data-testid="pw-change">
              较上年 {shareChange == null ? '无上年方案' : `${dec(shareChange).gte(0) ? '+' : ''}${pct(shareChange)}`}
            </span>
            <span className={shownProblems.length ? 'bad' : 'ok'} data-testid="problem-count">
              {shownProblems.length ? `${shownProblems.length} 处问题（可存为草稿，但不能计分）` : '方案有效'}
            </span>
          </div>
          <div className="editor">
            <div className="tree-pane">
              <div className="tree" role="tree" aria-label="指标树" data-testid="scheme-tree">
                {rows.map((r) => {
                  const n = r.node;
                  const group = !isLeaf(n);
                  const sum = group ? leafWeightSum(n.children!) : null;
                  const mismatch = group && n.weight != null && sum && !sum.minus(n.weight).abs().lte('0.001');
                  const hasProblem = problems.some((p) => p.path === n.code || p.path.startsWith(`${n.code}.`));
                  return (
                    <div
                      key={r.path.join('.')}
                      role="treeitem"
                      aria-selected={samePath(sel, r.path)}
                      tabIndex={samePath(sel, r.path) ? 0 : -1}
                      className={`tree-row${samePath(sel, r.path) ? ' selected' : ''}${hasProblem ? ' problem' : ''}`}
                      style={{ paddingLeft: 8 + r.depth * 18 }}
                      onClick={() => {
                        setSel(r.path);
                        setTab('node');
                      }}
                      onKeyDown={(e) => {
                        const idx = rows.findIndex((x) => samePath(x.path, r.path));
                        if (e.key === 'ArrowDown' && rows[idx + 1]) {
                          e.preventDefault();
                          setSel(rows[idx + 1]!.path);
                        }
                        if (e.key === 'ArrowUp' && rows[idx - 1]) {
                          e.preventDefault();
                          setSel(rows[idx - 1]!.path);
                        }
                      }}
                      ref={(el) => {
                        if (el && samePath(sel, r.path) && document.activeElement?.closest('.tree')) el.focus();
                      }}
                      data-testid={`tree-${n.code}`}
                    >
                      <span className="tree-code">{n.code}</span>
                      <span className="tree-name">{n.name}</span>
                      <span className={`tree-weight${mismatch ? ' bad' : ''}`}>
                        {group
                          ? `${sum!.toFixed()}${n.weight != null ? ` / ${n.weight}` : ''}`
                          : `${n.weight ?? '?'} 分`}
                        {!group && n.publicWelfare ? ' 公' : ''}
                      </span>
                    </div>
                  );
                })}
              </div>
              <div className="tree-actions">
                <button type="button" onClick={addDimension} disabled={locked} data-testid="add-dimension">
                  加一级指标
                </button>
                <button
                  type="button"
                  onClick={addChild}
                  disabled={locked || !sel || sel.length >= 3}
                  data-testid="add-child"
                >
                  加下级指标
                </button>
                <button type="button" onClick={() => move(-1)} disabled={locked || !sel} title="上移">
                  上移
                </button>
                <button type="button" onClick={() => move(1)} disabled={locked || !sel} title="下移">
                  下移
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={remove}
                  disabled={locked || !sel}
                  data-testid="remove-node"
                >
                  删除
                </button>
              </div>
            </div>
            <div className="form-pane">
              <div className="tabs" role="tablist">
                <button
                  type="button"
                  role="tab"
                  aria-selected={tab === 'node'}
                  className={tab === 'node' ? 'active' : ''}
                  onClick={() => setTab('node')}
                >
                  指标
                </button>
                <button
                  type="button"
                  role="tab"
                  aria-selected={tab === 'scheme'}
                  className={tab === 'scheme' ? 'active' : ''}
                  onClick={() => setTab('scheme')}
                  data-testid="tab-scheme-settings"
                >
                  方案设置
                </button>
              </div>
              {tab === 'node' && selected && sel && (
                <NodeForm
                  key={sel.join('.')}
                  node={selected}
                  isLeaf={isLeaf(selected)}
                  problems={problems.filter((p) => p.path === selected.code || p.path.startsWith(`${selected.code}.`))}
                  onChange={(fn) => editNode(sel, fn)}
                  disabled={locked}
                />
              )}
              {tab === 'node' && !selected && <div className="muted pad">在左侧选择一个指标，或先“加一级指标”。</div>}
              {tab === 'scheme' && <SchemeSettings scheme={draft} onChange={edit} disabled={locked} />}
              <div className="problems" data-testid="scheme-problems">
                <div className="problems-head">问题清单</div>
                {shownProblems.length === 0 ? (
                  <div className="ok pad">没有发现问题。</div>
                ) : (
                  <ul>
                    {shownProblems.map((p, i) => (
                      <li key={i}>
                        <button
                          type="button"
                          className="link mono"
                          onClick={() => {
                            const r = rows.find((x) => x.node.code === p.path || p.path.startsWith(`${x.node.code}.`));
                            if (r) {
                              setSel(r.path);
                              setTab('node');
                            } else setTab('scheme');
                          }}
                        >
                          {problemParts(p, draft).place}
                        </button>{' '}
                        {problemParts(p, draft).text}
                      </li>
                    ))}
                  </ul>
                )}
                {!dirty && warnings.length > 0 && (
                  <div data-testid="scheme-warnings">
                    <div className="problems-head">提醒（不影响计分）</div>
                    <ul>
                      {warnings.map((w, i) => (
                        <li key={i}>
                          <span className="mono">{w.path}</span> {w.message}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </div>
            </div>
          </div>
        </>
      )}
      {!draft && app.loaded && (
        <div className="empty-panel">本年度还没有方案。可以“新建方案”、“导入”方案文件，或“复制上一年”。</div>
      )}
      {asking && (
        <Dialog
          title="方案有未保存的修改"
          testId="unsaved-dialog"
          confirmText="保存"
          onConfirm={() => void answer('save')}
          onCancel={() => void answer('cancel')}
          extraActions={
            <button
              type="button"
              className="danger"
              onClick={() => void answer('discard')}
              data-testid="dialog-discard"
            >
              放弃修改
            </button>
          }
        >
          <p>
            {app.year} 年度方案 {draft?.code ?? code}（{draft?.name}）的修改还没有保存。
          </p>
          <p className="muted">保存：存入后继续；放弃修改：回到已保存的方案后继续；取消：留在本页继续编辑。</p>
        </Dialog>
      )}
      {dialog === 'new' && (
        <NewSchemeDialog
          onCancel={() => setDialog(null)}
          onCreate={async (s) => {
            const r = await app.run('正在建立方案', () => api.saveScheme({ scheme: s, year: app.year }));
            if (r) {
              setDialog(null);
              app.notify(`已建立方案 ${r.code}（草稿）`);
              await app.refresh();
              app.setSchemeCode(r.code);
            }
          }}
          existing={app.schemes.map((s) => s.code)}
          year={app.year}
        />
      )}
      {dialog === 'delete' && code && (
        <ReasonDialog
          title={`删除方案 ${code}`}
          note="删除本年度的这个方案及其指标值、加减分和一票否决。此操作记入操作日志。"
          danger
          confirmText="删除"
          onCancel={() => setDialog(null)}
          onConfirm={async (reason) => {
            const ok = await app.run('正在删除方案', () =>
              api.deleteScheme({ year: app.year, scheme: code, reason }).then(() => true),
            );
            setDialog(null);
            if (ok) {
              app.notify(`已删除方案 ${code}`);
              await app.refresh();
            }
          }}
        />
      )}
      {dialog === 'copy' && (
        <Dialog
          title="复制上一年的方案"
          onCancel={() => setDialog(null)}
          confirmText="复制"
          testId="copy-dialog"
          onConfirm={async () => {
            const r = await app.run('正在复制方案', () =>
              api.copySchemes({ fromYear: app.year - 1, toYear: app.year, schemes: code ? [code] : undefined }),
            );
            setDialog(null);
            if (r) {
              app.notify(`已复制 ${r.copied.join('、') || '0 个方案'}`);
              await app.refresh();
              await load();
            }
          }}
        >
          <p>
            {code
              ? `将 ${app.year - 1} 年的方案 ${code} 复制到 ${app.year} 年，替换本年的同编码方案。`
              : `将 ${app.year - 1} 年的全部方案复制到 ${app.year} 年。`}
          </p>
        </Dialog>
      )}
    </div>
  );
}

function SchemeSettings({
  scheme,
  onChange,
  disabled,
}: {
  scheme: Scheme;
  onChange: (fn: (s: Scheme) => Scheme) => void;
  disabled: boolean;
}) {
  const grades = scheme.grades ?? DEFAULT_GRADES;
  const setGrades = (g: typeof grades) => onChange((s) => ({ ...s, grades: g }));
  const salary = scheme.salary ?? {};
  const setSalary = (patch: Partial<NonNullable<Scheme['salary']>>) =>
    onChange((s) => ({ ...s, salary: { ...(s.salary ?? {}), ...patch } }));
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
                  onChange={(e) => setGrades(grades.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
                  style={{ width: 80 }}
                />
              </td>
              <td>
                {i === grades.length - 1 ? (
                  '以下'
                ) : (
                  <NumField
                    value={g.min}
                    onChange={(v) => setGrades(grades.map((x, j) => (j === i ? { ...x, min: v ?? null } : x)))}
                    required
                  />
                )}
              </td>
              <td>
                <NumField
                  value={shareToPercent(g.quota)}
                  placeholder="不限"
                  testId={`grade-quota-${i}`}
                  onChange={(v) => setGrades(grades.map((x, j) => (j === i ? { ...x, quota: percentToShare(v) } : x)))}
                />{' '}
                %
                {percentProblem(shareToPercent(g.quota)) && (
                  <span className="field-error">{percentProblem(shareToPercent(g.quota))}</span>
                )}
              </td>
              <td>
                {grades.length > 2 && (
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      setGrades(
                        grades
                          .filter((_, j) => j !== i)
                          .map((x, j, a) => (j === a.length - 1 ? { ...x, min: null } : x)),
                      )
                    }
                  >
                    删除
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="small"
        onClick={() => setGrades([...grades.slice(0, -1), { name: '新等次', min: 0 }, grades[grades.length - 1]!])}
      >
        加一个等次
      </button>
      <div className="subhead">年薪系数规则</div>
      <Field label="方式">
        <select
          value={salary.mode ?? 'score'}
          onChange={(e) => setSalary({ mode: e.target.value as 'score' | 'linear' | 'grade' })}
        >
          <option value="score">得分 ÷ 满分</option>
          <option value="linear">截距 + 斜率 × 得分</option>
          <option value="grade">按等次定系数</option>
        </select>
      </Field>
      {salary.mode === 'linear' && (
        <>
          <Field label="截距">
            <NumField value={salary.intercept} onChange={(v) => setSalary({ intercept: v })} required />
          </Field>
          <Field label="斜率">
            <NumField value={salary.slope} onChange={(v) => setSalary({ slope: v })} required />
          </Field>
        </>
      )}
      {salary.mode === 'grade' &&
        grades.map((g) => (
          <Field key={g.name} label={`${g.name} 系数`}>
            <NumField
              value={salary.gradeCoefficients?.[g.name]}
              required
              onChange={(v) =>
                setSalary({
                  gradeCoefficients: { ...(salary.gradeCoefficients ?? {}), ...(v == null ? {} : { [g.name]: v }) },
                })
              }
            />
          </Field>
        ))}
      <Field label="系数下限">
        <NumField value={salary.kMin ?? 0} onChange={(v) => setSalary({ kMin: v })} />
      </Field>
      <Field label="系数上限">
        <NumField value={salary.kMax ?? 1} onChange={(v) => setSalary({ kMax: v })} />
      </Field>
      <Field label="年薪上限（元）" hint="不填为不设上限">
        <NumField value={salary.cap ?? undefined} width={120} onChange={(v) => setSalary({ cap: v ?? null })} />
      </Field>
    </fieldset>
  );
}

function NewSchemeDialog({
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
  const codeErr = !code.trim() ? '请填写方案编码' : existing.includes(code.trim()) ? '本年度已有此编码' : null;
  const ok = !codeErr && !!name.trim();
  return (
    <Dialog
      title="新建考核方案"
      onCancel={onCancel}
      canConfirm={ok}
      confirmText="建立"
      testId="new-scheme-dialog"
      onConfirm={() =>
        onCreate({
          code: code.trim(),
          name: name.trim(),
          year,
          targetKind: kind,
          fullScore: 100,
          grades: DEFAULT_GRADES,
          naPolicy: 'rescale',
          indicators: [
            {
              code: 'A',
              name: '一级指标',
              children: [
                {
                  code: 'A1',
                  name: '指标',
                  weight: 100,
                  unit: '%',
                  direction: 'higher',
                  method: { type: 'ratio', target: 100 },
                },
              ],
            },
          ],
        })
      }
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
