/**
 * PostgreSQL bench, two parts.
 *
 * 1. Suggest throughput, PostgreSQL against SQLite on the same data: a generated world of clients
 *    (each with its own habit per counterparty) learns six months of bookings through the facade on
 *    both stores, then every client gets a month's statement suggested, timed per store; PostgreSQL
 *    also with several clients suggested at once (app servers share one database).
 * 2. Network-count scaling: `--observations` generated learning observations (bureau, client,
 *    counterparty key, account, VAT) aggregated into `network_records` the way the store keeps them
 *    (one row per key × direction × account × VAT, counting distinct bureaus and clients), with
 *    rows per key, table and index sizes, and the time `getNetworkRecords` takes for one statement's
 *    keys.
 *
 *   KONTERA_PG_URL=$(test/store/pg-server.sh start) \
 *     node --import tsx/esm bench/postgres.ts [--clients 200] [--bureaus 20] [--lines 40] [--observations 1000000,10000000]
 *
 * Without KONTERA_PG_URL it starts a throwaway cluster with test/store/pg-server.sh (and stops it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createKontera } from '../src/kontera.js';
import type { Booking, ImportedTransaction, Kontera } from '../src/kontera.js';
import { openPostgresStore } from '../src/store/postgres.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';
import { seededRandom as rng } from '../test/support/random.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const CLIENTS = Number(arg('clients', '200'));
const BUREAUS = Number(arg('bureaus', '20'));
const LINES = Number(arg('lines', '40'));
const OBSERVATIONS = arg('observations', '1000000,10000000')
  .split(',')
  .filter((s) => s !== '')
  .map(Number);
const PARALLEL = Number(arg('parallel', '4'));
/** Size of the counterparty-key universe the observations draw from (Swedish businesses a bureau network sees). */
const KEY_UNIVERSE = Number(arg('keys', '400000'));

const NOW = () => new Date('2026-01-15T08:00:00.000Z');


const PARTIES: readonly (readonly [string, readonly string[], number])[] = [
  ['AUTOGIRO TELIA SVERIGE AB', ['6212', '6211'], 49900],
  ['KORTKÖP EASYPARK', ['5800', '5611'], 6500],
  ['KORTKÖP CLAS OHLSON', ['5410', '5460'], 34900],
  ['AUTOGIRO FORTNOX AB', ['5420', '6540'], 39900],
  ['KORTKÖP ICA NARA', ['4010', '5460', '7690'], 23400],
  ['KORTKÖP SJ AB', ['5810'], 89900],
  ['KORTKÖP SPOTIFY', ['6540', '6990'], 11900],
  ['LEASING VOLVO FINANS', ['5615'], 450000],
  ['KORTKÖP CIRCLE K', ['5611'], 78000],
  ['BG 5963-1234 VATTENFALL', ['5020', '5030'], 156000],
  ['KORTKÖP KJELL & CO', ['5410'], 19900],
  ['KORTKÖP OFFICE DEPOT', ['6110'], 45600],
];

interface Line {
  readonly date: string;
  readonly text: string;
  readonly amount: number;
}

interface ClientPlan {
  readonly id: string;
  readonly bureauId: string;
  /** The bank's account number in the files. */
  readonly account: string;
  readonly habit: ReadonlyMap<string, string>;
  /** Month → CSV. */
  readonly months: readonly string[];
}

function csv(account: string, lines: readonly Line[]): string {
  const out = [
    '* Transaktioner Period 2025-01-01–2025-12-31 Skapad 2026-01-02 20:35 +01:00',
    'Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,Valutadag,Referens,Beskrivning,Belopp,Bokfört saldo',
  ];
  let balance = 50_000_000;
  const rows = lines.map((l) => ({ ...l, balance: (balance += l.amount) }));
  rows.reverse().forEach((l, i) => {
    const kr = (o: number): string => (o / 100).toFixed(2);
    out.push(`${i + 1},8327,${account},"Företagskonto",SEK,${l.date},${l.date},${l.date},"${l.text}","${l.text}",${kr(l.amount)},${kr(l.balance)}`);
  });
  return out.join('\r\n') + '\r\n';
}

