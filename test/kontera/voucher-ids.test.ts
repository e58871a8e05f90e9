/**
 * Identity of the vouchers learned from SIE files: the same voucher read from a 4E export and from
 * a 4I file of the same books (a fiscal year from July, the 4I file without #RAR) is one voucher,
 * and vouchers with a series but no number (`#VER A ""`) are told apart by content, not by file
 * order, so an overlapping later export teaches each of them once. Every test runs on every store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Kontera } from '../../src/kontera.js';
import { fixture, openStore, STORE_KINDS } from './helpers.js';
import type { OpenedStore } from './helpers.js';

const E4 = fixture('sie/hand-written_broken-year_4E.se');
const I4 = fixture('sie/hand-written_broken-year_4I.si');
/** The 4I file after A 3 was edited in the books (a row moved from 6212 to 6211). */
const I4_EDITED = fixture('sie/hand-written_broken-year_4I-edited.si');

/** Template counts of a client's profiles: key → template id → count. */
async function counts(k: Kontera, clientId: string): Promise<Record<string, Record<string, number>>> {
  const data = await k.exportClientData(clientId);
  return Object.fromEntries(data.profiles.map((p) => [p.key, Object.fromEntries(p.templates.map((t) => [t.id, t.count]))]));
}

/** A 4I file of Visma Fakturering's shape: series B, no numbers; `vouchers` are [date, text, kronor]. */
function seriesOnly(vouchers: readonly (readonly [string, string, number])[]): string {
  const lines = ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#PROGRAM "Fakturaprogram" 1.0', '#GEN 20260301', '#FNAMN "Lindbergs Snickeri AB"', '#KONTO 1930 "Bank"', '#KONTO 3001 "Forsaljning"', '#KONTO 2611 "Moms"'];
  for (const [date, text, kr] of vouchers) {
    lines.push(`#VER B "" ${date} "${text}"`, '{', `#TRANS 1930 {} ${kr}.00`, `#TRANS 3001 {} -${kr * 0.8}.00`, `#TRANS 2611 {} -${kr * 0.2}.00`, '}');
  }
  return lines.join('\r\n') + '\r\n';
}

for (const kind of STORE_KINDS) {
  describe(`voucher identity on ${kind}`, () => {
    const opened: OpenedStore[] = [];
    afterEach(async () => {
      for (const o of opened.splice(0)) await o.dispose();
    });
    const kontera = async (): Promise<Kontera> => {
      const o = await openStore(kind);
      opened.push(o);
      const k = await createKontera({ store: o.store, now: () => new Date('2026-04-12T09:00:00Z') });
      await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
      for (const id of ['a', 'b', 'c']) await k.addClient({ bureauId: 'b1', id, name: `Snickeri ${id}`, bankAccounts: ['1930'] });
      return k;
    };

    it('a 4I file without #RAR after the 4E export of a year from July (and the other way round) learns nothing twice', async () => {
      const k = await kontera();
      const once = await k.learnFromSie('a', E4);
      expect(once.learned + once.skipped).toBe(4);
      for (const [client, first, second] of [['b', E4, I4], ['c', I4, E4]] as const) {
        await k.learnFromSie(client, first);
        const again = await k.learnFromSie(client, second);
        expect(again, client).toMatchObject({ learned: 0, unchanged: 4, replaced: 0 });
        expect(await counts(k, client)).toEqual(await counts(k, 'a'));
        const ids = (await k.exportClientData(client)).ledgerVouchers.map((v) => v.id).sort();
        expect(ids.length, client).toBe(4);
      }
    });

    it('a voucher edited between the 4E export and a 4I file without #RAR is one voucher: the rows of the later export replace the earlier ones, in either learning order', async () => {
      const k = await kontera();
      for (const id of ['d', 'e']) await k.addClient({ bureauId: 'b1', id, name: `Snickeri ${id}`, bankAccounts: ['1930'] });
      // What each file teaches alone. The 4I file is the later export (#GEN 2026-04-20 against
      // 2026-04-10): whichever is learned first, the state is that of the 4I file alone.
      await k.learnFromSie('a', I4_EDITED);
      await k.learnFromSie('d', E4);
      expect(await counts(k, 'a')).not.toEqual(await counts(k, 'd'));
      for (const [client, first, second] of [['b', E4, I4_EDITED], ['c', I4_EDITED, E4]] as const) {
        await k.learnFromSie(client, first);
        const again = await k.learnFromSie(client, second);
        // The later export replaces the edited voucher; the older one after it changes nothing and says so.
        if (second === I4_EDITED) expect(again, client).toMatchObject({ learned: 1, unchanged: 3, replaced: 1 });
        else {
          expect(again, client).toMatchObject({ learned: 0, unchanged: 4, replaced: 0 });
          expect(again.warnings.map((w) => w.code), client).toContain('BANK_VOUCHERS_FROM_NEWER_EXPORT');
        }
        expect(await counts(k, client), client).toEqual(await counts(k, 'a'));
        const vouchers = (await k.exportClientData(client)).ledgerVouchers;
        expect(vouchers.length, client).toBe(4);
        expect(vouchers.filter((v) => v.series === 'A' && v.number === '3').map((v) => v.rows.map((r) => r.account)), client).toEqual([['6211', '2641', '1930']]);
      }
      // And learning the later file again changes nothing.
      expect(await k.learnFromSie('b', I4_EDITED)).toMatchObject({ learned: 0, unchanged: 4, replaced: 0 });
    });

    it('series-only vouchers: an overlapping later export teaches each voucher once', async () => {
      const k = await kontera();
      const x: [string, string, number] = ['20260105', 'Faktura Berg', 1000];
      const y: [string, string, number] = ['20260112', 'Faktura Ek', 2000];
      const z: [string, string, number] = ['20260120', 'Faktura Lind', 3000];
      const q: [string, string, number] = ['20260203', 'Faktura Alm', 4000];
      await k.learnFromSie('a', seriesOnly([x, y, z, q]));
      await k.learnFromSie('b', seriesOnly([x, y, z]));
      // The later export starts later: it no longer holds x.
      const later = await k.learnFromSie('b', seriesOnly([y, z, q]));
      expect(later).toMatchObject({ learned: 1, unchanged: 2, replaced: 0 });
      expect(await counts(k, 'b')).toEqual(await counts(k, 'a'));
      // The same file twice, and two equal invoices on one day: each is its own voucher, once.
      await k.learnFromSie('c', seriesOnly([x, x, y]));
      expect(await k.learnFromSie('c', seriesOnly([x, x, y]))).toMatchObject({ learned: 0, unchanged: 3 });
    });
  });
}

