/**
 * A numbered voucher edited in the books keeps its id (fiscal year start, series, number), so the
 * open-item ledger must notice the edit by content, on every store: an invoice whose amount changed
 * in a later export is worth the new amount and stays settled by its payment; a payment whose
 * amount changed settles the new amount; a voucher that no longer books an invoice removes its
 * item; the same file learned twice changes nothing; and an older export learned after a newer one
 * (by `#GEN`) does not bring back what the newer one corrected.
 */
import { describe, expect, it } from 'vitest';
import type { Kontera } from '../../src/kontera.js';
import type { OpenItem } from '../../src/openitems/types.js';
import { konteraOn, STORE_KINDS } from './helpers.js';

type Row = readonly [account: string, kronor: number];
type Ver = readonly [series: string, number: number, date: string, text: string, rows: readonly Row[]];

/** A 4E export of 2026 generated on `gen` (YYYYMMDD): #RAR, an opening balance of 0 on 1510, the vouchers. */
function export4E(gen: string, vouchers: readonly Ver[]): string {
  const lines = ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#PROGRAM "Bokföringsprogram" 1.0', `#GEN ${gen}`, '#FNAMN "Norrbackens Verkstad AB"', '#RAR 0 20260101 20261231', '#KONTO 1510 "Kundfordringar"', '#IB 0 1510 0.00'];
  for (const [series, number, date, text, rows] of vouchers) {
    lines.push(`#VER ${series} ${number} ${date} "${text}"`, '{', ...rows.map(([a, kr]) => `#TRANS ${a} {} ${kr.toFixed(2)}`), '}');
  }
  return lines.join('\r\n') + '\r\n';
}

const invoice = (kr: number, date = '20260110', account = '1510'): Ver => ['A', 3, date, 'Faktura 301 Ekholms Bageri', [[account, kr], ['3001', -kr * 0.8], ['2611', -kr * 0.2]]];
const payment = (kr: number): Ver => ['A', 4, '20260205', 'Inbetalning faktura 301 Ekholms Bageri', [['1930', kr], ['1510', -kr]]];
/** A 3 re-booked as a cash sale: no row on the receivable account, so no longer an invoice. */
const cashSale: Ver = ['A', 3, '20260110', 'Kontantförsäljning Ekholms Bageri', [['1930', 5000], ['3001', -4000], ['2611', -1000]]];

const FIRST = export4E('20260301', [invoice(5000), payment(2000)]);
const INVOICE_EDITED = export4E('20260401', [invoice(6000), payment(2000)]);
const PAYMENT_EDITED = export4E('20260401', [invoice(5000), payment(2500)]);
const NO_LONGER_INVOICE = export4E('20260401', [cashSale, payment(2000)]);

/** The ledger as a bookkeeper reads it: invoice, its worth, what is open, and what settled it. */
function summary(items: readonly OpenItem[]): string[] {
  return items.map((i) => `${i.series} ${i.number} ${i.date} ${i.account} ${i.amount} open ${i.open}: ${i.settlements.map((s) => `${s.origin} ${s.date} ${s.amount}`).join(', ')}`).sort();
}

