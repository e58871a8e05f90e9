/**
 * Which fiscal year a numbered voucher of a SIE file belongs to. Voucher numbering restarts every
 * fiscal year, so series and number identify a voucher only within its year: kontera identifies a
 * numbered voucher by the start of its fiscal year, series and number. The year comes from `#RAR`;
 * a 4I file need not say (BL Administration writes `#RAR 0` without dates), and then it is inferred
 * from the client's earlier files and the file's numbering ({@link fiscalYears}); only when nothing
 * decides does the calendar year of the voucher's date stand in. For a fiscal year that does not
 * start in January, the 4E export and such a 4I file of the same books can then give one voucher
 * two year starts;
 * {@link sameFiscalYear} tells when two of them are the same year. The facade's ledger of bank
 * vouchers and the open-item ledger both identify vouchers this way.
 *
 * @module
 */
import { isIsoDate } from '../core/dates.js';
import type { SieDocument, SieVoucher } from './types.js';

/** A fiscal year, ISO dates, both inclusive. */
export interface FiscalYear {
  readonly start: string;
  readonly end: string;
}

/** The fiscal year a voucher date falls in (`#RAR`), if the file says. */
export function fiscalYearOf(doc: SieDocument, date: string): FiscalYear | undefined {
  for (const y of doc.header.fiscalYears) {
    if (y.start !== undefined && y.end !== undefined && y.start <= date && date <= y.end) return { start: y.start, end: y.end };
  }
  return undefined;
}

/**
 * The file's export date (`#GEN`) when it is a real ISO date: of two versions of a voucher edited
 * in the books (one id), the one from the later export is the newer. Undefined otherwise.
 */
export function exportDate(doc: SieDocument): string | undefined {
  const gen = doc.header.generated?.date;
  return gen !== undefined && isIsoDate(gen) ? gen : undefined;
}

/**
 * Why a fiscal year is not one the law allows, or undefined when it is. A fiscal year is twelve
 * months; a first year, or one when the year changes, may be shorter or longer, but at most
 * eighteen months (BFL 3:3), counted in calendar months from the month it starts in (a year from
 * 2024-07-15 may end on 2025-12-31 at the latest), and at least one day.
 */
export function unlawfulFiscalYear(y: FiscalYear): string | undefined {
  if (!ISO_DATE.test(y.start) || !ISO_DATE.test(y.end)) return 'its dates are no ISO dates';
  if (y.end < y.start) return 'it ends before it starts';
  const latest = latestEnd(y.start);
  if (y.end > latest) return `it is longer than eighteen months (BFL 3:3: it may end on ${latest} at the latest)`;
  return undefined;
}

/** The last day a fiscal year starting on `start` (ISO) may end on: eighteen calendar months counted from its month (BFL 3:3). */
export function latestEnd(start: string): string {
  return dayBefore(firstOfMonth(monthIndex(start) + 18));
}

/** The last day of the month of `date` (ISO). */
export function monthEnd(date: string): string {
  return dayBefore(firstOfMonth(monthIndex(date) + 1));
}

