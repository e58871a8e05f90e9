/**
 * From a confirmed voucher to a booking template (counter-accounts, VAT, fixed amounts and
 * proportions), and back from a template to the rows for a new bank amount.
 */
import { trySumAmounts } from '../core/money.js';
import { defaultVatAccounts } from '../vat/rates.js';
import { divRound, vatRows } from '../vat/split.js';
import type { AccountNo, BookingTemplate, Direction, TemplateLine, VatMode, VatRate, VatSpec, VoucherRow } from './types.js';

/** The VAT accounts (2610–2649) a VAT row can be booked to; 2650 (settlement) is not a VAT row. */
const VAT_ACCOUNT = /^26[1-4]\d$/;
/** Output VAT of reverse charge (2614/2624/2634), import (2615/2625/2635). */
const REVERSE_OUTPUT = /^26[123]4$/;
const IMPORT_OUTPUT = /^26[123]5$/;
/** A learned VAT row may differ from the computed one by this many öre (receipts round per line). */
const VAT_TOLERANCE_ORE = 2;
/** Parts per million: shares are stored as integers. */
const PPM = 1_000_000;

/** Result of reading a voucher against the client's bank accounts. */
export type TemplateReading =
  | { readonly ok: true; readonly template: BookingTemplate; readonly bankAmount: number; readonly bankAccount: AccountNo }
  | { readonly ok: false; readonly reason: 'no-bank-row' | 'only-bank-rows' | 'zero-amount' };

/** Stable id of a template's shape. Two bookings with the same id are evidence for the same template. */
export function templateId(t: BookingTemplate): string {
  return `${t.direction}|${t.vat.mode}|${t.vat.rate}|${t.vat.accounts.join(',')}|${t.lines.map((l) => l.account).join(',')}`;
}

/**
 * The account a template is "about": its largest non-VAT line (for a loan the amortisation, for a
 * salary the gross salary), which is also what a bookkeeper calls the counter-account.
 */
export function mainAccount(t: BookingTemplate): AccountNo {
  let best: TemplateLine | undefined;
  for (const l of t.lines) {
    const vat = VAT_ACCOUNT.test(l.account);
    const bestVat = best !== undefined && VAT_ACCOUNT.test(best.account);
    if (best === undefined || (bestVat && !vat) || (bestVat === vat && Math.abs(l.lastAmount) > Math.abs(best.lastAmount))) best = l;
  }
  return best?.account ?? '';
}

function nearestRate(vat: number, base: number, half: boolean): { rate: VatRate; error: number } | undefined {
  let best: { rate: VatRate; error: number } | undefined;
  for (const rate of [25, 12, 6] as const) {
    const expected = half ? divRound(base * rate, 2 * (100 + rate)) : divRound(base * rate, 100 + rate);
    const error = Math.abs(expected - vat);
    if (best === undefined || error < best.error) best = { rate, error };
  }
  return best;
}

function reverseRate(vat: number, base: number): VatRate | undefined {
  for (const rate of [25, 12, 6] as const) {
    if (Math.abs(divRound(base * rate, 100) - vat) <= VAT_TOLERANCE_ORE) return rate;
  }
  return undefined;
}

function reverseMode(input: AccountNo, output: AccountNo, lines: readonly VoucherRow[]): VatMode {
  if (IMPORT_OUTPUT.test(output)) return 'import';
  if (input === '2647') return 'reverse-domestic';
  const main = lines[0]?.account ?? '';
  if (/^451\d$/.test(main)) return 'reverse-eu-goods';
  if (/^453[1-3]$/.test(main)) return 'reverse-non-eu-services';
  if (/^454\d$/.test(main)) return 'import';
  if (/^44[12]\d$/.test(main)) return 'reverse-domestic';
  return 'reverse-eu-services';
}

function shareOf(amount: number, gross: number): number {
  return gross === 0 ? 0 : Math.round((amount * PPM) / Math.abs(gross));
}

/**
 * Reads a voucher as a template: the rows on `bankAccounts` are the bank side, 26xx rows that fit a
 * VAT rate are the VAT part, everything else is a counter-line (the largest is `rest`, the others
 * proportional until later bookings show they are fixed).
 *
 * ```ts
 * readTemplate([{ account: '1930', amount: -12500 }, { account: '6212', amount: 10000 }, { account: '2641', amount: 2500 }], ['1930'])
 * // template: out, standard 25 % on 2641, one rest line 6212
 * ```
 */
