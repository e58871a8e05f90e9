/**
 * SIE bytes → text. The spec allows only CP437 (`#FORMAT PC8`), but real files are also UTF-8
 * (with or without BOM) and Latin-1/Windows-1252 under the same label, and the official sie.se
 * sample is CP437 with one stray Latin-1 byte. The encoding is decided from the bytes
 * (formats.md §1.8): BOM, then valid UTF-8 with multi-byte sequences, then UTF-8 with a few
 * invalid bytes (more valid multi-byte sequences than invalid ones), then a vote between the
 * Swedish letters as CP437 bytes and as Latin-1 bytes (tie → CP437; Latin-1 with a euro sign at
 * 0xA4 is ISO-8859-15), and Mac Roman when its å ä ö outnumber both.
 *
 * @internal
 */
import { decodeBytes, encodeText, singleByteReading, sniffUtf16, utf8Lead } from '../core/encoding.js';
import type { SieIssueCode, SieTextEncoding } from './types.js';

/** A tolerated deviation found while decoding, turned into a {@link SieIssue} by the reader. */
export interface DecodeNote {
  readonly severity: 'warning' | 'info';
  readonly code: SieIssueCode;
  readonly message: string;
  readonly line?: number | undefined;
}

/** Decoded SIE text and how it was decoded. */
export interface DecodedSie {
  readonly text: string;
  readonly encoding: SieTextEncoding;
  /** NUL bytes or UTF-16: not a text file a SIE program writes. */
  readonly binary: boolean;
  /** The input was a string: there are no bytes to compare with `#FORMAT`. */
  readonly fromString?: boolean;
  /**
   * NUL bytes inside a text that starts with a record, few enough to be damage (see
   * {@link strayNuls}): removed from {@link text}; where the first was. The reader refuses such a
   * file in strict mode and reads it with a warning otherwise.
   */
  readonly nul?: { readonly count: number; readonly line: number; readonly column: number };
  readonly notes: readonly DecodeNote[];
}

// å ä ö Å Ä Ö é ü É Ü as CP437 bytes and as Latin-1/1252 bytes (é and ü: "Café Müller" with no å ä ö).
const CP437_LETTERS = [0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99, 0x82, 0x81, 0x90, 0x9a] as const;
const LATIN1_LETTERS = [0xe5, 0xe4, 0xf6, 0xc5, 0xc4, 0xd6, 0xe9, 0xfc, 0xc9, 0xdc] as const;
/**
 * å ä ö as Mac Roman bytes (classic Mac OS programs, and text re-saved on a Mac in "Western (Mac OS
 * Roman)", with CR alone ending the lines). In CP437 these bytes are î è Ü, which Swedish text
 * hardly has. The capitals are left out: Å (0x81) is CP437's ü, Ö (0x85) its à ("5 st à 20 kr"),
 * and Ü alone (0x9A, a German name) is no evidence either, so å or ä must be among them.
 */
const MAC_ROMAN_LETTERS = [0x8c, 0x8a, 0x9a] as const;
/** å ä ö Å Ä Ö é as CP437 bytes: the letters a CP437 file has and a Mac Roman one hardly (Ü Ñ î Ö é Ç). */
const CP437_SWEDISH = [0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99, 0x82] as const;

/**
 * `#PROGRAM "kontera"` in the header: a file this library wrote. Its bytes are exactly what its
 * `#FORMAT` says (writeSie writes `#FORMAT UTF8` over UTF-8 and `#FORMAT PC8` over CP437, with no
 * byte-order mark: the spec wants `#FLAGGA` first), so it is decoded as declared, with no vote and
 * no repair: any text the encoding can carry comes back as written, even Greek, box drawing or
 * quotes between letters. UTF-8 files from earlier versions of writeSie begin with a BOM; it is skipped.
 */
const OWN_PROGRAM = /^#PROGRAM[ \t]+"?kontera"?[ \t\r\n]/m;
/** `#FORMAT UTF8` or `UTF-8` (non-standard, written by some generators and by writeSie in UTF-8), any case, quoted or not. */
const DECLARES_UTF8 = /^[ \t]*#FORMAT[ \t]+"?UTF-?8"?[ \t]*(?:\r|\n|$)/im;

/** The first 4 KB as one byte per character: enough for the header records. */
function headOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] ?? 0) >= 0x80) return false;
  return true;
}

