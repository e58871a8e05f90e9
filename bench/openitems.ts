/**
 * Open items (reskontra) as evidence, before and after, in one run:
 *
 *   node --import tsx/esm bench/openitems.ts [--quick] [--fit]
 *
 * 1. Generated world with invoices (bench/world/invoices.ts on top of bench/world/generate.ts):
 *    every client's lines in date order; invoice vouchers enter the ledger when registered; each
 *    bank line is suggested by the engine alone ("before") and with the open-item match as the
 *    facade combines them ("after"), scored, then confirmed: the engine learns it and the ledger
 *    takes the confirmed voucher (`applyConfirmedVoucher`, as `confirm` does). Seed 1 fits the
 *    confidence per evidence class (`--fit` prints it for src/openitems/calibration.ts); seed 2 is
 *    the evaluation run. Bankgiro deposits are settled from their BgMax file (`settleDeposit`).
 * 2. Real SIE files (fixtures/sie, fixtures/openitems): vouchers in date order; the ledger follows
 *    the books (`updateLedger`, as `learnFromSie` does), the engine learns every bank voucher; the
 *    last 30 % of bank vouchers are scored before and after. A line "settles an open item" when the
 *    ledger, reading the books, settles an item with it; a match is right when it proposes exactly
 *    the items (and amounts) the books settled.
 *
 * Scoring as bench/accuracy.ts: top-1 is the voucher's largest non-bank, non-VAT account, held-back
 * suggestions count as wrong. Precision at confidence ≥ 0.9 is over the lines whose suggestion is
 * an open-item match with at least that confidence: right when it settles the right items.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readBgmax } from '../src/bgmax/reader.js';
import { createKnowledge } from '../src/knowledge/base.js';
import { ACCOUNT_NUMBER_PATTERN, BANK_ACCOUNT_PATTERN, voucherText } from '../src/knowledge/cold-start.js';
import { learn } from '../src/knowledge/learn.js';
import type { ClientSettings, TransactionInput, VoucherRow } from '../src/knowledge/types.js';
import { settleDeposit } from '../src/openitems/deposit.js';
import { applyConfirmedVoucher, updateLedger } from '../src/openitems/ledger.js';
import { matchOpenItems, OPEN_ITEM_EVIDENCE } from '../src/openitems/match.js';
import type { OpenItemCandidate } from '../src/openitems/match.js';
import { OPEN_ITEM_CALIBRATION } from '../src/openitems/calibration.js';
import type { OpenItemCalibration } from '../src/openitems/calibration.js';
import { sieLedgerVouchers } from '../src/openitems/sie.js';
import type { OpenItemVoucher, OpenItem } from '../src/openitems/types.js';
import { readSie } from '../src/sie/reader.js';
import { suggest } from '../src/suggest/suggest.js';
import type { Suggestion } from '../src/suggest/types.js';
import { counterAccount } from './accuracy.js';
import { generateWorld } from './world/generate.js';
import { generateInvoices } from './world/invoices.js';
import type { InvoiceWorldEvent } from './world/invoices.js';

const QUICK = process.argv.includes('--quick');
const FIT = process.argv.includes('--fit');
const SIE_DIRS = [fileURLToPath(new URL('../fixtures/sie/', import.meta.url)), fileURLToPath(new URL('../fixtures/openitems/', import.meta.url))];
const TRAIN_SHARE = 0.7;
const PRECISION_AT = 0.9;
const BANK = '1930';

/** One scored line. */
interface Scored {
  readonly settles: boolean;
  readonly before: boolean;
  readonly after: boolean;
  /** The after-suggestion is an open-item match; its confidence and whether it settles the right items. */
  readonly match: { readonly confidence: number; readonly right: boolean } | undefined;
}

/** The top candidate of a line, for fitting: its class and whether it was right. */
interface FitPoint {
  readonly evidence: (typeof OPEN_ITEM_EVIDENCE)[number];
  readonly unique: boolean;
  readonly right: boolean;
}

