/**
 * Open items of several fiscal years, on every store: voucher numbering restarts every fiscal year,
 * so invoice B 1 of 2024 and invoice B 1 of 2025 are two invoices, each settled by its own year's
 * payment B 2; learning a year again adds nothing; the 4E export and a 4I file without #RAR of a
 * year from July are still one set of vouchers; vouchers without a number are told apart by content
 * (each invoice of a series-only file is an item); and a ledger stored before (`sie:B:1`, `sie:B:`,
 * `sie:#1`) keeps working and is completed by learning what it missed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Kontera } from '../../src/kontera.js';
import { ACCOUNT_NUMBER_PATTERN } from '../../src/knowledge/cold-start.js';
import { openItemKind } from '../../src/openitems/accounts.js';
import { reconcileWithBalances, updateLedger } from '../../src/openitems/ledger.js';
import { sieItemBalances, sieLedgerVouchers } from '../../src/openitems/sie.js';
import type { OpenItem, OpenItemSettlement } from '../../src/openitems/types.js';
import { readSie } from '../../src/sie/reader.js';
import type { Store } from '../../src/store/store.js';
import { fixture, openStore, STORE_KINDS } from './helpers.js';
import type { OpenedStore } from './helpers.js';

const Y2024 = fixture('sie/hand-written_two-years_2024_4E.se');
const Y2025 = fixture('sie/hand-written_two-years_2025_4E.se');
const E4 = fixture('sie/hand-written_broken-year_4E.se');
const I4 = fixture('sie/hand-written_broken-year_4I.si');

/** The ledger as a bookkeeper reads it: invoice, what is open, and the dates and amounts that settled it (ids left out). */
function summary(items: readonly OpenItem[]): string[] {
  return items
    .map((i) => `${i.series} ${i.number} ${i.date} ${i.amount} open ${i.open}: ${i.settlements.map((s) => `${s.origin} ${s.date} ${s.amount}`).join(', ')}`)
    .sort();
}

/** Both years learned, as the books are. */
const BOTH_YEARS = [
  'B 1 2024-03-04 1250000 open 0: sie 2024-04-02 1250000',
  'B 1 2025-02-10 875000 open 0: sie 2025-03-12 875000',
  'B 3 2024-12-10 500000 open 0: sie 2025-01-20 500000',
  'B 3 2025-11-05 625000 open 625000: ',
];

/**
 * A 4I file of vouchers without a number, `series` B (Visma Fakturering writes `#VER B ""`) or none:
 * customer invoices and payments, [date, text, kronor, 'invoice' | 'payment'].
 */
function unnumbered(series: string, vouchers: readonly (readonly [string, string, number, 'invoice' | 'payment'])[]): string {
  const lines = ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#PROGRAM "Fakturaprogram" 1.0', '#FNAMN "Norrbackens Verkstad AB"'];
  for (const [date, text, kr, what] of vouchers) {
    lines.push(`#VER ${series} "" ${date} "${text}"`, '{');
    if (what === 'invoice') lines.push(`#TRANS 1510 {} ${kr}.00`, `#TRANS 3001 {} -${kr * 0.8}.00`, `#TRANS 2611 {} -${kr * 0.2}.00`);
    else lines.push(`#TRANS 1930 {} ${kr}.00`, `#TRANS 1510 {} -${kr}.00`);
    lines.push('}');
  }
  return lines.join('\r\n') + '\r\n';
}

const X = ['20260105', 'Faktura 211 Ekholms Bageri', 1000, 'invoice'] as const;
const Y = ['20260112', 'Faktura 212 Fagerlunds Fisk', 2000, 'invoice'] as const;
const PAY_X = ['20260201', 'Inbetalning faktura 211 Ekholms Bageri', 1000, 'payment'] as const;
const PAY_Y = ['20260215', 'Inbetalning faktura 212 Fagerlunds Fisk', 2000, 'payment'] as const;

/**
 * What kontera before fiscal-year ids stored for a SIE file: the same ledger update with voucher ids
 * `sie:<series>:<number>`, and `sie:#<place in the file>` for a voucher without series and number.
 */
