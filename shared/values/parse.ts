/**
 * The one set of value rules (excel.md "Cell contents"), used by the grid, the CLI and the Excel
 * import: text or an Excel number → Value, then the range / label / count checks.
 */
import { Decimal } from '../decimal';
import type { IndicatorNode, Value } from '../domain/types';

export type ParsedValue = { ok: true; value: Value; warning?: string } | { ok: false; message: string };

/** Units of counts: a negative number of them is an input error. */
export const COUNT_UNITS = new Set(['人', '人次', '次', '例', '起', '个', '项', '家', '户', '名', '台', '张', '篇']);

/** Tokens that mean 不适用 (after folding full-width characters and trimming). */
const NA_TOKENS = new Set(['不适用', 'N/A', 'NA', '/', '—', '-', '–', '——', '－']);

const MISSING: Value = { kind: 'missing' };

/** Full-width ASCII (！–～) → half-width, ideographic space → space. */
export function foldWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Trim including ideographic and no-break spaces. */
function trimAll(s: string): string {
  return s.replace(/^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g, '');
}

const NUMBER_RE = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;

/** "1,234.50" → "1234.5" (canonical decimal text), or null when not a plain number. */
export function normaliseNumberText(s: string): string | null {
  if (!NUMBER_RE.test(s) || !/\d/.test(s)) return null;
  return new Decimal(s.replace(/,/g, '')).toFixed();
}

/**
 * A number as a person types it in a form or on the command line ("60,000", "６００００", " 1,234.50 ",
 * "60，000") → the same number without separators, as typed otherwise ("60000", "1234.50"); null
 * when the text is not a plain number. The same reading as a value cell (parseValueText).
 */
export function numberTextOf(text: string): string | null {
  const t = trimAll(foldWidth(text ?? ''))
    .replace(/\s+/g, '')
    .replace(/，/g, ',')
    .replace(/。/g, '.');
  if (!NUMBER_RE.test(t) || !/\d/.test(t)) return null;
  const plain = t.replace(/,/g, '').replace(/^\+/, '');
  return plain.startsWith('.') ? `0${plain}` : plain.startsWith('-.') ? `-0${plain.slice(1)}` : plain;
}

export function isNaToken(text: string): boolean {
  const t = trimAll(foldWidth(text));
  return NA_TOKENS.has(t) || NA_TOKENS.has(t.toUpperCase()) || NA_TOKENS.has(text.trim());
}

function leafWeight(leaf: IndicatorNode, weight?: number): number {
  return weight ?? leaf.weight ?? 0;
}

/** Allowed labels of a grade leaf, for messages. */
function labelList(leaf: IndicatorNode): string {
  return leaf.method?.type === 'grade' ? Object.keys(leaf.method.labels).join('、') : '';
}

/**
 * Text as typed or found in a cell → Value, including checkValue's rules (a parsed value that
 * breaks min/max, manual range, grade labels or count sign is returned as an error).
 * `weight` overrides the leaf's weight for the manual range (what-if or a weight being edited).
 */
export function parseValueText(text: string, leaf: IndicatorNode, weight?: number): ParsedValue {
  const raw = trimAll(text ?? '');
  if (raw === '') return { ok: true, value: MISSING };
  if (isNaToken(raw)) return { ok: true, value: { kind: 'na' } };
  const isGrade = leaf.method?.type === 'grade';
  if (isGrade) {
    const label = trimAll(raw);
    const value: Value = { kind: 'label', label };
    const problem = checkValue(value, leaf, weight);
    return problem ? { ok: false, message: problem } : { ok: true, value };
  }
  let t = trimAll(foldWidth(raw)).replace(/\s+/g, '');
  // Chinese comma/period written with the ideographic forms
  t = t.replace(/，/g, ',').replace(/。/g, '.');
  let percent = false;
  if (t.endsWith('%')) {
    percent = true;
    t = t.slice(0, -1);
  }
  const n = normaliseNumberText(t);
  if (n === null)
    return { ok: false, message: `「${raw}」不是有效的数值${leaf.unit === '%' ? '（百分比可写作 85 或 85%）' : ''}` };
  if (percent && leaf.unit !== '%')
    return {
      ok: false,
      message: `「${raw}」带有百分号，但指标 ${leaf.code} 的单位不是 %（${leaf.unit || '无单位'}），请填写数值`,
    };
  const value: Value = { kind: 'number', number: n };
  const problem = checkValue(value, leaf, weight);
  return problem ? { ok: false, message: problem } : { ok: true, value };
}

