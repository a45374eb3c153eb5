/** The editor's toolbar: 保存 (with * while unsaved), 新建方案, 复制上一年, 导入, 导出, 删除. */
export function SchemeToolbar({
  hasDraft,
  dirty,
  locked,
  canCopy,
  onSave,
  onNew,
  onCopy,
  onImport,
  onExportJson,
  onExportXlsx,
  onDelete,
}: {
  hasDraft: boolean;
  dirty: boolean;
  locked: boolean;
  /** Is there a previous year to copy from? */
  canCopy: boolean;
  onSave: () => void;
  onNew: () => void;
  onCopy: () => void;
  onImport: () => void;
  onExportJson: () => void;
  onExportXlsx: () => void;
  onDelete: () => void;
}) {
  return (
    <div className="toolbar">
      <button
        type="button"
        className="primary"
        onClick={onSave}
        disabled={!hasDraft || locked}
        data-testid="scheme-save"
      >
        保存{dirty ? '*' : ''}
      </button>
      <button type="button" onClick={onNew} data-testid="scheme-new">
        新建方案
      </button>
      <button type="button" onClick={onCopy} disabled={!canCopy} data-testid="scheme-copy">
        复制上一年
      </button>
      <button type="button" onClick={onImport} data-testid="scheme-import">
        导入
      </button>
      <button type="button" onClick={onExportJson} disabled={!hasDraft} data-testid="scheme-export-json">
        导出 JSON
      </button>
      <button type="button" onClick={onExportXlsx} disabled={!hasDraft} data-testid="scheme-export-xlsx">
        导出 Excel
      </button>
      <button type="button" className="danger" onClick={onDelete} disabled={!hasDraft || locked}>
        删除
      </button>
    </div>
  );
}
