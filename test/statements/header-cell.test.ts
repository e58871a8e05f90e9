/**
 * normalizeHeaderCell has a fast path for cells that only need lower-casing; it must give what
 * the full normalisation gives, for any mix of the characters that matter.
 */
import { describe, expect, it } from 'vitest';
import { normalizeHeaderCell } from '../../src/statements/format.js';

/** The normalisation as written before the fast path: trim, unquote, NFC, NBSP, spaces, lower case. */
const reference = (cell: string): string =>
  cell
    .replace(/^\ufeff/, '')
    .normalize('NFC')
    .replace(/[\u00a0\u202f]/g, ' ')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();

describe('normalizeHeaderCell', () => {
  it('equals the full normalisation on 200 000 random cells', () => {
    const alphabet = ['a', 'Z', ' ', '  ', '"', 'ö', 'Ö', 'å', '\u00a0', '\t', '1', ';', '\u00b5', '\u00ff', '\u0085', '\u00c5', '\ufeff', '\u202f', 'é', 'e\u0301', '\u007f', 'Bokföringsdag'];
    let x = 3;
    const next = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8;
    for (let t = 0; t < 200_000; t++) {
      let cell = '';
      for (let n = next() % 8; n > 0; n--) cell += alphabet[next() % alphabet.length];
      if (normalizeHeaderCell(cell) !== reference(cell)) expect(normalizeHeaderCell(cell)).toBe(reference(cell));
    }
  });

  it('reads real header cells', () => {
    expect(normalizeHeaderCell('Bokföringsdag')).toBe('bokföringsdag');
    expect(normalizeHeaderCell('\ufeff"Bokförings dag"')).toBe('bokförings dag');
    expect(normalizeHeaderCell(' Text/mottagare\u00a0 ')).toBe('text/mottagare');
    expect(normalizeHeaderCell('Beskrivning')).toBe('beskrivning');
  });
});