function plan(): ClientPlan[] {
  const random = rng(20261121);
  return Array.from({ length: CLIENTS }, (_, c) => {
    const used = PARTIES.filter(() => random() < 0.6);
    const habit = new Map(used.map(([text, accounts]) => [text, accounts[Math.floor(random() * accounts.length)] ?? accounts[0] ?? '6990']));
    const months = Array.from({ length: 7 }, (_, m) => {
      const lines: Line[] = Array.from({ length: LINES }, (_, i) => {
        const date = `2025-${String(m + 1).padStart(2, '0')}-${String(1 + Math.floor((i * 28) / LINES)).padStart(2, '0')}`;
        const party = random() < 0.15 || used.length === 0 ? undefined : used[Math.floor(random() * used.length)];
        const text = party?.[0] ?? `KORTKÖP BUTIK ${Math.floor(random() * 100000)}`;
        const base = party?.[2] ?? 10000 + Math.floor(random() * 90000);
        return { date, text, amount: -Math.max(100, Math.round(base * (0.8 + random() * 0.4))) };
      });
      return csv(String(1_000_000_000 + c), lines);
    });
    return { id: `client-${c}`, bureauId: `bureau-${c % BUREAUS}`, account: String(1_000_000_000 + c), habit, months };
  });
}

function truth(t: ImportedTransaction, account: string): Booking['voucher'] {
  const gross = -t.amount;
  const vat = Math.round(gross / 5);
  return { date: t.date, text: t.text, rows: [{ account: '1930', amount: t.amount }, { account, amount: gross - vat }, { account: '2641', amount: vat }] };
}

/** Learns six months for every client (confirming the habit), then returns the seventh month's imported lines. */
async function build(k: Kontera, clients: readonly ClientPlan[]): Promise<{ learnMs: number; lines: number; latest: Map<string, readonly ImportedTransaction[]> }> {
  for (let b = 0; b < BUREAUS; b++) await k.addBureau({ id: `bureau-${b}`, name: `Byrå ${b}` });
  const latest = new Map<string, readonly ImportedTransaction[]>();
  let lines = 0;
  const t0 = performance.now();
  for (const c of clients) {
    await k.addClient({ bureauId: c.bureauId, id: c.id, name: `${c.id} AB`, bankAccounts: [{ account: '1930', number: `8327-${c.account}` }] });
    for (let m = 0; m < 6; m++) {
      const { transactions } = await k.importStatement(c.id, c.months[m] ?? '', { bankAccount: '1930' });
      await k.confirm(c.id, transactions.map((t) => ({ transaction: t, voucher: truth(t, c.habit.get(t.text) ?? '4010') })));
      lines += transactions.length;
    }
    latest.set(c.id, (await k.importStatement(c.id, c.months[6] ?? '', { bankAccount: '1930' })).transactions);
  }
  return { learnMs: performance.now() - t0, lines, latest };
}

async function suggestAll(k: Kontera, latest: Map<string, readonly ImportedTransaction[]>, parallel: number, rounds: number): Promise<{ ms: number; lines: number }> {
  const ids = [...latest.keys()];
  let lines = 0;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    let next = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < ids.length) {
          const id = ids[next++] ?? '';
          const tx = latest.get(id) ?? [];
          await k.suggest(id, tx);
          lines += tx.length;
        }
      }),
    );
  }
  return { ms: performance.now() - t0, lines };
}

