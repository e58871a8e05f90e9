/**
 * Dates are ISO `YYYY-MM-DD` strings everywhere in kontera. Banks and SIE files spell them in
 * several ways; each spelling is a {@link DatePattern}, and impossible dates are rejected.
 */

export const DATE_PATTERNS = [
  'YYYY-MM-DD',
  'YYYY/MM/DD',
  'YYYYMMDD',
  'YY-MM-DD',
  'YYMMDD',
  'DD.MM.YYYY',
  /** Two-digit years with dots (`05.01.26`), as Finnish, German and some Swedish UIs write a short date. */
  'DD.MM.YY',
  'DD/MM/YY',
  'YYYY.MM.DD',
  'DD/MM/YYYY',
  'DD-MM-YYYY',
  /**
   * Day first with a two-digit year and hyphens (`05-01-26`), as a spreadsheet's short date in some
   * locales writes it; the same cells often read as `YY-MM-DD` too, so it is chosen only when the
   * data says so (see `date-pattern.ts`).
   */
  'DD-MM-YY',
  // Month first: what an Excel in a US locale writes when it re-saves a statement. Only chosen when
  // the data says so (a second part above 12, or the only reading that keeps the rows in date order).
  'MM/DD/YYYY',
  /** Month first with a two-digit year (`1/13/26`), US Excel's short date; chosen only as MM/DD/YYYY is. */
  'MM/DD/YY',
  /**
   * A month by name, Swedish or English, full or abbreviated: `2 okt. 2026`, `02 Oct 2026`,
   * `2-okt-2026`, `2 oktober 2026`; a weekday may stand in front (`Mon 05 Jan 2026`, `mån 5 jan
   * 2026`, `Mon, 05 Jan 2026`) and must then be the date's weekday.
   */
  'D MMM YYYY',
  /**
   * The month by name first, as English-language exports write it: `Jan 5 2026`, `Jan 5, 2026`,
   * `January 5, 2026`, `Mon Jan 5 2026`; a weekday in front must be the date's weekday. Never
   * ambiguous with `D MMM YYYY` (the name is first or second).
   */
  'MMM D YYYY',
] as const;
/**
 * A date cell a spreadsheet wrote as its serial day number (`46114`, or `46114.5`, `46114,5` with the time of
 * day as a fraction): what a date column holds once its date format is lost (the column formatted
 * as numbers, a sheet saved as CSV). Counted in Excel's 1900 date system, the default of Windows
 * Excel; a five-digit whole part only, the serials of 1927–2173 (a shorter or longer run of digits
 * is another spelling, `YYMMDD` or `YYYYMMDD`). Not one of {@link DATE_PATTERNS}: a cell of digits
 * is no date by itself; a column is read so only when a header or layout names it a date column
 * and no spelling of a date reads it (see `date-pattern.ts`).
 */
export const EXCEL_SERIAL = 'Excel serial day' as const;
export type DatePattern = (typeof DATE_PATTERNS)[number] | typeof EXCEL_SERIAL;

/** Days since 1899-12-30 (Excel's 1900 system, past its 1900-02-29 bug; a fraction, the time of day, dropped) → ISO date. */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return undefined;
  const ms = Math.round(Math.floor(serial) * 86_400_000) + Date.UTC(1899, 11, 30);
  return new Date(ms).toISOString().slice(0, 10);
}

const MATCHERS: Record<DatePattern, RegExp> = {
  'YYYY-MM-DD': /^(\d{4})-(\d{2})-(\d{2})$/,
  'YYYY/MM/DD': /^(\d{4})\/(\d{2})\/(\d{2})$/,
  YYYYMMDD: /^(\d{4})(\d{2})(\d{2})$/,
  'YY-MM-DD': /^(\d{2})-(\d{2})-(\d{2})$/,
  YYMMDD: /^(\d{2})(\d{2})(\d{2})$/,
  // Day and month may be written without a leading zero (`2.10.2026`, as Finnish and English UIs and
  // Excel's day-first formats write them).
  'DD.MM.YYYY': /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/,
  'DD.MM.YY': /^(\d{1,2})\.(\d{1,2})\.(\d{2})$/,
  'DD/MM/YY': /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/,
  'YYYY.MM.DD': /^(\d{4})\.(\d{2})\.(\d{2})$/,
  // Day first, as English-language exports and Excel re-saves in a day-first locale write it.
  'DD/MM/YYYY': /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
  'DD-MM-YYYY': /^(\d{1,2})-(\d{1,2})-(\d{4})$/,
  'DD-MM-YY': /^(\d{1,2})-(\d{1,2})-(\d{2})$/,
  'MM/DD/YYYY': /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
  'MM/DD/YY': /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/,
  'D MMM YYYY': /^(?:([a-zåäö]{3,7})\.?,?\s+)?(\d{1,2})[ -]([a-zåäö]{3,9})\.?[ -](\d{4})$/i,
  'MMM D YYYY': /^(?:([a-zåäö]{3,7})\.?,?\s+)?([a-zåäö]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i,
  [EXCEL_SERIAL]: /^(\d{5})(?:[.,]\d+)?$/,
};

/**
 * Month names and abbreviations, Swedish and English, lower case → month number. With
 * {@link WEEKDAYS}, the one place kontera knows the languages' calendar words: facts of Swedish
 * and English (full names, the 3-letter abbreviations and `sept`), written with or without a
 * trailing dot.
 */
const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    ['jan', 'januari', 'january'],
    ['feb', 'februari', 'february'],
    ['mar', 'mars', 'march'],
    ['apr', 'april'],
    ['maj', 'may'],
    ['jun', 'juni', 'june'],
    ['jul', 'juli', 'july'],
    ['aug', 'augusti', 'august'],
    ['sep', 'sept', 'september'],
    ['okt', 'oct', 'oktober', 'october'],
    ['nov', 'november'],
    ['dec', 'december'],
  ].flatMap((names, i) => names.map((n) => [n, i + 1] as const)),
);

