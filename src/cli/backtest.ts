/**
 * Back-test: replay a client's own books month by month and measure what kontera would have
 * auto-booked and how often it would have been right. Pure: a SIE document in, figures out.
 *
 * Protocol: the bank vouchers of the file (those touching a bank/cash account), in date order. The
 * first `train` share (rounded to a whole month) is learned; then, for each later month, every
 * line of the month is suggested from its text, amount and date with what was known at the start
 * of the month, scored against the voucher the accountant booked, and the month is learned at its
 * end — as a bureau that books and confirms once a month would work.
 *
 * @module
 */
import { createKnowledge } from '../knowledge/base.js';
import { ACCOUNT_NUMBER_PATTERN, sieBookings } from '../knowledge/cold-start.js';
import { learn } from '../knowledge/learn.js';
import type { ClientSettings, ConfirmedBooking, VoucherRow } from '../knowledge/types.js';
import type { SieDocument } from '../sie/types.js';
import { suggest } from '../suggest/suggest.js';

/** Confidence thresholds the back-test reports precision at. */
export const BACKTEST_THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99] as const;
/** The precision a bureau needs before it lets kontera book without looking. */
export const TARGET_PRECISION = 0.99;
/** VAT accounts (26xx up to 2649), left out when deciding which account a voucher is booked to. */
const VAT_ACCOUNT = /^26[0-4]\d$/;

/** Options of {@link backtest}. */
export interface BacktestOptions {
  /** Share of the history learned before the replay starts, 0 < train < 1 (default 0.7). */
  readonly train?: number | undefined;
  /** Bank/cash accounts; default every 19xx account the file uses. */
  readonly bankAccounts?: readonly string[] | undefined;
  readonly vatRegistered?: boolean | undefined;
  /** Called after each replayed month with the lines replayed so far and all to replay. */
  readonly onProgress?: ((progress: { readonly phase: 'backtest'; readonly done: number; readonly total: number }) => void) | undefined;
}

/** Precision and coverage at one confidence threshold. */
export interface ThresholdRow {
  readonly threshold: number;
  /** Lines with a voucher at confidence ≥ threshold. */
  readonly answered: number;
  /** answered / all tested lines. */
  readonly share: number;
  /** Right among the answered (counter-account); null when none answered. */
  readonly precision: number | null;
}

/** One replayed month. */
export interface MonthRow {
  readonly month: string;
  readonly lines: number;
  readonly top1: number;
  readonly autoBooked: number;
  readonly autoRight: number;
}

/** What {@link backtest} measured. */
export interface BacktestResult {
  readonly bookings: number;
  readonly learned: number;
  readonly tested: number;
  readonly firstTestMonth: string | null;
  /** Share of tested lines with a voucher whose counter-account is right. */
  readonly top1: number;
  /** Share with the right account among the top three (suggestion and alternatives). */
  readonly top3: number;
  /** Share whose whole voucher equals the booked one to the öre. */
  readonly exact: number;
  /** Share with no voucher (kontera held back). */
  readonly abstain: number;
  readonly thresholds: readonly ThresholdRow[];
  /** Largest share of lines that could be auto-booked at ≥ 99 % precision, and the threshold it takes. */
  readonly autoBookAt99: { readonly share: number; readonly threshold: number | null };
  /** What the default per-client threshold (the `autoBook` flag) would have booked. */
  readonly autoBook: { readonly share: number; readonly precision: number | null };
  /** Points for the precision-vs-share chart: every distinct confidence, highest first. */
  readonly curve: readonly { readonly share: number; readonly precision: number; readonly threshold: number }[];
  readonly months: readonly MonthRow[];
}

/** The account a voucher is "booked to": its largest row that is neither a bank row nor VAT. */
export function counterAccount(rows: readonly VoucherRow[], bankAccounts: readonly string[]): string | null {
  const merged = new Map<string, number>();
  for (const r of rows) if (!bankAccounts.includes(r.account)) merged.set(r.account, (merged.get(r.account) ?? 0) + r.amount);
  const list = [...merged].filter(([, a]) => a !== 0);
  const nonVat = list.filter(([a]) => !VAT_ACCOUNT.test(a));
  const pool = nonVat.length > 0 ? nonVat : list;
  pool.sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]) || x[0].localeCompare(y[0]));
  return pool[0]?.[0] ?? null;
}

/** True when both vouchers have the same amount on every account. */
export function sameVoucherRows(a: readonly VoucherRow[], b: readonly VoucherRow[]): boolean {
  const norm = (rows: readonly VoucherRow[]): string => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r.account, (m.get(r.account) ?? 0) + r.amount);
    return [...m]
      .filter(([, v]) => v !== 0)
      .sort((x, y) => x[0].localeCompare(y[0]))
      .map(([k, v]) => `${k}:${v}`)
      .join(',');
  };
  return norm(a) === norm(b);
}

interface Scored {
  readonly answered: boolean;
  readonly correct: boolean;
  readonly top3: boolean;
  readonly exact: boolean;
  readonly confidence: number;
  readonly autoBook: boolean;
}

/**
 * Replays the bank vouchers of `doc` month by month.
 *
 * ```ts
 * const result = backtest(readSie(bytes, { strict: false }), { train: 0.7 });
 * console.log(result.top1, result.autoBookAt99.share);
 * ```
 */
