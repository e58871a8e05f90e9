/**
 * What a statement format is: a detector that scores the decoded head of a file, and a parser
 * that turns the text into raw rows. Shared finishing (balance chain, ids, kinds, pending rows)
 * happens once, in `finish.ts`, for every format.
 */
import type { InputLimits } from '../core/limits.js';
import { StatementParseError } from '../core/errors.js';
import { type AmountStyle, AmountFormatError, parseAmount, tryParseAmount } from '../core/money.js';
import type { ColumnMapping, DetectedColumns, StatementFormatId, TransactionKind } from './types.js';

/** The decoded start of a file, as detectors see it. */
export interface Head {
  /** First physical lines (up to {@link HEAD_LINES}), untrimmed. */
  readonly lines: readonly string[];
  /** The first {@link HEAD_CHARS} characters (markup formats may keep a whole page on one line). */
  readonly text: string;
  /** Line `i` split on `delimiter` with CSV quoting, memoised across formats. */
  split(i: number, delimiter: string): string[];
  /**
   * The text is a workbook sheet (XLSX or XLS) as kontera writes it out: a TAB between cells,
   * numeric cells as `-1234.50` whatever the bank's own spelling, and a row's trailing empty cells
   * left out. An export opened in Excel and saved as a workbook reads as the export did: a table
   * format then also takes TAB as its delimiter (see `ParseContext.workbook` for the rows).
   */
  readonly workbook?: boolean | undefined;
  /** The same cells through {@link normalizeHeaderCell}, trailing empty cells dropped (memoised). */
  headerCells(i: number, delimiter: string): string[];
}

/**
 * How many physical lines detection looks at. Bank preambles seen in the wild are ≤ 8 lines; an
 * Excel sheet may put a title and a summary block of up to ~24 lines above the header.
 */
export const HEAD_LINES = 32;
/**
 * How much of one line detectors look at. A header or a row of a bank export is a few hundred
 * characters; a line without breaks of megabytes (hostile or broken input) would otherwise be
 * split and normalised by every format under every delimiter. Markup on one line is read from
 * {@link Head.text}.
 */
export const HEAD_LINE_CHARS = 4096;
/** How much text markup detectors look at. */
export const HEAD_CHARS = 64 * 1024;

/** Where a format puts the rows it reads, one at a time (see `finish.ts`). */
export interface RowSink {
  add(row: RawRow): void;
}

export interface ParseContext {
  readonly file?: string | undefined;
  readonly columns?: ColumnMapping | undefined;
  readonly lenient: boolean;
  readonly sink: RowSink;
  /** Bounds on size and nesting (defaults when absent). */
  readonly limits?: InputLimits | undefined;
  /**
   * The text is a workbook sheet (see `Head.workbook`): an amount cell that the file's number style
   * does not read is read as a workbook number (`-1234.50`), and a row may stop before its trailing
   * empty cells.
   */
  readonly workbook?: boolean | undefined;
}

/** A parsed row as a format hands it over, before ids, kinds and the balance chain. */
export interface RawRow {
  readonly line: number;
  readonly date: string;
  readonly valueDate?: string | undefined;
  readonly amount: number;
  readonly balance?: number | undefined;
  readonly text: string;
  readonly reference?: string | undefined;
  readonly counterparty?: string | undefined;
  readonly counterpartyAccount?: string | undefined;
  /** The bank's own type column (Swedbank Beskrivning, ICA Typ, SEB Typ), used for `kind`. */
  readonly typeText?: string | undefined;
  readonly currency?: string | undefined;
  /** The row's own account, where the file says it per row. */
  readonly account?: string | undefined;
  readonly pending?: boolean | undefined;
  /** A bank-given id (Lunar's Transaction ID); mixed into the stable id. */
  readonly bankId?: string | undefined;
  readonly kind?: TransactionKind | undefined;
}

/** A row the bank wrote with a balance only (Handelsbanken's first row, Skatteverket IB/UB rows). */
export interface BalanceMark {
  readonly line: number;
  readonly balance: number;
  /** Where the mark sits: before all rows in file order, or after. */
  readonly position: 'start' | 'end';
  /** Skatteverket says which it is; Handelsbanken's first row is the balance at export time. */
  readonly role?: 'opening' | 'closing' | undefined;
}

/** One section of a file in sections: it runs from `line` to the line before the next section. */
export interface RawSection {
  /** 1-based line where the section starts: its first heading line, else its column header. */
  readonly line: number;
  /** 1-based line of the section's column header. */
  readonly headerLine: number;
  /** The heading lines' text, cells joined by a space and lines by ` · `. */
  readonly heading: string;
  /** The account the heading names (or the one of the section above, when it names none). */
  readonly accountNumber?: string | undefined;
  readonly period?: { readonly from: string; readonly to: string } | undefined;
}

export interface RowProblem {
  readonly line: number;
  readonly error: Error;
}

