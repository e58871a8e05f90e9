/**
 * Speed and memory of the engine, on one core:
 *
 *   node --expose-gc --import tsx/esm bench/suggest.ts [--keys 1000000]
 *
 * 1. Learning: 100 000 confirmed bookings (2 000 clients × 50 bookings over 20 counterparties)
 *    into an empty knowledge base — target < 2 s.
 * 2. A knowledge base with 1 000 000 learned keys (1 000 clients × 1 000 counterparties, 10
 *    bureaus, network on); heap per key measured after GC.
 * 3. Suggestions per second against it, with realistic bank texts: 80 % known counterparties
 *    written with card/bankgiro noise, 10 % with a typo (fuzzy path), 10 % unknown (falls through
 *    bureau, network and rules) — target ≥ 100 000/s; then each kind of line alone, to show where
 *    the time goes; then known lines with and without the key filters, and known lines and the
 *    whole mix on a knowledge base of 20 000 keys that fits the processor's cache (what the
 *    engine's own work allows when memory costs nothing). Measured in steady state: every client's
 *    first suggestion (which builds its text model and its share of the bureau's) is made, and
 *    timed, before the run.
 *
 * The engine is the package's own build (bench/built.ts), as an installed kontera runs it.
 */
import type { ClientSettings, ConfirmedBooking } from '../src/knowledge/types.js';
import { seededRandom as rng } from '../test/support/random.js';
import { builtKontera } from './built.js';

const { createKnowledge, learn, suggest } = await builtKontera();

const argKeys = process.argv.indexOf('--keys');
const TOTAL_KEYS = argKeys >= 0 ? Number(process.argv[argKeys + 1]) : 1_000_000;
const KEYS_PER_CLIENT = 1_000;
const CLIENTS = Math.max(1, Math.round(TOTAL_KEYS / KEYS_PER_CLIENT));

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'sta', 'ber', 'gå', 'ström', 'lund', 'vik', 'holm', 'ås', 'dal', 'fors', 'by', 'sjö', 'ek', 'björk', 'gran', 'tall', 'öd', 'berg', 'näs', 'hed'];
const TRADES = ['BYGG', 'MÅLERI', 'EL', 'VVS', 'STÄD', 'TRANSPORT', 'KONSULT', 'DATA', 'BAGERI', 'DESIGN'];

function name(r: () => number): string {
  let w = '';
  const n = 2 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
  return `${w.toUpperCase()} ${TRADES[Math.floor(r() * TRADES.length)]}`;
}

function bookingFor(text: string, date: string, account: string, gross: number): ConfirmedBooking {
  const vat = Math.round(gross / 5);
  return {
    transaction: { date, amount: -gross, text },
    voucher: { date, text, rows: [{ account: '1930', amount: -gross }, { account, amount: gross - vat }, { account: '2641', amount: vat }] },
  };
}

function heapMb(): number {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g !== undefined) {
    g();
    g();
  }
  return process.memoryUsage().heapUsed / 1_048_576;
}

const ACCOUNTS = ['5410', '5460', '6110', '6540', '5010', '6212', '4000', '5611', '6250', '6570'];

function learningBench(): void {
  const r = rng(7);
  const bookings: { client: ClientSettings; b: ConfirmedBooking }[] = [];
  for (let c = 0; c < 2_000; c++) {
    const client: ClientSettings = { id: `L${c}`, bureauId: `LB${c % 10}` };
    const names = Array.from({ length: 20 }, () => name(r));
    for (let i = 0; i < 50; i++) {
      const n = names[i % 20] as string;
      bookings.push({ client, b: bookingFor(`KORTKÖP 2601${String(1 + (i % 28)).padStart(2, '0')} ${n}`, `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`, ACCOUNTS[i % 10] as string, 10_000 + Math.floor(r() * 90_000)) });
    }
  }
  const k = createKnowledge();
  const t0 = performance.now();
  for (const { client, b } of bookings) learn(k, client, b);
  const ms = performance.now() - t0;
  process.stdout.write(`learning: ${bookings.length} bookings in ${(ms / 1000).toFixed(2)} s (${Math.round(bookings.length / (ms / 1000))}/s)\n`);
}

/**
 * `count` clients (ids `${prefix}C0`…, 10 bureaus) of {@link KEYS_PER_CLIENT} distinct counterparties
 * each, every one learned once with a random account and amount.
 */
function learnClients(k: ReturnType<typeof createKnowledge>, count: number, prefix: string, r: () => number): { clients: ClientSettings[]; names: string[][] } {
  const clients: ClientSettings[] = [];
  const names: string[][] = [];
  for (let c = 0; c < count; c++) {
    const client: ClientSettings = { id: `${prefix}C${c}`, bureauId: `${prefix}B${c % 10}` };
    clients.push(client);
    const mine: string[] = [];
    const seen = new Set<string>();
    while (mine.length < KEYS_PER_CLIENT) {
      const n = name(r);
      if (seen.has(n)) continue;
      seen.add(n);
      mine.push(n);
      learn(k, client, bookingFor(n, '2026-01-15', ACCOUNTS[Math.floor(r() * ACCOUNTS.length)] as string, 10_000 + Math.floor(r() * 90_000)));
    }
    names.push(mine);
  }
  return { clients, names };
}

