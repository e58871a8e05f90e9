/**
 * Store bench: a year of bank statements for many clients through the facade into one SQLite file —
 * import, suggest, confirm (which learns) — with throughput per phase and the database size.
 *
 *   node --import tsx/esm bench/store.ts [--clients 1000] [--bureaus 50] [--lines 40] [--sync full|normal] [--path file.db] [--memory]
 *
 * `--memory` runs the same workload on the memory store: the baseline that shows what durability
 * (SQLite, WAL, one transaction per call) costs.
 *
 * The world is generated and seeded (the same run gives the same data): every client has its own
 * habit for each counterparty it uses (account, VAT or not), 12 monthly Swedbank CSV exports with
 * `--lines` lines each, recurring counterparties plus one-off lines. The "accountant" accepts a
 * suggestion whose voucher equals the habit and books the habit as a correction otherwise.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKontera } from '../src/kontera.js';
import type { Booking } from '../src/kontera.js';
import { createMemoryStore } from '../src/store/memory.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { SqliteSyncMode } from '../src/store/sqlite.js';
import { seededRandom as rng } from '../test/support/random.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const CLIENTS = Number(arg('clients', '1000'));
const BUREAUS = Number(arg('bureaus', '50'));
const LINES = Number(arg('lines', '40'));
const SYNC = arg('sync', 'full') as SqliteSyncMode;
const given = arg('path', '');
const MEMORY = process.argv.includes('--memory');


interface Counterparty {
  readonly text: string;
  /** Accounts a client may book it to; each client picks one habit. */
  readonly accounts: readonly string[];
  readonly vat: boolean;
  /** Typical amount in öre (money out). */
  readonly amount: number;
}

const COUNTERPARTIES: readonly Counterparty[] = [
  { text: 'AUTOGIRO TELIA SVERIGE AB', accounts: ['6212', '6211'], vat: true, amount: 49900 },
  { text: 'KORTKÖP EASYPARK', accounts: ['5800', '5611'], vat: true, amount: 6500 },
  { text: 'KORTKÖP CLAS OHLSON', accounts: ['5410', '5460'], vat: true, amount: 34900 },
  { text: 'BG 5050-1055 SKATTEVERKET', accounts: ['1630'], vat: false, amount: 1250000 },
  { text: 'PRIS ENL SPEC', accounts: ['6570'], vat: false, amount: 4500 },
  { text: 'AUTOGIRO FORTNOX AB', accounts: ['5420', '6540'], vat: true, amount: 39900 },
  { text: 'KORTKÖP ICA NARA', accounts: ['4010', '5460', '7690'], vat: true, amount: 23400 },
  { text: 'KORTKÖP SJ AB', accounts: ['5810'], vat: true, amount: 89900 },
  { text: 'BG 5320-2560 GARANTITAK', accounts: ['4010', '5010'], vat: true, amount: 2462630 },
  { text: 'AUTOGIRO IF SKADEFÖRSÄKRING', accounts: ['6310'], vat: false, amount: 112500 },
  { text: 'KORTKÖP SPOTIFY', accounts: ['6540', '6990'], vat: true, amount: 11900 },
  { text: 'LEASING VOLVO FINANS', accounts: ['5615'], vat: true, amount: 450000 },
  { text: 'KORTKÖP CIRCLE K', accounts: ['5611'], vat: true, amount: 78000 },
  { text: 'BG 5963-1234 VATTENFALL', accounts: ['5020', '5030'], vat: true, amount: 156000 },
  { text: 'KORTKÖP KJELL & CO', accounts: ['5410'], vat: true, amount: 19900 },
  { text: 'KORTKÖP OFFICE DEPOT', accounts: ['6110'], vat: true, amount: 45600 },
];

interface Line {
  readonly date: string;
  readonly text: string;
  readonly amount: number;
}

