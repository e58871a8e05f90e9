/**
 * Swedbank and the Sparbanker on its platform. Four generations are in use:
 * - `swedbank-csv` (2019–): `* Transaktioner Period …` preamble, comma-delimited, Windows-1252,
 *   `Radnummer,Clearingnummer,…,Belopp,Bokfört saldo`, decimal point (formats.md §3.2; corpus
 *   samples 6–7).
 * - `swedbank-fixed-2015`: "Sökta transaktioner" with a space-aligned table (corpus samples 2–3).
 * - `swedbank-tab-2015`: header-less `YY-MM-DD<TAB>YY-MM-DD<TAB>text<TAB>belopp<TAB>saldo`,
 *   also seen with runs of spaces instead of tabs (corpus samples 1 and 4).
 * - `swedbank-short-2017`: header-less `TEXT;YYYY-MM-DD;belopp;saldo` (corpus sample 5) and the
 *   2019 five-column `Text;Date;Date;belopp;saldo` (bank2ynab `[SE Swedbank 2019]`).
 */
import { StatementParseError } from '../../core/errors.js';
import { parseDate } from '../../core/dates.js';
import { splitLines } from '../csv.js';
import { type Head, type ParseContext, type RawRow, type RawStatement, type RowProblem, type StatementFormat, STYLE, WORKBOOK_DELIMITER, amountAt, normalizeHeaderCell } from '../format.js';
import { defineTableFormat } from '../table.js';
import { readJoinedRows } from '../sections.js';
import { findHeaderRow } from './header.js';

const SWEDBANK = 'Swedbank';
/**
 * `* Transaktioner Period 2020-01-01–2020-02-02 Skapad 2020-02-02 20:35 +01:00` (dash or underscore),
 * and the business online bank's `* Transaktionsrapport Period … Skapad …`.
 */
const CSV_PREAMBLE = /^\*\s*transaktion(?:er|srapport)\s+period\s+\d{4}-\d{2}-\d{2}/i;

export const swedbankCsv: StatementFormat = defineTableFormat({
  id: 'swedbank-csv',
  bank: SWEDBANK,
  delimiters: [',', ';', '\t'],
  columns: [
    { role: 'ignore', names: ['radnummer', 'radnr'] },
    { role: 'clearing', names: ['clearingnummer', 'clnr'] },
    { role: 'account', names: ['kontonummer', 'kontonr'] },
    { role: 'ignore', names: ['produkt'] },
    { role: 'currency', names: ['valuta'] },
    { role: 'date', names: ['bokföringsdag', 'bokfdag'] },
    // The purchase date is what a bookkeeper dates a card receipt by; Valutadag adds nothing to it.
    { role: 'valueDate', names: ['transaktionsdag', 'transdag'] },
    { role: 'ignore', names: ['valutadag'] },
    { role: 'counterparty', names: ['referens'] },
    { role: 'text', names: ['beskrivning', 'text'] },
    { role: 'amount', names: ['belopp'] },
    { role: 'balance', names: ['bokfört saldo', 'saldo'], required: false },
  ],
  amountStyles: [STYLE.dot, STYLE.comma],
  datePatterns: ['YYYY-MM-DD', 'YYYY/MM/DD'],
  maxPreambleLines: 3,
  preambleScore: (pre) => (pre.length === 0 || pre.some((l) => CSV_PREAMBLE.test(l.trim())) ? 1 : 0.9),
});

function money(raw: string, line: number, field: string, ctx: ParseContext): number {
  return amountAt(raw, STYLE.comma, ctx, line, field);
}

function day(raw: string, line: number, field: string, ctx: ParseContext, pattern: 'YY-MM-DD' | 'YYYY-MM-DD'): string {
  // In a workbook a `15-01-05` cell became a date cell, written ISO.
  const iso = parseDate(raw, pattern) ?? (ctx.workbook === true ? parseDate(raw, 'YYYY-MM-DD') : undefined);
  if (iso === undefined) {
    throw new StatementParseError('INVALID_DATE', `Invalid date: expected ${pattern}, got ${JSON.stringify(raw)}`, { file: ctx.file, line, field });
  }
  return iso;
}

/** Runs a per-line parser over data lines `from` to `to` (indexes) into the sink, collecting problems in lenient mode. */
function eachLine(lines: readonly string[], from: number, ctx: ParseContext, fn: (line: string, lineNo: number) => RawRow | undefined, to = lines.length): { skipped: RowProblem[] } {
  const skipped: RowProblem[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    try {
      const row = fn(line, i + 1);
      if (row) ctx.sink.add(row);
    } catch (e) {
      if (ctx.lenient && e instanceof StatementParseError) skipped.push({ line: i + 1, error: e });
      else throw e;
    }
  }
  return { skipped };
}

