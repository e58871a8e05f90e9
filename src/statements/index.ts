/**
 * parseStatement / detectStatementFormat: the entry into bank statement parsing.
 */
import type { DecodedText, JsonRow } from '../core/encoding.js';
import { type InputLimits, resolveLimits } from '../core/limits.js';
import { FormatDetectionError, InvalidOptionError, StatementParseError, where } from '../core/errors.js';
import { decodeInput, pickFormat, scoreFormats } from './detect.js';
import { StatementBuilder, finishStatement } from './finish.js';
import { formatById } from './registry.js';
import { type ColumnMapping, type ParseWarning, STATEMENT_FORMAT_IDS, type Statement, type StatementFormatId } from './types.js';

export interface ParseStatementOptions {
  /** Used in error messages and as a tie-break hint between equally likely banks; never decides alone. */
  readonly fileName?: string;
  /** Force a format and skip detection. */
  readonly format?: StatementFormatId;
  /** Generic CSV: which column is the date, amount, text, balance, … (implies `format: 'generic-csv'`). */
  readonly columns?: ColumnMapping;
  /** Include preliminary/reserved rows, flagged `pending: true` (default false). */
  readonly includePending?: boolean;
  /** Skip rows with a wrong column count, amount or date, reporting each as a warning (default false: throw). */
  readonly lenient?: boolean;
  /** Bounds on input size, ZIP inflation and XML depth; each has a safe default (see {@link InputLimits}). */
  readonly limits?: Partial<InputLimits>;
  /**
   * Account-number spellings the transaction ids were made with before (for example those of the
   * statements already imported for this bank account). A file whose account number differs from
   * one of them only in separators (spaces, hyphens, dots, no-break spaces: `'123456789'` for
   * `'123 456 789'`, as a spreadsheet re-save writes it) or in the zeros that lead the number or
   * its account part (`'123456789'` for `'0123456789'`, which a spreadsheet reads as a number) gets its ids
   * made with that spelling, so its rows get the same ids as in the earlier file. A spelling the
   * list holds as written, or one it has no equivalent of, is used as the file writes it; no other
   * digit is ignored. It applies to
   * a per-row account number (several accounts in one file) alike. Only `id` changes: the
   * statement's and the rows' `accountNumber` stay as the file writes them. Default: none (ids are
   * made with the file's spelling).
   */
  readonly idAccountNumbers?: readonly string[];
}

/**
 * Parses a Swedish bank statement export into typed transactions: CSV/TXT in any of the banks'
 * dialects and encodings, Excel workbooks (XLSX or Excel 97–2003 `.xls`, the first sheet a format claims; `line` is then the sheet row),
 * Handelsbanken's HTML-table `.xls` and ISO 20022 camt.053 XML. The bank, layout and encoding are
 * detected from the content.
 *
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const statement = parseStatement(readFileSync('Transaktioner_2020-02-02.csv'), { fileName: 'Transaktioner_2020-02-02.csv' });
 * for (const tx of statement.transactions) console.log(tx.date, tx.amount, tx.text); // amount in öre
 * ```
 * @throws StatementParseError (or FormatDetectionError) with `code`, `line` and `field`.
 */
