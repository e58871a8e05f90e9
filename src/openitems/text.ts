/**
 * What a voucher or bank text says about an invoice: the counterparty's words and name, and the
 * invoice numbers or OCR references in it. Pure functions on strings.
 *
 * @module
 */
import { LEGAL_FORMS, NOISE_WORDS } from '../normalize/noise.js';
import { normalizeText } from '../normalize/text.js';
import { BOOKKEEPING_WORDS, REFERENCE_WORDS } from './words.js';
import { luhnValid as luhnDigits } from '../normalize/counterparty.js';

// Bankgiro (NNN-NNNN, NNNN-NNNN) and plusgiro (N…N-N) numbers identify an account, not an invoice.
const GIRO = /\b\d{3,4}-\d{4}\b|\b\d{1,7}-\d\b/g;
// ISO and compact dates.
const DATE = /\b(?:19|20)\d\d-?[01]\d-?[0-3]\d\b/g;
/** Shortest reference taken without an invoice word before it. */
const MIN_BARE_REFERENCE = 3;
/** Longest reference kept (an OCR number has at most 25 digits). */
const MAX_REFERENCE = 25;

function isNameWord(w: string): boolean {
  return w.length >= 2 && !/\d/.test(w) && !BOOKKEEPING_WORDS.has(w) && !NOISE_WORDS.has(w) && !LEGAL_FORMS.has(w);
}

/**
 * The counterparty words of a text: normalised, without digits, legal forms or bookkeeping words.
 *
 * ```ts
 * counterpartyWords('Kundfakt. 0333, ICA Supermarket Solna') // ['ICA', 'SUPERMARKET', 'SOLNA']
 * ```
 */
export function counterpartyWords(text: string): string[] {
  const out: string[] = [];
  for (const w of normalizeText(text.replace(GIRO, ' ')).split(' ')) if (isNameWord(w) && !out.includes(w)) out.push(w);
  return out;
}

/**
 * The references in a text: digit runs of at least three digits, or shorter after an invoice word
 * ("fakt. 15"), leading zeros dropped. Giro numbers and dates are not references.
 *
 * ```ts
 * references('Bet. 1422, fakt. 15, Ulla Andersson') // ['1422', '15']
 * ```
 */
export function references(text: string): string[] {
  const out: string[] = [];
  const words = normalizeText(text.replace(GIRO, ' ').replace(DATE, ' ')).split(' ');
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const m = /\d+/.exec(w);
    if (m === null) continue;
    // "FA30079": the digits of a word that starts with letters are its reference.
    const digits = m[0].replace(/^0+(?=\d)/, '');
    const afterWord = i > 0 && REFERENCE_WORDS.has(words[i - 1] as string);
    const prefix = w.slice(0, m.index);
    const invoicePrefix = prefix !== '' && REFERENCE_WORDS.has(prefix);
    if (m[0].length > MAX_REFERENCE || digits === '0') continue;
    if (m[0].length < MIN_BARE_REFERENCE && !afterWord && !invoicePrefix) continue;
    if (!out.includes(digits)) out.push(digits);
  }
  return out;
}

/**
 * The counterparty as a bookkeeper reads it: the part of the text (split at `,` `/` `;` `[…]` `(…)`
 * and ` - `) with the most counterparty words, without numbers. Empty when no part names anyone.
 *
 * ```ts
 * counterpartyName('FA30079/Österängens Bilservice') // 'Österängens Bilservice'
 * ```
 */
export function counterpartyName(text: string): string {
  let best = '';
  let bestWords = 0;
  for (const part of text.replace(GIRO, ' ').split(/[,;/|()[\]]| - /)) {
    const n = counterpartyWords(part).length;
    if (n === 0 || n < bestWords) continue;
    const kept = part
      .trim()
      .split(/\s+/)
      .filter((w) => !/\d/.test(w));
    // Bookkeeping words before the name ("Kundfakt." "Bet.") are dropped, the name's own words kept.
    while (kept.length > 0 && !isNameWord(normalizeText(kept[0] as string))) kept.shift();
    best = withoutTrailingPunctuation(kept.join(' '));
    bestWords = n;
  }
  return best;
}

/** `s` without the run of `.,:;-` it ends with (a scan from the end: linear on any input). */
function withoutTrailingPunctuation(s: string): string {
  let end = s.length;
  while (end > 0 && '.,:;-'.includes(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}

/**
 * How much of an item's counterparty `itemWords` the other text's `words` names, 0..1: the share of
 * item words found, where a word also matches a truncation of at least four letters ("NORRKÖPI"
 * for "NORRKÖPING", as banks cut names).
 */
export function wordOverlap(words: readonly string[], itemWords: readonly string[]): number {
  if (itemWords.length === 0 || words.length === 0) return 0;
  let found = 0;
  for (const w of itemWords) {
    for (const l of words) {
      if (l === w || (Math.min(l.length, w.length) >= 4 && (l.startsWith(w) || w.startsWith(l)))) {
        found++;
        break;
      }
    }
  }
  return found / itemWords.length;
}

/** True when the digits (two or more, nothing else) pass the Luhn (modulus 10) check that Swedish OCR numbers carry. */
export function luhnValid(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && luhnDigits(digits);
}

/**
 * The invoice numbers an OCR reference may be built from. A Swedish OCR number is the biller's
 * reference (usually the invoice number) followed by a Luhn check digit, and, under Bankgirot's
 * "length" control, a length digit (the number of digits, modulo 10) before the check digit.
 *
 * ```ts
 * ocrBases('655969') // ['65596', '6559']: check digit 9, length digit 6
 * ```
 */
export function ocrBases(reference: string): string[] {
  if (reference.length < 4 || !luhnValid(reference)) return [];
  const out = [reference.slice(0, -1).replace(/^0+(?=\d)/, '')];
  if (Number(reference[reference.length - 2]) === reference.length % 10) out.push(reference.slice(0, -2).replace(/^0+(?=\d)/, ''));
  return out;
}
