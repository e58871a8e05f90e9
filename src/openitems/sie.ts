/**
 * The open-item ledger's view of a SIE file: its vouchers, and the closing balances of the item
 * accounts when the file has balances (an export, 4E).
 *
 * @module
 */
import { ACCOUNT_NUMBER_PATTERN } from '../knowledge/cold-start.js';
import type { AccountNo } from '../knowledge/types.js';
import { exportDate, fiscalYears, isNumbered, sameFiscalYear, voucherIdentity, voucherYearStart, withOrdinal } from '../sie/fiscal-year.js';
import type { FiscalYears } from '../sie/fiscal-year.js';
import type { SieDocument, SieTransaction, SieVoucher } from '../sie/types.js';
import { fingerprint } from '../core/fingerprint.js';
import { dayNumber } from '../knowledge/learn.js';
import { BAS_OPEN_ITEM_ACCOUNTS, openItemKind } from './accounts.js';
import { itemVoucherId } from './ledger.js';
import type { OpenItem, OpenItemVoucher, OpenItemAccounts } from './types.js';

/**
 * The open-item ledger's id of a SIE voucher that the ledger of bank vouchers holds as `ledgerId`
 * (`2026-01-01 B 12` → `sie:2026-01-01 B 12`): one voucher, one identity, in both.
 */
export function openItemVoucherId(ledgerId: string): string {
  return `sie:${ledgerId}`;
}

/**
 * The id of each voucher of `doc` (by place in the file), and the id kontera gave it before ids had
 * the fiscal year. A numbered voucher is identified by the start of its fiscal year, its series and
 * its number (`sie:2025-07-01 B 12`), as the ledger of bank vouchers identifies it (see
 * `sie/fiscal-year.ts`): numbering restarts every fiscal year. One without a number (a 4I file
 * leaves it to the importing program, also when it gives a series) by its date, series and content
 * (`sie:2026-01-05 B ~…`), with an ordinal among identical ones (` (2)`), so that two files, or
 * the invoices of one series-only file, do not share an id. Before, a voucher without a number was
 * `sie:#<place in the file>`, or `sie:<series>:` when it had a series.
 */
function voucherIds(doc: SieDocument, years: FiscalYears): { readonly id: string; readonly old: string }[] {
  const seen = new Map<string, number>();
  return doc.vouchers.map((v, index) => {
    const numbered = isNumbered(v.number);
    const old = numbered || v.series !== '' ? `sie:${v.series}:${v.number}` : `sie:#${index + 1}`;
    if (numbered) return { id: openItemVoucherId(voucherIdentity(doc, v, '', years).id), old };
    // Without a number: by content, the repeats of one file counted (a numbered voucher keeps one id however often the file holds it).
    const rows = v.transactions.filter((t) => ACCOUNT_NUMBER_PATTERN.test(t.account));
    const print = fingerprint(v.date, v.text, ...rows.map((t) => `${t.account} ${t.amount}`));
    return { id: openItemVoucherId(withOrdinal(voucherIdentity(doc, v, print).id, seen)), old };
  });
}

/**
 * The vouchers of a SIE document that touch an open-item account, for `updateLedger`. Rows on
 * marker accounts (`FEL`, `DIFF`) are left out; vouchers that do not balance are left out.
 * `years` tells a numbered voucher's fiscal year (default: the file's `#RAR`, else inferred from
 * the file, see `fiscalYears` in sie/fiscal-year.ts). Each carries the file's `#GEN` date
 * (`exported`), which tells an edited voucher's newer version from an older one.
 */
export function sieLedgerVouchers(doc: SieDocument, accounts: OpenItemAccounts = BAS_OPEN_ITEM_ACCOUNTS, years: FiscalYears = fiscalYears(doc)): OpenItemVoucher[] {
  return readVouchers(doc, years, (rows) => rows.some((t) => openItemKind(t.account, accounts) !== null));
}

/**
 * The numbered vouchers of a SIE document that balance but touch no open-item account, as
 * {@link sieLedgerVouchers} gives vouchers: given to `updateLedger`, the one among them that booked
 * or settled an item in an earlier file (edited since) closes or gives back what it did.
 */
export function sieVouchersOffItems(doc: SieDocument, accounts: OpenItemAccounts = BAS_OPEN_ITEM_ACCOUNTS, years: FiscalYears = fiscalYears(doc)): OpenItemVoucher[] {
  return readVouchers(doc, years, (rows, v) => isNumbered(v.number) && !rows.some((t) => openItemKind(t.account, accounts) !== null));
}

