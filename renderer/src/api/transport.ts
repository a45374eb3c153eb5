/**
 * The renderer's one way to the services. In Electron the preload's `window.api` (IPC) is used;
 * in a browser the local web host's HTTP API (POST /api/<method>, token from the page URL or the
 * cookie the host set). Pages import `api` and never learn which transport is under them.
 * Owned by the shell helper.
 */
import type { ApiErrorCode, ApiErrorShape, ApiMethod, AppraisalApi, ImportIssue } from '../../../shared/api/contract';
import { API_METHODS, isLongMethod } from '../../../shared/api/methods';
import {
  hasShell,
  type DesktopBridge,
  type ProgressEvent,
  type ProgressListener,
  type ShellApi,
} from '../../../shared/api/shell';
import type { Problem } from '../../../shared/domain/types';

declare global {
  interface Window {
    api?: DesktopBridge;
  }
}

/** A failed call, whatever the transport: code + Chinese message + places. */
export class ApiError extends Error implements ApiErrorShape {
  readonly code: ApiErrorCode;
  readonly problems: Problem[];
  readonly errors: ImportIssue[];
  readonly warnings: ImportIssue[];
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.problems = shape.problems ?? [];
    this.errors = shape.errors ?? [];
    this.warnings = shape.warnings ?? [];
  }
}

const CODES: readonly string[] = ['INPUT', 'LOCKED', 'NOT_FOUND', 'DB', 'INTERNAL', 'BUSY'];

/** Anything a transport rejects with → ApiError (the preload rejects with a plain ApiErrorShape). */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const o = (typeof e === 'object' && e !== null ? e : {}) as Partial<ApiErrorShape>;
  const code = typeof o.code === 'string' && CODES.includes(o.code) ? (o.code as ApiErrorCode) : 'INTERNAL';
  const message = typeof o.message === 'string' && o.message ? o.message : String(e);
  return new ApiError({ code, message, problems: o.problems, errors: o.errors, warnings: o.warnings });
}

const desktop: DesktopBridge | null =
  typeof window !== 'undefined' && window.api && typeof window.api.getSettings === 'function' ? window.api : null;

/** True inside the Electron window. */
export const isDesktop = desktop !== null;

/** Native dialogs; null over the web host (use a file input and a download instead). */
export const shell: ShellApi | null = desktop && hasShell(desktop) ? desktop : null;

// ---- progress ---------------------------------------------------------------------------------
const listeners = new Set<ProgressListener>();
let nextCallId = 1;

/** Progress of long work (imports, exports): start, steps when known, done or error. */
export function onProgress(listener: ProgressListener): () => void {
  if (desktop) return desktop.onProgress(listener);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(e: Parameters<ProgressListener>[0]): void {
  for (const l of listeners) l(e);
}

// ---- web transport ----------------------------------------------------------------------------
const TOKEN_KEY = 'appraisal-token';

/**
 * The token of the printed URL: kept in sessionStorage (a reload of this tab still works) and
 * removed from the address bar at once, so it is not left on screen, in the history or in a
 * bookmark. The host's HttpOnly cookie authenticates as well.
 */
function tokenFromPage(): string | null {
  if (typeof location === 'undefined') return null;
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  let stored: string | null = null;
  try {
    if (fromUrl) sessionStorage.setItem(TOKEN_KEY, fromUrl);
    stored = sessionStorage.getItem(TOKEN_KEY);
  } catch {
    // storage refused (private mode): the cookie still authenticates
  }
  if (fromUrl && typeof history !== 'undefined' && history.replaceState) {
    params.delete('token');
    const rest = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  }
  return fromUrl ?? stored;
}
const pageToken = tokenFromPage();

async function httpCall(
  method: ApiMethod,
  input: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<unknown> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extraHeaders };
  if (pageToken) headers['X-Appraisal-Token'] = pageToken;
  let res: Response;
  try {
    // Without a token in the URL the host's HttpOnly cookie (same origin) authenticates.
    res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: '无法连接到本机服务，请确认程序仍在运行' });
  }
  let body: { result?: unknown; error?: ApiErrorShape } | null;
  try {
    body = (await res.json()) as { result?: unknown; error?: ApiErrorShape };
  } catch {
    body = null;
  }
  if (res.ok && body && 'result' in body) return body.result;
  if (body?.error) throw toApiError(body.error);
  if (res.status === 401) {
    throw new ApiError({ code: 'INPUT', message: '访问口令缺失或无效：请用启动时显示的完整网址（含 token）打开本页' });
  }
  throw new ApiError({ code: 'INTERNAL', message: `本机服务返回错误（HTTP ${res.status}）` });
}

/** How often a long call's progress is asked for over HTTP. */
export const PROGRESS_POLL_MS = 300;

function newCallKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Asks the host for the call's latest step every PROGRESS_POLL_MS until stopped; failures are ignored (the call itself reports errors). */
function pollProgress(callId: number, callKey: string): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastMessage = '';
  const headers: Record<string, string> = pageToken ? { 'X-Appraisal-Token': pageToken } : {};
  const tick = async () => {
    try {
      const res = await fetch(`/api/progress?call=${encodeURIComponent(callKey)}`, {
        headers,
        credentials: 'same-origin',
      });
      const body = res.ok ? ((await res.json()) as { event?: Omit<ProgressEvent, 'callId'> | null }) : null;
      const e = body?.event;
      if (!stopped && e && e.phase === 'progress' && e.message !== lastMessage) {
        lastMessage = e.message;
        emit({ ...e, callId });
      }
    } catch {
      // the host is busy or gone: the call's own answer says which
    }
    if (!stopped) timer = setTimeout(tick, PROGRESS_POLL_MS);
  };
  timer = setTimeout(tick, PROGRESS_POLL_MS);
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}

async function webCall(method: ApiMethod, input: unknown): Promise<unknown> {
  if (!isLongMethod(method)) return httpCall(method, input);
  // The call carries an id of ours; the host keeps its latest step for GET /api/progress.
  const callId = nextCallId++;
  const callKey = newCallKey();
  emit({ callId, method, phase: 'start', fraction: null, message: '正在处理…' });
  const stop = pollProgress(callId, callKey);
  try {
    const r = await httpCall(method, input, { 'X-Appraisal-Call': callKey });
    stop();
    emit({ callId, method, phase: 'done', fraction: 1, message: '已完成' });
    return r;
  } catch (e) {
    stop();
    emit({ callId, method, phase: 'error', fraction: null, message: toApiError(e).message });
    throw e;
  }
}

async function desktopCall(bridge: DesktopBridge, method: ApiMethod, input: unknown): Promise<unknown> {
  try {
    return await (bridge[method] as (i: unknown) => Promise<unknown>)(input);
  } catch (e) {
    throw toApiError(e);
  }
}

function buildApi(): AppraisalApi {
  const out: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    out[method] = (input?: unknown) => (desktop ? desktopCall(desktop, method, input) : webCall(method, input));
  }
  return out as unknown as AppraisalApi;
}

/** The whole AppraisalApi; every rejection is an ApiError. */
export const api: AppraisalApi = buildApi();
