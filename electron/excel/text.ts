/**
 * Text folding for matching what offices type against what the scheme says: full-width to
 * half-width, ideographic space, trimming, and a trailing unit in brackets ignored.
 */
import { foldWidth } from '../../shared/values/parse';

// One implementation of the width folding, shared with the value text rules.
export { foldWidth };

/** What norm changes: white space (\s holds the ideographic and no-break spaces) and full-width ASCII. */
const NORM_CHANGES = /[\s\uff01-\uff5e]/;

/** Folded, trimmed, inner runs of white space collapsed to one space. */
export function norm(s: string): string {
  // Most texts (a province roster's 50,000 codes and names, read again for each row) have nothing to change.
  if (!NORM_CHANGES.test(s)) return s;
  return foldWidth(s)
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** A header's text without a trailing unit in brackets: "县域内就诊率（%）" → "县域内就诊率". */
export function stripUnit(s: string): string {
  const t = norm(s);
  const m = /^(.*?)\s*[([【]([^()[\]【】]{0,12})[)\]】]$/.exec(t);
  return m && m[1] ? m[1] : t;
}

/** Key used to compare header texts: folded, unit removed, spaces removed, lower case. */
export function headerKey(s: string): string {
  return stripUnit(s).replace(/\s+/g, '').toLowerCase();
}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function colLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellAddress(row: number, col: number): string {
  return `${colLetter(col)}${row}`;
}

/** Sheet-qualified address as people read it: 数据采集!D7 (quoted when the name has spaces). */
export function qualified(sheet: string, row: number, col: number): string {
  const name = /[\s!'"]/.test(sheet) ? `'${sheet.replace(/'/g, "''")}'` : sheet;
  return `${name}!${cellAddress(row, col)}`;
}
