/**
 * Bytes → text. The only place that imports iconv-lite. Encodings are decided from the bytes:
 * BOM first, then strict UTF-8, then Windows-1252 (a superset of ISO-8859-1 for printable text;
 * Swedbank's preamble has the en dash 0x96 that only 1252 decodes).
 */
import iconv from 'iconv-lite';

export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'cp437', 'macintosh'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** A transaction of a JSON document in the table kontera wrote from it (see `statements/json.ts`). */
export interface JsonRow {
  /** Line of the JSON text where the transaction's object starts. */
  readonly line: number;
  /** Line of the table text where its row is. */
  readonly tableLine: number;
  /** Where it is in the document: `transactions.booked[12]`. */
  readonly path: string;
}

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
  /** A byte-order mark was present (and removed from `text`). */
  readonly bom: boolean;
  /** The text is a workbook sheet (XLSX or XLS) written out by kontera; see `Head.workbook`. */
  readonly workbook?: boolean | undefined;
  /**
   * The text is a table kontera wrote from a JSON document of transactions (see
   * `statements/json.ts`): where each row's object is in the document.
   */
  readonly json?: readonly JsonRow[] | undefined;
  /**
   * Lines in two encodings (see {@link decodeMixed}): how many lines (LF-ended) are not in
   * `encoding`, and the 1-based number of the first of them.
   */
  readonly mixed?: { readonly lines: number; readonly firstLine: number } | undefined;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes bank-export bytes. A string input is returned as is (a leading U+FEFF is dropped).
 */
export function decodeText(input: Uint8Array | string): DecodedText {
  if (typeof input === 'string') {
    const bom = input.charCodeAt(0) === 0xfeff;
    return { text: bom ? input.slice(1) : input, encoding: 'utf-8', bom };
  }
  const b = input;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    const rest = b.subarray(3);
    const mixed = decodeMixed(rest, true);
    if (mixed !== undefined) return { text: mixed.text, encoding: 'utf-8', bom: true, mixed: mixed.other };
    return { text: decodeUtf8Lenient(rest), encoding: 'utf-8', bom: true };
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    return { text: iconv.decode(Buffer.from(b.buffer, b.byteOffset + 2, b.length - 2), 'utf-16le'), encoding: 'utf-16le', bom: true };
  }
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    return { text: iconv.decode(Buffer.from(b.buffer, b.byteOffset + 2, b.length - 2), 'utf-16be'), encoding: 'utf-16be', bom: true };
  }
  const utf16 = sniffUtf16(b);
  if (utf16 !== undefined) return { text: iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.length), utf16), encoding: utf16, bom: false };
  try {
    return { text: utf8Strict.decode(b), encoding: 'utf-8', bom: false };
  } catch {
    const mixed = decodeMixed(b, false);
    if (mixed !== undefined) return { text: mixed.text, encoding: mixed.encoding, bom: false, mixed: mixed.other };
    const single = singleByteCodePage(b);
    if (single !== undefined) return { text: decodeBytes(b, single), encoding: single, bom: false };
    return { text: decodeBytes(b, 'windows-1252'), encoding: 'windows-1252', bom: false };
  }
}

/** A UTF-8 lead byte's continuation count and the allowed range of its first continuation byte. */
type Utf8Lead = readonly [number, number, number];
const LEAD_2: Utf8Lead = [1, 0x80, 0xbf];
const LEAD_E0: Utf8Lead = [2, 0xa0, 0xbf];
const LEAD_ED: Utf8Lead = [2, 0x80, 0x9f];
const LEAD_3: Utf8Lead = [2, 0x80, 0xbf];
const LEAD_F0: Utf8Lead = [3, 0x90, 0xbf];
const LEAD_4: Utf8Lead = [3, 0x80, 0xbf];
const LEAD_F4: Utf8Lead = [3, 0x80, 0x8f];

/**
 * Number of continuation bytes after a UTF-8 lead byte and the allowed range of the first one
 * (overlong forms, surrogates and code points above U+10FFFF excluded); undefined for a byte that
 * cannot lead. Shared tuples: nothing is allocated per byte.
 */
export function utf8Lead(b: number): Utf8Lead | undefined {
  if (b >= 0xc2 && b <= 0xdf) return LEAD_2;
  if (b === 0xe0) return LEAD_E0;
  if (b === 0xed) return LEAD_ED;
  if (b >= 0xe1 && b <= 0xef) return LEAD_3;
  if (b === 0xf0) return LEAD_F0;
  if (b >= 0xf1 && b <= 0xf3) return LEAD_4;
  if (b === 0xf4) return LEAD_F4;
  return undefined;
}

/**
 * Bytes from `from` to `to` as UTF-8: 'ascii' when all are below 0x80, 'utf-8' when every higher
 * byte is part of a well-formed UTF-8 sequence, 'invalid' otherwise. One pass, no exceptions.
 */
