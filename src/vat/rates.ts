/**
 * Swedish VAT rates by date and the BAS accounts they are booked to (formats.md §2.3–2.5).
 */
import type { AccountNo, Direction, VatMode, VatRate } from './types.js';

/** What is sold or bought, as far as the rate is concerned. */
export const VAT_CATEGORIES = ['general', 'food', 'accommodation', 'reduced', 'exempt'] as const;
export type VatCategory = (typeof VAT_CATEGORIES)[number];

/**
 * Temporary food VAT cut (budget 2026): 12 % → 6 % from 2026-04-01 to 2027-12-31 inclusive.
 * Applied to the `food` category only; accommodation stays at 12 %. The exact legal scope for
 * restaurants and catering is an open point in formats.md §4, so they are treated as `food` only
 * when the caller says so.
 */
export const FOOD_VAT_CUT = { from: '2026-04-01', to: '2027-12-31', rate: 6, normalRate: 12 } as const;

/**
 * The rate for a category on a date (ISO).
 *
 * ```ts
 * vatRateOn('food', '2026-03-31') // 12
 * vatRateOn('food', '2026-04-01') // 6
 * ```
 */
export function vatRateOn(category: VatCategory, date: string): VatRate {
  switch (category) {
    case 'general':
      return 25;
    case 'food':
      return date >= FOOD_VAT_CUT.from && date <= FOOD_VAT_CUT.to ? FOOD_VAT_CUT.rate : FOOD_VAT_CUT.normalRate;
    case 'accommodation':
      return 12;
    case 'reduced':
      return 6;
    case 'exempt':
      return 0;
  }
}

/**
 * Moves a rate learned on one date to another date: a 12 % food booking learned before
 * 2026-04-01 is suggested at 6 % inside the cut period, and back at 12 % after it.
 */
export function carryRate(rate: VatRate, category: VatCategory, date: string): VatRate {
  if (category !== 'food') return rate;
  if (rate !== FOOD_VAT_CUT.normalRate && rate !== FOOD_VAT_CUT.rate) return rate;
  return vatRateOn('food', date);
}

/** Output VAT on domestic sales, by rate (2611/2621/2631). */
export const OUTPUT_VAT_ACCOUNTS: Readonly<Record<Exclude<VatRate, 0>, AccountNo>> = { 25: '2611', 12: '2621', 6: '2631' };
/** Output VAT for reverse charge (boxes 30–32), by rate. */
export const REVERSE_OUTPUT_VAT_ACCOUNTS: Readonly<Record<Exclude<VatRate, 0>, AccountNo>> = { 25: '2614', 12: '2624', 6: '2634' };
/** Output VAT on imports (boxes 60–62), by rate. */
export const IMPORT_OUTPUT_VAT_ACCOUNTS: Readonly<Record<Exclude<VatRate, 0>, AccountNo>> = { 25: '2615', 12: '2625', 6: '2635' };
/** Debiterad ingående moms (domestic purchases). */
export const INPUT_VAT_ACCOUNT: AccountNo = '2641';
/** Beräknad ingående moms på förvärv från utlandet. */
export const FOREIGN_INPUT_VAT_ACCOUNT: AccountNo = '2645';
/** Ingående moms, omvänd betalningsskyldighet i Sverige. */
export const DOMESTIC_REVERSE_INPUT_VAT_ACCOUNT: AccountNo = '2647';

/**
 * The VAT accounts BAS uses for a mode, rate and direction: one account for `standard`/`half`,
 * [input, output] for reverse charge and import, none for `none` or rate 0.
 *
 * ```ts
 * defaultVatAccounts('reverse-eu-services', 25, 'out') // ['2645', '2614']
 * ```
 */
export function defaultVatAccounts(mode: VatMode, rate: VatRate, direction: Direction): readonly AccountNo[] {
  if (mode === 'none' || rate === 0) return [];
  switch (mode) {
    case 'standard':
    case 'half':
      return direction === 'out' ? [INPUT_VAT_ACCOUNT] : [OUTPUT_VAT_ACCOUNTS[rate]];
    case 'reverse-domestic':
      return [DOMESTIC_REVERSE_INPUT_VAT_ACCOUNT, REVERSE_OUTPUT_VAT_ACCOUNTS[rate]];
    case 'reverse-eu-goods':
    case 'reverse-eu-services':
    case 'reverse-non-eu-services':
      return [FOREIGN_INPUT_VAT_ACCOUNT, REVERSE_OUTPUT_VAT_ACCOUNTS[rate]];
    case 'import':
      return [FOREIGN_INPUT_VAT_ACCOUNT, IMPORT_OUTPUT_VAT_ACCOUNTS[rate]];
  }
}

/** True for the reverse-charge and import modes, where the bank amount carries no VAT. */
export function isReverseMode(mode: VatMode): boolean {
  return mode !== 'standard' && mode !== 'half' && mode !== 'none';
}
