/**
 * Exact VAT arithmetic in öre: VAT is rounded once, the rest is the net, so rows always sum up.
 */
import { assertOre } from '../core/money.js';
import type { AccountNo, Direction, VatMode, VatRate, VoucherRow } from './types.js';
import { defaultVatAccounts, isReverseMode } from './rates.js';

/** `num / den` rounded half away from zero, for integers (den > 0). */
export function divRound(num: number, den: number): number {
  const sign = num < 0 ? -1 : 1;
  const abs = Math.abs(num);
  const q = Math.floor(abs / den);
  const r = abs - q * den;
  const result = sign * (r * 2 >= den ? q + 1 : q);
  return result === 0 ? 0 : result;
}

/**
 * Splits a gross amount that includes VAT at `rate` percent: VAT = round(gross·r/(100+r)),
 * net = gross − VAT. Works for negative amounts symmetrically.
 *
 * ```ts
 * splitVat(12500, 25) // { net: 10000, vat: 2500 }
 * splitVat(19500, 12) // { net: 17411, vat: 2089 }
 * ```
 */
export function splitVat(gross: number, rate: VatRate): { readonly net: number; readonly vat: number } {
  assertOre(gross);
  const vat = divRound(gross * rate, 100 + rate);
  return { net: gross - vat, vat };
}

/** What {@link vatRows} needs: the VAT part of a template, resolved for one booking. */
export interface VatBooking {
  readonly mode: VatMode;
  readonly rate: VatRate;
  /** Accounts to use; defaults from `defaultVatAccounts` when empty or missing. */
  readonly accounts?: readonly AccountNo[] | undefined;
}

/**
 * Given the total of the counter side (signed öre; e.g. +G for a purchase paid with −G from the
 * bank), returns the VAT rows and what is left for the cost/revenue rows. The VAT rows plus
 * `remaining` always equal `counterTotal` exactly.
 *
 * - `standard`: VAT inside the amount; `half`: half of that VAT (car leasing), rounded once.
 * - reverse charge / import: the bank amount has no VAT; a net-zero input/output pair is added at
 *   `rate` of the amount and `remaining` is the whole amount.
 *
 * ```ts
 * vatRows({ mode: 'standard', rate: 25 }, 12500, 'out') // { remaining: 10000, rows: [{ account: '2641', amount: 2500 }] }
 * ```
 */
export function vatRows(
  spec: VatBooking,
  counterTotal: number,
  direction: Direction,
): { readonly remaining: number; readonly rows: readonly VoucherRow[] } {
  assertOre(counterTotal);
  const accounts = spec.accounts !== undefined && spec.accounts.length > 0 ? spec.accounts : defaultVatAccounts(spec.mode, spec.rate, direction);
  if (spec.mode === 'none' || spec.rate === 0 || accounts.length === 0) return { remaining: counterTotal, rows: [] };
  const first = accounts[0] ?? '';
  if (isReverseMode(spec.mode)) {
    const vat = divRound(counterTotal * spec.rate, 100);
    const output = accounts[1] ?? first;
    if (vat === 0) return { remaining: counterTotal, rows: [] };
    return { remaining: counterTotal, rows: [{ account: first, amount: vat }, { account: output, amount: -vat }] };
  }
  const vat = spec.mode === 'half' ? divRound(counterTotal * spec.rate, 2 * (100 + spec.rate)) : splitVat(counterTotal, spec.rate).vat;
  if (vat === 0) return { remaining: counterTotal, rows: [] };
  return { remaining: counterTotal - vat, rows: [{ account: first, amount: vat }] };
}
