/**
 * Text output of the command line: aligned tables, amounts, the review CSV.
 *
 * @module
 */
import { formatKronor } from '../core/money.js';
import type { VoucherRow } from '../knowledge/types.js';
import type { Suggestion } from '../suggest/types.js';

/** Cuts `s` to `n` characters, marking the cut with `…`. */
export function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, Math.max(0, n - 1))}…` : s;
}

/** An aligned text table; `right` lists the columns aligned right. `widths` caps columns. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], options: { right?: readonly number[]; max?: readonly number[] } = {}): string {
  const right = new Set(options.right ?? []);
  const cells = [header, ...rows].map((r) => r.map((c, i) => cut(c, options.max?.[i] ?? 200)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `6540 129,10 · 2645 32,28` — the rows besides the bank row. */
export function rowsText(rows: readonly VoucherRow[], bankAccount: string): string {
  return rows
    .filter((r) => r.account !== bankAccount)
    .map((r) => `${r.account} ${formatKronor(r.amount)}`)
    .join(' · ');
}

/** What a suggestion amounts to for the bureau: booked automatically, or looked at first. */
export function action(s: Suggestion): 'auto' | 'review' {
  return s.voucher !== null && s.autoBook ? 'auto' : 'review';
}

/** Amount in kronor with a decimal comma and no thousands separator, as Swedish Excel reads it. */
export function excelAmount(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const a = Math.abs(ore);
  return `${sign}${Math.trunc(a / 100)},${String(a % 100).padStart(2, '0')}`;
}

/**
 * One CSV field for Excel (`;`-separated): quoted when it holds `;`, `"` or a line break, and a
 * text starting with `=`, `+`, `@` or a tab gets a leading `'` so Excel never runs it as a formula.
 */
export function csvField(value: string, text = true): string {
  const safe = text && /^[=+@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV file as Excel opens it: UTF-8 with BOM, `;` between fields, CRLF line ends. */
export function excelCsv(header: readonly string[], rows: readonly (readonly { value: string; text: boolean }[])[]): Uint8Array {
  const lines = [header.map((h) => csvField(h)).join(';'), ...rows.map((r) => r.map((c) => csvField(c.value, c.text)).join(';'))];
  return new TextEncoder().encode(`\ufeff${lines.join('\r\n')}\r\n`);
}
