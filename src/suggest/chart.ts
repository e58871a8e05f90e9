/**
 * Keeping suggestions inside a client's chart of accounts: an account the client lacks maps to the
 * nearest account of the same BAS main account (three digits), else the same group (two digits).
 */
import type { AccountNo } from '../knowledge/types.js';

/** Result of {@link nearestInChart}. */
export type ChartMapping =
  | { readonly account: AccountNo; readonly mapped: false }
  | { readonly account: AccountNo; readonly mapped: true; readonly from: AccountNo; readonly level: 'main' | 'group' }
  | null;

/**
 * The account to use in a chart: itself when the chart has it (or no chart is known), else the
 * numerically nearest account with the same first three, then two digits; null when the group is
 * empty in the chart.
 *
 * ```ts
 * nearestInChart('5800', new Set(['5810', '5611'])) // { account: '5810', mapped: true, from: '5800', level: 'main' }
 * ```
 */
export function nearestInChart(account: AccountNo, chart: ReadonlySet<AccountNo> | undefined): ChartMapping {
  if (chart === undefined || chart.has(account)) return { account, mapped: false };
  const n = Number(account);
  for (const level of ['main', 'group'] as const) {
    const prefix = account.slice(0, level === 'main' ? 3 : 2);
    let best: AccountNo | undefined;
    for (const c of chart) {
      if (c.length !== account.length || !c.startsWith(prefix)) continue;
      if (best === undefined || Math.abs(Number(c) - n) < Math.abs(Number(best) - n) || (Math.abs(Number(c) - n) === Math.abs(Number(best) - n) && c < best)) best = c;
    }
    if (best !== undefined) return { account: best, mapped: true, from: account, level };
  }
  return null;
}
