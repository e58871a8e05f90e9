/**
 * Fits the ranker's weights and its confidence curve, and writes them to
 * `src/suggest/ranker-weights.ts` with their provenance:
 *
 *   node --import tsx/esm bench/fit-ranker.ts [--dry-run]
 *
 * Data: every real SIE file of `fixtures/sie` with enough bank vouchers (the real SIE protocol of
 * `bench/accuracy.ts`: learn the first 70 %, then suggest → record → learn), and the generated world,
 * seed 1 (seed 2 is the evaluation world of the accuracy bench). For every test line the engine
 * reports its candidate accounts with their features (`suggest(…, { onRanker })`); what the engine
 * learns does not depend on the weights, so one replay gives all the data.
 *
 * Model: a softmax over the candidates plus a "none of them" option (linear score per candidate),
 * fitted by maximum likelihood with a small L2 penalty (Newton's method). The real files and the
 * generated world weigh the same in the fit, however many lines each has.
 *
 * Confidence: the top candidate's probability, mapped by a logistic (Platt) calibration fitted on
 * the real files only, on
 * probabilities that are themselves out of sample: each real file's lines are scored by weights
 * fitted without that file. The generated world is a second check, not the fit.
 */
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createKnowledge } from '../src/knowledge/base.js';
import { sieBookings } from '../src/knowledge/cold-start.js';
import { learn } from '../src/knowledge/learn.js';
import { mainAccount, readTemplate } from '../src/knowledge/template.js';
import type { ClientSettings, ConfirmedBooking, VoucherRow } from '../src/knowledge/types.js';
import { readSie } from '../src/sie/reader.js';
import type { SieDocument } from '../src/sie/types.js';
import { RANKER_FEATURES } from '../src/suggest/ranker.js';
import type { PlattScaling, RankerWeights, SharedEvidencePath } from '../src/suggest/ranker.js';
import { suggest } from '../src/suggest/suggest.js';
import type { RankerTrace } from '../src/suggest/suggest.js';
import { generateWorld } from './world/generate.js';
import { generateInvoices } from './world/invoices.js';
import type { InvoiceWorldEvent } from './world/invoices.js';
import { applyConfirmedVoucher, updateLedger } from '../src/openitems/ledger.js';
import { matchOpenItems } from '../src/openitems/match.js';
import { sieLedgerVouchers } from '../src/openitems/sie.js';
import type { OpenItem, OpenItemVoucher } from '../src/openitems/types.js';

const SIE_DIR = fileURLToPath(new URL('../fixtures/sie', import.meta.url));
export const TRAIN_SHARE = 0.7;
/** Fewest bank vouchers for a file to be scored (below it, 30 % is one or two lines). */
export const MIN_BANK_VOUCHERS = 5;
const VAT_ROW = /^26[1-4]\d$/;

/** L2 penalty per weight (keeps weights of rare features finite), and Newton steps at most. */
const L2 = 1e-3;
const STEPS = 50;
/** Fewest lines for an evidence path to get its own confidence curve (two parameters). */
const MIN_CURVE_POINTS = 100;

/** The account a voucher is "booked to": its largest non-bank, non-VAT row. */
export function counterAccount(rows: readonly VoucherRow[], bankAccounts: readonly string[]): string | null {
  const merged = new Map<string, number>();
  for (const r of rows) if (!bankAccounts.includes(r.account)) merged.set(r.account, (merged.get(r.account) ?? 0) + r.amount);
  const list = [...merged].filter(([, a]) => a !== 0);
  const nonVat = list.filter(([a]) => !VAT_ROW.test(a));
  const pool = nonVat.length > 0 ? nonVat : list;
  pool.sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]) || x[0].localeCompare(y[0]));
  return pool[0]?.[0] ?? null;
}

/**
 * The account the ranker should put first: the main account of the template the voucher teaches
 * (what candidates stand for), else its largest counter-row.
 */
export function rankerTruth(rows: readonly VoucherRow[], bankAccounts: readonly string[]): string | null {
  const reading = readTemplate(rows, bankAccounts);
  return reading.ok ? mainAccount(reading.template) : counterAccount(rows, bankAccounts);
}

