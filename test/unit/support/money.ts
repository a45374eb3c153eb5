/**
 * Two medical groups with their township centres and village clinics, group schemes for 2022–2024
 * and township / village schemes for 2024, each with one manual indicator of 100 points (the value
 * is the total) — built through the `appraisal` command (see cli-money.test.ts for the numbers).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { runCli } from './ex1';

export const VILLAGE_RULE = { mode: 'grade', gradeCoefficients: { 优秀: 1, 良好: 1, 合格: 1, 不合格: 0 } };

export async function buildMoneyCounty(db: string, dir: string): Promise<void> {
  const ok = async (...args: string[]) => {
    const r = await runCli(db, ...args);
    expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
    return r;
  };
  const scheme = (code: string, name: string, year: number, kind: string, salary: unknown): string => {
    const file = path.join(dir, `${code}-${year}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({
        code,
        name,
        year,
        targetKind: kind,
        salary,
        indicators: [
          {
            code: 'A',
            name: '综合',
            children: [{ code: 'A1', name: '综合得分', weight: 100, method: { type: 'manual' } }],
          },
        ],
      }),
    );
    return file;
  };
  await ok('targets', 'add', '--code', 'G1', '--name', '第一医疗集团', '--kind', 'medical_group');
  await ok('targets', 'add', '--code', 'G2', '--name', '第二医疗集团', '--kind', 'medical_group');
  await ok('targets', 'add', '--code', 'T1', '--name', '城关镇卫生院', '--kind', 'township_centre', '--group', 'G1');
  await ok('targets', 'add', '--code', 'T2', '--name', '东阳镇卫生院', '--kind', 'township_centre', '--group', 'G2');
  await ok(
    'targets',
    'add',
    '--code',
    'V1',
    '--name',
    '城关镇东街村卫生室',
    '--kind',
    'village_clinic',
    '--group',
    'G1',
  );
  await ok(
    'targets',
    'add',
    '--code',
    'V2',
    '--name',
    '东阳镇前进村卫生室',
    '--kind',
    'village_clinic',
    '--group',
    'G2',
  );
  const groupTotals: Record<number, [string, string]> = { 2022: ['50', '60'], 2023: ['55', '85'], 2024: ['88', '92'] };
  for (const year of [2022, 2023, 2024]) {
    await ok('scheme', 'import', scheme('GM', '医疗集团考核', year, 'medical_group', { mode: 'score' }));
    const [g1, g2] = groupTotals[year]!;
    await ok(
      'values',
      'set',
      '--year',
      String(year),
      '--scheme',
      'GM',
      '--target',
      'G1',
      '--indicator',
      'A1',
      '--value',
      g1,
    );
    await ok(
      'values',
      'set',
      '--year',
      String(year),
      '--scheme',
      'GM',
      '--target',
      'G2',
      '--indicator',
      'A1',
      '--value',
      g2,
    );
  }
  await ok('scheme', 'import', scheme('TS', '乡镇卫生院院长考核', 2024, 'township_centre', { mode: 'score' }));
  await ok('scheme', 'import', scheme('VS', '村卫生室考核', 2024, 'village_clinic', VILLAGE_RULE));
  for (const [t, s, v] of [
    ['T1', 'TS', '90'],
    ['T2', 'TS', '80'],
    ['V1', 'VS', '75'],
    ['V2', 'VS', '40'],
  ] as const) {
    await ok('values', 'set', '--year', '2024', '--scheme', s, '--target', t, '--indicator', 'A1', '--value', v);
  }
}
