/** Shared set-up for the excel-*.test.ts files: a fresh database with the worked example ex1. */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openServices, type Services } from '../../electron/services/index';
import type { Scheme } from '../../shared/domain/types';

export const EXAMPLES = fileURLToPath(new URL('../../../shared/examples', import.meta.url));
export const ex1Scheme = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'ex1-scheme.json'), 'utf8')) as Scheme;
export const ex1Expected = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'ex1-expected.json'), 'utf8'));
export const ex1ValuesXlsx = fs.readFileSync(path.join(EXAMPLES, 'ex1-values.xlsx'));

export const EX1_TARGETS = [
  { code: 'EX-01', name: '东街社区卫生服务中心' },
  { code: 'EX-02', name: '西街社区卫生服务中心' },
  { code: 'EX-03', name: '南关社区卫生服务中心' },
];

export function tmpDir(prefix = 'excel-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function ex1Services(): Promise<{ services: Services; dir: string }> {
  const dir = tmpDir();
  const services = openServices({ dbPath: path.join(dir, 'appraisal.db'), who: '测试员' });
  await services.saveSettings({ countyName: '示例县', appraiserName: '测试员' });
  await services.saveScheme({ scheme: ex1Scheme });
  for (const t of EX1_TARGETS) {
    await services.saveTarget({ target: { ...t, kind: 'community_centre', group: null, active: true } });
  }
  return { services, dir };
}

/** Everything an import could have written: values, their history, adjustments. */
export async function valueSnapshot(services: Services): Promise<string> {
  const values = await services.getValues({ year: 2024, scheme: 'EX' });
  const history = services.ctx.raw.prepare('select count(*) as n from value_history').get() as { n: number };
  return JSON.stringify({ values, history: history.n });
}

export function importRows(services: Services): { kind: string; file_name: string; outcome: string; sha256: string }[] {
  return services.ctx.raw.prepare('select kind, file_name, outcome, sha256 from imports order by id').all() as never;
}

/**
 * A value workbook laid out like ex1-values.xlsx: title row, blank row, header on row 3, units on
 * row 4, data from row 5. `rows` are the data rows (code, name, P1, P2, Q1, Q2, Q3, S1, 备注).
 */
export async function ex1Like(
  rows: ExcelJS.CellValue[][],
  opts: { header?: string[] | null; sheet?: string } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? '数据采集');
  ws.getCell('A1').value = '2024年度社区卫生服务中心考核数据采集表';
  ws.mergeCells('A1:I1');
  const header =
    opts.header === undefined
      ? [
          '对象编码',
          '对象名称',
          'P1 高血压患者规范管理率',
          'P2 家庭医生重点人群签约率',
          'Q1 药占比',
          'Q2 住院服务',
          'Q3 门诊人次',
          'S1 群众满意度',
          '备注',
        ]
      : opts.header;
  let r = 3;
  if (header) {
    ws.getRow(r++).values = header;
    ws.getRow(r++).values = ['', '', '%', '%', '%', '分', '人次', '', ''];
  }
  for (const row of rows) {
    const xr = ws.getRow(r++);
    row.forEach((v, i) => {
      if (v !== null && v !== undefined) xr.getCell(i + 1).value = v;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The ex1 data, as plain numbers and labels. */
export const EX1_ROWS: ExcelJS.CellValue[][] = [
  ['EX-01', '东街社区卫生服务中心', 80.2, 66.5, 41, 17.5, 38211, '满意'],
  ['EX-02', '西街社区卫生服务中心', 90, 72, 33.8, '不适用', 20554, '基本满意', '无住院病床'],
  ['EX-03', '南关社区卫生服务中心', 61.7, null, 58, 9, 12002, '不满意'],
];

export async function addEx1Adjustments(services: Services): Promise<void> {
  for (const [target, items] of Object.entries(ex1Expected.adjustments as Record<string, [string, number][]>)) {
    for (const [kind, points] of items) {
      await services.addAdjustment({
        year: 2024,
        scheme: 'EX',
        target,
        kind: kind as 'bonus' | 'deduction',
        points: String(points),
        reason: '现场检查',
      });
    }
  }
}
