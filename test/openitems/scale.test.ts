/**
 * Learning books with thousands of invoices of one amount and one customer stays near-linear: a
 * payment is matched against the earliest open invoices of its amount, not against every one.
 * A generous guard against a quadratic (4× the vouchers may take at most 10× the time), not a
 * timing benchmark.
 */
import { describe, expect, it } from 'vitest';
import { updateLedger } from '../../src/openitems/ledger.js';
import { sieLedgerVouchers } from '../../src/openitems/sie.js';
import type { OpenItemVoucher } from '../../src/openitems/types.js';
import { readSie } from '../../src/sie/reader.js';

/**
 * A SIE 4E file of `n` customer invoices of 5 000 kr to one customer over the first half of 2026,
 * then `n` payments of 5 000 kr that name only the customer, over the second half: every invoice
 * is open when the payments come.
 */
function sameAmountBooks(n: number): string {
  const day = (k: number): string => new Date(Date.UTC(2026, 0, 1) + Math.floor((k * 180) / n) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const lines = ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#GEN 20270105', '#FNAMN "Norrbackens Verkstad AB"', '#RAR 0 20260101 20261231', '#KONTO 1510 "Kundfordringar"', '#KONTO 1930 "Företagskonto"'];
  for (let i = 0; i < n; i++) lines.push(`#VER A ${i + 1} ${day(i / 2)} "Faktura Ekholms Bageri"`, '{', '#TRANS 1510 {} 5000.00', '#TRANS 3001 {} -4000.00', '#TRANS 2611 {} -1000.00', '}');
  for (let i = 0; i < n; i++) lines.push(`#VER B ${i + 1} ${day(n / 2 + i / 2)} "Inbetalning Ekholms Bageri"`, '{', '#TRANS 1930 {} 5000.00', '#TRANS 1510 {} -5000.00', '}');
  return lines.join('\r\n') + '\r\n';
}

/** Ms of learning `vouchers` into an empty ledger. */
function learnMs(vouchers: readonly OpenItemVoucher[]): number {
  const t = performance.now();
  updateLedger([], vouchers);
  return performance.now() - t;
}

describe('many invoices of one amount and one customer', () => {
  it('every payment settles the oldest open invoice (date, then voucher id)', () => {
    const { items, pending } = updateLedger([], sieLedgerVouchers(readSie(sameAmountBooks(1500))));
    // The ledger's items come in date, then id order: the k-th is paid by the k-th payment.
    expect(items.map((i) => `${i.open} ${i.settlements.map((s) => s.voucher).join(' ')}`)).toEqual(items.map((_, k) => `0 sie:2026-01-01 B ${k + 1}`));
    expect(pending.put).toEqual([]);
  });

  it('4× the vouchers take less than 10× the time', () => {
    const small = sieLedgerVouchers(readSie(sameAmountBooks(1000)));
    const large = sieLedgerVouchers(readSie(sameAmountBooks(4000)));
    // The fastest of five runs of each, taken in turns (other tests run beside this one), after a warm-up.
    learnMs(small);
    learnMs(large);
    let a = Infinity;
    let b = Infinity;
    for (let round = 0; round < 5; round++) {
      a = Math.min(a, learnMs(small));
      b = Math.min(b, learnMs(large));
    }
    expect(b, `1 000 invoices ${a.toFixed(0)} ms, 4 000 invoices ${b.toFixed(0)} ms`).toBeLessThan(10 * a);
  });
});
