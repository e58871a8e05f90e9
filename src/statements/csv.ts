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
export function makeHead(lines: readonly string[], text = lines.join('\n')): Head {
  const split = new Map<string, string[]>();
  const normalized = new Map<string, string[]>();
  const head: Head = {
    lines,
    text,
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

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** True when CR and LF occur other than as CRLF pairs. */
function hasMixedNewlines(text: string): boolean {
  const crlf = count(text, '\r\n');
  return count(text, '\r') !== crlf || count(text, '\n') !== crlf;
}

/** Splits one line on a delimiter, honouring double quotes (for header sniffing only). */
export function splitCells(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const result = Papa.parse<string[]>(line, { delimiter, quoteChar: '"', newline: '\n' });
  return result.data[0] ?? [''];
}

/**
 * Streams the records of delimited text that starts at physical line `firstLine` of the file,
 * with the line each record starts on. Blank lines are skipped (their lines still count). Rows
 * are handed over one at a time so their cell arrays die young: memory stays proportional to
 * what the caller keeps, not to the file. `fn` returns false to stop early.
 */
export function forEachRecord(
  text: string,
  delimiter: string,
  firstLine: number,
  file: string | undefined,
  fn: (cells: string[], line: number) => boolean | void,
): void {
  let newline: '\n' | '\r\n' | '\r' = '\n';
  let source = text;
  if (text.includes('\r')) {
    if (!text.includes('\n')) newline = '\r';
    else if (hasMixedNewlines(text)) source = text.replace(/\r\n?/g, '\n');
    else newline = '\r\n';
  }
  const nl = newline === '\r' ? '\r' : '\n';
  let line = firstLine;
  let failure: unknown;
  Papa.parse<string[]>(source, {
    delimiter,
    quoteChar: '"',
    newline,
    skipEmptyLines: false,
    step: (results, parser) => {
      const cells = results.data;
      const at = line;
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c] as string;
        if (cell.indexOf(nl) !== -1) line += cell.split(nl).length - 1;
      }
      line += 1;
      const err = results.errors[0];
      if (err && (err.code === 'MissingQuotes' || err.code === 'InvalidQuotes')) {
        failure = new StatementParseError(
          'UNTERMINATED_QUOTE',
          `Unterminated quote: expected a closing " for the field that opens on this line, found the end of the ${err.code === 'MissingQuotes' ? 'file' : 'field'}`,
          { file, line: at },
        );
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
}
