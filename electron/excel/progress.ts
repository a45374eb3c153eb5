/**
 * Progress of long workbook work (imports, exports): rows read, checked, written. Reported through
 * an optional hook so the services stay callable without one (CLI, tests); throttled so a
 * 300,000-row file does not flood the worker's message port.
 */
import type { ProgressReport } from '../../shared/api/contract';

export type { ProgressReport };

export type ProgressHook = (p: ProgressReport) => void;

/** At most one report per `intervalMs`, except a stage change and a stage's last report (done = total), which always pass. */
export function throttleProgress(
  hook: ProgressHook | undefined,
  intervalMs = 100,
  now: () => number = Date.now,
): ProgressHook | undefined {
  if (!hook) return undefined;
  let last = -Infinity;
  let lastStage = '';
  return (p) => {
    const t = now();
    const final = p.total > 0 && p.done >= p.total;
    if (!final && p.stage === lastStage && t - last < intervalMs) return;
    last = t;
    lastStage = p.stage;
    hook(p);
  };
}

/**
 * Lets the event loop breathe every `intervalMs` during a long loop made only of microtasks, so a
 * host serving the same thread (the web host's progress polls) can answer in the meantime.
 */
export function breather(intervalMs = 100, now: () => number = Date.now): () => Promise<void> | undefined {
  let last = now();
  return () => {
    const t = now();
    if (t - last < intervalMs) return undefined;
    last = t;
    return new Promise<void>((resolve) => setImmediate(resolve));
  };
}
