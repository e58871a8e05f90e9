/**
 * The bureau's round trip: a payment confirmed in kontera is exported, imported into the books'
 * program, and read back with the program's next SIE export. The books' copy is the same payment:
 * it settles nothing again, and leaves nothing pending that could settle the customer's next
 * invoice of the same amount.
 */
import { describe, expect, it } from 'vitest';
import { konteraOn, STORE_KINDS } from './helpers.js';
import { sale, sieFile, summary } from './ledger-sie.js';
import type { Ver } from './ledger-sie.js';

for (const kind of STORE_KINDS) describe(`a confirmed payment read back from the books, on ${kind}`, () => {
  const kontera = konteraOn(kind, '2026-04-12T09:00:00Z', { a: 'Verkstad a' });
  it('a payment confirmed in kontera and then read back from the books settles its invoice once, and not the next one', async () => {
    const k = await kontera();
    const INV1: Ver = ['A', '1', '20260110', 'Faktura 101 Ekholms Bageri', sale(5000)];
    await k.learnFromSie('a', sieFile('20260201', [INV1]));
    const imported = await k.importStatement('a', 'Bokföringsdatum;Text;Belopp;Saldo\n2026-02-05;BG 5555-1234 EKHOLMS BAGERI;5000,00;12000,00\n', { fileName: 'februari.csv', bankAccount: '1930' });
    const line = imported.transactions[0]!;
    const [s] = await k.suggest('a', [line]);
    expect(s?.openItem?.items.length).toBe(1);
    await k.confirm('a', [{ transaction: line, voucher: s!.voucher! }]);
    expect(summary(await k.openItems('a'))).toEqual(['A 1 2026-01-10 500000 open 0: confirmed 2026-02-05 500000']);
    // The program numbered kontera's voucher B 1; the next month's invoice of the same amount.
    const INV2: Ver = ['A', '2', '20260120', 'Faktura 102 Ekholms Bageri', sale(5000)];
    const PAY: Ver = ['B', '1', '20260205', s!.voucher!.text, [['1930', 5000], ['1510', -5000]]];
    await k.learnFromSie('a', sieFile('20260401', [INV1, PAY, INV2]));
    // The books' copy is the confirmed voucher: no second settlement, nothing left pending to
    // settle the next invoice of the same customer and amount.
    expect(summary(await k.openItems('a'))).toEqual(['A 1 2026-01-10 500000 open 0: confirmed 2026-02-05 500000', 'A 2 2026-01-20 500000 open 500000: ']);
    expect((await k.exportClientData('a')).pendingSettlements).toEqual([]);
    // The next month's export holds the same vouchers and one more invoice: still settled once.
    const INV3: Ver = ['A', '3', '20260402', 'Faktura 103 Ekholms Bageri', sale(5000)];
    await k.learnFromSie('a', sieFile('20260501', [INV1, PAY, INV2, INV3]));
    expect(summary(await k.openItems('a'))).toEqual(['A 1 2026-01-10 500000 open 0: confirmed 2026-02-05 500000', 'A 2 2026-01-20 500000 open 500000: ', 'A 3 2026-04-02 500000 open 500000: ']);
    expect((await k.exportClientData('a')).pendingSettlements).toEqual([]);
  });
});
