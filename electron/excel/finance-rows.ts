/**
 * The finance workbook's sheets as data: each sheet's title, info line and columns (SheetSpec), and
 * each row's cells, from the input. Pure (numbers as numbers, empty cells as '' or null):
 * finance-workbook.ts writes them.
 */
import type { Allocation, PayTotalLine, PayTotalReport, SalaryLine, SurplusRecord } from '../../shared/api/contract';
import type { Flag, IndicatorNode, IndicatorResult, Scheme, TargetResult, Value } from '../../shared/domain/types';
import { FLAG_NAMES } from '../../shared/domain/types';
import { dec, sum } from '../../shared/decimal';
import { capitalAmount } from '../../shared/finance/capital';
import { COUNTY_FINANCE } from '../../shared/finance/payer';
import { leaves } from '../../shared/scheme/parse';
import {
  SHEET_ALLOCATION,
  SHEET_PAY_TOTAL,
  SHEET_SURPLUS,
  SHEET_SUMMARY,
  type DetailPart,
  type FinanceWorkbookInput,
  type SalarySheetPlan,
  type SheetSpec,
  type SheetText,
} from './finance-layout';

export const SCORE_FMT = '0.00';
export const MONEY_FMT = '#,##0.00';
export const K_FMT = '0.0000';

/** One row's cells, column by column. */
export type Cells = (string | number | null)[];

type Heading = Pick<FinanceWorkbookInput, 'countyName' | 'year' | 'scheme'>;

export const flagsText = (flags: Flag[]): string => flags.map((f) => FLAG_NAMES[f] ?? f).join('、');
export const num = (s: string | null | undefined): number | null =>
  s === null || s === undefined || s === '' ? null : Number(s);
const money = (d: { toFixed(n: number): string }) => Number(d.toFixed(2));

// ---------- 考核结果汇总 ----------

/** A dimension's full score: the weights of its leaves. */
function dimensionWeight(scheme: Scheme, d: IndicatorNode): string {
  return sum(leaves({ ...scheme, indicators: [d] }).map((l) => dec(l.weight ?? 0))).toFixed();
}

export function summarySpec(h: Heading, t: SheetText): SheetSpec {
  const { countyName, year, scheme } = h;
  return {
    name: SHEET_SUMMARY,
    title: `${countyName}${year}年度${scheme.name}考核结果汇总表`,
    info: `编制单位：${t.unit}　计量单位：分　导出时间：${t.exported}${t.lockNote}`,
    freezeCols: 3,
    columns: [
      { header: '排名', width: 6 },
      { header: '对象编码', width: 12 },
      { header: '对象名称', width: 26 },
      ...scheme.indicators.map((d) => ({
        header: `${d.name}（${dimensionWeight(scheme, d)}分）`,
        width: 12,
        numFmt: SCORE_FMT,
      })),
      { header: '基础得分', width: 10, numFmt: SCORE_FMT },
      { header: '加分', width: 8, numFmt: SCORE_FMT },
      { header: '减分', width: 8, numFmt: SCORE_FMT },
      { header: '总分', width: 10, numFmt: SCORE_FMT },
      { header: '等级', width: 10 },
      { header: '否决原因', width: 30, wrap: true },
    ],
  };
}

/** A target's summary row: rank, code, name, each dimension's score, base, bonus, deduction, total, grade, veto. */
export function summaryRow(r: TargetResult, dims: readonly IndicatorNode[]): Cells {
  return [
    r.rank,
    r.target,
    r.name,
    ...dims.map((d) => num(r.dimensions[d.code]?.score)),
    num(r.base),
    num(r.bonus),
    num(r.deduction),
    num(r.total),
    r.grade,
    r.veto ?? '',
  ];
}

// ---------- 指标得分明细 ----------

