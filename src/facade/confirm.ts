/**
 * Confirming: accepted or corrected vouchers are checked, numbered in their series, stored with the
 * bank line they book, and learned from.
 *
 * @module
 */
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.js';
import { exactSum } from '../store/checks.js';
import { daysBetween, isIsoDate } from '../core/dates.js';
import { learn } from '../knowledge/learn.js';
import type { AccountNo, ConfirmedBooking, VoucherRow } from '../knowledge/types.js';
import type { ClientRow, NewVoucher, VoucherRecord } from '../store/store.js';
import { CHUNK, ChangeAccumulator, DEFAULT_BANK_ACCOUNT, checkAbort, checkAccount, checkLine, engineClient, keysOf, knowledgeForLearning, refOf, show, withBooksAccounts, yieldToEventLoop } from './shared.js';
import type { FacadeContext } from './shared.js';
import { confirmOpenItems } from './open-items.js';
import { isKonteraMark, markTransferSides } from './transfers.js';
import type { Booking, ConfirmResult, ConfirmWarning, Kontera, LongOperationOptions } from './types.js';
import { MATCH_WINDOW_DAYS } from './ledger.js';

/**
 * Checks one booking against the client before anything is written (`where` names it in messages:
 * "booking 2"). `correctVoucher` checks a corrected voucher with it too.
 */
export function checkBooking(client: ClientRow, b: Booking, where: string): { bankAccount: AccountNo } {
  const t = b.transaction;
  const v = b.voucher;
  if (typeof t !== 'object' || t === null || typeof v !== 'object' || v === null) {
    throw new ValidationError(`Invalid ${where}: expected { transaction, voucher }`);
  }
  checkLine(t, `transaction of ${where}`);
  if (t.amount === 0) throw new ValidationError(`Invalid ${where}: expected a non-zero transaction amount in whole öre, got ${t.amount}`);
  if (!isIsoDate(v.date)) throw new ValidationError(`Invalid ${where}: expected an ISO voucher date, got ${JSON.stringify(v.date)}`);
  if (typeof v.text !== 'string') throw new ValidationError(`Invalid ${where}: expected a voucher text`);
  const bankAccount = t.bankAccount ?? client.bankAccounts[0] ?? DEFAULT_BANK_ACCOUNT;
  if (!client.bankAccounts.includes(bankAccount)) {
    throw new ValidationError(`Invalid ${where}: expected one of the client's bank accounts (${client.bankAccounts.join(', ')}), got ${bankAccount}`);
  }
  if (!Array.isArray(v.rows) || v.rows.length < 2) throw new ValidationError(`Invalid ${where}: expected at least two voucher rows`);
  const chart = client.chart === undefined ? undefined : new Set(client.chart);
  for (const [n, r] of v.rows.entries()) {
    if (typeof r !== 'object' || r === null) throw new ValidationError(`Invalid ${where}: expected voucher row ${n + 1} as { account, amount }, got ${show(r)}`);
    checkAccount(r.account, `account in ${where}`);
    if (!Number.isSafeInteger(r.amount)) throw new ValidationError(`Invalid ${where}: expected whole öre on account ${r.account}, got ${r.amount}`);
    if (chart !== undefined && !chart.has(r.account)) {
      throw new ValidationError(`Invalid ${where}: expected accounts in the client's chart, got ${r.account}`);
    }
  }
  // Exact sums: a float sum accepts a voucher off by one öre once amounts pass 2^53.
  const sum = exactSum(v.rows);
  const bankSum = exactSum(v.rows.filter((r) => r.account === bankAccount));
  if (sum !== 0) throw new ValidationError(`Unbalanced ${where}: expected rows summing to 0 öre, they sum to ${sum}`);
  if (bankSum !== t.amount) {
    throw new ValidationError(`Invalid ${where}: expected the bank rows on ${bankAccount} to carry the transaction's ${t.amount} öre, they carry ${bankSum}`);
  }
  return { bankAccount };
}

/**
 * Bookings whose voucher is dated further from its bank line than a voucher of the books ever is
 * from the line it books (`MATCH_WINDOW_DAYS`): stored as given, and said.
 */
function dateWarnings(bookings: readonly Booking[]): ConfirmWarning[] {
  const out: ConfirmWarning[] = [];
  bookings.forEach((b, i) => {
    const days = daysBetween(b.transaction.date, b.voucher.date);
    if (Math.abs(days) <= MATCH_WINDOW_DAYS) return;
    const otherYear = b.voucher.date.slice(0, 4) !== b.transaction.date.slice(0, 4);
    out.push({
      code: 'VOUCHER_DATE_FAR_FROM_LINE',
      booking: i + 1,
      message: `Booking ${i + 1}: the voucher is dated ${b.voucher.date}, ${Math.abs(days)} days ${days > 0 ? 'after' : 'before'} its bank line (${b.transaction.date})${otherYear ? ', in another year' : ''}; a bank voucher is dated the day the money moved. Stored as given: check the date.`,
    });
  });
  return out;
}

