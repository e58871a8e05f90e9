/**
 * Open items through the facade, on every store: learning a real SIE file fills the client's
 * ledger with what its books say is owed, a payment of an open invoice is suggested as its
 * settlement, confirming it closes the item, unlearning the counterparty reopens it, erasing the
 * client removes it; a bankgiro deposit is settled from Bankgirot's example BgMax file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import { createKontera } from '../../src/kontera.js';
import type { Kontera } from '../../src/kontera.js';
import type { OpenItemSuggestion } from '../../src/facade/open-items.js';
import { DepositMismatchError } from '../../src/openitems/deposit.js';
import { readSie } from '../../src/sie/reader.js';
import { fixture, openStore, STORE_KINDS } from './helpers.js';
import type { OpenedStore } from './helpers.js';

const NOW = new Date('2009-03-01T12:00:00.000Z');

/** Invented customer invoices of the payers in Bankgirot's example (hand-built SIE 4I, see fixtures/SOURCES.md). */
const INVOICES_SIE = [
  '#FLAGGA 0',
  '#PROGRAM "kontera test" 1',
  '#FORMAT PC8',
  '#SIETYP 4',
  '#FNAMN "Exempelmottagaren AB"',
  ...[
    ['1', '20040420', 'Kundfaktura 6508 Olles färg AB', '1100.00'],
    ['2', '20040421', 'Kundfaktura 6601 Olles färg AB', '1100.00'],
    ['3', '20040422', 'Kundfaktura 6597 Berits Garn', '700.00'],
    ['4', '20040423', 'Kundfaktura 6582 Kalles Plåt AB', '2000.00'],
    ['5', '20040424', 'Kundfaktura 6583 Kalles Plåt AB', '1500.00'],
    ['6', '20040424', 'Kundfaktura 6584 Kalles Plåt AB', '1500.00'],
  ].flatMap(([n, d, text, amount]) => [`#VER B ${n} ${d} "${text}"`, '{', `#TRANS 1510 {} ${amount}`, `#TRANS 3001 {} -${amount}`, '}']),
].join('\r\n');

