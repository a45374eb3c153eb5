/**
 * The built `appraisal` command (bin/appraisal.mjs → out/cli/, scripts/build-cli.mjs), run as a
 * process the way `npx appraisal` runs it: a small entry that answers --help alone, the commands in
 * a second file loaded through V8's code cache, exceljs in a third. The other CLI tests call
 * electron/cli/main.ts in-process (no process per call, the sources themselves); this one checks
 * that the built command gives the same answers: exit codes, `--json` output byte for byte, and a
 * workbook written through the lazily loaded exceljs file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { writeZip, xlsxItems } from './helpers/zip-writer';
import { runCli, tempDir } from './support/ex1';
import { cliNeedsBuild } from '../../scripts/build-cli.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'out/cli');

/** The commands' file of a build, commands-<hash>.cjs. */
function commandsFile(buildDir: string): string {
  const name = fs.readdirSync(buildDir).find((f) => /^commands-\w+\.cjs$/.test(f));
  expect(name, fs.readdirSync(buildDir).join(' ')).toBeDefined();
  return name!;
}

/** Its exceljs file, node_modules/exceljs-<hash>.cjs. */
function exceljsFile(buildDir: string): string {
  const name = fs.readdirSync(path.join(buildDir, 'node_modules')).find((f) => /^exceljs-\w+\.cjs$/.test(f));
  expect(name).toBeDefined();
  return `node_modules/${name!}`;
}

