/**
 * Reading rows back from a database, shared by the SQLite and PostgreSQL stores: each column is
 * checked for the type kontera wrote, and anything else is a `STORE` error naming what was
 * expected. The stores differ only in how a driver returns integers, JSON and booleans, which they
 * pass in.
 */
import { StoreError } from '../core/errors.js';
import type { NetworkRecord } from '../knowledge/types.js';
import { DIRECTIONS, VAT_MODES, VAT_RATES } from '../knowledge/types.js';
import { FISCAL_YEAR_SOURCES, VOUCHER_SERIES } from './store.js';
import type { KnownFiscalYear, LearnedFrom, LedgerVoucher, TransactionRow, VoucherRecord, VoucherRowData } from './store.js';

/** One row as a driver returns it. */
export type Row = Readonly<Record<string, unknown>>;
/** Reads an integer column the way the store's driver returns it. */
export type IntReader = (row: Row, column: string) => number;

export function corrupt(what: string, found: unknown): StoreError {
  return new StoreError('STORE', `Stored data is not readable: expected ${what}, got ${JSON.stringify(found) ?? String(found)}`);
}

export function asRow(value: unknown): Row {
  if (typeof value !== 'object' || value === null) throw corrupt('a row', value);
  return value as Row;
}

export function str(row: Row, column: string): string {
  const v = row[column];
  if (typeof v !== 'string') throw corrupt(`text in column ${column}`, v);
  return v;
}

export function optStr(row: Row, column: string): string | undefined {
  const v = row[column];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string') throw corrupt(`text or null in column ${column}`, v);
  return v;
}

export function optIntWith(int: IntReader, row: Row, column: string): number | undefined {
  const v = row[column];
  return v === null || v === undefined ? undefined : int(row, column);
}

export function oneOf<T extends string | number>(values: readonly T[], value: unknown, what: string): T {
  if (!(values as readonly unknown[]).includes(value)) throw corrupt(`${what} (one of ${values.join(', ')})`, value);
  return value as T;
}

/** A `transactions` row; `pending` says how the driver gave the pending flag. */
export function transactionFromRow(row: Row, int: IntReader, pending: boolean): TransactionRow {
  const out: { -readonly [K in keyof TransactionRow]: TransactionRow[K] } = {
    id: str(row, 'id'),
    clientId: str(row, 'client_id'),
    bankAccount: str(row, 'bank_account'),
    statementId: str(row, 'statement_id'),
    line: int(row, 'line'),
    date: str(row, 'date'),
    amount: int(row, 'amount'),
    text: str(row, 'text'),
  };
  const valueDate = optStr(row, 'value_date');
  if (valueDate !== undefined) out.valueDate = valueDate;
  const balance = optIntWith(int, row, 'balance');
  if (balance !== undefined) out.balance = balance;
  const reference = optStr(row, 'reference');
  if (reference !== undefined) out.reference = reference;
  const counterparty = optStr(row, 'counterparty');
  if (counterparty !== undefined) out.counterparty = counterparty;
  const counterpartyAccount = optStr(row, 'counterparty_account');
  if (counterpartyAccount !== undefined) out.counterpartyAccount = counterpartyAccount;
  const kind = optStr(row, 'kind');
  if (kind !== undefined) out.kind = kind;
  const currency = optStr(row, 'currency');
  if (currency !== undefined) out.currency = currency;
  if (pending) out.pending = true;
  const voucher = optStr(row, 'booked_voucher');
  if (voucher !== undefined) out.booked = { voucher, series: optStr(row, 'booked_series') ?? '', number: optStr(row, 'booked_number') ?? '' };
  return out;
}

/** A `vouchers` row whose `rows` and `learned_from` columns the store has already decoded (`learnedFrom` undefined for NULL). */
export function voucherFromRow(row: Row, rows: unknown, int: IntReader, learnedFrom?: unknown): VoucherRecord {
  if (!Array.isArray(rows)) throw corrupt('a JSON array of voucher rows', rows);
  const out: { -readonly [K in keyof VoucherRecord]: VoucherRecord[K] } = {
    clientId: str(row, 'client_id'),
    series: oneOf(VOUCHER_SERIES, row['series'], 'a voucher series'),
    number: int(row, 'number'),
    date: str(row, 'date'),
    text: str(row, 'text'),
    rows: rows as VoucherRowData[],
    confirmedAt: str(row, 'confirmed_at'),
  };
  const bankAccount = optStr(row, 'bank_account');
  const transactionId = optStr(row, 'transaction_id');
  if (bankAccount !== undefined) out.bankAccount = bankAccount;
  if (transactionId !== undefined) out.transactionId = transactionId;
  if (learnedFrom !== undefined && learnedFrom !== null) {
    if (typeof learnedFrom !== 'object' || Array.isArray(learnedFrom) || typeof (learnedFrom as LearnedFrom).text !== 'string') throw corrupt('a JSON object {text, …} in column learned_from', learnedFrom);
    out.learnedFrom = learnedFrom as LearnedFrom;
  }
  return out;
}

/** A `ledger_vouchers` row whose `data` column the store has already decoded. */
export function ledgerVoucherFromRow(row: Row, data: unknown): LedgerVoucher {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw corrupt('a JSON object for a ledger voucher', data);
  const v = data as LedgerVoucher;
  if (v.id !== str(row, 'id') || !Array.isArray(v.rows) || !Array.isArray(v.bankAccounts)) throw corrupt('a ledger voucher matching its row', v.id);
  return v;
}

export function networkFromRow(row: Row, int: IntReader): NetworkRecord {
  return {
    v: 1,
    key: str(row, 'key'),
    direction: oneOf(DIRECTIONS, row['direction'], 'a direction'),
    account: str(row, 'account'),
    vatMode: oneOf(VAT_MODES, row['vat_mode'], 'a VAT mode'),
    vatRate: oneOf(VAT_RATES, row['vat_rate'], 'a VAT rate'),
    bureaus: int(row, 'bureaus'),
    clients: int(row, 'clients'),
  };
}

/** A `fiscal_years` row. */
export function fiscalYearFromRow(row: Row): KnownFiscalYear {
  return { start: str(row, 'start'), end: str(row, 'end'), source: oneOf(FISCAL_YEAR_SOURCES, row['source'], 'a fiscal year source') };
}

/** A {@link LearnedFrom} as stored: only the fields that are set, so every store returns the same object. */
export function learnedFromOf(l: LearnedFrom): LearnedFrom {
  const out: { -readonly [K in keyof LearnedFrom]: LearnedFrom[K] } = { text: l.text };
  if (l.reference !== undefined) out.reference = l.reference;
  if (l.counterparty !== undefined) out.counterparty = l.counterparty;
  if (l.counterpartyAccount !== undefined) out.counterpartyAccount = l.counterpartyAccount;
  if (l.correction === true) out.correction = true;
  if (l.forgotten === true) out.forgotten = true;
  return out;
}
