/**
 * SIE 4 line tokenizer (SIE 4B §5, formats.md §1.3). One record per physical line; lines end in
 * LF, CRLF or a lone CR, mixed freely. Fields are separated by runs of spaces or tabs; a field may
 * be quoted, and inside quotes `\"` stands for `"` while any other backslash is literal (Visma
 * writes `#FNR "C:\ProgramData\…"`). A no-break space (U+00A0: CP437 0xFF, Latin-1 0xA0), a
 * narrow no-break space (U+202F) or a thin space (U+2009) outside quotes separates fields too: programs that build lines from spreadsheet cells write it; inside
 * an amount it may instead be a digit-group blank, and inside an unquoted name or text the writer's blank between words, which the reader decides ({@link SieLexer.joinDigitGroups}, {@link SieLexer.joinText}). Quotes a writer left unescaped stay part of the text: an
 * even number by pairing (`"Kaffe "Gott" AB"`), an odd number by ending the field at the one
 * closing quote after which the rest of the line is well-formed (`"Skruv 3/4" 12" lådor"`). An
 * unquoted field starting with `{` is an object list of
 * tokens up to `}` (`{}`, `{ }`, `{1 "0123" 6 P1}`, `{1 "1" }` all occur; so do pairs without
 * blanks, `{1"a"2"b"}`: a quote ends a dimension number, and digits then a blank or a quote after
 * an object id's closing quote are the next dimension). `{` and `}` alone on
 * their line open and close a voucher's rows.
 *
 * The lexer reuses its field arrays from line to line (a million-row file must not allocate an
 * array per row); callers copy what they keep.
 *
 * @internal
 */
import { SieParseError } from '../core/errors.js';

/** What a non-blank line is. */
export const SIE_LINE_KINDS = ['record', 'open', 'close', 'other'] as const;
/** `record`: `#LABEL fields…`; `open`/`close`: a lone `{`/`}`; `other`: anything else. */
export type SieLineKind = (typeof SIE_LINE_KINDS)[number];

/** A lexed field: a string (unquoted and unescaped) or the tokens of an object list. */
export type SieField = string | readonly string[];

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN = 123;
const CLOSE = 125;
const HASH = 35;
const LF = 10;
const NBSP = 0xa0;
/** Narrow no-break space and thin space: French and other locales' thousands separators, also written between cells. */
const NNBSP = 0x202f;
const THIN = 0x2009;
const BOM = 0xfeff;
/** The UTF-8 byte-order mark's bytes EF BB BF as CP437 decodes them (`∩╗┐`) and as Latin-1/Windows-1252 does (`ï»¿`). */
const CP437_BOM = [0x2229, 0x2557, 0x2510] as const;
const LATIN1_BOM = [0xef, 0xbb, 0xbf] as const;
const ZERO = 48;
const NINE = 57;

/** States of a quoting scan: between fields, inside a quoted field, inside an unescaped inner quote. */
const S_OUT = 1;
const S_IN = 2;
const S_INNER = 4;

/**
 * Spaces, tabs, other control characters (a DOS EOF 0x1A, form feeds) and the no-break spaces
 * (U+00A0, the narrow U+202F and the thin space U+2009) separate fields. A spreadsheet cell
 * copied into a line brings its no-break spaces along, and the spec's blank separator is what the
 * writer meant: a field never holds an unquoted blank. ASCII text is decided by the first test.
 */
function isSpace(c: number): boolean {
  return c <= 32 || (c >= 127 && isWideBlank(c));
}

