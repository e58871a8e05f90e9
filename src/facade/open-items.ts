/**
 * Open items (reskontra): the facade's glue to the open-item ledger, kept apart from the other use
 * cases and from the suggestion engine. Learning a SIE file (./learn.ts) and confirming vouchers
 * (./confirm.ts) keep the client's ledger current, `suggest` (./suggest.ts) passes each line's best
 * match to the engine, whose ranker weighs it with the other evidence, and unlearning reopens what
 * the unlearned bookings settled. Also the use cases `openItems` and `settleDeposit` (a bankgiro
 * deposit split by its BgMax file).
 *
 * @module
 */
import { readBgmax } from '../bgmax/reader.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { AccountNo } from '../knowledge/types.js';
import { counterpartyKey } from '../normalize/counterparty.js';
import { DepositMismatchError, settleDeposit } from '../openitems/deposit.js';
import type { DepositSettlement } from '../openitems/deposit.js';
import { confirmedVoucherUpdate, itemVoucherId, pendingClosedByOpeningBalances, reconcileWithBalances, reopenSettlements, unknownOwedAtStart, updateLedger } from '../openitems/ledger.js';
import type { OpenItemLine } from '../openitems/match.js';
import { openItemKind } from '../openitems/accounts.js';
import { openItemVoucherId, sieItemBalances, sieLedgerVouchers, sieVouchersOffItems, storedSieVouchers, storedVoucherIds } from '../openitems/sie.js';
import type { OpenItemVoucher, OpenItem, PendingSettlement } from '../openitems/types.js';
import { exportDate, fiscalYears, isNumbered } from '../sie/fiscal-year.js';
import type { FiscalYears } from '../sie/fiscal-year.js';
import type { SieDocument } from '../sie/types.js';
import type { ClientRef, LedgerVoucher, StoreSession, VoucherRecord } from '../store/store.js';
import type { Suggestion } from '../suggest/types.js';
import { unnumberedNotInFile } from './ledger.js';
import type { VoucherSpot } from './ledger.js';
import { DEFAULT_BANK_ACCOUNT, READ_ONLY, checkLine, refOf } from './shared.js';
import type { FacadeContext } from './shared.js';
import type { Kontera, OpenItemsLearned, OpenItemsOptions, SettleDepositOptions, TransactionLike } from './types.js';

/** Items written per store call. */
const CHUNK = 1000;

export type { OpenItemsLearned } from './types.js';

async function put(tx: StoreSession, ref: ClientRef, items: readonly OpenItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await tx.putOpenItems(ref, items.slice(i, i + CHUNK));
}

async function putPending(tx: StoreSession, ref: ClientRef, changes: { readonly put: readonly PendingSettlement[]; readonly removed: readonly string[] }): Promise<void> {
  if (changes.removed.length > 0) await tx.deletePendingSettlements(ref, changes.removed);
  for (let i = 0; i < changes.put.length; i += CHUNK) await tx.putPendingSettlements(ref, changes.put.slice(i, i + CHUNK));
}


/**
 * Adds a SIE file's invoices and settlements to the client's ledger, then settles what the file's
 * balances say is paid (oldest first), for items up to the file's last voucher. `given`: the
 * fiscal years the file is read with (see `fiscalYears`) and the client's items, when the caller
 * has them. Also returns the items' vouchers without a number that the file no longer holds (see
 * `unnumberedNotInFile`), and the ids of the vouchers whose version in the file is older than the
 * ledger's (see `updateLedger`).
 */
