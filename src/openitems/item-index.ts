/**
 * Indexes of the open-item ledger's items that {@link updateLedger} keeps as it settles, so that
 * one voucher costs about the same whether the ledger holds ten items of its amount or ten
 * thousand. Each list is kept in {@link compareItems} order (date, then id); an item is found in
 * it by binary search. Pure data structures, no I/O.
 *
 * @module
 */
import type { AccountNo } from '../knowledge/types.js';
import type { OpenItem } from './types.js';
import { partitionPoint } from '../core/sort.js';

/** The ledger's order of items: invoice date, then id. */
export function compareItems(a: OpenItem, b: OpenItem): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The first place in `list` (sorted by {@link compareItems}) whose item does not come before `item`. */
function lowerBound(list: readonly OpenItem[], item: OpenItem): number {
  return partitionPoint(list, (x) => compareItems(x, item) < 0);
}

function insertSorted(list: OpenItem[], item: OpenItem): void {
  const last = list[list.length - 1];
  if (last === undefined || compareItems(last, item) < 0) {
    list.push(item);
    return;
  }
  const at = lowerBound(list, item);
  if (list[at]?.id === item.id) list[at] = item;
  else list.splice(at, 0, item);
}

/** Removes the item of `item`'s date and id; returns false when the list has none. */
function removeSorted(list: OpenItem[], item: OpenItem): boolean {
  const at = lowerBound(list, item);
  if (list[at]?.id !== item.id) return false;
  if (at === 0) list.shift();
  else list.splice(at, 1);
  return true;
}

/**
 * What the matcher reads of an item besides its open amount, date and id: its counterparty words
 * and references (as sets). Two open items of one account, open amount and class get candidates of
 * the same evidence, reference digits and word overlap from any bank line; of those the earlier
 * (date, then id) ranks first.
 */
function classOf(item: OpenItem): string {
  return `${[...item.words].sort().join(' ')}\u0000${[...item.references].sort().join(' ')}`;
}

/**
 * The open items (open > 0) by account, open amount and class (see {@link classOf}).
 */
export class OpenItemIndex {
  private readonly byAccount = new Map<AccountNo, Map<number, Map<string, OpenItem[]>>>();

  add(item: OpenItem): void {
    if (item.open <= 0) return;
    let amounts = this.byAccount.get(item.account);
    if (amounts === undefined) this.byAccount.set(item.account, (amounts = new Map()));
    let classes = amounts.get(item.open);
    if (classes === undefined) amounts.set(item.open, (classes = new Map()));
    const key = classOf(item);
    let list = classes.get(key);
    if (list === undefined) classes.set(key, (list = []));
    insertSorted(list, item);
  }

  remove(item: OpenItem): void {
    if (item.open <= 0) return;
    const amounts = this.byAccount.get(item.account);
    const classes = amounts?.get(item.open);
    const key = classOf(item);
    const list = classes?.get(key);
    if (amounts === undefined || classes === undefined || list === undefined || !removeSorted(list, item)) return;
    if (list.length > 0) return;
    classes.delete(key);
    if (classes.size > 0) return;
    amounts.delete(item.open);
    if (amounts.size === 0) this.byAccount.delete(item.account);
  }

  /**
   * The open items of `account` dated on or before `date`, but those in `own`, in
   * {@link compareItems} order, for a payment of `target` öre: of the items with exactly `target`
   * open, only the first two of each class. The others of such a class cannot be the best match
   * of a payment of `target` (the first ranks before them on every key), and two keep what the
   * matcher counts of them (one item of that amount, or several). Every item with another open
   * amount is given: a part payment or a payment of several items can take any of them.
   */
  candidates(account: AccountNo, target: number, date: string, own: ReadonlySet<string>): OpenItem[] {
    const amounts = this.byAccount.get(account);
    if (amounts === undefined) return [];
    const out: OpenItem[] = [];
    for (const [open, classes] of amounts) {
      for (const list of classes.values()) {
        let kept = 0;
        for (const item of list) {
          if (item.date > date) break;
          if (own.has(item.id)) continue;
          out.push(item);
          if (open === target && ++kept === 2) break;
        }
      }
    }
    return out.sort(compareItems);
  }
}

/** A settlement by name (see `OpenItemSettlement.byName`): its date, voucher and the item it settled. */
export interface ByNameEntry {
  readonly date: string;
  readonly voucher: string;
  readonly item: string;
}

function compareEntries(a: ByNameEntry, b: ByNameEntry): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.voucher < b.voucher ? -1 : a.voucher > b.voucher ? 1 : a.item < b.item ? -1 : a.item > b.item ? 1 : 0;
}

/**
 * The settlements by name (not balance reconciliations) by account, in date order: what an
 * invoice learned after payments dated on or after it may change, had it been known when they
 * were settled.
 */
export class ByNameIndex {
  private readonly lists = new Map<AccountNo, ByNameEntry[]>();

  private static entries(item: OpenItem): ByNameEntry[] {
    return item.settlements.filter((s) => s.byName === true && s.origin !== 'balance').map((s) => ({ date: s.date, voucher: s.voucher, item: item.id }));
  }

  private static lowerBound(list: readonly ByNameEntry[], e: ByNameEntry): number {
    return partitionPoint(list, (x) => compareEntries(x, e) < 0);
  }

  add(item: OpenItem): void {
    for (const e of ByNameIndex.entries(item)) {
      let list = this.lists.get(item.account);
      if (list === undefined) this.lists.set(item.account, (list = []));
      const at = ByNameIndex.lowerBound(list, e);
      const there = list[at];
      if (there === undefined || compareEntries(there, e) !== 0) list.splice(at, 0, e);
    }
  }

  remove(item: OpenItem): void {
    const list = this.lists.get(item.account);
    if (list === undefined) return;
    for (const e of ByNameIndex.entries(item)) {
      const at = ByNameIndex.lowerBound(list, e);
      const there = list[at];
      if (there !== undefined && compareEntries(there, e) === 0) list.splice(at, 1);
    }
  }

  /** True when `account` has a settlement by name dated on or after `date`. */
  any(account: AccountNo, date: string): boolean {
    const list = this.lists.get(account);
    const last = list?.[list.length - 1];
    return last !== undefined && last.date >= date;
  }

  /** At most `limit` settlements by name on `account` dated on or after `date`, in date order. */
  from(account: AccountNo, date: string, limit: number): ByNameEntry[] {
    const list = this.lists.get(account);
    if (list === undefined) return [];
    const at = ByNameIndex.lowerBound(list, { date, voucher: '', item: '' });
    return list.slice(at, at + limit);
  }
}
