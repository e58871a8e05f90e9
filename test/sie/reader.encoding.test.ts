/** Encoding detection from the bytes (formats.md §1.8), with warnings where label and bytes disagree. */
import { describe, expect, it } from 'vitest';
import { decodeBytes, encodeText } from '../../src/core/encoding.js';
import { readSie } from '../../src/sie/reader.js';
import { SieParseError } from '../../src/core/errors.js';
import { SieCrc } from '../../src/sie/checksum.js';
import { caught } from '../support/errors.js';

const TEXT = ['#FLAGGA 0', '#FORMAT PC8', '#FNAMN "Övningsbolaget Åsa & Ärla AB"', '#KONTO 7010 "Lön till kollektivanställda"', '#KONTO 2640 "Ingående moms"'].join('\r\n');

function names(bytes: Uint8Array | string): readonly string[] {
  const doc = readSie(bytes);
  return [doc.header.companyName ?? '', ...doc.accounts.map((a) => a.name)];
}

const EXPECTED = ['Övningsbolaget Åsa & Ärla AB', 'Lön till kollektivanställda', 'Ingående moms'];

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

describe('readSie encodings', () => {
  it('reads genuine CP437 (#FORMAT PC8) without warnings', () => {
    const bytes = encodeText(TEXT, 'cp437');
    expect([...bytes].filter((b) => b === 0x94 || b === 0x99 || b === 0x8f || b === 0x8e || b === 0x84 || b === 0x86).length).toBeGreaterThan(0);
    const doc = readSie(bytes);
    expect(doc.encoding).toBe('cp437');
    expect(names(bytes)).toEqual(EXPECTED);
    expect(doc.issues).toEqual([]);
  });

  it('reads UTF-8 with and without BOM, warning that PC8 says otherwise', () => {
    for (const bytes of [utf8(TEXT), new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(TEXT)])]) {
      const doc = readSie(bytes);
      expect(doc.encoding).toBe('utf-8');
      expect(names(bytes)).toEqual(EXPECTED);
      expect(doc.issues).toMatchObject([{ code: 'SIE_ENCODING_MISMATCH', severity: 'warning', label: '#FORMAT' }]);
    }
  });

  it('accepts a non-standard #FORMAT UTF8 label on UTF-8 bytes without a mismatch', () => {
    const doc = readSie(utf8(TEXT.replace('#FORMAT PC8', '#FORMAT UTF8')));
    expect(doc.issues.map((i) => i.code)).toEqual([]);
  });

  it('reads Windows-1252/Latin-1 mislabelled as PC8 and says so', () => {
    const bytes = encodeText(TEXT, 'windows-1252');
    const doc = readSie(bytes);
    expect(doc.encoding).toBe('windows-1252');
    expect(names(bytes)).toEqual(EXPECTED);
    expect(doc.issues.map((i) => i.code)).toContain('SIE_ENCODING_MISMATCH');
  });

  it('repairs UTF-8 that was read as Windows-1252 and saved as UTF-8 again ("Ã–vningsbolaget")', () => {
    const mojibake = decodeBytes(utf8(TEXT), 'windows-1252');
    expect(mojibake).toContain('Ã–vningsbolaget');
    const doc = readSie(utf8(mojibake));
    expect(names(utf8(mojibake))).toEqual(EXPECTED);
    expect(doc.issues.map((i) => i.code)).toContain('SIE_DOUBLE_ENCODING');
  });

  it('repairs UTF-8 that was read as Latin-1 and saved as UTF-8 again ("Ã\\u0085", PHP\'s utf8_encode on UTF-8)', () => {
    // ISO-8859-1 keeps 0x80–0x9F as C1 controls, so Å Ä Ö (C3 85, C3 84, C3 96) become "Ã" and a control.
    const mojibake = Buffer.from(utf8(TEXT)).toString('latin1');
    expect(mojibake).toContain('Ã\u0096vningsbolaget');
    const doc = readSie(utf8(mojibake));
    expect(names(utf8(mojibake))).toEqual(EXPECTED);
    expect(doc.issues.map((i) => i.code)).toContain('SIE_DOUBLE_ENCODING');
  });

  it('repairs CP437 that was read as Windows-1252 and saved as UTF-8 ("™vningsbolaget"), reporting the lost "Å"', () => {
    const mojibake = decodeBytes(encodeText(TEXT, 'cp437'), 'windows-1252');
    expect(mojibake).toContain('L”n');
    const doc = readSie(utf8(mojibake));
    // CP437 0x8F (Å) has no Windows-1252 character: it was lost in the first wrong step.
    expect(names(utf8(mojibake))).toEqual(EXPECTED.map((n) => n.replace('Å', '\ufffd')));
    expect(doc.issues.map((i) => i.code)).toEqual(['SIE_DOUBLE_ENCODING', 'SIE_LOSSY_TEXT', 'SIE_ENCODING_MISMATCH']);
  });

  it('repairs CP437 that was read as Latin-1 and saved as UTF-8 (C1 control characters)', () => {
    const cp = encodeText(TEXT, 'cp437');
    const mojibake = String.fromCharCode(...cp);
    expect(mojibake).toContain('L\u0094n');
    const doc = readSie(utf8(mojibake));
    expect(names(utf8(mojibake))).toEqual(EXPECTED);
    expect(doc.issues.map((i) => i.code)).toContain('SIE_DOUBLE_ENCODING');
  });

  it('leaves correct UTF-8 alone even when it has a few characters that look like mojibake', () => {
    const text = TEXT + '\r\n#KONTO 3010 "Försäljning „export” till Ÿ Žilina"';
    const doc = readSie(utf8(text));
    expect(doc.accounts.map((a) => a.name)).toContain('Försäljning „export” till Ÿ Žilina');
    expect(doc.issues.map((i) => i.code)).not.toContain('SIE_DOUBLE_ENCODING');
  });

  it('reports U+FFFD as lossy text with the line where it first occurs', () => {
    const doc = readSie(utf8(TEXT.replace('Lön', 'L\ufffdn').replace('Ingående', 'Ing\ufffdende')));
    expect(doc.issues).toContainEqual(expect.objectContaining({ code: 'SIE_LOSSY_TEXT', severity: 'warning', line: 4 }));
    expect(doc.issues.find((i) => i.code === 'SIE_LOSSY_TEXT')?.message).toMatch(/2 replacement characters/);
  });

  it('takes a string as already decoded (BOM dropped) and reports utf-8', () => {
    const doc = readSie('\ufeff' + TEXT);
    expect(doc.encoding).toBe('utf-8');
    expect(names('\ufeff' + TEXT)).toEqual(EXPECTED);
    expect(doc.issues).toEqual([]);
  });

  it('reads UTF-8 with a text cut mid-character as UTF-8, not as CP437 mojibake, saying where', () => {
    // A writer that cuts texts at a byte limit leaves the first byte of "ö" (0xC3) before the quote.
    const bytes = utf8(TEXT + '\r\n#KONTO 4010 "Ink@"');
    const at = bytes.indexOf(0x40);
    bytes[at] = 0xc3;
    const doc = readSie(bytes);
    expect(doc.encoding).toBe('utf-8');
    expect(doc.header.companyName).toBe(EXPECTED[0]);
    expect(doc.accounts.map((a) => a.name)).toEqual([...EXPECTED.slice(1), 'Ink\ufffd']);
    expect(doc.issues).toContainEqual(expect.objectContaining({ code: 'SIE_ENCODING_MISMATCH', severity: 'warning', line: 6 }));
    expect(doc.issues).toContainEqual(expect.objectContaining({ code: 'SIE_LOSSY_TEXT', line: 6 }));
  });

  it('reads UTF-8 with a stray Latin-1 letter as UTF-8, the stray byte as its Windows-1252 letter', () => {
    const bytes = new Uint8Array([...utf8(TEXT + '\r\n#KONTO 4010 "Ink'), 0xf6, ...utf8('p"')]);
    const doc = readSie(bytes);
    expect(doc.encoding).toBe('utf-8');
    expect(doc.accounts.map((a) => a.name)).toEqual([...EXPECTED.slice(1), 'Inköp']);
    expect(doc.issues.find((i) => i.line === 6)).toMatchObject({ code: 'SIE_ENCODING_MISMATCH', severity: 'warning' });
    expect(doc.issues.find((i) => i.line === 6)?.message).toMatch(/1 stray byte read as Windows-1252/);
  });

  it('a CP437 or Latin-1 file with a few valid UTF-8 pairs by chance is still voted, not read as UTF-8', () => {
    for (const enc of ['cp437', 'windows-1252'] as const) {
      const bytes = new Uint8Array([...encodeText(TEXT, enc), ...utf8('\r\n#KONTO 4010 "ö"')]);
      expect(readSie(bytes).encoding).toBe(enc);
    }
  });

  it('reads UTF-16 (LE or BE, with or without a byte-order mark) instead of refusing it as binary', () => {
    const le = encodeText(TEXT, 'utf-16le');
    const be = encodeText(TEXT, 'utf-16be');
    const cases = [
      [new Uint8Array([0xff, 0xfe, ...le]), 'utf-16le'],
      [le, 'utf-16le'],
      [new Uint8Array([0xfe, 0xff, ...be]), 'utf-16be'],
      [be, 'utf-16be'],
    ] as const;
    for (const [bytes, enc] of cases) {
      const doc = readSie(bytes);
      expect(doc.encoding).toBe(enc);
      expect(names(bytes)).toEqual(EXPECTED);
      expect(doc.issues).toContainEqual(expect.objectContaining({ code: 'SIE_ENCODING_MISMATCH', severity: 'warning', label: '#FORMAT' }));
    }
  });

  it('ignores NUL padding after the last line, but still refuses NUL bytes inside the text', () => {
    const bytes = new Uint8Array([...encodeText(TEXT, 'cp437'), 0x0d, 0x0a, ...new Uint8Array(512)]);
    const doc = readSie(bytes);
    expect(names(bytes)).toEqual(EXPECTED);
    expect(doc.issues).toMatchObject([{ code: 'SIE_STRUCTURE', severity: 'info' }]);
    const inside = encodeText(TEXT, 'cp437');
    inside[20] = 0;
    expect(() => readSie(new Uint8Array([...inside, 0, 0]))).toThrow(expect.objectContaining({ code: 'SIE_NOT_SIE' }));
  });

  it('a UTF-8 byte-order mark before CP437 or Latin-1 bytes does not turn every letter into U+FFFD', () => {
    for (const enc of ['cp437', 'windows-1252'] as const) {
      const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encodeText(TEXT, enc)]);
      const doc = readSie(bytes);
      expect(doc.encoding).toBe(enc);
      expect(names(bytes)).toEqual(EXPECTED);
      expect(doc.issues[0]).toMatchObject({ code: 'SIE_ENCODING_MISMATCH', severity: 'warning' });
      expect(doc.issues[0]?.message).toMatch(/byte-order mark, but the bytes after it are not valid UTF-8/);
    }
  });

  it('tells Windows-1252 from CP437 by é and ü too, when a file has no å, ä or ö', () => {
    const text = '#FLAGGA 0\r\n#FORMAT PC8\r\n#FNAMN "Café Müller AB"\r\n#KONTO 3010 "Försäljning"';
    for (const enc of ['cp437', 'windows-1252'] as const) {
      const bytes = encodeText(text.replace('Försäljning', 'Sales'), enc);
      const doc = readSie(bytes);
      expect(doc.encoding).toBe(enc);
      expect(doc.header.companyName).toBe('Café Müller AB');
    }
  });

  it('two UTF-8 files joined with cat (a byte-order mark mid-file): a typed error naming the line where the second file starts, in both modes', () => {
    const part = (year: string, org: string) =>
      ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', `#ORGNR ${org}`, '#FNAMN "Åkeriet AB"', `#RAR 0 ${year}0101 ${year}1231`, `#IB 0 1930 100.00`, `#VER A 1 ${year}0105 "Hyra"`, '{', '#TRANS 1930 {} -5', '#TRANS 5010 {} 5', '}', ''].join('\r\n');
    const bom = [0xef, 0xbb, 0xbf];
    const joined = new Uint8Array([...bom, ...utf8(part('2024', '556000-0001')), ...bom, ...utf8(part('2025', '556000-0001'))]);
    for (const strict of [true, false]) {
      const err = caught(() => readSie(joined, { strict, fileName: 'ihop.se' }), SieParseError);
      expect(err, `strict: ${strict}`).toMatchObject({ code: 'SIE_JOINED_FILES', line: 13, file: 'ihop.se', label: '#FLAGGA' });
      expect(err.message).toMatch(/second SIE file starts at line 13/);
    }
    // Without the byte-order mark (plain text joined) the second #FLAGGA is found all the same.
    expect(() => readSie(part('2024', '556000-0001') + part('2025', '556000-0001'))).toThrow(expect.objectContaining({ code: 'SIE_JOINED_FILES', line: 13 }));
  });

  it('two files joined where the bytes decode as one single-byte encoding: the UTF-8 byte-order mark read as "∩╗┐" (CP437) or "ï»¿" (Latin-1) is still the start of the second file', () => {
    const part = (year: string) =>
      ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#FNAMN "Åkeriet AB"', `#RAR 0 ${year}0101 ${year}1231`, '#KONTO 1930 "Företagskonto"', `#IB 0 1930 100.00`, `#VER A 1 ${year}0105 "Hyra"`, '{', '#TRANS 1930 {} -5', '#TRANS 5010 {} 5', '}', ''].join('\r\n');
    const bom = [0xef, 0xbb, 0xbf];
    for (const enc of ['cp437', 'windows-1252'] as const) {
      // The second file's letters are single-byte too (a tool added a BOM to it), so the whole input decodes as one encoding.
      const joined = new Uint8Array([...encodeText(part('2024'), enc), ...bom, ...encodeText(part('2025'), enc)]);
      for (const strict of [true, false]) {
        const err = caught(() => readSie(joined, { strict, fileName: 'ihop.se' }), SieParseError);
        expect(err, `${enc}, strict: ${strict}`).toMatchObject({ code: 'SIE_JOINED_FILES', line: 13, file: 'ihop.se' });
      }
      // Before a record that is not a header record the mark's bytes are skipped, with a warning naming the line.
      const stray = new Uint8Array([...encodeText('#FLAGGA 0\r\n#FNAMN "Åkeriet AB"\r\n', enc), ...bom, ...encodeText('#KONTO 1930 "Företagskonto"\r\n', enc)]);
      const doc = readSie(stray);
      expect(doc.encoding).toBe(enc);
      expect(doc.accounts.map((a) => [a.number, a.name])).toEqual([['1930', 'Företagskonto']]);
      expect(doc.issues.filter((i) => i.code === 'SIE_STRUCTURE').map((i) => i.line)).toEqual([3]);
      expect(doc.issues.find((i) => i.code === 'SIE_STRUCTURE')?.message).toMatch(/byte-order mark .*read as "(∩╗┐|ï»¿)"/);
    }
  });

  it('a PC8 file and a UTF-8 file joined (either order, with or without a byte-order mark) is the typed joined-files error, whatever the decoding settles on', () => {
    const part = (year: string, name: string) =>
      ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', `#FNAMN "${name}"`, `#RAR 0 ${year}0101 ${year}1231`, `#VER A 1 ${year}0105 "Hyra"`, '{', '#TRANS 1930 {} -5', '#TRANS 5010 {} 5', '}', ''].join('\r\n');
    const bom = [0xef, 0xbb, 0xbf];
    // Few UTF-8 letters (decoded as CP437) and many (decoded as UTF-8 with stray bytes).
    for (const name of ['Åkeri AB', 'Åkeriet på Öland, Älvsbyn och Åsele AB']) {
      const pc8 = [...encodeText(part('2024', 'Åkeriet i Örebro'), 'cp437')];
      const utf = [...utf8(part('2025', name))];
      for (const [bytes, line] of [
        [[...pc8, ...bom, ...utf], 11],
        [[...pc8, ...utf], 11],
        [[...bom, ...utf, ...pc8], 11],
      ] as const) {
        expect(() => readSie(new Uint8Array(bytes)), name).toThrow(expect.objectContaining({ code: 'SIE_JOINED_FILES', line }));
        expect(() => readSie(new Uint8Array(bytes), { strict: false }), name).toThrow(expect.objectContaining({ code: 'SIE_JOINED_FILES', line }));
      }
    }
  });

  it('a byte-order mark written twice at the start of one file is skipped with a warning, not read as a second file', () => {
    const text = ['#FLAGGA 0', '#FORMAT PC8', '#FNAMN "Åkeriet AB"', '#KONTO 1930 "Bank"'].join('\r\n');
    for (const second of [[0xef, 0xbb, 0xbf], [...encodeText('ï»¿', 'windows-1252')]]) {
      const doc = readSie(new Uint8Array([0xef, 0xbb, 0xbf, ...second, ...utf8(text)]));
      expect(doc.header.companyName).toBe('Åkeriet AB');
      expect(doc.issues.filter((i) => i.code === 'SIE_STRUCTURE').map((i) => i.line)).toEqual([1]);
    }
  });

  it('a second file with neither a byte-order mark nor a #FLAGGA: a repeated #PROGRAM, #FORMAT, #GEN, #SIETYP or #RAR 0 after the first file\'s body starts it, named at its first header line', () => {
    const first = ['#FLAGGA 0', '#PROGRAM "Fortnox" 3.60', '#FORMAT PC8', '#GEN 20250110', '#SIETYP 4', '#FNAMN "Åkeriet AB"', '#RAR 0 20240101 20241231', '#RAR -1 20230101 20231231', '#KONTO 1930 "Bank"', '#IB 0 1930 100.00', '#VER A 1 20240105 "Hyra"', '{', '#TRANS 1930 {} -5', '#TRANS 5010 {} 5', '}'];
    const second = ['#FNAMN "Åkeriet AB"', '#ORGNR 556000-0001', '#RAR 0 20250101 20251231', '#RAR -1 20240101 20241231', '#KONTO 1930 "Bank"', '#VER A 1 20250105 "Hyra"', '{', '#TRANS 1930 {} -7', '#TRANS 5010 {} 7', '}'];
    const cases: [string, readonly string[], readonly string[], number, string][] = [
      // A whole header without #FLAGGA (a writer that leaves it out): the second #PROGRAM.
      ['#PROGRAM', first, ['#PROGRAM "Fortnox" 3.61', '#FORMAT PC8', '#GEN 20260110', '#SIETYP 4', ...second], 16, '#PROGRAM'],
      // Only a #RAR 0 gives it away: the second file starts at the header line before it (#FNAMN).
      ['#RAR 0', first, second, 16, '#FNAMN'],
      // Type 3 files (accounts and balances, no vouchers): a second #SIETYP after the first one's balances.
      ['#SIETYP', first.slice(0, 10), ['#SIETYP 3', '#FNAMN "Åkeriet AB"', '#KONTO 1930 "Bank"', '#IB 0 1930 200.00'], 11, '#SIETYP'],
      // The first file's closing #KSUMMA ends it; the second's opening one is part of its header.
      ['#GEN', [...first.slice(0, 1), '#KSUMMA', ...first.slice(1, 10), '#KSUMMA 1'], ['#KSUMMA', '#GEN 20260110', '#KONTO 1930 "Bank"'], 13, '#KSUMMA'],
    ];
    for (const [proof, a, b, line, label] of cases) {
      const text = [...a, ...b].join('\r\n');
      for (const strict of [true, false]) {
        const err = caught(() => readSie(text, { strict, fileName: 'ihop.se' }), SieParseError);
        expect(err, proof).toMatchObject({ code: 'SIE_JOINED_FILES', line, label, file: 'ihop.se' });
        expect(err.message).toMatch(new RegExp(`second SIE file starts at line ${line} \\(a second ${proof} after the first file's`));
      }
    }
  });

  it('records after a closing #KSUMMA, which ends a file, are another file appended: SIE_JOINED_FILES in both modes, not a checksum that says valid over part of the input', () => {
    const body = ['#PROGRAM "Exempel" 1.0', '#FORMAT PC8', '#GEN 20250110', '#SIETYP 4', '#FNAMN "Åkeriet"', '#VER A 1 20250105 "Hyra"', '{', '#TRANS 1930 {} -5', '#TRANS 5010 {} 5', '}'];
    const crc = new SieCrc();
    for (const line of body) {
      const [label, ...fields] = line.split(' ');
      if (label?.startsWith('#')) crc.addRecord(label, fields.map((f) => (f === '{}' ? [] : f.replace(/"/g, ''))));
    }
    const whole = ['#FLAGGA 0', '#KSUMMA', ...body, `#KSUMMA ${crc.value()}`];
    expect(readSie(whole.join('\r\n')).checksum.status).toBe('valid');
    // Another file's vouchers without a header, or a fragment starting with its opening #KSUMMA.
    const tails: [readonly string[], number, string][] = [
      [['', '#VER A 1 20260105 "Hyra"', '{', '#TRANS 1930 {} -7', '#TRANS 5010 {} 7', '}'], 15, '#VER'],
      [['#KSUMMA', '#KONTO 1930 "Bank"', '#IB 0 1930 200.00'], 14, '#KSUMMA'],
    ];
    for (const [tail, line, label] of tails) {
      for (const strict of [true, false]) {
        const err = caught(() => readSie([...whole, ...tail].join('\r\n'), { strict, fileName: 'ihop.se' }), SieParseError);
        expect(err).toMatchObject({ code: 'SIE_JOINED_FILES', line, label, file: 'ihop.se' });
        expect(err.message).toMatch(/after the closing #KSUMMA on line 13, which ends a file/);
      }
    }
    // Blank lines and a DOS end-of-file mark after it are no records.
    expect(readSie([...whole, '', '\x1a'].join('\r\n')).checksum.status).toBe('valid');
  });

  it('records that one file may repeat or write late are not a second file: #RAR -1, #KONTO, #PROSA again, a header record written twice before the body, or once after it', () => {
    const head = ['#FLAGGA 0', '#PROGRAM "Fortnox" 3.60', '#FORMAT PC8', '#GEN 20250110', '#SIETYP 4', '#PROSA "Rad 1"', '#PROSA "Rad 2"', '#FNAMN "Åkeriet AB"', '#RAR 0 20240101 20241231', '#RAR -1 20230101 20231231', '#RAR 0 20240101 20241231', '#GEN 20250111'];
    const voucher = ['#KONTO 1930 "Bank"', '#VER A 1 20240105 "Hyra"', '{', '#TRANS 1930 {} -5', '#TRANS 5010 {} 5', '}'];
    for (const late of [['#RAR -1 20230101 20231231'], ['#KONTO 1930 "Bankkonto"', '#KONTO 5010 "Lokalhyra"'], ['#PROSA "Rad 3"', '#FNAMN "Åkeriet i Örebro AB"', '#ORGNR 556000-0001']]) {
      const doc = readSie([...head, ...voucher, ...late].join('\r\n'));
      expect(doc.vouchers).toHaveLength(1);
    }
    // Header records written only after the body (no earlier one of them): a late header, not a second file.
    const lateHeader = ['#FLAGGA 0', '#FNAMN "Åkeriet AB"', ...voucher, '#PROGRAM "Fortnox" 3.60', '#FORMAT PC8', '#GEN 20250110', '#SIETYP 4', '#RAR 0 20240101 20241231'];
    const doc = readSie(lateHeader.join('\r\n'));
    expect(doc.vouchers).toHaveLength(1);
    expect(doc.header.sieType).toBe(4);
    expect(doc.header.fiscalYears).toMatchObject([{ yearIndex: 0, start: '2024-01-01' }]);
  });

  it('a byte-order mark at the start of a later line does not corrupt its label; the line is read, with a warning', () => {
    const text = ['#FLAGGA 0', '#FNAMN "Åkeriet AB"', '\ufeff#KONTO 1930 "Bank"', '#VER A 1 20250105', '{', '\ufeff#TRANS 1930 {} -5', '#TRANS 5010 {} 5', '}'].join('\n');
    const doc = readSie(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]));
    expect(doc.accounts.map((a) => [a.number, a.name])).toEqual([['1930', 'Bank']]);
    expect(doc.vouchers[0]?.transactions.map((t) => [t.account, t.amount])).toEqual([['1930', -500], ['5010', 500]]);
    expect(doc.unknownRecords).toEqual([]);
    expect(doc.issues.map((i) => [i.code, i.line])).toEqual([['SIE_STRUCTURE', 3], ['SIE_STRUCTURE', 6]]);
  });

  it('pure ASCII is CP437 (the bytes are the same)', () => {
    const doc = readSie(utf8('#FLAGGA 0\n#FNAMN "Plain"'));
    expect(doc.encoding).toBe('cp437');
    expect(doc.issues).toEqual([]);
  });
});