class Tally {
  readonly lines: Scored[] = [];
  readonly fit: FitPoint[] = [];
  summary(): { settling: number; before: number; after: number; all: number; allBefore: number; allAfter: number; proposed: number; precision: number; wrongOutside: number } {
    const s = this.lines.filter((l) => l.settles);
    const proposed = this.lines.filter((l) => l.match !== undefined && l.match.confidence >= PRECISION_AT);
    const share = (n: number, d: number): number => (d === 0 ? 0 : n / d);
    return {
      settling: s.length,
      before: share(s.filter((l) => l.before).length, s.length),
      after: share(s.filter((l) => l.after).length, s.length),
      all: this.lines.length,
      allBefore: share(this.lines.filter((l) => l.before).length, this.lines.length),
      allAfter: share(this.lines.filter((l) => l.after).length, this.lines.length),
      proposed: proposed.length,
      precision: share(proposed.filter((l) => l.match?.right === true).length, proposed.length),
      wrongOutside: this.lines.filter((l) => !l.settles && l.match !== undefined && l.match.confidence >= PRECISION_AT).length,
    };
  }
}

function right(s: Suggestion | null, truth: readonly VoucherRow[], bankAccounts: readonly string[]): boolean {
  if (s === null || s.voucher === null) return false;
  return counterAccount(s.voucher.rows, bankAccounts) === counterAccount(truth, bankAccounts);
}

function sameSettlement(c: OpenItemCandidate, truth: ReadonlyMap<string, number>): boolean {
  if (c.parts.length !== truth.size) return false;
  return c.parts.every((p) => truth.get(p.item.id) === p.amount);
}

/** Scores one line before and after, and records the top candidate for fitting. */
function scoreLine(
  tally: Tally,
  run: (openItem?: OpenItemCandidate) => Suggestion,
  items: readonly OpenItem[],
  tx: TransactionInput,
  truthRows: readonly VoucherRow[],
  truthItems: ReadonlyMap<string, number>,
  bankAccounts: readonly string[],
  table: OpenItemCalibration,
): void {
  const bankAccount = truthRows.find((r) => bankAccounts.includes(r.account))?.account ?? BANK;
  const [best] = matchOpenItems(tx, items, { bankAccount, calibration: table });
  // After: the match is one more piece of evidence for the engine's ranker, as the facade passes it.
  const engine = run();
  const after = best === undefined ? engine : run(best);
  if (best !== undefined) tally.fit.push({ evidence: best.evidence, unique: best.features.unique, right: sameSettlement(best, truthItems) });
  tally.lines.push({
    settles: truthItems.size > 0,
    before: right(engine, truthRows, bankAccounts),
    after: right(after, truthRows, bankAccounts),
    match: after.openItem !== undefined && best !== undefined ? { confidence: after.confidence, right: sameSettlement(best, truthItems) } : undefined,
  });
}

// ---------------------------------------------------------------- generated world

interface DepositTally {
  deposits: number;
  payments: number;
  settledRight: number;
  settledWrong: number;
  toSuspense: number;
  shouldSettle: number;
  voucherRight: number;
}

