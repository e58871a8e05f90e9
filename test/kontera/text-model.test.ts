/**
 * Issue 11 through the facade, on every store: the client's and the bureau's text models are built
 * from what the store keeps, so a reopened store suggests for new counterparties as before, and
 * erasure takes a client's share out of the bureau's model.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Booking, Kontera } from '../../src/kontera.js';
import { openStore, STORE_KINDS } from './helpers.js';
import type { OpenedStore } from './helpers.js';

const CUSTOMERS = ['Norrbygg', 'Ekdahls Måleri', 'Vikström El', 'Sjöberg Konsult', 'Lundins Bageri', 'Hedlund Transport'];
const SUPPLIERS = ['NORRLANDS', 'MÄLARDALENS', 'SKÅNSKA', 'VÄSTKUSTENS', 'GOTLANDS'];

function bookingIn(date: string, text: string, account: string, amount: number): Booking {
  return { transaction: { date, amount, text }, voucher: { date, text, rows: [{ account: '1930', amount }, { account, amount: -amount }] } };
}

function bookingOut(date: string, text: string, account: string, gross: number): Booking {
  const vat = gross / 5;
  return { transaction: { date, amount: -gross, text }, voucher: { date, text, rows: [{ account: '1930', amount: -gross }, { account, amount: gross - vat }, { account: '2641', amount: vat }] } };
}

for (const kind of STORE_KINDS) {
  describe(`text models on ${kind}`, () => {
    const opened: OpenedStore[] = [];
    afterEach(async () => {
      for (const o of opened.splice(0)) await o.dispose();
    });

    const kontera = async (o: OpenedStore): Promise<Kontera> => {
      const k = await createKontera({ store: o.store, now: () => new Date('2026-02-02T09:00:00Z') });
      return k;
    };

    it("a new customer's payment follows the client's earlier customer payments, and the bureau's habits reach a new client", async () => {
      const o = await openStore(kind);
      opened.push(o);
      const k = await kontera(o);
      await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
      await k.addClient({ bureauId: 'b1', id: 'bygg', name: 'Bygg AB', bankAccounts: [{ account: '1930' }] });
      await k.addClient({ bureauId: 'b1', id: 'ny', name: 'Ny AB', bankAccounts: [{ account: '1930' }] });
      await k.confirm('bygg', [
        ...CUSTOMERS.map((c, i) => bookingIn(`2026-01-${String(10 + i).padStart(2, '0')}`, `Kundbet ${c} (${4100 + i})`, '1510', 125000 + i * 100)),
        ...SUPPLIERS.map((s, i) => bookingOut(`2026-01-${String(10 + i).padStart(2, '0')}`, `${s} BYGGVAROR`, '4010', 50000 + i * 100)),
      ]);
      const [own] = await k.suggest('bygg', [{ date: '2026-02-03', amount: 98000, text: 'Kundbet Gransson Fastigheter (4177)' }]);
      expect(own?.account).toBe('1510');
      expect(own?.match).toBe('words');
      const [fromBureau] = await k.suggest('ny', [{ date: '2026-02-03', amount: -30000, text: 'NORRA BYGGVAROR' }]);
      expect(fromBureau?.account).toBe('4010');
      expect(fromBureau?.source).toBe('bureau');

      // Erasing the only client that taught it leaves the bureau's model without it.
      await k.deleteClient('bygg');
      const [after] = await k.suggest('ny', [{ date: '2026-02-03', amount: -30000, text: 'NORRA BYGGVAROR' }]);
      expect(after?.account ?? null).toBeNull();
    });
  });
}