/** The client's chart as its program knows it: #KONTO accounts plus every account its vouchers use. */
export function clientChart(doc: SieDocument): string[] {
  const set = new Set<string>();
  for (const a of doc.accounts) if (/^\d{4}$/.test(a.number)) set.add(a.number);
  for (const v of doc.vouchers) for (const t of v.transactions) if (/^\d{4}$/.test(t.account)) set.add(t.account);
  return [...set].sort();
}

/** One test line as the ranker saw it. */
export interface Example {
  readonly group: string;
  readonly candidates: readonly { readonly account: string; readonly features: readonly number[]; readonly accounts?: readonly string[] }[];
  readonly truth: string | null;
  /** For a composite voucher (two or more counter-accounts besides VAT): its accounts, sorted. */
  readonly composite?: readonly string[] | undefined;
}

/** The non-bank, non-VAT accounts of a voucher when there are two or more. */
export function compositeOf(rows: readonly VoucherRow[], bankAccounts: readonly string[]): string[] | undefined {
  const m = new Map<string, number>();
  for (const r of rows) if (!bankAccounts.includes(r.account) && !VAT_ROW.test(r.account)) m.set(r.account, (m.get(r.account) ?? 0) + r.amount);
  const a = [...m].filter(([, v]) => v !== 0).map(([k]) => k).sort();
  return a.length >= 2 ? a : undefined;
}

/** The candidate that is right: the truth's account, or for a composite voucher the same account set. */
export function truthIndex(e: Example): number {
  const i = e.candidates.findIndex((c) => c.account === e.truth);
  if (i >= 0 || e.composite === undefined) return i;
  const want = e.composite.join();
  return e.candidates.findIndex((c) => c.accounts?.join() === want);
}

/** A real SIE file ready for the protocol. */
export interface SieCase {
  readonly file: string;
  readonly bookings: readonly ConfirmedBooking[];
  readonly client: ClientSettings;
  readonly bankAccounts: readonly string[];
  /** The vouchers of the file that touch supplier or customer items (invoices, settlements), by date. */
  readonly ledger: readonly OpenItemVoucher[];
}

/** The real SIE files of the protocol: readable, with enough bank vouchers, each distinct file once. */
export function sieCases(keepDuplicates = false): SieCase[] {
  const seen = new Set<string>();
  const out: SieCase[] = [];
  const files = readdirSync(SIE_DIR).filter((f) => /\.s[ei]$/i.test(f)).sort();
  for (const file of files) {
    let bookings: ConfirmedBooking[];
    let chart: string[];
    let ledger: OpenItemVoucher[];
    try {
      const doc = readSie(readFileSync(`${SIE_DIR}/${file}`), { strict: false });
      bookings = sieBookings(doc);
      chart = clientChart(doc);
      ledger = sieLedgerVouchers(doc).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    } catch {
      continue;
    }
    const hash = createHash('sha256').update(JSON.stringify(bookings.map((b) => [b.voucher.date, b.voucher.rows]))).digest('hex');
    if (bookings.length < MIN_BANK_VOUCHERS || (seen.has(hash) && !keepDuplicates)) continue;
    seen.add(hash);
    const bankAccounts = [...new Set(bookings.flatMap((b) => b.voucher.rows.map((r) => r.account)))].filter((a) => /^19\d\d$/.test(a));
    out.push({ file, bookings, client: { id: file, bureauId: 'sie', bankAccounts, chart }, bankAccounts, ledger });
  }
  return out;
}

