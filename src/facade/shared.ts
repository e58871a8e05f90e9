/**
 * What the facade's use cases share: the context they run in (store, clock, the bureau this
 * instance is limited to), argument checks, and the bridge between the store and the learning engine.
 *
 * @module
 */
import { AbortError, AmbiguousClientError, NotFoundError, ValidationError } from '../core/errors.js';
import { createKnowledge } from '../knowledge/base.js';
import type { Knowledge } from '../knowledge/base.js';
import { DEFAULT_MIN_BUREAUS } from '../knowledge/network.js';
import type {
  AccountNo,
  BureauRecord as BureauKnowledgeRecord,
  ClientSettings,
  ConfirmedBooking,
  KnowledgeChanges,
  NetworkRecord,
  NetworkRecordKey,
  ProfileRecord,
} from '../knowledge/types.js';
import { counterpartyKey } from '../normalize/counterparty.js';
import { isIsoDate } from '../core/dates.js';
import { unlawfulFiscalYear } from '../sie/fiscal-year.js';
import { VOUCHER_SERIES } from '../store/store.js';
import type { ClientRef, ClientRow, KnowledgeBase, Store, StoreSession, VoucherSeries } from '../store/store.js';

export { fingerprint } from '../core/fingerprint.js';

/** What every use case runs with; built once by `createKontera`. */
export interface FacadeContext {
  readonly store: Store;
  /** The clock for import and confirmation times. */
  readonly now: () => Date;
  /** Network k-anonymity override, when given. */
  readonly minBureaus: number | undefined;
  /** The k-anonymity threshold at which this instance shares a mapping (`minBureaus` or the default). */
  readonly shareAt: number;
  /** `NOT_FOUND` for a bureau this instance may not see. */
  visibleBureau(bureauId: string): void;
  /** The bureau this instance is limited to, if any. */
  readonly onlyBureau: string | undefined;
  /**
   * The client, through its bureau; unknown or foreign ids are `NOT_FOUND`. An instance for all
   * bureaus finds it by id alone: `AMBIGUOUS_CLIENT` when several bureaus have a client with it.
   */
  clientOf(session: StoreSession, clientId: string): Promise<ClientRow>;
}

/** The context of an instance limited to `onlyBureau` (or none). */
export function facadeContext(store: Store, now: () => Date, minBureaus: number | undefined, onlyBureau: string | undefined): FacadeContext {
  return {
    store,
    now,
    minBureaus,
    shareAt: minBureaus ?? DEFAULT_MIN_BUREAUS,
    onlyBureau,
    visibleBureau(bureauId: string): void {
      if (onlyBureau !== undefined && bureauId !== onlyBureau) {
        throw new NotFoundError(`Unknown bureau: expected a bureau with id "${bureauId}", found none`);
      }
    },
    async clientOf(session: StoreSession, clientId: string): Promise<ClientRow> {
      nonEmpty(clientId, 'client id');
      const unknown = (): NotFoundError => new NotFoundError(`Unknown client: expected a client with id "${clientId}", found none`);
      if (onlyBureau !== undefined) {
        // Within one bureau the id is the client; other bureaus' clients are not looked at.
        try {
          return await session.getClient({ bureauId: onlyBureau, clientId });
        } catch (error) {
          if (error instanceof NotFoundError) throw unknown();
          throw error;
        }
      }
      const found = await session.findClients(clientId);
      if (found.length === 0) throw unknown();
      if (found.length > 1) throw new AmbiguousClientError(clientId, found.map((c) => c.bureauId));
      return session.getClient(refOf(found[0] as ClientRow));
    },
  };
}

/** BAS accounts have four digits; the engine, the chart check and SIE export all assume it. */
export const ACCOUNT_PATTERN = /^\d{4}$/;
/** Swedish organisation or personal number, with or without the hyphen. */
export const ORG_NR_PATTERN = /^\d{6}-?\d{4}$/;
/** Rows written per store call in an import, and bookings learned between two progress reports. */
export const CHUNK = 1000;
/** Reads that need a consistent view but no write lock. */
export const READ_ONLY = Object.freeze({ readOnly: true });
/** The default bank account when a client names none. */
export const DEFAULT_BANK_ACCOUNT: AccountNo = '1930';

export function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new AbortError();
}