function utf8Kind(b: Uint8Array, from: number, to: number): 'ascii' | 'utf-8' | 'invalid' {
  let multi = false;
  let i = from;
  while (i < to) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const lead = utf8Lead(c);
    if (lead === undefined || i + lead[0] >= to) return 'invalid';
    const [n, lo, hi] = lead;
    const second = b[i + 1] as number;
    if (second < lo || second > hi) return 'invalid';
    for (let k = 2; k <= n; k++) {
      const x = b[i + k] as number;
      if (x < 0x80 || x > 0xbf) return 'invalid';
    }
    multi = true;
    i += n + 1;
  }
  return multi ? 'utf-8' : 'ascii';
}

/**
 * A file whose lines are in two encodings: a UTF-8 export with lines appended by a tool that wrote
 * Windows-1252, or the reverse (`cat` of two exports, an editor that saved only what it touched).
 * Each line (up to LF) that is well-formed UTF-8 is read as UTF-8, every other line as
 * Windows-1252, so Å Ä Ö read right in both parts. Only when at least one line has UTF-8 letters
 * beyond ASCII (or the file starts with a UTF-8 BOM) and at least one line is not UTF-8; undefined
 * otherwise. The encoding named is the one most non-ASCII lines are in (UTF-8 with a BOM); `other`
 * counts the lines read in the other encoding and names the first. Linear in the bytes.
 */
function decodeMixed(b: Uint8Array, bom: boolean): { text: string; encoding: 'utf-8' | 'windows-1252'; other: { lines: number; firstLine: number } } | undefined {
  const runs: { from: number; to: number; utf8: boolean }[] = [];
  let utf8Lines = 0;
  let ansiLines = 0;
  let firstUtf8 = 0;
  let firstAnsi = 0;
  let line = 0;
  let start = 0;
  while (start < b.length) {
    let end = b.indexOf(0x0a, start);
    end = end < 0 ? b.length : end + 1;
    line++;
    const kind = utf8Kind(b, start, end);
    if (kind === 'utf-8' && utf8Lines++ === 0) firstUtf8 = line;
    if (kind === 'invalid' && ansiLines++ === 0) firstAnsi = line;
    const utf8 = kind !== 'invalid';
    const last = runs[runs.length - 1];
    if (last !== undefined && last.utf8 === utf8) last.to = end;
    else runs.push({ from: start, to: end, utf8 });
    start = end;
  }
  if (ansiLines === 0 || (utf8Lines === 0 && !bom)) return undefined;
  const text = runs.map((r) => decodeBytes(b.subarray(r.from, r.to), r.utf8 ? 'utf-8' : 'windows-1252')).join('');
  const encoding = bom || utf8Lines >= ansiLines ? 'utf-8' : 'windows-1252';
  const other = encoding === 'utf-8' ? { lines: ansiLines, firstLine: firstAnsi } : { lines: utf8Lines, firstLine: firstUtf8 };
  return { text, encoding, other };
}

/** å ä ö Å Ä Ö é in the DOS code pages 437 and 850 (they agree on these). */
const OEM_LETTERS = new Set([0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99, 0x82]);
/** å ä ö Å Ä Ö é in Windows-1252 / Latin-1. */
const ANSI_LETTERS = new Set([0xe5, 0xe4, 0xf6, 0xc5, 0xc4, 0xd6, 0xe9]);

function isAsciiLetter(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
}

/**
 * å ä ö Å Ä Ö é in Mac Roman, the code page of Excel for Mac's "CSV (Macintosh)" and of its plain
 * "Comma Separated Values" (with CR alone ending the lines in the first).
 */
const MAC_LETTERS = new Set([0x8c, 0x8a, 0x9a, 0x81, 0x80, 0x85, 0x8e]);

/** How many bytes of `letters` stand inside words (letters of the set or ASCII on both sides). */
function insideWords(b: Uint8Array, n: number, letters: ReadonlySet<number>): number {
  let hits = 0;
  for (let i = 0; i < n; i++) {
    if (!letters.has(b[i] as number)) continue;
    const before = b[i - 1];
    const after = b[i + 1];
    if ((isAsciiLetter(before) || letters.has(before as number)) && (isAsciiLetter(after) || letters.has(after as number))) hits++;
  }
  return hits;
}

/** Letters inside words it takes to call a file's code page from them. */
const MIN_LETTERS_INSIDE_WORDS = 2;

/**
 * Text in a DOS code page (Excel's "CSV (MS-DOS)" writes CP850) or in Mac Roman (Excel for Mac's
 * "CSV (Macintosh)"): Swedish letters at that code page's bytes inside words (`Bokf\x94ringsdag`,
 * `Bokf\x9aringsdag`) at least twice in the first 64 KB, and never at their Windows-1252 bytes. A
 * closing curly quote (0x94 in Windows-1252) follows a word but does not sit inside one, so it does
 * not count. Where both could be (Ä in CP850 is é in Mac Roman), the one with more such letters;
 * CP850 on a tie. Undefined for anything else (Windows-1252).
 */