export function parseStatement(input: Uint8Array | string, options: ParseStatementOptions = {}): Statement {
  const file = options.fileName;
  if (options.format !== undefined && !(STATEMENT_FORMAT_IDS as readonly string[]).includes(options.format)) {
    throw new InvalidOptionError(`Unknown format "${options.format}": expected one of ${STATEMENT_FORMAT_IDS.join(', ')}`, { file });
  }
  const idAccountNumbers = options.idAccountNumbers ?? [];
  if (!Array.isArray(idAccountNumbers) || !idAccountNumbers.every((a) => typeof a === 'string')) {
    throw new InvalidOptionError('Invalid idAccountNumbers: expected an array of account-number strings', { file });
  }
  const limits = resolveLimits(options.limits);
  const decoded = decodeInput(input, file, limits);
  if (decoded.json === undefined) return parseDecoded(decoded, options, file, limits, idAccountNumbers);
  let statement: Statement;
  try {
    statement = parseDecoded(decoded, options, file, limits, idAccountNumbers);
  } catch (e) {
    throw atJsonRow(e, decoded.json);
  }
  // The columns were the JSON fields': say where the transactions were found.
  const arrays = [...new Set(decoded.json.map((r) => r.path.replace(/\[\d+\]$/, '')))];
  const said = statement.warnings.map((w) =>
    w.code === 'COLUMNS_DETECTED' ? { ...w, message: w.message.replace(/^No known bank format: read by the header\./, `JSON: the transactions of ${arrays.join(' and ')}, read by their fields.`) } : w,
  );
  // Each transaction's line is its object's, as the file has it (the table had them one after the other).
  const lineOf = new Map(decoded.json.map((r) => [r.tableLine, r.line]));
  const at = (line: number): number => lineOf.get(line) ?? line;
  return {
    ...statement,
    transactions: statement.transactions.map((t) => ({ ...t, line: at(t.line) })),
    warnings: said.map((w) => ({ ...w, lines: [...new Set(w.lines.map(at))] })),
  };
}

/**
 * An error on a row of the table made from a JSON document, placed in the document: the line
 * where the transaction's object starts, and its path (`transactions.booked[3]`) in the message.
 */
function atJsonRow(e: unknown, rows: readonly JsonRow[]): unknown {
  if (!(e instanceof StatementParseError) || e instanceof FormatDetectionError || e.line === undefined) return e;
  const row = rows.find((r) => r.tableLine === e.line);
  if (row === undefined) return e;
  const base = e.message.endsWith(where(e)) ? e.message.slice(0, e.message.length - where(e).length) : e.message;
  return new StatementParseError(e.code, `${base} in the transaction at ${row.path}`, { file: e.file, line: row.line, field: e.field, cause: e });
}

function parseDecoded(decoded: DecodedText, options: ParseStatementOptions, file: string | undefined, limits: InputLimits, idAccountNumbers: readonly string[]): Statement {
  let formatId: StatementFormatId;
  if (options.format !== undefined) formatId = options.format;
  else if (options.columns !== undefined) formatId = 'generic-csv';
  else formatId = pickFormat(scoreFormats(decoded.text, undefined, decoded.workbook === true), file, decoded.text).format;
  const format = formatById(formatId);
  if (!format) throw new InvalidOptionError(`Unknown format "${formatId}"`, { file });

  const builder = new StatementBuilder();
  const raw = format.parse(decoded.text, { file, columns: options.columns, lenient: options.lenient ?? false, sink: builder, limits, workbook: decoded.workbook === true });
  if (builder.transactions.length === 0 && (raw.skipped?.length ?? 0) === 0) {
    throw new StatementParseError('HEADER_ONLY', `No transactions: the file is a ${format.bank} export (${format.id}) but has no transaction rows`, { file });
  }
  const statement = finishStatement(builder, raw, {
    format: format.id,
    bank: format.bank,
    encoding: decoded.encoding,
    includePending: options.includePending ?? false,
    idAccountNumbers,
  });
  const extra: ParseWarning[] = [];
  if (decoded.mixed !== undefined) {
    const { lines, firstLine } = decoded.mixed;
    const other = decoded.encoding === 'utf-8' ? 'Windows-1252' : 'UTF-8';
    extra.push({
      code: 'ENCODING_MIXED',
      message: `The file mixes two encodings: ${lines} line(s) are ${other}, the first on line ${firstLine}, the rest ${decoded.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252'}; each line was read in its own, but something re-saved or appended part of the file: check those lines`,
      lines: [firstLine],
    });
  }
  if (decoded.text.includes('\ufffd')) {
    extra.push({ code: 'ENCODING_REPLACEMENT', message: 'The file contains U+FFFD replacement characters: some letters were lost before kontera read it', lines: [] });
  }
  return extra.length === 0 ? statement : { ...statement, warnings: [...statement.warnings, ...extra] };
}

export { detectStatementFormat } from './detect.js';
export type { DetectionCandidate, DetectionResult } from './detect.js';
