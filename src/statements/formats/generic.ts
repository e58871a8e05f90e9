/**
 * The generic path: any delimited bank export no known format claims. Without `columns` it is
 * read by what its header says (`header.ts`); with `columns` the caller's mapping decides.
 * Detection scores it only when no known format matched: {@link HEADER_READER_SCORE} when the
 * synonym table finds a date and an amount column in a header row, else a low score that never
 * wins (a table with date-like and amount-like cells but no header it understands).
 */
import { InvalidOptionError, StatementParseError } from '../../core/errors.js';
import { DATE_PATTERNS, parseDate } from '../../core/dates.js';
import { headLines, splitCells } from '../csv.js';
import { GENERIC_STYLES, type Head, type ParseContext, type RawStatement, type StatementFormat, STYLE, normalizeHeaderCell } from '../format.js';
import { type ColumnRole, type ColumnSpec, type HeaderMatch, parseTable, tryAmount } from '../table.js';
import type { ColumnMapping } from '../types.js';
import { MIN_MARGIN_FOR_FALLBACK, MIN_SCORE_FOR_FALLBACK } from './fallback.js';
import { detectFixedTable, fixedWidthAsTable } from '../fixed-width.js';
import { readInSections } from '../sections.js';
import { MAX_PREAMBLE, balanceRowOf, findHeaderRow, htmlAsTable, joinTwoRowHeader } from './header.js';

const DELIMITERS = [';', ',', '\t', '|'] as const;
/** Score of a plain table whose header the synonym table does not understand: listed, never auto-chosen. */
const GENERIC_SCORE = 0.3;
/**
 * Score of a table whose header names a date and an amount: just enough to be chosen, and (since it
 * is only scored when every known format is below the detection threshold) always by a clear margin.
 */
export const HEADER_READER_SCORE = MIN_SCORE_FOR_FALLBACK + MIN_MARGIN_FOR_FALLBACK;

/** The delimiter that splits the most lines into the same number (≥ 2) of cells. */
export function sniffDelimiter(lines: readonly string[]): { delimiter: string; width: number } | undefined {
  let best: { delimiter: string; width: number; agree: number } | undefined;
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 20);
  for (const d of DELIMITERS) {
    const widths = new Map<number, number>();
    for (const l of sample) {
      const w = splitCells(l, d).length;
      if (w >= 2) widths.set(w, (widths.get(w) ?? 0) + 1);
    }
    for (const [width, agree] of widths) {
      if (!best || agree > best.agree || (agree === best.agree && width > best.width)) best = { delimiter: d, width, agree };
    }
  }
  return best && best.agree >= Math.min(2, sample.length) ? { delimiter: best.delimiter, width: best.width } : undefined;
}

const ALL_STYLES = [STYLE.comma, STYLE.dot, STYLE.commaDot, STYLE.dotComma, STYLE.dotSpace];

function looksLikeTable(lines: readonly string[]): boolean {
  const sniff = sniffDelimiter(lines);
  if (!sniff) return false;
  const rows = lines.filter((l) => l.trim() !== '').map((l) => splitCells(l, sniff.delimiter));
  const dataRows = rows.filter((cells) => cells.some((c) => DATE_PATTERNS.some((p) => parseDate(c, p) !== undefined)));
  return dataRows.length > 0 && dataRows.every((cells) => cells.some((c) => /\d/.test(c) && ALL_STYLES.some((s) => tryAmount(s, c))));
}

