#!/usr/bin/env node
// The `appraisal` command, built: electron/cli/start.ts and everything it imports (our TypeScript
// and the npm packages, except the native better-sqlite3) bundled by esbuild into ES modules in
// out/cli/. Compiling TypeScript at every start (tsx) cost 2–4 s; the bundle starts in a fraction of
// that. It is split so a start loads only what it runs:
// - appraisal.mjs, the entry (a few KB): the command table and the usage text. `--help` and a
//   mistaken command line are answered from it alone.
// - main-<hash>.mjs and the chunks it imports: the commands, the services, zod, Kysely, the
//   workbook code; imported (import()) when a command is to run.
// - node_modules/exceljs.cjs: exceljs and its tree (as much code again), loaded on first use, so
//   commands without a workbook never parse it. (In a folder named node_modules because that is what
//   it is: Node then treats it as a package's code and does not warn about the old `new Buffer()`
//   calls in exceljs's dependencies.)
// - build.json: the files the build read and the files it wrote, to tell whether it is stale.
// Built by `npm install` (scripts/prepare.mjs), by `npm run build`, and by bin/appraisal.mjs
// whenever a file the last build read is newer than the entry, or a file it wrote is missing.
// esbuild comes with tsx (a dependency), so it is there wherever the CLI can run.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cliEntry = path.join(root, 'electron/cli/start.ts');
export const cliDir = path.join(root, 'out/cli');
const ENTRY_FILE = 'appraisal.mjs';
export const cliBundle = path.join(cliDir, ENTRY_FILE);
const EXCELJS_FILE = 'node_modules/exceljs.cjs';
/** What the last build read (relative to the root) and wrote (relative to its folder). */
const MANIFEST_FILE = 'build.json';
/** Besides the sources: what changes the bundled packages or the way it is built. */
const ALSO = ['package.json', 'package-lock.json', 'scripts/build-cli.mjs'];
/** Chunks of an earlier build are deleted once this old: a process started just before may still import one. */
const OLD_CHUNK_MS = 60_000;

/** Modification time, or Infinity when the file is gone (build again). No path.join per file: this runs at every start. */
const mtime = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity;

/**
 * True when the build in `dir` is missing or incomplete, or a file the last build read changed
 * after its entry was written (the entry is written last). Runs at every start of bin/appraisal.mjs,
 * so it stats only our own sources (about 90 files; a changed package shows in package-lock.json).
 */
export function cliNeedsBuild(dir = cliDir) {
  const built = mtime(path.join(dir, ENTRY_FILE));
  if (built === Infinity) return true;
  // Without the sources (a copy of out/ alone) the bundle is all there is.
  if (!existsSync(cliEntry)) return false;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), 'utf8'));
  } catch {
    return true;
  }
  const base = root + path.sep;
  return (
    manifest.outputs.some((f) => !existsSync(path.join(dir, f))) ||
    [...manifest.inputs, ...ALSO].some((f) => mtime(base + f) > built)
  );
}

async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    // Not hoisted to the top node_modules: take the copy tsx uses.
    const { createRequire } = await import('node:module');
    const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx'));
    return await import(pathToFileURL(fromTsx.resolve('esbuild')).href);
  }
}

/**
 * `import ExcelJS from 'exceljs'` in our sources becomes this module: the package is required from
 * out/cli/node_modules/exceljs.cjs when a property is first read (ExcelJS.Workbook, ExcelJS.stream…),
 * not at start. (The `require` is the chunk's own, see the banner; all chunks are in out/cli.)
 */
const lazyExceljs = {
  name: 'lazy-exceljs',
  setup(b) {
    b.onResolve({ filter: /^exceljs$/ }, (a) =>
      a.importer.includes('node_modules') ? undefined : { path: 'exceljs', namespace: 'lazy-exceljs' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-exceljs' }, () => ({
      loader: 'js',
      contents: [
        'let loaded;',
        `const load = () => (loaded ??= require('./${EXCELJS_FILE}'));`,
        'export default new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });',
      ].join('\n'),
    }));
  },
};

