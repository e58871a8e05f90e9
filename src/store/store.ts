/**
 * The store contract: everything kontera keeps between calls goes through this small async
 * interface. Every method returns a Promise (a server database must fit behind it), every method is
 * required, and behaviour that differs between stores is declared as data in {@link StoreCapabilities}.
 *
 * Tenancy is part of the contract: every client belongs to exactly one bureau, and every method that
 * reads or writes client data takes a {@link ClientRef} (bureau and client). A store refuses a ref
 * whose client does not exist in that bureau with a `NOT_FOUND` {@link NotFoundError}, so data of one
 * bureau is never reachable through another bureau's ids. A client is identified by (bureau,
 * client id): two bureaus may use the same client id. The only lookup without a bureau is
 * {@link StoreSession.findClients}, which the facade uses for a call that names no bureau.
 *
 * Money is integer öre, dates are ISO `YYYY-MM-DD`. Records are plain JSON-safe data.
 *
 * @module
 */
import type { BureauRecord as BureauKnowledgeRecord, KnowledgeChanges, NetworkRecord, ProfileRecord, ReviewSettings } from '../knowledge/types.js';
import type { OpenItem, PendingSettlement } from '../openitems/types.js';

/** A BAS account number as a string ("1930"). */
export type AccountNo = string;

/** Series letters a SIE importer accepts (Visma Administration takes only A–Z). */
export const VOUCHER_SERIES = [
  'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M',
  'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z',
] as const;
export type VoucherSeries = (typeof VOUCHER_SERIES)[number];

/** An accounting bureau (byrå): the tenant. */
export interface BureauRow {
  readonly id: string;
  readonly name: string;
}

/** A client of a bureau with its resolved settings (defaults filled in when it was added). */
export interface ClientRow {
  readonly id: string;
  readonly bureauId: string;
  readonly name: string;
  /** Organisation number as given ("556677-8899"), written to SIE `#ORGNR`. */
  readonly orgNr?: string | undefined;
  /** The client's bank/cash accounts; at least one. */
  readonly bankAccounts: readonly AccountNo[];
  /**
   * Where the bank accounts came from when the bureau did not give them: `default` (1930, a
   * guess), or `sie` (the 19xx accounts of its learned books). Absent when the bureau gave them.
   */
  readonly bankAccountsFrom?: 'default' | 'sie' | undefined;
  /**
   * The bank's own account number per bank account, where known ("8327-9, 123 456 789-0"), so a
   * statement can be matched to the right ledger account.
   */
  readonly accountNumbers?: Readonly<Record<AccountNo, string>> | undefined;
  /** Voucher series per bank account: every bank account in {@link bankAccounts} has one. */
  readonly series: Readonly<Record<AccountNo, VoucherSeries>>;
  readonly vatRegistered: boolean;
  /** The chart of accounts when known; bookings and suggestions are limited to it. */
  readonly chart?: readonly AccountNo[] | undefined;
  /** Account names (from a SIE `#KONTO`, or given), used when writing SIE. */
  readonly accountNames?: Readonly<Record<AccountNo, string>> | undefined;
  /**
   * The accounts of the client's own books, sorted: every account a learned SIE file declares
   * (`#KONTO`) or books, and every account a voucher confirmed since books. Kept by `learnFromSie`,
   * `confirm` and `correctVoucher`, not a setting. For a client without a {@link chart}, suggestions
   * are made in these accounts (a rule's, the bureau's or the network's account the books lack
   * becomes the nearest one in its BAS group), as in the chart; bookings are not limited by them.
   */
  readonly booksAccounts?: readonly AccountNo[] | undefined;
  /** OBS-konto. */
  readonly suspenseAccount?: AccountNo | undefined;
  readonly review?: ReviewSettings | undefined;
  readonly autoBookThreshold?: number | undefined;
  /** Whether lines resting only on other clients' bookings may auto-book (see `ClientSettings.autoBookShared`); absent: no. */
  readonly autoBookShared?: boolean | undefined;
  /** Whether the client draws from and contributes to the network counts. */
  readonly network: boolean;
  /**
   * The client's fiscal years as the bureau states them (ISO dates, both inclusive, in date
   * order): every `learnFromSie` of the client reads files with them (see `LearnFromSieOptions.fiscalYears`).
   */
  readonly fiscalYears?: readonly { readonly start: string; readonly end: string }[] | undefined;
  /**
   * The key-rules fingerprint (`keyRulesFingerprint`) the client's knowledge was learned under:
   * set when the client is added and when its knowledge is relearned. Absent for clients added
   * before fingerprints were kept. When it differs from the current one, the client's profiles may
   * sit under keys the current rules no longer give (see `Kontera.relearn`).
   */
  readonly keyRules?: string | undefined;
  /**
   * What SIE exports recorded as exported (`exportSie` with `record`): per voucher series, the
   * number up to which every confirmed voucher of the series was in an export; and when. A later
   * `newOnly` export leaves them out, so a month's export does not carry the earlier ones again.
   */
  readonly exported?: { readonly through: Readonly<Partial<Record<VoucherSeries, number>>>; readonly at: string } | undefined;
}

