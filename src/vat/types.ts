/**
 * VAT vocabulary shared by the VAT arithmetic and the engine (closed sets as const arrays).
 * `knowledge/types.ts` re-exports everything here.
 */

/** A four-digit BAS account number as a string ("1930"). */
export type AccountNo = string;

/**
 * How VAT is booked on a line, as learned or as suggested. Closed set.
 * - `standard`: domestic purchase or sale with VAT in the gross amount (rate 25/12/6).
 * - `half`: only half the VAT is deductible (car leasing); the other half stays on the cost.
 * - `reverse-domestic`: omvänd betalningsskyldighet in Sweden (construction) — 2647 / 2614.
 * - `reverse-eu-goods`: goods from another EU country — 2645 / 2614 (box 20/30).
 * - `reverse-eu-services`: services from another EU country — 2645 / 2614 (box 21/30).
 * - `reverse-non-eu-services`: services from outside the EU — 2645 / 2614 (box 22/30).
 * - `import`: import of goods from outside the EU — 2645 / 2615 (box 50/60).
 * - `none`: no VAT row (exempt, 0 %, or a client that is not VAT-registered).
 */
export const VAT_MODES = [
  'standard',
  'half',
  'reverse-domestic',
  'reverse-eu-goods',
  'reverse-eu-services',
  'reverse-non-eu-services',
  'import',
  'none',
] as const;
export type VatMode = (typeof VAT_MODES)[number];

/** Swedish VAT rates in percent. */
export const VAT_RATES = [25, 12, 6, 0] as const;
export type VatRate = (typeof VAT_RATES)[number];

/** Money in or out of the bank account. */
export const DIRECTIONS = ['in', 'out'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** One row of a voucher: signed öre, debit positive. */
export interface VoucherRow {
  readonly account: AccountNo;
  readonly amount: number;
}
