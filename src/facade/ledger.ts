/**
 * The client's own books as kontera keeps them: the bank vouchers of a learned SIE file
 * ({@link LedgerVoucher}), and which imported bank line each of them books.
 *
 * A voucher is identified by its fiscal year, series and number, and its content (date, text,
 * rows) by a fingerprint, so learning the same export again changes nothing and a later export of
 * the growing year adds only what is new or changed. A bank line is booked by a voucher of the books
 * when the voucher moves exactly the line's amount on the line's bank account within
 * {@link MATCH_WINDOW_DAYS} of its date; each voucher books at most one line per bank account.
 *
 * @module
 */
import { dayNumber } from '../knowledge/learn.js';
import { sieBookings, unlearnedVouchers } from '../knowledge/cold-start.js';
import type { AccountNo, ConfirmedBooking } from '../knowledge/types.js';
import { exportDate, fiscalYears, isNumbered, sameFiscalYear, voucherIdentity, withOrdinal } from '../sie/fiscal-year.js';
import type { FiscalYear, FiscalYears } from '../sie/fiscal-year.js';
import type { OpenItem } from '../openitems/types.js';
import type { SieDocument } from '../sie/types.js';
import type { LedgerMark, LedgerVoucher, TransactionMark, TransactionRow, VoucherRecord } from '../store/store.js';
import { fingerprint } from './shared.js';
import { partitionPoint } from '../core/sort.js';

/**
 * How far apart a voucher's date and its bank line's booking date may be. The longest run of days
 * without a Swedish banking day is four (Good Friday to Easter Monday; Christmas Eve to Boxing Day
 * with a weekend), so a payment the books date on one side of it is on the statement at most five
 * days later; the same bound covers the books dating a card payment before the bank books it.
 */
export const MATCH_WINDOW_DAYS = 5;

/** A ledger voucher read from a SIE file, with the booking learning takes from it. */
export interface LedgerEntry {
  readonly voucher: LedgerVoucher;
  readonly booking: ConfirmedBooking;
  /** Cancelled in these books by a correction that reverses it exactly (or that correction): not learned, and evidence learned from it earlier is taken back. */
  readonly cancelled?: true;
  /** The fiscal year (`#RAR`, or inferred) of a numbered voucher; absent when nothing says and the calendar year stands in. */
  readonly fiscalYear?: FiscalYear;
}

/**
 * The bank vouchers of a SIE document as ledger vouchers with their bookings, in file order. A
 * numbered voucher is identified by its fiscal year (`years`, default the file's `#RAR` or its
 * numbering, see `fiscalYears`; else the calendar year: a 4I file need not say, see {@link sameVoucherIds}), series and number; one without a number (a 4I file
 * leaves it to the importing program, also when it gives a series) by its date, series and
 * content, with an ordinal among identical ones. A numbered voucher the file holds twice, identical, is one
 * voucher; a voucher a later correction reverses, and that correction, are marked `cancelled`.
 */
export function ledgerEntries(doc: SieDocument, bankAccounts: readonly AccountNo[], years: FiscalYears = fiscalYears(doc)): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  const seen = new Map<string, number>();
  const unlearned = unlearnedVouchers(doc);
  const exported = exportDate(doc);
  for (const v of doc.vouchers) {
    const why = unlearned.get(v);
    if (why === 'repeat') continue;
    const booking = sieBookings({ ...doc, vouchers: [v] }, { bankAccounts })[0];
    if (booking === undefined) continue;
    const rows = booking.voucher.rows.map((r) => ({ account: r.account, amount: r.amount }));
    const print = fingerprint(booking.voucher.date, booking.voucher.text, ...rows.map((r) => `${r.account} ${r.amount}`));
    // A number makes a voucher one of the books; a series alone does not (Visma Fakturering writes
    // `#VER B ""`): such vouchers are told apart by content, not by their place in the file, so
    // a later export that starts later or holds more of them gives each the same id again.
    // The same identity twice in one file (a broken export, or two equal payments on one day): each stays its own voucher.
    const identity = voucherIdentity(doc, v, print, years);
    const id = withOrdinal(identity.id, seen);
    const fiscalYear = identity.fiscalYear;
    out.push({
      voucher: {
        id,
        series: v.series.trim(),
        number: v.number.trim(),
        date: booking.voucher.date,
        text: booking.voucher.text,
        rows,
        fingerprint: print,
        bankAccounts: bankAccounts.filter((a) => rows.some((r) => r.account === a)),
        learned: false,
        ...(exported !== undefined ? { exported } : {}),
      },
      booking,
      ...(why !== undefined ? { cancelled: true as const } : {}),
      ...(fiscalYear !== undefined ? { fiscalYear } : {}),
    });
  }
  return out;
}

