import type { ConfirmedBooking, VoucherRow } from '../../src/knowledge/types.js';

/** A booking paid from 1930: `rows` are the counter rows (debit +). */
export function booking(date: string, text: string, rows: readonly VoucherRow[], origin?: ConfirmedBooking['origin']): ConfirmedBooking {
  const counter = rows.reduce((s, r) => s + r.amount, 0);
  return {
    transaction: { date, amount: -counter, text },
    voucher: { date, text, rows: [{ account: '1930', amount: -counter }, ...rows] },
    ...(origin !== undefined ? { origin } : {}),
  };
}

/** A purchase of `gross` öre with 25 % VAT on 2641. */
export function purchase25(date: string, text: string, account: string, gross: number, origin?: ConfirmedBooking['origin']): ConfirmedBooking {
  const vat = gross / 5;
  return booking(date, text, [{ account, amount: gross - vat }, { account: '2641', amount: vat }], origin);
}