/** Months since year 0 of an ISO date's month (0 = January of year 0): month arithmetic on dates. */
export function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/** The first day (ISO) of the month {@link monthIndex} gives as `index`. */
function firstOfMonth(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * Whether the version of a voucher exported on `incoming` (`#GEN`, see {@link exportDate}) may
 * replace the one exported on `stored`: not when it is older. Without a date on either, the one
 * learned last is the only evidence there is; of two files of one day likewise.
 */
export function replacesExport(incoming: string | undefined, stored: string | undefined): boolean {
  return incoming === undefined || stored === undefined || incoming >= stored;
}

/** Which fiscal year a voucher date falls in, where known (see {@link fiscalYears}). */
export type FiscalYears = (date: string) => FiscalYear | undefined;

/**
 * The fiscal years of a file's vouchers: the file's `#RAR` where it covers the date; else inferred,
 * because the calendar year standing in for a fiscal year from July gives two vouchers one id
 * (A 250 of March 2024 and A 250 of December 2024 lie in one calendar year but two fiscal years)
 * and one voucher two (A 5 re-dated from 30 December to 2 January). In order, the first that decides:
 *
 * 1. the year start of the file's other `#RAR` years, or of the client's earlier files (`known`,
 *    the year starts of stored voucher ids), the one nearest in date: the same books keep their
 *    fiscal year. A stored start of 1 January decides nothing, as the calendar year stands in
 *    with it; the file's own `#RAR` of a calendar year does (numbering that runs on across New
 *    Year, as some programs keep it, then does not move the year);
 * 2. the file's own numbering (see {@link startFromNumbering});
 * 3. nothing: undefined, and the calendar year stands in (see {@link voucherYearStart}).
 *
 * A year inferred is twelve months; an irregular first or last year is not guessed.
 */
export function fiscalYears(doc: SieDocument, known: readonly string[] = [], stated: readonly FiscalYear[] = []): FiscalYears {
  const told = stated.filter((y) => ISO_DATE.test(y.start) && ISO_DATE.test(y.end) && y.start <= y.end);
  // The file's own #RAR years and the years the caller states decide even when they start on
  // 1 January, and the day after a stated year's end starts the next (an irregular first year of
  // 2024-07-10 – 2025-12-31 is followed by calendar years); a stored id's 1 January may be the
  // calendar year standing in, so it decides nothing.
  const starts = [
    ...doc.header.fiscalYears.flatMap((y) => (y.start !== undefined && ISO_DATE.test(y.start) ? [y.start] : [])),
    ...told.flatMap((y) => [y.start, dayAfter(y.end)]),
    ...known.filter((s) => ISO_DATE.test(s) && s.slice(5) !== '01-01'),
  ];
  const fromNumbering = starts.length > 0 ? undefined : startFromNumbering(doc);
  return (date) => {
    const given = fiscalYearOf(doc, date) ?? told.find((y) => y.start <= date && date <= y.end);
    if (given !== undefined || !ISO_DATE.test(date)) return given;
    const monthDay = starts.length > 0 ? nearest(starts, date).slice(5) : fromNumbering;
    if (monthDay === undefined) return undefined;
    // A year inferred next to a stated one ends where that one starts, and starts after it ends.
    let { start, end } = yearAround(date, monthDay);
    for (const y of told) {
      if (y.start > date && y.start <= end) end = dayBefore(y.start);
      if (y.end < date && y.end >= start) start = dayAfter(y.end);
    }
    return { start, end };
  };
}

/**
 * Where the fiscal years `years` gives a file's numbered vouchers contradict the file's numbering,
 * for vouchers whose year the file does not state (`#RAR`) and the caller did not (`stated`): two
 * vouchers numbered n and n + 1 put in two years, or one number on two dates put in one year.
 * Numbering restarts every fiscal year, so the years are a guess that does not hold: an irregular
 * first or last year (förlängt or förkortat räkenskapsår, 2024-07-10 – 2025-12-31) in a file
 * without `#RAR`, or a program that numbers on across years. Undefined when nothing contradicts.
 */
export function numberingContradicts(doc: SieDocument, years: FiscalYears, stated: readonly FiscalYear[] = []): string | undefined {
  const says = (date: string): boolean => fiscalYearOf(doc, date) !== undefined || stated.some((y) => y.start <= date && date <= y.end);
  const startOf = (date: string): string => voucherYearStart(years(date), date);
  const { together, apart } = numberingPairs(doc);
  for (const [a, b, what] of together) {
    if ((says(a) && says(b)) || startOf(a) === startOf(b)) continue;
    return `${what} and the number after it (dated ${a} and ${b}) follow each other, yet fall in two fiscal years as kontera takes them (from ${startOf(a)} and from ${startOf(b)})`;
  }
  for (const [a, b, what] of apart) {
    if ((says(a) && says(b)) || startOf(a) !== startOf(b)) continue;
    return `${what} is written on ${a} and on ${b}, yet both fall in the fiscal year from ${startOf(a)} as kontera takes it`;
  }
  return undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Of ISO dates `dates`, the one nearest `date` (the earlier of two as near). */
function nearest(dates: readonly string[], date: string): string {
  const day = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
  let best = dates[0] as string;
  for (const d of dates) {
    const diff = Math.abs(day(d) - day(date)) - Math.abs(day(best) - day(date));
    if (diff < 0 || (diff === 0 && d < best)) best = d;
  }
  return best;
}

/** The fiscal year of twelve months starting on `monthDay` (`07-01`) that holds `date`. */
function yearAround(date: string, monthDay: string): FiscalYear {
  const year = Number(date.slice(0, 4)) - (date.slice(5) < monthDay ? 1 : 0);
  const start = `${String(year).padStart(4, '0')}-${monthDay}`;
  return { start, end: dayBefore(yearAfter(start)) };
}

function dayAfter(date: string): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + 1));
  return d.toISOString().slice(0, 10);
}