export async function learnOpenItemsFromSie(
  tx: StoreSession,
  ref: ClientRef,
  doc: SieDocument,
  given: {
    readonly years?: FiscalYears;
    readonly stored?: readonly OpenItem[];
    readonly ledger?: readonly LedgerVoucher[];
    /**
     * Ids in the ledger of bank vouchers (`2026-01-01 B 12`) of the books' vouchers that book a line
     * kontera confirmed (its SIE export imported into the books): the confirmation settled what they
     * settle, so they settle nothing again, and leave nothing pending.
     */
    readonly confirmedCopies?: ReadonlySet<string>;
  } = {},
): Promise<OpenItemsLearned & { readonly notInFile: readonly VoucherSpot[]; readonly outdated: readonly string[] }> {
  const years = given.years ?? fiscalYears(doc);
  const copies = given.confirmedCopies;
  const all = sieLedgerVouchers(doc, undefined, years);
  const copyIds = new Set([...(copies ?? [])].map(openItemVoucherId));
  const notACopy = (v: { readonly id: string }): boolean => !copyIds.has(v.id);
  const read = all.filter(notACopy);
  const stored = given.stored ?? (await tx.listOpenItems(ref));
  const pending = await tx.listPendingSettlements(ref);
  // A numbered voucher that booked or settled an item and no longer touches an item account (edited
  // in the books) closes its item or gives back its settlements: those the ledger holds are read too.
  const off = stored.length === 0 ? [] : sieVouchersOffItems(doc, undefined, years);
  if (read.length === 0 && off.length === 0) return { changed: 0, open: 0, notInFile: [], outdated: [] };
  // A voucher the ledger holds under another id (stored before ids had the fiscal year, or from a
  // 4I file without #RAR of a year that does not start in January) keeps it.
  const mapped = storedVoucherIds(doc, [...read, ...off], stored, years);
  const known = ledgerVoucherIds(stored);
  for (const p of pending) known.add(p.voucher.id);
  // A numbered voucher the ledger does not know, of a fiscal year a later export was learned of: the
  // later export holds it too (the books keep every voucher) and booked no item with it, or
  // settled nothing with it; its version stands (an older export learned after a newer one).
  const later = laterExports(stored, pending, given.ledger ?? [], exportDate(doc));
  const superseded = later.size === 0 ? [] : mapped.filter((v, i) => i < read.length && !known.has(v.id) && later.has(numberedYearOf(v) ?? ''));
  const left = new Set(superseded);
  const vouchers = mapped.filter((v, i) => (i < read.length || known.has(v.id)) && !left.has(v));
  if (vouchers.length === 0) return { changed: 0, open: 0, notInFile: [], outdated: superseded.map((v) => v.id) };
  const pendingVouchers = new Set(pending.map((p) => p.voucher.id));
  const year = openingBalances(doc);
  const unknownAtStart = year === undefined ? undefined : { start: year.start, owed: unknownOwedAtStart(stored, year.start, year.opening) };
  const update = updateLedger(stored, [...vouchers, ...unappliedPayments(given.ledger ?? [], vouchers, stored).filter((v) => !pendingVouchers.has(v.id) && notACopy(v))], { pending, unknownAtStart });
  const outdated = [...update.outdated, ...superseded.map((v) => v.id)];
  const changed = new Map(update.changed.map((i) => [i.id, i]));
  const restamped = new Set(update.restamped);
  const balances = sieItemBalances(doc);
  // The balances of a file that holds an older version of a voucher than the ledger does (an older
  // export learned again) are those of the older version: they settle nothing.
  if (balances !== undefined && outdated.length === 0) {
    const upTo = update.items.filter((i) => i.date <= balances.date).map((i) => changed.get(i.id) ?? i);
    for (const i of reconcileWithBalances(upTo, balances.balances, balances.date, `balance:${balances.date}`)) {
      changed.set(i.id, i);
      restamped.delete(i.id);
    }
  }
  const final = update.items.map((i) => changed.get(i.id) ?? i);
  await put(tx, ref, [...changed.values()]);
  await putPending(tx, ref, outdated.length === 0 ? pruned(doc, final, pending, update.pending) : update.pending);
  return { changed: changed.size - restamped.size, open: final.filter((i) => i.open > 0).length, notInFile: unnumberedNotInFile(vouchers, storedSieVouchers(stored)), outdated };
}

/**
 * `changes` to the pending settlements, with those the file's opening balances show can settle
 * nothing any more removed too (see `pendingClosedByOpeningBalances`): the file's fiscal year
 * (`#RAR 0`) start and its `#IB 0` on the item accounts. A file without either prunes nothing.
 */
