/**
 * The open items do not depend on the order the books are learned in, on every store. A SIE export
 * writes vouchers by series and number, fiscal years and partial 4I files come in any order, and
 * confirmed bookings can come before the file that holds their invoice: a payment or credit note
 * that finds no open item is kept pending, and settles the invoice that the ledger learns later
 * by the ledger's own rules, as if it had been learned in date order. A newer export's version of
 * a voucher that no longer books an invoice stands though an older export is learned after it; and
 * a payment whose settlement a revised invoice cut keeps the rest pending, so that a later revision
 * back up is settled again.
 */
import { describe, expect, it } from 'vitest';
import type { Kontera } from '../../src/kontera.js';
import { konteraOn, STORE_KINDS } from './helpers.js';
import { sale, sieFile, summary } from './ledger-sie.js';
import type { Row, Ver } from './ledger-sie.js';
import type { OpenItem } from '../../src/openitems/types.js';

const INV_101: Ver = ['A', '1', '20260110', 'Faktura 101 Ekholms Bageri', sale(5000)];
const INV_102: Ver = ['A', '2', '20260115', 'Faktura 102 Fagerlunds Fisk', sale(3000)];
/** Part payment of 101, with its number. */
const PAY_101: Ver = ['B', '1', '20260205', 'Inbetalning faktura 101', [['1930', 4000], ['1510', -4000]]];
/** The rest of 101 by a credit note: no bank row, so no bank voucher of the books either. */
const CREDIT_101: Ver = ['C', '1', '20260201', 'Kreditfaktura 101 Ekholms Bageri', [['1510', -1000], ['3001', 800], ['2611', 200]]];
/** Payment of 102 that names no invoice: the customer and the amount tell. */
const PAY_102: Ver = ['B', '2', '20260210', 'Inbetalning Fagerlunds Fisk', [['1930', 3000], ['1510', -3000]]];

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

const SETTLED = ['A 1 2026-01-10 500000 open 0: sie 2026-02-01 100000, sie 2026-02-05 400000', 'A 2 2026-01-15 300000 open 0: sie 2026-02-10 300000'];

