import { useMemo } from 'react';
import type { Problem, Scheme } from '../../../../shared/domain/types';
import { flatten, nodeAt, type NodePath } from '../../lib/tree';
import { addChild, addDimension, moveNode, removeNode } from './edits';
import { FormPane, type FormTab } from './FormPane';
import { SummaryBar } from './SchemeProblems';
import { SchemeTree } from './SchemeTree';
import { checkDraft, rowOfProblem, shownProblems, summaryView } from './summary';
import type { useSchemeDraft } from './useSchemeDraft';

/** The summary bar, the tree and the form pane of a loaded scheme (`draft` is d.draft, present). */
export function SchemeWorkspace({
  d,
  draft,
  locked,
  tab,
  setTab,
}: {
  d: ReturnType<typeof useSchemeDraft>;
  draft: Scheme;
  locked: boolean;
  tab: FormTab;
  setTab: (t: FormTab) => void;
}) {
  const { sel, dirty } = d;
  const problems = useMemo(() => checkDraft(draft), [draft]);
  const rows = useMemo(() => flatten(draft.indicators), [draft]);
  const selected = sel ? nodeAt(draft.indicators, sel) : null;
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
  );
}
