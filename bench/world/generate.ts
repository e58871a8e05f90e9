/**
 * A seeded, generated multi-bureau world for measuring the engine month by month.
 *
 * - Bureaus have house styles: for each catalog counterparty a bureau leans to one of the plausible
 *   accounts (e.g. software on 5420 or 6540) and to 2640 or 2641 for input VAT.
 * - Clients belong to one bureau and one bank (Nordea, SEB, Swedbank, Handelsbanken text styles),
 *   use a subset of the catalog by popularity, deviate from the house style now and then, have
 *   their own local suppliers (bankgiro payments with invented names) and Swish sales, and a few
 *   are not VAT-registered.
 * - Lines recur monthly/often/quarterly/sometimes/rarely; amounts vary around a typical value or are
 *   fixed; loans have fixed amortisation with the rest as interest; Klarna settlements are a fixed
 *   fee plus a variable part; leasing has half VAT; foreign SaaS reverse charge; construction
 *   subcontractors domestic reverse charge.
 * - Drift: a few habits change account at some month (the accountant's first booking after the
 *   change is a correction). Some clients split one counterparty by amount (small → consumables,
 *   large → inventory).
 * - One-off lines every month (unseen local firms, rare catalog entries).
 * - Cold-start clients join in the last month with no history at all.
 *
 * Everything derives from one seed (mulberry32), so runs are reproducible.
 */
import type { ClientSettings, TransactionInput, VatMode, VatRate, Voucher, VoucherRow } from '../../src/knowledge/types.js';
import { CATALOG, CITIES, FIRST_NAMES, LOCAL_ACCOUNTS, LOCAL_FIRST, LOCAL_TRADE } from './catalog.js';
import type { Frequency, TextStyle } from './catalog.js';
import { seededRandom as rng } from '../../test/support/random.js';

export const BANK_STYLES = ['nordea', 'seb', 'swedbank', 'handelsbanken'] as const;
export type BankStyle = (typeof BANK_STYLES)[number];

export interface WorldOptions {
  readonly seed: number;
  readonly bureaus: number;
  readonly clientsPerBureau: number;
  readonly months: number;
  /** First month, `YYYY-MM`. */
  readonly start: string;
  /** Extra clients per bureau that join in the last month with no history. */
  readonly coldClientsPerBureau: number;
}

interface Habit {
  readonly id: string;
  readonly names: readonly string[];
  readonly style: TextStyle;
  readonly bankgiro?: string | undefined;
  readonly direction: 'in' | 'out';
  account: string;
  /** Used for amounts above `splitAbove` kronor, when set. */
  readonly largeAccount?: string | undefined;
  readonly splitAbove?: number | undefined;
  readonly vat: { readonly mode: VatMode; readonly rate: VatRate };
  readonly kronor: number;
  readonly spread: number;
  readonly frequency: Frequency;
  readonly split?: 'loan' | 'fee-plus-variable' | undefined;
  readonly day: number;
  readonly phase: number;
  /** Month index at which the account changes to `laterAccount`. */
  readonly changeAt?: number | undefined;
  readonly laterAccount?: string | undefined;
  readonly local: boolean;
}

export interface WorldClient {
  readonly settings: ClientSettings;
  readonly bank: BankStyle;
  readonly habits: Habit[];
  /** First month index with lines. */
  readonly joins: number;
  readonly vatAccount: '2640' | '2641';
  readonly swishSales: boolean;
}

export interface WorldLine {
  readonly clientId: string;
  readonly tx: TransactionInput;
  readonly truth: Voucher;
  /**
   * What a bookkeeper writes on the voucher for this line in the client's own books (the
   * counterparty's name, not the bank's text): the text SIE history holds.
   */
  readonly bookkeeping: string;
  /** The accountant changed the habit with this booking. */
  readonly correction: boolean;
  readonly recurring: boolean;
}

export interface WorldMonth {
  readonly month: string;
  readonly lines: readonly WorldLine[];
}

