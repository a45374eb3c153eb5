/**
 * Years, schemes and settings as loaded from the API, and the chosen year and scheme. Switching
 * year or scheme first asks a page with unsaved edits (leaveGuard.ts) and closes the open target.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SchemeSummary, Settings } from '../../../shared/api/contract';
import { api } from '../api/transport';
import { whenMayLeave } from './leaveGuard';
import { pickScheme, pickYear } from './model';
import type { Run } from './useStatusState';

export function useYearAndScheme(run: Run, closeTarget: () => void) {
  const [years, setYears] = useState<number[]>([]);
  const [year, setYearState] = useState<number>(new Date().getFullYear());
  const [schemes, setSchemes] = useState<SchemeSummary[]>([]);
  const [schemeCode, setSchemeCodeState] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loaded, setLoaded] = useState(false);
  const yearRef = useRef(year);
  const schemeRef = useRef(schemeCode);
  schemeRef.current = schemeCode;

  const loadSchemes = useCallback(async (y: number) => {
    const list = await api.listSchemes({ year: y });
    setSchemes(list);
    setSchemeCodeState((c) => pickScheme(list, c));
  }, []);

  /** Reload years, schemes and settings (after anything that changes them). */
  const refresh = useCallback(async () => {
    await run('正在读取数据', async () => {
      const [ys, st] = await Promise.all([api.listYears(), api.getSettings()]);
      setYears(ys);
      setSettings(st);
      const y = pickYear(ys, yearRef.current);
      if (y !== yearRef.current) {
        yearRef.current = y;
        setYearState(y);
      }
      await loadSchemes(y);
    });
    setLoaded(true);
  }, [run, loadSchemes]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const setYear = useCallback(
    (y: number) => {
      const apply = () => {
        yearRef.current = y;
        setYearState(y);
        closeTarget();
        void run('正在读取方案', () => loadSchemes(y));
      };
      if (y === yearRef.current) apply();
      else whenMayLeave(apply);
    },
    [run, loadSchemes, closeTarget],
  );

  const setSchemeCode = useCallback(
    (c: string) => {
      const apply = () => {
        setSchemeCodeState(c);
        closeTarget();
      };
      if (c === schemeRef.current) apply();
      else whenMayLeave(apply);
    },
    [closeTarget],
  );

  const current = useMemo(() => schemes.find((s) => s.code === schemeCode) ?? null, [schemes, schemeCode]);
  // One object per change of these (not per render): the app context is memoised on it.
  return useMemo(
    () => ({ years, year, setYear, schemes, schemeCode, setSchemeCode, current, settings, loaded, refresh }),
    [years, year, setYear, schemes, schemeCode, setSchemeCode, current, settings, loaded, refresh],
  );
}
