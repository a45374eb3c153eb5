/**
 * The web host's routes: which handler answers a request (a pure table, unit-tested), and the
 * handlers themselves — the progress query, an API call, the built renderer's files.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { ApiMethod } from '../../shared/api/contract';
import type { Dispatch } from '../gateway/dispatch';
import { drainRest, readBody, TooLarge } from './body';
import { CALL_HEADER, validCallId, type ProgressBoard } from './progress';
import { SECURITY_HEADERS, sendError, sendJson, sendText, sendTooLarge, statusOf } from './respond';
import { contentType, resolveStaticPath } from '../gateway/static';

export type Route =
  /** GET /api/progress?call=ID */
  | { kind: 'progress' }
  /** POST /api/<method>; `name` still URI-encoded (decoded once the body is read, as before). */
  | { kind: 'call'; name: string }
  /** /api/… with any other method: 405, Allow: POST. */
  | { kind: 'apiMethodNotAllowed' }
  /** GET or HEAD of anything else: a file of the built renderer (or the app's index.html). */
  | { kind: 'static' }
  /** Any other method outside /api/: 405. */
  | { kind: 'methodNotAllowed' };

export function routeOf(method: string, pathname: string): Route {
  if (pathname.startsWith('/api/')) {
    if (pathname === '/api/progress' && method === 'GET') return { kind: 'progress' };
    if (method !== 'POST') return { kind: 'apiMethodNotAllowed' };
    return { kind: 'call', name: pathname.slice('/api/'.length) };
  }
  if (method === 'GET' || method === 'HEAD') return { kind: 'static' };
  return { kind: 'methodNotAllowed' };
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

export function handleProgress(res: ServerResponse, url: URL, board: ProgressBoard): void {
  const call = validCallId(url.searchParams.get('call') ?? '');
  if (!call) {
    sendError(res, 400, { code: 'INPUT', message: '进度查询缺少有效的调用编号（call）' });
    return;
  }
  sendJson(res, 200, { event: board.latest(call) });
}

/** The JSON input of a call, or undefined once a refusal (413, 400) has been sent. */
async function readInput(
  req: IncomingMessage,
  res: ServerResponse,
  maxBody: number,
): Promise<{ input: unknown } | undefined> {
  try {
    const body = await readBody(req, maxBody);
    return { input: body.length ? JSON.parse(body.toString('utf8')) : undefined };
  } catch (e) {
    if (e instanceof TooLarge) {
      await drainRest(req);
      sendTooLarge(res, maxBody);
    } else if (!req.destroyed) sendError(res, 400, { code: 'INPUT', message: '请求内容不是有效的 JSON' });
    return undefined;
  }
}

export async function handleCall(
  req: IncomingMessage,
  res: ServerResponse,
  o: { name: string; dispatch: Dispatch; board: ProgressBoard; maxBody: number },
): Promise<void> {
  if (mediaType(req.headers['content-type']) !== 'application/json') {
    sendError(res, 415, { code: 'INPUT', message: '请求须为 JSON（Content-Type: application/json）' });
    return;
  }
  const read = await readInput(req, res, o.maxBody);
  if (!read) return;
  const name = decodeURIComponent(o.name);
  const call = validCallId(req.headers[CALL_HEADER]);
  const r = await o.dispatch(
    name,
    read.input,
    call ? { onProgress: (e) => o.board.remember(call, { method: name as ApiMethod, ...e }) } : undefined,
  );
  if (r.ok) sendJson(res, 200, { result: r.result });
  else sendError(res, statusOf(r.error.code), r.error);
}

export function handleApiMethodNotAllowed(res: ServerResponse): void {
  res.setHeader('Allow', 'POST');
  sendError(res, 405, { code: 'INPUT', message: '接口只接受 POST 请求' });
}

/** A file of the built renderer; `setCookie` when the page was opened with the token in its URL. */
export async function handleStatic(
  res: ServerResponse,
  o: { rendererDir: string; pathname: string; head: boolean; setCookie: string | null },
): Promise<void> {
  const file = resolveStaticPath(o.rendererDir, o.pathname);
  if (!file && o.pathname === '/favicon.ico') {
    // Browsers ask for it on their own; say "nothing" instead of logging a 404.
    res.writeHead(204, SECURITY_HEADERS);
    res.end();
    return;
  }
  if (!file) {
    if (!existsSync(path.join(o.rendererDir, 'index.html'))) {
      sendText(res, 503, '界面尚未构建：请先运行 npm run build（或 npm run serve）。');
    } else sendText(res, 404, '未找到');
    return;
  }
  const body = await readFile(file);
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    'Content-Type': contentType(file),
    'Content-Length': body.length,
    'Cache-Control': file.endsWith('.html') ? 'no-store' : 'no-cache',
  };
  if (o.setCookie) headers['Set-Cookie'] = o.setCookie;
  res.writeHead(200, headers);
  res.end(o.head ? undefined : body);
}
