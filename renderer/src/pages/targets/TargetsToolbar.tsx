/** 新增, 编辑 and 停用 (the row selected), 导入 Excel and 下载模板. */
export function TargetsToolbar({
  hasSelection,
  onAdd,
  onEdit,
  onRetire,
  onImport,
  onTemplate,
}: {
  hasSelection: boolean;
  onAdd: () => void;
  onEdit: () => void;
  onRetire: () => void;
  onImport: () => void;
  onTemplate: () => void;
}) {
  return (
    <div className="toolbar">
      <button type="button" className="primary" data-testid="target-add" onClick={onAdd}>
        新增
      </button>
      <button type="button" disabled={!hasSelection} data-testid="target-edit" onClick={onEdit}>
        编辑
      </button>
      <button
        type="button"
        disabled={!hasSelection}
        data-testid="target-retire"
        onClick={onRetire}
        title="从某一年度起不再考核；此前的年度和已定稿的年度保留"
      >
        停用…
      </button>
      <button type="button" onClick={onImport} data-testid="target-import">
        导入 Excel
      </button>
      <button
        type="button"
        data-testid="target-template"
        title="考核对象名单工作簿（含起始年度、终止年度），已登记的对象已填好，改后可导入"
        onClick={onTemplate}
      >
        下载模板
      </button>
    </div>
  );
}
