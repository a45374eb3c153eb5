/**
 * Scheme ⇄ workbook without loss (excel.md "Schemes", scheme-json.md). Sheet 指标体系 has one row
 * per node; sheet 方案属性 the scheme-level fields. A blank cell means "field absent"; `""` means
 * an empty text, 无 means null — so that JSON → xlsx → JSON gives back the same object.
 */
import { PRODUCT_NAME } from '../../shared/product';
import ExcelJS from 'exceljs';
import type { IndicatorNode, Method, Scheme } from '../../shared/domain/types';
import { METHOD_NAMES, TARGET_KIND_NAMES } from '../../shared/domain/types';
import { cellText, readCell } from './cells';
import { cellValue } from './reader';
import { headerKey, norm, qualified } from './text';

export const NODES_SHEET = '指标体系';
export const PROPS_SHEET = '方案属性';

const NODE_COLUMNS = [
  { key: 'top', header: '一级指标', width: 16 },
  { key: 'parent', header: '上级编码', width: 10 },
  { key: 'code', header: '指标编码', width: 10 },
  { key: 'name', header: '指标名称', width: 30 },
  { key: 'weight', header: '分值', width: 8 },
  { key: 'unit', header: '单位', width: 8 },
  { key: 'direction', header: '方向', width: 8 },
  { key: 'method', header: '计分方法', width: 12 },
  { key: 'target', header: '目标值', width: 9 },
  { key: 'params', header: '参数', width: 30 },
  { key: 'publicWelfare', header: '公益性', width: 8 },
  { key: 'criteria', header: '评分细则', width: 40 },
  { key: 'min', header: '最小值', width: 8 },
  { key: 'max', header: '最大值', width: 8 },
  { key: 'source', header: '来源', width: 24 },
  { key: 'plan', header: '规划指标', width: 24 },
] as const;
type NodeKey = (typeof NODE_COLUMNS)[number]['key'];

const PROPS = [
  { key: 'code', label: '方案编码', kind: 'text' },
  { key: 'name', label: '方案名称', kind: 'text' },
  { key: 'year', label: '考核年度', kind: 'number' },
  { key: 'targetKind', label: '考核对象类型', kind: 'kind' },
  { key: 'fullScore', label: '满分', kind: 'number' },
  { key: 'grades', label: '等级划分', kind: 'json' },
  { key: 'bonusCap', label: '加分上限', kind: 'number' },
  { key: 'naPolicy', label: '不适用指标处理', kind: 'naPolicy' },
  { key: 'minPublicWelfareShare', label: '公益性指标最低占比', kind: 'number' },
  { key: 'salary', label: '年薪规则', kind: 'json' },
] as const;

const NA_POLICY_NAMES: Record<string, string> = { rescale: '按适用指标折算', full: '按满分计', zero: '按零分计' };
const DIRECTION_NAMES: Record<string, string> = { higher: '正向', lower: '逆向' };
const NULL_TEXT = '无';
const EMPTY_TEXT = '""';

export class SchemeSheetError extends Error {
  constructor(
    readonly place: string,
    message: string,
  ) {
    super(`${place}：${message}`);
  }
}

// ---------- export ----------

function textOut(v: string | undefined): ExcelJS.CellValue {
  if (v === undefined) return null;
  return v === '' ? EMPTY_TEXT : v;
}

function numOut(v: number | null | undefined): ExcelJS.CellValue {
  if (v === undefined) return null;
  return v === null ? NULL_TEXT : v;
}

function methodParams(m: Method): Record<string, unknown> | null {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) if (k !== 'type' && k !== 'target') rest[k] = v;
  return Object.keys(rest).length ? rest : null;
}

