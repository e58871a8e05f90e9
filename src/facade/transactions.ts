/**
 * Reading back what a bureau works on: its bureaus and clients, and a client's imported bank lines
 * with what books each. An app that imported a month's statements yesterday asks which lines are
 * still to book today, without having kept the import's result. Reads only.
 *
 * @module
 */
import { ValidationError } from '../core/errors.js';
import type { BookedAlready } from '../suggest/types.js';
import type { BureauRow, StoreSession, TransactionRow, VoucherRecord } from '../store/store.js';
import { keyOfLine } from './ledger.js';
import { isKonteraMark } from './transfers.js';
import { READ_ONLY, checkPeriod, refOf, show } from './shared.js';
import type { FacadeContext } from './shared.js';
import { TRANSACTION_STATUSES } from './types.js';
import type { Client, ClientTransaction, Kontera, TransactionStatus, TransactionsOptions } from './types.js';

/** The statuses {@link Kontera.transactions} can filter on. */
const STATUSES: readonly (TransactionStatus | 'all')[] = ['all', ...TRANSACTION_STATUSES];

/**
 * Which voucher books a stored line: the mark of the client's books (SIE) or of a confirmed
 * transfer's other side on the line itself, else a confirmed voucher of its own (`confirmed`, by
 * {@link keyOfLine}). The same answer `suggest` gives in `Suggestion.booked`.
 */
export function bookedBy(row: TransactionRow, confirmed: ReadonlyMap<string, VoucherRecord>): { readonly booked: BookedAlready; readonly transfer: boolean } | undefined {
  if (row.booked !== undefined) {
    const transfer = isKonteraMark(row.booked);
    return { booked: { series: row.booked.series, number: row.booked.number, from: transfer ? 'confirmed' : 'sie' }, transfer };
  }
  const v = confirmed.get(keyOfLine(row));
  return v === undefined ? undefined : { booked: { series: v.series, number: String(v.number), from: 'confirmed' }, transfer: false };
}

/** The vouchers that book a line of their own, by {@link keyOfLine} of the line. */
export function confirmedByLine(vouchers: readonly VoucherRecord[]): Map<string, VoucherRecord> {
  const out = new Map<string, VoucherRecord>();
  for (const v of vouchers) if (v.transactionId !== undefined && v.bankAccount !== undefined) out.set(keyOfLine({ bankAccount: v.bankAccount, id: v.transactionId }), v);
  return out;
}

/** `listBureaus`, `listClients`, `transactions`. */
export function transactionsApi(ctx: FacadeContext): Pick<Kontera, 'listBureaus' | 'listClients' | 'transactions'> {
  const { store, clientOf, onlyBureau } = ctx;
  /** The bureaus this instance sees: its own, or every one. */
  const bureaus = async (s: StoreSession): Promise<readonly BureauRow[]> => {
    if (onlyBureau === undefined) return s.listBureaus();
    const own = await s.getBureau(onlyBureau);
    return own === undefined ? [] : [own];
  };
  return {
    async listBureaus(): Promise<readonly BureauRow[]> {
      return store.transaction((tx) => bureaus(tx), READ_ONLY);
    },

    async listClients(): Promise<readonly Client[]> {
      return store.transaction(async (tx) => {
        const out: Client[] = [];
        for (const b of await bureaus(tx)) out.push(...(await tx.listClients(b.id)));
        return out;
      }, READ_ONLY);
    },

    async transactions(clientId: string, options: TransactionsOptions = {}): Promise<readonly ClientTransaction[]> {
      if (typeof options !== 'object' || options === null) throw new ValidationError(`Invalid transactions options: expected { from?, to?, bankAccount?, status? }, got ${show(options)}`);
      const { from, to } = options;
      checkPeriod(from, to);
      const status = options.status ?? 'all';
      if (!STATUSES.includes(status)) throw new ValidationError(`Invalid status: expected one of ${STATUSES.join(', ')}, got ${show(status)}`, { field: 'status' });
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const bankAccount = options.bankAccount;
        if (bankAccount !== undefined && !client.bankAccounts.includes(bankAccount)) {
          throw new ValidationError(`Invalid bankAccount: expected one of the client's bank accounts (${client.bankAccounts.join(', ')}), got ${show(bankAccount)}`, { field: 'bankAccount' });
        }
        const ref = refOf(client);
        const rows = await tx.listTransactions(ref, { bankAccount, from, to });
        if (rows.length === 0) return [];
        // By the booked line, however far from it a voucher is dated: a line listed as still to book
        // must not be booked.
        const confirmed = confirmedByLine(await tx.getVouchersForTransactions(ref, rows.map((r) => ({ bankAccount: r.bankAccount, id: r.id }))));
        const out: ClientTransaction[] = [];
        for (const row of rows) {
          const by = row.pending === true ? undefined : bookedBy(row, confirmed);
          const s: TransactionStatus = row.pending === true ? 'pending' : by === undefined ? 'unbooked' : 'booked';
          if (status !== 'all' && s !== status) continue;
          out.push(by === undefined ? { ...row, status: s } : { ...row, status: s, bookedBy: by.booked });
        }
        return out;
      }, READ_ONLY);
    },
  };
}
