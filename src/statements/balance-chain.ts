/**
 * The running balance's one rule, used wherever kontera reads a balance chain: a row's balance is
 * the balance before it moved by its amount. Rows without a balance (Nordea leaves it empty on
 * all but one row of a day) carry their amounts to the next row that has one. The statement's
 * chain check ({@link ../finish.ts}), the row order, the number style and the columns a reader
 * settles by the chain, and the day/month tie-break below all link rows by this rule alone.
 *
 * @module
 */
import { type DatePattern, parseDate } from '../core/dates.js';

/**
 * What a row of split in/out columns moved the balance by: the deposit less the withdrawal, each
 * read without its sign (banks write a withdrawal as `500,00` or `-500,00`); undefined when both
 * cells are empty.
 */
export function depositLessWithdrawal(deposit: number | undefined, withdrawal: number | undefined): number | undefined {
  return deposit === undefined && withdrawal === undefined ? undefined : Math.abs(deposit ?? 0) - Math.abs(withdrawal ?? 0);
}

/** True when `before` moved by `amount` is `after`. */
export function continues(before: number, amount: number, after: number): boolean {
  return before + amount === after;
}

/** Whether two rows with a balance are linked read oldest first in file order (`forward`), and newest first (`backward`). */
export interface ChainLink {
  readonly forward: boolean;
  readonly backward: boolean;
}

/**
 * A balance chain fed one row at a time in file order, linking each row that has a balance to the
 * row with a balance before it, both ways at once: forward (the file oldest first: the earlier
 * balance moved by the amounts of the rows after it, up to and including this one, is this
 * balance) and backward (newest first: this balance moved by the earlier row's amount and those of
 * the rows between is the earlier balance). No cell is kept: a file of any size streams through.
 */
export class ChainLinks {
  #balance: number | undefined;
  #amount = 0;
  #between = 0;

  /** The link of this row to the row with a balance before it; undefined for a row without a balance, and for the first with one. */
  next(amount: number, balance: number | undefined): ChainLink | undefined {
    if (balance === undefined) {
      if (this.#balance !== undefined) this.#between += amount;
      return undefined;
    }
    const before = this.#balance;
    const link = before === undefined ? undefined : { forward: continues(before, this.#between + amount, balance), backward: continues(balance, this.#amount + this.#between, before) };
    this.#balance = balance;
    this.#amount = amount;
    this.#between = 0;
    return link;
  }
}

/** A row of a balance chain: its amount and, where the row has one, its balance. */
export interface ChainRow {
  readonly amount: number;
  readonly balance?: number | undefined;
}

/** The breaks of a chain in one order, with the balance before the oldest row and after the newest. */
export interface ChainWalk {
  /** Indexes (into the rows) of the rows where the chain does not hold, oldest first: the later row of each broken link. */
  readonly breaks: number[];
  readonly opening?: number | undefined;
  readonly closing?: number | undefined;
}

/**
 * Checks the chain of `rows` read in one order (`newestFirst`): each row with a balance against the
 * one before it in time ({@link ChainLinks}). A broken link starts the chain again at the later
 * row's balance. The opening balance is the oldest balance less its row's amount and the amounts of
 * older rows without a balance; the closing balance the newest balance moved by the amounts of
 * newer rows without one.
 */
export function walkChain(rows: readonly ChainRow[], newestFirst: boolean): ChainWalk {
  const links = new ChainLinks();
  const breaks: number[] = [];
  let first = -1;
  let last = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as ChainRow;
    const link = links.next(r.amount, r.balance);
    if (r.balance === undefined) continue;
    if (link !== undefined && !(newestFirst ? link.backward : link.forward)) breaks.push(newestFirst ? last : i);
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) return { breaks };
  if (newestFirst) breaks.reverse();
  const sum = (from: number, to: number): number => {
    let s = 0;
    for (let i = from; i < to; i++) s += (rows[i] as ChainRow).amount;
    return s;
  };
  const [oldest, newest] = newestFirst ? [last, first] : [first, last];
  const o = rows[oldest] as ChainRow;
  const n = rows[newest] as ChainRow;
  const older = newestFirst ? sum(oldest + 1, rows.length) : sum(0, oldest);
  const newer = newestFirst ? sum(0, newest) : sum(newest + 1, rows.length);
  return { breaks, opening: (o.balance as number) - o.amount - older, closing: (n.balance as number) + newer };
}

/** Breaks of the chain over (amount, balance) pairs read in file order or reversed (every pair has a balance). */
export function chainBreaks(pairs: readonly (readonly [number, number])[], newestFirst: boolean): number {
  return walkChain(
    pairs.map(([amount, balance]) => ({ amount, balance })),
    newestFirst,
  ).breaks.length;
}

/**
 * Day/month (or year/day) order settled by the running balance: the reading of `pair` under which
 * the dates of the rows the chain links are in the order the chain proves. `rows` visits every row
 * in file order with its date cell, its amount (one per way of reading it: the header reader tries
 * a fee column inside and outside the amount) and its balance. A row whose cell neither reading
 * makes a date is no transaction and is passed over.
 *
 * The chain must link rows one way only (file order, or reversed: a file joined to itself restarts
 * it, which links nothing the other way), and exactly one reading must keep the dates of every
 * linked pair in that order (`01/02/2026` above `02/01/2026` is 2 January above 1 February in a
 * file the chain proves oldest first). Where amounts are read several ways, the ways that prove
 * anything must agree. Undefined when the balance does not tell.
 */
export function readingByBalance(pair: readonly [DatePattern, DatePattern], rows: (visit: (date: string, amounts: readonly number[], balance: number | undefined) => void) => void): DatePattern | undefined {
  const chains: ChainLinks[] = [];
  // Per way of reading the amount: [file order, reversed] → links, and whether each reading broke one.
  const links: [number, number][] = [];
  const broken: [boolean, boolean][][] = [];
  let before: readonly [string, string] | undefined;
  rows((cell, amounts, balance) => {
    const a = parseDate(cell, pair[0]);
    const b = parseDate(cell, pair[1]);
    if (a === undefined && b === undefined) return;
    const dates = [a ?? '', b ?? ''] as const;
    amounts.forEach((amount, v) => {
      const chain = chains[v] ?? (chains[v] = new ChainLinks());
      if (links[v] === undefined) {
        links[v] = [0, 0];
        broken[v] = [
          [false, false],
          [false, false],
        ];
      }
      const link = chain.next(amount, balance);
      if (link === undefined || before === undefined) return;
      for (const [dir, holds] of [link.forward, link.backward].entries()) {
        if (!holds) continue;
        (links[v] as [number, number])[dir]! += 1;
        for (let k = 0; k < 2; k++) {
          const [x, y] = [(before as readonly [string, string])[k] as string, dates[k] as string];
          // A reading that makes no date of either cell keeps no order.
          if (x === '' || y === '' || (dir === 0 ? y < x : y > x)) (broken[v] as [boolean, boolean][])[dir]![k] = true;
        }
      }
    });
    if (balance !== undefined) before = dates;
  });
  const decided = new Set<DatePattern | undefined>();
  links.forEach(([up, down], v) => {
    if ((up > 0) === (down > 0)) return;
    const bad = (broken[v] as [boolean, boolean][])[up > 0 ? 0 : 1] as [boolean, boolean];
    decided.add(bad[0] === bad[1] ? undefined : bad[0] ? pair[1] : pair[0]);
  });
  return decided.size === 1 ? [...decided][0] : undefined;
}
