/**
 * Advance payments, on every store: a customer who pays before the invoice is booked, and a
 * supplier paid before its invoice comes. The payment finds no open item at its date and waits;
 * the invoice booked later of that amount that the payment names (its number, or the party's name)
 * is settled by it, whichever of the two the ledger learns first, in one file or in two. An
 * invoice of the same amount of another party stays open.
 */
import { describe, expect, it } from 'vitest';
import { konteraOn, STORE_KINDS } from './helpers.js';
import { sale, sieFile, summary } from './ledger-sie.js';
import type { Ver } from './ledger-sie.js';

const ADVANCE_120: Ver = ['B', '1', '20260105', 'Förskott faktura 120 Ekholms Bageri', [['1930', 5000], ['1510', -5000]]];
const INV_120: Ver = ['A', '1', '20260120', 'Faktura 120 Ekholms Bageri', sale(5000)];
/** Same amount, another customer and number: the advance is not its. */
const INV_121: Ver = ['A', '2', '20260301', 'Faktura 121 Fagerlunds Fisk', sale(5000)];
/** A supplier paid before its invoice, by name only. */
const PREPAID: Ver = ['B', '2', '20260201', 'Förskott Hallbergs Trävaror', [['2440', 2000], ['1930', -2000]]];
const SUPPLIER_INV: Ver = ['L', '1', '20260215', 'Hallbergs Trävaror', [['2440', -2000], ['4010', 1600], ['2641', 400]]];

const PAYMENTS = [ADVANCE_120, PREPAID];
const INVOICES = [INV_120, INV_121, SUPPLIER_INV];
const SETTLED = ['A 1 2026-01-20 500000 open 0: sie 2026-01-05 500000', 'A 2 2026-03-01 500000 open 500000: ', 'L 1 2026-02-15 200000 open 0: sie 2026-02-01 200000'];

for (const kind of STORE_KINDS) {
  describe(`advance payments on ${kind}`, () => {
    const kontera = konteraOn(kind, '2026-04-12T09:00:00Z', { a: 'Verkstad a' });

    for (const [name, files] of [
      ['in one file', [[...PAYMENTS, ...INVOICES]]],
      ['payments learned first', [PAYMENTS, INVOICES]],
      ['invoices learned first', [INVOICES, PAYMENTS]],
    ] as const) {
      it(`settle the invoice booked later that they name: ${name}`, async () => {
        const k = await kontera();
        for (const f of files) await k.learnFromSie('a', sieFile('20260401', f));
        expect(summary(await k.openItems('a'))).toEqual(SETTLED);
        expect((await k.exportClientData('a')).pendingSettlements).toEqual([]);
        // Learning everything again changes nothing.
        for (const f of files) expect((await k.learnFromSie('a', sieFile('20260401', f))).openItems.changed).toBe(0);
        expect(summary(await k.openItems('a'))).toEqual(SETTLED);
      });
    }

    it('a payment by name of an invoice from before the books is no advance of the same party and amount when a later payment pays it, nor when two such invoices are open', async () => {
      const early: Ver = ['B', '1', '20260108', 'Inbetalning Ekholms Bageri', [['1930', 5000], ['1510', -5000]]];
      const invoice: Ver = ['A', '1', '20260120', 'Ekholms Bageri', sale(5000)];
      const paid: Ver = ['B', '2', '20260215', 'Inbetalning Ekholms Bageri', [['1930', 5000], ['1510', -5000]]];
      for (const files of [[[early, invoice, paid]], [[early, paid], [invoice]], [[invoice], [early, paid]]]) {
        const k = await kontera();
        for (const f of files) await k.learnFromSie('a', sieFile('20260401', f));
        expect(summary(await k.openItems('a'))).toEqual(['A 1 2026-01-20 500000 open 0: sie 2026-02-15 500000']);
        expect((await k.exportClientData('a')).pendingSettlements.map((p) => [p.voucher.date, p.amount])).toEqual([['2026-01-08', 500000]]);
      }
      // Monthly invoices of one amount, none paid yet: which one an early payment by name would be is not known.
      const k = await kontera();
      await k.learnFromSie('a', sieFile('20260401', [early, invoice, ['A', '2', '20260220', 'Ekholms Bageri', sale(5000)]]));
      expect(summary(await k.openItems('a'))).toEqual(['A 1 2026-01-20 500000 open 500000: ', 'A 2 2026-02-20 500000 open 500000: ']);
    });

    it('an advance that names no invoice or party of the ledger stays pending', async () => {
      const k = await kontera();
      await k.learnFromSie('a', sieFile('20260401', [['B', '1', '20260105', 'Förskott Lindqvists Café', [['1930', 5000], ['1510', -5000]]], INV_120, INV_121]));
      expect(summary(await k.openItems('a'))).toEqual(['A 1 2026-01-20 500000 open 500000: ', 'A 2 2026-03-01 500000 open 500000: ']);
      expect((await k.exportClientData('a')).pendingSettlements.map((p) => [p.account, p.amount])).toEqual([['1510', 500000]]);
    });
  });
}
