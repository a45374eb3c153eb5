/**
 * The finance workbook's money sheets through LibreOffice: re-saved as xlsx, each pay sheet, 绩效工资总量
 * and 医保结余分配 keep their names and a total equal to the sum of their lines; printed to PDF, every
 * sheet prints (A4 landscape, fit to width). The page images were looked at by hand when the widths
 * were set (soffice --convert-to pdf, pdftoppm -png -r 50); this test keeps what can be checked.
 */
import ExcelJS from 'exceljs';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './support/ex1';
import { buildMoneyCounty } from './support/money';

function findSoffice(): string | null {
  for (const p of [
    '/usr/bin/soffice',
    '/usr/bin/libreoffice',
    '/usr/lib/libreoffice/program/soffice',
    '/opt/libreoffice/program/soffice',
  ]) {
    if (fs.existsSync(p)) return p;
  }
  return null;
}
const soffice = findSoffice();
/** A python3 with openpyxl (Debian's python3-openpyxl is in /usr/bin/python3's path). */
const python =
  ['/usr/bin/python3', 'python3'].find(
    (p) => spawnSync(p, ['-c', 'import openpyxl'], { stdio: 'pipe' }).status === 0,
  ) ?? null;

let dir: string;
let db: string;

function convert(file: string, to: string): string {
  const out = path.join(dir, `out-${to.split(':')[0]}`);
  fs.mkdirSync(out, { recursive: true });
  execFileSync(
    soffice!,
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      '--norestore',
      '--convert-to',
      to,
      '--outdir',
      out,
      file,
    ],
    {
      stdio: 'pipe',
      timeout: 120_000,
    },
  );
  return path.join(out, `${path.basename(file, '.xlsx')}.${to.split(':')[0]}`);
}

describe.skipIf(!soffice)('the money sheets in LibreOffice', () => {
  beforeAll(async () => {
    dir = tempDir('lo-money-');
    db = path.join(dir, 'county.db');
    await buildMoneyCounty(db, dir);
    const cli = async (...a: string[]) => expect((await runCli(db, ...a)).code, a.join(' ')).toBe(0);
    await cli(
      'salary',
      'set',
      '--year',
      '2024',
      '--person',
      '张书记',
      '--role',
      '党委书记',
      '--target',
      'G1',
      '--scheme',
      'GM',
      '--base',
      '150000',
      '--performance-base',
      '200000',
    );
    await cli(
      'salary',
      'set',
      '--year',
      '2024',
      '--person',
      '李院长',
      '--role',
      '院长',
      '--target',
      'G2',
      '--scheme',
      'GM',
      '--base',
      '150000',
      '--performance-base',
      '200000',
      '--months',
      '7',
    );
    await cli(
      'paytotal',
      'set',
      '--year',
      '2024',
      '--target',
      'G1',
      '--proposed',
      '10000000',
      '--benchmark',
      '1500000',
      '--excluded',
      '300000',
      '--reason',
      '申报',
    );
    await cli(
      'paytotal',
      'set',
      '--year',
      '2024',
      '--target',
      'G2',
      '--proposed',
      '5000000',
      '--benchmark',
      '2000000',
      '--reason',
      '申报',
    );
    await cli(
      'surplus',
      '--year',
      '2024',
      '--target',
      'G1',
      '--amount',
      '1000000.01',
      '--tiers',
      '6:3:1',
      '--reason',
      '结余',
    );
    await cli('surplus', '--year', '2024', '--target', 'G2', '--amount', '333333.33', '--reason', '结余');
    await cli(
      'veto',
      '--year',
      '2024',
      '--scheme',
      'GM',
      '--target',
      'G2',
      '--reason',
      '发生重大医疗安全责任事故，造成恶劣社会影响，经县卫生健康局调查核实，实行一票否决',
    );
    await cli('export', 'results', '--year', '2024', '--scheme', 'GM', '--out', path.join(dir, 'GM.xlsx'));
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('re-saved by LibreOffice: the sheets and their totals survive', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      fs.readFileSync(convert(path.join(dir, 'GM.xlsx'), 'xlsx:Calc MS Excel 2007 XML')) as unknown as ArrayBuffer,
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '考核结果汇总',
      '指标得分明细',
      '年薪核算',
      '年薪核算（县财政）',
      '绩效工资总量',
      '医保结余分配',
    ]);
    const checks: [string, number[]][] = [
      ['年薪核算（县财政）', [7, 8, 10, 11, 12]],
      ['绩效工资总量', [4, 5, 7, 9, 10, 11, 12]],
      ['医保结余分配', [4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]],
    ];
    for (const [name, cols] of checks) {
      const ws = wb.getWorksheet(name)!;
      let total = 0;
      ws.eachRow((row, n) => {
        if (n > 3 && row.getCell(1).value === '合计') total = n;
      });
      expect(total, name).toBeGreaterThan(4);
      for (const c of cols) {
        let s = 0;
        for (let r = 4; r < total; r++) s += Number(ws.getRow(r).getCell(c).value ?? 0);
        expect(ws.getRow(total).getCell(c).value, `${name} col ${c}`).toBe(Math.round(s * 100) / 100);
      }
      expect(ws.pageSetup.orientation, name).toBe('landscape');
    }
    // G2 vetoed: k 0 → approved 0.00; the long veto reason wraps in its column.
    const pt = wb.getWorksheet('绩效工资总量')!;
    expect(pt.getCell('J5').value).toBe(0);
    const sum = wb.getWorksheet('考核结果汇总')!;
    const reason = sum.getRow(5);
    expect(String(reason.getCell(reason.cellCount).value)).toContain('一票否决');
    expect(reason.getCell(reason.cellCount).alignment?.wrapText).toBe(true);
    expect(reason.height).toBeGreaterThan(20);
  }, 180_000);

  it('prints: one PDF with every sheet on A4 landscape pages', () => {
    const pdf = convert(path.join(dir, 'GM.xlsx'), 'pdf');
    const text = fs.readFileSync(pdf).toString('latin1');
    const pages = text.match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(5);
    // A4 landscape media box: 842 × 595 points.
    expect(text).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+841\.\d+\s+595\.\d+\s*\]|\/MediaBox\s*\[\s*0\s+0\s+842\s+595\s*\]/);
  }, 180_000);

  it.skipIf(!python)(
    'openpyxl (warnings as errors) reads every money sheet, each total the sum of its lines',
    () => {
      const script = `
import sys, json, warnings
import openpyxl
warnings.simplefilter("error")
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    tot = [r for r in rows if r and r[0] == "合计"]
    if not tot: continue
    lines = rows[:rows.index(tot[0])]
    col = 11 if ws.title.startswith("年薪核算") else 3
    out[ws.title] = [round(sum((r[col] or 0) for r in lines), 2), tot[0][col], ws.page_setup.orientation]
print(json.dumps(out, ensure_ascii=False))
`;
      const r = spawnSync(python!, ['-c', script, path.join(dir, 'GM.xlsx')], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const got = JSON.parse(r.stdout) as Record<string, [number, number, string]>;
      expect(Object.keys(got)).toEqual(['年薪核算', '年薪核算（县财政）', '绩效工资总量', '医保结余分配']);
      for (const [name, [sum, total, orientation]] of Object.entries(got)) {
        expect(total, name).toBe(sum);
        expect(orientation, name).toBe('landscape');
      }
    },
    60_000,
  );
});
