/**
 * Erasure and portability on a real SQLite file: after `deleteClient` no table holds a trace of the
 * client, and the bureau and network knowledge is exactly what it would be had the client never
 * existed. Work goes through the facade; only the checks read the file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Booking, Kontera } from '../../src/kontera.js';
import { SQLITE_TABLES } from '../../src/store/schema.js';
import type { SqliteStore } from '../../src/store/sqlite.js';
import { fixture, openStore, swedbankCsv } from './helpers.js';
import type { OpenedStore } from './helpers.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');

/** Every row of every table, as JSON text, for searching. */
function dump(db: SqliteStore): Map<string, string[]> {
  const tables = db.database.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all([]) as { name: string }[];
  expect(tables.map((t) => t.name)).toEqual([...SQLITE_TABLES].sort());
  return new Map(tables.map((t) => [t.name, db.database.prepare(`SELECT * FROM "${t.name}"`).all([]).map((r) => JSON.stringify(r))]));
}

/** Builds a small world: bureau b1 with clients a and c, bureau b2 with b; `withC` decides whether c ever existed. */
async function world(k: Kontera, withC: boolean): Promise<void> {
  await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
  await k.addBureau({ id: 'b2', name: 'Byrå Två' });
  const clients: [string, string][] = [['b1', 'client-a'], ['b2', 'client-b'], ...(withC ? ([['b1', 'client-c']] as [string, string][]) : [])];
  for (const [bureauId, id] of clients) {
    await k.addClient({ bureauId, id, name: `${id} AB`, orgNr: '555555-5555' }); // SIE4_Exempelfil's #ORGNR
    await k.learnFromSie(id, fixture('sie/SIE4_Exempelfil.SE'));
    // The books use four 19xx accounts (found from the SIE), and the file names none: say which.
    const { transactions } = await k.importStatement(id, fixture('statements/nordea/foretag-2022-iso-dates.csv'), { bankAccount: '1930' });
    const suggestions = await k.suggest(id, transactions);
    const bookings: Booking[] = transactions.map((t, i) => ({
      transaction: t,
      voucher: suggestions[i]?.voucher ?? { date: t.date, text: t.text, rows: [{ account: '1930', amount: t.amount }, { account: '2999', amount: -t.amount }] },
    }));
    await k.confirm(id, bookings);
    await k.importStatement(id, swedbankCsv(40), { bankAccount: '1930' });
  }
}

describe('erasure on SQLite', () => {
  const opened: OpenedStore[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.dispose();
  });

  it('deleteClient leaves no trace in any table, and knowledge as if the client had never been there', async () => {
    const withC = await openStore('sqlite');
    const withoutC = await openStore('sqlite');
    opened.push(withC, withoutC);
    const k1 = await createKontera({ store: withC.store, now: () => NOW });
    const k2 = await createKontera({ store: withoutC.store, now: () => NOW });
    await world(k1, true);
    await world(k2, false);

    const exported = await k1.exportClientData('client-c');
    expect(exported.format).toBe('kontera-client-data');
    expect(exported.bureau).toEqual({ id: 'b1', name: 'Byrå Ett' });
    expect(exported.transactions.length).toBe(63);
    expect(exported.vouchers.length).toBe(23);
    expect(exported.profiles.length).toBeGreaterThan(10);
    expect(exported.bureauRecords.length).toBeGreaterThan(0);
    // Payments of invoices from before the books wait for them: rows of pending_settlements that the dump below must find gone.
    expect(exported.pendingSettlements.length).toBeGreaterThan(0);
    // The file's #RAR years, known fiscal years in rows of fiscal_years that the dump below must find gone.
    expect(exported.fiscalYears.map((y) => y.source)).toContain('rar');

    const before = dump(withC.sqlite!);
    expect([...before.values()].flat().some((row) => row.includes('client-c'))).toBe(true);
    const counts = await k1.deleteClient('client-c');
    expect(counts).toMatchObject({ clients: 1, statements: 2, transactions: 63, vouchers: 23, profiles: exported.profiles.length });

    const after = dump(withC.sqlite!);
    for (const [table, rows] of after) {
      const leaks = rows.filter((row) => row.includes('client-c'));
      expect(leaks, `table ${table}`).toEqual([]);
    }
    // Bureau and network knowledge equal a world where client-c never existed.
    const clean = dump(withoutC.sqlite!);
    for (const table of ['bureau_records', 'network_records', 'profiles', 'vouchers', 'clients'] as const) {
      expect(after.get(table), `table ${table}`).toEqual(clean.get(table));
    }
    await expect(k1.exportClientData('client-c')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deleteBureau leaves nothing of the bureau, and the other bureau intact', async () => {
    const o = await openStore('sqlite');
    opened.push(o);
    const k = await createKontera({ store: o.store, now: () => NOW });
    await world(k, true);
    const otherBefore = await k.exportClientData('client-b');
    const counts = await k.deleteBureau('b1');
    expect(counts).toMatchObject({ clients: 2, transactions: 126, vouchers: 46 });
    for (const [table, rows] of dump(o.sqlite!)) {
      const leaks = rows.filter((row) => /client-a|client-c|"b1"|Byrå Ett/.test(row));
      expect(leaks, `table ${table}`).toEqual([]);
    }
    expect(await k.exportClientData('client-b')).toEqual(otherBefore);
  });
});
