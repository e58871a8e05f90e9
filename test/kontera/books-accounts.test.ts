/**
 * The accounts of a client's own books. A client the bureau gave no chart used to be suggested
 * accounts its books do not have: a rule's 5831 for a hotel night where the books have 5830.
 * The accuracy bench always gave the engine the books' chart, so real use through the facade did
 * worse than the bench said (pooled 85.9 % against 86.5 %, unseen counterparties 55.6 % against
 * 61.1 %, on the same lines). `learnFromSie` now keeps the accounts the books declare and use
 * (`Client.booksAccounts`), suggestions are made in them as in a chart, and every account a
 * confirmed or corrected voucher books joins them, so the client's own bookings are never mapped
 * away. Real file: fixtures/sie/XE_SIE_4_20151125095119.SE (SoftOne XE; has 5830 Kost och logi, no
 * 5831; buys goods on 4010, has no 4000).
 */
import { describe, expect, it } from 'vitest';
import { fixture, konteraOn, STORE_KINDS } from './helpers.js';

const BOOKS = 'sie/XE_SIE_4_20151125095119.SE';
const NOW = '2015-11-25T10:00:00.000Z';
/** A cash payment from 1910, the file's cash account, for something its books never bought. */
const HOTEL = { date: '2015-11-20', amount: -180_000, text: 'Hotell Fjällgården', bankAccount: '1910' };

for (const kind of STORE_KINDS) {
  describe(`the accounts of the client's books (${kind})`, () => {
    const opened = konteraOn(kind, NOW, {});
    const open = async () => {
      const k = await opened();
      await k.addClient({ bureauId: 'b1', id: 'c', name: 'XE Demo AB', bankAccounts: ['1910'] });
      return k;
    };

    it('are kept from the SIE file: every account it declares or books, sorted', async () => {
      const k = await open();
      await k.learnFromSie('c', fixture(BOOKS), { fileName: 'XE_SIE_4.SE' });
      const books = (await k.getClient('c')).booksAccounts ?? [];
      expect(books).toContain('4010');
      expect(books).toContain('1910');
      expect(books).not.toContain('4000');
      expect(books).toEqual([...new Set(books)].sort());
      // The bureau gave no chart, and none is made up.
      expect((await k.getClient('c')).chart).toBeUndefined();
    });

    it('are where a suggestion for a client without a chart lands', async () => {
      const k = await open();
      await k.learnFromSie('c', fixture(BOOKS), { fileName: 'XE_SIE_4.SE' });
      const [s] = await k.suggest('c', [HOTEL]);
      expect(s?.source).toBe('rule');
      expect(s?.account).toBe('5830');
      expect(s?.reason).toContain('This client has no 5831');
    });

    it('grow with the accounts a confirmed voucher books, so the client’s own bookings are not mapped away', async () => {
      const k = await open();
      await k.learnFromSie('c', fixture(BOOKS), { fileName: 'XE_SIE_4.SE' });
      // The bureau books this purchase on 4000, an account the books never had: allowed without a chart.
      const line = { ...HOTEL, amount: -400_000, text: 'Grossisten Norr' };
      await k.confirm('c', [{ transaction: line, voucher: { date: line.date, text: line.text, rows: [{ account: '1910', amount: line.amount }, { account: '4000', amount: -line.amount }] } }]);
      expect((await k.getClient('c')).booksAccounts).toContain('4000');
      const [s] = await k.suggest('c', [{ ...line, date: '2015-11-24' }]);
      expect(s?.account).toBe('4000');
      expect(s?.source).toBe('client');
    });

    it('leave a client that learned no books without a chart', async () => {
      const k = await open();
      const [s] = await k.suggest('c', [HOTEL]);
      expect((await k.getClient('c')).booksAccounts).toBeUndefined();
      expect(s?.account).toBe('5831');
    });
  });
}
