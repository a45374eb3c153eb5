import type { SchemeState } from '../../../shared/api/contract';
import type { Flag, GradeBand, IndicatorNode, Method, Value } from '../../../shared/domain/types';
import { FLAG_NAMES, METHOD_NAMES, PLAN_NATURE_NAMES } from '../../../shared/domain/types';
import { Decimal } from '../../../shared/decimal';
import { numberTextOf } from '../../../shared/values/parse';
import { DEFAULT_GRADES } from '../../../shared/scheme/validate';

/**
 * A number typed in a form: undefined when blank, null when not a number. The one reading of typed
 * numbers (shared numberTextOf, as in imports and the API): "60,000", "６００００" and "1,234.5" are numbers.
 */
export function readNumber(text: string): number | null | undefined {
  if (text.trim() === '') return undefined;
  const t = numberTextOf(text);
  return t === null ? null : Number(t);
}

/** A typed amount of money in yuan (≥ 0, at most 2 decimals) → its plain text ("60,000" → "60000"), else null. */
export function readMoney(text: string): string | null {
  const t = numberTextOf(text);
  return t !== null && /^\d+(\.\d{1,2})?$/.test(t) ? t : null;
}

/** Money for people: thousands separators and 2 decimals, exact ("60000" → "60,000.00"); "" for blank. */
export function formatMoney(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  let d: Decimal;
  try {
    d = new Decimal(typeof v === 'number' ? String(v) : v.replace(/,/g, ''));
  } catch {
    return String(v);
  }
  if (!d.isFinite()) return String(v);
  const fixed = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  const neg = fixed.startsWith('-');
  const [int, frac] = (neg ? fixed.slice(1) : fixed).split('.');
  return `${neg ? '-' : ''}${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

export const STATE_NAMES: Record<SchemeState, string> = {
  draft: '草稿',
  collecting: '采集中',
  scored: '已计分',
  locked: '已定稿',
};

/** Colour of a grade by its position in the scheme's bands (best first). */
const GRADE_COLOURS = ['#1b8a3a', '#2f6fb5', '#b8860b', '#c0392b', '#7f1d1d'];
export function gradeColour(grade: string, grades: GradeBand[] | undefined): string {
  const bands = grades && grades.length ? grades : DEFAULT_GRADES;
  const i = bands.findIndex((g) => g.name === grade);
  if (i < 0) return '#555';
  if (i === bands.length - 1) return GRADE_COLOURS[3]!;
  return GRADE_COLOURS[Math.min(i, 2)]!;
}

export function flagsText(flags: Flag[] | undefined): string {
  return (flags ?? []).map((f) => FLAG_NAMES[f] ?? f).join('、');
}

export function valueText(v: Value | undefined | null): string {
  if (!v) return '';
  switch (v.kind) {
    case 'number':
      return v.number;
    case 'label':
      return v.label;
    case 'na':
      return '不适用';
    default:
      return '';
  }
}

/** The method and its target, in words, for tables ("比例得分，目标 85%"). */
export function methodText(leaf: IndicatorNode): string {
  const m = leaf.method as Method | undefined;
  if (!m) return '';
  const u = leaf.unit ?? '';
  const name = METHOD_NAMES[m.type] ?? m.type;
  switch (m.type) {
    case 'threshold':
    case 'ratio':
      return `${name}，目标 ${m.target}${u}`;
    case 'linear':
      return `${name}，目标 ${m.target}${u}，${m.floor != null ? `下限 ${m.floor}${u}` : `上限 ${m.ceiling ?? ''}${u}`}`;
    case 'growth':
      return `${name}，目标增长 ${m.target}%`;
    case 'deduct':
      return `${name}，目标 ${m.target}${u}，每 ${m.per ?? 1}${u} 扣 ${m.points} 分`;
    case 'bands':
      return `${name}：${m.bands.map((b) => `${b.bound}${u}→${b.score}分`).join('，')}`;
    case 'grade':
      return `${name}：${Object.entries(m.labels)
        .map(([k, f]) => `${k} ${f}`)
        .join('，')}`;
    case 'pace':
      return `${name}${m.nature ? `（${PLAN_NATURE_NAMES[m.nature]}）` : ''}，${m.baseYear} 年基期 ${m.baseline}${u} → ${m.targetYear} 年目标 ${m.target}${u}`;
    default:
      return name;
  }
}

export function targetValueText(leaf: IndicatorNode): string {
  const m = leaf.method as Method | undefined;
  if (!m) return '';
  if ('target' in m && m.target != null) return `${m.target}${m.type === 'growth' ? '%' : (leaf.unit ?? '')}`;
  return '—';
}

export const DIRECTION_NAMES = { higher: '正向（越高越好）', lower: '逆向（越低越好）' } as const;
export const NA_POLICY_NAMES = { rescale: '按适用分值折算', full: '不适用按满分', zero: '不适用按零分' } as const;

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