export function readTemplate(rows: readonly VoucherRow[], bankAccounts: readonly AccountNo[]): TemplateReading {
  const bankRows = rows.filter((r) => bankAccounts.includes(r.account));
  if (bankRows.length === 0) return { ok: false, reason: 'no-bank-row' };
  const bankAmount = trySumAmounts(bankRows);
  if (bankAmount === undefined) return { ok: false, reason: 'zero-amount' };
  if (bankAmount === 0) return { ok: false, reason: 'zero-amount' };
  const bankAccount = [...bankRows].sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount))[0]?.account ?? '';
  // Merge counter rows per account (a voucher may split one account over several rows).
  const merged = new Map<AccountNo, number>();
  for (const r of rows) {
    if (bankAccounts.includes(r.account)) continue;
    merged.set(r.account, (merged.get(r.account) ?? 0) + r.amount);
  }
  const counter = [...merged].filter(([, a]) => a !== 0).map(([account, amount]) => ({ account, amount }));
  if (counter.length === 0) return { ok: false, reason: 'only-bank-rows' };
  const direction: Direction = bankAmount < 0 ? 'out' : 'in';
  const gross = -bankAmount;

  const vatRowsFound = counter.filter((r) => VAT_ACCOUNT.test(r.account));
  let other = counter.filter((r) => !VAT_ACCOUNT.test(r.account));
  let vat: VatSpec = { mode: 'none', rate: 0, accounts: [] };

  if (other.length === 0) {
    // Only VAT accounts on the counter side (e.g. paying 2641 directly): ordinary lines.
    other = counter;
  } else if (vatRowsFound.length === 2) {
    const [a, b] = vatRowsFound as [VoucherRow, VoucherRow];
    const input = a.amount > 0 ? a : b;
    const output = a.amount > 0 ? b : a;
    const base = other.reduce((s, r) => s + r.amount, 0);
    const rate = input.amount === -output.amount ? reverseRate(input.amount, Math.abs(base)) : undefined;
    if (rate !== undefined && REVERSE_OUTPUT.test(output.account) !== IMPORT_OUTPUT.test(output.account)) {
      const sorted = [...other].sort((x, y) => Math.abs(y.amount) - Math.abs(x.amount));
      vat = { mode: reverseMode(input.account, output.account, sorted), rate, accounts: [input.account, output.account] };
    } else {
      other = counter;
    }
  } else if (vatRowsFound.length === 1) {
    const v = vatRowsFound[0] as VoucherRow;
    const full = nearestRate(v.amount, gross, false);
    const half = nearestRate(v.amount, gross, true);
    if (full !== undefined && full.error <= VAT_TOLERANCE_ORE) {
      vat = { mode: 'standard', rate: full.rate, accounts: [v.account] };
    } else if (half !== undefined && half.error <= VAT_TOLERANCE_ORE) {
      vat = { mode: 'half', rate: half.rate, accounts: [v.account] };
    } else {
      other = counter;
    }
  } else if (vatRowsFound.length > 2) {
    other = counter;
  }

  // The largest row is the main one, but a VAT account kept as an ordinary line (mixed rates) never is.
  const byMagnitude = [...other].sort(
    (x, y) => Number(VAT_ACCOUNT.test(x.account)) - Number(VAT_ACCOUNT.test(y.account)) || Math.abs(y.amount) - Math.abs(x.amount) || x.account.localeCompare(y.account),
  );
  const restAccount = byMagnitude[0]?.account;
  // A single line takes everything; its amount says nothing, so it is stored as 0 (and templates
  // of the same shape can be one shared object).
  const single = other.length === 1;
  const lines: TemplateLine[] = other
    .map((r) => ({
      account: r.account,
      rule: r.account === restAccount ? ('rest' as const) : ('share' as const),
      lastAmount: single ? 0 : r.amount,
      ppm: single ? 0 : shareOf(r.amount, gross),
    }))
    .sort((x, y) => x.account.localeCompare(y.account));
  return { ok: true, template: { direction, vat, lines }, bankAmount, bankAccount };
}

/**
 * Merges a new reading into known evidence of the same shape: a line whose amount repeats is
 * `fixed`; one whose proportion repeats is `share`; the line that varies is `rest`.
 */