/**
 * The ids under which vouchers of `entries` are already stored, where the id read from this file
 * differs. The year in a numbered id comes from `#RAR`, which a 4I file may leave out (BL
 * Administration writes `#RAR 0` without dates), and then the calendar year stands in: for a fiscal
 * year that does not start in January the 4E export and the 4I file of the same books give one
 * voucher two ids. Two passes, each stored id taken at most once:
 *
 * 1. a stored voucher with the same series, number and fingerprint (date, text, rows) is the same
 *    voucher (this also keeps the ids of vouchers stored before series-only vouchers were
 *    identified by content);
 * 2. a numbered voucher edited in the books between the two exports (same series and number, a row
 *    or the text changed) has another fingerprint, but series and number identify it within its
 *    fiscal year: a stored voucher with the same series and number is the same one when the dates
 *    lie in one fiscal year. Where this file gives the year (`#RAR`), the stored date must lie in
 *    it; where it does not, the stored id's year start is taken as the start of a fiscal year of
 *    twelve months, which this voucher's date must lie in (an irregular first or last year of
 *    other length is not guessed). The entry then replaces the stored voucher's evidence.
 */
export function sameVoucherIds(entries: readonly LedgerEntry[], stored: ReadonlyMap<string, LedgerVoucher>): Map<LedgerEntry, string> {
  const out = new Map<LedgerEntry, string>();
  const ids = new Set(entries.map((e) => e.voucher.id));
  // A stored voucher this file names by the same id stays that voucher.
  const free = [...stored.values()].filter((v) => !ids.has(v.id));
  if (free.length === 0) return out;
  const unmatched = entries.filter((e) => !stored.has(e.voucher.id));
  const taken = new Set<string>();

  const byContent = new Map<string, string[]>();
  const content = (v: LedgerVoucher): string => `${v.series}\u0000${v.number}\u0000${v.fingerprint}`;
  for (const v of free) {
    const k = content(v);
    const list = byContent.get(k);
    if (list === undefined) byContent.set(k, [v.id]);
    else list.push(v.id);
  }
  for (const e of unmatched) {
    const id = byContent.get(content(e.voucher))?.shift();
    if (id === undefined) continue;
    out.set(e, id);
    taken.add(id);
  }

  const byNumber = new Map<string, LedgerVoucher[]>();
  const numberKey = (v: LedgerVoucher): string => `${v.series}\u0000${v.number}`;
  for (const v of free) {
    if (taken.has(v.id) || numberedYear(v) === undefined) continue;
    const k = numberKey(v);
    const list = byNumber.get(k);
    if (list === undefined) byNumber.set(k, [v]);
    else list.push(v);
  }
  if (byNumber.size === 0) return out;
  for (const e of unmatched) {
    if (out.has(e)) continue;
    const own = numberedYear(e.voucher);
    if (own === undefined) continue;
    const candidates = byNumber.get(numberKey(e.voucher));
    if (candidates === undefined) continue;
    const date = e.voucher.date;
    // The closest date first: of two fiscal years that could hold it, the voucher's own is the nearer.
    let best: LedgerVoucher | undefined;
    for (const v of candidates) {
      if (taken.has(v.id)) continue;
      const start = numberedYear(v) ?? '';
      if (!sameFiscalYear({ date, start: own, fiscalYear: e.fiscalYear }, { date: v.date, start })) continue;
      if (best === undefined || Math.abs(dayNumber(v.date) - dayNumber(date)) < Math.abs(dayNumber(best.date) - dayNumber(date))) best = v;
    }
    if (best === undefined) continue;
    out.set(e, best.id);
    taken.add(best.id);
  }
  return out;
}

