/**
 * Which fiscal year a numbered voucher of a SIE file belongs to. Voucher numbering restarts every
 * fiscal year, so series and number identify a voucher only within its year: kontera identifies a
 * numbered voucher by the start of its fiscal year, series and number. The year comes from `#RAR`;
 * a 4I file need not say (BL Administration writes `#RAR 0` without dates), and then the calendar
 * year of the voucher's date stands in. For a fiscal year that does not start in January, the 4E
 * export and such a 4I file of the same books then give one voucher two year starts;
 * {@link sameFiscalYear} tells when two of them are the same year. The facade's ledger of bank
 * vouchers and the open-item ledger both identify vouchers this way.
 *
 * @module
 */
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
 * of the books.
 */
export function voucherIdentity(doc: SieDocument, v: Pick<SieVoucher, 'series' | 'number' | 'date'>, print: string): { readonly id: string; readonly fiscalYear: FiscalYear | undefined } {
  const series = v.series.trim();
  if (!isNumbered(v.number)) return { id: series === '' ? `${v.date} ~${print}` : `${v.date} ${series} ~${print}`, fiscalYear: undefined };
  const fiscalYear = fiscalYearOf(doc, v.date);
  return { id: `${voucherYearStart(fiscalYear, v.date)} ${series} ${v.number.trim()}`, fiscalYear };
}

/** `id`, or with its ordinal (` (2)`, ` (3)`, …) when `seen` counted it before in the same file. */
export function withOrdinal(id: string, seen: Map<string, number>): string {
  const n = (seen.get(id) ?? 0) + 1;
  seen.set(id, n);
  return n > 1 ? `${id} (${n})` : id;
}