for (const kind of STORE_KINDS) {
  describe(`an edited numbered voucher in a later export on ${kind}`, () => {
    const kontera = konteraOn(kind, '2026-04-12T09:00:00Z', { a: 'Verkstad a' });

    it('the first export: invoice A 3 of 5 000 kr, 2 000 kr of it paid by A 4', async () => {
      const k = await kontera();
      await k.learnFromSie('a', FIRST);
      expect(summary(await k.openItems('a'))).toEqual(['A 3 2026-01-10 1510 500000 open 300000: sie 2026-02-05 200000']);
    });

    it('invoice A 3 edited to 6 000 kr: the item, under its id, is worth 6 000 kr and 4 000 kr of it is open; learning the edit again changes nothing', async () => {
      const k = await kontera();
      await k.learnFromSie('a', FIRST);
      const [before] = await k.openItems('a');
      const r = await k.learnFromSie('a', INVOICE_EDITED);
      expect(r.openItems).toEqual({ changed: 1, open: 1 });
      const items = await k.openItems('a');
      expect(summary(items)).toEqual(['A 3 2026-01-10 1510 600000 open 400000: sie 2026-02-05 200000']);
      expect(items.map((i) => i.id)).toEqual([before?.id]);
      expect((await k.learnFromSie('a', INVOICE_EDITED)).openItems.changed).toBe(0);
      expect(await k.openItems('a')).toEqual(items);
    });

    it('invoice A 3 edited in date and account: the item moves with it and keeps its id and its payment', async () => {
      const k = await kontera();
      await k.learnFromSie('a', FIRST);
      const [before] = await k.openItems('a');
      await k.learnFromSie('a', export4E('20260401', [invoice(5000, '20260112', '1511'), payment(2000)]));
      const items = await k.openItems('a');
      // A 4 still credits 1510, so the payment no longer lies on the invoice's account: it is re-derived and settles nothing.
      expect(summary(items)).toEqual(['A 3 2026-01-12 1511 500000 open 500000: ']);
      expect(items.map((i) => i.id)).toEqual([before?.id]);
    });

    it('invoice A 3 edited to 1 500 kr, less than A 4 paid: A 4 settles all of it and 500 kr of A 4 is left over', async () => {
      const k = await kontera();
      await k.learnFromSie('a', FIRST);
      expect((await k.learnFromSie('a', export4E('20260401', [invoice(1500), payment(2000)]))).openItems).toEqual({ changed: 1, open: 0 });
      expect(summary(await k.openItems('a'))).toEqual(['A 3 2026-01-10 1510 150000 open 0: sie 2026-02-05 150000']);
    });

    it('payment A 4 edited to 2 500 kr: it settles 2 500 kr of A 3', async () => {
      const k = await kontera();
      await k.learnFromSie('a', FIRST);
      expect((await k.learnFromSie('a', PAYMENT_EDITED)).openItems).toEqual({ changed: 1, open: 1 });
      expect(summary(await k.openItems('a'))).toEqual(['A 3 2026-01-10 1510 500000 open 250000: sie 2026-02-05 250000']);
    });

    it('A 3 edited so it no longer books an invoice (a cash sale): A 3 itself closes its item, A 4 settles nothing', async () => {
      const k = await kontera();
      await k.learnFromSie('a', FIRST);
      const [before] = await k.openItems('a');
      expect((await k.learnFromSie('a', NO_LONGER_INVOICE)).openItems).toEqual({ changed: 1, open: 0 });
      const items = await k.openItems('a');
      expect(summary(items)).toEqual(['A 3 2026-01-10 1510 500000 open 0: sie 2026-01-10 500000']);
      expect(items[0]?.id).toBe(before?.id);
      expect(`${items[0]?.settlements[0]?.voucher}:1510:0`).toBe(before?.id);
      expect(await k.openItems('a', { open: true })).toEqual([]);
      expect((await k.learnFromSie('a', NO_LONGER_INVOICE)).openItems.changed).toBe(0);
      expect(await k.openItems('a')).toEqual(items);
      // Booked as an invoice again in a still later export: open again, and A 4 pays it again.
      await k.learnFromSie('a', export4E('20260501', [invoice(5000), payment(2000)]));
      expect(summary(await k.openItems('a'))).toEqual(['A 3 2026-01-10 1510 500000 open 300000: sie 2026-02-05 200000']);
    });

    it('the same export learned twice changes nothing', async () => {
      const k = await kontera();
      await k.learnFromSie('a', FIRST);
      const items = await k.openItems('a');
      expect((await k.learnFromSie('a', FIRST)).openItems.changed).toBe(0);
      expect(await k.openItems('a')).toEqual(items);
    });

    it("an older export (#GEN) does not put an edited bank voucher's older version back, in either learning order", async () => {
      const bankRows = async (k: Kontera): Promise<string[]> => (await k.exportClientData('a')).ledgerVouchers.map((v) => `${v.series} ${v.number} ${v.rows.map((x) => `${x.account} ${x.amount}`).join(' ')}`).sort();
      const k = await kontera();
      await k.learnFromSie('a', FIRST);
      await k.learnFromSie('a', PAYMENT_EDITED);
      const edited = await bankRows(k);
      expect(edited).toEqual(['A 4 1930 250000 1510 -250000']);
      const r = await k.learnFromSie('a', FIRST);
      expect(r).toMatchObject({ learned: 0, replaced: 0, unchanged: 1 });
      expect(r.warnings.find((w) => w.code === 'BANK_VOUCHERS_FROM_NEWER_EXPORT')?.message).toMatch(/\(exported 2026-03-01\).*A 4 2026-02-05/);
      expect(await bankRows(k)).toEqual(edited);
      // The newer export learned first: the older one after it changes nothing either.
      const other = await kontera();
      await other.learnFromSie('a', PAYMENT_EDITED);
      expect(await other.learnFromSie('a', FIRST)).toMatchObject({ learned: 0, replaced: 0, unchanged: 1 });
      expect(await bankRows(other)).toEqual(edited);
      // A newer export still replaces: the edit, then the later export again, is a replacement once.
      const third = await kontera();
      await third.learnFromSie('a', FIRST);
      expect(await third.learnFromSie('a', PAYMENT_EDITED)).toMatchObject({ replaced: 1 });
    });

    it('an older export (#GEN) learned after a newer one does not undo its edits, and its balances settle nothing', async () => {
      for (const edited of [INVOICE_EDITED, PAYMENT_EDITED, NO_LONGER_INVOICE]) {
        const k = await kontera();
        await k.learnFromSie('a', FIRST);
        await k.learnFromSie('a', edited);
        const items = await k.openItems('a');
        const r = await k.learnFromSie('a', FIRST);
        expect(r.openItems.changed).toBe(0);
        expect(await k.openItems('a')).toEqual(items);
        // A 4 is a bank voucher too: its edited version keeps its place in the client's ledger.
        expect(r.warnings.map((w) => w.code)).toEqual(edited === PAYMENT_EDITED ? ['OPEN_ITEMS_FROM_NEWER_EXPORT', 'BANK_VOUCHERS_FROM_NEWER_EXPORT'] : ['OPEN_ITEMS_FROM_NEWER_EXPORT']);
        expect(r.warnings[0]?.message).toContain('(exported 2026-03-01)');
        expect(r.warnings[0]?.message).toContain(edited === PAYMENT_EDITED ? '2026-01-01 A 4' : '2026-01-01 A 3');
        // The later export again: nothing to warn about.
        expect((await k.learnFromSie('a', edited)).warnings).toEqual([]);
        // Learned in the other order the newer export wins too (a voucher that books no item is not
        // remembered, so only for the edits that keep an invoice).
        if (edited === NO_LONGER_INVOICE) continue;
        const other = await kontera();
        await other.learnFromSie('a', edited);
        await other.learnFromSie('a', FIRST);
        expect(summary(await other.openItems('a'))).toEqual(summary(items));
      }
    });
  });
}