/** What a format found besides its rows (which went to the {@link RowSink}). */
export interface RawStatement {
  readonly accountNumber?: string | undefined;
  /**
   * The account's name where the file names it without a number (a preamble line `Konto:
   * Företagskonto`): reported as `Statement.accountName`, never part of a line's id.
   */
  readonly accountName?: string | undefined;
  readonly currency?: string | undefined;
  readonly marks?: readonly BalanceMark[] | undefined;
  /** Rows skipped in lenient mode, with the reason. */
  readonly skipped?: readonly RowProblem[] | undefined;
  /** Lines of rows the bank marks as declined, reverted, failed or cancelled (left out). */
  readonly voided?: readonly number[] | undefined;
  /** Lines of footer rows that were recognised and ignored. */
  readonly footer?: readonly number[] | undefined;
  /** The period the export covers, where the file states it. */
  readonly period?: { readonly from: string; readonly to: string } | undefined;
  /** Row order the format established itself (the header reader, by the balance chain). */
  readonly newestFirst?: boolean | undefined;
  /** What the header reader took each column for, and why. */
  readonly detected?: DetectedColumns | undefined;
  /**
   * A file in sections (several accounts or periods, each with its own heading and column header),
   * in file order: each section's balance chain is checked on its own.
   */
  readonly sections?: readonly RawSection[] | undefined;
  /** Amounts that read two ways under the file's number style, and how they were read. */
  readonly ambiguousAmounts?: { readonly message: string; readonly lines: readonly number[] } | undefined;
}

export interface StatementFormat {
  readonly id: StatementFormatId;
  readonly bank: string;
  /** 0 (not this format) … 1 (certain). */
  detect(head: Head): number;
  parse(text: string, ctx: ParseContext): RawStatement;
}

/** The number styles used below, named once. */
export const STYLE = {
  /** `-1234.50`: Swedbank CSV. */
  dot: { decimal: '.', thousands: 'none', maxDecimals: 2 },
  /** `-253.520`: SEB writes three decimals. */
  dot3: { decimal: '.', thousands: 'none', maxDecimals: 3 },
  /** `-1 234,50` (space, NBSP or thin space between groups) and `-1234,50`. */
  comma: { decimal: ',', thousands: 'space', maxDecimals: 2 },
  /** `-1.204.323,00`: Danske Bank, Nordea's old site. */
  commaDot: { decimal: ',', thousands: '.', maxDecimals: 2 },
  /** `1,234.50`: English-locale re-saves. */
  dotComma: { decimal: '.', thousands: ',', maxDecimals: 2 },
  /** `-1 234.50` (space, NBSP or thin space between groups): a decimal point with the Swedish digit grouping. */
  dotSpace: { decimal: '.', thousands: 'space', maxDecimals: 2 },
} as const satisfies Record<string, AmountStyle>;

/** What separates the cells of a workbook sheet's text (see {@link Head.workbook}). */
export const WORKBOOK_DELIMITER = '\t';

/**
 * An amount in the file's number style. In a workbook sheet (`workbook`), an amount the style does
 * not read is read as the number its numeric cell became (`-1234.50`, whatever the bank's own
 * spelling). Throws the style's `AmountFormatError` otherwise.
 */
export function readAmount(raw: string, style: AmountStyle, workbook: boolean): number {
  try {
    return parseAmount(raw, style);
  } catch (e) {
    const asNumber = workbook ? tryParseAmount(raw, STYLE.dot) : undefined;
    if (typeof asNumber === 'number') return asNumber;
    throw e;
  }
}

/**
 * {@link readAmount} of a cell of the file being parsed (a workbook sheet when `ctx.workbook`): a
 * malformed amount is an `INVALID_AMOUNT` error naming the file, line and field, and what the
 * style expected.
 */
export function amountAt(raw: string, style: AmountStyle, ctx: Pick<ParseContext, 'file' | 'workbook'>, line: number, field: string): number {
  try {
    return readAmount(raw, style, ctx.workbook === true);
  } catch (e) {
    const expected = e instanceof AmountFormatError ? e.expected : 'an amount';
    throw new StatementParseError('INVALID_AMOUNT', `Invalid amount: expected ${expected}, got ${JSON.stringify(raw)}`, { file: ctx.file, line, field });
  }
}

/**
 * The number styles tried on a file no known format claims, in order: ties go to the earlier one
 * (`1.500` to three decimals before a dot between thousands, with an `AMOUNTS_AMBIGUOUS` warning).
 */
export const GENERIC_STYLES: readonly AmountStyle[] = [STYLE.comma, STYLE.dot, STYLE.dot3, STYLE.commaDot, STYLE.dotComma, STYLE.dotSpace];

/**
 * True when {@link normalizeHeaderCell} would only lower-case `cell`: printable ASCII and Latin-1
 * letters (NFC already; no NBSP), no space at either end, no two spaces in a row, and not wrapped
 * in quotes. Detection normalises every cell of the first lines under every delimiter; nearly all
 * of them are like this.
 */
function isPlainCell(cell: string): boolean {
  const n = cell.length;
  if (n === 0 || cell.charCodeAt(0) === 32 || cell.charCodeAt(n - 1) === 32) return false;
  if (n >= 2 && cell.charCodeAt(0) === 34 && cell.charCodeAt(n - 1) === 34) return false;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const c = cell.charCodeAt(i);
    if (c < 32 || (c > 126 && c < 0xa1) || c > 0xff || (c === 32 && prev === 32)) return false;
    prev = c;
  }
  return true;
}

/** Header cell normalisation: trim, unquote, NFC, lower case, NBSP → space, collapse spaces. */
export function normalizeHeaderCell(cell: string): string {
  if (isPlainCell(cell)) return cell.toLowerCase();
  return cell
    .replace(/^\ufeff/, '')
    .normalize('NFC')
    .replace(/[\u00a0\u202f]/g, ' ')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}