function perSec(n: number, ms: number): number {
  return Math.round(n / (ms / 1000));
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

async function suggestBench(url: string): Promise<void> {
  const clients = plan();
  const dir = mkdtempSync(join(tmpdir(), 'kontera-pgbench-'));
  const schema = `bench_${process.pid}`;
  const stores: [string, Store][] = [
    ['sqlite', await openSqliteStore({ path: join(dir, 'bench.db'), synchronous: 'normal' })],
    ['postgres', await openPostgresStore({ connectionString: url, schema, max: Math.max(PARALLEL, 2) })],
  ];
  const results: Record<string, { learn: number; serial: number; parallel?: number; lines: number }> = {};
  for (const [name, store] of stores) {
    const k = await createKontera({ store, now: NOW });
    const built = await build(k, clients);
    process.stderr.write(`${name}: learned ${built.lines} lines in ${(built.learnMs / 1000).toFixed(1)} s\n`);
    await suggestAll(k, built.latest, 1, 1); // warm-up
    const serial = await suggestAll(k, built.latest, 1, 3);
    const entry: { learn: number; serial: number; parallel?: number; lines: number } = {
      learn: perSec(built.lines, built.learnMs),
      serial: perSec(serial.lines, serial.ms),
      lines: built.lines,
    };
    const par = await suggestAll(k, built.latest, PARALLEL, 3);
    entry.parallel = perSec(par.lines, par.ms);
    results[name] = entry;
    await k.close();
  }
  const file = join(dir, 'bench.db');
  const sqliteBytes = (existsSync(file) ? statSync(file).size : 0) + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`VACUUM ANALYZE`);
  const size = await admin.query<{ bytes: string }>(
    `SELECT sum(pg_total_relation_size(c.oid)) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'r'`,
    [schema],
  );
  const pgBytes = Number(size.rows[0]?.bytes ?? 0);
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
  const s = results['sqlite'];
  const p = results['postgres'];
  if (s === undefined || p === undefined) return;
  const out: [string, string][] = [
    ['world', `${CLIENTS} clients, ${BUREAUS} bureaus, ${LINES} lines a month; 6 months learned (${s.lines} bookings), month 7 suggested`],
    ['confirm + learn', `sqlite ${s.learn} lines/s, postgres ${p.learn} lines/s (ratio ${(p.learn / s.learn).toFixed(2)})`],
    ['suggest, one at a time', `sqlite ${s.serial} lines/s, postgres ${p.serial} lines/s (ratio ${(p.serial / s.serial).toFixed(2)})`],
    ['storage, 7 months', `sqlite ${mib(sqliteBytes)}, postgres ${mib(pgBytes)} (${Math.round(pgBytes / ((s.lines * 7) / 6))} bytes per bank line, tables, indexes and TOAST)`],
    [`suggest, ${PARALLEL} clients at once`, `sqlite ${s.parallel ?? 0} lines/s, postgres ${p.parallel ?? 0} lines/s (ratio ${((p.parallel ?? 0) / (s.parallel ?? 1)).toFixed(2)})`],
  ];
  for (const [key, v] of out) process.stdout.write(`${key.padEnd(28)} ${v}\n`);
}

