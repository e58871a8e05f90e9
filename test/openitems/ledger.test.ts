/**
 * The ledger built from real books: what stays open must be what the books say is owed (the closing
 * balance of each item account), and each settlement must pair an invoice with a voucher that
 * names the same counterparty or invoice number.
 */
import { describe, expect, it } from 'vitest';
import { counterpartyWords, references, wordOverlap } from '../../src/openitems/text.js';
import { reconcileWithBalances, reopenSettlements, updateLedger } from '../../src/openitems/ledger.js';
import { sieItemBalances, sieLedgerVouchers, storedVoucherIds } from '../../src/openitems/sie.js';
import { readSie } from '../../src/sie/reader.js';
import type { OpenItem, OpenItemVoucher } from '../../src/openitems/types.js';
import { sie } from './helpers.js';

function openByAccount(items: readonly OpenItem[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(i.account, (m.get(i.account) ?? 0) + i.open);
  return m;
}

/** Closing balance per item account straight from the file's #UB 0 records. */
function closing(path: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const b of sie(path).balances) if (b.kind === 'UB' && b.yearIndex === 0 && /^(151|244)/.test(b.account)) m.set(b.account, b.amount);
  return m;
}

describe('open-item ledger from real SIE files', () => {
  it('Test4.SE (Briljant, names on the rows): the open items are exactly the closing balances of 1510 and 2440', () => {
    const doc = sie('sie/Test4.SE');
    const { items } = updateLedger([], sieLedgerVouchers(doc));
    const open = openByAccount(items);
    for (const [account, ub] of closing('sie/Test4.SE')) expect(open.get(account)).toBe(Math.abs(ub));
    // Every settlement names the invoice's counterparty.
    const vouchers = new Map(sieLedgerVouchers(doc).map((v) => [v.id, v]));
    let settlements = 0;
    for (const item of items) {
      for (const s of item.settlements) {
        const v = vouchers.get(s.voucher);
        expect(v).toBeDefined();
        const texts = (v?.rows ?? []).filter((r) => r.account === item.account).map((r) => r.text ?? '');
        expect(texts.some((t) => wordOverlap(counterpartyWords(t), item.words) === 1)).toBe(true);
        expect(s.date >= item.date).toBe(true);
        settlements++;
      }
    }
    expect(settlements).toBeGreaterThan(30);
  });

  it('Test4.SE: one payment of three customer invoices settles all three', () => {
    const doc = sie('sie/Test4.SE');
    const { items } = updateLedger([], sieLedgerVouchers(doc));
    const v = doc.vouchers.find((x) => x.series === '11' && x.number === '80016');
    expect(v).toBeDefined();
    const paid = items.filter((i) => i.settlements.some((s) => s.voucher === 'sie:2008-01-01 11 80016'));
    const credited = (v?.transactions ?? []).filter((t) => t.account === '1510').reduce((s, t) => s - t.amount, 0);
    expect(paid.length).toBeGreaterThanOrEqual(3);
    expect(paid.reduce((s, i) => s + (i.settlements.find((x) => x.voucher === 'sie:2008-01-01 11 80016')?.amount ?? 0), 0)).toBe(credited);
  });

  it('visma-compact-44_sie4.se (one invoice per voucher, payments titled "BE"): 1510 stays open by exactly its closing balance', () => {
    const path = 'openitems/visma-compact-44_sie4.se';
    const { items } = updateLedger([], sieLedgerVouchers(sie(path)));
    expect(openByAccount(items).get('1510')).toBe(closing(path).get('1510'));
    const fa = items.find((i) => i.references.includes('30079'));
    expect(fa?.name).toBe('Österängens Bilservice');
    expect(fa?.open).toBe(0);
  });

  it('BL0001_typ4.SE: several invoices in one voucher are one item each, with their own reference', () => {
    const doc = sie('sie/BL0001_typ4.SE');
    const { items } = updateLedger([], sieLedgerVouchers(doc));
    const f2 = items.filter((i) => i.id.startsWith('sie:2009-07-01 F 2:'));
    const rows = doc.vouchers.find((v) => v.series === 'F' && v.number === '2')?.transactions.filter((t) => t.account === '1510') ?? [];
    expect(f2.map((i) => i.amount).sort()).toEqual(rows.map((r) => r.amount).sort());
    for (const r of rows) expect(f2.some((i) => i.references.includes(references(r.text ?? '')[0] ?? 'none'))).toBe(true);
  });

  it('reconciles with the balances: items beyond what the books say is owed are closed, oldest first', () => {
    for (const path of ['sie/BL0001_typ4.SE', 'sie/XE_SIE_4_20151125095119.SE', 'openitems/visma-compact-44_sie4.se']) {
      const doc = sie(path);
      const { items } = updateLedger([], sieLedgerVouchers(doc));
      const bal = sieItemBalances(doc);
      expect(bal).toBeDefined();
      if (bal === undefined) continue;
      const changed = new Map(reconcileWithBalances(items, bal.balances, bal.date, 'balance:x').map((i) => [i.id, i]));
      const after = items.map((i) => changed.get(i.id) ?? i);
      for (const [account, balance] of bal.balances) {
        const open = after.filter((i) => i.account === account).reduce((s, i) => s + i.open, 0);
        expect(open).toBeLessThanOrEqual(Math.max(0, account.startsWith('2') ? -balance : balance));
      }
      for (const i of changed.values()) expect(i.settlements.at(-1)?.origin).toBe('balance');
    }
  });

  it('is idempotent: learning the same file twice changes nothing', () => {
    const vouchers = sieLedgerVouchers(sie('sie/Test4.SE'));
    const first = updateLedger([], vouchers);
    const second = updateLedger(first.items, vouchers);
    expect(second.changed).toEqual([]);
    expect(second.items).toEqual(first.items);
  });

  it('a payment edited in a later export that also brings an earlier invoice of the party settles as edited', () => {
    const file = (gen: string, vouchers: readonly string[]): OpenItemVoucher[] =>
      sieLedgerVouchers(readSie(['#FLAGGA 0', '#SIETYP 4', `#GEN ${gen}`, '#RAR 0 20260101 20261231', ...vouchers].join('\r\n') + '\r\n'));
    const invoice = (n: string, date: string): string => `#VER A ${n} ${date} "Faktura Ekholms Bageri"\r\n{\r\n#TRANS 1510 {} 5000.00\r\n#TRANS 3001 {} -5000.00\r\n}`;
    const payment = (kr: number): string => `#VER B 1 20260210 "Inbetalning Ekholms Bageri"\r\n{\r\n#TRANS 1930 {} ${kr}.00\r\n#TRANS 1510 {} -${kr}.00\r\n}`;
    const first = updateLedger([], file('20260301', [invoice('2', '20260125'), payment(5000)]));
    const later = file('20260401', [invoice('1', '20260110'), invoice('2', '20260125'), payment(4000)]);
    const read = (items: readonly OpenItem[]): string[] => items.map((i) => `A ${i.number} open ${i.open}: ${i.settlements.map((s) => s.amount).join(', ')}`);
    expect(read(updateLedger(first.items, later).items)).toEqual(read(updateLedger([], later).items));
    expect(read(updateLedger([], later).items)).toEqual(['A 1 open 100000: 400000', 'A 2 open 500000: ']);
  });

  it('reopens what a dropped settlement settled', () => {
    const { items } = updateLedger([], sieLedgerVouchers(sie('sie/Test4.SE')));
    const reopened = reopenSettlements(items, (s) => s.voucher === 'sie:2008-01-01 11 80016');
    expect(reopened.length).toBeGreaterThanOrEqual(3);
    for (const i of reopened) {
      expect(i.settlements.some((s) => s.voucher === 'sie:2008-01-01 11 80016')).toBe(false);
      expect(i.open).toBe(i.amount - i.settlements.reduce((s, x) => s + x.amount, 0));
    }
  });
});

