/**
 * The matcher on real books: the ledger is built from a file's vouchers up to a payment, and the
 * payment's bank line (its amount, date and the counterparty's name as a bank prints it) must be
 * matched to the invoice the books settled with it.
 */
import { describe, expect, it } from 'vitest';
import { updateLedger } from '../../src/openitems/ledger.js';
import { matchOpenItems, OPEN_ITEM_EVIDENCE } from '../../src/openitems/match.js';
import { sieLedgerVouchers } from '../../src/openitems/sie.js';
import type { OpenItemVoucher } from '../../src/openitems/types.js';
import { sie } from './helpers.js';

/** The ledger from every voucher dated before `date`. */
function ledgerBefore(vouchers: readonly OpenItemVoucher[], date: string) {
  return updateLedger([], vouchers.filter((v) => v.date < date)).items;
}

describe('matchOpenItems on real books', () => {
  const vouchers = sieLedgerVouchers(sie('sie/Test4.SE'));

  it('matches a supplier payment by amount and the name the bank prints, and proposes the settling voucher', () => {
    const pay = vouchers.find((v) => v.id === 'sie:2008-01-01 11 80011') as OpenItemVoucher;
    const row = pay.rows.find((r) => r.account === '2440');
    expect(row).toBeDefined();
    const amount = -(row?.amount ?? 0);
    const items = ledgerBefore(vouchers, pay.date);
    const [best] = matchOpenItems({ date: pay.date, amount, text: `BG 5555-1234 ${(row?.text ?? '').toUpperCase()}` }, items);
    expect(best).toBeDefined();
    const item = best?.parts[0]?.item;
    expect(best?.evidence).toBe('amount-words');
    expect(item?.open).toBe(-amount);
    expect(item?.name).toBe(row?.text);
    expect(best?.voucher.rows).toEqual([
      { account: '1930', amount },
      { account: '2440', amount: -amount },
    ]);
    expect(best?.reason).toBe(`Settles supplier invoice ${item?.series} ${item?.number} of ${item?.date}, ${row?.text}, 36 000,00 kr`);
    expect(best?.features.daysAfter).toBeGreaterThan(0);
  });

  it('matches a payment of three customer invoices by the sum of the customer’s open items', () => {
    const pay = vouchers.find((v) => v.id === 'sie:2008-01-01 11 80016') as OpenItemVoucher;
    const items = ledgerBefore(vouchers, pay.date);
    // The bank prints one payer; take the one with two invoices in the payment.
    const rows = pay.rows.filter((r) => r.account === '1510' && r.text === 'Rolf Petterssons Rör AB');
    const amount = rows.reduce((s, r) => s - r.amount, 0);
    const candidates = matchOpenItems({ date: pay.date, amount, text: 'ROLF PETTERSSONS ROR' }, items);
    const subset = candidates.find((c) => c.parts.length === rows.length);
    expect(subset).toBeDefined();
    expect(subset?.parts.reduce((s, p) => s + p.amount, 0)).toBe(amount);
    expect(subset?.reason).toMatch(/^Settles customer invoices .* and .*, Rolf Petterssons Rör AB, /);
  });

  it('only offers items of the line’s direction, open and dated on or before the line', () => {
    const items = updateLedger([], vouchers).items;
    for (const amount of [-36000_00, 150000_00, 49000]) {
      for (const c of matchOpenItems({ date: '2008-06-30', amount, text: 'X' }, items)) {
        expect(c.kind).toBe(amount < 0 ? 'supplier' : 'customer');
        for (const p of c.parts) {
          expect(p.item.open).toBeGreaterThan(0);
          expect(p.item.date <= '2008-06-30').toBe(true);
        }
        expect(c.voucher.rows.reduce((s, r) => s + r.amount, 0)).toBe(0);
        expect(OPEN_ITEM_EVIDENCE).toContain(c.evidence);
      }
    }
  });

  it('matches a customer payment by the invoice number the bank line carries (Visma Compact)', () => {
    const doc = sie('openitems/visma-compact-44_sie4.se');
    const all = sieLedgerVouchers(doc);
    const pay = all.find((v) => v.rows.some((r) => (r.text ?? '').startsWith('BE/FA30079')));
    expect(pay).toBeDefined();
    const items = ledgerBefore(all, pay?.date ?? '');
    const [best] = matchOpenItems({ date: pay?.date ?? '', amount: 57875_00, text: 'BG INBETALNING', reference: '30079' }, items);
    expect(best?.evidence).toBe('reference');
    expect(best?.parts[0]?.item.references).toContain('30079');
  });

  it('takes a part payment, which no amount corroborates, only from a line that names the counterparty in full', () => {
    // Åby Bygg AB's invoice of 100 000 kr (Test4.SE, 2008-02-29) is open on 2008-03-15.
    const items = ledgerBefore(vouchers, '2008-03-15');
    const aby = items.find((i) => i.name === 'Åby Bygg AB' && i.open > 0);
    expect(aby?.open).toBe(100_000_00);
    const part = (text: string) => matchOpenItems({ date: '2008-03-15', amount: 40_000_00, text }, items).filter((c) => c.parts.some((p) => p.item === aby));
    expect(part('Inbetalning ÅBY BYGG').map((c) => c.evidence)).toEqual(['part-words']);
    // Another builder shares one of the name's two words: not a payment from Åby Bygg.
    expect(part('Inbetalning NORRBY BYGG')).toEqual([]);
    // With the open amount, half the name is enough: the amount says the rest.
    expect(matchOpenItems({ date: '2008-03-15', amount: 100_000_00, text: 'Inbetalning ÅBY' }, items).find((c) => c.parts[0]?.item === aby)?.evidence).toBe('amount-words');
  });

  it('finds nothing for a line no open item fits', () => {
    const items = updateLedger([], vouchers).items;
    expect(matchOpenItems({ date: '2008-12-31', amount: -1, text: 'CAFE' }, items)).toEqual([]);
    expect(matchOpenItems({ date: '2008-12-31', amount: 0, text: 'CAFE' }, items)).toEqual([]);
  });
});
