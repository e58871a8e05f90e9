/**
 * Suggesting: one suggestion per bank line from the client's, the bureau's and the network's knowledge,
 * and from the client's open items (./open-items.ts). Reads only.
 *
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { createKnowledge } from '../knowledge/base.js';
import { counterpartyKey } from '../normalize/counterparty.js';
import { suggest as suggestOne } from '../suggest/suggest.js';
import type { BookedAlready, Suggestion } from '../suggest/types.js';
import { OpenItemMatcher } from '../openitems/match.js';
import { openItemsForSuggest } from './open-items.js';
import { keyRulesOutdated } from './relearn.js';
import { keyOfLine } from './ledger.js';
import { TRANSFER_REVIEW_REASON, transferSidesOf, transferSuggestion } from './transfers.js';
import { bookedBy, confirmedByLine } from './transactions.js';
import { DEFAULT_BANK_ACCOUNT, READ_ONLY, checkLine, engineClient, refOf } from './shared.js';
import type { FacadeContext } from './shared.js';
import type { Kontera, TransactionLike } from './types.js';
import type { AccountNo } from '../knowledge/types.js';
import type { ClientRef, StatementRow, StoreSession, TransactionRow } from '../store/store.js';

/** `suggest`. */
export function suggestApi(ctx: FacadeContext): Pick<Kontera, 'suggest'> {
  const { store, clientOf, minBureaus } = ctx;
  return {
    async suggest(clientId: string, transactions: readonly TransactionLike[]): Promise<readonly Suggestion[]> {
      if (!Array.isArray(transactions)) throw new ValidationError('Invalid transactions: expected an array');
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const settings = engineClient(client);
        transactions.forEach((t, i) => {
          checkLine(t, `transaction ${i + 1}`);
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
        // All of the bureau's records, not only the lines' keys: the bureau's text model learns from
        // every counterparty its clients book, which is what lets a new counterparty borrow from them.
        const bureaus = await tx.getBureauRecords(client.bureauId);
        const network = keys.length === 0 || !client.network ? [] : await tx.getNetworkRecords(keys);
        const k = createKnowledge({ profiles, bureaus, network });
        const items = await openItemsForSuggest(tx, refOf(client));
        // Knowledge learned under other key rules: said on every suggestion until the client is relearned.
        const outdated = keyRulesOutdated(client);
        // The client's statements, read once: for lines of two export formats, and for its own account numbers.
        const statements = transactions.some((t) => t.id !== undefined) || client.bankAccounts.length > 1 ? await tx.listStatements(refOf(client)) : [];
        const twins = await otherExportTwins(tx, refOf(client), transactions, client.bankAccounts[0] ?? DEFAULT_BANK_ACCOUNT, statements);
        const booked = await bookedAlready(tx, refOf(client), transactions, client.bankAccounts[0] ?? DEFAULT_BANK_ACCOUNT);
        const transfers = await transferSidesOf(tx, refOf(client), client, transactions, client.bankAccounts[0] ?? DEFAULT_BANK_ACCOUNT, statements);
        // Indexed once for all the lines: a line costs what its candidates do, not what the ledger holds.
        const matcher = items.length === 0 ? undefined : new OpenItemMatcher(items);
        return transactions.map((t, i) => {
          const bankAccount = t.bankAccount ?? client.bankAccounts[0] ?? DEFAULT_BANK_ACCOUNT;
          // The open invoice the line may settle is one more piece of evidence for the ranker.
          const openItem = matcher?.match(t, { bankAccount, limit: 1 })[0];
          const s = suggestOne(
            { date: t.date, amount: t.amount, text: t.text, reference: t.reference, counterparty: t.counterparty, counterpartyAccount: t.counterpartyAccount, kind: t.kind, currency: t.currency },
            k,
            settings,
            { bankAccount: t.bankAccount, openItem, ...(minBureaus !== undefined ? { minBureaus } : {}) },
          );
          // Money between two of the client's own accounts: the other account is the counter row,
          // unless the client's history already books it there.
          const transfer = transfers.get(i);
          const moved = transfer === undefined || s.account === transfer.account ? s : transferSuggestion(t, bankAccount, transfer, s);
          // A voucher against another of the client's bank accounts (the engine's, from a rule or a
          // habit) books that account's line of the same money too: never auto-booked, as a month's
          // lines confirmed together would then book the transfer from both sides.
          const own =
            moved.match !== 'transfer' && moved.voucher !== null && moved.account !== null && moved.account !== bankAccount && client.bankAccounts.includes(moved.account)
              ? { ...moved, review: true, autoBook: false, reviewReasons: [...moved.reviewReasons, TRANSFER_REVIEW_REASON] }
              : moved;
          const twin = twins.get(i);
          const paired = twin === undefined ? own : { ...own, review: true, autoBook: false, reviewReasons: [...own.reviewReasons, twin] };
          // A line booked already is never auto-booked again: confirm would refuse it (CONFLICT).
          const done = booked.get(i);
          const out = done === undefined ? paired : { ...paired, booked: done.booked, review: true, autoBook: false, reviewReasons: [...paired.reviewReasons, bookedReason(done)] };
          // Never auto-booked on stale keys: under other key rules a line's key can meet a profile of
          // another counterparty (rules that merge or split texts), and nothing tells which until relearn.
          return outdated ? { ...out, keyRulesOutdated: true as const, review: true, autoBook: false, reviewReasons: [...out.reviewReasons, KEY_RULES_OUTDATED_REASON] } : out;
        });
      }, READ_ONLY);
    },
  };
}

