/**
 * What a spreadsheet cell holds, before any indicator rule: blank, a number (and whether it is
 * shown as a percentage), text, or something unreadable (error values, formulas without a cached
 * result, dates, booleans). The indicator rules themselves live in shared/values/parse.ts.
 */
import type ExcelJS from 'exceljs';
import { dec } from '../../shared/decimal';

export type CellReading =
  | { kind: 'blank' }
  | { kind: 'number'; n: number; percent: boolean; readonly written: string }
  | { kind: 'text'; text: string; written: string }
  | { kind: 'bad'; written: string; message: string };

/** A number format shows a percentage when it has a % outside quotes and brackets. */
const percentFormats = new Map<string, boolean>();
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  let known = percentFormats.get(numFmt);
  if (known === undefined) percentFormats.set(numFmt, (known = percentIn(numFmt)));
  return known;
}

function percentIn(numFmt: string): boolean {
  const bare = numFmt
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  return bare.includes('%');
}

/** The number as Excel shows it at 15 significant digits (drops binary noise such as 0.30000000000000004). */
export function numberText(n: number): string {
  return dec(Number(n.toPrecision(15))).toFixed();
}

export function readCell(value: ExcelJS.CellValue, numFmt: string | undefined): CellReading {
  if (value === null || value === undefined) return { kind: 'blank' };
  if (typeof value === 'number') return numberReading(value, isPercentFormat(numFmt));
  if (typeof value === 'string') {
    return value.trim() === '' ? { kind: 'blank' } : textReading(value);
  }
  if (typeof value === 'boolean') {
    return { kind: 'bad', written: value ? 'TRUE' : 'FALSE', message: '逻辑值不是有效的指标值' };
  }
  if (value instanceof Date) {
    return {
      kind: 'bad',
      written: value.toISOString().slice(0, 10),
      message: '单元格是日期格式，不是有效的指标值（请把单元格格式改为“常规”或“数值”）',
    };
  }
  if (typeof value === 'object') {
    if ('error' in value && value.error) {
      return { kind: 'bad', written: String(value.error), message: `单元格是错误值 ${value.error}` };
    }
    if ('richText' in value && Array.isArray(value.richText)) {
      const text = value.richText.map((r) => r.text ?? '').join('');
      return text.trim() === '' ? { kind: 'blank' } : textReading(text);
    }
    if ('formula' in value || 'sharedFormula' in value) {
      const f = value as { formula?: string; sharedFormula?: string; result?: unknown };
      const written = `=${f.formula ?? f.sharedFormula ?? ''}`;
      const r = f.result;
      if (r === undefined || r === null || r === '') {
        return { kind: 'bad', written, message: '公式没有计算结果（请在 Excel/WPS 中打开、重新计算并保存后再导入）' };
      }
      if (typeof r === 'object' && r !== null && 'error' in r) {
        return { kind: 'bad', written, message: `公式的结果是错误值 ${(r as { error: string }).error}` };
      }
      const inner = readCell(r as ExcelJS.CellValue, numFmt);
      if (inner.kind === 'bad') return { ...inner, written };
      return inner;
    }
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') {
      const text = (value as { text: string }).text;
      return text.trim() === '' ? { kind: 'blank' } : textReading(text);
    }
  }
  return { kind: 'bad', written: String(value), message: '无法识别的单元格内容' };
}

/** A number cell's reading (`percent`: its format shows a percentage). */
export function numberReading(n: number, percent: boolean): CellReading {
  return new NumberReading(n, percent);
}

/** The text "as written" is only needed for messages: computed when asked (a province file has 1.5 M numbers). */
class NumberReading {
  readonly kind = 'number' as const;
  constructor(
    readonly n: number,
    readonly percent: boolean,
  ) {}
  get written(): string {
    const t = numberText(this.n);
    return this.percent ? `${dec(t).times(100).toFixed()}%` : t;
  }
}

function textReading(text: string): CellReading {
  return { kind: 'text', text, written: text };
}

/** Plain text of a cell for headers and codes (numbers as written, blanks as ""). */
export function cellText(value: ExcelJS.CellValue, numFmt?: string): string {
  const r = readCell(value, numFmt);
  if (r.kind === 'blank') return '';
  if (r.kind === 'number') return numberText(r.n);
  if (r.kind === 'text') return r.text;
  return r.written;
}