type Query = { client: ClientSettings; text: string; amount: number; kind: 'known' | 'typo' | 'unknown' };

/**
 * `n` lines of the mix: 80 % known counterparties of a random client (40 % as card purchases, 20 %
 * as bankgiro payments, 20 % bare), 10 % with a typo, 10 % unknown.
 */
function makeQueries(clients: readonly ClientSettings[], names: readonly string[][], r: () => number, n: number): Query[] {
  const queries: Query[] = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(r() * clients.length);
    const client = clients[c] as ClientSettings;
    const known = (names[c] as string[])[Math.floor(r() * KEYS_PER_CLIENT)] as string;
    const p = r();
    let text: string;
    if (p < 0.4) text = `KORTKÖP 2602${String(1 + Math.floor(r() * 28)).padStart(2, '0')} ${known}`;
    else if (p < 0.6) text = `Betalning BG 5${Math.floor(r() * 900) + 100}-${1000 + Math.floor(r() * 8999)} ${known}`;
    else if (p < 0.8) text = known;
    else if (p < 0.9) text = known.slice(0, -1) + 'X';
    else text = `KORTKÖP 260214 ${name(r)} UNKNOWN`;
    queries.push({ client, text, amount: -(10_000 + Math.floor(r() * 90_000)), kind: p < 0.8 ? 'known' : p < 0.9 ? 'typo' : 'unknown' });
  }
  return queries;
}

