/**
 * A BgMax file (Bankgirot "Bankgiro Inbetalningar"): the customer payments the bank deposited on a
 * client's bankgiro, one deposit (insättning) per bank line. Money is integer öre, dates ISO.
 *
 * @module
 */

/** `payment` is a TK20 record; `deduction` a TK21 (a negative payment, e.g. a credit note paid back). */
export const BGMAX_PAYMENT_KINDS = ['payment', 'deduction'] as const;
export type BgmaxPaymentKind = (typeof BGMAX_PAYMENT_KINDS)[number];

/** An extra reference (TK22, or TK23 for a negative one) of a payment. */
export interface BgmaxExtraReference {
  readonly reference: string;
  /** Öre, as written (usually 0). */
  readonly amount: number;
  readonly negative: boolean;
  readonly line: number;
}

/** One payment (TK20) or deduction (TK21) with the records that describe it. */
export interface BgmaxPayment {
  readonly kind: BgmaxPaymentKind;
  /** The payer's bankgiro number (digits), empty when not given. */
  readonly senderBankgiro: string;
  /** The reference field as written, trimmed (an OCR number, or several references). */
  readonly reference: string;
  /** Every reference of the payment: the reference field split at spaces and commas, then the extra references. */
  readonly references: readonly string[];
  /** Signed öre: positive for a payment, negative for a deduction. */
  readonly amount: number;
  /** Reference code (position 56): 1 none, 2 OCR, 3 several references, 4 one reference, 5 wrong reference. */
  readonly referenceCode: string;
  /** Payment channel code (position 57). */
  readonly channel: string;
  /** Bankgirot's serial number of the payment (BGC löpnummer). */
  readonly serial: string;
  /** TK21 only: the deduction code (position 71). */
  readonly deductionCode?: string | undefined;
  readonly extraReferences: readonly BgmaxExtraReference[];
  /** TK25 information texts. */
  readonly information: readonly string[];
  /** TK26 name and extra name, TK27–28 address, TK29 organisation number. */
  readonly name?: string | undefined;
  readonly extraName?: string | undefined;
  readonly address?: string | undefined;
  readonly postcode?: string | undefined;
  readonly town?: string | undefined;
  readonly country?: string | undefined;
  readonly countryCode?: string | undefined;
  readonly orgNumber?: string | undefined;
  /** 1-based line of the TK20/21 record. */
  readonly line: number;
}

/** One deposit: a TK05 opening, its payments, and the TK15 deposit record that closes it. */
export interface BgmaxDeposit {
  /** The client's bankgiro that received the payments (digits). */
  readonly bankgiro: string;
  readonly currency: string;
  /** The bank account the money went to, as written (trimmed). */
  readonly bankAccount: string;
  /** Deposit (payment) date, ISO. */
  readonly date: string;
  readonly serial: string;
  /** Öre, as the TK15 record states it: Σ payments − Σ deductions. */
  readonly amount: number;
  readonly paymentCount: number;
  readonly type: string;
  readonly payments: readonly BgmaxPayment[];
  /** 1-based lines of the TK05 and TK15 records. */
  readonly line: number;
  readonly endLine: number;
}

/** Something the reader repaired or skipped. */
export interface BgmaxIssue {
  readonly line: number;
  readonly message: string;
}

/** A whole BgMax file. */
export interface BgmaxFile {
  /** Format version (TK01 positions 23–24). */
  readonly version: string;
  /** Written by Bankgirot, `YYYY-MM-DDTHH:MM:SS.ffffff` (Swedish time). */
  readonly timestamp: string;
  /** True for a test file (`T`), false for production (`P`). */
  readonly test: boolean;
  readonly deposits: readonly BgmaxDeposit[];
  readonly issues: readonly BgmaxIssue[];
}
