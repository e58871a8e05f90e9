/**
 * Public types of bank statement parsing. Amounts are integers in öre (money out is negative),
 * dates are ISO `YYYY-MM-DD`.
 */
import type { TextEncoding } from '../core/encoding.js';

/** Stable ids of the built-in statement formats (part of the public API). */
export const STATEMENT_FORMAT_IDS = [
  'swedbank-csv',
  'swedbank-fixed-2015',
  'swedbank-tab-2015',
  'swedbank-short-2017',
  'seb-kontohandelser',
  'seb-transaktioner',
  'seb-legacy',
  'handelsbanken',
  'handelsbanken-html',
  'handelsbanken-business',
  'nordea-2020',
  'nordea-2022',
  'nordea-2024',
  'nordea-old',
  'nordea-tab',
  'danske',
  'lansforsakringar',
  'ica',
  'skandia',
  'lunar',
  'skattekonto',
  'camt053',
  'camt052',
  'mt940',
  'generic-csv',
] as const;
export type StatementFormatId = (typeof STATEMENT_FORMAT_IDS)[number];

export const TRANSACTION_KINDS = [
  'card',
  'bankgiro',
  'plusgiro',
  'swish',
  'autogiro',
  'salary',
  'transfer',
  'tax-account',
  'fee',
  'interest',
] as const;
/** A coarse type, where the bank text shows it. */
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

/**
 * One bank line. Every transaction object has all fields; optional ones are `undefined` when the
 * file does not give them (they are left out of JSON).
 */
export interface BankTransaction {
  /**
   * Deterministic id: same account, date, amount, text, balance and place among identical rows → same id.
   * The account number goes in as the file spells it, or as `ParseStatementOptions.idAccountNumbers` names it.
   */
  readonly id: string;
  /**
   * 1-based physical line in the file. In a workbook, the sheet row. In an HTML table whose rows
   * share physical lines (a Handelsbanken `.xls` written on one line), the row's place among the
   * page's table rows: the sheet row a spreadsheet shows when it opens the file.
   */
  readonly line: number;
  /** Booking date (bokföringsdag). */
  readonly date: string;
  /**
   * The other date the bank gives, when it differs from the booking date: the transaction
   * (purchase) date where the bank has one (Swedbank `Transaktionsdag`, Handelsbanken
   * `Transaktionsdatum`), else the value date (SEB `Valutadatum`).
   */
  readonly valueDate?: string | undefined;
  /** Signed öre: negative is money leaving the account. */
  readonly amount: number;
  /** Balance after this row, in öre, where the file has one. */
  readonly balance?: number | undefined;
  /**
   * The bank's main description column exactly as written (trimmed): Swedbank `Beskrivning`,
   * Nordea `Rubrik`/`Ytterligare detaljer`, SEB `Text`, ICA `Text`, … A key builder should look at
   * `counterparty` too: some banks keep the merchant there and a type word in `text`.
   */
  readonly text: string;
  /** Reference / message / OCR, where the bank has a separate column for it (Nordea `Meddelande`). */
  readonly reference?: string | undefined;
  /**
   * Counterparty name where the bank has a separate column for it (Swedbank `Referens`, Nordea
   * `Namn`); in a file without one whose texts are sentences built from templates (a payment
   * service's `Sent money to Tove Lindqvist`), the name in the template's slot, induced from the file.
   */
  readonly counterparty?: string | undefined;
  /** The other party's account, bankgiro or plusgiro number where the bank gives it (Nordea `Mottagare`/`Avsändare`). */
  readonly counterpartyAccount?: string | undefined;
  readonly kind?: TransactionKind | undefined;
  /** Only set when one file holds rows of several accounts (Swedbank "Sökta transaktioner"): this row's account. */
  readonly accountNumber?: string | undefined;
  /**
   * Only set when one file holds rows of several accounts that it names rather than numbers (an
   * `Account` column holding `Main SEK`, `Savings SEK`): this row's account's name.
   */
  readonly accountName?: string | undefined;
  /** Currency of this row when it differs from the statement's. */
  readonly currency?: string | undefined;
  /**
   * Only present (true) on preliminary/reserved rows, which are included only on request. Such a
   * row may have no booking date yet: `date` is then its transaction date, or `''` when the bank
   * gives none (Nordea's `Reserverat`).
   */
  readonly pending?: true | undefined;
}