describe.each(STORE_KINDS)('open items through the facade (%s)', (kind) => {
  const opened: OpenedStore[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.dispose();
  });

  async function setup(): Promise<Kontera> {
    const o = await openStore(kind);
    opened.push(o);
    const k = await createKontera({ store: o.store, now: () => NOW });
    await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
    await k.addClient({ bureauId: 'b1', id: 'c1', name: 'Test4 AB' });
    return k;
  }

  it('learns the ledger from a SIE file, suggests, closes, reopens and erases an open invoice', async () => {
    const k = await setup();
    const bytes = fixture('sie/Test4.SE');
    const learned = await k.learnFromSie('c1', bytes);
    expect(learned.openItems.open).toBeGreaterThan(0);
    // What stays open is what the books say is owed: the #UB 0 of each item account.
    const doc = readSie(bytes, { strict: false });
    const open = await k.openItems('c1', { open: true });
    for (const b of doc.balances.filter((x) => x.kind === 'UB' && x.yearIndex === 0 && (x.account === '1510' || x.account === '2440'))) {
      expect(open.filter((i) => i.account === b.account).reduce((s, i) => s + i.open, 0)).toBe(Math.abs(b.amount));
    }
    expect((await k.openItems('c1')).length).toBeGreaterThan(open.length);

    const item = open.find((i) => i.kind === 'supplier');
    expect(item).toBeDefined();
    if (item === undefined) return;
    const line = { date: '2009-01-20', amount: -item.open, text: `BG 5555-1234 ${item.name.toUpperCase()}` };
    const [s] = (await k.suggest('c1', [line])) as OpenItemSuggestion[];
    expect(s?.voucher?.rows).toEqual([
      { account: '1930', amount: -item.open },
      { account: item.account, amount: item.open },
    ]);
    expect(s?.reason.startsWith(`Settles supplier invoice ${item.series} ${item.number} of ${item.date}, ${item.name}, `)).toBe(true);
    expect(s?.openItem?.items).toEqual([item.id]);

    await k.confirm('c1', [{ transaction: line, voucher: s?.voucher ?? { date: line.date, text: '', rows: [] } }]);
    const closed = (await k.openItems('c1')).find((i) => i.id === item.id);
    expect(closed?.open).toBe(0);
    expect(closed?.settlements.at(-1)).toMatchObject({ origin: 'confirmed', amount: item.open, date: line.date, key: s?.key });
    expect((await k.openItems('c1', { open: true })).some((i) => i.id === item.id)).toBe(false);

    // Forgetting the counterparty reopens the invoice its confirmed payment settled.
    expect((await k.unlearn('c1', s?.key ?? '')).changed).toBe(true);
    expect((await k.openItems('c1', { open: true })).find((i) => i.id === item.id)?.open).toBe(item.open);

    // Learning the same file again changes nothing.
    const again = await k.learnFromSie('c1', bytes);
    expect(again.openItems.changed).toBe(0);

    const exported = await k.exportClientData('c1');
    expect(exported.openItems.length).toBe((await k.openItems('c1')).length);
    await k.deleteClient('c1');
    await k.addClient({ bureauId: 'b1', id: 'c1', name: 'Test4 AB' });
    expect(await k.openItems('c1')).toEqual([]);
  });

  it('settles a bankgiro deposit from its BgMax file: each payment its invoices, the rest on suspense for review', async () => {
    const k = await setup();
    await k.learnFromSie('c1', INVOICES_SIE);
    const bgmax = fixture('bgmax/bgc-example-ocr.txt');
    const line = { date: '2004-05-25', amount: 800000, text: 'BG INSÄTTNING' };
    const d = await k.settleDeposit('c1', line, bgmax, { fileName: 'bgc-example-ocr.txt' });
    const items = await k.openItems('c1');
    const byRef = (ref: string): string => items.find((i) => i.references.includes(ref))?.id ?? 'none';
    expect(d.payments.map((p) => p.match?.parts.map((x) => x.item.id) ?? null)).toEqual([[byRef('6508')], null, [byRef('6597')], expect.arrayContaining([byRef('6582'), byRef('6583'), byRef('6584')])]);
    expect(d.voucher.rows).toEqual([
      { account: '1930', amount: 800000 },
      { account: '1510', amount: -110000 },
      { account: '2999', amount: -120000 },
      { account: '1510', amount: -70000 },
      ...(d.payments[3]?.match?.parts ?? []).map((p) => ({ account: '1510', amount: -p.amount })),
    ]);
    expect(d.review).toBe(true);
    expect(d.reviewReasons.join(' ')).toContain('Berits Garn');
    expect(d.settled + d.unmatched).toBe(line.amount);

    // Confirming it closes the settled invoices; the decoy of the same amount stays open.
    await k.confirm('c1', [{ transaction: line, voucher: d.voucher }]);
    const after = await k.openItems('c1', { open: true });
    expect(after.map((i) => i.references[0])).toEqual(['6601']);
  });

  it('refuses a deposit that does not sum to the bank line, naming both sums', async () => {
    const k = await setup();
    await k.learnFromSie('c1', INVOICES_SIE);
    const bgmax = fixture('bgmax/bgc-example-ocr.txt');
    try {
      await k.settleDeposit('c1', { date: '2004-05-25', amount: 800100, text: 'BG INSÄTTNING' }, bgmax);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DepositMismatchError);
      const e = error as DepositMismatchError;
      expect(e.code).toBe('VALIDATION');
      expect([e.bankAmount, e.depositAmount]).toEqual([800100, 800000]);
      expect(e.message).toContain('8 001,00 kr');
      expect(e.message).toContain('8 000,00 kr');
    }
    await expect(k.settleDeposit('c1', { date: '2004-05-25', amount: 800000, text: 'BG' }, 'not a bgmax file')).rejects.toBeInstanceOf(KonteraError);
  });
});
