/**
 * Cold start from SIE history: every voucher that touches the client's bank or cash accounts is a
 * past booking — its text maps to its counter-rows, the whole template (VAT, fixed amounts).
 */
import { trySumAmounts } from '../core/money.js';
import type { SieDocument, SieVoucher } from '../sie/types.js';
import type { Knowledge } from './base.js';
import { learnInto, newChangeSet } from './learn.js';
import type { AccountNo, ClientSettings, ConfirmedBooking, KnowledgeChanges } from './types.js';
import { partitionPoint } from '../core/sort.js';

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

/** Why a voucher of the books is not learned although it may touch a bank account. */
export type UnlearnedVoucherReason =
  /** The same numbered voucher (series, number, date, text, rows) earlier in the file: one voucher exported twice. */
  | 'repeat'
  /** Cancelled by a later correction voucher that reverses it exactly. */
  | 'reversed'
  /** A correction voucher that reverses an earlier one exactly. */
  | 'reversal';

/** Words a correction voucher is titled with: korrigering, korr., makulering, rättelse, återföring, storno, annullering, felbokning. */
const REVERSAL_WORD = /(?<![\p{L}\p{N}])(korr(?:ig\p{L}*|\.|(?!\p{L}))|makuler\p{L}*|rättelse|rättning|återför(?:ing\p{L}*|[dst]|a)?(?!\p{L})|storno\p{L}*|annuller\p{L}*|felbok\p{L}*)/iu;

/** Account → summed amount of a voucher's rows on bookkeeping accounts, zero sums left out, sorted; negated when `sign` is -1. */
function rowSignature(v: SieVoucher, sign: 1 | -1): string {
  const sums = new Map<string, number>();
  for (const t of v.transactions) if (ACCOUNT_NUMBER_PATTERN.test(t.account)) sums.set(t.account, (sums.get(t.account) ?? 0) + t.amount);
  return [...sums]
    .filter(([, a]) => a !== 0)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([account, amount]) => `${account}:${sign * amount}`)
    .join('|');
}

/** How many earlier vouchers with the same rows a correction is compared with. */
const MAX_LOOKBACK = 100;

/** All texts of a voucher: its own and its rows'. */
function allTexts(v: SieVoucher): string {
  return [v.text, ...v.transactions.map((t) => t.text ?? '')].join(' ');
}

/** Whether `text` names voucher `o` by series and number (`A5`, `A 5`, `A-5`, `A:5`, `A nr 5`; `ver 5` when it has no series). */
function names(text: string, o: SieVoucher): boolean {
  const series = o.series.trim();
  const number = o.number.trim();
  if (number === '' || number === '0') return false;
  const esc = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Without a series a bare number says too little: "ver 5", "ver.nr 5", "verifikation 5", "nr 5".
  const ref = series === '' ? `(?:ver\\p{L}*|nr)\\.?[ \t]*(?:nr\\.?[ \t]*)?${esc(number)}` : `${esc(series)}[ \t:./-]?(?:nr\\.?[ \t]?)?${esc(number)}`;
  return new RegExp(`(?<![\\p{L}\\p{N}])${ref}(?![\\p{N}])`, 'iu').test(text);
}

/**
 * The vouchers of `doc` that learning leaves out although they may touch a bank account, so that it
 * learns only what stands in the books:
 * - `repeat`: a numbered voucher identical to one earlier in the file (series, number, date, text
 *   and rows) is the same voucher exported twice, not a second booking. Unnumbered vouchers (a 4I
 *   file leaves numbering to the importer, also when it gives a series) may be two equal payments
 *   and are all kept.
 * - `reversed` / `reversal`: a correction voucher whose rows are exactly the negative of an earlier
 *   voucher's (per account), and that says so — titled korrigering, makulering, rättelse,
 *   återföring, storno, … or naming that voucher's series and number — cancels it: neither the
 *   wrong booking nor its reversal is how the client books that counterparty. An exact negative
 *   that says neither (money back from a supplier) is a booking and stays.
 *
 * ```ts
 * const left = unlearnedVouchers(readSie(bytes)); // Map<SieVoucher, 'repeat' | 'reversed' | 'reversal'>
 * ```
 */
