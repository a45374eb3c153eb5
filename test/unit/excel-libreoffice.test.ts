/**
 * Workbooks re-saved by another office suite (LibreOffice here, standing in for WPS/Excel): the
 * zip layout, styles, shared strings and sheet relationships all differ from exceljs's own.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseValueWorkbook } from '../../electron/excel/values-import';
import { exportResultsBytes } from '../../electron/services/workbooks/finance-export';
import { fromPayload } from '../../electron/services/workbooks/payload';
import { importValuesBytes } from '../../electron/services/workbooks/value-import';
import type { Services } from '../../electron/services/index';
import { normalizeScheme } from '../../shared/scheme/parse';
import { EX1_TARGETS, addEx1Adjustments, ex1Scheme, ex1Services, ex1ValuesXlsx, tmpDir } from './excel-fixtures';

function findSoffice(): string | null {
  for (const p of [
    '/usr/bin/soffice',
    '/usr/bin/libreoffice',
    '/usr/lib/libreoffice/program/soffice',
    '/opt/libreoffice/program/soffice',
  ]) {
    if (fs.existsSync(p)) return p;
  }
  try {
    return execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const soffice = findSoffice();
if (!soffice) {
  console.warn(
    '跳过 LibreOffice 兼容性测试：本机没有安装 soffice（apt-get install -y libreoffice-calc；CI 的 .ci/run 会安装）',
  );
}

const work = tmpDir('lo-');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** `soffice --headless --convert-to xlsx` of the bytes; returns the re-saved bytes. */
function resave(bytes: Buffer, name: string): Buffer {
  const inDir = path.join(work, `in-${name}`);
  const outDir = path.join(work, `out-${name}`);
  fs.mkdirSync(inDir, { recursive: true });
  fs.mkdirSync(outDir, { recursive: true });
  const src = path.join(inDir, `${name}.xlsx`);
  fs.writeFileSync(src, bytes);
  execFileSync(
    soffice!,
    [
      `-env:UserInstallation=file://${path.join(work, 'profile')}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      outDir,
      src,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return fs.readFileSync(path.join(outDir, `${name}.xlsx`));
}

describe.skipIf(!soffice)('LibreOffice re-saved workbooks', () => {
  let services: Services | null = null;
  afterAll(async () => {
    await services?.close();
  });

  it('ex1-values.xlsx re-saved by soffice imports to the same cells (every reader)', async () => {
    const resaved = resave(ex1ValuesXlsx, 'ex1');
    expect(resaved.equals(ex1ValuesXlsx)).toBe(false);
    const scheme = normalizeScheme(ex1Scheme);
    const original = await parseValueWorkbook(ex1ValuesXlsx, scheme, EX1_TARGETS);
    for (const reader of ['lean', 'exceljs', 'exceljs-stream'] as const) {
      const again = await parseValueWorkbook(resaved, scheme, EX1_TARGETS, { reader });
      expect(again.errors).toEqual([]);
      expect(again.cells).toEqual(original.cells);
      expect(again.warnings.map((w) => w.cell)).toEqual(original.warnings.map((w) => w.cell));
    }
  }, 180_000);

  it('the re-saved file scores the same through the services', async () => {
    services = (await ex1Services()).services;
    const resaved = resave(ex1ValuesXlsx, 'ex1b');
    const out = await importValuesBytes(services, {
      year: 2024,
      scheme: 'EX',
      fileName: 'ex1-lo.xlsx',
      bytes: resaved,
    });
    expect(out.errors).toEqual([]);
    await addEx1Adjustments(services);
    const res = await services.score({ year: 2024, scheme: 'EX' });
    expect(res.results.map((r) => [r.target, r.total, r.grade])).toEqual([
      ['EX-02', '95.50', '优秀'],
      ['EX-01', '86.37', '良好'],
      ['EX-03', '22.52', '不合格'],
    ]);

    // The finance workbook (exceljs streaming writer) opens in LibreOffice and keeps its numbers.
    const fin = fromPayload(await exportResultsBytes(services, { year: 2024, scheme: 'EX' }));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(resave(fin, 'finance') as unknown as ArrayBuffer);
    expect(back.worksheets.map((w) => w.name)).toEqual(['考核结果汇总', '指标得分明细', '年薪核算']);
    expect(back.getWorksheet('考核结果汇总')!.getCell('J4').value).toBe(95.5);
    expect(back.getWorksheet('考核结果汇总')!.pageSetup.orientation).toBe('landscape');
  }, 180_000);
});
