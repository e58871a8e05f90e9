/**
 * Every error kontera throws is a {@link KonteraError} with a stable `code` and, where the input
 * has a place, the position: file (when the caller told us), 1-based physical line, column/field.
 * Messages say what was expected, what was found and where.
 */

export const ERROR_CODES = [
  // options
  'INVALID_OPTION',
  // bank statements
  'EMPTY_INPUT',
  'HEADER_ONLY',
  'BINARY_INPUT',
  'HTML_INPUT',
  'UNKNOWN_FORMAT',
  'AMBIGUOUS_FORMAT',
  'UNSUPPORTED_CONTAINER',
  'INPUT_TOO_LARGE',
  'UNTERMINATED_QUOTE',
  'COLUMN_COUNT',
  'MISSING_COLUMN',
  'INVALID_AMOUNT',
  'INVALID_DATE',
  'INVALID_ROW',
  // SIE
  'SIE_NOT_SIE',
  'SIE_JOINED_FILES',
  'SIE_SYNTAX',
  'SIE_INVALID_VALUE',
  'SIE_UNBALANCED_VOUCHER',
  'SIE_WRITE',
  // BgMax (Bankgirot's incoming payments file)
  'BGMAX_SYNTAX',
  'BGMAX_INVALID_VALUE',
  // store and facade
  'STORE',
  'STORE_SCHEMA',
  'NOT_FOUND',
  'AMBIGUOUS_CLIENT',
  'CONFLICT',
  'VALIDATION',
  'ABORTED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in an input something went wrong. `line` is the 1-based physical line. */
export interface SourcePosition {
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  readonly field?: string | undefined;
}

export interface KonteraErrorOptions extends SourcePosition {
  readonly cause?: unknown;
}

/** @internal The position as error messages end with it: ` (file, line 3, field "amount")`, or ''. */
export function where(pos: SourcePosition): string {
  const parts: string[] = [];
  if (pos.file !== undefined) parts.push(pos.file);
  if (pos.line !== undefined) parts.push(`line ${pos.line}`);
  if (pos.column !== undefined) parts.push(`column ${pos.column}`);
  if (pos.field !== undefined) parts.push(`field "${pos.field}"`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** Base class of every error kontera throws. */
export class KonteraError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options: KonteraErrorOptions = {}) {
    super(message + where(options), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.field = options.field;
  }
}

/** A bank statement could not be read: bad bytes, bad structure, bad amount or date. */
export class StatementParseError extends KonteraError {}

export interface FormatCandidate {
  readonly format: string;
  readonly score: number;
}

/** No statement format matched clearly: the candidates and their scores say why. */
export class FormatDetectionError extends StatementParseError {
  readonly candidates: readonly FormatCandidate[];
  constructor(
    code: 'UNKNOWN_FORMAT' | 'AMBIGUOUS_FORMAT',
    message: string,
    candidates: readonly FormatCandidate[],
    options: KonteraErrorOptions = {},
  ) {
    super(code, message, options);
    this.candidates = candidates;
  }
}

/** A SIE file could not be read. `label` is the record label (`#VER`, `#TRANS`, …) where known. */
export class SieParseError extends KonteraError {
  readonly label: string | undefined;
  constructor(code: ErrorCode, message: string, options: KonteraErrorOptions & { label?: string | undefined } = {}) {
    super(code, message, options);
    this.label = options.label;
  }
}

/** A BgMax file could not be read. `record` is the transaction code (`20`, `15`, …) where known. */
export class BgmaxParseError extends KonteraError {
  readonly record: string | undefined;
  constructor(code: 'BGMAX_SYNTAX' | 'BGMAX_INVALID_VALUE', message: string, options: KonteraErrorOptions & { record?: string | undefined } = {}) {
    super(code, message, options);
    this.record = options.record;
  }
}

/** A voucher whose rows do not sum to zero. `difference` is the sum of its rows in öre. */
export class UnbalancedVoucherError extends KonteraError {
  readonly series: string;
  readonly number: string;
  readonly difference: number;
  constructor(series: string, number: string, difference: number, options: KonteraErrorOptions = {}) {
    super(
      'SIE_UNBALANCED_VOUCHER',
      `Unbalanced voucher: expected the rows of voucher ${series || '(no series)'} ${number || '(no number)'} to sum to 0, they sum to ${formatDifference(difference)}`,
      options,
    );
    this.series = series;
    this.number = number;
    this.difference = difference;
  }
}

/** Writing a SIE file was refused (unbalanced voucher, value that cannot be written, …). */
export class SieWriteError extends KonteraError {}

/**
 * A voucher writeSie refuses because importing programs reject or mis-import it: one with no rows
 * (`#VER` over an empty `{}`), or a row whose object list has an empty object id (`{1 ""}`).
 * `series`/`number` name the voucher, `row` its 1-based row (counting `#TRANS` rows, then struck
 * `#BTRANS` rows) when a row is at fault.
 */
export class SieVoucherWriteError extends SieWriteError {
  readonly series: string;
  readonly number: string;
  readonly row: number | undefined;
  constructor(series: string, number: string, row: number | undefined, message: string, options: KonteraErrorOptions = {}) {
    super('SIE_WRITE', message, options);
    this.series = series;
    this.number = number;
    this.row = row;
  }
}

/** Invalid option passed to a kontera function. */
export class InvalidOptionError extends KonteraError {
  constructor(message: string, options: KonteraErrorOptions = {}) {
    super('INVALID_OPTION', message, options);
  }
}

/** A store operation failed or the stored data is not usable. */
export class StoreError extends KonteraError {}

/** A referenced bureau, client, statement or transaction does not exist (or is not visible). */
export class NotFoundError extends KonteraError {
  constructor(message: string, options: KonteraErrorOptions = {}) {
    super('NOT_FOUND', message, options);
  }
}

/**
 * A call named a client by id alone and more than one bureau has a client with that id (client ids
 * are scoped by bureau): address it through `kontera.forBureau(bureauId)`. `bureauIds` lists them.
 */
export class AmbiguousClientError extends KonteraError {
  readonly bureauIds: readonly string[];
  constructor(clientId: string, bureauIds: readonly string[], options: KonteraErrorOptions = {}) {
    super(
      'AMBIGUOUS_CLIENT',
      `Ambiguous client: expected one client with id "${clientId}", found one in each of ${bureauIds.length} bureaus (${bureauIds.join(', ')}); name the bureau with kontera.forBureau(bureauId)`,
      options,
    );
    this.bureauIds = [...bureauIds];
  }
}

/** A write clashes with what is stored (an id that exists, a transaction that is already booked). */
export class ConflictError extends KonteraError {
  constructor(message: string, options: KonteraErrorOptions = {}) {
    super('CONFLICT', message, options);
  }
}

/** Input that is well-formed but not acceptable (unbalanced booking, unknown account, …). */
export class ValidationError extends KonteraError {
  constructor(message: string, options: KonteraErrorOptions = {}) {
    super('VALIDATION', message, options);
  }
}

/** An operation was cancelled through its AbortSignal; nothing was written. */
export class AbortError extends KonteraError {
  constructor(message = 'Operation aborted; nothing was written', options: KonteraErrorOptions = {}) {
    super('ABORTED', message, options);
  }
}

function formatDifference(ore: number): string {
  if (!Number.isSafeInteger(ore)) return 'more than 90 trillion kr';
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  const kr = Math.trunc(abs / 100);
  const rest = String(abs % 100).padStart(2, '0');
  return `${sign}${kr},${rest} kr`;
}
