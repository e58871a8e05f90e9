/**
 * Money is an integer number of öre. Strings are turned into öre digit by digit, never through a
 * float, and every spelling a Swedish bank uses is described by an {@link AmountStyle}.
 */

/** How a bank writes an amount. */
export interface AmountStyle {
  /** Decimal separator. */
  readonly decimal: ',' | '.';
  /**
   * Thousands grouping: `space` accepts a single space, NBSP (U+00A0), narrow NBSP (U+202F) or
   * thin space (U+2009) between groups of three; `none` accepts no grouping at all.
   */
  readonly thousands: 'space' | '.' | ',' | 'none';
  /** Most decimals the bank writes (SEB writes three: `-30.000`). Digits beyond öre must be 0. */
  readonly maxDecimals: number;
}

/** Why an amount string was rejected; the caller adds line and field. */
export class AmountFormatError extends Error {
  constructor(
    readonly raw: string,
    readonly expected: string,
  ) {
    super(`expected ${expected}, got ${JSON.stringify(raw)}`);
  }
}

const SPACE_CHARS = /[\u0020\u00a0\u202f\u2009\u2007]/g;
// U+2212 minus, en/em/figure dash, small and full-width hyphen-minus: all seen in exports as "minus".
const MINUS_CHARS = /^[\u2212\u2012\u2013\u2014\ufe63\uff0d]/;
const CURRENCY_SUFFIX = /\s*(?:kr\.?|sek)$/i;

function describe(style: AmountStyle): string {
  const group = style.thousands === 'none' ? '' : style.thousands === 'space' ? ' ' : style.thousands;
  const example = `-1${group}234${style.decimal}50`;
  return `an amount like "${example}"`;
}

/**
 * Parses an amount in the given style into öre.
 *
 * ```ts
 * parseAmount('-1 079,40 kr', { decimal: ',', thousands: 'space', maxDecimals: 2 }) // -107940
 * ```
 * @throws AmountFormatError when the string is not exactly one amount in that style.
 */
export function parseAmount(raw: string, style: AmountStyle): number {
  const value = tryParseAmount(raw, style);
  if (typeof value === 'number') return value;
  throw new AmountFormatError(raw, value.expected);
}

/** Why {@link tryParseAmount} refused a string. */
export interface AmountRefusal {
  readonly expected: string;
}

/**
 * Like {@link parseAmount} but returns the refusal instead of throwing (detection tries several
 * styles on hundreds of cells; exceptions would dominate its cost).
 */
export function tryParseAmount(raw: string, style: AmountStyle): number | AmountRefusal {
  const fast = parsePlainAmount(raw, style.decimal.charCodeAt(0), style.maxDecimals);
  if (fast !== undefined) return fast;
  const refuse = { expected: describe(style) };
  let s = raw.trim().replace(CURRENCY_SUFFIX, '');
  s = s.replace(MINUS_CHARS, '-');
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  } else if (s.endsWith('-')) {
    // Trailing minus ("1234,50-") appears in some fixed-width exports.
    negative = true;
    s = s.slice(0, -1);
  }
  s = s.trim();
  if (s === '') return refuse;

  let intPart = s;
  let fracPart = '';
  const decimalAt = s.lastIndexOf(style.decimal);
  if (decimalAt >= 0) {
    intPart = s.slice(0, decimalAt);
    fracPart = s.slice(decimalAt + 1);
    if (!/^\d+$/.test(fracPart) || fracPart.length > style.maxDecimals) {
      return refuse;
    }
    if (intPart === '') intPart = '0';
  }

  let digits: string;
  if (/^\d+$/.test(intPart)) {
    digits = intPart;
  } else if (style.thousands === 'none') {
    return refuse;
  } else {
    const sep = style.thousands === 'space' ? ' ' : style.thousands;
    const grouped = style.thousands === 'space' ? intPart.replace(SPACE_CHARS, ' ') : intPart;
    const groups = grouped.split(sep);
    const first = groups[0] ?? '';
    if (!/^\d{1,3}$/.test(first) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) {
      return refuse;
    }
    digits = groups.join('');
  }

  const frac = fracPart.padEnd(2, '0');
  const ore = frac.slice(0, 2);
  const beyond = frac.slice(2);
  if (/[1-9]/.test(beyond)) {
    return { expected: `${describe(style)} in whole öre` };
  }
  const value = Number(digits) * 100 + Number(ore);
  if (!Number.isSafeInteger(value)) return { expected: 'an amount below 90 trillion kronor' };
  return negative && value !== 0 ? -value : value;
}

/**
 * Fast path for the common spelling: optional `-`, digits, optional decimal separator and up to
 * `maxDecimals` digits, nothing else. Returns undefined for anything else (the full parser decides).
 */
function parsePlainAmount(s: string, decimal: number, maxDecimals: number): number | undefined {
  const n = s.length;
  if (n === 0 || n > 15) return undefined;
  let i = 0;
  let negative = false;
  if (s.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let kronor = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    kronor = kronor * 10 + c;
    digits++;
  }
  if (digits === 0) return undefined;
  let ore = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== decimal) return undefined;
    i++;
    const fracDigits = n - i;
    if (fracDigits < 1 || fracDigits > maxDecimals) return undefined;
    let scale = 10;
    for (; i < n; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      if (scale >= 1) ore += c * scale;
      else if (c !== 0) return undefined; // a fraction of an öre: let the full parser explain
      scale /= 10;
    }
  }
  const value = kronor * 100 + ore;
  return negative && value !== 0 ? -value : value;
}

/**
 * Writes öre in a bank's style, with exactly `decimals` decimals (default 2).
 *
 * ```ts
 * formatAmount(-123450, { decimal: ',', thousands: 'space', maxDecimals: 2 }) // "-1 234,50"
 * ```
 */
export function formatAmount(ore: number, style: AmountStyle, decimals = 2): string {
  assertOre(ore);
  const negative = ore < 0;
  const abs = Math.abs(ore);
  let int = String(Math.trunc(abs / 100));
  const frac = (String(abs % 100).padStart(2, '0') + '0'.repeat(Math.max(0, decimals - 2))).slice(0, Math.max(decimals, 0));
  if (style.thousands !== 'none') {
    const sep = style.thousands === 'space' ? ' ' : style.thousands;
    int = int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }
  return `${negative ? '-' : ''}${int}${decimals > 0 ? style.decimal + frac : ''}`;
}

/** Throws unless `ore` is a safe integer. */
export function assertOre(ore: number): void {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`expected an integer amount in öre, got ${ore}`);
}

/** Plain "1234,50"-style rendering of öre for messages and tables. */
export function formatKronor(ore: number): string {
  return formatAmount(ore, { decimal: ',', thousands: 'space', maxDecimals: 2 });
}
