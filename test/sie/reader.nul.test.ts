/**
 * A few NUL bytes inside a SIE text (a writer's C-string terminator after a text, a byte lost in
 * transfer): before, the whole file was "not a SIE file … binary data", line 1, in both modes, and
 * learnFromSie (which reads leniently) learned nothing from it. Now strict reading names where the
 * first NUL is, and lenient reading removes them with a warning and reads the rest.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SieParseError } from '../../src/core/errors.js';
import { createKontera } from '../../src/kontera.js';
import { readSie } from '../../src/sie/reader.js';

const bytes = readFileSync(new URL('../../fixtures/sie/hand-written_nul-damaged_4E.se', import.meta.url));

describe('NUL bytes inside a SIE text', () => {
  it('strict: refused as SIE_NOT_SIE naming the line and column of the first', () => {
    let error: unknown;
    try {
      readSie(bytes, { fileName: 'kassa.se' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SieParseError);
    expect(error).toMatchObject({ code: 'SIE_NOT_SIE', file: 'kassa.se', line: 12, column: 36 });
    expect((error as Error).message).toContain('expected text without control characters, found 3 NUL bytes (control character 0), the first on line 12, column 36');
  });

  it('lenient: removed with one warning, and every voucher read', () => {
    const doc = readSie(bytes, { strict: false });
    expect(doc.vouchers.map((v) => [v.number, v.text, v.transactions.length])).toEqual([
      ['1', 'Kontorsvaruhuset', 3],
      ['2', 'Kontorsvaruhuset', 3],
      ['3', 'Bageritillbehör Norr', 3],
    ]);
    expect(doc.vouchers[0]?.transactions[0]?.text).toBe('Papper');
    expect(doc.issues).toEqual([
      { severity: 'warning', code: 'SIE_LOSSY_TEXT', message: 'Removed 3 NUL bytes (control character 0), the first on line 12, column 36: the file was damaged before it reached us', line: 12 },
    ]);
  });

  it('learnFromSie learns from it and reports the warning', async () => {
    const kontera = await createKontera();
    await kontera.addBureau({ id: 'b', name: 'Byrå' });
    await kontera.addClient({ bureauId: 'b', id: 'bageri', name: 'Bageriet på Hörnet AB' });
    const result = await kontera.learnFromSie('bageri', bytes);
    expect(result.learned).toBe(3);
    expect(result.issues.map((i) => [i.code, i.line])).toEqual([['SIE_LOSSY_TEXT', 12]]);
    const [s] = await kontera.suggest('bageri', [{ date: '2025-04-01', amount: -25000, text: 'KONTORSVARUHUSET' }]);
    expect(s?.account).toBe('6110');
  });

  it('a file of many NULs, or one that does not start with a record, is still binary data', () => {
    const text = Buffer.from(bytes);
    const many = Buffer.concat([text, Buffer.alloc(40, 0), Buffer.from('#PROSA "x"\r\n')]);
    expect(() => readSie(many, { strict: false })).toThrow(expect.objectContaining({ code: 'SIE_NOT_SIE', line: 1, message: expect.stringContaining('binary data') }));
    const zipLike = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from([0]), text]);
    expect(() => readSie(zipLike, { strict: false })).toThrow(expect.objectContaining({ code: 'SIE_NOT_SIE' }));
  });
});
