/**
 * Windows-1252 is decoded natively (Latin-1 plus the 0x80–0x9F table) instead of through
 * iconv-lite; the text must be exactly what iconv-lite gives, for every byte and real exports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/core/encoding.js';

const viaIconv = (b: Uint8Array): string => iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.length), 'windows-1252');

describe('decodeBytes(…, "windows-1252")', () => {
  it('gives iconv-lite\'s text for every byte value, including the five 1252 leaves undefined', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = decodeBytes(all, 'windows-1252');
    expect(text).toBe(viaIconv(all));
    expect(text.charCodeAt(0x96)).toBe(0x2013); // Swedbank's en dash
    expect([0x81, 0x8d, 0x8f, 0x90, 0x9d].map((b) => text.charCodeAt(b))).toEqual([0xfffd, 0xfffd, 0xfffd, 0xfffd, 0xfffd]);
  });

  it('gives iconv-lite\'s text for random bytes and for a real Swedbank export', () => {
    let x = 7;
    const random = Uint8Array.from({ length: 50_000 }, () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24);
    expect(decodeBytes(random, 'windows-1252')).toBe(viaIconv(random));
    const swedbank = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo', 'kaffebryggeriet', 'Transaktioner_2026-02-01_07-42-10.csv'));
    expect(decodeBytes(swedbank, 'windows-1252')).toBe(viaIconv(swedbank));
    expect(decodeBytes(new Uint8Array(0), 'windows-1252')).toBe('');
  });
});
