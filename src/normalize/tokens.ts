/**
 * Tokens for similarity. The only file that imports `natural`, and only its Swedish stemmer
 * submodule (the package root loads database drivers and prints banners).
 */
import swedishStemmer from 'natural/lib/natural/stemmers/porter_stemmer_sv.js';
import { normalizeText } from './text.js';

/** Stems are memoised per word; the memo is dropped when it reaches this size. */
const STEM_MEMO_LIMIT = 200_000;
const stemMemo = new Map<string, string>();

/** The Swedish stem of one word, lower case (memoised). */
export function stemWord(word: string): string {
  return stem(word);
}

function stem(word: string): string {
  let s = stemMemo.get(word);
  if (s === undefined) {
    if (stemMemo.size >= STEM_MEMO_LIMIT) stemMemo.clear();
    const lower = word.toLowerCase();
    const stemmed = swedishStemmer.stem(lower);
    s = stemmed.length >= MIN_TOKEN_LENGTH ? stemmed : lower;
    stemMemo.set(word, s);
  }
  return s;
}

/** Tokens shorter than this carry too little to compare ("AB", "I"). */
const MIN_TOKEN_LENGTH = 2;

/**
 * Splits normalised text into stemmed, lower-case tokens; digits-only tokens are dropped.
 *
 * ```ts
 * tokenize('Försäkringar Folksam') // ['försäkring', 'folksam']
 * ```
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  // The words of the normalised text, walked in place: it has single spaces and none at the ends.
  const norm = normalizeText(text);
  for (let start = 0; start < norm.length; ) {
    let end = norm.indexOf(' ', start);
    if (end < 0) end = norm.length;
    const from = start;
    start = end + 1;
    if (end - from < MIN_TOKEN_LENGTH || isDigits(norm, from, end)) continue;
    out.push(stem(norm.slice(from, end)));
  }
  return out;
}

/** Whether `text` from `from` to `end` is ASCII digits only (the test `/^\d+$/` without a substring or regex). */
function isDigits(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return end > from;
}

/**
 * Jaccard similarity of two token lists, 0..1.
 *
 * ```ts
 * tokenSimilarity(['ica', 'nara'], ['ica', 'nara', 'orming']) // 0.666…
 * ```
 */
export function tokenSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setA = new Set(a);
  const setB = new Set(b);
  let both = 0;
  for (const t of setA) if (setB.has(t)) both++;
  return both / (setA.size + setB.size - both);
}
