/**
 * The same API over a local web host, for machines without Electron and for the browser tests:
 * the built renderer and POST /api/<method> on 127.0.0.1 only, guarded by a random token (header
 * X-Appraisal-Token, or the cookie set when the page is opened with ?token=…). No token → 401;
 * an Origin other than our own → 403. Calls go through the same dispatcher as Electron's IPC.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppraisalApi } from '../../shared/api/contract';
import { createDispatcher, type Dispatch } from '../gateway/dispatch';
import {
  createWorkerRunner,
  restartingWorkerOnDatabaseChange,
  type WorkerLike,
  type WorkerRunner,
} from '../gateway/long-work';
import { checkAccess, tokenCookie, type Access } from './access';
import { removeSpoolDir } from './body';
import { createProgressBoard } from './progress';
import { handleApiMethodNotAllowed, handleCall, handleProgress, handleStatic, routeOf, type Route } from './routes';
import { sendError, sendText } from './respond';

export { TOKEN_HEADER } from './access';
export { CALL_HEADER } from './progress';
/** Base64 of a workbook of a county's data stays far below this (an import file is at most 100 MB). */
export const MAX_BODY_BYTES = 150 * 1024 * 1024;
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

export function defaultRendererDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer');
}

function refuse(res: ServerResponse, access: Extract<Access, { ok: false }>): void {
  if (access.as === 'json') sendError(res, access.status, { code: 'INPUT', message: access.message });
  else sendText(res, access.status, access.message);
}

/** One request as the handlers see it; fromQuery: the token came in the URL (set the cookie). */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  fromQuery: boolean;
}
type RouteHandler<R extends Route> = (x: Exchange, route: R) => Promise<void> | void;
type RouteTable = { [K in Route['kind']]: RouteHandler<Extract<Route, { kind: K }>> };

/**
 * One request: the access check (token, Origin, Host; access.ts), then the route table
 * (routes.ts) picks the handler.
 */
export function createRequestHandler(o: {
  token: string;
  port: () => number;
  dispatch: Dispatch;
  rendererDir: string;
  maxBodyBytes?: number;
}) {
  const maxBody = o.maxBodyBytes ?? MAX_BODY_BYTES;
  const board = createProgressBoard();
  const routes: RouteTable = {
    progress: ({ res, url }) => handleProgress(res, url, board),
    call: ({ req, res }, { name }) => handleCall(req, res, { name, dispatch: o.dispatch, board, maxBody }),
    apiMethodNotAllowed: ({ res }) => handleApiMethodNotAllowed(res),
    static: ({ req, res, url, fromQuery }) =>
      handleStatic(res, {
        rendererDir: o.rendererDir,
        pathname: url.pathname,
        head: req.method === 'HEAD',
        setCookie: fromQuery ? tokenCookie(o.port(), o.token) : null,
      }),
    methodNotAllowed: ({ res }) => sendText(res, 405, '不支持的请求方法'),
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const access = checkAccess({ method, url, headers: req.headers }, o.token, o.port());
    if (!access.ok) return refuse(res, access);
    const route = routeOf(method, url.pathname);
    await (routes[route.kind] as RouteHandler<Route>)({ req, res, url, fromQuery: access.fromQuery }, route);
  };
}

/** The address to bind for a requested host name: loopback only ('localhost' binds 127.0.0.1). */
export function bindAddress(host: string | undefined): string {
  const bindHost = host ?? '127.0.0.1';
  if (!LOOPBACK.has(bindHost)) throw new Error(`本机服务只能监听本机地址（127.0.0.1），不能监听 ${bindHost}`);
  return bindHost === 'localhost' ? '127.0.0.1' : bindHost;
}

/** The dispatcher over given services, or over services opened from dbPath (closed by `close`). */
async function openBackend(opts: HostOptions): Promise<{ dispatch: Dispatch; close(): Promise<void> }> {
  if (opts.services) return { dispatch: createDispatcher({ services: opts.services }), close: async () => {} };
  mkdirSync(path.dirname(path.resolve(opts.dbPath)), { recursive: true });
  // Loaded only when needed, so a host over given services (tests) does not pull in the store.
  const own = (await import('../services')).openServices({ dbPath: opts.dbPath });
  // Long work (workbook imports and exports) runs in a worker thread with its own connection, as the
  // desktop shell does in its background process: the request thread keeps answering meanwhile.
  const runner: WorkerRunner = createWorkerRunner(
    () =>
      new Worker(new URL('./worker-boot.mjs', import.meta.url), {
        workerData: { dbPath: own.ctx.dbPath },
      }) as unknown as WorkerLike,
  );
  const dispatch = restartingWorkerOnDatabaseChange(createDispatcher({ services: own, runLong: runner.run }), runner);
  return {
    dispatch,
    async close() {
      await runner.close();
      await own.close();
    },
  };
}

/** The HTTP server with its timeouts; a handler's unexpected failure is answered 500 (or the socket closed). */
function createServer(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  timeouts: HostOptions['timeouts'],
): http.Server {
  const requestMs = timeouts?.requestMs ?? REQUEST_TIMEOUT_MS;
  const headersMs = timeouts?.headersMs ?? HEADERS_TIMEOUT_MS;
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
  return server;
}

function listen(server: http.Server, port: number, address: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startHost(opts: HostOptions): Promise<Host> {
  const address = bindAddress(opts.host);
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const backend = await openBackend(opts);
  let port = 0;
  const handler = createRequestHandler({
    token,
    port: () => port,
    dispatch: backend.dispatch,
    rendererDir: opts.rendererDir ?? defaultRendererDir(),
    maxBodyBytes: opts.maxBodyBytes,
  });
  const server = createServer(handler, opts.timeouts);
  try {
    port = await listen(server, opts.port ?? 0, address);
  } catch (e) {
    // Nothing is served: the database and the worker it opened are closed again.
    await backend.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`端口 ${opts.port} 已被其他程序占用：请关闭占用它的程序，或换一个端口（PORT=端口号）`, {
        cause: e,
      });
    throw e;
  }
  const urlHost = address === '::1' ? '[::1]' : '127.0.0.1';
  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    token,
    port,
    address,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
      removeSpoolDir();
    },
  };
}
