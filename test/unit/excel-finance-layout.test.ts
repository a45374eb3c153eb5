/**
 * The finance workbook computed before it is written (finance-layout.ts, finance-rows.ts): which
 * sheets an input calls for and their names, the detail split at the row limit, row heights of
 * wrapped text, and each sheet's rows (numbers as numbers, totals, capital amounts).
 */
import { describe, expect, it } from 'vitest';
import type { SalaryLine, SurplusRecord } from '../../shared/api/contract';
import type { IndicatorNode, SchemeResult, TargetResult } from '../../shared/domain/types';
import { leaves } from '../../shared/scheme/parse';
import {
  dataRowHeight,
  detailParts,
  financePlan,
  headerHeight,
  linesByPayer,
  sheetName,
  sheetText,
  wrappedLines,
} from '../../electron/excel/finance-layout';
import {
  allocationRow,
  allocationTotalRow,
  detailRow,
  payTotalTotalRow,
  salaryRow,
  salarySpec,
  salaryTotalRow,
  signatureRows,
  summaryRow,
  summarySpec,
  surplusRow,
  surplusTotalRow,
  targetValue,
} from '../../electron/excel/finance-rows';
import { ex1Scheme } from './excel-fixtures';

const text = sheetText({ countyName: '示例县', exportedAt: new Date(2024, 11, 31, 8, 9), lock: null });
const heading = { countyName: '示例县', year: 2024, scheme: ex1Scheme };

function line(o: Partial<SalaryLine>): SalaryLine {
  return {
    person: '张三',
    role: '院长',
    target: 'T1',
    scheme: 'EX',
    months: 12,
    base: '60000.00',
    performanceBase: '40000.00',
    k: '0.9000',
    performancePay: '36000.00',
    annual: '96000.00',
    pay: '96000.00',
    payInWords: '玖万陆仟元整',
    flags: [],
    ...o,
  };
}

function result(target: string, codes: string[]): TargetResult {
  return {
    target,
    name: `${target}中心`,
    base: '80.5',
    bonus: '1',
    deduction: '0',
    total: '81.5',
    grade: '良好',
    rank: 1,
    veto: null,
    flags: [],
    dimensions: { P: { code: 'P', name: '公共卫生', score: '30.25', applicableWeight: '40' } },
    indicators: Object.fromEntries(
      codes.map((c) => [
        c,
        { code: c, value: { kind: 'number', number: '12.5' }, score: '7.5', weight: '20', flags: [], trace: 'x' },
      ]),
    ),
  } as TargetResult;
}

describe('which sheets a finance workbook has', () => {
  it('a sheet name Excel accepts: forbidden characters replaced, 31 characters at most, unique', () => {
    const taken = new Set<string>(['年薪核算']);
    expect(sheetName('年薪核算', taken)).toBe('年薪核算~2');
    expect(sheetName('a[b]:c*d?e/f\\g', taken)).toBe('a_b__c_d_e_f_g');
    const long = '年'.repeat(40);
    expect(sheetName(long, taken)).toBe('年'.repeat(31));
    expect(sheetName(long, taken)).toBe(`${'年'.repeat(29)}~2`);
    expect(sheetName(long, taken)).toBe(`${'年'.repeat(29)}~3`);
  });

  it('the detail rows split at the row limit: always one sheet, then 指标得分明细(2) …', () => {
    expect(detailParts(0)).toEqual([{ part: 1, name: '指标得分明细', from: 0, to: 0 }]);
    expect(detailParts(1_000_000)).toHaveLength(1);
    expect(detailParts(2_000_001).map((p) => [p.name, p.from, p.to])).toEqual([
      ['指标得分明细', 0, 1_000_000],
      ['指标得分明细(2)', 1_000_000, 2_000_000],
      ['指标得分明细(3)', 2_000_000, 2_000_001],
    ]);
    expect(detailParts(5, 2).map((p) => p.to - p.from)).toEqual([2, 2, 1]);
  });

  it('salary lines grouped by payer: county finance first, then the groups; no payer = 县财政', () => {
    const lines = [line({ person: 'a', payer: 'G2' }), line({ person: 'b' }), line({ person: 'c', payer: 'G1' })];
    expect(linesByPayer(lines).map(([p, ls]) => [p, ls.map((l) => l.person)])).toEqual([
      ['县财政', ['b']],
      ['G1', ['c']],
      ['G2', ['a']],
    ]);
  });

  it('a plan: detail parts, the all-payers sheet then one per payer, optional sheets, rows to write', () => {
    const ls = leaves(ex1Scheme);
    const results = {
      year: 2024,
      scheme: 'EX',
      fullScore: '100',
      results: [result('T1', ['P1', 'P2', 'Q1']), result('T2', ['P1'])],
    } as SchemeResult;
    const plan = financePlan(
      {
        results,
        salary: [line({ payer: 'G1' }), line({ person: '李四' }), line({ payer: 'G:2' })],
        payerNames: new Map([['G1', '第一医疗集团']]),
        payTotals: { year: 2024, scheme: 'EX', groups: [] },
        surplus: [{} as SurplusRecord],
        allocation: null,
      },
      ls,
      3,
    );
    expect(plan.detail.map((d) => [d.name, d.from, d.to])).toEqual([
      ['指标得分明细', 0, 3],
      ['指标得分明细(2)', 3, 4],
    ]);
    expect(plan.salary.map((s) => [s.name, s.payer, s.lines.length])).toEqual([
      ['年薪核算', null, 3],
      ['年薪核算（县财政）', '县财政', 1],
      ['年薪核算（第一医疗集团）', '第一医疗集团', 1],
      ['年薪核算（G_2）', 'G:2', 1],
    ]);
    expect([plan.payTotals, plan.surplus, plan.allocation]).toEqual([false, true, false]);
    expect(plan.totalRows).toBe(2 + 3 + 4);
  });
});