/** One month of a client's bank lines, newest first, as a Swedbank 2020 CSV. */
function monthCsv(account: string, lines: readonly Line[], opening: number): string {
  const out = [
    '* Transaktioner Period 2025-01-01–2025-12-31 Skapad 2026-01-02 20:35 +01:00',
    'Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,Valutadag,Referens,Beskrivning,Belopp,Bokfört saldo',
  ];
  let balance = opening;
  const withBalance = lines.map((l) => {
    balance += l.amount;
    return { ...l, balance };
  });
  withBalance.reverse().forEach((l, i) => {
    const kr = (o: number): string => (o / 100).toFixed(2);
    out.push(`${i + 1},8327,${account},"Företagskonto",SEK,${l.date},${l.date},${l.date},"${l.text}","${l.text}",${kr(l.amount)},${kr(l.balance)}`);
  });
  return out.join('\r\n') + '\r\n';
}

function habitVoucher(line: Line, account: string, vat: boolean): Booking['voucher'] {
  const gross = -line.amount;
  if (!vat) return { date: line.date, text: line.text, rows: [{ account: '1930', amount: line.amount }, { account, amount: gross }] };
  const vatPart = Math.round(gross / 5);
  return {
    date: line.date,
    text: line.text,
    rows: [
      { account: '1930', amount: line.amount },
      { account, amount: gross - vatPart },
      { account: '2641', amount: vatPart },
    ],
  };
}