export function backtest(doc: SieDocument, options: BacktestOptions = {}): BacktestResult {
  const train = options.train ?? 0.7;
  const all = sieBookings(doc, options.bankAccounts === undefined ? {} : { bankAccounts: options.bankAccounts });
  const bookings = [...all].sort((a, b) => (a.voucher.date < b.voucher.date ? -1 : a.voucher.date > b.voucher.date ? 1 : 0));
  const bankAccounts =
    options.bankAccounts ?? [...new Set(bookings.flatMap((b) => b.voucher.rows.map((r) => r.account)))].filter((a) => /^19\d\d$/.test(a)).sort();
  const settings: ClientSettings = { id: 'backtest', bureauId: 'backtest', bankAccounts, vatRegistered: options.vatRegistered };
  // Cut at the start of the month the train share falls in, so whole months are replayed.
  const cutIndex = Math.floor(bookings.length * train);
  const cutMonth = bookings[cutIndex]?.voucher.date.slice(0, 7);
  // The accounts of the books as kontera would hold them (`Client.booksAccounts`): what the file
  // declares and what its vouchers booked before the month replayed; each month adds its own, as
  // confirming it would. Suggestions are made in them, as for a client without a chart.
  const books = new Set(doc.accounts.map((a) => a.number).filter((a) => ACCOUNT_NUMBER_PATTERN.test(a)));
  const accountsByMonth = new Map<string, Set<string>>();
  for (const v of doc.vouchers) {
    const month = v.date.slice(0, 7);
    let set = accountsByMonth.get(month);
    if (set === undefined) accountsByMonth.set(month, (set = new Set()));
    for (const t of v.transactions) if (ACCOUNT_NUMBER_PATTERN.test(t.account)) set.add(t.account);
  }
  const addMonth = (month: string): void => {
    for (const a of accountsByMonth.get(month) ?? []) books.add(a);
  };
  for (const month of accountsByMonth.keys()) if (cutMonth !== undefined && month < cutMonth) addMonth(month);
  let client: ClientSettings = books.size === 0 ? settings : { ...settings, chart: [...books].sort() };
  const k = createKnowledge();
  const scored: Scored[] = [];
  const months: MonthRow[] = [];
  let learned = 0;
  let i = 0;
  for (; i < bookings.length && cutMonth !== undefined && (bookings[i] as ConfirmedBooking).voucher.date.slice(0, 7) < cutMonth; i++) {
    if (learn(k, client, bookings[i] as ConfirmedBooking).learned) learned++;
  }
  const firstTest = i;
  while (i < bookings.length) {
    const month = (bookings[i] as ConfirmedBooking).voucher.date.slice(0, 7);
    const batch: ConfirmedBooking[] = [];
    while (i < bookings.length && (bookings[i] as ConfirmedBooking).voucher.date.slice(0, 7) === month) batch.push(bookings[i++] as ConfirmedBooking);
    let top1 = 0;
    let auto = 0;
    let autoRight = 0;
    for (const b of batch) {
      const bank = b.voucher.rows.find((r) => bankAccounts.includes(r.account))?.account;
      const s = suggest(b.transaction, k, client, bank === undefined ? {} : { bankAccount: bank });
      const truth = counterAccount(b.voucher.rows, bankAccounts);
      const predicted = s.voucher !== null ? counterAccount(s.voucher.rows, bankAccounts) : s.account;
      const answered = s.voucher !== null;
      const correct = answered && truth !== null && predicted === truth;
      const ranked = [predicted, ...s.alternatives.map((a) => a.account)].slice(0, 3);
      const autoBook = answered && s.autoBook;
      scored.push({ answered, correct, top3: truth !== null && ranked.includes(truth), exact: s.voucher !== null && sameVoucherRows(s.voucher.rows, b.voucher.rows), confidence: s.confidence, autoBook });
      if (correct) top1++;
      if (autoBook) {
        auto++;
        if (correct) autoRight++;
      }
    }
    for (const b of batch) if (learn(k, client, b).learned) learned++;
    const known = books.size;
    addMonth(month);
    if (books.size !== known) client = { ...settings, chart: [...books].sort() };
    months.push({ month, lines: batch.length, top1, autoBooked: auto, autoRight });
    options.onProgress?.({ phase: 'backtest', done: i - firstTest, total: bookings.length - firstTest });
  }
  const n = scored.length;
  const share = (x: number): number => (n === 0 ? 0 : x / n);
  const answered = scored.filter((s) => s.answered).sort((a, b) => b.confidence - a.confidence);
  const curve: { share: number; precision: number; threshold: number }[] = [];
  let right = 0;
  let best = { share: 0, threshold: null as number | null };
  for (let j = 0; j < answered.length; j++) {
    const s = answered[j] as Scored;
    if (s.correct) right++;
    // Lines with the same confidence stand or fall together.
    if (answered[j + 1]?.confidence === s.confidence) continue;
    const precision = right / (j + 1);
    curve.push({ share: share(j + 1), precision, threshold: s.confidence });
    if (precision >= TARGET_PRECISION) best = { share: share(j + 1), threshold: s.confidence };
  }
  const thresholds: ThresholdRow[] = BACKTEST_THRESHOLDS.map((t) => {
    const sel = answered.filter((s) => s.confidence >= t);
    return { threshold: t, answered: sel.length, share: share(sel.length), precision: sel.length === 0 ? null : sel.filter((s) => s.correct).length / sel.length };
  });
  const autoBooked = scored.filter((s) => s.autoBook);
  return {
    bookings: bookings.length,
    learned,
    tested: n,
    firstTestMonth: bookings[firstTest]?.voucher.date.slice(0, 7) ?? null,
    top1: share(scored.filter((s) => s.correct).length),
    top3: share(scored.filter((s) => s.top3).length),
    exact: share(scored.filter((s) => s.exact).length),
    abstain: share(n - answered.length),
    thresholds,
    autoBookAt99: best,
    autoBook: { share: share(autoBooked.length), precision: autoBooked.length === 0 ? null : autoBooked.filter((s) => s.correct).length / autoBooked.length },
    curve,
    months,
  };
}
