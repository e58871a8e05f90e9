/**
 * Part payments and payments of several invoices, matched by the customer's name only, end the same
 * whichever order the ledger learns the invoices and payments in (one SIE file per voucher, every
 * order), as when the books are learned in one file: a part payment goes to the oldest open invoice
 * it names, an exact amount before a part, a payment of several invoices to those the matcher picks
 * among all of them. On every store.
 */
import { describe, expect, it } from 'vitest';
import { konteraOn, STORE_KINDS } from './helpers.js';
import { sale, sieFile, summary } from './ledger-sie.js';
import type { Ver } from './ledger-sie.js';

const pay = (number: string, date: string, kr: number): Ver => ['B', number, date, 'Inbetalning Ekholms Bageri', [['1930', kr], ['1510', -kr]]];
const invoice = (number: string, date: string, kr: number): Ver => ['A', number, date, 'Faktura Ekholms Bageri', sale(kr)];

const BOOKS: Record<string, { readonly vouchers: readonly Ver[]; readonly ledger: readonly string[] }> = {
  'a part payment of the older of two invoices': {
    vouchers: [invoice('1', '20260110', 5000), invoice('2', '20260125', 5000), pay('1', '20260210', 3000)],
    ledger: ['A 1 2026-01-10 500000 open 200000: sie 2026-02-10 300000', 'A 2 2026-01-25 500000 open 500000: '],
  },
  'two part payments, the second more than the first invoice has left': {
    vouchers: [invoice('1', '20260110', 5000), invoice('2', '20260125', 5000), pay('1', '20260210', 3000), pay('2', '20260215', 4000)],
    ledger: ['A 1 2026-01-10 500000 open 200000: sie 2026-02-10 300000', 'A 2 2026-01-25 500000 open 100000: sie 2026-02-15 400000'],
  },
  'a part payment of the amount of a later invoice settles that one': {
    vouchers: [invoice('1', '20260110', 5000), invoice('2', '20260125', 3000), pay('1', '20260210', 3000)],
    ledger: ['A 1 2026-01-10 500000 open 500000: ', 'A 2 2026-01-25 300000 open 0: sie 2026-02-10 300000'],
  },
  'one payment of two invoices, or of one of their sum': {
    vouchers: [invoice('1', '20260110', 2000), invoice('2', '20260112', 3000), invoice('3', '20260125', 5000), pay('1', '20260210', 5000)],
    ledger: ['A 1 2026-01-10 200000 open 200000: ', 'A 2 2026-01-12 300000 open 300000: ', 'A 3 2026-01-25 500000 open 0: sie 2026-02-10 500000'],
  },
};

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

for (const kind of STORE_KINDS) {
  describe(`part and multi-invoice payments in any learning order on ${kind}`, () => {
    const kontera = konteraOn(kind, '2026-04-12T09:00:00Z', { a: 'Verkstad a' });

    for (const [name, { vouchers, ledger }] of Object.entries(BOOKS)) {
      it(name, async () => {
        const k = await kontera();
        await k.learnFromSie('a', sieFile('20260401', vouchers));
        expect(summary(await k.openItems('a')), 'one file').toEqual(ledger);
        // Every order on memory; on the other stores the orders that end each voucher's file last.
        const orders = kind === 'memory' ? permutations(vouchers) : vouchers.map((last) => [...vouchers.filter((v) => v !== last), last].reverse());
        for (const order of orders) {
          const k = await kontera();
          for (const v of order) await k.learnFromSie('a', sieFile('20260401', [v]));
          expect(summary(await k.openItems('a')), order.map((v) => `${v[0]} ${v[1]}`).join(', ')).toEqual(ledger);
        }
      });
    }
  });
}
