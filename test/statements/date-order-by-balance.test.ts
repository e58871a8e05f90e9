/**
 * Day/month order told by the running balance, by the one balance-chain rule (src/statements/
 * balance-chain.ts) for a known bank's export re-saved by a spreadsheet as for a file no layout
 * claims. The exports are written by hand in Swedbank's CSV layout (formats.md §3.3: preamble
 * `* Transaktioner Period`, comma-separated, decimal point, newest first, `Bokfört saldo`);
 * names and amounts invented.
 */
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';
import { walkChain } from '../../src/statements/balance-chain.js';

const HEAD =
  '* Transaktioner Period 2026-01-01–2026-03-31 Skapad 2026-04-01 08:12 +01:00\n' +
  'Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,Valutadag,Referens,Beskrivning,Belopp,Bokfört saldo\n';

/** Rows newest first: each balance is the one below it moved by its own amount. */
const swedbank = (dates: readonly string[]): string =>
  HEAD +
  [
    [dates[0], 'CAFE SOLBACKEN', 'Kortköp/uttag', '-250.00', '74750.00'],
    [dates[1], 'BRYGGERIET AB', 'Bankgiro inbetalning', '12500.00', '75000.00'],
    [dates[2], 'ALMQVISTS VVS AB', 'Bg-bet. via internet', '-5000.00', '62500.00'],
    [dates[3], 'PRIS NYCKELKUND', 'PRIS NYCKELKUND', '-75.00', '67500.00'],
  ]
    .map(([d, ref, text, amount, balance], i) => `${i + 1},8327-9,9434567890,Företagskonto,SEK,${d},${d},${d},${ref},${text},${amount},${balance}`)
    .join('\n') +
  '\n';

describe('a known bank export re-saved with slashed dates: the balance chain settles day and month', () => {
  it('month first (a US-locale re-save): 3/1, 3/1, 2/2, 1/3 read in date order both ways; the chain says newest first, so 1 March … 3 January', () => {
    const s = parseStatement(new TextEncoder().encode(swedbank(['3/1/2026', '3/1/2026', '2/2/2026', '1/3/2026'])));
    expect(s.format).toMatch(/^swedbank/);
    expect(s.transactions.map((t) => [t.date, t.amount, t.balance])).toEqual([
      ['2026-03-01', -25_000, 7_475_000],
      ['2026-03-01', 1_250_000, 7_500_000],
      ['2026-02-02', -500_000, 6_250_000],
      ['2026-01-03', -7_500, 6_750_000],
    ]);
    expect([s.openingBalance, s.closingBalance]).toEqual([6_757_500, 7_475_000]);
    expect(s.warnings.map((w) => w.code)).not.toContain('BALANCE_CHAIN_BROKEN');
  });

  it('day first, the same rows: the chain gives the other reading', () => {
    const s = parseStatement(new TextEncoder().encode(swedbank(['1/3/2026', '1/3/2026', '2/2/2026', '3/1/2026'])));
    expect(s.transactions.map((t) => t.date)).toEqual(['2026-03-01', '2026-03-01', '2026-02-02', '2026-01-03']);
  });

  it('a chain that proves no order still refuses the file as ambiguous, naming the column', () => {
    const broken = swedbank(['3/1/2026', '3/1/2026', '2/2/2026', '1/3/2026']).replace('62500.00', '1.00').replace('75000.00', '2.00');
    expect(() => parseStatement(new TextEncoder().encode(broken))).toThrow(/Ambiguous dates.*Bokföringsdag/);
  });
});

describe('the balance chain', () => {
  it('rows without a balance carry their amounts to the next row with one, in either order', () => {
    const oldestFirst = [
      { amount: 100, balance: 1100 },
      { amount: -30 },
      { amount: -20, balance: 1050 },
      { amount: 5 },
    ];
    expect(walkChain(oldestFirst, false)).toEqual({ breaks: [], opening: 1000, closing: 1055 });
    expect(walkChain([...oldestFirst].reverse(), true)).toEqual({ breaks: [], opening: 1000, closing: 1055 });
    expect(walkChain([...oldestFirst].reverse(), false).breaks).toEqual([3]);
  });
});
