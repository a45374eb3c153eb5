/**
 * The finance workbook's 指标得分明细 streamed in by plain-sheet-writer.ts (issue 14): a county-size
 * workbook (300 targets × 60 indicators = 18,000 detail rows) read back with exceljs (whole and
 * streaming) and openpyxl gives every detail row with the engine's values, the styles, the print
 * settings and the merged title; the lean zip writer's parts are valid.
 */
import ExcelJS from 'exceljs';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlainRows, asciiText, asciiXml, writePackage, xmlText } from '../../electron/excel/plain-sheet-writer';
import { readRows } from '../../electron/excel/reader';
import { VERIFY_LIMITS } from '../../electron/excel/zip';
import { exportResultsFile } from '../../electron/services/workbooks/cli-files';
import { exportResultsBytes } from '../../electron/services/workbooks/finance-export';
import { fromPayload } from '../../electron/services/workbooks/payload';
import { openServices, type Services } from '../../electron/services/index';
import { bulkInsertValues, bulkUpsertTargets } from '../../electron/store/bulk';
import type { SchemeResult } from '../../shared/domain/types';
import { leaves } from '../../shared/scheme/parse';
import { benchScheme, benchTargets, benchValues } from '../bench/dataset';
import { tmpDir } from './excel-fixtures';

const N = 300;
const dir = tmpDir('plain-');
let services: Services;
let results: SchemeResult;
let bytes: Buffer;

/** openpyxl (apt python3-openpyxl) under the system Python, if there is one. */
function findPython(): string | null {
  for (const p of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(p, ['-c', 'import openpyxl'], { stdio: 'ignore' });
    if (r.status === 0) return p;
  }
  return null;
}
const python = findPython();
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p)) ?? null;

beforeAll(async () => {
  services = openServices({ dbPath: path.join(dir, 'county.db'), who: '测试' });
  const scheme = benchScheme(2024);
  await services.saveScheme({ scheme });
  bulkUpsertTargets(services.ctx.raw, benchTargets(N), new Date().toISOString());
  bulkInsertValues(
    services.ctx.raw,
    2024,
    'BENCH',
    benchValues(scheme, benchTargets(N)),
    '测试',
    new Date().toISOString(),
  );
  results = await services.score({ year: 2024, scheme: 'BENCH' });
  bytes = fromPayload(await exportResultsBytes(services, { year: 2024, scheme: 'BENCH' }));
}, 120_000);

