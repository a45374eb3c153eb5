#!/usr/bin/env node
// Reads an import file as the import does (readRows) in a fresh process and prints JSON: whether it
// was refused, the message, the time and the process's peak memory (maxRSS) — for the limit tests.
import fs from 'node:fs';
import { register } from 'tsx/esm/api';
register();
const { readRows } = await import('../../../electron/excel/reader.ts');
const [file, reader = 'lean'] = process.argv.slice(2);
const t0 = performance.now();
let out;
try {
  let rows = 0;
  for await (const _ of readRows(fs.readFileSync(file), { reader })) rows++;
  out = { ok: true, rows };
} catch (e) {
  out = { ok: false, code: e?.code ?? null, message: String(e?.message ?? e) };
}
out.ms = Math.round(performance.now() - t0);
out.maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify(out));
