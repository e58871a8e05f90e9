/**
 * Reading back a month's work: `transactions` lists a client's imported lines with what books each,
 * so an app that imported yesterday knows today what is left to book, after a restart and whoever
 * confirmed what; `listBureaus` and `listClients` list what an instance sees. On every store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Booking, Kontera } from '../../src/kontera.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { fixture, konteraOn, openStore, STORE_KINDS, swedbankCsv } from './helpers.js';

const HISTORY = 'demo/kaffebryggeriet/history-2025.se';
const STATEMENT = 'demo/kaffebryggeriet/Transaktioner_2026-02-01_07-42-10.csv';
const NOW = '2026-02-02T08:00:00.000Z';

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ code });
}

/** The lines `suggest` auto-books, as bookings. */
async function autoBookings(k: Kontera, clientId: string, lines: Booking['transaction'][]): Promise<Booking[]> {
  const suggestions = await k.suggest(clientId, lines);
  return suggestions.flatMap((s, i) => (s.autoBook && s.voucher ? [{ transaction: lines[i] as Booking['transaction'], voucher: s.voucher }] : []));
}

for (const kind of STORE_KINDS) {
  describe(`transactions (${kind})`, () => {
    const open = konteraOn(kind, NOW, { kaffe: 'Kaffebryggeriet i Kumla AB', other: 'Annan AB' });

    it('lists every imported line as unbooked, then the confirmed ones as booked by their vouchers', async () => {
      const k = await open();
      await k.learnFromSie('kaffe', fixture(HISTORY));
      const imported = await k.importStatement('kaffe', fixture(STATEMENT));
      const before = await k.transactions('kaffe');
      expect(before).toHaveLength(imported.transactions.length);
      expect(new Set(before.map((t) => t.status))).toEqual(new Set(['unbooked']));
      expect(before.map((t) => t.id).sort()).toEqual(imported.transactions.map((t) => t.id).sort());

      const bookings = (await autoBookings(k, 'kaffe', [...imported.transactions])).slice(0, 3);
      expect(bookings).toHaveLength(3);
      const confirmed = await k.confirm('kaffe', bookings);
      const after = await k.transactions('kaffe');
      for (const [n, v] of confirmed.vouchers.entries()) {
        const line = after.find((t) => t.id === bookings[n]?.transaction.id);
        expect(line).toMatchObject({ status: 'booked', bookedBy: { series: v.series, number: String(v.number), from: 'confirmed' } });
      }
      const unbooked = await k.transactions('kaffe', { status: 'unbooked' });
      expect(unbooked).toHaveLength(imported.transactions.length - 3);
      expect(unbooked.every((t) => t.bookedBy === undefined)).toBe(true);
      expect(await k.transactions('kaffe', { status: 'booked' })).toHaveLength(3);
      expect(await k.transactions('kaffe', { status: 'pending' })).toEqual([]);

      // What is listed booked is what suggest flags booked, line by line.
      const suggestions = await k.suggest('kaffe', after);
      expect(suggestions.map((s) => s.booked)).toEqual(after.map((t) => t.bookedBy));
      // And what is listed still to book confirms without CONFLICT.
      const rest = await autoBookings(k, 'kaffe', [...unbooked]);
      await expect(k.confirm('kaffe', rest)).resolves.toMatchObject({ vouchers: { length: rest.length } });
      expect(await k.transactions('kaffe', { status: 'unbooked' })).toHaveLength(unbooked.length - rest.length);
    });

    it('a voucher dated far from its line still books it, for transactions and suggest', async () => {
      const k = await open();
      const imported = await k.importStatement('other', swedbankCsv(30));
      const line = imported.transactions[0] as Booking['transaction'];
      // Booked at the month's end, weeks after the bank date.
      const date = '2020-12-31';
      await k.confirm('other', [{ transaction: line, voucher: { date, text: line.text, rows: [{ account: '1930', amount: line.amount }, { account: '6570', amount: -line.amount }] } }]);
      const listed = (await k.transactions('other')).find((t) => t.id === line.id);
      expect(listed).toMatchObject({ status: 'booked', bookedBy: { series: 'A', number: '1', from: 'confirmed' } });
      expect(await k.transactions('other', { status: 'unbooked' })).toHaveLength(29);
      // suggest says so too, so an app that confirms what it auto-books is not refused.
      const [s] = await k.suggest('other', [line]);
      expect(s).toMatchObject({ autoBook: false, review: true, booked: { series: 'A', number: '1', from: 'confirmed' } });
    });

    it("a line the client's own books come to book (SIE) is booked, by that voucher", async () => {
      const k = await open();
      await k.learnFromSie('kaffe', fixture(HISTORY));
      const imported = await k.importStatement('kaffe', fixture(STATEMENT));
      const target = (await autoBookings(k, 'kaffe', [...imported.transactions]))[0] as Booking;
      // Another program booked that line and exported its books.
      const books = await createKontera({ now: () => new Date(NOW) });
      await books.addBureau({ id: 'b', name: 'B' });
      await books.addClient({ bureauId: 'b', id: 'kaffe', name: 'Kaffebryggeriet i Kumla AB' });
      await books.confirm('kaffe', [{ transaction: { date: target.transaction.date, amount: target.transaction.amount, text: target.transaction.text }, voucher: target.voucher }]);
      await k.learnFromSie('kaffe', await books.exportSie('kaffe'));
      const booked = await k.transactions('kaffe', { status: 'booked' });
      expect(booked.map((t) => [t.id, t.bookedBy])).toEqual([[target.transaction.id, { series: 'A', number: '1', from: 'sie' }]]);
    });

    it('filters by period and bank account, and refuses what it cannot answer', async () => {
      const k = await open();
      const imported = await k.importStatement('other', swedbankCsv(60));
      const all = await k.transactions('other');
      expect(all).toHaveLength(60);
      const dates = [...new Set(all.map((t) => t.date))].sort();
      expect(dates).toEqual(['2020-01-01', '2020-01-02', '2020-01-03']);
      const second = await k.transactions('other', { from: '2020-01-02', to: '2020-01-02' });
      expect(second).toHaveLength(20);
      expect(second.every((t) => t.date === '2020-01-02')).toBe(true);
      expect(await k.transactions('other', { from: '2020-01-03' })).toHaveLength(20);
      expect(await k.transactions('other', { bankAccount: '1930' })).toHaveLength(imported.transactions.length);
      await expectCode(k.transactions('other', { bankAccount: '1940' }), 'VALIDATION');
      await expectCode(k.transactions('other', { from: '2020-02-30' }), 'VALIDATION');
      await expectCode(k.transactions('other', { to: 20200101 as unknown as string }), 'VALIDATION');
      await expectCode(k.transactions('other', { from: '2020-01-03', to: '2020-01-02' }), 'VALIDATION');
      await expectCode(k.transactions('other', { status: 'done' as 'booked' }), 'VALIDATION');
      await expectCode(k.transactions('nobody'), 'NOT_FOUND');
      expect(await k.transactions('kaffe')).toEqual([]);
    });

    it('lists the bureaus and clients an instance sees', async () => {
      const k = await open();
      await k.addBureau({ id: 'a0', name: 'Byrå Noll' });
      await k.addClient({ bureauId: 'a0', id: 'kaffe', name: 'Kaffe i Noll' });
      expect((await k.listBureaus()).map((b) => b.id)).toEqual(['a0', 'b1']);
      expect((await k.listClients()).map((c) => [c.bureauId, c.id])).toEqual([
        ['a0', 'kaffe'],
        ['b1', 'kaffe'],
        ['b1', 'other'],
      ]);
      const b1 = k.forBureau('b1');
      expect(await b1.listBureaus()).toEqual([{ id: 'b1', name: 'Byrå Ett' }]);
      expect((await b1.listClients()).map((c) => c.id)).toEqual(['kaffe', 'other']);
      // The client as listed is the client as getClient returns it.
      expect((await b1.listClients())[1]).toEqual(await b1.getClient('other'));
      await k.deleteClient('other');
      expect((await b1.listClients()).map((c) => c.id)).toEqual(['kaffe']);
    });
  });
}

