// Runs `electron-vite build` when out/ is missing or older than the sources it is built from.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SOURCES = ['renderer', 'shared', 'electron', 'electron.vite.config.ts', 'package.json'];
const OUTPUTS = ['out/renderer/index.html', 'out/main/index.js', 'out/preload/index.cjs'];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

export function needsBuild() {
  const outs = OUTPUTS.map((o) => path.join(root, o));
  if (outs.some((o) => !existsSync(o))) return true;
  const built = Math.min(...outs.map((o) => statSync(o).mtimeMs));
  const source = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  return source > built;
}

export function ensureBuilt({ force = false } = {}) {
  if (!force && !needsBuild()) return;
  console.log('正在构建界面（electron-vite build）… / Building the app (electron-vite build)…');
  const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('构建失败。/ Build failed.');
    process.exit(r.status ?? 1);
  }
}
