/**
 * Hostile and odd workbooks (issue 13 points 4, 5, 6, 8): a zip bomb (honest and lying sizes), a
 * ZIP64 bomb, 46 million empty rows, a sheet just over Excel's row limit, a 10 MB cell, CDATA
 * values, a password-protected workbook. Each refusal names its limit in Chinese, before anything
 * big is inflated. Time and memory are measured in a fresh process (helpers/read-import.mjs).
 *
 * The bounds asserted are deliberately generous — 20 s and 600 MB peak RSS — because this 2-core
 * machine is shared and timings move by ±30 %; the bound is "peak under 600 MB", and the
 * failures these tests guard against took 486 s and 2.6–4.8 GB. Measured figures are in the README.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows, type RawRow } from '../../electron/excel/reader';
import { IMPORT_LIMITS } from '../../electron/excel/zip';
import { repeatedItem, writeZip, xlsxItems, deflateItem } from './helpers/zip-writer';
import { EXAMPLES, runCli, tempDir } from './support/ex1';

const TIME_BOUND_MS = 20_000;
const MEMORY_BOUND_MB = 600;
const SCRIPT = path.join(__dirname, 'helpers', 'read-import.mjs');

let dir: string;
let base: Buffer;

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

beforeAll(async () => {
  dir = tempDir('limits-');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据采集');
  ws.getCell('A1').value = '对象编码';
  ws.getCell('B1').value = 41;
  base = Buffer.from(await wb.xlsx.writeBuffer());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function rowsOf(bytes: Buffer, reader: 'lean' | 'exceljs' | 'exceljs-stream' = 'lean'): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of readRows(bytes, { reader })) out.push(r);
  return out;
}

interface Measured {
  ok: boolean;
  code: string | null;
  message: string;
  ms: number;
  maxRssMB: number;
}

function measure(name: string, bytes: Buffer, reader = 'lean'): Measured {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const out = execFileSync(process.execPath, [SCRIPT, file, reader], { encoding: 'utf8', timeout: 120_000 });
  const m = JSON.parse(out) as Measured;
  console.log(
    `${name} (${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${reader}): ${m.ms} ms, peak ${m.maxRssMB} MB — ${m.message.slice(0, 90)}`,
  );
  return m;
}

function expectRefused(m: Measured, limitWords: RegExp): void {
  expect(m.ok).toBe(false);
  expect(m.code).toBe('INPUT');
  expect(m.message).toMatch(limitWords);
  expect(m.message).toMatch(/[\u4e00-\u9fff]/);
  expect(m.message.length).toBeLessThan(400);
  expect(m.ms).toBeLessThan(TIME_BOUND_MS);
  expect(m.maxRssMB).toBeLessThan(MEMORY_BOUND_MB);
}

describe('bounded imports', () => {
  it('a zip bomb (a 300 MB sheet in well under 1 MB) is refused from the zip directory, nothing inflated', async () => {
    const sheet = await repeatedItem('xl/worksheets/sheet1.xml', '<row/>', 50_000_000, SHEET_HEAD, SHEET_TAIL);
    const bomb = writeZip(await xlsxItems(base, { 'xl/worksheets/sheet1.xml': sheet }));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    for (const reader of ['lean', 'exceljs'])
      expectRefused(measure(`bomb-${reader}.xlsx`, bomb, reader), /上限 160 MB|压缩比/);
  });

  it('a bomb whose directory lies about its size is cut off at the stated size (yauzl checks while inflating)', async () => {
    const sheet = await repeatedItem('xl/worksheets/sheet1.xml', '<row/>', 50_000_000, SHEET_HEAD, SHEET_TAIL);
    const lying = writeZip(await xlsxItems(base, { 'xl/worksheets/sheet1.xml': { ...sheet, size: 5000 } }));
    for (const reader of ['lean', 'exceljs'])
      expectRefused(measure(`lying-${reader}.xlsx`, lying, reader), /损坏|超过其声明的大小/);
  });

  it('a ZIP64 file claiming 4.8 GB is refused; a ZIP64 workbook within the limits is read', async () => {
    const claim = {
      ...deflateItem('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${SHEET_TAIL}`),
      size: Math.round(4.8 * 1024 ** 3),
    };
    const z64 = writeZip(await xlsxItems(base, { 'xl/worksheets/sheet1.xml': claim }), { zip64: true });
    expectRefused(measure('zip64-bomb.xlsx', z64), /上限 160 MB|上限/);
    const honest = writeZip(await xlsxItems(base), { zip64: true });
    expect(await rowsOf(honest)).toEqual(await rowsOf(base));
  });

  it("46 million empty rows (a 3 MB-class file) are refused at once; a sheet one row over Excel's limit is refused by the row limit", async () => {
    const many = await repeatedItem('xl/worksheets/sheet1.xml', '<row/>', 46_000_000, SHEET_HEAD, SHEET_TAIL);
    const file = writeZip(await xlsxItems(base, { 'xl/worksheets/sheet1.xml': many }));
    expectRefused(measure('46m-rows.xlsx', file), /上限/);
    const over = await repeatedItem(
      'xl/worksheets/sheet1.xml',
      '<row/>',
      IMPORT_LIMITS.rows + 1,
      SHEET_HEAD,
      SHEET_TAIL,
    );
    const overFile = writeZip(await xlsxItems(base, { 'xl/worksheets/sheet1.xml': over }));
    for (const reader of ['lean', 'exceljs-stream'])
      expectRefused(measure(`rows-over-${reader}.xlsx`, overFile, reader), /行数超过上限 1048576 行/);
  });

  it('a 10 MB cell is refused naming the cell and the limit, and never echoed whole (CLI, JSON, import record)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(EXAMPLES, 'ex1-values.xlsx'));
    const ws = wb.worksheets[0]!;
    let addr = '';
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (!addr && c.value === '满意') addr = c.address;
      }),
    );
    // Text that does not compress (a run of one letter would be refused by the compression ratio first).
    ws.getCell(addr).value = randomBytes(8 * 1024 * 1024)
      .toString('base64')
      .slice(0, 10 * 1024 * 1024);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expectRefused(
      measure('huge-cell.xlsx', bytes),
      new RegExp(`${addr} 中的文字有 10485760 个字符，超过每个单元格的上限 32767`),
    );
    expectRefused(measure('huge-cell-exceljs.xlsx', bytes, 'exceljs'), /10485760 个字符/);

    const db = path.join(dir, 'huge.db');
    const { EX_TARGETS } = await import('./support/ex1');
    for (const t of EX_TARGETS)
      expect(
        (await runCli(db, 'targets', 'add', '--code', t.code, '--name', t.name, '--kind', '社区卫生服务中心')).code,
      ).toBe(0);
    expect((await runCli(db, 'scheme', 'import', path.join(EXAMPLES, 'ex1-scheme.json'))).code).toBe(0);
    const file = path.join(dir, 'huge-cell.xlsx');
    const sizeBefore = fs.statSync(db).size;
    for (let i = 0; i < 3; i++) {
      const r = await runCli(db, 'values', 'import', '--year', '2024', '--scheme', 'EX', file, '--json');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/32767/);
      expect(r.err.length + r.out.length).toBeLessThan(5000);
    }
    const { openServices } = await import('../../electron/services');
    const s = openServices({ dbPath: db });
    try {
      const imports = s.ctx.raw.prepare('SELECT length(bytes) AS n, outcome FROM imports ORDER BY id').all() as {
        n: number;
        outcome: string;
      }[];
      expect(imports).toHaveLength(3);
      // The first keeps the file (7.6 MB → its first 4 MB), the two retries none (same sha256).
      expect(imports.map((i) => i.n)).toEqual([4 * 1024 * 1024, 0, 0]);
      expect(imports.every((i) => i.outcome.length < 5000)).toBe(true);
      expect((s.ctx.raw.prepare('SELECT count(*) AS n FROM indicator_values').get() as { n: number }).n).toBe(0);
    } finally {
      await s.close();
    }
    // The database did not grow by the file's size three times over.
    expect(fs.statSync(db).size - sizeBefore).toBeLessThan(8 * 1024 * 1024);
  });

  it('a rejected upload above 4 MB keeps its first 4 MB and its sha256; a retry keeps nothing again', async () => {
    const db = path.join(dir, 'big-reject.db');
    const { openServices } = await import('../../electron/services');
    const s = openServices({ dbPath: db });
    try {
      const bytes = Buffer.alloc(9 * 1024 * 1024, 7);
      const a = s.recordImport({
        kind: 'values',
        fileName: 'big.xlsx',
        bytes,
        outcome: { status: 'rejected', errors: [] },
      });
      const b = s.recordImport({
        kind: 'values',
        fileName: 'big.xlsx',
        bytes,
        outcome: { status: 'rejected', errors: [] },
      });
      const rows = s.ctx.raw
        .prepare('SELECT id, length(bytes) AS n, sha256, outcome FROM imports ORDER BY id')
        .all() as { id: number; n: number; sha256: string; outcome: string }[];
      expect(rows.map((r) => r.n)).toEqual([4 * 1024 * 1024, 0]);
      expect(rows[0]!.sha256).toBe(rows[1]!.sha256);
      expect(JSON.parse(rows[0]!.outcome).kept).toEqual({
        size: bytes.length,
        keptBytes: 4 * 1024 * 1024,
        truncated: true,
      });
      expect(JSON.parse(rows[1]!.outcome).kept).toEqual({ size: bytes.length, keptBytes: 0, sameAs: a });
      expect(b).toBeGreaterThan(a);
    } finally {
      await s.close();
    }
  });

  it('reads CDATA values and strings (<v><![CDATA[50]]></v>, <t><![CDATA[60]]></t>) in every reader', async () => {
    const sheet = `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v><![CDATA[50]]></v></c><c r="C1" t="inlineStr"><is><t><![CDATA[60]]></t></is></c><c r="D1" t="s"><v><![CDATA[1]]></v></c></row>${SHEET_TAIL}`;
    const ss =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>对象编码</t></si><si><t><![CDATA[a<b&c]]></t></si></sst>';
    const bytes = writeZip(await xlsxItems(base, { 'xl/worksheets/sheet1.xml': sheet, 'xl/sharedStrings.xml': ss }));
    for (const reader of ['lean', 'exceljs', 'exceljs-stream'] as const) {
      const rows = await rowsOf(bytes, reader);
      const values = rows[0]!.cells.map((c) => c.value);
      expect(values, reader).toEqual(['对象编码', 50, '60', 'a<b&c']);
    }
  });

  it('a password-protected workbook and an .xls are named as such', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole, 0);
    Buffer.from('EncryptionInfo', 'utf16le').copy(ole, 1024);
    await expect(rowsOf(ole)).rejects.toThrow('请先在 Excel/WPS 中取消密码保护后另存');
    const xls = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls, 0);
    await expect(rowsOf(xls)).rejects.toThrow('.xls');
    await expect(rowsOf(Buffer.concat([base.subarray(0, 2000)]))).rejects.toThrow(/文件已损坏/);
  });
});
