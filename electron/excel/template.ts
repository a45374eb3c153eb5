/**
 * 数据采集表: the wide template handed out to be filled. Its layout is exactly what the value
 * import reads (title, instruction, "code name" header, units row, one row per target).
 */
import { PRODUCT_NAME } from '../../shared/product';
import ExcelJS from 'exceljs';
import type { IndicatorNode, Scheme, Value } from '../../shared/domain/types';
import { leaves } from '../../shared/scheme/parse';
import { colLetter } from './text';
import type { ImportTarget } from './values-import';

export const TEMPLATE_SHEET = '数据采集';
const HEADER_ROW = 3;
const UNITS_ROW = 4;
const FIRST_DATA_ROW = 5;

const COUNT_UNITS = new Set(['人', '人次', '次', '例', '起', '个', '项', '家', '户', '名', '台', '张', '篇']);

export interface TemplateInput {
  scheme: Scheme;
  year: number;
  targets: ImportTarget[];
  countyName?: string;
  /** Values already stored, to pre-fill (target → leaf → value). */
  values?: Map<string, Map<string, Value>>;
  /** 上年数 to pre-fill for growth leaves (target → leaf → value). */
  baselines?: Map<string, Map<string, Value>>;
}

/** The header of a growth leaf's 上年数 column (excel.md "Last year's value"); the import reads it back. */
export function baselineHeaderText(leaf: IndicatorNode): string {
  return `${leaf.code} ${leaf.name}（上年数）`;
}

/** The template's columns after 对象编码 / 对象名称: each leaf, and a 上年数 column beside each growth leaf. */
interface TemplateColumn {
  leaf: IndicatorNode;
  baseline: boolean;
}

function templateColumns(ls: IndicatorNode[]): TemplateColumn[] {
  return ls.flatMap((leaf) =>
    leaf.method?.type === 'growth'
      ? [
          { leaf, baseline: false },
          { leaf, baseline: true },
        ]
      : [{ leaf, baseline: false }],
  );
}

export function templateFileName(scheme: Scheme, year: number): string {
  return `${year}年度${scheme.name}数据采集表.xlsx`;
}

function leafPrompt(leaf: IndicatorNode): string {
  const parts: string[] = [];
  if (leaf.unit) parts.push(`单位：${leaf.unit}`);
  if (leaf.unit === '%') parts.push('填百分数，如 85 或 85%');
  if (leaf.min !== undefined && leaf.min !== null) parts.push(`不小于 ${leaf.min}`);
  if (leaf.max !== undefined && leaf.max !== null) parts.push(`不大于 ${leaf.max}`);
  if (leaf.method?.type === 'manual') parts.push(`直接填得分，0–${leaf.weight ?? 0} 分`);
  parts.push('不适用填“不适用”，未报留空');
  return parts.join('；');
}