export function buildSchemeWorkbook(scheme: Scheme): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = PRODUCT_NAME;
  const ws = wb.addWorksheet(NODES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = NODE_COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  const walk = (nodes: IndicatorNode[], parent: IndicatorNode | null, top: IndicatorNode | null) => {
    for (const n of nodes) {
      const row: Partial<Record<NodeKey, ExcelJS.CellValue>> = {
        top: (top ?? n).name,
        parent: parent?.code ?? null,
        code: n.code,
        name: n.name,
        weight: numOut(n.weight),
        unit: textOut(n.unit),
        direction: n.direction ? DIRECTION_NAMES[n.direction] : null,
        method: n.method ? METHOD_NAMES[n.method.type] : null,
        target: n.method && 'target' in n.method ? numOut(n.method.target) : null,
        params: n.method ? jsonOut(methodParams(n.method)) : null,
        publicWelfare: n.publicWelfare === undefined ? null : n.publicWelfare ? '是' : '否',
        criteria: textOut(n.criteria),
        min: numOut(n.min),
        max: numOut(n.max),
        source: textOut(n.source),
        plan: n.plan === undefined ? null : JSON.stringify(n.plan),
      };
      // An inner node written without children is an empty dimension; mark it so it comes back as one.
      if (n.children && n.children.length === 0) row.params = '{"children":[]}';
      ws.addRow(row);
      if (n.children) walk(n.children, n, top ?? n);
    }
  };
  walk(scheme.indicators, null, null);
  ws.getColumn('criteria').alignment = { wrapText: true, vertical: 'top' };

  const ps = wb.addWorksheet(PROPS_SHEET);
  ps.columns = [
    { header: '属性', key: 'label', width: 20 },
    { header: '值', key: 'value', width: 60 },
    { header: '字段', key: 'field', width: 24 },
    { header: '说明', key: 'note', width: 40 },
  ];
  ps.getRow(1).font = { bold: true };
  for (const p of PROPS) {
    const v = (scheme as unknown as Record<string, unknown>)[p.key];
    let out: ExcelJS.CellValue;
    let note = '';
    if (v === undefined) out = null;
    else if (v === null) out = NULL_TEXT;
    else if (p.kind === 'json') out = JSON.stringify(v);
    else if (p.kind === 'kind') {
      out = v as string;
      note = TARGET_KIND_NAMES[v as keyof typeof TARGET_KIND_NAMES] ?? '';
    } else if (p.kind === 'naPolicy') {
      out = v as string;
      note = NA_POLICY_NAMES[v as string] ?? '';
    } else out = v as ExcelJS.CellValue;
    ps.addRow({ label: p.label, value: out, field: p.key, note });
  }
  return wb;
}

function jsonOut(v: unknown): ExcelJS.CellValue {
  return v === null || v === undefined ? null : JSON.stringify(v);
}

// ---------- import ----------

/** A pace method in the key order of scheme-json.md (baseline, baseYear, target, targetYear, nature). */
function paceKeyOrder(m: Record<string, unknown>): Record<string, unknown> {
  const o: Record<string, unknown> = { type: m.type };
  for (const k of ['baseline', 'baseYear', 'target', 'targetYear', 'nature']) if (m[k] !== undefined) o[k] = m[k];
  for (const [k, v] of Object.entries(m)) if (!(k in o)) o[k] = v;
  return o;
}

const METHOD_BY_NAME = new Map<string, Method['type']>();
for (const [k, v] of Object.entries(METHOD_NAMES)) {
  METHOD_BY_NAME.set(headerKey(k), k as Method['type']);
  METHOD_BY_NAME.set(headerKey(v), k as Method['type']);
}
const KIND_BY_NAME = new Map<string, string>();
for (const [k, v] of Object.entries(TARGET_KIND_NAMES)) {
  KIND_BY_NAME.set(headerKey(k), k);
  KIND_BY_NAME.set(headerKey(v), k);
}

interface Cell {
  value: ExcelJS.CellValue;
  numFmt?: string;
  where: string;
}

function sheetByName(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((w) => norm(w.name) === name);
}

function rawText(c: Cell | undefined): string | undefined {
  if (!c) return undefined;
  const r = readCell(c.value, c.numFmt);
  if (r.kind === 'blank') return undefined;
  return r.kind === 'text' ? r.text : r.written;
}

function textIn(c: Cell | undefined): string | undefined {
  const t = rawText(c);
  if (t === undefined) return undefined;
  return t.trim() === EMPTY_TEXT ? '' : t;
}

function numIn(c: Cell | undefined, allowNull = true): number | null | undefined {
  if (!c) return undefined;
  const r = readCell(c.value, c.numFmt);
  if (r.kind === 'blank') return undefined;
  if (r.kind === 'number') return r.n;
  const t = norm(r.written);
  if (allowNull && (t === NULL_TEXT || t.toLowerCase() === 'null')) return null;
  const n = Number(t.replace(/,/g, ''));
  if (t !== '' && Number.isFinite(n)) return n;
  throw new SchemeSheetError(c.where, `“${r.written}”不是数值${allowNull ? '（无上下限填“无”）' : ''}`);
}

