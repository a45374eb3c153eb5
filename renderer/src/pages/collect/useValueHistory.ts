import { useCallback, useEffect, useState } from 'react';
import type { ValueHistoryEntry } from '../../../../shared/api/contract';
import { api } from '../../api/transport';
import { useAppRef, useLatest } from './useLatest';

export interface CellFocus {
  target: string;
  indicator: string;
}

/**
 * The change history of the focused cell, shown beside the grid: read a moment after the focus
 * settles, and again when a value of that cell was saved.
 */
export function useValueHistory(code: string | null, year: number) {
  const app = useAppRef();
  const [focus, setFocusState] = useState<CellFocus | null>(null);
  const [history, setHistory] = useState<ValueHistoryEntry[] | null>(null);
  const focusRef = useLatest(focus);

  const load = useCallback(
    async (target: string, indicator: string) => {
      if (!code) return;
      try {
        setHistory(await api.valueHistory({ year, scheme: code, target, indicator }));
      } catch (e) {
        setHistory([]);
        app.current.showError(e);
      }
    },
    [code, year, app],
  );

  useEffect(() => {
    if (!focus) return;
    setHistory(null);
    const t = setTimeout(() => void load(focus.target, focus.indicator), 200);
    return () => clearTimeout(t);
  }, [focus, load]);

  /** Focus a cell (the same cell again changes nothing). */
  const setFocus = useCallback((target: string, indicator: string) => {
    setFocusState((f) => (f && f.target === target && f.indicator === indicator ? f : { target, indicator }));
  }, []);

  /** A value of this cell was saved: read its history again if it is the one shown. */
  const savedCell = useCallback(
    (target: string, indicator: string) => {
      const f = focusRef.current;
      if (f && f.target === target && f.indicator === indicator) void load(target, indicator);
    },
    [focusRef, load],
  );

  return { focus, history, setFocus, savedCell };
}
