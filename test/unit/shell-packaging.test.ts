/**
 * Packaging cannot run here (it downloads Electron), so the configuration is checked instead:
 * electron-builder's own schema validation, plus the settings the issue asks for.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRODUCT_NAME } from '../../shared/product';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const yaml = require('js-yaml') as { load(s: string): any };
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));

describe('electron-builder.yml', () => {
  it("passes electron-builder's configuration schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, log: unknown): Promise<void>;
    };
    await expect(validateConfiguration(config, { add() {}, isEnabled: false })).resolves.toBeUndefined();
  });

  it('names the product in Chinese and ships the built app, resources and templates', () => {
    expect(config.productName).toBe(PRODUCT_NAME);
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'resources/**']));
    expect(config.extraResources).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: 'resources/templates' })]),
    );
    expect(config.npmRebuild).toBe(true);
  });

  it('keeps better-sqlite3 outside the asar archive', () => {
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
  });

  it('builds a per-user Chinese NSIS installer for Windows x64', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis.perMachine).toBe(false);
    expect(config.nsis.oneClick).toBe(false);
    expect(String(config.nsis.language)).toBe('2052');
    expect(config.nsis.installerLanguages).toEqual(['zh_CN']);
  });

  it('builds deb packages for x64 and arm64 (UOS/Kylin) in the Office category', () => {
    expect(config.linux.target).toEqual([{ target: 'deb', arch: ['x64', 'arm64'] }]);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toBeTruthy();
  });
});
