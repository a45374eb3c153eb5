import type { IndicatorNode, Problem, Scheme } from '../../../../shared/domain/types';
import { isLeaf } from '../../../../shared/scheme/validate';
import type { NodePath } from '../../lib/tree';
import { NodeForm } from './NodeForm';
import { ProblemList } from './SchemeProblems';
import { SchemeSettings } from './SchemeSettings';
import { problemsOf } from './summary';

export type FormTab = 'node' | 'scheme';

/** Right of the tree: the selected indicator's form or the scheme's settings, then the problems. */
export function FormPane({
  tab,
  onTab,
  draft,
  sel,
  selected,
  problems,
  shown,
  warnings,
  locked,
  onEditNode,
  onEdit,
  onGo,
}: {
  tab: FormTab;
  onTab: (t: FormTab) => void;
  draft: Scheme;
  sel: NodePath | null;
  selected: IndicatorNode | null;
  /** The draft's own problems (for the node form). */
  problems: Problem[];
  /** The problems listed under the form. */
  shown: Problem[];
  warnings: Problem[];
  locked: boolean;
  onEditNode: (path: NodePath, fn: (n: IndicatorNode) => IndicatorNode) => void;
  onEdit: (fn: (s: Scheme) => Scheme) => void;
  onGo: (p: Problem) => void;
}) {
  return (
    <div className="form-pane">
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'node'}
          className={tab === 'node' ? 'active' : ''}
          onClick={() => onTab('node')}
        >
          指标
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'scheme'}
          className={tab === 'scheme' ? 'active' : ''}
          onClick={() => onTab('scheme')}
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
          problems={problemsOf(problems, selected.code)}
          onChange={(fn) => onEditNode(sel, fn)}
          disabled={locked}
        />
      )}
      {tab === 'node' && !selected && <div className="muted pad">在左侧选择一个指标，或先“加一级指标”。</div>}
      {tab === 'scheme' && <SchemeSettings scheme={draft} onChange={onEdit} disabled={locked} />}
      <ProblemList problems={shown} warnings={warnings} scheme={draft} onGo={onGo} />
    </div>
  );
}
