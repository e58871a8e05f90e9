/**
 * Checks and orderings shared by every store, so that all of them refuse the same input with the
 * same error and return rows in the same order.
 *
 * @internal
 * @module
 */
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { KnowledgeChanges } from '../knowledge/types.js';
import type { ClientRow, ClientRef, NewVoucher, TransactionRow } from './store.js';
import { VOUCHER_SERIES } from './store.js';

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
  let sum = 0;
  for (const row of voucher.rows) {
    if (!Number.isSafeInteger(row.amount)) {
      throw new ValidationError(`Invalid voucher: expected integer öre on account ${row.account}, got ${row.amount}`);
    }
    sum += row.amount;
  }
  if (sum !== 0) throw new ValidationError(`Invalid voucher: expected rows summing to 0 öre, they sum to ${sum}`);
  if ((voucher.transactionId === undefined) !== (voucher.bankAccount === undefined)) {
    throw new ValidationError('Invalid voucher: expected both bankAccount and transactionId, or neither');
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

/**
 * Throws `VALIDATION` unless every record in `changes` belongs to `bureauId` and its clients.
 * `bureauOf(clientId)` gives the bureau a client belongs to, or undefined.
 * @internal
 */
export function checkKnowledgeChanges(
  bureauId: string,
  changes: KnowledgeChanges,
  bureauOf: (clientId: string) => string | undefined,
): void {
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