/** Which client, in which bureau. Every client-scoped store method takes one. */
export interface ClientRef {
  readonly bureauId: string;
  readonly clientId: string;
}

/** An imported bank statement (the file), without its transactions. */
export interface StatementRow {
  /** Deterministic: the same file imported twice for the same client and account has the same id. */
  readonly id: string;
  readonly clientId: string;
  /** The client's bank account (BAS account, e.g. "1930") the statement was booked against. */
  readonly bankAccount: AccountNo;
  readonly format: string;
  readonly bank: string;
  readonly fileName?: string | undefined;
  /**
   * The bank's own account number from the file, when it has one: the spelling its lines' ids were
   * made with (the file's, or an earlier statement's on this bank account that differs from it only
   * in separators, see `ParseStatementOptions.idAccountNumbers`).
   */
  readonly accountNumber?: string | undefined;
  readonly currency: string;
  readonly openingBalance?: number | undefined;
  readonly closingBalance?: number | undefined;
  /** First and last booking date in the file (ISO); undefined for an empty statement. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Number of transactions in the file, duplicates included. */
  readonly transactionCount: number;
  /** When it was imported (ISO timestamp). */
  readonly importedAt: string;
}

/** One bank line as stored: unique per (client, bank account, id). */
export interface TransactionRow {
  /** The stable id from parsing (see `BankTransaction.id`). */
  readonly id: string;
  readonly clientId: string;
  readonly bankAccount: AccountNo;
  /** The statement that first brought this transaction in. */
  readonly statementId: string;
  readonly line: number;
  readonly date: string;
  readonly valueDate?: string | undefined;
  /** Signed öre, negative = money out. */
  readonly amount: number;
  readonly balance?: number | undefined;
  readonly text: string;
  readonly reference?: string | undefined;
  readonly counterparty?: string | undefined;
  /** The other party's account, bankgiro or plusgiro number as the bank gives it (see `BankTransaction.counterpartyAccount`). */
  readonly counterpartyAccount?: string | undefined;
  readonly kind?: string | undefined;
  /** The line's currency when it is not SEK (a currency account's statement, or a row of its own currency): such a line gets no voucher. */
  readonly currency?: string | undefined;
  readonly pending?: true | undefined;
  /**
   * Set when a voucher of the client's own books (learned from SIE) already books this line, or a
   * confirmed kontera voucher books it as the other side of a transfer between the client's own
   * accounts (its `voucher` then starts with `kontera:`): it is not suggested, confirmed or exported again.
   */
  readonly booked?: LedgerMark | undefined;
}

/** Which voucher of the client's own books books a bank line. */
export interface LedgerMark {
  /** The {@link LedgerVoucher.id}, or `kontera:<series> <number>` for a confirmed voucher of kontera's (a transfer's other side). */
  readonly voucher: string;
  /** Series and number as the books have them (SIE `#VER`). */
  readonly series: string;
  readonly number: string;
}