const write = (file, contents) => {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
};

/**
 * Builds the command into `outdir` (see the top of this file). Each file is written whole, then
 * renamed, so a parallel start never reads half a file; the chunks have their content's hash in the
 * name, so an older entry never meets a newer chunk; the entry is written last, as it is what says
 * "built". Returns the entry's path.
 */
export async function buildCli({ outdir = cliDir, quiet = false } = {}) {
  const started = Date.now();
  const esbuild = await loadEsbuild();
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    legalComments: 'none',
    // Names stay (readable stack traces, class names); only blanks and syntax are squeezed.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'silent',
    write: false,
    absWorkingDir: root,
  };
  const exceljs = await esbuild.build({
    ...common,
    stdin: { contents: "module.exports = require('exceljs');", resolveDir: root, sourcefile: 'exceljs-entry.cjs' },
    format: 'cjs',
  });
  const result = await esbuild.build({
    ...common,
    entryPoints: { appraisal: cliEntry },
    outdir,
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    // better-sqlite3: a .node addon, loaded from its package folder at run time.
    external: ['better-sqlite3', `./${EXCELJS_FILE}`],
    plugins: [lazyExceljs],
    // The bundled CommonJS packages (exceljs and its tree) call require() and may use __dirname.
    // Every output file gets these, each for itself (they are all in outdir).
    banner: {
      js: [
        "import { createRequire as __cliCreateRequire } from 'node:module';",
        "import { fileURLToPath as __cliFileURLToPath } from 'node:url';",
        'const require = __cliCreateRequire(import.meta.url);',
        'const __filename = __cliFileURLToPath(import.meta.url);',
        "const __dirname = __cliFileURLToPath(new URL('.', import.meta.url));",
      ].join('\n'),
    },
    metafile: true,
  });
  const entry = path.join(outdir, ENTRY_FILE);
  const chunks = result.outputFiles.filter((f) => path.resolve(f.path) !== path.resolve(entry));
  const entryFile = result.outputFiles.find((f) => path.resolve(f.path) === path.resolve(entry));
  if (!entryFile || chunks.some((f) => path.dirname(f.path) !== path.dirname(entry))) {
    throw new Error(`esbuild wrote unexpected files: ${result.outputFiles.map((f) => f.path).join(', ')}`);
  }
  mkdirSync(path.join(outdir, path.dirname(EXCELJS_FILE)), { recursive: true });
  write(path.join(outdir, EXCELJS_FILE), exceljs.outputFiles[0].contents);
  for (const f of chunks) write(f.path, f.contents);
  const outputs = [EXCELJS_FILE, ...chunks.map((f) => path.basename(f.path))];
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/') && !f.includes(':'));
  write(path.join(outdir, MANIFEST_FILE), JSON.stringify({ inputs, outputs }));
  write(entry, entryFile.contents);
  removeOldChunks(outdir, new Set([ENTRY_FILE, ...outputs]));
  if (!quiet) {
    const kb = (files) => Math.round(files.reduce((n, f) => n + f.contents.length, 0) / 1024);
    console.error(
      `命令行已构建 / CLI built: ${path.relative(root, entry)} (${kb([entryFile])} KB; ` +
        `${chunks.length} chunks ${kb(chunks)} KB; ${Date.now() - started} ms)`,
    );
  }
  return entry;
}

/** Chunks (and the manifest of builds before build.json) that no build wrote lately. */
function removeOldChunks(outdir, current) {
  for (const name of readdirSync(outdir)) {
    if (current.has(name) || !(name.endsWith('.mjs') || name === 'inputs.json')) continue;
    const file = path.join(outdir, name);
    if (Date.now() - mtime(file) > OLD_CHUNK_MS) rmSync(file, { force: true });
  }
}

// `node scripts/build-cli.mjs [--if-needed]`
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-needed') && !cliNeedsBuild()) process.exit(0);
  try {
    await buildCli();
  } catch (e) {
    console.error(`命令行构建失败 / CLI build failed:\n${e?.message ?? e}`);
    process.exit(1);
  }
}