/** Replays one real file (learn 70 %, then suggest → record → learn) and returns its examples. */
export function sieExamples(c: SieCase): Example[] {
  const k = createKnowledge();
  const cut = Math.floor(c.bookings.length * TRAIN_SHARE);
  for (const b of c.bookings.slice(0, cut)) learn(k, c.client, b);
  const out: Example[] = [];
  // The open items as the books hold them before each line: every invoice and settlement dated earlier.
  let items: readonly OpenItem[] = [];
  let next = 0;
  for (const b of c.bookings.slice(cut)) {
    const bankAccount = b.voucher.rows.find((r) => c.bankAccounts.includes(r.account))?.account ?? '1930';
    const upTo = c.ledger.findIndex((v, i) => i >= next && v.date >= b.voucher.date);
    const end = upTo < 0 ? c.ledger.length : upTo;
    if (end > next) items = updateLedger(items, c.ledger.slice(next, end)).items;
    next = Math.max(next, end);
    const open = items.filter((i) => i.open > 0);
    const openItem = open.length === 0 ? undefined : matchOpenItems(b.transaction, open, { bankAccount, limit: 1 })[0];
    let trace: RankerTrace = { candidates: [] };
    suggest(b.transaction, k, c.client, { bankAccount, openItem, onRanker: (t) => (trace = t) });
    out.push({ group: c.file, candidates: trace.candidates, truth: rankerTruth(b.voucher.rows, c.bankAccounts), composite: compositeOf(b.voucher.rows, c.bankAccounts) });
    learn(k, c.client, b);
  }
  return out;
}

/** Replays a generated world month by month (every line suggested, then confirmed). */
export function worldExamples(seed: number, size: { bureaus: number; clientsPerBureau: number; months: number; coldClientsPerBureau: number }, every = 1): Example[] {
  const world = generateWorld({ seed, start: '2025-10', ...size });
  const k = createKnowledge();
  const settings = new Map(world.clients.map((c) => [c.settings.id, c.settings]));
  const out: Example[] = [];
  let n = 0;
  for (const month of world.months) {
    for (const line of month.lines) {
      const client = settings.get(line.clientId) as ClientSettings;
      if (n++ % every === 0) {
        let trace: RankerTrace = { candidates: [] };
        suggest(line.tx, k, client, { bankAccount: '1930', onRanker: (t) => (trace = t) });
        out.push({ group: `world-${seed}`, candidates: trace.candidates, truth: rankerTruth(line.truth.rows, ['1930']), composite: compositeOf(line.truth.rows, ['1930']) });
      }
      learn(k, client, { transaction: line.tx, voucher: line.truth, origin: line.correction ? 'correction' : 'confirmed' });
    }
  }
  return out;
}

/**
 * The generated world's invoices (bench/world/invoices.ts), replayed with the world: each client's supplier and customer invoices enter its
 * open-item ledger when registered, the lines that pay them are suggested with their best match,
 * and confirmed payments settle the items (as `confirm` does). Bankgiro deposits, which the facade
 * splits by their BgMax file, are learned but not suggested.
 */
