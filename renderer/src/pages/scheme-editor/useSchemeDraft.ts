import { useCallback, useEffect, useMemo, useState } from 'react';
import type { IndicatorNode, Problem, Scheme } from '../../../../shared/domain/types';
import { api } from '../../api/transport';
import { useApp } from '../../app/context';
import { usePageActive } from '../../app/active';
import { sameData } from '../../lib/sameData';
import { renamesToSend, type NodePath } from '../../lib/tree';
import { editNodeAt, renamesAfterEdit, type TreeEdit } from './edits';
import { saveNotice, shareOf } from './summary';

/**
 * The scheme being edited: loaded for the chosen year and scheme, edited as a draft, saved. Unsaved
 * changes are the difference from the scheme as stored (loaded or last saved), so an edit undone by
 * hand leaves nothing to ask about.
 */
export function useSchemeDraft() {
  const app = useApp();
  const code = app.schemeCode;
  const [draft, setDraft] = useState<Scheme | null>(null);
  const [saved, setSaved] = useState<Scheme | null>(null);
  const dirty = useMemo(() => !!draft && !!saved && !sameData(draft, saved), [draft, saved]);
  const [sel, setSel] = useState<NodePath | null>(null);
  // What the last save (or import) reported, shown until the draft changes again.
  const [savedProblems, setSavedProblems] = useState<Problem[] | null>(null);
  // Indicator codes changed since loading (saved → current): sent with the save, values follow.
  const [renames, setRenames] = useState<Record<string, string>>({});
  const { warnings, loadWarnings } = useSchemeWarnings(code, app.year);
  const { lastYearShare, loadLastYearShare } = useLastYearShare(code, app.year);

  const load = useCallback(async () => {
    if (!code) {
      setDraft(null);
      return;
    }
    const s = await app.run('正在读取方案', () => api.getScheme({ year: app.year, scheme: code }));
    if (s) {
      setDraft(s);
      setSaved(s);
      setRenames({});
      setSel(s.indicators.length ? [0] : null);
      setSavedProblems(null);
      void loadWarnings();
    }
    await loadLastYearShare();
  }, [code, app.year]); // eslint-disable-line react-hooks/exhaustive-deps -- `app` is the context value, new after every refresh or page switch; reload only on year/scheme; loadWarnings and loadLastYearShare follow the same two

  useReloadWhenShown(load, dirty);

  const edit = (fn: (s: Scheme) => Scheme) => setDraft((s) => (s ? fn(s) : s));
  const editNode = (path: NodePath, fn: (n: IndicatorNode) => IndicatorNode) => {
    if (draft) setRenames((r) => renamesAfterEdit(draft, r, path, fn));
    edit((s) => editNodeAt(s, path, fn));
  };
  /** Apply a tree edit (add, move, remove) and select what it says. */
  const apply = (e: TreeEdit | null) => {
    if (!e) return;
    setDraft(e.scheme);
    setSel(e.sel);
  };

  const save = async (): Promise<boolean> => {
    if (!draft) return false;
    const scheme = draft;
    const sent = renamesToSend(renames, scheme.indicators);
    const r = await app.run('正在保存方案', () =>
      api.saveScheme({ scheme, year: app.year, ...(Object.keys(sent).length ? { renames: sent } : {}) }),
    );
    if (r) {
      setSavedProblems(r.problems);
      setSaved(scheme);
      setRenames({});
      void loadWarnings();
      app.notify(saveNotice(r));
      await app.refresh();
    }
    return !!r;
  };

  /** 放弃: back to what is stored (also when only the page changes and the scheme stays). */
  const discard = () => {
    setDraft(saved);
    setRenames({});
    void load();
  };

  return {
    code,
    draft,
    dirty,
    sel,
    setSel,
    lastYearShare,
    savedProblems,
    setSavedProblems,
    warnings,
    load,
    edit,
    editNode,
    apply,
    save,
    discard,
  };
}

/** Warnings of the saved scheme that do not stop scoring (FEW_PEERS), as `scheme check` gives them. */
function useSchemeWarnings(code: string | null, year: number) {
  const [warnings, setWarnings] = useState<Problem[]>([]);
  const loadWarnings = useCallback(async () => {
    if (!code) return setWarnings([]);
    try {
      setWarnings(await api.schemeWarnings({ year, scheme: code }));
    } catch {
      setWarnings([]);
    }
  }, [code, year]);
  return { warnings, loadWarnings };
}

/** Last year's public-welfare share of the same scheme, to show the change live (null: none). */
function useLastYearShare(code: string | null, year: number) {
  const [lastYearShare, setLastYearShare] = useState<string | null>(null);
  const loadLastYearShare = useCallback(async () => {
    if (!code) return;
    try {
      setLastYearShare(shareOf(await api.getScheme({ year: year - 1, scheme: code })));
    } catch {
      setLastYearShare(null);
    }
  }, [code, year]);
  return { lastYearShare, loadLastYearShare };
}

/** Shown again: pick up changes made elsewhere (copy, import), unless there are unsaved edits here. */
function useReloadWhenShown(load: () => Promise<void>, dirty: boolean) {
  const active = usePageActive();
  useEffect(() => {
    void load();
  }, [load]);
  const [wasActive, setWasActive] = useState(active);
  useEffect(() => {
    if (active && !wasActive && !dirty) void load();
    setWasActive(active);
  }, [active]); // eslint-disable-line react-hooks/exhaustive-deps -- reacts to the page being shown again only; dirty/wasActive are read as they are then
}
