/**
 * Who pays a salary line (发放主体) — finance.md, seed 000 第7条: the 书记 and 院长 of a medical group
 * are paid by county finance (县财政) from the bureau's appraisal of the group; the heads of the
 * group's member institutions by their medical group. Default: a target of kind `medical_group`, or
 * with no group, → 县财政; any other target → its group. A payer set by hand replaces the default.
 */
import { Decimal } from '../decimal';
import { capitalAmount } from './capital';

/** The payer name of county finance; every other payer is a medical group's code. */
export const COUNTY_FINANCE = '县财政';

export interface PayerTarget {
  kind: string;
  group?: string | null;
}

/** The default payer of a line whose target is `t`. */
export function defaultPayer(t: PayerTarget): string {
  if (t.kind === 'medical_group' || !t.group) return COUNTY_FINANCE;
  return t.group;
}

/**
 * A payer as typed (县财政, a group's code or its name; case-insensitive code, spaces trimmed) →
 * 县财政 or the group's code; null when it is neither.
 */
export function resolvePayer(text: string, groups: readonly { code: string; name: string }[]): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (t === COUNTY_FINANCE || t === '财政' || t === '县级财政') return COUNTY_FINANCE;
  const lower = t.toLowerCase();
  const byCode = groups.find((g) => g.code.toLowerCase() === lower);
  if (byCode) return byCode.code;
  const byName = groups.filter((g) => g.name.trim() === t);
  return byName.length === 1 ? byName[0]!.code : null;
}

export interface PayerTotal {
  payer: string;
  /** Yuan, 2 decimals. */
  total: string;
  totalInWords: string;
  lines: number;
}

/**
 * Totals per payer, 县财政 first, then the groups in code order. Lines with an error (no pay) count
 * nowhere.
 */
export function payerTotals(lines: readonly { payer?: string | null; pay: string; error?: string }[]): PayerTotal[] {
  const by = new Map<string, { total: Decimal; lines: number }>();
  for (const l of lines) {
    if (l.error || !l.pay) continue;
    const p = l.payer || COUNTY_FINANCE;
    const cur = by.get(p) ?? { total: new Decimal(0), lines: 0 };
    cur.total = cur.total.plus(new Decimal(l.pay));
    cur.lines++;
    by.set(p, cur);
  }
  return [...by.entries()]
    .sort(([a], [b]) => comparePayers(a, b))
    .map(([payer, v]) => ({
      payer,
      total: v.total.toFixed(2),
      totalInWords: capitalAmount(v.total.toFixed(2)),
      lines: v.lines,
    }));
}

/** 县财政 first, then group codes in order. */
export function comparePayers(a: string, b: string): number {
  if (a === b) return 0;
  if (a === COUNTY_FINANCE) return -1;
  if (b === COUNTY_FINANCE) return 1;
  return a < b ? -1 : 1;
}