const FIXED_COLUMNS = ['clnr', 'kontonr', 'konto', 'valuta', 'bokföringsdatum', 'transaktionsdatum', 'referens', 'kontohändelse', 'belopp'] as const;
const SOKTA = /^\*\s*sökta transaktioner/i;

function isFixedHeader(line: string): boolean {
  const cells = line.trim().split(/\s+/).map(normalizeHeaderCell);
  return cells.length === FIXED_COLUMNS.length && FIXED_COLUMNS.every((c, k) => cells[k] === c);
}

function findFixedHeader(lines: readonly string[]): number {
  for (let i = 0; i < Math.min(lines.length, 12); i++) if (isFixedHeader(lines[i] ?? '')) return i;
  return -1;
}

/** Lines above an export's header, at most: the `* Sökta transaktioner` line, `Transaktionstyp …` and blanks. */
const FIXED_PREAMBLE = 8;

/**
 * Where each export starts in a file of `Sökta transaktioner` exports joined end to end (`cat`):
 * its header, and its `* Sökta transaktioner` line when one is among the few lines above. Each
 * export has its own column widths, taken from its own header.
 */
function fixedExports(lines: readonly string[], first: number): { start: number; header: number }[] {
  const out: { start: number; header: number }[] = [];
  for (let i = first; i < lines.length; i++) {
    const line = lines[i] as string;
    // Cheap test first: a header line starts with `Clnr`.
    if (!/^\s*clnr\s/i.test(line) || !isFixedHeader(line)) continue;
    let start = i;
    const floor = Math.max(out.length === 0 ? 0 : (out[out.length - 1] as { header: number }).header + 1, i - FIXED_PREAMBLE);
    for (let j = i - 1; j >= floor; j--) if (SOKTA.test((lines[j] as string).trim())) start = j;
    out.push({ start, header: i });
  }
  return out;
}

export const swedbankFixed2015: StatementFormat = {
  id: 'swedbank-fixed-2015',
  bank: SWEDBANK,
  detect(head: Head): number {
    const i = findFixedHeader(head.lines);
    if (i < 0) return 0;
    return head.lines.slice(0, i).some((l) => SOKTA.test(l.trim())) ? 1 : 0.9;
  },
  parse(text: string, ctx: ParseContext): RawStatement {
    const lines = splitLines(text);
    const h = findFixedHeader(lines);
    if (h < 0) throw new StatementParseError('UNKNOWN_FORMAT', 'Not a Swedbank "Sökta transaktioner" export: header row not found', { file: ctx.file });
    const exports = fixedExports(lines, h);
    const skipped: RowProblem[] = [];
    exports.forEach((e, k) => {
      const end = k + 1 < exports.length ? (exports[k + 1] as { start: number }).start : lines.length;
      skipped.push(...readFixedRows(lines, e.header, end, ctx).skipped);
    });
    if (exports.length < 2) return { skipped };
    // Each export a section: `finish.ts` reads the lines two exports of overlapping periods hold once.
    return { skipped, sections: exports.map((e) => ({ line: e.start + 1, headerLine: e.header + 1, heading: '' })) };
  },
};

/** The rows under the header on line index `h`, up to line index `end`. */
function readFixedRows(lines: readonly string[], h: number, end: number, ctx: ParseContext): { skipped: RowProblem[] } {
  const header = lines[h] as string;
  // Column starts come from the header; texts may contain single spaces, so slice by position.
  const starts = FIXED_COLUMNS.map((name) => header.toLowerCase().search(new RegExp(`(?<=^|\\s)${name}(?=\\s|$)`, 'u')));
  const [clnrAt, kontonrAt, kontoAt, valutaAt, bokfAt, transAt, refAt, handAt] = starts as [number, number, number, number, number, number, number, number];
  return eachLine(lines, h + 1, ctx, (line, no) => {
    const slice = (a: number, b: number): string => line.slice(a, b).trim();
    // The amount is right-aligned under "Belopp" and may start left of it: take it from the end.
    const tail = line.slice(handAt);
    const m = splitTrailingAmount(tail);
    if (!m) {
      throw new StatementParseError('COLUMN_COUNT', 'Wrong row: expected "Kontohändelse" text followed by an amount', { file: ctx.file, line: no, field: 'Belopp' });
    }
    const { hand, amount: amountRaw } = m;
    const amount = money(amountRaw, no, 'Belopp', ctx);
    const clnr = slice(clnrAt, kontonrAt);
    const kontonr = slice(kontonrAt, kontoAt);
    const account = clnr !== '' ? `${clnr}-${kontonr}` : kontonr;
    const ref = slice(refAt, handAt);
    const handelse = hand.trim();
    const date = day(slice(bokfAt, transAt), no, 'Bokföringsdatum', ctx, 'YY-MM-DD');
    const valueDate = day(slice(transAt, refAt), no, 'Transaktionsdatum', ctx, 'YY-MM-DD');
    return {
      line: no,
      date,
      valueDate: valueDate !== date ? valueDate : undefined,
      amount,
      text: handelse !== '' ? handelse : ref,
      counterparty: ref !== '' && ref !== handelse ? ref : undefined,
      typeText: handelse || undefined,
      currency: slice(valutaAt, bokfAt) || undefined,
      account,
    };
  }, end);
}

