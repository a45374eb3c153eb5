/** 新增人员, 编辑 and 删除 (the row selected), 导入 Excel and 计算年薪. */
export function SalaryToolbar({
  hasSelection,
  onAdd,
  onEdit,
  onRemove,
  onImport,
  onCompute,
}: {
  hasSelection: boolean;
  onAdd: () => void;
  onEdit: () => void;
  onRemove: () => void;
  onImport: () => void;
  onCompute: () => void;
}) {
  return (
    <div className="toolbar">
      <button type="button" data-testid="salary-add" onClick={onAdd}>
        新增人员
      </button>
      <button type="button" disabled={!hasSelection} onClick={onEdit} data-testid="salary-edit">
        编辑
      </button>
      <button type="button" disabled={!hasSelection} onClick={onRemove}>
        删除
      </button>
      <button type="button" onClick={onImport} data-testid="salary-import">
        导入 Excel
      </button>
      <button type="button" className="primary" onClick={onCompute} data-testid="salary-compute">
        计算年薪
      </button>
    </div>
  );
}