/** The review reason on a suggestion for a line that a voucher books already. */
function bookedReason(b: { readonly booked: BookedAlready; readonly transfer: boolean }): string {
  const by = b.transfer
    ? "a voucher confirmed in kontera, as the other side of a transfer between the client's own accounts"
    : b.booked.from === 'sie'
      ? "a voucher of the client's books (learned from SIE)"
      : 'a voucher confirmed in kontera';
  return `Booked already, as ${b.booked.series} ${b.booked.number}, ${by}: do not book it again.`;
}

/**
 * Imported lines (those with an id stored for the client) that a voucher books already: by index in
 * `lines`, the voucher. A line marked booked by the client's SIE books or by a confirmed transfer's
 * voucher (the other side, see ./transfers.ts), or booked by a confirmed voucher of its own. Read
 * from the store, not from the caller's objects: a line imported before a later `learnFromSie` or
 * `confirm` carries no mark of it.
 */
async function bookedAlready(tx: StoreSession, ref: ClientRef, lines: readonly TransactionLike[], firstBank: AccountNo): Promise<ReadonlyMap<number, { readonly booked: BookedAlready; readonly transfer: boolean }>> {
  const out = new Map<number, { readonly booked: BookedAlready; readonly transfer: boolean }>();
  const keys = lines.flatMap((t) => (t.id === undefined ? [] : [{ bankAccount: t.bankAccount ?? firstBank, id: t.id }]));
  if (keys.length === 0) return out;
  const stored = new Map((await tx.getTransactions(ref, keys)).map((r) => [keyOfLine(r), r]));
  if (stored.size === 0) return out;
  // The vouchers booking the lines, in one indexed read however many lines are asked about and
  // however far from its line a voucher is dated.
  const confirmed = confirmedByLine(await tx.getVouchersForTransactions(ref, [...stored.values()].map((r) => ({ bankAccount: r.bankAccount, id: r.id }))));
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i] as TransactionLike;
    if (t.id === undefined) continue;
    const row = stored.get(keyOfLine({ bankAccount: t.bankAccount ?? firstBank, id: t.id }));
    const by = row === undefined ? undefined : bookedBy(row, confirmed);
    if (by !== undefined) out.set(i, by);
  }
  return out;
}