async function learnWithOldIds(store: Store, bytes: Uint8Array | string, clientId = 'old'): Promise<void> {
  const doc = readSie(bytes, { strict: false });
  // sieLedgerVouchers keeps the file's order: the places of the vouchers it keeps, for `sie:#<place>`.
  const places = doc.vouchers.flatMap((v, index) => {
    const rows = v.transactions.filter((t) => ACCOUNT_NUMBER_PATTERN.test(t.account));
    return rows.some((t) => openItemKind(t.account) !== null) && rows.reduce((sum, t) => sum + t.amount, 0) === 0 ? [index] : [];
  });
  const vouchers = sieLedgerVouchers(doc).map((v, i) => {
    const id = v.series === '' && (v.number === '' || v.number === '0') ? `sie:#${(places[i] as number) + 1}` : `sie:${v.series}:${v.number}`;
    return { ...v, id };
  });
  const ref = { bureauId: 'b1', clientId };
  await store.transaction(async (tx) => {
    const stored = await tx.listOpenItems(ref);
    // It took a voucher whose id it knew for one it had learned (the next year's B 1 for this year's),
    // and it stored no versions (export dates, fingerprints).
    const known = new Set(stored.flatMap((i) => [i.id.slice(0, i.id.lastIndexOf(':', i.id.lastIndexOf(':') - 1)), ...i.settlements.map((s) => s.voucher)]));
    const update = updateLedger(
      stored,
      vouchers.filter((v) => !known.has(v.id)).map(({ exported: _, ...v }) => v),
    );
    const changed = new Map(update.changed.map((i) => [i.id, i]));
    const balances = sieItemBalances(doc);
    if (balances !== undefined) {
      const upTo = update.items.filter((i) => i.date <= balances.date).map((i) => changed.get(i.id) ?? i);
      for (const i of reconcileWithBalances(upTo, balances.balances, balances.date, `balance:${balances.date}`)) changed.set(i.id, i);
    }
    await tx.putOpenItems(ref, [...changed.values()].map((i) => ({ ...i, settlements: i.settlements.map(({ source: _, ...st }) => st) })));
  });
}

/** The items without their version stamps (`exported`, `source`): they say which file each version came from, which depends on the order of learning. */
function unstamped(items: readonly OpenItem[]): (Omit<OpenItem, 'exported' | 'settlements'> & { settlements: Omit<OpenItemSettlement, 'source' | 'exported'>[] })[] {
  return items.map(({ exported: _, ...i }) => ({ ...i, settlements: i.settlements.map(({ source: _s, exported: _e, ...st }) => st) }));
}

