/**
 * The same API over a local web host, for machines without Electron and for the browser tests:
 * the built renderer and POST /api/<method> on 127.0.0.1 only, guarded by a random token (header
 * X-Appraisal-Token, or the cookie set when the page is opened with ?token=…). No token → 401;
 * an Origin other than our own → 403. Calls go through the same dispatcher as Electron's IPC.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiErrorCode, ApiErrorShape, ApiMethod, AppraisalApi } from '../../shared/api/contract';
import type { ProgressEvent } from '../../shared/api/shell';
import { createDispatcher, type Dispatch } from '../main/dispatch';
import {
  createWorkerRunner,
  restartingWorkerOnDatabaseChange,
  type WorkerLike,
  type WorkerRunner,
} from '../main/long-work';
import { CSP } from '../main/security';
import { contentType, resolveStaticPath } from './static';

export const TOKEN_HEADER = 'x-appraisal-token';
/** A long call's client-made id; GET /api/progress?call=ID then answers its latest progress event. */
export const CALL_HEADER = 'x-appraisal-call';
const CALL_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Latest progress per call id; ended calls are forgotten after a while, and the map never grows past a bound. */
const PROGRESS_KEEP_MS = 30_000;
const PROGRESS_MAX_CALLS = 200;
/** Base64 of a workbook of a county's data stays far below this (an import file is at most 100 MB). */
export const MAX_BODY_BYTES = 150 * 1024 * 1024;
/** Bodies above this are spooled to a temporary file while they arrive, not held in memory. */
const SPOOL_FROM_BYTES = 1024 * 1024;
/** The whole request (headers and body) must arrive within this; headers alone within HEADERS_TIMEOUT_MS. */
export const REQUEST_TIMEOUT_MS = 120_000;
export const HEADERS_TIMEOUT_MS = 15_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export interface HostOptions {
  dbPath: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default), localhost or ::1. */
  host?: string;
  /** The built renderer (default out/renderer of this checkout). */
  rendererDir?: string;
  /** Already-open services (tests); otherwise opened from dbPath and closed with the host. */
  services?: AppraisalApi;
  /** Fixed token (tests); otherwise 24 random bytes. */
  token?: string;
  /** Shorter timeouts (tests); defaults REQUEST_TIMEOUT_MS, HEADERS_TIMEOUT_MS. */
  timeouts?: { requestMs?: number; headersMs?: number };
  /** Largest request body (tests); default MAX_BODY_BYTES. */
  maxBodyBytes?: number;
}

export interface Host {
  url: string;
  token: string;
  port: number;
  /** The address actually bound (127.0.0.1 unless a loopback alias was asked for). */
  address: string;
  close(): Promise<void>;
}

const STATUS: Record<ApiErrorCode, number> = {
  INPUT: 400,
  LOCKED: 409,
  NOT_FOUND: 404,
  DB: 500,
  INTERNAL: 500,
  BUSY: 503,
};

export function defaultRendererDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer');
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, error: ApiErrorShape): void {
  sendJson(res, status, { error });
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

class TooLarge extends Error {}

let spoolDir: string | null = null;
function spoolFile(): string {
  spoolDir ??= mkdtempSync(path.join(os.tmpdir(), 'appraisal-uploads-'));
  return path.join(spoolDir, `${Date.now()}-${randomBytes(6).toString('hex')}.json`);
}

/** Large bodies are parsed one at a time: four concurrent 140 MB uploads no longer add up in memory. */
let bigParse: Promise<unknown> = Promise.resolve();
function oneBigAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const r = bigParse.then(fn, fn);
  bigParse = r.catch(() => undefined);
  return r;
}