/** `confirm`. */
export function confirmApi(ctx: FacadeContext): Pick<Kontera, 'confirm'> {
  const { store, clientOf, now } = ctx;
  return {
    async confirm(clientId: string, bookings: readonly Booking[], options: LongOperationOptions = {}): Promise<ConfirmResult> {
      checkAbort(options.signal);
      if (!Array.isArray(bookings)) throw new ValidationError('Invalid bookings: expected an array');
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const ref = refOf(client);
        const checked = bookings.map((b, i) => checkBooking(client, b, `booking ${i + 1}`));
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
          if (stored.booked !== undefined) {
            throw new ConflictError(
              isKonteraMark(stored.booked)
                ? `Transaction already booked: expected an unbooked line, ${t.id} on ${bankAccount} (${stored.date} ${stored.amount} öre) is the other side of a transfer between the client's own accounts that voucher ${stored.booked.series} ${stored.booked.number} books`
                : `Transaction already booked: expected an unbooked line, ${t.id} on ${bankAccount} (${stored.date} ${stored.amount} öre) is booked in the client's own books as ${stored.booked.series} ${stored.booked.number} (learned from SIE)`,
            );
          }
          if (stored.amount !== t.amount || stored.date !== t.date) {
            throw new ValidationError(`Invalid booking ${i + 1}: transaction ${t.id} was imported with ${stored.date} ${stored.amount} öre, the booking says ${t.date} ${t.amount}`);
          }
        }
        // A line that is already booked: addVouchers below refuses it with CONFLICT (and writes nothing).
        // An imported line is learned as it was imported: the texts the caller passes with its id may
        // have been edited or trimmed by the app, and a key learned from them would meet no bank line.
        // Its counterparty account is in the store when the caller did not pass it.
        const learnable: ConfirmedBooking[] = bookings.map((b, i) => {
          const stored = b.transaction.id === undefined ? undefined : storedLines.get(`${checked[i]?.bankAccount ?? DEFAULT_BANK_ACCOUNT}\u0000${b.transaction.id}`);
          return {
            transaction: {
              date: b.transaction.date,
              amount: b.transaction.amount,
              text: stored?.text ?? b.transaction.text,
              reference: stored === undefined ? b.transaction.reference : stored.reference,
              counterparty: stored === undefined ? b.transaction.counterparty : stored.counterparty,
              counterpartyAccount: b.transaction.counterpartyAccount ?? stored?.counterpartyAccount,
            },
            voucher: { date: b.voucher.date, text: b.voucher.text, rows: b.voucher.rows.map((r: VoucherRow) => ({ account: r.account, amount: r.amount })) },
            origin: b.correction === true ? 'correction' : 'confirmed',
          };
        });
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
            const line = (learnable[i] as ConfirmedBooking).transaction;
            batch.push({
              series: client.series[bankAccount] ?? 'A',
              date: b.voucher.date,
              text: b.voucher.text,
              rows: b.voucher.rows.map((r) => ({ account: r.account, amount: r.amount })),
              ...(b.transaction.id !== undefined ? { bankAccount, transactionId: b.transaction.id } : {}),
              confirmedAt,
              // What it is learned from, kept so that `relearn` learns it again the same way.
              learnedFrom: {
                text: line.text,
                ...(line.reference !== undefined ? { reference: line.reference } : {}),
                ...(line.counterparty !== undefined ? { counterparty: line.counterparty } : {}),
                ...(line.counterpartyAccount !== undefined ? { counterpartyAccount: line.counterpartyAccount } : {}),
                ...(b.correction === true ? { correction: true as const } : {}),
              },
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
        // A voucher that moves money on another of the client's bank accounts books that account's line too.
        await markTransferSides(tx, ref, client, vouchers);
        await tx.applyKnowledge(client.bureauId, changes.result(), base, ctx.shareAt);
        // Vouchers on an invoice account settle (or add) open items of the client's ledger.
        await confirmOpenItems(
          tx,
          ref,
          vouchers.map((record, i) => ({ record, line: (learnable[i] as ConfirmedBooking).transaction, bankAccount: checked[i]?.bankAccount ?? DEFAULT_BANK_ACCOUNT })),
        );
        // The accounts the vouchers book are the client's books' accounts from now on.
        const grown = withBooksAccounts(client, vouchers.flatMap((v) => v.rows.map((r) => r.account)), false);
        if (grown !== undefined) await tx.updateClient(grown);
        return { vouchers, learned, warnings: dateWarnings(bookings) };
      });
    },
  };
}
