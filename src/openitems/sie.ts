/**
 * The open-item ledger's view of a SIE file: its vouchers, and the closing balances of the item
 * accounts when the file has balances (an export, 4E).
 *
 * @module
 */
import { ACCOUNT_NUMBER_PATTERN } from '../knowledge/cold-start.js';
import type { AccountNo } from '../knowledge/types.js';
import type { SieDocument } from '../sie/types.js';
import { BAS_OPEN_ITEM_ACCOUNTS, openItemKind } from './accounts.js';
import type { OpenItemVoucher, OpenItemAccounts } from './types.js';

/** A voucher without series or number (a 4I import file) is told apart by its place in the file. */
function voucherId(series: string, number: string, index: number): string {
  return series === '' && (number === '' || number === '0') ? `sie:#${index + 1}` : `sie:${series}:${number}`;
}

/**
 * The vouchers of a SIE document that touch an open-item account, for `updateLedger`. Rows on
 * marker accounts (`FEL`, `DIFF`) are left out; vouchers that do not balance are left out.
 */
export function sieLedgerVouchers(doc: SieDocument, accounts: OpenItemAccounts = BAS_OPEN_ITEM_ACCOUNTS): OpenItemVoucher[] {
  const out: OpenItemVoucher[] = [];
  doc.vouchers.forEach((v, index) => {
    const rows = v.transactions.filter((t) => ACCOUNT_NUMBER_PATTERN.test(t.account));
    if (!rows.some((t) => openItemKind(t.account, accounts) !== null)) return;
    if (rows.reduce((s, t) => s + t.amount, 0) !== 0) return;
    out.push({
      id: voucherId(v.series, v.number, index),
      origin: 'sie',
      series: v.series,
      number: v.number,
      date: v.date,
      text: v.text,
      rows: rows.map((t) => ({
        account: t.account,
        amount: t.amount,
        ...(t.text !== undefined && t.text.trim() !== '' ? { text: t.text } : {}),
        ...(t.objects.length > 0 ? { objects: t.objects } : {}),
      })),
    });
  });
  return out;
}

/**
 * The item accounts' balances at the end of the file's vouchers: the closing balance (`#UB 0`) when
 * the file has one, else the opening balance (`#IB 0`, 0 when absent) plus the year's rows.
 * Undefined when the file carries no balances at all (an import file, 4I): the ledger is then not
 * reconciled.
 */
export function sieItemBalances(doc: SieDocument, accounts: OpenItemAccounts = BAS_OPEN_ITEM_ACCOUNTS): { readonly date: string; readonly balances: Map<AccountNo, number> } | undefined {
  const current = doc.balances.filter((b) => b.yearIndex === 0);
  if (!current.some((b) => b.kind === 'IB' || b.kind === 'UB')) return undefined;
  const balances = new Map<AccountNo, number>();
  const closing = new Map<AccountNo, number>();
  for (const b of current) {
    if (openItemKind(b.account, accounts) === null) continue;
    if (b.kind === 'IB') balances.set(b.account, (balances.get(b.account) ?? 0) + b.amount);
    if (b.kind === 'UB') closing.set(b.account, (closing.get(b.account) ?? 0) + b.amount);
  }
  let last = '';
  for (const v of doc.vouchers) {
    if (v.date > last) last = v.date;
    for (const t of v.transactions) {
      if (openItemKind(t.account, accounts) === null) continue;
      balances.set(t.account, (balances.get(t.account) ?? 0) + t.amount);
    }
  }
  for (const [a, ub] of closing) balances.set(a, ub);
  return last === '' ? undefined : { date: last, balances };
}
