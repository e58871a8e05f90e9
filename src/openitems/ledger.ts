/**
 * The open-item ledger: invoices are the vouchers that credit a supplier-debt account or debit a
 * receivable account; a later voucher that does the opposite settles them. Which items a settling
 * voucher closes is not written in most books, so it is inferred the way a bookkeeper would: an
 * invoice number in its text, the exact open amount, several invoices of one counterparty that sum
 * to it, or the counterparty's oldest invoices first (part payments). Pure functions on plain data.
 *
 * @module
 */
import type { AccountNo } from '../knowledge/types.js';
import { BAS_OPEN_ITEM_ACCOUNTS, openItemKind } from './accounts.js';
import { matchOpenItems, WORD_EVIDENCE } from './match.js';
import { counterpartyName, counterpartyWords, references, wordOverlap } from './text.js';
import { fingerprint } from '../core/fingerprint.js';
import { replacesExport } from '../sie/fiscal-year.js';
import { ByNameIndex, compareItems, OpenItemIndex } from './item-index.js';
import type { OpenItemVoucherRow, OpenItemVoucher, OpenItem, OpenItemAccounts, OpenItemKind, OpenItemSettlement, PendingSettlement } from './types.js';
import { partitionPoint } from '../core/sort.js';

/** Options of {@link updateLedger}. */
export interface LedgerOptions {
  /** Which accounts hold items; default BAS (see `BAS_OPEN_ITEM_ACCOUNTS`). */
  readonly accounts?: OpenItemAccounts | undefined;
  /**
   * What settling vouchers learned before had left over (see {@link PendingSettlement}): each
   * settles, at its date among the vouchers given, what it can of the items then open, by the
   * same rules as a voucher read in date order. Default none.
   */
  readonly pending?: readonly PendingSettlement[] | undefined;
  /**
   * What the books owed at `start` (a fiscal year's first day) on invoices the ledger does not have,
   * per item account (positive öre; see {@link unknownOwedAtStart}). A pending payment dated on or
   * after `start` of no more than that may pay one of them: it is no advance of an invoice booked
   * later that it names by the party's name only (a shared reference still pairs them). Default none.
   */
  readonly unknownAtStart?: { readonly start: string; readonly owed: ReadonlyMap<AccountNo, number> } | undefined;
}

/** A settling amount no open item could take (an invoice from before the books kontera has). */
export interface UnallocatedSettlement {
  readonly voucher: string;
  readonly account: AccountNo;
  /** Positive öre. */
  readonly amount: number;
}

/** What {@link updateLedger} did. */
export interface LedgerUpdate {
  /** Every item, the given ones updated, new ones added, in invoice date order. */
  readonly items: readonly OpenItem[];
  /** Items created or changed (what a store must write). */
  readonly changed: readonly OpenItem[];
  readonly unallocated: readonly UnallocatedSettlement[];
  /** Ids of changed items of which only the version stamps changed (`exported`, `source`): a store writes them, though nothing a reader sees changed. */
  readonly restamped: readonly string[];
  /** Ids of vouchers whose version in the vouchers given differs from the ledger's and is older by `exported`: not taken. */
  readonly outdated: readonly string[];
  /**
   * The pending settlements to write (new, or with less left) and the ids of those to remove (all
   * settled, or replaced by their voucher read again). What a settling voucher or a cut settlement
   * has left that no item took becomes pending; see {@link LedgerOptions.pending}.
   */
  readonly pending: { readonly put: readonly PendingSettlement[]; readonly removed: readonly string[] };
}

/** Rows of one voucher on one item account with one text, netted. */
interface RowGroup {
  readonly account: AccountNo;
  readonly kind: OpenItemKind;
  /** Signed öre, debit positive. */
  readonly amount: number;
  readonly text: string;
  readonly objectRefs: readonly string[];
  readonly index: number;
}

/** SIE object dimensions that name an invoice's counterparty or the invoice itself. */
const PARTY_DIMENSIONS: ReadonlySet<number> = new Set([8, 9, 10]);

function groupsOf(v: OpenItemVoucher, accounts: OpenItemAccounts): RowGroup[] {
  const map = new Map<string, { account: AccountNo; kind: OpenItemKind; amount: number; text: string; objectRefs: Set<string> }>();
  const order: string[] = [];
  for (const r of v.rows) {
    const kind = openItemKind(r.account, accounts);
    if (kind === null || !Number.isSafeInteger(r.amount)) continue;
    const text = (r.text ?? '').trim() !== '' ? (r.text as string).trim() : v.text.trim();
    const key = v.separateRows === true ? `${order.length}` : `${r.account}\u0000${text}`;
    let g = map.get(key);
    if (g === undefined) {
      map.set(key, (g = { account: r.account, kind, amount: 0, text, objectRefs: new Set() }));
      order.push(key);
    }
    g.amount += r.amount;
    for (const o of objectRefsOf(r)) g.objectRefs.add(o);
  }
  return order.flatMap((key, index) => {
    const g = map.get(key);
    return g === undefined || g.amount === 0 ? [] : [{ account: g.account, kind: g.kind, amount: g.amount, text: g.text, objectRefs: [...g.objectRefs], index }];
  });
}

function objectRefsOf(r: OpenItemVoucherRow): string[] {
  return (r.objects ?? []).filter((o) => PARTY_DIMENSIONS.has(o.dimension) && o.object.trim() !== '').map((o) => `${o.dimension}:${o.object.trim()}`);
}

/** True when the group is an invoice (credit on a supplier account, debit on a receivable). */
function isInvoice(g: RowGroup): boolean {
  return g.kind === 'supplier' ? g.amount < 0 : g.amount > 0;
}

function newItem(v: OpenItemVoucher, g: RowGroup): OpenItem {
  const name = counterpartyName(g.text) || counterpartyName(v.text);
  const refs = references(g.text);
  for (const o of g.objectRefs) if (!refs.includes(o)) refs.push(o);
  const amount = Math.abs(g.amount);
  return {
    v: 1,
    id: `${v.id}:${g.account}:${g.index}`,
    kind: g.kind,
    account: g.account,
    series: v.series,
    number: v.number,
    origin: v.origin,
    date: v.date,
    amount,
    open: amount,
    text: g.text,
    name,
    words: counterpartyWords(g.text),
    references: refs,
    settlements: [],
    ...(v.exported !== undefined ? { exported: v.exported } : {}),
  };
}

