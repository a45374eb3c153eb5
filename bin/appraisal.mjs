#!/usr/bin/env node
// The `appraisal` command (cli.md): the workstation's own services, without a window. Runs the
// bundled CLI (out/cli/appraisal.mjs, see scripts/build-cli.mjs), built again first when a source
// changed since. `npm run appraisal:ts -- …` runs the TypeScript sources instead.
import module from 'node:module';
import { pathToFileURL } from 'node:url';
import { buildCli, cliBundle, cliNeedsBuild } from '../scripts/build-cli.mjs';

// Node ≥ 22.1 keeps V8's compiled code of the bundle on disk between starts (Node 20 has no such API).
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
