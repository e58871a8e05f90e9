import { describe, expect, test } from 'vitest';
import { createKnowledge } from '../../src/knowledge/base.js';
import { learn } from '../../src/knowledge/learn.js';
import type { ClientSettings, VoucherRow } from '../../src/knowledge/types.js';
import { suggest } from '../../src/suggest/suggest.js';
import { booking } from '../knowledge/helpers.js';

const client: ClientSettings = { id: 'c', bureauId: 'b' };

function learnedAndSuggested(text: string, rows: VoucherRow[], amount: number) {
  const k = createKnowledge();
  learn(k, client, booking('2026-01-10', text, rows));
  learn(k, client, booking('2026-02-10', text, rows));
  return suggest({ date: '2026-03-10', amount, text }, k, client);
}

describe('vouchers in every VAT mode', () => {
  test('reverse charge on an EU service: the whole amount on the cost and a net-zero 2645/2614 pair', () => {
    const s = learnedAndSuggested('KORTKÖP 260301 GOOGLE WORKSPACE', [{ account: '6540', amount: 13800 }, { account: '2645', amount: 3450 }, { account: '2614', amount: -3450 }], -20000);
    expect(s.voucher?.rows).toEqual([
      { account: '1930', amount: -20000 },
      { account: '6540', amount: 20000 },
      { account: '2645', amount: 5000 },
      { account: '2614', amount: -5000 },
    ]);
    expect(s.reason).toContain('reverse-charge VAT 25 % (EU services)');
  });

  test('import of goods: 2645 against 2615', () => {
    const s = learnedAndSuggested('SHENZHEN TRADING CO', [{ account: '4545', amount: 100000 }, { account: '2645', amount: 25000 }, { account: '2615', amount: -25000 }], -40000);
    expect(s.voucher?.rows.map((r) => r.account)).toEqual(['1930', '4545', '2645', '2615']);
    expect(s.reason).toContain('import VAT 25 %');
  });

  test('construction reverse charge: 2647 against 2614', () => {
    const s = learnedAndSuggested('BG 5655-2314 NORDBYGG UE AB', [{ account: '4425', amount: 4200000 }, { account: '2647', amount: 1050000 }, { account: '2614', amount: -1050000 }], -3000000);
    expect(s.voucher?.rows).toEqual([
      { account: '1930', amount: -3000000 },
      { account: '4425', amount: 3000000 },
      { account: '2647', amount: 750000 },
      { account: '2614', amount: -750000 },
    ]);
  });

  test('a sale with 25 % output VAT on 2611', () => {
    const k = createKnowledge();
    const rows = (g: number): VoucherRow[] => [{ account: '1930', amount: g }, { account: '3001', amount: -(g * 4) / 5 }, { account: '2611', amount: -g / 5 }];
    for (const d of ['2026-01-05', '2026-01-12']) learn(k, client, { transaction: { date: d, amount: 50000, text: 'Swish 1231234567 KUND AB' }, voucher: { date: d, text: 'Swish', rows: rows(50000) } });
    const s = suggest({ date: '2026-01-20', amount: 62500, text: 'Swish 1231234567 KUND AB' }, k, client);
    expect(s.voucher?.rows).toEqual(rows(62500));
  });

  test('a loan payment keeps the fixed amortisation and books the rest as interest', () => {
    const k = createKnowledge();
    learn(k, client, booking('2026-01-25', 'SWEDBANK LÅN', [{ account: '2350', amount: 500000 }, { account: '8410', amount: 123400 }]));
    learn(k, client, booking('2026-02-25', 'SWEDBANK LÅN', [{ account: '2350', amount: 500000 }, { account: '8410', amount: 121900 }]));
    const s = suggest({ date: '2026-03-25', amount: -620100, text: 'SWEDBANK LÅN' }, k, client);
    expect(s.account).toBe('2350');
    expect(s.voucher?.rows).toEqual([
      { account: '1930', amount: -620100 },
      { account: '8410', amount: 120100 },
      { account: '2350', amount: 500000 },
    ]);
  });

  test('when the learned split does not fit the amount, everything goes to the main account with less confidence and a review', () => {
    const k = createKnowledge();
    for (const m of ['01', '02', '03']) learn(k, client, booking(`2026-${m}-25`, 'SWEDBANK LÅN', [{ account: '2350', amount: 500000 }, { account: '8410', amount: 120000 }]));
    const usual = suggest({ date: '2026-04-25', amount: -619000, text: 'SWEDBANK LÅN' }, k, client);
    // Less than the fixed part of the split: it cannot be applied.
    const odd = suggest({ date: '2026-04-25', amount: -100000, text: 'SWEDBANK LÅN' }, k, client);
    expect(odd.voucher?.rows).toEqual([
      { account: '1930', amount: -100000 },
      { account: '2350', amount: 100000 },
    ]);
    expect(odd.reason).toMatch(/does not fit this amount, so everything goes to 2350/);
    expect(odd.reviewReasons).toContain('The learned split does not fit this amount.');
    expect(odd.autoBook).toBe(false);
    expect(odd.confidence).toBeLessThan(usual.confidence * 0.7);
  });
});
