/**
 * The matcher on large and pathological ledgers: thousands of open items of one amount (a housing
 * association's monthly fees), payments that several of them could make up, and a bankgiro deposit
 * of thousands of payments. Each gets an answer (an ambiguous one where the ledger cannot tell)
 * without a stack overflow and in time near-linear in the ledger. The growth guards compare two
 * sizes measured inside one test, never an absolute time.
 */
import { describe, expect, it } from 'vitest';
import type { BgmaxDeposit, BgmaxPayment } from '../../src/bgmax/types.js';
import { settleDeposit } from '../../src/openitems/deposit.js';
import { matchOpenItems } from '../../src/openitems/match.js';
import type { OpenItem } from '../../src/openitems/types.js';

function item(i: number, open: number, words: readonly string[], date = '2025-01-01', references: readonly string[] = []): OpenItem {
  return { v: 1, id: `sie:2025-01-01 A ${i}:1510:0`, kind: 'customer', account: '1510', series: 'A', number: String(i), origin: 'sie', date, amount: open, open, text: words.join(' '), name: words.join(' '), words, references, settlements: [] };
}

describe('one counterparty with very many open items', () => {
  it('answers for 200 000 items below the line amount (no stack overflow from spreading a group)', () => {
    const ledger = Array.from({ length: 200_000 }, (_, i) => item(i + 1, 100 + (i % 7), ['EKHOLMS', 'BAGERI']));
    expect(matchOpenItems({ date: '2026-01-01', amount: 1_000_000_000, text: 'EKHOLMS BAGERI' }, ledger)).toEqual([]);
  });
});

describe('thousands of open invoices of one amount', () => {
  const fees = Array.from({ length: 10_000 }, (_, i) => item(i + 1, 45_000, ['SOLGLÄNTAN'], `2025-${String(1 + (i % 12)).padStart(2, '0')}-01`));

  it('a payment of one fee without a reference is ambiguous, not a confident match', () => {
    const [best] = matchOpenItems({ date: '2026-01-10', amount: 45_000, text: 'Inbetalning' }, fees, { limit: 1 });
    expect(best?.evidence).toBe('amount-ambiguous');
    expect(best?.features.unique).toBe(false);
    expect(best?.features.sameAmount).toBe(10_000);
    expect(best?.parts[0]?.item.date).toBe('2025-01-01');
  });

  it('a payment of two fees that names the payer is one of many equally good subsets', () => {
    const [best] = matchOpenItems({ date: '2026-01-10', amount: 90_000, text: 'SOLGLÄNTAN' }, fees.map((f) => ({ ...f, words: ['SOLGLÄNTAN', 'BRF'] })), { limit: 1 });
    expect(best?.evidence).toBe('subset-words');
    expect(best?.features.unique).toBe(false);
  });
});

describe('a line that names no one against more grouped items than the subset search budget', () => {
  it('calls no subset unique past SUBSET_SEARCH_BUDGET, though only one counterparty is searched with a fit', () => {
    // 2 000 counterparties of 8 items of 100 kr (16 000 items): no 4 of them make 1 000 kr; one last
    // counterparty has 300 + 700 kr.
    const ledger: OpenItem[] = [];
    for (let c = 0; c < 2_000; c++) for (let k = 0; k < 8; k++) ledger.push(item(c * 8 + k + 1, 10_000, [`KUND${String.fromCharCode(65 + (c % 26))}${String.fromCharCode(65 + Math.floor(c / 26) % 26)}${String.fromCharCode(65 + Math.floor(c / 676))}`]));
    ledger.unshift(item(90_001, 30_000, ['ENSAM']), item(90_002, 70_000, ['ENSAM']));
    const [best] = matchOpenItems({ date: '2026-01-10', amount: 100_000, text: 'Inbetalning' }, ledger, { limit: 1 });
    expect(best?.evidence).toBe('subset');
    expect(best?.features.unique).toBe(false);
  });
});

/** A deposit of `n` members' fees of 450 kr, each payment naming its member and invoice number, against their `n` open invoices. */
function membersDeposit(n: number): { items: OpenItem[]; deposit: BgmaxDeposit } {
  const name = (i: number): string => `MEDLEM${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}${String.fromCharCode(65 + Math.floor(i / 676))}`;
  const items = Array.from({ length: n }, (_, i) => item(i + 1, 45_000, [name(i)], '2025-12-01', [String(100_000 + i)]));
  const payments: BgmaxPayment[] = items.map((it, i) => ({ kind: 'payment', senderBankgiro: '', reference: String(100_000 + i), references: [String(100_000 + i)], amount: 45_000, referenceCode: '4', channel: '1', serial: String(i), extraReferences: [], information: [], name: name(i), line: i + 3 }));
  return { items, deposit: { bankgiro: '1234567', currency: 'SEK', bankAccount: '', date: '2026-01-10', serial: '1', amount: 45_000 * n, paymentCount: n, type: 'K', payments, line: 1, endLine: n + 3 } };
}

describe('a bankgiro deposit of thousands of payments', () => {
  const settle = (d: { items: OpenItem[]; deposit: BgmaxDeposit }) => settleDeposit({ date: '2026-01-10', amount: d.deposit.amount, text: 'BG INSÄTTNING' }, d.deposit, d.items);

  it('settles each payment against its own invoice', () => {
    const result = settle(membersDeposit(2_000));
    expect(result.unmatched).toBe(0);
    expect(result.payments.every((p, i) => p.match?.parts[0]?.item.number === String(i + 1))).toBe(true);
  });

  it('10× the payments and invoices take less than 30× the time (not payments × invoices)', () => {
    const small = membersDeposit(300);
    const large = membersDeposit(3_000);
    const ms = (d: { items: OpenItem[]; deposit: BgmaxDeposit }): number => {
      const t = performance.now();
      settle(d);
      return performance.now() - t;
    };
    ms(small);
    ms(large);
    let a = Infinity;
    let b = Infinity;
    for (let round = 0; round < 3; round++) {
      a = Math.min(a, ms(small));
      b = Math.min(b, ms(large));
    }
    expect(b, `300 payments ${a.toFixed(1)} ms, 3 000 payments ${b.toFixed(1)} ms`).toBeLessThan(30 * a);
  });
});
