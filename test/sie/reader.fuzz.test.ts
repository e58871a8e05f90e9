/** Mangled real files: the reader only ever throws its own typed errors, and lenient mode only SIE_NOT_SIE or SIE_JOINED_FILES. */
import { describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import { readSie } from '../../src/sie/reader.js';
import { seededRandom as seeded } from '../support/random.js';
import { fixture } from './helpers.js';

const NOISE = ['"', '\\', '{', '}', '#', '\t', '\r', '\n', ' ', '\u0000', '#VER', '#TRANS', '-', '.', ',', '0', '9', 'x', '\u00e5', '\u2603'];

function mangle(text: string, rnd: () => number): string {
  const chars = [...text];
  const edits = 1 + Math.floor(rnd() * 20);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rnd() * chars.length);
    const r = rnd();
    if (r < 0.4) chars.splice(at, 1 + Math.floor(rnd() * 5));
    else if (r < 0.8) chars.splice(at, 0, NOISE[Math.floor(rnd() * NOISE.length)] ?? '');
    else chars.splice(at, 0, ...chars.slice(Math.floor(rnd() * chars.length), Math.floor(rnd() * chars.length)));
  }
  return chars.join('');
}

describe('readSie on mangled input (seeded)', () => {
  const sources = ['BL0001_typ4.SE', 'FAKT.SI', 'Norstedts_Revision_SIE_1.SE', 'XE_SIE_4_20151125095119.SE'].map((n) =>
    new TextDecoder('latin1').decode(fixture(n)).slice(0, 6000),
  );

  it('throws nothing but KonteraErrors, and lenient mode reads everything that starts like SIE', () => {
    const rnd = seeded(2025);
    for (let i = 0; i < 400; i++) {
      const text = mangle(sources[i % sources.length] ?? '', rnd);
      for (const input of [text, new TextEncoder().encode(text)]) {
        try {
          readSie(input);
        } catch (err) {
          expect(err, `case ${i}`).toBeInstanceOf(KonteraError);
          expect((err as KonteraError).line, `case ${i}`).toBeTypeOf('number');
        }
        try {
          const doc = readSie(input, { strict: false });
          for (const v of doc.vouchers) expect(Number.isSafeInteger(v.transactions.reduce((s, t) => s + t.amount, 0))).toBe(true);
        } catch (err) {
          // A copied stretch of the header pasted after the body is another file's header (SIE_JOINED_FILES, thrown in both modes).
          expect(['SIE_NOT_SIE', 'SIE_JOINED_FILES'], `case ${i}`).toContain((err as KonteraError).code);
        }
      }
    }
  });
});
