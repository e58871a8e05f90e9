/**
 * Cold start from SIE history: every voucher that touches the client's bank or cash accounts is a
 * past booking — its text maps to its counter-rows, the whole template (VAT, fixed amounts).
 */
import { trySumAmounts } from '../core/money.js';
import type { SieDocument, SieVoucher } from '../sie/types.js';
import type { Knowledge } from './base.js';
import { learnInto, newChangeSet } from './learn.js';
import type { AccountNo, ClientSettings, ConfirmedBooking, KnowledgeChanges } from './types.js';

/** Bank and cash accounts in BAS: 19xx (kassa, plusgiro, bank). */
export const BANK_ACCOUNT_PATTERN = /^19\d\d$/;

/**
 * A bookkeeping account is four digits (BAS). SIE exports also carry marker rows such as SoftOne's
 * `FEL`/`DIFF`, which the lenient reader keeps; they are no booking and are dropped.
 */
export const ACCOUNT_NUMBER_PATTERN = /^\d{4}$/;

/** Options of {@link sieBookings}. */
export interface SieBookingOptions {
  /** Accounts that count as bank/cash; default every 19xx account. */
  readonly bankAccounts?: readonly AccountNo[] | undefined;
}

function isBank(account: string, bankAccounts: readonly AccountNo[] | undefined): boolean {
  return bankAccounts === undefined ? BANK_ACCOUNT_PATTERN.test(account) : bankAccounts.includes(account);
}

/** The text a voucher is known by: its own text, else the bank row's text, else any row text. */
export function voucherText(v: SieVoucher, bankAccounts?: readonly AccountNo[]): string {
  const own = v.text.trim();
  if (own !== '') {
    // Programs that title a voucher with a code ("BE") often write the detail on its rows
    // ("BE/FA30077/Österängens Bilservice"): a row text that begins with the voucher text and says
    // more is the fuller text of the same voucher (the bank row's first).
    const upper = own.toUpperCase();
    const fuller = (t: SieVoucher['transactions'][number]): boolean => {
      const x = (t.text ?? '').trim();
      return x.length > own.length && x.toUpperCase().startsWith(upper);
    };
    const row = v.transactions.find((t) => isBank(t.account, bankAccounts) && fuller(t)) ?? v.transactions.find(fuller);
    return row?.text?.trim() ?? own;
  }
  const bankRow = v.transactions.find((t) => isBank(t.account, bankAccounts) && (t.text ?? '').trim() !== '');
  const anyRow = v.transactions.find((t) => (t.text ?? '').trim() !== '');
  return (bankRow ?? anyRow)?.text?.trim() ?? '';
}

/**
 * The vouchers of a SIE document that touch a bank/cash account, as confirmed bookings, in date
 * order (stable). Left out: vouchers whose bank rows sum to zero (internal transfers), and vouchers
 * that do not balance once rows on non-account markers (`FEL`, `DIFF`) are dropped — an unbalanced
 * voucher is an error in the books, not a booking to learn from or to be scored against.
 *
 * ```ts
 * const bookings = sieBookings(readSie(bytes));
 * ```
 */
export function sieBookings(doc: SieDocument, options: SieBookingOptions = {}): ConfirmedBooking[] {
  const out: ConfirmedBooking[] = [];
  for (const v of doc.vouchers) {
    const rows = v.transactions.filter((t) => ACCOUNT_NUMBER_PATTERN.test(t.account));
    const bankSum = trySumAmounts(rows.filter((t) => isBank(t.account, options.bankAccounts)));
    if (bankSum === 0 || bankSum === undefined) continue;
    if (rows.every((t) => isBank(t.account, options.bankAccounts))) continue;
    if (trySumAmounts(rows) !== 0) continue;
    const text = voucherText(v, options.bankAccounts);
    out.push({
      transaction: { date: v.date, amount: bankSum, text },
      voucher: { date: v.date, text, rows: rows.map((t) => ({ account: t.account, amount: t.amount })) },
      origin: 'sie',
    });
  }
  return out
    .map((b, i) => ({ b, i }))
    .sort((x, y) => (x.b.voucher.date < y.b.voucher.date ? -1 : x.b.voucher.date > y.b.voucher.date ? 1 : x.i - y.i))
    .map((x) => x.b);
}

/** Result of {@link learnFromSieDocument}. */
export interface ColdStartResult {
  /** Vouchers in the file. */
  readonly vouchers: number;
  /** Bookings learned. */
  readonly learned: number;
  /** Bank-touching vouchers that taught nothing (no usable text, …). */
  readonly skipped: number;
  readonly changes: KnowledgeChanges;
}

/**
 * Learns a client's history from a SIE document. The client's `bankAccounts` decide which rows are
 * the bank side; when the client has none configured, every 19xx account is.
 *
 * ```ts
 * const { learned } = learnFromSieDocument(knowledge, client, readSie(bytes));
 * ```
 */
export function learnFromSieDocument(k: Knowledge, client: ClientSettings, doc: SieDocument): ColdStartResult {
  const bankAccounts = client.bankAccounts ?? [...new Set(doc.vouchers.flatMap((v) => v.transactions.map((t) => t.account)))].filter((a) => BANK_ACCOUNT_PATTERN.test(a));
  const bookings = sieBookings(doc, { bankAccounts });
  const asClient: ClientSettings = { ...client, bankAccounts };
  const cs = newChangeSet();
  let learned = 0;
  for (const b of bookings) if (learnInto(k, cs, asClient, b).learned) learned++;
  return { vouchers: doc.vouchers.length, learned, skipped: bookings.length - learned, changes: cs.result() };
}
