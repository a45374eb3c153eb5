import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportResultsFile } from '../../electron/services/workbooks/cli-files';
import { exportResultsBytes } from '../../electron/services/workbooks/finance-export';
import { fromPayload } from '../../electron/services/workbooks/payload';
import { importValuesBytes } from '../../electron/services/workbooks/value-import';
import type { Services } from '../../electron/services/index';
import { addEx1Adjustments, ex1Expected, ex1Services, ex1ValuesXlsx } from './excel-fixtures';

let services: Services | null = null;
afterEach(async () => {
  await services?.close();
  services = null;
});

async function ex1Scored(): Promise<{ services: Services; dir: string }> {
  const r = await ex1Services();
  services = r.services;
  await importValuesBytes(r.services, { year: 2024, scheme: 'EX', fileName: 'ex1-values.xlsx', bytes: ex1ValuesXlsx });
  await addEx1Adjustments(r.services);
  for (const s of ex1Expected.salary as {
    person: string;
    target: string;
    base: number;
    performanceBase: number;
    months: number;
  }[]) {
    await r.services.setSalaryInput({
      year: 2024,
      input: {
        person: s.person,
        role: '中心主任',
        target: s.target,
        scheme: 'EX',
        base: String(s.base),
        performanceBase: String(s.performanceBase),
        months: s.months,
        cap: null,
      },
    });
  }
  return r;
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function rowValues(ws: ExcelJS.Worksheet, r: number): unknown[] {
  return (ws.getRow(r).values as unknown[]).slice(1);
}

describe('the finance workbook (导出给财政)', () => {
  it('an open year: four sheets, numbers as numbers, print settings, frozen header, page footer', async () => {
    const { services } = await ex1Scored();
    await services.allocate({ year: 2024, scheme: 'EX', amount: '100000', excludeGrades: [] });
    const file = await exportResultsBytes(services, { year: 2024, scheme: 'EX' });
    expect(file.fileName).toMatch(/\.xlsx$/);
    const wb = await load(fromPayload(file));
    // 年薪核算 (every line), then one sheet per payer: these community centres have no group → 县财政.
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '考核结果汇总',
      '指标得分明细',
      '年薪核算',
      '年薪核算（县财政）',
      '资金分配',
    ]);

    const sum = wb.getWorksheet('考核结果汇总')!;
    expect(sum.getCell('A1').value).toBe('示例县2024年度示例：社区卫生服务中心年度考核考核结果汇总表');
    expect(String(sum.getCell('A2').value)).toMatch(/导出时间：\d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(rowValues(sum, 3)).toEqual([
      '排名',
      '对象编码',
      '对象名称',
      '公共卫生（40分）',
      '医疗质量与费用（40分）',
      '满意度（20分）',
      '基础得分',
      '加分',
      '减分',
      '总分',
      '等级',
      '否决原因',
    ]);
    // EX-02 first: P 40, Q 20 (Q2 N/A), S 14; base 92.5, bonus 3 (capped), total 95.5
    expect(rowValues(sum, 4)).toEqual([1, 'EX-02', '西街社区卫生服务中心', 40, 20, 14, 92.5, 3, 0, 95.5, '优秀']);
    expect(rowValues(sum, 5).slice(0, 2)).toEqual([2, 'EX-01']);
    expect(sum.getCell('J5').value).toBe(86.37);
    expect(sum.getCell('J6').value).toBe(22.52);
    expect(sum.getCell('I6').value).toBe(1);
    for (const a of ['D4', 'G4', 'J4', 'J6']) expect(sum.getCell(a).numFmt).toBe('0.00');

    for (const ws of wb.worksheets) {
      expect(ws.pageSetup.paperSize, ws.name).toBe(9);
      expect(ws.pageSetup.orientation, ws.name).toBe('landscape');
      expect(ws.pageSetup.fitToPage, ws.name).toBe(true);
      expect(ws.pageSetup.fitToWidth, ws.name).toBe(1);
      expect(ws.pageSetup.fitToHeight, ws.name).toBe(0);
      expect(ws.pageSetup.printTitlesRow, ws.name).toBe('1:3');
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 3 });
      expect(ws.headerFooter.oddFooter, ws.name).toContain('第 &P 页 共 &N 页');
      expect(ws.headerFooter.oddFooter, ws.name).not.toContain('数据指纹');
      expect(ws.model.merges, ws.name).toContain(`A1:${ws.getColumn(ws.columnCount).letter}1`);
    }

    const det = wb.getWorksheet('指标得分明细')!;
    expect(rowValues(det, 3)).toEqual([
      '对象编码',
      '对象名称',
      '指标编码',
      '指标名称',
      '分值',
      '填报值',
      '单位',
      '目标值',
      '得分',
      '标记',
      '计算过程',
    ]);
    // 3 targets × 6 leaves, ranked order
    expect(det.actualRowCount).toBe(3 + 18);
    const p1 = rowValues(det, 10); // EX-01 P1 (second target)
    expect(p1.slice(0, 9)).toEqual([
      'EX-01',
      '东街社区卫生服务中心',
      'P1',
      '高血压患者规范管理率',
      20,
      80.2,
      '%',
      85,
      18.87,
    ]);
    expect(String(p1[10])).toContain('80.2');
    const q2 = rowValues(det, 7); // EX-02 Q2 N/A
    expect(q2[5]).toBe('不适用');
    expect(q2[9]).toContain('不适用');

    const sal = wb.getWorksheet('年薪核算')!;
    const pays = [4, 5, 6].map((r) => sal.getCell(`L${r}`).value);
    expect(pays).toEqual([113185, 49062.5, 81260]);
    expect([4, 5, 6].map((r) => sal.getCell(`M${r}`).value)).toEqual(
      ex1Expected.salary.map((s: { payInWords: string }) => s.payInWords),
    );
    expect(sal.getCell('I4').value).toBe(0.8637);
    expect(sal.getCell('A7').value).toBe('合计');
    expect(sal.getCell('L7').value).toBe(243507.5);
    expect(sal.getCell('M7').value).toBe('贰拾肆万叁仟伍佰零柒元伍角');
    expect(sal.getCell('L7').numFmt).toBe('#,##0.00');
    const sign = rowValues(sal, 9).filter((x) => x);
    expect(sign).toEqual(['制表人：', '审核人：', '负责人：']);
    expect([4, 5, 6].map((r) => sal.getCell(`O${r}`).value)).toEqual(['县财政', '县财政', '县财政']);
    // The payer's own sheet: the same lines, its total in figures and capital figures, signatures.
    const county = wb.getWorksheet('年薪核算（县财政）')!;
    expect(String(county.getCell('A1').value)).toContain('（县财政发放）');
    expect([4, 5, 6].map((r) => county.getCell(`L${r}`).value)).toEqual([113185, 49062.5, 81260]);
    expect(county.getCell('L7').value).toBe(243507.5);
    expect(county.getCell('M7').value).toBe('贰拾肆万叁仟伍佰零柒元伍角');
    expect(rowValues(county, 9).filter((x) => x)).toEqual(['制表人：', '审核人：', '负责人：']);

    const al = wb.getWorksheet('资金分配')!;
    const parts = Object.fromEntries([4, 5, 6].map((r) => [al.getCell(`B${r}`).value, al.getCell(`F${r}`).value]));
    expect(parts).toEqual(
      Object.fromEntries(Object.entries(ex1Expected.allocation100000_noGradeExcluded).map(([k, v]) => [k, Number(v)])),
    );
    expect(al.getCell('A7').value).toBe('合计');
    expect(al.getCell('F7').value).toBe(100000);
  });

  it('a locked year: the footer carries the fingerprint and lock time; no allocation → no 资金分配 sheet', async () => {
    const { services, dir } = await ex1Scored();
    const lock = await services.lock({ year: 2024, scheme: 'EX' });
    const out = path.join(dir, 'finance.xlsx');
    await exportResultsFile(services, { year: 2024, scheme: 'EX', out });
    const wb = await load(fs.readFileSync(out));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '考核结果汇总',
      '指标得分明细',
      '年薪核算',
      '年薪核算（县财政）',
    ]);
    const d = new Date(lock.lockedAt);
    const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    for (const ws of wb.worksheets) {
      expect(ws.headerFooter.oddFooter).toContain(lock.fingerprint);
      expect(ws.headerFooter.oddFooter).toContain(day);
      expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
    }
    expect(String(wb.getWorksheet('考核结果汇总')!.getCell('A2').value)).toContain(lock.fingerprint);
  });
});
