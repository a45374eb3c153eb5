#!/usr/bin/env node
// One operation of the kill test, run again and again through the real CLI until the parent
// SIGKILLs this process at a random moment. Prints "ready" once loaded and "done" after each run.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../../../electron/cli/main.ts');
const [op, db, ...rest] = process.argv.slice(2);
const quiet = { out: () => undefined, err: () => undefined };
const verbose = { out: () => undefined, err: (t) => process.stderr.write(t) };
// One run first (modules loaded, caches warm), timed: the parent kills within the next runs, so the
// random moment falls anywhere in an operation, its last steps (fsync, rename, commit) included.
// The demo (seconds per run) is killed in its first run.
let warm = 0;
async function run(i) {
  let args;
  if (op === 'backup') args = ['--db', db, 'backup', '--out', rest[0]];
  // The restore's warm-up only checks (--dry-run): the data stays as the parent left it.
  else if (op === 'restore') args = ['--db', db, 'restore', rest[0], ...(i < 0 ? ['--dry-run'] : [])];
  else if (op === 'export')
    args = ['--db', db, 'export', 'results', '--year', '2024', '--scheme', 'EX', '--out', rest[0]];
  else if (op === 'demo') args = ['--db', `${rest[0]}/demo-${process.pid}-${i}.sqlite`, 'demo'];
  else if (op === 'import')
    args = ['--db', db, 'values', 'import', '--year', '2024', '--scheme', 'EX', rest[Math.abs(i) % 2]];
  else throw new Error(`unknown op ${op}`);
  const code = await main(args, op === 'import' ? quiet : verbose);
  if (code !== 0) process.stderr.write(`exit ${code}\n`);
}
if (op !== 'demo') {
  const t0 = performance.now();
  await run(-1);
  warm = Math.round(performance.now() - t0);
}
process.stdout.write(`ready ${warm}\n`);
for (let i = 0; ; i++) {
  await run(i);
  process.stdout.write('done\n');
}