export function invoiceExamples(seed: number, size: { bureaus: number; clientsPerBureau: number; months: number; coldClientsPerBureau: number }, every = 1): Example[] {
  const world = generateWorld({ seed, start: '2025-10', ...size });
  const k = createKnowledge();
  const settings = new Map(world.clients.map((c) => [c.settings.id, c.settings]));
  const events: InvoiceWorldEvent[] = generateInvoices({ seed, clients: world.clients.map((c) => c.settings), months: size.months, start: '2025-10' });
  const worldLine = new Set<InvoiceWorldEvent>();
  for (const m of world.months) {
    for (const l of m.lines) worldLine.add(events[events.push({ kind: 'payment', clientId: l.clientId, date: l.tx.date, tx: l.tx, truth: l.truth, settles: [], what: 'single', ...(l.correction ? { correction: true } : {}) } as InvoiceWorldEvent) - 1] as InvoiceWorldEvent);
  }
  // Stable: within a day, invoices first, then the lines in the order the world gave them.
  const order = events.map((e, i) => ({ e, i })).sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.e.kind !== b.e.kind ? (a.e.kind === 'invoice' ? -1 : 1) : a.i - b.i));
  const ledgers = new Map<string, OpenItem[]>();
  const put = (clientId: string, changed: readonly OpenItem[]): void => {
    const byId = new Map((ledgers.get(clientId) ?? []).map((i) => [i.id, i]));
    for (const c of changed) byId.set(c.id, c);
    ledgers.set(clientId, [...byId.values()]);
  };
  const out: Example[] = [];
  let n = 0;
  let confirmed = 0;
  for (const { e } of order) {
    const client = settings.get(e.clientId) as ClientSettings;
    const items = ledgers.get(e.clientId) ?? [];
    if (e.kind === 'invoice') {
      put(e.clientId, updateLedger(items, [{ id: `sie:${e.series}:${e.number}`, origin: 'sie', series: e.series, number: e.number, date: e.date, text: e.voucher.text, rows: e.voucher.rows }]).changed);
      continue;
    }
    const open = items.filter((i) => i.open > 0);
    if (e.what !== 'deposit' && !worldLine.has(e) && n++ % every === 0) {
      const openItem = open.length === 0 ? undefined : matchOpenItems(e.tx, open, { bankAccount: '1930', limit: 1 })[0];
      let trace: RankerTrace = { candidates: [] };
      suggest(e.tx, k, client, { bankAccount: '1930', openItem, onRanker: (t) => (trace = t) });
      // The invoice generator's payments are a source of their own (see `balanced`).
      out.push({ group: `world-${seed}-invoices`, candidates: trace.candidates, truth: rankerTruth(e.truth.rows, ['1930']), composite: compositeOf(e.truth.rows, ['1930']) });
    }
    learn(k, client, { transaction: e.tx, voucher: e.truth, origin: (e as { correction?: boolean }).correction === true ? 'correction' : 'confirmed' });
    if (e.truth.rows.some((r) => r.account === '2440' || r.account === '1510')) {
      confirmed++;
      const v: OpenItemVoucher = { id: `confirmed:A:${confirmed}`, origin: 'confirmed', series: 'A', number: String(confirmed), date: e.date, text: e.truth.text, rows: e.truth.rows, line: { text: e.tx.text, reference: e.tx.reference } };
      put(e.clientId, applyConfirmedVoucher(open, v, e.tx, '1930'));
    }
  }
  return out;
}

/** Softmax-with-none probabilities of one example under weights `w` (last entry: none). */
function probabilities(e: Example, w: Float64Array, none: number): number[] {
  const s = e.candidates.map((c) => {
    let x = 0;
    for (let i = 0; i < w.length; i++) x += (w[i] as number) * (c.features[i] as number);
    return x;
  });
  let max = none;
  for (const v of s) if (v > max) max = v;
  let z = Math.exp(none - max);
  for (const v of s) z += Math.exp(v - max);
  return [...s.map((v) => Math.exp(v - max) / z), Math.exp(none - max) / z];
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[piv]![c]!)) piv = r;
    [M[c], M[piv]] = [M[piv]!, M[c]!];
    const d = M[c]![c]!;
    if (Math.abs(d) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / d;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) M[r]![k] = M[r]![k]! - f * M[c]![k]!;
    }
  }
  return M.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/**
 * Maximum-likelihood weights for the examples (conditional logit over candidates plus "none"),
 * with an L2 penalty, by Newton's method with step halving; `groupWeight` gives each example's
 * weight (so that sources of different size can weigh the same).
 */
