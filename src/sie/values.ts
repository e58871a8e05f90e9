/**
 * SIE field values: amounts (`-1234.50` → öre), dates (`YYYYMMDD` → ISO), periods, account numbers,
 * and the inverse formatting for the writer. Hand-written loops over char codes: these run once per
 * field of a million-row file, and money never passes through a float.
 *
 * @internal
 */
import { isValidDay } from '../core/dates.js';

const ZERO = 48;
const NINE = 57;

/** Result of {@link parseSieAmount}: öre, plus whether a tolerated deviation was repaired. */
export interface ParsedAmount {
  readonly ore: number;
  /** Decimal comma or leading `+` was accepted (the spec allows neither). */
  readonly repaired: boolean;
}

/**
 * Parses a SIE amount: optional `-`, digits, optional `.` and up to two decimals (more only when
 * they are zeros). A decimal comma and a leading `+` are accepted and flagged as repaired (Sie4j
 * does the same). Returns undefined when the string is not an amount.
 */
export function parseSieAmount(s: string): ParsedAmount | undefined {
  const n = s.length;
  let i = 0;
  let negative = false;
  let repaired = false;
  const first = s.charCodeAt(0);
  if (first === 45 /* - */) {
    negative = true;
    i = 1;
  } else if (first === 43 /* + */) {
    repaired = true;
    i = 1;
  }
  let whole = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < ZERO || c > NINE) break;
    whole = whole * 10 + (c - ZERO);
    digits++;
  }
  let fraction = 0;
  if (i < n) {
    const sep = s.charCodeAt(i);
    if (sep === 44 /* , */) repaired = true;
    else if (sep !== 46 /* . */) return undefined;
    i++;
    let decimals = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < ZERO || c > NINE) return undefined;
      if (decimals < 2) fraction = fraction * 10 + (c - ZERO);
      else if (c !== ZERO) return undefined;
      decimals++;
      digits++;
    }
    if (decimals === 1) fraction *= 10;
  }
  if (digits === 0) return undefined;
  const ore = whole * 100 + fraction;
  if (!Number.isSafeInteger(ore)) return undefined;
  return { ore: negative && ore !== 0 ? -ore : ore, repaired };
}

/** Signs a spreadsheet or word processor writes for minus: U+2212, figure/en/em dash, small and full-width hyphen-minus. */
const MINUS_SIGNS = new Set([0x2212, 0x2012, 0x2013, 0x2014, 0xfe63, 0xff0d]);
/** Blanks that programs put between digit groups: NBSP, narrow NBSP, thin space, one or a run of them (the lexer lets them through only between an amount's digit groups). */
const GROUP_BLANKS = new Set([0xa0, 0x202f, 0x2009]);

/**
 * An amount that {@link parseSieAmount} refused, rewritten in SIE's own spelling when it is one
 * amount in a spreadsheet's spelling: a Unicode minus or dash as the sign (`−1234.50`), and/or
 * non-breaking spaces between groups of three digits (`1\u00a0234.50`, or a run of them: `1\u00a0\u00a0234.50`). Between an amount's
 * digits these blanks do not separate SIE fields, so the reading is unambiguous. Undefined for anything else.
 */
export function normalizeSieAmount(s: string): string | undefined {
  const n = s.length;
  if (n === 0 || n > 40) return undefined;
  let i = 0;
  let out = '';
  let changed = false;
  const first = s.charCodeAt(0);
  if (MINUS_SIGNS.has(first)) {
    out = '-';
    i = 1;
    changed = true;
  } else if (first === 45 || first === 43) {
    out = s[0] as string;
    i = 1;
  }
  // Integer part: 1–3 digits, then groups of exactly three after one group blank each.
  let run = 0;
  let groups = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      if (groups > 0 && run === 3) return undefined;
      run++;
      out += s[i];
      continue;
    }
    if (GROUP_BLANKS.has(c)) {
      if (groups === 0 ? run === 0 || run > 3 : run !== 3) return undefined;
      // A run of them (a cell padded with two no-break spaces) is one group blank.
      while (i + 1 < n && GROUP_BLANKS.has(s.charCodeAt(i + 1))) i++;
      groups++;
      run = 0;
      changed = true;
      continue;
    }
    break;
  }
  if (groups > 0 ? run !== 3 : run === 0 && i < n && s[i] !== '.' && s[i] !== ',') return undefined;
  return changed ? out + s.slice(i) : undefined;
}

