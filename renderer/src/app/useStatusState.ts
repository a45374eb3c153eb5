/**
 * The status every call changes: the busy list with `run`, the progress bar fed by long work,
 * the notices and the error banner. Kept apart from the app state so that pages kept mounted do
 * not redraw each time a call starts or ends.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { onProgress } from '../api/transport';
import { toShownError, type ShownError } from '../lib/errors';
import { addNotice, progressAfter, withoutOne, type Notice, type Progress } from './model';

export interface StatusState {
  busy: string[];
  /** Progress reported by long work (0..1) with its message, when the transport knows it. */
  progress: Progress;
  notices: Notice[];
  error: ShownError | null;
  clearError(): void;
}

export type Run = <T>(label: string, fn: () => Promise<T>) => Promise<T | undefined>;
export type Notify = (text: string, kind?: Notice['kind']) => void;

/** How long a notice stays. */
const NOTICE_MS = 4000;

function useNotices(): { notices: Notice[]; notify: Notify } {
  const [notices, setNotices] = useState<Notice[]>([]);
  const noticeId = useRef(0);
  const notify = useCallback<Notify>((text, kind = 'ok') => {
    const id = ++noticeId.current;
    setNotices((n) => addNotice(n, { id, text, kind }));
    setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), NOTICE_MS);
  }, []);
  return { notices, notify };
}

/** Long work (imports, exports) reports its steps; they go to the progress bar. */
function useProgressBar(): Progress {
  const [progress, setProgress] = useState<Progress>(null);
  useEffect(() => onProgress((e) => setProgress(progressAfter(e))), []);
  return progress;
}

/** `notice`: shown once on mount (e.g. after switching to the demo database and back). */
export function useStatusState(notice?: string) {
  const [busy, setBusy] = useState<string[]>([]);
  const [error, setError] = useState<ShownError | null>(null);
  const { notices, notify } = useNotices();
  const progress = useProgressBar();

  const showError = useCallback((e: unknown) => setError(toShownError(e)), []);
  const clearError = useCallback(() => setError(null), []);

  /** Runs a call with the progress bar shown; errors go to the error banner and yield undefined. */
  const run = useCallback<Run>(async (label, fn) => {
    setBusy((b) => [...b, label]);
    try {
      return await fn();
    } catch (e) {
      setError(toShownError(e));
      return undefined;
    } finally {
      setBusy((b) => withoutOne(b, label));
    }
  }, []);

  useEffect(() => {
    if (notice) notify(notice, 'info');
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- the start-up notice is shown once, on mount

  const status = useMemo<StatusState>(
    () => ({ busy, progress, notices, error, clearError }),
    [busy, progress, notices, error, clearError],
  );
  return { status, run, notify, showError, clearError };
}