/** Generates `n` observations and aggregates them into a fresh store's network_records; reports sizes. */
async function networkBench(url: string, n: number): Promise<void> {
  const schema = `netbench_${process.pid}_${n}`;
  const store = await openPostgresStore({ connectionString: url, schema, max: 2 });
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  // Observation i: a client (of 200 000, in 5 000 bureaus) booking counterparty key k to one of
  // the key's accounts. Keys are skewed (k = K·u³: a few very common, a long tail); most bookings
  // of a key go to its habitual account, a tail to up to seven others (j = 8·u⁶), and 5 % of them
  // without VAT (exempt, or a client that is not VAT-registered).
  const KEYS = KEY_UNIVERSE;
  const t0 = performance.now();
  await admin.query('SELECT setseed(0.42)');
  await admin.query(`
    INSERT INTO "${schema}".network_records (key, direction, account, vat_mode, vat_rate, bureaus, clients)
    SELECT 'MOTPART ' || k, 'out', (4000 + ((k * 37 + j * 1013) % 3000))::text,
           CASE WHEN novat THEN 'none' ELSE 'standard' END, CASE WHEN novat THEN 0 ELSE 25 END,
           count(DISTINCT client % 5000), count(DISTINCT client)
      FROM (SELECT floor(${KEYS} * power(random(), 3))::int AS k,
                   floor(8 * power(random(), 6))::int AS j,
                   random() < 0.05 AS novat,
                   floor(200000 * random())::int AS client
              FROM generate_series(1, ${n})) o
     GROUP BY 1, 2, 3, 4, 5`);
  await admin.query(`VACUUM ANALYZE "${schema}".network_records`);
  const loadMs = performance.now() - t0;
  const q = async <T extends Record<string, unknown>>(sql: string): Promise<T> => (await admin.query<T>(sql)).rows[0] as T;
  const sizes = await q<{ rows: string; keys: string; table: string; indexes: string }>(
    `SELECT count(*) AS rows, count(DISTINCT key) AS keys,
            pg_table_size('"${schema}".network_records') AS table, pg_indexes_size('"${schema}".network_records') AS indexes
       FROM "${schema}".network_records`,
  );
  const perKey = await q<{ avg: string; p50: string; p99: string; max: string; one: string }>(
    `SELECT round(avg(n), 2) AS avg, percentile_disc(0.5) WITHIN GROUP (ORDER BY n) AS p50,
            percentile_disc(0.99) WITHIN GROUP (ORDER BY n) AS p99, max(n) AS max,
            round(100.0 * count(*) FILTER (WHERE n = 1) / count(*), 1) AS one
       FROM (SELECT count(*) AS n FROM "${schema}".network_records GROUP BY key) x`,
  );
  // One statement's look-up: 40 keys, mostly common ones (as real statements are).
  const random = rng(7);
  const statements = Array.from({ length: 200 }, () => Array.from({ length: LINES }, () => `MOTPART ${Math.floor(KEYS * random() ** 3)}`));
  await store.getNetworkRecords(statements[0] ?? []);
  const t1 = performance.now();
  let found = 0;
  for (const keys of statements) found += (await store.getNetworkRecords(keys)).length;
  const lookupMs = (performance.now() - t1) / statements.length;
  await store.close();
  await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
  await admin.end();
  const rows = Number(sizes.rows);
  const table = Number(sizes.table);
  const indexes = Number(sizes.indexes);
  process.stdout.write(
    [
      `observations ${n.toLocaleString('en-US')} (keys drawn from ${KEYS.toLocaleString('en-US')}), generated, aggregated and analysed in ${(loadMs / 1000).toFixed(1)} s`,
      `  network_records rows       ${rows.toLocaleString('en-US')} for ${Number(sizes.keys).toLocaleString('en-US')} keys`,
      `  rows per key               avg ${perKey.avg}, median ${perKey.p50}, p99 ${perKey.p99}, max ${perKey.max} (${perKey.one} % of keys have one row)`,
      `  table / primary-key index  ${mib(table)} / ${mib(indexes)} (${Math.round((table + indexes) / rows)} bytes per row, both)`,
      `  getNetworkRecords          ${lookupMs.toFixed(2)} ms for one statement's ${LINES} keys (${(found / statements.length).toFixed(1)} records back)`,
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  let url = process.env['KONTERA_PG_URL'] ?? '';
  let stop: (() => void) | undefined;
  if (url === '') {
    const script = join(import.meta.dirname, '..', 'test', 'store', 'pg-server.sh');
    const dir = join(tmpdir(), `kontera-pgbench-${process.pid}`);
    url = execFileSync(script, ['start', dir], { encoding: 'utf8' }).trim();
    stop = () => execFileSync(script, ['stop', dir]);
  }
  try {
    if (CLIENTS > 0) await suggestBench(url);
    for (const n of OBSERVATIONS) await networkBench(url, n);
  } finally {
    stop?.();
  }
}

await main();
