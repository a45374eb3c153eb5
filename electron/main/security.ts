/**
 * The shell's security posture in one place, so tests can check it without a real Electron:
 * web preferences, the content security policy, navigation/window/permission denial and the
 * check that an IPC message comes from our own page.
 */
import type { BrowserWindow, Session, WebContents, WebPreferences } from 'electron';
import { CSP } from '../gateway/csp';

/** The renderer's origin in production: app://appraisal/index.html. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'appraisal';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Dev only (ELECTRON_RENDERER_URL): Vite's HMR needs its websocket and the React refresh preamble. */
export function devCsp(devUrl: string): string {
  const u = new URL(devUrl);
  return CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ws://${u.host} ${u.origin}`,
  );
}

export function webPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** The origins our own page may have: app://appraisal, plus the dev server when one is set. */
export function trustedOrigins(devUrl?: string): string[] {
  const out = [APP_ORIGIN];
  if (devUrl) out.push(new URL(devUrl).origin);
  return out;
}

export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // Custom schemes report origin "null" unless registered standard; rebuild it ourselves.
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

export function isTrustedUrl(url: string | undefined | null, origins: readonly string[]): boolean {
  if (!url) return false;
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}

interface SenderFrameLike {
  url: string;
  parent?: unknown;
}
/** An IPC event's sender frame must be our top-level page; iframes and foreign pages are refused. */
export function isTrustedSender(event: { senderFrame?: SenderFrameLike | null }, origins: readonly string[]): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent) return false;
  return isTrustedUrl(frame.url, origins);
}

/** No navigation away from the app, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents, origins: readonly string[]): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, origins)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url, origins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Every permission (camera, notifications, geolocation, …) is refused; the CSP header is set on every response. */
export function hardenSession(session: Session, origins: readonly string[], csp: string = CSP): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  // Downloads the page makes itself (blob: links) are allowed; Electron then asks where to save.
  // Anything fetched from elsewhere is cancelled.
  session.on('will-download', (event, item) => {
    const url = item.getURL();
    if (!(url.startsWith('blob:') || url.startsWith('data:') || isTrustedUrl(url, origins))) event.preventDefault();
  });
}

export function hardenWindow(win: BrowserWindow, origins: readonly string[]): void {
  hardenWebContents(win.webContents, origins);
}