/**
 * The year start of a numbered voucher's id (`2025-07-01 A 3`); undefined for a voucher without a
 * number and for the second of two vouchers one file held under the same id (`… (2)`).
 */
export function numberedYear(v: LedgerVoucher): string | undefined {
  if (!isNumbered(v.number)) return undefined;
  const start = v.id.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(start) && v.id === `${start} ${v.series} ${v.number}` ? start : undefined;
}

/**
 * The fiscal year starts the client's earlier files gave their numbered vouchers (the ids of the
 * stored bank vouchers and open items), for reading a file without `#RAR` (see `fiscalYears`).
 */
export function knownYearStarts(ledger: readonly LedgerVoucher[], items: readonly OpenItem[]): string[] {
  const starts = new Set<string>();
  for (const v of ledger) {
    const start = numberedYear(v);
    if (start !== undefined) starts.add(start);
  }
  for (const i of items) {
    const m = /^sie:(\d{4}-\d{2}-\d{2}) /.exec(i.id);
    if (m !== null && i.origin === 'sie' && isNumbered(i.number)) starts.add(m[1] as string);
  }
  return [...starts];
}

/** A voucher as {@link unnumberedNotInFile} compares them. */
export interface VoucherSpot {
  readonly id: string;
  readonly series: string;
  readonly number: string;
  readonly date: string;
  readonly text: string;
}

/**
 * The stored vouchers without a number that a file no longer holds although it holds vouchers
 * without a number of their series on dates before and after theirs (an export that starts later
 * or ends earlier does not count). Such a voucher has no identity in the books but its content, so
 * an edit gives it another id: the earlier and the edited one are then both kept. No rule can tell
 * an edit from a removal plus a new voucher or from a file that is a selection (an invoicing
 * program exports a batch), so kontera keeps them and reports them instead of guessing.
 */
export function unnumberedNotInFile(read: readonly VoucherSpot[], stored: readonly VoucherSpot[]): VoucherSpot[] {
  const ids = new Set(read.map((v) => v.id));
  const span = new Map<string, { first: string; last: string }>();
  for (const v of read) {
    if (isNumbered(v.number)) continue;
    const series = v.series.trim();
    const s = span.get(series);
    if (s === undefined) span.set(series, { first: v.date, last: v.date });
    else {
      if (v.date < s.first) s.first = v.date;
      if (v.date > s.last) s.last = v.date;
    }
  }
  return stored.filter((v) => {
    if (isNumbered(v.number) || ids.has(v.id)) return false;
    const s = span.get(v.series.trim());
    return s !== undefined && s.first <= v.date && v.date <= s.last;
  });
}

/** What a voucher's rows on the bank accounts sum to: the bank line it books. */
export function bankAmount(rows: readonly { readonly account: string; readonly amount: number }[], bankAccounts: readonly string[]): number {
  return rows.reduce((s, r) => (bankAccounts.includes(r.account) ? s + r.amount : s), 0);
}

/** The booking a stored ledger voucher was learned as. */
export function bookingOf(v: LedgerVoucher): ConfirmedBooking {
  return {
    transaction: { date: v.date, amount: bankAmount(v.rows, v.bankAccounts), text: v.text },
    voucher: { date: v.date, text: v.text, rows: v.rows.map((r) => ({ account: r.account, amount: r.amount })) },
    origin: 'sie',
  };
}

function markOf(v: LedgerVoucher): LedgerMark {
  return { voucher: v.id, series: v.series, number: v.number };
}

