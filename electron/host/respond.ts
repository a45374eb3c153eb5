/**
 * How the web host answers: every response carries the security headers (the app's CSP, no
 * sniffing, no framing, no referrer, same-origin only); API answers are JSON `{ result }` or
 * `{ error }`, never cached.
 */
import type { ServerResponse } from 'node:http';
import type { ApiErrorCode, ApiErrorShape } from '../../shared/api/contract';
import { CSP } from '../gateway/csp';

export const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const STATUS: Record<ApiErrorCode, number> = {
  INPUT: 400,
  LOCKED: 409,
  NOT_FOUND: 404,
  DB: 500,
  INTERNAL: 500,
  BUSY: 503,
};

/** The HTTP status of a refused call, by its error code (500 for one we do not know). */
export function statusOf(code: ApiErrorCode): number {
  return STATUS[code] ?? 500;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
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

export function sendError(res: ServerResponse, status: number, error: ApiErrorShape): void {
  sendJson(res, status, { error });
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** The message the page shows when an upload is over the limit. */
export function tooLargeMessage(limit: number): string {
  return `上传的内容过大（超过 ${Math.round(limit / 1024 / 1024)} MB），未处理。导入文件最大 100 MB；请拆分后分批导入。`;
}

/** Sends the 413 and closes the connection once the answer is out (never a reset). */
export function sendTooLarge(res: ServerResponse, limit: number): void {
  res.setHeader('Connection', 'close');
  sendError(res, 413, { code: 'INPUT', message: tooLargeMessage(limit) });
}
