/** #KSUMMA: the test vectors of formats.md §1.7 and the variants that must NOT match. */
import { describe, expect, it } from 'vitest';
import { SieCrc, sieCrc32 } from '../../src/sie/checksum.js';
import { readSie } from '../../src/sie/reader.js';

describe('#KSUMMA CRC-32', () => {
  it('matches the standard CRC-32 check value', () => {
    expect(sieCrc32('123456789')).toBe(0xcbf43926);
    expect(sieCrc32('')).toBe(0);
  });

  it('gives the formats.md test vectors', () => {
    // #KONTO 1915 "Kassa \"special\"" → #KONTO1915Kassa "special"
    expect(sieCrc32('#KONTO1915Kassa "special"')).toBe(1921122205);
    // #TRANS 7010 {1 "456"} 13200.00 → #TRANS7010145613200.00
    expect(sieCrc32('#TRANS7010145613200.00')).toBe(3174400141);
  });

  it('feeds records as label + field contents, object lists as their tokens', () => {
    const c = new SieCrc();
    c.addRecord('#TRANS', ['7010', ['1', '456'], '13200.00']);
    expect(c.value()).toBe(3174400141);
  });

  it('gives the formats.md block value, over CP437 bytes (ö = 0x94)', () => {
    const c = new SieCrc();
    c.addRecord('#FORMAT', ['PC8']);
    c.addRecord('#GEN', ['20250101']);
    c.addRecord('#SIETYP', ['4']);
    c.addRecord('#FNAMN', ['Test AB']);
    c.addRecord('#KONTO', ['1930', 'Företagskonto']);
    c.addRecord('#VER', ['A', '1', '20250105', 'Bankavgift']);
    c.addRecord('#TRANS', ['6570', [], '45.00']);
    c.addRecord('#TRANS', ['1930', [], '-45.00']);
    expect(c.value()).toBe(4146693178);
  });

  it('verifies the same block read from a file, and rejects the variants that real files do not use', () => {
    const block = ['#FORMAT PC8', '#GEN 20250101', '#SIETYP 4', '#FNAMN "Test AB"', '#KONTO 1930 "Företagskonto"', '#VER A 1 20250105 "Bankavgift"', '{', '#TRANS 6570 {} 45.00', '#TRANS 1930 {} -45.00', '}'];
    const file = ['#FLAGGA 0', '#KSUMMA', ...block, '#KSUMMA 4146693178'].join('\r\n');
    expect(readSie(file).checksum).toEqual({ status: 'valid', expected: 4146693178, actual: 4146693178 });
    // Dropping the "#", keeping braces, or hashing whole lines all give other values.
    expect(sieCrc32('FORMATPC8')).not.toBe(sieCrc32('#FORMATPC8'));
    const lines = new SieCrc();
    for (const l of block) lines.add(l);
    expect(lines.value()).not.toBe(4146693178);
  });

  it('covers a no-break space outside quotes as the character it is (CP437 0xFF): the spec separates fields by spaces and tabs only, so a writer\'s checksum includes it', () => {
    // A writer that groups digits with the locale's no-break space and checksums its own fields
    // (#IB 0 1930 "1 234.50"), and one that leaves a no-break space after a field.
    const block = ['#GEN 20250101\u00a0', '#KONTO 1930 "Bank\u00a0konto"', '#IB 0 1930 1\u00a0234.50', '#VER A 1 20250105 "Hyra"', '{', '#TRANS 1930 {1\u00a0100} -1\u00a0234.50', '#TRANS 5010 {} 1234.50', '}'];
    const expected = sieCrc32(['#GEN20250101\u00a0', '#KONTO1930Bank\u00a0konto', '#IB019301\u00a0234.50', '#VERA120250105Hyra', '#TRANS19301\u00a0100-1\u00a0234.50', '#TRANS50101234.50'].join(''));
    const text = ['#FLAGGA 0', '#KSUMMA', ...block, `#KSUMMA ${expected}`].join('\r\n');
    const cp437 = Uint8Array.from(Buffer.from(text, 'latin1'), (b) => (b === 0xa0 ? 0xff : b));
    for (const input of [text, cp437]) {
      const doc = readSie(input);
      expect(doc.checksum).toEqual({ status: 'valid', expected, actual: expected });
      expect(doc.balances[0]?.amount).toBe(123450);
      expect(doc.vouchers[0]?.transactions[0]).toMatchObject({ amount: -123450, objects: [{ dimension: 1, object: '100' }] });
    }
    // The same file with the no-break spaces left out has another checksum: they are not skipped.
    expect(readSie(text.replace(/\u00a0/g, ''), { strict: false }).checksum).toMatchObject({ status: 'invalid', expected });
  });

  it('writes values above 2^31 unsigned (never as a negative int32)', () => {
    expect(sieCrc32('#TRANS7010145613200.00')).toBeGreaterThan(2 ** 31);
  });
});
