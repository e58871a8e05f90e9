/**
 * Pending settlements of invoices from before the books, on every store: a payment of an invoice
 * booked before the first voucher the ledger knows waits for that invoice (an earlier year's file
 * may bring it). Once an export of a later fiscal year is learned whose opening balance on the
 * account is all invoices the ledger knows, the invoice it paid was closed before that year: the
 * pending row goes. Where the opening balance holds more than the ledger knows, it stays.
 */
import { describe, expect, it } from 'vitest';
import { konteraOn, STORE_KINDS } from './helpers.js';
import { sale, summary } from './ledger-sie.js';
import type { Ver } from './ledger-sie.js';

/** A 4E export of fiscal year `year` with opening balances `ib` (account → kronor) and `vouchers`. */
function export4E(year: string, gen: string, ib: Readonly<Record<string, number>>, vouchers: readonly Ver[]): string {
  const lines = ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#PROGRAM "Bokföringsprogram" 1.0', `#GEN ${gen}`, '#FNAMN "Tallbackens Snickeri AB"', `#RAR 0 ${year}0101 ${year}1231`];
  for (const [account, kr] of Object.entries(ib)) lines.push(`#IB 0 ${account} ${kr.toFixed(2)}`);
  for (const [series, number, date, text, rows] of vouchers) {
    lines.push(`#VER ${series} ${number} ${date} "${text}"`, '{', ...rows.map(([a, kr]) => `#TRANS ${a} {} ${kr.toFixed(2)}`), '}');
  }
  return lines.join('\r\n') + '\r\n';
}

const Y2026: Ver[] = [
  ['A', '1', '20260112', 'Faktura 301 Ljungs Måleri', sale(3000)],
  ['B', '1', '20260120', 'Inbetalning faktura 301 Ljungs Måleri', [['1930', 3000], ['1510', -3000]]],
  // Invoice 288 and supplier invoice 77 are from 2025: the ledger has no voucher of that year.
  ['B', '2', '20260125', 'Inbetalning faktura 288 Berglunds Bygg', [['1930', 5000], ['1510', -5000]]],
  ['B', '3', '20260201', 'Betalning faktura 77 Hallbergs Trävaror', [['2440', 2000], ['1930', -2000]]],
];
const Y2027: Ver[] = [['A', '1', '20270115', 'Faktura 402 Ljungs Måleri', sale(1000)]];
const LEDGER = ['A 1 2026-01-12 300000 open 0: sie 2026-01-20 300000', 'A 1 2027-01-15 100000 open 100000: '];

for (const kind of STORE_KINDS) {
  describe(`pending settlements of invoices from before the books on ${kind}`, () => {
    const kontera = konteraOn(kind, '2027-03-01T09:00:00Z', { a: 'Snickeri a' });

    it('go when a later year opens with only invoices the ledger knows', async () => {
      const k = await kontera();
      await k.learnFromSie('a', export4E('2026', '20270110', { 1510: 5000, 2440: -2000 }, Y2026));
      // The year's own opening balance prunes nothing: its payments may still meet their invoices.
      expect((await k.exportClientData('a')).pendingSettlements.map((p) => [p.account, p.amount]).sort()).toEqual([['1510', 500000], ['2440', 200000]]);
      await k.learnFromSie('a', export4E('2027', '20270301', { 1510: 0, 2440: 0 }, Y2027));
      expect((await k.exportClientData('a')).pendingSettlements).toEqual([]);
      expect(summary(await k.openItems('a'))).toEqual(LEDGER);
      // Learning both again brings nothing back.
      await k.learnFromSie('a', export4E('2026', '20270110', { 1510: 5000, 2440: -2000 }, Y2026));
      await k.learnFromSie('a', export4E('2027', '20270301', { 1510: 0, 2440: 0 }, Y2027));
      expect((await k.exportClientData('a')).pendingSettlements).toEqual([]);
      expect(summary(await k.openItems('a'))).toEqual(LEDGER);
    });

    it("in a single export, a payment by name of an invoice the opening balance holds is no advance of the party's next invoice of that amount", async () => {
      // 2026 opens owing 5 000 kr on 1510 (an invoice of 2025, which the ledger does not have); the
      // customer pays it in January; the next invoice of 5 000 kr, in March, is open at year end.
      const books: Ver[] = [
        ['B', '1', '20260125', 'Inbetalning Berglunds Bygg', [['1930', 5000], ['1510', -5000]]],
        ['A', '1', '20260310', 'Faktura Berglunds Bygg', sale(5000)],
      ];
      const k = await kontera();
      await k.learnFromSie('a', export4E('2026', '20270110', { 1510: 5000 }, books));
      expect(summary(await k.openItems('a'))).toEqual(['A 1 2026-03-10 500000 open 500000: ']);
      expect((await k.exportClientData('a')).pendingSettlements.map((p) => [p.voucher.id, p.amount])).toEqual([['sie:2026-01-01 B 1', 500000]]);
      // With nothing owed at the start, the January payment can only be an advance: it settles the invoice.
      const k2 = await kontera();
      await k2.learnFromSie('a', export4E('2026', '20270110', { 1510: 0 }, books));
      expect(summary(await k2.openItems('a'))).toEqual(['A 1 2026-03-10 500000 open 0: sie 2026-01-25 500000']);
    });

    it('stay on an account whose later opening balance holds more than the ledger knows', async () => {
      const k = await kontera();
      await k.learnFromSie('a', export4E('2026', '20270110', { 1510: 5000, 2440: -2000 }, Y2026));
      // 2027 opens with 1 200 kr of customer invoices the ledger has none of: the 2026 payment may part-pay one.
      await k.learnFromSie('a', export4E('2027', '20270301', { 1510: 1200, 2440: 0 }, Y2027));
      expect((await k.exportClientData('a')).pendingSettlements.map((p) => [p.account, p.amount])).toEqual([['1510', 500000]]);
    });
  });
}
