/**
 * Code page 437 (`#FORMAT PC8`) as a char-code table, for the writer and for `#KSUMMA`, which is
 * defined over CP437 bytes whatever the file's own encoding. Built once from core/encoding's
 * decoder so this file does not import iconv-lite itself.
 *
 * @internal
 */
import { decodeBytes } from '../core/encoding.js';

let table: Int16Array | undefined;

/** Char code → CP437 byte, or -1 when CP437 has no such character. */
export function cp437Table(): Int16Array {
  if (table) return table;
  const t = new Int16Array(65536).fill(-1);
  const bytes = new Uint8Array(256);
  for (let i = 0; i < 256; i++) bytes[i] = i;
  const chars = decodeBytes(bytes, 'cp437');
  for (let i = 0; i < 128; i++) t[i] = i;
  for (let i = 128; i < 256; i++) t[chars.charCodeAt(i)] = i;
  table = t;
  return t;
}

/** True when every character of `s` has a CP437 byte. */
export function isCp437(s: string): boolean {
  const t = cp437Table();
  for (let i = 0; i < s.length; i++) if ((t[s.charCodeAt(i)] ?? -1) < 0) return false;
  return true;
}

/**
 * Characters seen in bank and invoice texts that CP437 lacks, with a readable stand-in. Anything
 * else outside CP437 becomes `?`.
 */
const TRANSLITERATIONS: ReadonlyMap<number, string> = new Map([
  [0x20ac, 'EUR'], // €
  [0x2018, "'"], [0x2019, "'"], [0x201a, "'"], [0x2032, "'"], [0x00b4, "'"], [0x0060, '`'],
  [0x201c, '"'], [0x201d, '"'], [0x201e, '"'], [0x2033, '"'], [0x00ab, '"'], [0x00bb, '"'],
  [0x2010, '-'], [0x2011, '-'], [0x2012, '-'], [0x2013, '-'], [0x2014, '-'], [0x2015, '-'], [0x2212, '-'],
  [0x2026, '...'],
  [0x202f, ' '], [0x2009, ' '], [0x2007, ' '], [0x200b, ''], [0xfeff, ''],
  [0x00d8, 'O'], [0x00f8, 'o'], // Ø ø (Norwegian/Danish names)
  [0x00c0, 'A'], [0x00c1, 'A'], [0x00c2, 'A'], [0x00c3, 'A'], [0x00e3, 'a'],
  [0x00c8, 'E'], [0x00ca, 'E'], [0x00cb, 'E'], [0x00cc, 'I'], [0x00cd, 'I'], [0x00ce, 'I'], [0x00cf, 'I'],
  [0x00d2, 'O'], [0x00d3, 'O'], [0x00d4, 'O'], [0x00d5, 'O'], [0x00f5, 'o'],
  [0x00d9, 'U'], [0x00da, 'U'], [0x00db, 'U'], [0x00dd, 'Y'], [0x00fd, 'y'],
  [0x0160, 'S'], [0x0161, 's'], [0x017d, 'Z'], [0x017e, 'z'], [0x0152, 'OE'], [0x0153, 'oe'],
  [0x00a9, '(c)'], [0x00ae, '(R)'], [0x2122, 'TM'], [0x00b9, '1'], [0x00b3, '3'],
]);

/** Replaces characters CP437 cannot hold (after NFC composition) by readable stand-ins or `?`. */
export function toCp437Text(s: string): string {
  if (isCp437(s)) return s;
  const composed = s.normalize('NFC');
  const t = cp437Table();
  let out = '';
  for (const ch of composed) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 65536 && (t[code] ?? -1) >= 0) out += ch;
    else out += TRANSLITERATIONS.get(code) ?? '?';
  }
  return out;
}
