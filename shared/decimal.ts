/**
 * Exact decimal arithmetic for scores and money, on decimal.js.
 *
 * Why ROUND_DOWN at 50 significant digits for intermediates: a quotient that does not terminate is
 * cut (never rounded up), so a later half-up rounding to 2 places sees the true side of every
 * ".xx5" boundary; an exact value such as 1.005 stays exact and rounds to 1.01 (see round2).
 */
import DecimalJs from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 50, rounding: DecimalJs.ROUND_DOWN, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

/** A JSON number or decimal string → Decimal, through the number's shortest decimal text. */
export function dec(x: number | string | Decimal): Decimal {
  if (x instanceof Decimal) return x;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new RangeError(`不是有限数值：${x}`);
    return new Decimal(String(x));
  }
  return new Decimal(x);
}

/** Half-up to 2 decimals on the exact value (1.005 → 1.01, 2.675 → 2.68). */
export function round2(x: Decimal): Decimal {
  return x.toDecimalPlaces(2, DecimalJs.ROUND_HALF_UP);
}

/** Half-up to n decimals. */
export function roundN(x: Decimal, n: number): Decimal {
  return x.toDecimalPlaces(n, DecimalJs.ROUND_HALF_UP);
}

/** Fixed 2-decimal text, e.g. "9.17", "10.00". */
export function fmt2(x: Decimal): string {
  return round2(x).toFixed(2);
}

/** Shortest text of a decimal, without trailing zeros: "9.17", "10", "0.5". */
export function plain(x: Decimal): string {
  return x.toFixed();
}

/** A decimal string → JSON number (for --json output; values are already rounded). */
export function toNumber(x: Decimal | string): number {
  return Number(typeof x === 'string' ? x : x.toFixed());
}

export function clamp(x: Decimal, lo: Decimal, hi: Decimal): Decimal {
  if (x.lt(lo)) return lo;
  if (x.gt(hi)) return hi;
  return x;
}

export function sum(xs: Iterable<Decimal>): Decimal {
  let s = ZERO;
  for (const x of xs) s = s.plus(x);
  return s;
}