/** Lets timers and abort events run between chunks of synchronous work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((done) => setTimeout(done, 0));
}

/**
 * A client's fiscal years as the caller states them (`{ start, end }`, ISO dates, both inclusive),
 * checked: `VALIDATION` unless each is a year the law allows (at least one day, at most eighteen
 * calendar months, BFL 3:3) and no two overlap. Returns copies in date order.
 */
export function checkFiscalYears(years: unknown, what: string): { readonly start: string; readonly end: string }[] {
  if (!Array.isArray(years)) throw new ValidationError(`Invalid ${what}: expected an array of { start, end }, got ${JSON.stringify(years)}`);
  const out: { start: string; end: string }[] = [];
  for (const y of years as unknown[]) {
    const r = y as { start?: unknown; end?: unknown } | null;
    if (typeof r !== 'object' || r === null || typeof r.start !== 'string' || typeof r.end !== 'string' || !isIsoDate(r.start) || !isIsoDate(r.end)) {
      throw new ValidationError(`Invalid ${what}: expected { start, end } as ISO dates with start on or before end, got ${JSON.stringify(y)}`);
    }
    const why = unlawfulFiscalYear({ start: r.start, end: r.end });
    if (why !== undefined) throw new ValidationError(`Invalid ${what}: ${r.start} – ${r.end} is no fiscal year, ${why}`);
    out.push({ start: r.start, end: r.end });
  }
  out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (let i = 1; i < out.length; i++) {
    const a = out[i - 1] as { start: string; end: string };
    const b = out[i] as { start: string; end: string };
    if (b.start <= a.end) throw new ValidationError(`Invalid ${what}: ${a.start} – ${a.end} and ${b.start} – ${b.end} overlap`);
  }
  return out;
}

/**
 * `from` and `to` of a period option: each an ISO date when given, and `from` not after `to` (a
 * reversed period holds no day, and an empty answer is not what the caller meant). `VALIDATION`
 * naming the field otherwise.
 */
export function checkPeriod(from: unknown, to: unknown): void {
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value !== undefined && (typeof value !== 'string' || !isIsoDate(value))) throw new ValidationError(`Invalid ${name}: expected an ISO date YYYY-MM-DD, got ${show(value)}`, { field: name });
  }
  if (typeof from === 'string' && typeof to === 'string' && from > to) {
    throw new ValidationError(`Invalid from and to: expected from on or before to, got from ${from} after to ${to}`, { field: 'from' });
  }
}

/** The optional text fields of a bank line: each a string when given. */
const LINE_TEXT_FIELDS = ['reference', 'counterparty', 'counterpartyAccount', 'kind', 'currency', 'id'] as const;

/**
 * `VALIDATION` unless `line` is a bank line as `suggest`, `confirm` and `settleDeposit` take it: an
 * object with an ISO `date`, a whole-öre `amount` and a `text`, every optional text field a string
 * when given, and the bank account a BAS account. `what` names it in the message (`transaction 3`).
 */
export function checkLine(line: unknown, what: string): void {
  if (typeof line !== 'object' || line === null) {
    throw new ValidationError(`Invalid ${what}: expected { date: 'YYYY-MM-DD', amount: whole öre, text }, got ${show(line)}`);
  }
  const t = line as Record<string, unknown>;
  if (typeof t['date'] !== 'string' || !isIsoDate(t['date'])) throw new ValidationError(`Invalid ${what}: expected an ISO date YYYY-MM-DD, got ${show(t['date'])}`, { field: 'date' });
  if (typeof t['amount'] !== 'number' || !Number.isSafeInteger(t['amount'])) throw new ValidationError(`Invalid ${what}: expected an amount in whole öre, got ${show(t['amount'])}`, { field: 'amount' });
  if (typeof t['text'] !== 'string') throw new ValidationError(`Invalid ${what}: expected the bank text as a string, got ${show(t['text'])}`, { field: 'text' });
  for (const field of LINE_TEXT_FIELDS) {
    const v = t[field];
    if (v !== undefined && typeof v !== 'string') throw new ValidationError(`Invalid ${what}: expected ${field} as a string when given, got ${show(v)}`, { field });
  }
  if (t['bankAccount'] !== undefined) checkAccount(t['bankAccount'], `bank account of ${what}`);
}

