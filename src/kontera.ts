/**
 * The facade: kontera's one public entry point and its only I/O shell. It parses files, loads the
 * evidence it needs from the store, calls the pure engine (statements, SIE, knowledge, suggest) and
 * writes the results inside one store transaction, so every call either happens completely or not
 * at all.
 *
 * ```ts
 * const kontera = await createKontera({ store: await openSqliteStore({ path: 'kontera.db' }) });
 * await kontera.addBureau({ id: 'byra-1', name: 'Byrå Ett' });
 * await kontera.addClient({ bureauId: 'byra-1', id: 'kaffe', name: 'Kaffebryggeriet AB' });
 * await kontera.learnFromSie('kaffe', sieBytes);
 * const { transactions } = await kontera.importStatement('kaffe', csvBytes, { fileName: 'mars.csv' });
 * const suggestions = await kontera.suggest('kaffe', transactions);
 * ```
 *
 * @module
 */
import { AbortError, NotFoundError, ValidationError } from './core/errors.js';
import { isIsoDate } from './core/dates.js';
import { createKnowledge } from './knowledge/base.js';
import type { Knowledge } from './knowledge/base.js';
import { sieBookings } from './knowledge/cold-start.js';
import { learn, removeClient, unlearn } from './knowledge/learn.js';
import type {
  AccountNo,
  BureauRecord as BureauKnowledgeRecord,
  ClientSettings,
  ConfirmedBooking,
  KnowledgeChanges,
  NetworkRecord,
  NetworkRecordKey,
  ProfileRecord,
  ReviewSettings,
  TransactionInput,
  Voucher,
  VoucherRow,
} from './knowledge/types.js';
import { counterpartyKey } from './normalize/counterparty.js';
import { createSieDocument } from './sie/document.js';
import { readSie } from './sie/reader.js';
import type { SieIssue } from './sie/types.js';
import { writeSie } from './sie/writer.js';
import { parseStatement } from './statements/index.js';
import type { ColumnMapping, ParseWarning, StatementFormatId } from './statements/types.js';
import { createMemoryStore } from './store/memory.js';
import { VOUCHER_SERIES } from './store/store.js';
import type {
  BureauRow,
  ClientData,
  ClientRef,
  ClientRow,
  DeleteCounts,
  KnowledgeBase,
  NewVoucher,
  StatementRow,
  Store,
  StoreSession,
  TransactionRow,
  VoucherRecord,
  VoucherSeries,
} from './store/store.js';
import { suggest as suggestOne } from './suggest/suggest.js';
import { confirmOpenItems, learnOpenItemsFromSie, openItemsForSuggest, settleBgmaxDeposit, unlearnOpenItems, withOpenItemMatch } from './open-items.js';
import type { OpenItemsLearned } from './open-items.js';
import type { DepositSettlement } from './openitems/deposit.js';
import { matchOpenItems } from './openitems/match.js';
import type { OpenItem } from './openitems/types.js';
import type { Suggestion } from './suggest/types.js';

/** BAS accounts have four digits; the engine, the chart check and SIE export all assume it. */
const ACCOUNT_PATTERN = /^\d{4}$/;
/** Swedish organisation or personal number, with or without the hyphen. */
const ORG_NR_PATTERN = /^\d{6}-?\d{4}$/;
/** Rows written per store call in an import, and bookings learned between two progress reports. */
const CHUNK = 1000;
/** Reads that need a consistent view but no write lock. */
const READ_ONLY = Object.freeze({ readOnly: true });
/** The default bank account when a client names none. */
const DEFAULT_BANK_ACCOUNT: AccountNo = '1930';

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
  /** Restricts this instance to one bureau: clients of other bureaus are unknown to it. */
  readonly bureauId?: string | undefined;
  /** The clock for import and confirmation times (default `new Date()`). */
  readonly now?: (() => Date) | undefined;
  /** Network k-anonymity: a network mapping is used only when this many bureaus agree (default 3). */
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
  /** Default true: the client draws from and adds to the anonymous network counts. */
  readonly network?: boolean | undefined;
}

/** A client as kontera keeps it, with every default filled in. */
export type Client = ClientRow;

/** A stored bank line, as `importStatement` returns it. */
export type ImportedTransaction = TransactionRow;

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
}

/** What {@link Kontera.learnFromSie} did. */
export interface LearnFromSieResult {
  /** Vouchers in the file. */
  readonly vouchers: number;
  /** Bookings learned (vouchers that touch a bank account and name a counterparty). */
  readonly learned: number;
  /** Bank vouchers that taught nothing (no usable text, only bank rows, …). */
  readonly skipped: number;
  /** What the SIE reader noticed (repairs, skipped records, unbalanced vouchers left out). */
  readonly issues: readonly SieIssue[];
  /** What the file added to the client's open-item ledger (invoices and their settlements). */
  readonly openItems: OpenItemsLearned;
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
   * free voucher series). Default false: such a statement is refused with `VALIDATION`.
   */
  readonly allowNewAccount?: boolean | undefined;
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
  /** Lines that were stored already (same file again, or overlapping exports). */
  readonly duplicates: number;
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
}

