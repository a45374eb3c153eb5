/** The CLI's workbook commands, wired to the workbook service, on the worked example. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, EX_TARGETS, ex1Expected, ex1Scheme, runCli, snapshotFile, tempDir } from './support/ex1';

let dir: string;
let db: string;

const cli = (...args: string[]) => runCli(db, ...args);

const dbSnapshot = () => snapshotFile(db);

const Y = ['--year', '2024', '--scheme', 'EX'];

beforeAll(async () => {
  dir = tempDir('cli-xlsx-');
  db = path.join(dir, 'county.db');
  for (const t of EX_TARGETS)
    expect((await cli('targets', 'add', '--code', t.code, '--name', t.name, '--kind', '社区卫生服务中心')).code).toBe(
      0,
    );
  expect((await cli('scheme', 'import', path.join(EXAMPLES, 'ex1-scheme.json'))).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('appraisal CLI workbooks', () => {
  it('values import of the example workbook scores as the example', async () => {
    const r = await cli('values', 'import', ...Y, path.join(EXAMPLES, 'ex1-values.xlsx'), '--json');
    expect(r.code, r.err).toBe(0);
    const outcome = JSON.parse(r.out);
    // cli.md: counts of values; EX-03's blank P2 is no value (merge).
    expect(outcome).toMatchObject({ new: 17, changed: 0, unchanged: 0, cleared: 0 });
    expect(Array.isArray(outcome.warnings)).toBe(true);
    for (const [t, kind, n] of [
      ['EX-02', '--bonus', '2'],
      ['EX-02', '--bonus', '2'],
      ['EX-03', '--deduct', '1'],
    ] as const) {
      expect((await cli('adjust', ...Y, '--target', t, kind, n, '--reason', '示例')).code).toBe(0);
    }
    const score = JSON.parse((await cli('score', ...Y, '--json')).out);
    for (const t of score.results) expect(t.total).toBe(ex1Expected().results[t.target]!.total);
  });

  it('a workbook with a bad cell exits 2 with the errors as JSON, writing nothing', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(EXAMPLES, 'ex1-values.xlsx'));
    const ws = wb.worksheets[0]!;
    let cell: ExcelJS.Cell | null = null;
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.value === '满意') cell = c;
      }),
    );
    expect(cell).not.toBeNull();
    cell!.value = '很满意';
    const file = path.join(dir, 'bad-values.xlsx');
    await wb.xlsx.writeFile(file);
    const before = await dbSnapshot();
    const r = await cli('values', 'import', ...Y, file, '--json');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.out);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatchObject({ sheet: ws.name, target: 'EX-01', indicator: 'S1', value: '很满意' });
    expect(out.errors[0].cell).toContain(cell!.address);
    expect(Object.keys(out.errors[0]).sort()).toEqual(['cell', 'indicator', 'message', 'sheet', 'target', 'value']);
    expect(Array.isArray(out.warnings)).toBe(true);
    // The rejected file itself is kept on record (excel.md); no data changed.
    const { imports: _i, audit_log: _a, ...after } = await dbSnapshot();
    const { imports: _bi, audit_log: _ba, ...was } = before;
    expect(after).toEqual(was);
    expect(_i!.length).toBe(_bi!.length + 1);
  });

  it('values import --marked writes a red, commented copy of a rejected workbook and names the cell on stderr', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(EXAMPLES, 'ex1-values.xlsx'));
    const ws = wb.worksheets[0]!;
    let bad: ExcelJS.Cell | null = null;
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.value === '满意') bad = c;
      }),
    );
    bad!.value = '还行';
    const file = path.join(dir, 'bad-marked.xlsx');
    const marked = path.join(dir, 'bad-marked.red.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await cli('values', 'import', ...Y, file, '--marked', marked);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${ws.name}!${bad!.address}`);
    expect(r.err).not.toContain(`${ws.name}!${ws.name}!`);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(marked);
    const c = back.getWorksheet(ws.name)!.getCell(bad!.address);
    expect(c.value).toBe('还行');
    expect((c.fill as ExcelJS.FillPattern).fgColor?.argb).toMatch(/FF0000$/i);
    expect(JSON.stringify(c.note)).toContain('还行');
  });

  it('scheme export to JSON is lossless; to xlsx and back gives the same scheme', async () => {
    const json = path.join(dir, 'ex.json');
    expect((await cli('scheme', 'export', ...Y, '--out', json)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toEqual(ex1Scheme());
    const xlsx = path.join(dir, 'ex.xlsx');
    const e = await cli('scheme', 'export', ...Y, '--out', xlsx);
    expect(e.code, e.err).toBe(0);
    const i = await cli('scheme', 'import', xlsx, '--year', '2025');
    expect(i.code, i.err).toBe(0);
    expect(i.out.trim()).toBe('EX');
    const back = path.join(dir, 'back.json');
    expect((await cli('scheme', 'export', '--year', '2025', '--scheme', 'EX', '--out', back)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(back, 'utf8'))).toEqual({ ...ex1Scheme(), year: 2025 });
  });

  it('template and export results write workbooks', async () => {
    const tpl = path.join(dir, 'template.xlsx');
    const t = await cli('template', ...Y, '--out', tpl);
    expect(t.code, t.err).toBe(0);
    expect(fs.readFileSync(tpl).readUInt32LE(0)).toBe(0x04034b50);
    const res = path.join(dir, 'results.xlsx');
    const r = await cli('export', 'results', ...Y, '--out', res);
    expect(r.code, r.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(res);
    expect(wb.worksheets.map((w) => w.name)).toContain('考核结果汇总');
  });

  it('export results streams into a new folder, and a rejected export leaves the old file as it was', async () => {
    const res = path.join(dir, '新目录', 'results.xlsx');
    const r = await cli('export', 'results', ...Y, '--out', res);
    expect(r.code, r.err).toBe(0);
    const before = fs.readFileSync(res);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(before as unknown as ArrayBuffer);
    expect(wb.getWorksheet('考核结果汇总')).toBeTruthy();
    // An unknown scheme is refused before anything is written (its exit code is the CLI's mapping
    // of NOT_FOUND, not asserted here).
    const bad = await cli('export', 'results', '--year', '2024', '--scheme', 'NOPE', '--out', res);
    expect(bad.code, bad.err).not.toBe(0);
    expect(bad.err).toContain('NOPE');
    expect(fs.readFileSync(res).equals(before)).toBe(true);
    // A year outside 2000–2100 is refused by the contract's schema, as on every other path.
    const badYear = await cli(
      'export',
      'results',
      '--year',
      '1999',
      '--scheme',
      'EX',
      '--out',
      path.join(dir, 'x.xlsx'),
    );
    expect(badYear.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
    expect(fs.readdirSync(path.dirname(res))).toEqual(['results.xlsx']);
  });

  it('allocate with a factor column read from a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('系数');
    ws.addRow(['对象编码', '对象名称', '服务人口']);
    ws.addRow(['EX-01', '甲', 2]);
    ws.addRow(['EX-02', '乙', 1]);
    ws.addRow(['EX-03', '丙', 1]);
    const file = path.join(dir, 'factors.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await cli(
      'allocate',
      ...Y,
      '--amount',
      '1000',
      '--exclude-grades',
      '',
      '--factor-column',
      '服务人口',
      '--factors',
      file,
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    const got = JSON.parse(r.out);
    // weights 86.37·2, 95.5·1, 22.52·1 = 172.74, 95.5, 22.52 (Σ 290.76); in fen 59409.82…,
    // 32844.95…, 7745.21… → floors leave 2 fen, to the two largest remainders (EX-02, EX-01).
    expect(
      got.parts.map((p: { target: string; factor: number; amount: string }) => [p.target, p.factor, p.amount]),
    ).toEqual([
      ['EX-02', 1, '328.45'],
      ['EX-01', 2, '594.10'],
      ['EX-03', 1, '77.45'],
    ]);
    expect(got.sum).toBe('1000.00');
    const missing = await cli(
      'allocate',
      ...Y,
      '--amount',
      '1000',
      '--factor-column',
      '床位',
      '--factors',
      file,
      '--json',
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('床位');
  });
});