function jsonIn(c: Cell | undefined): unknown {
  const t = rawText(c);
  if (t === undefined) return undefined;
  if (norm(t) === NULL_TEXT) return null;
  try {
    return JSON.parse(t);
  } catch {
    throw new SchemeSheetError(c!.where, `“${t}”不是有效的 JSON`);
  }
}

/** Reads the scheme object from its workbook; the result still goes through parseSchemeJson. */
export function readSchemeWorkbook(wb: ExcelJS.Workbook): Record<string, unknown> {
  const ws = sheetByName(wb, NODES_SHEET) ?? wb.worksheets[0];
  if (!ws) throw new SchemeSheetError(NODES_SHEET, '工作簿中没有工作表');
  // Header: the first row holding 指标编码 and 指标名称.
  let headerRow = 0;
  const cols = new Map<NodeKey, number>();
  for (let r = 1; r <= Math.min(ws.rowCount, 20) && !headerRow; r++) {
    const row = ws.getRow(r);
    const found = new Map<NodeKey, number>();
    row.eachCell((cell, col) => {
      const key = headerKey(cellText(cell.value));
      const c = NODE_COLUMNS.find((x) => headerKey(x.header) === key);
      if (c) found.set(c.key, col);
      else if (key === '上级指标编码' || key === '父级编码') found.set('parent', col);
    });
    if (found.has('code') && found.has('name')) {
      headerRow = r;
      for (const [k, v] of found) cols.set(k, v);
    }
  }
  if (!headerRow) throw new SchemeSheetError(`${ws.name}!A1`, '没有找到表头行（需要“指标编码”和“指标名称”列）');

  const nodes: IndicatorNode[] = [];
  const byCode = new Map<string, IndicatorNode>();
  let lastTop: IndicatorNode | null = null;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cell = (k: NodeKey): Cell | undefined => {
      const col = cols.get(k);
      if (!col) return undefined;
      const c = row.getCell(col);
      return { value: cellValue(c), numFmt: c.numFmt, where: qualified(ws.name, r, col) };
    };
    const code = (textIn(cell('code')) ?? '').trim();
    const name = textIn(cell('name'));
    if (!code && !name) continue;
    if (!code) throw new SchemeSheetError(cell('code')!.where, '缺少指标编码');
    if (name === undefined) throw new SchemeSheetError(cell('name')!.where, '缺少指标名称');
    if (byCode.has(code)) throw new SchemeSheetError(cell('code')!.where, `指标编码 ${code} 重复`);
    const node: IndicatorNode = { code, name: name.trim() };
    const weight = numIn(cell('weight'), false);
    if (weight !== undefined && weight !== null) node.weight = weight;
    const unit = textIn(cell('unit'));
    if (unit !== undefined) node.unit = unit.trim();
    const dirText = textIn(cell('direction'));
    if (dirText !== undefined) {
      const d = norm(dirText);
      const dir = d === '正向' || d === 'higher' ? 'higher' : d === '逆向' || d === 'lower' ? 'lower' : null;
      if (!dir) throw new SchemeSheetError(cell('direction')!.where, `方向“${dirText}”应为“正向”或“逆向”`);
      node.direction = dir;
    }
    const methodText = textIn(cell('method'));
    const params = jsonIn(cell('params'));
    const emptyDimension = params && typeof params === 'object' && !Array.isArray(params) && 'children' in params;
    if (methodText !== undefined) {
      const type = METHOD_BY_NAME.get(headerKey(methodText));
      if (!type) {
        throw new SchemeSheetError(
          cell('method')!.where,
          `计分方法“${methodText}”不认识，应为：${Object.values(METHOD_NAMES).join('、')}`,
        );
      }
      const method: Record<string, unknown> = { type };
      const t = numIn(cell('target'), false);
      if (t !== undefined) method.target = t;
      if (params !== undefined && params !== null) {
        if (typeof params !== 'object' || Array.isArray(params)) {
          throw new SchemeSheetError(cell('params')!.where, '参数应为 JSON 对象，如 {"floor": 60}');
        }
        Object.assign(method, params);
      }
      node.method = (type === 'pace' ? paceKeyOrder(method) : method) as unknown as Method;
    }
    const pw = textIn(cell('publicWelfare'));
    if (pw !== undefined) {
      const p = norm(pw);
      if (['是', '√', 'true', 'Y', 'y', '1'].includes(p)) node.publicWelfare = true;
      else if (['否', 'false', 'N', 'n', '0', '×'].includes(p)) node.publicWelfare = false;
      else throw new SchemeSheetError(cell('publicWelfare')!.where, `公益性“${pw}”应为“是”或“否”`);
    }
    const criteria = textIn(cell('criteria'));
    if (criteria !== undefined) node.criteria = criteria;
    const min = numIn(cell('min'));
    if (min !== undefined) node.min = min;
    const max = numIn(cell('max'));
    if (max !== undefined) node.max = max;
    const source = textIn(cell('source'));
    if (source !== undefined) node.source = source;
    const plan = jsonIn(cell('plan'));
    if (plan !== undefined && plan !== null) node.plan = plan as IndicatorNode['plan'];
    if (emptyDimension) node.children = [];

    const parentCode = cols.has('parent') ? (textIn(cell('parent')) ?? '').trim() : null;
    if (parentCode) {
      const parent = byCode.get(parentCode);
      if (!parent) throw new SchemeSheetError(cell('parent')!.where, `上级编码 ${parentCode} 不在它之前的行中`);
      (parent.children ??= []).push(node);
    } else if (parentCode === null && node.method && lastTop) {
      // No 上级编码 column: a scored row belongs to the dimension above it.
      (lastTop.children ??= []).push(node);
    } else {
      nodes.push(node);
      lastTop = node;
    }
    byCode.set(code, node);
  }
  // Re-key each node in the order of scheme-json.md so that exports read the same way.
  const ordered = (n: IndicatorNode): IndicatorNode => {
    const o: Record<string, unknown> = {};
    for (const k of [
      'code',
      'name',
      'weight',
      'unit',
      'direction',
      'method',
      'publicWelfare',
      'min',
      'max',
      'criteria',
      'source',
      'plan',
    ] as const) {
      if (n[k] !== undefined) o[k] = n[k];
    }
    if (n.children) o.children = n.children.map(ordered);
    return o as unknown as IndicatorNode;
  };

  const out: Record<string, unknown> = {};
  const ps = sheetByName(wb, PROPS_SHEET);
  if (ps) {
    let fieldCol = 0;
    let labelCol = 1;
    let valueCol = 2;
    ps.getRow(1).eachCell((c, col) => {
      const k = headerKey(cellText(c.value));
      if (k === '字段') fieldCol = col;
      if (k === '属性') labelCol = col;
      if (k === '值') valueCol = col;
    });
    for (let r = 2; r <= ps.rowCount; r++) {
      const row = ps.getRow(r);
      const field = fieldCol ? norm(cellText(row.getCell(fieldCol).value)) : '';
      const label = headerKey(cellText(row.getCell(labelCol).value));
      const p = PROPS.find((x) => x.key === field) ?? PROPS.find((x) => headerKey(x.label) === label);
      const vc = row.getCell(valueCol);
      if (!p) {
        // scheme-json.md: an unknown field is rejected with its place, never ignored.
        const named = field || cellText(row.getCell(labelCol).value).trim();
        if (named && cellText(vc.value).trim()) {
          throw new SchemeSheetError(
            qualified(ps.name, r, valueCol),
            `未知的方案属性「${named}」（应为：${PROPS.map((x) => x.label).join('、')}）`,
          );
        }
        continue;
      }
      const c: Cell = { value: cellValue(vc), numFmt: vc.numFmt, where: qualified(ps.name, r, valueCol) };
      let v: unknown;
      if (p.kind === 'number') v = numIn(c);
      else if (p.kind === 'json') v = jsonIn(c);
      else {
        const t = textIn(c);
        if (t !== undefined && norm(t) === NULL_TEXT) v = null;
        else if (t !== undefined && p.kind === 'kind') v = KIND_BY_NAME.get(headerKey(t)) ?? norm(t);
        else if (t !== undefined && p.kind === 'naPolicy') {
          v = Object.entries(NA_POLICY_NAMES).find(([, n]) => headerKey(n) === headerKey(t))?.[0] ?? norm(t);
        } else v = t === undefined ? undefined : t.trim();
      }
      if (v !== undefined) out[p.key] = v;
    }
  }
  out.indicators = nodes.map(ordered);
  // Same key order as scheme-json.md.
  const keys = [
    'code',
    'name',
    'year',
    'targetKind',
    'fullScore',
    'grades',
    'bonusCap',
    'naPolicy',
    'minPublicWelfareShare',
    'salary',
    'indicators',
  ];
  const sorted: Record<string, unknown> = {};
  for (const k of keys) if (out[k] !== undefined) sorted[k] = out[k];
  return sorted;
}
