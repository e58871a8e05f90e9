/**
 * Property tests of the shortcuts in counterparty.ts: a plain text is read with what one scan of
 * it tells (already upper case, no space runs, how many digits and hyphens, which letters), a
 * listed word by one table of word classes, a type-word compound by a table of first letters.
 * Each shortcut must give what the general path gives, so the same line written so that the
 * shortcut does not apply (lower case, tabs and space runs, a blank reference column) must keep
 * its key, signals and shareability; and type-only texts must be those of the reference reading.
 */
import { describe, expect, test } from 'vitest';
import { counterpartyKey, isTypeOnly, PREFIX_FIRST_LETTERS } from '../../src/normalize/counterparty.js';
import { keyFingerprintSamples } from '../../src/normalize/key-fingerprint.js';
import { TRANSACTION_TYPE_WORDS, TYPE_PREFIXES } from '../../src/normalize/noise.js';
import { normalizeText } from '../../src/normalize/text.js';
import { seededRandom } from '../support/random.js';

const WORDS = [
  'KORTKÖP', 'Kortköp', 'KORT', 'KÖP', 'SWISH', 'Swish', 'betalning', 'BG', 'PG', 'Bankgiro', 'Bankgiroinbetalning',
  'Kontoinsättning', 'Swishbetalning', 'AUTOGIRO', 'AG', 'E-faktura', 'Payment', 'from', 'to', 'Sent', 'money', 'issued',
  'by', 'Card', 'transaction', 'of', 'till', 'från', 'fran', 'hos', 'Refund', 'Återbetalning', 'retur', 'with',
  'reference', 'avseende', 'faktura', 'OCR', 'SEK', 'EUR', '612.50', 'AB', 'Ltd', 'STOCKHOLM', 'Lund', 'C', 'mars',
  'ICA', 'Nära', 'Björks', 'Färg', 'Anna', 'Andersson', 'Hedlunds', 'Bygg', 'H&M', 'A012', 'Spotify', 'SPOTIFY',
  'Storgatan', 'Överföring', 'via', 'internet', 'Uttag', 'Lön', 'Kundbet', 'Levbet', 'agaton', 'Wallin', 'Gustav',
];
const NUMBERS = [
  '5050-1055', '123-4567', '46701234567', '0701234567', '1231234567', '4401283729', '121212-1212', '260415',
  '2026-04-15', '26-04-15', '/25-04-29', '4 12 34-5', '55012345678901', '4567', '*1234', '12',
];

/** A random bank-like line of plain text: words, numbers, single spaces and some punctuation. */
function randomLine(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const n = 1 + Math.floor(r() * 6);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(r() < 0.25 ? pick(NUMBERS) : pick(WORDS));
  return parts.join(pick([' ', ' ', ' ', '/', ' - ', '.', ', ']));
}

const LINES: readonly string[] = (() => {
  const r = seededRandom(41);
  const lines = keyFingerprintSamples().map((s) => s.text);
  for (let i = 0; i < 3000; i++) lines.push(randomLine(r));
  return lines;
})();

/** What a line's reading is compared by: everything but the display of a line without a key. */
function reading(text: string, extras: { reference?: string } = {}): string {
  const k = counterpartyKey(text, extras);
  return JSON.stringify([k.key, k.key === null ? null : k.display, k.shareable, k.signals]);
}

describe('counterparty key shortcuts give what the general path gives', () => {
  test('a line in lower case reads as the same line in upper case', () => {
    for (const line of LINES) {
      const upper = line.toUpperCase();
      expect(reading(line.toLowerCase()), line).toBe(reading(upper));
      // Only å ä ö ü in lower case: "KÖP" written "KöP".
      expect(reading(upper.replace(/[ÅÄÖÜ]/g, (c) => c.toLowerCase())), line).toBe(reading(upper));
    }
  });

  test('tabs, space runs and blanks at either end change nothing', () => {
    for (const line of LINES) {
      const spaced = ` \t${line.replace(/ /g, (_, i: number) => (i % 2 === 0 ? '\t' : '   '))}  `;
      expect(reading(spaced), line).toBe(reading(line));
    }
  });

  test('a blank reference column (the path for lines with extras) changes nothing', () => {
    for (const line of LINES) expect(reading(line, { reference: ' ' }), line).toBe(reading(line));
  });
});

