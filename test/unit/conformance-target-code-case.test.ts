/**
 * domain.md: a target's code is "unique, stable across years, compared without regard to case".
 * The CLI commands that name a target (values set, adjust, veto/unveto, salary set) take `ex-01`
 * for the stored `EX-01`; `targets add`/`targets import` never add a second target for it.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, runCli, snapshotFile, tempDir } from './support/ex1';

let dir: string;
let db: string;
const cli = (...args: string[]) => runCli(db, ...args);
const Y = ['--year', '2024', '--scheme', 'EX'];

beforeAll(async () => {
  dir = tempDir('conf-case-');
  db = path.join(dir, 'a.db');
  for (const c of ['EX-01', 'EX-02']) {
    expect((await cli('targets', 'add', '--code', c, '--name', `中心${c}`, '--kind', 'community_centre')).code).toBe(0);
  }
  expect((await cli('scheme', 'import', path.join(EXAMPLES, 'ex1-scheme.json'))).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function score() {
  const r = await cli('score', ...Y, '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as {
    results: {
      target: string;
      name: string;
      bonus: number;
      deduction: number;
      veto: string | null;
      indicators: Record<string, { value: unknown }>;
    }[];
  };
}

describe('target codes compared without regard to case', () => {
  it('targets add with another case never adds a second target (refused, exit 2: use the stored code)', async () => {
    const r = await cli(
      'targets',
      'add',
      '--code',
      'ex-01',
      '--name',
      '东街社区卫生服务中心',
      '--kind',
      'community_centre',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('EX-01');
    const s = await score();
    expect(s.results.map((x) => x.target).sort()).toEqual(['EX-01', 'EX-02']);
  });

  it('values set, adjust, veto and unveto take a lower-case code', async () => {
    const v = await cli(
      'values',
      'set',
      ...Y,
      '--target',
      'ex-01',
      '--indicator',
      'P1',
      '--value',
      '80',
      '--reason',
      '录入',
    );
    expect(v.code, v.err).toBe(0);
    const a = await cli('adjust', ...Y, '--target', 'ex-02', '--bonus', '1', '--reason', '示范');
    expect(a.code, a.err).toBe(0);
    const d = await cli('adjust', ...Y, '--target', 'Ex-02', '--deduct', '0.5', '--reason', '督导');
    expect(d.code, d.err).toBe(0);
    const ve = await cli('veto', ...Y, '--target', 'ex-01', '--reason', '安全事故');
    expect(ve.code, ve.err).toBe(0);
    let s = await score();
    const one = s.results.find((x) => x.target === 'EX-01')!;
    expect(one.indicators.P1!.value).toBe(80);
    expect(one.veto).toBe('安全事故');
    const two = s.results.find((x) => x.target === 'EX-02')!;
    expect([two.bonus, two.deduction]).toEqual([1, 0.5]);
    const un = await cli('unveto', ...Y, '--target', 'EX-01', '--reason', '复核撤销');
    expect(un.code, un.err).toBe(0);
    s = await score();
    expect(s.results.find((x) => x.target === 'EX-01')!.veto).toBeNull();
  });

  it('salary set takes a lower-case code; an unknown one is still refused with nothing written', async () => {
    const r = await cli(
      'salary',
      'set',
      '--year',
      '2024',
      '--person',
      '甲',
      '--role',
      '主任',
      '--target',
      'ex-01',
      '--scheme',
      'EX',
      '--base',
      '70000',
      '--performance-base',
      '50000',
    );
    expect(r.code, r.err).toBe(0);
    const c = await cli('salary', 'compute', '--year', '2024', '--json');
    expect(c.code, c.err).toBe(0);
    const lines = (JSON.parse(c.out) as { lines: { person: string; target: string; error?: string }[] }).lines;
    expect(lines).toHaveLength(1);
    expect(lines[0]!.target).toBe('EX-01');
    expect(lines[0]!.error).toBeUndefined();
    const before = await snapshotFile(db);
    const bad = await cli(
      'values',
      'set',
      ...Y,
      '--target',
      'ex-09',
      '--indicator',
      'P1',
      '--value',
      '80',
      '--reason',
      '录入',
    );
    expect(bad.code).toBe(2);
    expect(await snapshotFile(db)).toEqual(before);
  });

  it('targets import: a group named by its code in another case; the same code twice in two cases is an error', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考核对象');
    ws.addRow(['对象编码', '对象名称', '类型', '所属医疗集团']);
    ws.addRow(['g1', '第一医疗集团', '医疗集团', '']);
    ws.addRow(['EX-02', '西街社区卫生服务中心', '社区卫生服务中心', 'G1']);
    const file = path.join(dir, 't.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await cli('targets', 'import', file, '--json');
    expect(r.code, r.err).toBe(0);
    const s = await score();
    expect(s.results.map((x) => x.target).sort()).toEqual(['EX-01', 'EX-02']);
    expect(s.results.find((x) => x.target === 'EX-02')!.name).toBe('西街社区卫生服务中心');

    ws.addRow(['ex-02', '重复', '社区卫生服务中心', '']);
    await wb.xlsx.writeFile(file);
    const dup = await cli('targets', 'import', file, '--json');
    expect(dup.code).toBe(2);
    expect(JSON.parse(dup.out).errors[0].cell).toBe('考核对象!A4');
  });
});
