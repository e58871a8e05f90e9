/**
 * `correctVoucher`: a confirmed voucher that no SIE export recorded yet is still kontera's draft of
 * the books, and a wrong one (TELE2 booked to 6212, Mobiltelefon, where the bureau wants 6211,
 * Fast telefoni) is replaced in place: same series, number and bank line, the corrected rows in the
 * voucher list and the export, the wrong booking's evidence taken back and the corrected one
 * learned as a correction, as `relearn` would learn it. An exported voucher is part of the books:
 * refused with CONFLICT, corrected there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Booking, Kontera } from '../../src/kontera.js';
import type { VoucherRecord } from '../../src/store/store.js';
import { fixture, konteraOn, openStore, STORE_KINDS } from './helpers.js';
import type { OpenedStore } from './helpers.js';

const HISTORY = 'demo/kaffebryggeriet/history-2025.se';
const STATEMENT = 'demo/kaffebryggeriet/Transaktioner_2026-02-01_07-42-10.csv';
const NOW = '2026-02-02T08:00:00.000Z';

/** Learns the history, imports the statement and confirms every line `suggest` auto-books. */
async function confirmedMonth(k: Kontera): Promise<{ vouchers: readonly VoucherRecord[]; bookings: Booking[] }> {
  await k.learnFromSie('kaffe', fixture(HISTORY));
  const { transactions } = await k.importStatement('kaffe', fixture(STATEMENT));
  const suggestions = await k.suggest('kaffe', transactions);
  const bookings = suggestions.flatMap((s, i) => (s.autoBook && s.voucher ? [{ transaction: transactions[i] as Booking['transaction'], voucher: s.voucher }] : []));
  const { vouchers } = await k.confirm('kaffe', bookings);
  return { vouchers, bookings };
}

function tele2(vouchers: readonly VoucherRecord[], bookings: readonly Booking[]): { voucher: VoucherRecord; booking: Booking } {
  const i = bookings.findIndex((b) => b.transaction.text === 'TELE2');
  const voucher = vouchers[i];
  const booking = bookings[i];
  if (voucher === undefined || booking === undefined) throw new Error('the statement has a TELE2 line that suggest auto-books');
  return { voucher, booking };
}

/** The rows of `rows` with 6212 moved to 6211. */
function to6211(rows: readonly { account: string; amount: number }[]): { account: string; amount: number }[] {
  return rows.map((r) => ({ account: r.account === '6212' ? '6211' : r.account, amount: r.amount }));
}

/** The #VER block of voucher `series number` in a SIE file. */
function verOf(sie: Uint8Array, series: string, number: number): string {
  const text = new TextDecoder('latin1').decode(sie);
  const start = text.indexOf(`#VER ${series} ${number} `);
  if (start < 0) throw new Error(`no #VER ${series} ${number}`);
  return text.slice(start, text.indexOf('\n}', start) + 2);
}

/** A later TELE2 bill, as a bank feed gives it. */
const NEXT_BILL = { date: '2026-03-02', amount: -40614, text: 'TELE2' };

