/**
 * Delimited-text reading: the only papaparse import. Papaparse reports a row index, not a line
 * (quoted newlines and skipped preamble make them differ), so this module keeps the 1-based
 * physical line of every record itself and turns papaparse's errors into our typed errors.
 */
import Papa from 'papaparse';
import { StatementParseError } from '../core/errors.js';
import { type Head, normalizeHeaderCell } from './format.js';

/** Splits text into physical lines (CRLF, LF or CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** Physical lines of the first `max` lines of a text, without splitting all of a large file. */
export function headLines(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < max && start <= text.length) {
    let end = start;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    out.push(text.slice(start, end));
    if (end >= text.length) break;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return out;
}

/** A {@link Head} over some lines, with memoised splitting. */
export function makeHead(lines: readonly string[], text = lines.join('\n'), workbook = false): Head {
  const split = new Map<string, string[]>();
  const normalized = new Map<string, string[]>();
  const head: Head = {
    lines,
    text,
    workbook,
    split(i: number, delimiter: string): string[] {
      const key = `${i}\u0000${delimiter}`;
      let cells = split.get(key);
      if (cells === undefined) {
        cells = splitCells(lines[i] ?? '', delimiter);
        split.set(key, cells);
      }
      return cells;
    },
    headerCells(i: number, delimiter: string): string[] {
      const key = `${i}\u0000${delimiter}`;
      let cells = normalized.get(key);
      if (cells === undefined) {
        cells = head.split(i, delimiter).map(normalizeHeaderCell);
        while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
        normalized.set(key, cells);
      }
      return cells;
    },
  };
  return head;
}

/** Character offset where physical line `line` (1-based) starts. */
export function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    let i = offset;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) break;
      i++;
    }
    if (i >= text.length) return text.length;
    offset = i + (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1);
  }
  return offset;
}

/** True when CR and LF occur other than as CRLF pairs: a CR not followed by LF, or an LF not after a CR. */
function hasMixedNewlines(text: string): boolean {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return true;
  }
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) !== 13) return true;
  }
  return false;
}

/** Splits one line on a delimiter, honouring double quotes (for header sniffing only). */
export function splitCells(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const result = Papa.parse<string[]>(line, { delimiter, quoteChar: '"', newline: '\n' });
  return result.data[0] ?? [''];
}

/** A quote error of papaparse, on the record that starts on `line`. */
class QuoteFailure {
  constructor(
    readonly line: number,
    readonly error: StatementParseError,
  ) {}
}

function unterminated(file: string | undefined, line: number, where: 'file' | 'field'): StatementParseError {
  return new StatementParseError('UNTERMINATED_QUOTE', `Unterminated quote: expected a closing " for the field that opens on this line, found the end of the ${where}`, { file, line });
}

/**
 * One physical line split on `delimiter` with quotes the writer did not escape read as text. Two
 * readings: `closer` takes a field that opens with `"` to the first quote before a delimiter or
 * the line end (`"Betalning "ICA" Nära"`), or, with none, to the next delimiter, quote included;
 * `bounded` takes it as quoted only when it also ends with `"` before the next delimiter
 * (`"ICA" Nära` is text, `"-120,00"` is quoted). `""` inside a quoted field is one quote.
 */
function relaxedCells(line: string, delimiter: string, reading: 'closer' | 'bounded'): RelaxedRow {
  const cells: string[] = [];
  let quoted = 0;
  let literal = false;
  let pos = 0;
  for (;;) {
    const next = line.indexOf(delimiter, pos);
    const fieldEnd = next < 0 ? line.length : next;
    if (line.charCodeAt(pos) === 34) {
      let close = -1;
      if (reading === 'closer') {
        for (let k = line.indexOf('"', pos + 1); k >= 0; k = line.indexOf('"', k + 1)) {
          if (line.charCodeAt(k + 1) === 34) {
            k++;
            continue;
          }
          if (k + 1 === line.length || line.startsWith(delimiter, k + 1)) {
            close = k;
            break;
          }
        }
      } else if (fieldEnd - pos >= 2 && line.charCodeAt(fieldEnd - 1) === 34) {
        close = fieldEnd - 1;
      }
      if (close >= 0) {
        cells.push(line.slice(pos + 1, close).replace(/""/g, '"'));
        quoted++;
        pos = close + 1;
        if (pos >= line.length) return { cells, quoted, literal };
        pos += delimiter.length;
        continue;
      }
      literal = true;
    }
    cells.push(line.slice(pos, fieldEnd));
    if (next < 0) return { cells, quoted, literal };
    pos = next + delimiter.length;
  }
}

