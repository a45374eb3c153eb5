/**
 * Shared set-up of the browser tests: the built renderer, the local web host on a temp database,
 * Debian's Chromium through playwright-core, screenshots at 1366×768.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startHost, type Host } from '../../electron/host/server';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-output/screenshots');
export const VIEWPORT = { width: 1366, height: 768 };

/** Build the renderer once per run unless a build newer than every renderer source exists. */
export function ensureRendererBuilt(): void {
  const out = path.join(ROOT, 'out/renderer/index.html');
  const newest = (dir: string): number => {
    let t = 0;
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      t = Math.max(t, f.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }
    return t;
  };
  const sources = Math.max(newest(path.join(ROOT, 'renderer')), newest(path.join(ROOT, 'shared')));
  if (existsSync(out) && statSync(out).mtimeMs > sources) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
}

export function tempDb(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `appraisal-e2e-${label}-`));
  return path.join(dir, 'appraisal.db');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true, locale: 'zh-CN' });
  const page = await context.newPage();
  return { context, page };
}

export async function startTestHost(dbPath: string): Promise<Host> {
  return startHost({ dbPath, rendererDir: path.join(ROOT, 'out/renderer') });
}

/** Wait until no call is running (the progress bar is gone). */
export async function idle(page: Page): Promise<void> {
  await page.waitForTimeout(30);
  await page.locator('[data-testid="busy"]').waitFor({ state: 'detached', timeout: 60_000 });
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** POST /api/<method> as the page does (for set-up and for the token checks). */
export async function callApi<T>(host: Host, method: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Appraisal-Token': host.token },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (!res.ok) throw new Error(`${method}: ${body.error?.message ?? res.status}`);
  return body.result as T;
}

/** Choose a file in the next file chooser the page opens. */
export async function chooseFile(
  page: Page,
  trigger: () => Promise<void>,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), trigger()]);
  await chooser.setFiles(file);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