/** Whether `w` splits into type words written as one: the plain reading, every split point tried. */
function referenceCompound(w: string, depth = 0): boolean {
  if (depth > 3 || w.length > 40) return false;
  for (let i = 2; i <= w.length - 2; i++) {
    if (!TRANSACTION_TYPE_WORDS.has(w.slice(0, i))) continue;
    const rest = w.slice(i);
    if (TRANSACTION_TYPE_WORDS.has(rest) || referenceCompound(rest, depth + 1)) return true;
  }
  return false;
}

function referenceTypeOnly(text: string): boolean {
  const norm = normalizeText(text);
  if (norm === '') return false;
  let words = 0;
  for (const w of norm.split(' ')) {
    if (/^\d+$/.test(w)) continue;
    if (!TRANSACTION_TYPE_WORDS.has(w) && !referenceCompound(w)) return false;
    words++;
  }
  return words > 0;
}

describe('type-only texts', () => {
  test('are those of the reference reading, on compounds of type words and other letters', () => {
    const r = seededRandom(7);
    const types = [...TRANSACTION_TYPE_WORDS];
    const others = ['A', 'X', 'S', 'EN', 'ING', 'KONTOR', 'Å', 'ÖL', 'BERG', 'TRANSPORT', '1', ''];
    let typeOnly = 0;
    for (let i = 0; i < 5000; i++) {
      const parts = 1 + Math.floor(r() * 4);
      let word = '';
      for (let p = 0; p < parts; p++) {
        const list = r() < 0.8 ? types : others;
        word += list[Math.floor(r() * list.length)] as string;
      }
      const text = r() < 0.3 ? `${word} ${types[Math.floor(r() * types.length)] as string}` : word;
      expect(isTypeOnly(text), text).toBe(referenceTypeOnly(text));
      if (referenceTypeOnly(text)) typeOnly++;
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(typeOnly).toBeGreaterThan(500);
    expect(typeOnly).toBeLessThan(4500);
  });
});

describe('the prefix loop\'s first-letter test', () => {
  /** The letters a pattern `^X…` or `^(?:A…|B…)` can start with (its top-level alternatives' first characters). */
  function firstLetters(source: string): string[] {
    expect(source.startsWith('^'), source).toBe(true);
    const body = source.slice(1);
    if (!body.startsWith('(?:')) return [body[0] as string];
    // The group's top-level alternatives, up to its closing parenthesis.
    const out: string[] = [];
    let depth = 0;
    let start = 3;
    for (let i = 3; i < body.length; i++) {
      const c = body[i];
      if (c === '\\') i++;
      else if (c === '(' || c === '[') depth++;
      else if ((c === ')' || c === ']') && depth > 0) depth--;
      else if (c === ')' || (c === '|' && depth === 0)) {
        out.push(body[start] as string);
        start = i + 1;
        if (c === ')') break;
      }
    }
    return out;
  }

  test('every transaction-type prefix starts with one of its letters', () => {
    const letters = TYPE_PREFIXES.flatMap((p) => firstLetters(p.pattern.source));
    expect(letters.length).toBeGreaterThanOrEqual(TYPE_PREFIXES.length);
    for (const l of letters) expect(PREFIX_FIRST_LETTERS, `a prefix starts with ${l}`).toContain(l);
    // And the list names no letter that no prefix starts with (each costs a regex run on names).
    for (const l of PREFIX_FIRST_LETTERS) expect(letters).toContain(l);
  });
});
