/**
 * app://appraisal/… serves the built renderer from disk with the CSP header; nothing else is
 * reachable through it (no dev server, no remote URL, no path outside out/renderer).
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentType, resolveStaticPath } from '../gateway/static';
import { CSP } from '../gateway/csp';
import { APP_HOST, APP_SCHEME } from './security';

/** Must run before app 'ready': a standard, secure scheme gets a real origin and fetch support. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

export async function appProtocolResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return new Response('未找到', { status: 404 });
  const file = resolveStaticPath(rendererDir, url.pathname);
  if (!file) return new Response('未找到', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const body = await readFile(file);
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': contentType(file),
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

export function serveRendererOverAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererDir, request.url));
}
