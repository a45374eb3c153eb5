import { useMemo, useState } from 'react';
import type { Problem } from '../../../shared/domain/types';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { SchemePicker, LockedNote } from '../components/SchemePicker';
import { flatten, nodeAt, type NodePath } from '../lib/tree';
import { addChild, addDimension, moveNode, removeNode } from './scheme-editor/edits';
import { FormPane, type FormTab } from './scheme-editor/FormPane';
import { checkDraft, rowOfProblem, shownProblems, summaryView } from './scheme-editor/summary';
import { SummaryBar } from './scheme-editor/SchemeProblems';
import { SchemeDialogs, UnsavedDialog, type SchemeDialog } from './scheme-editor/SchemeDialogs';
import { SchemeToolbar } from './scheme-editor/SchemeToolbar';
import { SchemeTree } from './scheme-editor/SchemeTree';
import { useSchemeDraft } from './scheme-editor/useSchemeDraft';
import { useSchemeFiles } from './scheme-editor/useSchemeFiles';
import { useUnsavedGuard } from './scheme-editor/useUnsavedGuard';

/**
 * 指标体系: the scheme's indicator tree on the left, the selected indicator's form (or the scheme's
 * settings) on the right, the problems below. Edits stay a draft until 保存; leaving with unsaved
 * edits asks first.
 */
export function SchemeEditorPage() {
  const app = useApp();
  const d = useSchemeDraft();
  const { draft, sel, dirty, code } = d;
  const [tab, setTab] = useState<FormTab>('node');
  const [dialog, setDialog] = useState<SchemeDialog | null>(null);
  const locked = app.current?.state === 'locked';
  const active = usePageActive();
  const guard = useUnsavedGuard({ dirty, active, locked, save: d.save, discard: d.discard });
  const files = useSchemeFiles({ ...d, askIfDirty: guard.askIfDirty });

  const problems = useMemo(() => (draft ? checkDraft(draft) : []), [draft]);
  const rows = useMemo(() => (draft ? flatten(draft.indicators) : []), [draft]);
  const selected = draft && sel ? nodeAt(draft.indicators, sel) : null;
  const shown = shownProblems(d.savedProblems, dirty, problems);

  const pick = (path: NodePath) => {
    d.setSel(path);
    setTab('node');
  };
  // A problem's place: its node when it is about one, else the scheme's settings.
  const goTo = (p: Problem) => {
    const r = rowOfProblem(rows, p);
    if (r) pick(r.path);
    else setTab('scheme');
  };

  return (
    <div className="page page-fill" data-testid="scheme-page">
      <div className="page-head">
        <h1>指标体系</h1>
        <SchemePicker />
        <SchemeToolbar
          hasDraft={!!draft}
          dirty={dirty}
          locked={locked}
          canCopy={app.years.includes(app.year - 1)}
          onSave={() => void d.save()}
          onNew={async () => {
            if (await guard.askIfDirty()) setDialog('new');
          }}
          onCopy={() => setDialog('copy')}
          onImport={files.importFile}
          onExportJson={files.exportJson}
          onExportXlsx={files.exportXlsx}
          onDelete={() => setDialog('delete')}
        />
      </div>
      <LockedNote />
      {draft && (
        <>
          <SummaryBar view={summaryView(draft, d.lastYearShare, shown)} />
          <div className="editor">
            <SchemeTree
              rows={rows}
              sel={sel}
              problems={problems}
              locked={locked}
              onPick={pick}
              onStep={d.setSel}
              onAddDimension={() => d.apply(addDimension(draft))}
              onAddChild={() => d.apply(addChild(draft, sel))}
              onMove={(dir) => d.apply(moveNode(draft, sel, dir))}
              onRemove={() => d.apply(removeNode(draft, sel))}
            />
            <FormPane
              tab={tab}
              onTab={setTab}
              draft={draft}
              sel={sel}
              selected={selected}
              problems={problems}
              shown={shown}
              warnings={dirty ? [] : d.warnings}
              locked={locked}
              onEditNode={d.editNode}
              onEdit={d.edit}
              onGo={goTo}
            />
          </div>
        </>
      )}
      {!draft && app.loaded && (
        <div className="empty-panel">本年度还没有方案。可以“新建方案”、“导入”方案文件，或“复制上一年”。</div>
      )}
      {guard.asking && (
        <UnsavedDialog
          year={app.year}
          code={draft?.code ?? code}
          name={draft?.name}
          onAnswer={(c) => void guard.answer(c)}
        />
      )}
      <SchemeDialogs dialog={dialog} code={code} onClose={() => setDialog(null)} onCopied={d.load} />
    </div>
  );
}