const BLANK = /\s/;
const GROUP = /^\d{3}$/;
const LAST_GROUP = /^\d{3},\d{2}$/;

/**
 * Splits "text   1 234,50" into the text and the amount at its end: the amount is the last word,
 * extended to the left over single-space groups of three digits (`12 345 678,00`). Done by a scan
 * from the end instead of `^(.*?)\s+(\S+(?: \d{3})*,\d{2}|\S+)\s*$`, which retries a long run of
 * blanks from every start (60 000 blanks took 4 s). Undefined when there is no blank before an amount.
 * @internal
 */
export function splitTrailingAmount(tail: string): { hand: string; amount: string } | undefined {
  let end = tail.length;
  while (end > 0 && BLANK.test(tail.charAt(end - 1))) end--;
  // Words from the end: [start, end) of each, with the blank run before it.
  let start = end;
  while (start > 0 && !BLANK.test(tail.charAt(start - 1))) start--;
  if (start === end || start === 0) return undefined;
  let amountStart = start;
  if (LAST_GROUP.test(tail.slice(start, end))) {
    // Extend over " ddd" groups: each step needs exactly one space, then a word.
    let wordStart = start;
    for (;;) {
      if (wordStart < 2 || tail.charAt(wordStart - 1) !== ' ' || BLANK.test(tail.charAt(wordStart - 2))) break;
      const wordEnd = wordStart - 1;
      let ws = wordEnd;
      while (ws > 0 && !BLANK.test(tail.charAt(ws - 1))) ws--;
      if (ws === 0) break; // the amount needs a blank and a text (maybe empty) before it
      amountStart = ws;
      if (!GROUP.test(tail.slice(ws, wordEnd))) break; // any word may lead the amount, only groups may follow it
      wordStart = ws;
    }
  }
  let handEnd = amountStart;
  while (handEnd > 0 && BLANK.test(tail.charAt(handEnd - 1))) handEnd--;
  return { hand: tail.slice(0, handEnd), amount: tail.slice(amountStart, end) };
}

/** `15-01-05<TAB>15-01-03 <TAB>PATREON.COM <TAB>-8,02 <TAB>6 560,18`, or runs of 2+ spaces. */
const TAB_ROW = /^\d{2}-\d{2}-\d{2}(?:\t| {2,})\s*\d{2}-\d{2}-\d{2}\s*(?:\t| {2,})/;
/** The same row in a workbook re-save (see `Head.workbook`): the two dates became ISO date cells. */
const WORKBOOK_TAB_ROW = /^\d{4}-\d{2}-\d{2}\t\d{4}-\d{2}-\d{2}\t/;

/**
 * Cells of a tab row: a blank run holding a tab separates cells, and so does a run of 2+ spaces
 * (as splitting on `\s*\t\s*| {2,}` would, in linear time: that expression retries each blank run
 * from every start).
 * @internal
 */
export function splitTabRow(line: string): string[] {
  const s = line.trim();
  const cells: string[] = [];
  let cell = '';
  let i = 0;
  while (i < s.length) {
    if (!BLANK.test(s.charAt(i))) {
      cell += s.charAt(i++);
      continue;
    }
    let j = i;
    while (j < s.length && BLANK.test(s.charAt(j))) j++;
    const run = s.slice(i, j);
    if (run.includes('\t')) {
      cells.push(cell);
      cell = '';
    } else {
      // Split at each run of 2+ spaces inside the blank run; other blanks stay in the cell.
      const parts = run.split(/ {2,}/);
      cell += parts[0] as string;
      for (let k = 1; k < parts.length; k++) {
        cells.push(cell);
        cell = parts[k] as string;
      }
    }
    i = j;
  }
  cells.push(cell);
  return cells;
}

