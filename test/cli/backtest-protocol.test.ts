/**
 * The back-test protocol on a small book whose answers are known by construction: a monthly
 * Telia bill (always 6212 with 25 % VAT) for a year, and in the last month one supplier never seen
 * before. Training takes whole months; a line is suggested with what was known when its month
 * began, so the new supplier cannot be right and the recurring bill can.
 */
import { describe, expect, it } from 'vitest';
import { backtest, counterAccount } from '../../src/cli/backtest.js';
import { createSieDocument } from '../../src/sie/document.js';
import { readSie } from '../../src/sie/reader.js';
import { writeSie } from '../../src/sie/writer.js';

function book(): ReturnType<typeof readSie> {
  const vouchers = [];
  for (let m = 1; m <= 12; m++) {
    const date = `2025-${String(m).padStart(2, '0')}-15`;
    vouchers.push({ series: 'A', number: String(m), date, text: 'AUTOGIRO TELIA SVERIGE AB', transactions: [
      { account: '1930', amount: -62500 }, { account: '6212', amount: 50000 }, { account: '2641', amount: 12500 },
    ] });
  }
  vouchers.push({ series: 'A', number: '13', date: '2025-12-20', text: 'BG 5999-1234 NYBYGGARNA I ÅRE AB', transactions: [
    { account: '1930', amount: -1000000 }, { account: '4600', amount: 800000 }, { account: '2641', amount: 200000 },
  ] });
  const doc = createSieDocument({ company: { name: 'Prov AB' }, generated: '2025-12-31', accounts: { '1930': 'Företagskonto', '6212': 'Mobiltelefon', '2641': 'Debiterad ingående moms', '4600': 'Legoarbeten' }, vouchers });
  return readSie(writeSie(doc));
}

/**
 * The same bills, and in the last month a hotel night paid from the bank, booked to the books' own
 * 5830 (Kost och logi): the file declares 5830, not BAS's 5831 that the built-in rule names.
 */
function bookWithHotel(): ReturnType<typeof readSie> {
  const doc = book();
  const hotel = { series: 'A', number: '14', date: '2025-12-22', text: 'HOTELL FJÄLLGÅRDEN', transactions: [
    { account: '1930', amount: -178000 }, { account: '5830', amount: 158929 }, { account: '2641', amount: 19071 },
  ] };
  const vouchers = doc.vouchers.map((v) => ({ series: v.series, number: v.number, date: v.date, text: v.text, transactions: v.transactions.map((t) => ({ account: t.account, amount: t.amount })) }));
  const accounts = Object.fromEntries([...doc.accounts.map((a) => [a.number, a.name]), ['5830', 'Kost och logi']]);
  return readSie(writeSie(createSieDocument({ company: { name: 'Prov AB' }, generated: '2025-12-31', accounts, vouchers: [...vouchers, hotel] })));
}

describe('backtest', () => {
  it('suggests in the accounts of the books, as kontera does for a client without a chart', () => {
    const r = backtest(bookWithHotel(), { train: 0.5 });
    // The hotel night is right only on the books' 5830: the rule's 5831 is not in the file.
    expect(r.months.at(-1)).toMatchObject({ month: '2025-12', lines: 3, top1: 2 });
  });

  it('learns whole months up to the training share and replays the rest month by month', () => {
    const r = backtest(book(), { train: 0.5 });
    // 13 vouchers; 50 % falls in July (index 6), so January–June are learned.
    expect(r.bookings).toBe(13);
    expect(r.firstTestMonth).toBe('2025-07');
    expect(r.tested).toBe(7);
    expect(r.months.map((m) => [m.month, m.lines])).toEqual([['2025-07', 1], ['2025-08', 1], ['2025-09', 1], ['2025-10', 1], ['2025-11', 1], ['2025-12', 2]]);
    // Every Telia bill is right; the unseen supplier is not.
    expect(r.top1).toBeCloseTo(6 / 7, 10);
    expect(r.months.at(-1)?.top1).toBe(1);
  });

  it('reports the share auto-bookable at ≥ 99 % precision from the confidence-ordered curve', () => {
    const r = backtest(book(), { train: 0.5 });
    expect(r.curve.length).toBeGreaterThan(0);
    for (let i = 1; i < r.curve.length; i++) expect(r.curve[i]?.share).toBeGreaterThan(r.curve[i - 1]?.share ?? 0);
    const best = r.curve.filter((p) => p.precision >= 0.99).at(-1);
    expect(r.autoBookAt99.share).toBe(best?.share ?? 0);
    expect(r.autoBookAt99.share).toBeLessThanOrEqual(6 / 7);
  });

  it('finds the account a voucher is booked to: its largest row that is not bank or VAT', () => {
    expect(counterAccount([{ account: '1930', amount: -62500 }, { account: '6212', amount: 50000 }, { account: '2641', amount: 12500 }], ['1930'])).toBe('6212');
    expect(counterAccount([{ account: '1930', amount: -620000 }, { account: '2350', amount: 496000 }, { account: '8410', amount: 124000 }], ['1930'])).toBe('2350');
    expect(counterAccount([{ account: '1930', amount: 5000 }, { account: '2611', amount: -5000 }], ['1930'])).toBe('2611');
  });
});
