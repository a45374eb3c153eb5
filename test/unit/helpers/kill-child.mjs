#!/usr/bin/env node
// One operation of the kill test, run again and again through the real CLI until the parent
// SIGKILLs this process at a random moment. Prints "ready" once loaded and "done" after each run.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../../../electron/cli/main.ts');
const [op, db, ...rest] = process.argv.slice(2);
const quiet = { out: () => undefined, err: () => undefined };
const verbose = { out: () => undefined, err: (t) => process.stderr.write(t) };
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  let args;
  if (op === 'backup') args = ['--db', db, 'backup', '--out', rest[0]];
  else if (op === 'restore') args = ['--db', db, 'restore', rest[0]];
  else if (op === 'export') args = ['--db', db, 'export', 'results', '--year', '2024', '--scheme', 'EX', '--out', rest[0]];
  else if (op === 'demo') args = ['--db', `${rest[0]}/demo-${process.pid}-${i}.sqlite`, 'demo'];
  else if (op === 'import') args = ['--db', db, 'values', 'import', '--year', '2024', '--scheme', 'EX', rest[i % 2]];
  else throw new Error(`unknown op ${op}`);
  const code = await main(args, op === 'import' ? quiet : verbose);
  if (code !== 0) process.stderr.write(`exit ${code}\n`);
  process.stdout.write('done\n');
}
