/**
 * Transfers between the client's own bank accounts. One transfer is two bank lines, one on each
 * account's statement (money out of 1930, the same money into 1940), and one voucher books both: a
 * confirmed voucher whose rows move money on another of the client's bank accounts books that
 * account's line too. Such a line is marked booked by the voucher (as a voucher of the client's SIE
 * books marks the line it books, see ./ledger.ts), so it is not suggested, confirmed or exported
 * again; confirming the other side as a transfer of its own is refused. And a line is recognised as
 * a transfer: its counterparty account is one of the client's own, or the other account's statement
 * holds the other side.
 *
 * @module
 */
import { ConflictError } from '../core/errors.js';
import { addDays } from '../core/dates.js';
import { formatKronor } from '../core/money.js';
import { dayNumber } from '../knowledge/learn.js';
import type { AccountNo } from '../knowledge/types.js';
import { sameAccountNumber } from '../statements/account-number.js';
import type { ClientRef, ClientRow, LedgerMark, LedgerVoucher, StoreSession, TransactionMark, TransactionRow, VoucherRecord } from '../store/store.js';
import { MATCH_WINDOW_DAYS, bankAmount, confirmedLines, keyOfLine, matchLedger } from './ledger.js';
import { digits } from './shared.js';
import type { Suggestion } from '../suggest/types.js';

/** The start of a {@link LedgerMark.voucher} that names one of kontera's confirmed vouchers, not a voucher of the SIE books. */
const KONTERA_MARK = 'kontera:';

/** True when the mark is a confirmed kontera voucher's (the other side of a transfer), not a SIE voucher's. */
export function isKonteraMark(mark: LedgerMark): boolean {
  return mark.voucher.startsWith(KONTERA_MARK);
}

/** The mark's id of a confirmed voucher (never a SIE voucher's id, which starts with a date). */
function markId(v: { readonly series: string; readonly number: number }): string {
  return `${KONTERA_MARK}${v.series} ${v.number}`;
}

/** A confirmed voucher that moves money on other bank accounts of the client than its own line's. */
interface OtherSide {
  readonly voucher: VoucherRecord;
  /** The voucher as a voucher of those accounts, to match their lines with (see `matchLedger`). */
  readonly ledger: LedgerVoucher;
  /** The money it moves on each of those accounts, and on its own line's. */
  readonly moves: ReadonlyMap<AccountNo, number>;
  readonly own: number;
}

/** The confirmed vouchers among `vouchers` that move money on another of the client's bank accounts. */
function otherSides(vouchers: readonly VoucherRecord[], bankAccounts: readonly AccountNo[]): OtherSide[] {
  return vouchers.flatMap((v) => {
    if (v.bankAccount === undefined) return [];
    const moves = new Map<AccountNo, number>();
    for (const a of bankAccounts) {
      const amount = a === v.bankAccount ? 0 : bankAmount(v.rows, [a]);
      if (amount !== 0) moves.set(a, amount);
    }
    if (moves.size === 0) return [];
    const ledger = { id: markId(v), series: v.series, number: String(v.number), date: v.date, text: v.text, rows: v.rows, fingerprint: '', bankAccounts: [...moves.keys()], learned: false };
    return [{ voucher: v, ledger, moves, own: bankAmount(v.rows, [v.bankAccount]) }];
  });
}

/** The lines on `accounts` near `from`–`to`, as far as a voucher dated within the window can reach. */
async function linesNear(tx: StoreSession, ref: ClientRef, accounts: readonly AccountNo[], from: string, to: string): Promise<TransactionRow[]> {
  const lines: TransactionRow[] = [];
  for (const bankAccount of accounts) lines.push(...(await tx.listTransactions(ref, { bankAccount, from: addDays(from, -2 * MATCH_WINDOW_DAYS), to: addDays(to, 2 * MATCH_WINDOW_DAYS) })));
  return lines;
}