export function fitWeights(examples: readonly Example[], groupWeight: (e: Example) => number, stage?: { readonly start: RankerWeights; readonly free: readonly number[] }): RankerWeights {
  const d = RANKER_FEATURES.length;
  const D = d + 1; // last: none
  const usable = examples.filter((e) => e.candidates.length > 0);
  const weights = usable.map(groupWeight);
  const totalWeight = weights.reduce((s, x) => s + x, 0);
  // Flat rows: each example's candidates, then "none" (its own indicator feature).
  const rows = usable.map((e) => {
    const n = e.candidates.length;
    const x = new Float64Array((n + 1) * D);
    e.candidates.forEach((c, i) => {
      for (let f = 0; f < d; f++) x[i * D + f] = c.features[f] as number;
    });
    x[n * D + d] = 1;
    const t = truthIndex(e);
    return { x, n: n + 1, t: t < 0 ? n : t };
  });
  const w = new Float64Array(D);
  if (stage !== undefined) {
    RANKER_FEATURES.forEach((f, i) => (w[i] = stage.start.weights[f] ?? 0));
    w[d] = stage.start.none;
  }
  // Coordinates the fit may move (all, or the stage's): the others keep their start values.
  const free = new Set(stage?.free ?? Array.from({ length: D }, (_, i) => i));
  const loss = (ww: Float64Array): number => {
    let l = 0;
    rows.forEach((r, j) => {
      let max = -Infinity;
      const s: number[] = [];
      for (let i = 0; i < r.n; i++) {
        let v = 0;
        for (let f = 0; f < D; f++) v += (ww[f] as number) * (r.x[i * D + f] as number);
        s.push(v);
        if (v > max) max = v;
      }
      let z = 0;
      for (const v of s) z += Math.exp(v - max);
      l += ((weights[j] as number) / totalWeight) * (max + Math.log(z) - (s[r.t] as number));
    });
    for (let f = 0; f < d; f++) l += 0.5 * L2 * (ww[f] as number) ** 2;
    return l;
  };
  let current = loss(w);
  for (let step = 0; step < STEPS; step++) {
    const g = new Array<number>(D).fill(0);
    const H = Array.from({ length: D }, () => new Array<number>(D).fill(0));
    rows.forEach((r, j) => {
      const a = (weights[j] as number) / totalWeight;
      const s: number[] = [];
      let max = -Infinity;
      for (let i = 0; i < r.n; i++) {
        let v = 0;
        for (let f = 0; f < D; f++) v += (w[f] as number) * (r.x[i * D + f] as number);
        s.push(v);
        if (v > max) max = v;
      }
      let z = 0;
      for (const v of s) z += Math.exp(v - max);
      const p = s.map((v) => Math.exp(v - max) / z);
      const mu = new Array<number>(D).fill(0);
      for (let i = 0; i < r.n; i++) for (let f = 0; f < D; f++) mu[f] = (mu[f] as number) + (p[i] as number) * (r.x[i * D + f] as number);
      for (let f = 0; f < D; f++) g[f] = (g[f] as number) + a * ((mu[f] as number) - (r.x[r.t * D + f] as number));
      for (let i = 0; i < r.n; i++) {
        const pi = p[i] as number;
        if (pi < 1e-12) continue;
        for (let f = 0; f < D; f++) {
          const xf = (r.x[i * D + f] as number) - (mu[f] as number);
          if (xf === 0) continue;
          for (let h = 0; h < D; h++) H[f]![h] = H[f]![h]! + a * pi * xf * ((r.x[i * D + h] as number) - (mu[h] as number));
        }
      }
    });
    for (let f = 0; f < D; f++) {
      if (f < d) g[f] = (g[f] as number) + L2 * (w[f] as number);
      H[f]![f] = H[f]![f]! + (f < d ? L2 : 1e-9);
    }
    for (let f = 0; f < D; f++) {
      if (free.has(f)) continue;
      g[f] = 0;
      for (let h = 0; h < D; h++) H[f]![h] = H[h]![f] = f === h ? 1 : 0;
    }
    const delta = solve(H, g);
    let t = 1;
    let next = w.map((v, f) => v - t * (delta[f] as number));
    let nextLoss = loss(next);
    while (nextLoss > current && t > 1e-4) {
      t /= 2;
      next = w.map((v, f) => v - t * (delta[f] as number));
      nextLoss = loss(next);
    }
    if (nextLoss > current) break;
    w.set(next);
    const gain = current - nextLoss;
    current = nextLoss;
    if (gain < 1e-9) break;
  }
  return {
    weights: Object.fromEntries(RANKER_FEATURES.map((f, i) => [f, round4(w[i] as number)])) as RankerWeights['weights'],
    none: round4(w[d] as number),
  };
}

/** The top candidate's probability and whether it is the truth. */
export function topOf(e: Example, weights: RankerWeights): { p: number; account: string | null; right: boolean } {
  if (e.candidates.length === 0) return { p: 0, account: null, right: false };
  const w = Float64Array.from(RANKER_FEATURES.map((f) => weights.weights[f]));
  const p = probabilities(e, w, weights.none);
  let best = 0;
  for (let i = 1; i < e.candidates.length; i++) {
    const pi = p[i] as number;
    const pb = p[best] as number;
    if (pi > pb || (pi === pb && (e.candidates[i]?.account ?? '') < (e.candidates[best]?.account ?? ''))) best = i;
  }
  const account = e.candidates[best]?.account ?? null;
  return { p: p[best] as number, account, right: account !== null && best === truthIndex(e) };
}