/**
 * Adds what `vouchers` say to the ledger `items`: new invoices become items, settling rows reduce
 * the items they settle. Idempotent: a voucher whose items exist, or that already settled an item,
 * changes nothing the second time.
 *
 * A numbered voucher edited in the books keeps its id, so a voucher the ledger knows is compared
 * by content: an invoice whose amount, date, account or text differs is revised under its id (its
 * settlements kept, cut to the new amount, the open amount re-derived), and the vouchers that
 * settled it are settled again when they come later in `vouchers`; a settling voucher whose
 * version differs (see {@link OpenItemSettlement.source}) takes its settlements back and settles
 * again; an item its voucher no longer books is closed by that voucher (see
 * {@link OpenItem.settlements}). A differing version older than the ledger's (`exported`, the
 * `#GEN` dates) is not taken: learning an older export again does not undo an edit.
 *
 * ```ts
 * const { items } = updateLedger([], sieLedgerVouchers(readSie(bytes)));
 * items.filter((i) => i.open > 0) // the open invoices
 * ```
 */
export function updateLedger(items: readonly OpenItem[], vouchers: readonly OpenItemVoucher[], options: LedgerOptions = {}): LedgerUpdate {
  const accounts = options.accounts ?? BAS_OPEN_ITEM_ACCOUNTS;
  const original = new Map(items.map((i) => [i.id, i]));
  const byId = new Map(original);
  const touched = new Set<string>();
  const applied = new Set<string>();
  /** Voucher id → the ids of the items it booked. */
  const booked = new Map<string, string[]>();
  const book = (item: OpenItem): void => {
    const v = itemVoucherId(item);
    booked.set(v, [...(booked.get(v) ?? []), item.id]);
  };
  /** Voucher id → the ids of the items it settled. */
  const settledBy = new Map<string, Set<string>>();
  const index = (item: OpenItem, add: boolean): void => {
    for (const s of item.settlements) {
      let set = settledBy.get(s.voucher);
      if (set === undefined) settledBy.set(s.voucher, (set = new Set()));
      if (add) set.add(item.id);
      else set.delete(item.id);
    }
  };
  for (const i of items) {
    for (const s of i.settlements) applied.add(s.voucher);
    index(i, true);
    book(i);
  }
  /** Settling vouchers to settle again: an item they settled was revised or closed. */
  const resettle = new Set<string>();
  const outdated = new Set<string>();
  const seen = new Set<string>();
  const unallocated: UnallocatedSettlement[] = [];
  const given = options.pending ?? [];
  const pending = new Map<string, PendingSettlement>();
  /** Voucher id → the ids of its pending settlements. */
  const pendingIds = new Map<string, Set<string>>();
  /** `account amount` → the ids of the pending settlements (not cut parts) with that much left on it: what an invoice booked later may be paid in advance by. */
  const pendingByAmount = new Map<string, Set<string>>();
  const amountKey = (account: AccountNo, amount: number): string => `${account} ${amount}`;
  const unindexPending = (id: string): void => {
    const old = pending.get(id);
    if (old !== undefined && old.item === undefined) pendingByAmount.get(amountKey(old.account, old.amount))?.delete(id);
  };
  const setPending = (p: PendingSettlement): void => {
    unindexPending(p.id);
    pending.set(p.id, p);
    let ids = pendingIds.get(p.voucher.id);
    if (ids === undefined) pendingIds.set(p.voucher.id, (ids = new Set()));
    ids.add(p.id);
    if (p.item === undefined) {
      const key = amountKey(p.account, p.amount);
      let same = pendingByAmount.get(key);
      if (same === undefined) pendingByAmount.set(key, (same = new Set()));
      same.add(p.id);
    }
  };
  const dropPending = (p: PendingSettlement): void => {
    unindexPending(p.id);
    pending.delete(p.id);
    pendingIds.get(p.voucher.id)?.delete(p.id);
  };
  for (const p of given) setPending(p);
  const pendingOf = (voucher: string): PendingSettlement[] => [...(pendingIds.get(voucher) ?? [])].flatMap((id) => pending.get(id) ?? []);
  /**
   * Per account, the earliest date of an item created or changed here that is open: only such an
   * item, dated on or before a pending settlement's voucher, can take what it did not take before
   * (an item only closed leaves fewer to fit).
   */
  const openedFrom = new Map<AccountNo, string>();
  /** Vouchers settled (again) here: what they have left is pending anew, their earlier pending rows go. */
  const settledHere = new Set<string>();
  /** `account open` → the ids of the items with that much open on it: what a payment made in advance may settle. */
  const byOpen = new Map<string, Set<string>>();
  const indexOpen = (item: OpenItem, add: boolean): void => {
    if (item.open <= 0) return;
    const key = amountKey(item.account, item.open);
    let ids = byOpen.get(key);
    if (ids === undefined) {
      if (!add) return;
      byOpen.set(key, (ids = new Set()));
    }
    if (add) ids.add(item.id);
    else ids.delete(item.id);
  };
  for (const i of items) indexOpen(i, true);
  /** The open items by account, open amount and class: what a settling voucher may settle. */
  const openItems = new OpenItemIndex();
  /** The settlements by name: what an invoice learned after them may change (see `replayLater`). */
  const namedSettlements = new ByNameIndex();
  for (const i of [...items].sort(compareItems)) {
    openItems.add(i);
    namedSettlements.add(i);
  }
  const put = (item: OpenItem): void => {
    const before = byId.get(item.id);
    if (before !== undefined) {
      index(before, false);
      indexOpen(before, false);
      openItems.remove(before);
      namedSettlements.remove(before);
    }
    index(item, true);
    indexOpen(item, true);
    openItems.add(item);
    namedSettlements.add(item);
    byId.set(item.id, item);
    touched.add(item.id);
    const from = openedFrom.get(item.account);
    if (item.open > 0 && (from === undefined || item.date < from)) openedFrom.set(item.account, item.date);
  };
  // The pending settlements at their vouchers' dates, after the vouchers of the same day given.
  const stream: { v: OpenItemVoucher; i: number; p?: PendingSettlement }[] = [...vouchers.map((v, i) => ({ v, i })), ...given.map((p, i) => ({ v: p.voucher, i: vouchers.length + i, p }))];
  const sorted = stream.sort((a, b) => (a.v.date < b.v.date ? -1 : a.v.date > b.v.date ? 1 : a.i - b.i));
  /** Voucher id → its place among the vouchers given (see `replayLater`). */
  const position = new Map(vouchers.map((v, i) => [v.id, i] as const));
  /** Voucher id → the place of its first pending settlement given. */
  const pendingPlace = new Map<string, number>();
  given.forEach((p, k) => {
    if (!pendingPlace.has(p.voucher.id)) pendingPlace.set(p.voucher.id, vouchers.length + k);
  });
  /** Settlements by name taken back by an invoice learned after them, to settle again at their date (see `replayLater`), by date and place. */
  const deferred: Deferred[] = [];
  const deferredByKey = new Map<string, Deferred>();
  for (const { v, i, p } of sorted) {
    runDeferred(v.date, i);
    if (p !== undefined) {
      replay(p);
      continue;
    }
    const groups = groupsOf(v, accounts);
    const version: Version = { source: versionPrint(v, groups), exported: v.exported };
    // A second voucher of one id in `vouchers` (a file that holds it twice) is no edit of the first: the first stands.
    const again = seen.has(v.id);
    seen.add(v.id);
    const own = new Set(booked.get(v.id) ?? []);
    const settleAll = (slots: Map<string, number>): void => {
      for (const old of pendingOf(v.id)) dropPending(old);
      settledHere.add(v.id);
      for (const g of groups) {
        if (isInvoice(g)) continue;
        replayAfter(v, g);
        const rest = settle(byId, openItems, put, v, g, { version, own, slots });
        if (rest > 0) {
          unallocated.push({ voucher: v.id, account: g.account, amount: rest });
          const id = `${v.id}:${g.account}:${g.index}`;
          setPending({ v: 1, id, voucher: v, group: g.index, account: g.account, amount: rest, source: version.source, ...exportedOf(version) });
        }
      }
    };
    // What it settles. Its settlement of an item it booked itself is that item's closing (below).
    const prior = [...(settledBy.get(v.id) ?? [])].flatMap((id) => {
      const i = byId.get(id);
      return i === undefined || own.has(id) ? [] : [i];
    });
    if (prior.length === 0 || again) {
      // Pending from an earlier file: the same version stays pending (it settles below, at its
      // date); an older export's differing version is not taken; a newer one settles afresh.
      const waiting = again ? [] : pendingOf(v.id).filter((x) => x.item === undefined);
      if (waiting.length > 0 && waiting.every((x) => x.source === version.source)) {
        // Nothing to do: the pending rows are this version's.
      } else if (waiting.length > 0 && !replacesExport(v.exported, latest(waiting.map((x) => x.exported)))) {
        outdated.add(v.id);
      } else if (!applied.has(v.id)) settleAll(new Map());
    } else {
      const mine = prior.flatMap((i) => i.settlements.filter((s) => s.voucher === v.id).map((s) => ({ item: i, s })));
      const stamped = mine.find((m) => m.s.source !== undefined);
      const differs = stamped !== undefined ? stamped.s.source !== version.source : legacyDiffers(v, groups, mine);
      if (!replacesExport(v.exported, latest(mine.map((m) => m.s.exported)))) {
        if (differs) outdated.add(v.id);
      } else if (differs || resettle.has(v.id)) {
        // Take its settlements back, then settle again; an item it settles again keeps the place.
        const slots = new Map<string, number>();
        for (const i of prior) {
          slots.set(i.id, i.settlements.findIndex((s) => s.voucher === v.id));
          put(reopened(i, (s) => s.voucher !== v.id));
        }
        settleAll(slots);
      } else if (mine.some((m) => restamps(m.s, version))) {
        for (const i of prior) put({ ...i, settlements: i.settlements.map((s) => (s.voucher === v.id ? stampedWith(s, version) : s)) });
      }
    }
    applied.add(v.id);
    bookInvoices(v, groups, version, again ? new Set() : own);
  }
  runDeferred(undefined, 0);
  settleAdvances();
  const all = [...byId.values()].sort(compareItems);
  const changed: OpenItem[] = [];
  const restamped: string[] = [];
  for (const i of all) {
    if (!touched.has(i.id)) continue;
    const before = original.get(i.id);
    if (before === undefined || visible(before) !== visible(i)) changed.push(i);
    else if (canonical(before) !== canonical(i)) {
      changed.push(i);
      restamped.push(i.id);
    }
  }
  const givenById = new Map(given.map((x) => [x.id, x]));
  const toPut: PendingSettlement[] = [];
  for (const x of pending.values()) {
    const before = givenById.get(x.id);
    if (before === undefined || canonical(before) !== canonical(x)) toPut.push(x);
  }
  const removed = given.filter((x) => !pending.has(x.id)).map((x) => x.id);
  return { items: all, changed, unallocated, restamped, outdated: [...outdated], pending: { put: toPut, removed } };

  /** Settles what pending settlement `p` has left, unless its voucher was settled afresh here. */
  function replay(p: PendingSettlement): void {
    const current = pending.get(p.id);
    const from = current === undefined ? undefined : openedFrom.get(current.account);
    if (current === undefined || settledHere.has(p.voucher.id) || from === undefined || from > current.voucher.date) return;
    const g = groupsOf(current.voucher, accounts).find((x) => x.index === current.group && !isInvoice(x));
    if (g === undefined) {
      dropPending(current);
      return;
    }
    const version: Version = { source: current.source ?? versionPrint(current.voucher, [g]), exported: current.exported };
    const rest = settle(byId, openItems, put, current.voucher, g, { version, own: new Set(booked.get(current.voucher.id) ?? []), slots: new Map(), merge: true }, current.amount);
    if (rest === 0) dropPending(current);
    else if (rest !== current.amount) setPending({ ...current, amount: rest });
  }

  /**
   * Payments and credit notes made before their invoice was booked (a customer's advance, a
   * prepaid supplier): after every voucher given has settled what it can, each pending settlement
   * (its voucher's date, then id, first) whose whole amount is left settles an invoice booked on
   * or after its date on the account with that whole amount open, that it names (see
   * {@link advanceEvidence}). After, not as the vouchers come: a payment made after the invoice
   * (the usual order) settles it first, so a payment of an invoice from before the books is not
   * taken for an advance of the party's next invoice of the same amount. By a shared reference the
   * earliest such invoice (date, then id) is settled; by the party's name only, only when the
   * pairing is one to one (one such invoice, and no other pending settlement names it).
   */
  function settleAdvances(): void {
    const waiting = [...pending.values()].filter((p) => p.item === undefined).sort((a, b) => (a.voucher.date < b.voucher.date ? -1 : a.voucher.date > b.voucher.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const p of waiting) {
      if (pending.get(p.id) !== p) continue;
      const g = groupsOf(p.voucher, accounts).find((x) => x.index === p.group && !isInvoice(x));
      if (g === undefined) continue;
      const own = new Set(booked.get(p.voucher.id) ?? []);
      let byReference: OpenItem | undefined;
      const byName: OpenItem[] = [];
      for (const id of capped(byOpen.get(amountKey(p.account, p.amount)))) {
        const i = byId.get(id);
        if (i === undefined || i.date < p.voucher.date || i.open !== i.amount || own.has(i.id)) continue;
        const evidence = advanceEvidence(p.voucher, g, i);
        if (evidence === 'reference' && (byReference === undefined || compareItems(i, byReference) < 0)) byReference = i;
        else if (evidence === 'name' && byName.length < 2 && !mayPayUnknown(p)) byName.push(i);
      }
      const item = byReference ?? (byName.length === 1 && onlyNamer(p, byName[0] as OpenItem) ? byName[0] : undefined);
      if (item === undefined) continue;
      const version: Version = { source: p.source ?? versionPrint(p.voucher, [g]), exported: p.exported };
      put(withSettlement(item, settlementOf(p.voucher, version, p.amount)));
      dropPending(p);
    }
  }

  /** True when `p` may pay an invoice the books owed at the year's start that the ledger does not have (see {@link LedgerOptions.unknownAtStart}). */
  function mayPayUnknown(p: PendingSettlement): boolean {
    const unknown = options.unknownAtStart;
    return unknown !== undefined && p.voucher.date >= unknown.start && p.amount <= (unknown.owed.get(p.account) ?? 0);
  }

  /** No pending settlement but `p` names `item` by the party's name with its whole amount left. */
  function onlyNamer(p: PendingSettlement, item: OpenItem): boolean {
    for (const id of capped(pendingByAmount.get(amountKey(item.account, item.open)))) {
      const other = pending.get(id);
      if (other === undefined || other.id === p.id || other.voucher.date > item.date) continue;
      const g = groupsOf(other.voucher, accounts).find((x) => x.index === other.group && !isInvoice(x));
      if (g !== undefined && advanceEvidence(other.voucher, g, item) !== undefined) return false;
    }
    return true;
  }

  /**
   * What a payment or credit note settled by name (see {@link OpenItemSettlement.byName}) does not
   * depend on which invoices the ledger learned first: a new invoice `f` takes back every
   * settlement by name of its account and counterparty (the same words) dated after it (or on its
   * date, of an item after it in date-then-id order: a payment of that day prefers the earlier), and
   * each of their vouchers settles again at its date (after the vouchers given of that day), what
   * it took back with what it had left pending, as when `f` was known. Of two invoices of one
   * amount, the earlier (date, then id) is settled; a part payment goes to the oldest open invoice
   * it names; a payment of several invoices to those the matcher picks among all of them. With no
   * pending row of the voucher to read its texts from, the counterparty's words are its evidence
   * (they are what it matched by).
   */
  function replayLater(f: OpenItem): void {
    if (f.words.length === 0) return;
    takeBack(f.account, f.date, (item, s) => item.id !== f.id && (s.date > f.date || compareItems(f, item) < 0) && sameParty(f, item));
  }

  /**
   * The same for a settling voucher `v` learned after settlements by name dated after it: those of
   * the items of its account dated on or before it that its group `g` names (the counterparty's
   * words or a reference) are taken back before it settles, to settle again at their dates.
   */
  function replayAfter(v: OpenItemVoucher, g: RowGroup): void {
    // Dated after `v`: the entries from the first after its date.
    const after = `${v.date}\u0000`;
    if (!namedSettlements.any(g.account, after)) return;
    const text = [g.text, v.text === g.text ? '' : v.text, v.line?.text ?? '', v.line?.counterparty ?? ''].join(' ');
    const words = counterpartyWords(text);
    const refs = new Set([...references(`${text} ${v.line?.reference ?? ''}`), ...g.objectRefs]);
    if (words.length === 0 && refs.size === 0) return;
    takeBack(g.account, after, (item, s) => item.date <= v.date && s.voucher !== v.id && (wordOverlap(words, item.words) >= WORD_EVIDENCE || item.references.some((r) => refs.has(r))));
  }

  /** Takes back the settlements by name on `account` dated on or after `date` of the items `accept` takes, to settle again at their dates. */
  function takeBack(account: AccountNo, date: string, accept: (item: OpenItem, s: OpenItemSettlement) => boolean): void {
    for (const e of namedSettlements.from(account, date, MAX_SAME_AMOUNT_SCAN)) {
      const item = byId.get(e.item);
      const s = item?.settlements.find((x) => x.voucher === e.voucher && x.byName === true);
      if (item === undefined || s === undefined || !accept(item, s)) continue;
      if (s === undefined) continue;
      put(reopened(item, (x) => x !== s));
      const key = `${s.voucher}\u0000${item.account}`;
      const d = deferredByKey.get(key);
      if (d !== undefined) {
        d.amount += s.amount;
        continue;
      }
      // A voucher of an earlier update settles again just before its pending row's place (that it takes in).
      const next: Deferred = { key, date: s.date, place: position.get(s.voucher) ?? (pendingPlace.get(s.voucher) ?? stream.length) - 0.5, account: item.account, amount: s.amount, settlement: s, words: item.words };
      deferredByKey.set(key, next);
      deferred.splice(deferredPlace(next), 0, next);
    }
  }

  function deferredPlace(d: Deferred): number {
    return partitionPoint(deferred, (x) => compareDeferred(x, d) < 0);
  }

  /**
   * Settles again the taken-back settlements due before the stream's entry of `date` and place
   * `place` (all when `date` is undefined): a voucher given here just before it is read (read
   * again, its settlements are back, so that an edit of it is settled as one).
   */
  function runDeferred(date: string | undefined, place: number): void {
    for (let d = deferred[0]; d !== undefined && (date === undefined || d.date < date || (d.date === date && d.place <= place)); d = deferred[0]) {
      deferred.shift();
      deferredByKey.delete(d.key);
      settleAgain(d);
    }
  }

  function settleAgain(d: Deferred): void {
    const s = d.settlement;
    let amount = d.amount;
    let evidence: { voucher: OpenItemVoucher; g: RowGroup; id: string } | undefined;
    for (const x of pendingOf(s.voucher)) {
      if (x.item !== undefined || x.account !== d.account) continue;
      const g = groupsOf(x.voucher, accounts).find((y) => y.index === x.group && !isInvoice(y));
      if (g === undefined) continue;
      amount += x.amount;
      evidence ??= { voucher: x.voucher, g, id: x.id };
      dropPending(x);
    }
    if (evidence === undefined) {
      const supplier = openItemKind(d.account, accounts) === 'supplier';
      const voucher: OpenItemVoucher = {
        id: s.voucher,
        origin: s.origin,
        series: '',
        number: '',
        date: s.date,
        text: d.words.join(' '),
        rows: [{ account: d.account, amount: supplier ? amount : -amount }],
        ...(s.key !== undefined ? { key: s.key } : {}),
      };
      const [g] = groupsOf(voucher, accounts);
      if (g === undefined) return;
      evidence = { voucher, g, id: `${s.voucher}:${d.account}:0` };
    }
    const version: Version = { source: s.source ?? versionPrint(evidence.voucher, [evidence.g]), exported: s.exported };
    const rest = settle(byId, openItems, put, evidence.voucher, evidence.g, { version, own: new Set(booked.get(s.voucher) ?? []), slots: new Map(), merge: true }, amount);
    if (rest > 0) setPending({ v: 1, id: evidence.id, voucher: evidence.voucher, group: evidence.g.index, account: d.account, amount: rest, ...(s.source !== undefined ? { source: s.source } : {}), ...exportedOf(version) });
  }

  /** The invoices `v` books: new ones added, known ones revised, ones it no longer books closed. */
  function bookInvoices(v: OpenItemVoucher, groups: readonly RowGroup[], version: Version, own: ReadonlySet<string>): void {
    const fresh = groups.filter(isInvoice).map((g) => newItem(v, g));
    // Each stored item of the voucher with the read invoice of its id, else the next of its kind
    // (an edit moved it to another account, or removed a row before it): ids stay.
    const pairs: [OpenItem, OpenItem][] = [];
    const left = fresh.filter((f) => {
      const old = own.has(f.id) ? byId.get(f.id) : undefined;
      if (old !== undefined) pairs.push([old, f]);
      return old === undefined;
    });
    const gone: OpenItem[] = [];
    for (const id of own) {
      const old = byId.get(id);
      if (old === undefined || pairs.some(([o]) => o.id === id)) continue;
      const at = left.findIndex((f) => f.kind === old.kind && !byId.has(f.id));
      if (at < 0) gone.push(old);
      else pairs.push([old, ...left.splice(at, 1)] as [OpenItem, OpenItem]);
    }
    for (const f of left) {
      if (byId.has(f.id)) continue;
      put(f);
      book(f);
      replayLater(f);
    }
    for (const [old, f] of pairs) {
      const closed = old.settlements.some((s) => s.voucher === v.id);
      if (!closed && sameInvoice(old, f)) {
        if (laterExport(old, version)) put({ ...old, ...exportedOf(version) });
        continue;
      }
      if (!replacesExport(v.exported, old.exported)) {
        outdated.add(v.id);
        continue;
      }
      // Settlements kept as far as the new amount goes (the latest cut first); those that settled
      // it settle again when this file holds them, since the amount, date or text they matched changed.
      const kept: OpenItemSettlement[] = [];
      let settled = 0;
      for (const s of old.settlements) {
        if (s.voucher === v.id) continue;
        if (s.origin !== 'balance') resettle.add(s.voucher);
        const amount = Math.min(s.amount, f.amount - settled);
        if (amount < s.amount) {
          unallocated.push({ voucher: s.voucher, account: old.account, amount: s.amount - amount });
          if (s.origin !== 'balance') cutOff(old, s, s.amount - amount);
        }
        if (amount <= 0) continue;
        kept.push(amount === s.amount ? s : { ...s, amount });
        settled += amount;
      }
      put({ ...f, id: old.id, open: f.amount - settled, settlements: kept });
    }
    for (const old of gone) {
      const closing = old.settlements.find((s) => s.voucher === v.id);
      if (closing !== undefined) {
        if (restamps(closing, version) && replacesExport(v.exported, closing.exported)) put({ ...old, ...exportedOf(version), settlements: old.settlements.map((s) => (s === closing ? stampedWith(s, version) : s)) });
        continue;
      }
      if (!replacesExport(v.exported, old.exported)) {
        outdated.add(v.id);
        continue;
      }
      for (const s of old.settlements) {
        if (s.origin === 'balance') continue;
        resettle.add(s.voucher);
        cutOff(old, s, s.amount);
      }
      const s: OpenItemSettlement = { voucher: v.id, origin: v.origin, date: v.date, amount: old.amount, source: version.source, ...exportedOf(version) };
      put({ ...old, ...exportedOf(version), open: 0, settlements: [s] });
    }
  }

  /**
   * The part `amount` of settlement `s` that the revised or closed item `old` no longer takes is
   * pending: its voucher settles it again when it comes later in the vouchers given (and then this
   * goes), else the part settles what fits it later, with the item's texts as its evidence (they
   * are what it was matched with).
   */
  function cutOff(old: OpenItem, s: OpenItemSettlement, amount: number): void {
    const id = `${s.voucher}:${old.id}`;
    const left = (pending.get(id)?.amount ?? 0) + amount;
    const voucher: OpenItemVoucher = {
      id: s.voucher,
      origin: s.origin,
      series: '',
      number: '',
      date: s.date,
      text: old.text,
      rows: [{ account: old.account, amount: old.kind === 'supplier' ? left : -left, text: old.text }],
      ...(s.key !== undefined ? { key: s.key } : {}),
    };
    setPending({ v: 1, id, voucher, group: 0, account: old.account, amount: left, item: old.id, ...(s.source !== undefined ? { source: s.source } : {}), ...(s.exported !== undefined ? { exported: s.exported } : {}) });
  }
}

/**
 * Most items (or pending settlements) of one account and amount that an advance payment or the
 * check that no other payment names its invoice looks at, and most settlements by name dated after
 * a voucher learned late that it looks at to settle again: a party's monthly or weekly invoices
 * over years. A file of thousands of entries of one amount (a degenerate or hostile one) has the
 * rest left unread, so learning it stays linear; it is not a threshold of what is booked.
 */
export const MAX_SAME_AMOUNT_SCAN = 1024;

/** The first {@link MAX_SAME_AMOUNT_SCAN} ids of a set, in insertion order. */
function* capped(ids: ReadonlySet<string> | undefined): Generator<string> {
  if (ids === undefined) return;
  let n = 0;
  for (const id of ids) {
    if (n++ >= MAX_SAME_AMOUNT_SCAN) return;
    yield id;
  }
}

/** A settlement of `amount` by voucher `v` in version `version`; `byName` when only the amount and the party's name matched it (see {@link OpenItemSettlement.byName}). */
function settlementOf(v: OpenItemVoucher, version: Version, amount: number, byName = false): OpenItemSettlement {
  return { voucher: v.id, origin: v.origin, date: v.date, amount, ...(v.key !== undefined ? { key: v.key } : {}), source: version.source, ...exportedOf(version), ...(byName ? { byName: true as const } : {}) };
}

/**
 * How settling group `g` of `v`, made before the invoice `item` was booked, names it: `reference`
 * when they share an invoice number, OCR or party object (dimensions 8–10); else `name` when the
 * payment names the invoice's counterparty (its words, as a payment matched by name); undefined
 * when neither, or when the payment names a reference and the invoice has references, none of
 * them shared (it pays another invoice). The amount alone is no evidence: a payment of an invoice
 * from before the books looks the same.
 */
function advanceEvidence(v: OpenItemVoucher, g: RowGroup, item: OpenItem): 'reference' | 'name' | undefined {
  const text = [g.text, v.text === g.text ? '' : v.text, v.line?.text ?? '', v.line?.counterparty ?? ''].join(' ');
  const refs = new Set([...references(`${text} ${v.line?.reference ?? ''}`), ...g.objectRefs]);
  if (refs.size > 0 && item.references.length > 0) return item.references.some((r) => refs.has(r)) ? 'reference' : undefined;
  return wordOverlap(counterpartyWords(text), item.words) >= WORD_EVIDENCE ? 'name' : undefined;
}

/** Two invoices of one counterparty: the same name words (both ways, so neither is a part of the other's name). */
function sameParty(a: OpenItem, b: OpenItem): boolean {
  return a.words.length > 0 && wordOverlap(a.words, b.words) === 1 && wordOverlap(b.words, a.words) === 1;
}

/** Settlements by name of one voucher on one account, taken back to settle again (see `replayLater` in {@link updateLedger}). */
interface Deferred {
  /** Voucher id and account. */
  readonly key: string;
  readonly date: string;
  /** The voucher's place among the vouchers given; after them when it is not one of them. */
  readonly place: number;
  readonly account: AccountNo;
  /** Öre taken back. */
  amount: number;
  /** The first settlement taken back: the voucher's id, origin, key and version. */
  readonly settlement: OpenItemSettlement;
  /** The counterparty words of the item it settled. */
  readonly words: readonly string[];
}

function compareDeferred(a: Deferred, b: Deferred): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.place - b.place || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** The version of a voucher an item or settlement was derived from (see {@link OpenItemSettlement.source}). */
interface Version {
  readonly source: string;
  readonly exported: string | undefined;
}

/** A fingerprint of what the ledger reads of a voucher: its date, text and netted rows on item accounts. */
function versionPrint(v: OpenItemVoucher, groups: readonly RowGroup[]): string {
  return fingerprint(v.date, v.text, ...groups.map((g) => `${g.account} ${g.amount} ${g.text} ${g.objectRefs.join(' ')}`));
}

function latest(dates: readonly (string | undefined)[]): string | undefined {
  let out: string | undefined;
  for (const d of dates) if (d !== undefined && (out === undefined || d > out)) out = d;
  return out;
}

function exportedOf(version: Version): { exported?: string } {
  return version.exported !== undefined ? { exported: version.exported } : {};
}

/** True when the version has a later export date than `x` (an item or a settlement) was stamped with. */
function laterExport(x: { readonly exported?: string | undefined }, version: Version): boolean {
  return version.exported !== undefined && (x.exported === undefined || version.exported > x.exported);
}

/** True when settlement `s` lacks the (same) version's fingerprint or has an earlier export date. */
function restamps(s: OpenItemSettlement, version: Version): boolean {
  return s.source !== version.source || laterExport(s, version);
}

function stampedWith(s: OpenItemSettlement, version: Version): OpenItemSettlement {
  const exported = laterExport(s, version) ? version.exported : s.exported;
  return { ...s, source: version.source, ...(exported !== undefined ? { exported } : {}) };
}

/**
 * For settlements stored before they carried their voucher's version: the voucher differs when a
 * settlement has another date or its settlements on an account sum to more than it settles there.
 * (Less is not telling: the rest may have found no item.)
 */
function legacyDiffers(v: OpenItemVoucher, groups: readonly RowGroup[], mine: readonly { readonly item: OpenItem; readonly s: OpenItemSettlement }[]): boolean {
  if (mine.some((m) => m.s.date !== v.date)) return true;
  const settles = new Map<AccountNo, number>();
  for (const g of groups) if (!isInvoice(g)) settles.set(g.account, (settles.get(g.account) ?? 0) + Math.abs(g.amount));
  const settled = new Map<AccountNo, number>();
  for (const m of mine) settled.set(m.item.account, (settled.get(m.item.account) ?? 0) + m.s.amount);
  return [...settled].some(([account, amount]) => amount > (settles.get(account) ?? 0));
}

/** True when the invoice `fresh` read from a voucher is what `old` holds. */
function sameInvoice(old: OpenItem, fresh: OpenItem): boolean {
  return (
    old.kind === fresh.kind &&
    old.account === fresh.account &&
    old.date === fresh.date &&
    old.amount === fresh.amount &&
    old.text === fresh.text &&
    old.series === fresh.series &&
    old.number === fresh.number &&
    canonical(old.references) === canonical(fresh.references)
  );
}

/** The item without its settlements `drop` selects, its open amount re-derived. */
function reopened(item: OpenItem, keep: (s: OpenItemSettlement) => boolean): OpenItem {
  const settlements = item.settlements.filter(keep);
  return { ...item, open: item.amount - settlements.reduce((sum, s) => sum + s.amount, 0), settlements };
}

/** JSON with the keys sorted: stores give objects back with their keys in their own order. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value,
  );
}

/** What a reader of the ledger sees of an item: all but the version stamps. */
function visible(item: OpenItem): string {
  const { exported: _e, settlements, ...rest } = item;
  return canonical({ ...rest, settlements: settlements.map(({ source: _s, exported: _x, ...s }) => s) });
}

/** The id of the voucher an item was booked by (`sie:2025-01-01 B 1:1510:0` → `sie:2025-01-01 B 1`). */
export function itemVoucherId(item: OpenItem): string {
  const suffix = item.id.lastIndexOf(':', item.id.lastIndexOf(':') - 1);
  return suffix < 0 ? item.id : item.id.slice(0, suffix);
}

function withSettlement(item: OpenItem, s: OpenItemSettlement, slot = item.settlements.length): OpenItem {
  const settlements = [...item.settlements];
  settlements.splice(slot, 0, s);
  return { ...item, open: item.open - s.amount, settlements };
}

/** How {@link settle} stamps and places what it settles. */
interface SettleContext {
  readonly version: Version;
  /** The items the voucher booked itself: it does not settle them. */
  readonly own: ReadonlySet<string>;
  /** Where in an item's settlements the voucher's settlement goes (where it was before it was taken back); default last. */
  readonly slots: ReadonlyMap<string, number>;
  /** Add to the voucher's settlement of an item when it has one (a pending rest settling what it settled part of). */
  readonly merge?: boolean | undefined;
}

/** Settles `g` (or `amount` of it) against the open items of its account; returns the öre no item took. */
function settle(byId: ReadonlyMap<string, OpenItem>, openItems: OpenItemIndex, put: (item: OpenItem) => void, v: OpenItemVoucher, g: RowGroup, ctx: SettleContext, amount = Math.abs(g.amount)): number {
  let rest = amount;
  const open = openItems.candidates(g.account, amount, v.date, ctx.own);
  if (open.length === 0) return rest;
  const text = [g.text, v.text === g.text ? '' : v.text, v.line?.text ?? '', v.line?.counterparty ?? ''].join(' ');
  const reference = [v.line?.reference ?? '', ...g.objectRefs].join(' ');
  const apply = (item: OpenItem, amount: number, byName: boolean): void => {
    const current = byId.get(item.id) ?? item;
    const mine = ctx.merge === true ? current.settlements.findIndex((x) => x.voucher === v.id) : -1;
    if (mine >= 0) {
      put({ ...current, open: current.open - amount, settlements: current.settlements.map((x, i) => (i === mine ? { ...x, amount: x.amount + amount } : x)) });
      rest -= amount;
      return;
    }
    const slot = ctx.slots.get(item.id);
    const next = withSettlement(current, settlementOf(v, ctx.version, amount, byName), slot !== undefined && slot >= 0 ? Math.min(slot, current.settlements.length) : current.settlements.length);
    put(next);
    rest -= amount;
  };
  // Objects (customer, supplier or invoice ids) of the settling rows, matched like references.
  const objectMatches = g.objectRefs.length === 0 ? [] : open.filter((i) => i.references.some((r) => g.objectRefs.includes(r)));
  const line = { date: v.date, amount: g.kind === 'supplier' ? -rest : rest, text, reference };
  const [best] = matchOpenItems(line, objectMatches.length > 0 ? objectMatches : open, { limit: 1 });
  if (best !== undefined) {
    const byName = best.evidence !== 'reference' && best.evidence !== 'reference-part' && objectMatches.length === 0;
    for (const p of best.parts) apply(p.item, p.amount, byName);
    return rest;
  }
  // No single match: the counterparty's oldest invoices first, as far as the amount goes.
  // An invoice number in the text that is none of the counterparty's items: it pays an invoice the
  // ledger does not have (one from before the books), not the oldest one it has.
  const words = counterpartyWords(text);
  const refs = new Set(references(`${text} ${reference}`));
  const otherInvoice = (i: OpenItem): boolean => refs.size > 0 && i.references.length > 0 && !i.references.some((r) => refs.has(r));
  const named = objectMatches.length > 0 ? objectMatches : open.filter((i) => wordOverlap(words, i.words) >= WORD_EVIDENCE && !otherInvoice(i));
  for (const item of named) {
    if (rest === 0) break;
    const current = byId.get(item.id) ?? item;
    const amount = Math.min(rest, current.open);
    if (amount > 0) apply(current, amount, objectMatches.length === 0);
  }
  return rest;
}

/**
 * Brings the ledger in line with the books' balances: where the open items of an account add up to
 * more than the account's balance (`closing`, signed öre as the books keep it), the oldest items
 * are settled until they do not. The settlement's origin is `balance`. Returns the changed items.
 */
export function reconcileWithBalances(items: readonly OpenItem[], closing: ReadonlyMap<AccountNo, number>, date: string, voucherId: string): OpenItem[] {
  const changed: OpenItem[] = [];
  for (const [account, balance] of closing) {
    const onAccount = items.filter((i) => i.account === account && i.open > 0).sort(compareItems);
    if (onAccount.length === 0) continue;
    const owed = Math.max(0, onAccount[0]?.kind === 'supplier' ? -balance : balance);
    let excess = onAccount.reduce((s, i) => s + i.open, 0) - owed;
    for (const item of onAccount) {
      if (excess <= 0) break;
      const amount = Math.min(excess, item.open);
      changed.push(withSettlement(item, { voucher: voucherId, origin: 'balance', date, amount }));
      excess -= amount;
    }
  }
  return changed;
}

/**
 * The pending settlements (see {@link PendingSettlement}) that the books' opening balances show
 * can settle nothing any more: ids to remove. A pending settlement is a payment or credit note
 * that found no open item, mostly one of an invoice booked before the first voucher the ledger
 * knows. It can only ever take an item dated on or before its voucher. `opening` are the item
 * accounts' opening balances (`#IB 0`, signed öre as the books keep them; an account without one
 * is 0) at `start`, the first day of a fiscal year. On an account where the ledger's items dated
 * before `start` hold at least that balance open at `start`, every invoice open then is one the
 * ledger knows: an invoice the ledger does not have was closed before `start`, so a pending
 * settlement dated before `start` has no open invoice left to wait for, and goes. One dated on or
 * after `start` stays (its year is not closed; it may be an advance payment), as does one on an
 * account whose opening balance holds more than the ledger knows (it may part-pay what is still
 * open), and a part cut off a revised item (its voucher may be read again). Linear in items and pending.
 */
export function pendingClosedByOpeningBalances(
  items: readonly OpenItem[],
  pending: readonly PendingSettlement[],
  start: string,
  opening: ReadonlyMap<AccountNo, number>,
  accounts: OpenItemAccounts = BAS_OPEN_ITEM_ACCOUNTS,
): string[] {
  const candidates = pending.filter((p) => p.item === undefined && p.voucher.date < start);
  if (candidates.length === 0) return [];
  const wanted = new Set(candidates.map((p) => p.account));
  const unknown = unknownOwedAtStart(items, start, new Map([...wanted].map((a) => [a, opening.get(a) ?? 0])), accounts);
  return candidates.filter((p) => openItemKind(p.account, accounts) !== null && !unknown.has(p.account)).map((p) => p.id);
}

/**
 * Per item account of `opening` (opening balances at `start`, signed öre as the books keep them),
 * what the books owed at `start` beyond what the ledger's items dated before `start` held open then:
 * invoices the ledger does not have (booked before its first voucher). Only accounts with more
 * owed than known. Linear in items.
 */
export function unknownOwedAtStart(items: readonly OpenItem[], start: string, opening: ReadonlyMap<AccountNo, number>, accounts: OpenItemAccounts = BAS_OPEN_ITEM_ACCOUNTS): Map<AccountNo, number> {
  /** Per account, what the ledger's items dated before `start` held open at `start`. */
  const known = new Map<AccountNo, number>();
  for (const i of items) {
    if (!opening.has(i.account) || i.date >= start) continue;
    let open = i.amount;
    for (const s of i.settlements) if (s.date < start) open -= s.amount;
    known.set(i.account, (known.get(i.account) ?? 0) + Math.max(0, open));
  }
  const out = new Map<AccountNo, number>();
  for (const [account, balance] of opening) {
    const kind = openItemKind(account, accounts);
    if (kind === null) continue;
    const owed = kind === 'supplier' ? -balance : balance;
    const more = owed - (known.get(account) ?? 0);
    if (more > 0) out.set(account, more);
  }
  return out;
}

/**
 * Removes the settlements `drop` selects and reopens what they settled. Returns the changed items.
 *
 * ```ts
 * reopenSettlements(items, (s) => s.origin === 'confirmed' && s.key === 'TELIA')
 * ```
 */
export function reopenSettlements(items: readonly OpenItem[], drop: (s: OpenItemSettlement, item: OpenItem) => boolean): OpenItem[] {
  const changed: OpenItem[] = [];
  for (const item of items) {
    const kept = item.settlements.filter((s) => !drop(s, item));
    if (kept.length === item.settlements.length) continue;
    changed.push({ ...item, open: item.amount - kept.reduce((sum, s) => sum + s.amount, 0), settlements: kept });
  }
  return changed;
}

/**
 * Settles exactly `parts` with `voucher` (a confirmed suggestion whose items are known). Parts of
 * items that are gone or already settled by this voucher are skipped. Returns the changed items.
 */
export function settleParts(items: readonly OpenItem[], voucher: OpenItemVoucher, parts: readonly { readonly itemId: string; readonly amount: number }[]): OpenItem[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const changed = new Map<string, OpenItem>();
  for (const p of parts) {
    const item = changed.get(p.itemId) ?? byId.get(p.itemId);
    if (item === undefined || item.settlements.some((s) => s.voucher === voucher.id)) continue;
    const amount = Math.min(p.amount, item.open);
    if (amount <= 0) continue;
    changed.set(item.id, withSettlement(item, { voucher: voucher.id, origin: voucher.origin, date: voucher.date, amount, ...(voucher.key !== undefined ? { key: voucher.key } : {}) }));
  }
  return [...changed.values()];
}

/** Whether two vouchers' rows are the same accounts and amounts, in any order. */
export function sameRows(a: readonly { readonly account: AccountNo; readonly amount: number }[], b: readonly { readonly account: AccountNo; readonly amount: number }[]): boolean {
  const norm = (rows: readonly { readonly account: AccountNo; readonly amount: number }[]): string =>
    rows
      .map((r) => `${r.account}:${r.amount}`)
      .sort()
      .join(',');
  return norm(a) === norm(b);
}

/**
 * What a voucher confirmed for a bank line does to the ledger: when it is a settling voucher the
 * matcher proposes for that line, it settles exactly the proposed items; otherwise the ledger
 * infers what it settles (and adds the invoices it books). Returns the changed items.
 */
export function applyConfirmedVoucher(items: readonly OpenItem[], voucher: OpenItemVoucher, line: OpenItemLineLike, bankAccount: AccountNo): OpenItem[] {
  return [...confirmedVoucherUpdate(items, voucher, line, bankAccount, []).changed];
}

/**
 * {@link applyConfirmedVoucher} with the client's pending settlements: what the voucher settles
 * that no item takes becomes pending, and the changes to the pending settlements are returned too.
 * @internal
 */
export function confirmedVoucherUpdate(
  items: readonly OpenItem[],
  voucher: OpenItemVoucher,
  line: OpenItemLineLike,
  bankAccount: AccountNo,
  pending: readonly PendingSettlement[],
): Pick<LedgerUpdate, 'changed' | 'pending'> {
  const proposed = matchOpenItems(line, items, { bankAccount, limit: 10 }).find((m) => sameRows(m.voucher.rows, voucher.rows));
  if (proposed !== undefined) return { changed: settleParts(items, voucher, proposed.parts.map((p) => ({ itemId: p.item.id, amount: p.amount }))), pending: { put: [], removed: [] } };
  const update = updateLedger(items, [{ ...voucher, separateRows: true }], { pending });
  return { changed: update.changed, pending: update.pending };
}

/** The bank line fields {@link applyConfirmedVoucher} matches with. */
export interface OpenItemLineLike {
  readonly date: string;
  readonly amount: number;
  readonly text: string;
  readonly reference?: string | undefined;
  readonly counterparty?: string | undefined;
}