function singleByteCodePage(b: Uint8Array): 'cp437' | 'macintosh' | undefined {
  const n = Math.min(b.length, 1 << 16);
  for (let i = 0; i < n; i++) if (ANSI_LETTERS.has(b[i] as number)) return undefined;
  const oem = insideWords(b, n, OEM_LETTERS);
  const mac = insideWords(b, n, MAC_LETTERS);
  if (mac >= MIN_LETTERS_INSIDE_WORDS && mac > oem) return 'macintosh';
  return oem >= MIN_LETTERS_INSIDE_WORDS ? 'cp437' : undefined;
}

/**
 * UTF-16 without a byte-order mark (some tools write "Unicode text" without one): in the first
 * 4 KB, the high byte of nearly every code unit is NUL and the low byte never is, as in text of
 * Latin letters, digits and punctuation. Undefined for anything else.
 */
export function sniffUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  if (evenNul === 0 && oddNul >= units * 0.9) return 'utf-16le';
  if (oddNul === 0 && evenNul >= units * 0.9) return 'utf-16be';
  return undefined;
}

/** UTF-8 `å ä ö Å Ä Ö é` read as Windows-1252: what a re-save that guessed the encoding wrong writes. */
const MOJIBAKE = /\u00c3[\u00a5\u00a4\u00b6\u2026\u201e\u2013\u00a9\u0084\u0085\u0096]/;
const SWEDISH_LETTERS = /[åäöÅÄÖ]/;

/**
 * Undoes a UTF-8 text that was once read as Windows-1252 and saved again as UTF-8 (`BokfÃ¶ringsdag`
 * for `Bokföringsdag`, as an Excel re-save of a UTF-8 file without BOM writes it): when the text has
 * such pairs and no å, ä or ö of its own, and the whole text goes back to bytes and decodes as UTF-8,
 * that is the text. Undefined otherwise.
 */
export function repairMojibake(text: string): string | undefined {
  const head = text.slice(0, 1 << 16);
  if (!MOJIBAKE.test(head) || SWEDISH_LETTERS.test(text)) return undefined;
  const bytes = singleByteReading(text);
  if (bytes === undefined) return undefined;
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The bytes a single-byte reading of a file turned into `text`: Latin-1 for U+0000–U+00FF (a reader
 * that took the bytes as ISO-8859-1 kept 0x80–0x9F as C1 controls), Windows-1252 for its 27 other
 * characters. Undefined when the text holds a character neither has.
 */
export function singleByteReading(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const b = c <= 0xff ? c : CP1252_BYTE.get(c);
    if (b === undefined) return undefined;
    bytes[i] = b;
  }
  return bytes;
}

function decodeUtf8Lenient(b: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);
}

/**
 * Windows-1252's 0x80–0x9F as iconv-lite decodes them: the five bytes 1252 leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD.
 */
const CP1252_HIGH = Array.from(iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'windows-1252'));
/** Windows-1252's characters above U+00FF → their byte. */
const CP1252_BYTE: ReadonlyMap<number, number> = new Map(CP1252_HIGH.map((ch, i) => [ch.charCodeAt(0), 0x80 + i] as const).filter(([c]) => c > 0xff));
/** A C1 code point: where Latin-1 and Windows-1252 differ. */
const C1 = /[\u0080-\u009f]/g;

/**
 * Windows-1252 as iconv-lite decodes it, several times faster: the bytes as Latin-1 (a copy in
 * native code), then the few characters at 0x80–0x9F (Swedbank's en dash, a euro sign) mapped
 * through {@link CP1252_HIGH}.
 */
function decode1252(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const text = buffer.toString('latin1');
  const first = text.search(C1);
  if (first < 0) return text;
  let out = '';
  let from = 0;
  C1.lastIndex = first;
  for (let m = C1.exec(text); m !== null; m = C1.exec(text)) {
    out += text.slice(from, m.index) + (CP1252_HIGH[text.charCodeAt(m.index) - 0x80] as string);
    from = m.index + 1;
  }
  return out + text.slice(from);
}

/** Decodes bytes in a named encoding. */
export function decodeBytes(bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'utf-8') return decodeUtf8Lenient(bytes);
  if (encoding === 'windows-1252') return decode1252(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding);
}

/** Encodes text in a named encoding (characters the encoding lacks become `?`). */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  const buf = iconv.encode(text, encoding);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

/**
 * Looks for signs that the input is not text at all: NUL bytes or a high share of control bytes
 * in the first few kilobytes. UTF-16 input must be checked after its BOM has been handled.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i] ?? 0;
    if (c === 0) return true;
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1a) || c === 0x7f) control++;
  }
  return n > 0 && control / n > 0.05;
}