function dayBefore(date: string): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) - 1));
  return d.toISOString().slice(0, 10);
}

/**
 * The month a file's fiscal years start in (`07-01`), read from its voucher numbering, for a file
 * without `#RAR`; undefined when 1 January fits it (the calendar year then stands in) or nothing
 * does. Numbering restarts every fiscal year, so within a series:
 *
 * - two vouchers numbered n and n + 1 lie in one fiscal year: no year starts between their dates
 *   (numbering that runs on across New Year says the year does not start in January);
 * - one number on two dates (the file holds two years) has a year start between them.
 *
 * Fiscal years start on the first of a month (BFL 3:1). Of the months that fit, the one whose start
 * lies last on or before the file's first voucher: an export of a year begins with its first month,
 * and every export of the same year that starts there gives the same answer.
 */
export function startFromNumbering(doc: SieDocument): string | undefined {
  const { together, apart, first } = numberingPairs(doc);
  if (first === undefined) return undefined;
  const fits = (monthDay: string): boolean => together.every(([a, b]) => !startBetween(a, b, monthDay)) && apart.every(([a, b]) => startBetween(a, b, monthDay));
  if (fits('01-01')) return undefined;
  let best: { monthDay: string; start: string } | undefined;
  for (let m = 2; m <= 12; m++) {
    const monthDay = `${String(m).padStart(2, '0')}-01`;
    if (!fits(monthDay)) continue;
    const start = yearAround(first, monthDay).start;
    if (best === undefined || start > best.start) best = { monthDay, start };
  }
  return best?.monthDay;
}

/**
 * A file's numbering as pairs of dates, within a series: `together`, the dates of vouchers
 * numbered n and n + 1 (each number on one date), and `apart`, the first and last date of one
 * number written on several; with the voucher (`A 12`) each pair starts at, and the file's first
 * numbered voucher date.
 */
function numberingPairs(doc: SieDocument): { together: [string, string, string][]; apart: [string, string, string][]; first: string | undefined } {
  const dates = new Map<string, Set<string>>();
  let first: string | undefined;
  for (const v of doc.vouchers) {
    if (!isNumbered(v.number) || !ISO_DATE.test(v.date)) continue;
    const key = `${v.series.trim()}\u0000${v.number.trim()}`;
    const set = dates.get(key);
    if (set === undefined) dates.set(key, new Set([v.date]));
    else set.add(v.date);
    if (first === undefined || v.date < first) first = v.date;
  }
  const together: [string, string, string][] = [];
  const apart: [string, string, string][] = [];
  for (const [key, set] of dates) {
    const [series, number] = key.split('\u0000') as [string, string];
    const what = series === '' ? `voucher ${number}` : `voucher ${series} ${number}`;
    const sorted = [...set].sort();
    if (sorted.length > 1) {
      apart.push([sorted[0] as string, sorted[sorted.length - 1] as string, what]);
      continue;
    }
    if (!/^\d+$/.test(number)) continue;
    const next = dates.get(`${series}\u0000${String(Number(number) + 1)}`);
    if (next === undefined || next.size !== 1) continue;
    const a = sorted[0] as string;
    const b = [...next][0] as string;
    if (a !== b) together.push(a < b ? [a, b, what] : [b, a, what]);
  }
  return { together, apart, first };
}

