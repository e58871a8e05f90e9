/**
 * The open-item ledger (reskontra): the supplier and customer invoices a client's books hold, how
 * much of each is still open, and what settled the rest. Plain JSON-safe data, so every store keeps
 * it as it is. Money is integer öre, dates ISO `YYYY-MM-DD`.
 *
 * @module
 */
import type { AccountNo } from '../knowledge/types.js';

/** `supplier`: a voucher credited a supplier-debt account (244x); `customer`: it debited a receivable account (151x). */
export const OPEN_ITEM_KINDS = ['supplier', 'customer'] as const;
export type OpenItemKind = (typeof OPEN_ITEM_KINDS)[number];

/**
 * Where a voucher came from: a learned SIE file, a voucher confirmed through kontera, or the
 * reconciliation against the account's balance in a SIE file (the books say the item is paid, no
 * single voucher does).
 */
export const OPEN_ITEM_ORIGINS = ['sie', 'confirmed', 'balance'] as const;
export type OpenItemOrigin = (typeof OPEN_ITEM_ORIGINS)[number];

/** One payment, credit note or other voucher that settled (part of) an item. */
export interface OpenItemSettlement {
  /** The settling voucher's id (see {@link OpenItemVoucher.id}). */
  readonly voucher: string;
  readonly origin: OpenItemOrigin;
  readonly date: string;
  /** Positive öre of the item this voucher settled. */
  readonly amount: number;
  /** The normalised counterparty key of the bank line it booked, when it booked one (unlearning it reopens the item). */
  readonly key?: string | undefined;
  /**
   * The version of the settling voucher this settlement was derived from: a fingerprint of its date,
   * text and rows on item accounts. A numbered voucher edited in the books keeps its id, so a later
   * file's version that differs from it is settled again. Absent in ledgers stored before.
   */
  readonly source?: string | undefined;
  /** `#GEN` date of the SIE file that version was read from (see {@link OpenItem.exported}). */
  readonly exported?: string | undefined;
  /**
   * The settling voucher named no reference or party object of the item: it was matched by amount
   * and counterparty, so an invoice of the same amount and counterparty dated earlier, learned
   * later, takes the settlement over (as learning in date order would have settled it). Absent
   * otherwise and in ledgers stored before.
   */
  readonly byName?: true | undefined;
}

/** One invoice in the ledger. */
export interface OpenItem {
  readonly v: 1;
  /** Stable: the same voucher learned twice gives the same id (`sie:2025-01-01 B 12:1510:0`). */
  readonly id: string;
  readonly kind: OpenItemKind;
  /** The account the invoice was booked on (2440, 2441, 1510, …). */
  readonly account: AccountNo;
  /** The invoice voucher's series and number as the books write them ("A", "57"). */
  readonly series: string;
  readonly number: string;
  readonly origin: OpenItemOrigin;
  /** Invoice (voucher) date. */
  readonly date: string;
  /** Positive öre: what the invoice is worth. */
  readonly amount: number;
  /** Positive öre still open; 0 when settled. */
  readonly open: number;
  /** The voucher or row text the invoice was booked with. */
  readonly text: string;
  /** The counterparty as a bookkeeper reads it ("Telia Sverige AB"), empty when the text names none. */
  readonly name: string;
  /** Normalised counterparty words (upper case, no legal forms, invoice words or digits). */
  readonly words: readonly string[];
  /** Invoice numbers, OCR and other references found in the texts (digits, leading zeros dropped). */
  readonly references: readonly string[];
  /**
   * Usually payments and credit notes. A settlement by the item's own voucher closes an item whose
   * voucher was edited in the books so that it no longer books the invoice: the item is kept (with
   * its id and the export date) so that learning an older export again does not bring it back.
   */
  readonly settlements: readonly OpenItemSettlement[];
  /**
   * `#GEN` date of the SIE file whose version of the invoice voucher the item holds. A numbered
   * voucher edited in the books keeps its id: a file's differing version replaces the item's unless
   * this date is later than the file's (an older export learned again). Absent when the file had no
   * `#GEN`, for items not read from a SIE file, and in ledgers stored before.
   */
  readonly exported?: string | undefined;
}

/** A voucher row as the ledger reads it. */
export interface OpenItemVoucherRow {
  readonly account: AccountNo;
  /** Signed öre, debit positive. */
  readonly amount: number;
  readonly text?: string | undefined;
  /** SIE object ids by dimension ("8" customer, "9" supplier, "10" invoice), when the books have them. */
  readonly objects?: readonly { readonly dimension: number; readonly object: string }[] | undefined;
}

/** A voucher the ledger learns from: a SIE `#VER` or a voucher confirmed through kontera. */
export interface OpenItemVoucher {
  /** Unique per client and origin: `sie:2025-01-01 B 12` (fiscal year start, series, number), `confirmed:A:7`. */
  readonly id: string;
  readonly origin: OpenItemOrigin;
  readonly series: string;
  readonly number: string;
  readonly date: string;
  readonly text: string;
  readonly rows: readonly OpenItemVoucherRow[];
  /** The bank line it books, when it books one: its texts are evidence for which item it settles. */
  readonly line?: { readonly text: string; readonly reference?: string | undefined; readonly counterparty?: string | undefined } | undefined;
  /** The normalised counterparty key of that bank line. */
  readonly key?: string | undefined;
  /**
   * Keep rows on the same account apart even when their texts are the same (a confirmed voucher
   * settling several items has one row per item and no row texts). Default false: rows with the
   * same account and text are netted, as SIE files write reversals.
   */
  readonly separateRows?: boolean | undefined;
  /** `#GEN` date of the SIE file it was read from: which of two versions of an edited voucher is newer. */
  readonly exported?: string | undefined;
}

/** Which accounts hold open items. */
export interface OpenItemAccounts {
  /** True for a supplier-debt account. */
  readonly supplier: (account: AccountNo) => boolean;
  /** True for a customer-receivable account. */
  readonly customer: (account: AccountNo) => boolean;
}

/**
 * What a payment, credit note or other settling voucher had left when no open item could take it:
 * kept, so that the invoice it settles, learned later (another fiscal year's file, a 4I file, a
 * series read after the payment's, a confirmed booking before the file), is settled by it as if
 * the two had been learned in date order. One per settling row group of a voucher (`group`), or
 * per part of a settlement a revised invoice no longer takes (`item`).
 */
export interface PendingSettlement {
  readonly v: 1;
  /** Unique per client: `<voucher id>:<account>:<group>`, or `<voucher id>:<item id>` for a cut part. */
  readonly id: string;
  /**
   * The settling voucher as read: its rows, texts and bank line are the evidence of what it
   * settles. For a cut part, one row of the part on the item's account with the item's text (the
   * evidence the payment matched with).
   */
  readonly voucher: OpenItemVoucher;
  /** Which of the voucher's settling row groups (rows on one item account with one text, netted), by place. */
  readonly group: number;
  /** The item account it settles on. */
  readonly account: AccountNo;
  /** Positive öre still to settle. */
  readonly amount: number;
  /** The item whose revision cut this part off, for a cut part: its texts are the evidence then. */
  readonly item?: string | undefined;
  /** The voucher version's fingerprint and `#GEN` date (see {@link OpenItemSettlement.source}). */
  readonly source?: string | undefined;
  readonly exported?: string | undefined;
}
