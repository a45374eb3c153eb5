/**
 * 考核结果运用: what each result of the year feeds (年薪, 绩效工资总量, 资金分配, 任免) and the
 * consequences the documents name (REPEATED_FAIL quoting 运政办发〔2019〕3号 第22条, TERM_FAIL), as a
 * printable workbook: A4 landscape, fit to width, title rows repeated, footer 第 N 页 共 M 页.
 */
import { PRODUCT_NAME } from '../../shared/product';
import ExcelJS from 'exceljs';
import type { ResultUseReport } from '../../shared/api/contract';
import { FLAG_NAMES, TARGET_KIND_NAMES, type TargetKind } from '../../shared/domain/types';
import { footerText, localTime, printedSheet, wrappedLines } from './finance-workbook';
import { HEAD_FILL, THIN } from './sheet-writer';

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  info: string,
  columns: { header: string; width: number; wrap?: boolean }[],
  rows: (string | number | null)[][],
): void {
  const footer = footerText(null);
  const ws = wb.addWorksheet(name, printedSheet(footer));
  ws.columns = columns.map((c) => ({ width: c.width }));
  const n = columns.length;
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, n);
  ws.getRow(1).height = 30;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.addRow([info]);
  ws.mergeCells(2, 1, 2, n);
  ws.getCell(2, 1).font = { size: 10 };
  const head = ws.addRow(columns.map((c) => c.header));
  head.height = Math.max(30, 4 + 14.5 * Math.max(...columns.map((c) => wrappedLines(c.header, c.width))));
  head.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEAD_FILL;
    c.border = THIN;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  for (const r of rows) {
    const row = ws.addRow(r);
    // Office suites do not grow rows for wrapped text on opening: set the height from the text.
    const lines = Math.max(
      1,
      ...columns.map((c, i) =>
        c.wrap && typeof r[i] === 'string' && r[i] ? wrappedLines(r[i] as string, c.width) : 1,
      ),
    );
    if (lines > 1) row.height = 3 + 14.5 * lines;
    for (let i = 1; i <= n; i++) {
      const c = row.getCell(i);
      c.border = THIN;
      c.alignment = { vertical: 'middle', wrapText: !!columns[i - 1]!.wrap };
    }
  }
}

export function buildResultUsesWorkbook(o: {
  countyName: string;
  report: ResultUseReport;
  exportedAt: Date;
}): ExcelJS.Workbook {
  const { report: r, countyName } = o;
  const wb = new ExcelJS.Workbook();
  wb.creator = PRODUCT_NAME;
  const info = `编制单位：${countyName}卫生健康局　任期：${r.termFrom}–${r.termTo} 年，任期内不合格 ${r.failLimit} 次提示（本县做法）　导出时间：${localTime(o.exportedAt)}`;
  const kind = (k: string) => TARGET_KIND_NAMES[k as TargetKind] ?? k;
  sheet(
    wb,
    '考核结果运用',
    `${countyName}${r.year}年度考核结果运用（任免提示）`,
    info,
    [
      { header: '方案', width: 18, wrap: true },
      { header: '对象编码', width: 9 },
      { header: '对象名称', width: 22, wrap: true },
      { header: '类型', width: 10 },
      { header: '总分', width: 7 },
      { header: '等级', width: 7 },
      { header: '标记', width: 12 },
      { header: '后果', width: 60, wrap: true },
      { header: '依据', width: 22, wrap: true },
    ],
    [
      ...r.rows.map((x) => [
        `${x.schemeName}（${x.scheme}）`,
        x.target,
        x.name,
        kind(x.kind),
        x.total === null ? null : Number(x.total),
        x.grade,
        x.flags.map((f) => FLAG_NAMES[f] ?? f).join('、'),
        x.consequence,
        x.source,
      ]),
      ...(r.rows.length === 0
        ? [['', '', '', '', null, '', '', '本年度没有连续不合格或任期内多次不合格的对象', '']]
        : []),
      ...r.problems.map((p) => ['', '', '', '', null, '', '', `未能读取：${p}`, '']),
    ],
  );
  sheet(
    wb,
    '结果用途',
    `${countyName}${r.year}年度各方案考核结果的用途`,
    info,
    [
      { header: '方案', width: 24, wrap: true },
      { header: '考核对象类型', width: 14 },
      { header: '年薪（人）', width: 10 },
      { header: '绩效工资总量（医疗集团数）', width: 14 },
      { header: '资金分配（元）', width: 16 },
      { header: '任免提示（个）', width: 10 },
      { header: '定稿', width: 8 },
    ],
    r.feeds.map((f) => [
      `${f.schemeName}（${f.scheme}）`,
      kind(f.targetKind),
      f.salaryLines,
      f.payTotals,
      f.allocation === null ? '未分配' : Number(f.allocation),
      f.appointmentFlags,
      f.locked ? '已定稿' : '未定稿',
    ]),
  );
  sheet(
    wb,
    '任期考核',
    `${countyName}医疗集团任期目标考核（${r.termFrom}–${r.termTo} 年）`,
    `${info}　依据：汴政办〔2019〕74号 三(一)、四(七)`,
    [
      { header: '方案', width: 10 },
      { header: '集团编码', width: 9 },
      { header: '医疗集团', width: 22, wrap: true },
      ...Array.from({ length: r.termTo - r.termFrom + 1 }, (_, i) => ({
        header: `${r.termFrom + i} 年（总分 / 等级 / 名次）`,
        width: 16,
        wrap: true,
      })),
      { header: '任期平均分', width: 10 },
      { header: '不合格次数', width: 9 },
      { header: '标记', width: 20, wrap: true },
    ],
    r.terms.map((t) => [
      t.scheme,
      t.target,
      t.name,
      ...t.years.map((y) => (y.total === null ? '无考核结果' : `${y.total} / ${y.grade} / 第 ${y.rank} 名`)),
      t.average === null ? null : Number(t.average),
      t.failYears,
      t.flags.map((f) => FLAG_NAMES[f] ?? f).join('、'),
    ]),
  );
  return wb;
}
