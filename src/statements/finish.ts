/**
 * What every format shares: rows become transactions as they are read ({@link StatementBuilder}),
 * then stable ids, pending rows, the running balance check, opening/closing balance and the
 * warnings that report all of it are settled once ({@link finishStatement}).
 */
import type { TextEncoding } from '../core/encoding.js';
import type { BalanceMark, RawRow, RawSection, RawStatement, RowSink } from './format.js';
import { Hasher } from '../core/hash.js';
import { knownSpelling, looksLikeAccountNumber } from './account-number.js';
import { classifyKind, kindFromAccount, namesTaxAccountGiro } from './kind.js';
import { walkChain } from './balance-chain.js';
import { templateNames } from './template.js';
import type { BankTransaction, ParseWarning, Statement, StatementFormatId, StatementSection, TransactionKind } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Bank texts repeat month after month; classify each distinct (type, text, counterparty) once. */
class KindCache {
  static readonly MAX = 50_000;
  readonly #map = new Map<string, TransactionKind | null>();
  classify(text: string, typeText?: string, counterparty?: string, counterpartyAccount?: string, reference?: string): TransactionKind | undefined {
    // Skatteverket's bankgiro as the other party's account or in the message decides before any text.
    if (namesTaxAccountGiro(counterpartyAccount, reference)) return 'tax-account';
    const key = typeText === undefined && counterparty === undefined ? text : `${typeText ?? ''}\u001f${text}\u001f${counterparty ?? ''}`;
    let hit = this.#map.get(key);
    if (hit === undefined) {
      hit = classifyKind(text, typeText, counterparty) ?? null;
      if (this.#map.size < KindCache.MAX) this.#map.set(key, hit);
    }
    // The counterparty's account only decides when the texts say nothing.
    return hit ?? (counterpartyAccount === undefined ? undefined : kindFromAccount(counterpartyAccount));
  }
}

/**
 * A per-row string column whose value is nearly always the same (currency, account): kept as
 * counts plus the rows that differ from the first value, not as one entry per row. A format
 * gives such a column on every row or on none.
 */
export class SparseColumn {
  first: string | undefined;
  #firstCount = 0;
  /** Counts of the values other than {@link first}. */
  readonly #otherCounts = new Map<string, number>();
  /** Row index → value, for rows whose value differs from {@link first}. */
  readonly others = new Map<number, string>();
  set(row: number, value: string): void {
    if (value === this.first) {
      this.#firstCount++;
      return;
    }
    if (this.first === undefined) {
      this.first = value;
      this.#firstCount = 1;
      return;
    }
    this.others.set(row, value);
    this.#otherCounts.set(value, (this.#otherCounts.get(value) ?? 0) + 1);
  }
  /** The row's value (undefined when the format has no such column). */
  get(row: number): string | undefined {
    return this.others.get(row) ?? this.first;
  }
  /** Every value with its number of rows. */
  get counts(): ReadonlyMap<string, number> {
    const all = new Map<string, number>();
    if (this.first !== undefined) all.set(this.first, this.#firstCount);
    for (const [v, n] of this.#otherCounts) all.set(v, n);
    return all;
  }
  /** The most common value. */
  majority(): string | undefined {
    let best: string | undefined;
    let n = 0;
    for (const [v, c] of this.counts) {
      if (c > n) {
        best = v;
        n = c;
      }
    }
    return best;
  }
}

/**
 * Collects rows as a format reads them, turning each into its transaction at once (so a
 * million-row file holds one object per row, not three): kind, the row's content hash (two
 * 32-bit lanes; the account and the occurrence counter are mixed in at the end) and its currency.
 * The content hash covers date, amount, text, balance and a bank-given id (Lunar): rows that
 * agree on all of them are told apart by their place among identical rows of the day.
 */
export class StatementBuilder implements RowSink {
  readonly transactions: Mutable<BankTransaction>[] = [];
  /** Content hash lanes, two numbers per row. */
  readonly lanes: number[] = [];
  /** Currency per row, where the format has a currency column. */
  readonly currencies = new SparseColumn();
  /** Account per row, where the file gives one per row (Swedbank's Clearingnummer/Kontonummer). */
  readonly accounts = new SparseColumn();
  /** Bank-given ids per row, where the format has them (to hash a row again, see {@link resign}). */
  readonly bankIds = new Map<number, string>();
  /** Rows marked pending. */
  pending = 0;
  readonly #kinds = new KindCache();
  readonly #hasher = new Hasher();

  add(r: RawRow): void {
    // Every transaction has the same shape (absent values are undefined): one hidden class, no
    // per-row property transitions, and monomorphic reads for everything downstream.
    const tx: Mutable<BankTransaction> = {
      id: '',
      line: r.line,
      date: r.date,
      valueDate: r.valueDate,
      amount: r.amount,
      balance: r.balance,
      text: r.text,
      reference: r.reference,
      counterparty: r.counterparty,
      counterpartyAccount: r.counterpartyAccount,
      kind: r.kind ?? this.#kinds.classify(r.text, r.typeText, r.counterparty, r.counterpartyAccount, r.reference),
      accountNumber: undefined,
      accountName: undefined,
      currency: undefined,
      pending: r.pending ? true : undefined,
    };
    const h = this.#hasher
      .reset()
      .str(r.date)
      .int(r.amount)
      .str(r.text)
      .str(r.bankId ?? '')
      .int(r.balance)
      .int(r.pending ? 1 : 0);
    this.lanes.push(h.h1, h.h2);
    if (r.currency !== undefined) this.currencies.set(this.transactions.length, r.currency);
    if (r.account !== undefined) this.accounts.set(this.transactions.length, r.account);
    if (r.bankId !== undefined) this.bankIds.set(this.transactions.length, r.bankId);
    if (r.pending) this.pending++;
    this.transactions.push(tx);
  }

  /** Gives row `i` the amount `amount` (a sign the file did not write), its content hash with it. */
  resign(i: number, amount: number): void {
    const tx = this.transactions[i] as Mutable<BankTransaction>;
    tx.amount = amount;
    const h = this.#hasher
      .reset()
      .str(tx.date)
      .int(amount)
      .str(tx.text)
      .str(this.bankIds.get(i) ?? '')
      .int(tx.balance)
      .int(tx.pending ? 1 : 0);
    this.lanes[2 * i] = h.h1;
    this.lanes[2 * i + 1] = h.h2;
  }
}

export interface FinishOptions {
  readonly format: StatementFormatId;
  readonly bank: string;
  readonly encoding: TextEncoding;
  readonly includePending: boolean;
  /** Spellings to make ids with in place of the file's, where they are the same number (`ParseStatementOptions.idAccountNumbers`). */
  readonly idAccountNumbers: readonly string[];
}

/**
 * Files are newest-first or oldest-first. Dates decide; when all rows share a date, the balance
 * chain decides (the direction with fewer breaks).
 */
export function isNewestFirst(rows: readonly { readonly date: string }[]): boolean | undefined {
  let up = 0;
  let down = 0;
  for (let i = 1; i < rows.length; i++) {
    const a = (rows[i - 1] as { readonly date: string }).date;
    const b = (rows[i] as { readonly date: string }).date;
    if (b > a) up++;
    else if (b < a) down++;
  }
  if (up === down) return undefined;
  return down > up;
}

function isMonotonic(rows: readonly BankTransaction[], newestFirst: boolean): boolean {
  for (let i = 1; i < rows.length; i++) {
    const a = (rows[i - 1] as BankTransaction).date;
    const b = (rows[i] as BankTransaction).date;
    if (newestFirst ? b > a : b < a) return false;
  }
  return true;
}

interface ChainResult {
  readonly breaks: number[];
  readonly opening?: number | undefined;
  readonly closing?: number | undefined;
}

/**
 * The rows' balance chain read oldest first ({@link walkChain}: balance(n) = balance(n-1) +
 * amount(n); rows without a balance, as Nordea leaves all but one row of a day, carry the running
 * sum forward), with the lines where it breaks.
 */
function checkChain(rows: readonly BankTransaction[], newestFirst: boolean): ChainResult {
  const walk = walkChain(rows, newestFirst);
  return { breaks: walk.breaks.map((i) => (rows[i] as BankTransaction).line), opening: walk.opening, closing: walk.closing };
}

interface Balances extends ChainResult {
  readonly newestFirst: boolean | undefined;
}

/**
 * The balance chain of some booked rows and the balance marks among them: breaks, opening and
 * closing balance, and the row order (given, else the one with fewer breaks).
 */
function balances(booked: readonly BankTransaction[], marks: readonly BalanceMark[], order: boolean | undefined): Balances {
  let newestFirst = order;
  const hasBalance = booked.some((r) => r.balance !== undefined);
  let chain: ChainResult = { breaks: [] };
  if (hasBalance) {
    if (newestFirst === undefined) {
      const a = checkChain(booked, true);
      const b = checkChain(booked, false);
      newestFirst = a.breaks.length < b.breaks.length;
      chain = newestFirst ? a : b;
    } else {
      chain = checkChain(booked, newestFirst);
    }
  }
  const breaks = [...chain.breaks];
  let opening = chain.opening;
  let closing = chain.closing;
  const total = booked.reduce((s, r) => s + r.amount, 0);
  for (const mark of marks) {
    // A balance written before the rows is the latest balance in a newest-first file.
    const isClosing = mark.role === 'closing' || (mark.role === undefined && (mark.position === 'start') === (newestFirst ?? true));
    if (isClosing) {
      if (closing !== undefined && closing !== mark.balance) breaks.push(mark.line);
      if (opening === undefined) opening = mark.balance - total;
      closing = mark.balance;
    } else {
      if (opening !== undefined && opening !== mark.balance) breaks.push(mark.line);
      opening = mark.balance;
      if (closing === undefined) closing = mark.balance + total;
    }
  }
  if (!hasBalance && opening !== undefined && closing !== undefined && opening + total !== closing) {
    breaks.push(...marks.map((m) => m.line));
  }
  return { breaks, opening, closing, newestFirst };
}

/**
 * Breaks of each account's balance chain in a file whose rows name their own account (booked rows
 * only). A balance mark belongs to the account of the row before it (the first row's, before all).
 */
function perAccountBreaks(all: readonly BankTransaction[], accounts: SparseColumn, marks: readonly BalanceMark[], order: boolean | undefined, fallback: boolean | undefined): number[] {
  const rowsOf = new Map<string | undefined, BankTransaction[]>();
  const lineAccount: [number, string | undefined][] = [];
  for (let i = 0; i < all.length; i++) {
    const r = all[i] as BankTransaction;
    if (r.pending) continue;
    const a = accounts.get(i);
    let rows = rowsOf.get(a);
    if (rows === undefined) rowsOf.set(a, (rows = []));
    rows.push(r);
    lineAccount.push([r.line, a]);
  }
  const marksOf = new Map<string | undefined, BalanceMark[]>();
  // Rows and marks both in line order: one pass over each (a file may hold many of both).
  const byLine = [...lineAccount].sort((x, y) => x[0] - y[0]);
  let k = 0;
  for (const m of [...marks].sort((x, y) => x.line - y.line)) {
    while (k + 1 < byLine.length && (byLine[k + 1] as [number, string | undefined])[0] < m.line) k++;
    const a = byLine[k]?.[1];
    let list = marksOf.get(a);
    if (list === undefined) marksOf.set(a, (list = []));
    list.push(m);
  }
  const out: number[] = [];
  for (const [a, rows] of rowsOf) for (const b of balances(rows, marksOf.get(a) ?? [], order ?? isNewestFirst(rows) ?? fallback).breaks) out.push(b);
  return out;
}

/** Most rows between two balances whose signs are searched for (2^n choices: bounded time on any input). */
const MAX_SIGN_RUN = 10;

/**
 * The signs (+1 money in, -1 money out) of unsigned amounts that make them sum to `difference`,
 * when exactly one choice does: the rows between two known balances. Undefined when none does,
 * several do (100 in and 100 out, or the other way round), or the rows are too many to try.
 */
function onlySigns(rows: readonly BankTransaction[], difference: number): number[] | undefined {
  const m = rows.length;
  if (m === 0 || m > MAX_SIGN_RUN) return undefined;
  let found: number | undefined;
  for (let mask = 0; mask < 1 << m; mask++) {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += (mask >> i) & 1 ? -(rows[i] as BankTransaction).amount : (rows[i] as BankTransaction).amount;
    if (sum !== difference) continue;
    if (found !== undefined) return undefined;
    found = mask;
  }
  if (found === undefined) return undefined;
  const mask = found;
  return rows.map((_, i) => ((mask >> i) & 1 ? -1 : 1));
}

/** What signs the oldest row of an unsigned export, which has no balance before it in the rows. */
interface SignEvidence {
  /** Balance lines of the rows' export: an opening balance (`Ingående saldo`) is the balance before the oldest row. */
  readonly marks?: readonly BalanceMark[] | undefined;
  /** The balance before the oldest row from elsewhere: the closing balance of the export before it in time. */
  readonly before?: number | undefined;
  /** The signed amount the same line (date, text, amount unsigned, balance) has in another export joined to this one. */
  readonly signOf?: ((row: BankTransaction) => number | undefined) | undefined;
}

/** The one opening balance among the marks (for rows in the given order), if they agree on one. */
function openingMark(marks: readonly BalanceMark[], newestFirst: boolean): number | undefined {
  let opening: number | undefined;
  for (const m of marks) {
    const isOpening = m.role === 'opening' || (m.role === undefined && (m.position === 'start') !== newestFirst);
    if (!isOpening) continue;
    if (opening !== undefined && opening !== m.balance) return undefined;
    opening = m.balance;
  }
  return opening;
}

/**
 * Amounts written without a sign beside a running balance (every amount ≥ 0, a balance on some
 * booked rows, and the chain does not hold with the amounts as written): each row's sign is that
 * of its balance less the balance before it, where that difference is the amount. Where rows
 * between two balances have none (a balance once a day, blank on some rows), they take the only
 * signs under which their amounts sum to the difference ({@link onlySigns}); when several fit,
 * none is guessed. The row order is the dates', else the one under which more differences are
 * amounts. The oldest row has no balance before it among the rows; what stands for one is
 * evidence too (`evidence`): an opening balance line, or the closing balance of the export before
 * it when joined exports are read in sections — its balance less that one must be its amount, as
 * for any row. A row still without a sign then takes the one the same line has in another export
 * joined to this one. A row that nothing signs keeps the amount as written and is named in a
 * SIGN_UNKNOWN warning. Undefined when the rule does not apply.
 */
function signFromBalance(builder: StatementBuilder, booked: readonly BankTransaction[], order: boolean | undefined, oneAccount = builder.accounts.counts.size <= 1, evidence: SignEvidence = {}): { signed: number; unknown: number[] } | undefined {
  const n = booked.length;
  if (n < 2 || !oneAccount) return undefined;
  let positive = false;
  let balances = 0;
  for (const r of booked) {
    if (r.amount < 0) return undefined;
    if (r.amount > 0) positive = true;
    if (r.balance !== undefined) balances++;
  }
  if (balances === 0) return undefined;
  /** The balance before the oldest row under an order, where the evidence gives one. */
  const openingFor = (newestFirst: boolean): number | undefined => openingMark(evidence.marks ?? [], newestFirst) ?? evidence.before;
  /**
   * Whether the amounts as written hold the chain under an order: not when the balance before the
   * oldest row makes that row money out (a file of deposits whose opening line is wrong is a broken
   * chain, not an unsigned file).
   */
  const holds = (newestFirst: boolean): boolean => {
    const o = openingFor(newestFirst);
    const oldest = booked[newestFirst ? n - 1 : 0] as BankTransaction;
    return checkChain(booked, newestFirst).breaks.length === 0 && !(o !== undefined && oldest.amount > 0 && (oldest.balance as number) + oldest.amount === o);
  };
  if (!positive || holds(true) || holds(false)) return undefined;
  // Matches of |balance difference| with the later row's amount under each order (adjacent rows that both have a balance).
  let up = 0;
  let down = 0;
  for (let k = 1; k < n; k++) {
    const a = booked[k - 1] as BankTransaction;
    const b = booked[k] as BankTransaction;
    if (a.balance === undefined || b.balance === undefined) continue;
    const d = Math.abs(b.balance - a.balance);
    if (d === b.amount) up++;
    if (d === a.amount) down++;
  }
  const newestFirst = order ?? (up === down ? undefined : down > up);
  if (newestFirst === undefined) return undefined;
  const opening = openingFor(newestFirst);
  const index = new Map<BankTransaction, number>();
  builder.transactions.forEach((t, i) => index.set(t, i));
  let signed = 0;
  const unknown: number[] = [];
  const sign = (row: BankTransaction, s: number): void => {
    if (s >= 0) return;
    builder.resign(index.get(row) as number, -row.amount);
    signed++;
  };
  /** Rows nothing in the balances signs: the same line signed in another export, else named. */
  const fallBack = (rows: readonly BankTransaction[]): void => {
    for (const row of rows) {
      const other = evidence.signOf?.(row);
      if (other !== undefined && Math.abs(other) === row.amount) sign(row, Math.sign(other));
      else unknown.push(row.line);
    }
  };
  // Oldest first, in runs: the rows after a known balance up to the next row with one. A balance on
  // every row makes each run one row; a balance once a day, a day's rows.
  let previous = opening;
  let run: BankTransaction[] = [];
  for (let k = 0; k < n; k++) {
    const row = booked[newestFirst ? n - 1 - k : k] as BankTransaction;
    if (row.amount !== 0) run.push(row);
    if (row.balance === undefined) continue;
    const signs = previous === undefined ? undefined : onlySigns(run, row.balance - previous);
    if (signs === undefined) fallBack(run);
    else run.forEach((r, i) => sign(r, signs[i] as number));
    previous = row.balance;
    run = [];
  }
  // Rows after the last balance: nothing after them to tell.
  fallBack(run);
  unknown.sort((a, b) => a - b);
  return { signed, unknown };
}

/**
 * {@link signFromBalance} in a file in sections: each section's rows on their own (a section is one
 * account, and joined exports' balance chains meet nowhere), with its own opening balance line.
 * When every section is of one account (joined exports of it), they are taken in time order, and a
 * section's oldest row may be signed by the closing balance of the section that ends before it
 * starts, or by the same line signed in a section already read (overlapping periods). Undefined
 * when no section's amounts are unsigned; else the signs of those whose are.
 */
function signBySection(builder: StatementBuilder, booked: readonly BankTransaction[], sections: readonly RawSection[], marks: readonly BalanceMark[], order: boolean | undefined): { signed: number; unknown: number[] } | undefined {
  const rowsOf = sections.map(() => [] as BankTransaction[]);
  const marksOf = sections.map(() => [] as BalanceMark[]);
  for (const r of booked) (rowsOf[sectionIndex(sections, r.line)] as BankTransaction[]).push(r);
  for (const m of marks) (marksOf[sectionIndex(sections, m.line)] as BalanceMark[]).push(m);
  const oneAccount = new Set(sections.map((s) => s.accountNumber)).size === 1;
  const first = (rows: readonly BankTransaction[]): string => rows.reduce((m, r) => (m === '' || (r.date !== '' && r.date < m) ? r.date : m), '');
  const last = (rows: readonly BankTransaction[]): string => rows.reduce((m, r) => (r.date > m ? r.date : m), '');
  const timed = sections.map((_, k) => k);
  if (oneAccount) timed.sort((a, b) => (first(rowsOf[a] as BankTransaction[]) < first(rowsOf[b] as BankTransaction[]) ? -1 : first(rowsOf[a] as BankTransaction[]) > first(rowsOf[b] as BankTransaction[]) ? 1 : a - b));
  /** Signed amounts of the lines of sections already read, by their content with the amount unsigned. */
  const signs = new Map<string, number>();
  const content = (r: BankTransaction): string => `${r.date}\u001f${r.text}\u001f${Math.abs(r.amount)}\u001f${r.balance ?? ''}`;
  let result: { signed: number; unknown: number[] } | undefined;
  let previous: BankTransaction[] | undefined;
  for (const k of timed) {
    const rows = rowsOf[k] as BankTransaction[];
    const newestFirst = order ?? isNewestFirst(rows);
    // The balance after the previous section's newest row, when that section ends before this one starts.
    let before: number | undefined;
    if (oneAccount && previous !== undefined && previous.length > 0 && rows.length > 0 && last(previous) < first(rows)) {
      const prevNewestFirst = order ?? isNewestFirst(previous);
      // Its chain's closing balance: rows after its last balance (a balance once a day) still move it.
      if (prevNewestFirst !== undefined) before = checkChain(previous, prevNewestFirst).closing;
    }
    const r = signFromBalance(builder, rows, newestFirst, true, { marks: marksOf[k], before, signOf: oneAccount ? (row) => signs.get(content(row)) : undefined });
    if (oneAccount) {
      const open = new Set(r?.unknown ?? []);
      for (const row of rows) if (!open.has(row.line) && !signs.has(content(row))) signs.set(content(row), row.amount);
    }
    previous = rows;
    if (r === undefined) continue;
    result = { signed: (result?.signed ?? 0) + r.signed, unknown: [...(result?.unknown ?? []), ...r.unknown] };
  }
  if (result !== undefined) result.unknown.sort((a, b) => a - b);
  return result;
}

/**
 * Per section: whether its rows' dates share more than one day with an earlier section's (the
 * later of two joined exports whose periods overlap). The earlier sections' spans are kept merged,
 * sorted, so each section is one binary search.
 */
function overlapsEarlier(sections: readonly RawSection[], rows: readonly BankTransaction[]): boolean[] {
  const from: string[] = sections.map(() => '');
  const to: string[] = sections.map(() => '');
  for (const r of rows) {
    if (r.date === '') continue;
    const k = sectionIndex(sections, r.line);
    if (from[k] === '' || r.date < (from[k] as string)) from[k] = r.date;
    if (r.date > (to[k] as string)) to[k] = r.date;
  }
  // Disjoint spans of more than one day, in date order.
  const spans: [string, string][] = [];
  return sections.map((_, k) => {
    const a = from[k] as string;
    const b = to[k] as string;
    if (a === '' || a >= b) return false;
    // The first span that ends after `a`.
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((spans[mid] as [string, string])[1] > a) hi = mid;
      else lo = mid + 1;
    }
    const hit = lo < spans.length && (spans[lo] as [string, string])[0] < b;
    // Merge [a, b] with the spans it touches.
    let end = lo;
    let s0 = a;
    let s1 = b;
    if (lo > 0 && (spans[lo - 1] as [string, string])[1] === a) {
      lo--;
    }
    while (end < spans.length && (spans[end] as [string, string])[0] <= b) end++;
    for (let m = lo; m < end; m++) {
      const sp = spans[m] as [string, string];
      if (sp[0] < s0) s0 = sp[0];
      if (sp[1] > s1) s1 = sp[1];
    }
    spans.splice(lo, end - lo, [s0, s1]);
    return hit;
  });
}

/** A section's lines of one day: per content key, its number of occurrences, its amount and whether it has a balance. */
type DayLines = Map<string, { n: number; readonly amount: number; readonly balanced: boolean }>;

/** What {@link sharedDayRepeats} finds. */
interface SharedDays {
  /** Per section: the days whose balance-less lines repeat an earlier section's (two exports joined), read once per occurrence in the section holding them most. */
  readonly repeats: (Set<string> | undefined)[];
  /** Lines left out as copies of an earlier section's lines of the one day the two share, where nothing tells a page break from a join. */
  readonly undecided: number[];
}

/**
 * Per section: the days it shares with an earlier section, one day only, whose balance-less lines
 * repeat that section's (see {@link overlapsEarlier} for sections that share more days).
 *
 * Two exports of one account whose periods meet on one day (January's made on 31 January, February's
 * from 31 January on) both hold lines of that day; so do two pages of one export split inside a day
 * (a header repeated at a page break, in a file that starts with its header). Which one it is:
 * - The running balance first, where the file has one: the later section in time opens at the
 *   earlier one's closing balance when no line is in both (pages, or exports cut between two
 *   identical purchases); at that balance less the lines the two hold both when they are copies
 *   (counted twice in the chain). `decide(earlier, later, repeated)` (sections in time order, the
 *   sum of the lines both hold) answers true (a join), false (a page break) or undefined (no
 *   balance, or neither holds).
 * - The order: a page break continues the file's date order, so a shared day that is not the
 *   earlier section's last day and the later's first (its first and the later's last, newest first)
 *   — an export joined after a later one, or a one-day export whose day lies inside another
 *   export's period — is a join; so is a section that starts as an export does, with heading lines
 *   or an opening balance line of its own (`ownStart[k]`), which a page repeating the column header
 *   does not have.
 * A join's shared day is read as a multiset when one section's balance-less lines of it are all
 * among the other's (an export holds every line of the day booked when it was made): each line
 * counts once per occurrence in the section holding it most often, so two identical coffees
 * survive and the copies go. Where nothing tells, it is read as a join too — users join exports
 * that meet on a day as a matter of course, while a page break that falls between identical
 * purchases of one day is rare — and the lines so left out are named as a guess
 * ({@link SharedDays.undecided}). Sections
 * that each hold a balance-less line of the day the other lacks are no two exports of it (a page
 * break inside a day): every line is kept.
 * The other section is the nearest one above holding that day (`cat a b`, or each copy of
 * `cat a a a` after the one before): for a section's first and last day, and for days inside its
 * period that a one-day section above holds. Each section's rows are grouped by day once: linear
 * in the rows whatever the file. `contentOf(tx)` is a row's content key (account included, so two
 * accounts never match); `newestFirst[k]` is section k's row order where its dates give one.
 */
function sharedDayRepeats(
  sections: readonly RawSection[],
  rows: readonly BankTransaction[],
  contentOf: (tx: BankTransaction) => string,
  newestFirst: readonly (boolean | undefined)[],
  ownStart: readonly boolean[],
  decide: (earlier: number, later: number, repeated: number) => boolean | undefined,
): SharedDays {
  const from: string[] = sections.map(() => '');
  const to: string[] = sections.map(() => '');
  const rowsOf = sections.map(() => [] as BankTransaction[]);
  for (const r of rows) {
    if (r.date === '') continue;
    const k = sectionIndex(sections, r.line);
    (rowsOf[k] as BankTransaction[]).push(r);
    if (from[k] === '' || r.date < (from[k] as string)) from[k] = r.date;
    if (r.date > (to[k] as string)) to[k] = r.date;
  }
  const days = new Map<number, Map<string, DayLines>>();
  /** Section `k`'s lines by day, with their number of occurrences. */
  const daysOf = (k: number): Map<string, DayLines> => {
    let byDay = days.get(k);
    if (byDay === undefined) {
      byDay = new Map();
      for (const r of rowsOf[k] as BankTransaction[]) {
        let m = byDay.get(r.date);
        if (m === undefined) byDay.set(r.date, (m = new Map()));
        const c = contentOf(r);
        const e = m.get(c);
        if (e === undefined) m.set(c, { n: 1, amount: r.amount, balanced: r.balance !== undefined });
        else e.n++;
      }
      days.set(k, byDay);
    }
    return byDay;
  };
  /** Whether `a`'s balance-less lines are all among `b`'s, as many times. */
  const within = (a: DayLines, b: DayLines): boolean => {
    for (const [c, e] of a) if (!e.balanced && (b.get(c)?.n ?? 0) < e.n) return false;
    return true;
  };
  const repeats: (Set<string> | undefined)[] = sections.map(() => undefined);
  const undecided: number[] = [];
  /** Per day, the latest section (in file order) with rows on it. */
  const lastOn = new Map<string, number>();
  /** `decide` for sections `j` above and `k` meeting on day `d`, the one earlier in time first (when their other days or order tell, else either way if both agree). */
  const byBalance = (j: number, k: number, d: string, repeated: number): boolean | undefined => {
    if ((from[j] as string) < d || (to[k] as string) > d) return decide(j, k, repeated);
    if ((from[k] as string) < d || (to[j] as string) > d) return decide(k, j, repeated);
    const order = newestFirst[k] ?? newestFirst[j];
    if (order !== undefined) return order ? decide(k, j, repeated) : decide(j, k, repeated);
    const a = decide(j, k, repeated);
    const b = decide(k, j, repeated);
    return a === undefined ? b : b === undefined || a === b ? a : undefined;
  };
  const compare = (j: number, k: number, d: string, pageable: boolean, nested = false): void => {
    const mine = daysOf(k).get(d);
    const theirs = daysOf(j).get(d);
    if (mine === undefined || theirs === undefined) return;
    let repeated = 0;
    let free = false;
    for (const [c, e] of mine) {
      const n = Math.min(e.n, theirs.get(c)?.n ?? 0);
      repeated += n * e.amount;
      if (n > 0 && !e.balanced) free = true;
    }
    // No balance-less line of the day is in both: nothing to decide here.
    if (!free) return;
    // The balance first, where the sections follow one another in time (not one inside the other's period).
    const join = nested ? undefined : byBalance(j, k, d, repeated);
    if (join === false) return;
    if (join === true) {
      (repeats[k] ??= new Set()).add(d);
      return;
    }
    if (!within(mine, theirs) && !within(theirs, mine)) return;
    if (!pageable) {
      (repeats[k] ??= new Set()).add(d);
      return;
    }
    // A page break or a join, and nothing tells: read as a join, the likelier by far (exports are
    // joined on a shared day as a matter of course; a page break falls between two identical
    // purchases of one day rarely), and the lines so left out are named as a guess.
    (repeats[k] ??= new Set()).add(d);
    const seen = new Map<string, number>();
    for (const r of rowsOf[k] as BankTransaction[]) {
      if (r.date !== d || r.balance !== undefined) continue;
      const c = contentOf(r);
      const i = seen.get(c) ?? 0;
      seen.set(c, i + 1);
      if (i < (theirs.get(c)?.n ?? 0)) undecided.push(r.line);
    }
  };
  sections.forEach((_, k) => {
    const a = from[k] as string;
    const b = to[k] as string;
    if (a === '') return;
    // The shared day is this section's first or last day; the other export is the one before it
    // that holds that day (two exports joined end to end, or each copy after the one before it).
    for (const d of a === b ? [a] : [a, b]) {
      const j = lastOn.get(d);
      if (j === undefined) continue;
      const lo = (from[j] as string) > a ? (from[j] as string) : a;
      const hi = (to[j] as string) < b ? (to[j] as string) : b;
      if (lo !== hi) continue;
      // A page break continues the date order: the earlier section's last day is the later's first
      // (oldest first), or the other way round. A page has no heading or opening balance of its own.
      const order = newestFirst[k] ?? newestFirst[j];
      const pageable = !ownStart[k] && ((order !== true && to[j] === d && a === d) || (order !== false && from[j] === d && b === d));
      compare(j, k, d, pageable);
    }
    // Days inside this section's period that a one-day section above holds (a one-day export, then a longer one holding it).
    if (a !== b) {
      const inside = new Set<string>();
      for (const r of rowsOf[k] as BankTransaction[]) {
        if (r.date <= a || r.date >= b || inside.has(r.date)) continue;
        const j = lastOn.get(r.date);
        if (j !== undefined && from[j] === to[j]) inside.add(r.date);
      }
      for (const d of inside) compare(lastOn.get(d) as number, k, d, false, true);
    }
    for (const r of rowsOf[k] as BankTransaction[]) lastOn.set(r.date, k);
  });
  undecided.sort((x, y) => x - y);
  return { repeats, undecided };
}

/**
 * The lines of the file that `lines` name, each once, in order. A row and its fee's row (a fee in a
 * column of its own) are one line of the file: a warning names that line once and counts it once.
 */
export function fileLines(lines: Iterable<number>): number[] {
  return [...new Set(lines)].sort((a, b) => a - b);
}

/** The section a line is in: the last one starting at or before it (binary search). */
function sectionIndex(sections: readonly RawSection[], line: number): number {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sections[mid] as RawSection).line <= line) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function finishStatement(builder: StatementBuilder, raw: RawStatement, opts: FinishOptions): Statement {
  const warnings: ParseWarning[] = [];
  const all = builder.transactions;
  const currency = raw.currency ?? builder.currencies.majority() ?? 'SEK';
  const booked = builder.pending > 0 ? all.filter((r) => !r.pending) : all;
  const pendingLines = builder.pending > 0 ? fileLines(all.filter((r) => r.pending).map((r) => r.line)) : [];

  if (raw.detected !== undefined) {
    warnings.push({ code: 'COLUMNS_DETECTED', message: `No known bank format: read by the header. ${raw.detected.why}`, lines: [] });
  }
  if (raw.ambiguousAmounts !== undefined) {
    warnings.push({ code: 'AMOUNTS_AMBIGUOUS', message: raw.ambiguousAmounts.message, lines: [...raw.ambiguousAmounts.lines] });
  }
  for (const s of raw.skipped ?? []) {
    warnings.push({ code: 'ROW_SKIPPED', message: `Row skipped (lenient mode): ${s.error.message}`, lines: [s.line] });
  }
  if (raw.voided && raw.voided.length > 0) {
    warnings.push({ code: 'ROWS_VOID', message: `Rows the bank marks as declined, reverted, failed or cancelled, or as moving no money (a memo), were left out (the money never moved): line(s) ${raw.voided.join(', ')}`, lines: [...raw.voided] });
  }
  if (raw.footer && raw.footer.length > 0) {
    warnings.push({ code: 'FOOTER_IGNORED', message: `Footer rows ignored on line(s) ${raw.footer.join(', ')}`, lines: [...raw.footer] });
  }
  if (pendingLines.length > 0 && !opts.includePending) {
    warnings.push({
      code: 'PENDING_EXCLUDED',
      message: `${pendingLines.length} preliminary/reserved row(s) not included (pass includePending to see them)`,
      lines: pendingLines,
    });
  }
  // Rows in another currency than the statement's carry their own.
  const currencies = builder.currencies;
  const foreignRows = currencies.first === currency ? [...currencies.others.keys()] : currencies.first === undefined ? [] : all.map((_, i) => i);
  const foreign: number[] = [];
  const others = new Set<string>();
  for (const i of foreignRows) {
    const tx = all[i] as Mutable<BankTransaction>;
    const c = currencies.get(i);
    if (c === undefined || c === currency) continue;
    tx.currency = c;
    if (!tx.pending) {
      foreign.push(tx.line);
      others.add(c);
    }
  }
  const otherLines = fileLines(foreign);
  if (otherLines.length > 0) {
    warnings.push({
      code: 'CURRENCY_MIXED',
      message: `${otherLines.length} row(s) are in another currency than the statement's ${currency}: ${[...others].join(', ')}`,
      lines: otherLines,
    });
  }

  const accounts = builder.accounts;
  // In a file in sections: the lines where a section for another account than the one above starts.
  const accountStarts = (raw.sections ?? []).filter((s, k, list) => k > 0 && s.accountNumber !== list[k - 1]?.accountNumber).map((s) => s.line);
  const accountNumber = raw.accountNumber ?? accounts.majority();
  if (accounts.counts.size > 1) {
    for (let i = 0; i < all.length; i++) {
      const own = accounts.get(i);
      // An account's name (`Main SEK`) keeps the rows apart as a number does, but is no number.
      if (own === undefined || looksLikeAccountNumber(own)) (all[i] as Mutable<BankTransaction>).accountNumber = own;
      else (all[i] as Mutable<BankTransaction>).accountName = own;
    }
    warnings.push({
      code: 'ACCOUNTS_MIXED',
      message: `The file holds rows of ${accounts.counts.size} accounts (${[...accounts.counts.keys()].join(', ')}); each row carries its own accountNumber (or accountName, where the file names the account instead of numbering it)${accountStarts.length > 0 ? `; a section for another account starts on line(s) ${accountStarts.join(', ')}` : ''}`,
      lines: accountStarts,
    });
  }

  // In a file in sections, each section (one account, one export) on its own.
  const sign =
    raw.sections !== undefined && raw.sections.length > 1
      ? signBySection(builder, booked, raw.sections, raw.marks ?? [], raw.newestFirst)
      : signFromBalance(builder, booked, raw.newestFirst ?? isNewestFirst(booked), undefined, { marks: raw.marks });
  if (sign !== undefined) {
    warnings.push({
      code: 'SIGNS_FROM_BALANCE',
      message: `The amounts have no sign: each row's sign is that of its balance less the balance before it (${sign.signed} row(s) read as money out)`,
      lines: [],
    });
    if (sign.unknown.length > 0) {
      const unknown = fileLines(sign.unknown);
      warnings.push({
        code: 'SIGN_UNKNOWN',
        message: `No sign for the amount on line(s) ${unknown.join(', ')}: no balance before it (the oldest row), or its balance less the one before is not its amount; kept as written (money in) — check these rows`,
        lines: unknown,
      });
    }
  }

  // Stable ids: the row's content hash, the account, and its place among identical rows.
  // Identical rows share a date, so in a date-ordered file the counter restarts every day.
  const sections = raw.sections !== undefined && raw.sections.length > 1 ? raw.sections : undefined;
  const out0 = opts.includePending ? all : booked;
  // An account number is hashed as an earlier file spelled it when the caller names that spelling.
  const idSpelling = (a: string): string => knownSpelling(a, opts.idAccountNumbers);
  const statementAccount = new Hasher().str(accountNumber === undefined ? '' : idSpelling(accountNumber));
  const order = raw.newestFirst ?? isNewestFirst(booked);
  const ordered = order !== undefined && isMonotonic(out0, order);
  const hasher = new Hasher();
  const keyOf = (i: number): Hasher => {
    const own = accounts.others.size === 0 ? undefined : accounts.get(i);
    const account = own === undefined || own === accountNumber ? statementAccount : new Hasher().str(idSpelling(own));
    return hasher.reset(account.h1, account.h2).int(builder.lanes[2 * i]).int(builder.lanes[2 * i + 1]);
  };
  // Each section's rows, balance marks and balance chain (checked on its own), where the file is in sections.
  const sectionOf = (line: number): number => sectionIndex(sections ?? [], line);
  const rowsOf = (sections ?? []).map(() => [] as BankTransaction[]);
  const marksOf = (sections ?? []).map(() => [] as BalanceMark[]);
  if (sections !== undefined) {
    for (const r of booked) (rowsOf[sectionOf(r.line)] as BankTransaction[]).push(r);
    for (const m of raw.marks ?? []) (marksOf[sectionOf(m.line)] as BalanceMark[]).push(m);
  }
  const sectionOrder = rowsOf.map((rows) => raw.newestFirst ?? isNewestFirst(rows));
  const results = rowsOf.map((rows, k) => balances(rows, marksOf[k] as BalanceMark[], sectionOrder[k] ?? order));
  /** Rows of a later section that are lines of an earlier one (files in sections only). */
  const repeated = new Set<BankTransaction>();
  /** Of those, lines taken for repeats on the one day their section shares with an earlier one ({@link sharedDayRepeats}). */
  const repeatedOnOneDay: number[] = [];
  /** Of {@link repeatedOnOneDay}, the lines left out where nothing tells a page break from a join (a guess). */
  let undecidedRepeats: number[] = [];
  if (sections === undefined) {
    const seen = new Map<string, number>();
    let day = '';
    for (let i = 0; i < all.length; i++) {
      const tx = all[i] as Mutable<BankTransaction>;
      if (tx.pending && !opts.includePending) continue;
      if (ordered && tx.date !== day) {
        seen.clear();
        day = tx.date;
      }
      const h = keyOf(i);
      const key = h.hex();
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      tx.id = n === 0 ? key : h.int(n).hex();
    }
  } else {
    // Two exports of one account joined end to end (`cat` of two months whose periods overlap) each
    // hold the lines of the overlap. A row of a later section is such a line again when an earlier
    // section has a row with the same content as many times over — the same date, amount, text and
    // running balance (the balance tells two identical purchases apart) — and, for a row without a
    // balance, only when the two sections share more than one day, or share one day whose lines in
    // one of them are all among the other's ({@link sharedDayRepeats}): sections that meet on one day
    // otherwise are a page break, whose identical rows of that day are purchases of their own. Such
    // a row's place is counted within its section, so it gets the id it has in either export alone,
    // and is left out (SECTIONS_OVERLAP). Other rows count their place across the sections, as in
    // one table. Two identical purchases within one section stay two lines.
    const overlaps = overlapsEarlier(sections, out0);
    const index = new Map<BankTransaction, number>();
    all.forEach((t, i) => index.set(t, i));
    // Whether two sections meeting on `day` are two exports joined (true) or pages of one (false), by
    // the balance: a page continues at the closing balance of the page before it in time; a joined
    // export opens at that balance less the lines both hold (`repeated`), which its chain counts again.
    const decide = (earlier: number, later: number, repeated: number): boolean | undefined => {
      if (repeated === 0) return undefined;
      const closing = (results[earlier] as Balances).closing;
      const opening = (results[later] as Balances).opening;
      if (closing === undefined || opening === undefined) return undefined;
      return closing === opening ? false : closing - repeated === opening ? true : undefined;
    };
    const shared = sharedDayRepeats(sections, out0, (t) => keyOf(index.get(t) as number).hex(), sectionOrder.map((o) => o ?? order), sections.map((sec, k) => sec.heading !== '' || (marksOf[k] as BalanceMark[]).some((m) => m.role === 'opening')), decide);
    undecidedRepeats = shared.undecided;
    const kept = new Set<string>();
    const total = new Map<string, number>();
    const local = new Map<string, number>();
    let section = 0;
    for (let i = 0; i < all.length; i++) {
      const tx = all[i] as Mutable<BankTransaction>;
      if (tx.pending && !opts.includePending) continue;
      const k = sectionIndex(sections, tx.line);
      if (k !== section) {
        local.clear();
        section = k;
      }
      const h = keyOf(i);
      const key = h.hex();
      const j = local.get(key) ?? 0;
      local.set(key, j + 1);
      const n = total.get(key) ?? 0;
      const oneDay = tx.balance === undefined && overlaps[k] !== true && shared.repeats[k]?.has(tx.date) === true;
      if (k > 0 && (tx.balance !== undefined || overlaps[k] === true || oneDay)) {
        tx.id = j === 0 ? key : h.int(j).hex();
        if (kept.has(tx.id)) {
          repeated.add(tx);
          if (oneDay) repeatedOnOneDay.push(tx.line);
          continue;
        }
        if (j + 1 > n) total.set(key, j + 1);
      } else {
        tx.id = n === 0 ? key : h.int(n).hex();
        total.set(key, n + 1);
      }
      kept.add(tx.id);
    }
  }
  const out = repeated.size === 0 ? out0 : out0.filter((t) => !repeated.has(t));
  if (repeated.size > 0) {
    const lines = fileLines([...repeated].map((t) => t.line));
    const oneDay = fileLines(repeatedOnOneDay);
    const undecided = fileLines(undecidedRepeats);
    const withBalance = [...repeated].every((t) => t.balance !== undefined);
    warnings.push({
      code: 'SECTIONS_OVERLAP',
      message: `${lines.length} line(s) of a later section repeat lines of an earlier section of the same account (same date, amount, text${withBalance ? ' and balance' : ''}, as many times): exports of overlapping periods joined; each such line is kept once, from the earlier section, and line(s) ${lines.join(', ')} left out${
        oneDay.length > 0
          ? `. Line(s) ${oneDay.join(', ')} are of the one day the sections share, with no balance of their own: ${
              undecided.length === oneDay.length
                ? 'neither a balance nor the order tells pages of one export from two exports joined; read as two exports joined (if the file is one export with a page break there, they are purchases of their own)'
                : undecided.length > 0
                  ? `the running balance or the sections' date order shows two exports joined, except for line(s) ${undecided.join(', ')}, where nothing tells pages of one export from two exports joined (read as joined; if the file is one export with a page break there, they are purchases of their own)`
                  : "the running balance or the sections' date order shows two exports joined"
            }, so each line of that day counts once per occurrence in the section holding it most often`
          : ''
      }`,
      lines,
    });
  }

  // A file without a name column whose texts are sentences built from templates: each row's
  // counterparty is the name in its template's slot (./template.ts), as a name column would give it.
  if (!all.some((t) => t.counterparty !== undefined)) {
    const names = templateNames(out.map((t) => t.text));
    out.forEach((t, i) => {
      const name = names[i];
      if (name !== undefined) (t as Mutable<BankTransaction>).counterparty = name;
    });
  }

  // Balance chain over the booked rows, with balance-only rows as anchors; in a file in sections,
  // over each section's rows on its own (two accounts' chains are never joined).
  let newestFirst = order;
  let opening: number | undefined;
  let closing: number | undefined;
  const breaks: number[] = [];
  let sectionOut: StatementSection[] | undefined;
  if (sections === undefined) {
    const whole = balances(booked, raw.marks ?? [], newestFirst);
    newestFirst = whole.newestFirst;
    if (accounts.counts.size > 1) {
      // Rows of several accounts, each row naming its own (Swedbank's Clearingnummer/Kontonummer,
      // a per-row `Konto` column): each account's balance chain on its own, never one account's
      // balance followed by another's amount. No statement-wide opening or closing balance then.
      for (const b of perAccountBreaks(all, accounts, raw.marks ?? [], raw.newestFirst, newestFirst)) breaks.push(b);
    } else {
      // Rows in several currencies, each with its own running balance (a multi-currency account
      // exports one balance per currency): where one chain across them breaks and one per currency
      // breaks less, each currency's chain on its own, and the statement's balances are its
      // currency's.
      const split = builder.currencies.counts.size > 1 && whole.breaks.length > 0 ? perAccountBreaks(all, builder.currencies, [], raw.newestFirst, newestFirst) : undefined;
      if (split !== undefined && split.length < whole.breaks.length) {
        breaks.push(...split);
        const own = balances(all.filter((r, i) => !r.pending && (builder.currencies.get(i) ?? currency) === currency), [], newestFirst);
        opening = own.opening;
        closing = own.closing;
      } else {
        breaks.push(...whole.breaks);
        opening = whole.opening;
        closing = whole.closing;
      }
    }
  } else {
    sectionOut = [];
    // A section's count is of its lines in the statement: a repeated line counts in the first section only.
    const shown = out;
    const shownOf = sections.map(() => 0);
    for (const r of shown) shownOf[sectionOf(r.line)]! += 1;
    for (const r of results) breaks.push(...r.breaks);
    sections.forEach((s, k) => {
      const r = results[k] as Balances;
      (sectionOut as StatementSection[]).push({
        line: s.line,
        heading: s.heading,
        ...(s.accountNumber !== undefined && (looksLikeAccountNumber(s.accountNumber) ? { accountNumber: s.accountNumber } : { accountName: s.accountNumber })),
        ...(s.period !== undefined && { period: s.period }),
        ...(r.opening !== undefined && { openingBalance: r.opening }),
        ...(r.closing !== undefined && { closingBalance: r.closing }),
        count: shownOf[k] as number,
      });
    });
    // One account in every section (periods of one account): the statement's balances are the
    // earliest section's opening and the closing of the one that ends latest, and each section
    // must open where the one before it in time closed — unless it repeats lines of an earlier
    // section (overlapping periods): those lines, balance included, are where the two meet.
    if (new Set(sections.map((s) => s.accountNumber)).size === 1) {
      const firstDate = (k: number): string => (rowsOf[k] as BankTransaction[]).reduce((m, r) => (m === '' || (r.date !== '' && r.date < m) ? r.date : m), '');
      const lastDate = (k: number): string => (rowsOf[k] as BankTransaction[]).reduce((m, r) => (r.date > m ? r.date : m), '');
      const timed = sections.map((_, k) => k).filter((k) => (rowsOf[k] as BankTransaction[]).length > 0).sort((a, b) => (firstDate(a) < firstDate(b) ? -1 : firstDate(a) > firstDate(b) ? 1 : a - b));
      const overlapping = new Set<number>();
      for (const t of repeated) overlapping.add(sectionOf(t.line));
      for (let t = 1; t < timed.length; t++) {
        if (overlapping.has(timed[t] as number)) continue;
        const before = results[timed[t - 1] as number] as Balances;
        const now = results[timed[t] as number] as Balances;
        if (before.closing !== undefined && now.opening !== undefined && before.closing !== now.opening) breaks.push((sections[timed[t] as number] as RawSection).headerLine);
      }
      const latest = timed.reduce<number | undefined>((m, k) => (m === undefined || lastDate(k) >= lastDate(m) ? k : m), undefined);
      opening = timed.length > 0 ? (results[timed[0] as number] as Balances).opening : undefined;
      closing = latest !== undefined ? (results[latest] as Balances).closing : undefined;
    }
  }
  if (breaks.length > 0) {
    const lines = fileLines(breaks);
    warnings.push({
      code: 'BALANCE_CHAIN_BROKEN',
      message: `Running balance does not add up on ${lines.length} line(s): ${lines.join(', ')} (a row is missing, reordered or wrong before each)`,
      lines,
    });
  }

  return {
    format: opts.format,
    bank: opts.bank,
    encoding: opts.encoding,
    ...(accountNumber !== undefined ? (looksLikeAccountNumber(accountNumber) ? { accountNumber } : { accountName: accountNumber }) : raw.accountName !== undefined ? { accountName: raw.accountName } : {}),
    currency,
    ...(opening !== undefined && { openingBalance: opening }),
    ...(closing !== undefined && { closingBalance: closing }),
    ...(raw.period !== undefined && { period: raw.period }),
    ...(raw.detected !== undefined && { detected: raw.detected }),
    ...(sectionOut !== undefined && { sections: sectionOut }),
    transactions: out,
    warnings,
  };
}