export interface World {
  readonly options: WorldOptions;
  readonly clients: readonly WorldClient[];
  readonly months: readonly WorldMonth[];
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function poisson(r: () => number, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

function monthOf(start: string, i: number): string {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7)) - 1 + i;
  return `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

function daysIn(month: string): number {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function bankgiroNumber(r: () => number): string {
  return `${5000 + Math.floor(r() * 900)}-${String(Math.floor(r() * 10000)).padStart(4, '0')}`;
}

function accountFor(r: () => number, accounts: readonly string[], housePreference: number): string {
  // 85 % follow the bureau's house choice, 15 % pick another plausible account.
  if (accounts.length === 1 || r() < 0.85) return accounts[housePreference % accounts.length] as string;
  return pick(r, accounts);
}

function makeClient(r: () => number, bureauId: string, id: string, house: Map<number, number>, bureauVat: '2640' | '2641', joins: number, months: number): WorldClient {
  const bank = pick(r, BANK_STYLES);
  const habits: Habit[] = [];
  CATALOG.forEach((e, i) => {
    if (r() >= e.popularity) return;
    const account = accountFor(r, e.accounts, house.get(i) ?? 0);
    const amountSplit = e.accounts.length > 1 && e.spread >= 0.6 && r() < 0.1;
    const drift = e.accounts.length > 1 && r() < 0.05;
    habits.push({
      id: `${id}:${i}`,
      names: e.names,
      style: e.style,
      bankgiro: e.bankgiro,
      direction: e.direction,
      account,
      largeAccount: amountSplit ? (e.accounts.find((a) => a !== account) ?? account) : undefined,
      splitAbove: amountSplit ? e.kronor * 1.5 : undefined,
      vat: e.vat,
      kronor: Math.round(e.kronor * (0.6 + r() * 0.8)),
      spread: e.spread,
      frequency: e.frequency,
      split: e.split,
      day: 1 + Math.floor(r() * 27),
      phase: Math.floor(r() * 3),
      changeAt: drift ? 2 + Math.floor(r() * Math.max(1, months - 3)) : undefined,
      laterAccount: drift ? e.accounts.find((a) => a !== account) : undefined,
      local: false,
    });
  });
  const locals = 3 + Math.floor(r() * 6);
  for (let j = 0; j < locals; j++) {
    const t = Math.floor(r() * LOCAL_TRADE.length);
    const name = `${pick(r, LOCAL_FIRST)} ${LOCAL_TRADE[t]} AB`.toUpperCase();
    const accs = LOCAL_ACCOUNTS[t] ?? ['6990'];
    habits.push({
      id: `${id}:L${j}`,
      names: [name],
      style: 'bankgiro',
      bankgiro: bankgiroNumber(r),
      direction: 'out',
      account: accountFor(r, accs, 0),
      vat: { mode: 'standard', rate: 25 },
      kronor: 500 + Math.floor(r() * 20000),
      spread: r() < 0.5 ? 0 : 0.5,
      frequency: pick(r, ['monthly', 'often', 'sometimes', 'quarterly'] as const),
      day: 1 + Math.floor(r() * 27),
      phase: Math.floor(r() * 3),
      local: true,
    });
  }
  const vatRegistered = r() >= 0.06;
  return {
    settings: { id, bureauId, bankAccounts: ['1930'], vatRegistered },
    bank,
    habits,
    joins,
    vatAccount: r() < 0.85 ? bureauVat : bureauVat === '2640' ? '2641' : '2640',
    swishSales: r() < 0.2,
  };
}

function yymmdd(date: string): string {
  return date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
}

/** Renders the bank text for a line the way the client's bank would. */
export function bankText(r: () => number, bank: BankStyle, style: TextStyle, name: string, date: string, bankgiro: string | undefined): string {
  const city = r() < 0.4 ? ` ${pick(r, CITIES)}` : '';
  switch (style) {
    case 'card':
      if (bank === 'nordea') return `KORTKÖP ${yymmdd(date)} ${name}${city}`;
      if (bank === 'seb') return `${name.slice(0, 12)}/${date.slice(2)}`;
      if (bank === 'swedbank') return r() < 0.5 ? `${name} ${1000 + Math.floor(r() * 8999)}` : name;
      return `${name}${city}`;
    case 'bankgiro':
      if (bank === 'nordea') return `Betalning BG ${bankgiro ?? ''} ${name}`;
      if (bank === 'seb') return `BG ${bankgiro ?? ''} ${name}`;
      if (bank === 'swedbank') return name;
      return `BG-BET ${name}`;
    case 'autogiro':
      return bank === 'swedbank' ? name : `AUTOGIRO ${name}`;
    case 'swish-in':
      return bank === 'nordea' ? `Swish inbetalning ${name}` : `SWISH ${name}`;
    case 'transfer':
      return `Överföring ${name}`;
    case 'plain':
    case 'bank':
      return name;
  }
}

function amountOre(r: () => number, kronor: number, spread: number): number {
  if (spread === 0) return kronor * 100;
  const f = Math.exp((r() * 2 - 1) * spread * 1.2);
  return Math.max(100, Math.round(kronor * f * 100));
}

/** The voucher rows a careful accountant books (bank row first). */
function truthRows(h: Habit, c: WorldClient, gross: number, account: string, r: () => number): VoucherRow[] {
  const bank = h.direction === 'out' ? -gross : gross;
  const rows: VoucherRow[] = [{ account: '1930', amount: bank }];
  const counter = -bank;
  if (h.split === 'loan') {
    const amort = Math.round(h.kronor * 0.8) * 100;
    rows.push({ account: account, amount: amort }, { account: '8410', amount: counter - amort });
    return rows;
  }
  if (h.split === 'fee-plus-variable') {
    const fee = 3900;
    rows.push({ account: '6570', amount: fee }, { account, amount: counter - fee });
    return rows;
  }
  const vatOn = c.settings.vatRegistered !== false && h.vat.mode !== 'none' && h.vat.rate > 0;
  if (!vatOn) {
    rows.push({ account, amount: counter });
    return rows;
  }
  const rate = h.vat.rate;
  switch (h.vat.mode) {
    case 'standard': {
      const vat = Math.round((counter * rate) / (100 + rate));
      const vatAccount = h.direction === 'out' ? c.vatAccount : rate === 25 ? '2611' : rate === 12 ? '2621' : '2631';
      rows.push({ account, amount: counter - vat }, { account: vatAccount, amount: vat });
      return rows;
    }
    case 'half': {
      const vat = Math.round((counter * rate) / (2 * (100 + rate)));
      rows.push({ account, amount: counter - vat }, { account: c.vatAccount, amount: vat });
      return rows;
    }
    default: {
      const vat = Math.round((counter * rate) / 100);
      const input = h.vat.mode === 'reverse-domestic' ? '2647' : '2645';
      const output = h.vat.mode === 'import' ? '2615' : '2614';
      rows.push({ account, amount: counter }, { account: input, amount: vat }, { account: output, amount: -vat });
      void r;
      return rows;
    }
  }
}

function occurrences(r: () => number, f: Frequency, month: number, phase: number): number {
  switch (f) {
    case 'monthly':
      return 1;
    case 'often':
      return poisson(r, 2.5);
    case 'quarterly':
      return month % 3 === phase ? 1 : 0;
    case 'sometimes':
      return r() < 0.4 ? 1 : 0;
    case 'rare':
      return r() < 0.1 ? 1 : 0;
  }
}

/**
 * Generates the world.
 *
 * ```ts
 * const world = generateWorld({ seed: 1, bureaus: 8, clientsPerBureau: 25, months: 12, start: '2025-05', coldClientsPerBureau: 3 });
 * ```
 */
export function generateWorld(o: WorldOptions): World {
  const r = rng(o.seed);
  const clients: WorldClient[] = [];
  for (let b = 0; b < o.bureaus; b++) {
    const bureauId = `bureau-${b + 1}`;
    const house = new Map<number, number>();
    CATALOG.forEach((e, i) => house.set(i, r() < 0.7 ? 0 : Math.floor(r() * e.accounts.length)));
    const bureauVat = r() < 0.75 ? '2641' : '2640';
    for (let c = 0; c < o.clientsPerBureau + o.coldClientsPerBureau; c++) {
      const cold = c >= o.clientsPerBureau;
      clients.push(makeClient(r, bureauId, `${bureauId}/client-${c + 1}`, house, bureauVat, cold ? o.months - 1 : 0, o.months));
    }
  }
  const months: WorldMonth[] = [];
  for (let m = 0; m < o.months; m++) {
    const month = monthOf(o.start, m);
    const dim = daysIn(month);
    const lines: WorldLine[] = [];
    for (const c of clients) {
      if (m < c.joins) continue;
      for (const h of c.habits) {
        const n = occurrences(r, h.frequency, m, h.phase);
        for (let i = 0; i < n; i++) {
          const day = Math.min(dim, Math.max(1, h.frequency === 'monthly' ? h.day + Math.floor(r() * 3) - 1 : 1 + Math.floor(r() * dim)));
          const date = `${month}-${String(day).padStart(2, '0')}`;
          const gross = h.split === 'loan' ? Math.round(h.kronor * 0.8) * 100 + Math.round(h.kronor * 0.2 * (0.9 + r() * 0.2) * 100) : amountOre(r, h.kronor, h.spread);
          let account = h.changeAt !== undefined && m >= h.changeAt && h.laterAccount !== undefined ? h.laterAccount : h.account;
          if (h.largeAccount !== undefined && h.splitAbove !== undefined && gross > h.splitAbove * 100) account = h.largeAccount;
          const name = h.names.length > 1 && r() < 0.15 ? (h.names[1] as string) : (h.names[0] as string);
          const text = bankText(r, c.bank, h.style, name, date, h.bankgiro);
          const rows = truthRows(h, c, gross, account, r);
          const correction = h.changeAt !== undefined && m === h.changeAt && i === 0;
          lines.push({ clientId: c.settings.id, tx: { date, amount: rows[0]?.amount ?? 0, text }, truth: { date, text, rows }, bookkeeping: name, correction, recurring: true });
        }
      }
      if (c.swishSales) {
        for (let i = poisson(r, 3); i > 0; i--) {
          const date = `${month}-${String(1 + Math.floor(r() * dim)).padStart(2, '0')}`;
          const gross = amountOre(r, 300, 0.6);
          const vat = c.settings.vatRegistered === false ? 0 : Math.round(gross / 5);
          const rows: VoucherRow[] = [{ account: '1930', amount: gross }, { account: '3001', amount: -(gross - vat) }];
          if (vat !== 0) rows.push({ account: '2611', amount: -vat });
          const text = bankText(r, c.bank, 'swish-in', `${pick(r, FIRST_NAMES)} ${pick(r, FIRST_NAMES).slice(0, 1)}`, date, undefined);
          lines.push({ clientId: c.settings.id, tx: { date, amount: gross, text }, truth: { date, text, rows }, bookkeeping: text, correction: false, recurring: false });
        }
      }
      // One-offs: a local firm never seen before.
      for (let i = poisson(r, 1.2); i > 0; i--) {
        const t = Math.floor(r() * LOCAL_TRADE.length);
        const name = `${pick(r, LOCAL_FIRST)} ${LOCAL_TRADE[t]} ${pick(r, ['AB', 'HB', 'I ' + pick(r, CITIES)])}`.toUpperCase();
        const date = `${month}-${String(1 + Math.floor(r() * dim)).padStart(2, '0')}`;
        const h: Habit = { id: 'one-off', names: [name], style: 'bankgiro', bankgiro: bankgiroNumber(r), direction: 'out', account: (LOCAL_ACCOUNTS[t] ?? ['6990'])[0] as string, vat: { mode: 'standard', rate: 25 }, kronor: 300 + Math.floor(r() * 8000), spread: 0, frequency: 'rare', day: 1, phase: 0, local: true };
        const rows = truthRows(h, c, h.kronor * 100, h.account, r);
        lines.push({ clientId: c.settings.id, tx: { date, amount: rows[0]?.amount ?? 0, text: bankText(r, c.bank, 'bankgiro', name, date, h.bankgiro) }, truth: { date, text: name, rows }, bookkeeping: name, correction: false, recurring: false });
      }
    }
    lines.sort((a, b) => (a.tx.date < b.tx.date ? -1 : a.tx.date > b.tx.date ? 1 : 0));
    months.push({ month, lines });
  }
  return { options: o, clients, months };
}
