/** The worked example of /shared/examples (ex1-*) loaded through the services, for tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import { openServices, type Services } from '../../../electron/services';

const here = path.dirname(fileURLToPath(import.meta.url));
export const EXAMPLES = path.resolve(here, '../../../../shared/examples');

export const ex1Scheme = () =>
  JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'ex1-scheme.json'), 'utf8')) as Record<string, unknown>;
export const ex1Values = () =>
  JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'ex1-values.json'), 'utf8')) as Record<
    string,
    Record<string, number | string | null>
  >;
export const ex1Expected = () =>
  JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'ex1-expected.json'), 'utf8')) as {
    results: Record<
      string,
      {
        base: number;
        bonus: number;
        deduction: number;
        total: number;
        grade: string;
        rank: number;
        flags: string[];
        indicators: Record<string, number | null>;
      }
    >;
    salary: {
      person: string;
      target: string;
      base: number;
      performanceBase: number;
      months: number;
      k: number;
      pay: string;
      payInWords: string;
    }[];
    allocation100000_noGradeExcluded: Record<string, string>;
  };

export const EX_TARGETS = [
  { code: 'EX-01', name: '城关社区卫生服务中心' },
  { code: 'EX-02', name: '东街社区卫生服务中心' },
  { code: 'EX-03', name: '西关社区卫生服务中心' },
];

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** "41.0" in JSON arrives as 41: the text a person would type. */
export function valueText(v: number | string | null): string {
  if (v === null) return '';
  return String(v);
}

/** Targets, the scheme (for `year`), every value, and the example's adjustments. */
export async function loadEx1(s: Services, year = 2024): Promise<void> {
  for (const t of EX_TARGETS)
    await s.saveTarget({ target: { ...t, kind: 'community_centre', group: null, active: true } });
  const saved = await s.saveScheme({ scheme: ex1Scheme(), year, strict: true });
  if (saved.problems.length > 0) throw new Error(JSON.stringify(saved.problems));
  const cells = Object.entries(ex1Values()).flatMap(([target, row]) =>
    Object.entries(row).map(([indicator, v]) => ({ target, indicator, text: valueText(v) })),
  );
  await s.setValues({ year, scheme: 'EX', cells, reason: '录入示例数据' });
  await s.addAdjustment({ year, scheme: 'EX', target: 'EX-02', kind: 'bonus', points: '2', reason: '省级示范' });
  await s.addAdjustment({ year, scheme: 'EX', target: 'EX-02', kind: 'bonus', points: '2', reason: '经验推广' });
  await s.addAdjustment({
    year,
    scheme: 'EX',
    target: 'EX-03',
    kind: 'deduction',
    points: '1',
    reason: '督导发现问题',
  });
}

export function openTemp(prefix = 'svc-', who = '测试员'): { s: Services; dir: string; dbPath: string } {
  const dir = tempDir(prefix);
  const dbPath = path.join(dir, 'a.db');
  return { s: openServices({ dbPath, who }), dir, dbPath };
}

/** Every row of every table, to prove that a refused change wrote nothing. */
export function snapshot(raw: BetterSqlite3.Database): Record<string, unknown[]> {
  const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string;
  }[];
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    out[name] = raw
      .prepare(`SELECT * FROM "${name}"`)
      .all()
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return out;
}

/** Runs the CLI in-process against one database file, capturing stdout and stderr. */
export async function runCli(db: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { main } = await import('../../../electron/cli/main');
  let out = '';
  let err = '';
  const code = await main(['--db', db, ...args], { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/** Every row of the database file, read through a separate connection. */
export async function snapshotFile(db: string): Promise<Record<string, unknown[]>> {
  const { openServices } = await import('../../../electron/services');
  const s = openServices({ dbPath: db });
  try {
    return snapshot(s.ctx.raw);
  } finally {
    await s.close();
  }
}