function pruned(
  doc: SieDocument,
  items: readonly OpenItem[],
  before: readonly PendingSettlement[],
  changes: { readonly put: readonly PendingSettlement[]; readonly removed: readonly string[] },
): { readonly put: readonly PendingSettlement[]; readonly removed: readonly string[] } {
  const year = openingBalances(doc);
  if (year === undefined) return changes;
  const { start, opening } = year;
  const removed = new Set(changes.removed);
  const after = new Map(before.filter((p) => !removed.has(p.id)).map((p) => [p.id, p]));
  for (const p of changes.put) after.set(p.id, p);
  const gone = new Set(pendingClosedByOpeningBalances(items, [...after.values()], start, opening));
  if (gone.size === 0) return changes;
  const stored = new Set(before.map((p) => p.id));
  return { put: changes.put.filter((p) => !gone.has(p.id)), removed: [...changes.removed, ...[...gone].filter((id) => stored.has(id))] };
}

/** The file's fiscal year (`#RAR 0`) start and its opening balances (`#IB 0`) on the item accounts; undefined without either. */
function openingBalances(doc: SieDocument): { readonly start: string; readonly opening: ReadonlyMap<AccountNo, number> } | undefined {
  const start = doc.header.fiscalYears.find((y) => y.yearIndex === 0)?.start;
  const ib = doc.balances.filter((b) => b.yearIndex === 0 && b.kind === 'IB');
  if (start === undefined || ib.length === 0) return undefined;
  const opening = new Map<AccountNo, number>();
  for (const b of ib) if (openItemKind(b.account) !== null) opening.set(b.account, (opening.get(b.account) ?? 0) + b.amount);
  return { start, opening };
}

/** The fiscal year start of a numbered SIE voucher's id (`sie:2026-01-01 A 3`), else undefined. */
function numberedYearOf(v: { readonly id: string; readonly number: string }): string | undefined {
  if (!isNumbered(v.number)) return undefined;
  return /^sie:(\d{4}-\d{2}-\d{2}) /.exec(v.id)?.[1];
}

/**
 * The fiscal years (by start) of which the ledger holds a version of a voucher from an export
 * later (`#GEN`) than `exported`: its items, settlements, pending settlements and bank vouchers.
 * Empty when the file has no export date.
 */
function laterExports(items: readonly OpenItem[], pending: readonly PendingSettlement[], ledger: readonly LedgerVoucher[], exported: string | undefined): Set<string> {
  const out = new Set<string>();
  if (exported === undefined) return out;
  const note = (id: string, date: string | undefined): void => {
    if (date === undefined || date <= exported) return;
    const m = /^(?:sie:)?(\d{4}-\d{2}-\d{2}) \S/.exec(id);
    if (m !== null) out.add(m[1] as string);
  };
  for (const i of items) {
    if (i.origin === 'sie' && isNumbered(i.number)) note(i.id, i.exported);
    for (const s of i.settlements) {
      // Numbered: `sie:<year start> <series> <number>`; one without a number has ` ~<fingerprint>` instead.
      const number = s.origin === 'sie' && !s.voucher.includes(' ~') ? /^sie:\d{4}-\d{2}-\d{2} .* (\S+)$/s.exec(s.voucher)?.[1] : undefined;
      if (number !== undefined && isNumbered(number)) note(s.voucher, s.exported);
    }
  }
  for (const p of pending) if (p.voucher.origin === 'sie' && isNumbered(p.voucher.number)) note(p.voucher.id, p.exported);
  for (const v of ledger) if (isNumbered(v.number)) note(v.id, v.exported);
  return out;
}

/** The ids of the SIE vouchers that booked or settled the ledger's items. */
function ledgerVoucherIds(items: readonly OpenItem[]): Set<string> {
  const out = new Set<string>();
  for (const i of items) {
    if (i.origin === 'sie') out.add(itemVoucherId(i));
    for (const s of i.settlements) if (s.origin === 'sie') out.add(s.voucher);
  }
  return out;
}