/** Decodes SIE bytes, choosing the encoding from their content. */
export function decodeSie(input: Uint8Array): DecodedSie {
  let bytes = input;
  const notes: DecodeNote[] = [];
  const head = headOf(bytes);
  const own = OWN_PROGRAM.test(head);
  const declaresUtf8 = DECLARES_UTF8.test(head);
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // A byte-order mark is tolerated on input (editors and some generators add one), never written.
    const rest = bytes.subarray(3);
    const text = strictUtf8(rest);
    // Our own ASCII file labelled PC8 with a BOM added by a tool stays the CP437 file it says it is.
    const ownPc8Ascii = own && !declaresUtf8 && text !== undefined && isAscii(rest);
    if (text !== undefined && !ownPc8Ascii) return own ? finishText(text, 'utf-8', notes) : finishUtf8(text, notes);
    if (text === undefined) {
      // A BOM before bytes that are not UTF-8 (a tool added it to a CP437 or Latin-1 file): decide from the bytes.
      notes.push({ severity: 'warning', code: 'SIE_ENCODING_MISMATCH', message: 'UTF-8 byte-order mark, but the bytes after it are not valid UTF-8: encoding decided from the bytes' });
    }
    bytes = rest;
  }
  // UTF-16 (Notepad's "Unicode", .NET's default): by its BOM, or by the NULs of ASCII text.
  const utf16 = utf16Order(bytes);
  if (utf16 !== undefined) {
    const text = decodeBytes(bytes.subarray(utf16.bom ? 2 : 0), utf16.encoding);
    if (text.indexOf('\u0000') >= 0) return { text: '', encoding: utf16.encoding, binary: true, notes };
    notes.push({ severity: 'info', code: 'SIE_ENCODING_MISMATCH', message: `Decoded as ${utf16.encoding.toUpperCase()} (${utf16.bom ? 'byte-order mark' : 'every other byte NUL'}): SIE files are 8-bit text` });
    return finishText(text, utf16.encoding, notes);
  }
  // NUL padding after the last line (a file written into a preallocated or block-sized buffer).
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  if (end < bytes.length && end > 0 && bytes.indexOf(0) === end) {
    notes.push({ severity: 'info', code: 'SIE_STRUCTURE', message: `${bytes.length - end} NUL bytes of padding after the last line were ignored` });
    bytes = bytes.subarray(0, end);
  }
  const counts = new Uint32Array(256);
  for (let i = 0; i < bytes.length; i++) counts[bytes[i] ?? 0] = (counts[bytes[i] ?? 0] ?? 0) + 1;
  const nuls = counts[0] ?? 0;
  if (nuls > 0) {
    if (!strayNuls(bytes, nuls)) return { text: '', encoding: 'cp437', binary: true, notes };
    // A few NUL bytes inside a text file that starts with a record: a writer's string terminator
    // or damage in transfer, not a binary file. They carry nothing; the rest of the file is read.
    const first = bytes.indexOf(0);
    let start = first;
    while (start > 0 && bytes[start - 1] !== 10 && bytes[start - 1] !== 13) start--;
    const nul = { count: nuls, line: byteLineOf(bytes, first), column: first - start + 1 };
    bytes = bytes.filter((b) => b !== 0);
    counts[0] = 0;
    return { ...decodeText(bytes, counts, notes, own, declaresUtf8), nul };
  }
  return decodeText(bytes, counts, notes, own, declaresUtf8);
}

