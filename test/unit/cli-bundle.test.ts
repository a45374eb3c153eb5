/**
 * The built `appraisal` command (bin/appraisal.mjs → out/cli/appraisal.mjs and its chunks, scripts/build-cli.mjs),
 * run as a process the way `npx appraisal` runs it. The other CLI tests call electron/cli/main.ts
 * in-process (no process per call, the sources themselves); this one checks that the bundle gives
 * the same answers: exit codes, `--json` output byte for byte, and a workbook written through the
 * lazily loaded exceljs file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './support/ex1';
import { cliNeedsBuild } from '../../scripts/build-cli.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'out/cli');

/** The files of the build that `file` imports statically, directly or through others (not import()). */
function staticImports(file: string, seen = new Set<string>()): string[] {
  const code = fs.readFileSync(path.join(OUT, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{},\s]*from\s*)?["']\.\/([^"']+)["']/g)) {
    if (seen.has(m[1]!)) continue;
    seen.add(m[1]!);
    staticImports(m[1]!, seen);
  }
  return [...seen];
}

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
  it('is a small entry, with the commands and exceljs in files loaded only when needed', () => {
    const files = fs.readdirSync(OUT);
    const entry = fs.readFileSync(path.join(OUT, 'appraisal.mjs'), 'utf8');
    const main = files.find((f) => /^main-\w+\.mjs$/.test(f));
    expect(main, files.join(' ')).toBeDefined();
    // The entry reaches the commands only through import(), never statically.
    expect(entry).toContain(`import("./${main}")`);
    expect(staticImports('appraisal.mjs')).not.toContain(main);
    expect(fs.existsSync(path.join(OUT, 'node_modules/exceljs.cjs'))).toBe(true);
    const chunks = files.filter((f) => f.endsWith('.mjs')).map((f) => fs.readFileSync(path.join(OUT, f), 'utf8'));
    expect(chunks.some((c) => c.includes('./node_modules/exceljs.cjs'))).toBe(true);
    for (const c of chunks) {
      // No TypeScript compiler at run time, and our sources are inside (not imported from electron/).
      expect(c).not.toMatch(/from ["']tsx/);
      expect(c).not.toMatch(/from ["'][./]*electron\//);
    }
  });

  it('answers --help and a mistaken command line from the entry alone', () => {
    // A copy of the build without the commands' chunk and exceljs: what --help needs is all there.
    const copy = path.join(dir, 'entry-only');
    fs.cpSync(OUT, copy, { recursive: true });
    const needed = new Set(['appraisal.mjs', ...staticImports('appraisal.mjs')]);
    for (const f of fs.readdirSync(copy)) if (f.endsWith('.mjs') && !needed.has(f)) fs.rmSync(path.join(copy, f));
    fs.rmSync(path.join(copy, 'node_modules'), { recursive: true });
    const run = (...args: string[]) => {
      const script = `const { main } = await import(${JSON.stringify(pathToFileURL(path.join(copy, 'appraisal.mjs')).href)}); process.exitCode = await main(${JSON.stringify(args)});`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    const help = run('--help');
    expect(help.code, help.err).toBe(0);
    expect(help.out).toContain('用法：appraisal');
    const bare = run();
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('用法：appraisal');
    const unknown = run('--db', db, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('未知的命令：frobnicate');
    const badOption = run('score', '--yaer', '2024');
    expect(badOption.code).toBe(2);
    expect(badOption.err).toContain('命令行有误');
    // A command to run does need the removed chunk: the copy really lacks it.
    const score = run('--db', db, 'score', '--year', '2024', '--scheme', 'TC', '--json');
    expect(score.code).not.toBe(0);
    expect(score.err).toMatch(/main-\w+\.mjs/);
  });

  it('counts as stale when a file it was built from is newer, or when a file of it is missing', () => {
    const copy = path.join(dir, 'stale');
    fs.cpSync(OUT, copy, { recursive: true });
    const entry = path.join(copy, 'appraisal.mjs');
    fs.utimesSync(entry, new Date('2000-01-01'), new Date('2000-01-01'));
    expect(cliNeedsBuild(copy)).toBe(true);
    const later = new Date(Date.now() + 3600_000);
    fs.utimesSync(entry, later, later);
    expect(cliNeedsBuild(copy)).toBe(false);
    const main = fs.readdirSync(copy).find((f) => /^main-\w+\.mjs$/.test(f))!;
    fs.rmSync(path.join(copy, main));
    expect(cliNeedsBuild(copy)).toBe(true);
    fs.rmSync(entry);
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