for (const kind of STORE_KINDS) {
  describe(`open items of several fiscal years on ${kind}`, () => {
    const opened: OpenedStore[] = [];
    afterEach(async () => {
      for (const o of opened.splice(0)) await o.dispose();
    });
    const kontera = async (): Promise<{ k: Kontera; store: Store }> => {
      const o = await openStore(kind);
      opened.push(o);
      const k = await createKontera({ store: o.store, now: () => new Date('2026-04-12T09:00:00Z') });
      await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
      for (const id of ['a', 'b', 'old']) await k.addClient({ bureauId: 'b1', id, name: `Verkstad ${id}`, bankAccounts: ['1930'] });
      return { k, store: o.store };
    };

    it('two years, each with invoice B 1 and its payment B 2: both invoices, each settled by its own year\'s payment; a year learned again changes nothing', async () => {
      const { k } = await kontera();
      expect((await k.learnFromSie('a', Y2024)).openItems).toEqual({ changed: 2, open: 1 });
      // 2025: A 1 pays B 3 of 2024; B 1 and B 3 of 2025 are new invoices, B 2 of 2025 pays B 1 of 2025.
      expect((await k.learnFromSie('a', Y2025)).openItems).toEqual({ changed: 3, open: 1 });
      const items = await k.openItems('a');
      expect(summary(items)).toEqual(BOTH_YEARS);
      const b1 = items.filter((i) => i.series === 'B' && i.number === '1');
      expect(new Set(b1.map((i) => i.id)).size).toBe(2);
      expect(new Set(b1.map((i) => i.settlements[0]?.voucher)).size).toBe(2);
      for (const bytes of [Y2025, Y2024, Y2025]) expect((await k.learnFromSie('a', bytes)).openItems.changed).toBe(0);
      expect(await k.openItems('a')).toEqual(items);
    });

    it('the later year learned first: the same ledger as in date order, each B 1 settled by its own B 2, B 3 of 2024 by A 1 of 2025', async () => {
      const { k } = await kontera();
      await k.learnFromSie('b', Y2025);
      // A 1 of 2025 pays B 3 of 2024, which the ledger does not have yet.
      expect(summary(await k.openItems('b'))).toEqual([BOTH_YEARS[1], BOTH_YEARS[3]]);
      // The year with the invoice: the payment kept among the bank vouchers settles it.
      expect((await k.learnFromSie('b', Y2024)).openItems).toEqual({ changed: 2, open: 1 });
      expect(summary(await k.openItems('b'))).toEqual(BOTH_YEARS);
      const items = await k.openItems('b');
      await k.learnFromSie('a', Y2024);
      await k.learnFromSie('a', Y2025);
      // The same ledger; A 1 settled B 3 as the stored bank voucher (no export date) in one, as read from the 2025 file in the other.
      expect(unstamped(items)).toEqual(unstamped(await k.openItems('a')));
      for (const bytes of [Y2024, Y2025, Y2024]) expect((await k.learnFromSie('b', bytes)).openItems.changed).toBe(0);
      expect(unstamped(await k.openItems('b'))).toEqual(unstamped(items));
      expect(await k.openItems('b')).toEqual(await k.openItems('a'));
    });

    it('a year from July: the 4E export and a 4I file without #RAR (either first) hold invoice B 1 and its payment A 4 once', async () => {
      const { k } = await kontera();
      for (const [client, first, second] of [['a', E4, I4], ['b', I4, E4]] as const) {
        await k.learnFromSie(client, first);
        expect((await k.learnFromSie(client, second)).openItems.changed, client).toBe(0);
        expect(summary(await k.openItems(client)), client).toEqual(['B 1 2025-08-05 2500000 open 0: sie 2026-03-15 2500000']);
      }
    });

    it('a ledger stored with ids without the fiscal year keeps its items, and learning the year it missed adds that year', async () => {
      const { k, store } = await kontera();
      // Before: the second year's B 1 and B 3 were taken for the first year's, and its B 2 for a payment already applied.
      await learnWithOldIds(store, Y2024);
      await learnWithOldIds(store, Y2025);
      const old = await k.openItems('old');
      expect(old.map((i) => i.id).sort()).toEqual(['sie:B:1:1510:0', 'sie:B:3:1510:0']);
      expect(summary(old)).toEqual([BOTH_YEARS[0], BOTH_YEARS[2]]);
      // The year it has, learned again: nothing added twice, the stored items untouched (only stamped with the version they hold).
      expect((await k.learnFromSie('old', Y2024)).openItems.changed).toBe(0);
      expect(unstamped(await k.openItems('old'))).toEqual(unstamped(old));
      // The year it missed: its invoices and payment are added, A 1 (stored as sie:A:1) is not applied again.
      expect((await k.learnFromSie('old', Y2025)).openItems).toEqual({ changed: 2, open: 1 });
      const now = await k.openItems('old');
      expect(summary(now)).toEqual(BOTH_YEARS);
      for (const i of unstamped(old)) expect(unstamped(now).find((x) => x.id === i.id)).toEqual(i);
      for (const bytes of [Y2024, Y2025]) expect((await k.learnFromSie('old', bytes)).openItems.changed).toBe(0);
      expect(await k.openItems('old')).toEqual(now);
    });

    it('a ledger stored with ids without the fiscal year beside bank vouchers with them: a payment it applied is not applied again', async () => {
      const { k, store } = await kontera();
      // Two invoices of 1 000 kr to one customer; the payment of the first names no invoice.
      const lines = ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#PROGRAM "Exempelbok" 2.1', '#FNAMN "Norrbackens Verkstad AB"', '#RAR 0 20240101 20241231'];
      for (const [n, date, text, rows] of [
        ['1', '20240301', 'Faktura Ekholms Bageri', ['1510 {} 1000.00', '3001 {} -800.00', '2611 {} -200.00']],
        ['2', '20240315', 'Faktura Ekholms Bageri', ['1510 {} 1000.00', '3001 {} -800.00', '2611 {} -200.00']],
        ['3', '20240401', 'Inbetalning Ekholms Bageri', ['1930 {} 1000.00', '1510 {} -1000.00']],
      ] as const) lines.push(`#VER A ${n} ${date} "${text}"`, '{', ...rows.map((r) => `#TRANS ${r}`), '}');
      const bytes = lines.join('\r\n') + '\r\n';
      // The bank vouchers learned with fiscal-year ids, the open items still with the ids from before.
      await k.learnFromSie('old', bytes);
      const ref = { bureauId: 'b1', clientId: 'old' };
      await store.transaction(async (tx) => {
        await tx.deleteOpenItems(ref, (await tx.listOpenItems(ref)).map((i) => i.id));
      });
      await learnWithOldIds(store, bytes);
      const old = await k.openItems('old');
      expect(summary(old)).toEqual(['A 1 2024-03-01 100000 open 0: sie 2024-04-01 100000', 'A 2 2024-03-15 100000 open 100000: ']);
      // Another file: the stored bank voucher A 3 settled A 1 under sie:A:3 and settles nothing else.
      expect((await k.learnFromSie('old', unnumbered('B', [X]))).openItems.changed).toBe(1);
      expect(unstamped((await k.openItems('old')).filter((i) => i.series === 'A'))).toEqual(unstamped(old));
    });

    it('a ledger stored with ids without the fiscal year from one year: the next year is learned as its own', async () => {
      const { k, store } = await kontera();
      await learnWithOldIds(store, Y2024);
      expect((await k.learnFromSie('old', Y2025)).openItems).toEqual({ changed: 3, open: 1 });
      expect(summary(await k.openItems('old'))).toEqual(BOTH_YEARS);
      expect((await k.learnFromSie('old', Y2024)).openItems.changed).toBe(0);
    });

    it('a broken-year ledger stored with ids without the fiscal year: the 4I file without #RAR adds nothing', async () => {
      const { k, store } = await kontera();
      await learnWithOldIds(store, E4);
      const old = await k.openItems('old');
      expect(old.map((i) => i.id)).toEqual(['sie:B:1:1510:0']);
      for (const bytes of [I4, E4]) expect((await k.learnFromSie('old', bytes)).openItems.changed).toBe(0);
      expect(unstamped(await k.openItems('old'))).toEqual(unstamped(old));
    });

    it('vouchers without a number: each invoice of a series-only file is an item, a later file adds only what is new, each once', async () => {
      const { k } = await kontera();
      expect((await k.learnFromSie('a', unnumbered('B', [X, Y, PAY_X]))).openItems).toEqual({ changed: 2, open: 1 });
      expect(summary(await k.openItems('a'))).toEqual(['B  2026-01-05 100000 open 0: sie 2026-02-01 100000', 'B  2026-01-12 200000 open 200000: ']);
      expect((await k.learnFromSie('a', unnumbered('B', [X, Y, PAY_X]))).openItems.changed).toBe(0);
      // The next export starts later and holds the payment of Y.
      expect((await k.learnFromSie('a', unnumbered('B', [Y, PAY_X, PAY_Y]))).openItems).toEqual({ changed: 1, open: 0 });
      expect(summary(await k.openItems('a'))).toEqual(['B  2026-01-05 100000 open 0: sie 2026-02-01 100000', 'B  2026-01-12 200000 open 0: sie 2026-02-15 200000']);
      // Without series: the first voucher of another file is another voucher.
      await k.learnFromSie('b', unnumbered('""', [X]));
      expect((await k.learnFromSie('b', unnumbered('""', [Y]))).openItems.changed).toBe(1);
      expect((await k.learnFromSie('b', unnumbered('""', [X]))).openItems.changed).toBe(0);
      expect((await k.openItems('b')).length).toBe(2);
    });

    it('a voucher without a number edited in the books is not silently counted twice: the file that no longer holds it says so', async () => {
      const { k } = await kontera();
      const first = await k.learnFromSie('a', unnumbered('B', [X, Y, PAY_X]));
      expect(first.warnings).toEqual([]);
      // Invoice 211 edited from 1 000 to 1 200 kr: it has no number, so nothing ties the two versions.
      const edited = ['20260105', 'Faktura 211 Ekholms Bageri', 1200, 'invoice'] as const;
      const r = await k.learnFromSie('a', unnumbered('B', [edited, Y, PAY_X]));
      expect(r.warnings.map((w) => w.code)).toEqual(['UNNUMBERED_VOUCHER_NOT_IN_FILE']);
      expect(r.warnings[0]?.message).toContain('2026-01-05 B "Faktura 211 Ekholms Bageri"');
      expect(r.warnings[0]?.message).not.toContain('212');
      // Both versions are kept, as the warning says.
      expect(summary(await k.openItems('a'))).toEqual(['B  2026-01-05 100000 open 0: sie 2026-02-01 100000', 'B  2026-01-05 120000 open 120000: ', 'B  2026-01-12 200000 open 200000: ']);
      // An export that starts later, or the bank voucher of a payment edited: the same rule, on the bank vouchers too.
      expect((await k.learnFromSie('a', unnumbered('B', [Y, PAY_X, PAY_Y]))).warnings).toEqual([]);
      const payEdited = ['20260201', 'Inbetalning faktura 211 Ekholms Bageri AB', 1000, 'payment'] as const;
      const p = await k.learnFromSie('a', unnumbered('B', [edited, Y, payEdited, PAY_Y]));
      expect(p.warnings.map((w) => w.code)).toEqual(['UNNUMBERED_VOUCHER_NOT_IN_FILE']);
      expect(p.warnings[0]?.message).toContain('2026-02-01 B "Inbetalning faktura 211 Ekholms Bageri"');
    });

    it('vouchers without a number in a ledger stored with the ids from before: learning the file again adds what it lost, nothing twice', async () => {
      const { k, store } = await kontera();
      // Before: every voucher of series B without a number was sie:B:, so Y and the payment of X were lost.
      await learnWithOldIds(store, unnumbered('B', [X, Y, PAY_X]));
      const old = await k.openItems('old');
      expect(old.map((i) => i.id)).toEqual(['sie:B::1510:0']);
      expect((await k.learnFromSie('old', unnumbered('B', [X, Y, PAY_X]))).openItems).toEqual({ changed: 2, open: 1 });
      expect(summary(await k.openItems('old'))).toEqual(['B  2026-01-05 100000 open 0: sie 2026-02-01 100000', 'B  2026-01-12 200000 open 200000: ']);
      expect((await k.openItems('old')).map((i) => i.id)).toContain('sie:B::1510:0');
      expect((await k.learnFromSie('old', unnumbered('B', [X, Y, PAY_X]))).openItems.changed).toBe(0);
      // Without series the ids were places in the file (sie:#1): the same file again adds nothing.
      await k.addClient({ bureauId: 'b1', id: 'old2', name: 'Verkstad old2', bankAccounts: ['1930'] });
      await learnWithOldIds(store, unnumbered('""', [X, Y, PAY_X]), 'old2');
      const old2 = await k.openItems('old2');
      expect(old2.map((i) => i.id).sort()).toEqual(['sie:#1:1510:0', 'sie:#2:1510:0']);
      expect((await k.learnFromSie('old2', unnumbered('""', [X, Y, PAY_X]))).openItems.changed).toBe(0);
      expect(unstamped(await k.openItems('old2'))).toEqual(unstamped(old2));
    });
  });
}
