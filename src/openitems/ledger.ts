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
import type { OpenItemVoucherRow, OpenItemVoucher, OpenItem, OpenItemAccounts, OpenItemKind, OpenItemSettlement } from './types.js';

/** Options of {@link updateLedger}. */
export interface LedgerOptions {
  /** Which accounts hold items; default BAS (see `BAS_OPEN_ITEM_ACCOUNTS`). */
  readonly accounts?: OpenItemAccounts | undefined;
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
  };
}

function compareItems(a: OpenItem, b: OpenItem): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Adds what `vouchers` say to the ledger `items`: new invoices become items, settling rows reduce
 * the items they settle. Idempotent: a voucher whose items exist, or that already settled an item,
 * changes nothing the second time.
 *
 * ```ts
 * const { items } = updateLedger([], sieLedgerVouchers(readSie(bytes)));
 * items.filter((i) => i.open > 0) // the open invoices
 * ```
 */
export function updateLedger(items: readonly OpenItem[], vouchers: readonly OpenItemVoucher[], options: LedgerOptions = {}): LedgerUpdate {
  const accounts = options.accounts ?? BAS_OPEN_ITEM_ACCOUNTS;
  const byId = new Map(items.map((i) => [i.id, i]));
  const changed = new Set<string>();
  const applied = new Set<string>();
  for (const i of items) for (const s of i.settlements) applied.add(s.voucher);
  const unallocated: UnallocatedSettlement[] = [];
  const sorted = vouchers.map((v, i) => ({ v, i })).sort((a, b) => (a.v.date < b.v.date ? -1 : a.v.date > b.v.date ? 1 : a.i - b.i));
  for (const { v } of sorted) {
    const groups = groupsOf(v, accounts);
    if (!applied.has(v.id)) {
      for (const g of groups) {
        if (isInvoice(g)) continue;
        const rest = settle(byId, changed, v, g);
        if (rest > 0) unallocated.push({ voucher: v.id, account: g.account, amount: rest });
      }
      applied.add(v.id);
    }
    for (const g of groups) {
      if (!isInvoice(g)) continue;
      const item = newItem(v, g);
      if (byId.has(item.id)) continue;
      byId.set(item.id, item);
      changed.add(item.id);
    }
  }
  const all = [...byId.values()].sort(compareItems);
  return { items: all, changed: all.filter((i) => changed.has(i.id)), unallocated };
}

function withSettlement(item: OpenItem, s: OpenItemSettlement): OpenItem {
  return { ...item, open: item.open - s.amount, settlements: [...item.settlements, s] };
}

/** Settles `g` against the open items of its account; returns the öre no item took. */
function settle(byId: Map<string, OpenItem>, changed: Set<string>, v: OpenItemVoucher, g: RowGroup): number {
  let rest = Math.abs(g.amount);
  const open = [...byId.values()].filter((i) => i.account === g.account && i.open > 0 && i.date <= v.date).sort(compareItems);
  if (open.length === 0) return rest;
  const text = [g.text, v.text === g.text ? '' : v.text, v.line?.text ?? '', v.line?.counterparty ?? ''].join(' ');
  const reference = [v.line?.reference ?? '', ...g.objectRefs].join(' ');
  const apply = (item: OpenItem, amount: number): void => {
    const s: OpenItemSettlement = { voucher: v.id, origin: v.origin, date: v.date, amount, ...(v.key !== undefined ? { key: v.key } : {}) };
    const next = withSettlement(byId.get(item.id) ?? item, s);
    byId.set(item.id, next);
    changed.add(item.id);
    rest -= amount;
  };
  // Objects (customer, supplier or invoice ids) of the settling rows, matched like references.
  const objectMatches = g.objectRefs.length === 0 ? [] : open.filter((i) => i.references.some((r) => g.objectRefs.includes(r)));
  const line = { date: v.date, amount: g.kind === 'supplier' ? -rest : rest, text, reference };
  const [best] = matchOpenItems(line, objectMatches.length > 0 ? objectMatches : open, { limit: 1 });
  if (best !== undefined) {
    for (const p of best.parts) apply(p.item, p.amount);
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
    if (amount > 0) apply(current, amount);
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

function sameRows(a: readonly { readonly account: AccountNo; readonly amount: number }[], b: readonly { readonly account: AccountNo; readonly amount: number }[]): boolean {
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
  const proposed = matchOpenItems(line, items, { bankAccount, limit: 10 }).find((m) => sameRows(m.voucher.rows, voucher.rows));
  if (proposed !== undefined) return settleParts(items, voucher, proposed.parts.map((p) => ({ itemId: p.item.id, amount: p.amount })));
  return [...updateLedger(items, [{ ...voucher, separateRows: true }]).changed];
}

/** The bank line fields {@link applyConfirmedVoucher} matches with. */
export interface OpenItemLineLike {
  readonly date: string;
  readonly amount: number;
  readonly text: string;
  readonly reference?: string | undefined;
  readonly counterparty?: string | undefined;
}
