/**
 * `confirm` stores what it is given, and says when a voucher is dated far from its bank line: a bank
 * voucher is dated the day the money moved, and one dated weeks or a year away (a typo in January)
 * lands in another period of the client's books.
 */
import { describe, expect, it } from 'vitest';
import type { Booking } from '../../src/kontera.js';
import { CONFIRM_WARNING_CODES, MATCH_WINDOW_DAYS } from '../../src/index.js';
import { konteraOn, STORE_KINDS, swedbankCsv } from './helpers.js';

const NOW = '2026-02-02T08:00:00.000Z';

function booking(line: Booking['transaction'], date: string): Booking {
  return { transaction: line, voucher: { date, text: line.text, rows: [{ account: '1930', amount: line.amount }, { account: '6570', amount: -line.amount }] } };
}

for (const kind of STORE_KINDS) {
  describe(`confirm's date warning (${kind})`, () => {
    const open = konteraOn(kind, NOW, { c: 'C AB' });

    it('warns of a voucher dated more than MATCH_WINDOW_DAYS from its line, stores it all the same', async () => {
      const k = await open();
      const lines = (await k.importStatement('c', swedbankCsv(40))).transactions;
      const line = (i: number): Booking['transaction'] => {
        const t = lines[i];
        if (t === undefined) throw new Error(`no line ${i}`);
        return t;
      };
      const [a, b, c, d] = [line(0), line(1), line(2), line(3)];
      expect([a.date, b.date, c.date, d.date]).toEqual(['2020-01-02', '2020-01-02', '2020-01-02', '2020-01-02']);
      const result = await k.confirm('c', [
        booking(a, a.date),
        booking(b, '2020-01-07'), // MATCH_WINDOW_DAYS after (a weekend and a holiday between): no warning
        booking(c, '2020-02-28'), // weeks after
        booking(d, '2019-01-02'), // the year typed wrong
      ]);
      expect(result.vouchers).toHaveLength(4);
      expect(result.warnings.map((w) => [w.code, w.booking])).toEqual([
        ['VOUCHER_DATE_FAR_FROM_LINE', 3],
        ['VOUCHER_DATE_FAR_FROM_LINE', 4],
      ]);
      expect(result.warnings[0]?.message).toContain('2020-02-28, 57 days after its bank line (2020-01-02)');
      expect(result.warnings[1]?.message).toContain('2019-01-02, 365 days before its bank line (2020-01-02), in another year');
      expect(MATCH_WINDOW_DAYS).toBe(5);
      expect(CONFIRM_WARNING_CODES).toContain('VOUCHER_DATE_FAR_FROM_LINE');
      // Stored as given.
      expect((await k.transactions('c', { status: 'booked' })).map((t) => t.id).sort()).toEqual([a.id, b.id, c.id, d.id].sort());
    });

    it('says nothing for plain lines dated as their vouchers', async () => {
      const k = await open();
      const result = await k.confirm('c', [booking({ date: '2026-01-31', amount: -12_500, text: 'AVGIFT' }, '2026-01-31')]);
      expect(result.warnings).toEqual([]);
    });
  });
}