/** The text of bytes without NUL (`counts`: how often each byte occurs), decided as {@link decodeSie} describes. */
function decodeText(bytes: Uint8Array, counts: Uint32Array, notes: DecodeNote[], own: boolean, declaresUtf8: boolean): DecodedSie {
  let high = 0;
  for (let b = 0x80; b < 256; b++) high += counts[b] ?? 0;
  if (high === 0) {
    // Plain ASCII is the same in every candidate encoding: the one #FORMAT names, PC8 unless it says UTF-8.
    return { text: asLatin1String(bytes), encoding: declaresUtf8 ? 'utf-8' : 'cp437', binary: false, notes };
  }
  // Our own file is decoded as declared: a CP437 one can be valid UTF-8 by chance ("├ñ" is C3 A4).
  if (own) return declaresUtf8 ? finishText(decodeBytes(bytes, 'utf-8'), 'utf-8', notes) : finishText(decodeCp437(bytes), 'cp437', notes);
  const utf8 = strictUtf8(bytes);
  if (utf8 !== undefined) return finishUtf8(utf8, notes);
  // UTF-8 with a few bytes that are not: a text cut mid-character by a byte limit, or a stray
  // Latin-1 letter pasted in. Voting between CP437 and Latin-1 would garble every letter.
  const mostly = mostlyUtf8(bytes);
  if (mostly !== undefined) {
    const { stray, cut, firstLine } = mostly;
    const parts = [stray > 0 ? `${stray} stray byte${stray === 1 ? '' : 's'} read as Windows-1252` : '', cut > 0 ? `${cut} character${cut === 1 ? '' : 's'} cut mid-sequence (replaced by U+FFFD)` : ''];
    notes.push({
      severity: 'warning',
      code: 'SIE_ENCODING_MISMATCH',
      message: `UTF-8 file with ${stray + cut} invalid byte sequence${stray + cut === 1 ? '' : 's'} (${parts.filter((p) => p !== '').join(', ')}), first on line ${firstLine}`,
      line: firstLine,
    });
    return finishUtf8(mostly.text, notes);
  }
  let cp437 = 0;
  let latin1 = 0;
  for (const b of CP437_LETTERS) cp437 += counts[b] ?? 0;
  for (const b of LATIN1_LETTERS) latin1 += counts[b] ?? 0;
  if (latin1 > cp437) {
    if (isLatin9(counts)) {
      notes.push({
        severity: 'info',
        code: 'SIE_ENCODING_MISMATCH',
        message: `Decoded as ISO-8859-15: the bytes have ${latin1} letters (å ä ö é ü) in Latin-1 and ${cp437} in CP437, and ${counts[0xa4] ?? 0} euro sign${counts[0xa4] === 1 ? '' : 's'} (0xA4, "¤" in ISO-8859-1) but no Windows-1252 punctuation`,
      });
      return finishText(decodeLatin9(bytes), 'iso-8859-15', notes);
    }
    notes.push({
      severity: 'info',
      code: 'SIE_ENCODING_MISMATCH',
      message: `Decoded as Windows-1252: the bytes have ${latin1} letters (å ä ö é ü) in Latin-1 and ${cp437} in CP437`,
    });
    return finishText(decodeBytes(bytes, 'windows-1252'), 'windows-1252', notes);
  }
  let mac = 0;
  let swedish437 = 0;
  for (const b of MAC_ROMAN_LETTERS) mac += counts[b] ?? 0;
  for (const b of CP437_SWEDISH) swedish437 += counts[b] ?? 0;
  if (mac >= 2 && (counts[0x8c] ?? 0) + (counts[0x8a] ?? 0) > 0 && mac > swedish437 && mac > latin1) {
    notes.push({
      severity: 'info',
      code: 'SIE_ENCODING_MISMATCH',
      message: `Decoded as Mac Roman: the bytes have ${mac} letters (å ä ö) in Mac Roman and ${swedish437} in CP437`,
    });
    return finishText(decodeBytes(bytes, 'macintosh'), 'macintosh', notes);
  }
  let text = decodeCp437(bytes);
  if (latin1 > 0) text = repairStrayLatin1(text, notes);
  return finishText(text, 'cp437', notes);
}

/**
 * ISO-8859-15 (Latin-9, as BL Administration can export): it differs from ISO-8859-1 at eight bytes,
 * 0xA4 being the euro sign where Latin-1 has "¤", a sign no bookkeeping text means. A Latin file
 * with that byte and none of 0x80–0x9F (where Windows-1252 has its € and curly quotes) is Latin-9.
 */
function isLatin9(counts: Uint32Array): boolean {
  if ((counts[0xa4] ?? 0) === 0) return false;
  for (let b = 0x80; b < 0xa0; b++) if ((counts[b] ?? 0) > 0) return false;
  return true;
}

/** ISO-8859-15's characters where it differs from ISO-8859-1 (€ Š š Ž ž Œ œ Ÿ). */
const LATIN9: ReadonlyMap<number, string> = new Map([
  [0xa4, '\u20ac'], [0xa6, '\u0160'], [0xa8, '\u0161'], [0xb4, '\u017d'], [0xb8, '\u017e'], [0xbc, '\u0152'], [0xbd, '\u0153'], [0xbe, '\u0178'],
]);
const LATIN9_DIFFERS = /[\u00a4\u00a6\u00a8\u00b4\u00b8\u00bc\u00bd\u00be]/g;

/** ISO-8859-15 decoding: Latin-1 with its eight characters replaced. */
function decodeLatin9(bytes: Uint8Array): string {
  return asLatin1String(bytes).replace(LATIN9_DIFFERS, (c) => LATIN9.get(c.charCodeAt(0)) ?? c);
}

