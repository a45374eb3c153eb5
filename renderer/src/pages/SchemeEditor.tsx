import { useState } from 'react';
import { useApp } from '../app/context';
import { usePageActive } from '../app/active';
import { SchemePicker, LockedNote } from '../components/SchemePicker';
import type { FormTab } from './scheme-editor/FormPane';
import { SchemeDialogs, UnsavedDialog, type SchemeDialog } from './scheme-editor/SchemeDialogs';
import { SchemeToolbar } from './scheme-editor/SchemeToolbar';
import { SchemeWorkspace } from './scheme-editor/SchemeWorkspace';
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
  const { draft, dirty, code } = d;
  const [tab, setTab] = useState<FormTab>('node');
  const [dialog, setDialog] = useState<SchemeDialog | null>(null);
  const locked = app.current?.state === 'locked';
  const active = usePageActive();
  const guard = useUnsavedGuard({ dirty, active, locked, save: d.save, discard: d.discard });
  const files = useSchemeFiles({ ...d, askIfDirty: guard.askIfDirty });

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
      {draft && <SchemeWorkspace d={d} draft={draft} locked={locked} tab={tab} setTab={setTab} />}
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
