/**
 * 数据采集 → 导入采集表: the preview (dry run) with the import mode (合并 / 整表替换) and what the
 * import will do — values new, changed, unchanged, cleared — then the import itself, whose counts
 * equal the preview's; and the list of earlier imports, each of which can be undone (撤销导入).
 * Texts: value-import/importText.ts; the dry run: value-import/useImportPreview.ts.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FilePayload, ImportOutcome, ImportRecord, ValueImportMode } from '../../../shared/api/contract';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { Dialog } from '../components/Dialog';
import { IssueTable } from '../components/IssueTable';
import { downloadPayload } from '../lib/files';
import { ImportList, ModeChoice, PreviewCounts } from './value-import/ImportParts';
import { previewSummary, undoText } from './value-import/importText';
import { useImportPreview } from './value-import/useImportPreview';

/** The preview and the import of one picked workbook. */
export function ValueImportDialog({
  year,
  scheme,
  file,
  onClose,
  onImported,
}: {
  year: number;
  scheme: string;
  file: FilePayload;
  onClose: () => void;
  onImported: (outcome: ImportOutcome) => void;
}) {
  const app = useApp();
  const [mode, setMode] = useState<ValueImportMode>('merge');
  const outcome = useImportPreview({ year, scheme, file, mode }, onClose);

  const confirm = async () => {
    if (!outcome || outcome.errors.length) return;
    const r = await app.run('正在导入数据', () => api.importValues({ year, scheme, file, mode }));
    if (r) onImported(r);
  };

  const saveMarked = async () => {
    const p = await app.run('正在生成标红副本', () => api.markedCopy({ year, scheme, file }));
    if (p) downloadPayload(p);
  };

  const bad = !!outcome && outcome.errors.length > 0;
  const summary = outcome && previewSummary(outcome, mode);
  return (
    <Dialog
      title={`导入预览：${file.fileName}`}
      wide
      testId="import-preview"
      onCancel={onClose}
      cancelText={bad ? '关闭' : '取消'}
      onConfirm={outcome && !bad ? confirm : undefined}
      canConfirm={!!outcome && !bad}
      confirmText={mode === 'replace' ? '确认整表替换' : '确认导入'}
      danger={mode === 'replace'}
    >
      <ModeChoice mode={mode} onMode={setMode} />
      {!outcome && <p className="muted">正在检查……</p>}
      {summary && (bad || outcome.counts) && (
        <p className={summary.ok ? 'ok' : 'bad'} data-testid="preview-summary">
          {summary.text}
        </p>
      )}
      {outcome?.counts && !bad && <PreviewCounts c={outcome.counts} />}
      {bad && (
        <>
          <IssueTable issues={outcome.errors} kind="error" />
          <button type="button" onClick={saveMarked} data-testid="save-marked">
            另存标红副本
          </button>
        </>
      )}
      {outcome && outcome.warnings.length > 0 && <IssueTable issues={outcome.warnings} kind="warning" />}
    </Dialog>
  );
}

/** The value imports of this scheme and year, newest first, each undoable as one step. */
export function ImportHistoryDialog({
  year,
  scheme,
  locked,
  onClose,
  onUndone,
}: {
  year: number;
  scheme: string;
  locked: boolean;
  onClose: () => void;
  onUndone: () => void;
}) {
  const app = useApp();
  const [list, setList] = useState<ImportRecord[] | null>(null);
  const [undo, setUndo] = useState<ImportRecord | null>(null);

  const load = useCallback(async () => {
    const r = await app.run('正在读取导入记录', () => api.listImports({ year, scheme, kind: 'values' }));
    setList(r ?? []);
  }, [year, scheme]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme
  useEffect(() => {
    void load();
  }, [load]);

  const doUndo = async (rec: ImportRecord) => {
    setUndo(null);
    const r = await app.run('正在撤销导入', () => api.undoImport({ importId: rec.id, reason: '在导入记录中撤销' }));
    if (r) {
      app.notify(`已撤销导入 #${r.importId}：${r.restored} 个值已恢复到导入之前`);
      onUndone();
    }
    await load();
  };

  return (
    <Dialog title="导入记录（数据采集表）" wide testId="import-history" onCancel={onClose} cancelText="关闭">
      {list && list.length === 0 && <p className="muted">本方案本年度还没有导入过采集表。</p>}
      {list && list.length > 0 && <ImportList list={list} locked={locked} onUndo={setUndo} />}
      {undo && (
        <Dialog
          title={`撤销导入 #${undo.id}`}
          danger
          confirmText="撤销导入"
          onCancel={() => setUndo(null)}
          onConfirm={() => void doUndo(undo)}
          testId="undo-confirm"
        >
          <p>{undoText(undo)}</p>
          <p className="muted">如果其中有值在导入之后又被修改过，撤销会被拒绝，不做任何更改。</p>
        </Dialog>
      )}
    </Dialog>
  );
}
