/**
 * Reference output of the Swedish stemmer and tokenizers, for changing the `natural` release
 * safely: every word of the shared corpus (all SIE, bank, BgMax and BAS files, read as UTF-8,
 * CP437 and Windows-1252 so no spelling is missed), of the project's fixtures and of the generated
 * world (the two worlds bench/accuracy.ts measures, seeds 1 and 2, plus the demo world) goes
 * through natural's Swedish stemmer, and every distinct text line through kontera's `tokenize` and
 * natural's Swedish aggressive tokenizer. The lines, the stems and digests of both tokenizers'
 * output are written to fixtures/stemmer/reference.json.gz, which
 * test/normalize/stemmer-reference.test.ts compares the installed `natural` against.
 *
 * Run it with the `natural` release whose output is the reference (it records that version):
 *
 *     node --import tsx/esm bench/stemmer-reference.ts [CORPUS_DIR]
 *
 * CORPUS_DIR defaults to ../shared/corpus next to the checkout (/work/shared/corpus).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import swedishStemmer from 'natural/lib/natural/stemmers/porter_stemmer_sv.js';
import { normalizeText } from '../src/normalize/text.js';
import { tokenize } from '../src/normalize/tokens.js';
import { referenceTexts } from './stemmer-texts.js';

const ROOT = join(import.meta.dirname, '..');
const corpus = process.argv[2] ?? '/work/shared/corpus';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const require = createRequire(import.meta.url);
const naturalVersion = (require('natural/package.json') as { version: string }).version;
const AggressiveTokenizerSv = require('natural/lib/natural/tokenizers/aggressive_tokenizer_sv.js') as new () => { tokenize(text: string): string[] };
const tokenizerSv = new AggressiveTokenizerSv();

// Corpus lines, decoded every way a Swedish file may be encoded.
const corpusFiles = filesUnder(corpus).filter((f) => !f.includes('/licences/') && !f.endsWith('MANIFEST.md'));
const lines = new Set<string>();
for (const f of corpusFiles) {
  const bytes = readFileSync(f);
  for (const text of [bytes.toString('utf8'), iconv.decode(bytes, 'cp437'), iconv.decode(bytes, 'win1252')]) {
    for (const line of text.split(/\r\n|\r|\n/)) if (line.trim() !== '') lines.add(line);
  }
}
const corpusLines = lines.size;
for (const line of referenceTexts(ROOT)) lines.add(line);

const words = new Set<string>();
for (const line of lines) {
  for (const w of normalizeText(line).split(' ')) if (w !== '') words.add(w.toLowerCase());
  for (const w of line.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) words.add(w);
}
const sortedWords = [...words].sort();
const stems: Record<string, string> = {};
for (const w of sortedWords) stems[w] = swedishStemmer.stem(w);

const sortedLines = [...lines].sort();
const digest = (f: (line: string) => string[]): string => {
  const h = createHash('sha256');
  for (const line of sortedLines) h.update(`${JSON.stringify(f(line))}\n`);
  return h.digest('hex');
};

const reference = {
  generatedBy: 'bench/stemmer-reference.ts',
  natural: naturalVersion,
  corpus: { dir: relative(ROOT, corpus), files: corpusFiles.length, lines: corpusLines },
  // Stored whole: the corpus is not part of a clone, and the test must not change when fixtures do.
  lines: sortedLines,
  tokenizeDigest: digest((l) => tokenize(l)),
  naturalTokenizerDigest: digest((l) => tokenizerSv.tokenize(l)),
  stems,
};
const out = join(ROOT, 'fixtures', 'stemmer', 'reference.json.gz');
mkdirSync(join(ROOT, 'fixtures', 'stemmer'), { recursive: true });
writeFileSync(out, gzipSync(JSON.stringify(reference), { level: 9 }));
console.log(`natural ${naturalVersion}: ${corpusFiles.length} corpus files, ${lines.size} distinct lines (${corpusLines} from the corpus), ${sortedWords.length} distinct words → ${relative(ROOT, out)} (${statSync(out).size} bytes)`);
