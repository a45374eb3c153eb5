/**
 * Loads a CommonJS file as require() does, keeping V8's compiled code of it on disk beside it (a
 * code cache), so the next start skips most of parsing and compiling it: for the built CLI's
 * commands (1.3 MB) that is about a third of what a `score --json` costs above bare Node, and as much
 * again for exceljs in a workbook command. Node ≥ 22.1 does this itself (module.enableCompileCache);
 * Node 20 has only vm.Script's cachedData, used here.
 *
 * The cache is sound only for the very source it was made from: V8 checks its own version, its flags
 * and the source's length, not its content. So this is for files whose name carries a hash of their
 * content and which are never rewritten in place (the build's `commands-<hash>.cjs` and
 * `exceljs-<hash>.cjs`), and the cache's name carries the Node version and architecture. A cache V8
 * rejects (other flags) is written again; a folder that cannot be written to (a read-only install)
 * only means no cache.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export function cacheFileOf(file: string): string {
  return `${file}.${process.version}-${process.arch}.cache`;
}

/**
 * require(file), with V8's code cache. When there was no usable cache, one is written as the process
 * exits, so the functions the run compiled meanwhile are in it too.
 */
export function requireWithCodeCache<T>(file: string): T {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = cacheFileOf(file);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // none yet
  }
  // Node's own CommonJS wrapper, on the first line so line numbers in stack traces stay right.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
    // A dynamic import() in the file goes to Node's loader as from any module (Node ≥ 20.12).
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once('exit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile); // whole or not at all, for a start running alongside
      } catch {
        // A read-only folder: the command ran all the same, only without a cache next time.
      }
    });
  }
  const module = { exports: {} as T, filename: file, id: file, loaded: false };
  const wrapper = script.runInThisContext() as (
    exports: T,
    require: NodeJS.Require,
    module: { exports: T },
    filename: string,
    dirname: string,
  ) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return module.exports;
}
