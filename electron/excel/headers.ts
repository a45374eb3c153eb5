/**
 * Header recognition: which column is the target code / name, and which indicator a column
 * header means ("A1.2", "县域内就诊率", "A1.2 县域内就诊率", "县域内就诊率（%）", full-width…).
 */
import type { IndicatorNode } from '../../shared/domain/types';
import { headerKey, norm } from './text';

const CODE_HEADERS = ['对象编码', '对象代码', '单位编码', '机构编码', 'target', 'code'].map(headerKey);
const NAME_HEADERS = ['对象名称', '单位名称', '机构名称', 'name'].map(headerKey);
const INDICATOR_CODE_HEADERS = ['指标编码', '指标代码', 'indicator'].map(headerKey);
const VALUE_HEADERS = ['值', '指标值', '数值', '填报值', 'value'].map(headerKey);

export const isCodeHeader = (t: string) => CODE_HEADERS.includes(headerKey(t));
export const isNameHeader = (t: string) => NAME_HEADERS.includes(headerKey(t));
export const isIndicatorCodeHeader = (t: string) => INDICATOR_CODE_HEADERS.includes(headerKey(t));
export const isValueHeader = (t: string) => VALUE_HEADERS.includes(headerKey(t));

const compact = (s: string) => norm(s).replace(/\s+/g, '').toLowerCase();

export interface LeafMatch {
  leaf: IndicatorNode;
  /** Set when the header's code matched but its name differs from the scheme's. */
  nameDiffers?: boolean;
}

/** Indexes a scheme's leaves by code and by exact name (names used by two leaves are ambiguous). */
export class LeafIndex {
  private byCode = new Map<string, IndicatorNode>();
  private byName = new Map<string, IndicatorNode | 'ambiguous'>();

  constructor(readonly leaves: IndicatorNode[]) {
    for (const l of leaves) {
      this.byCode.set(compact(l.code), l);
      const k = compact(l.name);
      this.byName.set(k, this.byName.has(k) ? 'ambiguous' : l);
    }
  }

  byCodeText(text: string): IndicatorNode | undefined {
    return this.byCode.get(compact(text));
  }

  /** Header text → leaf; tries the text as written, then without a trailing bracketed unit. */
  match(text: string): LeafMatch | 'ambiguous' | null {
    const whole = norm(text);
    const candidates = [whole, norm(whole.replace(/\s*[([【][^()[\]【】]{0,12}[)\]】]$/, ''))];
    // "A1.2 县域内就诊率（%）": the code matches at once, the name only without the unit; a name that
    // differs is reported only when no candidate matches code and name together.
    let differs: LeafMatch | null = null;
    for (const c of candidates) {
      if (!c) continue;
      const key = compact(c);
      const code = this.byCode.get(key);
      if (code) return { leaf: code };
      const named = this.byName.get(key);
      if (named === 'ambiguous') return 'ambiguous';
      if (named) return { leaf: named };
      // "code name", with or without a space between
      const sp = c.indexOf(' ');
      if (sp > 0) {
        const leaf = this.byCode.get(compact(c.slice(0, sp)));
        if (leaf) {
          if (compact(c.slice(sp + 1)) === compact(leaf.name)) return { leaf };
          differs ??= { leaf, nameDiffers: true };
        }
      }
      for (const l of this.leaves) {
        const lc = compact(l.code);
        if (key.startsWith(lc) && key.slice(lc.length) === compact(l.name)) return { leaf: l };
      }
    }
    return differs;
  }
}

/** True when the text looks like a unit cell ("%", "分", "（人次）", "单位：%"). */
export function looksLikeUnit(text: string, unit: string | undefined): boolean {
  const t = norm(text)
    .replace(/^单位[:：]?/, '')
    .replace(/^[([【]|[)\]】]$/g, '')
    .trim();
  if (!t) return true;
  if (unit !== undefined && compact(t) === compact(unit)) return true;
  return t.length <= 6 && !/\d/.test(t);
}