/**
 * Weekday names, Swedish and English, full, 3-letter and the longer abbreviations in common use
 * (`tors`, `Tues`, `Thur`, `Thurs`), lower case → day of the week as
 * `Date.getUTCDay` counts (0 Sunday). A weekday written before a date must be that date's: one
 * that is not, or a word that is no weekday, makes the cell no date (never guessed past).
 */
const WEEKDAYS: ReadonlyMap<string, number> = new Map(
  [
    ['sön', 'söndag', 'sun', 'sunday'],
    ['mån', 'måndag', 'mon', 'monday'],
    ['tis', 'tisdag', 'tue', 'tues', 'tuesday'],
    ['ons', 'onsdag', 'wed', 'wednesday'],
    ['tor', 'tors', 'torsdag', 'thu', 'thur', 'thurs', 'thursday'],
    ['fre', 'fredag', 'fri', 'friday'],
    ['lör', 'lördag', 'sat', 'saturday'],
  ].flatMap((names, i) => names.map((n) => [n, i] as const)),
);

/** True when `weekday` is absent, or names the weekday of y-m-d (a real day). */
function weekdayFits(weekday: string | undefined, y: number, mo: number, d: number): boolean {
  if (weekday === undefined) return true;
  const wd = WEEKDAYS.get(weekday.toLowerCase());
  return wd !== undefined && new Date(Date.UTC(y, mo - 1, d)).getUTCDay() === wd;
}

/**
 * Two-digit years (`YY-MM-DD`, `YYMMDD`, `DD/MM/YY`, `DD-MM-YY`, `DD.MM.YY`, `MM/DD/YY`): 00–69 are 2000–2069,
 * 70–99 are 1970–1999. Bank exports with two-digit years (Swedbank 2015, Länsförsäkringar before
 * 2022) are all from this century; the split keeps a 1970s–90s date (a birth date, an old loan)
 * in the last one rather than 60 years ahead.
 */
function fullYear(yy: number): number {
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

/** True when y-m-d is a real calendar day. */
export function isValidDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[m - 1] ?? 0);
}

function isIsoShape(s: string, separator: number): boolean {
  if (s.charCodeAt(4) !== separator || s.charCodeAt(7) !== separator) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}

/**
 * A time of day after the date (` 00:00:00`, ` 14:33`, `T09:05:12.250Z`, `T23:30:00+01:00`, and
 * with the zone after a blank as e-mail-style timestamps write it: ` 14:32:00 +0100`, ` 14:32 UTC`):
 * what Excel writes when it re-saves a date cell, and what exports with timestamps write. Without a
 * zone the day is the date as written (a local time, as the bank wrote it). With a zone or an
 * offset the time names an instant, and the day is that instant's day in Sweden
 * ({@link stockholmDay}): bookkeeping dates are Swedish calendar days, so `2026-01-31T23:30:00Z`
 * is 1 February.
 */
const TIME_OF_DAY = /[ T]([01]?\d|2[0-3])[:.]([0-5]\d)(?:[:.]([0-5]\d)(?:[.,]\d{1,9})?)?(?: ?(Z|[+-]\d{2}:?\d{2})| (UTC|GMT))?$/;
/** Longest date-and-time spelling worth trying: anything longer is not a date. */
const MAX_DATE_TIME_LENGTH = 40;

/**
 * Parses `raw` in `pattern` to ISO, or returns undefined when it is not such a date. A time of
 * day after the date is allowed: without a zone it is dropped (`2026-11-02 00:00:00` is
 * 2026-11-02); with one the day is the Swedish day of that instant (see {@link TIME_OF_DAY}).
 */
