/**
 * Issue 13 item 5 (the sharing rule): nothing below the k-anonymity threshold is stored in the
 * shared network. A mapping one or two bureaus hold lives only in those bureaus' own candidates; it
 * enters the network records when `minBureaus` bureaus hold it, and leaves them (and the file's
 * bytes) when fewer do. Through the facade on every store; the checks read the raw network table.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import { createKontera } from '../../src/kontera.js';
import type { ImportedTransaction, Kontera } from '../../src/kontera.js';
import type { NetworkRecord } from '../../src/knowledge/types.js';
import { openStore, STORE_KINDS, swedbankCsv } from './helpers.js';
import type { OpenedStore } from './helpers.js';

/** Where each kind of line is booked, the same in every bureau. */
const ACCOUNT: Record<string, string> = { EASYPARK: '5800', TELIA: '6212', SPOTIFY: '6540', 'CLAS OHLSON': '5410' };

function accountFor(text: string): string {
  for (const [word, account] of Object.entries(ACCOUNT)) if (text.startsWith(word)) return account;
  return '4010';
}

/** A bureau with one client that books 18 bank lines (EASYPARK, TELIA, SPOTIFY, … twice each). */
async function bureauBooks(k: Kontera, bureauId: string): Promise<void> {
  await k.addBureau({ id: bureauId, name: `Byrå ${bureauId}` });
  await k.addClient({ bureauId, id: `${bureauId}-c`, name: 'Klient AB' });
  const { transactions } = await k.importStatement(`${bureauId}-c`, swedbankCsv(18));
  await k.confirm(
    `${bureauId}-c`,
    transactions.map((t: ImportedTransaction) => ({
      transaction: t,
      voucher: { date: t.date, text: t.text, rows: [{ account: '1930', amount: t.amount }, { account: accountFor(t.text), amount: -t.amount }] },
    })),
  );
}

/** The network table as stored: the SQLite file's rows, PostgreSQL's rows, the memory store's records. */
async function rawNetwork(o: OpenedStore): Promise<{ key: string; account: string; bureaus: number; clients: number }[]> {
  const pick = (r: Record<string, unknown>): { key: string; account: string; bureaus: number; clients: number } => ({
    key: String(r['key']),
    account: String(r['account']),
    bureaus: Number(r['bureaus']),
    clients: Number(r['clients']),
  });
  if (o.sqlite !== undefined) {
    return (o.sqlite.database.prepare('SELECT key, account, bureaus, clients FROM network_records ORDER BY key, account').all([]) as Record<string, unknown>[]).map(pick);
  }
  if (o.postgres !== undefined) {
    const client = await o.postgres.pool.connect();
    try {
      const r = await client.query(`SELECT key, account, bureaus, clients FROM "${o.postgres.schema}".network_records ORDER BY key COLLATE "C", account`);
      return (r.rows as Record<string, unknown>[]).map(pick);
    } finally {
      client.release();
    }
  }
  return (await o.store.listNetworkRecords()).map((n: NetworkRecord) => pick({ ...n }));
}