/** The confirmed vouchers that may book those lines. */
function vouchersNear(tx: StoreSession, ref: ClientRef, from: string, to: string): Promise<readonly VoucherRecord[]> {
  return tx.listVouchers(ref, { from: addDays(from, -3 * MATCH_WINDOW_DAYS), to: addDays(to, 3 * MATCH_WINDOW_DAYS) });
}

/**
 * After `confirm` stored `stored`: the lines on the client's other bank accounts that these vouchers
 * book too (the other side of a transfer) are marked booked by them. A line that another confirmed
 * voucher already books as the same transfer (its voucher moves the money back on the first line's
 * account) is a transfer booked twice: `CONFLICT`, naming both, and the caller's transaction writes
 * nothing.
 */
export async function markTransferSides(tx: StoreSession, ref: ClientRef, client: ClientRow, stored: readonly VoucherRecord[]): Promise<void> {
  const sides = otherSides(stored, client.bankAccounts);
  if (sides.length === 0) return;
  const dates = sides.map((s) => s.voucher.date).sort();
  const [from, to] = [dates[0] as string, dates[dates.length - 1] as string];
  const lines = await linesNear(tx, ref, [...new Set(sides.flatMap((s) => [...s.moves.keys()]))], from, to);
  const byLine = new Map<string, VoucherRecord>();
  for (const v of await vouchersNear(tx, ref, from, to)) if (v.bankAccount !== undefined && v.transactionId !== undefined) byLine.set(keyOfLine({ bankAccount: v.bankAccount, id: v.transactionId }), v);
  const storedIds = new Set(stored.map(markId));
  // Each side takes the nearest open line of its amount on the other account (no voucher of its own).
  const marks = matchLedger(
    sides.map((s) => s.ledger),
    lines.filter((l) => !byLine.has(keyOfLine(l))),
  );
  const met = new Set(marks.map((m) => keyOfLine({ bankAccount: m.bankAccount, id: m.booked?.voucher ?? '' })));
  // A side that met no open line, where a line has a voucher of its own that moves the same money on
  // the first side's account: that is this transfer, booked already from the other side.
  for (const { voucher: source, ledger, moves, own } of sides) {
    for (const [account, amount] of moves) {
      if (met.has(keyOfLine({ bankAccount: account, id: ledger.id }))) continue;
      for (const l of lines) {
        if (l.bankAccount !== account || l.amount !== amount || Math.abs(dayNumber(l.date) - dayNumber(source.date)) > MATCH_WINDOW_DAYS) continue;
        const other = byLine.get(keyOfLine(l));
        if (other === undefined || markId(other) === ledger.id || otherSides([other], client.bankAccounts)[0]?.moves.get(source.bankAccount as AccountNo) !== own) continue;
        throw new ConflictError(
          `Transfer booked twice: voucher ${source.series} ${source.number} (${source.date}) moves ${amount} öre on ${account}, and the line it meets there (${l.date}, ${l.amount} öre, ${JSON.stringify(l.text)}) is booked as the same transfer by voucher ${other.series} ${other.number}${storedIds.has(markId(other)) ? ' of this call' : ''}: expected one voucher for both lines of a transfer between the client's own accounts; confirm one side only`,
        );
      }
    }
  }
  if (marks.length > 0) await tx.markTransactions(ref, marks);
}

/**
 * At import: the new lines on `bankAccount` that a confirmed voucher of another of the client's
 * bank accounts already books (the other side of a transfer confirmed before this statement came).
 */
export async function transferMarksAtImport(tx: StoreSession, ref: ClientRef, client: ClientRow, bankAccount: AccountNo, from: string, to: string): Promise<TransactionMark[]> {
  if (client.bankAccounts.length < 2) return [];
  const vouchers = await vouchersNear(tx, ref, from, to);
  const sides = otherSides(vouchers, client.bankAccounts).filter((s) => s.moves.has(bankAccount));
  if (sides.length === 0) return [];
  const confirmed = confirmedLines(vouchers);
  const lines = await linesNear(tx, ref, [bankAccount], from, to);
  const marks = matchLedger(
    sides.map((s) => s.ledger),
    lines.filter((l) => !confirmed.has(keyOfLine(l))),
  );
  if (marks.length > 0) await tx.markTransactions(ref, marks);
  return marks;
}

