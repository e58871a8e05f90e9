/**
 * confirm learns an imported line as it was imported, whatever texts the caller passes beside its id.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Kontera } from '../../src/kontera.js';
import { fixture, openStore, STORE_KINDS } from './helpers.js';
import type { OpenedStore } from './helpers.js';

for (const kind of STORE_KINDS) {
  describe(`confirm of an imported line, ${kind} store`, () => {
    let opened: OpenedStore;
    let k: Kontera;
    beforeEach(async () => {
      opened = await openStore(kind);
      k = await createKontera({ store: opened.store, now: () => new Date('2026-04-02T09:00:00.000Z') });
      await k.addBureau({ id: 'byra', name: 'Byrå' });
      await k.addClient({ bureauId: 'byra', id: 'n', name: 'Nordkust AB', bankAccounts: [{ account: '1930', number: '1111 22 33333' }] });
    });
    afterEach(async () => {
      await opened.dispose();
    });

    it('learns the stored texts, not the ones an app edited, so the next line of the counterparty is known', async () => {
      const { transactions } = await k.importStatement('n', fixture('statements/transfers/nordea-foretagskonto.csv'), { fileName: 'nordea-foretagskonto.csv' });
      const card = transactions.find((t) => t.amount === -45_000);
      if (card === undefined) throw new Error('fixture line missing');
      // The app shows its own label for the line and passes it back with the id.
      const edited = { ...card, text: 'Fika till kontoret', counterparty: 'Kontoret' };
      await k.confirm('n', [{ transaction: edited, voucher: { date: card.date, text: 'Fika', rows: [{ account: '1930', amount: -45_000 }, { account: '7690', amount: 40_179 }, { account: '2641', amount: 4_821 }] } }]);
      const [next] = await k.suggest('n', [{ date: '2026-04-04', amount: -3_900, text: 'Kortköp 260403 Pressbyrån Centralen' }]);
      expect(next).toMatchObject({ account: '7690', match: 'exact' });
      const [other] = await k.suggest('n', [{ date: '2026-04-04', amount: -3_900, text: 'Fika till kontoret' }]);
      expect(other?.match).not.toBe('exact');
    });
  });
}