describe('series-only voucher ids', () => {
  it('are by content, and a voucher stored under its old file-order id keeps that id', async () => {
    const { readSie } = await import('../../src/sie/reader.js');
    const { ledgerEntries, sameVoucherIds } = await import('../../src/facade/ledger.js');
    const doc = readSie(seriesOnly([['20260105', 'Faktura Berg', 1000], ['20260105', 'Faktura Berg', 1000]]));
    const entries = ledgerEntries(doc, ['1930']);
    const [a, b] = entries.map((e) => e.voucher.id);
    expect(a).toMatch(/^2026-01-05 B ~[0-9a-f]{16}$/);
    expect(b).toBe(`${a} (2)`);
    // Stored before: ids by year, series and place in the file.
    const old = entries.map((e, i) => ({ ...e.voucher, id: `2026-01-01 B ${i === 0 ? '' : ' (2)'}`, learned: true }));
    const same = sameVoucherIds(entries, new Map(old.map((v) => [v.id, v])));
    expect(entries.map((e) => same.get(e))).toEqual(old.map((v) => v.id));
  });
});

describe('edited numbered vouchers across files with and without #RAR', () => {
  /** A one-voucher file of the broken-year books: `A <number>` on `date`, 499 kr to Telia on `cost`; `rar` adds #RAR 0. */
  function file(number: string, date: string, cost: string, rar?: readonly [string, string]): string {
    const lines = ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#PROGRAM "Exempelbok" 2.1', '#GEN 20260410', '#FNAMN "Lindbergs Snickeri AB"'];
    if (rar !== undefined) lines.push(`#RAR 0 ${rar[0]} ${rar[1]}`);
    lines.push(`#VER A ${number} ${date} "Telia mobil"`, '{', `#TRANS ${cost} {} 399.20`, '#TRANS 2641 {} 99.80', '#TRANS 1930 {} -499.00', '}');
    return lines.join('\r\n') + '\r\n';
  }

  async function ids(stored: string, now: string): Promise<(string | undefined)[]> {
    const { readSie } = await import('../../src/sie/reader.js');
    const { ledgerEntries, sameVoucherIds } = await import('../../src/facade/ledger.js');
    const old = ledgerEntries(readSie(stored), ['1930']).map((e) => ({ ...e.voucher, learned: true }));
    const entries = ledgerEntries(readSie(now), ['1930']);
    const same = sameVoucherIds(entries, new Map(old.map((v) => [v.id, v])));
    return entries.map((e) => same.get(e));
  }

  const YEAR = ['20250701', '20260630'] as const;

  it('the edited voucher keeps its stored id whichever file says the fiscal year', async () => {
    expect(await ids(file('3', '20260203', '6212', YEAR), file('3', '20260203', '6211'))).toEqual(['2025-07-01 A 3']);
    expect(await ids(file('3', '20260203', '6212'), file('3', '20260203', '6211', YEAR))).toEqual(['2026-01-01 A 3']);
    // Its date edited too, within the fiscal year (and across New Year).
    expect(await ids(file('3', '20251230', '6212', YEAR), file('3', '20260102', '6211'))).toEqual(['2025-07-01 A 3']);
  });

  it('the same series and number in another fiscal year is another voucher', async () => {
    // A 3 of the year from July 2026, in a 4I file without #RAR, after the 4E export of the year before.
    expect(await ids(file('3', '20250715', '6212', YEAR), file('3', '20260720', '6211'))).toEqual([undefined]);
    // A 3 of the year before, from a file that says its year, after a 4I file of the year after.
    expect(await ids(file('3', '20260720', '6212'), file('3', '20250715', '6211', YEAR))).toEqual([undefined]);
    // Another number, or a voucher without one, is never taken for it.
    expect(await ids(file('3', '20260203', '6212', YEAR), file('4', '20260203', '6211'))).toEqual([undefined]);
    expect(await ids(file('3', '20260203', '6212', YEAR), file('""', '20260203', '6211'))).toEqual([undefined]);
  });
});
