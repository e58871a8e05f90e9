/**
 * Issue 13 item 11: kontera reads its own SIE files back exactly. Any text the declared encoding
 * can carry (every printable CP437 character for CP437; any Unicode for UTF-8) round-trips through
 * writeSie → readSie → writeSie byte-exact, with and without #KSUMMA; and correct UTF-8 from
 * another program is not "repaired" for a quote mark.
 */
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/core/encoding.js';
import { createSieDocument } from '../../src/sie/document.js';
import { readSie } from '../../src/sie/reader.js';
import type { SieDocument } from '../../src/sie/types.js';
import { writeSie } from '../../src/sie/writer.js';
import { seededRandom } from '../support/random.js';

/** Every printable CP437 character (bytes 0x20–0x7E and 0x80–0xFF as Unicode). */
const CP437_PRINTABLE = (() => {
  const bytes = new Uint8Array(256 - 0x20 - 1 - 1);
  let n = 0;
  for (let b = 0x20; b < 256; b++) if (b !== 0x7f && b !== 0xff) bytes[n++] = b;
  return [...decodeBytes(bytes.subarray(0, n), 'cp437')];
})();
/** Unicode beyond CP437 for UTF-8: Swedish, quotes, dashes, €, Greek, CJK, an emoji (a surrogate pair). */
const UNICODE_EXTRA = [...'åäöÅÄÖéü”“„‘’–—€™†ŽσΣ÷┼─╓├ñÃ¥¤¶ΩЖ漢字🙂ﬁ'];

function text(rand: () => number, alphabet: readonly string[], max: number): string {
  const n = 1 + Math.floor(rand() * max);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  // What the writer changes on purpose: no blank at the ends, no "\" right before the closing quote.
  s = s.trim().replace(/\\+$/, '');
  return s === '' ? 'x' : s;
}

function document(rand: () => number, alphabet: readonly string[]): SieDocument {
  const t = (): string => text(rand, alphabet, 24);
  const vouchers = Array.from({ length: 3 }, (_, i) => ({
    series: 'A',
    number: String(i + 1),
    date: `2026-0${i + 1}-1${i}`,
    text: t(),
    transactions: [
      { account: '1930', amount: -(i + 1) * 12345, text: t() },
      { account: '6570', amount: (i + 1) * 12345, text: t() },
    ],
  }));
  return createSieDocument({ company: { name: t() }, generated: '2026-12-31', accounts: { '1930': t(), '6570': t() }, vouchers });
}

function texts(doc: SieDocument): string[] {
  return [
    doc.header.companyName ?? '',
    ...doc.accounts.map((a) => a.name),
    ...doc.vouchers.flatMap((v) => [v.text, ...v.transactions.map((r) => r.text ?? '')]),
  ];
}

describe('SIE text round-trips exactly', () => {
  for (const encoding of ['cp437', 'utf-8'] as const) {
    for (const checksum of [false, true]) {
      it(`${encoding}${checksum ? ' with #KSUMMA' : ''}: 150 random documents come back byte-exact`, () => {
        const alphabet = encoding === 'cp437' ? CP437_PRINTABLE : [...CP437_PRINTABLE, ...UNICODE_EXTRA];
        const failures: string[] = [];
        for (let seed = 1; seed <= 150; seed++) {
          const doc = document(seededRandom(seed * 7919 + (checksum ? 1 : 0)), alphabet);
          const bytes = writeSie(doc, { encoding, checksum });
          const back = readSie(bytes);
          if (JSON.stringify(texts(back)) !== JSON.stringify(texts(doc))) {
            failures.push(`seed ${seed}: ${JSON.stringify(texts(doc))} read back as ${JSON.stringify(texts(back))}`);
            continue;
          }
          expect(back.encoding).toBe(encoding);
          if (checksum) expect(back.checksum.status).toBe('valid');
          expect(Buffer.from(writeSie(back, { encoding, checksum })).equals(Buffer.from(bytes))).toBe(true);
        }
        expect(failures.slice(0, 3)).toEqual([]);
      });
    }
  }

  it('the cases from the issue: box drawing and Greek in CP437, one ” in correct UTF-8', () => {
    const doc = createSieDocument({
      company: { name: 'Kött & Fisk AB' },
      generated: '2026-01-01',
      accounts: { '1930': 'Företagskonto σ÷Σ', '6570': 'Bank├─┼╓avgifter' },
      vouchers: [{ series: 'A', number: '1', date: '2026-01-02', text: 'Pennor ”Premium”', transactions: [{ account: '1930', amount: -100 }, { account: '6570', amount: 100 }] }],
    });
    const back = readSie(writeSie(doc));
    expect(back.header.companyName).toBe('Kött & Fisk AB');
    expect(back.accounts.map((a) => a.name)).toEqual(['Företagskonto σ÷Σ', 'Bank├─┼╓avgifter']);
    // Correct UTF-8 from another program (no BOM, #PROGRAM not kontera) with a quote mark.
    const other = new TextEncoder().encode(
      ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#PROGRAM "Annat" 1.0', '#FNAMN "Pennor AB"', '#KONTO 4010 "Pennor ”Premium”"', '#KONTO 1930 "Företagskonto"', ''].join('\r\n'),
    );
    const read = readSie(other);
    expect(read.accounts.find((a) => a.number === '4010')?.name).toBe('Pennor ”Premium”');
    expect(read.issues.some((i) => i.code === 'SIE_DOUBLE_ENCODING')).toBe(false);
  });
});
