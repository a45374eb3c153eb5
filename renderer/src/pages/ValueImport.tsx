/**
 * 数据采集 → 导入采集表: the preview (dry run) with the import mode (合并 / 整表替换) and what the
 * import will do — values new, changed, unchanged, cleared — then the import itself, whose counts
 * equal the preview's; and the list of earlier imports, each of which can be undone (撤销导入).
 */
import { useCallback, useEffect, useState } from 'react';
import type {
  FilePayload,
  ImportCounts,
  ImportIssue,
  ImportOutcome,
  ImportRecord,
  ValueImportMode,
} from '../../../shared/api/contract';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { Dialog } from '../components/Dialog';
import { IssueTable } from '../components/IssueTable';
import { downloadPayload } from '../lib/files';
import { formatTime } from '../lib/format';

function countsText(c: ImportCounts, mode: ValueImportMode): string {
  return `新增 ${c.new} 个值、修改 ${c.changed} 个、不变 ${c.unchanged} 个${mode === 'replace' ? `、清空 ${c.cleared} 个` : ''}`;
}

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
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);

  // The preview is counted again for each mode: what is shown is what the import will write.
  useEffect(() => {
    let alive = true;
    setOutcome(null);
    void app
      .run('正在检查导入文件', async () => {
        let o: ImportOutcome;
        try {
          o = await api.importValues({ year, scheme, file, dryRun: true, mode });
        } catch (e) {
          // A rejected workbook may come back as an error carrying the cell list.
          const x = e as { errors?: ImportIssue[]; warnings?: ImportIssue[] };
          if (!Array.isArray(x.errors) || x.errors.length === 0) throw e;
          o = { importId: null, written: 0, errors: x.errors, warnings: x.warnings ?? [] };
        }
        if (alive) setOutcome(o);
        return true;
      })
      .then((ok) => {
        if (!ok && alive) onClose();
      });
    return () => {
      alive = false;
    };
  }, [year, scheme, file, mode]); // eslint-disable-line react-hooks/exhaustive-deps -- the preview is read once per file and mode; onClose and `app` change identity on every render

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
  const c = outcome?.counts;
  const b = outcome?.baselines;
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
      <div className="row" role="radiogroup" aria-label="导入方式" data-testid="import-mode">
        <strong>导入方式：</strong>
        <label className="check">
          <input
            type="radio"
            name="import-mode"
            checked={mode === 'merge'}
            onChange={() => setMode('merge')}
            data-testid="mode-merge"
          />
          合并（推荐）：只写入表中填了的单元格，空白单元格不改动已有的值
        </label>
        <label className="check">
          <input
            type="radio"
            name="import-mode"
            checked={mode === 'replace'}
            onChange={() => setMode('replace')}
            data-testid="mode-replace"
          />
          整表替换
        </label>
      </div>
      {mode === 'replace' && (
        <p className="panel bad" data-testid="replace-warning">
          整表替换：表中列出的每个考核对象，凡是留空的指标单元格都会<strong>清空</strong>
          已存的值（变为缺报）。只在这份表是该对象的完整数据时使用；导入后可在“导入记录”中撤销。
        </p>
      )}
      {!outcome && <p className="muted">正在检查……</p>}
      {bad && (
        <p className="bad" data-testid="preview-summary">
          发现 {outcome.errors.length}{' '}
          处错误，整个文件未写入任何数据。请按下表修正后重新导入，或另存一份标红的副本发回填报单位。
        </p>
      )}
      {outcome && !bad && c && (
        <>
          <p className="ok" data-testid="preview-summary">
            检查通过：将{countsText(c, mode)}
            {b && b.new + b.changed + b.cleared > 0
              ? `；上年数新增 ${b.new}、修改 ${b.changed}${mode === 'replace' ? `、清空 ${b.cleared}` : ''}`
              : ''}
            {outcome.warnings.length ? `，另有 ${outcome.warnings.length} 条提示` : ''}。确认后才会写入。
          </p>
          <table className="issues" data-testid="preview-counts">
            <thead>
              <tr>
                <th>新增</th>
                <th>修改</th>
                <th>不变</th>
                <th>清空</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td data-testid="count-new">{c.new}</td>
                <td data-testid="count-changed">{c.changed}</td>
                <td data-testid="count-unchanged">{c.unchanged}</td>
                <td data-testid="count-cleared" className={c.cleared ? 'bad' : undefined}>
                  {c.cleared}
                </td>
              </tr>
            </tbody>
          </table>
        </>
      )}
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

const STATUS: Record<string, string> = { imported: '已导入', rejected: '被拒绝', undone: '已撤销', pending: '未完成' };

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
      {list && list.length > 0 && (
        <table className="issues" data-testid="import-list">
          <thead>
            <tr>
              <th>编号</th>
              <th>时间</th>
              <th>人员</th>
              <th>文件</th>
              <th>方式</th>
              <th>结果</th>
              <th>新增</th>
              <th>修改</th>
              <th>清空</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.id} data-testid={`import-row-${r.id}`}>
                <td className="mono">#{r.id}</td>
                <td>{formatTime(r.at)}</td>
                <td>{r.who}</td>
                <td>{r.fileName}</td>
                <td>{r.mode === 'replace' ? '整表替换' : r.mode ? '合并' : ''}</td>
                <td>
                  {STATUS[r.status] ?? r.status}
                  {r.undoneAt ? `（${formatTime(r.undoneAt)}）` : ''}
                </td>
                <td>{r.counts?.new ?? ''}</td>
                <td>{r.counts?.changed ?? ''}</td>
                <td>{r.counts?.cleared ?? ''}</td>
                <td>
                  {r.status === 'imported' && (
                    <button
                      type="button"
                      disabled={locked}
                      title={locked ? '已定稿，不能撤销' : '把这次导入写入的值恢复到导入之前'}
                      onClick={() => setUndo(r)}
                      data-testid={`undo-import-${r.id}`}
                    >
                      撤销导入
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {undo && (
        <Dialog
          title={`撤销导入 #${undo.id}`}
          danger
          confirmText="撤销导入"
          onCancel={() => setUndo(null)}
          onConfirm={() => void doUndo(undo)}
          testId="undo-confirm"
        >
          <p>
            把“{undo.fileName}”（{formatTime(undo.at)} 导入）写入的 {undo.written ?? 0}{' '}
            个值恢复到导入之前的样子（原来缺报的重新变为缺报）。
          </p>
          <p className="muted">如果其中有值在导入之后又被修改过，撤销会被拒绝，不做任何更改。</p>
        </Dialog>
      )}
    </Dialog>
  );
}