function readVouchers(doc: SieDocument, years: FiscalYears, keep: (rows: readonly SieTransaction[], v: SieVoucher) => boolean): OpenItemVoucher[] {
  const out: OpenItemVoucher[] = [];
  const ids = voucherIds(doc, years);
  const gen = exportDate(doc);
  const exported = gen !== undefined ? { exported: gen } : {};
  doc.vouchers.forEach((v, index) => {
    const rows = v.transactions.filter((t) => ACCOUNT_NUMBER_PATTERN.test(t.account));
    if (!keep(rows, v)) return;
    if (rows.reduce((s, t) => s + t.amount, 0) !== 0) return;
    out.push({
      id: (ids[index] as { id: string }).id,
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
      ...exported,
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

/**
 * The vouchers the ledger `items` were booked or settled by in SIE files, once each: id (as
 * {@link sieLedgerVouchers} gives it), series, number, date and text. A settlement does not keep
 * its voucher's series and number: it is numbered unless its id is by content (`~`).
 */
export function storedSieVouchers(items: readonly OpenItem[]): { id: string; series: string; number: string; date: string; text: string }[] {
  const out = new Map<string, { id: string; series: string; number: string; date: string; text: string }>();
  for (const i of items) {
    if (i.origin === 'sie') out.set(itemVoucherId(i), { id: itemVoucherId(i), series: i.series, number: i.number, date: i.date, text: i.text });
    for (const s of i.settlements) {
      if (s.origin !== 'sie' || out.has(s.voucher)) continue;
      const m = /^sie:\d{4}-\d{2}-\d{2} (?:(.*?) )?~/s.exec(s.voucher);
      out.set(s.voucher, { id: s.voucher, series: m?.[1] ?? '', number: m === null ? '?' : '', date: s.date, text: '' });
    }
  }
  return [...out.values()];
}

const YEAR_ID = /^sie:(\d{4}-\d{2}-\d{2}) (.*)$/s;

/**
 * `vouchers` (of `doc`, see {@link sieLedgerVouchers}) with the ids under which the ledger `items`
 * already know them, where those differ from the id read from this file, so that no voucher adds an
 * invoice or settles one twice:
 *
 * - a 4I file without `#RAR` and the 4E export of a fiscal year that does not start in January give
 *   a numbered voucher two year starts: a stored voucher with the same series and number in the
 *   same fiscal year (see `sameFiscalYear`) is the same voucher;
 * - ledgers stored before vouchers were identified by fiscal year hold ids without one
 *   (`sie:B:12`): a stored voucher of that id is the same voucher when its date lies in the read
 *   voucher's fiscal year (`#RAR`), else in the same calendar year. The voucher of the same series
 *   and number of another year is another voucher and gets an id of its own, so learning that year
 *   again adds the invoices and payments such a ledger missed;
 * - a voucher without a number stored under its id from before (`sie:#3`, its place in the file, or
 *   `sie:B:` for a series without a number) of the same date keeps it, so learning its file again
 *   adds nothing twice.
 *
 * Of several candidates the closest date wins; a stored voucher (id and date) is taken at most once.
 * The stored vouchers are those of the items (invoices) and of their settlements of origin `sie`.
 * `years` must be the one `vouchers` were read with.
 */
export function storedVoucherIds(doc: SieDocument, vouchers: readonly OpenItemVoucher[], items: readonly OpenItem[], years: FiscalYears = fiscalYears(doc)): OpenItemVoucher[] {
  const ids = new Set(vouchers.map((v) => v.id));
  // Stored vouchers by their id without the year start (series and number), or by the id from
  // before; each (id, date) once. Ids this file names as they are stay theirs.
  const stored = new Map<string, { id: string; date: string; start: string | undefined }[]>();
  const seen = new Set<string>();
  const known = new Set<string>();
  const add = (id: string, date: string): void => {
    known.add(id);
    if (ids.has(id) || !id.startsWith('sie:')) return;
    const k = `${id}\u0000${date}`;
    if (seen.has(k)) return;
    seen.add(k);
    const m = YEAR_ID.exec(id);
    const key = m !== null ? `y\u0000${m[2] as string}` : `o\u0000${id.slice(4)}`;
    const list = stored.get(key);
    const entry = { id, date, start: m?.[1] };
    if (list === undefined) stored.set(key, [entry]);
    else list.push(entry);
  };
  for (const i of items) {
    if (i.origin === 'sie') add(itemVoucherId(i), i.date);
    for (const s of i.settlements) if (s.origin === 'sie') add(s.voucher, s.date);
  }
  if (stored.size === 0) return [...vouchers];
  const oldIds = new Map(voucherIds(doc, years).map((x) => [x.id, x.old]));
  const taken = new Set<string>();
  return vouchers.map((v) => {
    if (known.has(v.id)) return v;
    const old = oldIds.get(v.id) ?? '';
    if (!isNumbered(v.number)) return take(v, (stored.get(`o\u0000${old.slice(4)}`) ?? []).filter((c) => c.date === v.date));
    const fiscalYear = years(v.date);
    const start = voucherYearStart(fiscalYear, v.date);
    const read = { date: v.date, start, fiscalYear };
    const candidates = [
      ...(stored.get(`y\u0000${v.series} ${v.number}`) ?? []).filter((c) => sameFiscalYear(read, { date: c.date, start: c.start ?? '' })),
      // Stored without a year: the same fiscal year where the file says, else the same calendar year.
      ...(stored.get(`o\u0000${old.slice(4)}`) ?? []).filter((c) => (fiscalYear !== undefined ? fiscalYear.start <= c.date && c.date <= fiscalYear.end : c.date.slice(0, 4) === v.date.slice(0, 4))),
    ];
    return take(v, candidates);
  });

  function take(v: OpenItemVoucher, candidates: readonly { readonly id: string; readonly date: string }[]): OpenItemVoucher {
    let best: { id: string; date: string } | undefined;
    for (const c of candidates) {
      if (taken.has(`${c.id}\u0000${c.date}`)) continue;
      if (best === undefined || Math.abs(dayNumber(c.date) - dayNumber(v.date)) < Math.abs(dayNumber(best.date) - dayNumber(v.date))) best = c;
    }
    if (best === undefined) return v;
    taken.add(`${best.id}\u0000${best.date}`);
    return { ...v, id: best.id };
  }
}
