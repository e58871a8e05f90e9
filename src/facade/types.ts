/**
 * The public types of the facade: options, results and the {@link Kontera} interface itself.
 *
 * @module
 */
import type { AccountNo, ReviewSettings, TransactionInput, Voucher } from '../knowledge/types.js';
import type { DepositSettlement } from '../openitems/deposit.js';
import type { OpenItem } from '../openitems/types.js';
import type { SieIssue } from '../sie/types.js';
import type { ColumnMapping, ParseWarning, StatementFormatId } from '../statements/types.js';
import type { BureauRow, ClientData, ClientRow, DeleteCounts, Store, TransactionRow, VoucherRecord, VoucherSeries } from '../store/store.js';
import type { BookedAlready, Suggestion } from '../suggest/types.js';

/** Phases reported through `onProgress`. */
export const PROGRESS_PHASES = ['import', 'learn', 'confirm', 'delete'] as const;
export type ProgressPhase = (typeof PROGRESS_PHASES)[number];

/** A progress report: `done` of `total` items of a phase. */
export interface Progress {
  readonly phase: ProgressPhase;
  readonly done: number;
  readonly total: number;
}

/** Options every long operation takes. */
export interface LongOperationOptions {
  /** Called as work advances (synchronously; keep it cheap). */
  readonly onProgress?: ((progress: Progress) => void) | undefined;
  /** Aborting rejects with `ABORTED` and leaves nothing written. */
  readonly signal?: AbortSignal | undefined;
}

/** Options of {@link createKontera}. */
export interface KonteraOptions {
  /** Where everything is kept; default a new memory store. `close()` closes it. */
  readonly store?: Store | undefined;
  /** Restricts this instance to one bureau: clients of other bureaus are unknown to it (see {@link Kontera.forBureau}). */
  readonly bureauId?: string | undefined;
  /**
   * The clock for import and confirmation times (default `new Date()`). Not a function: `VALIDATION`
   * from `createKontera`; a call that stamps a time when it returns an invalid Date: `VALIDATION`,
   * nothing written.
   */
  readonly now?: (() => Date) | undefined;
  /**
   * Network k-anonymity (default 3): a mapping enters the shared network only once this many
   * bureaus hold it (until then it stays each bureau's own candidate), leaves it when fewer do, and
   * is used only from this many on. Use one value for every instance on a store.
   */
  readonly minBureaus?: number | undefined;
}

/** A bank account of a client, with its bank account number and voucher series when known. */
export interface BankAccountInput {
  readonly account: AccountNo;
  /** The bank's account number, used to match statements to this account. */
  readonly number?: string | undefined;
  /** Voucher series for bookings on this account (A–Z); default the next free letter from A. */
  readonly series?: VoucherSeries | undefined;
}

/** What {@link Kontera.addClient} takes. */
export interface AddClientInput {
  readonly bureauId: string;
  readonly id: string;
  readonly name: string;
  readonly orgNr?: string | undefined;
  /** Default `['1930']`. */
  readonly bankAccounts?: readonly (AccountNo | BankAccountInput)[] | undefined;
  /** Default true. */
  readonly vatRegistered?: boolean | undefined;
  /** The chart of accounts, when known: suggestions and bookings are limited to it. */
  readonly chart?: readonly AccountNo[] | undefined;
  /** Account names for SIE export (`#KONTO`); SIE files learned from add theirs. */
  readonly accountNames?: Readonly<Record<AccountNo, string>> | undefined;
  readonly suspenseAccount?: AccountNo | undefined;
  readonly review?: ReviewSettings | undefined;
  /** Confidence from which a suggestion is auto-bookable, 0–1. */
  readonly autoBookThreshold?: number | undefined;
  /**
   * Default false: a suggestion that rests only on other clients' bookings (the bureau's or the
   * network's) is proposed for review, never auto-booked. True lets it auto-book at the threshold.
   */
  readonly autoBookShared?: boolean | undefined;
  /** Default true: the client draws from and adds to the anonymous network counts. */
  readonly network?: boolean | undefined;
  /**
   * The client's fiscal years, for files that do not state them (`#RAR`): every `learnFromSie` of
   * the client reads with them unless its own option gives others. Checked as that option is.
   */
  readonly fiscalYears?: readonly FiscalYearRange[] | undefined;
}

