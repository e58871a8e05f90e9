/**
 * Issue 13 item 9: bounded containers. A ZIP bomb (3 MB of XLSX inflating to 3 GiB), XML nested
 * 5 000 deep and an input past the size limit each get a KonteraError with a code, in bounded
 * time and memory, instead of aborting the process, a RangeError or a plain Error.
 */
import { deflateRawSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import { readSie } from '../../src/sie/reader.js';
import { parseStatement } from '../../src/statements/index.js';
import { readZip } from '../../src/statements/xlsx.js';
import { caught } from '../support/errors.js';
import { zip } from '../support/zip.js';

const MIB = 1024 * 1024;

/** A raw DEFLATE stream of `mib` MiB of zeros: one flushed 1 MiB block repeated, then a final empty stored block. */
function zeroBomb(mib: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(MIB), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mib }, () => block), Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff])]);
}

describe('bounded containers', () => {
  it('a 3 MB XLSX that inflates to 3 GiB is refused (INPUT_TOO_LARGE) without taking the memory', () => {
    const bomb = zeroBomb(3072);
    expect(bomb.length).toBeLessThan(4 * MIB);
    const xlsx = zip([{ name: 'xl/workbook.xml', data: bomb, size: 3072 * MIB }]);
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    const e = caught(() => parseStatement(xlsx, { fileName: 'bomb.xlsx' }));
    expect(e.code).toBe('INPUT_TOO_LARGE');
    expect(e.file).toBe('bomb.xlsx');
    expect(e.message).toMatch(/ZIP entry xl\/workbook\.xml inflates to more than/);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * MIB);
  });

  it('an entry past the compression ratio is refused even under the size limit, and the limits are options', () => {
    const dense = zip([{ name: 'xl/workbook.xml', data: zeroBomb(8), size: 8 * MIB }]);
    expect(caught(() => parseStatement(dense)).message).toMatch(/maxCompressionRatio/);
    // Raising the ratio lets the same archive through to the next check (zeros are not XML).
    const e = caught(() => parseStatement(dense, { limits: { maxCompressionRatio: 100000 } }));
    expect(e.code).not.toBe('INPUT_TOO_LARGE');
    expect(caught(() => parseStatement(dense, { limits: { maxCompressionRatio: 100000, maxUncompressedBytes: 2 * MIB } })).message).toMatch(/maxUncompressedBytes/);
    expect(caught(() => parseStatement(dense, { limits: { maxXmlDepth: 0 } })).code).toBe('INVALID_OPTION');
    // readZip on its own: a declared size of 4 GiB allocates nothing up front.
    const lying = readZip(zip([{ name: 'a', data: deflateRawSync(Buffer.from('hej')), size: 0xffffffff }]));
    expect(Buffer.from((lying.get('a') as () => Uint8Array)()).toString()).toBe('hej');
  });

  it('a camt.053 nested 5 000 deep is refused with INPUT_TOO_LARGE and a line (was a RangeError)', () => {
    const deep = `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>\n${'<Stmt>'.repeat(5000)}${'</Stmt>'.repeat(5000)}</BkToCstmrStmt></Document>\n`;
    expect(deep.length).toBeLessThan(70 * 1024);
    const e = caught(() => parseStatement(deep, { fileName: 'deep.xml' }));
    expect(e.code).toBe('INPUT_TOO_LARGE');
    expect(e.line).toBe(3);
    expect(e.file).toBe('deep.xml');
  });

  it('an input past maxInputBytes is refused before decoding, for statements and SIE (was a plain Error at 600 MB)', () => {
    const huge = new Uint8Array(256 * MIB + 1).fill(0x41);
    const e = caught(() => parseStatement(huge, { fileName: 'huge.csv' }));
    expect(e.code).toBe('INPUT_TOO_LARGE');
    const s = caught(() => readSie(huge, { fileName: 'huge.se' }));
    expect(s.code).toBe('INPUT_TOO_LARGE');
    expect(s.file).toBe('huge.se');
    // The limit is an option.
    expect(caught(() => parseStatement('Datum;Belopp\n2024-01-01;1,00\n', { limits: { maxInputBytes: 10 } })).code).toBe('INPUT_TOO_LARGE');
    expect(caught(() => readSie('#FLAGGA 0\n', { maxInputBytes: 5 })).code).toBe('INPUT_TOO_LARGE');
  });
});
