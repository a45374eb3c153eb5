import type { ImportCounts, ImportRecord, ValueImportMode } from '../../../../shared/api/contract';
import { importRowText } from './importText';

/** 合并 or 整表替换, with the warning that replace clears blank cells. */
export function ModeChoice({ mode, onMode }: { mode: ValueImportMode; onMode: (m: ValueImportMode) => void }) {
  return (
    <>
      <div className="row" role="radiogroup" aria-label="导入方式" data-testid="import-mode">
        <strong>导入方式：</strong>
        <label className="check">
          <input
            type="radio"
            name="import-mode"
            checked={mode === 'merge'}
            onChange={() => onMode('merge')}
            data-testid="mode-merge"
          />
          合并（推荐）：只写入表中填了的单元格，空白单元格不改动已有的值
        </label>
        <label className="check">
          <input
            type="radio"
            name="import-mode"
            checked={mode === 'replace'}
            onChange={() => onMode('replace')}
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
    </>
  );
}

/** The preview's counts: new, changed, unchanged, cleared (marked when any). */
export function PreviewCounts({ c }: { c: ImportCounts }) {
  return (
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
  );
}

/** The earlier imports, newest first; one still in force can be undone unless the scheme is locked. */
export function ImportList({
  list,
  locked,
  onUndo,
}: {
  list: ImportRecord[];
  locked: boolean;
  onUndo: (r: ImportRecord) => void;
}) {
  return (
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
        {list.map((r) => {
          const t = importRowText(r);
          return (
            <tr key={r.id} data-testid={`import-row-${r.id}`}>
              <td className="mono">#{r.id}</td>
              <td>{t.at}</td>
              <td>{r.who}</td>
              <td>{r.fileName}</td>
              <td>{t.mode}</td>
              <td>{t.status}</td>
              <td>{t.counts.new}</td>
              <td>{t.counts.changed}</td>
              <td>{t.counts.cleared}</td>
              <td>
                {t.undoable && (
                  <button
                    type="button"
                    disabled={locked}
                    title={locked ? '已定稿，不能撤销' : '把这次导入写入的值恢复到导入之前'}
                    onClick={() => onUndo(r)}
                    data-testid={`undo-import-${r.id}`}
                  >
                    撤销导入
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