/**
 * What {@link Kontera.updateClient} changes: any setting {@link AddClientInput} takes but the ids
 * (`id` and `bureauId` cannot change: given with another value, `VALIDATION` naming the field).
 * Each is checked as `addClient` checks it, against the client as it will be (a bank account or
 * suspense account must be in the chart, old or new), and set as `addClient` sets it.
 *
 * - left out, or `undefined`: the setting stays as it is;
 * - `null`: the setting is removed, and the client has what `addClient` gives a client added
 *   without it: no `orgNr`, `chart`, `accountNames`, `suspenseAccount`, `review`, `fiscalYears` or
 *   `autoBookThreshold` (the default applies), `bankAccounts` `['1930']`, `vatRegistered` and
 *   `network` true, `autoBookShared` false. `name` cannot be removed;
 * - any other value replaces the setting whole (a list or map is not merged with the old one). As
 *   for `addClient`, an empty `fiscalYears` list is none, so it removes them too.
 */
export interface UpdateClientInput {
  readonly name?: string | undefined;
  readonly orgNr?: string | null | undefined;
  /**
   * The whole list (see {@link AddClientInput.bankAccounts}). An account the client has keeps its
   * voucher series and bank account number when its entry gives none; a new one without a series
   * takes the next free letter. An account with imported bank lines cannot be left out (`VALIDATION`).
   */
  readonly bankAccounts?: readonly (AccountNo | BankAccountInput)[] | null | undefined;
  /** From the next suggestion on: a client that is not VAT-registered gets no VAT rows. */
  readonly vatRegistered?: boolean | null | undefined;
  readonly chart?: readonly AccountNo[] | null | undefined;
  /** Replaces the names given or learned from SIE files (`#KONTO`) before. */
  readonly accountNames?: Readonly<Record<AccountNo, string>> | null | undefined;
  readonly suspenseAccount?: AccountNo | null | undefined;
  readonly review?: ReviewSettings | null | undefined;
  readonly autoBookThreshold?: number | null | undefined;
  readonly autoBookShared?: boolean | null | undefined;
  /**
   * Joining or leaving the network: the client's contribution to the network counts (and its
   * bureau's candidates) is added or withdrawn at once, in the same transaction, so that the counts
   * are what they would be had the client always had this setting. On joining, a counterparty
   * counts only when every stored booking that taught it (its SIE history's bank vouchers and its
   * confirmed vouchers, as `relearn` reads them) has a key free of personal data; one learned from
   * nothing stored (see {@link RelearnResult.notReplayable}), or under other key rules than the
   * current ones (`keyRulesOutdated`: run `relearn` first), stays out of the network.
   */
  readonly network?: boolean | null | undefined;
  /** The client's fiscal years (see {@link AddClientInput.fiscalYears}); an empty list removes them. */
  readonly fiscalYears?: readonly FiscalYearRange[] | null | undefined;
}

/**
 * A client as kontera keeps it, with the defaults of `bankAccounts`, `series`, `vatRegistered` and
 * `network` filled in. The other optional settings are left undefined when not given, and their
 * defaults apply where they are used: `autoBookThreshold` undefined is
 * `DEFAULT_AUTO_BOOK_THRESHOLD`, `autoBookShared` undefined is false, no `chart` allows every
 * account, no `suspenseAccount`, `review`, `orgNr`, `accountNames` or `fiscalYears` is none.
 */
export type Client = ClientRow;

/** A stored bank line, as `importStatement` returns it. */
export type ImportedTransaction = TransactionRow;

/**
 * Where a stored bank line stands: `unbooked`, still to book; `booked`, a voucher books it (one
 * confirmed in kontera, one of the client's own books learned from SIE, or a confirmed transfer's
 * voucher that moved the money on this account too); `pending`, reserved by the bank and not yet
 * booked by it (not bookable).
 */
