/**
 * Progress of long calls over HTTP: a call sent with X-Appraisal-Call: ID has its latest progress
 * event kept here, and GET /api/progress?call=ID answers it. Ended calls are forgotten after a
 * while, and the board never holds more than a bound of calls (the oldest goes first).
 */
import type { ProgressEvent } from '../../shared/api/shell';

/** A long call's client-made id; GET /api/progress?call=ID then answers its latest progress event. */
export const CALL_HEADER = 'x-appraisal-call';
const CALL_ID = /^[A-Za-z0-9_-]{1,64}$/;
const PROGRESS_KEEP_MS = 30_000;
const PROGRESS_MAX_CALLS = 200;

export type CallProgress = Omit<ProgressEvent, 'callId'>;

/** The id if it is a valid call id (letters, digits, _ and -, at most 64), else null. */
export function validCallId(value: unknown): string | null {
  return typeof value === 'string' && CALL_ID.test(value) ? value : null;
}

export interface ProgressBoard {
  remember(call: string, event: CallProgress): void;
  latest(call: string): CallProgress | null;
}

export function createProgressBoard(opts: { keepMs?: number; maxCalls?: number } = {}): ProgressBoard {
  const keepMs = opts.keepMs ?? PROGRESS_KEEP_MS;
  const maxCalls = opts.maxCalls ?? PROGRESS_MAX_CALLS;
  const latest = new Map<string, CallProgress>();
  return {
    remember(call, event) {
      if (!latest.has(call) && latest.size >= maxCalls) latest.delete(latest.keys().next().value!);
      latest.set(call, event);
      if (event.phase === 'done' || event.phase === 'error') {
        setTimeout(() => {
          if (latest.get(call) === event) latest.delete(call);
        }, keepMs).unref();
      }
    },
    latest: (call) => latest.get(call) ?? null,
  };
}