/**
 * UTF-16 byte order: from a BOM, or, without one, when the bytes look like UTF-16 text
 * ({@link sniffUtf16}) whose first character is the `#` every SIE line starts with.
 */
function utf16Order(bytes: Uint8Array): { encoding: 'utf-16le' | 'utf-16be'; bom: boolean } | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const sniffed = sniffUtf16(bytes);
  if (sniffed === undefined) return undefined;
  const first = sniffed === 'utf-16le' ? bytes[0] : bytes[1];
  return first === 0x23 ? { encoding: sniffed, bom: false } : undefined;
}

/**
 * Bytes → one-byte (Latin-1) string: half the memory of the two-byte string a general decoder
 * makes, which matters for a 100 MB file whose texts are sliced from it.
 */
function asLatin1String(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}

let cp437ToLatin1: Int16Array | undefined;

/**
 * CP437 decoding. Swedish text (å ä ö é ü …) maps to characters below U+0100, so the file is
 * re-coded byte by byte into Latin-1 and kept a one-byte string; files with box drawing or Greek
 * characters fall back to the general decoder.
 */
function decodeCp437(bytes: Uint8Array): string {
  if (!cp437ToLatin1) {
    const all = new Uint8Array(256);
    for (let i = 0; i < 256; i++) all[i] = i;
    const chars = decodeBytes(all, 'cp437');
    const t = new Int16Array(256);
    for (let i = 0; i < 256; i++) {
      const c = chars.charCodeAt(i);
      t[i] = c < 256 ? c : -1;
    }
    cp437ToLatin1 = t;
  }
  const map = cp437ToLatin1;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    const c = map[b] ?? -1;
    if (c < 0) return decodeBytes(bytes, 'cp437');
    out[i] = c;
  }
  return asLatin1String(out);
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text when the bytes are valid UTF-8 (decoded once, not validated and then decoded again). */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8_STRICT.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Walks UTF-8 bytes and calls `invalid(at, length)` for each invalid sequence: a lead byte with
 * `length - 1` of its continuation bytes (a sequence cut short), or a single byte that cannot
 * start one. Returns the number of valid multi-byte sequences.
 */
function walkUtf8(bytes: Uint8Array, invalid: (at: number, length: number, lead: boolean, multi: number) => boolean): number {
  const n = bytes.length;
  let multi = 0;
  for (let i = 0; i < n; ) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const lead = utf8Lead(b);
    let k = 0;
    if (lead !== undefined) {
      const [need, lo, hi] = lead;
      const c1 = bytes[i + 1] ?? 0;
      if (i + 1 < n && c1 >= lo && c1 <= hi) {
        k = 1;
        while (k < need && i + k + 1 < n && (bytes[i + k + 1] ?? 0) >= 0x80 && (bytes[i + k + 1] ?? 0) <= 0xbf) k++;
      }
      if (k === need) {
        multi++;
        i += need + 1;
        continue;
      }
    }
    const length = lead !== undefined ? k + 1 : 1;
    if (!invalid(i, length, lead !== undefined, multi)) return multi;
    i += length;
  }
  return multi;
}

const REPLACEMENT = new Uint8Array([0xef, 0xbf, 0xbd]);
let cp1252AsUtf8: Uint8Array[] | undefined;

/** Each byte's Windows-1252 character as UTF-8 bytes. */
function cp1252Utf8(): readonly Uint8Array[] {
  if (!cp1252AsUtf8) {
    const all = new Uint8Array(256).map((_, i) => i);
    const chars = decodeBytes(all, 'windows-1252');
    const enc = new TextEncoder();
    cp1252AsUtf8 = Array.from(chars, (c) => enc.encode(c));
  }
  return cp1252AsUtf8;
}

/**
 * Bytes that are UTF-8 except for a few invalid sequences, decoded as UTF-8: a lead byte whose
 * sequence is cut short (a text truncated at a byte limit) becomes U+FFFD, any other invalid byte
 * its Windows-1252 character (a stray Latin-1 "ö"). Undefined unless the valid multi-byte
 * sequences outnumber the invalid ones: CP437 and Latin-1 files have (almost) none of the former.
 * Two linear passes and one output buffer of at most twice the input; called only when strict
 * UTF-8 decoding failed.
 */