/**
 * The request body: small ones in memory; larger ones (uploads) spooled to a temporary file as they
 * arrive and read back once complete. Over the limit → TooLarge (the caller answers 413), with the
 * rest of the body read and discarded so the client gets the answer instead of a reset.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new TooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let file: string | null = null;
    let out: ReturnType<typeof createWriteStream> | null = null;
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      out?.destroy();
      if (file) rmSync(file, { force: true });
      reject(e);
    };
    req.on('data', (c: Buffer) => {
      if (failed) return; // discarding the rest of a refused body
      size += c.length;
      if (size > limit) return fail(new TooLarge());
      if (!out && size > SPOOL_FROM_BYTES) {
        file = spoolFile();
        out = createWriteStream(file);
        out.on('error', fail);
        for (const b of chunks) out.write(b);
        chunks.length = 0;
      }
      if (out) {
        if (!out.write(c)) {
          req.pause();
          out.once('drain', () => req.resume());
        }
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (failed) return;
      if (!out) return resolve(Buffer.concat(chunks));
      const f = file!;
      out.end(() => {
        oneBigAtATime(() => readFile(f))
          .then(resolve, reject)
          .finally(() => rmSync(f, { force: true }));
      });
    });
    req.on('error', fail);
    req.on('aborted', () => fail(new Error('aborted')));
  });
}

/** Sends the 413 and closes the connection once the answer is out (never a reset). */
function sendTooLarge(res: ServerResponse, limit: number): void {
  res.setHeader('Connection', 'close');
  sendError(res, 413, {
    code: 'INPUT',
    message: `上传的内容过大（超过 ${Math.round(limit / 1024 / 1024)} MB），未处理。导入文件最大 100 MB；请拆分后分批导入。`,
  });
}

