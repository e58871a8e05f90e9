/**
 * Property tests with a seeded generator (no extra dependency): amounts written in each bank's
 * style parse back to the same öre, and re-encoding a file (UTF-8 ± BOM, Windows-1252, UTF-16)
 * gives identical transactions.
 */
import { readFileSync, readdirSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AmountFormatError, type AmountStyle, formatAmount, parseAmount } from '../../src/core/money.js';
import { STYLE } from '../../src/statements/format.js';
import { parseStatement } from '../../src/statements/index.js';
import { seededRandom as rng } from '../support/random.js';


function randomOre(rand: () => number): number {
  const magnitude = Math.floor(rand() * 12); // up to 10^12 öre = 10 000 000 000 kr
  const value = Math.floor(rand() * 10 ** magnitude);
  return rand() < 0.5 && value !== 0 ? -value : value;
}

/** How each bank writes amounts, as a formatter plus the style kontera parses it with. */
const BANK_SPELLINGS: readonly { name: string; style: AmountStyle; write: (ore: number) => string }[] = [
  { name: 'Swedbank CSV -1234.50', style: STYLE.dot, write: (o) => formatAmount(o, STYLE.dot) },
  { name: 'SEB -1234.500', style: STYLE.dot3, write: (o) => formatAmount(o, STYLE.dot3, 3) },
  { name: 'Nordea -1234,50', style: STYLE.comma, write: (o) => formatAmount(o, { ...STYLE.comma, thousands: 'none' }) },
  { name: 'Handelsbanken -1 234,50', style: STYLE.comma, write: (o) => formatAmount(o, STYLE.comma) },
  { name: 'ICA -1 234,50 kr', style: STYLE.comma, write: (o) => `${formatAmount(o, STYLE.comma)} kr` },
  { name: 'NBSP groups', style: STYLE.comma, write: (o) => formatAmount(o, STYLE.comma).replace(/ /g, '\u00a0') },
  { name: 'thin-space groups', style: STYLE.comma, write: (o) => formatAmount(o, STYLE.comma).replace(/ /g, '\u2009') },
  { name: 'narrow NBSP groups', style: STYLE.comma, write: (o) => formatAmount(o, STYLE.comma).replace(/ /g, '\u202f') },
  { name: 'U+2212 minus', style: STYLE.comma, write: (o) => formatAmount(o, STYLE.comma).replace('-', '\u2212') },
  { name: 'Danske -1.234,50', style: STYLE.commaDot, write: (o) => formatAmount(o, STYLE.commaDot) },
  { name: 'English 1,234.50', style: STYLE.dotComma, write: (o) => formatAmount(o, STYLE.dotComma) },
];

describe('amounts parse back to the same öre in every bank style', () => {
  for (const spelling of BANK_SPELLINGS) {
    it(spelling.name, () => {
      const rand = rng(spelling.name.length * 7919);
      for (let i = 0; i < 2000; i++) {
        const ore = randomOre(rand);
        expect(parseAmount(spelling.write(ore), spelling.style)).toBe(ore);
      }
      expect(parseAmount(spelling.write(0), spelling.style)).toBe(0);
      expect(parseAmount(spelling.write(-1), spelling.style)).toBe(-1);
    });
  }

  it('rejects ambiguous and malformed amounts instead of guessing', () => {
    const bad: readonly [string, AmountStyle][] = [
      ['12,3,4', STYLE.comma],
      ['17  141,54', STYLE.comma], // two spaces: a split, not a group separator
      ['1 23,00', STYLE.comma],
      ['1.234', STYLE.dot], // three decimals where the bank writes two
      ['-30.005', STYLE.dot3], // half an öre
      ['', STYLE.comma],
      ['-', STYLE.comma],
      ['12,00 EUR', STYLE.comma],
      ['1e5', STYLE.dot],
      ['0x10', STYLE.dot],
      ['1.234,50', STYLE.comma],
    ];
    for (const [raw, style] of bad) {
      expect(() => parseAmount(raw, style), raw).toThrow(AmountFormatError);
    }
  });
});

describe('re-encoding a file gives identical transactions', () => {
  const root = new URL('../../fixtures/statements/', import.meta.url);
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    // Text exports only: an XLSX or ODS workbook is a ZIP container (50 4B 03 04) and a binary
    // .xls a compound file (D0 CF 11 E0), none with a text encoding of its own. A file of lines in
    // two encodings (mixed-encoding/) has no one encoding to decode it with.
    .filter((d) => d.isFile() && !d.parentPath.includes('invalid') && !d.parentPath.includes('generic') && !d.parentPath.includes('mixed-encoding'))
    .filter((d) => {
      const magic = readFileSync(`${d.parentPath}/${d.name}`).subarray(0, 4);
      return !magic.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])) && !magic.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    })
    .map((d) => `${d.parentPath}/${d.name}`);

  it('covers the fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  for (const path of files) {
    it(path.replace(/.*fixtures\/statements\//, ''), () => {
      const original = parseStatement(readFileSync(path));
      const text = new TextDecoder(original.encoding === 'windows-1252' ? 'windows-1252' : original.encoding).decode(readFileSync(path)).replace(/^\ufeff/, '');
      const variants: Uint8Array[] = [
        new TextEncoder().encode(text),
        new TextEncoder().encode(`\ufeff${text}`),
        new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf-16le')]),
        new Uint8Array([0xfe, 0xff, ...iconv.encode(text, 'utf-16be')]),
      ];
      if (iconv.decode(iconv.encode(text, 'windows-1252'), 'windows-1252') === text) variants.push(new Uint8Array(iconv.encode(text, 'windows-1252')));
      for (const bytes of variants) {
        const again = parseStatement(bytes);
        expect(again.transactions).toEqual(original.transactions);
        expect(again.format).toBe(original.format);
      }
      expect(text).not.toContain('\ufffd');
    });
  }
});
