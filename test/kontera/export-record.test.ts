/**
 * SIE exports recorded on the client, so that the next month's export does not carry the vouchers
 * of the last one into the books again: on every store, with a real bank export.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { ImportedTransaction, Kontera } from '../../src/kontera.js';
import { readSie } from '../../src/sie/reader.js';
import { fixture, openStore, STORE_KINDS } from './helpers.js';
import type { OpenedStore } from './helpers.js';

/** The vouchers of an export as `series number date`. */
function vouchersOf(bytes: Uint8Array): string[] {
  return readSie(bytes).vouchers.map((v) => `${v.series} ${v.number} ${v.date}`);
}

/** A voucher booking `t` to 6570 without VAT. */
function bookingOf(t: ImportedTransaction) {
  return { transaction: t, voucher: { date: t.date, text: t.text, rows: [{ account: '1930', amount: t.amount }, { account: '6570', amount: -t.amount }] } };
}

for (const kind of STORE_KINDS) {
  describe(`exportSie newOnly and record, ${kind} store`, () => {
    let opened: OpenedStore;
    let k: Kontera;
    let lines: ImportedTransaction[];

    beforeEach(async () => {
      opened = await openStore(kind);
      k = await createKontera({ store: opened.store, now: () => new Date('2026-04-02T09:00:00.000Z') });
      await k.addBureau({ id: 'byra', name: 'Byrå' });
      await k.addClient({ bureauId: 'byra', id: 'n', name: 'Nordkust AB', bankAccounts: [{ account: '1930', number: '1111 22 33333' }] });
      lines = [...(await k.importStatement('n', fixture('statements/transfers/nordea-foretagskonto.csv'), { fileName: 'nordea-foretagskonto.csv' })).transactions].sort((a, b) => (a.date < b.date ? -1 : 1));
    });
    afterEach(async () => {
      await opened.dispose();
    });

    it('a recorded export is left out of the next newOnly export, and a voucher confirmed late for an earlier date is new', async () => {
      const [early, middle, late] = lines as [ImportedTransaction, ImportedTransaction, ImportedTransaction];
      await k.confirm('n', [bookingOf(late)]);
      expect(vouchersOf(await k.exportSie('n', { newOnly: true, record: true }))).toEqual(['A 1 2026-03-09']);
      expect((await k.getClient('n')).exported).toEqual({ through: { A: 1 }, at: '2026-04-02T09:00:00.000Z' });
      // Nothing new: nothing exported, and the record stays.
      expect(vouchersOf(await k.exportSie('n', { newOnly: true, record: true }))).toEqual([]);
      // Lines of earlier dates confirmed after the export: a date filter from the last export's
      // period would miss them; newOnly does not.
      await k.confirm('n', [bookingOf(early), bookingOf(middle)]);
      expect(vouchersOf(await k.exportSie('n', { from: '2026-03-06' }))).toEqual(['A 1 2026-03-09']);
      expect(vouchersOf(await k.exportSie('n', { newOnly: true }))).toEqual(['A 2 2026-03-02', 'A 3 2026-03-05']);
      // Without record nothing changed; without newOnly everything is there.
      expect((await k.getClient('n')).exported?.through).toEqual({ A: 1 });
      expect(vouchersOf(await k.exportSie('n'))).toHaveLength(3);
    });

    it('a filtered export records only up to the first voucher it left out, so none is lost', async () => {
      await k.confirm('n', lines.map(bookingOf));
      expect(vouchersOf(await k.exportSie('n', { to: '2026-03-02', record: true }))).toEqual(['A 1 2026-03-02']);
      expect((await k.getClient('n')).exported?.through).toEqual({ A: 1 });
      // A 3 exported, A 2 left out by the filter: the record stays at A 1.
      expect(vouchersOf(await k.exportSie('n', { from: '2026-03-09', record: true }))).toEqual(['A 3 2026-03-09']);
      expect((await k.getClient('n')).exported?.through).toEqual({ A: 1 });
      expect(vouchersOf(await k.exportSie('n', { newOnly: true, record: true }))).toEqual(['A 2 2026-03-05', 'A 3 2026-03-09']);
      expect((await k.getClient('n')).exported?.through).toEqual({ A: 3 });
    });
  });
}