/** Options of {@link Kontera.exportSie}. */
export interface ExportSieOptions {
  /** Inclusive ISO dates. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly series?: VoucherSeries | undefined;
  /** `#GEN` date; default the date of the latest confirmation exported, so the same data gives the same file. */
  readonly generated?: string | undefined;
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

/** The kontera API. Every method is async and either completes or leaves the store unchanged. */
export interface Kontera {
  /** Adds a bureau. `CONFLICT` if the id exists. */
  addBureau(bureau: BureauRow): Promise<BureauRow>;
  /** Adds a client to a bureau, filling in defaults. `NOT_FOUND` bureau, `CONFLICT` id, `VALIDATION` settings. */
  addClient(input: AddClientInput): Promise<Client>;
  /** The client, or `NOT_FOUND`. */
  getClient(clientId: string): Promise<Client>;
  /** Learns a client's history from a SIE 4 file (cold start). */
  learnFromSie(clientId: string, bytes: Uint8Array | string, options?: LearnFromSieOptions): Promise<LearnFromSieResult>;
  /** Parses and stores a bank statement; idempotent and all-or-nothing. */
  importStatement(clientId: string, bytes: Uint8Array | string, options?: ImportStatementOptions): Promise<ImportStatementResult>;
  /** One suggestion per input line, in the same order. Reads only. */
  suggest(clientId: string, transactions: readonly TransactionLike[]): Promise<readonly Suggestion[]>;
  /** Stores accepted or corrected vouchers with series and numbers, and learns from them. */
  confirm(clientId: string, bookings: readonly Booking[], options?: LongOperationOptions): Promise<ConfirmResult>;
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
   * `templateId`. `key` is the normalised key a {@link Suggestion} reports.
   */
  unlearn(clientId: string, key: string, templateId?: string): Promise<UnlearnResult>;
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

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new AbortError();
}

/** Lets timers and abort events run between chunks of synchronous work. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((done) => setTimeout(done, 0));
}

function nonEmpty(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(`Invalid ${what}: expected a non-empty string, got ${JSON.stringify(value) ?? String(value)}`);
  }
  return value;
}

function checkAccount(account: unknown, what: string): AccountNo {
  if (typeof account !== 'string' || !ACCOUNT_PATTERN.test(account)) {
    throw new ValidationError(`Invalid ${what}: expected a four-digit BAS account, got ${JSON.stringify(account) ?? String(account)}`);
  }
  return account;
}

/**
 * A 64-bit FNV-1a fingerprint of strings as 16 hex digits (two 32-bit lanes, pure JavaScript, so
 * the same ids in Node and browsers). Used for statement ids, where it only has to tell one
 * client's files apart.
 */
function fingerprint(...parts: readonly string[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 13);
    }
    // A separator that no string part contains, so ("ab", "c") and ("a", "bc") differ.
    a = Math.imul(a ^ 0xffff, 0x01000193);
    b = Math.imul(b ^ 0xfffe, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

function digits(s: string): string {
  return s.replace(/\D/g, '');
}

/** The engine's view of a client. */
function engineClient(c: ClientRow): ClientSettings {
  return {
    id: c.id,
    bureauId: c.bureauId,
    bankAccounts: c.bankAccounts,
    vatRegistered: c.vatRegistered,
    chart: c.chart,
    suspenseAccount: c.suspenseAccount,
    review: c.review,
    autoBookThreshold: c.autoBookThreshold,
    network: c.network,
  };
}

function refOf(c: ClientRow): ClientRef {
  return { bureauId: c.bureauId, clientId: c.id };
}

function nextFreeSeries(used: ReadonlySet<string>): VoucherSeries {
  const free = VOUCHER_SERIES.find((s) => !used.has(s));
  if (free === undefined) throw new ValidationError('Invalid bank accounts: expected at most 26 voucher series A–Z, all are used');
  return free;
}

/** Collects many learning steps into one change set, the later step winning for each record. */
class ChangeAccumulator {
  readonly #profiles = new Map<string, ProfileRecord | { readonly clientId: string; readonly key: string }>();
  readonly #bureau = new Map<string, BureauKnowledgeRecord | { readonly bureauId: string; readonly key: string; readonly templateId: string }>();
  readonly #network = new Map<string, NetworkRecord | NetworkRecordKey>();

  add(c: KnowledgeChanges): void {
    for (const d of c.deleteProfiles) this.#profiles.set(`${d.clientId}\u0000${d.key}`, d);
    for (const p of c.putProfiles) this.#profiles.set(`${p.clientId}\u0000${p.key}`, p);
    for (const d of c.deleteBureau) this.#bureau.set(`${d.bureauId}\u0000${d.key}\u0000${d.templateId}`, d);
    for (const b of c.putBureau) this.#bureau.set(`${b.bureauId}\u0000${b.key}\u0000${b.templateId}`, b);
    for (const d of c.deleteNetwork) this.#network.set(networkKey(d), d);
    for (const n of c.putNetwork) this.#network.set(networkKey(n), n);
  }

  result(): KnowledgeChanges {
    const isProfile = (x: ProfileRecord | { readonly clientId: string; readonly key: string }): x is ProfileRecord => 'templates' in x;
    const isBureau = (x: BureauKnowledgeRecord | { readonly bureauId: string; readonly key: string; readonly templateId: string }): x is BureauKnowledgeRecord =>
      'clients' in x;
    const isNetwork = (x: NetworkRecord | NetworkRecordKey): x is NetworkRecord => 'clients' in x;
    const profiles = [...this.#profiles.values()];
    const bureau = [...this.#bureau.values()];
    const network = [...this.#network.values()];
    return {
      putProfiles: profiles.filter(isProfile),
      deleteProfiles: profiles.filter((x) => !isProfile(x)).map((x) => ({ clientId: x.clientId, key: x.key })),
      putBureau: bureau.filter(isBureau),
      deleteBureau: bureau.filter((x) => !isBureau(x)).map((x) => ({ bureauId: x.bureauId, key: x.key, templateId: x.templateId })),
      putNetwork: network.filter(isNetwork),
      deleteNetwork: network
        .filter((x) => !isNetwork(x))
        .map((x) => ({ key: x.key, direction: x.direction, account: x.account, vatMode: x.vatMode, vatRate: x.vatRate })),
    };
  }
}

function networkKey(r: NetworkRecordKey): string {
  return `${r.key}\u0000${r.direction}\u0000${r.account}\u0000${r.vatMode}\u0000${r.vatRate}`;
}

/**
 * Everything the engine reads when it learns or forgets `keys` for a client: the profiles of the
 * bureau's clients for those keys (its own, and the others', whose shareability decides whether the
 * bureau still counts in the network), the bureau's records for them and the network counts; plus
 * the aggregates as read, the base the store applies the engine's changes against.
 */
async function knowledgeForLearning(tx: StoreSession, client: ClientRow, keys: readonly string[]): Promise<{ k: Knowledge; base: KnowledgeBase }> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return { k: createKnowledge(), base: NO_BASE };
  // Three reads, whatever the number of keys or clients.
  const profiles = await tx.getBureauProfiles(client.bureauId, unique);
  const bureaus = await tx.getBureauRecords(client.bureauId, unique);
  const network = await tx.getNetworkRecords(unique);
  // The engine replaces records rather than changing them, so these arrays stay what was read.
  return { k: createKnowledge({ profiles, bureaus, network }), base: { bureauRecords: bureaus, network } };
}

const NO_BASE: KnowledgeBase = Object.freeze({ bureauRecords: [], network: [] });

/** The keys `learn` will use for these bookings. */
function keysOf(bookings: readonly ConfirmedBooking[]): string[] {
  const keys: string[] = [];
  for (const b of bookings) {
    const t = b.transaction;
    const k = counterpartyKey(t.text, { reference: t.reference, counterparty: t.counterparty, counterpartyAccount: t.counterpartyAccount }).key;
    if (k !== null) keys.push(k);
  }
  return keys;
}

/**
 * Creates a kontera instance on a store (default: a new memory store).
 *
 * ```ts
 * const kontera = await createKontera();                       // in memory
 * const durable = await createKontera({ store: await openSqliteStore({ path: 'k.db' }) });
 * ```
 */
export async function createKontera(options: KonteraOptions = {}): Promise<Kontera> {
  const store = options.store ?? createMemoryStore();
  const onlyBureau = options.bureauId;
  const now = options.now ?? (() => new Date());
  const minBureaus = options.minBureaus;
  if (minBureaus !== undefined && (!Number.isSafeInteger(minBureaus) || minBureaus < 1)) {
    throw new ValidationError(`Invalid minBureaus: expected a whole number ≥ 1, got ${minBureaus}`);
  }

  const visibleBureau = (bureauId: string): void => {
    if (onlyBureau !== undefined && bureauId !== onlyBureau) {
      throw new NotFoundError(`Unknown bureau: expected a bureau with id "${bureauId}", found none`);
    }
  };

  /** The client, through its bureau; unknown or foreign ids are `NOT_FOUND`. */
  const clientOf = async (session: StoreSession, clientId: string): Promise<ClientRow> => {
    nonEmpty(clientId, 'client id');
    const found = await session.resolveClient(clientId);
    if (found === undefined || (onlyBureau !== undefined && found.bureauId !== onlyBureau)) {
      throw new NotFoundError(`Unknown client: expected a client with id "${clientId}", found none`);
    }
    return session.getClient(refOf(found));
  };

  const resolveClientInput = (input: AddClientInput): ClientRow => {
    if (typeof input !== 'object' || input === null) throw new ValidationError('Invalid client: expected { bureauId, id, name, … }');
    const id = nonEmpty(input.id, 'client id');
    const bureauId = nonEmpty(input.bureauId, 'bureau id');
    const name = nonEmpty(input.name, `name of client "${id}"`);
    if (input.orgNr !== undefined && !ORG_NR_PATTERN.test(input.orgNr)) {
      throw new ValidationError(`Invalid orgNr of client "${id}": expected NNNNNN-NNNN, got ${JSON.stringify(input.orgNr)}`);
    }
    const chart = input.chart?.map((a) => checkAccount(a, `chart account of client "${id}"`));
    const chartSet = chart === undefined ? undefined : new Set(chart);
    const inChart = (a: AccountNo, what: string): void => {
      if (chartSet !== undefined && !chartSet.has(a)) throw new ValidationError(`Invalid ${what} of client "${id}": expected an account in its chart, got ${a}`);
    };
    const given = (input.bankAccounts ?? [DEFAULT_BANK_ACCOUNT]).map((b) => (typeof b === 'string' ? { account: b } : b));
    if (given.length === 0) throw new ValidationError(`Invalid bank accounts of client "${id}": expected at least one, got none`);
    const bankAccounts: AccountNo[] = [];
    const series: Record<AccountNo, VoucherSeries> = {};
    const accountNumbers: Record<AccountNo, string> = {};
    const usedSeries = new Set<string>(given.flatMap((b) => (b.series === undefined ? [] : [b.series])));
    for (const b of given) {
      const account = checkAccount(b.account, `bank account of client "${id}"`);
      if (bankAccounts.includes(account)) throw new ValidationError(`Invalid bank accounts of client "${id}": expected each once, got ${account} twice`);
      inChart(account, 'bank account');
      if (b.series !== undefined && !VOUCHER_SERIES.includes(b.series)) {
        throw new ValidationError(`Invalid series for bank account ${account}: expected a letter A–Z, got ${JSON.stringify(b.series)}`);
      }
      const s = b.series ?? nextFreeSeries(usedSeries);
      usedSeries.add(s);
      bankAccounts.push(account);
      series[account] = s;
      if (b.number !== undefined) {
        if (digits(b.number).length < 5) throw new ValidationError(`Invalid number for bank account ${account}: expected a bank account number, got ${JSON.stringify(b.number)}`);
        accountNumbers[account] = b.number;
      }
    }
    if (input.suspenseAccount !== undefined) inChart(checkAccount(input.suspenseAccount, 'suspense account'), 'suspense account');
    for (const a of input.review?.accounts ?? []) checkAccount(a, 'review account');
    if (input.autoBookThreshold !== undefined && !(input.autoBookThreshold >= 0 && input.autoBookThreshold <= 1)) {
      throw new ValidationError(`Invalid autoBookThreshold of client "${id}": expected a number from 0 to 1, got ${input.autoBookThreshold}`);
    }
    const accountNames: Record<AccountNo, string> = {};
    for (const [a, n] of Object.entries(input.accountNames ?? {})) accountNames[checkAccount(a, 'account name key')] = nonEmpty(n, `name of account ${a}`);
    const row: { -readonly [K in keyof ClientRow]: ClientRow[K] } = {
      id,
      bureauId,
      name,
      bankAccounts,
      series,
      vatRegistered: input.vatRegistered ?? true,
      network: input.network ?? true,
    };
    if (input.orgNr !== undefined) row.orgNr = input.orgNr;
    if (Object.keys(accountNumbers).length > 0) row.accountNumbers = accountNumbers;
    if (chart !== undefined) row.chart = chart;
    if (Object.keys(accountNames).length > 0) row.accountNames = accountNames;
    if (input.suspenseAccount !== undefined) row.suspenseAccount = input.suspenseAccount;
    if (input.review !== undefined) row.review = input.review;
    if (input.autoBookThreshold !== undefined) row.autoBookThreshold = input.autoBookThreshold;
    return row;
  };

  /** Which ledger bank account a statement belongs to (see {@link ImportStatementOptions.bankAccount}). */
  const pickBankAccount = (client: ClientRow, fileAccount: string | undefined, options: ImportStatementOptions): { account: AccountNo; isNew: boolean } => {
    const fileDigits = fileAccount === undefined ? '' : digits(fileAccount);
    const byNumber =
      fileDigits.length === 0
        ? undefined
        : client.bankAccounts.find((a) => {
            const n = client.accountNumbers?.[a];
            return n !== undefined && (digits(n).endsWith(fileDigits) || fileDigits.endsWith(digits(n)));
          });
    if (options.bankAccount !== undefined) {
      const account = checkAccount(options.bankAccount, 'bankAccount option');
      const known = client.bankAccounts.includes(account);
      if (byNumber !== undefined && byNumber !== account) {
        throw new ValidationError(`Statement account mismatch: the file is for ${fileAccount ?? ''}, which is bank account ${byNumber} of client "${client.id}", not ${account}`);
      }
      if (!known && options.allowNewAccount !== true) {
        throw new ValidationError(
          `Unknown bank account: expected one of client "${client.id}"'s bank accounts (${client.bankAccounts.join(', ')}), got ${account}; pass allowNewAccount: true to add it`,
        );
      }
      const registered = client.accountNumbers?.[account];
      if (known && registered !== undefined && fileDigits.length > 0 && byNumber === undefined) {
        throw new ValidationError(`Statement account mismatch: the file is for ${fileAccount ?? ''}, bank account ${account} of client "${client.id}" is ${registered}`);
      }
      return { account, isNew: !known };
    }
    if (byNumber !== undefined) return { account: byNumber, isNew: false };
    const numbered = client.bankAccounts.filter((a) => client.accountNumbers?.[a] !== undefined);
    if (fileDigits.length > 0 && numbered.length > 0) {
      throw new ValidationError(
        `Statement for an unknown account: the file is for account ${fileAccount ?? ''}, client "${client.id}" has ${numbered.map((a) => `${a} (${client.accountNumbers?.[a] ?? ''})`).join(', ')}; pass bankAccount to choose one${options.allowNewAccount === true ? ' (a new one is added)' : ', with allowNewAccount: true for a new one'}`,
      );
    }
    if (client.bankAccounts.length === 1) return { account: client.bankAccounts[0] ?? DEFAULT_BANK_ACCOUNT, isNew: false };
    throw new ValidationError(
      `Ambiguous bank account: client "${client.id}" has ${client.bankAccounts.join(', ')} and the file does not say which; pass bankAccount`,
    );
  };

  /** Checks one booking against the client before anything is written. */
  const checkBooking = (client: ClientRow, b: Booking, index: number): { bankAccount: AccountNo } => {
    const where = `booking ${index + 1}`;
    const t = b.transaction;
    const v = b.voucher;
    if (typeof t !== 'object' || t === null || typeof v !== 'object' || v === null) {
      throw new ValidationError(`Invalid ${where}: expected { transaction, voucher }`);
    }
    if (!Number.isSafeInteger(t.amount) || t.amount === 0) throw new ValidationError(`Invalid ${where}: expected a non-zero transaction amount in whole öre, got ${t.amount}`);
    if (!isIsoDate(t.date)) throw new ValidationError(`Invalid ${where}: expected an ISO transaction date, got ${JSON.stringify(t.date)}`);
    if (!isIsoDate(v.date)) throw new ValidationError(`Invalid ${where}: expected an ISO voucher date, got ${JSON.stringify(v.date)}`);
    if (typeof v.text !== 'string') throw new ValidationError(`Invalid ${where}: expected a voucher text`);
    if (t.counterpartyAccount !== undefined && typeof t.counterpartyAccount !== 'string') {
      throw new ValidationError(`Invalid ${where}: expected the counterparty account as a string, got ${JSON.stringify(t.counterpartyAccount)}`);
    }
    const bankAccount = t.bankAccount ?? client.bankAccounts[0] ?? DEFAULT_BANK_ACCOUNT;
    if (!client.bankAccounts.includes(bankAccount)) {
      throw new ValidationError(`Invalid ${where}: expected one of the client's bank accounts (${client.bankAccounts.join(', ')}), got ${bankAccount}`);
    }
    if (!Array.isArray(v.rows) || v.rows.length < 2) throw new ValidationError(`Invalid ${where}: expected at least two voucher rows`);
    const chart = client.chart === undefined ? undefined : new Set(client.chart);
    let sum = 0;
    let bankSum = 0;
    for (const r of v.rows) {
      checkAccount(r.account, `account in ${where}`);
      if (!Number.isSafeInteger(r.amount)) throw new ValidationError(`Invalid ${where}: expected whole öre on account ${r.account}, got ${r.amount}`);
      if (chart !== undefined && !chart.has(r.account)) {
        throw new ValidationError(`Invalid ${where}: expected accounts in the client's chart, got ${r.account}`);
      }
      sum += r.amount;
      if (r.account === bankAccount) bankSum += r.amount;
    }
    if (sum !== 0) throw new ValidationError(`Unbalanced ${where}: expected rows summing to 0 öre, they sum to ${sum}`);
    if (bankSum !== t.amount) {
      throw new ValidationError(`Invalid ${where}: expected the bank rows on ${bankAccount} to carry the transaction's ${t.amount} öre, they carry ${bankSum}`);
    }
    return { bankAccount };
  };

  const api: Kontera = {
    async addBureau(bureau: BureauRow): Promise<BureauRow> {
      const row = { id: nonEmpty(bureau?.id, 'bureau id'), name: nonEmpty(bureau?.name, 'bureau name') };
      visibleBureau(row.id);
      await store.createBureau(row);
      return row;
    },

    async addClient(input: AddClientInput): Promise<Client> {
      const row = resolveClientInput(input);
      visibleBureau(row.bureauId);
      await store.createClient(row);
      return row;
    },

    async getClient(clientId: string): Promise<Client> {
      return clientOf(store, clientId);
    },

    async learnFromSie(clientId: string, bytes: Uint8Array | string, options: LearnFromSieOptions = {}): Promise<LearnFromSieResult> {
      checkAbort(options.signal);
      const doc = readSie(bytes, { strict: false, fileName: options.fileName });
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const bankAccounts = options.bankAccounts?.map((a) => checkAccount(a, 'bankAccounts option')) ?? client.bankAccounts;
        const bookings = sieBookings(doc, { bankAccounts });
        const settings: ClientSettings = { ...engineClient(client), bankAccounts };
        const { k, base } = await knowledgeForLearning(tx, client, keysOf(bookings));
        const changes = new ChangeAccumulator();
        let learned = 0;
        for (let i = 0; i < bookings.length; i += CHUNK) {
          checkAbort(options.signal);
          for (const b of bookings.slice(i, i + CHUNK)) {
            const r = learn(k, settings, b);
            if (r.learned) learned++;
            changes.add(r.changes);
          }
          options.onProgress?.({ phase: 'learn', done: Math.min(i + CHUNK, bookings.length), total: bookings.length });
          await yieldToEventLoop();
        }
        checkAbort(options.signal);
        await tx.applyKnowledge(client.bureauId, changes.result(), base);
        // Account names from #KONTO fill gaps for SIE export; names the bureau gave are kept.
        const names: Record<AccountNo, string> = { ...client.accountNames };
        let added = false;
        for (const a of doc.accounts) {
          if (ACCOUNT_PATTERN.test(a.number) && a.name.trim() !== '' && names[a.number] === undefined) {
            names[a.number] = a.name.trim();
            added = true;
          }
        }
        if (added) await tx.updateClient({ ...client, accountNames: names });
        const openItems = await learnOpenItemsFromSie(tx, refOf(client), doc);
        checkAbort(options.signal);
        return { vouchers: doc.vouchers.length, learned, skipped: bookings.length - learned, issues: doc.issues, openItems };
      });
    },

    async importStatement(clientId: string, bytes: Uint8Array | string, options: ImportStatementOptions = {}): Promise<ImportStatementResult> {
      checkAbort(options.signal);
      const client0 = await clientOf(store, clientId);
      const statement = parseStatement(bytes, {
        ...(options.fileName !== undefined ? { fileName: options.fileName } : {}),
        ...(options.format !== undefined ? { format: options.format } : {}),
        ...(options.columns !== undefined ? { columns: options.columns } : {}),
      });
      const { account: bankAccount, isNew } = pickBankAccount(client0, statement.accountNumber, options);
      const ids = statement.transactions.map((t) => t.id);
      const statementId = `st-${fingerprint(clientId, bankAccount, statement.format, ids.join('\n'))}`;
      const dates = statement.transactions.map((t) => t.date).sort();
      const importedAt = now().toISOString();
      const row: { -readonly [K in keyof StatementRow]: StatementRow[K] } = {
        id: statementId,
        clientId,
        bankAccount,
        format: statement.format,
        bank: statement.bank,
        currency: statement.currency,
        transactionCount: statement.transactions.length,
        importedAt,
      };
      if (options.fileName !== undefined) row.fileName = options.fileName;
      if (statement.accountNumber !== undefined) row.accountNumber = statement.accountNumber;
      if (statement.openingBalance !== undefined) row.openingBalance = statement.openingBalance;
      if (statement.closingBalance !== undefined) row.closingBalance = statement.closingBalance;
      if (dates.length > 0) {
        row.from = dates[0];
        row.to = dates[dates.length - 1];
      }
      const rows: TransactionRow[] = statement.transactions.map((t) => {
        const r: { -readonly [K in keyof TransactionRow]: TransactionRow[K] } = {
          id: t.id,
          clientId,
          bankAccount,
          statementId,
          line: t.line,
          date: t.date,
          amount: t.amount,
          text: t.text,
        };
        if (t.valueDate !== undefined) r.valueDate = t.valueDate;
        if (t.balance !== undefined) r.balance = t.balance;
        if (t.reference !== undefined) r.reference = t.reference;
        if (t.counterparty !== undefined) r.counterparty = t.counterparty;
        if (t.counterpartyAccount !== undefined) r.counterpartyAccount = t.counterpartyAccount;
        if (t.kind !== undefined) r.kind = t.kind;
        if (t.currency !== undefined) r.currency = t.currency;
        if (t.pending === true) r.pending = true;
        return r;
      });
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const ref = refOf(client);
        if (isNew && !client.bankAccounts.includes(bankAccount)) {
          const used = new Set<string>(Object.values(client.series));
          await tx.updateClient({
            ...client,
            bankAccounts: [...client.bankAccounts, bankAccount],
            series: { ...client.series, [bankAccount]: nextFreeSeries(used) },
            ...(statement.accountNumber !== undefined ? { accountNumbers: { ...client.accountNumbers, [bankAccount]: statement.accountNumber } } : {}),
          });
        }
        await tx.putStatement(ref, row);
        const duplicateIds = new Set<string>();
        let added = 0;
        for (let i = 0; i < rows.length; i += CHUNK) {
          checkAbort(options.signal);
          const r = await tx.addTransactions(ref, rows.slice(i, i + CHUNK));
          added += r.added.length;
          for (const d of r.duplicates) duplicateIds.add(d);
          options.onProgress?.({ phase: 'import', done: Math.min(i + CHUNK, rows.length), total: rows.length });
          if (i + CHUNK < rows.length) await yieldToEventLoop();
        }
        checkAbort(options.signal);
        let transactions: readonly TransactionRow[] = rows;
        if (duplicateIds.size > 0) {
          const stored = await tx.getTransactions(ref, [...duplicateIds].map((id) => ({ bankAccount, id })));
          const byId = new Map(stored.map((t) => [t.id, t]));
          transactions = rows.map((r) => byId.get(r.id) ?? r);
        }
        return { statementId, bankAccount, transactions, added, duplicates: rows.length - added, warnings: statement.warnings };
      });
    },

    async suggest(clientId: string, transactions: readonly TransactionLike[]): Promise<readonly Suggestion[]> {
      if (!Array.isArray(transactions)) throw new ValidationError('Invalid transactions: expected an array');
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const settings = engineClient(client);
        transactions.forEach((t, i) => {
          if (typeof t !== 'object' || t === null || !Number.isSafeInteger(t.amount) || !isIsoDate(t.date) || typeof t.text !== 'string') {
            throw new ValidationError(`Invalid transaction ${i + 1}: expected { date: 'YYYY-MM-DD', amount: whole öre, text }`);
          }
          if (t.counterpartyAccount !== undefined && typeof t.counterpartyAccount !== 'string') {
            throw new ValidationError(`Invalid transaction ${i + 1}: expected the counterparty account as a string, got ${JSON.stringify(t.counterpartyAccount)}`);
          }
          if (t.bankAccount !== undefined && !client.bankAccounts.includes(t.bankAccount)) {
            throw new ValidationError(`Invalid transaction ${i + 1}: expected one of the client's bank accounts (${client.bankAccounts.join(', ')}), got ${t.bankAccount}`);
          }
        });
        const keys = [
          ...new Set(
            transactions.flatMap((t) => {
              const k = counterpartyKey(t.text, { reference: t.reference, counterparty: t.counterparty, counterpartyAccount: t.counterpartyAccount }).key;
              return k === null ? [] : [k];
            }),
          ),
        ];
        const profiles = await tx.getProfiles(refOf(client));
        const bureaus = keys.length === 0 ? [] : await tx.getBureauRecords(client.bureauId, keys);
        const network = keys.length === 0 || !client.network ? [] : await tx.getNetworkRecords(keys);
        const k = createKnowledge({ profiles, bureaus, network });
        const items = await openItemsForSuggest(tx, refOf(client));
        return transactions.map((t) => {
          const s = suggestOne(
            { date: t.date, amount: t.amount, text: t.text, reference: t.reference, counterparty: t.counterparty, counterpartyAccount: t.counterpartyAccount, kind: t.kind },
            k,
            settings,
            { bankAccount: t.bankAccount, ...(minBureaus !== undefined ? { minBureaus } : {}) },
          );
          if (items.length === 0) return s;
          const bankAccount = t.bankAccount ?? client.bankAccounts[0] ?? DEFAULT_BANK_ACCOUNT;
          return withOpenItemMatch(s, matchOpenItems(t, items, { bankAccount, limit: 1 })[0], client);
        });
      }, READ_ONLY);
    },

    async confirm(clientId: string, bookings: readonly Booking[], options: LongOperationOptions = {}): Promise<ConfirmResult> {
      checkAbort(options.signal);
      if (!Array.isArray(bookings)) throw new ValidationError('Invalid bookings: expected an array');
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const ref = refOf(client);
        const checked = bookings.map((b, i) => checkBooking(client, b, i));
        // Every imported line must be this client's, unbooked, and the same line that was imported.
        const seen = new Set<string>();
        const keys: { bankAccount: AccountNo; id: string }[] = [];
        for (let i = 0; i < bookings.length; i++) {
          const t = bookings[i]?.transaction;
          const bankAccount = checked[i]?.bankAccount ?? DEFAULT_BANK_ACCOUNT;
          if (t?.id === undefined) continue;
          const id = `${bankAccount}\u0000${t.id}`;
          if (seen.has(id)) throw new ValidationError(`Invalid booking ${i + 1}: transaction ${t.id} is booked twice in this call`);
          seen.add(id);
          keys.push({ bankAccount, id: t.id });
        }
        const storedLines = new Map((await tx.getTransactions(ref, keys)).map((r) => [`${r.bankAccount}\u0000${r.id}`, r]));
        for (let i = 0; i < bookings.length; i++) {
          const t = bookings[i]?.transaction;
          const bankAccount = checked[i]?.bankAccount ?? DEFAULT_BANK_ACCOUNT;
          if (t?.id === undefined) continue;
          const stored = storedLines.get(`${bankAccount}\u0000${t.id}`);
          if (stored === undefined) {
            throw new NotFoundError(`Unknown transaction in booking ${i + 1}: expected transaction ${t.id} on ${bankAccount} of client "${client.id}", found none`);
          }
          if (stored.amount !== t.amount || stored.date !== t.date) {
            throw new ValidationError(`Invalid booking ${i + 1}: transaction ${t.id} was imported with ${stored.date} ${stored.amount} öre, the booking says ${t.date} ${t.amount}`);
          }
        }
        // A line that is already booked: addVouchers below refuses it with CONFLICT (and writes nothing).
        // An imported line's counterparty account is in the store when the caller did not pass it.
        const accountOf = (b: Booking, i: number): string | undefined =>
          b.transaction.counterpartyAccount ??
          (b.transaction.id === undefined ? undefined : storedLines.get(`${checked[i]?.bankAccount ?? DEFAULT_BANK_ACCOUNT}\u0000${b.transaction.id}`)?.counterpartyAccount);
        const learnable: ConfirmedBooking[] = bookings.map((b, i) => ({
          transaction: {
            date: b.transaction.date,
            amount: b.transaction.amount,
            text: b.transaction.text,
            reference: b.transaction.reference,
            counterparty: b.transaction.counterparty,
            counterpartyAccount: accountOf(b, i),
          },
          voucher: { date: b.voucher.date, text: b.voucher.text, rows: b.voucher.rows.map((r: VoucherRow) => ({ account: r.account, amount: r.amount })) },
          origin: b.correction === true ? 'correction' : 'confirmed',
        }));
        const settings = engineClient(client);
        const { k, base } = await knowledgeForLearning(tx, client, keysOf(learnable));
        const changes = new ChangeAccumulator();
        const confirmedAt = now().toISOString();
        const vouchers: VoucherRecord[] = [];
        let learned = 0;
        // One store call per chunk: numbered in booking order, as one call per voucher would.
        for (let start = 0; start < bookings.length; start += CHUNK) {
          checkAbort(options.signal);
          if (start > 0) await yieldToEventLoop();
          const end = Math.min(start + CHUNK, bookings.length);
          const batch: NewVoucher[] = [];
          for (let i = start; i < end; i++) {
            const b = bookings[i] as Booking;
            const bankAccount = checked[i]?.bankAccount ?? DEFAULT_BANK_ACCOUNT;
            batch.push({
              series: client.series[bankAccount] ?? 'A',
              date: b.voucher.date,
              text: b.voucher.text,
              rows: b.voucher.rows.map((r) => ({ account: r.account, amount: r.amount })),
              ...(b.transaction.id !== undefined ? { bankAccount, transactionId: b.transaction.id } : {}),
              confirmedAt,
            });
          }
          vouchers.push(...(await tx.addVouchers(ref, batch)));
          for (let i = start; i < end; i++) {
            const r = learn(k, settings, learnable[i] as ConfirmedBooking);
            if (r.learned) learned++;
            changes.add(r.changes);
            options.onProgress?.({ phase: 'confirm', done: i + 1, total: bookings.length });
          }
        }
        checkAbort(options.signal);
        await tx.applyKnowledge(client.bureauId, changes.result(), base);
        await confirmOpenItems(
          tx,
          ref,
          vouchers.map((record, i) => ({ record, line: (learnable[i] as ConfirmedBooking).transaction, bankAccount: checked[i]?.bankAccount ?? DEFAULT_BANK_ACCOUNT })),
        );
        return { vouchers, learned };
      });
    },

    async exportSie(clientId: string, options: ExportSieOptions = {}): Promise<Uint8Array> {
      for (const [name, value] of [['from', options.from], ['to', options.to], ['generated', options.generated]] as const) {
        if (value !== undefined && !isIsoDate(value)) throw new ValidationError(`Invalid ${name}: expected an ISO date YYYY-MM-DD, got ${JSON.stringify(value)}`);
      }
      if (options.series !== undefined && !VOUCHER_SERIES.includes(options.series)) {
        throw new ValidationError(`Invalid series: expected a letter A–Z, got ${JSON.stringify(options.series)}`);
      }
      const { client, vouchers } = await store.transaction(async (tx) => {
        const c = await clientOf(tx, clientId);
        return { client: c, vouchers: await tx.listVouchers(refOf(c), { from: options.from, to: options.to, series: options.series }) };
      }, READ_ONLY);
      const latest = vouchers.reduce((max, v) => (v.confirmedAt > max ? v.confirmedAt : max), '');
      const generated = options.generated ?? (latest !== '' ? latest.slice(0, 10) : options.to ?? now().toISOString().slice(0, 10));
      const used = [...new Set(vouchers.flatMap((v) => v.rows.map((r) => r.account)))].sort();
      const accounts: Record<string, string> = {};
      for (const a of used) accounts[a] = client.accountNames?.[a] ?? `Konto ${a}`;
      const doc = createSieDocument({
        company: { name: client.name, ...(client.orgNr !== undefined ? { orgNumber: client.orgNr } : {}) },
        generated,
        accounts,
        vouchers: vouchers.map((v) => ({
          series: v.series,
          number: String(v.number),
          date: v.date,
          text: v.text,
          registrationDate: v.confirmedAt.slice(0, 10),
          transactions: v.rows.map((r) => ({ account: r.account, amount: r.amount, ...(r.text !== undefined ? { text: r.text } : {}) })),
        })),
      });
      return writeSie(doc, { type: '4I', maxTextLength: true });
    },

    async deleteClient(clientId: string, options: LongOperationOptions = {}): Promise<DeleteCounts> {
      checkAbort(options.signal);
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const forgotten = await forget(tx, client);
        options.onProgress?.({ phase: 'delete', done: 1, total: 1 });
        checkAbort(options.signal);
        const counts = await tx.deleteClient(refOf(client));
        return { ...counts, profiles: counts.profiles + forgotten.profiles, bureauRecords: counts.bureauRecords + forgotten.bureauRecords };
      });
    },

    async deleteBureau(bureauId: string, options: LongOperationOptions = {}): Promise<DeleteCounts> {
      checkAbort(options.signal);
      nonEmpty(bureauId, 'bureau id');
      visibleBureau(bureauId);
      return store.transaction(async (tx) => {
        if ((await tx.getBureau(bureauId)) === undefined) throw new NotFoundError(`Unknown bureau: expected a bureau with id "${bureauId}", found none`);
        const clients = await tx.listClients(bureauId);
        let profiles = 0;
        for (let i = 0; i < clients.length; i++) {
          checkAbort(options.signal);
          profiles += (await forget(tx, clients[i] as ClientRow)).profiles;
          options.onProgress?.({ phase: 'delete', done: i + 1, total: clients.length });
        }
        checkAbort(options.signal);
        const counts = await tx.deleteBureau(bureauId);
        return { ...counts, profiles: counts.profiles + profiles };
      });
    },

    async exportClientData(clientId: string): Promise<ClientDataExport> {
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const bureau = await tx.getBureau(client.bureauId);
        if (bureau === undefined) throw new NotFoundError(`Unknown bureau: expected bureau "${client.bureauId}" of client "${clientId}", found none`);
        const data = await tx.exportClient(refOf(client));
        return { format: 'kontera-client-data', version: 1, bureau, ...data };
      }, READ_ONLY);
    },

    async unlearn(clientId: string, key: string, templateId?: string): Promise<UnlearnResult> {
      nonEmpty(key, 'counterparty key');
      if (templateId !== undefined) nonEmpty(templateId, 'template id');
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const { k, base } = await knowledgeForLearning(tx, client, [key]);
        const changes = unlearn(k, engineClient(client), key, templateId);
        await tx.applyKnowledge(client.bureauId, changes, base);
        // Forgetting a counterparty also reopens the invoices its confirmed payments settled.
        const reopened = templateId === undefined ? await unlearnOpenItems(tx, refOf(client), key) : 0;
        return { changed: changes.putProfiles.length + changes.deleteProfiles.length > 0 || reopened > 0 };
      });
    },

    async openItems(clientId: string, options: OpenItemsOptions = {}): Promise<readonly OpenItem[]> {
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        return tx.listOpenItems(refOf(client), { open: options.open === true });
      }, READ_ONLY);
    },

    async settleDeposit(clientId: string, transaction: TransactionLike, bgmax: Uint8Array | string, options: SettleDepositOptions = {}): Promise<DepositSettlement> {
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const t = transaction;
        if (typeof t !== 'object' || t === null || !Number.isSafeInteger(t.amount) || !isIsoDate(t.date) || typeof t.text !== 'string') {
          throw new ValidationError("Invalid transaction: expected { date: 'YYYY-MM-DD', amount: whole öre, text }");
        }
        const bankAccount = t.bankAccount ?? client.bankAccounts[0] ?? DEFAULT_BANK_ACCOUNT;
        if (!client.bankAccounts.includes(bankAccount)) {
          throw new ValidationError(`Invalid transaction: expected one of the client's bank accounts (${client.bankAccounts.join(', ')}), got ${bankAccount}`);
        }
        const items = await tx.listOpenItems(refOf(client), { open: true });
        return settleBgmaxDeposit(t, bgmax, items, { bankAccount, suspenseAccount: client.suspenseAccount, fileName: options.fileName });
      }, READ_ONLY);
    },

    async close(): Promise<void> {
      await store.close();
    },
  };

  /**
   * Withdraws a client's profiles and its contribution to bureau and network knowledge (before its
   * other rows go), and says how many profiles and bureau records that touched.
   */
  async function forget(tx: StoreSession, client: ClientRow): Promise<{ profiles: number; bureauRecords: number }> {
    const profiles = await tx.getProfiles(refOf(client));
    const keys = profiles.map((p) => p.key);
    const { k, base } = await knowledgeForLearning(tx, client, keys);
    const contributed = base.bureauRecords.filter((r) => r.clients.includes(client.id)).length;
    await tx.applyKnowledge(client.bureauId, removeClient(k, engineClient(client)), base);
    return { profiles: profiles.length, bureauRecords: contributed };
  }

  return Object.freeze(api);
}