function mostlyUtf8(bytes: Uint8Array): { text: string; stray: number; cut: number; firstLine: number } | undefined {
  const n = bytes.length;
  let bad = 0;
  let first = -1;
  const multi = walkUtf8(bytes, (at, _length, _lead, multiSoFar) => {
    if (first < 0) first = at;
    bad++;
    // Give up early on a single-byte file: its letters are all invalid UTF-8.
    return !(bad > 1024 && bad > 2 * multiSoFar);
  });
  if (multi === 0 || multi <= bad) return undefined;
  const out = new Uint8Array(n + 2 * bad);
  let o = 0;
  let from = 0;
  let stray = 0;
  let cut = 0;
  walkUtf8(bytes, (at, length, lead) => {
    out.set(bytes.subarray(from, at), o);
    o += at - from;
    const b = bytes[at] ?? 0;
    const next = bytes[at + length];
    const asciiLetterNext = next !== undefined && ((next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a));
    if (lead && (length > 1 || !asciiLetterNext)) {
      out.set(REPLACEMENT, o);
      o += 3;
      cut++;
    } else {
      const ch = cp1252Utf8()[b] ?? REPLACEMENT;
      out.set(ch, o);
      o += ch.length;
      stray++;
    }
    from = at + length;
    return true;
  });
  out.set(bytes.subarray(from), o);
  o += n - from;
  return { text: decodeBytes(out.subarray(0, o), 'utf-8'), stray, cut, firstLine: byteLineOf(bytes, first) };
}

/**
 * NUL bytes few enough (at most 16, or one in 1 000 bytes) in bytes that start, after blanks, with
 * a `#` record: stray damage in a SIE text. A binary file (a ZIP, a PDF, an image) has many more and
 * starts otherwise.
 */
function strayNuls(bytes: Uint8Array, nuls: number): boolean {
  if (nuls > 16 && nuls * 1000 > bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x23;
  }
  return false;
}

/** 1-based physical line of byte offset `at`. */
function byteLineOf(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) {
    const c = bytes[i];
    if (c === 10) line++;
    else if (c === 13 && bytes[i + 1] !== 10) line++;
  }
  return line;
}

/** Notes for a string given directly (it is taken as already decoded). */
export function checkText(text: string): DecodedSie {
  const notes: DecodeNote[] = [];
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return { ...finishUtf8(t, notes), fromString: true };
}

function finishUtf8(text: string, notes: DecodeNote[]): DecodedSie {
  return finishText(repairDoubleEncoding(text, notes), 'utf-8', notes);
}

function finishText(text: string, encoding: SieTextEncoding, notes: DecodeNote[]): DecodedSie {
  const lossy = text.indexOf('\ufffd');
  if (lossy >= 0) {
    let count = 0;
    for (let i = lossy; i >= 0; i = text.indexOf('\ufffd', i + 1)) count++;
    notes.push({
      severity: 'warning',
      code: 'SIE_LOSSY_TEXT',
      message: `Text contains ${count} replacement character${count === 1 ? '' : 's'} (U+FFFD): characters were lost before the file reached us, first on line ${lineOf(text, lossy)}`,
      line: lineOf(text, lossy),
    });
  }
  return { text, encoding, binary: false, notes };
}

/** 1-based physical line of offset `at` (LF, CRLF or CR line ends). */
export function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) line++;
  }
  return line;
}

/**
 * In a CP437 file, a Latin-1 å/ä/ö/Å/Ä/Ö byte decodes to σ Σ ÷ ┼ ─ ╓ (the sie.se sample has
 * `F÷retag` in its `#FNR` path). Between two letters those glyphs cannot be meant; put the letter
 * back (Sie4j's FaultyCharacters does the same).
 */
function repairStrayLatin1(text: string, notes: DecodeNote[]): string {
  const map: Readonly<Record<string, string>> = { σ: 'å', Σ: 'ä', '÷': 'ö', '┼': 'Å', '─': 'Ä', '╓': 'Ö' };
  let count = 0;
  let first = -1;
  const out = text.replace(/(?<=[A-Za-zåäöÅÄÖéü])[σΣ÷┼─╓](?=[A-Za-zåäöÅÄÖéü])/g, (ch, offset: number) => {
    count++;
    if (first < 0) first = offset;
    return map[ch] ?? ch;
  });
  if (count > 0) {
    notes.push({
      severity: 'warning',
      code: 'SIE_ENCODING_MISMATCH',
      message: `CP437 file with ${count} stray Latin-1 letter byte${count === 1 ? '' : 's'} (e.g. 0xF6 for "ö"), repaired; first on line ${lineOf(text, first)}`,
      line: lineOf(text, first),
    });
  }
  return out;
}