export function detailSpec(h: Heading, t: SheetText, part: Pick<DetailPart, 'part' | 'name'>): SheetSpec {
  const { countyName, year, scheme } = h;
  return {
    name: part.name,
    title: `${countyName}${year}年度${scheme.name}指标得分明细表${part.part === 1 ? '' : `（续${part.part - 1}）`}`,
    info: `编制单位：${t.unit}　计量单位：分　导出时间：${t.exported}${t.lockNote}`,
    freezeCols: 2,
    columns: [
      { header: '对象编码', width: 12 },
      { header: '对象名称', width: 22 },
      { header: '指标编码', width: 9 },
      { header: '指标名称', width: 26, wrap: true },
      { header: '分值', width: 7, numFmt: SCORE_FMT },
      { header: '填报值', width: 11 },
      { header: '单位', width: 7 },
      { header: '目标值', width: 12, wrap: true },
      { header: '得分', width: 8, numFmt: SCORE_FMT },
      { header: '标记', width: 12, wrap: true },
      { header: '计算过程', width: 60, wrap: true },
    ],
  };
}

/** A value as the detail sheet shows it: a number, a label, 不适用, or empty. */
export function valueCell(v: Value): string | number {
  if (v.kind === 'number') return Number(v.number);
  if (v.kind === 'label') return v.label;
  if (v.kind === 'na') return '不适用';
  return '';
}

