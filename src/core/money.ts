/**
 * Money is an integer number of öre. Strings are turned into öre digit by digit, never through a
 * float, and every spelling a Swedish bank uses is described by an {@link AmountStyle}.
 */
import { KonteraError } from './errors.js';

/** How a bank writes an amount. */
export interface AmountStyle {
  /** Decimal separator. */
  readonly decimal: ',' | '.';
  /**
   * Thousands grouping: `space` accepts a single space, NBSP (U+00A0), narrow NBSP (U+202F),
   * thin space (U+2009), figure space (U+2007) or apostrophe (`'`, U+2019) between groups of
   * three; `none` accepts no grouping at all.
   */
  readonly thousands: 'space' | '.' | ',' | 'none';
  /** Most decimals the bank writes (SEB writes three: `-30.000`). Digits beyond öre must be 0. */
  readonly maxDecimals: number;
}

/** Why an amount string was rejected (code `INVALID_AMOUNT`); callers add line and field. */
export class AmountFormatError extends KonteraError {
  constructor(
    readonly raw: string,
    readonly expected: string,
  ) {
    super('INVALID_AMOUNT', `expected ${expected}, got ${JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw)}`);
  }
}

/**
 * Spacers written between digit groups: space, NBSP, narrow NBSP, thin space, figure space, and the
 * apostrophe (`1'234,50`, or U+2019 `1’234.50`) that Excel and other programs write for a Swiss
 * regional setting when such a user re-saves or exports a statement.
 */
const GROUP_SPACES = new Set([0x20, 0xa0, 0x202f, 0x2009, 0x2007, 0x27, 0x2019]);

/**
 * The digits of `1 234 567` (1–3 digits, then groups of exactly three after one separator each),
 * or undefined. One pass, no intermediate strings: a 1 MB field of blanks is refused at its second
 * character instead of being split into a million groups.
 */
function ungroup(s: string, thousands: 'space' | '.' | ','): string | undefined {
  const sep = thousands === 'space' ? -1 : thousands.charCodeAt(0);
  let digits = '';
  let run = 0;
  let groups = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      run++;
      if (run > 3) return undefined;
      continue;
    }
    const isSep = sep === -1 ? GROUP_SPACES.has(c) : c === sep;
    if (!isSep || run === 0 || (groups > 0 && run !== 3)) return undefined;
    digits += s.slice(i - run, i);
    groups++;
    run = 0;
  }
  if (run === 0 || (groups > 0 && run !== 3)) return undefined;
  return digits + s.slice(s.length - run);
}
// U+2212 minus, en/em/figure dash, small and full-width hyphen-minus: all seen in exports as "minus".
const MINUS_CHARS = /^[\u2212\u2012\u2013\u2014\ufe63\uff0d]/;
/** The same signs written after the amount (`1 234,50−`), as a trailing `-` is. */
const TRAILING_MINUS_CHARS = /[\u2212\u2012\u2013\u2014\ufe63\uff0d]$/;

/**
 * Drops a trailing currency word (`kr`, `kr.`, `SEK`, any case) and the blanks before it. Done by
 * hand: the regular expression `\s*(?:kr\.?|sek)$` retries the blank run from every start and takes
 * quadratic time on a long run of blanks.
 */
function stripCurrencySuffix(s: string): string {
  const lower = s.slice(-4).toLowerCase();
  let cut = 0;
  if (lower.endsWith('kr.')) cut = 3;
  else if (lower.endsWith('kr') || lower.endsWith('sek')) cut = lower.endsWith('sek') ? 3 : 2;
  return cut === 0 ? s : s.slice(0, s.length - cut).trimEnd();
}

/**
 * Drops a leading currency word (`SEK -1 000,00`, `kr 250`, as some exports and Excel currency
 * formats write it) and the blanks after it. Done by hand for the same reason as the suffix.
 */