/**
 * An Excel numeric cell → Value. percentFormatted: the cell is shown as a percentage (0.85 → 85%);
 * for a `%` leaf its value is multiplied by 100 exactly, on the shortest decimal text of the double.
 */
export function numberCellToValue(
  n: number,
  leaf: IndicatorNode,
  percentFormatted: boolean,
  weight?: number,
): ParsedValue {
  if (!Number.isFinite(n)) return { ok: false, message: `「${n}」不是有效的数值` };
  if (leaf.method?.type === 'grade')
    return { ok: false, message: `指标 ${leaf.code} 为定性指标，应填写等级（${labelList(leaf)}），不是数值 ${n}` };
  let d = new Decimal(String(n));
  if (percentFormatted && leaf.unit === '%') d = d.times(100);
  const value: Value = { kind: 'number', number: d.toFixed() };
  const problem = checkValue(value, leaf, weight);
  return problem ? { ok: false, message: problem } : { ok: true, value };
}

/** A value against the leaf's rules; null when acceptable, else a Chinese message. */
export function checkValue(value: Value, leaf: IndicatorNode, weight?: number): string | null {
  if (value.kind === 'missing' || value.kind === 'na') return null;
  const type = leaf.method?.type;
  if (value.kind === 'label') {
    if (type !== 'grade') return `指标 ${leaf.code} 应填写数值，「${value.label}」不是数值`;
    const labels = (leaf.method as { labels: Record<string, number> }).labels;
    if (!Object.prototype.hasOwnProperty.call(labels, value.label))
      return `「${value.label}」不是指标 ${leaf.code} 的等级，应为：${labelList(leaf)}`;
    return null;
  }
  if (type === 'grade')
    return `指标 ${leaf.code} 为定性指标，应填写等级（${labelList(leaf)}），不是数值 ${value.number}`;
  let x: Decimal;
  try {
    x = new Decimal(value.number);
  } catch {
    return `「${value.number}」不是有效的数值`;
  }
  if (!x.isFinite()) return `「${value.number}」不是有效的数值`;
  const u = leaf.unit ?? '';
  const shown = `${x.toFixed()}${u === '%' ? '%' : u ? ' ' + u : ''}`;
  if (leaf.min != null && x.lt(new Decimal(String(leaf.min))))
    return `${shown} 低于指标 ${leaf.code} 的下限 ${leaf.min}`;
  if (leaf.max != null && x.gt(new Decimal(String(leaf.max))))
    return `${shown} 高于指标 ${leaf.code} 的上限 ${leaf.max}`;
  if (type === 'manual') {
    const w = new Decimal(String(leafWeight(leaf, weight)));
    if (x.lt(0) || x.gt(w)) return `直接打分 ${x.toFixed()} 分超出 0～${w.toFixed()} 分（指标 ${leaf.code} 的分值）`;
  }
  if (COUNT_UNITS.has(u) && x.lt(0)) return `${shown} 为负数，指标 ${leaf.code} 是计数（${u}），不能为负`;
  return null;
}

/** Value → the text a person would type: "82.5", "满意", "N/A", "". */
export function valueToText(value: Value): string {
  switch (value.kind) {
    case 'number':
      return value.number;
    case 'label':
      return value.label;
    case 'na':
      return 'N/A';
    default:
      return '';
  }
}

/**
 * A bare fraction (0 < x < 1) in a `%` column whose other numbers are mostly above 1 is probably
 * a percentage typed as a fraction ("0.85 可能应为 85%"): the warning for it, or null.
 */
export function percentFractionWarning(value: Value, leaf: IndicatorNode, column: Value[]): string | null {
  if (leaf.unit !== '%' || value.kind !== 'number') return null;
  const x = new Decimal(value.number);
  if (!(x.gt(0) && x.lt(1))) return null;
  const nums = column
    .filter((v): v is { kind: 'number'; number: string } => v.kind === 'number')
    .map((v) => new Decimal(v.number));
  const above = nums.filter((v) => v.gt(1)).length;
  if (nums.length === 0 || above * 2 <= nums.length) return null;
  return `${value.number} 可能应为 ${x.times(100).toFixed()}%`;
}