afterAll(async () => {
  await services?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The detail rows the engine's results call for, in sheet order: [target, indicator, score, trace]. */
function expectedDetail(): [string, string, number, string][] {
  const ls = leaves(benchScheme(2024));
  const out: [string, string, number, string][] = [];
  for (const r of results.results) {
    for (const l of ls) {
      const ir = r.indicators[l.code];
      if (ir) out.push([r.target, l.code, Number(ir.score), ir.trace]);
    }
  }
  return out;
}

describe('指标得分明细 written by the plain sheet writer', () => {
  it('exceljs reads every detail row back with its values, styles, print settings and title', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['考核结果汇总', '指标得分明细', '年薪核算']);
    const ws = wb.getWorksheet('指标得分明细')!;
    const want = expectedDetail();
    expect(want.length).toBeGreaterThan(17_000);
    expect(ws.rowCount).toBe(3 + want.length);
    expect(String(ws.getCell('A1').value)).toContain('指标得分明细表');
    expect(ws.getCell('K3').value).toBe('计算过程');
    for (const i of [0, 1, 59, 60, 1234, want.length - 1]) {
      const row = ws.getRow(4 + i);
      const [target, code, score, trace] = want[i]!;
      expect([row.getCell(1).value, row.getCell(3).value, row.getCell(9).value, row.getCell(11).value]).toEqual([
        target,
        code,
        score,
        trace,
      ]);
      expect(row.getCell(9).numFmt).toBe('0.00');
      expect(row.getCell(10).border?.left?.style).toBe('thin'); // an empty 标记 cell keeps its border
    }
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
    expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3 });
    expect((ws.model as { merges: string[] }).merges).toContain('A1:K1');
    // The other sheets are exceljs's own, untouched.
    const summary = wb.getWorksheet('考核结果汇总')!;
    expect(summary.rowCount).toBe(3 + N);
    expect(summary.getCell(`B4`).value).toBe(results.results[0]!.target);
  }, 120_000);

  it('exceljs streaming reader and the file written straight to disk agree', async () => {
    const file = path.join(dir, 'finance.xlsx');
    await exportResultsFile(services, { year: 2024, scheme: 'BENCH', out: file });
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
    });
    const counts: number[] = [];
    let last: unknown[] = [];
    for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
      let n = 0;
      for await (const row of ws) {
        n++;
        last = (row.values as unknown[]).slice(1);
      }
      counts.push(n);
      if (counts.length === 2) {
        const w = expectedDetail().at(-1)!;
        expect([last[0], last[2], last[8], last[10]]).toEqual(w);
      }
    }
    expect(counts[1]).toBe(3 + expectedDetail().length);
  }, 120_000);

  it('its texts are shared strings, written before the sheets; the readers verify uses agree cell by cell', async () => {
    const names = zipNames(bytes);
    expect(names).toContain('xl/sharedStrings.xml');
    const firstSheet = names.findIndex((n) => n.startsWith('xl/worksheets/'));
    for (const part of ['xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml'])
      expect(names.indexOf(part)).toBeLessThan(firstSheet);
    // verify reads a province file with exceljs's streaming reader, a county file with the lean one.
    const read = async (reader: 'lean' | 'exceljs-stream') => {
      const out: string[] = [];
      for await (const row of readRows(bytes, { reader, limits: VERIFY_LIMITS }))
        for (const c of row.cells) out.push(`${row.sheet}!${row.row}:${c.col}=${String(c.value)}`);
      return out;
    };
    const lean = await read('lean');
    expect(lean.length).toBeGreaterThan(expectedDetail().length * 9);
    expect(await read('exceljs-stream')).toEqual(lean);
    const [target, , , trace] = expectedDetail()[0]!;
    expect(lean).toContain(`指标得分明细!4:1=${target}`);
    expect(lean).toContain(`指标得分明细!4:11=${trace}`);
  }, 120_000);

  it.skipIf(!soffice)(
    'LibreOffice opens it: re-saved by soffice, every detail row reads back with its shared texts',
    async () => {
      const file = path.join(dir, 'for-lo.xlsx');
      fs.writeFileSync(file, bytes);
      const out = path.join(dir, 'lo-out');
      execFileSync(
        soffice!,
        [
          `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'xlsx',
          '--outdir',
          out,
          file,
        ],
        { stdio: 'pipe', timeout: 180_000 },
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(out, 'for-lo.xlsx'));
      const ws = wb.getWorksheet('指标得分明细')!;
      const want = expectedDetail();
      expect(ws.rowCount).toBe(3 + want.length);
      for (const i of [0, 777, want.length - 1]) {
        const row = ws.getRow(4 + i);
        // LibreOffice saves a text of Chinese and Latin runs as rich text: its plain text is compared.
        expect([row.getCell(1).text, row.getCell(3).text, row.getCell(9).value, row.getCell(11).text]).toEqual(want[i]);
      }
      expect(ws.getCell('A1').text).toContain('指标得分明细表');
      expect(ws.getRow(4).getCell(10).border?.left?.style).toBe('thin');
    },
    240_000,
  );

  it.skipIf(!python)(
    'openpyxl reads the same rows, number formats, print titles and footer',
    () => {
      const file = path.join(dir, 'for-openpyxl.xlsx');
      fs.writeFileSync(file, bytes);
      const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=False)
ws = wb['指标得分明细']
rows = list(ws.iter_rows(min_row=4, values_only=True))
print(json.dumps({
  'sheets': wb.sheetnames, 'max_row': ws.max_row,
  'first': [rows[0][0], rows[0][2], rows[0][8], rows[0][10]],
  'last': [rows[-1][0], rows[-1][2], rows[-1][8], rows[-1][10]],
  'fmt': ws['I4'].number_format, 'border': ws['J4'].border.left.style,
  'titles': ws.print_title_rows, 'orientation': ws.page_setup.orientation,
  'footer': ws.oddFooter.center.text, 'freeze': ws.freeze_panes,
}, ensure_ascii=False))`;
      const out = JSON.parse(
        execFileSync(python!, ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 }),
      );
      const want = expectedDetail();
      expect(out.sheets).toEqual(['考核结果汇总', '指标得分明细', '年薪核算']);
      expect(out.max_row).toBe(3 + want.length);
      expect(out.first).toEqual(want[0]);
      expect(out.last).toEqual(want.at(-1));
      expect(out.fmt).toBe('0.00');
      expect(out.border).toBe('thin');
      expect(out.titles).toBe('$1:$3');
      expect(out.orientation).toBe('landscape');
      expect(out.footer).toContain('第 &P 页 共 &N 页');
      expect(out.freeze).toBe('C4');
    },
    120_000,
  );
});

