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
  const indicators = readIndicatorRows(ws, findNodeHeader(ws));
  const ps = sheetByName(wb, PROPS_SHEET);
  const out = ps ? readSchemeProps(ps) : {};
  out.indicators = indicators.map(orderedNode);
  return inKeyOrder(out, SCHEME_KEY_ORDER);
}

// ---------- import: sheet 指标体系 ----------

/** The header row of the indicator sheet and the column of each field it names. */
export interface NodeHeader {
  row: number;
  cols: Map<NodeKey, number>;
}

/** The header: the first of the top 20 rows holding 指标编码 and 指标名称. */
export function findNodeHeader(ws: ExcelJS.Worksheet): NodeHeader {
  for (let r = 1; r <= Math.min(ws.rowCount, 20); r++) {
    const cols = nodeColumnsIn(ws.getRow(r));
    if (cols.has('code') && cols.has('name')) return { row: r, cols };
  }
  throw new SchemeSheetError(`${ws.name}!A1`, '没有找到表头行（需要“指标编码”和“指标名称”列）');
}

/** The node fields a row's titles name, by column (上级指标编码 / 父级编码 also name 上级编码). */
function nodeColumnsIn(row: ExcelJS.Row): Map<NodeKey, number> {
  const found = new Map<NodeKey, number>();
  row.eachCell((cell, col) => {
    const key = headerKey(cellText(cell.value));
    const c = NODE_COLUMNS.find((x) => headerKey(x.header) === key);
    if (c) found.set(c.key, col);
    else if (key === '上级指标编码' || key === '父级编码') found.set('parent', col);
  });
  return found;
}

/** One row's cell of a field, with its place (sheet!cell) for messages; undefined without that column. */
type RowCell = (k: NodeKey) => Cell | undefined;

function rowCells(ws: ExcelJS.Worksheet, r: number, cols: Map<NodeKey, number>): RowCell {
  const row = ws.getRow(r);
  return (k) => {
    const col = cols.get(k);
    if (!col) return undefined;
    const c = row.getCell(col);
    return { value: cellValue(c), numFmt: c.numFmt, where: qualified(ws.name, r, col) };
  };
}

/**
 * The rows below the header as a tree: a row goes under its 上级编码 (which must come earlier);
 * without that column, a scored row goes under the dimension above it.
 */
function readIndicatorRows(ws: ExcelJS.Worksheet, header: NodeHeader): IndicatorNode[] {
  const nodes: IndicatorNode[] = [];
  const byCode = new Map<string, IndicatorNode>();
  let lastTop: IndicatorNode | null = null;
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const cell = rowCells(ws, r, header.cols);
    const node = readIndicatorRow(cell, byCode);
    if (!node) continue;
    const parentCode = header.cols.has('parent') ? (textIn(cell('parent')) ?? '').trim() : null;
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
    byCode.set(node.code, node);
  }
  return nodes;
}

/** One indicator row → its node (children come later); null for a row without code and name. */
function readIndicatorRow(cell: RowCell, byCode: Map<string, IndicatorNode>): IndicatorNode | null {
  const code = (textIn(cell('code')) ?? '').trim();
  const name = textIn(cell('name'));
  if (!code && !name) return null;
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
    const dir = parseDirection(dirText);
    if (!dir) throw new SchemeSheetError(cell('direction')!.where, `方向“${dirText}”应为“正向”或“逆向”`);
    node.direction = dir;
  }
  const methodText = textIn(cell('method'));
  const params = jsonIn(cell('params'));
  if (methodText !== undefined) node.method = methodIn(cell, methodText, params);
  const pw = textIn(cell('publicWelfare'));
  if (pw !== undefined) {
    const yes = parseYesNo(pw);
    if (yes === null) throw new SchemeSheetError(cell('publicWelfare')!.where, `公益性“${pw}”应为“是”或“否”`);
    node.publicWelfare = yes;
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
  // {"children":[]} in 参数 marks an inner node written without children (an empty dimension).
  if (params && typeof params === 'object' && !Array.isArray(params) && 'children' in params) node.children = [];
  return node;
}

/** 方向: 正向/higher → higher, 逆向/lower → lower (width-folded, trimmed); anything else null. */
export function parseDirection(text: string): 'higher' | 'lower' | null {
  const d = norm(text);
  return d === '正向' || d === 'higher' ? 'higher' : d === '逆向' || d === 'lower' ? 'lower' : null;
}