export function createRequestHandler(o: {
  token: string;
  port: () => number;
  dispatch: Dispatch;
  rendererDir: string;
  maxBodyBytes?: number;
}) {
  const maxBody = o.maxBodyBytes ?? MAX_BODY_BYTES;
  const cookieName = () => `appraisal_token_${o.port()}`;
  const ownHosts = () => {
    const p = o.port();
    return new Set([`127.0.0.1:${p}`, `localhost:${p}`, `[::1]:${p}`]);
  };

  const latest = new Map<string, Omit<ProgressEvent, 'callId'>>();
  const remember = (call: string, event: Omit<ProgressEvent, 'callId'>) => {
    if (!latest.has(call) && latest.size >= PROGRESS_MAX_CALLS) latest.delete(latest.keys().next().value!);
    latest.set(call, event);
    if (event.phase === 'done' || event.phase === 'error') {
      setTimeout(() => {
        if (latest.get(call) === event) latest.delete(call);
      }, PROGRESS_KEEP_MS).unref();
    }
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isApi = url.pathname.startsWith('/api/');
    const method = req.method ?? 'GET';

    // 1. The token: header, cookie, or (page loads only) the ?token= of the printed URL.
    const queryToken = method === 'GET' ? url.searchParams.get('token') : null;
    const fromQuery = sameToken(queryToken, o.token);
    const authorised =
      sameToken(req.headers[TOKEN_HEADER] as string | undefined, o.token) ||
      sameToken(cookieValue(req, cookieName()), o.token) ||
      fromQuery;
    if (!authorised) {
      if (isApi) sendError(res, 401, { code: 'INPUT', message: '缺少或错误的访问口令（token）' });
      else sendText(res, 401, '缺少或错误的访问口令：请用启动时显示的完整网址（含 ?token=…）打开。');
      return;
    }

    // 2. Cross-site requests are refused, and so are foreign Host names (DNS rebinding).
    const origin = req.headers.origin;
    const hosts = ownHosts();
    if (origin !== undefined && !(origin.startsWith('http://') && hosts.has(origin.slice('http://'.length)))) {
      sendError(res, 403, { code: 'INPUT', message: `拒绝来自其他网站的请求：${origin.slice(0, 100)}` });
      return;
    }
    if (!hosts.has(req.headers.host ?? '')) {
      sendError(res, 403, { code: 'INPUT', message: '拒绝：主机名不是本机' });
      return;
    }

    if (isApi && url.pathname === '/api/progress' && method === 'GET') {
      const call = url.searchParams.get('call') ?? '';
      if (!CALL_ID.test(call)) {
        sendError(res, 400, { code: 'INPUT', message: '进度查询缺少有效的调用编号（call）' });
        return;
      }
      sendJson(res, 200, { event: latest.get(call) ?? null });
      return;
    }

    if (isApi) {
      if (method !== 'POST') {
        res.setHeader('Allow', 'POST');
        sendError(res, 405, { code: 'INPUT', message: '接口只接受 POST 请求' });
        return;
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') {
        sendError(res, 415, { code: 'INPUT', message: '请求须为 JSON（Content-Type: application/json）' });
        return;
      }
      let input: unknown;
      try {
        const body = await readBody(req, maxBody);
        input = body.length ? JSON.parse(body.toString('utf8')) : undefined;
      } catch (e) {
        if (e instanceof TooLarge) {
          // Read the rest and throw it away, then answer: closing on unread data would reset the
          // connection and the page would never see the message.
          await new Promise<void>((resolve) => {
            if (req.readableEnded || req.destroyed) return resolve();
            req.on('end', resolve);
            req.on('close', resolve);
            req.resume();
          });
          sendTooLarge(res, maxBody);
        } else if (!req.destroyed) sendError(res, 400, { code: 'INPUT', message: '请求内容不是有效的 JSON' });
        return;
      }
      const name = decodeURIComponent(url.pathname.slice('/api/'.length));
      const callHeader = req.headers[CALL_HEADER];
      const call = typeof callHeader === 'string' && CALL_ID.test(callHeader) ? callHeader : null;
      const r = await o.dispatch(
        name,
        input,
        call ? { onProgress: (e) => remember(call, { method: name as ApiMethod, ...e }) } : undefined,
      );
      if (r.ok) sendJson(res, 200, { result: r.result });
      else sendError(res, STATUS[r.error.code] ?? 500, r.error);
      return;
    }

    if (method !== 'GET' && method !== 'HEAD') {
      sendText(res, 405, '不支持的请求方法');
      return;
    }
    const file = resolveStaticPath(o.rendererDir, url.pathname);
    if (!file && url.pathname === '/favicon.ico') {
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
    if (fromQuery) {
      headers['Set-Cookie'] = `${cookieName()}=${encodeURIComponent(o.token)}; Path=/; HttpOnly; SameSite=Strict`;
    }
    res.writeHead(200, headers);
    res.end(method === 'HEAD' ? undefined : body);
  };
}

export async function startHost(opts: HostOptions): Promise<Host> {
  const bindHost = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(bindHost)) throw new Error(`本机服务只能监听本机地址（127.0.0.1），不能监听 ${bindHost}`);
  const address = bindHost === 'localhost' ? '127.0.0.1' : bindHost;
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const ownServices = !opts.services;
  if (ownServices) mkdirSync(path.dirname(path.resolve(opts.dbPath)), { recursive: true });
  // Loaded only when needed, so a host over given services (tests) does not pull in the store.
  const own = ownServices ? (await import('../services')).openServices({ dbPath: opts.dbPath }) : null;
  const services = opts.services ?? own!;
  // Long work (workbook imports and exports) runs in a worker thread with its own connection, as the
  // desktop shell does in its background process: the request thread keeps answering meanwhile.
  let runner: WorkerRunner | null = null;
  let dispatch: Dispatch;
  if (own) {
    runner = createWorkerRunner(
      () =>
        new Worker(new URL('./worker-boot.mjs', import.meta.url), {
          workerData: { dbPath: own.ctx.dbPath },
        }) as unknown as WorkerLike,
    );
    dispatch = restartingWorkerOnDatabaseChange(createDispatcher({ services, runLong: runner.run }), runner);
  } else dispatch = createDispatcher({ services });

  let port = 0;
  const handler = createRequestHandler({
    token,
    port: () => port,
    dispatch,
    rendererDir: opts.rendererDir ?? defaultRendererDir(),
    maxBodyBytes: opts.maxBodyBytes,
  });
  const requestMs = opts.timeouts?.requestMs ?? REQUEST_TIMEOUT_MS;
  const headersMs = opts.timeouts?.headersMs ?? HEADERS_TIMEOUT_MS;
  // Timeouts are checked every connectionsCheckingInterval: a slow or stalled body is answered 408.
  const server = http.createServer(
    { requestTimeout: requestMs, headersTimeout: headersMs, connectionsCheckingInterval: Math.min(1000, headersMs) },
    (req, res) => {
      handler(req, res).catch((e: unknown) => {
        if (!res.headersSent)
          sendError(res, 500, {
            code: 'INTERNAL',
            message: `程序内部错误：${e instanceof Error ? e.message : String(e)}`,
          });
        else res.destroy();
      });
    },
  );
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = address === '::1' ? '[::1]' : '127.0.0.1';
  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    token,
    port,
    address,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runner?.close();
      if (own) await own.close();
      if (spoolDir) rmSync(spoolDir, { recursive: true, force: true });
      spoolDir = null;
    },
  };
}
