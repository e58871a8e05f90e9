/**
 * Equipment that must be capitalised. Swedish tax law (inkomstskattelagen 18 kap. 4 §) lets a
 * business expense equipment at once only when it is of small value — less than half the price
 * base amount (prisbasbelopp) of the year, excluding VAT — or expected to last three years or
 * less. A bank line booked to a consumable-equipment account (BAS 5410 Förbrukningsinventarier,
 * 5411 … med en livslängd på mer än ett år) above that limit is therefore worth a look: it
 * probably belongs on 1220 Inventarier och verktyg (or 1250 Datorer) and is written off over
 * its life.
 *
 * The price base amounts are facts, fixed by the government each year (förordning om
 * prisbasbelopp; published by Statistics Sweden), in öre.
 */
import { formatKronor, sumOre } from '../core/money.js';
import type { AccountNo } from '../vat/types.js';

/** Prisbasbelopp by year, in öre. */
export const PRICE_BASE_AMOUNT: Readonly<Record<number, number>> = {
  2019: 4_650_000,
  2020: 4_730_000,
  2021: 4_760_000,
  2022: 4_830_000,
  2023: 5_250_000,
  2024: 5_730_000,
  2025: 5_880_000,
  2026: 5_920_000,
};

const YEARS = Object.keys(PRICE_BASE_AMOUNT).map(Number).sort((a, b) => a - b);

/**
 * Half the price base amount for the year of `date` (ISO), in öre: the limit below which
 * equipment may be expensed. A year outside the table takes the nearest year in it.
 */
export function smallValueLimit(date: string): number {
  const year = Number(date.slice(0, 4));
  const y = YEARS.find((x) => x === year) ?? (year < (YEARS[0] as number) ? (YEARS[0] as number) : (YEARS[YEARS.length - 1] as number));
  return Math.floor((PRICE_BASE_AMOUNT[y] as number) / 2);
}

/** Accounts that expense equipment as consumables (not 5412, which says it lasts a year or less). */
const EXPENSED_EQUIPMENT = new Set<AccountNo>(['5410', '5411']);

/**
 * The review reason for a voucher that expenses equipment above the small-value limit, or
 * undefined. `rows` are the voucher's rows (amounts in öre, debit positive).
 */
export function capitalisationReview(rows: readonly { readonly account: AccountNo; readonly amount: number }[], date: string): string | undefined {
  // Most vouchers have no such row: nothing is allocated for them.
  if (!rows.some((r) => EXPENSED_EQUIPMENT.has(r.account))) return undefined;
  const expensed = sumOre(rows.filter((r) => EXPENSED_EQUIPMENT.has(r.account)).map((r) => r.amount));
  const limit = smallValueLimit(date);
  if (expensed <= limit) return undefined;
  const kr = (ore: number): string => `${formatKronor(ore)} kr`;
  return `${kr(expensed)} excluding VAT is expensed as equipment, above half a price base amount (${kr(limit)} in ${date.slice(0, 4)}): equipment that lasts more than three years is capitalised (1220, or 1250 for computers).`;
}
