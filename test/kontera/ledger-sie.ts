/**
 * SIE text of a small customer ledger for the open-item tests: invoices, payments and credit notes
 * as one-line tuples, written as a 4E file of one fiscal year (invented company and customers).
 */
import type { OpenItem } from '../../src/openitems/types.js';

export type Row = readonly [account: string, kronor: number];
export type Ver = readonly [series: string, number: string, date: string, text: string, rows: readonly Row[]];

/** A SIE 4 file of fiscal year `year` generated on `gen` (YYYYMMDD), without balances: the vouchers only. */
export function sieFile(gen: string, vouchers: readonly Ver[], year = '2026'): string {
  const lines = ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#PROGRAM "Bokföringsprogram" 1.0', `#GEN ${gen}`, '#FNAMN "Norrbackens Verkstad AB"', `#RAR 0 ${year}0101 ${year}1231`, '#KONTO 1510 "Kundfordringar"', '#KONTO 1930 "Företagskonto"'];
  for (const [series, number, date, text, rows] of vouchers) {
    lines.push(`#VER ${series} ${number === '' ? '""' : number} ${date} "${text}"`, '{', ...rows.map(([a, kr]) => `#TRANS ${a} {} ${kr.toFixed(2)}`), '}');
  }
  return lines.join('\r\n') + '\r\n';
}

/** The rows of a customer invoice of `kr` kronor with 25 % VAT. */
export const sale = (kr: number): Row[] => [['1510', kr], ['3001', -kr * 0.8], ['2611', -kr * 0.2]];

/** The ledger as a bookkeeper reads it: invoice, worth, open, and what settled it (date, amount). */
export function summary(items: readonly OpenItem[]): string[] {
  return items.map((i) => `${i.series} ${i.number} ${i.date} ${i.amount} open ${i.open}: ${i.settlements.map((s) => `${s.origin} ${s.date} ${s.amount}`).sort().join(', ')}`).sort();
}