/**
 * Isotonic fit (pool-adjacent-violators); each block's confidence is its posterior mean precision
 * under a uniform prior, (right + 1) / (lines + 2), so a small block is pulled towards ½ and no
 * block claims 100 %. Corners only.
 */
export function fitCurve(points: readonly { p: number; right: boolean }[]): [number, number][] {
  const sorted = [...points].sort((a, b) => a.p - b.p);
  const blocks: { lo: number; hi: number; n: number; k: number }[] = [];
  const value = (b: { n: number; k: number }): number => (b.k + 1) / (b.n + 2);
  for (const pt of sorted) {
    blocks.push({ lo: pt.p, hi: pt.p, n: 1, k: pt.right ? 1 : 0 });
    while (blocks.length >= 2) {
      const b = blocks[blocks.length - 1] as { lo: number; hi: number; n: number; k: number };
      const a = blocks[blocks.length - 2] as { lo: number; hi: number; n: number; k: number };
      if (value(a) < value(b)) break;
      blocks.splice(blocks.length - 2, 2, { lo: a.lo, hi: b.hi, n: a.n + b.n, k: a.k + b.k });
    }
  }
  const curve: [number, number][] = [[0, 0]];
  for (const b of blocks) {
    const y = round4(value(b));
    if (b.lo > 0) curve.push([round4(b.lo), y]);
    curve.push([round4(b.hi), y]);
  }
  if ((curve[curve.length - 1] as [number, number])[0] < 1) curve.push([1, (curve[curve.length - 1] as [number, number])[1]]);
  // Corners only: drop repeated x and the inner points of flat runs.
  const dedup = curve.filter((pt, i) => i === 0 || pt[0] !== curve[i - 1]?.[0]);
  return dedup.filter((pt, i) => {
    const a = dedup[i - 1];
    const b = dedup[i + 1];
    return a === undefined || b === undefined || a[1] !== pt[1] || b[1] !== pt[1];
  });
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/**
 * Logistic (Platt) calibration of the top probability on (p, right) points, by Newton's method:
 * two parameters, monotone, so it keeps the ranker's order (an isotonic curve on a few hundred real
 * lines collapses into a handful of flat steps, and ties make a threshold all-or-nothing).
 */
export function fitPlatt(points: readonly { p: number; right: boolean }[]): PlattScaling {
  const xs = points.map((pt) => {
    const q = Math.min(1 - 1e-9, Math.max(1e-9, pt.p));
    return Math.log(q / (1 - q));
  });
  let a = 1;
  let b = 0;
  for (let it = 0; it < 100; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    points.forEach((pt, i) => {
      const x = xs[i] as number;
      const s = 1 / (1 + Math.exp(-(a * x + b)));
      const r = s - (pt.right ? 1 : 0);
      ga += r * x;
      gb += r;
      const w = s * (1 - s);
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { a: round4(a), b: round4(b) };
}

/**
 * Each source weighs the same in the fit: the real files together, the generated world's lines, and
 * the lines of its invoices (payments that settle supplier and customer invoices, where the
 * open-item match is the evidence).
 */
export function balanced(examples: readonly Example[]): (e: Example) => number {
  const source = (e: Example): string => (!e.group.startsWith('world-') ? 'real' : e.group.endsWith('-invoices') ? 'invoices' : 'world');
  const n = new Map<string, number>();
  for (const e of examples) n.set(source(e), (n.get(source(e)) ?? 0) + 1);
  return (e) => 1 / Math.max(1, n.get(source(e)) ?? 0);
}

/**
 * The ranker's weights in two stages. First every weight, on the real files and the generated
 * world's own lines. Then the open-item weight alone, the others fixed, on the real files and the
 * world's invoice payments: the lines where an open-item match is evidence. Fitting everything on
 * the invoice world at once let its supplier payments (booked to 2440 under the invoice method,
 * where the bureau's other clients book the cost) pull the other weights, which cost the world's
 * ordinary lines about a point of top-1 and the bureau tier about two.
 */
export function fitStaged(examples: readonly Example[]): RankerWeights {
  const invoices = (e: Example): boolean => e.group.endsWith('-invoices');
  const first = examples.filter((e) => !invoices(e));
  const w1 = fitWeights(first, balanced(first));
  const second = examples.filter((e) => invoices(e) || !e.group.startsWith('world-'));
  return fitWeights(second, balanced(second), { start: w1, free: [RANKER_FEATURES.indexOf('openItem')] });
}

/** Everything the fit needs, from one replay. */
export function collect(quick = false): { sie: Example[]; world: Example[]; files: string[] } {
  const cases = sieCases();
  const sie = cases.flatMap(sieExamples);
  const size = quick ? { bureaus: 4, clientsPerBureau: 10, months: 8, coldClientsPerBureau: 2 } : { bureaus: 8, clientsPerBureau: 20, months: 12, coldClientsPerBureau: 3 };
  const world = [...worldExamples(1, size, quick ? 1 : 3), ...invoiceExamples(1, size)];
  return { sie, world, files: cases.map((c) => c.file) };
}

/** Weights fitted without each real file, and the out-of-sample top probability of its lines. */
export function leaveOneFileOut(sie: readonly Example[], world: readonly Example[], files: readonly string[]): { byFile: Map<string, RankerWeights>; points: { group: string; p: number; right: boolean }[] } {
  const byFile = new Map<string, RankerWeights>();
  const points: { group: string; p: number; right: boolean }[] = [];
  for (const f of files) {
    const train = [...sie.filter((e) => e.group !== f), ...world];
    const w = fitStaged(train);
    byFile.set(f, w);
    for (const e of sie.filter((x) => x.group === f)) {
      const t = topOf(e, w);
      points.push({ group: f, p: t.p, right: t.right });
    }
  }
  return { byFile, points };
}

/** The world that calibrates bureau and network evidence: neither the ranker's data (seed 1) nor the accuracy bench's (seed 2). */
export const SHARED_EVIDENCE_SEED = 3;

/**
 * Top probabilities of the lines that bureau or network evidence carries, in a generated world the
 * ranker was not fitted on, scored by the given weights: the real books hold no other bureau and no
 * network, so their curve cannot speak for those lines. Returns the points per evidence path.
 */
export function sharedEvidencePoints(weights: RankerWeights, quick = false): Record<SharedEvidencePath, { p: number; right: boolean }[]> {
  const size = quick ? { bureaus: 4, clientsPerBureau: 10, months: 8, coldClientsPerBureau: 2 } : { bureaus: 8, clientsPerBureau: 20, months: 12, coldClientsPerBureau: 3 };
  const world = generateWorld({ seed: SHARED_EVIDENCE_SEED, start: '2025-10', ...size });
  const k = createKnowledge();
  const settings = new Map(world.clients.map((c) => [c.settings.id, c.settings]));
  const out: Record<SharedEvidencePath, { p: number; right: boolean }[]> = { bureau: [], network: [] };
  for (const month of world.months) {
    for (const line of month.lines) {
      const client = settings.get(line.clientId) as ClientSettings;
      let top: { path: string; p: number } | undefined;
      const s = suggest(line.tx, k, client, { bankAccount: '1930', weights, calibration: (path, p) => ((top ??= { path, p }), p) });
      if (top !== undefined && (top.path === 'bureau' || top.path === 'network')) out[top.path].push({ p: top.p, right: s.account === counterAccount(line.truth.rows, ['1930']) });
      learn(k, client, { transaction: line.tx, voucher: line.truth, origin: line.correction ? 'correction' : 'confirmed' });
    }
  }
  return out;
}

function main(): void {
  const started = performance.now();
  // --cache: reuse the examples of the last replay (bench/out/ranker-examples.json) while working on the fit.
  const cacheFile = 'bench/out/ranker-examples.json';
  let data: ReturnType<typeof collect>;
  if (process.argv.includes('--cache') && existsSync(cacheFile)) data = JSON.parse(readFileSync(cacheFile, 'utf8')) as ReturnType<typeof collect>;
  else {
    data = collect(process.argv.includes('--quick'));
    mkdirSync('bench/out', { recursive: true });
    writeFileSync(cacheFile, JSON.stringify(data));
  }
  const { sie, world, files } = data;
  const all = [...sie, ...world];
  const weights = fitStaged(all);
  const lofo = leaveOneFileOut(sie, world, files);
  const platt = fitPlatt(lofo.points);
  const right = lofo.points.filter((p) => p.right).length;
  const shared = sharedEvidencePoints(weights, process.argv.includes('--quick'));
  const bySource: Partial<Record<SharedEvidencePath, PlattScaling>> = {};
  for (const path of ['bureau', 'network'] as const) if (shared[path].length >= MIN_CURVE_POINTS) bySource[path] = fitPlatt(shared[path]);
  const sharedSaid = (['bureau', 'network'] as const).map((path) => `${path} ${shared[path].filter((x) => x.right).length} of ${shared[path].length} right`).join(', ');
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    // Weights fitted on code that is not committed say so: the commit alone would not reproduce them.
    if (execSync('git status --porcelain -- src bench fixtures', { encoding: 'utf8' }).trim() !== '') commit += ' with uncommitted changes';
  } catch {
    // not a git checkout
  }
  const date = new Date().toISOString().slice(0, 10);
  const note =
    `bench/fit-ranker.ts on ${date} (commit ${commit}): softmax-with-none ranker, maximum likelihood with L2 ${L2}, ` +
    `Newton's method, in two stages (every weight on the real files and the world's lines, then the open-item weight on the real files and the world's invoice payments); data: ${sie.length} test lines of ${files.length} real SIE files (fixtures/sie, learn 70 % then replay) ` +
    `and ${world.length} lines of the generated world seed 1 with its invoices (bench/world/invoices.ts; open-item matches as evidence), each source weighing the same. Confidence: logistic (Platt) calibration ` +
    `on the real files' leave-one-file-out top probabilities (${right} of ${lofo.points.length} right); for lines that the bureau's other clients or the network carry, ` +
    `which the real books do not have, their own curves on the generated world seed ${SHARED_EVIDENCE_SEED}, scored by these weights (${sharedSaid}).`;
  process.stdout.write(`${note}\n${JSON.stringify(weights)}\n${JSON.stringify(platt)}\n${JSON.stringify(bySource)}\n(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  if (process.argv.includes('--dry-run')) return;
  const file = fileURLToPath(new URL('../src/suggest/ranker-weights.ts', import.meta.url));
  const body = `/**
 * Learned parameters of the ranker and its confidence curve. Data, written by
 * \`bench/fit-ranker.ts\`; do not edit by hand. See \`RANKER_NOTE\` for where they came from.
 */
import type { PlattScaling, RankerWeights, SharedEvidencePath } from './ranker.js';

/** Provenance of {@link RANKER} and {@link CONFIDENCE}. */
export const RANKER_NOTE =
  ${JSON.stringify(note)};

/** Weights of the ranker's features and the score of "none of the candidates". */
export const RANKER: RankerWeights = ${JSON.stringify(weights, null, 2).replace(/"(\w+)":/g, '$1:')};

/** Ranker probability of the top account → calibrated confidence: σ(a · logit(p) + b). */
export const CONFIDENCE: PlattScaling = ${JSON.stringify(platt).replace(/"(\w+)":/g, '$1:')};

/** Curves of the lines that bureau or network evidence carries (see \`RANKER_NOTE\`); a missing one is {@link CONFIDENCE}. */
export const CONFIDENCE_BY_SOURCE: Readonly<Partial<Record<SharedEvidencePath, PlattScaling>>> = ${JSON.stringify(bySource).replace(/"(\w+)":/g, '$1:')};
`;
  writeFileSync(file, body);
  process.stdout.write(`wrote ${file}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