function stripCurrencyPrefix(s: string): string {
  const lower = s.slice(0, 4).toLowerCase();
  const cut = lower.startsWith('sek') ? 3 : lower.startsWith('kr.') ? 3 : lower.startsWith('kr') ? 2 : 0;
  if (cut === 0) return s;
  const next = s.charCodeAt(cut);
  // Only before a blank, a digit or a sign: a word that merely starts with the letters is no amount anyway.
  if (!(GROUP_SPACES.has(next) || (next >= 48 && next <= 57) || next === 45 || next === 43 || next === 0x2212)) return s;
  return s.slice(cut).trimStart();
}

/** Currency codes and signs a spreadsheet's currency format writes beside an amount (SEK and `kr` are read as the amount's own). */
const CURRENCY_MARKS: readonly (readonly [string, string])[] = [
  ['EUR', 'EUR'], ['USD', 'USD'], ['GBP', 'GBP'], ['NOK', 'NOK'], ['DKK', 'DKK'], ['CHF', 'CHF'], ['PLN', 'PLN'], ['JPY', 'JPY'],
  ['\u20ac', 'EUR'], ['$', 'USD'], ['\u00a3', 'GBP'],
];

/**
 * The currency a money cell names beside its number (`-1 250,00 EUR`, `€ 1 250,00`, `$1,250.00`, as
 * a spreadsheet's currency format writes a currency account's amounts), and the cell without it;
 * undefined when the cell names none (or names SEK/kr, which the amount reader takes off itself).
 * Only before or after a digit, a sign or a blank: a word is no currency mark.
 */