describe('texts', () => {
  it('reads counterparty words, name and references from real voucher texts', () => {
    expect(counterpartyWords('Kundfakt. 0333, ICA Supermarket Solna')).toEqual(['ICA', 'SUPERMARKET', 'SOLNA']);
    expect(references('Bet. 1422, fakt. 15, Ulla Andersson')).toEqual(['1422', '15']);
    expect(references('Betalning BG 5402-0105 TELENOR 2022-01-12')).toEqual([]);
    expect(wordOverlap(['SVENSKA', 'KYRKAN', 'NORRKÖPING'], ['SVENSKA', 'KYRKAN', 'NORRKÖPI'])).toBe(1);
  });
});

describe('open-item voucher ids', () => {
  /** A 4E file of `year` (calendar fiscal year) with customer invoice B 1 of 1 000 kr and its payment B 2. */
  function year(y: string): string {
    return [
      '#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', `#RAR 0 ${y}0101 ${y}1231`,
      `#VER B 1 ${y}0303 "Faktura 7 Granlunds Glas"`, '{', '#TRANS 1510 {} 1000.00', '#TRANS 3001 {} -1000.00', '}',
      `#VER B 2 ${y}0402 "Inbetalning faktura 7 Granlunds Glas"`, '{', '#TRANS 1930 {} 1000.00', '#TRANS 1510 {} -1000.00', '}',
    ].join('\r\n');
  }

  it('are the fiscal year start, series and number: B 1 of two years are two invoices, each paid by its own B 2', () => {
    const first = updateLedger([], sieLedgerVouchers(readSie(year('2024')))).items;
    const doc = readSie(year('2025'));
    const vouchers = sieLedgerVouchers(doc);
    expect(vouchers.map((v) => v.id)).toEqual(['sie:2025-01-01 B 1', 'sie:2025-01-01 B 2']);
    const { items } = updateLedger(first, storedVoucherIds(doc, vouchers, first));
    expect(items.map((i) => [i.id, i.open, i.settlements.map((x) => x.voucher)])).toEqual([
      ['sie:2024-01-01 B 1:1510:0', 0, ['sie:2024-01-01 B 2']],
      ['sie:2025-01-01 B 1:1510:0', 0, ['sie:2025-01-01 B 2']],
    ]);
  });

  it('a stored id without the year (sie:B:1) is kept for the voucher of its fiscal year only', () => {
    const legacy = (id: string): string => id.replace(/^sie:\d{4}-\d{2}-\d{2} (\S+) (\S+)/, 'sie:$1:$2');
    const stored = updateLedger([], sieLedgerVouchers(readSie(year('2024')))).items.map((i) => ({ ...i, id: legacy(i.id), settlements: i.settlements.map((x) => ({ ...x, voucher: legacy(x.voucher) })) }));
    const same = readSie(year('2024'));
    expect(storedVoucherIds(same, sieLedgerVouchers(same), stored).map((v) => v.id)).toEqual(['sie:B:1', 'sie:B:2']);
    const next = readSie(year('2025'));
    expect(storedVoucherIds(next, sieLedgerVouchers(next), stored).map((v) => v.id)).toEqual(['sie:2025-01-01 B 1', 'sie:2025-01-01 B 2']);
  });
});
