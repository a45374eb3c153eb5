/**
 * Who may use the web host (pure, no sockets): the token (header X-Appraisal-Token, the cookie set
 * when the page is opened with ?token=…, or that ?token= itself on a page load), then the Origin and
 * Host headers, which must name this host on its own port (cross-site requests, DNS rebinding).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_HEADER = 'x-appraisal-token';

/** Constant-time comparison; a missing or empty token never matches. */
export function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One cookie's value from a Cookie header (URI-decoded), or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

/** The cookie is per port, so two hosts on one machine do not overwrite each other's token. */
export function tokenCookieName(port: number): string {
  return `appraisal_token_${port}`;
}

/** The Set-Cookie value that lets a page opened with ?token=… call the API without it afterwards. */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}

/** host:port forms under which this host may be addressed. */
export function ownHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export interface AccessRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
}

export type Access =
  /** fromQuery: the token came in the page URL, so the answer sets the cookie. */
  | { ok: true; fromQuery: boolean }
  /** as: how to answer — JSON `{ error }` for the API, plain text for a page. */
  | { ok: false; status: 401 | 403; as: 'json' | 'text'; message: string };

/**
 * The verdict on one request, in the host's order: the token first (so nothing else is revealed
 * without it), then the Origin, then the Host header.
 */
export function checkAccess(req: AccessRequest, token: string, port: number): Access {
  const isApi = req.url.pathname.startsWith('/api/');
  const queryToken = req.method === 'GET' ? req.url.searchParams.get('token') : null;
  const fromQuery = sameToken(queryToken, token);
  const header = req.headers[TOKEN_HEADER];
  const authorised =
    sameToken(typeof header === 'string' ? header : undefined, token) ||
    sameToken(cookieValue(req.headers.cookie, tokenCookieName(port)), token) ||
    fromQuery;
  if (!authorised) {
    return isApi
      ? { ok: false, status: 401, as: 'json', message: '缺少或错误的访问口令（token）' }
      : {
          ok: false,
          status: 401,
          as: 'text',
          message: '缺少或错误的访问口令：请用启动时显示的完整网址（含 ?token=…）打开。',
        };
  }
  const hosts = ownHosts(port);
  const origin = req.headers.origin;
  if (origin !== undefined && !(origin.startsWith('http://') && hosts.has(origin.slice('http://'.length)))) {
    return { ok: false, status: 403, as: 'json', message: `拒绝来自其他网站的请求：${origin.slice(0, 100)}` };
  }
  if (!hosts.has(req.headers.host ?? '')) {
    return { ok: false, status: 403, as: 'json', message: '拒绝：主机名不是本机' };
  }
  return { ok: true, fromQuery };
}
