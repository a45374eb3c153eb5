/**
 * cli.md exit codes: 0 done; 1 a failure of the program; 2 the input was rejected; 3 locked.
 * Naming a scheme, a year or an import that does not exist is input the command rejects (2), the
 * same for reading commands (score, check, export, lock) as for writing ones (values set) —
 * not a failure of the program (1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, runCli, tempDir } from './support/ex1';

let dir: string;
let db: string;
const cli = (...args: string[]) => runCli(db, ...args);

beforeAll(async () => {
  dir = tempDir('conf-exit-');
  db = path.join(dir, 'a.db');
  expect((await cli('scheme', 'import', path.join(EXAMPLES, 'ex1-scheme.json'))).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('exit code 2 for a scheme, year or import that does not exist', () => {
  const nope = ['--year', '2024', '--scheme', 'NOPE'];
  it.each([
    ['score', ['score', ...nope, '--json']],
    ['score in a year without schemes', ['score', '--year', '2031', '--scheme', 'EX', '--json']],
    ['scheme check', ['scheme', 'check', ...nope, '--json']],
    ['scheme export', ['scheme', 'export', ...nope, '--out', 'x.json']],
    ['export results', ['export', 'results', ...nope, '--out', 'x.xlsx']],
    ['lock', ['lock', ...nope]],
    ['values undo-import', ['values', 'undo-import', '--import', '999', '--reason', '撤销']],
  ])('%s', async (_what, args) => {
    const r = await cli(...args);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/没有/);
  });

  it('the scheme that exists still scores (exit 0)', async () => {
    expect((await cli('score', '--year', '2024', '--scheme', 'EX', '--json')).code).toBe(0);
  });
});

describe('--json answers on stdout when a command is refused', () => {
  it('a value import into a locked scheme: exit 3, the refusal as its error, nothing written', async () => {
    const ExcelJS = (await import('exceljs')).default;
    expect((await cli('targets', 'add', '--code', 'EX-01', '--name', '东街', '--kind', 'community_centre')).code).toBe(
      0,
    );
    expect((await cli('lock', '--year', '2024', '--scheme', 'EX')).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据采集');
    ws.addRow(['对象编码', 'P1']);
    ws.addRow(['EX-01', 80]);
    const file = path.join(dir, 'v.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await cli('values', 'import', '--year', '2024', '--scheme', 'EX', file, '--json');
    expect(r.code).toBe(3);
    const out = JSON.parse(r.out) as { errors: { message: string }[]; warnings: unknown[] };
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]!.message).toContain('已定稿');
    expect(out.warnings).toEqual([]);
    const s = JSON.parse((await cli('score', '--year', '2024', '--scheme', 'EX', '--json')).out);
    expect(s.results[0].indicators.P1.value).toBeNull();
    expect((await cli('unlock', '--year', '2024', '--scheme', 'EX', '--reason', '测试')).code).toBe(0);
  });

  it('a scheme that does not exist: {"error"} on stdout', async () => {
    const r = await cli('score', '--year', '2024', '--scheme', 'NOPE', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual({ error: expect.stringContaining('NOPE') });
  });
});