/** Whether a year starting on `monthDay` starts after `a` and on or before `b`. */
function startBetween(a: string, b: string, monthDay: string): boolean {
  for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) {
    const start = `${String(y).padStart(4, '0')}-${monthDay}`;
    if (a < start && start <= b) return true;
  }
  return false;
}

/** The year start that identifies a numbered voucher dated `date`: its fiscal year's, else 1 January of its calendar year. */
export function voucherYearStart(fiscalYear: FiscalYear | undefined, date: string): string {
  return fiscalYear?.start ?? `${date.slice(0, 4)}-01-01`;
}

/** The same day a year later (`2025-07-01` → `2026-07-01`). */
export function yearAfter(date: string): string {
  return `${String(Number(date.slice(0, 4)) + 1).padStart(4, '0')}${date.slice(4)}`;
}

/**
 * Whether a stored voucher with the same series and number as a voucher read now lies in the read
 * voucher's fiscal year, and so is the same voucher. Where the file gives the year (`#RAR`), the
 * stored date must lie in it. Where it does not, the stored voucher's year start is taken as the
 * start of a fiscal year of twelve months, which the read voucher's date must lie in, and must
 * differ from the calendar year start standing in for the read one (the same start would have given
 * the same id; an irregular first or last year of other length is not guessed).
 *
 * @param read The voucher read now: its date, the year start standing in for its fiscal year and the fiscal year when the file says.
 * @param stored The stored voucher: its date and the year start of its id.
 */
export function sameFiscalYear(read: { readonly date: string; readonly start: string; readonly fiscalYear?: FiscalYear | undefined }, stored: { readonly date: string; readonly start: string }): boolean {
  if (read.fiscalYear !== undefined) return read.fiscalYear.start <= stored.date && stored.date <= read.fiscalYear.end;
  return stored.start !== read.start && stored.start <= read.date && read.date < yearAfter(stored.start);
}

/** Whether a voucher number makes the voucher one of the books (a 4I file may leave it empty, BL Administration writes 0). */
export function isNumbered(number: string): boolean {
  const n = number.trim();
  return n !== '' && n !== '0';
}

/**
 * A SIE voucher's identity in the books, as the ledger of bank vouchers and the open-item ledger
 * both use it: a numbered voucher by its fiscal year's start, series and number (`2025-07-01 B 12`);
 * one without a number (a 4I file, `#VER B ""` of an invoicing program) by its date, series and
 * `print`, a fingerprint of its content (`2026-01-05 B ~…`), as a series alone does not make it one
 * of the books. `years` tells a numbered voucher's fiscal year (default the file's `#RAR`; see
 * {@link fiscalYears}).
 */
export function voucherIdentity(doc: SieDocument, v: Pick<SieVoucher, 'series' | 'number' | 'date'>, print: string, years: FiscalYears = (date) => fiscalYearOf(doc, date)): { readonly id: string; readonly fiscalYear: FiscalYear | undefined } {
  const series = v.series.trim();
  if (!isNumbered(v.number)) return { id: series === '' ? `${v.date} ~${print}` : `${v.date} ${series} ~${print}`, fiscalYear: undefined };
  const fiscalYear = years(v.date);
  return { id: `${voucherYearStart(fiscalYear, v.date)} ${series} ${v.number.trim()}`, fiscalYear };
}

/** `id`, or with its ordinal (` (2)`, ` (3)`, …) when `seen` counted it before in the same file. */
export function withOrdinal(id: string, seen: Map<string, number>): string {
  const n = (seen.get(id) ?? 0) + 1;
  seen.set(id, n);
  return n > 1 ? `${id} (${n})` : id;
}