/**
 * A bank voucher of the client's own books, learned from a SIE export. Kept so that learning the
 * same voucher again changes nothing, a changed voucher replaces its earlier evidence, and bank
 * lines it already books are not booked a second time.
 */
export interface LedgerVoucher {
  /** Identity in the client's books: fiscal year start, series and number (unique per client). */
  readonly id: string;
  readonly series: string;
  readonly number: string;
  readonly date: string;
  /** The text it is known by (the voucher's, else its bank row's). */
  readonly text: string;
  /** Its rows on bookkeeping accounts, signed öre. */
  readonly rows: readonly VoucherRowData[];
  /** Of date, text and rows: a re-export in which any of them changed has another. */
  readonly fingerprint: string;
  /** The accounts that were its bank side when it was learned. */
  readonly bankAccounts: readonly AccountNo[];
  /** True when its evidence is in the client's knowledge (learning took something from it). */
  readonly learned: boolean;
  /**
   * `#GEN` date of the SIE file this version was read from. A voucher edited in the books keeps its
   * id; a version from an older export (an earlier file learned again) does not replace it. Absent
   * when the file had no `#GEN`, and in ledgers stored before.
   */
  readonly exported?: string | undefined;
  /**
   * When this version was learned (ISO timestamp, the clock `confirm` stamps `confirmedAt` with), so
   * that `relearn` learns the client's SIE history and confirmed vouchers again in the order they were
   * learned. Absent in ledgers stored before it was kept (relearn then takes them as learned first).
   */
  readonly learnedAt?: string | undefined;
  /** `unlearn` took its evidence back (`learned` is false then): `relearn` does not learn it again. */
  readonly forgotten?: true | undefined;
}

/** Sets (or, with `booked` undefined, clears) the ledger mark of one stored transaction. */
export interface TransactionMark {
  readonly bankAccount: AccountNo;
  readonly id: string;
  readonly booked: LedgerMark | undefined;
}

/** One voucher row: signed öre, debit positive. */
export interface VoucherRowData {
  readonly account: AccountNo;
  readonly amount: number;
  readonly text?: string | undefined;
}

/**
 * What a confirmed voucher was learned from besides its own rows and date: the bank line's texts as
 * confirm read them, and whether it was a correction. Kept so that `Kontera.relearn` can learn the
 * voucher again, exactly, under changed key rules.
 */
export interface LearnedFrom {
  readonly text: string;
  readonly reference?: string | undefined;
  readonly counterparty?: string | undefined;
  readonly counterpartyAccount?: string | undefined;
  /** The accountant changed kontera's suggestion: learned as a correction. */
  readonly correction?: true | undefined;
  /**
   * `unlearn` took its evidence back (the user forgot its counterparty, or the way it booked it):
   * `relearn` does not learn it again.
   */
  readonly forgotten?: true | undefined;
}

/** What a stored voucher (by series and number) was learned from, for {@link StoreSession.setLearnedFrom}. */
export interface VoucherLearnedFrom {
  readonly series: VoucherSeries;
  readonly number: number;
  readonly learnedFrom: LearnedFrom;
}

/**
 * A stored voucher's new content, for {@link StoreSession.replaceVoucher}: the voucher with this
 * series and number gets this date, text, rows, confirmation time and `learnedFrom` (absent: none);
 * its series, number and the bank line it books stay.
 */
export interface VoucherReplacement {
  readonly series: VoucherSeries;
  readonly number: number;
  readonly date: string;
  readonly text: string;
  readonly rows: readonly VoucherRowData[];
  readonly confirmedAt: string;
  readonly learnedFrom?: LearnedFrom | undefined;
}

