/**
 * The `natural` release kontera depends on (6.10.5, the last without database drivers among its
 * dependencies) stems and tokenizes exactly as the release before the switch (8.1.1) did, on every
 * word of the shared corpus, the project's fixtures and the generated worlds. The reference was
 * written by bench/stemmer-reference.ts with natural 8.1.1 installed (fixtures/SOURCES.md).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import swedishStemmer from 'natural/lib/natural/stemmers/porter_stemmer_sv.js';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/normalize/text.js';
import { tokenize } from '../../src/normalize/tokens.js';

interface Reference {
  readonly generatedBy: string;
  readonly natural: string;
  readonly corpus: { readonly files: number; readonly lines: number };
  readonly lines: readonly string[];
  readonly naturalTokenizerDigest: string;
  readonly stems: Readonly<Record<string, string>>;
}

const ROOT = join(import.meta.dirname, '..', '..');
const reference = JSON.parse(gunzipSync(readFileSync(join(ROOT, 'fixtures', 'stemmer', 'reference.json.gz'))).toString('utf8')) as Reference;
const require = createRequire(import.meta.url);
const installed = (require('natural/package.json') as { version: string }).version;

describe(`natural ${installed} against the output of natural ${reference.natural}`, () => {
  it('the reference covers the corpus, fixtures and generated worlds, and was made with another release', () => {
    expect(reference.generatedBy).toBe('bench/stemmer-reference.ts');
    expect(reference.natural).toBe('8.1.1');
    expect(reference.corpus.files).toBeGreaterThan(60);
    expect(reference.lines.length).toBeGreaterThan(reference.corpus.lines);
    expect(Object.keys(reference.stems).length).toBeGreaterThan(10_000);
  });

  it('the Swedish stemmer gives the same stem for every word', () => {
    const different = Object.entries(reference.stems).filter(([word, stem]) => swedishStemmer.stem(word) !== stem);
    expect(different.slice(0, 20)).toEqual([]);
  });

  it("natural's Swedish tokenizer splits every line the same way", () => {
    const Tokenizer = require('natural/lib/natural/tokenizers/aggressive_tokenizer_sv.js') as new () => { tokenize(text: string): string[] };
    const tokenizer = new Tokenizer();
    const h = createHash('sha256');
    for (const line of reference.lines) h.update(`${JSON.stringify(tokenizer.tokenize(line))}\n`);
    expect(h.digest('hex')).toBe(reference.naturalTokenizerDigest);
  });

  it("kontera's tokenize gives every line the tokens the reference stems give it", () => {
    let checked = 0;
    const different: string[] = [];
    for (const line of reference.lines) {
      const words = normalizeText(line).split(' ').filter((w) => w.length >= 2 && !/^\d+$/.test(w));
      const stems = words.map((w) => reference.stems[w.toLowerCase()]);
      // A word the reference has no stem for (normalisation changed since) says nothing about the stemmer.
      if (stems.some((s) => s === undefined)) continue;
      checked++;
      const expected = stems.map((s, i) => ((s as string).length >= 2 ? (s as string) : (words[i] as string).toLowerCase()));
      if (JSON.stringify(tokenize(line)) !== JSON.stringify(expected)) different.push(line);
    }
    expect(different.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(reference.lines.length * 0.9);
  });
});