function runWorld(seed: number, table: OpenItemCalibration): { tally: Tally; deposits: DepositTally; clients: number; lines: number; invoices: number } {
  const size = QUICK ? { bureaus: 2, clientsPerBureau: 6, months: 6 } : { bureaus: 4, clientsPerBureau: 12, months: 12 };
  const world = generateWorld({ seed, start: '2025-10', coldClientsPerBureau: 0, ...size });
  const events = generateInvoices({ seed, clients: world.clients.map((c) => c.settings), months: size.months, start: '2025-10' });
  const settings = new Map(world.clients.map((c) => [c.settings.id, c.settings]));
  // Every line of the world's own months is a payment that settles nothing.
  const all: InvoiceWorldEvent[] = [...events];
  for (const m of world.months) for (const l of m.lines) all.push({ kind: 'payment', clientId: l.clientId, date: l.tx.date, tx: l.tx, truth: l.truth, settles: [], what: 'single' });
  all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind === b.kind ? 0 : a.kind === 'invoice' ? -1 : 1));
  const k = createKnowledge();
  const ledgers = new Map<string, OpenItem[]>();
  const itemOf = new Map<string, string>(); // generator invoice id → item id
  const tally = new Tally();
  const deposits: DepositTally = { deposits: 0, payments: 0, settledRight: 0, settledWrong: 0, toSuspense: 0, shouldSettle: 0, voucherRight: 0 };
  let confirmed = 0;
  let invoices = 0;
  const setLedger = (clientId: string, changed: readonly OpenItem[]): void => {
    const byId = new Map((ledgers.get(clientId) ?? []).map((i) => [i.id, i]));
    for (const c of changed) byId.set(c.id, c);
    ledgers.set(clientId, [...byId.values()]);
  };
  for (const e of all) {
    const client = settings.get(e.clientId) as ClientSettings;
    const items = ledgers.get(e.clientId) ?? [];
    if (e.kind === 'invoice') {
      const v: OpenItemVoucher = { id: `sie:${e.series}:${e.number}`, origin: 'sie', series: e.series, number: e.number, date: e.date, text: e.voucher.text, rows: e.voucher.rows };
      const u = updateLedger(items, [v]);
      for (const c of u.changed) if (c.settlements.length === 0) itemOf.set(e.invoice, c.id);
      setLedger(e.clientId, u.changed);
      invoices++;
      continue;
    }
    const open = items.filter((i) => i.open > 0);
    const truthItems = new Map<string, number>();
    for (const s of e.settles) {
      const id = itemOf.get(s.invoice);
      if (id !== undefined) truthItems.set(id, s.amount);
    }
    if (e.what === 'deposit' && e.bgmax !== undefined) {
      const deposit = readBgmax(e.bgmax).deposits[0];
      if (deposit !== undefined) {
        const proposal = settleDeposit(e.tx, deposit, open, { bankAccount: BANK, calibration: table });
        deposits.deposits++;
        deposits.shouldSettle += e.settles.length;
        if (counterAccount(proposal.voucher.rows, [BANK]) === counterAccount(e.truth.rows, [BANK])) deposits.voucherRight++;
        proposal.payments.forEach((p, i) => {
          deposits.payments++;
          const truthInvoice = e.depositInvoices?.[i];
          if (p.match === null) deposits.toSuspense++;
          else if (truthInvoice !== undefined && p.match.parts.length === 1 && p.match.parts[0]?.item.id === itemOf.get(truthInvoice)) deposits.settledRight++;
          else deposits.settledWrong++;
        });
      }
    } else {
      scoreLine(tally, (openItem) => suggest(e.tx, k, client, { bankAccount: BANK, openItem }), open, e.tx, e.truth.rows, truthItems, [BANK], table);
    }
    learn(k, client, { transaction: e.tx, voucher: e.truth, origin: 'confirmed' });
    if (e.truth.rows.some((r) => r.account === '2440' || r.account === '1510')) {
      confirmed++;
      const v: OpenItemVoucher = { id: `confirmed:A:${confirmed}`, origin: 'confirmed', series: 'A', number: String(confirmed), date: e.date, text: e.truth.text, rows: e.truth.rows, line: { text: e.tx.text, reference: e.tx.reference } };
      setLedger(e.clientId, applyConfirmedVoucher(open, v, e.tx, BANK));
    }
  }
  return { tally, deposits, clients: world.clients.length, lines: tally.lines.length, invoices };
}

// ---------------------------------------------------------------- real SIE files

interface SieFileResult {
  readonly file: string;
  readonly tally: Tally;
}

