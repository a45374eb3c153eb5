#!/usr/bin/env node
// `prepare`: npm runs it at the end of `npm install` / `npm ci` in this folder.
// 1. The CLI bundle (scripts/build-cli.mjs), so `npx appraisal` starts at once after set-up.
// 2. The Electron runtime. Electron's own install script downloads it; npm runs that script for an
//    optional dependency and, when the download fails (offline machines), removes the whole electron
//    package, and with it the types and version the build and typecheck need. So package.json's
//    `allowScripts` denies electron's script (npm 11), and the same download runs here instead:
//    where it fails, the package stays, this says so, and `npm start` serves the app on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildCli } from './build-cli.mjs';

try {
  await buildCli();
} catch (e) {
  console.error(`命令行构建失败 / CLI build failed:\n${e?.message ?? e}`);
  process.exit(1);
}

const require = createRequire(import.meta.url);

function electronPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null; // not installed (npm --omit=optional, or an older npm dropped it)
  }
}

function electronRuntime() {
  try {
    const p = require('electron'); // the binary's path; throws when it was never downloaded
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const dir = electronPackageDir();
if (dir && !electronRuntime() && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  const { version } = require('electron/package.json');
  console.error(`正在下载 Electron ${version} 运行环境… / Downloading the Electron ${version} runtime…`);
  const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (r.status === 0 && electronRuntime()) {
    console.error(
      'Electron 运行环境已安装：npm start 打开桌面窗口。/ Electron runtime installed: npm start opens the window.',
    );
  } else {
    const reason = (r.stderr || r.error?.message || '').trim().split('\n')[0];
    console.error(
      [
        `无法下载 Electron 运行环境（${reason || `exit ${r.status}`}）。这不影响使用：npm start 会在本机 127.0.0.1 上提供同一程序，用浏览器打开。`,
        `The Electron runtime could not be downloaded (${reason || `exit ${r.status}`}). Nothing else is affected: npm start serves the same app on 127.0.0.1 for a browser.`,
      ].join('\n'),
    );
  }
}