/** A voucher to be numbered and stored. */
export interface NewVoucher {
  readonly series: VoucherSeries;
  readonly date: string;
  readonly text: string;
  readonly rows: readonly VoucherRowData[];
  /** The bank transaction it books, when it books one; a transaction is booked at most once. */
  readonly bankAccount?: AccountNo | undefined;
  readonly transactionId?: string | undefined;
  /** When it was confirmed (ISO timestamp). */
  readonly confirmedAt: string;
  /** What confirm learned it from (absent for vouchers stored before this was kept). */
  readonly learnedFrom?: LearnedFrom | undefined;
}

/** A confirmed voucher with its number in its series (1, 2, … per client and series). */
export interface VoucherRecord extends NewVoucher {
  readonly clientId: string;
  readonly number: number;
}

/** Filter for {@link StoreSession.listVouchers}; `from`/`to` are inclusive ISO dates. */
export interface VoucherFilter {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly series?: VoucherSeries | undefined;
}

/** Filter for {@link StoreSession.listTransactions}; `from`/`to` are inclusive ISO dates. */
export interface TransactionFilter {
  readonly statementId?: string | undefined;
  readonly bankAccount?: AccountNo | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Identity of one stored transaction. */
export interface TransactionKey {
  readonly bankAccount: AccountNo;
  readonly id: string;
}

/** What {@link StoreSession.addTransactions} did: ids in input order. */
export interface AddTransactionsResult {
  readonly added: readonly string[];
  readonly duplicates: readonly string[];
}

/** Where a client's known fiscal year came from: a file's `#RAR` and the caller's `stated` years are facts, an `inferred` one is a guess. */
export type FiscalYearSource = 'rar' | 'stated' | 'inferred';

/** One fiscal year of the client's books that learning used (ISO dates, both inclusive); identity: client and start. */
export interface KnownFiscalYear {
  readonly start: string;
  readonly end: string;
  readonly source: FiscalYearSource;
}

/** Every {@link FiscalYearSource}. */
export const FISCAL_YEAR_SOURCES: readonly FiscalYearSource[] = ['rar', 'stated', 'inferred'];

/** Everything a store holds about one client (portability export). */
export interface ClientData {
  readonly client: ClientRow;
  readonly statements: readonly StatementRow[];
  readonly transactions: readonly TransactionRow[];
  readonly vouchers: readonly VoucherRecord[];
  /** The bank vouchers of its own books learned from SIE. */
  readonly ledgerVouchers: readonly LedgerVoucher[];
  readonly profiles: readonly ProfileRecord[];
  /** Bureau aggregate records this client currently contributes to. */
  readonly bureauRecords: readonly BureauKnowledgeRecord[];
  /** The client's open-item ledger (invoices and their settlements), ordered by date, then id. */
  readonly openItems: readonly OpenItem[];
  /** What settling vouchers had left that no open item took yet, ordered by date, then id. */
  readonly pendingSettlements: readonly PendingSettlement[];
  /** The fiscal years learning used, and where each came from, ordered by start. */
  readonly fiscalYears: readonly KnownFiscalYear[];
}

/** Filter for {@link StoreSession.listOpenItems}. */
export interface OpenItemFilter {
  /** True: only items with something still open. */
  readonly open?: boolean | undefined;
}

/** The aggregate records a {@link KnowledgeChanges} was computed from (see {@link StoreSession.applyKnowledge}). */
export interface KnowledgeBase {
  readonly bureauRecords: readonly BureauKnowledgeRecord[];
  /** The bureau's network candidates as read ({@link StoreSession.getNetworkCandidates}). */
  readonly network: readonly NetworkRecord[];
}

/** How many rows a delete removed, per kind. */
export interface DeleteCounts {
  readonly clients: number;
  readonly statements: number;
  readonly transactions: number;
  readonly vouchers: number;
  readonly profiles: number;
  readonly bureauRecords: number;
}

/** Behaviour that differs between stores, declared as data. */
export interface StoreCapabilities {
  /** Short name of the implementation ("memory", "sqlite"). */
  readonly kind: string;
  /** Data survives `close()` and a process exit. */
  readonly durable: boolean;
  /** Several processes may open the same store at once. */
  readonly multiProcess: boolean;
  /** Works without Node built-ins (in a browser). */
  readonly browserSafe: boolean;
}

/**
 * Every data operation of a store. On a {@link Store} each call is atomic on its own; inside
 * {@link Store.transaction} the same methods run on the transaction's session.
 */
export interface StoreSession {
  /** Adds a bureau. `CONFLICT` if the id exists. */
  createBureau(bureau: BureauRow): Promise<void>;
  /** The bureau, or undefined. */
  getBureau(bureauId: string): Promise<BureauRow | undefined>;
  /** Every bureau, ordered by id. */
  listBureaus(): Promise<readonly BureauRow[]>;
  /**
   * Removes the bureau and everything of its clients, including the bureau's knowledge records and
   * network candidates. `NOT_FOUND` if it does not exist. Shared network records are not touched:
   * the caller withdraws the bureau's candidates first (`applyKnowledge`) in the same transaction.
   */
  deleteBureau(bureauId: string): Promise<DeleteCounts>;