describe('transactions after a restart (SQLite file)', () => {
  it('the same lines, statuses and vouchers from the reopened file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kontera-transactions-'));
    try {
      const path = join(dir, 'k.db');
      const first = await createKontera({ store: await openSqliteStore({ path }), now: () => new Date(NOW) });
      await first.addBureau({ id: 'b1', name: 'Byrå Ett' });
      await first.addClient({ bureauId: 'b1', id: 'kaffe', name: 'Kaffebryggeriet i Kumla AB' });
      await first.learnFromSie('kaffe', fixture(HISTORY));
      const imported = await first.importStatement('kaffe', fixture(STATEMENT));
      await first.confirm('kaffe', (await autoBookings(first, 'kaffe', [...imported.transactions])).slice(0, 2));
      const listed = await first.transactions('kaffe');
      await first.close();

      const again = await createKontera({ store: await openSqliteStore({ path }), now: () => new Date(NOW) });
      expect(await again.transactions('kaffe')).toEqual(listed);
      expect((await again.transactions('kaffe', { status: 'booked' })).map((t) => t.bookedBy?.number).sort()).toEqual(['1', '2']);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a pending line', () => {
  it('is pending, not to book, when a store holds one', async () => {
    const o = await openStore('memory');
    const k = await createKontera({ store: o.store, now: () => new Date(NOW) });
    await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
    await k.addClient({ bureauId: 'b1', id: 'c', name: 'C AB' });
    const imported = await k.importStatement('c', swedbankCsv(3));
    const [first] = imported.transactions;
    await o.store.addTransactions({ bureauId: 'b1', clientId: 'c' }, [{ ...first!, id: 'prel-1', line: 99, pending: true }]);
    expect((await k.transactions('c', { status: 'pending' })).map((t) => t.id)).toEqual(['prel-1']);
    expect((await k.transactions('c', { status: 'unbooked' })).map((t) => t.id)).not.toContain('prel-1');
    await o.dispose();
  });
});