/** Part names of a zip, in file order. */
function zipNames(buf: Buffer): string[] {
  let eocd = buf.length - 22;
  while (buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = buf.readUInt32LE(eocd + 16);
  const out: string[] = [];
  for (let i = buf.readUInt16LE(eocd + 10); i > 0; i--) {
    const len = buf.readUInt16LE(p + 28);
    out.push(buf.toString('utf8', p + 46, p + 46 + len));
    p += 46 + len + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

describe('plain rows and the lean zip writer', () => {
  it('escapes text as exceljs does and leaves empty cells with their style', () => {
    expect(xmlText('a<b & "c"\x01')).toBe('a&lt;b &amp; &quot;c&quot;');
    const rows = new PlainRows([
      [1, 2],
      [0, 0],
    ]);
    expect(rows.row(7, ['x<y', 1.5])).toBe(
      '<row r="7"><c r="A7" s="1" t="str"><v>x&lt;y</v></c><c r="B7"><v>1.5</v></c></row>',
    );
    expect(rows.row(8, [2, null])).toBe('<row r="8"><c r="A8" s="2"><v>2</v></c><c r="B8"/></row>');
  });

  it('XML in ASCII: every other character as a reference, 2-, 3- and 4-byte UTF-8 alike', () => {
    const xml = '<t a="é">指标 𠀀 & x</t>';
    const ascii = asciiXml(Buffer.from(xml, 'utf8'));
    expect(ascii.toString('latin1')).toBe('<t a="&#233;">&#25351;&#26631; &#131072; & x</t>');
    expect(asciiXml(Buffer.from('<a/>'))).toEqual(Buffer.from('<a/>'));
    expect(asciiText('指<𠀀>&')).toBe('&#25351;&lt;&#131072;&gt;&amp;');
    expect(asciiText('\ud800x')).toBe('&#65533;x');
  });

  it('a package with streamed rows opens in exceljs; a producer failure is passed on', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['head']);
    const base = Buffer.from(await wb.xlsx.writeBuffer());
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const rows = new PlainRows([[0, 0]]);
    await writePackage(
      base,
      new Map([
        [
          'xl/worksheets/sheet1.xml',
          async (sink) => {
            for (let r = 2; r <= 5001; r++) if (sink.write(rows.row(r, [`行${r}`]))) await sink.drain();
          },
        ],
      ]),
      { stream: out },
    );
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(back.getWorksheet('S')!.rowCount).toBe(5001);
    expect(back.getWorksheet('S')!.getCell('A5001').value).toBe('行5001');
    await expect(
      writePackage(base, new Map([['xl/worksheets/sheet1.xml', async () => Promise.reject(new Error('坏了'))]]), {
        filename: path.join(dir, 'bad.xlsx'),
      }),
    ).rejects.toThrow('坏了');
    expect(fs.existsSync(path.join(dir, 'bad.xlsx'))).toBe(false);
  });
});
