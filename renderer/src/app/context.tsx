import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SchemeSummary, Settings } from '../../../shared/api/contract';
import { api, onProgress } from '../api/transport';
import { toShownError, type ShownError } from '../lib/errors';
import { whenMayLeave } from './leaveGuard';

export type PageId =
  | 'overview'
  | 'targets'
  | 'scheme'
  | 'collect'
  | 'results'
  | 'salary'
  | 'fund'
  | 'money'
  | 'uses'
  | 'lock'
  | 'audit'
  | 'settings';

export interface Notice {
  id: number;
  text: string;
  kind: 'ok' | 'info';
}

export interface AppState {
  page: PageId;
  go(page: PageId): void;
  years: number[];
  year: number;
  setYear(y: number): void;
  schemes: SchemeSummary[];
  schemeCode: string | null;
  setSchemeCode(code: string): void;
  current: SchemeSummary | null;
  settings: Settings | null;
  loaded: boolean;
  /** Reload years, schemes and settings (after anything that changes them). */
  refresh(): Promise<void>;
  /** Run a call with the progress bar shown; errors go to the error banner and yield undefined. */
  run<T>(label: string, fn: () => Promise<T>): Promise<T | undefined>;
  notify(text: string, kind?: Notice['kind']): void;
  showError(e: unknown): void;
  clearError(): void;
  /** Target opened in the results page (a page per target). */
  openTarget: string | null;
  setOpenTarget(code: string | null): void;
}

/**
 * What changes on every call (progress, notices, the error banner) lives in its own context, so
 * that pages kept mounted do not redraw each time a call starts or ends.
 */
export interface StatusState {
  busy: string[];
  /** Progress reported by long work (0..1) with its message, when the transport knows it. */
  progress: { fraction: number | null; message: string } | null;
  notices: Notice[];
  error: ShownError | null;
  clearError(): void;
}

const Ctx = createContext<AppState | null>(null);
const StatusCtx = createContext<StatusState | null>(null);

export function useStatus(): StatusState {
  const s = useContext(StatusCtx);
  if (!s) throw new Error('useStatus outside AppProvider');
  return s;
}

export function useApp(): AppState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useApp outside AppProvider');
  return s;
}

/** `notice`: shown once on mount (e.g. after switching to the demo database and back). */
export function AppProvider({ children, notice }: { children: ReactNode; notice?: string }) {
  const [page, setPage] = useState<PageId>('overview');
  const [years, setYears] = useState<number[]>([]);
  const [year, setYearState] = useState<number>(new Date().getFullYear());
  const [schemes, setSchemes] = useState<SchemeSummary[]>([]);
  const [schemeCode, setSchemeCodeState] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState<string[]>([]);
  const [progress, setProgress] = useState<StatusState['progress']>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [error, setError] = useState<ShownError | null>(null);
  const [openTarget, setOpenTarget] = useState<string | null>(null);
  const yearRef = useRef(year);
  const noticeId = useRef(0);

  const notify = useCallback((text: string, kind: Notice['kind'] = 'ok') => {
    const id = ++noticeId.current;
    // At most three at once, newest last, so a burst of confirmations never covers the page.
    setNotices((n) => [...n, { id, text, kind }].slice(-3));
    setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), 4000);
  }, []);

  const showError = useCallback((e: unknown) => setError(toShownError(e)), []);
  const clearError = useCallback(() => setError(null), []);

  const run = useCallback(async <T,>(label: string, fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy((b) => [...b, label]);
    try {
      const r = await fn();
      return r;
    } catch (e) {
      setError(toShownError(e));
      return undefined;
    } finally {
      setBusy((b) => {
        const i = b.indexOf(label);
        return i < 0 ? b : [...b.slice(0, i), ...b.slice(i + 1)];
      });
    }
  }, []);

  const loadSchemes = useCallback(async (y: number) => {
    const list = await api.listSchemes({ year: y });
    setSchemes(list);
    setSchemeCodeState((c) => (c && list.some((s) => s.code === c) ? c : (list[0]?.code ?? null)));
  }, []);

  const refresh = useCallback(async () => {
    await run('正在读取数据', async () => {
      const [ys, st] = await Promise.all([api.listYears(), api.getSettings()]);
      setYears(ys);
      setSettings(st);
      let y = yearRef.current;
      if (ys.length > 0 && !ys.includes(y)) {
        y = ys[ys.length - 1]!;
        for (const v of ys) if (v > y) y = v;
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

  useEffect(() => {
    if (notice) notify(notice, 'info');
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- the start-up notice is shown once, on mount

  // Long work (imports, exports) reports its steps; show them on the progress bar.
  useEffect(
    () =>
      onProgress((e) => {
        if (e.phase === 'done' || e.phase === 'error') setProgress(null);
        else setProgress({ fraction: e.fraction, message: e.message });
      }),
    [],
  );

  // Switching year, scheme or page first asks a page with unsaved edits (leaveGuard.ts).
  const schemeRef = useRef(schemeCode);
  schemeRef.current = schemeCode;
  const pageRef = useRef(page);
  pageRef.current = page;

  const setYear = useCallback(
    (y: number) => {
      const apply = () => {
        yearRef.current = y;
        setYearState(y);
        setOpenTarget(null);
        void run('正在读取方案', () => loadSchemes(y));
      };
      if (y === yearRef.current) apply();
      else whenMayLeave(apply);
    },
    [run, loadSchemes],
  );

  const setSchemeCode = useCallback((c: string) => {
    const apply = () => {
      setSchemeCodeState(c);
      setOpenTarget(null);
    };
    if (c === schemeRef.current) apply();
    else whenMayLeave(apply);
  }, []);

  const go = useCallback((p: PageId) => {
    const apply = () => {
      setError(null);
      setPage(p);
    };
    if (p === pageRef.current) apply();
    else whenMayLeave(apply);
  }, []);

  const current = useMemo(() => schemes.find((s) => s.code === schemeCode) ?? null, [schemes, schemeCode]);

  const value = useMemo<AppState>(
    () => ({
      page,
      go,
      years,
      year,
      setYear,
      schemes,
      schemeCode,
      setSchemeCode,
      current,
      settings,
      loaded,
      refresh,
      run,
      notify,
      showError,
      clearError,
      openTarget,
      setOpenTarget,
    }),
    [
      page,
      go,
      years,
      year,
      setYear,
      schemes,
      schemeCode,
      setSchemeCode,
      current,
      settings,
      loaded,
      refresh,
      run,
      notify,
      showError,
      clearError,
      openTarget,
    ],
  );
  const status = useMemo<StatusState>(
    () => ({ busy, progress, notices, error, clearError }),
    [busy, progress, notices, error, clearError],
  );
  return (
    <Ctx.Provider value={value}>
      <StatusCtx.Provider value={status}>{children}</StatusCtx.Provider>
    </Ctx.Provider>
  );
}