function validationFor(leaf: IndicatorNode): ExcelJS.DataValidation | null {
  const m = leaf.method;
  if (m?.type === 'grade') {
    const list = [...Object.keys(m.labels), '不适用'].join(',');
    return {
      type: 'list',
      allowBlank: true,
      formulae: [`"${list}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '等级不在列表中',
      error: `请从下拉列表中选择：${list}`,
      showInputMessage: true,
      promptTitle: leaf.name.slice(0, 32),
      prompt: `从下拉列表选择等级；不适用选“不适用”，未报留空`.slice(0, 255),
    };
  }
  let lo = leaf.min ?? null;
  let hi = leaf.max ?? null;
  if (m?.type === 'manual') {
    lo = lo ?? 0;
    hi = hi ?? leaf.weight ?? null;
  }
  if (lo === null && COUNT_UNITS.has(leaf.unit ?? '')) lo = 0;
  const base = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: leaf.name.slice(0, 32),
    prompt: leafPrompt(leaf).slice(0, 255),
  };
  if (lo === null && hi === null) {
    // Input message only: any number, or 不适用.
    return { type: 'any', ...base } as unknown as ExcelJS.DataValidation;
  }
  const range = lo !== null && hi !== null ? `${lo}–${hi}` : lo !== null ? `不小于 ${lo}` : `不大于 ${hi}`;
  // "warning" style: a number out of range is stopped, but 不适用 can still be kept after confirming.
  const v: ExcelJS.DataValidation = {
    type: 'decimal',
    operator: lo !== null && hi !== null ? 'between' : lo !== null ? 'greaterThanOrEqual' : 'lessThanOrEqual',
    formulae: lo !== null && hi !== null ? [lo, hi] : [lo ?? hi],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: '数值超出范围',
    error: `应为 ${range} 的数；若本单位不适用，请填“不适用”并选择“是”保留`.slice(0, 255),
    ...base,
  };
  return v;
}

function valueCell(v: Value | undefined, leaf: IndicatorNode): ExcelJS.CellValue {
  if (!v || v.kind === 'missing') return null;
  if (v.kind === 'na') return '不适用';
  if (v.kind === 'label') return v.label;
  void leaf;
  return Number(v.number);
}

export function buildTemplate(input: TemplateInput): ExcelJS.Workbook {
  const { scheme, year, targets } = input;
  const ls = leaves(scheme);
  const cols = templateColumns(ls);
  const wb = new ExcelJS.Workbook();
  wb.creator = PRODUCT_NAME;
  wb.created = new Date();
  const ws = wb.addWorksheet(TEMPLATE_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: UNITS_ROW, topLeftCell: `C${FIRST_DATA_ROW}` }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const lastCol = 2 + cols.length + 1;
  const title = `${input.countyName ?? ''}${year}年度${scheme.name}数据采集表`;
  ws.getCell(1, 1).value = title;
  ws.mergeCells(1, 1, 1, lastCol);
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
  ws.getCell(2, 1).value =
    `填表说明：方案 ${scheme.code}（${year} 年度）。请在白色单元格填写指标值；百分比指标填百分数（如 85 或 85%）；` +
    '定性指标从下拉列表选择；不适用填“不适用”；未报留空。' +
    (cols.some((c) => c.baseline)
      ? `增长率指标右边的“上年数”列填 ${year - 1} 年度的值（本系统已有上年数据时以系统数据为准）。`
      : '') +
    '请勿修改对象编码、表头行和单位行。';
  ws.mergeCells(2, 1, 2, lastCol);
  ws.getCell(2, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getCell(2, 1).font = { size: 10, color: { argb: 'FF595959' } };
  ws.getRow(2).height = 32;

  const header = ws.getRow(HEADER_ROW);
  const units = ws.getRow(UNITS_ROW);
  header.getCell(1).value = '对象编码';
  header.getCell(2).value = '对象名称';
  cols.forEach(({ leaf, baseline }, i) => {
    header.getCell(3 + i).value = baseline ? baselineHeaderText(leaf) : `${leaf.code} ${leaf.name}`;
    if (leaf.unit) units.getCell(3 + i).value = leaf.unit;
  });
  header.getCell(lastCol).value = '备注';
  const headFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  const thin: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'thin' },
    right: { style: 'thin' },
  };
  for (let c = 1; c <= lastCol; c++) {
    const h = header.getCell(c);
    h.font = { bold: true };
    h.fill = headFill;
    h.border = thin;
    h.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    const u = units.getCell(c);
    u.fill = headFill;
    u.border = thin;
    u.alignment = { horizontal: 'center' };
    u.font = { size: 9, color: { argb: 'FF595959' } };
  }
  header.height = 48;
  const baselineFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

  targets.forEach((t, i) => {
    const r = ws.getRow(FIRST_DATA_ROW + i);
    r.getCell(1).value = t.code;
    r.getCell(2).value = t.name;
    const stored = input.values?.get(t.code);
    const base = input.baselines?.get(t.code);
    cols.forEach(({ leaf, baseline }, j) => {
      const c = r.getCell(3 + j);
      c.value = valueCell((baseline ? base : stored)?.get(leaf.code), leaf);
      c.border = thin;
      if (baseline) c.fill = baselineFill;
    });
    r.getCell(1).border = thin;
    r.getCell(2).border = thin;
    r.getCell(lastCol).border = thin;
  });

  const lastRow = FIRST_DATA_ROW + Math.max(targets.length, 1) - 1;
  cols.forEach(({ leaf, baseline }, j) => {
    const col = colLetter(3 + j);
    const v = validationFor(leaf);
    if (v && baseline) {
      v.promptTitle = `${leaf.code} 上年数`.slice(0, 32);
      v.prompt = `${year - 1} 年度的值（增长率的基数）；${v.prompt ?? ''}`.slice(0, 255);
    }
    if (v)
      (
        ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
      ).dataValidations.add(`${col}${FIRST_DATA_ROW}:${col}${lastRow}`, v);
  });

  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 26;
  cols.forEach(({ leaf }, j) => {
    ws.getColumn(3 + j).width = Math.min(28, Math.max(12, Math.ceil((leaf.code.length + leaf.name.length * 2) / 2.2)));
  });
  ws.getColumn(lastCol).width = 20;
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${UNITS_ROW}`;
  ws.headerFooter.oddFooter = '&C第 &P 页 共 &N 页';
  return wb;
}