export const TRANSACTION_STATUSES = ['unbooked', 'booked', 'pending'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/** Which lines {@link Kontera.transactions} returns. */
export interface TransactionsOptions {
  /** First and last date of the lines (inclusive ISO dates, the line's booking date). */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Only the lines of this one of the client's bank accounts. */
  readonly bankAccount?: AccountNo | undefined;
  /** Only the lines of this status; default `'all'`. */
  readonly status?: TransactionStatus | 'all' | undefined;
}

/** A stored bank line with its {@link TransactionStatus} and, when booked, the voucher that books it. */
export interface ClientTransaction extends ImportedTransaction {
  readonly status: TransactionStatus;
  /** The voucher that books the line (status `booked`), as `Suggestion.booked` names it. */
  readonly bookedBy?: BookedAlready | undefined;
}

/** A bank line to suggest for or confirm: an imported one, or a plain line from a bank feed. */
export interface TransactionLike extends TransactionInput {
  /** Present on imported lines: the stable id; a confirmed booking of it is checked against the store. */
  readonly id?: string | undefined;
  /** The ledger bank account of the line; default the client's first bank account. */
  readonly bankAccount?: AccountNo | undefined;
}

/** Options of {@link Kontera.learnFromSie}. */
export interface LearnFromSieOptions extends LongOperationOptions {
  readonly fileName?: string | undefined;
  /** Accounts that are the bank side of a voucher; default the client's bank accounts. */
  readonly bankAccounts?: readonly AccountNo[] | undefined;
  /**
   * The client's fiscal years (ISO dates, both inclusive), for a file that does not state the
   * year of its vouchers (`#RAR`; a 4I file need not): an irregular first year
   * (`{ start: '2024-07-10', end: '2025-12-31' }`) that no inference from twelve-month years
   * finds. Each must be a year the law allows (one day to eighteen calendar months, BFL 3:3) and
   * none overlap, else `VALIDATION`. The file's own `#RAR` decides first; after a stated year the next starts the day after
   * its end. Default none: inferred (see `FISCAL_YEAR_UNCERTAIN`).
   */
  readonly fiscalYears?: readonly FiscalYearRange[] | undefined;
}

/** A fiscal year: ISO dates, both inclusive. */
export interface FiscalYearRange {
  readonly start: string;
  readonly end: string;
}

/** What {@link Kontera.learnFromSie} did. */
export interface LearnFromSieResult {
  /** Vouchers in the file. */
  readonly vouchers: number;
  /** Bookings learned (vouchers that touch a bank account and name a counterparty). */
  readonly learned: number;
  /** Bank vouchers that taught nothing (no usable text, only bank rows, …). */
  readonly skipped: number;
  /** Bank vouchers learned before from an earlier file, unchanged (or, from an older export, older than the version learned): learned once, not again. */
  readonly unchanged: number;
  /**
   * Bank vouchers learned before whose date, text or rows changed, or that a correction voucher in
   * this file reverses exactly: their earlier evidence was taken back first. (A reversed voucher and
   * its correction teach nothing; a numbered voucher the file holds twice counts once.)
   */
  readonly replaced: number;
  /** Imported bank lines these vouchers book: marked booked, never suggested, confirmed or exported again. */
  readonly booked: number;
  /** The client's bank and cash accounts as this file was learned with (see {@link LearnWarning}). */
  readonly bankAccounts: readonly AccountNo[];
  /** What the SIE reader noticed (repairs, skipped records, unbalanced vouchers left out). */
  readonly issues: readonly SieIssue[];
  /** What learning guessed or left out (bank accounts found in the file or not learned). */
  readonly warnings: readonly LearnWarning[];
  /** What the file added to the client's open-item ledger (invoices and their settlements). */
  readonly openItems: OpenItemsLearned;
}

/** What learning a SIE file did to the client's open-item ledger. */
export interface OpenItemsLearned {
  /** Items created or changed. */
  readonly changed: number;
  /** Items with something still open afterwards. */
  readonly open: number;
}

/** Options of {@link Kontera.openItems}. */
export interface OpenItemsOptions {
  /** True: only items with something still open. */
  readonly open?: boolean | undefined;
}

/** Options of {@link Kontera.settleDeposit}. */
export interface SettleDepositOptions {
  /** The BgMax file's name, for errors. */
  readonly fileName?: string | undefined;
}

/** Codes of {@link LearnWarning}. */
export const LEARN_WARNING_CODES = [
  /** The client had no bank accounts of its own: they were taken from the file's 19xx accounts. */
  'BANK_ACCOUNTS_FROM_SIE',
  /** The books use a 19xx account that is not one of the client's bank accounts (or of the `bankAccounts` option, when given): its vouchers were not learned as bank bookings. */
  'BANK_ACCOUNT_NOT_LEARNED',
  /**
   * Vouchers without a number learned from an earlier file are not in this one, though it holds
   * their series and dates: edited in the books (then both the earlier and the edited voucher are
   * kept and counted), removed, or left out of this export. kontera cannot tell which, so it keeps them and says so.
   */
  'UNNUMBERED_VOUCHER_NOT_IN_FILE',
  /**
   * The file is an older export (`#GEN`) than the one the open items of some of its vouchers were
   * read from, and those vouchers were edited in between: the open items keep the later versions,
   * and this file's balances close no item.
   */
  'OPEN_ITEMS_FROM_NEWER_EXPORT',
  /**
   * The file is an older export (`#GEN`) than the one some of its bank vouchers were learned from,
   * and those vouchers were edited in between: the later versions keep their evidence and the lines
   * they book; this file's versions are not learned (counted as `unchanged`).
   */
  'BANK_VOUCHERS_FROM_NEWER_EXPORT',
  /**
   * The file does not state the fiscal year (`#RAR`) of all its numbered vouchers, and the years
   * kontera infers contradict its numbering (numbers running on across a year start, or one number
   * twice in one year): an irregular first or last year, most likely. Vouchers are identified by
   * fiscal year, series and number; give the years (`LearnFromSieOptions.fiscalYears`).
   */
  'FISCAL_YEAR_UNCERTAIN',
  /**
   * The file's `#RAR` states a fiscal year the law does not allow: longer than eighteen calendar
   * months (BFL 3:3) or ending before it starts. It is taken as the file states it.
   */
  'FISCAL_YEAR_UNLAWFUL',
  /**
   * A fiscal year kontera inferred for earlier files without `#RAR` does not hold for this one:
   * a voucher of this file continues the numbering of a voucher learned before past the year's
   * inferred end (the year is revised: it runs on, an irregular year of at most eighteen months),
   * or a voucher takes the id of one learned before dated six months or more apart. The message
   * names the vouchers; give the client's fiscal years (`updateClient`'s `fiscalYears`).
   */
  'FISCAL_YEAR_GUESS_CONTRADICTED',
] as const;
export type LearnWarningCode = (typeof LEARN_WARNING_CODES)[number];

/** A guess or an omission of {@link Kontera.learnFromSie}; it has no line in the file. */
export interface LearnWarning {
  readonly code: LearnWarningCode;
  readonly message: string;
}

/** Options of {@link Kontera.importStatement}. */
export interface ImportStatementOptions extends LongOperationOptions {
  readonly fileName?: string | undefined;
  /** The ledger bank account the statement belongs to; default found from the file's account number, or the client's only bank account. */
  readonly bankAccount?: AccountNo | undefined;
  /** Skip format detection. */
  readonly format?: StatementFormatId | undefined;
  /** A bank kontera does not recognise: which column holds the date, amount, text, … (generic CSV). */
  readonly columns?: ColumnMapping | undefined;
  /**
   * Accept a statement for a bank account the client does not have (it is added, with the next
   * free voucher series). Default false: such a statement is refused with `VALIDATION`. An account
   * the client's chart does not have is refused all the same: no voucher on it could be confirmed.
   */
  readonly allowNewAccount?: boolean | undefined;
  /**
   * A file with rows of several accounts (a bank's export of several accounts, a file in
   * sections): import only the rows of this account, as the file writes it or by its digits
   * (`'9123-4567819'` or `'91234567819'`). Without it such a file is refused with `VALIDATION`
   * naming its accounts; one import books one bank account.
   */
  readonly accountNumber?: string | undefined;
}

/** What {@link Kontera.importStatement} did. */
export interface ImportStatementResult {
  /** Deterministic: the same file for the same account gives the same id. */
  readonly statementId: string;
  readonly bankAccount: AccountNo;
  /** Every line of the file in file order, as stored (a duplicate is the line stored earlier). */
  readonly transactions: readonly ImportedTransaction[];
  /** Lines stored now. */
  readonly added: number;
  /**
   * Lines that were stored already (same file again, overlapping exports, or a re-save of an export
   * whose account number lost its separators: its ids are made with the earlier spelling).
   */
  readonly duplicates: number;
  /**
   * Lines of this file that a voucher of the client's learned books already books, or a confirmed
   * transfer from another of its bank accounts (marked `booked`): they are not to be suggested,
   * confirmed or exported again.
   */
  readonly booked: number;
  readonly warnings: readonly ParseWarning[];
}

/** One accepted or corrected booking. */
export interface Booking {
  readonly transaction: TransactionLike;
  readonly voucher: Voucher;
  /** True when the accountant changed kontera's suggestion: learned as a correction (takes effect at once). */
  readonly correction?: boolean | undefined;
}

/** What {@link Kontera.confirm} did. */
export interface ConfirmResult {
  /** The stored vouchers with their series and numbers, in input order. */
  readonly vouchers: readonly VoucherRecord[];
  /** Bookings the engine learned from (a booking without a usable counterparty teaches nothing). */
  readonly learned: number;
  /** What was stored but looks like a mistake (see {@link ConfirmWarning}); empty when nothing does. */
  readonly warnings: readonly ConfirmWarning[];
}

/** Codes of {@link ConfirmWarning}. */
export const CONFIRM_WARNING_CODES = [
  /**
   * The voucher is dated more than `MATCH_WINDOW_DAYS` from its bank line: a bank voucher is dated
   * the day the money moved, and one dated weeks (or a year) away lands in another period of the
   * books, often a typo in the date.
   */
  'VOUCHER_DATE_FAR_FROM_LINE',
] as const;
export type ConfirmWarningCode = (typeof CONFIRM_WARNING_CODES)[number];

/** A booking `confirm` stored that looks like a mistake. */
export interface ConfirmWarning {
  readonly code: ConfirmWarningCode;
  /** Which booking (1-based, in input order). */
  readonly booking: number;
  readonly message: string;
}

/** Which confirmed voucher: its series and number (as {@link ConfirmResult.vouchers} has them). */
export interface VoucherId {
  readonly series: VoucherSeries;
  readonly number: number;
}

/** The corrected content of a confirmed voucher: its rows, and its date and text when they change (absent: kept). */
export interface VoucherCorrection {
  readonly date?: string | undefined;
  readonly text?: string | undefined;
  readonly rows: Voucher['rows'];
}

/** What {@link Kontera.correctVoucher} did. */
export interface CorrectVoucherResult {
  /** The voucher as it is stored now: same series, number and bank line, the corrected content. */
  readonly voucher: VoucherRecord;
  /** The voucher as it was. */
  readonly before: VoucherRecord;
  /** Whether the corrected booking taught something (a line without a usable counterparty teaches nothing). */
  readonly learned: boolean;
}

/** Options of {@link Kontera.exportSie}. */
export interface ExportSieOptions {
  /** Inclusive ISO dates. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly series?: VoucherSeries | undefined;
  /** `#GEN` date; default the date of the latest confirmation exported, so the same data gives the same file. */
  readonly generated?: string | undefined;
  /**
   * Only vouchers not in an export recorded before (`record`): those numbered after the client's
   * `exported.through` of their series. A voucher confirmed late for an earlier month is new too,
   * which a date filter would miss.
   */
  readonly newOnly?: boolean | undefined;
  /**
   * Record this export on the client (`Client.exported`): per series, the number up to which every
   * voucher of the series has now been exported (the ones a date or series filter left out keep
   * the mark below them). The one call that writes.
   */
  readonly record?: boolean | undefined;
}

/** Everything kontera stores about a client, as plain JSON. */
export interface ClientDataExport extends ClientData {
  readonly format: 'kontera-client-data';
  readonly version: 1;
  readonly bureau: BureauRow;
}

/** What {@link Kontera.unlearn} did. */
export interface UnlearnResult {
  /** False when the client had learned nothing under that key (or template). */
  readonly changed: boolean;
}

/** What {@link Kontera.relearn} did. */
export interface RelearnResult {
  /** The client's profiles (one per counterparty key) before and after. */
  readonly profilesBefore: number;
  readonly profilesAfter: number;
  /** Bookings learned again: bank vouchers of its SIE history and its confirmed vouchers (in the order they were learned). */
  readonly replayed: { readonly sie: number; readonly confirmed: number };
  /**
   * Confirmed vouchers stored before their bank line's texts were kept with them (kontera before
   * `relearn` existed): learned again from the imported line they book, as confirmed bookings (whether
   * one was a correction was not kept). A voucher that books no imported line cannot be learned
   * again and is counted in `notReplayable`.
   */
  readonly fromImportedLine: number;
  readonly notReplayable: number;
  /**
   * The vouchers counted in `notReplayable`, by series, number, date and text: what they taught is
   * no longer in the client's knowledge (book such a counterparty once more, or learn the SIE
   * export that holds them, to teach it again).
   */
  readonly notReplayableVouchers: readonly { readonly series: string; readonly number: number; readonly date: string; readonly text: string }[];
  /** SIE and confirmed vouchers `unlearn` took back (their counterparty, or their way of booking it, forgotten): not learned again. */
  readonly forgotten: number;
  /** Whether the client's stored key rules differed from the current ones (or were not known) before. */
  readonly wasOutdated: boolean;
}

/** The kontera API. Every method is async and either completes or leaves the store unchanged. */
export interface Kontera {
  /** Adds a bureau. `CONFLICT` if the id exists. */
  addBureau(bureau: BureauRow): Promise<BureauRow>;
  /**
   * Adds a client to a bureau, filling in defaults (see {@link Client}). `NOT_FOUND` bureau, `CONFLICT` when the bureau
   * has a client with that id, `VALIDATION` settings. Client ids are scoped by bureau: another
   * bureau may use the same id.
   */
  addClient(input: AddClientInput): Promise<Client>;
  /**
   * Changes a client's settings (see {@link UpdateClientInput}: `undefined` keeps one, `null`
   * removes it) in one transaction and returns the client as stored. `VALIDATION` when a value is
   * not allowed (as `addClient` checks it) or an id is to change, `NOT_FOUND` for an unknown client;
   * nothing is written then. What was learned before stays; a change of `network` adds or withdraws
   * the client's share of the network counts, and every later call reads the new settings.
   */
  updateClient(clientId: string, changes: UpdateClientInput): Promise<Client>;
  /**
   * The client, or `NOT_FOUND`. Every method that takes a `clientId` finds the client the same way:
   * within the instance's bureau (see {@link forBureau}), or, on an instance for all bureaus, by id
   * alone, which is `AMBIGUOUS_CLIENT` ({@link AmbiguousClientError}) when several bureaus use it.
   */
  getClient(clientId: string): Promise<Client>;
  /** The bureaus this instance sees, by id: every one, or on an instance limited to a bureau ({@link forBureau}) that one. */
  listBureaus(): Promise<readonly BureauRow[]>;
  /** The clients of the bureaus this instance sees ({@link listBureaus}), by bureau id and then client id. */
  listClients(): Promise<readonly Client[]>;
  /**
   * The client's imported bank lines by date (then bank account, in the order imported), each with its
   * {@link TransactionStatus} and the voucher that books it: what is left to book this month is
   * `transactions(id, { from, to, status: 'unbooked' })`, also after a restart and whoever imported
   * or confirmed them. A line is `booked` exactly when `confirm` would refuse it (`CONFLICT`) and
   * `suggest` flags it `booked`. `NOT_FOUND` client, `VALIDATION` options (a date that is not ISO,
   * `from` after `to`, another bank account than the client's, an unknown status).
   */
  transactions(clientId: string, options?: TransactionsOptions): Promise<readonly ClientTransaction[]>;
  /**
   * The same API limited to one bureau, on the same store and options: client ids are looked up in
   * that bureau only, another bureau's clients and the bureau itself are `NOT_FOUND`, and
   * `addClient` takes clients of this bureau only (an id another bureau uses is free here). Same as
   * `createKontera({ store, bureauId })`; `close()` on it closes the shared store. On an instance
   * limited to another bureau: `NOT_FOUND`.
   */
  forBureau(bureauId: string): Kontera;
  /**
   * Learns a client's history from a SIE 4 file (cold start). `VALIDATION`, nothing learned, when
   * the client has an `orgNr` and the file states (`#ORGNR`) another company's.
   */
  learnFromSie(clientId: string, bytes: Uint8Array | string, options?: LearnFromSieOptions): Promise<LearnFromSieResult>;
  /** Parses and stores a bank statement; idempotent and all-or-nothing. */
  importStatement(clientId: string, bytes: Uint8Array | string, options?: ImportStatementOptions): Promise<ImportStatementResult>;
  /** One suggestion per input line, in the same order. Reads only. */
  suggest(clientId: string, transactions: readonly TransactionLike[]): Promise<readonly Suggestion[]>;
  /** Stores accepted or corrected vouchers with series and numbers, and learns from them. */
  confirm(clientId: string, bookings: readonly Booking[], options?: LongOperationOptions): Promise<ConfirmResult>;
  /**
   * Corrects a confirmed voucher that no SIE export recorded yet (its number above the client's
   * `exported.through` of its series): its rows, and its date and text when given, are replaced;
   * its series, number and the bank line it books stay, and `confirmedAt` becomes the time of the
   * correction. Checked as `confirm` checks a booking. What the voucher taught is taken back
   * exactly and the corrected booking is learned as a correction (it takes effect at once), so
   * that `relearn` afterwards gives the same knowledge. `NOT_FOUND` for an unknown voucher;
   * `CONFLICT` for an exported one (it is in the client's books: correct it there with a
   * correction voucher, and `learnFromSie` of the books' next export teaches kontera);
   * `VALIDATION` when the correction is invalid or changes nothing, while the client needs
   * {@link relearn} (knowledge learned under other key rules), for a voucher that books no
   * imported line, and for one that touches an open-item account or another of the client's bank
   * accounts before or after (its open-item settlements and transfer marks are not redone).
   */
  correctVoucher(clientId: string, voucher: VoucherId, correction: VoucherCorrection): Promise<CorrectVoucherResult>;
  /** The client's confirmed vouchers as a SIE 4I file. */
  exportSie(clientId: string, options?: ExportSieOptions): Promise<Uint8Array>;
  /** Removes everything about a client, including its share of bureau and network knowledge. */
  deleteClient(clientId: string, options?: LongOperationOptions): Promise<DeleteCounts>;
  /** Removes a bureau and all its clients. */
  deleteBureau(bureauId: string, options?: LongOperationOptions): Promise<DeleteCounts>;
  /** Everything stored about a client (GDPR portability). */
  exportClientData(clientId: string): Promise<ClientDataExport>;
  /**
   * Forgets what a client learned about one counterparty: everything, or only the template with
   * `templateId` (the ids are in `exportClientData(id).profiles[].templates[].id`). `key` is the
   * normalised key a {@link Suggestion} reports. `changed` is false, and nothing is written, when the
   * client has no profile for `key` or the profile no template `templateId`.
   */
  unlearn(clientId: string, key: string, templateId?: string): Promise<UnlearnResult>;
  /**
   * Rebuilds a client's knowledge from what the store holds, under the current key rules: the bank
   * vouchers of its SIE history as `learnFromSie` learned them (date order), then its confirmed
   * vouchers in the order they were confirmed, corrections as corrections. Its profiles are
   * replaced, its contribution to bureau and network knowledge is withdrawn and added again, and
   * its stored key-rules fingerprint is set to the current one; all of it in one transaction (a
   * failure leaves the old knowledge). Run it when a suggestion says `keyRulesOutdated` (the key
   * rules changed in an upgrade). A counterparty forgotten with {@link unlearn} stays forgotten: the
   * bookings that taught it are not learned again (counted in `forgotten`).
   */
  relearn(clientId: string, options?: LongOperationOptions): Promise<RelearnResult>;
  /** The client's open-item ledger (reskontra): invoices from its books and what settled them, by date. */
  openItems(clientId: string, options?: OpenItemsOptions): Promise<readonly OpenItem[]>;
  /**
   * The voucher for a bankgiro deposit line from the BgMax file of the deposit: one row per customer
   * invoice a payment settles, unmatched payments on the suspense account (review). Refused with
   * `VALIDATION` (a `DepositMismatchError` naming both sums) when the deposit does not sum to the line.
   */
  settleDeposit(clientId: string, transaction: TransactionLike, bgmax: Uint8Array | string, options?: SettleDepositOptions): Promise<DepositSettlement>;
  /** Closes the store. Later calls fail with `STORE`. */
  close(): Promise<void>;
}