export function mergeTemplate(known: BookingTemplate, fresh: BookingTemplate, freshGross: number): BookingTemplate {
  if (fresh.lines.length < 2) return fresh;
  const lines = fresh.lines.map((f) => {
    const k = known.lines.find((l) => l.account === f.account);
    if (k === undefined) return f;
    if (k.lastAmount === f.lastAmount && (k.rule === 'fixed' || k.rule === 'share' || k.rule === 'rest')) {
      return { ...f, rule: 'fixed' as const };
    }
    const expected = divRound(k.ppm * Math.abs(freshGross), PPM);
    if (Math.abs(expected - f.lastAmount) <= VAT_TOLERANCE_ORE) return { ...f, rule: 'share' as const };
    return { ...f, rule: 'rest' as const };
  });
  // Exactly one rest line: prefer the varying one; if none varies, the largest stays rest.
  const restIdx = lines.findIndex((l) => l.rule === 'rest');
  const rank = (l: TemplateLine): number => (VAT_ACCOUNT.test(l.account) ? 0 : Math.abs(l.lastAmount) + 1);
  const biggest = lines.reduce((bi, l, i, arr) => (rank(l) > rank(arr[bi] as TemplateLine) ? i : bi), 0);
  const chosen = restIdx >= 0 && !VAT_ACCOUNT.test(lines[restIdx]?.account ?? '') ? restIdx : biggest;
  return {
    ...fresh,
    lines: lines.map((l, i) => (i === chosen ? { ...l, rule: 'rest' as const } : l.rule === 'rest' ? { ...l, rule: 'share' as const } : l)),
  };
}

/** Result of applying a template to a bank amount. */
export type TemplateRows =
  | { readonly ok: true; readonly rows: readonly VoucherRow[] }
  | { readonly ok: false; readonly reason: 'direction' | 'rest-sign' };

/**
 * The counter and VAT rows for a new bank amount (signed öre) under a template; they sum to
 * exactly −bankAmount. VAT is computed on what is left after fixed and proportional lines.
 */
export function applyTemplate(t: BookingTemplate, bankAmount: number, vat: VatSpec = t.vat): TemplateRows {
  const direction: Direction = bankAmount < 0 ? 'out' : 'in';
  if (direction !== t.direction) return { ok: false, reason: 'direction' };
  const total = -bankAmount;
  const gross = Math.abs(bankAmount);
  const rows: VoucherRow[] = [];
  let left = total;
  for (const l of t.lines) {
    if (l.rule === 'rest') continue;
    const amount = l.rule === 'fixed' ? l.lastAmount : mulPpm(l.ppm, gross);
    rows.push({ account: l.account, amount });
    left -= amount;
  }
  const spec = { mode: vat.mode, rate: vat.rate, accounts: vat.accounts.length > 0 ? vat.accounts : defaultVatAccounts(vat.mode, vat.rate, direction) };
  const v = vatRows(spec, left, direction);
  const rest = t.lines.find((l) => l.rule === 'rest');
  if (rest !== undefined) {
    // The rest keeps the sign it was learned with (a salary's tax line is a credit inside a payment).
    const expected = rest.lastAmount === 0 ? Math.sign(total) : Math.sign(rest.lastAmount);
    if (v.remaining === 0 || Math.sign(v.remaining) !== expected) return { ok: false, reason: 'rest-sign' };
    rows.unshift({ account: rest.account, amount: v.remaining });
  } else if (v.remaining !== 0) {
    return { ok: false, reason: 'rest-sign' };
  }
  rows.push(...v.rows);
  return { ok: true, rows: rows.filter((r) => r.amount !== 0) };
}

/**
 * The same template reduced to its main account and VAT: used when the learned split does not fit
 * a new amount (fixed parts larger than the payment, a new mix of rows).
 */
export function simplifyTemplate(t: BookingTemplate): BookingTemplate {
  const account = mainAccount(t);
  return { ...t, lines: [{ account, rule: 'rest', lastAmount: 0, ppm: 0 }] };
}

function mulPpm(ppm: number, gross: number): number {
  const product = ppm * gross;
  if (Number.isSafeInteger(product)) return divRound(product, PPM);
  const big = BigInt(ppm) * BigInt(gross);
  const den = BigInt(PPM);
  const sign = big < 0n ? -1n : 1n;
  const abs = big < 0n ? -big : big;
  const q = abs / den;
  const r = abs - q * den;
  return Number(sign * (r * 2n >= den ? q + 1n : q));
}