/** A leaf's 目标值: its target number, or its bands / grade labels one per line. */
export function targetValue(leaf: IndicatorNode): string | number {
  const m = leaf.method;
  if (!m) return '';
  if ('target' in m && typeof m.target === 'number') return m.target;
  // One item per line: the column wraps, and a line per item keeps each item whole when printed.
  if (m.type === 'bands') return m.bands.map((b) => `${b.bound}→${b.score}分`).join('\n');
  if (m.type === 'grade')
    return Object.entries(m.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
  return '';
}

/** One detail row: a target's result on one leaf (`target` is the leaf's targetValue). */
export function detailRow(res: TargetResult, leaf: IndicatorNode, ir: IndicatorResult, target: string | number): Cells {
  return [
    res.target,
    res.name,
    leaf.code,
    leaf.name,
    num(ir.weight),
    valueCell(ir.value),
    leaf.unit ?? '',
    target,
    num(ir.score),
    ir.flags.length === 0 ? '' : flagsText(ir.flags),
    ir.trace,
  ];
}

// ---------- 年薪核算 ----------

/** A 年薪核算 sheet; the all-payers sheet (payer null) names each line's payer in a last column. */
export function salarySpec(h: Heading, t: SheetText, sheet: Pick<SalarySheetPlan, 'name' | 'payer'>): SheetSpec {
  const { countyName, year, scheme } = h;
  const p = sheet.payer;
  const all = p === null;
  return {
    name: sheet.name,
    title: `${countyName}${year}年度${scheme.name}年薪核算表${p ? `（${p}发放）` : ''}`,
    info: `编制单位：${t.unit}　${p ? `发放主体：${p}　` : all ? '发放主体：见各发放主体的年薪核算表　' : ''}金额单位：元　导出时间：${t.exported}${t.lockNote}`,
    freezeCols: 2,
    columns: [
      { header: '序号', width: 6 },
      { header: '姓名', width: 10, wrap: true },
      { header: '职务', width: 14, wrap: true },
      { header: '单位编码', width: 9 },
      { header: '单位名称', width: 21, wrap: true },
      { header: '任职月数', width: 6 },
      { header: '基本年薪', width: 12, numFmt: MONEY_FMT },
      { header: '绩效年薪基数', width: 12, numFmt: MONEY_FMT },
      { header: '考核系数', width: 8, numFmt: K_FMT },
      { header: '绩效年薪', width: 12, numFmt: MONEY_FMT },
      { header: '年薪', width: 12, numFmt: MONEY_FMT },
      { header: '应发金额', width: 13, numFmt: MONEY_FMT },
      { header: '大写金额', width: 34, wrap: true },
      { header: '标记', width: 14, wrap: true },
      ...(all ? [{ header: '发放主体', width: 16, wrap: true }] : []),
    ],
  };
}

/** A salary line's row; `payerName` given: the payer's name in a last column (the all-payers sheet). */
export function salaryRow(
  l: SalaryLine,
  i: number,
  targetNames: ReadonlyMap<string, string>,
  payerName?: (code: string) => string,
): Cells {
  return [
    i + 1,
    l.person,
    l.role,
    l.target,
    targetNames.get(l.target) ?? '',
    l.months,
    num(l.base),
    num(l.performanceBase),
    num(l.k),
    num(l.performancePay),
    num(l.annual),
    num(l.pay),
    l.payInWords,
    l.error ? l.error : flagsText(l.flags),
    ...(payerName ? [payerName(l.payer || COUNTY_FINANCE)] : []),
  ];
}

/** The total row: every column's total is the sum of the lines above (a line in error shows no pay, but its bases). */
export function salaryTotalRow(lines: readonly SalaryLine[], withPayer: boolean): Cells {
  const total = (f: (l: SalaryLine) => string) => sum(lines.map((l) => dec(f(l) || '0')));
  const payTotal = total((l) => l.pay);
  return [
    '合计',
    '',
    '',
    '',
    `${lines.length} 人`,
    '',
    money(total((l) => l.base)),
    money(total((l) => l.performanceBase)),
    '',
    money(total((l) => l.performancePay)),
    money(total((l) => l.annual)),
    money(payTotal),
    capitalAmount(payTotal.toFixed(2)),
    '',
    ...(withPayer ? [''] : []),
  ];
}

// ---------- 绩效工资总量 ----------

export function payTotalSpec(h: Heading, t: SheetText): SheetSpec {
  const { countyName, year, scheme } = h;
  return {
    name: SHEET_PAY_TOTAL,
    title: `${countyName}${year}年度医疗集团绩效工资总量核定表`,
    info: `编制单位：${t.unit}　依据：${scheme.name}考核结果（运政办发〔2019〕3号 第7条：不超过基准的 5 倍；第24条：签约服务费不纳入总量）　金额单位：元　导出时间：${t.exported}${t.lockNote}`,
    freezeCols: 3,
    columns: [
      { header: '序号', width: 6 },
      { header: '集团编码', width: 9 },
      { header: '医疗集团', width: 22, wrap: true },
      { header: '申报总量', width: 14, numFmt: MONEY_FMT },
      { header: '基准（全额拨款事业单位绩效工资总量）', width: 14, numFmt: MONEY_FMT },
      { header: '倍数', width: 6 },
      { header: '上限（倍数×基准）', width: 14, numFmt: MONEY_FMT },
      { header: '考核系数', width: 8, numFmt: K_FMT },
      { header: '申报×系数', width: 14, numFmt: MONEY_FMT },
      { header: '核定总量', width: 14, numFmt: MONEY_FMT },
      { header: '不纳入总量项目（签约服务费等）', width: 14, numFmt: MONEY_FMT },
      { header: '可分配总额', width: 14, numFmt: MONEY_FMT },
      { header: '标记', width: 14, wrap: true },
    ],
  };
}

export function payTotalRow(g: PayTotalLine, i: number): Cells {
  return [
    i + 1,
    g.target,
    g.name,
    num(g.proposed),
    num(g.benchmark),
    Number(g.multiple),
    num(g.cap),
    num(g.k),
    num(g.adjusted),
    num(g.approved),
    num(g.excluded),
    num(g.available),
    flagsText(g.flags),
  ];
}

export function payTotalTotalRow(r: PayTotalReport): Cells {
  const t = (f: (g: PayTotalLine) => string) => money(sum(r.groups.map((g) => dec(f(g)))));
  return [
    '合计',
    '',
    `${r.groups.length} 个医疗集团`,
    t((g) => g.proposed),
    t((g) => g.benchmark),
    '',
    t((g) => g.cap),
    '',
    t((g) => g.adjusted),
    t((g) => g.approved),
    t((g) => g.excluded),
    t((g) => g.available),
    '',
  ];
}

// ---------- 医保结余分配 ----------

export function surplusSpec(h: Heading, t: SheetText): SheetSpec {
  const { countyName, year } = h;
  const tier = (name: string) => [
    { header: name, width: 12, numFmt: MONEY_FMT },
    { header: `${name}·发展`, width: 11, numFmt: MONEY_FMT },
    { header: `${name}·薪酬`, width: 11, numFmt: MONEY_FMT },
  ];
  return {
    name: SHEET_SURPLUS,
    title: `${countyName}${year}年度医疗集团医保结余资金分配表`,
    info: `编制单位：${t.unit}　依据：运政办发〔2019〕3号 第20条（结余资金 40% 用于业务发展、60% 用于提高医务人员待遇；按人头打包付费的按县乡村 6:3:1 分配）　金额单位：元　导出时间：${t.exported}${t.lockNote}`,
    freezeCols: 3,
    columns: [
      { header: '序号', width: 5 },
      { header: '集团编码', width: 8 },
      { header: '医疗集团', width: 18, wrap: true },
      { header: '结余资金', width: 13, numFmt: MONEY_FMT },
      { header: '比例（发展:薪酬／县:乡:村）', width: 12, wrap: true },
      { header: '业务发展', width: 12, numFmt: MONEY_FMT },
      { header: '人员薪酬', width: 12, numFmt: MONEY_FMT },
      ...tier('县级'),
      ...tier('乡级'),
      ...tier('村级'),
    ],
  };
}

export function surplusRow(r: SurplusRecord, i: number): Cells {
  const ratio = `${r.split.join(':')}${r.tierRatio ? `／${r.tierRatio.join(':')}` : ''}`;
  const tiers = r.tiers
    ? [r.tiers.county, r.tiers.township, r.tiers.village].flatMap((p) => [
        num(p.amount),
        num(p.development),
        num(p.staff),
      ])
    : Array<null>(9).fill(null);
  return [i + 1, r.target, r.name, num(r.amount), ratio, num(r.development), num(r.staff), ...tiers];
}

export function surplusTotalRow(rows: readonly SurplusRecord[]): Cells {
  const t = (f: (r: SurplusRecord) => string | undefined) => money(sum(rows.map((r) => dec(f(r) ?? '0'))));
  const tier = (k: 'county' | 'township' | 'village') => [
    t((r) => r.tiers?.[k].amount),
    t((r) => r.tiers?.[k].development),
    t((r) => r.tiers?.[k].staff),
  ];
  return [
    '合计',
    '',
    `${rows.length} 个医疗集团`,
    t((r) => r.amount),
    '',
    t((r) => r.development),
    t((r) => r.staff),
    ...tier('county'),
    ...tier('township'),
    ...tier('village'),
  ];
}

// ---------- 资金分配 ----------

export function allocationSpec(h: Heading, t: SheetText, a: Allocation): SheetSpec {
  const { countyName, year, scheme } = h;
  return {
    name: SHEET_ALLOCATION,
    title: `${countyName}${year}年度${scheme.name}考核结果资金分配表`,
    info: `编制单位：${t.unit}　金额单位：元　资金总额：${dec(a.amount).toFixed(2)}　不参与分配的等级：${a.excludedGrades.join('、') || '无'}　导出时间：${t.exported}${t.lockNote}`,
    freezeCols: 3,
    columns: [
      { header: '序号', width: 6 },
      { header: '对象编码', width: 12 },
      { header: '对象名称', width: 26 },
      { header: '总分', width: 10, numFmt: SCORE_FMT },
      { header: '分配系数', width: 10 },
      { header: '分配金额', width: 14, numFmt: MONEY_FMT },
      { header: '大写金额', width: 36, wrap: true },
    ],
  };
}

export function allocationRow(
  p: Allocation['parts'][number],
  i: number,
  targetNames: ReadonlyMap<string, string>,
): Cells {
  return [
    i + 1,
    p.target,
    p.name || targetNames.get(p.target) || '',
    num(p.total),
    Number(p.factor),
    num(p.amount),
    capitalAmount(dec(p.amount).toFixed(2)),
  ];
}

export function allocationTotalRow(a: Allocation): Cells {
  const s = sum(a.parts.map((p) => dec(p.amount)));
  return ['合计', '', `${a.parts.length} 个单位`, '', '', Number(s.toFixed(2)), capitalAmount(s.toFixed(2))];
}

// ---------- signatures ----------

/** 制表人 / 审核人 / 负责人 at the given columns (0-based), then 日期 under each: the lines under a table. */
export function signatureRows(at: readonly number[]): string[][] {
  const row = (labels: string[]) => {
    const v: string[] = [];
    at.forEach((c, i) => (v[c] = labels[i]!));
    return v;
  };
  return [[], row(['制表人：', '审核人：', '负责人：']), row(['日期：', '日期：', '日期：'])];
}
