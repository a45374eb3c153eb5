/**
 * The built `appraisal` command (bin/appraisal.mjs → out/cli/appraisal.mjs, scripts/build-cli.mjs),
 * run as a process the way `npx appraisal` runs it. The other CLI tests call electron/cli/main.ts
 * in-process (no process per call, the sources themselves); this one checks that the bundle gives
 * the same answers: exit codes, `--json` output byte for byte, and a workbook written through the
 * lazily loaded exceljs file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './support/ex1';
import { cliNeedsBuild } from '../../scripts/build-cli.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

function bin(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/appraisal.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dir: string;
let db: string;

beforeAll(() => {
  // As after `npm install` (its prepare step): built if missing or older than a source.
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs'), '--if-needed'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(built.status, built.stderr).toBe(0);
  dir = tempDir('cli-bundle-');
  db = path.join(dir, 'demo.sqlite');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the built appraisal command', () => {
  it('is one bundle, with exceljs in its own file loaded only when a workbook is used', () => {
    const bundle = fs.readFileSync(path.join(ROOT, 'out/cli/appraisal.mjs'), 'utf8');
    expect(fs.existsSync(path.join(ROOT, 'out/cli/node_modules/exceljs.cjs'))).toBe(true);
    expect(bundle).toContain('./node_modules/exceljs.cjs');
    // No TypeScript compiler at run time, and our sources are inside (not imported from electron/).
    expect(bundle).not.toMatch(/from ["']tsx/);
    expect(bundle).not.toMatch(/from ["'][./]*electron\//);
  });

  it('counts as stale when a file it was built from is newer, or when it is missing', () => {
    const copy = path.join(dir, 'appraisal.mjs');
    fs.copyFileSync(path.join(ROOT, 'out/cli/appraisal.mjs'), copy);
    fs.utimesSync(copy, new Date('2000-01-01'), new Date('2000-01-01'));
    expect(cliNeedsBuild(copy)).toBe(true);
    const later = new Date(Date.now() + 3600_000);
    fs.utimesSync(copy, later, later);
    expect(cliNeedsBuild(copy)).toBe(false);
    fs.rmSync(copy);
    expect(cliNeedsBuild(copy)).toBe(true);
  });

  it('prints its help (exit 0) and refuses an unknown command (exit 2)', () => {
    const help = bin('--help');
    expect(help.code, help.err).toBe(0);
    expect(help.out).toContain('用法：appraisal');
    expect(help.err).toBe('');
    const bad = bin('--db', db, 'frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('未知的命令');
  });

  it('builds the demo county and scores it exactly as the TypeScript sources do', async () => {
    const demo = bin('--db', db, 'demo');
    expect(demo.code, demo.err).toBe(0);
    for (const scheme of ['TC', 'VC']) {
      const args = ['score', '--year', '2024', '--scheme', scheme, '--json'];
      const built = bin('--db', db, ...args);
      expect(built.code, built.err).toBe(0);
      const ts = await runCli(db, ...args);
      expect(ts.code).toBe(0);
      expect(built.out).toBe(ts.out);
      expect(JSON.parse(built.out).results.length).toBeGreaterThan(0);
    }
  });

  it('writes a results workbook (exceljs loaded on demand) without warnings', async () => {
    const out = path.join(dir, 'results.xlsx');
    const r = bin('--db', db, 'export', 'results', '--year', '2024', '--scheme', 'MG', '--out', out);
    expect(r.code, r.err).toBe(0);
    // Node's "Buffer() is deprecated" warning would show if exceljs's tree were not seen as a package.
    expect(r.err).not.toMatch(/Warning/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names: string[] = [];
    wb.worksheets.forEach((ws) => ws.eachRow((row) => row.eachCell((c) => void names.push(String(c.value)))));
    const scored = JSON.parse(bin('--db', db, 'score', '--year', '2024', '--scheme', 'MG', '--json').out) as {
      results: { name: string }[];
    };
    for (const t of scored.results) expect(names).toContain(t.name);
  });
});