/**
 * The client's stored bank vouchers of earlier files that settle on an item account but settled no
 * item: a payment learned before the invoice it pays (the later fiscal year's file first). They are
 * offered to the ledger again with each file, so that the file that brings the invoice settles it
 * and learning order does not change the ledger. The ledger skips any that settled something.
 * Only numbered ones: their ledger id is the open-item ledger's (`sie:` + id), while a voucher
 * without a number is fingerprinted differently in the two and could be applied twice.
 */
function unappliedPayments(ledger: readonly LedgerVoucher[], read: readonly OpenItemVoucher[], items: readonly OpenItem[]): OpenItemVoucher[] {
  const known = new Set(read.map((v) => v.id));
  // Series, number and date of each settlement, whatever its id's form: one stored under the id
  // from before the fiscal year (`sie:B:2`) or under another year start is not applied again.
  const settled = new Set<string>();
  for (const i of items) {
    for (const s of i.settlements) {
      known.add(s.voucher);
      const m = /^sie:(?:\d{4}-\d{2}-\d{2} (.*) (\S+)|([^:]*):(.*))$/s.exec(s.voucher);
      if (m !== null) settled.add(`${m[1] ?? m[3]} ${m[2] ?? m[4]}\u0000${s.date}`);
    }
  }
  return ledger.flatMap((v) => {
    const id = openItemVoucherId(v.id);
    if (known.has(id) || settled.has(`${v.series} ${v.number}\u0000${v.date}`) || !isNumbered(v.number) || v.id !== `${v.id.slice(0, 10)} ${v.series} ${v.number}`) return [];
    if (!v.rows.some((r) => openItemKind(r.account) !== null)) return [];
    return [{ id, origin: 'sie' as const, series: v.series, number: v.number, date: v.date, text: v.text, rows: v.rows }];
  });
}

/** A confirmed booking as the ledger needs it. */
export interface ConfirmedForLedger {
  readonly record: VoucherRecord;
  readonly line: OpenItemLine & { readonly reference?: string | undefined; readonly counterparty?: string | undefined; readonly counterpartyAccount?: string | undefined };
  readonly bankAccount: AccountNo;
}

/**
 * Confirmed vouchers that touch an item account update the ledger: a voucher that is an open-item
 * suggestion as proposed settles exactly its items; any other settles by the ledger's inference,
 * and one that books an invoice adds it.
 */
export async function confirmOpenItems(tx: StoreSession, ref: ClientRef, confirmed: readonly ConfirmedForLedger[]): Promise<void> {
  const relevant = confirmed.filter((c) => c.record.rows.some((r) => openItemKind(r.account) !== null));
  if (relevant.length === 0) return;
  let items: OpenItem[] = [...(await tx.listOpenItems(ref, { open: true }))];
  const changed = new Map<string, OpenItem>();
  const before = await tx.listPendingSettlements(ref);
  const pending = new Map(before.map((p) => [p.id, p]));
  const replace = (list: readonly OpenItem[]): void => {
    if (list.length === 0) return;
    const byId = new Map(list.map((i) => [i.id, i]));
    items = items.map((i) => byId.get(i.id) ?? i);
    for (const i of list) {
      changed.set(i.id, i);
      if (!items.some((x) => x.id === i.id)) items.push(i);
    }
  };
  for (const c of relevant) {
    const key = counterpartyKey(c.line.text, { reference: c.line.reference, counterparty: c.line.counterparty, counterpartyAccount: c.line.counterpartyAccount }).key;
    const voucher: OpenItemVoucher = {
      id: `confirmed:${c.record.series}:${c.record.number}`,
      origin: 'confirmed',
      series: c.record.series,
      number: String(c.record.number),
      date: c.record.date,
      text: c.record.text,
      rows: c.record.rows,
      line: { text: c.line.text, reference: c.line.reference, counterparty: c.line.counterparty },
      ...(key !== null ? { key } : {}),
    };
    const update = confirmedVoucherUpdate(items, voucher, c.line, c.bankAccount, [...pending.values()]);
    replace(update.changed);
    for (const id of update.pending.removed) pending.delete(id);
    for (const p of update.pending.put) pending.set(p.id, p);
  }
  await put(tx, ref, [...changed.values()]);
  const unchanged = new Set(before);
  await putPending(tx, ref, { put: [...pending.values()].filter((p) => !unchanged.has(p)), removed: before.filter((p) => !pending.has(p.id)).map((p) => p.id) });
}

