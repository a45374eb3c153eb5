#!/usr/bin/env node
// `node scripts/check-start.mjs [start|serve]` (.ci/run): the README's `npm start` on a machine
// without the Electron runtime, checked from outside. Starts it on a database in a temp folder,
// reads the URL it prints, opens the page with the token as a browser would (HTML, its script, one
// API call with the cookie the page set), checks that a request without the token is refused, and
// stops it. Where the Electron runtime is installed `npm start` would open a window instead, so
// this then checks `npm run serve` (the same web host) and says so.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { root } from './build-if-needed.mjs';

// The product name (shared/product.ts; package.json's productName is tied to it by a test).
const productName = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).productName;
const TIMEOUT_MS = 300_000; // the first start builds the renderer

function electronInstalled() {
  try {
    const p = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && existsSync(p);
  } catch {
    return false;
  }
}

let script = process.argv[2] ?? 'start';
if (script === 'start' && electronInstalled()) {
  console.log(
    '[check-start] Electron is installed here: `npm start` would open a window; checking `npm run serve` instead.',
  );
  script = 'serve';
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'check-start-'));
const db = path.join(dir, 'check.sqlite');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const env = { ...process.env, APPRAISAL_DB: db };
delete env.PORT;
// Its own process group, so stopping it stops npm and the node process npm started.
const child = spawn(npm, ['run', script], {
  cwd: root,
  env,
  detached: process.platform !== 'win32',
  shell: process.platform === 'win32',
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (b) => void (output += b));
child.stderr.on('data', (b) => void (output += b));

function stop() {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill();
    else process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

async function waitForUrl() {
  const started = Date.now();
  for (;;) {
    const m = /http:\/\/127\.0\.0\.1:\d+\/\S*token=[\w-]+/.exec(output);
    if (m) return m[0];
    if (child.exitCode !== null)
      throw new Error(`\`npm run ${script}\` ended (exit ${child.exitCode}) before printing a URL`);
    if (Date.now() - started > TIMEOUT_MS) throw new Error(`no URL within ${TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function check(ok, what) {
  if (!ok) throw new Error(what);
  console.log(`[check-start] ✔ ${what}`);
}

let failed = false;
try {
  const url = await waitForUrl();
  const base = new URL(url);
  console.log(`[check-start] \`npm run ${script}\` printed ${base.origin}/?token=…`);
  if (script === 'start') check(output.includes('Electron'), 'it says plainly that there is no Electron runtime');

  const page = await fetch(url);
  const html = await page.text();
  check(
    page.status === 200 && /text\/html/.test(page.headers.get('content-type') ?? ''),
    `the page with the token: ${page.status} HTML`,
  );
  check(html.includes(`<title>${productName}</title>`) && html.includes('id="root"'), 'the page is the workstation');
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
  check(cookie.includes('='), 'the page sets the token cookie');

  const scriptSrc = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
  const js = scriptSrc ? await fetch(new URL(scriptSrc, base), { headers: { cookie } }) : null;
  check(js?.status === 200 && (await js.text()).length > 1000, `its script ${scriptSrc} loads`);

  const api = await fetch(new URL('/api/listYears', base), {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: '{}',
  });
  const apiBody = await api.text();
  check(
    api.status === 200 && 'result' in JSON.parse(apiBody),
    `an API call answers (listYears → ${apiBody.slice(0, 60)})`,
  );
  check(existsSync(db), 'the database was created where APPRAISAL_DB says');

  const noToken = await fetch(new URL('/', base));
  check(noToken.status === 401, `without the token: ${noToken.status}`);
} catch (e) {
  failed = true;
  console.error(`[check-start] ✘ ${e.message}\n--- output of npm run ${script} ---\n${output}`);
} finally {
  stop();
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r)));
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