for (const kind of STORE_KINDS) {
  describe(`correctVoucher (${kind})`, () => {
    const open = konteraOn(kind, NOW, { kaffe: 'Kaffebryggeriet i Kumla AB' });
    const opened: OpenedStore[] = [];
    afterEach(async () => {
      for (const o of opened.splice(0)) await o.dispose();
    });

    it('replaces a voucher not yet exported: the voucher list, the export and the next suggestion say 6211, and relearn changes nothing', async () => {
      const k = await open();
      const { vouchers, bookings } = await confirmedMonth(k);
      const { voucher: wrong, booking } = tele2(vouchers, bookings);
      expect(wrong.rows.map((r) => r.account)).toContain('6212');
      // Before: the export books 6212 and the next TELE2 bill is suggested on 6212.
      expect(verOf(await k.exportSie('kaffe'), wrong.series, wrong.number)).toMatch(/#TRANS 6212 \{\} 324\.91/);
      const [before] = await k.suggest('kaffe', [NEXT_BILL]);
      expect(before?.voucher?.rows.map((r) => r.account)).toContain('6212');

      const result = await k.correctVoucher('kaffe', { series: wrong.series, number: wrong.number }, { rows: to6211(wrong.rows) });
      const corrected = { ...wrong, rows: to6211(wrong.rows), learnedFrom: { ...wrong.learnedFrom, correction: true } };
      expect(result).toEqual({ voucher: corrected, before: wrong, learned: true });
      expect(result.voucher.bankAccount).toBe('1930');
      expect(result.voucher.transactionId).toBe(booking.transaction.id);

      // The voucher list: the same vouchers, this one corrected in its place.
      const data = await k.exportClientData('kaffe');
      expect(data.vouchers).toEqual(vouchers.map((v) => (v.number === wrong.number ? corrected : v)));
      // The export: its new rows.
      const ver = verOf(await k.exportSie('kaffe'), wrong.series, wrong.number);
      expect(ver).toMatch(/#TRANS 6211 \{\} 324\.91/);
      expect(ver).not.toContain('6212');
      // The next suggestion for the counterparty: the corrected account.
      const [after] = await k.suggest('kaffe', [NEXT_BILL]);
      expect(after?.voucher?.rows.map((r) => r.account)).toContain('6211');
      expect(after?.voucher?.rows.map((r) => r.account)).not.toContain('6212');
      // The line stays booked: confirm still refuses it.
      await expect(k.confirm('kaffe', [{ ...booking, voucher: { ...booking.voucher, rows: to6211(booking.voucher.rows) } }])).rejects.toMatchObject({ code: 'CONFLICT' });
      // Knowledge is what learning the stored history again gives: relearn changes nothing.
      await k.relearn('kaffe');
      expect((await k.exportClientData('kaffe')).profiles).toEqual(data.profiles);
    });

    it('corrects again (date and text too), and the first correction is taken back as exactly as the wrong booking', async () => {
      const k = await open();
      const { vouchers, bookings } = await confirmedMonth(k);
      const { voucher: wrong } = tele2(vouchers, bookings);
      await k.correctVoucher('kaffe', wrong, { rows: to6211(wrong.rows) });
      // VAT wrong as well: the whole bill on 6211, no input VAT.
      const noVat = [{ account: '1930', amount: -40614 }, { account: '6211', amount: 40614 }];
      const again = await k.correctVoucher('kaffe', wrong, { date: '2026-01-31', text: 'Tele2 januari', rows: noVat });
      expect(again.voucher).toMatchObject({ series: wrong.series, number: wrong.number, date: '2026-01-31', text: 'Tele2 januari', rows: noVat });
      expect(again.before.rows).toEqual(to6211(wrong.rows));
      const ver = verOf(await k.exportSie('kaffe'), wrong.series, wrong.number);
      expect(ver).toContain('20260131 "Tele2 januari"');
      expect(ver).not.toContain('2641');
      const [next] = await k.suggest('kaffe', [NEXT_BILL]);
      expect(next?.voucher?.rows).toEqual([{ account: '1930', amount: -40614 }, { account: '6211', amount: 40614 }]);
      const profiles = (await k.exportClientData('kaffe')).profiles;
      await k.relearn('kaffe');
      expect((await k.exportClientData('kaffe')).profiles).toEqual(profiles);
    });

    it('refuses an exported voucher with CONFLICT (correct it in the books), and nothing changes', async () => {
      const k = await open();
      const { vouchers, bookings } = await confirmedMonth(k);
      const { voucher: wrong } = tele2(vouchers, bookings);
      await k.exportSie('kaffe', { record: true });
      const before = await k.exportClientData('kaffe');
      const e = await k.correctVoucher('kaffe', wrong, { rows: to6211(wrong.rows) }).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toMatchObject({ code: 'CONFLICT' });
      expect(String((e as Error).message)).toMatch(/correction voucher/);
      expect(String((e as Error).message)).toMatch(/learnFromSie/);
      expect(await k.exportClientData('kaffe')).toEqual(before);
    });

    it('refuses invalid corrections (VALIDATION), an unknown voucher (NOT_FOUND) and a voucher on an open-item account, and nothing changes', async () => {
      const k = await open();
      const { vouchers, bookings } = await confirmedMonth(k);
      const { voucher: wrong } = tele2(vouchers, bookings);
      const before = await k.exportClientData('kaffe');
      const id = { series: wrong.series, number: wrong.number };
      const rows = to6211(wrong.rows);
      const refused: [() => Promise<unknown>, string, RegExp][] = [
        // Unbalanced.
        [() => k.correctVoucher('kaffe', id, { rows: rows.map((r) => (r.account === '6211' ? { ...r, amount: r.amount + 1 } : r)) }), 'VALIDATION', /sum to 1/],
        // The bank row must carry the line's amount on the line's bank account.
        [() => k.correctVoucher('kaffe', id, { rows: [{ account: '1930', amount: -100 }, { account: '6211', amount: 100 }] }), 'VALIDATION', /carry the transaction's -40614/],
        [() => k.correctVoucher('kaffe', id, { rows: rows.map((r) => (r.account === '1930' ? { ...r, account: '1940' } : r)) }), 'VALIDATION', /bank rows on 1930/],
        [() => k.correctVoucher('kaffe', id, { rows: rows.map((r) => ({ ...r, amount: r.amount / 2 })) }), 'VALIDATION', /whole öre/],
        [() => k.correctVoucher('kaffe', id, { date: '2026-2-1', rows }), 'VALIDATION', /ISO voucher date/],
        // Nothing changes.
        [() => k.correctVoucher('kaffe', id, { rows: wrong.rows }), 'VALIDATION', /got the same/],
        [() => k.correctVoucher('kaffe', id, { text: wrong.text, date: wrong.date, rows: [...wrong.rows].reverse() }), 'VALIDATION', /got the same/],
        [() => k.correctVoucher('kaffe', { series: 'A', number: 999 }, { rows }), 'NOT_FOUND', /A 999/],
        [() => k.correctVoucher('kaffe', { series: 'AA' as 'A', number: 1 }, { rows }), 'VALIDATION', /series/],
      ];
      // A customer payment settled open items of the ledger: not redone by a correction, refused.
      const payment = vouchers.find((v) => v.rows.some((r) => r.account === '1510'));
      if (payment === undefined) throw new Error('a BG payment on 1510');
      const bank = payment.rows.find((r) => r.account === '1930');
      refused.push([() => k.correctVoucher('kaffe', payment, { rows: [{ account: '1930', amount: bank?.amount ?? 0 }, { account: '3001', amount: -(bank?.amount ?? 0) }] }), 'VALIDATION', /open-item account, 1510/]);
      // Nor may a correction start settling items.
      refused.push([() => k.correctVoucher('kaffe', id, { rows: rows.map((r) => (r.account === '6211' ? { ...r, account: '2440' } : r)) }), 'VALIDATION', /open-item account, 2440/]);
      for (const [call, code, message] of refused) {
        const e = await call().then(
          () => undefined,
          (x: unknown) => x,
        );
        expect(e).toMatchObject({ code });
        expect(String((e as Error).message)).toMatch(message);
      }
      expect(await k.exportClientData('kaffe')).toEqual(before);
    });

    it("refuses a transfer to another of the client's bank accounts and a voucher that books no imported line (VALIDATION), and nothing changes", async () => {
      const k = await open();
      const { vouchers, bookings } = await confirmedMonth(k);
      const { voucher: wrong } = tele2(vouchers, bookings);
      await k.updateClient('kaffe', { bankAccounts: ['1930', { account: '1940', series: 'B' }] });
      // A voucher for a plain line (no imported id): it books no line kontera could check it against.
      const plain = await k.confirm('kaffe', [{ transaction: NEXT_BILL, voucher: { date: NEXT_BILL.date, text: 'Tele2', rows: to6211(wrong.rows) } }]);
      const loose = plain.vouchers[0] as VoucherRecord;
      const before = await k.exportClientData('kaffe');
      // 1 kr of it from the other bank account: that account's line would be booked too, which a correction does not redo.
      const bank = wrong.rows.find((r) => r.account === '1930')?.amount ?? 0;
      await expect(
        k.correctVoucher('kaffe', wrong, { rows: [...to6211(wrong.rows).map((r) => (r.account === '1930' ? { ...r, amount: bank } : r)), { account: '1940', amount: -100 }, { account: '6211', amount: 100 }] }),
      ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/another of the client's bank accounts, 1940/) });
      await expect(k.correctVoucher('kaffe', loose, { rows: wrong.rows })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/books an imported bank line/) });
      expect(await k.exportClientData('kaffe')).toEqual(before);
    });

    it('a correction made after later confirmations of the counterparty is learned last: confirmedAt is its time, the next suggestion and relearn agree', async () => {
      const o: OpenedStore = await openStore(kind);
      opened.push(o);
      let clock = NOW;
      const k = await createKontera({ store: o.store, now: () => new Date(clock) });
      await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
      await k.addClient({ bureauId: 'b1', id: 'kaffe', name: 'Kaffebryggeriet i Kumla AB', bankAccounts: ['1930'] });
      const { vouchers, bookings } = await confirmedMonth(k);
      const { voucher: wrong } = tele2(vouchers, bookings);
      // A month later the next bill is confirmed as suggested: 6212 again.
      clock = '2026-03-03T08:00:00.000Z';
      const [next] = await k.suggest('kaffe', [NEXT_BILL]);
      if (next?.voucher == null) throw new Error('a suggestion for the next bill');
      expect(next.voucher.rows.map((r) => r.account)).toContain('6212');
      await k.confirm('kaffe', [{ transaction: NEXT_BILL, voucher: next.voucher }]);
      // Then the January voucher is corrected.
      clock = '2026-03-04T09:30:00.000Z';
      const { voucher } = await k.correctVoucher('kaffe', wrong, { rows: to6211(wrong.rows) });
      expect(voucher.confirmedAt).toBe(clock);
      const [after] = await k.suggest('kaffe', [{ ...NEXT_BILL, date: '2026-04-02' }]);
      expect(after?.voucher?.rows.map((r) => r.account)).toContain('6211');
      const profiles = (await k.exportClientData('kaffe')).profiles;
      await k.relearn('kaffe');
      expect((await k.exportClientData('kaffe')).profiles).toEqual(profiles);
    });

    it('refuses while the client needs relearn (knowledge under other key rules), and corrects after it', async () => {
      const o: OpenedStore = await openStore(kind);
      opened.push(o);
      const k = await createKontera({ store: o.store, now: () => new Date(NOW) });
      await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
      await k.addClient({ bureauId: 'b1', id: 'kaffe', name: 'Kaffebryggeriet i Kumla AB', bankAccounts: ['1930'] });
      const { vouchers, bookings } = await confirmedMonth(k);
      const { voucher: wrong } = tele2(vouchers, bookings);
      const ref = { bureauId: 'b1', clientId: 'kaffe' };
      await o.store.updateClient({ ...(await o.store.getClient(ref)), keyRules: '0000000000000000' });
      const before = await k.exportClientData('kaffe');
      await expect(k.correctVoucher('kaffe', wrong, { rows: to6211(wrong.rows) })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/run relearn/) });
      expect(await k.exportClientData('kaffe')).toEqual(before);
      await k.relearn('kaffe');
      await expect(k.correctVoucher('kaffe', wrong, { rows: to6211(wrong.rows) })).resolves.toMatchObject({ learned: true });
    });

    it("refuses an account outside the client's chart", async () => {
      const k = await open();
      const { vouchers, bookings } = await confirmedMonth(k);
      const { voucher: wrong } = tele2(vouchers, bookings);
      const chart = [...new Set(vouchers.flatMap((v) => v.rows.map((r) => r.account)))];
      await k.updateClient('kaffe', { chart });
      const before = await k.exportClientData('kaffe');
      await expect(k.correctVoucher('kaffe', wrong, { rows: to6211(wrong.rows) })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/client's chart, got 6211/) });
      expect(await k.exportClientData('kaffe')).toEqual(before);
      await k.updateClient('kaffe', { chart: [...chart, '6211'] });
      await expect(k.correctVoucher('kaffe', wrong, { rows: to6211(wrong.rows) })).resolves.toMatchObject({ voucher: { rows: to6211(wrong.rows) } });
    });
  });
}
