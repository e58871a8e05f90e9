/**
 * Two invoices of one amount and one customer, and a payment that names neither: the earlier
 * invoice (by date, then voucher id) is settled, whichever order the ledger learns the three in,
 * on every store. A payment that names its invoice's number keeps it.
 */
import { describe, expect, it } from 'vitest';
import { konteraOn, STORE_KINDS } from './helpers.js';
import { sale, sieFile, summary } from './ledger-sie.js';
import type { Ver } from './ledger-sie.js';

const EARLY: Ver = ['A', '1', '20260110', 'Faktura 101 Ekholms Bageri', sale(5000)];
const LATE: Ver = ['A', '2', '20260125', 'Faktura 102 Ekholms Bageri', sale(5000)];
const PAY: Ver = ['B', '1', '20260210', 'Inbetalning Ekholms Bageri', [['1930', 5000], ['1510', -5000]]];
const SETTLED = ['A 1 2026-01-10 500000 open 0: sie 2026-02-10 500000', 'A 2 2026-01-25 500000 open 500000: '];

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

for (const kind of STORE_KINDS) {
  describe(`same amount, same customer on ${kind}`, () => {
    const kontera = konteraOn(kind, '2026-04-12T09:00:00Z', { a: 'Verkstad a' });

    it('the earlier invoice is settled in every learning order', async () => {
      for (const order of [[[EARLY, LATE, PAY]], ...permutations([EARLY, LATE, PAY]).map((p) => p.map((v) => [v])), [[LATE, PAY], [EARLY]]]) {
        const k = await kontera();
        for (const f of order) await k.learnFromSie('a', sieFile('20260401', f));
        expect(summary(await k.openItems('a')), order.map((f) => f.map((v) => `${v[0]} ${v[1]}`).join('+')).join(' / ')).toEqual(SETTLED);
        expect((await k.exportClientData('a')).pendingSettlements).toEqual([]);
      }
    });

    it('on one date the lower voucher id is the earlier', async () => {
      const same: Ver = ['A', '2', '20260110', 'Faktura 102 Ekholms Bageri', sale(5000)];
      for (const order of [[[EARLY, same, PAY]], [[same, PAY], [EARLY]]]) {
        const k = await kontera();
        for (const f of order) await k.learnFromSie('a', sieFile('20260401', f));
        expect(summary(await k.openItems('a'))).toEqual(['A 1 2026-01-10 500000 open 0: sie 2026-02-10 500000', 'A 2 2026-01-10 500000 open 500000: ']);
      }
    });

    it('a payment that names the later invoice keeps it when the earlier comes', async () => {
      const k = await kontera();
      await k.learnFromSie('a', sieFile('20260401', [LATE, ['B', '1', '20260210', 'Inbetalning faktura 102 Ekholms Bageri', [['1930', 5000], ['1510', -5000]]]]));
      await k.learnFromSie('a', sieFile('20260401', [EARLY]));
      expect(summary(await k.openItems('a'))).toEqual(['A 1 2026-01-10 500000 open 500000: ', 'A 2 2026-01-25 500000 open 0: sie 2026-02-10 500000']);
    });
  });
}
