/**
 * SIE 4 reader: bytes or text → {@link SieDocument}. Follows SIE 4B/4C and tolerates what real
 * programs write (formats.md §1.10). One pass over the text, no line array, no per-line regex:
 * a 100 MB file with a million `#TRANS` reads in linear time.
 */
import { SieParseError, UnbalancedVoucherError } from '../core/errors.js';
import { resolveLimits } from '../core/limits.js';
import { AmountRangeError, sumAmounts } from '../core/money.js';
import { SieCrc } from './checksum.js';
import { checkText, decodeSie, type DecodedSie } from './decode.js';
import { SieLexer } from './lexer.js';
import type {
  ReadSieOptions,
  SieAccountType,
  SieAddress,
  SieBalance,
  SieChecksum as SieChecksumResult,
  SieDimension,
  SieDocument,
  SieFiscalYear,
  SieGenerated,
  SieHeader,
  SieIssue,
  SieIssueCode,
  SieObject,
  SieObjectBalance,
  SieObjectRef,
  SieOrgNumber,
  SiePeriodBalance,
  SieProgram,
  SieTransaction,
  SieUnknownRecord,
  SieVoucher,
} from './types.js';
import { SIE_ACCOUNT_TYPES } from './types.js';
import { isDigits, normalizeSieAmount, parseSieAmount, parseSieDate, parseSieInteger, parseSiePeriod, parseSieQuantity } from './values.js';
import { isSie5 } from '../core/sie5.js';

/** Labels defined by SIE 4B (and the older/type 1–3 ones a type 4 reader meets). */
export const SIE_LABELS = [
  '#FLAGGA', '#PROGRAM', '#FORMAT', '#GEN', '#SIETYP', '#PROSA', '#FTYP', '#FNR', '#ORGNR', '#BKOD',
  '#ADRESS', '#FNAMN', '#RAR', '#TAXAR', '#OMFATTN', '#KPTYP', '#VALUTA', '#KONTO', '#KTYP', '#ENHET',
  '#SRU', '#DIM', '#UNDERDIM', '#OBJEKT', '#IB', '#UB', '#OIB', '#OUB', '#RES', '#PSALDO', '#PBUDGET',
  '#VER', '#TRANS', '#RTRANS', '#BTRANS', '#KSUMMA',
] as const;
/** A label defined by the SIE 4 specification. */
export type SieLabel = (typeof SIE_LABELS)[number];

const KNOWN_LABELS: ReadonlySet<string> = new Set(SIE_LABELS);
const EMPTY_OBJECTS: readonly SieObjectRef[] = Object.freeze([]);
/** The largest amount an integer öre count holds exactly (Number.MAX_SAFE_INTEGER öre), as kronor. */
const MAX_AMOUNT_TEXT = `${Math.floor(Number.MAX_SAFE_INTEGER / 100)}.${String(Number.MAX_SAFE_INTEGER % 100).padStart(2, '0')}`;
const EMPTY_ROWS: readonly SieTransaction[] = Object.freeze([]);
const ROW_LABELS: ReadonlySet<string> = new Set(['#TRANS', '#RTRANS', '#BTRANS']);
/** The identification records a SIE file opens with (SIE 4B §7.1): after a byte-order mark, a file starts there. */
const FILE_START_LABELS: ReadonlySet<string> = new Set(['#FLAGGA', '#PROGRAM', '#FORMAT', '#GEN', '#SIETYP']);
/** The records of a file's header (SIE 4B §7.1, identification and company records): they come before its accounts, balances and vouchers. */
const HEADER_LABELS: ReadonlySet<string> = new Set([...FILE_START_LABELS, '#PROSA', '#FTYP', '#FNR', '#ORGNR', '#BKOD', '#ADRESS', '#FNAMN', '#RAR', '#TAXAR', '#OMFATTN', '#KPTYP', '#VALUTA']);
/**
 * Header records a file has once and that describe the file itself (who wrote it, when, in which
 * format and type): one of these again after the body is another file's header. `#RAR 0` (the
 * file's current year) is counted separately. Not `#PROSA`, `#FNAMN` or `#ORGNR` (free text or
 * company data a writer may repeat), nor `#RAR -1` and `#KONTO`, which may come again in one file.
 */
const ONCE_PER_FILE_LABELS: ReadonlySet<string> = new Set(['#PROGRAM', '#FORMAT', '#GEN', '#SIETYP']);
/** Warnings and repairs of one code listed individually before they are only counted. */
const MAX_REPEATED_ISSUES = 50;
/**
 * Errors of one code listed individually (lenient mode) before they are only counted: a few MB of
 * junk lines must not become millions of error objects (each with its stack) and exhaust the heap.
 */
export const MAX_LISTED_ERRORS = 1000;
/**
 * Records with labels the reader does not know kept in {@link SieDocument.unknownRecords}, and the
 * fields they may hold together; the rest are counted in one warning. A file of millions of short
 * unknown lines (`#X`, 4 bytes each) held an object per line and exhausted the heap well inside
 * `maxInputBytes`; no program writes more than a few such records.
 */
export const MAX_KEPT_UNKNOWN_RECORDS = 10_000;
export const MAX_KEPT_UNKNOWN_FIELDS = 1_000_000;

/**
 * Reads a SIE file (types 1–4, 4E or 4I) into a typed, readonly document.
 *
 * The encoding is decided from the bytes (CP437, UTF-8 ± BOM, Windows-1252; double-encoded text is
 * repaired where recoverable) and reported with any warnings in `issues`. A string is taken as
 * already decoded. In strict mode (default) the first error is thrown: an
 * {@link UnbalancedVoucherError} for a voucher whose `#TRANS` rows do not sum to zero, a
 * {@link SieParseError} (code `SIE_SYNTAX` or `SIE_INVALID_VALUE`, with `line` and `label`) for
 * anything unreadable. With `strict: false` those errors are collected in `issues`, the offending
 * record is skipped, and reading goes on. Input that is not SIE at all (an HTML page, binary data,
 * an empty file) always throws `SIE_NOT_SIE`; so does a SIE text with a few NUL bytes inside in
 * strict mode (naming the first), while lenient reading removes them with a warning.
 *
 * ```ts
 * const doc = readSie(bytes, { fileName: 'export.se' });
 * for (const v of doc.vouchers) console.log(v.series, v.number, v.date, v.transactions.length);
 * ```
 */