  /**
   * Adds a client. `NOT_FOUND` if the bureau does not exist, `CONFLICT` if the bureau has a client
   * with that id. Client ids are scoped by bureau: two bureaus may each have a client "acme".
   */
  createClient(client: ClientRow): Promise<void>;
  /** Replaces a client's name and settings (id and bureau stay). */
  updateClient(client: ClientRow): Promise<void>;
  /** The client in that bureau; `NOT_FOUND` when it is not there. */
  getClient(ref: ClientRef): Promise<ClientRow>;
  /**
   * The clients with this id in every bureau, ordered by bureau id (none, one, or one per bureau
   * that uses the id): the facade's lookup for a call that names no bureau.
   */
  findClients(clientId: string): Promise<readonly ClientRow[]>;
  /** The bureau's clients ordered by id; `NOT_FOUND` if the bureau does not exist. */
  listClients(bureauId: string): Promise<readonly ClientRow[]>;
  /**
   * Removes the client and every row about it: statements, transactions, vouchers, profiles, and its
   * id from bureau knowledge records (a record left without clients is deleted). Network records
   * hold no client ids; the caller applies the engine's changes for them in the same transaction.
   */
  deleteClient(ref: ClientRef): Promise<DeleteCounts>;

  /** Adds a statement record, or does nothing when one with the same id exists. True when added. */
  putStatement(ref: ClientRef, statement: StatementRow): Promise<boolean>;
  /** The statement, or undefined. */
  getStatement(ref: ClientRef, statementId: string): Promise<StatementRow | undefined>;
  /** The client's statements ordered by import time, then id. */
  listStatements(ref: ClientRef): Promise<readonly StatementRow[]>;
  /**
   * Inserts transactions that are not stored yet (identity: client, bank account, id) and reports
   * which were added and which were already there. Input ids repeated within one call count once.
   */
  addTransactions(ref: ClientRef, transactions: readonly TransactionRow[]): Promise<AddTransactionsResult>;
  /** The stored transactions among `keys`, in the order of `keys`; unknown keys are left out. */
  getTransactions(ref: ClientRef, keys: readonly TransactionKey[]): Promise<readonly TransactionRow[]>;
  /** The client's transactions ordered by date, bank account, statement line. */
  listTransactions(ref: ClientRef, filter?: TransactionFilter): Promise<readonly TransactionRow[]>;

