/** Store factories and generated bank files for the facade tests. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { ImportedTransaction, Kontera } from '../../src/kontera.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import type { PostgresStore } from '../../src/store/postgres.js';
import { openTestPostgresStore, PG_URL } from '../store/pg.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** A real file from the project's fixtures (fixtures/SOURCES.md says where each comes from). */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path.startsWith('/') ? path : join(ROOT, 'fixtures', path)));
}

export interface OpenedStore {
  readonly store: Store;
  /** The SQLite file's database, for table-level checks; undefined for memory. */
  readonly sqlite?: SqliteStore | undefined;
  /** The PostgreSQL store (its pool and schema), for table-level checks. */
  readonly postgres?: PostgresStore | undefined;
  dispose(): Promise<void>;
}

export type StoreKind = 'memory' | 'sqlite' | 'postgres';

/** Every store kind the facade tests run on: PostgreSQL when a test server is there (see test/store/pg.ts). */
export const STORE_KINDS: readonly StoreKind[] = PG_URL === '' ? ['memory', 'sqlite'] : ['memory', 'sqlite', 'postgres'];

export async function openStore(kind: StoreKind): Promise<OpenedStore> {
  if (kind === 'memory') return { store: createMemoryStore(), dispose: async () => {} };
  if (kind === 'postgres') {
    const pg = await openTestPostgresStore();
    return { store: pg.store, postgres: pg.store, dispose: () => pg.dispose() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'kontera-facade-'));
  const store = await openSqliteStore({ path: join(dir, 'k.db'), synchronous: 'normal' });
  return {
    store,
    sqlite: store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Called in a `describe`: a function that opens a fresh store of `kind` and a kontera on it, with
 * bureau `b1` and the clients `clients` names (id → name, bank account 1930) and its clock at
 * `now`. Every store it opened is disposed after each test.
 */
export function konteraOn(kind: StoreKind, now: string, clients: Readonly<Record<string, string>>): () => Promise<Kontera> {
  const opened: OpenedStore[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.dispose();
  });
  return async () => {
    const o = await openStore(kind);
    opened.push(o);
    const k = await createKontera({ store: o.store, now: () => new Date(now) });
    await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
    for (const [id, name] of Object.entries(clients)) await k.addClient({ bureauId: 'b1', id, name, bankAccounts: ['1930'] });
    return k;
  };
}

const TEXTS = ['COOP', 'ICA SUPERMARKET', 'KEBAB', 'RESTAURANG', 'Parking', 'TELIA SVERIGE AB', 'CLAS OHLSON', 'EASYPARK', 'SPOTIFY'];

/**
 * A Swedbank 2020 CSV export (the layout of corpus `bank/swedbank/sample7`) with `rows` lines,
 * newest first, balances chained. `first` shifts which lines it holds, so two calls can overlap.
 */
export function swedbankCsv(rows: number, first = 0, account = '1234567890'): string {
  const lines = ['* Transaktioner Period 2020-01-01–2020-12-31 Skapad 2021-01-02 20:35 +01:00',
    'Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,Valutadag,Referens,Beskrivning,Belopp,Bokfört saldo'];
  // Line n (0 = oldest) is the same in every file: same date, text, amount and balance.
  const total = first + rows;
  let balance = 100_000_00;
  const all: { date: string; text: string; amount: number; balance: number }[] = [];
  for (let n = 0; n < total; n++) {
    const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(n / 20) * 86_400_000).toISOString().slice(0, 10);
    const amount = -(1000 + ((n * 7919) % 50000));
    balance += amount;
    all.push({ date: day, text: `${TEXTS[n % TEXTS.length]} ${n}`, amount, balance });
  }
  const mine = all.slice(first).reverse();
  mine.forEach((r, i) => {
    const kr = (o: number) => (o / 100).toFixed(2);
    lines.push(`${i + 1},12345,${account},"Företagskonto",SEK,${r.date},${r.date},${r.date},"${r.text}","${r.text}",${kr(r.amount)},${kr(r.balance)}`);
  });
  return lines.join('\r\n') + '\r\n';
}

/**
 * Imports `rows` lines of {@link swedbankCsv} for the client and confirms each against 1930 and the
 * account `account` gives its text.
 */
export async function bookGenerated(k: Kontera, clientId: string, rows: number, account: (text: string) => string): Promise<void> {
  const { transactions } = await k.importStatement(clientId, swedbankCsv(rows));
  await k.confirm(
    clientId,
    transactions.map((t: ImportedTransaction) => ({
      transaction: t,
      voucher: { date: t.date, text: t.text, rows: [{ account: '1930', amount: t.amount }, { account: account(t.text), amount: -t.amount }] },
    })),
  );
}