/** A blank outside ASCII that separates fields: DEL aside, the three no-break and thin spaces. */
function isWideBlank(c: number): boolean {
  return c === NBSP || c === NNBSP || c === THIN || c === 127;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** A token an NBSP may have cut off a grouped number: 1–3 digits, optionally with decimals. */
function isDigitGroup(s: string): boolean {
  let k = 0;
  while (k < s.length && isDigit(s.charCodeAt(k))) k++;
  if (k === 0 || k > 3) return false;
  if (k === s.length) return true;
  const c = s.charCodeAt(k);
  if (c !== 46 && c !== 44) return false;
  for (let d = k + 1; d < s.length; d++) if (!isDigit(s.charCodeAt(d))) return false;
  return true;
}

/**
 * Fields (an object list's tokens counted one by one) one record may have. The spec's records have
 * at most 7 fields and object lists a few pairs; a line of more is junk. A 240 MB line of 120
 * million one-letter fields filled the heap and crashed the process before this limit: now such a
 * line is a `SIE_SYNTAX` error naming it, skipped in lenient mode. High enough for a name of
 * 400 000 words joined by no-break spaces, which is read whole.
 */
export const MAX_RECORD_FIELDS = 1_000_000;

/** Tokenizes a SIE text line by line. */
export class SieLexer {
  readonly #text: string;
  readonly #file: string | undefined;
  readonly #hasCr: boolean;
  readonly #lenient: boolean;
  #pos = 0;
  #physical = 0;
  #nextCr = -1;
  #nextLf = -1;
  /** Next backslash at or after the last search (text length when none): one scan for the whole text. */
  #nextBackslash = -1;
  /** Physical line on which a scan for unescaped inner quotes failed (no second one there). */
  #innerFailedLine = 0;
  /** Physical line whose quoting was already checked for an odd number of unescaped quotes (once per line: linear time). */
  #oddCheckedLine = 0;

  /** Kind of the current line. */
  kind: SieLineKind = 'other';
  /** Label of the current record including `#`, as written (empty for non-records). */
  label = '';
  /** {@link label} in upper case (labels are matched case-insensitively). */
  upperLabel = '';
  /** Fields of the current record (reused between lines). */
  readonly fields: SieField[] = [];
  /** Whether each field was quoted (reused between lines). */
  readonly quoted: boolean[] = [];
  /** 1-based column where each field starts (reused between lines). */
  readonly columns: number[] = [];
  /**
   * Indices of the fields that no-break or thin spaces alone (one or a run of them, no space, tab
   * or DEL among them) separate from the field before (reused; usually empty).
   */
  readonly #nbspJoined: number[] = [];
  /** Where the gap before each field of {@link #nbspJoined} starts in the text (same order). */
  readonly #nbspGapStart: number[] = [];
  /**
   * Set while a `#KSUMMA` checksum is open: note the gaps between fields that hold a no-break or
   * thin space in {@link checksumBlanks}. Off otherwise, so reading without a checksum does no such work.
   */
  noteChecksumBlanks = false;
  /**
   * The gaps of the current record line that hold a no-break or thin space outside quotes, as
   * triples: the number of tokens before the gap (an object list's tokens counted one by one), and
   * the gap's start and end offsets in {@link lineText} (reused; usually empty). `#KSUMMA` counts
   * those blanks as text (see {@link #blanks}).
   */
  readonly checksumBlanks: number[] = [];
  /** 1-based physical line of the current line. */
  line = 0;
  /**
   * The current line began with a byte-order mark, skipped like indentation: a UTF-8 file joined
   * to another (`cat a.se b.se`) keeps its BOM at the start of its first line. When the joined
   * bytes were decoded as a single-byte encoding the mark's bytes EF BB BF read as `∩╗┐` (CP437)
   * or `ï»¿` (Latin-1/Windows-1252); at a line start those three characters are that mark too.
   */
  bom = false;
  /** How the current line's byte-order mark was read: `\ufeff`, `∩╗┐` or `ï»¿` (empty when none). */
  bomText = '';
  #lineStart = 0;
  #lineEnd = 0;

  /** Set when the current line had an unterminated final quote that lenient mode closed at the line end. */
  recoveredColumn: number | undefined;
  /** Set when a quoted field of the current line held unescaped quotes (`"Kaffe "Gott" AB"`), read as part of its text. */
  innerQuoteColumn: number | undefined;
  /** A voucher's `{` at the end of its #VER line, or its `}` at the end of its last row (not a field). */
  trailingBrace: 'open' | 'close' | undefined;
  /**
   * Odd brace lines: `{}` (an `open` line whose block closes on the same line: a voucher without
   * rows), or a `close` line with text after its `}` that is no record (`} x`, `}}`): its 1-based column.
   */
  braceExtra: { readonly emptyBlock: true } | { readonly trailingColumn: number } | undefined;
  /** Set when a quoted field of the current line ended in a backslash (`"C:\Data\"`): its `\"` was read as `\` and the closing quote. */
  backslashColumn: number | undefined;
  /**
   * Set when a quoted field of the current line held an odd number of unescaped quotes
   * (`"Skruv 3/4" 12" lådor"`) and was read up to the one closing quote that leaves the rest of the
   * line well-formed: the field's column and the column of that closing quote.
   */
  oddQuote: { column: number; closeColumn: number } | undefined;
  /**
   * Lenient mode only: a quoted field of the current line was followed by a quote that opens no
   * field, and no closing quote left the rest of the line well-formed; the line was read as before.
   * Strict mode throws instead.
   */
  unreadableQuote: { column: number; strayColumn: number } | undefined;

  /**
   * @param lenient Close an unterminated quote of the last field at the end of the line instead of
   *   throwing (SoftOne Business cuts long texts, closing quote included).
   */
  constructor(text: string, file?: string, lenient = false) {
    this.#text = text;
    this.#file = file;
    this.#lenient = lenient;
    this.#hasCr = text.indexOf('\r') >= 0;
  }

  /** The current line's text, for messages. */
  lineText(): string {
    return this.#text.slice(this.#lineStart, this.#lineEnd);
  }

  /**
   * Moves to the next non-blank line and tokenizes it. Returns false at the end of the text.
   * Throws {@link SieParseError} for an unterminated quote or object list; the lexer has then
   * already moved past that line, so a lenient caller can go on.
   */
  next(): boolean {
    const text = this.#text;
    const n = text.length;
    while (this.#pos < n) {
      const start = this.#pos;
      let end: number;
      let after: number;
      if (!this.#hasCr) {
        end = text.indexOf('\n', start);
        if (end < 0) end = n;
        after = end + 1;
      } else {
        if (this.#nextLf < start) {
          this.#nextLf = text.indexOf('\n', start);
          if (this.#nextLf < 0) this.#nextLf = n;
        }
        if (this.#nextCr < start) {
          this.#nextCr = text.indexOf('\r', start);
          if (this.#nextCr < 0) this.#nextCr = n;
        }
        if (this.#nextCr < this.#nextLf) {
          end = this.#nextCr;
          after = text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
        } else {
          end = this.#nextLf;
          after = end + 1;
        }
      }
      this.#pos = after;
      this.#physical++;
      let i = start;
      let bomText = '';
      for (; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c === BOM) bomText = '\ufeff';
        else if ((c === CP437_BOM[0] || c === LATIN1_BOM[0]) && this.#bomBytesAt(i, end)) {
          bomText = text.slice(i, i + 3);
          i += 2;
        } else if (!isSpace(c)) break;
      }
      if (i === end) continue;
      this.bom = bomText !== '';
      this.bomText = bomText;
      this.line = this.#physical;
      this.#lineStart = start;
      this.#lineEnd = end;
      this.#tokenize(i, end);
      return true;
    }
    return false;
  }

  /** The bytes EF BB BF decoded as CP437 (`∩╗┐`) or as Latin-1/Windows-1252 (`ï»¿`) at `i`. */
  #bomBytesAt(i: number, end: number): boolean {
    if (i + 3 > end) return false;
    const text = this.#text;
    const spelling = text.charCodeAt(i) === CP437_BOM[0] ? CP437_BOM : LATIN1_BOM;
    return text.charCodeAt(i + 1) === spelling[1] && text.charCodeAt(i + 2) === spelling[2];
  }

  #tokenize(i: number, end: number): void {
    const text = this.#text;
    const fields = this.fields;
    fields.length = 0;
    this.quoted.length = 0;
    this.columns.length = 0;
    this.#nbspJoined.length = 0;
    this.#nbspGapStart.length = 0;
    this.checksumBlanks.length = 0;
    this.label = '';
    this.upperLabel = '';
    this.recoveredColumn = undefined;
    this.backslashColumn = undefined;
    this.trailingBrace = undefined;
    this.braceExtra = undefined;
    this.innerQuoteColumn = undefined;
    this.oddQuote = undefined;
    this.unreadableQuote = undefined;
    const c = text.charCodeAt(i);
    if (c === OPEN || c === CLOSE) {
      let j = i + 1;
      while (j < end && isSpace(text.charCodeAt(j))) j++;
      if (j === end) {
        this.kind = c === OPEN ? 'open' : 'close';
        return;
      }
      if (c === OPEN && text.charCodeAt(j) === CLOSE) {
        let k = j + 1;
        while (k < end && isSpace(text.charCodeAt(k))) k++;
        if (k === end) {
          this.kind = 'open';
          this.braceExtra = { emptyBlock: true };
          return;
        }
      }
      // "} x", "}}": text after the block's "}" that is no record (a record glued to it would be lost).
      if (c === CLOSE && text.charCodeAt(j) !== HASH) {
        this.kind = 'close';
        this.braceExtra = { trailingColumn: j - this.#lineStart + 1 };
        return;
      }
    }
    if (c !== HASH) {
      this.kind = 'other';
      return;
    }
    this.kind = 'record';
    let j = i + 1;
    while (j < end && !isSpace(text.charCodeAt(j))) j++;
    this.label = text.slice(i, j);
    this.upperLabel = /[a-z]/.test(this.label) ? this.label.toUpperCase() : this.label;
    /** Tokens read so far, an object list's counted one by one: where a no-break space stands for the checksum. */
    let flat = 0;
    /** Tokens of the object lists read so far on the line (against {@link MAX_RECORD_FIELDS}). */
    let listTokens = 0;
    for (;;) {
      const gap = j;
      // Spaces and tabs inline (the common case); a blank outside ASCII goes the longer way.
      while (j < end && text.charCodeAt(j) <= 32) j++;
      if (j < end && text.charCodeAt(j) >= 127) j = this.#blanks(j, end, flat);
      if (j >= end) return;
      // Most gaps start with a space or tab: only a gap that starts with a wide blank is read through.
      if (j > gap && text.charCodeAt(gap) > 32 && this.#onlyWideBlanks(gap, j)) {
        this.#nbspJoined.push(fields.length);
        this.#nbspGapStart.push(gap);
      }
      const ch = text.charCodeAt(j);
      if ((ch === OPEN || ch === CLOSE) && this.#braceEndsLine(j + 1, end)) {
        // "#VER A 1 20250101 {" or "#TRANS 1930 {} 5 }": the block's brace at the end of the
        // record instead of on a line of its own (only where the record cannot mean a list).
        const label = this.upperLabel;
        if (ch === OPEN && label === '#VER') {
          this.trailingBrace = 'open';
          return;
        }
        if (ch === CLOSE && (label === '#TRANS' || label === '#RTRANS' || label === '#BTRANS')) {
          this.trailingBrace = 'close';
          return;
        }
      }
      if (this.columns.length + listTokens >= MAX_RECORD_FIELDS) throw this.#tooManyFields(j);
      this.columns.push(j - this.#lineStart + 1);
      if (ch === QUOTE) {
        j = this.#quoted(j, end, false);
        j = this.#checkOddQuotes(this.columns[this.columns.length - 1] as number, j, end);
        this.quoted.push(true);
      } else if (ch === OPEN) {
        j = this.#objectList(j, end, flat, this.columns.length + listTokens);
        listTokens += (fields[fields.length - 1] as readonly string[]).length;
        this.quoted.push(false);
      } else {
        const s = j;
        while (j < end && !isSpace(text.charCodeAt(j))) j++;
        fields.push(text.slice(s, j));
        this.quoted.push(false);
      }
      if (this.noteChecksumBlanks) {
        const last = fields[fields.length - 1];
        flat += typeof last === 'string' ? 1 : (last?.length ?? 0);
      }
    }
  }

  /**
   * Skips the blanks from `j` and returns the position after them. A no-break or thin space among
   * them is noted in {@link checksumBlanks} before token `at`: to the lexer it separates fields,
   * but the spec separates them by spaces and tabs only, so to `#KSUMMA` it is a character of the
   * text that a writer summed.
   */
  #blanks(j: number, end: number, at: number): number {
    const text = this.#text;
    const from = j;
    let wide = false;
    for (; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c <= 32) continue;
      if (c < 127 || !isWideBlank(c)) break;
      if (c !== 127) wide = true;
    }
    // One entry per gap, not per blank: a line of a million no-break spaces stays one entry.
    if (wide && this.noteChecksumBlanks) this.checksumBlanks.push(at, from - this.#lineStart, j - this.#lineStart);
    return j;
  }

  /**
   * Reads field `i`, an amount or quantity, together with the fields after it that no-break or
   * thin spaces alone (one, or a run of them as a spreadsheet may pad a group) separate from it and that continue its integer part with a group of
   * 1–3 digits (`1\u00a0234.50`, Swedish spreadsheets' thousands separator; `1\u202f234.50` and
   * `1\u2009234.50`, French and other locales'): one field again, so the
   * amount's own rules accept a grouping of threes and refuse any other. A no-break space before
   * anything else (a date, a text, `{}`) stays a separator. Only the reader knows which field is
   * a number: `#OBJEKT 1\u00a0100` is dimension 1 and object 100.
   */
  joinDigitGroups(i: number): void {
    const joined = this.#nbspJoined;
    if (joined.length === 0) return;
    const at = joined.indexOf(i + 1);
    if (at < 0) return;
    const fields = this.fields;
    const first = fields[i];
    // Groups continue an integer part only: after the decimals an NBSP ends the amount.
    if (typeof first !== 'string' || this.quoted[i] === true || !isDigit(first.charCodeAt(first.length - 1)) || first.indexOf('.') >= 0 || first.indexOf(',') >= 0) return;
    // The fields to take, found first and spliced out once: a line of a million groups stays linear.
    const parts = [first];
    let k = 0;
    while (at + k < joined.length && joined[at + k] === i + 1 + k) {
      const next = fields[i + 1 + k];
      if (typeof next !== 'string' || this.quoted[i + 1 + k] === true || !isDigitGroup(next)) break;
      // The blanks as written, so a message quotes the amount as it stands in the file.
      parts.push(this.#gapText(at + k, i + 1 + k), next);
      k++;
      // A group with decimals ends the amount.
      if (next.indexOf('.') >= 0 || next.indexOf(',') >= 0) break;
    }
    if (k > 0) this.#merge(i, at, k, parts);
  }

  /**
   * Reads field `i`, an unquoted free text (a name, a voucher's or row's text), together with the
   * unquoted fields after it that no-break or thin spaces alone (one or a run) separate from it:
   * `#FNAMN Cell\u00a0AB` is the name `Cell\u00a0AB`, as written. The spec separates fields by
   * spaces and tabs only; the lexer splits at a no-break space for the rows a spreadsheet built
   * (see the module comment), but inside an unquoted text it is the writer's blank between words.
   * A field for which `stop` is true is not taken: what the record has after the text (`#VER`'s
   * registration date, `#TRANS`'s quantity). Returns whether any field was taken.
   */
  joinText(i: number, stop?: (next: string) => boolean): boolean {
    const joined = this.#nbspJoined;
    if (joined.length === 0) return false;
    const at = joined.indexOf(i + 1);
    if (at < 0) return false;
    const fields = this.fields;
    const first = fields[i];
    if (typeof first !== 'string' || this.quoted[i] === true) return false;
    const parts = [first];
    let k = 0;
    while (at + k < joined.length && joined[at + k] === i + 1 + k) {
      const next = fields[i + 1 + k];
      if (typeof next !== 'string' || this.quoted[i + 1 + k] === true || stop?.(next) === true) break;
      parts.push(this.#gapText(at + k, i + 1 + k), next);
      k++;
    }
    if (k === 0) return false;
    this.#merge(i, at, k, parts);
    return true;
  }

  /** The blanks before field `field`, as written: entry `entry` of {@link #nbspJoined}'s gap up to the field's column. */
  #gapText(entry: number, field: number): string {
    return this.#text.slice(this.#nbspGapStart[entry] as number, this.#lineStart + (this.columns[field] as number) - 1);
  }

  /** Whether `[from, to)` holds only no-break and thin spaces (a gap the writer may have meant inside a field). */
  #onlyWideBlanks(from: number, to: number): boolean {
    const text = this.#text;
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c <= 32 || c === 127 || !isWideBlank(c)) return false;
    }
    return true;
  }

  /** Field `i` becomes `parts` joined, in place of itself and the `k` fields after it (one splice: linear). */
  #merge(i: number, at: number, k: number, parts: readonly string[]): void {
    const joined = this.#nbspJoined;
    this.fields[i] = parts.join('');
    this.fields.splice(i + 1, k);
    this.quoted.splice(i + 1, k);
    this.columns.splice(i + 1, k);
    joined.splice(at, k);
    this.#nbspGapStart.splice(at, k);
    for (let m = at; m < joined.length; m++) joined[m] = (joined[m] as number) - k;
  }

  /**
   * A quote at `at - 1` that something other than a blank, the line end or (in a list) `}` or
   * the next pair's dimension number follows.
   */
  #gluedAfter(at: number, end: number, inList: boolean): boolean {
    if (at >= end) return false;
    const c = this.#text.charCodeAt(at);
    return !isSpace(c) && !(inList && (c === CLOSE || this.#dimensionAt(at, end)));
  }

  /**
   * `2 "b"` or `2"b"` at `at` in an object list: digits, then a blank or a quote. After an object
   * id's quote (`{1 "a"2 "b"}`, written without blanks) that is the next pair, not text of the id.
   */
  #dimensionAt(at: number, end: number): boolean {
    const text = this.#text;
    let k = at;
    while (k < end && isDigit(text.charCodeAt(k))) k++;
    if (k === at || k >= end) return false;
    const c = text.charCodeAt(k);
    return c === QUOTE || isSpace(c);
  }

  /**
   * "Kaffe "Gott" AB": quotes inside a quoted field that the writer did not escape. A quote with
   * a non-blank right after it cannot close the field, so it opens an inner quote that the next
   * quote closes; the field ends at the first other quote followed by a blank or the line end.
   * Returns the position after the field, or -1 when that reading does not close the field (the
   * caller then reads the first quote as the closing one, as before).
   */
  #innerQuotes(q: number, end: number, inList: boolean, into: string[] | undefined): number {
    const text = this.#text;
    let out = '';
    let from = q + 1;
    let inner = false;
    // A successful scan covers its own field only; a failed one may cover the rest of the line,
    // so after one failure the line is read the old way (linear time on a line of glued quotes).
    if (this.#innerFailedLine === this.#physical) return -1;
    for (let j = q + 1; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === BACKSLASH && j + 1 < end && text.charCodeAt(j + 1) === QUOTE) {
        out += text.slice(from, j) + '"';
        from = j + 2;
        j++;
      } else if (c === QUOTE) {
        if (!inner && !this.#gluedAfter(j + 1, end, inList)) {
          (into ?? this.fields).push(out + text.slice(from, j));
          this.innerQuoteColumn ??= q - this.#lineStart + 1;
          return j + 1;
        }
        inner = !inner;
      }
    }
    this.#innerFailedLine = this.#physical;
    return -1;
  }

  /** True when the quote at `p` starts a token: a blank or an object list's `{` before it. */
  #tokenStart(p: number): boolean {
    const b = this.#text.charCodeAt(p - 1);
    return isSpace(b) || b === OPEN;
  }

  /** True when the quote at `p` may close a field: the line end, a blank or `}` after it. */
  #closer(p: number, end: number): boolean {
    if (p + 1 >= end) return true;
    const c = this.#text.charCodeAt(p + 1);
    return isSpace(c) || c === CLOSE;
  }

  /**
   * The first quote after `from` (between fields) that does not open a quoted field (no blank
   * before it, as in `12" lådor`), or -1 when the next quoted field opens, or the line ends, first.
   */
  #strayQuote(from: number, end: number): number {
    const p = this.#text.indexOf('"', from);
    return p >= 0 && p < end && !this.#tokenStart(p) ? p : -1;
  }

  /**
   * `"Skruv 3/4" 12" lådor" 20250106`: a quoted field holding an odd number of quotes that the
   * writer did not escape (SoftOne XE). The field at column `column` was read up to `after`; a
   * quote after that which opens no field (no blank before it) shows the field went on. The field
   * then ends at the closing quote (one before a blank or the line end) before the next quote that
   * opens a field, after which the rest of the line reads cleanly: quotes after a blank open a
   * field, quotes before a blank close one, inner quotes pair up as in {@link #innerQuotes}. At most
   * one quote qualifies. None: a typed error naming the line (lenient mode: the old reading and
   * {@link unreadableQuote}). Checked once per field, in time linear in the line.
   */
  #checkOddQuotes(column: number, after: number, end: number): number {
    if (this.#oddCheckedLine === this.#physical) return after;
    const stray = this.#strayQuote(after, end);
    if (stray < 0) return after;
    // One repair per line: after it the rest of the line reads cleanly; after a failure it is read the old way.
    this.#oddCheckedLine = this.#physical;
    const q = this.#lineStart + column - 1;
    const text = this.#text;
    // Right to left over the rest of the line: can it be read cleanly from p in each state?
    const n = end - q;
    const ok = new Uint8Array(n + 2);
    ok[n] = S_OUT;
    for (let k = n - 1; k > 0; k--) {
      const p = q + k;
      const c = text.charCodeAt(p);
      const next = ok[k + 1] as number;
      let v = 0;
      if (c === QUOTE) {
        if (this.#tokenStart(p) && next & S_IN) v |= S_OUT;
        if (this.#closer(p, end) ? next & S_OUT : next & S_INNER) v |= S_IN;
        if (next & S_IN) v |= S_INNER;
      } else if (c === BACKSLASH && p + 1 < end && text.charCodeAt(p + 1) === QUOTE) {
        v = (next & S_OUT) | ((ok[k + 2] as number) & (S_IN | S_INNER));
      } else {
        v = next;
      }
      ok[k] = v;
    }
    let close = -1;
    for (let c = stray; c >= 0 && c < end && !this.#tokenStart(c); c = text.indexOf('"', c + 1)) {
      if (text.charCodeAt(c - 1) !== BACKSLASH && this.#closer(c, end) && (ok[c + 1 - q] as number) & S_OUT) {
        close = c;
        break;
      }
    }
    const col = (p: number): number => p - this.#lineStart + 1;
    if (close < 0) {
      if (this.#lenient) {
        this.unreadableQuote = { column, strayColumn: col(stray) };
        return after;
      }
      throw new SieParseError(
        'SIE_SYNTAX',
        `Unbalanced quotes: the quoted field at column ${column} is followed by a quote at column ${col(stray)} that opens no field, and no reading of its unescaped quotes leaves the rest of the line well-formed; expected inner quotes written as \\"`,
        this.#where(q),
      );
    }
    this.fields[this.fields.length - 1] = text.slice(q + 1, close).replace(/\\"/g, '"');
    this.oddQuote = { column, closeColumn: col(close) };
    this.innerQuoteColumn = undefined;
    this.backslashColumn = undefined;
    return close + 1;
  }

  /** True when only blanks follow `from` on the line. */
  #braceEndsLine(from: number, end: number): boolean {
    let j = from;
    while (j < end && isSpace(this.#text.charCodeAt(j))) j++;
    return j >= end;
  }

  /** Reads a quoted string starting at the quote `q`; pushes it (or returns it via `into`). */
  #quoted(q: number, end: number, inList: boolean, into?: string[]): number {
    const text = this.#text;
    let j = q + 1;
    const close = text.indexOf('"', j);
    if (close < 0 || close >= end) return this.#recover(q, end, inList);
    // Fast path: no backslash before the closing quote means no escape.
    if (this.#nextBackslash < j) {
      this.#nextBackslash = text.indexOf('\\', j);
      if (this.#nextBackslash < 0) this.#nextBackslash = text.length;
    }
    if (this.#nextBackslash > close) {
      if (this.#gluedAfter(close + 1, end, inList)) {
        const inner = this.#innerQuotes(q, end, inList, into);
        if (inner >= 0) return inner;
      }
      (into ?? this.fields).push(text.slice(j, close));
      return close + 1;
    }
    let out = '';
    let from = j;
    /** Backslash of the last `\"` that a blank or the line end follows: a possible closing quote. */
    let closable = -1;
    for (;;) {
      if (j >= end) {
        if (closable < 0) return this.#recover(q, end, inList);
        // "C:\Data\" or "Faktura 12\": the text ends in a backslash, and `\"` was its closing
        // quote (the spec's escape leaves this ambiguous; no closing quote follows on the line).
        (into ?? this.fields).push(text.slice(q + 1, closable + 1).replace(/\\"/g, '"'));
        this.backslashColumn ??= q - this.#lineStart + 1;
        return closable + 2;
      }
      const c = text.charCodeAt(j);
      if (c === BACKSLASH && j + 1 < end && text.charCodeAt(j + 1) === QUOTE) {
        if (!inList && (j + 2 >= end || isSpace(text.charCodeAt(j + 2)))) closable = j;
        out += text.slice(from, j) + '"';
        j += 2;
        from = j;
      } else if (c === QUOTE) {
        if (this.#gluedAfter(j + 1, end, inList)) {
          const inner = this.#innerQuotes(q, end, inList, into);
          if (inner >= 0) return inner;
        }
        out += text.slice(from, j);
        (into ?? this.fields).push(out);
        return j + 1;
      } else {
        j++;
      }
    }
  }

  /** Reads the object list opening at `open`; `at` is the number of tokens before it on the line (see {@link checksumBlanks}). */
  #objectList(open: number, end: number, at: number, before: number): number {
    const text = this.#text;
    const tokens: string[] = [];
    let j = open + 1;
    for (;;) {
      j = this.#blanks(j, end, at + tokens.length);
      if (j >= end) {
        throw new SieParseError(
          'SIE_SYNTAX',
          `Unterminated object list: expected "}" closing the list that starts at column ${open - this.#lineStart + 1}, found the end of the line`,
          this.#where(open),
        );
      }
      const c = text.charCodeAt(j);
      if (c === CLOSE) {
        this.fields.push(tokens);
        return j + 1;
      }
      if (before + tokens.length >= MAX_RECORD_FIELDS) throw this.#tooManyFields(j);
      if (c === QUOTE) {
        j = this.#quoted(j, end, true, tokens);
      } else {
        const s = j;
        let digits = true;
        while (j < end) {
          const d = text.charCodeAt(j);
          // `{1"a"}`: a dimension number glued to its quoted object id ends at the quote.
          if (isSpace(d) || d === CLOSE || (d === QUOTE && digits)) break;
          digits &&= isDigit(d);
          j++;
        }
        tokens.push(text.slice(s, j));
      }
    }
  }

  /** Unterminated quote: an error, or in lenient mode the rest of the line is the value. */
  #recover(q: number, end: number, inList: boolean): number {
    if (!this.#lenient || inList) throw this.#unterminated(q, inList);
    this.fields.push(this.#text.slice(q + 1, end).replace(/\\"/g, '"').trimEnd());
    this.recoveredColumn = q - this.#lineStart + 1;
    return end;
  }

  #tooManyFields(at: number): SieParseError {
    return new SieParseError(
      'SIE_SYNTAX',
      `Too many fields: expected at most ${MAX_RECORD_FIELDS} fields (object-list tokens included) on one record, found more by column ${at - this.#lineStart + 1}`,
      this.#where(at),
    );
  }

  #unterminated(q: number, inList: boolean): SieParseError {
    return new SieParseError(
      'SIE_SYNTAX',
      `Unterminated quote: expected a closing " for the ${inList ? 'object id' : 'field'} that starts at column ${q - this.#lineStart + 1}, found the end of the line`,
      this.#where(q),
    );
  }

  #where(at: number): { file: string | undefined; line: number; column: number; label: string | undefined } {
    return { file: this.#file, line: this.#physical, column: at - this.#lineStart + 1, label: this.label || undefined };
  }
}