export function unlearnedVouchers(doc: SieDocument): Map<SieVoucher, UnlearnedVoucherReason> {
  const out = new Map<SieVoucher, UnlearnedVoucherReason>();
  const seen = new Set<string>();
  const bySignature = new Map<string, { v: SieVoucher; i: number }[]>();
  const candidates: { v: SieVoucher; i: number }[] = [];
  doc.vouchers.forEach((v, i) => {
    // A number makes it one voucher; a series alone does not (Visma Fakturering writes `#VER B ""`).
    const numbered = v.number.trim() !== '' && v.number.trim() !== '0';
    if (numbered) {
      const key = [v.series.trim(), v.number.trim(), v.date, v.text, ...v.transactions.map((t) => `${t.account} ${t.amount}`)].join('\u0000');
      if (seen.has(key)) {
        out.set(v, 'repeat');
        return;
      }
      seen.add(key);
    }
    const sig = rowSignature(v, 1);
    if (sig === '') return;
    const list = bySignature.get(sig);
    if (list === undefined) bySignature.set(sig, [{ v, i }]);
    else list.push({ v, i });
    candidates.push({ v, i });
  });
  const before = (a: { v: SieVoucher; i: number }, b: { v: SieVoucher; i: number }): boolean => a.v.date < b.v.date || (a.v.date === b.v.date && a.i < b.i);
  const byTime = (a: { v: SieVoucher; i: number }, b: { v: SieVoucher; i: number }): number => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  for (const list of bySignature.values()) list.sort(byTime);
  // Corrections in date order (file order within a day), each pairing with one earlier voucher.
  candidates.sort(byTime);
  for (const c of candidates) {
    const r = c.v;
    if (out.has(r)) continue;
    const list = bySignature.get(rowSignature(r, -1));
    if (list === undefined) continue;
    const text = allTexts(r);
    const worded = REVERSAL_WORD.test(text);
    const digits = new Set(text.match(/\d+/g) ?? []);
    if (!worded && digits.size === 0) continue;
    // The voucher it names, else the latest one before it; looking back over a bounded number of
    // vouchers with the same rows (a till's thousand equal sales must not make this quadratic).
    const lo = partitionPoint(list, (x) => before(x, c));
    let best: SieVoucher | undefined;
    for (let k = lo - 1, seen = 0; k >= 0 && seen < MAX_LOOKBACK; k--, seen++) {
      const o = (list[k] as { v: SieVoucher; i: number }).v;
      if (out.has(o)) continue;
      if (digits.has(o.number.trim()) && names(text, o)) {
        best = o;
        break;
      }
      if (worded) best ??= o;
    }
    if (best !== undefined) {
      out.set(best, 'reversed');
      out.set(r, 'reversal');
    }
  }
  return out;
}

/**
 * The vouchers of a SIE document that touch a bank/cash account, as confirmed bookings, in date
 * order (stable). Left out: vouchers whose bank rows sum to zero (internal transfers) or that take
 * money out of one bank account and put it into another (a transfer with a fee or an exchange
 * difference), vouchers
 * that do not balance once rows on non-account markers (`FEL`, `DIFF`) are dropped — an unbalanced
 * voucher is an error in the books, not a booking to learn from or to be scored against — and the
 * repeats, reversed vouchers and their reversals of {@link unlearnedVouchers}.
 *
 * ```ts
 * const bookings = sieBookings(readSie(bytes));
 * ```
 */
export function sieBookings(doc: SieDocument, options: SieBookingOptions = {}): ConfirmedBooking[] {
  const out: ConfirmedBooking[] = [];
  const unlearned = doc.vouchers.length > 1 ? unlearnedVouchers(doc) : undefined;
  for (const v of doc.vouchers) {
    if (unlearned?.has(v) === true) continue;
    const rows = v.transactions.filter((t) => ACCOUNT_NUMBER_PATTERN.test(t.account));
    const bankRows = rows.filter((t) => isBank(t.account, options.bankAccounts));
    const bankSum = trySumAmounts(bankRows);
    if (bankSum === 0 || bankSum === undefined) continue;
    if (movesBetweenBankAccounts(bankRows)) continue;
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

/**
 * Money out of one bank account and into another in one voucher: a transfer between the client's
 * own accounts, with what made the two sides differ (a fee, an exchange difference on a currency
 * account). Its text names the transfer, not a counterparty, and its other rows are no template for
 * that text: learning "Överföring" → 7960 would book the next plain transfer as an exchange loss.
 */
function movesBetweenBankAccounts(bankRows: readonly { readonly account: string; readonly amount: number }[]): boolean {
  const sums = new Map<string, number>();
  for (const r of bankRows) sums.set(r.account, (sums.get(r.account) ?? 0) + r.amount);
  let out = false;
  let into = false;
  for (const a of sums.values()) {
    if (a < 0) out = true;
    if (a > 0) into = true;
  }
  return out && into;
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
