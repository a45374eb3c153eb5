#!/usr/bin/env node
// The `appraisal` command, built: electron/cli/main.ts and everything it imports (our TypeScript and
// the npm packages, except the native better-sqlite3) bundled by esbuild into one ES module,
// out/cli/appraisal.mjs. Compiling TypeScript at every start (tsx) cost 2–4 s; the bundle starts in
// a fraction of that. exceljs and its tree (half of all the code) are a second file,
// out/cli/node_modules/exceljs.cjs, loaded on first use, so commands without a workbook never parse
// it. (In a folder named node_modules because that is what it is: Node then treats it as a
// package's code and does not warn about the old `new Buffer()` calls in exceljs's dependencies.)
// Built by `npm install` (scripts/prepare.mjs), by `npm run build`, and by bin/appraisal.mjs
// whenever a file the last build read is newer than the bundle.
// esbuild comes with tsx (a dependency), so it is there wherever the CLI can run.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cliEntry = path.join(root, 'electron/cli/main.ts');
export const cliBundle = path.join(root, 'out/cli/appraisal.mjs');
const EXCELJS_FILE = 'node_modules/exceljs.cjs';
/** The files the last build read (relative to the root), to tell whether the bundle is stale. */
const inputsFile = path.join(root, 'out/cli/inputs.json');
/** Besides the sources: what changes the bundled packages or the way it is built. */
const ALSO = ['package.json', 'package-lock.json', 'scripts/build-cli.mjs'];

const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Infinity; // gone: build again
  }
};

/** True when there is no bundle, or a file the last build read changed after it. */
export function cliNeedsBuild(bundle = cliBundle) {
  if (!existsSync(bundle)) return true;
  // Without the sources (a copy of out/ alone) the bundle is all there is.
  if (!existsSync(cliEntry)) return false;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  } catch {
    return true;
  }
  const built = mtime(bundle);
  return [...inputs, ...ALSO].some((f) => mtime(path.join(root, f)) > built);
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
 * out/cli/node_modules/exceljs.cjs when a property is first read (ExcelJS.Workbook, ExcelJS.stream…), not at start.
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
 * Builds the bundle into `outfile` and node_modules/exceljs.cjs beside it (each written whole, then renamed, so
 * a parallel start never reads half a file; the bundle last, as it is what says "built").
 */
export async function buildCli({ outfile = cliBundle, quiet = false } = {}) {
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
    entryPoints: [cliEntry],
    format: 'esm',
    // better-sqlite3: a .node addon, loaded from its package folder at run time.
    external: ['better-sqlite3', `./${EXCELJS_FILE}`],
    plugins: [lazyExceljs],
    // The bundled CommonJS packages (exceljs and its tree) call require() and may use __dirname.
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
  mkdirSync(path.dirname(outfile), { recursive: true });
  mkdirSync(path.dirname(path.join(path.dirname(outfile), EXCELJS_FILE)), { recursive: true });
  write(path.join(path.dirname(outfile), EXCELJS_FILE), exceljs.outputFiles[0].contents);
  if (outfile === cliBundle) {
    const inputs = Object.keys(result.metafile.inputs).filter(
      (f) => !f.startsWith('node_modules/') && !f.includes(':'),
    );
    write(inputsFile, JSON.stringify(inputs));
  }
  write(outfile, result.outputFiles[0].contents);
  if (!quiet) {
    const kb = Math.round(result.outputFiles[0].contents.length / 1024);
    console.error(`命令行已构建 / CLI built: ${path.relative(root, outfile)} (${kb} KB, ${Date.now() - started} ms)`);
  }
  return outfile;
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