/** A value as a message shows it. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

export function nonEmpty(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(`Invalid ${what}: expected a non-empty string, got ${show(value)}`);
  }
  return value;
}

export function checkAccount(account: unknown, what: string): AccountNo {
  if (typeof account !== 'string' || !ACCOUNT_PATTERN.test(account)) {
    throw new ValidationError(`Invalid ${what}: expected a four-digit BAS account, got ${show(account)}`);
  }
  return account;
}

export function digits(s: string): string {
  return s.replace(/\D/g, '');
}

/** The engine's view of a client. */
export function engineClient(c: ClientRow): ClientSettings {
  return {
    id: c.id,
    bureauId: c.bureauId,
    bankAccounts: c.bankAccounts,
    vatRegistered: c.vatRegistered,
    // Without a chart from the bureau, the accounts of the client's own books are its chart.
    chart: c.chart ?? c.booksAccounts,
    suspenseAccount: c.suspenseAccount,
    review: c.review,
    autoBookThreshold: c.autoBookThreshold,
    autoBookShared: c.autoBookShared,
    network: c.network,
  };
}

/**
 * The client with `accounts` added to its {@link ClientRow.booksAccounts} (sorted, each once), or
 * `undefined` when they hold nothing new. `start`: begin the list when the client has none (a SIE
 * file's accounts); otherwise only a list that exists grows (a confirmed voucher's accounts).
 */
export function withBooksAccounts(c: ClientRow, accounts: Iterable<AccountNo>, start: boolean): ClientRow | undefined {
  if (c.booksAccounts === undefined && !start) return undefined;
  const have = new Set(c.booksAccounts ?? []);
  const before = have.size;
  for (const a of accounts) if (ACCOUNT_PATTERN.test(a)) have.add(a);
  if (have.size === before && c.booksAccounts !== undefined) return undefined;
  if (have.size === 0) return undefined;
  return { ...c, booksAccounts: [...have].sort() };
}

export function refOf(c: ClientRow): ClientRef {
  return { bureauId: c.bureauId, clientId: c.id };
}

export function nextFreeSeries(used: ReadonlySet<string>): VoucherSeries {
  const free = VOUCHER_SERIES.find((s) => !used.has(s));
  if (free === undefined) throw new ValidationError('Invalid bank accounts: expected at most 26 voucher series A–Z, all are used');
  return free;
}

/** Collects many learning steps into one change set, the later step winning for each record. */
export class ChangeAccumulator {
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

export function networkKey(r: NetworkRecordKey): string {
  return `${r.key}\u0000${r.direction}\u0000${r.account}\u0000${r.vatMode}\u0000${r.vatRate}`;
}

/**
 * Everything the engine reads when it learns or forgets `keys` for a client: the profiles of the
 * bureau's clients for those keys (its own, and the others', whose shareability decides whether the
 * bureau still counts in the network), the bureau's records for them and its network candidates; plus
 * the aggregates as read, the base the store applies the engine's changes against.
 */
export async function knowledgeForLearning(tx: StoreSession, client: ClientRow, keys: readonly string[]): Promise<{ k: Knowledge; base: KnowledgeBase }> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return { k: createKnowledge(), base: NO_BASE };
  // Three reads, whatever the number of keys or clients.
  const profiles = await tx.getBureauProfiles(client.bureauId, unique);
  const bureaus = await tx.getBureauRecords(client.bureauId, unique);
  // The bureau's own network candidates: the engine moves the bureau's share, the store decides
  // whether enough bureaus hold a mapping for it to be shared.
  const network = await tx.getNetworkCandidates(client.bureauId, unique);
  // The engine replaces records rather than changing them, so these arrays stay what was read.
  return { k: createKnowledge({ profiles, bureaus, network }), base: { bureauRecords: bureaus, network } };
}

export const NO_BASE: KnowledgeBase = Object.freeze({ bureauRecords: [], network: [] });

/** The keys `learn` will use for these bookings. */
export function keysOf(bookings: readonly ConfirmedBooking[]): string[] {
  const keys: string[] = [];
  for (const b of bookings) {
    const t = b.transaction;
    const k = counterpartyKey(t.text, { reference: t.reference, counterparty: t.counterparty, counterpartyAccount: t.counterpartyAccount }).key;
    if (k !== null) keys.push(k);
  }
  return keys;
}
