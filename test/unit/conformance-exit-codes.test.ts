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