function runSie(table: OpenItemCalibration): SieFileResult[] {
  const out: SieFileResult[] = [];
  const seen = new Set<string>();
  for (const dir of SIE_DIRS) {
    for (const file of readdirSync(dir).filter((f) => /\.s[ei]$/i.test(f)).sort()) {
      let doc;
      try {
        doc = readSie(readFileSync(dir + file), { strict: false });
      } catch {
        continue;
      }
      const ledgerVouchers = new Map<number, OpenItemVoucher>();
      const all = sieLedgerVouchers(doc);
      // sieLedgerVouchers keeps file order; index them by the voucher they came from.
      let j = 0;
      doc.vouchers.forEach((v, i) => {
        const lv = all[j];
        if (lv !== undefined && lv.date === v.date && lv.number === v.number && lv.series === v.series) {
          ledgerVouchers.set(i, lv);
          j++;
        }
      });
      if (ledgerVouchers.size === 0) continue;
      const bankAccounts = [...new Set(doc.vouchers.flatMap((v) => v.transactions.map((t) => t.account)))].filter((a) => BANK_ACCOUNT_PATTERN.test(a));
      const order = doc.vouchers.map((v, i) => ({ v, i })).sort((a, b) => (a.v.date < b.v.date ? -1 : a.v.date > b.v.date ? 1 : a.i - b.i));
      const bookings = order.filter(({ v }) => {
        const rows = v.transactions.filter((t) => ACCOUNT_NUMBER_PATTERN.test(t.account));
        const bankSum = rows.reduce((s, t) => (bankAccounts.includes(t.account) ? s + t.amount : s), 0);
        return bankSum !== 0 && !rows.every((t) => bankAccounts.includes(t.account)) && rows.reduce((s, t) => s + t.amount, 0) === 0;
      });
      const hash = createHash('sha256').update(JSON.stringify(bookings.map(({ v }) => [v.date, v.transactions.map((t) => [t.account, t.amount])]))).digest('hex');
      if (bookings.length < 5 || seen.has(hash)) continue;
      seen.add(hash);
      const isBooking = new Set(bookings.map((b) => b.i));
      const cut = Math.floor(bookings.length * TRAIN_SHARE);
      const tested = new Set(bookings.slice(cut).map((b) => b.i));
      const client: ClientSettings = { id: file, bureauId: 'sie', bankAccounts };
      const k = createKnowledge();
      const tally = new Tally();
      let items: OpenItem[] = [];
      for (const { v, i } of order) {
        const lv = ledgerVouchers.get(i);
        const next = lv === undefined ? undefined : updateLedger(items, [lv]);
        if (isBooking.has(i)) {
          const rows = v.transactions.filter((t) => ACCOUNT_NUMBER_PATTERN.test(t.account)).map((t) => ({ account: t.account, amount: t.amount }));
          const text = voucherText(v, bankAccounts);
          const tx: TransactionInput = { date: v.date, amount: rows.reduce((s, r) => (bankAccounts.includes(r.account) ? s + r.amount : s), 0), text };
          if (tested.has(i)) {
            const truthItems = new Map<string, number>();
            for (const c of next?.changed ?? []) {
              const s = c.settlements.find((x) => x.voucher === lv?.id);
              if (s !== undefined) truthItems.set(c.id, s.amount);
            }
            const bankAccount = rows.find((r) => bankAccounts.includes(r.account))?.account ?? BANK;
            scoreLine(tally, (openItem) => suggest(tx, k, client, { bankAccount, openItem }), items.filter((x) => x.open > 0), tx, rows, truthItems, bankAccounts, table);
          }
          learn(k, client, { transaction: tx, voucher: { date: v.date, text, rows }, origin: 'sie' });
        }
        if (next !== undefined) items = [...next.items];
      }
      out.push({ file, tally });
    }
  }
  return out;
}

// ---------------------------------------------------------------- fit and report

/** 95 % one-sided Wilson lower bound of k right out of n. */
function wilsonLower(k: number, n: number): number {
  if (n === 0) return 0;
  const z = 1.645;
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = p + (z * z) / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return Math.max(0, Math.round(((centre - margin) / denom) * 1000) / 1000);
}

