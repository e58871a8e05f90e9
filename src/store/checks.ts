/**
 * Checks and orderings shared by every store, so that all of them refuse the same input with the
 * same error and return rows in the same order.
 *
 * @internal
 * @module
 */
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.js';
import { AmountRangeError, sumAmounts } from '../core/money.js';
import { KNOWLEDGE_FORMAT_VERSION } from '../knowledge/types.js';
import type { BureauRecord as BureauKnowledgeRecord, KnowledgeChanges, NetworkRecord, NetworkRecordKey } from '../knowledge/types.js';
import { OPEN_ITEM_KINDS, OPEN_ITEM_ORIGINS } from '../openitems/types.js';
import type { OpenItem, PendingSettlement } from '../openitems/types.js';
import type { ClientRow, ClientRef, KnowledgeBase, KnownFiscalYear, LedgerVoucher, NewVoucher, TransactionKey, TransactionRow, VoucherReplacement } from './store.js';
import { FISCAL_YEAR_SOURCES, VOUCHER_SERIES } from './store.js';

/** Compares strings by Unicode code point, which is how SQLite's BINARY collation orders UTF-8. @internal */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length < 0 ? -1 : a.length === b.length ? 0 : 1;
}

/** @internal */
export function notFoundClient(ref: ClientRef): NotFoundError {
  return new NotFoundError(`Unknown client: expected client "${ref.clientId}" in bureau "${ref.bureauId}", found none`);
}