/** The client's own bank account numbers per bank account: registered on the client, and as its statements spell them. */
export function ownAccountNumbers(client: ClientRow, statements: readonly { readonly bankAccount: AccountNo; readonly accountNumber?: string | undefined }[]): Map<AccountNo, string[]> {
  const out = new Map<AccountNo, string[]>();
  const add = (account: AccountNo, number: string | undefined): void => {
    if (number === undefined || digits(number) === '' || !client.bankAccounts.includes(account)) return;
    const list = out.get(account) ?? [];
    if (!list.includes(number)) list.push(number);
    out.set(account, list);
  };
  for (const [account, number] of Object.entries(client.accountNumbers ?? {})) add(account, number);
  for (const s of statements) add(s.bankAccount, s.accountNumber);
  return out;
}

/**
 * Fewest digits an account number written inside a longer one (in an IBAN, or after a clearing
 * number) must have to be taken as the same account: a Swedish bank account number has at least
 * seven digits besides its clearing number, so a shorter tail is no account of its own.
 */
const MIN_ACCOUNT_DIGITS = 7;

/** True when the two spellings name one account: the same number, or one written inside the other (an IBAN, a clearing number in front). */
export function sameOwnAccount(a: string, b: string): boolean {
  if (sameAccountNumber(a, b)) return true;
  const da = digits(a).replace(/^0+/, '');
  const db = digits(b).replace(/^0+/, '');
  const [short, long] = da.length <= db.length ? [da, db] : [db, da];
  return short.length >= MIN_ACCOUNT_DIGITS && long.endsWith(short);
}

/** Why a transfer between the client's own accounts is looked at before it is booked. */
export const TRANSFER_REVIEW_REASON = "A transfer between the client's own accounts: one voucher books both of its lines, so confirm it for one side only (the other is then marked booked).";

/** What tells that a line is a transfer to or from another of the client's bank accounts. */
export interface TransferSide {
  /** The other bank account (BAS), the voucher's counter row. */
  readonly account: AccountNo;
  /** What says so, for the suggestion's reason. */
  readonly why: string;
}

/**
 * The lines among `lines` that move money between the client's own bank accounts, by index: the
 * line's counterparty account is the number of another of its bank accounts; or, for a line of
 * a transfer kind (as the parser classes it), the other account's statement holds a line of the
 * opposite amount within {@link MATCH_WINDOW_DAYS} days, of a transfer kind too or naming this
 * account, and no other of the client's accounts does.
 */
