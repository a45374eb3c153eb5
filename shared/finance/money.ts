/**
 * Money helpers for the finance rules: amounts are read as exact decimals and, where parts must add
 * up exactly, handled as integer fen (BigInt) — never as binary floats.
 */
import { Decimal, dec, round2 } from '../decimal';

/**
 * Reads a non-negative amount (yuan) or coefficient. `what` names the field in the Chinese message,
 * e.g. "人员“甲”的基本年薪".
 */
export function parseAmount(x: string | number | Decimal, what: string): Decimal {
  let d: Decimal;
  try {
    if (typeof x === 'string' && x.trim() === '') throw new Error('empty');
    d = dec(typeof x === 'string' ? x.trim().replace(/,/g, '') : x);
  } catch {
    throw new Error(`${what}不是有效的数值：“${String(x)}”`);
  }
  if (!d.isFinite()) throw new Error(`${what}不是有效的数值：“${String(x)}”`);
  if (d.isNeg() && !d.isZero()) throw new Error(`${what}不能为负数：${d.toFixed()}`);
  return d.isZero() ? new Decimal(0) : d;
}

/** Like parseAmount, but the amount must already be whole fen (at most 2 decimals). */
export function parseFenAmount(x: string | number | Decimal, what: string): Decimal {
  const d = parseAmount(x, what);
  if (d.decimalPlaces() > 2) throw new Error(`${what}最多保留两位小数（到分）：${d.toFixed()}`);
  return d;
}

/** Exact yuan (≤ 2 decimals) → integer fen. */
export function yuanToFen(yuan: Decimal): bigint {
  return BigInt(yuan.times(100).toFixed(0));
}

/** Integer fen → "1234.56". */
export function fenToYuan(fen: bigint): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  const s = `${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** Half-up to the fen, as "1234.50". */
export function fen2(x: Decimal): string {
  return round2(x).toFixed(2);
}

/**
 * A decimal as an integer numerator over 10^scale, so weights of any decimal length can be
 * compared and divided exactly with BigInt.
 */
export function toScaledInt(d: Decimal, scale: number): bigint {
  return BigInt(d.times(new Decimal(10).pow(scale)).toFixed(0));
}