/** Runs the entry of a build directly (not through bin/appraisal.mjs, which would build again). */
function entry(buildDir: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const url = pathToFileURL(path.join(buildDir, 'appraisal.mjs')).href;
  const script = `const { main } = await import(${JSON.stringify(url)}); process.exitCode = await main(${JSON.stringify(args)});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
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
    const main = commandsFile(OUT);
    const start = fs.readFileSync(path.join(OUT, 'appraisal.mjs'), 'utf8');
    expect(start).toContain(`"./${main}"`);
    // The entry holds the command table, not the services, the database driver or the packages.
    expect(start.length).toBeLessThan(50_000);
    for (const heavy of ['better-sqlite3', 'kysely', 'zod', 'exceljs']) expect(start).not.toContain(heavy);
    const commands = fs.readFileSync(path.join(OUT, main), 'utf8');
    expect(commands).toContain(`"${exceljsFile(OUT)}"`);
    for (const code of [start, commands]) {
      // No TypeScript compiler at run time, and our sources are inside (not loaded from electron/).
      expect(code).not.toMatch(/(from |require\()["']tsx/);
      expect(code).not.toMatch(/(from |require\()["'][./]*electron\//);
    }
  });

  it('answers --help and a mistaken command line from the entry alone', () => {
    // A copy of the build without the commands and exceljs: what --help needs is all there.
    const copy = path.join(dir, 'entry-only');
    fs.cpSync(OUT, copy, { recursive: true });
    for (const f of fs.readdirSync(copy)) if (f.startsWith('commands-')) fs.rmSync(path.join(copy, f));
    fs.rmSync(path.join(copy, 'node_modules'), { recursive: true });
    const help = entry(copy, '--help');
    expect(help.code, help.err).toBe(0);
    expect(help.out).toContain('用法：appraisal');
    const bare = entry(copy);
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('用法：appraisal');
    const unknown = entry(copy, '--db', db, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('未知的命令：frobnicate');
    const badOption = entry(copy, 'score', '--yaer', '2024');
    expect(badOption.code).toBe(2);
    expect(badOption.err).toContain('命令行有误');
    // A command to run does need the removed file: the copy really lacks it.
    const score = entry(copy, '--db', db, 'score', '--year', '2024', '--scheme', 'TC', '--json');
    expect(score.code).not.toBe(0);
    expect(score.err).toMatch(/commands-\w+\.cjs/);
  });

  it('counts as stale when a file it was built from is newer, or when a file of it is missing', () => {
    const copy = path.join(dir, 'stale');
    fs.cpSync(OUT, copy, { recursive: true });
    const start = path.join(copy, 'appraisal.mjs');
    fs.utimesSync(start, new Date('2000-01-01'), new Date('2000-01-01'));
    expect(cliNeedsBuild(copy)).toBe(true);
    const later = new Date(Date.now() + 3600_000);
    fs.utimesSync(start, later, later);
    expect(cliNeedsBuild(copy)).toBe(false);
    fs.rmSync(path.join(copy, commandsFile(copy)));
    expect(cliNeedsBuild(copy)).toBe(true);
    fs.rmSync(start);
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

  it("keeps V8's code cache of the commands beside them, and runs the same with a broken one", () => {
    expect(bin('--db', db, 'score', '--year', '2024', '--scheme', 'TC', '--json').code).toBe(0); // the demo is there
    // Beside out/cli, so the copy finds better-sqlite3 in the project's node_modules.
    const copy = path.join(ROOT, 'out', `cli-cache-test-${process.pid}`);
    fs.cpSync(OUT, copy, { recursive: true });
    onTestFinished(() => fs.rmSync(copy, { recursive: true, force: true }));
    const main = commandsFile(copy);
    const caches = () => fs.readdirSync(copy).filter((f) => f.endsWith('.cache'));
    for (const f of caches()) fs.rmSync(path.join(copy, f));
    const args = ['--db', db, 'score', '--year', '2024', '--scheme', 'TC', '--json'];
    const first = entry(copy, ...args);
    expect(first.code, first.err).toBe(0);
    // Named for the commands' file (its content's hash) and the Node that compiled it.
    expect(caches()).toEqual([`${main}.${process.version}-${process.arch}.cache`]);
    const cache = path.join(copy, caches()[0]!);
    const made = fs.readFileSync(cache);
    expect(made.length).toBeGreaterThan(10_000);
    const second = entry(copy, ...args);
    expect(second.out).toBe(first.out);
    expect(fs.readFileSync(cache).equals(made)).toBe(true); // taken, not written again
    // A cache V8 refuses (here: garbage) is not used: the same answer, and a good cache written anew.
    fs.writeFileSync(cache, Buffer.alloc(made.length, 7));
    const third = entry(copy, ...args);
    expect(third.code, third.err).toBe(0);
    expect(third.out).toBe(first.out);
    expect(fs.readFileSync(cache).equals(Buffer.alloc(made.length, 7))).toBe(false);
    expect(fs.readFileSync(cache).length).toBeGreaterThan(10_000);
  });

  it('reads a CDATA value with its exceljs as the sources do (reader.ts patches the saxes it uses)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('数据采集').getCell('A1').value = 1;
    const base = Buffer.from(await wb.xlsx.writeBuffer());
    const sheet =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<sheetData><row r="1"><c r="A1"><v><![CDATA[50]]></v></c></row></sheetData></worksheet>';
    const file = path.join(dir, 'cdata.xlsx');
    fs.writeFileSync(file, writeZip(await xlsxItems(base, { 'xl/worksheets/sheet1.xml': sheet })));
    // The commands' file (which applies the patch when loaded), then the exceljs file they load.
    const script = [
      `require(${JSON.stringify(path.join(OUT, commandsFile(OUT)))});`,
      `const ExcelJS = require(${JSON.stringify(path.join(OUT, exceljsFile(OUT)))});`,
      'const wb = new ExcelJS.Workbook();',
      `wb.xlsx.load(require('node:fs').readFileSync(${JSON.stringify(file)}))`,
      "  .then(() => console.log(JSON.stringify(wb.worksheets[0].getCell('A1').value)));",
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('50');
  });

  it('writes a results workbook (exceljs loaded on demand) without warnings', async () => {
    const out = path.join(dir, 'results.xlsx');
    const r = bin('--db', db, 'export', 'results', '--year', '2024', '--scheme', 'MG', '--out', out);
    expect(r.code, r.err).toBe(0);
    // Node's "Buffer() is deprecated" warning would show if exceljs's tree were not seen as a package.
    expect(r.err).not.toMatch(/Warning/);
    // exceljs too is loaded through a code cache, there once a workbook command ran.
    expect(fs.existsSync(path.join(OUT, `${exceljsFile(OUT)}.${process.version}-${process.arch}.cache`))).toBe(true);
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
