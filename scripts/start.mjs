#!/usr/bin/env node
// `npm start`: the Electron window when the Electron runtime is installed; otherwise says so
// plainly and serves the same app on 127.0.0.1 for a browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ensureBuilt, root } from './build-if-needed.mjs';

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when the download never happened.
    const p = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
if (bin) {
  ensureBuilt();
  const child = spawn(bin, ['.'], { cwd: root, stdio: 'inherit', env: { ...process.env, ELECTRON_RENDERER_URL: '' } });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const notice = [
    '本机没有安装 Electron 运行环境，无法打开桌面窗口；改为在本机（127.0.0.1）提供同一程序，请用浏览器打开下面的网址。',
    'The Electron runtime is not installed on this machine, so no desktop window can open; serving the same app on 127.0.0.1 instead — open the URL below in a browser.',
  ].join('\n');
  console.log(notice);
  const { serve } = await import('./serve.mjs');
  await serve();
}