function fitTable(points: readonly FitPoint[]): { table: OpenItemCalibration; counts: Map<string, { n: number; k: number }> } {
  const counts = new Map<string, { n: number; k: number }>();
  const add = (key: string, ok: boolean): void => {
    const c = counts.get(key) ?? { n: 0, k: 0 };
    c.n++;
    if (ok) c.k++;
    counts.set(key, c);
  };
  for (const p of points) {
    if (p.unique) add(p.evidence, p.right);
    else add('ambiguous', p.right);
  }
  const table: Record<string, number> = {};
  for (const e of [...OPEN_ITEM_EVIDENCE, 'ambiguous']) {
    const c = counts.get(e) ?? { n: 0, k: 0 };
    table[e] = wilsonLower(c.k, c.n);
  }
  return { table: table as OpenItemCalibration, counts };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

function row(name: string, t: Tally): string {
  const s = t.summary();
  return `| ${name} | ${s.settling} | ${pct(s.before)} | ${pct(s.after)} | ${s.all} | ${pct(s.allBefore)} | ${pct(s.allAfter)} | ${s.proposed} | ${s.proposed === 0 ? '—' : pct(s.precision)} | ${s.wrongOutside} |`;
}

const HEADER =
  '| run | lines settling an open item | top-1 before | top-1 after | all lines | all: before | all: after | matches proposed at ≥ 0.9 | their precision | of them on lines settling nothing |\n|---|---|---|---|---|---|---|---|---|---|';

function main(): void {
  const out: string[] = [];
  const log = (s: string): void => {
    out.push(s);
    process.stdout.write(`${s}\n`);
  };
  const fitRun = runWorld(1, OPEN_ITEM_CALIBRATION);
  const fitted = fitTable(fitRun.tally.fit);
  const table = FIT ? fitted.table : OPEN_ITEM_CALIBRATION;
  log(`# kontera open items (${new Date().toISOString().slice(0, 10)}${QUICK ? ', quick' : ''})\n`);
  log(`Confidence per evidence class: ${FIT ? 'fitted now on world seed 1' : 'the shipped table in src/openitems/calibration.ts'}.\n`);
  const w = runWorld(2, table);
  log(`## Generated world with invoices (seed 2): ${w.clients} clients, ${w.invoices} invoices, ${w.lines} bank lines scored\n`);
  log(HEADER);
  log(row('generated world', w.tally));
  const d = w.deposits;
  log(`\nBankgiro deposits (BgMax): ${d.deposits} deposit lines with ${d.payments} payments; ${d.settledRight} payments settled the right invoice, ${d.settledWrong} a wrong one, ${d.toSuspense} went to the suspense account for review (${d.shouldSettle} had an invoice in the ledger). Deposit vouchers whose largest counter-row is the booked one: ${d.voucherRight} of ${d.deposits}.\n`);
  const sie = runSie(table);
  const pooled = new Tally();
  log('## Real SIE files (the books decide which items a payment settles)\n');
  log(HEADER);
  for (const f of sie) {
    if (f.tally.summary().settling === 0) continue;
    log(row(f.file, f.tally));
    pooled.lines.push(...f.tally.lines);
  }
  log(row('**pooled**', pooled));
  log(`\nFiles with test lines but none settling an open item: ${sie.filter((f) => f.tally.summary().settling === 0).map((f) => f.file).join(', ') || 'none'}.\n`);
  log('## Confidence per evidence class (fit: world seed 1, top candidate of every line)\n');
  log('| evidence | candidates | right | 95 % lower bound |\n|---|---|---|---|');
  for (const e of [...OPEN_ITEM_EVIDENCE, 'ambiguous']) {
    const c = fitted.counts.get(e) ?? { n: 0, k: 0 };
    log(`| ${e} | ${c.n} | ${c.k} | ${(fitted.table as Record<string, number>)[e]?.toFixed(3)} |`);
  }
  log('\nFitted table (paste into src/openitems/calibration.ts to ship it):\n');
  log('```ts\n' + JSON.stringify(fitted.table) + '\n```');
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/openitems.md', out.join('\n') + '\n');
}

main();
