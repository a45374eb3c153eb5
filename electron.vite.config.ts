import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { PRODUCT_NAME } from './shared/product';

const root = import.meta.dirname;

// electron-vite picks its build targets (Node and Chrome versions, ES-module output) from the
// installed electron/package.json, and fails without it. Electron is an optional dependency that
// npm drops where its binary cannot be downloaded; the build then takes the major version from the
// range pinned in package.json (ELECTRON_MAJOR_VER is electron-vite's own override).
if (!process.env.ELECTRON_MAJOR_VER) {
  try {
    createRequire(import.meta.url).resolve('electron/package.json');
  } catch {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    const range: string = pkg.optionalDependencies?.electron ?? pkg.devDependencies?.electron ?? '';
    const major = /(\d+)\./.exec(range)?.[1];
    if (!major) throw new Error(`package.json: cannot read Electron's major version from "${range}"`);
    process.env.ELECTRON_MAJOR_VER = major;
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Native and heavy Node packages stay in node_modules (better-sqlite3 must: it is a .node addon).
      externalizeDeps: { include: ['better-sqlite3'] },
      rolldownOptions: {
        // The worker runs long imports/exports off the main thread; it is its own entry.
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          worker: resolve(root, 'electron/main/worker.ts'),
        },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can only require('electron'): bundle everything, emit CommonJS.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // index.html's <title> is %PRODUCT_NAME%: the name is defined once, in shared/product.ts.
    plugins: [
      react(),
      { name: 'product-name', transformIndexHtml: (html) => html.replaceAll('%PRODUCT_NAME%', PRODUCT_NAME) },
    ],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves the renderer unminified by default; minified, the window loads and
      // parses about half as much script (ag-grid and ECharts dominate the bundle).
      minify: true,
      // ag-grid (~1.1 MB minified) is one chunk loaded from local disk, never over a network.
      chunkSizeWarningLimit: 1300,
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