function main(): void {
  learningBench();
  const r = rng(11);
  const before = heapMb();
  const k = createKnowledge();
  const t0 = performance.now();
  const { clients, names } = learnClients(k, CLIENTS, '', r);
  const buildS = (performance.now() - t0) / 1000;
  let keys = 0;
  for (const m of k.profiles.values()) keys += m.size;
  const after = heapMb();
  process.stdout.write(`knowledge: ${keys} learned keys for ${CLIENTS} clients built in ${buildS.toFixed(1)} s (${Math.round(keys / buildS)}/s); heap ${before.toFixed(0)} → ${after.toFixed(0)} MB = ${(((after - before) * 1_048_576) / keys).toFixed(0)} bytes per key (profiles, bureau + network aggregates, indexes)\n`);

  // Queries.
  const N = 200_000;
  const queries = makeQueries(clients, names, r, N);
  // Every client's first line that is not a known counterparty builds its text model (and its
  // bureau's, and its share of it): a one-off per client and store opening, timed here.
  const tf = performance.now();
  for (const client of clients) suggest({ date: '2026-02-15', amount: -12_300, text: 'KORTKÖP 260214 NYTT FORETAG' }, k, client);
  const firstMs = performance.now() - tf;
  process.stdout.write(`first suggestion per client (builds its text models): ${(firstMs / CLIENTS).toFixed(1)} ms per client, ${(firstMs / 1000).toFixed(1)} s for all ${CLIENTS}\n`);
  for (let i = 0; i < 5_000; i++) {
    const q = queries[i] as (typeof queries)[number];
    suggest({ date: '2026-02-15', amount: q.amount, text: q.text }, k, q.client);
  }
  let vouchers = 0;
  const t1 = performance.now();
  for (const q of queries) {
    const s = suggest({ date: '2026-02-15', amount: q.amount, text: q.text }, k, q.client);
    if (s.voucher !== null) vouchers++;
  }
  const s1 = (performance.now() - t1) / 1000;
  process.stdout.write(`suggest: ${N} suggestions in ${s1.toFixed(2)} s = ${Math.round(N / s1)}/s on one core (${((vouchers / N) * 100).toFixed(1)} % with a voucher)\n`);
  // The text models are built on a client's (and bureau's) first suggestion, then kept in step.
  const withModels = heapMb();
  process.stdout.write(`heap with every client's and bureau's text model built: ${withModels.toFixed(0)} MB = ${(((withModels - before) * 1_048_576) / keys).toFixed(0)} bytes per key (${k.textModels.size} client models, ${k.bureauTextModels.size} bureau models)\n`);

  // Baseline on the same queries: exact-text memory, a Map from client + lower-cased bank text to
  // the account last booked (what "remember this transaction" features do). It knows only texts
  // seen verbatim, so it answers far fewer lines; it is the floor for speed, not for accuracy.
  const memory = new Map<string, string>();
  for (let c = 0; c < CLIENTS; c++) for (const n of names[c] as string[]) memory.set(`C${c}\u0000${n.toLowerCase()}`, '6540');
  let found = 0;
  const tb = performance.now();
  for (const q of queries) if (memory.get(`${q.client.id}\u0000${q.text.toLowerCase().replace(/\s+/g, ' ').trim()}`) !== undefined) found++;
  const sb = (performance.now() - tb) / 1000;
  process.stdout.write(`baseline exact-text memory: ${N} look-ups in ${sb.toFixed(2)} s = ${Math.round(N / sb)}/s (${((found / N) * 100).toFixed(1)} % found)\n`);

  // The same queries by kind of line: where the time of the mixed run goes.
  const perKind: string[] = [];
  for (const kind of ['known', 'typo', 'unknown'] as const) {
    const only = queries.filter((q) => q.kind === kind);
    const t2 = performance.now();
    for (const q of only) suggest({ date: '2026-02-15', amount: q.amount, text: q.text }, k, q.client);
    const s2 = (performance.now() - t2) / 1000;
    if (kind === 'known') process.stdout.write(`suggest, known counterparties only: ${Math.round(only.length / s2)}/s\n`);
    perKind.push(`${kind} ${Math.round(only.length / s2)}/s = ${((s2 * 1e6) / only.length).toFixed(1)} µs per line (${((only.length / N) * 100).toFixed(0)} % of lines)`);
  }
  process.stdout.write(`suggest by kind of line: ${perKind.join('; ')}\n`);

  // The key filters (src/knowledge/key-filter.ts) skip the bureau and network look-ups whose answer
  // is empty. The same known lines with every look-up made, in alternating rounds (median of 5),
  // show what they save.
  const known = queries.filter((q) => q.kind === 'known').slice(0, 50_000);
  const filters = k.filters;
  const always = { mayHave: (): boolean => true };
  const unfiltered = { bureauKeys: always, bureauShared: always, networkShared: always } as unknown as typeof filters;
  const rounds: Record<'with' | 'without', number[]> = { with: [], without: [] };
  for (let round = 0; round < 5; round++) {
    for (const mode of ['with', 'without'] as const) {
      (k as { filters: typeof filters }).filters = mode === 'with' ? filters : unfiltered;
      const t = performance.now();
      for (const q of known) suggest({ date: '2026-02-15', amount: q.amount, text: q.text }, k, q.client);
      rounds[mode].push(((performance.now() - t) * 1000) / known.length);
    }
  }
  (k as { filters: typeof filters }).filters = filters;
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  process.stdout.write(`known lines, median of 5 alternating rounds: ${median(rounds.with).toFixed(1)} µs with the key filters, ${median(rounds.without).toFixed(1)} µs with every bureau and network look-up made\n`);

  // The same engine on a knowledge base that fits the processor's cache: what the million keys'
  // memory costs a known line.
  const small = createKnowledge();
  const rs = rng(13);
  const { clients: smallClients, names: smallNames } = learnClients(small, 20, 'S', rs);
  const smallKnown = Array.from({ length: 50_000 }, () => {
    const c = Math.floor(rs() * smallClients.length);
    const n = (smallNames[c] as string[])[Math.floor(rs() * KEYS_PER_CLIENT)] as string;
    const p = rs();
    const text = p < 0.5 ? `KORTKÖP 2602${String(1 + Math.floor(rs() * 28)).padStart(2, '0')} ${n}` : p < 0.75 ? `Betalning BG 5${Math.floor(rs() * 900) + 100}-${1000 + Math.floor(rs() * 8999)} ${n}` : n;
    return { client: smallClients[c] as ClientSettings, text, amount: -(10_000 + Math.floor(rs() * 90_000)) };
  });
  // Median µs per line of 5 rounds over the lines, after a warm-up on their first 5 000.
  const medianOfRounds = (lines: readonly { client: ClientSettings; text: string; amount: number }[]): number => {
    for (const q of lines.slice(0, 5_000)) suggest({ date: '2026-02-15', amount: q.amount, text: q.text }, small, q.client);
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      const t = performance.now();
      for (const q of lines) suggest({ date: '2026-02-15', amount: q.amount, text: q.text }, small, q.client);
      times.push(((performance.now() - t) * 1000) / lines.length);
    }
    return median(times);
  };
  const smallKnownUs = medianOfRounds(smallKnown);
  process.stdout.write(`known lines at 20 000 learned keys (the knowledge base fits the processor's cache), median of 5: ${smallKnownUs.toFixed(1)} µs per line = ${Math.round(1e6 / smallKnownUs)}/s\n`);

  // The whole mix on the small knowledge base: with its tables in the processor's cache, the
  // memory of a million keys costs next to nothing, so this is what the engine's own work allows.
  const smallMix = makeQueries(smallClients, smallNames, rs, 50_000);
  for (const client of smallClients) suggest({ date: '2026-02-15', amount: -12_300, text: 'KORTKÖP 260214 NYTT FORETAG' }, small, client);
  const smallMixUs = medianOfRounds(smallMix);
  process.stdout.write(`the mix (80 % known, 10 % typo, 10 % unknown) at 20 000 learned keys, median of 5: ${smallMixUs.toFixed(1)} µs per line = ${Math.round(1e6 / smallMixUs)}/s\n`);
}

main();
