/**
 * Issue 13 item 10: money stays exact. Amounts never come back as unsafe integers, and every
 * balance check sums exactly: a voucher off by 1 öre at 9×10¹⁵ öre, which a float sum rounds to
 * balanced, is refused by the facade (every store), the SIE writer and the SIE reader.
 */
import { describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import { AmountFormatError, parseAmount, sumOre, tryParseAmount } from '../../src/core/money.js';
import { createKontera } from '../../src/kontera.js';
import type { ImportedTransaction } from '../../src/kontera.js';
import { createSieDocument } from '../../src/sie/document.js';
import { readSie } from '../../src/sie/reader.js';
import { writeSie } from '../../src/sie/writer.js';
import { openStore, STORE_KINDS, swedbankCsv } from '../kontera/helpers.js';

const PLAIN = { decimal: ',', thousands: 'none', maxDecimals: 2 } as const;
const BIG = 9_000_000_000_000_000; // 9×10¹⁵ öre: safe, but two of them are not
/** Sums to 1 öre; a left-to-right float sum gives 0 (1.8×10¹⁶ + 1 rounds to 1.8×10¹⁶). */
const OFF_BY_ONE = [BIG, BIG, 1, -BIG, -BIG];

describe('money stays exact', () => {
  it('the amount fast path never returns an unsafe integer (999999999999999 was read as 99999999999999900)', () => {
    expect(OFF_BY_ONE.reduce((s, v) => s + v, 0)).toBe(0); // the float sum this replaces
    for (const raw of ['999999999999999', '-999999999999999', '99999999999999,99', '900719925474099,3']) {
      const v = tryParseAmount(raw, PLAIN);
      if (typeof v === 'number') expect(Number.isSafeInteger(v)).toBe(true);
      else expect(v.expected).toMatch(/below/);
    }
    expect(() => parseAmount('999999999999999', PLAIN)).toThrow(AmountFormatError);
    expect(parseAmount('90071992547409,91', PLAIN)).toBe(9007199254740991);
    expect(parseAmount('9999999999999', PLAIN)).toBe(999999999999900);
  });

  it('accounting-style negatives in parentheses, as Excel writes them, and nothing doubly negative', () => {
    const sv = { decimal: ',', thousands: 'space', maxDecimals: 2 } as const;
    expect(parseAmount('(1 234,50)', sv)).toBe(-123_450);
    expect(parseAmount('(95,00 kr)', sv)).toBe(-9_500);
    expect(parseAmount('(95,00) kr', sv)).toBe(-9_500);
    for (const bad of ['(-95,00)', '(95,00-)', '()', '(95,00', '((95,00))']) expect(() => parseAmount(bad, sv), bad).toThrow(AmountFormatError);
  });

  it("parseAmount's error is a KonteraError with code INVALID_AMOUNT", () => {
    try {
      parseAmount('12 kronor', PLAIN);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KonteraError);
      expect((e as KonteraError).code).toBe('INVALID_AMOUNT');
    }
  });

  it('sumOre is exact past 2^53 and refuses an unsafe total', () => {
    expect(sumOre(OFF_BY_ONE)).toBe(1);
    expect(sumOre([BIG, BIG, -BIG, -BIG])).toBe(0);
    expect(() => sumOre([BIG, BIG])).toThrow(KonteraError);
    expect(() => sumOre([0.5])).toThrow(KonteraError);
  });

  it('the SIE writer refuses, and the reader reports, a voucher off by 1 öre at 9×10¹⁵', () => {
    const transactions = OFF_BY_ONE.map((amount, i) => ({ account: i % 2 === 0 ? '1930' : '3001', amount }));
    const doc = createSieDocument({ company: { name: 'Stora Siffror AB' }, generated: '2026-01-01', accounts: { '1930': 'Bank', '3001': 'Försäljning' }, vouchers: [{ series: 'A', number: '1', date: '2026-01-02', text: 'x', transactions }] });
    expect(() => writeSie(doc)).toThrow(expect.objectContaining({ code: 'SIE_UNBALANCED_VOUCHER' }));
    const text = [
      '#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#FNAMN "Stora Siffror AB"', '#RAR 0 20260101 20261231', '#KONTO 1930 "Bank"', '#KONTO 3001 "Försäljning"',
      '#VER A 1 20260102 "x"', '{', ...transactions.map((t) => `#TRANS ${t.account} {} ${(t.amount / 100).toFixed(2)}`), '}', '',
    ].join('\r\n');
    expect(() => readSie(text)).toThrow(expect.objectContaining({ code: 'SIE_UNBALANCED_VOUCHER' }));
    const lenient = readSie(text, { strict: false });
    expect(lenient.issues.some((i) => i.code === 'SIE_UNBALANCED_VOUCHER')).toBe(true);
  });

  for (const kind of STORE_KINDS) {
    it(`confirm refuses a booking off by 1 öre at 9×10¹⁵ on the ${kind} store`, async () => {
      const opened = await openStore(kind);
      try {
        const k = await createKontera({ store: opened.store });
        await k.addBureau({ id: 'byra', name: 'Byrå' });
        await k.addClient({ bureauId: 'byra', id: 'c1', name: 'C1' });
        const { transactions } = await k.importStatement('c1', swedbankCsv(2));
        const t = transactions[0] as ImportedTransaction;
        const rows = [{ account: '1930', amount: t.amount }, { account: '5800', amount: -t.amount }, ...OFF_BY_ONE.map((amount) => ({ account: '6212', amount }))];
        await expect(k.confirm('c1', [{ transaction: t, voucher: { date: t.date, text: t.text, rows } }])).rejects.toMatchObject({ code: 'VALIDATION' });
        expect((await k.exportClientData('c1')).vouchers).toEqual([]);
      } finally {
        await opened.dispose();
      }
    });
  }
});