/** @internal */
export function notFoundBureau(bureauId: string): NotFoundError {
  return new NotFoundError(`Unknown bureau: expected a bureau with id "${bureauId}", found none`);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Throws `VALIDATION` unless the client row is complete and self-consistent. @internal */
export function checkClientRow(client: ClientRow): void {
  if (client.id.length === 0) throw new ValidationError('Invalid client: expected a non-empty id, got ""');
  if (client.bankAccounts.length === 0) {
    throw new ValidationError(`Invalid client "${client.id}": expected at least one bank account, got none`);
  }
  for (const account of client.bankAccounts) {
    const series = client.series[account];
    if (series === undefined || !VOUCHER_SERIES.includes(series)) {
      throw new ValidationError(
        `Invalid client "${client.id}": expected a voucher series A–Z for bank account ${account}, got ${JSON.stringify(series ?? null)}`,
      );
    }
  }
}

/** Throws `VALIDATION` unless a voucher to be stored is well-formed and balanced. @internal */
export function checkNewVoucher(voucher: NewVoucher): void {
  if (!VOUCHER_SERIES.includes(voucher.series)) {
    throw new ValidationError(`Invalid voucher: expected a series A–Z, got ${JSON.stringify(voucher.series)}`);
  }
  if (!ISO_DATE.test(voucher.date)) {
    throw new ValidationError(`Invalid voucher: expected an ISO date YYYY-MM-DD, got ${JSON.stringify(voucher.date)}`);
  }
  if (voucher.rows.length < 2) {
    throw new ValidationError(`Invalid voucher: expected at least two rows, got ${voucher.rows.length}`);
  }
  for (const row of voucher.rows) {
    if (!Number.isSafeInteger(row.amount)) {
      throw new ValidationError(`Invalid voucher: expected integer öre on account ${row.account}, got ${row.amount}`);
    }
  }
  const sum = exactSum(voucher.rows);
  if (sum !== 0) throw new ValidationError(`Invalid voucher: expected rows summing to 0 öre, they sum to ${sum}`);
  if ((voucher.transactionId === undefined) !== (voucher.bankAccount === undefined)) {
    throw new ValidationError('Invalid voucher: expected both bankAccount and transactionId, or neither');
  }
}

/** Throws `VALIDATION` unless a voucher's replacement is well-formed and balanced (as {@link checkNewVoucher}). @internal */
export function checkVoucherReplacement(v: VoucherReplacement): void {
  if (!Number.isSafeInteger(v.number) || v.number < 1) throw new ValidationError(`Invalid voucher: expected a voucher number 1 or more, got ${v.number}`);
  if (typeof v.text !== 'string') throw new ValidationError(`Invalid voucher ${v.series} ${v.number}: expected a text, got ${JSON.stringify(v.text)}`);
  if (typeof v.confirmedAt !== 'string' || Number.isNaN(Date.parse(v.confirmedAt))) {
    throw new ValidationError(`Invalid voucher ${v.series} ${v.number}: expected confirmedAt as an ISO timestamp, got ${JSON.stringify(v.confirmedAt)}`);
  }
  checkNewVoucher({ series: v.series, date: v.date, text: v.text, rows: v.rows, confirmedAt: v.confirmedAt });
}

/**
 * Checks a batch of new vouchers: each as {@link checkNewVoucher}, and `CONFLICT` when two of them
 * book the same transaction. @internal
 */
export function checkNewVouchers(vouchers: readonly NewVoucher[]): void {
  const booked = new Set<string>();
  for (const v of vouchers) {
    checkNewVoucher(v);
    if (v.transactionId === undefined || v.bankAccount === undefined) continue;
    const k = `${v.bankAccount}\u0000${v.transactionId}`;
    if (booked.has(k)) {
      throw new ConflictError(`Transaction booked twice: expected each transaction once per call, "${v.transactionId}" on ${v.bankAccount} comes twice`);
    }
    booked.add(k);
  }
}

/** Throws `VALIDATION` unless a transaction row is well-formed for this client. @internal */
export function checkTransactionRow(ref: ClientRef, row: TransactionRow): void {
  if (row.clientId !== ref.clientId) {
    throw new ValidationError(`Invalid transaction ${row.id}: expected client "${ref.clientId}", got "${row.clientId}"`);
  }
  if (!Number.isSafeInteger(row.amount)) {
    throw new ValidationError(`Invalid transaction ${row.id}: expected integer öre, got ${row.amount}`);
  }
  if (!ISO_DATE.test(row.date)) {
    throw new ValidationError(`Invalid transaction ${row.id}: expected an ISO date, got ${JSON.stringify(row.date)}`);
  }
}

/** Throws `VALIDATION` unless `v` is a ledger voucher kontera can keep and read back. @internal */
export function checkLedgerVoucher(v: LedgerVoucher): void {
  const where = `ledger voucher ${JSON.stringify(v?.id)}`;
  if (typeof v !== 'object' || v === null || typeof v.id !== 'string' || v.id === '') throw new ValidationError(`Invalid ledger voucher: expected a non-empty id, got ${JSON.stringify(v?.id)}`);
  if (!ISO_DATE.test(v.date)) throw new ValidationError(`Invalid ${where}: expected an ISO date, got ${JSON.stringify(v.date)}`);
  if (typeof v.series !== 'string' || typeof v.number !== 'string' || typeof v.text !== 'string' || typeof v.fingerprint !== 'string') {
    throw new ValidationError(`Invalid ${where}: expected series, number, text and fingerprint as strings`);
  }
  if (!Array.isArray(v.rows) || v.rows.some((r) => typeof r?.account !== 'string' || !Number.isSafeInteger(r.amount))) {
    throw new ValidationError(`Invalid ${where}: expected rows of { account, amount in whole öre }`);
  }
  if (!Array.isArray(v.bankAccounts) || typeof v.learned !== 'boolean') throw new ValidationError(`Invalid ${where}: expected bankAccounts and learned`);
  if (v.exported !== undefined && (typeof v.exported !== 'string' || !ISO_DATE.test(v.exported))) throw new ValidationError(`Invalid ${where}: expected exported as an ISO date, got ${JSON.stringify(v.exported)}`);
  if (v.forgotten !== undefined && v.forgotten !== true) throw new ValidationError(`Invalid ${where}: expected forgotten as true or absent, got ${JSON.stringify(v.forgotten)}`);
  if (v.learnedAt !== undefined && (typeof v.learnedAt !== 'string' || Number.isNaN(Date.parse(v.learnedAt)))) throw new ValidationError(`Invalid ${where}: expected learnedAt as an ISO timestamp, got ${JSON.stringify(v.learnedAt)}`);
}

/** `NOT_FOUND` for a voucher that is not stored. @internal */
export function notFoundVoucher(ref: ClientRef, v: { readonly series: string; readonly number: number }): NotFoundError {
  return new NotFoundError(`Unknown voucher: expected a stored voucher ${v.series} ${v.number} of client "${ref.clientId}", found none`);
}

/** `NOT_FOUND` for a transaction that is not stored. @internal */
export function notFoundTransaction(key: TransactionKey): NotFoundError {
  return new NotFoundError(`Unknown transaction: expected a stored transaction "${key.id}" on ${key.bankAccount}, found none`);
}

/**
 * Throws `VALIDATION` unless every record in `changes` belongs to `bureauId` and its clients.
 * `bureauOf(clientId)` gives the bureau a client belongs to, or undefined.
 * @internal
 */
export function checkKnowledgeChanges(
  bureauId: string,
  changes: KnowledgeChanges,
  base: KnowledgeBase,
  bureauOf: (clientId: string) => string | undefined,
): void {
  for (const b of base.bureauRecords) {
    if (b.bureauId !== bureauId) {
      throw new ValidationError(`Invalid knowledge base: expected bureau records of "${bureauId}", got one of "${b.bureauId}"`);
    }
  }
  const checkClient = (clientId: string, what: string): void => {
    const owner = bureauOf(clientId);
    if (owner !== bureauId) {
      throw new ValidationError(
        `Invalid knowledge change: expected ${what} of a client of bureau "${bureauId}", got client "${clientId}"${owner === undefined ? ' (unknown)' : ''}`,
      );
    }
  };
  for (const p of changes.putProfiles) {
    if (p.bureauId !== bureauId) {
      throw new ValidationError(`Invalid knowledge change: expected profile of bureau "${bureauId}", got "${p.bureauId}"`);
    }
    checkClient(p.clientId, `profile "${p.key}"`);
  }
  for (const d of changes.deleteProfiles) checkClient(d.clientId, `profile "${d.key}"`);
  for (const b of changes.putBureau) {
    if (b.bureauId !== bureauId) {
      throw new ValidationError(`Invalid knowledge change: expected bureau record of "${bureauId}", got "${b.bureauId}"`);
    }
    for (const c of b.clients) checkClient(c, `bureau record "${b.key}"`);
  }
  for (const d of changes.deleteBureau) {
    if (d.bureauId !== bureauId) {
      throw new ValidationError(`Invalid knowledge change: expected bureau record of "${bureauId}", got "${d.bureauId}"`);
    }
  }
  for (const n of changes.putNetwork) {
    if (!Number.isSafeInteger(n.bureaus) || !Number.isSafeInteger(n.clients) || n.bureaus < 1 || n.clients < n.bureaus) {
      throw new ValidationError(
        `Invalid network record "${n.key}" → ${n.account}: expected counts with clients ≥ bureaus ≥ 1, got ${n.bureaus} bureaus / ${n.clients} clients`,
      );
    }
  }
}

/** Identity string of a network record. @internal */
export function networkId(r: { readonly key: string; readonly direction: string; readonly account: string; readonly vatMode: string; readonly vatRate: number }): string {
  return `${r.key}\u0000${r.direction}\u0000${r.account}\u0000${r.vatMode}\u0000${r.vatRate}`;
}

/** Orders network records by key, direction, account, VAT mode, rate. @internal */
export function compareNetwork(
  a: { readonly key: string; readonly direction: string; readonly account: string; readonly vatMode: string; readonly vatRate: number },
  b: { readonly key: string; readonly direction: string; readonly account: string; readonly vatMode: string; readonly vatRate: number },
): number {
  return (
    compareText(a.key, b.key) ||
    compareText(a.direction, b.direction) ||
    compareText(a.account, b.account) ||
    compareText(a.vatMode, b.vatMode) ||
    a.vatRate - b.vatRate
  );
}

/** One aggregate identity touched by a change: what the engine started from and wants, and its id. @internal */
export interface AggregateStep<R> {
  readonly id: string;
  readonly key: string;
  /** The record the engine read (undefined: it read none). */
  readonly base: R | undefined;
  /** The record the engine wants (undefined: delete). */
  readonly target: R | undefined;
}

/** A network step also carries the record identity (a delete has no target to take it from). @internal */
export interface NetworkStep extends AggregateStep<NetworkRecord> {
  readonly identity: NetworkRecordKey;
}

/** Pairs every network put and delete with its base record. @internal */
export function networkSteps(changes: KnowledgeChanges, base: KnowledgeBase): NetworkStep[] {
  const bases = new Map(base.network.map((r) => [networkId(r), r]));
  const steps: NetworkStep[] = [];
  for (const d of changes.deleteNetwork) steps.push({ id: networkId(d), key: d.key, identity: d, base: bases.get(networkId(d)), target: undefined });
  for (const r of changes.putNetwork) steps.push({ id: networkId(r), key: r.key, identity: r, base: bases.get(networkId(r)), target: r });
  return steps;
}

/** Pairs every bureau-record put and delete with its base record; ids are `key\0templateId`. @internal */
export function bureauSteps(changes: KnowledgeChanges, base: KnowledgeBase): AggregateStep<BureauKnowledgeRecord>[] {
  const id = (r: { readonly key: string; readonly templateId: string }): string => `${r.key}\u0000${r.templateId}`;
  const bases = new Map(base.bureauRecords.map((r) => [id(r), r]));
  const steps: AggregateStep<BureauKnowledgeRecord>[] = [];
  for (const d of changes.deleteBureau) steps.push({ id: id(d), key: d.key, base: bases.get(id(d)), target: undefined });
  for (const r of changes.putBureau) steps.push({ id: id(r), key: r.key, base: bases.get(id(r)), target: r });
  return steps;
}

/** A network record of one mapping with its counts. */
function networkRecord(identity: NetworkRecordKey, bureaus: number, clients: number): NetworkRecord {
  const { key, direction, account, vatMode, vatRate } = identity;
  return { v: KNOWLEDGE_FORMAT_VERSION, key, direction, account, vatMode, vatRate, bureaus, clients };
}

/**
 * A bureau's network candidate after a step: the bureau's own count of clients moved by
 * target − base; undefined when none is left. A candidate always stands for one bureau. @internal
 */
export function mergeCandidate(stored: NetworkRecord | undefined, step: NetworkStep): NetworkRecord | undefined {
  const clients = (stored?.clients ?? 0) + (step.target?.clients ?? 0) - (step.base?.clients ?? 0);
  return clients <= 0 ? undefined : networkRecord(step.identity, 1, clients);
}

/**
 * The shared network record of one mapping from every bureau's candidate for it: present only when
 * at least `minBureaus` bureaus hold it (k-anonymity at write time). @internal
 */
export function sharedNetworkRecord(identity: NetworkRecordKey, candidates: readonly { readonly clients: number }[], minBureaus: number): NetworkRecord | undefined {
  const held = candidates.filter((c) => c.clients > 0);
  if (held.length < minBureaus || held.length === 0) return undefined;
  return networkRecord(identity, held.length, held.reduce((n, c) => n + c.clients, 0));
}

/** Throws `VALIDATION` unless `minBureaus` is a whole number ≥ 1. @internal */
export function checkMinBureaus(minBureaus: number): number {
  if (!Number.isSafeInteger(minBureaus) || minBureaus < 1) {
    throw new ValidationError(`Invalid minBureaus: expected a whole number ≥ 1, got ${minBureaus}`);
  }
  return minBureaus;
}

/** The stored bureau record after a step: clients added and removed relative to base; undefined when none are left. @internal */
export function mergeBureau(stored: BureauKnowledgeRecord | undefined, step: AggregateStep<BureauKnowledgeRecord>): BureauKnowledgeRecord | undefined {
  const had = new Set(step.base?.clients ?? []);
  const wants = new Set(step.target?.clients ?? []);
  const current = stored?.clients ?? [];
  const kept = current.filter((c) => !had.has(c) || wants.has(c));
  const added = (step.target?.clients ?? []).filter((c) => !had.has(c) && !kept.includes(c));
  const clients = [...kept, ...added];
  const shape = step.target ?? stored;
  if (clients.length === 0 || shape === undefined) return undefined;
  return { ...shape, clients };
}

/** Throws `VALIDATION` unless every open item is well-formed: ids once, whole öre, 0 ≤ open ≤ amount. @internal */
export function checkOpenItems(items: readonly OpenItem[]): void {
  const ids = new Set<string>();
  for (const item of items) {
    const bad = (what: string): ValidationError => new ValidationError(`Invalid open item ${JSON.stringify(item?.id)}: expected ${what}`);
    if (typeof item !== 'object' || item === null || typeof item.id !== 'string' || item.id === '') throw new ValidationError('Invalid open item: expected an object with a non-empty id');
    if (ids.has(item.id)) throw bad('each id once per call');
    ids.add(item.id);
    if (item.v !== 1) throw bad('format version 1');
    if (!OPEN_ITEM_KINDS.includes(item.kind)) throw bad(`kind ${OPEN_ITEM_KINDS.join(' or ')}`);
    if (!OPEN_ITEM_ORIGINS.includes(item.origin)) throw bad(`origin ${OPEN_ITEM_ORIGINS.join(', ')}`);
    if (!ISO_DATE.test(item.date)) throw bad(`an ISO date, got ${JSON.stringify(item.date)}`);
    if (!Number.isSafeInteger(item.amount) || item.amount <= 0) throw bad(`a positive amount in whole öre, got ${item.amount}`);
    if (!Number.isSafeInteger(item.open) || item.open < 0 || item.open > item.amount) throw bad(`an open amount from 0 to ${item.amount} öre, got ${item.open}`);
    if (!Array.isArray(item.settlements) || !Array.isArray(item.words) || !Array.isArray(item.references)) throw bad('settlements, words and references as arrays');
    let settled = 0;
    for (const st of item.settlements) {
      if (!Number.isSafeInteger(st.amount) || st.amount <= 0) throw bad(`settlements of positive whole öre, got ${st.amount}`);
      settled += st.amount;
      if (settled > item.amount) throw bad(`settlements summing to at most the amount (${item.amount} öre)`);
    }
    if (settled !== item.amount - item.open) throw bad(`settlements summing to amount − open (${item.amount - item.open} öre), they sum to ${settled}`);
  }
}

/** Throws `VALIDATION` unless every pending settlement is well-formed: ids once, a voucher with an ISO date, whole positive öre. @internal */
export function checkPendingSettlements(pending: readonly PendingSettlement[]): void {
  const ids = new Set<string>();
  for (const p of pending) {
    if (typeof p !== 'object' || p === null || typeof p.id !== 'string' || p.id === '') throw new ValidationError('Invalid pending settlement: expected an object with a non-empty id');
    const bad = (what: string): ValidationError => new ValidationError(`Invalid pending settlement ${JSON.stringify(p.id)}: expected ${what}`);
    if (ids.has(p.id)) throw bad('each id once per call');
    ids.add(p.id);
    if (p.v !== 1) throw bad('format version 1');
    if (typeof p.voucher !== 'object' || p.voucher === null || typeof p.voucher.id !== 'string' || !Array.isArray(p.voucher.rows)) throw bad('the voucher it was read from, with its rows');
    if (!OPEN_ITEM_ORIGINS.includes(p.voucher.origin)) throw bad(`a voucher of origin ${OPEN_ITEM_ORIGINS.join(', ')}`);
    if (!ISO_DATE.test(p.voucher.date)) throw bad(`a voucher with an ISO date, got ${JSON.stringify(p.voucher.date)}`);
    if (!Number.isSafeInteger(p.group) || p.group < 0) throw bad(`a row group index, got ${p.group}`);
    if (typeof p.account !== 'string' || p.account === '') throw bad('an account');
    if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw bad(`a positive amount in whole öre, got ${p.amount}`);
  }
}

/** Throws `VALIDATION` unless every known fiscal year is well-formed: ISO dates, start on or before end, a known source, each start once. @internal */
export function checkKnownFiscalYears(years: readonly KnownFiscalYear[]): void {
  const starts = new Set<string>();
  for (const y of years) {
    if (typeof y !== 'object' || y === null || typeof y.start !== 'string' || typeof y.end !== 'string' || !ISO_DATE.test(y.start) || !ISO_DATE.test(y.end) || y.end < y.start) {
      throw new ValidationError(`Invalid fiscal year: expected { start, end, source } with ISO dates, start on or before end, got ${JSON.stringify(y)}`);
    }
    if (!FISCAL_YEAR_SOURCES.includes(y.source)) throw new ValidationError(`Invalid fiscal year ${y.start}: expected a source of ${FISCAL_YEAR_SOURCES.join(', ')}, got ${JSON.stringify(y.source)}`);
    if (starts.has(y.start)) throw new ValidationError(`Invalid fiscal year ${y.start}: expected each start once per call`);
    starts.add(y.start);
  }
}

/** Orders pending settlements by their voucher's date, then id. @internal */
export function comparePendingSettlements(a: PendingSettlement, b: PendingSettlement): number {
  return compareText(a.voucher.date, b.voucher.date) || compareText(a.id, b.id);
}

/** Orders open items by date, then id. @internal */
export function compareOpenItems(a: OpenItem, b: OpenItem): number {
  return compareText(a.date, b.date) || compareText(a.id, b.id);
}

/** Exact sum of rows whose amounts are safe integers; a total past 2^53 is reported as a validation error. */
export function exactSum(rows: readonly { readonly account?: string; readonly amount: number }[]): number {
  try {
    return sumAmounts(rows);
  } catch (err) {
    if (err instanceof AmountRangeError) throw new ValidationError(`Invalid voucher: expected rows summing to 0 öre, they sum to more than 2^53 öre`);
    throw err;
  }
}
