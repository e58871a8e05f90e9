import { describe, expect, test } from 'vitest';
import { KeyIndex } from '../../src/knowledge/key-index.js';

describe('candidate index', () => {
  test('finds keys that share a word or a word start, never all keys', () => {
    const idx = new KeyIndex();
    for (let i = 0; i < 5000; i++) idx.add(`FIRMA${i} BYGG`);
    idx.add('STRÖMQVIST JÄRNHANDEL');
    expect(idx.candidates('STRÖMQVIST JÄRNHANDL', 24)).toEqual(['STRÖMQVIST JÄRNHANDEL']);
    expect(idx.candidates('NÅGOT HELT ANNAT', 24)).toEqual([]);
    expect(idx.candidates('FIRMA12 BYGG', 24).length).toBeLessThanOrEqual(24);
  });

  test('forgets removed keys and counts each key once', () => {
    const idx = new KeyIndex();
    idx.add('TELIA SVERIGE');
    idx.add('TELIA SVERIGE');
    idx.add('TELIA MOBIL');
    expect(idx.size).toBe(2);
    idx.remove('TELIA SVERIGE');
    expect(idx.size).toBe(1);
    expect(idx.candidates('TELIA SVERIGE', 10)).toEqual(['TELIA MOBIL']);
  });

  test('keeps working when a common word has many keys', () => {
    const idx = new KeyIndex();
    for (let i = 0; i < 100; i++) idx.add(`ICA ${i}X`);
    for (let i = 0; i < 100; i += 2) idx.remove(`ICA ${i}X`);
    expect(idx.size).toBe(50);
    expect(idx.candidates('ICA 1X', 100)).toContain('ICA 1X');
    expect(idx.candidates('ICA 1X', 100)).not.toContain('ICA 0X');
  });

  test('orders candidates by shared words, ties in the order the keys were added', () => {
    const idx = new KeyIndex();
    for (const k of ['NORD BYGG', 'NORDIC DATA', 'NORD DATA', 'SYD DATA']) idx.add(k);
    // One word found: the keys of its bucket, in order, at most `limit`.
    expect(idx.candidates('NORDX', 10)).toEqual(['NORD BYGG', 'NORDIC DATA', 'NORD DATA']);
    expect(idx.candidates('NORDX', 2)).toEqual(['NORD BYGG', 'NORDIC DATA']);
    // Two words, one needed: keys sharing both first.
    expect(idx.candidates('NORD DATA', 10)).toEqual(['NORDIC DATA', 'NORD DATA', 'NORD BYGG', 'SYD DATA']);
    // Three words, two needed and only two found: the keys holding both, in order.
    expect(idx.candidates('NORD DATA OKÄNT', 10)).toEqual(['NORDIC DATA', 'NORD DATA']);
    expect(idx.candidates('NORD DATA OKÄNT', 1)).toEqual(['NORDIC DATA']);
    expect(idx.candidates('NORD DATA', 0)).toEqual([]);
  });

  test('lists at most a sample of the keys that contain a whole word', () => {
    const idx = new KeyIndex();
    for (let i = 0; i < 200; i++) idx.add(`SWISH PERSON${i}`);
    idx.add('SWISHKIOSKEN');
    expect(idx.keysWithWord('SWISH', 64)).toHaveLength(64);
    expect(idx.keysWithWord('SWISH', 64).every((k) => k.startsWith('SWISH '))).toBe(true);
    expect(idx.keysWithWord('SWISHKIOSKEN', 64)).toEqual(['SWISHKIOSKEN']);
    expect(idx.keysWithWord('NOTHING', 64)).toEqual([]);
  });
});
