// The product name is defined once (shared/product.ts); the files that cannot import it must agree.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { PRODUCT_NAME } from '../../shared/product';

const yaml = createRequire(import.meta.url)('js-yaml') as { load(s: string): any };
const root = path.resolve(import.meta.dirname, '../..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');

describe('product name', () => {
  it('package.json and electron-builder.yml say the same name', () => {
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.productName).toBe(PRODUCT_NAME);
    expect(pkg.description.startsWith(`${PRODUCT_NAME}：`)).toBe(true);
    const builder = yaml.load(read('electron-builder.yml'));
    expect(builder.productName).toBe(PRODUCT_NAME);
    expect(builder.nsis.shortcutName).toBe(PRODUCT_NAME);
    expect(builder.nsis.uninstallDisplayName).toBe(PRODUCT_NAME);
    expect(builder.linux.synopsis).toBe(PRODUCT_NAME);
    expect(builder.linux.desktop.entry.Name).toBe(PRODUCT_NAME);
  });

  it('index.html takes its title from shared/product.ts at build time', () => {
    expect(read('renderer/index.html')).toContain('<title>%PRODUCT_NAME%</title>');
  });

  it('no source file writes the name out again', () => {
    // Only shared/product.ts may hold the literal (tests may assert it).
    const hits = ['electron', 'renderer', 'shared', 'scripts'].flatMap((dir) =>
      (readdirSync(path.join(root, dir), { recursive: true }) as string[])
        .filter((f) => /\.(ts|tsx|mjs|js|html)$/.test(f))
        .map((f) => path.posix.join(dir, f.split(path.sep).join('/')))
        .filter((f) => read(f).includes(PRODUCT_NAME)),
    );
    expect(hits).toEqual(['shared/product.ts']);
  });
});