/** Öre → SIE amount with exactly two decimals (`-45.00`), as the practical import profile wants. */
export function formatSieAmount(ore: number): string {
  const negative = ore < 0;
  const abs = negative ? -ore : ore;
  const kr = Math.floor(abs / 100);
  const rest = abs - kr * 100;
  return (negative ? '-' : '') + kr + (rest < 10 ? '.0' : '.') + rest;
}

/** True when `s` is a non-empty run of ASCII digits. */
export function isDigits(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < ZERO || c > NINE) return false;
  }
  return true;
}

/** Parses an optionally negative integer (`0`, `-1`); undefined when not one. */
export function parseSieInteger(s: string): number | undefined {
  const digits = s.charCodeAt(0) === 45 ? s.slice(1) : s;
  if (!isDigits(digits) || digits.length > 15) return undefined;
  const v = Number(digits);
  return s.charCodeAt(0) === 45 && v !== 0 ? -v : v;
}

/** How a date field was understood. */
export interface ParsedDate {
  readonly iso: string;
  /** The spelling was not `YYYYMMDD` (`YYYY-MM-DD` or `YYMMDD`) and was repaired. */
  readonly repaired: boolean;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= ZERO && c <= NINE ? c - ZERO : -1000;
}

/**
 * Parses a SIE date. `YYYYMMDD` is the spec; `YYYY-MM-DD` and `YYMMDD` (20xx) are repaired, as
 * Sie4j does. Returns undefined for anything else or an impossible day.
 */
export function parseSieDate(s: string): ParsedDate | undefined {
  let y: number;
  let m: number;
  let d: number;
  let repaired = false;
  if (s.length === 8) {
    y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
    m = digit(s, 4) * 10 + digit(s, 5);
    d = digit(s, 6) * 10 + digit(s, 7);
  } else if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
    m = digit(s, 5) * 10 + digit(s, 6);
    d = digit(s, 8) * 10 + digit(s, 9);
    repaired = true;
  } else if (s.length === 6) {
    y = 2000 + digit(s, 0) * 10 + digit(s, 1);
    m = digit(s, 2) * 10 + digit(s, 3);
    d = digit(s, 4) * 10 + digit(s, 5);
    repaired = true;
  } else {
    return undefined;
  }
  if (y < 0 || m < 0 || d < 0 || !isValidDay(y, m, d)) return undefined;
  return { iso: isoDate(y, m, d), repaired };
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * Parses a `YYYYMM` period to `YYYY-MM`; undefined when not one. `YYYY-MM` (as some writers put
 * it, like their `YYYY-MM-DD` dates) is read too: the caller tells the two apart by length.
 */
export function parseSiePeriod(s: string): string | undefined {
  const compact = s.length === 7 && s.charCodeAt(4) === 45 ? s.slice(0, 4) + s.slice(5) : s;
  if (compact.length !== 6 || !isDigits(compact)) return undefined;
  const m = digit(compact, 4) * 10 + digit(compact, 5);
  if (m < 1 || m > 12) return undefined;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/** ISO `YYYY-MM-DD` → `YYYYMMDD`; undefined when `iso` is not a real ISO date. */
export function formatSieDate(iso: string): string | undefined {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return undefined;
  const y = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
  const m = digit(iso, 5) * 10 + digit(iso, 6);
  const d = digit(iso, 8) * 10 + digit(iso, 9);
  if (y < 0 || m < 0 || d < 0 || !isValidDay(y, m, d)) return undefined;
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8);
}

const ISO_PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` → `YYYYMM`; undefined when not a period. */
export function formatSiePeriod(period: string): string | undefined {
  const m = ISO_PERIOD.exec(period);
  return m ? `${m[1] ?? ''}${m[2] ?? ''}` : undefined;
}

/**
 * A quantity (not money) as the reader stores it: a finite number parsed from a decimal string.
 * Undefined when not a decimal number.
 */
export function parseSieQuantity(s: string): number | undefined {
  const t = s.indexOf(',') >= 0 ? s.replace(',', '.') : s;
  if (!/^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

/** A quantity for writing; undefined when it cannot be written as a plain decimal. */
export function formatSieQuantity(q: number): string | undefined {
  if (!Number.isFinite(q)) return undefined;
  const s = String(q);
  return /e/i.test(s) ? undefined : s;
}