/** A line read by {@link relaxedCells}: its cells, how many were quoted, and whether one opened with a quote read as text. */
interface RelaxedRow {
  readonly cells: string[];
  readonly quoted: number;
  readonly literal: boolean;
}

/** `cells` as one RFC 4180 line: a cell with a quote, the delimiter or a line break is quoted. */
function quoteLine(cells: readonly string[], delimiter: string): string {
  return cells.map((c) => (c.includes('"') || c.includes(delimiter) || c.includes('\n') || c.includes('\r') ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter);
}

/** True when a row of these cells has the header's width (trailing empty cells may be missing or extra). */
function fitsWidth(cells: readonly string[], width: number): boolean {
  let filled = cells.length;
  while (filled > 0 && (cells[filled - 1] as string).trim() === '') filled--;
  return filled <= width && width <= cells.length;
}

/**
 * Rewrites the records of `text` (which starts at a record) whose quoting papaparse cannot read
 * as lines that it can: a field that opens with a quote but is not a quoted field (`"ICA" Nära`,
 * a lone `"Överföring`), or a quoted field with quotes inside that are not doubled (`"Betalning
 * "ICA" Nära"`). Such a record's first line is read by {@link relaxedCells}; the reading must have
 * the header's `width`, a field opening with a quote is read as text only when no field of the line
 * is quoted, and when both readings qualify they must agree; else the quote is an error as before
 * (an all-quoted export that lost a closing quote keeps its UNTERMINATED_QUOTE). Line
 * count and the other lines are unchanged. One pass: every quote scan ends at the next quote.
 */
function repairQuotes(text: string, delimiter: string, width: number, file: string | undefined, firstLine: number): string {
  const n = text.length;
  const parts: string[] = [];
  let copied = 0;
  let pos = 0;
  let line = firstLine;
  const isBreak = (c: number): boolean => c === 10 || c === 13;
  /** Position after the line break that ends the physical line containing `p`. */
  const lineAfter = (p: number): number => {
    let k = p;
    while (k < n && !isBreak(text.charCodeAt(k))) k++;
    if (k < n) k += text.charCodeAt(k) === 13 && text.charCodeAt(k + 1) === 10 ? 2 : 1;
    return k;
  };
  const countBreaks = (from: number, to: number): number => {
    let b = 0;
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) b++;
    }
    return b;
  };
  while (pos < n) {
    const recordStart = pos;
    const recordLine = line;
    let bad: 'file' | 'field' | undefined;
    // One record, RFC 4180: fields separated by the delimiter, quoted fields may span lines.
    for (;;) {
      if (text.charCodeAt(pos) === 34) {
        let j = pos + 1;
        for (;;) {
          const k = text.indexOf('"', j);
          if (k < 0) {
            bad = 'file';
            break;
          }
          const after = text.charCodeAt(k + 1);
          if (after === 34) {
            j = k + 2;
            continue;
          }
          if (k + 1 >= n || isBreak(after) || text.startsWith(delimiter, k + 1)) {
            line += countBreaks(pos, k);
            pos = k + 1;
            break;
          }
          bad = 'field';
          break;
        }
        if (bad !== undefined) break;
      } else {
        while (pos < n && !isBreak(text.charCodeAt(pos)) && !text.startsWith(delimiter, pos)) pos++;
      }
      if (pos >= n) break;
      if (text.startsWith(delimiter, pos)) {
        pos += delimiter.length;
        continue;
      }
      // A line break ends the record.
      pos += text.charCodeAt(pos) === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
      line++;
      break;
    }
    if (bad === undefined) continue;
    const end = lineAfter(recordStart);
    let contentEnd = end;
    while (contentEnd > recordStart && isBreak(text.charCodeAt(contentEnd - 1))) contentEnd--;
    const physical = text.slice(recordStart, contentEnd);
    // A quote that opens a field is read as text only on a line whose writer quotes no field: in
    // an export that quotes its fields, a quoted field that does not close is damage, not text.
    const readings = (['closer', 'bounded'] as const)
      .map((r) => relaxedCells(physical, delimiter, r))
      .filter((r) => fitsWidth(r.cells, width) && !(r.literal && r.quoted > 0))
      .map((r) => quoteLine(r.cells, delimiter));
    const [first, second] = readings;
    if (first === undefined || (second !== undefined && first !== second)) throw unterminated(file, recordLine, bad);
    parts.push(text.slice(copied, recordStart), first);
    copied = contentEnd;
    pos = end;
    line = recordLine + 1;
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/**
 * Streams the records of delimited text that starts at physical line `firstLine` of the file,
 * with the line each record starts on. Blank lines are skipped (their lines still count). Rows
 * are handed over one at a time so their cell arrays die young: memory stays proportional to
 * what the caller keeps, not to the file. `fn` returns false to stop early.
 *
 * With the header's `width`, quotes a writer did not escape (`"ICA" Nära`, `Betalning "ICA"
 * Nära` inside a quoted field) are read as text where papaparse would stop: see {@link repairQuotes}.
 */
export function forEachRecord(
  text: string,
  delimiter: string,
  firstLine: number,
  file: string | undefined,
  fn: (cells: string[], line: number) => boolean | void,
  width?: number,
): void {
  let newline: '\n' | '\r\n' | '\r' = '\n';
  let source = text;
  if (text.includes('\r')) {
    if (!text.includes('\n')) newline = '\r';
    else if (hasMixedNewlines(text)) source = text.replace(/\r\n?/g, '\n');
    else newline = '\r\n';
  }
  const failed = parseRecords(source, newline, delimiter, firstLine, file, fn);
  if (failed === undefined) return;
  if (width === undefined || width < 2) throw failed.error;
  // Read again from the record papaparse could not read, with the quotes repaired (once: the repair reads every later record too).
  const from = lineOffset(source, failed.line - firstLine + 1);
  const repaired = repairQuotes(source.slice(from), delimiter, width, file, failed.line);
  const again = parseRecords(repaired, newline, delimiter, failed.line, file, fn);
  if (again !== undefined) throw again.error;
}

/** The papaparse pass of {@link forEachRecord}; a quote error is returned, any other error thrown. */
function parseRecords(
  source: string,
  newline: '\n' | '\r\n' | '\r',
  delimiter: string,
  firstLine: number,
  file: string | undefined,
  fn: (cells: string[], line: number) => boolean | void,
): QuoteFailure | undefined {
  const nl = newline === '\r' ? '\r' : '\n';
  // Only a quoted field holds a line break: without a quote in the text no cell needs the check.
  const mayHoldBreaks = source.includes('"');
  let line = firstLine;
  let failure: unknown;
  let quoteFailure: QuoteFailure | undefined;
  Papa.parse<string[]>(source, {
    delimiter,
    quoteChar: '"',
    newline,
    skipEmptyLines: false,
    step: (results, parser) => {
      const cells = results.data;
      const at = line;
      if (mayHoldBreaks) {
        for (let c = 0; c < cells.length; c++) {
          const cell = cells[c] as string;
          if (cell.indexOf(nl) !== -1) line += cell.split(nl).length - 1;
        }
      }
      line += 1;
      const err = results.errors[0];
      if (err && (err.code === 'MissingQuotes' || err.code === 'InvalidQuotes')) {
        quoteFailure = new QuoteFailure(at, unterminated(file, at, err.code === 'MissingQuotes' ? 'file' : 'field'));
        parser.abort();
        return;
      }
      if (cells.length === 1 && cells[0] === '') return;
      try {
        if (fn(cells, at) === false) parser.abort();
      } catch (e) {
        failure = e;
        parser.abort();
      }
    },
  });
  if (failure !== undefined) throw failure;
  return quoteFailure;
}