for (const kind of STORE_KINDS) {
  describe(`open items whatever the learning order on ${kind}`, () => {
    const kontera = konteraOn(kind, '2026-04-12T09:00:00Z', { a: 'Verkstad a' });

    it('all vouchers in one file: both invoices settled (the reference)', async () => {
      const k = await kontera();
      await k.learnFromSie('a', sieFile('20260301', [PAY_101, PAY_102, CREDIT_101, INV_101, INV_102]));
      expect(summary(await k.openItems('a'))).toEqual(SETTLED);
    });

    it('a credit note learned before its invoice settles it when the invoice comes', async () => {
      const k = await kontera();
      await k.learnFromSie('a', sieFile('20260301', [CREDIT_101]));
      await k.learnFromSie('a', sieFile('20260301', [INV_101]));
      expect(summary(await k.openItems('a'))).toEqual(['A 1 2026-01-10 500000 open 400000: sie 2026-02-01 100000']);
    });

    it('a payment of a voucher without a number (a 4I file) learned before its invoice settles it', async () => {
      const k = await kontera();
      await k.learnFromSie('a', sieFile('20260301', [['B', '', '20260210', 'Inbetalning Fagerlunds Fisk', [['1930', 3000], ['1510', -3000]]]]));
      await k.learnFromSie('a', sieFile('20260301', [INV_102]));
      expect(summary(await k.openItems('a'))).toEqual(['A 2 2026-01-15 300000 open 0: sie 2026-02-10 300000']);
      // Learning both again changes nothing.
      expect((await k.learnFromSie('a', sieFile('20260301', [INV_102]))).openItems.changed).toBe(0);
      expect(summary(await k.openItems('a'))).toEqual(['A 2 2026-01-15 300000 open 0: sie 2026-02-10 300000']);
    });

    it('a payment that settled one invoice and had more left settles a second invoice learned later', async () => {
      const k = await kontera();
      await k.learnFromSie('a', sieFile('20260301', [INV_101]));
      // One payment of the customer's invoices, naming none: 101 oldest first, 3 000 kr left.
      await k.learnFromSie('a', sieFile('20260301', [['B', '3', '20260220', 'Inbetalning Ekholms Bageri', [['1930', 8000], ['1510', -8000]]]]));
      expect(summary(await k.openItems('a'))).toEqual(['A 1 2026-01-10 500000 open 0: sie 2026-02-20 500000']);
      await k.learnFromSie('a', sieFile('20260301', [['A', '3', '20260118', 'Faktura 103 Ekholms Bageri', sale(3000)]]));
      expect(summary(await k.openItems('a'))).toEqual(['A 1 2026-01-10 500000 open 0: sie 2026-02-20 500000', 'A 3 2026-01-18 300000 open 0: sie 2026-02-20 300000']);
      expect((await k.exportClientData('a')).pendingSettlements).toEqual([]);
    });

    it('a confirmed booking of a payment before the invoice is learned settles it when the invoice comes', async () => {
      const k = await kontera();
      const csv = ['Bokföringsdag;Belopp;Rubrik', '2026-02-10;3000,00;Fagerlunds Fisk'].join('\n') + '\n';
      const { transactions } = await k.importStatement('a', csv, { bankAccount: '1930' });
      const t = transactions[0]!;
      await k.confirm('a', [{ transaction: t, voucher: { date: t.date, text: 'Inbetalning Fagerlunds Fisk', rows: [{ account: '1930', amount: 300000 }, { account: '1510', amount: -300000 }] } }]);
      await k.learnFromSie('a', sieFile('20260301', [INV_102]));
      expect(summary(await k.openItems('a'))).toEqual(['A 2 2026-01-15 300000 open 0: confirmed 2026-02-10 300000']);
      expect((await k.exportClientData('a')).pendingSettlements).toEqual([]);
    });

    it('unlearning the counterparty of a confirmed payment still pending removes it: the invoice learned later stays open', async () => {
      const k = await kontera();
      const csv = ['Bokföringsdag;Belopp;Rubrik', '2026-02-10;3000,00;Fagerlunds Fisk'].join('\n') + '\n';
      const { transactions } = await k.importStatement('a', csv, { bankAccount: '1930' });
      const t = transactions[0]!;
      await k.confirm('a', [{ transaction: t, voucher: { date: t.date, text: 'Inbetalning Fagerlunds Fisk', rows: [{ account: '1930', amount: 300000 }, { account: '1510', amount: -300000 }] } }]);
      const [waiting] = (await k.exportClientData('a')).pendingSettlements;
      expect(waiting).toMatchObject({ account: '1510', amount: 300000, voucher: { origin: 'confirmed' } });
      await k.unlearn('a', waiting!.voucher.key!);
      expect((await k.exportClientData('a')).pendingSettlements).toEqual([]);
      await k.learnFromSie('a', sieFile('20260301', [INV_102]));
      expect(summary(await k.openItems('a'))).toEqual(['A 2 2026-01-15 300000 open 300000: ']);
    });

    it('every order of five one-voucher files (invoices, payments with and without a number, a credit note) gives the same ledger', async () => {
      const orders = permutations([INV_101, INV_102, PAY_101, CREDIT_101, PAY_102]);
      // On the stores on disk every fifth order (all 120 on memory) keeps the test quick.
      const picked = kind === 'memory' ? orders : orders.filter((_, i) => i % 5 === 0);
      const wrong: string[] = [];
      for (const order of picked) {
        const k = await kontera();
        for (const v of order) await k.learnFromSie('a', sieFile('20260301', [v]));
        const got = summary(await k.openItems('a'));
        if (JSON.stringify(got) !== JSON.stringify(SETTLED)) wrong.push(`${order.map((v) => `${v[0]} ${v[1]}`).join(', ')} → ${got.join(' | ')}`);
      }
      expect(wrong).toEqual([]);
    }, 120_000);

    it('every order of a supplier\'s two invoices, a part payment without an invoice number (a voucher without a number) and a credit note leaves the same open amounts', async () => {
      const purchase = (kr: number): Row[] => [['2440', -kr], ['5410', kr * 0.8], ['2641', kr * 0.2]];
      const vouchers: Ver[] = [
        ['A', '5', '20260108', 'Leverantörsfaktura 88120 Lindqvists Trä', purchase(4000)],
        ['A', '6', '20260122', 'Leverantörsfaktura 88145 Lindqvists Trä', purchase(2500)],
        // Oldest first: 4 000 kr of 88120, 1 000 kr of 88145.
        ['', '', '20260215', 'Lindqvists Trä', [['2440', 5000], ['1930', -5000]]],
        ['C', '2', '20260220', 'Kreditnota 88145 Lindqvists Trä', [['2440', 1500], ['5410', -1200], ['2641', -300]]],
      ];
      const open = (items: readonly OpenItem[]): string[] => items.map((i) => `${i.series} ${i.number} ${i.amount} open ${i.open}`).sort();
      const reference = await kontera();
      await reference.learnFromSie('a', sieFile('20260301', vouchers));
      const expected = open(await reference.openItems('a'));
      expect(expected).toEqual(['A 5 400000 open 0', 'A 6 250000 open 0']);
      const wrong: string[] = [];
      for (const order of permutations(vouchers)) {
        const k = await kontera();
        for (const v of order) await k.learnFromSie('a', sieFile('20260301', [v]));
        const got = open(await k.openItems('a'));
        if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${order.map((v) => `${v[0]} ${v[1]}`).join(', ')} → ${got.join(' | ')}`);
      }
      expect(wrong).toEqual([]);
    }, 120_000);

    it('a newer export where A 3 no longer books an invoice, learned before the older export: the older one brings no item back', async () => {
      const invoice: Ver = ['A', '3', '20260110', 'Faktura 301 Ekholms Bageri', sale(5000)];
      const cashSale: Ver = ['A', '3', '20260110', 'Kontantförsäljning Ekholms Bageri', [['1930', 5000], ['3001', -4000], ['2611', -1000]]];
      const payment: Ver = ['A', '4', '20260205', 'Inbetalning faktura 301 Ekholms Bageri', [['1930', 2000], ['1510', -2000]]];
      const older = sieFile('20260301', [invoice, payment]);
      const newer = sieFile('20260401', [cashSale, payment]);
      const inOrder = await kontera();
      await inOrder.learnFromSie('a', older);
      await inOrder.learnFromSie('a', newer);
      expect(await inOrder.openItems('a', { open: true })).toEqual([]);
      const reversed = await kontera();
      await reversed.learnFromSie('a', newer);
      const r = await reversed.learnFromSie('a', older);
      expect(await reversed.openItems('a', { open: true })).toEqual([]);
      expect(r.openItems.changed).toBe(0);
      expect(r.warnings.map((w) => w.code)).toContain('OPEN_ITEMS_FROM_NEWER_EXPORT');
    });

    it('an invoice of 2025 paid in 2026, revised down and then back up in later exports of 2025: the payment settles it in full again', async () => {
      const invoice = (kr: number): Ver => ['A', '7', '20251210', 'Faktura 701 Ekholms Bageri', sale(kr)];
      const pay2026 = sieFile('20260301', [['B', '4', '20260115', 'Inbetalning faktura 701 Ekholms Bageri', [['1930', 5000], ['1510', -5000]]]]);
      const check = async (k: Kontera): Promise<string[]> => summary(await k.openItems('a'));
      const k = await kontera();
      await k.learnFromSie('a', sieFile('20260110', [invoice(5000)], '2025'));
      await k.learnFromSie('a', pay2026);
      expect(await check(k)).toEqual(['A 7 2025-12-10 500000 open 0: sie 2026-01-15 500000']);
      await k.learnFromSie('a', sieFile('20260201', [invoice(4000)], '2025'));
      expect(await check(k)).toEqual(['A 7 2025-12-10 400000 open 0: sie 2026-01-15 400000']);
      await k.learnFromSie('a', sieFile('20260315', [invoice(5000)], '2025'));
      // As the last 2025 export and the 2026 file learned alone give it.
      const fresh = await kontera();
      await fresh.learnFromSie('a', sieFile('20260315', [invoice(5000)], '2025'));
      await fresh.learnFromSie('a', pay2026);
      expect(await check(fresh)).toEqual(['A 7 2025-12-10 500000 open 0: sie 2026-01-15 500000']);
      expect(await check(k)).toEqual(await check(fresh));
    });
  });
}
