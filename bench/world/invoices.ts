/**
 * Invoices for the generated world (bench/openitems.ts): clients that keep a supplier and customer
 * ledger, as Fortnox and Visma users do. Each client registers supplier invoices (credit 2440) and
 * customer invoices (debit 1510) days to weeks before they are paid; the bank lines that pay them
 * are booked bank ↔ 2440/1510. Mixed in: part payments (a customer pays in two goes), two invoices
 * of one supplier paid together, suppliers paid by OCR only (the bank line names no one), and
 * customers paying by OCR through bankgiro deposits: one `BG INSÄTTNING` line per deposit, with
 * the BgMax file of that deposit (some payments in it match no invoice). Every invoice voucher's
 * text follows one bookkeeping program's habit per client.
 *
 * Seeded (mulberry32); the other lines of the same clients come from `generateWorld`.
 */
import type { ClientSettings, TransactionInput, Voucher, VoucherRow } from '../../src/knowledge/types.js';
import { seededRandom as rng } from '../../test/support/random.js';
import { CITIES, LOCAL_ACCOUNTS, LOCAL_FIRST, LOCAL_TRADE } from './catalog.js';

/** How a client's bookkeeping program writes an invoice voucher. */
export const INVOICE_TEXT_STYLES = ['program', 'brackets', 'prefixed', 'rows'] as const;
export type InvoiceTextStyle = (typeof INVOICE_TEXT_STYLES)[number];

export interface InvoiceWorldOptions {
  readonly seed: number;
  readonly clients: readonly ClientSettings[];
  readonly months: number;
  /** `YYYY-MM`. */
  readonly start: string;
}

/** An invoice registration: a voucher that is not a bank line. */
export interface InvoiceEvent {
  readonly kind: 'invoice';
  readonly clientId: string;
  readonly date: string;
  /** Generator's invoice id, which the truth of the payments names. */
  readonly invoice: string;
  readonly series: string;
  readonly number: string;
  readonly voucher: { readonly text: string; readonly rows: readonly (VoucherRow & { readonly text?: string })[] };
}

/** A bank line, with the voucher the accountant books and the invoices it settles. */
export interface PaymentEvent {
  readonly kind: 'payment';
  readonly clientId: string;
  readonly date: string;
  readonly tx: TransactionInput;
  readonly truth: Voucher;
  /** Invoice ids it settles with the amount of each; empty for a deposit's unmatched part. */
  readonly settles: readonly { readonly invoice: string; readonly amount: number }[];
  readonly what: 'single' | 'part' | 'together' | 'ocr' | 'deposit';
  /** A deposit line: its BgMax file, and the invoice each of its payments pays (in file order; undefined: none). */
  readonly bgmax?: string | undefined;
  readonly depositInvoices?: readonly (string | undefined)[] | undefined;
}