  /**
   * Stores a voucher under the next number of its series for this client. `CONFLICT` when the
   * voucher books a transaction that is already booked.
   */
  addVoucher(ref: ClientRef, voucher: NewVoucher): Promise<VoucherRecord>;
  /**
   * Stores vouchers under the next numbers of their series, in the order given (as many
   * `addVoucher` calls would), and returns them numbered, in the same order. All or none:
   * `VALIDATION` when one is invalid, `CONFLICT` when one books a transaction that is already
   * booked or that another voucher of the call books; nothing is written then.
   */
  addVouchers(ref: ClientRef, vouchers: readonly NewVoucher[]): Promise<readonly VoucherRecord[]>;
  /** The client's vouchers ordered by series and number. */
  listVouchers(ref: ClientRef, filter?: VoucherFilter): Promise<readonly VoucherRecord[]>;
  /** The voucher booking this transaction, or undefined. */
  getVoucherForTransaction(ref: ClientRef, key: TransactionKey): Promise<VoucherRecord | undefined>;
  /**
   * The vouchers booking any of these transactions, in the order of `keys` (a transaction no
   * voucher books gives none): {@link getVoucherForTransaction} for many lines in one call, by the
   * index on the booked transaction, however the vouchers are dated.
   */
  getVouchersForTransactions(ref: ClientRef, keys: readonly TransactionKey[]): Promise<readonly VoucherRecord[]>;
  /**
   * Replaces what stored vouchers were learned from (`learnedFrom`), by series and number: `unlearn`
   * marks the ones whose evidence it took back `forgotten`. All or none: `NOT_FOUND` when a voucher
   * is not stored, and nothing is written then.
   */
  setLearnedFrom(ref: ClientRef, updates: readonly VoucherLearnedFrom[]): Promise<void>;
  /**
   * Replaces a stored voucher's date, text, rows, `confirmedAt` and `learnedFrom` in place (a
   * correction before it was exported); its series, number and bank line stay. Returns the stored
   * voucher. `NOT_FOUND` when it is not stored, `VALIDATION` when the new content is malformed or
   * unbalanced (as {@link addVouchers} checks it); nothing is written then.
   */
  replaceVoucher(ref: ClientRef, voucher: VoucherReplacement): Promise<VoucherRecord>;
  /**
   * Sets or clears the {@link TransactionRow.booked} mark of stored transactions. `NOT_FOUND` when
   * one is not stored; nothing is written then.
   */
  markTransactions(ref: ClientRef, marks: readonly TransactionMark[]): Promise<void>;

  /** Inserts ledger vouchers, replacing those with the same id. */
  putLedgerVouchers(ref: ClientRef, vouchers: readonly LedgerVoucher[]): Promise<void>;
  /** The client's ledger vouchers ordered by date, then id. */
  listLedgerVouchers(ref: ClientRef): Promise<readonly LedgerVoucher[]>;

  /** The client's profile records for `keys` (all of them when `keys` is undefined), ordered by key. */
  getProfiles(ref: ClientRef, keys?: readonly string[]): Promise<readonly ProfileRecord[]>;
  /**
   * The profile records of all the bureau's clients for `keys`, ordered by key, then client id.
   * Bureau-internal: the facade uses it to keep the bureau and network aggregates exact.
   */
  getBureauProfiles(bureauId: string, keys: readonly string[]): Promise<readonly ProfileRecord[]>;
  /** The bureau's aggregate records for `keys` (all when undefined), ordered by key and template id. */
  getBureauRecords(bureauId: string, keys?: readonly string[]): Promise<readonly BureauKnowledgeRecord[]>;
  /**
   * The shared network records for `keys`, ordered by key, direction, account, VAT. Only mappings
   * that at least the writers' `minBureaus` bureaus hold are there (see {@link applyKnowledge}).
   */
  getNetworkRecords(keys: readonly string[]): Promise<readonly NetworkRecord[]>;
  /**
   * The bureau's own network candidates for `keys`: what the bureau's clients contribute to the
   * network (`bureaus` is 1, `clients` the bureau's count), whether or not enough bureaus hold it
   * for it to be shared. Bureau-internal, in the same order as {@link getNetworkRecords}.
   */
  getNetworkCandidates(bureauId: string, keys: readonly string[]): Promise<readonly NetworkRecord[]>;
  /** Every network count record (for building a candidate index), in the same order. */
  listNetworkRecords(): Promise<readonly NetworkRecord[]>;
  /**
   * Writes what the engine learned for one bureau. Profiles: puts replace, deletes remove.
   * Aggregates are applied as differences from `base`, the records the engine started from, so two
   * writers that started from the same counts both count (a server store turns them into
   * increments): a bureau record gains the clients its put has and its base lacked, and loses those
   * its base had and its put (or delete) lacks; the network changes and base are the bureau's own
   * network candidates (see {@link getNetworkCandidates}), whose client count changes by
   * put − base (a delete is 0). A record whose counts reach 0, or that is left without clients, is
   * removed. When nothing was written in between, this is the same as writing the puts as they are.
   *
   * Then every mapping whose candidate changed is shared or withdrawn: the network record holds the
   * number of bureaus with a candidate for it and the sum of their clients when at least
   * `minBureaus` (default 3, `DEFAULT_MIN_BUREAUS`) bureaus hold it, and does not exist below
   * that. Use one `minBureaus` for every writer of a store.
   *
   * Profile and bureau records (changes and base) must belong to `bureauId` and its clients, else
   * `VALIDATION` and nothing is written.
   */
  applyKnowledge(bureauId: string, changes: KnowledgeChanges, base: KnowledgeBase, minBureaus?: number): Promise<void>;

