/** The build configuration: three targets where the shell expects them, preload as CommonJS. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';

const root = path.resolve(import.meta.dirname, '../..');
const rel = (p: unknown) => path.relative(root, String(p)).split(path.sep).join('/');

describe('electron.vite.config.ts', () => {
  const c = config as any;

  it('builds the main process and the long-work worker, keeping better-sqlite3 external', () => {
    const input = c.main.build.rolldownOptions.input;
    expect(rel(input.index)).toBe('electron/main/index.ts');
    expect(rel(input.worker)).toBe('electron/main/worker.ts');
    expect(c.main.build.rolldownOptions.external).toContain('better-sqlite3');
  });

  it('emits the sandboxed preload as one CommonJS file with everything bundled', () => {
    expect(rel(c.preload.build.rolldownOptions.input.index)).toBe('electron/preload/index.ts');
    expect(c.preload.build.rolldownOptions.output).toMatchObject({ format: 'cjs', entryFileNames: '[name].cjs' });
    expect(c.preload.build.externalizeDeps).toBe(false);
  });

  it('builds the React renderer from renderer/index.html into out/renderer', () => {
    expect(rel(c.renderer.root)).toBe('renderer');
    expect(rel(c.renderer.build.outDir)).toBe('out/renderer');
    expect(rel(c.renderer.build.rolldownOptions.input.index)).toBe('renderer/index.html');
    // electron-vite's renderer default is unminified.
    expect(c.renderer.build.minify).toBe(true);
    const names = (c.renderer.plugins as unknown[]).flat(3).map((p) => (p as { name?: string })?.name);
    expect(names.some((n) => typeof n === 'string' && n.includes('react'))).toBe(true);
  });
});
