/**
 * Which ledger accounts are a client's bank and cash accounts, found rather than assumed: the 19xx
 * accounts its books use (BAS: 1910 kassa, 1920 plusgiro, 1930 företagskonto, 1940 …), with the
 * names its chart gives them. Every guess is reported as a warning.
 *
 * @module
 */
import { BANK_ACCOUNT_PATTERN } from '../knowledge/cold-start.js';
import type { AccountNo } from '../knowledge/types.js';
import type { SieDocument } from '../sie/types.js';
import type { ClientRow, StoreSession, VoucherSeries } from '../store/store.js';
import { nextFreeSeries, refOf } from './shared.js';
import type { LearnWarning } from './types.js';

/** A 19xx account of the books, with how many vouchers use it and its chart name. */
export interface BooksBankAccount {
  readonly account: AccountNo;
  readonly name: string | undefined;
  readonly vouchers: number;
}

/** The 19xx accounts the vouchers of `doc` use, most used first. */
export function bankAccountsInBooks(doc: SieDocument): BooksBankAccount[] {
  const counts = new Map<AccountNo, number>();
  for (const v of doc.vouchers) {
    const used = new Set(v.transactions.filter((t) => BANK_ACCOUNT_PATTERN.test(t.account) && t.amount !== 0).map((t) => t.account));
    for (const a of used) counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  const names = new Map(doc.accounts.map((a) => [a.number, a.name.trim()]));
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([account, vouchers]) => ({ account, name: names.get(account) || undefined, vouchers }));
}

/** "1920 PlusGiro (38 vouchers)". */
export function describeBankAccount(b: BooksBankAccount): string {
  return `${b.account}${b.name !== undefined ? ` ${b.name}` : ''} (${b.vouchers} voucher${b.vouchers === 1 ? '' : 's'})`;
}

/**
 * `BANK_ACCOUNT_NOT_LEARNED` for the 19xx accounts of the books that are not among `accounts`
 * (described by `what`), none when every one is; `remedy` says what to do.
 */
function notLearned(books: readonly BooksBankAccount[], accounts: readonly AccountNo[], what: string, remedy: string): LearnWarning[] {
  const others = books.filter((b) => !accounts.includes(b.account));
  if (others.length === 0) return [];
  const one = others.length === 1;
  return [
    {
      code: 'BANK_ACCOUNT_NOT_LEARNED',
      message: `The books ${accounts.some((a) => books.some((b) => b.account === a)) ? 'also ' : ''}use ${others.map(describeBankAccount).join(', ')}, which ${one ? 'is' : 'are'} not among the ${what}: ${one ? 'its' : 'their'} vouchers were not learned as bank bookings; ${one ? remedy.replace('them', 'it') : remedy}`,
    },
  ];
}

/**
 * The bank accounts to learn `doc` with, and the client as it should be stored afterwards. Given
 * accounts (the option) are used as they are. A client whose accounts were never given (the 1930
 * default, or an earlier file) takes the 19xx accounts of its books, keeping an account that
 * already has imported lines; a client whose accounts were given keeps them, and a 19xx account of
 * its books that is not among them is reported.
 */
export async function bankAccountsFor(
  tx: StoreSession,
  client: ClientRow,
  doc: SieDocument,
  given: readonly AccountNo[] | undefined,
): Promise<{ client: ClientRow; bankAccounts: readonly AccountNo[]; warnings: LearnWarning[] }> {
  const books = bankAccountsInBooks(doc);
  // Given accounts are used as they are; the books' other 19xx accounts are said, as for a client's stated ones.
  if (given !== undefined) return { client, bankAccounts: given, warnings: notLearned(books, given, `accounts of the bankAccounts option (${given.join(', ')})`, 'pass them in bankAccounts') };
  const warnings: LearnWarning[] = [];
  if (client.bankAccountsFrom === undefined || books.length === 0) {
    const what = `bank accounts of client "${client.id}" (${client.bankAccounts.join(', ')})`;
    return { client, bankAccounts: client.bankAccounts, warnings: notLearned(books, client.bankAccounts, what, "add them to the client's bankAccounts or pass bankAccounts") };
  }
  // Accounts found earlier stay (a later file may not use all of them), as does one with lines.
  const keep: AccountNo[] = [];
  for (const a of client.bankAccounts) {
    if (books.some((b) => b.account === a)) continue;
    if (client.bankAccountsFrom === 'sie' || (await tx.listTransactions(refOf(client), { bankAccount: a })).length > 0) keep.push(a);
  }
  const accounts = [...books.map((b) => b.account), ...keep];
  const series: Record<AccountNo, VoucherSeries> = {};
  const used = new Set<string>();
  for (const a of accounts) {
    const s = client.series[a];
    if (s !== undefined) {
      series[a] = s;
      used.add(s);
    }
  }
  for (const a of accounts) {
    if (series[a] !== undefined) continue;
    const s = nextFreeSeries(used);
    series[a] = s;
    used.add(s);
  }
  const same = accounts.length === client.bankAccounts.length && accounts.every((a) => client.bankAccounts.includes(a));
  if (!same || client.bankAccountsFrom === 'default') {
    warnings.push({
      code: 'BANK_ACCOUNTS_FROM_SIE',
      message: `Client "${client.id}" was added without bank accounts: took ${books.map(describeBankAccount).join(', ')} from its books${keep.length > 0 ? `, and kept ${keep.join(', ')}` : ''}${client.bankAccountsFrom === 'default' && !accounts.includes('1930') ? ' instead of the default 1930' : ''}; a statement is put on one of them by its account number or the bankAccount option`,
    });
  }
  const updated: ClientRow = { ...client, bankAccounts: accounts, series, bankAccountsFrom: 'sie' };
  return { client: same && client.bankAccountsFrom === 'sie' ? client : updated, bankAccounts: accounts, warnings };
}