export function readSie(input: Uint8Array | string, options: ReadSieOptions = {}): SieDocument {
  const max = resolveLimits({ maxInputBytes: options.maxInputBytes }).maxInputBytes;
  if (input.length > max) {
    throw new SieParseError('INPUT_TOO_LARGE', `Input too large: expected a SIE file of at most ${max} bytes (maxInputBytes), got ${input.length}`, { file: options.fileName });
  }
  const decoded = typeof input === 'string' ? checkText(input) : decodeSie(input);
  return new Reader(decoded, options.strict ?? true, options.fileName).read();
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface MutableAccount {
  number: string;
  name: string;
  type?: SieAccountType;
  unit?: string;
  sru: string[];
  line: number;
}

interface MutableVoucher {
  series: string;
  number: string;
  date: string;
  text: string;
  registrationDate?: string;
  sign?: string;
  transactions: readonly SieTransaction[];
  removed: readonly SieTransaction[];
  line: number;
}


/** A problem with one record; thrown in strict mode, collected otherwise. */
type RecordError = SieParseError | UnbalancedVoucherError;

class Reader {
  readonly #lex: SieLexer;
  readonly #decoded: DecodedSie;
  readonly #strict: boolean;
  readonly #file: string | undefined;
  readonly #issues: SieIssue[] = [];

  readonly #header: Mutable<SieHeader> = { flag: 0, fiscalYears: [] };
  readonly #fiscalYears: SieFiscalYear[] = [];
  readonly #accounts = new Map<string, MutableAccount>();
  readonly #dimensions: SieDimension[] = [];
  readonly #objects: SieObject[] = [];
  readonly #balances: SieBalance[] = [];
  readonly #objectBalances: SieObjectBalance[] = [];
  readonly #periodBalances: SiePeriodBalance[] = [];
  readonly #vouchers: SieVoucher[] = [];
  readonly #unknown: SieUnknownRecord[] = [];
  /** Fields held by {@link #unknown}; unknown records not kept (over the limits), and their labels. */
  #unknownFields = 0;
  #unknownDropped = 0;
  readonly #unknownDroppedLabels = new Set<string>();
  #unknownMoreLabels = false;

  readonly #repeats = new Map<SieIssueCode, number>();
  readonly #errorCounts = new Map<SieIssueCode, number>();
  /** One error per code, thrown in place of a new one once that code is only counted (no stack to capture). */
  readonly #countedOnly = new Map<SieIssueCode, SieParseError>();
  /** The error being built becomes a warning's text (a header date), so it is always built in full. */
  #wantMessage = false;
  #sawFlag = false;
  /** Line of the first #FLAGGA, and whether another record came after it: a later #FLAGGA starts a second file. */
  #flagLine = 0;
  #afterFlag = false;
  /** A record was read: a byte-order mark before a header record after this starts a second file. */
  #recordsRead = false;
  /** An account, balance, voucher or other non-header record was read: the first file's body has begun. */
  #bodyRead = false;
  /** Line of the first #PROGRAM, #FORMAT, #GEN, #SIETYP and `#RAR 0`. */
  readonly #onceLines = new Map<string, number>();
  /** The first header record (or opening #KSUMMA) since the last body record: where a second file would start. */
  #headerRun: { readonly line: number; readonly label: string } | undefined;
  /** The current line was looked at but not consumed (a `#VER` without `{`, a missing `}`). */
  #pushedBack = false;
  #crc: SieCrc | undefined;
  #crcOpenedAt = 0;
  #checksum: SieChecksumResult = { status: 'absent' };
  #lastDateRaw = '';
  /** The error for the current #VER's missing date, unless its rows supply one. */
  #missingDate: SieParseError | undefined;
  #lastDateIso = '';

  constructor(decoded: DecodedSie, strict: boolean, file: string | undefined) {
    this.#decoded = decoded;
    this.#strict = strict;
    this.#file = file;
    this.#lex = new SieLexer(decoded.text, file, !strict);
  }

  read(): SieDocument {
    this.#checkIsSie();
    for (const note of this.#decoded.notes) this.#issues.push({ ...note });
    const nul = this.#decoded.nul;
    if (nul !== undefined) {
      // Lenient (strict mode threw in #checkIsSie): the text without them is read.
      this.#issues.push({ severity: 'warning', code: 'SIE_LOSSY_TEXT', message: `Removed ${nulText(nul)}: the file was damaged before it reached us`, line: nul.line });
    }
    while (this.#advance()) {
      try {
        this.#dispatch();
      } catch (err) {
        this.#fail(err);
      }
    }
    this.#finishChecksum();
    this.#checkStructure();
    this.#checkFileType();
    this.#header.fiscalYears = this.#fiscalYears;
    this.#summariseRepeats();
    return {
      header: this.#header,
      accounts: [...this.#accounts.values()],
      dimensions: this.#dimensions,
      objects: this.#objects,
      balances: this.#balances,
      objectBalances: this.#objectBalances,
      periodBalances: this.#periodBalances,
      vouchers: this.#vouchers,
      unknownRecords: this.#unknown,
      encoding: this.#decoded.encoding,
      checksum: this.#checksum,
      issues: this.#issues,
    };
  }

  // ---- input-level checks

  #checkIsSie(): void {
    const d = this.#decoded;
    const where = { file: this.#file, line: 1 };
    if (d.binary) {
      throw new SieParseError('SIE_NOT_SIE', 'Not a SIE file: expected text starting with #FLAGGA, found binary data (NUL bytes)', where);
    }
    if (d.nul !== undefined && this.#strict) {
      throw new SieParseError(
        'SIE_NOT_SIE',
        `Not a readable SIE file: expected text without control characters, found ${nulText(d.nul)} (damaged in transfer or written by a faulty program); read with strict: false to skip them`,
        { file: this.#file, line: d.nul.line, column: d.nul.column },
      );
    }
    const lex = new SieLexer(d.text, this.#file);
    let first: boolean;
    try {
      first = lex.next();
    } catch {
      first = true;
    }
    if (!first) throw new SieParseError('SIE_NOT_SIE', 'Not a SIE file: expected a #FLAGGA record, found an empty file', where);
    const line = { file: this.#file, line: lex.line };
    if (lex.kind !== 'record' || !KNOWN_LABELS.has(lex.upperLabel)) {
      const found = lex.lineText().trim().slice(0, 60);
      // SIE 5 is XML of its own (root <Sie> or <SieEntry>, namespace http://www.sie.se/sie5): the
      // user has the right books in the wrong version, and the program that wrote them can export SIE 4.
      if (/^<(\?xml|sie\b|sieentry\b)/i.test(found) && isSie5(d.text)) {
        throw new SieParseError('SIE_NOT_SIE', 'Not a SIE 4 file: this is SIE 5 (XML), which kontera does not read; expected SIE 4 (type 4E or 4I), which the program that wrote this file exports as well', line);
      }
      const html = /^<(!doctype|html|head|body|\?xml)/i.test(found) ? ' (an HTML/XML page)' : '';
      throw new SieParseError('SIE_NOT_SIE', `Not a SIE file: expected a #LABEL record such as #FLAGGA, found ${JSON.stringify(found)}${html}`, line);
    }
  }

  #checkStructure(): void {
    if (!this.#sawFlag) this.#warn('SIE_STRUCTURE', 'Missing #FLAGGA: expected it as the first record', undefined, '#FLAGGA');
    const format = this.#header.format;
    const enc = this.#decoded.encoding;
    if (format !== undefined && this.#decoded.fromString !== true) {
      const label = format.toUpperCase();
      const declaresUtf8 = label === 'UTF8' || label === 'UTF-8';
      if (label === 'PC8' && enc !== 'cp437') {
        const name = enc === 'utf-8' ? 'UTF-8' : enc === 'windows-1252' ? 'Windows-1252' : enc === 'macintosh' ? 'Mac Roman' : enc === 'iso-8859-15' ? 'ISO-8859-15' : enc.toUpperCase();
        this.#warn('SIE_ENCODING_MISMATCH', `#FORMAT says PC8 (CP437) but the bytes are ${name}; decoded as ${enc}`, undefined, '#FORMAT');
      } else if (declaresUtf8 && enc !== 'utf-8') {
        this.#warn('SIE_ENCODING_MISMATCH', `#FORMAT says ${format} but the bytes are not UTF-8; decoded as ${enc}`, undefined, '#FORMAT');
      } else if (label !== 'PC8' && !declaresUtf8) {
        this.#warn('SIE_STRUCTURE', `Unknown #FORMAT: expected PC8, found ${JSON.stringify(format)}`, undefined, '#FORMAT');
      }
    }
  }

  /** Types 1–3 carry a chart and balances but no vouchers: say so rather than return nothing silently. */
  #checkFileType(): void {
    if (this.#vouchers.length > 0) return;
    const type = this.#header.sieType;
    if (type === undefined || type < 1 || type > 3) return;
    this.#warn('SIE_STRUCTURE', `No vouchers: this is a SIE type ${type} file, which holds the chart of accounts and balances only; vouchers come in SIE 4 files (4E export or 4I)`, undefined, '#SIETYP', 'info');
  }

  // ---- line handling

  /** Next line; feeds the checksum with every record between the #KSUMMA markers. */
  #advance(): boolean {
    if (this.#pushedBack) {
      this.#pushedBack = false;
      return true;
    }
    for (;;) {
      try {
        if (!this.#lex.next()) return false;
      } catch (err) {
        this.#fail(err);
        continue;
      }
      const lex = this.#lex;
      if (lex.kind === 'record' || lex.bom) this.#checkJoined();
      if (lex.recoveredColumn !== undefined) {
        this.#warn('SIE_SYNTAX', `Unterminated quote: the field at column ${lex.recoveredColumn} has no closing "; read to the end of the line`, lex.line, lex.label);
      }
      if (lex.innerQuoteColumn !== undefined) {
        this.#warn('SIE_REPAIRED', `The quoted field at column ${lex.innerQuoteColumn} holds quotes that are not escaped as \\"; read as part of its text`, lex.line, lex.label, 'info');
      }
      if (lex.oddQuote !== undefined) {
        this.#warn('SIE_REPAIRED', `The quoted field at column ${lex.oddQuote.column} holds an odd number of quotes that are not escaped as \\"; read up to the quote at column ${lex.oddQuote.closeColumn}, after which the rest of the line is well-formed`, lex.line, lex.label, 'info');
      }
      if (lex.unreadableQuote !== undefined) {
        this.#warn('SIE_SYNTAX', `Unbalanced quotes: the quoted field at column ${lex.unreadableQuote.column} is followed by a quote at column ${lex.unreadableQuote.strayColumn} that opens no field, and no reading of its unescaped quotes leaves the rest of the line well-formed; read up to its first closing quote`, lex.line, lex.label);
      }
      if (lex.backslashColumn !== undefined) {
        this.#warn('SIE_REPAIRED', `The quoted field at column ${lex.backslashColumn} has no closing " but ends in \\" before a blank or the line end: read as a text ending in a backslash`, lex.line, lex.label, 'info');
      }
      if (this.#crc !== undefined && lex.kind === 'record' && lex.upperLabel !== '#KSUMMA') {
        if (lex.checksumBlanks.length === 0) this.#crc.addRecord(lex.label, lex.fields);
        else addRecordWithBlanks(this.#crc, lex.label, lex.fields, lex.checksumBlanks, lex.lineText());
      }
      return true;
    }
  }

  /**
   * Two files joined into one (`cat 2024.se 2025.se`): a second #FLAGGA after the first file's
   * records, or a byte-order mark before a header record. Each file numbers its own fiscal years
   * (`#RAR 0`, `#IB 0`, `#UB 0` are that file's current year), so reading on would file one
   * year's balances under the other's, and stopping would drop the second file without a word:
   * a typed error in both modes, naming the line where the second file starts. A byte-order mark
   * before any other record is skipped with a warning. Without either, a repeated header record
   * tells ({@link #secondHeader}).
   */
  #checkJoined(): void {
    const lex = this.#lex;
    const label = lex.upperLabel;
    const flag = lex.kind === 'record' && label === '#FLAGGA';
    let why: string | undefined;
    if (flag && this.#flagLine > 0 && this.#afterFlag) why = `a second #FLAGGA; the first is on line ${this.#flagLine}`;
    // Only after another record: a mark written twice at the start of one file (a tool added one to a file that had one) starts nothing new.
    else if (lex.bom && lex.kind === 'record' && FILE_START_LABELS.has(label) && this.#recordsRead) {
      const mark = lex.bomText === '\ufeff' ? 'a byte-order mark' : `the bytes of a UTF-8 byte-order mark (EF BB BF, read as ${JSON.stringify(lex.bomText)})`;
      why = `${mark} before ${lex.label}, as at the start of a file`;
    }
    let secondStart: { readonly line: number; readonly label: string } | undefined;
    if (why === undefined && lex.kind === 'record') {
      const second = this.#secondHeader();
      if (second !== undefined) {
        why = second.why;
        secondStart = second.start;
      }
    }
    // The closing #KSUMMA is a file's last record: what follows is outside its checksum, another
    // file (its opening #KSUMMA first, named as its start) or a fragment of one, never the same file.
    if (why === undefined && lex.kind === 'record' && this.#checksumClosedAt > 0) {
      this.#afterClose ??= { line: lex.line, label: lex.label };
      if (!(label === '#KSUMMA' && this.#opt(0) === undefined)) {
        why = `records after the closing #KSUMMA on line ${this.#checksumClosedAt}, which ends a file`;
        secondStart = this.#afterClose;
      }
    }
    if (why !== undefined) {
      const start = secondStart ?? { line: lex.line, label: lex.label };
      throw new SieParseError(
        'SIE_JOINED_FILES',
        `Two SIE files joined into one: a second SIE file starts at line ${start.line} (${why}); expected one file per read. Split the input before line ${start.line} and read each file: each numbers its own fiscal years (#RAR 0 is its own current year), so their balances and vouchers cannot be merged`,
        { file: this.#file, line: start.line, label: start.label || undefined },
      );
    }
    if (lex.bom) {
      const what = lex.bomText === '\ufeff' ? 'A byte-order mark (U+FEFF)' : `The bytes of a UTF-8 byte-order mark (EF BB BF, read as ${JSON.stringify(lex.bomText)})`;
      this.#warn('SIE_STRUCTURE', `${what} at the start of line ${lex.line} ${lex.bomText === '\ufeff' ? 'was' : 'were'} skipped: expected one only at the start of the file`, lex.line, lex.label || undefined);
    }
    if (lex.kind === 'record') this.#recordsRead = true;
    if (flag) {
      if (this.#flagLine === 0) this.#flagLine = lex.line;
    } else if (this.#flagLine > 0) this.#afterFlag = true;
  }

  /**
   * A second file with neither a byte-order mark nor a #FLAGGA (a writer that leaves #FLAGGA out,
   * or a file cut before it): a #PROGRAM, #FORMAT, #GEN, #SIETYP or `#RAR 0` that the file already
   * had, read again after its body began. Each is written once per file, in its header, before any
   * account or voucher (no file of the corpus repeats one or writes one after its body), so this is
   * another file's header. The second file starts at the first header record after the last body
   * record (`#FNAMN` before its `#RAR 0`, say). Records a file may legitimately repeat (`#RAR -1`,
   * `#KONTO`, `#PROSA`) prove nothing, nor does a header record seen for the first time after the
   * body (a writer that puts it last). Constant work per record.
   */
  #secondHeader(): { why: string; start: { line: number; label: string } } | undefined {
    const lex = this.#lex;
    const label = lex.upperLabel;
    // Most records of a large file are voucher rows inside its body: nothing to note.
    if (this.#headerRun === undefined && this.#bodyRead && ROW_LABELS.has(label)) return undefined;
    if (!HEADER_LABELS.has(label)) {
      // A closing #KSUMMA ends a file; a bare one opens the next file's checksum, right after its #FLAGGA.
      const opensChecksum = label === '#KSUMMA' && this.#opt(0) === undefined;
      if (opensChecksum) this.#headerRun ??= { line: lex.line, label: lex.label };
      else if (KNOWN_LABELS.has(label)) {
        if (label !== '#KSUMMA') this.#bodyRead = true;
        this.#headerRun = undefined;
      }
      return undefined;
    }
    this.#headerRun ??= { line: lex.line, label: lex.label };
    const key = ONCE_PER_FILE_LABELS.has(label) ? label : label === '#RAR' && parseSieInteger(this.#str(0) ?? '') === 0 ? '#RAR 0' : undefined;
    if (key === undefined) return undefined;
    const first = this.#onceLines.get(key);
    if (first === undefined) {
      this.#onceLines.set(key, lex.line);
      return undefined;
    }
    if (!this.#bodyRead) return undefined;
    return { why: `a second ${key} after the first file's accounts, balances or vouchers; the first is on line ${first}`, start: this.#headerRun };
  }

  #fail(err: unknown): void {
    if (!(err instanceof SieParseError || err instanceof UnbalancedVoucherError)) throw err;
    if (this.#strict || err.code === 'SIE_NOT_SIE' || err.code === 'SIE_JOINED_FILES') throw err;
    this.#collect(err);
  }

  #collect(err: RecordError): void {
    const code = issueCode(err.code);
    const seen = (this.#errorCounts.get(code) ?? 0) + 1;
    this.#errorCounts.set(code, seen);
    if (seen > MAX_LISTED_ERRORS) return;
    this.#issues.push({
      severity: 'error',
      code,
      message: err.message,
      line: err.line,
      label: err instanceof SieParseError ? err.label : '#VER',
      error: err,
    });
  }

  #warn(code: SieIssueCode, message: string, line?: number, label?: string, severity: 'warning' | 'info' = 'warning'): void {
    // A file with a decimal comma on every row must not produce a million issues.
    const seen = (this.#repeats.get(code) ?? 0) + 1;
    this.#repeats.set(code, seen);
    if (seen <= MAX_REPEATED_ISSUES) this.#issues.push({ severity, code, message, line, label });
  }

  #summariseRepeats(): void {
    if (this.#unknownDropped > 0) {
      const labels = [...this.#unknownDroppedLabels].join(', ');
      this.#issues.push({
        severity: 'warning',
        code: 'SIE_STRUCTURE',
        message: `${this.#unknownDropped} more records with labels the reader does not know (${labels}${this.#unknownMoreLabels ? ', …' : ''}) were not kept: expected at most ${MAX_KEPT_UNKNOWN_RECORDS} such records holding ${MAX_KEPT_UNKNOWN_FIELDS} fields in all`,
      });
    }
    for (const [code, seen] of this.#repeats) {
      if (seen > MAX_REPEATED_ISSUES) {
        this.#issues.push({ severity: 'info', code, message: `${seen - MAX_REPEATED_ISSUES} more ${code} issues like the ones above were not listed` });
      }
    }
    for (const [code, seen] of this.#errorCounts) {
      if (seen > MAX_LISTED_ERRORS) {
        this.#issues.push({ severity: 'error', code, message: `${seen - MAX_LISTED_ERRORS} more ${code} errors like the ones above were not listed` });
      }
    }
  }

  /** Lenient mode has listed as many errors of `code` as it lists: a new one is only counted. */
  #onlyCounted(code: SieIssueCode): boolean {
    return !this.#strict && !this.#wantMessage && (this.#errorCounts.get(code) ?? 0) >= MAX_LISTED_ERRORS;
  }

  #error(code: 'SIE_SYNTAX' | 'SIE_INVALID_VALUE', message: string, fieldIndex?: number, line?: number, label?: string): SieParseError {
    const lex = this.#lex;
    if (this.#onlyCounted(code)) {
      // Only counted from here on: skip building (and capturing the stack of) an error no one sees.
      let counted = this.#countedOnly.get(code);
      if (counted === undefined) {
        counted = new SieParseError(code, `${code} (counted, not listed)`, { file: this.#file });
        this.#countedOnly.set(code, counted);
      }
      return counted;
    }
    const column = fieldIndex === undefined ? undefined : lex.columns[fieldIndex];
    return new SieParseError(code, message, { file: this.#file, line: line ?? lex.line, column, label: label ?? (lex.label || undefined) });
  }

  // ---- field access

  #str(i: number): string | undefined {
    const f = this.#lex.fields[i];
    return typeof f === 'string' ? f : undefined;
  }

  /** A required string field. */
  #need(i: number, what: string): string {
    const f = this.#lex.fields[i];
    if (typeof f === 'string') return f;
    const found = f === undefined ? 'the end of the record' : 'an object list';
    throw this.#error('SIE_SYNTAX', `${this.#lex.label}: expected ${what} in field ${i + 1}, found ${found}`, f === undefined ? undefined : i);
  }

  /**
   * Field `i`, an unquoted free text, with the words after it that a no-break or thin space alone
   * separates from it (see SieLexer.joinText); `stop` keeps the record's next field out.
   * An info note when words were joined. Call before reading any field after `i`.
   */
  #text(i: number, stop?: (next: string) => boolean): void {
    const lex = this.#lex;
    if (lex.joinText(i, stop)) {
      this.#warn('SIE_REPAIRED', `${lex.label}: the unquoted text in field ${i + 1} has words separated by no-break or thin spaces; read as one text ${JSON.stringify(clip(this.#str(i) ?? ''))}`, lex.line, lex.label, 'info');
    }
  }

  /** Optional string field: empty or absent → undefined. */
  #opt(i: number): string | undefined {
    const f = this.#lex.fields[i];
    return typeof f === 'string' && f !== '' ? f : undefined;
  }

  /**
   * A quoted number or date with blanks inside its quotes (`"100.00 "`, `" 20250110"`, as a writer
   * that pads its columns and then quotes them writes them; Visma pads `"2012.1 "`): read without
   * them, with an info note. Texts keep their blanks; only the fields read as numbers come here.
   */
  #trimQuoted(i: number, digitsOnly = false): void {
    const lex = this.#lex;
    const f = lex.fields[i];
    if (typeof f !== 'string' || lex.quoted[i] !== true) return;
    const first = f.charCodeAt(0);
    const last = f.charCodeAt(f.length - 1);
    if (first !== 32 && first !== 9 && last !== 32 && last !== 9) return;
    // Index scans, not /^[ \t]+|[ \t]+$/: that is quadratic on a long run of words and blanks.
    let from = 0;
    let to = f.length;
    while (from < to && (f.charCodeAt(from) === 32 || f.charCodeAt(from) === 9)) from++;
    while (to > from && (f.charCodeAt(to - 1) === 32 || f.charCodeAt(to - 1) === 9)) to--;
    const trimmed = f.slice(from, to);
    if (digitsOnly && !isDigits(trimmed)) return;
    lex.fields[i] = trimmed;
    this.#warn('SIE_REPAIRED', `${lex.label}: the quoted value ${JSON.stringify(clip(f))} in field ${i + 1} has blanks inside its quotes; read as ${JSON.stringify(clip(trimmed))}`, lex.line, lex.label, 'info');
  }

  #account(i: number): string {
    this.#trimQuoted(i);
    const raw = this.#need(i, 'an account number');
    if (!isDigits(raw)) {
      const err = this.#error('SIE_INVALID_VALUE', `Invalid account: expected a numeric account number in field ${i + 1}, found ${JSON.stringify(raw)}`, i);
      if (this.#strict) throw err;
      // Kept as written (SoftOne writes accounts "FEL" and "DIFF"): dropping the row would unbalance the voucher.
      this.#collect(err);
    }
    return raw;
  }

  #amount(i: number): number {
    this.#trimQuoted(i);
    this.#lex.joinDigitGroups(i);
    const raw = this.#need(i, 'an amount');
    let parsed = parseSieAmount(raw);
    if (parsed === undefined) {
      // `−1 234.50` with a Unicode minus or non-breaking spaces between digit groups (a spreadsheet's spelling).
      const normalized = normalizeSieAmount(raw);
      parsed = normalized === undefined ? undefined : parseSieAmount(normalized);
      if (parsed === undefined) {
        // Well-formed but beyond what an öre count can hold exactly (2^53 öre): say so, not "at most 2 decimals".
        const tooLarge = /^-?\d+(?:[.,]\d{1,2})?$/.test(raw) && raw.replace(/^-|[.,]\d*$/g, '').replace(/^0+/, '').length > 13;
        const expected = tooLarge ? `an amount within ±${MAX_AMOUNT_TEXT} kr (whole öre must stay exact)` : 'a "-1234.50"-style amount with at most 2 decimals';
        throw this.#error('SIE_INVALID_VALUE', `Invalid amount: expected ${expected} in field ${i + 1}, found ${JSON.stringify(raw)}`, i);
      }
      this.#warn('SIE_REPAIRED', `Amount ${JSON.stringify(raw)} read as ${parsed.ore} öre (a Unicode minus or dash, or non-breaking spaces between digit groups, are not SIE)`, this.#lex.line, this.#lex.label, 'info');
    } else if (parsed.repaired) this.#warn('SIE_REPAIRED', `Amount ${JSON.stringify(raw)} read as ${parsed.ore} öre (decimal comma or "+" is not SIE)`, this.#lex.line, this.#lex.label, 'info');
    const grouped = this.#digitGroups(i);
    if (grouped !== undefined) {
      const message = `Invalid amount: expected no thousands separator in field ${i + 1}, found ${JSON.stringify(grouped.text)} (digit groups separated by spaces)`;
      // In a row the next field is a date, so the row cannot be read either way. In a balance it
      // is the optional quantity: "500 100.00" may be 5 kr and 100 units, so one group is read
      // so with a warning; two or more groups leave no such reading.
      if (ROW_LABELS.has(this.#lex.upperLabel) || grouped.groups > 1) throw this.#error('SIE_INVALID_VALUE', message, i);
      if (grouped.decimals) {
        this.#warn('SIE_STRUCTURE', `${message}; read as ${JSON.stringify(raw)} with quantity ${JSON.stringify(this.#str(i + 1) ?? '')}`, this.#lex.line, this.#lex.label);
      }
    }
    return parsed.ore;
  }

  /** `-1 234 567.00`: an amount of 1–3 digits followed by unquoted groups of 3 digits, the last with optional decimals. */
  #digitGroups(i: number): { text: string; groups: number; decimals: boolean } | undefined {
    const lex = this.#lex;
    const raw = lex.fields[i];
    if (typeof raw !== 'string' || lex.quoted[i] === true || !/^[-+\u2212\u2012\u2013\u2014\ufe63\uff0d]?\d{1,3}$/.test(raw)) return undefined;
    let text = raw;
    let groups = 0;
    for (let k = i + 1; k < lex.fields.length; k++) {
      const f = lex.fields[k];
      if (typeof f !== 'string' || lex.quoted[k] === true) break;
      if (/^\d{3}[.,]\d{1,2}$/.test(f)) return { text: `${text} ${f}`, groups: groups + 1, decimals: true };
      if (!/^\d{3}$/.test(f)) break;
      text += ` ${f}`;
      groups++;
    }
    return groups > 0 ? { text, groups, decimals: false } : undefined;
  }

  #integer(i: number, what: string): number {
    this.#trimQuoted(i);
    const raw = this.#need(i, what);
    const v = parseSieInteger(raw);
    if (v === undefined) throw this.#error('SIE_INVALID_VALUE', `Invalid ${what}: expected an integer in field ${i + 1}, found ${JSON.stringify(raw)}`, i);
    return v;
  }

  /** A date field: required → ISO; optional → ISO or undefined for "" / 00000000. */
  #date(i: number, required: boolean): string | undefined {
    this.#trimQuoted(i);
    const raw = this.#lex.fields[i];
    if (raw === undefined || raw === '' || raw === '00000000' || (!required && typeof raw === 'string' && isZeroDate(raw))) {
      if (!required) return undefined;
      throw this.#error('SIE_INVALID_VALUE', `${this.#lex.label}: expected a date YYYYMMDD in field ${i + 1}, found ${raw === undefined ? 'the end of the record' : JSON.stringify(raw)}`, raw === undefined ? undefined : i);
    }
    if (typeof raw !== 'string') throw this.#error('SIE_SYNTAX', `${this.#lex.label}: expected a date YYYYMMDD in field ${i + 1}, found an object list`, i);
    if (raw === this.#lastDateRaw) return this.#lastDateIso;
    const parsed = parseSieDate(raw);
    if (parsed === undefined) {
      throw this.#error('SIE_INVALID_VALUE', `Invalid date: expected YYYYMMDD (a real calendar day) in field ${i + 1}, found ${JSON.stringify(raw)}`, i);
    }
    if (parsed.repaired) {
      this.#warn('SIE_REPAIRED', `Date ${JSON.stringify(raw)} read as ${parsed.iso} (SIE dates are YYYYMMDD)`, this.#lex.line, this.#lex.label, 'info');
    } else {
      this.#lastDateRaw = raw;
      this.#lastDateIso = parsed.iso;
    }
    return parsed.iso;
  }

  #quantity(i: number): number | undefined {
    this.#trimQuoted(i);
    this.#lex.joinDigitGroups(i);
    const raw = this.#opt(i);
    if (raw === undefined) return undefined;
    let q = parseSieQuantity(raw);
    if (q === undefined) {
      // The same spreadsheet spelling as an amount's (`−2.5`, `1\u00a0200`), any number of decimals.
      const normalized = normalizeSieAmount(raw);
      q = normalized === undefined ? undefined : parseSieQuantity(normalized);
      if (q === undefined) throw this.#error('SIE_INVALID_VALUE', `Invalid quantity: expected a decimal number in field ${i + 1}, found ${JSON.stringify(raw)}`, i);
      this.#warn('SIE_REPAIRED', `Quantity ${JSON.stringify(raw)} read as ${q} (a Unicode minus or dash, or non-breaking spaces between digit groups, are not SIE)`, this.#lex.line, this.#lex.label, 'info');
    }
    return q;
  }

  #objectList(i: number, required: boolean): readonly SieObjectRef[] {
    let f = this.#lex.fields[i];
    if (f === undefined && !required) return EMPTY_OBJECTS;
    // SIE 4C writes a skipped field as "": here that is no objects. A writer that quotes every
    // field writes the list itself in quotes ("{}", "{1 100}"): read what is inside.
    if (typeof f === 'string' && this.#lex.quoted[i] === true) {
      if (f.trim() === '') return EMPTY_OBJECTS;
      const inner = /^\s*\{([^{}"]*)\}\s*$/.exec(f);
      if (inner !== null) {
        this.#warn('SIE_REPAIRED', `${this.#lex.label}: object list in quotes (${JSON.stringify(f)}) read as ${f.trim()}`, this.#lex.line, this.#lex.label, 'info');
        f = (inner[1] ?? '').split(/[ \t]+/).filter((t) => t !== '');
      }
    }
    if (f === undefined || typeof f === 'string') {
      throw this.#error('SIE_SYNTAX', `${this.#lex.label}: expected an object list {…} in field ${i + 1}, found ${f === undefined ? 'the end of the record' : JSON.stringify(f)}`, f === undefined ? undefined : i);
    }
    if (f.length === 0) return EMPTY_OBJECTS;
    if (f.length % 2 !== 0) {
      throw this.#error('SIE_SYNTAX', `${this.#lex.label}: expected dimension/object pairs in the object list of field ${i + 1}, found ${f.length} tokens {${f.join(' ')}}`, i);
    }
    const refs = new Array<SieObjectRef>(f.length / 2);
    for (let k = 0; k < f.length; k += 2) {
      const dim = f[k] ?? '';
      const v = parseSieInteger(dim);
      if (v === undefined || v < 0) {
        throw this.#error('SIE_INVALID_VALUE', `${this.#lex.label}: expected a dimension number in the object list of field ${i + 1}, found ${JSON.stringify(dim)}`, i);
      }
      refs[k / 2] = { dimension: v, object: f[k + 1] ?? '' };
    }
    return refs;
  }

  // ---- records

  #dispatch(): void {
    const lex = this.#lex;
    if (lex.kind === 'open') throw this.#error('SIE_SYNTAX', 'Unexpected "{": expected it only on the line after a #VER');
    if (lex.kind === 'close') throw this.#error('SIE_SYNTAX', 'Unexpected "}": no voucher is open');
    if (lex.kind === 'other') {
      throw this.#error('SIE_SYNTAX', `Expected a record starting with a #LABEL, found ${JSON.stringify(lex.lineText().trim().slice(0, 60))}`);
    }
    const label = lex.upperLabel;
    const h = this.#header;
    switch (label) {
      case '#FLAGGA': {
        const v = parseSieInteger(this.#str(0) ?? '');
        if (v === undefined) this.#warn('SIE_STRUCTURE', `#FLAGGA: expected 0 or 1, found ${JSON.stringify(this.#str(0) ?? '')}`, lex.line, lex.label);
        h.flag = v ?? 0;
        this.#sawFlag = true;
        return;
      }
      case '#KSUMMA':
        return this.#ksumma();
      case '#PROGRAM': {
        const program: SieProgram = { name: this.#str(0) ?? '', version: this.#str(1) ?? '' };
        h.program = program;
        return;
      }
      case '#FORMAT':
        h.format = this.#str(0) ?? '';
        return;
      case '#GEN': {
        const date = this.#headerDate(0);
        if (date !== undefined) {
          const sign = this.#opt(1);
          const gen: Mutable<SieGenerated> = { date };
          if (sign !== undefined) gen.sign = sign;
          h.generated = gen;
        }
        return;
      }
      case '#SIETYP': {
        const raw = this.#str(0) ?? '';
        // "4E"/"4I": the file kind spelled into the type; the spec writes both as 4.
        if (/^4[EI]$/i.test(raw)) {
          this.#warn('SIE_REPAIRED', `#SIETYP ${JSON.stringify(raw)} read as 4 (SIE writes 4 for both 4E and 4I)`, lex.line, lex.label, 'info');
          h.sieType = 4;
          return;
        }
        const v = parseSieInteger(raw);
        if (v === undefined) this.#warn('SIE_STRUCTURE', `#SIETYP: expected 1–4, found ${JSON.stringify(this.#str(0) ?? '')}`, lex.line, lex.label);
        else h.sieType = v;
        return;
      }
      case '#PROSA':
        this.#text(0);
        h.prosa = this.#str(0) ?? '';
        return;
      case '#FTYP':
        setOpt(h, 'companyType', this.#opt(0));
        return;
      case '#FNR':
        setOpt(h, 'companyId', this.#opt(0));
        return;
      case '#ORGNR': {
        const number = this.#opt(0);
        if (number === undefined) return;
        const org: Mutable<SieOrgNumber> = { number };
        setOpt(org, 'acquisitionNumber', this.#opt(1));
        setOpt(org, 'activityNumber', this.#opt(2));
        h.orgNumber = org;
        return;
      }
      case '#BKOD':
        setOpt(h, 'industryCode', this.#opt(0));
        return;
      case '#ADRESS': {
        // Each of the four fields may be an unquoted text with no-break spaces between its words
        // (`#ADRESS Anna\u00a0Berg Storgatan\u00a01 …`): joined field by field from the first, so
        // the fields after keep their places.
        for (let f = 0; f < 4; f++) this.#text(f);
        const address: SieAddress = { contact: this.#str(0) ?? '', street: this.#str(1) ?? '', postal: this.#str(2) ?? '', phone: this.#str(3) ?? '' };
        h.address = address;
        return;
      }
      case '#FNAMN':
        this.#text(0);
        h.companyName = this.#str(0) ?? '';
        return;
      case '#RAR': {
        const year: Mutable<SieFiscalYear> = { yearIndex: this.#integer(0, 'year index') };
        setOpt(year, 'start', this.#date(1, false));
        setOpt(year, 'end', this.#date(2, false));
        this.#fiscalYears.push(year);
        return;
      }
      case '#TAXAR': {
        const raw = this.#str(0) ?? '';
        if (/^\d{4}$/.test(raw)) h.taxYear = Number(raw);
        else this.#warn('SIE_STRUCTURE', `#TAXAR: expected a year YYYY, found ${JSON.stringify(raw)}; ignored`, lex.line, lex.label);
        return;
      }
      case '#OMFATTN':
        setOpt(h, 'balancesAsOf', this.#headerDate(0));
        return;
      case '#KPTYP':
        setOpt(h, 'chartType', this.#opt(0));
        return;
      case '#VALUTA':
        setOpt(h, 'currency', this.#opt(0));
        return;
      case '#KONTO': {
        const number = this.#account(0);
        this.#text(1);
        const name = this.#str(1) ?? '';
        const existing = this.#accounts.get(number);
        if (existing) existing.name = name;
        else this.#accounts.set(number, { number, name, sru: [], line: lex.line });
        return;
      }
      case '#KTYP': {
        const acc = this.#accountEntry(this.#account(0));
        const t = (this.#str(1) ?? '').toUpperCase();
        if (!isAccountType(t)) throw this.#error('SIE_INVALID_VALUE', `#KTYP: expected T, S, K or I in field 2, found ${JSON.stringify(this.#str(1) ?? '')}`, 1);
        acc.type = t;
        return;
      }
      case '#ENHET': {
        const acc = this.#accountEntry(this.#account(0));
        this.#text(1);
        acc.unit = this.#need(1, 'a unit');
        return;
      }
      case '#SRU': {
        const acc = this.#accountEntry(this.#account(0));
        acc.sru.push(this.#need(1, 'an SRU code'));
        return;
      }
      case '#DIM':
      case '#UNDERDIM': {
        // #UNDERDIM's superior dimension follows the name: a last field of digits is that.
        this.#text(1, label === '#UNDERDIM' ? (next) => isDigits(next) : undefined);
        const dim: Mutable<SieDimension> = { number: this.#integer(0, 'dimension number'), name: this.#str(1) ?? '', line: lex.line };
        if (label === '#UNDERDIM') dim.parent = this.#integer(2, 'superior dimension number');
        this.#dimensions.push(dim);
        return;
      }
      case '#OBJEKT': {
        this.#text(2);
        const obj: SieObject = {
          dimension: this.#integer(0, 'dimension number'),
          id: this.#need(1, 'an object id'),
          name: this.#str(2) ?? '',
          line: lex.line,
        };
        this.#objects.push(obj);
        return;
      }
      case '#IB':
      case '#UB':
      case '#RES': {
        const b: Mutable<SieBalance> = {
          kind: label === '#IB' ? 'IB' : label === '#UB' ? 'UB' : 'RES',
          yearIndex: this.#integer(0, 'year index'),
          account: this.#account(1),
          amount: this.#amount(2),
          line: lex.line,
        };
        setOpt(b, 'quantity', this.#quantity(3));
        this.#balances.push(b);
        return;
      }
      case '#OIB':
      case '#OUB': {
        const b: Mutable<SieObjectBalance> = {
          kind: label === '#OIB' ? 'OIB' : 'OUB',
          yearIndex: this.#integer(0, 'year index'),
          account: this.#account(1),
          objects: this.#objectList(2, true),
          amount: this.#amount(3),
          line: lex.line,
        };
        setOpt(b, 'quantity', this.#quantity(4));
        this.#objectBalances.push(b);
        return;
      }
      case '#PSALDO':
      case '#PBUDGET': {
        const yearIndex = this.#integer(0, 'year index');
        this.#trimQuoted(1);
        const rawPeriod = this.#need(1, 'a period YYYYMM');
        const period = parseSiePeriod(rawPeriod);
        if (period === undefined) throw this.#error('SIE_INVALID_VALUE', `Invalid period: expected YYYYMM in field 2, found ${JSON.stringify(rawPeriod)}`, 1);
        if (rawPeriod.length !== 6) this.#warn('SIE_REPAIRED', `Period ${JSON.stringify(rawPeriod)} read as ${period} (SIE periods are YYYYMM)`, lex.line, lex.label, 'info');
        const b: Mutable<SiePeriodBalance> = {
          kind: label === '#PSALDO' ? 'PSALDO' : 'PBUDGET',
          yearIndex,
          period,
          account: this.#account(2),
          objects: this.#objectList(3, false),
          amount: this.#amount(4),
          line: lex.line,
        };
        setOpt(b, 'quantity', this.#quantity(5));
        this.#periodBalances.push(b);
        return;
      }
      case '#VER':
        return this.#voucher();
      case '#TRANS':
      case '#RTRANS':
      case '#BTRANS':
        throw this.#error('SIE_SYNTAX', `${lex.label} outside a voucher: expected voucher rows only between "{" and "}" after a #VER`);
      default:
        this.#keepUnknown();
    }
  }

  #headerDate(i: number): string | undefined {
    try {
      this.#wantMessage = true;
      return this.#date(i, false);
    } catch (err) {
      if (!(err instanceof SieParseError)) throw err;
      this.#warn('SIE_STRUCTURE', `${err.message}; ignored`, err.line, err.label);
      return undefined;
    } finally {
      this.#wantMessage = false;
    }
  }

  #accountEntry(number: string): MutableAccount {
    let acc = this.#accounts.get(number);
    if (!acc) {
      acc = { number, name: '', sru: [], line: this.#lex.line };
      this.#accounts.set(number, acc);
    }
    return acc;
  }

  #keepUnknown(): void {
    const lex = this.#lex;
    if (this.#unknown.length >= MAX_KEPT_UNKNOWN_RECORDS || this.#unknownFields + lex.fields.length > MAX_KEPT_UNKNOWN_FIELDS) {
      this.#unknownDropped++;
      const label = clip(lex.upperLabel);
      if (this.#unknownDroppedLabels.size < 5) this.#unknownDroppedLabels.add(label);
      else if (!this.#unknownDroppedLabels.has(label)) this.#unknownMoreLabels = true;
      return;
    }
    const fields = lex.fields.map((f) => (typeof f === 'string' ? f : `{${f.join(' ')}}`));
    this.#unknownFields += fields.length;
    this.#unknown.push({ label: lex.label, fields, line: lex.line });
  }

  /** Line of the #KSUMMA that closed a checksum (0: none yet); see {@link #checkJoined}. */
  #checksumClosedAt = 0;
  /** The first record after it. */
  #afterClose: { readonly line: number; readonly label: string } | undefined;

  #ksumma(): void {
    const lex = this.#lex;
    const raw = this.#opt(0);
    if (raw === undefined) {
      if (this.#crc !== undefined || this.#checksum.status !== 'absent') {
        this.#warn('SIE_CHECKSUM_MISMATCH', 'A second opening #KSUMMA: expected one opening and one closing record', lex.line, lex.label);
        return;
      }
      this.#crc = new SieCrc();
      this.#crcOpenedAt = lex.line;
      lex.noteChecksumBlanks = true;
      return;
    }
    // "#KSUMMA 0": a writer that leaves the checksum to others (a CRC of 0 has odds of 1 in 2^32).
    if (/^0+$/.test(raw)) {
      this.#crc = undefined;
      lex.noteChecksumBlanks = false;
      this.#checksum = { status: 'absent' };
      this.#warn('SIE_STRUCTURE', '#KSUMMA 0: a placeholder, not a checksum; not verified', lex.line, lex.label, 'info');
      return;
    }
    // Some writers print the CRC as a signed 32-bit integer: -1261901296 is 3033066000.
    const signed = /^-\d{1,10}$/.test(raw) && Number(raw) >= -0x80000000;
    const expected = /^\d{1,10}$/.test(raw) ? Number(raw) : signed ? Number(raw) + 0x100000000 : undefined;
    if (this.#crc === undefined) {
      this.#checksum = expected === undefined ? { status: 'invalid' } : { status: 'invalid', expected };
      this.#warn('SIE_CHECKSUM_MISMATCH', `#KSUMMA ${raw} closes a checksum that was never opened: expected a bare #KSUMMA right after #FLAGGA`, lex.line, lex.label);
      return;
    }
    const actual = this.#crc.value();
    this.#crc = undefined;
    this.#checksumClosedAt = lex.line;
    lex.noteChecksumBlanks = false;
    if (expected === actual) {
      this.#checksum = { status: 'valid', expected, actual };
      if (signed) this.#warn('SIE_REPAIRED', `#KSUMMA ${raw} is the checksum ${actual} written as a signed 32-bit number (SIE writes it unsigned)`, lex.line, lex.label, 'info');
    } else {
      this.#checksum = expected === undefined ? { status: 'invalid', actual } : { status: 'invalid', expected, actual };
      this.#warn('SIE_CHECKSUM_MISMATCH', `#KSUMMA mismatch: the file says ${JSON.stringify(raw)}, the records between the markers give ${actual}`, lex.line, lex.label);
    }
  }

  #finishChecksum(): void {
    if (this.#crc === undefined) return;
    this.#crc = undefined;
    this.#checksum = { status: 'invalid' };
    const err = new SieParseError(
      'SIE_SYNTAX',
      `Truncated file: #KSUMMA on line ${this.#crcOpenedAt} opened a checksum, expected a closing #KSUMMA <value> before the end of the file`,
      { file: this.#file, line: this.#crcOpenedAt, label: '#KSUMMA' },
    );
    if (this.#strict) throw err;
    this.#collect(err);
  }

  // ---- vouchers

  #voucher(): void {
    const lex = this.#lex;
    const verLine = lex.line;
    let head: MutableVoucher | undefined;
    let headError: unknown;
    try {
      head = this.#voucherHead();
    } catch (err) {
      headError = err;
    }
    // The rows must follow in a { } block, whatever the state of the #VER line.
    const openOnVerLine = lex.trailingBrace === 'open';
    if (openOnVerLine) this.#warn('SIE_REPAIRED', '"{" at the end of the #VER line instead of on a line of its own', verLine, '#VER', 'info');
    if (!openOnVerLine && (!this.#advance() || lex.kind !== 'open')) {
      const found = lex.line === verLine ? 'the end of the file' : lex.kind === 'record' ? lex.label : JSON.stringify(lex.lineText().trim().slice(0, 40));
      if (lex.line !== verLine) this.#pushedBack = true;
      if (headError !== undefined) this.#fail(headError);
      // Built through #error: a file of a million such lines must not capture a million stacks.
      throw this.#error('SIE_SYNTAX', `#VER without "{": expected a line with "{" after the #VER on line ${verLine}, found ${found}`, undefined, verLine, '#VER');
    }
    if (headError !== undefined) {
      // Report the #VER error, then skip its rows so they are not read as stray records.
      this.#fail(headError);
      this.#rows(undefined, verLine);
      return;
    }
    if (head) this.#rows(head, verLine);
  }

  #voucherHead(): MutableVoucher {
    const lex = this.#lex;
    let base = 0;
    // Leading fields left out, so the date comes early. Sie4j repairs "#VER  1 20200101 …" (no
    // series); "#VER A 20200101" has a series and no number (numbers are numeric); "#VER 20200101
    // "text"" has neither.
    // A padded voucher number or date ("1 ", "20250110 "); the first two fields may be either, or a text.
    this.#trimQuoted(0, true);
    this.#trimQuoted(1, true);
    const f0 = this.#str(0);
    const f1 = this.#str(1);
    const f2 = this.#str(2);
    let series = f0 ?? '';
    let number = f1 ?? '';
    if (isDate8(f1) && !(f2 !== undefined && parseSieDate(f2))) {
      base = -1;
      if (f0 !== undefined && f0 !== '' && !isDigits(f0)) {
        number = '';
        this.#warn('SIE_REPAIRED', `#VER without a voucher number: read ${JSON.stringify(f0)} as the series and the next field as the date`, lex.line, lex.label, 'info');
      } else {
        series = '';
        number = f0 ?? '';
        this.#warn('SIE_REPAIRED', '#VER without a series field: read the first field as the voucher number', lex.line, lex.label, 'info');
      }
    } else if (isDate8(f0) && !(f1 !== undefined && (isDigits(f1) || parseSieDate(f1))) && !(f1 === '' && isDate8(f2))) {
      base = -2;
      series = '';
      number = '';
      this.#warn('SIE_REPAIRED', '#VER without series and number fields: read the first field as the voucher date', lex.line, lex.label, 'info');
    }
    let date = '';
    const rawDate = lex.fields[2 + base];
    this.#missingDate = undefined;
    try {
      date = this.#date(2 + base, true) ?? '';
    } catch (err) {
      // No voucher date at all: the rows may carry it (checked when they have been read).
      if (!(err instanceof SieParseError) || !(rawDate === undefined || (typeof rawDate === 'string' && (rawDate === '' || isZeroDate(rawDate))))) throw err;
      this.#missingDate = err;
    }
    // The registration date follows the text.
    this.#text(3 + base, (next) => isDate8(next) || isZeroDate(next) || parseSieDate(next) !== undefined);
    const v: MutableVoucher = {
      series,
      number,
      date,
      text: this.#str(3 + base) ?? '',
      transactions: EMPTY_ROWS,
      removed: EMPTY_ROWS,
      line: lex.line,
    };
    // The registration date is bookkeeping metadata: a bad one is reported, not a reason to drop the voucher.
    setOpt(v, 'registrationDate', this.#headerDate(4 + base));
    setOpt(v, 'sign', this.#opt(5 + base));
    return v;
  }

  /** Reads the rows after "{" up to "}". With no voucher (its #VER was bad) the rows are skipped. */
  #rows(voucher: MutableVoucher | undefined, verLine: number): void {
    const lex = this.#lex;
    let incomplete = false;
    let echo: SieTransaction | undefined;
    /** #RTRANS rows whose echo did not follow right after them. */
    const unechoed: SieTransaction[] = [];
    const rows: SieTransaction[] = [];
    const removed: SieTransaction[] = [];
    /** The last row ended in "}": the block is closed once that row is read. */
    let closed = false;
    const extra = lex.braceExtra;
    if (lex.kind === 'open' && extra !== undefined && 'emptyBlock' in extra) {
      // "{}" on the line after the #VER: a block without rows, closed on its own line.
      closed = true;
      this.#warn('SIE_REPAIRED', '"{}" on one line: read as a voucher without rows', lex.line, '#VER', 'info');
    }
    for (;;) {
      if (closed) break;
      if (!this.#advance()) {
        throw new SieParseError('SIE_SYNTAX', `Unterminated voucher: expected "}" closing the #VER on line ${verLine}, found the end of the file`, {
          file: this.#file,
          line: verLine,
          label: '#VER',
        });
      }
      if (lex.kind === 'close') {
        const after = lex.braceExtra;
        if (after !== undefined && 'trailingColumn' in after) {
          const rest = lex.lineText().trim().slice(1).trim().slice(0, 40);
          this.#warn('SIE_STRUCTURE', `Text after the "}" that closes the voucher on line ${verLine} was ignored: ${JSON.stringify(rest)} (column ${after.trailingColumn})`, lex.line, '#VER');
        }
        break;
      }
      if (lex.trailingBrace === 'close') {
        closed = true;
        this.#warn('SIE_REPAIRED', `"}" at the end of the ${lex.label} line instead of on a line of its own`, lex.line, lex.label, 'info');
      }
      if (lex.kind === 'record' && !ROW_LABELS.has(lex.upperLabel) && KNOWN_LABELS.has(lex.upperLabel)) {
        // A record that cannot be inside a voucher: the "}" is missing.
        this.#pushedBack = true;
        this.#fail(this.#error('SIE_SYNTAX', `Unterminated voucher: expected "}" closing the #VER on line ${verLine}, found ${lex.label} on line ${lex.line}`, undefined, lex.line, lex.label));
        break;
      }
      if (voucher === undefined) continue;
      try {
        if (lex.kind !== 'record') {
          throw this.#error('SIE_SYNTAX', `Expected a #TRANS, #RTRANS or #BTRANS row or "}", found ${JSON.stringify(lex.lineText().trim().slice(0, 60))}`);
        }
        const label = lex.upperLabel;
        if (!ROW_LABELS.has(label)) {
          this.#keepUnknown();
          continue;
        }
        const row = this.#row();
        if (label === '#BTRANS') {
          removed.push(row);
          continue;
        }
        if (label === '#RTRANS') {
          if (echo !== undefined) unechoed.push(echo);
          const added: SieTransaction = { ...row, added: true };
          rows.push(added);
          echo = added;
          continue;
        }
        // #TRANS: the echo of the #RTRANS just before it is the same row, not a new one.
        if (echo !== undefined && sameRow(echo, row)) {
          echo = undefined;
          continue;
        }
        if (echo !== undefined) {
          unechoed.push(echo);
          echo = undefined;
        }
        rows.push(row);
      } catch (err) {
        incomplete = true;
        this.#fail(err);
      }
    }
    if (voucher === undefined) return;
    if (voucher.date === '') {
      // '#VER A 1 ""' with dated rows: the voucher's date is its earliest row date.
      let first: string | undefined;
      for (const r of rows.length > 0 ? rows : removed) if (r.date !== undefined && (first === undefined || r.date < first)) first = r.date;
      const missing = this.#missingDate;
      this.#missingDate = undefined;
      if (first === undefined) {
        if (missing !== undefined) throw missing;
        return;
      }
      voucher.date = first;
      this.#warn('SIE_REPAIRED', `#VER without a date: the voucher on line ${verLine} is dated ${first}, the ${rows.length > 0 ? 'earliest date of its rows' : 'date of its struck rows'}`, verLine, '#VER', 'info');
    }
    if (echo !== undefined) unechoed.push(echo);
    if (unechoed.length > 0) this.#lateEchoes(rows, unechoed, verLine);
    // Exact-size arrays: a growing array keeps room for 17 rows, a million vouchers would keep it all.
    voucher.transactions = rows.length === 0 ? EMPTY_ROWS : rows.slice();
    voucher.removed = removed.length === 0 ? EMPTY_ROWS : removed.slice();
    this.#vouchers.push(voucher);
    const sum = voucherSum(rows);
    if (sum !== 0 && this.#onlyCounted('SIE_UNBALANCED_VOUCHER')) {
      // Only counted (lenient, 1000 listed): no error object, no stack.
      this.#errorCounts.set('SIE_UNBALANCED_VOUCHER', (this.#errorCounts.get('SIE_UNBALANCED_VOUCHER') ?? 0) + 1);
      if (incomplete) this.#warn('SIE_UNBALANCED_VOUCHER', `Voucher on line ${verLine} had rows that could not be read (see the errors above); its balance is of the rows that were read`, verLine, '#VER');
    } else if (sum !== 0) {
      const err = new UnbalancedVoucherError(voucher.series, voucher.number, sum, { file: this.#file, line: verLine });
      if (this.#strict) throw err;
      this.#collect(err);
      if (incomplete) {
        this.#warn('SIE_UNBALANCED_VOUCHER', `Voucher on line ${verLine} had rows that could not be read (see the errors above); its balance is of the rows that were read`, verLine, '#VER');
      }
    }
  }

  /**
   * #RTRANS rows whose #TRANS echo did not come right after them. Some writers put the echo right
   * BEFORE its #RTRANS; others put all echoes later in the voucher (all #RTRANS first, then the
   * #TRANS). Each #RTRANS takes the identical #TRANS right before it, else the first one after it
   * that no other took, else the nearest one before it. An echo right before is the spec's pair in
   * the other order, taken when the voucher then balances (an added pair that balances on its own
   * also balances counted twice, so the balance alone cannot tell); echoes elsewhere only when the
   * voucher is unbalanced as written and balanced without them. Otherwise the rows stand as
   * written (the spec's reading) and each #RTRANS is reported.
   */
  #lateEchoes(rows: SieTransaction[], unechoed: readonly SieTransaction[], verLine: number): void {
    const { drop, adjacent } = echoCandidates(rows, unechoed);
    if (drop.size === unechoed.length) {
      const asWritten = voucherSum(rows);
      const kept = rows.filter((_, k) => !drop.has(k));
      if (voucherSum(kept) === 0 && (asWritten !== 0 || adjacent === unechoed.length)) {
        rows.length = 0;
        rows.push(...kept);
        const where = adjacent === unechoed.length ? 'right before them instead of right after' : 'elsewhere in the voucher, not right after them';
        this.#warn('SIE_RTRANS_WITHOUT_ECHO', `${unechoed.length} #RTRANS of the voucher on line ${verLine} had their #TRANS echo ${where}; read as echoes, as the voucher then balances`, verLine, '#VER');
        return;
      }
    }
    for (const r of unechoed) this.#warn('SIE_RTRANS_WITHOUT_ECHO', '#RTRANS not followed by its #TRANS echo (expected an identical #TRANS right after it)', r.line, '#RTRANS');
  }

  #row(): SieTransaction {
    const lex = this.#lex;
    // "#TRANS 1930 -500.00 …": a writer that leaves out the empty object list. The amount is where
    // the list belongs; the fields after it are read one place earlier, as if "{}" were written.
    const second = lex.fields[1];
    const noList = typeof second === 'string' && lex.quoted[1] !== true && parseSieAmount(second) !== undefined;
    if (noList) this.#warn('SIE_REPAIRED', `${lex.label}: no object list {…} before the amount; read as one without objects`, lex.line, lex.label, 'info');
    const at = noList ? 1 : 2; // the amount's field; transdat, transtext, quantity and sign follow it
    let objects = noList ? EMPTY_OBJECTS : this.#objectList(1, true);
    if (objects.some(noObject)) {
      // "{1 ""}": a dimension without an object (a program that always writes its cost-centre
      // field) is a row without an object there. Only on voucher rows: in a balance the pair is
      // what makes it an object balance.
      objects = objects.filter((o) => !noObject(o));
      this.#warn('SIE_REPAIRED', `${lex.label}: an empty object id in the object list was left out (no object for that dimension)`, lex.line, lex.label, 'info');
    }
    const row: Mutable<SieTransaction> = {
      account: this.#account(0),
      objects,
      amount: this.#amount(at),
      line: lex.line,
    };
    // The quantity follows the text.
    this.#text(at + 2, (next) => /^[-+\u2212\u2013]?\d/.test(next));
    let text = this.#opt(at + 2);
    const rawDate = lex.fields[at + 1];
    if (text === undefined && lex.quoted[at + 1] === true && typeof rawDate === 'string' && /[^\d-]/.test(rawDate)) {
      // "#TRANS 1910 {} -1000.00 "Kontantbetalning"": the text was written where transdat belongs.
      text = rawDate;
      this.#warn('SIE_REPAIRED', `${lex.label}: field ${at + 2} is a text, not a date; read as the row text`, lex.line, lex.label, 'info');
    } else {
      const date = this.#date(at + 1, false);
      if (date !== undefined) row.date = date;
    }
    if (text !== undefined) row.text = text;
    if (lex.fields.length > at + 3) {
      const q = this.#quantity(at + 3);
      if (q !== undefined) row.quantity = q;
      const sign = this.#opt(at + 4);
      if (sign !== undefined) row.sign = sign;
    }
    return row;
  }
}

/**
 * For each #RTRANS in `unechoed`, the index in `rows` of the #TRANS that would be its echo (see
 * Reader.lateEchoes), and how many of them are right before their #RTRANS. Rows are grouped by
 * content and each group walked once with a pointer that only moves forward (the #RTRANS come in
 * file order); the identical rows it passes wait on a stack, nearest on top. Linear: a scan per
 * #RTRANS made a voucher of 20 000 unechoed #RTRANS and 20 000 other rows take a minute.
 */
function echoCandidates(rows: readonly SieTransaction[], unechoed: readonly SieTransaction[]): { drop: Set<number>; adjacent: number } {
  const drop = new Set<number>();
  const index = new Map<SieTransaction, number>();
  const byContent = new Map<string, { readonly at: number[]; next: number; readonly passed: number[] }>();
  for (let k = 0; k < rows.length; k++) {
    const t = rows[k] as SieTransaction;
    index.set(t, k);
    if (t.added === true) continue;
    const key = rowKey(t);
    const group = byContent.get(key);
    if (group === undefined) byContent.set(key, { at: [k], next: 0, passed: [] });
    else group.at.push(k);
  }
  let adjacent = 0;
  const ordered = [...unechoed].sort((a, b) => (index.get(a) ?? -1) - (index.get(b) ?? -1));
  for (const r of ordered) {
    const from = index.get(r) ?? -1;
    const group = byContent.get(rowKey(r));
    if (group === undefined) continue;
    while (group.next < group.at.length && (group.at[group.next] as number) <= from) group.passed.push(group.at[group.next++] as number);
    const before = group.passed[group.passed.length - 1];
    if (before !== undefined && before === from - 1) {
      drop.add(group.passed.pop() as number);
      adjacent++;
    } else if (group.next < group.at.length) drop.add(group.at[group.next++] as number);
    else if (before !== undefined) drop.add(group.passed.pop() as number);
  }
  return { drop, adjacent };
}

/**
 * Feeds a record whose line has no-break or thin spaces outside quotes to the checksum. The lexer
 * reads them as field separators, but `#KSUMMA` covers the fields the spec sees, separated by
 * spaces and tabs only (formats.md §1.7): there each such blank is a character of the text, summed
 * where it stands (`1\u00a0234.50` is the bytes `1`, 0xFF, `234.50`), as the file's writer did.
 * `gaps` holds triples of the number of tokens before a gap and the gap's offsets in `line`, in
 * line order; the spaces, tabs and control characters of a gap are skipped as the spec skips them.
 */
function addRecordWithBlanks(crc: SieCrc, label: string, fields: readonly (string | readonly string[])[], gaps: readonly number[], line: string): void {
  crc.add(label);
  let b = 0;
  let token = 0;
  const blanksBefore = (at: number): void => {
    for (; b < gaps.length && gaps[b] === at; b += 3) {
      for (let k = gaps[b + 1] as number; k < (gaps[b + 2] as number); k++) {
        const c = line.charCodeAt(k);
        if (c > 32 && c !== 127) crc.add(line.charAt(k));
      }
    }
  };
  for (const f of fields) {
    for (const t of typeof f === 'string' ? [f] : f) {
      blanksBefore(token++);
      crc.add(t);
    }
  }
  blanksBefore(token);
}

/** The issue code an error is listed under. */
/** `s`, or its first 60 characters and an ellipsis: a message quotes a text, not a megabyte of it. */
/** `3 NUL bytes, the first on line 12, column 20`. */
function nulText(nul: { readonly count: number; readonly line: number; readonly column: number }): string {
  return `${nul.count} NUL byte${nul.count === 1 ? '' : 's'} (control character 0), the first on line ${nul.line}, column ${nul.column}`;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

function issueCode(code: string): SieIssueCode {
  return code === 'SIE_UNBALANCED_VOUCHER' || code === 'SIE_INVALID_VALUE' ? code : 'SIE_SYNTAX';
}

/** `0`, `0000-00-00`: writers' spelling of "no date" in an optional date field. */
function isZeroDate(s: string): boolean {
  return /^[0-]+$/.test(s) && s.includes('0');
}

/** An unrepaired `YYYYMMDD` calendar date. */
function isDate8(s: string | undefined): boolean {
  return s !== undefined && s.length === 8 && isDigits(s) && parseSieDate(s) !== undefined;
}

/** What {@link sameRow} compares, as one string: account, amount and the objects in a fixed order. */
function rowKey(t: SieTransaction): string {
  const objects = t.objects.length <= 1 ? t.objects : [...t.objects].sort((a, b) => a.dimension - b.dimension || (a.object < b.object ? -1 : a.object > b.object ? 1 : 0));
  return JSON.stringify([t.account, t.amount, objects.map((o) => [o.dimension, o.object])]);
}

/** An object reference without an object id: empty, blanks or control characters only. */
function noObject(o: SieObjectRef): boolean {
  return o.object.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() === '';
}

/**
 * Whether `b` is the #TRANS echo of #RTRANS `a`: same account, amount and objects. An object list
 * is a set of dimension/object pairs, so the order is not compared (a program that rewrites the
 * file may list `{6 "P1" 1 "S"}` for `{1 "S" 6 "P1"}`).
 */
function sameRow(a: SieTransaction, b: SieTransaction): boolean {
  if (a.account !== b.account || a.amount !== b.amount || a.objects.length !== b.objects.length) return false;
  let inOrder = true;
  for (let i = 0; i < a.objects.length && inOrder; i++) {
    const x = a.objects[i];
    const y = b.objects[i];
    if (x?.dimension !== y?.dimension || x?.object !== y?.object) inOrder = false;
  }
  if (inOrder) return true;
  const count = new Map<string, number>();
  for (const o of a.objects) {
    const k = `${o.dimension}\u0000${o.object}`;
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  for (const o of b.objects) {
    const k = `${o.dimension}\u0000${o.object}`;
    const n = count.get(k) ?? 0;
    if (n === 0) return false;
    count.set(k, n - 1);
  }
  return true;
}

function isAccountType(t: string): t is SieAccountType {
  return SIE_ACCOUNT_TYPES.some((x) => x === t);
}

function setOpt<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** The exact sum of a voucher's rows; a total beyond 2^53 öre (only hostile input) counts as unbalanced. */
function voucherSum(rows: readonly SieTransaction[]): number {
  try {
    return sumAmounts(rows);
  } catch (err) {
    if (err instanceof AmountRangeError) return Number.POSITIVE_INFINITY;
    throw err;
  }
}

