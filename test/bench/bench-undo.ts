/**
 * Undoing a value import at scale (issue 14): a first import of n targets × 60 values, then a
 * re-import (replace) that changes most of them and clears the cells it leaves empty; then, each in
 * its own Node process (so that its peak RSS is its own), the re-import is undone and then the
 * first import. Reported per run: CPU time (user + system, the figure to compare on a shared
 * machine), wall time, peak RSS, and the history rows the undo wrote. The database is prepared
 * once and copied for every run.
 *
 *   node bin/run-ts.mjs test/bench/bench-undo.ts [targets=2500] [runs=3]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openServices } from '../../electron/services/index';
import { bulkUpsertTargets } from '../../electron/store/bulk';
import { leaves } from '../../shared/scheme/parse';
import type { Value } from '../../shared/domain/types';
import { benchScheme, benchTargets, benchValues } from './dataset';

const YEAR = 2024;
const Y = { year: YEAR, scheme: 'BENCH' };
const SELF = fileURLToPath(import.meta.url);
const RUN_TS = path.resolve(path.dirname(SELF), '../../bin/run-ts.mjs');
const MISSING: Value = { kind: 'missing' };

type Cell = { target: string; indicator: string; value: Value };

/** Every target × leaf of another seed: its values, missing where it has none (整表替换). */
function replaceCells(n: number, seed: number): Cell[] {
  const scheme = benchScheme(YEAR);
  const codes = leaves(scheme).map((l) => l.code);
  const got = new Map<string, Value>();
  for (const c of benchValues(scheme, benchTargets(n), seed)) got.set(`${c.target}\t${c.indicator}`, c.value);
  const out: Cell[] = [];
  for (const t of benchTargets(n))
    for (const code of codes)
      out.push({ target: t.code, indicator: code, value: got.get(`${t.code}\t${code}`) ?? MISSING });
  return out;
}

async function prepare(n: number, db: string): Promise<string> {
  const s = openServices({ dbPath: db, who: '基准测试' });
  await s.saveScheme({ scheme: benchScheme(YEAR) });
  bulkUpsertTargets(s.ctx.raw, benchTargets(n), new Date().toISOString());
  const imp = (fileName: string, cells: Cell[]) =>
    s.tx(() => {
      const importId = s.recordImport({ kind: 'values', fileName, bytes: Buffer.from(fileName), ...Y, outcome: {} });
      const out = s.writeValues({ ...Y, cells, importId, reason: `导入文件 ${fileName}` });
      s.updateImportOutcome(importId, {
        status: 'imported',
        mode: 'replace',
        written: out.written,
        counts: out.counts,
      });
      return { importId, ...out };
    });
  const first = imp('first.xlsx', [...benchValues(benchScheme(YEAR), benchTargets(n), 7)]);
  const second = imp('second.xlsx', replaceCells(n, 8));
  await s.close();
  const c = second.counts;
  return `首次导入 #${first.importId} 写入 ${first.written}；再次导入 #${second.importId} 写入 ${second.written}（修改 ${c.changed}，新增 ${c.new}，清除 ${c.cleared}，未变 ${c.unchanged}）`;
}

interface UndoResult {
  cpuMs: number;
  wallMs: number;
  peakMb: number;
  /** Peak RSS before the undo (the process with the database open). */
  startMb: number;
  restored: number;
  rows: number;
}

async function undo(db: string, importId: number): Promise<UndoResult> {
  const s = openServices({ dbPath: db, who: '基准测试' });
  const rowsBefore = s.ctx.raw.prepare('SELECT count(*) FROM value_history').pluck().get() as number;
  const startMb = process.resourceUsage().maxRSS / 1024;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await s.undoImport({ importId, reason: '基准' });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const rows = (s.ctx.raw.prepare('SELECT count(*) FROM value_history').pluck().get() as number) - rowsBefore;
  await s.close();
  return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs, peakMb, startMb, restored: r.restored, rows };
}

function child(args: string[]): string {
  const r = spawnSync(process.execPath, [RUN_TS, SELF, ...args], {
    env: { ...process.env, BENCH_UNDO_CHILD: '1' },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{') || l.startsWith('['));
  if (r.status !== 0 || !line) throw new Error(`基准子进程 ${args.join(' ')} 失败：${r.stderr.slice(-2000)}`);
  return line;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const [a, b, c] = process.argv.slice(2);
  if (process.env.BENCH_UNDO_CHILD) {
    if (a === 'prepare') console.log(JSON.stringify({ note: await prepare(Number(b), c!) }));
    else console.log(JSON.stringify([await undo(c!, 2), await undo(c!, 1)]));
    return;
  }
  const n = Number(a ?? 2500);
  const runs = Number(b ?? 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-undo-'));
  try {
    const base = path.join(dir, 'base.db');
    console.log(`[undo] ${n} × 60: ${(JSON.parse(child(['prepare', String(n), base])) as { note: string }).note}`);
    const all: UndoResult[][] = [];
    for (let i = 0; i < runs; i++) {
      const db = path.join(dir, `run-${i}.db`);
      fs.copyFileSync(base, db);
      const r = JSON.parse(child(['undo', '', db])) as UndoResult[];
      all.push(r);
      for (const [k, x] of r.entries())
        console.log(
          `[undo] run ${i + 1} ${k === 0 ? '撤销再次导入' : '再撤销首次导入'}: CPU ${x.cpuMs.toFixed(0)} ms，用时 ${x.wallMs.toFixed(0)} ms，` +
            `峰值 ${x.peakMb.toFixed(0)} MB（撤销前 ${x.startMb.toFixed(0)} MB），恢复 ${x.restored} 个值，历史 ${x.rows} 行`,
        );
      fs.rmSync(db, { force: true });
    }
    for (const k of [0, 1])
      console.log(
        `[undo] median ${k === 0 ? '撤销再次导入' : '再撤销首次导入'}: CPU ${median(all.map((r) => r[k]!.cpuMs)).toFixed(0)} ms，` +
          `用时 ${median(all.map((r) => r[k]!.wallMs)).toFixed(0)} ms，峰值 ${median(all.map((r) => r[k]!.peakMb)).toFixed(0)} MB`,
      );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