export async function transferSidesOf(
  tx: StoreSession,
  ref: ClientRef,
  client: ClientRow,
  lines: readonly { readonly date: string; readonly amount: number; readonly text: string; readonly id?: string | undefined; readonly bankAccount?: AccountNo | undefined; readonly counterpartyAccount?: string | undefined; readonly kind?: string | undefined }[],
  firstBank: AccountNo,
  statements: readonly { readonly bankAccount: AccountNo; readonly accountNumber?: string | undefined }[],
): Promise<ReadonlyMap<number, TransferSide>> {
  const out = new Map<number, TransferSide>();
  if (client.bankAccounts.length < 2 || lines.length === 0) return out;
  const numbers = ownAccountNumbers(client, statements);
  const nameOf = (account: AccountNo): string => `${account}${client.accountNames?.[account] !== undefined ? ` ${client.accountNames[account]}` : ''}`;
  const pending: number[] = [];
  lines.forEach((t, i) => {
    const mine = t.bankAccount ?? firstBank;
    const cpa = t.counterpartyAccount;
    if (cpa !== undefined && digits(cpa) !== '') {
      if ((numbers.get(mine) ?? []).some((n) => sameOwnAccount(n, cpa))) return; // its own number: says nothing
      const to = client.bankAccounts.filter((a) => a !== mine && (numbers.get(a) ?? []).some((n) => sameOwnAccount(n, cpa)));
      if (to.length === 1) {
        out.set(i, { account: to[0] as AccountNo, why: `its counterparty account ${cpa} is the client's own ${nameOf(to[0] as AccountNo)}` });
        return;
      }
    }
    if (t.kind === 'transfer') pending.push(i);
  });
  if (pending.length === 0) return out;
  const dates = pending.map((i) => (lines[i] as { date: string }).date).sort();
  const others = client.bankAccounts.filter((a) => pending.some((i) => (lines[i]?.bankAccount ?? firstBank) !== a));
  const stored = await linesNear(tx, ref, others, dates[0] as string, dates[dates.length - 1] as string);
  const byAmount = new Map<number, TransactionRow[]>();
  for (const l of stored) {
    const list = byAmount.get(l.amount);
    if (list === undefined) byAmount.set(l.amount, [l]);
    else list.push(l);
  }
  for (const i of pending) {
    const t = lines[i] as (typeof lines)[number];
    const mine = t.bankAccount ?? firstBank;
    const day = dayNumber(t.date);
    const sides = (byAmount.get(-t.amount) ?? []).filter(
      (l) =>
        l.bankAccount !== mine &&
        l.pending !== true &&
        Math.abs(dayNumber(l.date) - day) <= MATCH_WINDOW_DAYS &&
        (l.kind === 'transfer' || (l.counterpartyAccount !== undefined && (numbers.get(mine) ?? []).some((n) => sameOwnAccount(n, l.counterpartyAccount as string)))),
    );
    const accounts = [...new Set(sides.map((l) => l.bankAccount))];
    if (accounts.length !== 1) continue;
    const side = sides.sort((a, b) => Math.abs(dayNumber(a.date) - day) - Math.abs(dayNumber(b.date) - day))[0] as TransactionRow;
    out.set(i, { account: accounts[0] as AccountNo, why: `the other side is on the statement of ${nameOf(accounts[0] as AccountNo)}: ${side.date}, ${formatKronor(side.amount)} kr, ${JSON.stringify(side.text)}` });
  }
  return out;
}

/**
 * The suggestion for a transfer between the client's own accounts: the bank row against the other
 * bank account, without VAT. Its confidence is 0, as an open-item class the fit never saw: no
 * benchmark holds enough such pairs to fit one, so it is offered for review and never auto-booked.
 * What the engine suggested besides stays as the first alternative; its review reasons were about
 * that suggestion, so only the transfer's is given.
 */
export function transferSuggestion(t: { readonly date: string; readonly amount: number; readonly text: string }, bankAccount: AccountNo, side: TransferSide, engine: Suggestion): Suggestion {
  const direction = t.amount < 0 ? `from ${bankAccount} to ${side.account}` : `from ${side.account} to ${bankAccount}`;
  const alternatives = engine.account !== null && engine.account !== side.account ? [{ account: engine.account, confidence: engine.confidence, source: engine.source ?? 'rule', reason: engine.reason }, ...engine.alternatives.filter((a) => a.account !== side.account && a.account !== engine.account)] : engine.alternatives.filter((a) => a.account !== side.account);
  return {
    voucher: { date: t.date, text: t.text, rows: [{ account: bankAccount, amount: t.amount }, { account: side.account, amount: -t.amount }] },
    account: side.account,
    confidence: 0,
    source: 'client',
    reason: `A transfer between the client's own accounts, ${direction}, without VAT: ${side.why}.`,
    alternatives,
    review: true,
    reviewReasons: [TRANSFER_REVIEW_REASON],
    autoBook: false,
    key: engine.key,
    match: 'transfer',
  };
}
