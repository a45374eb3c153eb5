/**
 * Start-up of the `appraisal` command (part of `npm run bench`; alone: BENCH_CLI_ONLY=1): the wall
 * time of whole processes, median of several runs, beside bare `node -e 0` measured in the same
 * run (what any Node program pays). Targets: `--help` < 300 ms, `score --json` on the demo database
 * < 500 ms. For reference, once each: the TypeScript path (tsx compiles at every start) and `npx`
 * (npm itself starts first). On Linux also the CPU time each process used, which a busy machine
 * hardly changes (wall times on a shared 2-core VM can triple).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 9);

export interface StartupRow {
  command: string;
  runs: number[];
  median: number;
  /** Median CPU time (user + system) of the process and its children, where the OS tells (Linux). */
  cpuMedian?: number;
  limitMs?: number;
}

/**
 * CPU time of this process's finished children so far (Linux: /proc/self/stat cutime + cstime, in
 * clock ticks of 10 ms). Unlike wall time it hardly moves with how busy the machine is.
 */
function childCpuMs(): number | null {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return null;
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; cpu: number | null } {
  const c0 = childCpuMs();
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  const c1 = childCpuMs();
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${r.status}\n${r.stderr}`);
  return { ms, cpu: c0 === null || c1 === null ? null : c1 - c0 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export function benchCliStartup(): StartupRow[] {
  const node = process.execPath;
  const bin = path.join(ROOT, 'bin/appraisal.mjs');
  // The bundle as `npm install` leaves it (built now if a source changed since; not timed).
  run(node, [path.join(ROOT, 'scripts/build-cli.mjs'), '--if-needed']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cli-'));
  try {
    const db = path.join(dir, 'demo.sqlite');
    run(node, [bin, '--db', db, 'demo']);
    const cases: { command: string; cmd: string; args: string[]; limitMs?: number; runs?: number }[] = [
      { command: 'node -e 0', cmd: node, args: ['-e', '0'] },
      { command: 'appraisal --help', cmd: node, args: [bin, '--help'], limitMs: 300 },
      {
        command: 'appraisal score --year 2024 --scheme TC --json（示例库）',
        cmd: node,
        args: [bin, '--db', db, 'score', '--year', '2024', '--scheme', 'TC', '--json'],
        limitMs: 500,
      },
      {
        command: '参考：TypeScript 源码（tsx）--help',
        cmd: node,
        args: [path.join(ROOT, 'bin/appraisal-ts.mjs'), '--help'],
        runs: 3,
      },
      {
        command: '参考：npx appraisal --help',
        cmd: process.platform === 'win32' ? 'npx.cmd' : 'npx',
        args: ['appraisal', '--help'],
        runs: 3,
      },
    ];
    // One warm-up of each (disk cache), then the runs interleaved, so a busy moment hits all alike.
    for (const c of cases) run(c.cmd, c.args);
    const times = cases.map(() => [] as number[]);
    const cpu = cases.map(() => [] as number[]);
    for (let i = 0; i < RUNS; i++) {
      cases.forEach((c, k) => {
        if (i >= (c.runs ?? RUNS)) return;
        const r = run(c.cmd, c.args);
        times[k]!.push(r.ms);
        if (r.cpu !== null) cpu[k]!.push(r.cpu);
      });
    }
    return cases.map((c, k) => ({
      command: c.command,
      runs: times[k]!,
      median: median(times[k]!),
      cpuMedian: cpu[k]!.length ? median(cpu[k]!) : undefined,
      limitMs: c.limitMs,
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printStartup(rows: StartupRow[]): void {
  const base = rows.find((r) => r.command === 'node -e 0')?.median ?? 0;
  const w = (s: string) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - w(s)));
  const head = [
    '命令行启动',
    '中位数 ms',
    '最快 ms',
    '比 node -e 0 多',
    'CPU ms（中位）',
    '上限 ms',
    '结论',
    '各次 ms',
  ];
  const body = rows.map((r) => [
    r.command,
    r.median.toFixed(0),
    Math.min(...r.runs).toFixed(0),
    r.command === 'node -e 0' ? '' : `+${(r.median - base).toFixed(0)}`,
    r.cpuMedian === undefined ? '' : r.cpuMedian.toFixed(0),
    r.limitMs === undefined ? '' : String(r.limitMs),
    r.limitMs === undefined ? '' : r.median < r.limitMs ? '通过' : '超时',
    r.runs.map((x) => x.toFixed(0)).join(' '),
  ]);
  const widths = head.map((h, i) => Math.max(w(h), ...body.map((b) => w(b[i]!))));
  for (const line of [head, ...body]) console.log(line.map((c, i) => pad(c, widths[i]!)).join('  '));
  // Wall times of whole processes follow how busy the machine is: say how busy it was.
  console.log(
    `（负载 / load average: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}，${os.cpus().length} 核）`,
  );
}
