import { describe, expect, test } from 'vitest';
import { carryRate, defaultVatAccounts, vatRateOn } from '../../src/vat/rates.js';
import { divRound, splitVat, vatRows } from '../../src/vat/split.js';

describe('splitVat', () => {
  test('takes exactly a fifth of the gross at 25 %', () => {
    expect(splitVat(12500, 25)).toEqual({ net: 10000, vat: 2500 });
    expect(splitVat(-12500, 25)).toEqual({ net: -10000, vat: -2500 });
  });

  test('rounds VAT once and gives the rest to net (195,00 kr at 12 %)', () => {
    // The sie.se sample books 174,12 + 20,88 from its receipt; from the bank line alone the formula gives 20,89.
    expect(splitVat(19500, 12)).toEqual({ net: 17411, vat: 2089 });
  });

  test('always sums back to the gross, in whole öre, for every rate', () => {
    for (const rate of [25, 12, 6, 0] as const) {
      for (let gross = -5000; gross <= 5000; gross += 7) {
        const { net, vat } = splitVat(gross, rate);
        expect(Number.isInteger(net) && Number.isInteger(vat)).toBe(true);
        expect(net + vat).toBe(gross);
        expect(Math.abs(vat - (gross * rate) / (100 + rate))).toBeLessThanOrEqual(0.5);
      }
    }
  });

  test('rejects amounts that are not whole öre', () => {
    expect(() => splitVat(10.5, 25)).toThrow(RangeError);
  });

  test('rounds halves away from zero symmetrically', () => {
    expect(divRound(5, 2)).toBe(3);
    expect(divRound(-5, 2)).toBe(-3);
    expect(divRound(4, 3)).toBe(1);
  });
});

describe('rates by date', () => {
  test('cuts food VAT to 6 % from 2026-04-01 to 2027-12-31 and restores 12 % after', () => {
    expect(vatRateOn('food', '2026-03-31')).toBe(12);
    expect(vatRateOn('food', '2026-04-01')).toBe(6);
    expect(vatRateOn('food', '2027-12-31')).toBe(6);
    expect(vatRateOn('food', '2028-01-01')).toBe(12);
    expect(vatRateOn('accommodation', '2026-06-01')).toBe(12);
    expect(vatRateOn('general', '2026-06-01')).toBe(25);
  });

  test('carries a learned food rate to the date of the new booking, and leaves other rates alone', () => {
    expect(carryRate(12, 'food', '2026-05-01')).toBe(6);
    expect(carryRate(6, 'food', '2028-02-01')).toBe(12);
    expect(carryRate(25, 'food', '2026-05-01')).toBe(25);
    expect(carryRate(12, 'accommodation', '2026-05-01')).toBe(12);
  });
});

describe('vatRows by mode', () => {
  test('puts domestic purchase VAT on 2641 and sales VAT on 2611/2621/2631', () => {
    expect(vatRows({ mode: 'standard', rate: 25 }, 12500, 'out')).toEqual({ remaining: 10000, rows: [{ account: '2641', amount: 2500 }] });
    expect(vatRows({ mode: 'standard', rate: 12 }, -11200, 'in')).toEqual({ remaining: -10000, rows: [{ account: '2621', amount: -1200 }] });
    expect(defaultVatAccounts('standard', 6, 'in')).toEqual(['2631']);
  });

  test('deducts only half the VAT on car leasing, rounded once', () => {
    // 4 500,00 kr with 25 %: full VAT 900,00, deductible 450,00; the other half stays on the cost.
    expect(vatRows({ mode: 'half', rate: 25 }, 450000, 'out')).toEqual({ remaining: 405000, rows: [{ account: '2641', amount: 45000 }] });
    const odd = vatRows({ mode: 'half', rate: 25 }, 12345, 'out');
    expect(odd.remaining + (odd.rows[0]?.amount ?? 0)).toBe(12345);
  });

  test('adds a net-zero reverse-charge pair and leaves the whole amount on the cost', () => {
    expect(vatRows({ mode: 'reverse-eu-services', rate: 25 }, 100000, 'out')).toEqual({
      remaining: 100000,
      rows: [{ account: '2645', amount: 25000 }, { account: '2614', amount: -25000 }],
    });
    expect(vatRows({ mode: 'reverse-domestic', rate: 25 }, 100000, 'out').rows.map((r) => r.account)).toEqual(['2647', '2614']);
    expect(vatRows({ mode: 'import', rate: 12 }, 100000, 'out').rows.map((r) => r.account)).toEqual(['2645', '2625']);
    expect(vatRows({ mode: 'reverse-non-eu-services', rate: 6 }, 100000, 'out').rows.map((r) => r.account)).toEqual(['2645', '2634']);
  });

  test('books no VAT for mode none or rate 0', () => {
    expect(vatRows({ mode: 'none', rate: 0 }, 5000, 'out')).toEqual({ remaining: 5000, rows: [] });
    expect(vatRows({ mode: 'standard', rate: 0 }, 5000, 'out')).toEqual({ remaining: 5000, rows: [] });
  });

  test('uses learned VAT accounts instead of the defaults', () => {
    expect(vatRows({ mode: 'standard', rate: 25, accounts: ['2640'] }, 500, 'out').rows).toEqual([{ account: '2640', amount: 100 }]);
  });
});
