import type { Problem } from '../../../../shared/domain/types';
import { samePath, type NodePath, type TreeRow } from '../../lib/tree';
import { canAddChild } from './edits';
import { problemsOf, rowWeight, stepSelection } from './summary';

/** The indicator tree (↑/↓ move the selection) with the buttons that edit it. */
export function SchemeTree({
  rows,
  sel,
  problems,
  locked,
  onPick,
  onStep,
  onAddDimension,
  onAddChild,
  onMove,
  onRemove,
}: {
  rows: TreeRow[];
  sel: NodePath | null;
  problems: Problem[];
  locked: boolean;
  /** A row clicked: select it and show its form. */
  onPick: (path: NodePath) => void;
  /** Moved to with the arrow keys. */
  onStep: (path: NodePath) => void;
  onAddDimension: () => void;
  onAddChild: () => void;
  onMove: (d: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <div className="tree-pane">
      <div className="tree" role="tree" aria-label="指标树" data-testid="scheme-tree">
        {rows.map((r) => (
          <TreeItem
            key={r.path.join('.')}
            row={r}
            selected={samePath(sel, r.path)}
            hasProblem={problemsOf(problems, r.node.code).length > 0}
            onPick={() => onPick(r.path)}
            onKey={(key) => {
              const next = stepSelection(rows, r.path, key);
              if (next) onStep(next);
              return !!next;
            }}
          />
        ))}
      </div>
      <div className="tree-actions">
        <button type="button" onClick={onAddDimension} disabled={locked} data-testid="add-dimension">
          加一级指标
        </button>
        <button type="button" onClick={onAddChild} disabled={locked || !canAddChild(sel)} data-testid="add-child">
          加下级指标
        </button>
        <button type="button" onClick={() => onMove(-1)} disabled={locked || !sel} title="上移">
          上移
        </button>
        <button type="button" onClick={() => onMove(1)} disabled={locked || !sel} title="下移">
          下移
        </button>
        <button type="button" className="danger" onClick={onRemove} disabled={locked || !sel} data-testid="remove-node">
          删除
        </button>
      </div>
    </div>
  );
}

function TreeItem({
  row,
  selected,
  hasProblem,
  onPick,
  onKey,
}: {
  row: TreeRow;
  selected: boolean;
  hasProblem: boolean;
  onPick: () => void;
  /** An arrow key: true when it moved the selection. */
  onKey: (key: string) => boolean;
}) {
  const n = row.node;
  const w = rowWeight(n);
  return (
    <div
      role="treeitem"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      className={`tree-row${selected ? ' selected' : ''}${hasProblem ? ' problem' : ''}`}
      style={{ paddingLeft: 8 + row.depth * 18 }}
      onClick={onPick}
      onKeyDown={(e) => {
        if (onKey(e.key)) e.preventDefault();
      }}
      ref={(el) => {
        if (el && selected && document.activeElement?.closest('.tree')) el.focus();
      }}
      data-testid={`tree-${n.code}`}
    >
      <span className="tree-code">{n.code}</span>
      <span className="tree-name">{n.name}</span>
      <span className={`tree-weight${w.mismatch ? ' bad' : ''}`}>{w.text}</span>
    </div>
  );
}
