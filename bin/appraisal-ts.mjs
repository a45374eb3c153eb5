#!/usr/bin/env node
// The `appraisal` command from the TypeScript sources, compiled at start by tsx (2–4 s): for
// development (`npm run appraisal:ts -- …`). `npx appraisal` runs the built bundle (bin/appraisal.mjs).
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