export const genericCsv: StatementFormat = {
  id: 'generic-csv',
  bank: 'Unknown bank',
  detect(head: Head): number {
    const lines = /<table/i.test(head.text) ? headLines(htmlAsTable(head.text), 40) : head.lines;
    if (findHeaderRow(lines) !== undefined) return HEADER_READER_SCORE;
    // A column-aligned text table whose header names a date and an amount.
    if (detectFixedTable(lines)) return HEADER_READER_SCORE;
    return looksLikeTable(lines) ? GENERIC_SCORE : 0;
  },
  parse(source: string, ctx: ParseContext): RawStatement {
    const table = joinTwoRowHeader(htmlAsTable(source));
    // A column-aligned table (no delimiter) is read as the TAB-separated table it stands for.
    const text = findHeaderRow(headLines(table, MAX_PREAMBLE + 6)) === undefined ? (fixedWidthAsTable(table, ctx.file) ?? table) : table;
    const mapping = ctx.columns;
    if (!mapping) return readInSections(text, ctx, 'Unknown bank');
    const lines = headLines(text, 40);
    const sniff = sniffDelimiter(lines);
    if (!sniff) throw new StatementParseError('UNKNOWN_FORMAT', 'Not a delimited table: no delimiter (; , TAB |) splits the lines consistently', { file: ctx.file });
    const entries = mappingEntries(mapping);
    const named = entries.some(([, ref]) => typeof ref === 'string');
    let index = -1;
    let names: string[] = [];
    const map = new Map<ColumnRole, number>();
    if (named) {
      for (let i = 0; i < lines.length && index < 0; i++) {
        const cells = splitCells(lines[i] ?? '', sniff.delimiter);
        const norm = cells.map(normalizeHeaderCell);
        if (entries.every(([, ref]) => typeof ref === 'number' || norm.includes(normalizeHeaderCell(ref)))) {
          index = i;
          names = cells.map((c) => c.trim());
        }
      }
      if (index < 0) {
        const wanted = entries.filter(([, ref]) => typeof ref === 'string').map(([, ref]) => `"${String(ref)}"`);
        throw new StatementParseError('MISSING_COLUMN', `Missing column: expected a header row with ${wanted.join(', ')}`, { file: ctx.file });
      }
      const norm = names.map(normalizeHeaderCell);
      for (const [role, ref] of entries) map.set(role, typeof ref === 'number' ? ref : norm.indexOf(normalizeHeaderCell(ref)));
    } else {
      for (const [role, ref] of entries) map.set(role, ref as number);
      const first = lines.findIndex((l) => l.trim() !== '');
      const dateCol = map.get('date') ?? 0;
      const firstDate = (splitCells(lines[first] ?? '', sniff.delimiter)[dateCol] ?? '').trim();
      const isHeader = !DATE_PATTERNS.some((p) => parseDate(firstDate, p) !== undefined);
      index = first;
      names = isHeader ? splitCells(lines[first] ?? '', sniff.delimiter).map((c) => c.trim()) : [];
      if (!isHeader) {
        const header: HeaderMatch = { index, hasHeader: false, delimiter: sniff.delimiter, score: 1, map, names: [...map.keys()], width: sniff.width };
        return parseTable(genericSpec, text, header, ctx);
      }
    }
    for (const [role, i] of map) {
      if (i < 0 || i >= Math.max(sniff.width, names.length)) {
        throw new InvalidOptionError(`columns.${role} points at column ${i}, but the file has ${Math.max(sniff.width, names.length)} columns`, { file: ctx.file });
      }
    }
    const header: HeaderMatch = { index, delimiter: sniff.delimiter, score: 1, map, names, width: Math.max(names.length, 1) };
    return parseTable(genericSpec, text, header, ctx);
  },
};

const genericSpec = {
  id: 'generic-csv',
  bank: 'Unknown bank',
  delimiters: DELIMITERS,
  columns: [] as ColumnSpec[],
  amountStyles: GENERIC_STYLES,
  datePatterns: DATE_PATTERNS,
  balanceRow: balanceRowOf,
  padShortRows: true,
} as const;

function mappingEntries(m: ColumnMapping): [ColumnRole, number | string][] {
  const out: [ColumnRole, number | string][] = [['date', m.date]];
  if (m.amount !== undefined) out.push(['amount', m.amount]);
  if (m.credit !== undefined) out.push(['credit', m.credit]);
  if (m.debit !== undefined) out.push(['debit', m.debit]);
  if (m.amount === undefined && m.credit === undefined && m.debit === undefined) {
    throw new InvalidOptionError('columns must name `amount`, or `credit` and `debit`');
  }
  const texts = Array.isArray(m.text) ? (m.text as readonly (number | string)[]) : [m.text as number | string];
  const [mainText, ...rest] = texts;
  if (mainText === undefined) throw new InvalidOptionError('columns.text must name at least one column');
  out.push(['text', mainText]);
  if (rest[0] !== undefined) out.push(['counterparty', rest[0]]);
  if (m.balance !== undefined) out.push(['balance', m.balance]);
  if (m.valueDate !== undefined) out.push(['valueDate', m.valueDate]);
  if (m.reference !== undefined) out.push(['reference', m.reference]);
  if (m.counterparty !== undefined) out.push(['counterparty', m.counterparty]);
  if (m.sign !== undefined) out.push(['sign', m.sign]);
  if (m.fee !== undefined) out.push(['fee', m.fee]);
  if (m.net !== undefined) out.push(['net', m.net]);
  return out;
}