/** The review reason on every suggestion for a client whose knowledge was learned under other key rules. */
const KEY_RULES_OUTDATED_REASON = "The client's knowledge was learned under the key rules of an earlier kontera: not auto-booked until the client is relearned (relearn).";

/**
 * Imported lines (those with an id) that a line of another export format of the same bank account
 * matches by date and amount, within that export's period (a camt.053 and an MT940, or a CSV, of
 * the same month: their ids differ, as each format writes the text its own way, so import keeps
 * both and warns `OVERLAPS_OTHER_EXPORT`). By index in `lines`, the review reason naming the other
 * line. Such a line is never auto-booked: one of the two is the same transaction, booked twice.
 * Reads the store only when a bank account of the lines has statements of two formats.
 */
async function otherExportTwins(tx: StoreSession, ref: ClientRef, lines: readonly TransactionLike[], firstBank: AccountNo, statements: readonly StatementRow[]): Promise<ReadonlyMap<number, string>> {
  const out = new Map<number, string>();
  if (!lines.some((t) => t.id !== undefined)) return out;
  const formats = new Map<AccountNo, Set<string>>();
  for (const st of statements) formats.set(st.bankAccount, (formats.get(st.bankAccount) ?? new Set()).add(st.format));
  const byId = new Map(statements.map((st) => [st.id, st]));
  for (const [bankAccount, used] of formats) {
    if (used.size < 2) continue;
    const mine = lines.map((t, i) => ({ t, i })).filter(({ t }) => t.id !== undefined && (t.bankAccount ?? firstBank) === bankAccount);
    if (mine.length === 0) continue;
    const dates = mine.map(({ t }) => t.date).sort();
    const stored = await tx.listTransactions(ref, { bankAccount, from: dates[0], to: dates[dates.length - 1] });
    const storedById = new Map(stored.map((r) => [r.id, r]));
    const sameDay = new Map<string, TransactionRow[]>();
    for (const r of stored) {
      const key = `${r.date} ${r.amount}`;
      const list = sameDay.get(key);
      if (list === undefined) sameDay.set(key, [r]);
      else list.push(r);
    }
    const found: { i: number; twins: TransactionRow[] }[] = [];
    for (const { t, i } of mine) {
      const own = storedById.get(t.id as string);
      const ownFormat = own === undefined ? undefined : byId.get(own.statementId)?.format;
      if (own === undefined || ownFormat === undefined) continue;
      const twins = (sameDay.get(`${own.date} ${own.amount}`) ?? []).filter((r) => {
        const st = byId.get(r.statementId);
        return r.id !== own.id && st !== undefined && st.format !== ownFormat && st.from !== undefined && st.to !== undefined && own.date >= st.from && own.date <= st.to;
      });
      if (twins.length > 0) found.push({ i, twins });
    }
    if (found.length === 0) continue;
    // The twins' vouchers, in one read for all of them.
    const confirmed = confirmedByLine(await tx.getVouchersForTransactions(ref, found.flatMap((f) => f.twins.map((r) => ({ bankAccount: r.bankAccount, id: r.id })))));
    for (const { i, twins } of found) {
      // A twin already booked (in the client's books, or confirmed here) is named first: booking
      // this line too is then the double booking, not a choice between two.
      let twin = twins[0] as TransactionRow;
      let booked: string | undefined;
      for (const r of twins) {
        const by = bookedBy(r, confirmed);
        if (by === undefined) continue;
        twin = r;
        booked = `${by.booked.series} ${by.booked.number}`;
        break;
      }
      const st = byId.get(twin.statementId) as StatementRow;
      const other = `Line ${twin.line} of another export of this bank account (${st.format}${st.fileName !== undefined ? `, ${st.fileName}` : ''}) has the same date and amount`;
      out.set(i, booked === undefined ? `${other}: it may be this transaction; book only one of them.` : `${other} and is booked already, as voucher ${booked}: if it is this transaction, do not book it again.`);
    }
  }
  return out;
}
