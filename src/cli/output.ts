/**
 * Text output of the command line: aligned tables, amounts, the review CSV.
 *
 * @module
 */
import { formatKronor } from '../core/money.js';
import type { VoucherRow } from '../knowledge/types.js';

/** Cuts `s` to `n` characters, marking the cut with `…`. */
export function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, Math.max(0, n - 1))}…` : s;
}

/** Options of {@link table}. */
export interface TableOptions {
  /** Columns aligned right. */
  readonly right?: readonly number[] | undefined;
  /** Width the table must fit (a terminal's); undefined for no limit. */
  readonly width?: number | undefined;
  /** Columns that may be cut (with `…`) to fit `width`, in the order they give way; others stay whole. */
  readonly shrink?: readonly number[] | undefined;
  /** Applied to each padded cell after layout (colour codes take no width). */
  readonly decorate?: ((cell: string, column: number) => string) | undefined;
}

/** Narrowest a shrinking column gets. */
const MIN_SHRUNK = 8;
const GAP = 2;

/**
 * An aligned text table. With `width`, the `shrink` columns are cut, widest first, until each line
 * fits; nothing else is cut.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const right = new Set(options.right ?? []);
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  if (options.width !== undefined) {
    const total = (): number => widths.reduce((s, w) => s + w, 0) + GAP * (widths.length - 1);
    const shrink = options.shrink ?? [];
    while (total() > options.width) {
      const i = shrink.filter((c) => (widths[c] ?? 0) > MIN_SHRUNK).sort((a, b) => (widths[b] ?? 0) - (widths[a] ?? 0))[0];
      if (i === undefined) break;
      widths[i] = Math.max(MIN_SHRUNK, (widths[i] ?? 0) - (total() - options.width));
    }
  }
  const decorate = options.decorate ?? ((c: string) => c);
  return all
    .map((r, ri) =>
      r
        .map((c, i) => {
          const text = cut(c, widths[i] ?? c.length);
          const padded = right.has(i) ? text.padStart(widths[i] ?? 0) : i === r.length - 1 ? text : text.padEnd(widths[i] ?? 0);
          return ri === 0 ? padded : decorate(padded, i);
        })
        .join(' '.repeat(GAP))
        .trimEnd(),
    )
    .join('\n');
}

/** Word-wraps `text` to lines of at most `width` characters (a word longer than that is cut into pieces). */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(10, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((x) => x !== '')) {
    let rest = word;
    while (rest.length > w) {
      if (line !== '') lines.push(line);
      lines.push(rest.slice(0, w));
      rest = rest.slice(w);
      line = '';
    }
    if (line === '') line = rest;
    else if (line.length + 1 + rest.length <= w) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

const STYLES = { red: '31', green: '32', yellow: '33', dim: '2', bold: '1' } as const;

/** `text` in an ANSI style (callers decide whether colour is on). */
export function paint(style: keyof typeof STYLES, text: string): string {
  return `\u001b[${STYLES[style]}m${text}\u001b[0m`;
}

/** `6540 129,10 · 2645 32,28` — the rows besides the bank row. */
export function rowsText(rows: readonly VoucherRow[], bankAccount: string): string {
  return rows
    .filter((r) => r.account !== bankAccount)
    .map((r) => `${r.account} ${formatKronor(r.amount)}`)
    .join(' · ');
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