/** 公益性: 是/√/true/Y/1 → true, 否/×/false/N/0 → false (width-folded, trimmed); anything else null. */
export function parseYesNo(text: string): boolean | null {
  // Latin words in any case: Excel writes its booleans TRUE/FALSE, people type Yes or y.
  const p = norm(text).toLowerCase();
  if (['是', '√', 'true', 'yes', 'y', '1'].includes(p)) return true;
  if (['否', 'false', 'no', 'n', '0', '×'].includes(p)) return false;
  return null;
}

/** 计分方法 by its Chinese name or code, its 目标值, then the JSON object in 参数 merged in. */
function methodIn(cell: RowCell, methodText: string, params: unknown): Method {
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
  return (type === 'pace' ? paceKeyOrder(method) : method) as unknown as Method;
}

/** The key order of an indicator in scheme-json.md, so that exports read the same way. */
const NODE_KEY_ORDER = [
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
] as const;

/** A node and its children re-keyed in the order of scheme-json.md (absent fields left out). */
export function orderedNode(n: IndicatorNode): IndicatorNode {
  const o: Record<string, unknown> = {};
  for (const k of NODE_KEY_ORDER) if (n[k] !== undefined) o[k] = n[k];
  if (n.children) o.children = n.children.map(orderedNode);
  return o as unknown as IndicatorNode;
}

// ---------- import: sheet 方案属性 ----------

type Prop = (typeof PROPS)[number];

/** The key order of a scheme in scheme-json.md. */
const SCHEME_KEY_ORDER = [
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

/** The keys of `o` listed in `order`, in that order; undefined values and other keys left out. */
export function inKeyOrder(o: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const k of order) if (o[k] !== undefined) sorted[k] = o[k];
  return sorted;
}

/** The columns 字段 (0 when absent), 属性 and 值 of sheet 方案属性, from its first row. */
function propColumns(head: ExcelJS.Row): { fieldCol: number; labelCol: number; valueCol: number } {
  let fieldCol = 0;
  let labelCol = 1;
  let valueCol = 2;
  head.eachCell((c, col) => {
    const k = headerKey(cellText(c.value));
    if (k === '字段') fieldCol = col;
    if (k === '属性') labelCol = col;
    if (k === '值') valueCol = col;
  });
  return { fieldCol, labelCol, valueCol };
}

/**
 * Sheet 方案属性: one scheme field a row, found by its 字段 or else by its 属性 label. A row naming
 * no known field but holding a value is refused with its place (scheme-json.md: never ignored).
 */
function readSchemeProps(ps: ExcelJS.Worksheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { fieldCol, labelCol, valueCol } = propColumns(ps.getRow(1));
  for (let r = 2; r <= ps.rowCount; r++) {
    const row = ps.getRow(r);
    const field = fieldCol ? norm(cellText(row.getCell(fieldCol).value)) : '';
    const label = headerKey(cellText(row.getCell(labelCol).value));
    const p = PROPS.find((x) => x.key === field) ?? PROPS.find((x) => headerKey(x.label) === label);
    const vc = row.getCell(valueCol);
    if (!p) {
      const named = field || cellText(row.getCell(labelCol).value).trim();
      if (named && cellText(vc.value).trim()) {
        throw new SchemeSheetError(
          qualified(ps.name, r, valueCol),
          `未知的方案属性「${named}」（应为：${PROPS.map((x) => x.label).join('、')}）`,
        );
      }
      continue;
    }
    const v = propValue(p, { value: cellValue(vc), numFmt: vc.numFmt, where: qualified(ps.name, r, valueCol) });
    if (v !== undefined) out[p.key] = v;
  }
  return out;
}

/** A field's value cell: a number, JSON (等级划分, 年薪规则), 无 = null, a kind or NA policy by name or code. */
function propValue(p: Prop, c: Cell): unknown {
  if (p.kind === 'number') return numIn(c);
  if (p.kind === 'json') return jsonIn(c);
  const t = textIn(c);
  if (t === undefined) return undefined;
  if (norm(t) === NULL_TEXT) return null;
  if (p.kind === 'kind') return KIND_BY_NAME.get(headerKey(t)) ?? norm(t);
  if (p.kind === 'naPolicy') {
    return Object.entries(NA_POLICY_NAMES).find(([, n]) => headerKey(n) === headerKey(t))?.[0] ?? norm(t);
  }
  return t.trim();
}
