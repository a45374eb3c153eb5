#!/usr/bin/env node
// The `appraisal` command (cli.md): the workstation's own services, without a window.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