/** Reopens what confirmed bookings of counterparty `key` settled (the accountant unlearned them). Returns the items reopened. */
export async function unlearnOpenItems(tx: StoreSession, ref: ClientRef, key: string): Promise<number> {
  const items = await tx.listOpenItems(ref);
  const reopened = reopenSettlements(items, (s) => s.origin === 'confirmed' && s.key === key);
  await put(tx, ref, reopened);
  // And what its confirmed payments had left pending.
  const pending = (await tx.listPendingSettlements(ref)).filter((p) => p.voucher.origin === 'confirmed' && p.voucher.key === key);
  await tx.deletePendingSettlements(ref, pending.map((p) => p.id));
  return reopened.length;
}

/**
 * A suggestion that may settle open items: every {@link Suggestion} now carries `openItem` when it
 * does (the ranker weighs the match with the other evidence), so this is the same type.
 */
export type OpenItemSuggestion = Suggestion;

/** The client's open items, for `suggest` (one read per call). */
export async function openItemsForSuggest(tx: StoreSession, ref: ClientRef): Promise<readonly OpenItem[]> {
  return tx.listOpenItems(ref, { open: true });
}

/**
 * The deposit of a BgMax file that a bank line is: the one with the line's amount on the line's
 * date, else the one with the line's amount, else (a file of one deposit) that one, which is
 * then refused for its sum.
 */
export function settleBgmaxDeposit(line: OpenItemLine, bytes: Uint8Array | string, items: readonly OpenItem[], options: { bankAccount: AccountNo; suspenseAccount?: AccountNo | undefined; fileName?: string | undefined }): DepositSettlement {
  const file = readBgmax(bytes, { fileName: options.fileName });
  const deposits = file.deposits;
  const deposit =
    deposits.find((d) => d.amount === line.amount && d.date === line.date) ?? deposits.find((d) => d.amount === line.amount) ?? (deposits.length === 1 ? deposits[0] : undefined);
  if (deposit === undefined) {
    if (deposits.length === 0) throw new NotFoundError(`No deposit in the BgMax file: expected one for the bank line of ${line.date}`, { file: options.fileName });
    // Name the deposit of that day (any day when none) closest in amount, so both sums are in the message.
    const sameDay = deposits.filter((d) => d.date === line.date);
    const pool = sameDay.length > 0 ? sameDay : deposits;
    const nearest = pool.reduce((best, d) => (Math.abs(d.amount - line.amount) < Math.abs(best.amount - line.amount) ? d : best));
    throw new DepositMismatchError(line.amount, nearest.amount, nearest, options.fileName);
  }
  return settleDeposit(line, deposit, items, { bankAccount: options.bankAccount, suspenseAccount: options.suspenseAccount, fileName: options.fileName });
}

/** `openItems`, `settleDeposit`. */
export function openItemsApi(ctx: FacadeContext): Pick<Kontera, 'openItems' | 'settleDeposit'> {
  const { store, clientOf } = ctx;
  return {
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
        checkLine(t, 'transaction');
        const bankAccount = t.bankAccount ?? client.bankAccounts[0] ?? DEFAULT_BANK_ACCOUNT;
        if (!client.bankAccounts.includes(bankAccount)) {
          throw new ValidationError(`Invalid transaction: expected one of the client's bank accounts (${client.bankAccounts.join(', ')}), got ${bankAccount}`);
        }
        const items = await tx.listOpenItems(refOf(client), { open: true });
        return settleBgmaxDeposit(t, bgmax, items, { bankAccount, suspenseAccount: client.suspenseAccount, fileName: options.fileName });
      }, READ_ONLY);
    },
  };
}