// UTF-8 read as Windows-1252 and saved again as UTF-8: "Ã¥" for å, "Ã¤" ä, "Ã¶" ö, "Ã…" Å, "Ã„" Ä, "Ã–" Ö;
// read as Latin-1 (ISO-8859-1, PHP's utf8_encode) instead, Å Ä Ö become "Ã" and a C1 control (U+0085, U+0084, U+0096).
const UTF8_AS_1252 = /Ã[¥¤¶…„–©\u0085\u0084\u0096]/g;
// CP437 bytes read as Windows-1252 then saved as UTF-8: † „ ” Ž ™ for å ä ö Ä Ö (0x8F is unused in 1252).
// Counted only inside a word ("K”tt"): next to a blank or the end of a text „ ” ™ are typography
// ("Pennor ”Premium”"), which correct UTF-8 holds and which must not be "repaired".
const CP437_AS_1252 = /(?<=\p{L})[†„”Ž™](?=\p{L})/gu;
// CP437 bytes read as Latin-1 then saved as UTF-8: C1 controls U+0084, U+0086, U+0094, U+008E, U+008F, U+0099.
const CP437_AS_LATIN1 = /[\u0084\u0086\u0094\u008e\u008f\u0099]/g;
const SWEDISH = /[åäöÅÄÖ]/g;

function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

/**
 * Double-encoded text is recoverable when the first wrong decoding was single-byte: undo the
 * second step and decode the bytes correctly. Applied only when the mojibake patterns outnumber
 * genuine Swedish letters, so correct text is never touched.
 */
function repairDoubleEncoding(text: string, notes: DecodeNote[]): string {
  if (!/[\u0080-\u00ff\u2020\u201e\u201d\u017d\u2122]/.test(text)) return text;
  const genuine = count(text, SWEDISH);
  const candidates: { readonly hits: number; readonly repair: () => string | undefined; readonly what: string }[] = [
    {
      hits: count(text, UTF8_AS_1252),
      what: 'UTF-8 that was read as Windows-1252 (or Latin-1) and saved as UTF-8 again',
      repair: () => {
        // A character neither reading has (added after the damage) becomes "?", as before.
        return strictUtf8(singleByteReading(text) ?? encodeText(text, 'windows-1252'));
      },
    },
    {
      hits: count(text, CP437_AS_1252),
      what: 'CP437 that was read as Windows-1252 and saved as UTF-8',
      repair: () => reinterpret1252AsCp437(text),
    },
    {
      hits: count(text, CP437_AS_LATIN1),
      what: 'CP437 that was read as Latin-1 and saved as UTF-8',
      repair: () => latin1Bytes(text),
    },
  ];
  const best = candidates.reduce((a, b) => (b.hits > a.hits ? b : a));
  if (best.hits === 0 || best.hits <= genuine) return text;
  const repaired = best.repair();
  if (repaired === undefined) return text;
  notes.push({
    severity: 'warning',
    code: 'SIE_DOUBLE_ENCODING',
    message: `Double-encoded text: ${best.what} (${best.hits} garbled letters); repaired`,
  });
  return repaired;
}

let cp1252ToCp437: Map<number, string> | undefined;

/**
 * Each character that Windows-1252 has is turned back into its byte and decoded as CP437; other
 * characters (U+FFFD for CP437's 0x8F "Å", which 1252 lacks) stay, so the loss is still reported.
 */
function reinterpret1252AsCp437(text: string): string {
  if (!cp1252ToCp437) {
    const bytes = new Uint8Array(128);
    for (let i = 0; i < 128; i++) bytes[i] = 128 + i;
    const as1252 = decodeBytes(bytes, 'windows-1252');
    const as437 = decodeBytes(bytes, 'cp437');
    cp1252ToCp437 = new Map();
    for (let i = 0; i < 128; i++) {
      const from = as1252.charCodeAt(i);
      if (from !== 0xfffd) cp1252ToCp437.set(from, as437.charAt(i));
    }
  }
  const map = cp1252ToCp437;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) continue;
    const repl = map.get(c);
    if (repl === undefined) continue;
    out += text.slice(from, i) + repl;
    from = i + 1;
  }
  return out + text.slice(from);
}

/** Every char must be ≤ U+00FF: those are the original bytes, decoded as CP437. */
function latin1Bytes(text: string): string | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return undefined;
    bytes[i] = c;
  }
  return decodeBytes(bytes, 'cp437');
}
