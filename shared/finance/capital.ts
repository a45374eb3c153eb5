/**
 * Chinese capital amounts (大写金额), in finance.md's canonical form:
 * 壹拾 always keeps 壹; one 零 for a run of zeros inside the number or at the start of a lower group;
 * nothing for zeros at the end of a group; 元 then 整, or 角/分 (零 after 元 when the yuan digit is 0
 * or the 角 is 0 before a 分); no 元 below one yuan.
 */
import { Decimal, dec, round2 } from '../decimal';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const UNITS = ['仟', '佰', '拾', ''];
const WAN = 10_000n;
const YI = 100_000_000n;
/** 10^16: the 亿 part must stay below 亿 itself (no 亿亿). */
const LIMIT = YI * YI;

/** 1 ≤ n < 10^4, no leading 零. */
function group4(n: bigint): string {
  const digits = n.toString().padStart(4, '0').split('').map(Number);
  let out = '';
  let pendingZero = false;
  for (let i = 0; i < 4; i++) {
    const d = digits[i]!;
    if (d === 0) {
      if (out !== '') pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[d] + UNITS[i]!;
  }
  return out;
}

/**
 * 1 ≤ n < base²: the high part with its unit (万 or 亿), then the low part; a low part that does
 * not fill its group (fewer digits than base has zeros) after a high part is read with one 零.
 */
function twoGroups(n: bigint, base: bigint, unit: string, part: (x: bigint) => string): string {
  const high = n / base;
  const low = n % base;
  let out = high > 0n ? part(high) + unit : '';
  if (low > 0n) {
    if (high > 0n && low * 10n < base) out += '零';
    out += part(low);
  }
  return out;
}

/** 1 ≤ n < 10^8. */
const upToYi = (n: bigint): string => twoGroups(n, WAN, '万', group4);

/** 1 ≤ n < 10^16. */
const wholeYuan = (n: bigint): string => twoGroups(n, YI, '亿', upToYi);

/**
 * Amount in yuan → 大写金额, e.g. "20.50" → 贰拾元零伍角, "100000010.00" → 壹亿零壹拾元整.
 * More than 2 decimals are rounded half-up to the fen first. Negative amounts and amounts of
 * 10^16 yuan or more throw (Chinese message).
 */
export function capitalAmount(yuan: string | number | Decimal): string {
  let d: Decimal;
  try {
    d = dec(typeof yuan === 'string' ? yuan.trim().replace(/,/g, '') : yuan);
  } catch {
    throw new Error(`金额不是有效的数值：“${String(yuan)}”`);
  }
  if (!d.isFinite()) throw new Error(`金额不是有效的数值：“${String(yuan)}”`);
  if (d.lt(0)) throw new Error(`金额不能为负数：${d.toFixed()}（大写金额只用于非负金额）`);
  const fen = BigInt(round2(d).times(100).toFixed(0));
  const whole = fen / 100n;
  if (whole >= LIMIT) throw new Error(`金额过大，无法写成大写金额：${d.toFixed()}`);
  const jiao = Number((fen / 10n) % 10n);
  const fenDigit = Number(fen % 10n);

  if (whole === 0n) {
    if (jiao === 0 && fenDigit === 0) return '零元整';
    return (jiao > 0 ? DIGITS[jiao] + '角' : '') + (fenDigit > 0 ? DIGITS[fenDigit] + '分' : '');
  }
  let out = wholeYuan(whole) + '元';
  if (jiao === 0 && fenDigit === 0) return out + '整';
  const yuanDigitZero = whole % 10n === 0n;
  if (yuanDigitZero || jiao === 0) out += '零';
  if (jiao > 0) out += DIGITS[jiao] + '角';
  if (fenDigit > 0) out += DIGITS[fenDigit] + '分';
  return out;
}