export const WARNING_CODES = [
  'BALANCE_CHAIN_BROKEN',
  'ROW_SKIPPED',
  'PENDING_EXCLUDED',
  'CURRENCY_MIXED',
  'ACCOUNTS_MIXED',
  'FOOTER_IGNORED',
  /** Rows the bank marks as declined, reverted, failed or cancelled: money that never moved, left out. */
  'ROWS_VOID',
  'ENCODING_REPLACEMENT',
  /**
   * The file's lines are in two encodings (UTF-8 lines and Windows-1252 lines: something re-saved
   * or appended part of it); each line was read in its own. `lines` names the first line in the
   * encoding other than the statement's `encoding`.
   */
  'ENCODING_MIXED',
  'COLUMNS_DETECTED',
  /**
   * A file no known format claimed whose amounts read two ways (`1.500`: 1,50 kr with three
   * decimals, or 1 500 kr with a dot between thousands) and no amount or balance in it tells which.
   */
  'AMOUNTS_AMBIGUOUS',
  /**
   * The amounts have no sign (all written as positive) beside a running balance: each row's sign
   * was taken from its balance less the balance before it.
   */
  'SIGNS_FROM_BALANCE',
  /**
   * Rows of such a file whose sign the balances do not give (the oldest row, with no balance before
   * it — no opening-balance line, no earlier joined export — or a row whose balance difference is
   * not its amount, nor the same line signed in an overlapping export): kept as written; `lines` names them.
   */
  'SIGN_UNKNOWN',
  /** The statement was put on a bank account that neither its account number nor the caller chose (the facade's import). */
  'BANK_ACCOUNT_GUESSED',
  /**
   * Lines stored now whose date and amount match lines that an export of another format brought for
   * the same period of the same bank account (the facade's import): probably the same transactions.
   */
  'OVERLAPS_OTHER_EXPORT',
  /**
   * A file in sections whose later section repeats lines of an earlier one of the same account
   * (two exports of overlapping periods joined end to end): each such line is kept once, from the
   * earlier section; `lines` names the repeats left out. Lines without a balance of their own on the
   * one day two sections share are taken for this when the running balance shows a join (the later
   * section opens at the earlier one's closing balance less the lines both hold), or when the order
   * does (a day that is not where one section ends and the next begins, as a page break's would be)
   * and one section's lines of that day are all among the other's; the message names them. Where
   * neither tells (bare repeated headers, no balance) such lines are taken for copies too, the
   * likelier reading, and the message says which were left out on that guess.
   */
  'SECTIONS_OVERLAP',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface ParseWarning {
  readonly code: WarningCode;
  readonly message: string;
  /** Lines the warning is about (1-based physical). */
  readonly lines: readonly number[];
}

export interface Statement {
  readonly format: StatementFormatId;
  /** Human-readable bank name, e.g. "Swedbank". */
  readonly bank: string;
  readonly encoding: TextEncoding;
  /** The account the rows belong to; with several accounts in one file, the most common one (see `ACCOUNTS_MIXED`). */
  readonly accountNumber?: string | undefined;
  /**
   * The account's name where the file names the account instead of numbering it (an `Account` or
   * `Konto` column holding `Main SEK` or `Företagskonto`): never reported as `accountNumber`.
   */
  readonly accountName?: string | undefined;
  readonly currency: string;
  /**
   * Balance before the first and after the last row, from the running balance or a balance row.
   * Left out when the rows belong to several accounts (`ACCOUNTS_MIXED`): each account's balance
   * chain is then checked on its own.
   */
  readonly openingBalance?: number | undefined;
  readonly closingBalance?: number | undefined;
  /**
   * The period the export covers, where the file states it: on its rows (Handelsbanken `Datum
   * intervall`), in its title rows (`Period: 2026-10-01 – 2026-10-31`, Swedbank's `* Transaktioner
   * Period …`), or in every section's heading.
   */
  readonly period?: { readonly from: string; readonly to: string } | undefined;
  /**
   * Only for files no known format claimed, read by what their header says: which column was
   * taken for what (a {@link ColumnMapping} that can be passed back as `columns`), and why.
   */
  readonly detected?: DetectedColumns | undefined;
  /**
   * Only for a file in sections — several accounts or periods in one export, each introduced by
   * heading lines of its own (account, period) and its own column header — in file order. Each
   * section's balance chain is checked on its own; with several accounts the statement's
   * `openingBalance`/`closingBalance` are left out (they are per section here) and every
   * transaction carries its `accountNumber`.
   */
  readonly sections?: readonly StatementSection[] | undefined;
  /** In file order. */
  readonly transactions: readonly BankTransaction[];
  readonly warnings: readonly ParseWarning[];
}

/** One section of a file in sections (see {@link Statement.sections}). */
export interface StatementSection {
  /** 1-based line where the section starts: its first heading line, else its column header. */
  readonly line: number;
  /** The heading lines' text (cells joined by a space, lines by ` · `); '' when it has none. */
  readonly heading: string;
  /** The account the heading names, or the one of the section above when it names none (a new period). */
  readonly accountNumber?: string | undefined;
  /** The account's name where the heading names the account instead of numbering it. */
  readonly accountName?: string | undefined;
  /** The period the heading states. */
  readonly period?: { readonly from: string; readonly to: string } | undefined;
  readonly openingBalance?: number | undefined;
  readonly closingBalance?: number | undefined;
  /** Transactions of this section in `Statement.transactions`. */
  readonly count: number;
}

/** The header reader's choice of columns (header names as in the file) and its reasons. */
export interface DetectedColumns {
  readonly columns: ColumnMapping;
  readonly why: string;
}

/** Column roles for the generic CSV path. Each value is a 0-based index or a header name. */
export interface ColumnMapping {
  readonly date: number | string;
  readonly amount?: number | string;
  /** Split in/out columns, used instead of `amount`. Money out may be written positive or negative. */
  readonly credit?: number | string;
  readonly debit?: number | string;
  readonly text: number | string | readonly (number | string)[];
  readonly balance?: number | string;
  readonly valueDate?: number | string;
  readonly reference?: number | string;
  readonly counterparty?: number | string;
  /** A `D`/`K` (`Debet`/`Kredit`, `DR`/`CR`) column that signs an unsigned `amount`. */
  readonly sign?: number | string;
  /** A fee charged besides the amount, booked as a row of its own. */
  readonly fee?: number | string;
  /** Beside `fee`: the amount and the fee together (a payment service's `Net`), checked on every row, never booked. */
  readonly net?: number | string;
}
