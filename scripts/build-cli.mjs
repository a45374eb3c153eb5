#!/usr/bin/env node
// The `appraisal` command, built by esbuild into out/cli/ from our TypeScript and the npm packages
// (except the native better-sqlite3). Compiling TypeScript at every start (tsx) cost 2–4 s; the
// build starts in a fraction of that, and a start loads only what it runs:
// - appraisal.mjs, the entry (electron/cli/start.ts, a few KB): the command table and the usage text.
//   `--help` and a mistaken command line are answered from it alone.
// - commands-<hash>.cjs (electron/cli/main.ts and all it imports: the services, zod, Kysely, the
//   workbook code; 1.3 MB): loaded when a command is to run, with V8's code cache kept beside it
//   (commands-<hash>.cjs.<node version>.cache, written by the first command; code-cache.ts).
// - node_modules/exceljs-<hash>.cjs: exceljs and its tree (as much code again), loaded on first use
//   (with its code cache too), so commands without a workbook never parse it. (In a folder named
//   node_modules because that is what it is: Node then treats it as a package's code and does not
//   warn about the old `new Buffer()` calls in exceljs's dependencies.)
// - build.json: the files the build read and the files it wrote, to tell whether it is stale.
// Built by `npm install` (scripts/prepare.mjs), by `npm run build`, and by bin/appraisal.mjs
// whenever a file the last build read is newer than the entry, or a file it wrote is missing.
// esbuild comes with tsx (a dependency), so it is there wherever the CLI can run.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cliEntry = path.join(root, 'electron/cli/start.ts');
export const cliDir = path.join(root, 'out/cli');
const ENTRY_FILE = 'appraisal.mjs';
export const cliBundle = path.join(cliDir, ENTRY_FILE);
/** What the last build read (relative to the root) and wrote (relative to its folder). */
const MANIFEST_FILE = 'build.json';
/** Besides the sources: what changes the bundled packages or the way it is built. */
const ALSO = ['package.json', 'package-lock.json', 'scripts/build-cli.mjs'];
/** Files of an earlier build are deleted once this old: a process started just before may still load one. */
const OLD_FILE_MS = 60_000;

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
 * `import ExcelJS from 'exceljs'` in our sources becomes this module: the package is loaded from
 * `file` (out/cli/node_modules/exceljs-<hash>.cjs), with its code cache, when a property is first
 * read (ExcelJS.Workbook, ExcelJS.stream…), not at start.
 */
const lazyExceljs = (file) => ({
  name: 'lazy-exceljs',
  setup(b) {
    b.onResolve({ filter: /^exceljs$/ }, (a) =>
      a.importer.includes('node_modules') ? undefined : { path: 'exceljs', namespace: 'lazy-exceljs' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-exceljs' }, () => ({
      loader: 'js',
      resolveDir: root,
      contents: [
        "import { requireWithCodeCache } from './electron/cli/code-cache.ts';",
        'let loaded;',
        `const load = () => (loaded ??= requireWithCodeCache(require('node:path').join(__dirname, ${JSON.stringify(file)})));`,
        'export default new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });',
      ].join('\n'),
    }));
  },
});

const write = (file, contents) => {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
};

/**
 * Builds the command into `outdir` (see the top of this file). Each file is written whole, then
 * renamed, so a parallel start never reads half a file; the commands' file has its content's hash in
 * its name, so an older entry never meets a newer one and its code cache (code-cache.ts) is never
 * taken for another's; the entry is written last, as it is what says "built". Returns its path.
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
    metafile: true,
  };
  const exceljsBuild = await esbuild.build({
    ...common,
    stdin: { contents: "module.exports = require('exceljs');", resolveDir: root, sourcefile: 'exceljs-entry.cjs' },
    format: 'cjs',
    // saxes, exceljs's XML parser, stays the package's own: electron/excel/reader.ts patches its
    // prototype (CDATA read as text), and a copy inside this file would go unpatched.
    external: ['saxes'],
  });
  const exceljs = exceljsBuild.outputFiles[0];
  const hash = createHash('sha256').update(exceljs.contents).digest('hex').slice(0, 10).toUpperCase();
  const exceljsFile = `node_modules/exceljs-${hash}.cjs`;
  // CommonJS, as only a script (not an ES module) can be given V8's code cache on Node 20.
  const commands = await esbuild.build({
    ...common,
    entryPoints: { commands: path.join(root, 'electron/cli/main.ts') },
    entryNames: '[name]-[hash]',
    outExtension: { '.js': '.cjs' },
    outdir,
    format: 'cjs',
    // better-sqlite3: a .node addon, loaded from its package folder at run time.
    external: ['better-sqlite3'],
    plugins: [lazyExceljs(exceljsFile)],
    // Our sources find files and packages from import.meta.url (templates, saxes): this file's URL.
    define: { 'import.meta.url': '__cliImportMetaUrl' },
    banner: { js: "const __cliImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  const commandsFile = commands.outputFiles[0];
  const entry = await esbuild.build({
    ...common,
    entryPoints: [cliEntry],
    outfile: path.join(outdir, ENTRY_FILE),
    format: 'esm',
    define: { __CLI_COMMANDS_FILE__: JSON.stringify(`./${path.basename(commandsFile.path)}`) },
  });
  const entryFile = entry.outputFiles[0];
  mkdirSync(path.join(outdir, path.dirname(exceljsFile)), { recursive: true });
  write(path.join(outdir, exceljsFile), exceljs.contents);
  write(commandsFile.path, commandsFile.contents);
  const outputs = [exceljsFile, path.basename(commandsFile.path)];
  const inputs = [...new Set([...Object.keys(commands.metafile.inputs), ...Object.keys(entry.metafile.inputs)])].filter(
    (f) => !f.includes('node_modules/') && !f.includes(':'),
  );
  write(path.join(outdir, MANIFEST_FILE), JSON.stringify({ inputs, outputs }));
  write(entryFile.path, entryFile.contents);
  removeOld(outdir, outputs);
  if (!quiet) {
    const kb = (f) => Math.round(f.contents.length / 1024);
    console.error(
      `命令行已构建 / CLI built: ${path.relative(root, entryFile.path)} (${kb(entryFile)} KB), ` +
        `${path.basename(commandsFile.path)} (${kb(commandsFile)} KB), ${exceljsFile} (${kb(exceljs)} KB) ` +
        `in ${Date.now() - started} ms`,
    );
  }
  return entryFile.path;
}

/**
 * What earlier builds left: their commands' and exceljs files with their code caches, half-written
 * files of a build that was killed, and inputs.json (the manifest before build.json). Kept for a
 * minute, as a process started just before may still load one.
 */
function removeOld(outdir, outputs) {
  for (const sub of ['.', 'node_modules']) {
    let names;
    try {
      names = readdirSync(path.join(outdir, sub));
    } catch {
      continue;
    }
    for (const name of names) {
      const rel = sub === '.' ? name : `${sub}/${name}`;
      const ours = /^(commands|exceljs)[-.]/.test(name) || name.endsWith('.tmp') || name === 'inputs.json';
      if (!ours || outputs.some((f) => rel === f || rel.startsWith(`${f}.`))) continue;
      const file = path.join(outdir, rel);
      if (Date.now() - mtime(file) > OLD_FILE_MS) rmSync(file, { force: true });
    }
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