function sameRows(a: Booking['voucher'], b: Booking['voucher']): boolean {
  const key = (v: Booking['voucher']): string =>
    v.rows
      .map((r) => `${r.account}:${r.amount}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

async function main(): Promise<void> {
  const dir = given === '' && !MEMORY ? mkdtempSync(join(tmpdir(), 'kontera-bench-')) : '';
  const path = given === '' ? join(dir, 'bench.db') : given;
  const sqlite = MEMORY ? undefined : await openSqliteStore({ path, synchronous: SYNC });
  const kontera = await createKontera({ store: sqlite ?? createMemoryStore(), now: () => new Date('2026-01-15T08:00:00.000Z') });
  const random = rng(20260121);
  const t = { import: 0, suggest: 0, confirm: 0 };
  let lines = 0;
  let accepted = 0;
  let withVoucher = 0;
  const started = performance.now();

  for (let b = 0; b < BUREAUS; b++) await kontera.addBureau({ id: `bureau-${b}`, name: `Byrå ${b}` });
  for (let c = 0; c < CLIENTS; c++) {
    const clientId = `client-${c}`;
    const account = String(1_000_000_000 + c);
    await kontera.addClient({ bureauId: `bureau-${c % BUREAUS}`, id: clientId, name: `Kund ${c} AB`, bankAccounts: [{ account: '1930', number: `8327-${account}` }] });
    // This client's habits: a subset of counterparties, each with one account.
    const used = COUNTERPARTIES.filter(() => random() < 0.6);
    const habit = new Map(used.map((cp) => [cp.text, cp.accounts[Math.floor(random() * cp.accounts.length)] ?? cp.accounts[0] ?? '6990']));
    let opening = 50_000_000;
    for (let month = 1; month <= 12; month++) {
      const monthLines: Line[] = [];
      for (let i = 0; i < LINES; i++) {
        const day = String(1 + Math.floor((i * 28) / LINES)).padStart(2, '0');
        const date = `2025-${String(month).padStart(2, '0')}-${day}`;
        const oneOff = random() < 0.15 || used.length === 0;
        const cp = oneOff ? undefined : used[Math.floor(random() * used.length)];
        const text = cp?.text ?? `KORTKÖP BUTIK ${Math.floor(random() * 100000)}`;
        const base = cp?.amount ?? 10000 + Math.floor(random() * 90000);
        const amount = -Math.max(100, Math.round(base * (0.8 + random() * 0.4)));
        monthLines.push({ date, text, amount });
      }
      const csv = monthCsv(account, monthLines, opening);
      opening += monthLines.reduce((s, l) => s + l.amount, 0);

      let t0 = performance.now();
      const imported = await kontera.importStatement(clientId, csv, { fileName: `${clientId}-2025-${month}.csv` });
      t.import += performance.now() - t0;

      t0 = performance.now();
      const suggestions = await kontera.suggest(clientId, imported.transactions);
      t.suggest += performance.now() - t0;

      const bookings: Booking[] = imported.transactions.map((tx, i) => {
        const truthAccount = habit.get(tx.text) ?? '4010';
        const cp = COUNTERPARTIES.find((x) => x.text === tx.text);
        const truth = habitVoucher(tx, truthAccount, cp?.vat ?? true);
        const s = suggestions[i];
        if (s?.voucher) withVoucher++;
        if (s?.voucher && sameRows(s.voucher, truth)) {
          accepted++;
          return { transaction: tx, voucher: s.voucher };
        }
        return { transaction: tx, voucher: truth, correction: s?.voucher !== null && s?.voucher !== undefined };
      });
      t0 = performance.now();
      await kontera.confirm(clientId, bookings);
      t.confirm += performance.now() - t0;
      lines += imported.transactions.length;
    }
    if ((c + 1) % 100 === 0) process.stderr.write(`${c + 1} clients, ${lines} lines, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const total = performance.now() - started;
  const counts =
    sqlite === undefined
      ? {}
      : Object.fromEntries(
          ['transactions', 'vouchers', 'profiles', 'bureau_records', 'network_records'].map((table) => [
            table,
            (sqlite.database.prepare(`SELECT count(*) AS n FROM ${table}`).get([]) as { n: number }).n,
          ]),
        );
  await kontera.close();
  // A store reopened with the year's data: opening it, and the first suggestion (which reads the
  // client's and its bureau's records and builds their text models).
  let reopened: [string, string][] = [];
  if (!MEMORY) {
    let t0 = performance.now();
    const again = await createKontera({ store: await openSqliteStore({ path, synchronous: SYNC }) });
    const opened = performance.now() - t0;
    t0 = performance.now();
    const [first] = await again.suggest('client-0', [{ date: '2026-01-05', amount: -12_300, text: 'KORTKÖP 260105 NY BUTIK I STAN' }]);
    const firstMs = performance.now() - t0;
    await again.close();
    reopened = [['reopened store: open, first suggestion', `${opened.toFixed(0)} ms, ${firstMs.toFixed(0)} ms (${first?.account ?? 'no'} account)`]];
  }
  const db = MEMORY ? 0 : fileSize(path) + fileSize(`${path}-wal`);
  const perSec = (n: number, ms: number): string => Math.round(n / (ms / 1000)).toLocaleString('en-US');
  const rows: [string, string][] = [
    ['clients / bureaus', `${CLIENTS} / ${BUREAUS}`],
    ['bank lines (12 months)', lines.toLocaleString('en-US')],
    ['store', MEMORY ? 'memory (baseline)' : `sqlite, synchronous ${SYNC}`],
    ['import', `${(t.import / 1000).toFixed(1)} s, ${perSec(lines, t.import)} lines/s`],
    ['suggest', `${(t.suggest / 1000).toFixed(1)} s, ${perSec(lines, t.suggest)} lines/s`],
    ['confirm + learn', `${(t.confirm / 1000).toFixed(1)} s, ${perSec(lines, t.confirm)} lines/s`],
    ['total wall time', `${(total / 1000).toFixed(1)} s, ${perSec(lines, total)} lines/s end to end`],
    ['suggestions with a voucher', `${((withVoucher / lines) * 100).toFixed(1)} %`],
    ['accepted unchanged', `${((accepted / lines) * 100).toFixed(1)} %`],
    ...(MEMORY
      ? []
      : ([
          ['database size', `${(db / 1048576).toFixed(1)} MiB (${Math.round(db / lines)} bytes per bank line, all tables and indexes)`],
          ['rows', Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')],
        ] as [string, string][])),
    ...reopened,
  ];
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(28)} ${v}\n`);
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
}

await main();