describe('the shared network holds only what minBureaus bureaus hold', () => {
  const opened: OpenedStore[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.dispose();
  });

  for (const kind of STORE_KINDS) {
    it(`one or two bureaus: nothing in the network table; three: shared with bureaus = 3; one deleted: gone again (${kind})`, async () => {
      const o = await openStore(kind);
      opened.push(o);
      const k = await createKontera({ store: o.store });
      await bureauBooks(k, 'b1');
      expect(await rawNetwork(o)).toEqual([]);
      // The bureau keeps its own candidates: EASYPARK → 5800 by one client.
      const own = await o.store.getNetworkCandidates('b1', ['EASYPARK']);
      expect(own.map((c) => [c.key, c.account, c.bureaus, c.clients])).toEqual([['EASYPARK', '5800', 1, 1]]);

      await bureauBooks(k, 'b2');
      expect(await rawNetwork(o)).toEqual([]);

      await bureauBooks(k, 'b3');
      const shared = await rawNetwork(o);
      expect(shared.find((r) => r.key === 'EASYPARK')).toEqual({ key: 'EASYPARK', account: '5800', bureaus: 3, clients: 3 });
      expect(shared.length).toBeGreaterThanOrEqual(4);
      expect(shared.every((r) => r.bureaus === 3 && r.clients === 3)).toBe(true);

      await k.deleteBureau('b3');
      expect(await rawNetwork(o)).toEqual([]);
      await expect(o.store.getNetworkCandidates('b3', ['EASYPARK'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await o.store.getNetworkCandidates('b2', ['EASYPARK'])).map((c) => c.clients)).toEqual([1]);

      // A client of b2 forgets EASYPARK: b2's candidate goes exactly, b1's stays.
      await k.unlearn('b2-c', 'EASYPARK');
      expect(await o.store.getNetworkCandidates('b2', ['EASYPARK'])).toEqual([]);
      expect((await o.store.getNetworkCandidates('b1', ['EASYPARK'])).map((c) => c.clients)).toEqual([1]);
      await k.deleteClient('b1-c');
      expect(await o.store.getNetworkCandidates('b1', ['EASYPARK', 'TELIA', 'SPOTIFY'])).toEqual([]);
      expect(await rawNetwork(o)).toEqual([]);
    });

    it(`the facade's minBureaus is the threshold it shares at, and reading with a higher one still filters (${kind})`, async () => {
      const o = await openStore(kind);
      opened.push(o);
      const two = await createKontera({ store: o.store, minBureaus: 2 });
      await bureauBooks(two, 'b1');
      expect(await rawNetwork(o)).toEqual([]);
      await bureauBooks(two, 'b2');
      expect((await rawNetwork(o)).find((r) => r.key === 'EASYPARK')).toEqual({ key: 'EASYPARK', account: '5800', bureaus: 2, clients: 2 });

      // A new client in a third bureau: the network speaks at 2, not when the reader asks for 3.
      await two.addBureau({ id: 'b3', name: 'Byrå b3' });
      await two.addClient({ bureauId: 'b3', id: 'new', name: 'Ny AB' });
      const { transactions } = await two.importStatement('new', swedbankCsv(18));
      const line = transactions.find((t) => t.text.startsWith('EASYPARK'));
      expect(line).toBeDefined();
      const [atTwo] = await two.suggest('new', [line as ImportedTransaction]);
      expect(atTwo?.source).toBe('network');
      expect(atTwo?.account).toBe('5800');
      const strict = await createKontera({ store: o.store, minBureaus: 3 });
      const [atThree] = await strict.suggest('new', [line as ImportedTransaction]);
      expect(atThree?.source).not.toBe('network');
    });

    it(`a line only the network backs is reviewed until the client books it so, unless the client allows shared evidence (${kind})`, async () => {
      const o = await openStore(kind);
      opened.push(o);
      const k = await createKontera({ store: o.store });
      for (const b of ['b1', 'b2', 'b3']) await bureauBooks(k, b);
      await k.addBureau({ id: 'b4', name: 'Byrå b4' });
      // A low threshold: only where the evidence comes from decides.
      await k.addClient({ bureauId: 'b4', id: 'careful', name: 'Ny AB', autoBookThreshold: 0.3 });
      const open = await k.addClient({ bureauId: 'b4', id: 'open', name: 'Öppen AB', autoBookThreshold: 0.3, autoBookShared: true });
      expect(open.autoBookShared).toBe(true);
      expect((await k.getClient('careful')).autoBookShared).toBeUndefined();
      const lines = new Map<string, ImportedTransaction>();
      for (const id of ['careful', 'open']) {
        const { transactions } = await k.importStatement(id, swedbankCsv(18));
        lines.set(id, transactions.find((t) => t.text.startsWith('EASYPARK')) as ImportedTransaction);
      }
      const [careful] = await k.suggest('careful', [lines.get('careful') as ImportedTransaction]);
      expect([careful?.source, careful?.account, careful?.autoBook, careful?.review]).toEqual(['network', '5800', false, true]);
      expect(careful?.voucher).not.toBeNull();
      expect(careful?.reviewReasons.join(' ')).toContain("Only other clients' bookings back 5800");
      const [opened_] = await k.suggest('open', [lines.get('open') as ImportedTransaction]);
      expect([opened_?.source, opened_?.account, opened_?.autoBook]).toEqual(['network', '5800', true]);
      // The careful client confirms it once: the next EASYPARK line is its own habit and auto-books.
      const line = lines.get('careful') as ImportedTransaction;
      await k.confirm('careful', [{ transaction: line, voucher: careful?.voucher ?? { date: line.date, text: line.text, rows: [] } }]);
      const { transactions } = await k.importStatement('careful', swedbankCsv(18, 18));
      const next = transactions.find((t) => t.text.startsWith('EASYPARK')) as ImportedTransaction;
      const [again] = await k.suggest('careful', [next]);
      expect([again?.source, again?.account, again?.autoBook]).toEqual(['client', '5800', true]);
    });
  }

  it('the SQLite file holds no network row for a mapping of one bureau, and none once a shared one falls below the threshold', async () => {
    const o = await openStore('sqlite');
    opened.push(o);
    const db = o.sqlite;
    if (db === undefined) throw new Error('expected a SQLite store');
    const k = await createKontera({ store: o.store });
    const path = (db.database as unknown as { name: string }).name;
    /** The bytes of the file pages that hold the network table (dbstat), after a checkpoint. */
    const networkPages = (): Buffer => {
      db.database.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get([]);
      const size = Number((db.database.prepare('PRAGMA page_size').get([]) as { page_size: number }).page_size);
      const pages = (db.database.prepare("SELECT pageno FROM dbstat WHERE name = 'network_records'").all([]) as { pageno: number }[]).map((p) => p.pageno);
      expect(pages.length).toBeGreaterThan(0);
      const file = readFileSync(path);
      return Buffer.concat(pages.map((p) => file.subarray((p - 1) * size, p * size)));
    };
    await bureauBooks(k, 'b1');
    expect(networkPages().includes('EASYPARK')).toBe(false);
    // The text is in the file, but only in the bureau's own tables.
    expect(readFileSync(path).includes('EASYPARK')).toBe(true);
    await bureauBooks(k, 'b2');
    await bureauBooks(k, 'b3');
    expect(networkPages().includes('EASYPARK')).toBe(true);
    await k.deleteBureau('b2');
    expect(networkPages().includes('EASYPARK')).toBe(false);
    // And the deleted bureau's candidates are gone from the file: a raw read finds none.
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.prepare("SELECT count(*) AS n FROM network_candidates WHERE bureau_id = 'b2'").get()).toEqual({ n: 0 });
      expect(raw.prepare('SELECT count(*) AS n FROM network_records').get()).toEqual({ n: 0 });
      expect((raw.prepare("SELECT count(*) AS n FROM network_candidates WHERE key = 'EASYPARK'").get() as { n: number }).n).toBe(2);
    } finally {
      raw.close();
    }
  });

  it('a typed error for a threshold below 1', async () => {
    const o = await openStore('memory');
    opened.push(o);
    await o.store.createBureau({ id: 'b1', name: 'B' });
    const empty = { putProfiles: [], deleteProfiles: [], putBureau: [], deleteBureau: [], putNetwork: [], deleteNetwork: [] };
    await expect(o.store.applyKnowledge('b1', empty, { bureauRecords: [], network: [] }, 0)).rejects.toBeInstanceOf(KonteraError);
  });
});
