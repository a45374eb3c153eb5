/**
 * finance.md: "Mode linear with intercept 0.3, slope 0.01, B = 0, P = 350,000, total 86.30 → k = 1.163
 * → 407,050.00". The example states no kMax, so a linear rule without kMax must not be clamped to 1
 * when the salary is computed from the stored scheme (the CLI path a checker drives).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeScheme } from '../../shared/scheme/validate';
import type { Scheme } from '../../shared/domain/types';
import { runCli, tempDir } from './support/ex1';

const linearScheme = (salary: Record<string, unknown>) => ({
  code: 'SL',
  name: '线性年薪',
  year: 2024,
  targetKind: 'county_hospital',
  fullScore: 100,
  salary,
  indicators: [
    {
      code: 'D',
      name: '综合',
      children: [{ code: 'X', name: '得分', weight: 100, unit: '分', method: { type: 'manual' } }],
    },
  ],
});

let dir: string;
let db: string;
const cli = (...args: string[]) => runCli(db, ...args);

beforeAll(() => {
  dir = tempDir('conf-linear-');
  db = path.join(dir, 'a.db');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('salary mode linear (finance.md example)', () => {
  it('normalizeScheme leaves kMax unset for a linear rule, 1 for score and grade', () => {
    const lin = normalizeScheme(linearScheme({ mode: 'linear', intercept: 0.3, slope: 0.01 }) as unknown as Scheme);
    expect(lin.salary?.kMax).toBeUndefined();
    const score = normalizeScheme(linearScheme({ mode: 'score' }) as unknown as Scheme);
    expect(score.salary?.kMax).toBe(1);
    const none = normalizeScheme({ ...linearScheme({}), salary: undefined } as unknown as Scheme);
    expect(none.salary?.kMax).toBe(1);
  });

  it('k = 1.163 → 407,050.00 through the CLI; an explicit kMax still clamps', async () => {
    expect((await cli('targets', 'add', '--code', 'H1', '--name', '县医院', '--kind', 'county_hospital')).code).toBe(0);
    const file = path.join(dir, 'sl.json');
    fs.writeFileSync(file, JSON.stringify(linearScheme({ mode: 'linear', intercept: 0.3, slope: 0.01 })));
    expect((await cli('scheme', 'import', file)).code).toBe(0);
    const kmax = path.join(dir, 'sk.json');
    fs.writeFileSync(
      kmax,
      JSON.stringify({ ...linearScheme({ mode: 'linear', intercept: 0.3, slope: 0.01, kMax: 1.1 }), code: 'SK' }),
    );
    expect((await cli('scheme', 'import', kmax)).code).toBe(0);
    for (const s of ['SL', 'SK']) {
      const v = await cli(
        'values',
        'set',
        '--year',
        '2024',
        '--scheme',
        s,
        '--target',
        'H1',
        '--indicator',
        'X',
        '--value',
        '86.30',
        '--reason',
        '录入',
      );
      expect(v.code, v.err).toBe(0);
    }
    const base = ['--year', '2024', '--target', 'H1', '--base', '0', '--performance-base', '350000'];
    expect((await cli('salary', 'set', '--person', '甲', '--role', '院长', '--scheme', 'SL', ...base)).code).toBe(0);
    expect((await cli('salary', 'set', '--person', '乙', '--role', '书记', '--scheme', 'SK', ...base)).code).toBe(0);
    const r = await cli('salary', 'compute', '--year', '2024', '--json');
    expect(r.code, r.err).toBe(0);
    const lines = (
      JSON.parse(r.out) as { lines: { person: string; k: number; annual: string; pay: string; payInWords: string }[] }
    ).lines;
    const jia = lines.find((l) => l.person === '甲')!;
    expect(jia.k).toBe(1.163);
    expect(jia.pay).toBe('407050.00');
    expect(jia.payInWords).toBe('肆拾万柒仟零伍拾元整');
    const yi = lines.find((l) => l.person === '乙')!;
    expect(yi.k).toBe(1.1);
    expect(yi.pay).toBe('385000.00');
  });
});
