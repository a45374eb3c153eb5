#!/usr/bin/env node
// The `appraisal` command (cli.md): the workstation's own services, without a window. Runs the
// built CLI (out/cli/appraisal.mjs, which loads the commands' file beside it only for a command to
// run; see scripts/build-cli.mjs), built again first when a source changed since or a file of it is
// missing. `npm run appraisal:ts -- …` runs the TypeScript sources instead.
import module from 'node:module';
import { pathToFileURL } from 'node:url';
import { buildCli, cliBundle, cliNeedsBuild } from '../scripts/build-cli.mjs';

// Node ≥ 22.1 keeps V8's compiled code of the entry on disk between starts; the commands' file has
// its own code cache (electron/cli/code-cache.ts), which works on Node 20 too.
module.enableCompileCache?.();

if (cliNeedsBuild()) {
  try {
    await buildCli();
  } catch (e) {
    console.error(`命令行构建失败 / CLI build failed:\n${e?.message ?? e}`);
    process.exit(1);
  }
}
const { main } = await import(pathToFileURL(cliBundle).href);
process.exitCode = await main(process.argv.slice(2));