export type InvoiceWorldEvent = InvoiceEvent | PaymentEvent;

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** An OCR number for an invoice number: the number, a length digit, a Luhn check digit. */
export function ocrFor(invoiceNumber: number): string {
  const base = String(invoiceNumber);
  const withLength = base + String((base.length + 2) % 10);
  for (let c = 0; c <= 9; c++) {
    const s = withLength + String(c);
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let d = Number(s[s.length - 1 - i]);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

interface Party {
  readonly name: string;
  readonly bankgiro: string;
  readonly account: string;
  readonly kronor: number;
  readonly fixed: boolean;
  /** Suppliers: paid by OCR only, the bank prints no name. Customers: pay through bankgiro deposits. */
  readonly ocr: boolean;
}

function party(r: () => number, supplier: boolean): Party {
  const t = Math.floor(r() * LOCAL_TRADE.length);
  const name = `${pick(r, LOCAL_FIRST)} ${LOCAL_TRADE[t]} ${pick(r, ['AB', 'AB', 'HB', `i ${pick(r, CITIES).toLowerCase().replace(/^./, (c) => c.toUpperCase())}`])}`;
  return {
    name,
    bankgiro: `${5000 + Math.floor(r() * 900)}-${String(Math.floor(r() * 10000)).padStart(4, '0')}`,
    account: supplier ? ((LOCAL_ACCOUNTS[t] ?? ['6990'])[0] as string) : pick(r, ['3001', '3041', '3010']),
    kronor: 400 + Math.floor(r() * 30000),
    fixed: r() < 0.3,
    ocr: r() < (supplier ? 0.25 : 0.3),
  };
}

function invoiceText(style: InvoiceTextStyle, supplier: boolean, nr: number, name: string): { voucher: string; row: string | undefined } {
  switch (style) {
    case 'program':
      return { voucher: `${supplier ? 'Leverantörsfaktura' : 'Kundfaktura'} ${nr} ${name}`, row: undefined };
    case 'brackets':
      return { voucher: `${supplier ? 'Lev.fakt' : 'Kundfakt'} ${nr}`, row: `[${nr}] ${name.toUpperCase()}` };
    case 'prefixed':
      return { voucher: `${supplier ? 'LF' : 'FA'}${nr}/${name}`, row: undefined };
    case 'rows':
      return { voucher: supplier ? 'Lev.fakt' : 'Kundfakt', row: name };
  }
}

/** The bank text of a payment to a supplier (by name or, for OCR payers, by bankgiro only). */
function supplierText(r: () => number, p: Party): string {
  const upper = p.name.toUpperCase();
  if (p.ocr) return `BG ${p.bankgiro}`;
  return pick(r, [`BG ${p.bankgiro} ${upper}`, `Betalning BG ${p.bankgiro} ${upper}`, upper.slice(0, 16), `BG-BET ${upper}`]);
}

function customerText(r: () => number, p: Party): string {
  const upper = p.name.toUpperCase();
  return pick(r, [`BG INB ${upper}`, `INBETALNING ${upper}`, upper.slice(0, 16), `Bankgiro inbetalning ${upper}`]);
}

function vatSplit(gross: number, rate: number): number {
  return Math.round((gross * rate) / (100 + rate));
}

function pad(s: string, n: number): string {
  return s.padEnd(n, ' ').slice(0, n);
}

function num(v: number | string, n: number): string {
  return String(v).padStart(n, '0');
}

/** A BgMax file of one deposit (records as in formats.md §3.6; names are ISO-8859-1 safe). */
export function bgmaxDeposit(date: string, bankgiro: string, payments: readonly { readonly ocr: string; readonly amount: number; readonly name: string; readonly bankgiro: string }[]): string {
  const d = date.replace(/-/g, '');
  const lines = [`01${pad('BGMAX', 20)}01${d}120000000000P`.padEnd(80, ' '), `05${num(bankgiro.replace(/\D/g, ''), 10)}${' '.repeat(10)}SEK`.padEnd(80, ' ')];
  payments.forEach((p, i) => {
    lines.push(`20${num(p.bankgiro.replace(/\D/g, ''), 10)}${p.ocr.padStart(25, ' ')}${num(p.amount, 18)}21${num(i + 1, 12)}0`.padEnd(80, ' '));
    lines.push(`26${pad(p.name, 35)}`.padEnd(80, ' '));
  });
  const total = payments.reduce((s, p) => s + p.amount, 0);
  lines.push(`15${num('58410000010098', 35)}${d}00001${num(total, 18)}SEK${num(payments.length, 8)} `);
  lines.push(`70${num(payments.length, 8)}${num(0, 8)}${num(0, 8)}${num(1, 8)}`.padEnd(80, ' '));
  return lines.join('\r\n') + '\r\n';
}

/**
 * Generates every client's invoices and the bank lines that pay them, in date order per client.
 *
 * ```ts
 * const events = generateInvoices({ seed: 2, clients, months: 12, start: '2025-10' });
 * ```
 */
export function generateInvoices(o: InvoiceWorldOptions): InvoiceWorldEvent[] {
  const r = rng(o.seed * 7919 + 17);
  const out: InvoiceWorldEvent[] = [];
  const first = `${o.start}-01`;
  const last = addDays(`${o.start}-01`, o.months * 30);
  for (const c of o.clients) {
    const style = pick(r, INVOICE_TEXT_STYLES);
    const vat = c.vatRegistered !== false;
    const suppliers = Array.from({ length: 3 + Math.floor(r() * 6) }, () => party(r, true));
    const customers = Array.from({ length: 2 + Math.floor(r() * 8) }, () => party(r, false));
    let nr = 1000 + Math.floor(r() * 9000);
    let verLf = 0;
    let verKf = 0;
    const pendingDeposits: { date: string; ocr: string; amount: number; name: string; bankgiro: string; invoice: string }[] = [];
    const events: InvoiceWorldEvent[] = [];
    const amountOf = (p: Party): number => (p.fixed ? p.kronor * 100 : Math.max(10000, Math.round(p.kronor * (0.5 + r()) * 100)));
    for (let day = 0; ; day += 1 + Math.floor(r() * 6)) {
      const date = addDays(first, day);
      if (date >= last) break;
      const supplier = r() < 0.55;
      const p = supplier ? pick(r, suppliers) : pick(r, customers);
      const gross = amountOf(p);
      const invoice = `${c.id}:${supplier ? 'L' : 'K'}${nr}`;
      const number = nr++;
      const t = invoiceText(style, supplier, number, p.name);
      const v = vat ? vatSplit(gross, 25) : 0;
      const itemRow = { account: supplier ? '2440' : '1510', amount: supplier ? -gross : gross, ...(t.row !== undefined ? { text: t.row } : {}) };
      const rows = supplier
        ? [itemRow, { account: p.account, amount: gross - v }, ...(v !== 0 ? [{ account: '2641', amount: v }] : [])]
        : [itemRow, { account: p.account, amount: -(gross - v) }, ...(v !== 0 ? [{ account: '2611', amount: -v }] : [])];
      events.push({ kind: 'invoice', clientId: c.id, date, invoice, series: supplier ? 'LF' : 'KF', number: String(supplier ? ++verLf : ++verKf), voucher: { text: t.voucher, rows } });
      const payDate = addDays(date, 3 + Math.floor(r() * 40));
      if (payDate >= last) continue;
      const sign = supplier ? -1 : 1;
      const itemAccount = supplier ? '2440' : '1510';
      const pay = (when: string, amount: number, text: string, what: PaymentEvent['what'], settles: PaymentEvent['settles'], reference?: string): void => {
        const tx: TransactionInput = { date: when, amount: sign * amount, text, ...(reference !== undefined ? { reference } : {}) };
        events.push({ kind: 'payment', clientId: c.id, date: when, tx, truth: { date: when, text, rows: [{ account: '1930', amount: sign * amount }, { account: itemAccount, amount: -sign * amount }] }, settles, what });
      };
      const ocr = ocrFor(number);
      if (!supplier && p.ocr) {
        pendingDeposits.push({ date: payDate, ocr, amount: gross, name: p.name, bankgiro: p.bankgiro, invoice });
      } else if (!supplier && r() < 0.15) {
        const firstPart = Math.round(gross * (0.3 + r() * 0.4));
        pay(payDate, firstPart, customerText(r, p), 'part', [{ invoice, amount: firstPart }]);
        const rest = addDays(payDate, 10 + Math.floor(r() * 20));
        if (rest < last) pay(rest, gross - firstPart, customerText(r, p), 'part', [{ invoice, amount: gross - firstPart }]);
      } else if (supplier && r() < 0.12) {
        // A second invoice of the same supplier a few days later; both paid on one line.
        const d2 = addDays(date, 1 + Math.floor(r() * 5));
        const gross2 = amountOf(p);
        const n2 = nr++;
        const t2 = invoiceText(style, true, n2, p.name);
        const v2 = vat ? vatSplit(gross2, 25) : 0;
        const inv2 = `${c.id}:L${n2}`;
        events.push({
          kind: 'invoice',
          clientId: c.id,
          date: d2,
          invoice: inv2,
          series: 'LF',
          number: String(++verLf),
          voucher: { text: t2.voucher, rows: [{ account: '2440', amount: -gross2, ...(t2.row !== undefined ? { text: t2.row } : {}) }, { account: p.account, amount: gross2 - v2 }, ...(v2 !== 0 ? [{ account: '2641', amount: v2 }] : [])] },
        });
        const when = payDate > d2 ? payDate : addDays(d2, 5);
        if (when < last) pay(when, gross + gross2, supplierText(r, p), 'together', [{ invoice, amount: gross }, { invoice: inv2, amount: gross2 }]);
      } else if (supplier && p.ocr) {
        pay(payDate, gross, supplierText(r, p), 'ocr', [{ invoice, amount: gross }], ocr);
      } else {
        pay(payDate, gross, supplier ? supplierText(r, p) : customerText(r, p), 'single', [{ invoice, amount: gross }]);
      }
    }
    // Deposits: the OCR payments of each week in one BG INSÄTTNING line, plus now and then a payer
    // the ledger has no invoice for.
    const byWeek = new Map<string, typeof pendingDeposits>();
    for (const d of pendingDeposits) {
      const monday = addDays(d.date, -((new Date(`${d.date}T00:00:00Z`).getUTCDay() + 6) % 7));
      const list = byWeek.get(monday) ?? [];
      list.push(d);
      byWeek.set(monday, list);
    }
    const clientBankgiro = `${5000 + Math.floor(r() * 900)}-${String(Math.floor(r() * 10000)).padStart(4, '0')}`;
    for (const [monday, list] of byWeek) {
      const date = addDays(monday, 4);
      if (date >= last) continue;
      const payments = list.map((d) => ({ ocr: d.ocr, amount: d.amount, name: d.name, bankgiro: d.bankgiro, invoice: d.invoice as string | undefined }));
      if (r() < 0.1) payments.push({ ocr: ocrFor(90000 + Math.floor(r() * 9999)), amount: 10000 + Math.floor(r() * 500000), name: 'Okänd Betalare AB', bankgiro: '5999-0001', invoice: undefined });
      const total = payments.reduce((s, p) => s + p.amount, 0);
      const rows: VoucherRow[] = [{ account: '1930', amount: total }, ...payments.map((p) => ({ account: p.invoice === undefined ? '2999' : '1510', amount: -p.amount }))];
      events.push({
        kind: 'payment',
        clientId: c.id,
        date,
        tx: { date, amount: total, text: 'BG INSÄTTNING' },
        truth: { date, text: 'BG INSÄTTNING', rows },
        settles: payments.flatMap((p) => (p.invoice === undefined ? [] : [{ invoice: p.invoice, amount: p.amount }])),
        what: 'deposit',
        bgmax: bgmaxDeposit(date, clientBankgiro, payments),
        depositInvoices: payments.map((p) => p.invoice),
      });
    }
    events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind === b.kind ? 0 : a.kind === 'invoice' ? -1 : 1));
    out.push(...events);
  }
  return out;
}