  /**
   * Adds or replaces open items of the client's ledger (identity: client and item id), all or
   * nothing: `VALIDATION` when one is malformed, and nothing is written then.
   */
  putOpenItems(ref: ClientRef, items: readonly OpenItem[]): Promise<void>;
  /** The client's open items ordered by date, then id. */
  listOpenItems(ref: ClientRef, filter?: OpenItemFilter): Promise<readonly OpenItem[]>;
  /** Removes the client's items with these ids; returns how many there were. */
  deleteOpenItems(ref: ClientRef, ids: readonly string[]): Promise<number>;
  /**
   * Adds or replaces pending settlements of the client's ledger (identity: client and id), all or
   * nothing: `VALIDATION` when one is malformed, and nothing is written then.
   */
  putPendingSettlements(ref: ClientRef, pending: readonly PendingSettlement[]): Promise<void>;
  /** The client's pending settlements ordered by their voucher's date, then id. */
  listPendingSettlements(ref: ClientRef): Promise<readonly PendingSettlement[]>;
  /** Removes the client's pending settlements with these ids; returns how many there were. */
  deletePendingSettlements(ref: ClientRef, ids: readonly string[]): Promise<number>;
  /**
   * Adds or replaces fiscal years the client's learning used (identity: client and start), all or
   * nothing: `VALIDATION` when one is malformed (dates, start after end, an unknown source, a
   * start twice), and nothing is written then.
   */
  putFiscalYears(ref: ClientRef, years: readonly KnownFiscalYear[]): Promise<void>;
  /** The client's known fiscal years ordered by start. */
  listFiscalYears(ref: ClientRef): Promise<readonly KnownFiscalYear[]>;
  /** Removes the client's known fiscal years with these starts; returns how many there were. */
  deleteFiscalYears(ref: ClientRef, starts: readonly string[]): Promise<number>;

  /** Everything stored about the client. */
  exportClient(ref: ClientRef): Promise<ClientData>;
}

/** Options of {@link Store.transaction}. */
export interface TransactionOptions {
  /**
   * The transaction only reads: a store may skip taking the write lock (so it does not hold up
   * writers in other processes), and every write method inside fails with `STORE`.
   */
  readonly readOnly?: boolean | undefined;
}

/** A store: the session methods, each atomic, plus transactions and lifecycle. */
export interface Store extends StoreSession {
  readonly capabilities: StoreCapabilities;
  /**
   * Runs `fn` all-or-nothing: when it resolves every write it made through `tx` is kept, when it
   * throws none is, and the error is rethrown. Transactions run one after another; other calls on
   * this store wait until it ends, so inside `fn` use `tx`, never the store itself.
   */
  transaction<T>(fn: (tx: StoreSession) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Waits for running work, then releases the store. Later calls fail with `STORE`. Idempotent. */
  close(): Promise<void>;
}