export function parseDate(raw: string, pattern: DatePattern): string | undefined {
  const day = parseDay(raw, pattern);
  if (day !== undefined || raw.length <= 10 || raw.length > MAX_DATE_TIME_LENGTH) return day;
  const t = raw.trim();
  const m = TIME_OF_DAY.exec(t);
  if (m === null) return undefined;
  const written = parseDay(t.slice(0, m.index).trimEnd(), pattern);
  const zone = m[4] ?? m[5];
  if (written === undefined || zone === undefined) return written;
  const offset = zoneOffsetMinutes(zone);
  if (offset === undefined) return undefined;
  const [y, mo, d] = [Number(written.slice(0, 4)), Number(written.slice(5, 7)), Number(written.slice(8, 10))];
  const instant = Date.UTC(y, mo - 1, d, Number(m[1]), Number(m[2]), Number(m[3] ?? 0)) - offset * 60_000;
  return stockholmDay(instant);
}

/** Minutes east of UTC that a zone as written after a time means (`Z`, `UTC`, `GMT`, `+01:00`, `-0500`); undefined past ±14:00. */
function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return 0;
  const digitsOnly = zone.slice(1).replace(':', '');
  const hours = Number(digitsOnly.slice(0, 2));
  const minutes = Number(digitsOnly.slice(2, 4));
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** The UTC instant (ms) of the last Sunday of month `month0` (0-based) of `year` at 01:00 UTC. */
function lastSundayAtOneUtc(year: number, month0: number): number {
  const lastDay = new Date(Date.UTC(year, month0 + 1, 0));
  const sunday = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, month0, sunday, 1);
}

/**
 * The calendar day in Sweden (Europe/Stockholm) of a UTC instant in ms: CET (UTC+1), and CEST
 * (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, the EU
 * rule Sweden has kept since 1996. Pure arithmetic: the machine's time zone plays no part.
 */
export function stockholmDay(instant: number): string {
  const year = new Date(instant).getUTCFullYear();
  const summer = instant >= lastSundayAtOneUtc(year, 2) && instant < lastSundayAtOneUtc(year, 9);
  return new Date(instant + (summer ? 2 : 1) * 3_600_000).toISOString().slice(0, 10);
}

function parseDay(raw: string, pattern: DatePattern): string | undefined {
  if ((pattern === 'YYYY-MM-DD' || pattern === 'YYYY/MM/DD') && raw.length === 10 && isIsoShape(raw, pattern.charCodeAt(4))) {
    const y = digits(raw, 0, 4);
    const mo = digits(raw, 5, 2);
    const d = digits(raw, 8, 2);
    if (!isValidDay(y, mo, d)) return undefined;
    return pattern === 'YYYY-MM-DD' ? raw : `${raw.slice(0, 4)}-${raw.slice(5, 7)}-${raw.slice(8, 10)}`;
  }
  const m = MATCHERS[pattern].exec(raw.trim());
  if (!m) return undefined;
  let y: number;
  let mo: number;
  let d: number;
  const [, a = '', b = '', c = ''] = m;
  switch (pattern) {
    case 'YYYY-MM-DD':
    case 'YYYY/MM/DD':
    case 'YYYYMMDD':
    case 'YYYY.MM.DD':
      [y, mo, d] = [Number(a), Number(b), Number(c)];
      break;
    case 'YY-MM-DD':
    case 'YYMMDD':
      [y, mo, d] = [fullYear(Number(a)), Number(b), Number(c)];
      break;
    case 'DD.MM.YYYY':
    case 'DD/MM/YYYY':
    case 'DD-MM-YYYY':
      [d, mo, y] = [Number(a), Number(b), Number(c)];
      break;
    case 'DD.MM.YY':
    case 'DD/MM/YY':
    case 'DD-MM-YY':
      [d, mo, y] = [Number(a), Number(b), fullYear(Number(c))];
      break;
    case 'MM/DD/YYYY':
      [mo, d, y] = [Number(a), Number(b), Number(c)];
      break;
    case 'MM/DD/YY':
      [mo, d, y] = [Number(a), Number(b), fullYear(Number(c))];
      break;
    case EXCEL_SERIAL:
      return excelSerialToIso(Number(a));
    case 'D MMM YYYY':
    case 'MMM D YYYY': {
      const [, weekday, p, q, r = ''] = m;
      const [dayPart, monthPart] = pattern === 'D MMM YYYY' ? [p, q] : [q, p];
      [d, mo, y] = [Number(dayPart), MONTHS.get((monthPart ?? '').toLowerCase()) ?? 0, Number(r)];
      if (!isValidDay(y, mo, d) || !weekdayFits(weekday, y, mo, d)) return undefined;
      break;
    }
  }
  if (!isValidDay(y, mo, d)) return undefined;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** True for an ISO `YYYY-MM-DD` string naming a real day. */
export function isIsoDate(s: string): boolean {
  return parseDate(s, 'YYYY-MM-DD') !== undefined;
}

/** Days from ISO date `from` to ISO date `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const day = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
  return day(to) - day(from);
}

/** The ISO date `days` days after (before, when negative) `iso`. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)) + days)).toISOString().slice(0, 10);
}