describe('row heights of wrapped text', () => {
  const cols = [
    { header: '编码', width: 9 },
    { header: '计算过程', width: 12, wrap: true },
  ];

  it('counts lines by character width and by line break', () => {
    expect(wrappedLines('abc', 12)).toBe(1);
    expect(wrappedLines('一二三四五六七', 12)).toBe(2); // 7 × 1.85 = 12.95 > 11.5
    expect(wrappedLines('a\nb\nc', 12)).toBe(3);
    expect(headerHeight(cols)).toBe(32);
    expect(headerHeight([{ header: '一二三四五六七八九十一二三', width: 12 }])).toBe(4 + 14.5 * 3);
  });

  it('only wrapped columns grow a row', () => {
    const long = '一二三四五六七八九十'.repeat(2);
    expect(dataRowHeight(cols, [long, 'x'])).toBe(0);
    expect(dataRowHeight(cols, ['x', long])).toBe(3 + 14.5 * 4);
    expect(dataRowHeight(cols, ['x', 'a\nb'])).toBe(3 + 14.5 * 2);
    expect(dataRowHeight(cols, ['x', 5])).toBe(0);
  });
});

describe('the rows of each sheet', () => {
  it('summary: a header per dimension with its full score; numbers as numbers, a missing dimension empty', () => {
    const spec = summarySpec(heading, text);
    expect(spec.columns.map((c) => c.header).slice(3, 6)).toEqual([
      '公共卫生（40分）',
      '医疗质量与费用（40分）',
      '满意度（20分）',
    ]);
    expect(spec.info).toBe('编制单位：示例县卫生健康局　计量单位：分　导出时间：2024-12-31 08:09　未定稿');
    expect(summaryRow(result('T1', []), ex1Scheme.indicators)).toEqual([
      1,
      'T1',
      'T1中心',
      30.25,
      null,
      null,
      80.5,
      1,
      0,
      81.5,
      '良好',
      '',
    ]);
  });

  it('detail: value, target value, flags in words, trace', () => {
    const ls = leaves(ex1Scheme);
    const s1 = ls.find((l) => l.code === 'S1')! as IndicatorNode;
    expect(targetValue(s1)).toBe('满意=1\n基本满意=0.7\n不满意=0');
    expect(targetValue(ls[0]!)).toBe(85);
    const ir = {
      code: 'S1',
      value: { kind: 'na' as const },
      score: null,
      weight: '20',
      flags: ['NA' as const, 'MISSING' as const],
      trace: '不适用',
    };
    expect(detailRow(result('T1', []), s1, ir, targetValue(s1))).toEqual([
      'T1',
      'T1中心',
      'S1',
      '群众满意度',
      20,
      '不适用',
      '',
      '满意=1\n基本满意=0.7\n不满意=0',
      null,
      '不适用、缺报',
      '不适用',
    ]);
  });

  it('salary: the all-payers sheet names payers; totals sum every line, a line in error by its bases', () => {
    const lines = [
      line({ payer: 'G1' }),
      line({ person: '李四', error: '无考核结果', k: '', performancePay: '', annual: '', pay: '', payInWords: '' }),
    ];
    const names = new Map([['T1', '城关卫生院']]);
    expect(salaryRow(lines[0]!, 0, names, (p) => (p === 'G1' ? '第一医疗集团' : p)).slice(-3)).toEqual([
      '玖万陆仟元整',
      '',
      '第一医疗集团',
    ]);
    expect(salaryRow(lines[1]!, 1, names).slice(-2)).toEqual(['', '无考核结果']);
    expect(salaryTotalRow(lines, false)).toEqual([
      '合计',
      '',
      '',
      '',
      '2 人',
      '',
      120000,
      80000,
      '',
      36000,
      96000,
      96000,
      '玖万陆仟元整',
      '',
    ]);
    expect(salaryTotalRow(lines, true)).toHaveLength(15);
    const all = salarySpec(heading, text, { name: '年薪核算', payer: null });
    expect(all.columns.at(-1)!.header).toBe('发放主体');
    expect(all.info).toContain('发放主体：见各发放主体的年薪核算表');
    const one = salarySpec(heading, text, { name: '年薪核算（县财政）', payer: '县财政' });
    expect(one.title).toBe('示例县2024年度示例：社区卫生服务中心年度考核年薪核算表（县财政发放）');
    expect(one.columns).toHaveLength(14);
  });

  it('pay totals, surplus and allocation: totals to the fen, a group without tiers leaves them empty', () => {
    const g = (proposed: string) => ({
      target: 'G1',
      name: '集团',
      k: '1',
      proposed,
      benchmark: '100.10',
      multiple: '5',
      cap: '500.50',
      adjusted: proposed,
      approved: proposed,
      excluded: '0',
      available: proposed,
      flags: [],
    });
    expect(payTotalTotalRow({ year: 2024, scheme: 'X', groups: [g('0.10'), g('0.20')] }).slice(2, 5)).toEqual([
      '2 个医疗集团',
      0.3,
      200.2,
    ]);
    const tiered = {
      target: 'G1',
      name: '一',
      amount: '100.01',
      development: '40',
      staff: '60.01',
      split: ['40', '60'],
      tierRatio: ['6', '3', '1'],
      tiers: {
        county: { amount: '60.01', development: '24', staff: '36.01' },
        township: { amount: '30', development: '12', staff: '18' },
        village: { amount: '10', development: '4', staff: '6' },
      },
    } as SurplusRecord;
    const plain = { ...tiered, target: 'G2', tierRatio: null, tiers: null } as SurplusRecord;
    expect(surplusRow(tiered, 0).slice(3, 8)).toEqual([100.01, '40:60／6:3:1', 40, 60.01, 60.01]);
    expect(surplusRow(plain, 1).slice(4)).toEqual(['40:60', 40, 60.01, ...Array(9).fill(null)]);
    expect(surplusTotalRow([tiered, plain])).toEqual([
      '合计',
      '',
      '2 个医疗集团',
      200.02,
      '',
      80,
      120.02,
      60.01,
      24,
      36.01,
      30,
      12,
      18,
      10,
      4,
      6,
    ]);
    const a = {
      year: 2024,
      scheme: 'EX',
      amount: '100',
      sum: '100',
      excludedGrades: [],
      parts: [
        { target: 'T1', name: '', total: '90', factor: '1.2', amount: '60' },
        { target: 'T2', name: '二', total: '80', factor: '0.8', amount: '40' },
      ],
    };
    expect(allocationRow(a.parts[0]!, 0, new Map([['T1', '一']]))).toEqual([1, 'T1', '一', 90, 1.2, 60, '陆拾元整']);
    expect(allocationTotalRow(a)).toEqual(['合计', '', '2 个单位', '', '', 100, '壹佰元整']);
  });

  it('signature lines at the given columns, a blank line first', () => {
    const [blank, who, when] = signatureRows([0, 4, 9]);
    expect(blank).toEqual([]);
    expect(who![4]).toBe('审核人：');
    expect(when![9]).toBe('日期：');
    expect(who).toHaveLength(10);
  });
});