export function currencyMark(raw: string): { readonly code: string; readonly rest: string } | undefined {
  const s = raw.trim();
  if (s.length < 2) return undefined;
  for (const [mark, code] of CURRENCY_MARKS) {
    if (s.endsWith(mark)) {
      const before = s.charCodeAt(s.length - mark.length - 1);
      if (!(GROUP_SPACES.has(before) || (before >= 48 && before <= 57) || before === 45 || before === 41 || before === 0x2212)) continue;
      return { code, rest: s.slice(0, s.length - mark.length).trimEnd() };
    }
    // Before the number, or between its sign (or accounting parenthesis) and it (`-$1,250.00`, `($1,250.00)`).
    const sign = s.charCodeAt(0) === 45 || s.charCodeAt(0) === 40 || s.charCodeAt(0) === 0x2212 ? 1 : 0;
    if (s.startsWith(mark, sign)) {
      const after = s.charCodeAt(sign + mark.length);
      if (!(GROUP_SPACES.has(after) || (after >= 48 && after <= 57) || after === 45 || after === 43 || after === 40 || after === 0x2212)) continue;
      return { code, rest: s.slice(0, sign) + s.slice(sign + mark.length).trimStart() };
    }
  }
  return undefined;
}

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
  let s = stripCurrencyPrefix(stripCurrencySuffix(raw.trim()));
  s = s.replace(MINUS_CHARS, '-').replace(TRAILING_MINUS_CHARS, '-');
  let negative = false;
  if (s.length > 2 && s.startsWith('(') && s.endsWith(')')) {
    // Accounting style ("(1 234,50)"), as Excel writes a negative number in that cell format.
    s = stripCurrencySuffix(s.slice(1, -1).trim());
    if (s.startsWith('-') || s.startsWith('+') || s.endsWith('-')) return refuse;
    negative = true;
  } else if (s.startsWith('-')) {
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
    if (!/^\d+$/.test(fracPart)) return refuse;
    if (fracPart.length > style.maxDecimals) {
      // A value written from a binary float by a program (`45.900000000000006`, `1234.5599999999999`):
      // the öre followed by a run of 0s or 9s and float noise. Read as the öre it stands for.
      const noise = floatNoise(fracPart);
      if (noise === undefined) return refuse;
      fracPart = noise.ore;
      if (noise.carry) {
        const up = addOneOre(intPart, fracPart);
        if (up === undefined) return refuse;
        [intPart, fracPart] = up;
      }
    }
    if (intPart === '') intPart = '0';
  }

  let digits: string;
  if (/^\d+$/.test(intPart)) {
    digits = intPart;
  } else if (style.thousands === 'none') {
    return refuse;
  } else {
    const grouped = ungroup(intPart, style.thousands);
    if (grouped === undefined) return refuse;
    digits = grouped;
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
 * The öre of a fraction that is float noise: two digits, then at least six 0s (or 9s: round up)
 * and at most three more digits, at least 12 digits in all, as a shortest float rendering writes
 * a value typed with two decimals. Undefined for anything else.
 */
function floatNoise(frac: string): { ore: string; carry: boolean } | undefined {
  if (frac.length < 12 || frac.length > 20) return undefined;
  const run = frac.charCodeAt(2);
  if (run !== 48 && run !== 57) return undefined;
  let k = 2;
  while (k < frac.length && frac.charCodeAt(k) === run) k++;
  if (k - 2 < 6 || frac.length - k > 3) return undefined;
  return { ore: frac.slice(0, 2), carry: run === 57 };
}

/** intPart,frac (two digits) plus one öre, as digit strings; undefined past 15 digits. */
function addOneOre(intPart: string, frac: string): [string, string] | undefined {
  const digits = `${intPart === '' ? '0' : intPart}${frac}`;
  if (digits.length > 17 || !/^\d+$/.test(digits)) return undefined;
  const sum = String(BigInt(digits) + 1n).padStart(3, '0');
  return [sum.slice(0, -2), sum.slice(-2)];
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
  // 15 digits of kronor times 100 passes 2^53: let the full parser refuse it.
  if (!Number.isSafeInteger(value)) return undefined;
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

/**
 * The exact sum of öre amounts. A number sum rounds silently once a partial sum passes 2^53 (a
 * voucher off by 1 öre at 9×10¹⁵ sums to 0); here partial sums carry on in BigInt from that point.
 * Every value must be a safe integer.
 *
 * ```ts
 * sumOre([9e15, 9e15, 1, -9e15, -9e15]) // 1 (a plain reduce gives 0)
 * ```
 * @throws AmountRangeError (`INVALID_AMOUNT`) when a value or the total is not a safe integer.
 */
export function sumOre(values: Iterable<number>): number {
  let sum = 0;
  let big: bigint | undefined;
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw new AmountRangeError(`expected an integer amount in öre below 2^53, got ${v}`);
    if (big !== undefined) {
      big += BigInt(v);
      continue;
    }
    const next = sum + v;
    if (Number.isSafeInteger(next)) sum = next;
    else big = BigInt(sum) + BigInt(v);
  }
  return big === undefined ? sum : safeTotal(big);
}

/** Like {@link sumOre} over `rows[i].amount` (a plain loop: the SIE reader calls it per voucher). */
export function sumAmounts(rows: Iterable<{ readonly amount: number }>): number {
  let sum = 0;
  let big: bigint | undefined;
  for (const r of rows) {
    const v = r.amount;
    if (!Number.isSafeInteger(v)) throw new AmountRangeError(`expected an integer amount in öre below 2^53, got ${v}`);
    if (big !== undefined) big += BigInt(v);
    else {
      const next = sum + v;
      if (Number.isSafeInteger(next)) sum = next;
      else big = BigInt(sum) + BigInt(v);
    }
  }
  return big === undefined ? sum : safeTotal(big);
}

function safeTotal(big: bigint): number {
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new AmountRangeError(`expected a total in öre below 2^53, got ${big}`);
  }
  return Number(big);
}

/** An amount or a sum of amounts is beyond what öre in a safe integer can hold. */
export class AmountRangeError extends KonteraError {
  constructor(message: string) {
    super('INVALID_AMOUNT', message);
  }
}

/** Like {@link sumAmounts}, but undefined instead of an error when a value or the total is unsafe. */
export function trySumAmounts(rows: Iterable<{ readonly amount: number }>): number | undefined {
  try {
    return sumAmounts(rows);
  } catch (err) {
    if (err instanceof AmountRangeError) return undefined;
    throw err;
  }
}