/** Words of three or more letters or digits, upper case: enough to tell two payments of one amount apart. */
function words(s: string): Set<string> {
  return new Set(s.toUpperCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
}

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

function lineKey(bankAccount: string, id: string): string {
  return `${bankAccount}\u0000${id}`;
}

/**
 * Which unmarked lines the ledger vouchers book, as marks to store. Vouchers already marked on a
 * line stay there; the rest are paired with lines of the same bank account and exact amount, the
 * closest dates first, then the most words in common, then file order.
 */
export function matchLedger(vouchers: readonly LedgerVoucher[], lines: readonly TransactionRow[]): TransactionMark[] {
  const used = new Set<string>();
  for (const l of lines) if (l.booked !== undefined) used.add(lineKey(l.bankAccount, l.booked.voucher));
  // Open lines per (bank account, amount), by day, so each voucher looks only at its window.
  const byAmount = new Map<string, { day: number; line: TransactionRow }[]>();
  for (const l of lines) {
    if (l.booked !== undefined || l.pending === true) continue;
    const k = `${l.bankAccount}\u0000${l.amount}`;
    const entry = { day: dayNumber(l.date), line: l };
    const list = byAmount.get(k);
    if (list === undefined) byAmount.set(k, [entry]);
    else list.push(entry);
  }
  for (const list of byAmount.values()) list.sort((a, b) => a.day - b.day);
  const lineWords = new Map<TransactionRow, Set<string>>();
  const pairs: { v: LedgerVoucher; l: TransactionRow; days: number; common: number; order: number }[] = [];
  let order = 0;
  for (const v of vouchers) {
    const day = dayNumber(v.date);
    let vWords: Set<string> | undefined;
    for (const account of v.bankAccounts) {
      if (used.has(lineKey(account, v.id))) continue;
      const amount = v.rows.reduce((s, r) => (r.account === account ? s + r.amount : s), 0);
      if (amount === 0) continue;
      const list = byAmount.get(`${account}\u0000${amount}`);
      if (list === undefined) continue;
      // First line on or after the window's start (binary search), then forward while inside it.
      const lo = partitionPoint(list, (x) => x.day < day - MATCH_WINDOW_DAYS);
      for (let i = lo; i < list.length; i++) {
        const { day: lineDay, line: l } = list[i] as { day: number; line: TransactionRow };
        if (lineDay > day + MATCH_WINDOW_DAYS) break;
        vWords ??= words(`${v.text} ${v.rows.map((r) => r.text ?? '').join(' ')}`);
        let lw = lineWords.get(l);
        if (lw === undefined) {
          lw = words(`${l.text} ${l.counterparty ?? ''} ${l.reference ?? ''}`);
          lineWords.set(l, lw);
        }
        pairs.push({ v, l, days: Math.abs(lineDay - day), common: shared(vWords, lw), order: order++ });
      }
    }
  }
  pairs.sort((a, b) => a.days - b.days || b.common - a.common || a.order - b.order);
  const taken = new Set<string>();
  const marks: TransactionMark[] = [];
  for (const p of pairs) {
    const line = lineKey(p.l.bankAccount, p.l.id);
    const voucher = lineKey(p.l.bankAccount, p.v.id);
    if (taken.has(line) || used.has(voucher)) continue;
    taken.add(line);
    used.add(voucher);
    marks.push({ bankAccount: p.l.bankAccount, id: p.l.id, booked: markOf(p.v) });
  }
  return marks;
}

/** Keys (`bankAccount\0id`) of the lines kontera's own confirmed vouchers book. */
export function confirmedLines(vouchers: readonly VoucherRecord[]): Set<string> {
  const out = new Set<string>();
  for (const v of vouchers) if (v.bankAccount !== undefined && v.transactionId !== undefined) out.add(lineKey(v.bankAccount, v.transactionId));
  return out;
}

/** Keys (`bankAccount\0id`) of lines. */
export function keyOfLine(l: { readonly bankAccount: string; readonly id: string }): string {
  return lineKey(l.bankAccount, l.id);
}
