/**
 * `suggest` on imported lines that a voucher books already. An app that imports overlapping
 * statements (every day the last month) and confirms what `suggest` auto-books, as the README's
 * embedding example does, must not be told to book a line again: that confirm is refused with
 * CONFLICT, and the whole call with it. Such a line is never auto-booked and says which voucher
 * books it, whether it was confirmed in kontera or is in the client's own books (SIE).
 */
import { describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Booking, Kontera } from '../../src/kontera.js';
import { fixture, konteraOn, STORE_KINDS } from './helpers.js';

const HISTORY = 'demo/kaffebryggeriet/history-2025.se';
const STATEMENT = 'demo/kaffebryggeriet/Transaktioner_2026-02-01_07-42-10.csv';
const NOW = '2026-02-02T08:00:00.000Z';

/** The README's loop: every line `suggest` auto-books, as bookings. */
async function autoBookings(k: Kontera, clientId: string, lines: Booking['transaction'][]): Promise<Booking[]> {
  const suggestions = await k.suggest(clientId, lines);
  return suggestions.flatMap((s, i) => (s.autoBook && s.voucher ? [{ transaction: lines[i] as Booking['transaction'], voucher: s.voucher }] : []));
}

for (const kind of STORE_KINDS) {
  describe(`suggest on lines booked already (${kind})`, () => {
    const open = konteraOn(kind, NOW, { kaffe: 'Kaffebryggeriet i Kumla AB' });

    it('a line confirmed in kontera is not auto-booked again when the statement is imported again', async () => {
      const k = await open();
      await k.learnFromSie('kaffe', fixture(HISTORY));
      const first = await k.importStatement('kaffe', fixture(STATEMENT));
      const bookings = await autoBookings(k, 'kaffe', [...first.transactions]);
      expect(bookings.length).toBeGreaterThan(2);
      const confirmed = await k.confirm('kaffe', bookings.slice(0, 2));

      // The next day's import overlaps: the same file again.
      const again = await k.importStatement('kaffe', fixture(STATEMENT));
      expect(again.duplicates).toBe(again.transactions.length);
      const suggestions = await k.suggest('kaffe', again.transactions);
      for (const [n, v] of confirmed.vouchers.entries()) {
        const i = again.transactions.findIndex((t) => t.id === bookings[n]?.transaction.id);
        const s = suggestions[i];
        expect(s?.autoBook).toBe(false);
        expect(s?.review).toBe(true);
        expect(s?.booked).toEqual({ series: v.series, number: String(v.number), from: 'confirmed' });
        expect(s?.reviewReasons.join(' ')).toContain(`${v.series} ${v.number}`);
      }
      // The lines not booked are suggested as before.
      expect(suggestions.filter((s) => s.booked !== undefined)).toHaveLength(confirmed.vouchers.length);

      // So the README's loop goes on: confirming what is auto-booked now is not refused.
      const rest = await autoBookings(k, 'kaffe', [...again.transactions]);
      expect(rest).toHaveLength(bookings.length - confirmed.vouchers.length);
      const second = await k.confirm('kaffe', rest);
      expect(second.vouchers).toHaveLength(rest.length);
    });

    it("a line that the client's own books (SIE) come to book is not auto-booked, also on the objects imported before", async () => {
      const k = await open();
      await k.learnFromSie('kaffe', fixture(HISTORY));
      const imported = await k.importStatement('kaffe', fixture(STATEMENT));
      const bookings = await autoBookings(k, 'kaffe', [...imported.transactions]);
      const target = bookings[0] as Booking;

      // The books: another program booked that line (here: a kontera of its own, exported as SIE 4I).
      const books = await createKontera({ now: () => new Date(NOW) });
      await books.addBureau({ id: 'b', name: 'B' });
      await books.addClient({ bureauId: 'b', id: 'kaffe', name: 'Kaffebryggeriet i Kumla AB' });
      await books.confirm('kaffe', [{ transaction: { date: target.transaction.date, amount: target.transaction.amount, text: target.transaction.text }, voucher: target.voucher }]);
      const learned = await k.learnFromSie('kaffe', await books.exportSie('kaffe'));
      expect(learned.booked).toBe(1);

      // The app still holds the objects importStatement returned, without the mark.
      expect(imported.transactions.find((t) => t.id === target.transaction.id)?.booked).toBeUndefined();
      const suggestions = await k.suggest('kaffe', imported.transactions);
      const i = imported.transactions.findIndex((t) => t.id === target.transaction.id);
      expect(suggestions[i]).toMatchObject({ autoBook: false, review: true, booked: { series: 'A', number: '1', from: 'sie' } });
      expect(suggestions.filter((s) => s.booked !== undefined)).toHaveLength(1);
      const rest = await autoBookings(k, 'kaffe', [...imported.transactions]);
      await expect(k.confirm('kaffe', rest)).resolves.toMatchObject({ vouchers: { length: bookings.length - 1 } });
    });

    it('a plain line (no id) is never taken as booked', async () => {
      const k = await open();
      await k.learnFromSie('kaffe', fixture(HISTORY));
      const imported = await k.importStatement('kaffe', fixture(STATEMENT));
      const bookings = await autoBookings(k, 'kaffe', [...imported.transactions]);
      await k.confirm('kaffe', bookings.slice(0, 1));
      const { id: _id, ...plain } = bookings[0]?.transaction as Booking['transaction'];
      const [s] = await k.suggest('kaffe', [plain]);
      expect(s?.booked).toBeUndefined();
    });
  });
}