export const swedbankTab2015: StatementFormat = {
  id: 'swedbank-tab-2015',
  bank: SWEDBANK,
  detect(head: Head): number {
    const lines = head.lines.filter((l) => l.trim() !== '');
    if (lines.length === 0) return 0;
    const ok = lines.filter((l) => (TAB_ROW.test(l) || (head.workbook === true && WORKBOOK_TAB_ROW.test(l))) && splitTabRow(l).length === 5).length;
    // Header-less: every sampled line must have the shape; one odd line is a row error, not another format.
    return ok >= Math.max(1, lines.length - 1) ? 0.8 : 0;
  },
  parse(text: string, ctx: ParseContext): RawStatement {
    const lines = splitLines(text);
    return readJoinedRows(ctx, (c) => eachLine(lines, 0, c, (line, no) => {
      const cells = splitTabRow(line);
      if (cells.length !== 5) {
        throw new StatementParseError(
          'COLUMN_COUNT',
          `Wrong number of fields: expected 5 (bokföringsdag, transaktionsdag, text, belopp, saldo) separated by a tab or 2+ spaces, found ${cells.length}`,
          { file: ctx.file, line: no },
        );
      }
      const [bokf = '', trans = '', t = '', belopp = '', saldo = ''] = cells;
      const date = day(bokf, no, 'bokföringsdag', ctx, 'YY-MM-DD');
      const valueDate = day(trans, no, 'transaktionsdag', ctx, 'YY-MM-DD');
      return {
        line: no,
        date,
        valueDate: valueDate !== date ? valueDate : undefined,
        amount: money(belopp, no, 'belopp', ctx),
        balance: money(saldo, no, 'saldo', ctx),
        text: t,
      };
    }));
  },
};

/** `PRESSBYRÅN;2017-11-16;-512,00;10 635,40` or `Text;2019-01-02;2019-01-02;-28,00;24 207,40`. */
const SHORT_ROW = /^[^;]*;\d{4}-\d{2}-\d{2};(?:\d{4}-\d{2}-\d{2};)?[-−]?\d[\d  ]*,\d{2};[-−]?\d[\d  ]*,\d{2};?$/;
/** The same row in a workbook re-save: TABs, and the amounts numeric cells (`-512`, `10635.40`). */
const WORKBOOK_SHORT_ROW = /^[^\t]*\t\d{4}-\d{2}-\d{2}\t(?:\d{4}-\d{2}-\d{2}\t)?-?\d+(?:\.\d{1,2})?\t-?\d+(?:\.\d{1,2})?$/;

export const swedbankShort2017: StatementFormat = {
  id: 'swedbank-short-2017',
  bank: SWEDBANK,
  detect(head: Head): number {
    const lines = head.lines.filter((l) => l.trim() !== '');
    if (lines.length === 0) return 0;
    const row = head.workbook === true ? WORKBOOK_SHORT_ROW : SHORT_ROW;
    const ok = lines.filter((l) => row.test(l.trim())).length;
    // The one line allowed not to match must not be a header naming the columns: that is a table
    // with a header (read by its header), not this header-less export.
    const first = lines[0] as string;
    if (!row.test(first.trim()) && findHeaderRow([first, ...lines.slice(1, 3)])?.index === 0) return 0;
    return ok >= Math.max(1, lines.length - 1) ? 0.75 : 0;
  },
  parse(text: string, ctx: ParseContext): RawStatement {
    const lines = splitLines(text);
    return readJoinedRows(ctx, (c) => eachLine(lines, 0, c, (line, no) => {
      const cells = ctx.workbook === true ? line.trim().split(WORKBOOK_DELIMITER) : line.trim().replace(/;$/, '').split(';');
      if (cells.length !== 4 && cells.length !== 5) {
        throw new StatementParseError('COLUMN_COUNT', `Wrong number of fields: expected 4 (text;datum;belopp;saldo) or 5, found ${cells.length}`, { file: ctx.file, line: no });
      }
      const five = cells.length === 5;
      const t = (cells[0] ?? '').trim();
      const date = day(cells[1] ?? '', no, 'datum', ctx, 'YYYY-MM-DD');
      const valueDate = five ? day(cells[2] ?? '', no, 'datum 2', ctx, 'YYYY-MM-DD') : undefined;
      return {
        line: no,
        date,
        valueDate: valueDate !== date ? valueDate : undefined,
        amount: money(cells[five ? 3 : 2] ?? '', no, 'belopp', ctx),
        balance: money(cells[five ? 4 : 3] ?? '', no, 'saldo', ctx),
        text: t,
      };
    }));
  },
};
