import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SchemeSummary, Settings } from '../../../shared/api/contract';
import { whenMayLeave } from './leaveGuard';
import type { PageId } from './pages';
import { useStatusState, type Notify, type Run, type StatusState } from './useStatusState';
import { useYearAndScheme } from './useYearAndScheme';

export type { Notice } from './model';
export type { PageId } from './pages';
export type { StatusState } from './useStatusState';

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
  run: Run;
  notify: Notify;
  showError(e: unknown): void;
  clearError(): void;
  /** Target opened in the results page (a page per target). */
  openTarget: string | null;
  setOpenTarget(code: string | null): void;
}

const Ctx = createContext<AppState | null>(null);
/**
 * What changes on every call (progress, notices, the error banner) lives in its own context, so
 * that pages kept mounted do not redraw each time a call starts or ends.
 */
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

/** The page shown; switching first asks a page with unsaved edits (leaveGuard.ts) and clears the error banner. */
function usePage(clearError: () => void): { page: PageId; go(p: PageId): void } {
  const [page, setPage] = useState<PageId>('overview');
  const pageRef = useRef(page);
  pageRef.current = page;
  const go = useCallback(
    (p: PageId) => {
      const apply = () => {
        clearError();
        setPage(p);
      };
      if (p === pageRef.current) apply();
      else whenMayLeave(apply);
    },
    [clearError],
  );
  return { page, go };
}

/** `notice`: shown once on mount (e.g. after switching to the demo database and back). */
export function AppProvider({ children, notice }: { children: ReactNode; notice?: string }) {
  const { status, run, notify, showError, clearError } = useStatusState(notice);
  const [openTarget, setOpenTarget] = useState<string | null>(null);
  const closeTarget = useCallback(() => setOpenTarget(null), []);
  const data = useYearAndScheme(run, closeTarget);
  const { page, go } = usePage(clearError);

  const value = useMemo<AppState>(
    () => ({ page, go, ...data, run, notify, showError, clearError, openTarget, setOpenTarget }),
    [page, go, data, run, notify, showError, clearError, openTarget],
  );
  return (
    <Ctx.Provider value={value}>
      <StatusCtx.Provider value={status}>{children}</StatusCtx.Provider>
    </Ctx.Provider>
  );
}
