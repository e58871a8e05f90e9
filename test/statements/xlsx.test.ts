/**
 * XLSX statements (Handelsbanken since 2024, Skandiabanken): the pure-JS ZIP/DEFLATE/SpreadsheetML
 * reader, checked against zlib and against workbooks written by a spreadsheet library
 * (fixtures/make-xlsx-fixtures.py, openpyxl from Debian's python3-openpyxl) and in Excel's own layout.
 */
import { readFileSync } from 'node:fs';
import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { StatementParseError } from '../../src/core/errors.js';
import { parseStatement } from '../../src/statements/index.js';
import { excelNumberText, inflateRaw } from '../../src/statements/xlsx.js';
import { seededRandom as rng } from '../support/random.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));


describe('inflateRaw', () => {
  it('undoes zlib for stored, fixed-Huffman and dynamic-Huffman blocks', () => {
    const rand = rng(7);
    const words = ['Kortköp', 'ICA', 'SKATTEVERKET', '5050-1055', '<c r="A1">', '-1 234,50', 'Överföring'];
    for (let trial = 0; trial < 40; trial++) {
      const size = Math.floor(rand() * 200_000);
      const text = Array.from({ length: size / 8 }, () => (rand() < 0.8 ? words[Math.floor(rand() * words.length)] : String.fromCharCode(32 + Math.floor(rand() * 200)))).join(' ');
      const input = new TextEncoder().encode(text);
      for (const options of [{ level: 0 }, { level: 1 }, { level: 9 }, { level: 6, strategy: constants.Z_FIXED }, { level: 6, strategy: constants.Z_HUFFMAN_ONLY }]) {
        const packed = deflateRawSync(input, options);
        expect(Buffer.from(inflateRaw(packed, input.length)).equals(Buffer.from(input))).toBe(true);
      }
    }
  });

  it('rejects truncated data instead of returning part of it', () => {
    const packed = deflateRawSync(new TextEncoder().encode('Bokföringsdatum;Belopp\n'.repeat(500)));
    expect(() => inflateRaw(packed.subarray(0, packed.length - 10), 100)).toThrow();
  });
});

describe('Excel numbers', () => {
  it('keep whole numbers, pad two decimals and round float noise in decimal arithmetic', () => {
    expect(excelNumberText('656')).toBe('656');
    expect(excelNumberText('-312.4')).toBe('-312.40');
    expect(excelNumberText('-300.29999999999995')).toBe('-300.30');
    expect(excelNumberText('99.600000000000009')).toBe('99.60');
    expect(excelNumberText('0.005')).toBe('0.01');
    expect(excelNumberText('-0.004')).toBe('0.00');
    expect(excelNumberText('999.995')).toBe('1000.00');
    expect(excelNumberText('-2.5E2')).toBe('-250');
    expect(excelNumberText('1.25E-1')).toBe('0.13');
  });
});

describe('XLSX statements', () => {
  it('Handelsbanken 2024: header on row 8 under the account block, Excel dates, numeric amounts, a Prel row', () => {
    const s = parseStatement(fixture('handelsbanken/kontoutdrag-2024.xlsx'), { fileName: 'kontoutdrag.xlsx' });
    expect(s.format).toBe('handelsbanken');
    expect(s.accountNumber).toBe('6789-123 456 789');
    expect(s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.balance])).toEqual([
      [10, '2024-09-30', '2024-09-29', -11_900, 633_210],
      [11, '2024-09-27', undefined, 2_540_000, 645_110],
      [12, '2024-09-26', '2024-09-25', -30_030, -1_894_890],
      [13, '2024-09-25', undefined, -2_500, -1_864_860],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [9]]]);
  });

  it('Skandiabanken native export: Kontonummer cell, "Bokf. datum" sheet', () => {
    const s = parseStatement(fixture('skandia/kontoutdrag-native.xlsx'));
    expect(s.format).toBe('skandia');
    expect(s.accountNumber).toBe('9150-123.456-7');
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.text])).toEqual([
      [4, '2026-10-15', -65_040, 'Kortköp CIRCLE K'],
      [5, '2026-10-14', 500_000, 'Överföring från sparkonto'],
    ]);
  });

  it('an Excel-style workbook: shared strings with rich-text runs, a custom date format, scientific notation', () => {
    const s = parseStatement(fixture('skandia/kontoutdrag-shared-strings.xlsx'));
    expect(s.transactions.map((t) => [t.date, t.amount, t.balance, t.text])).toEqual([
      ['2026-10-15', -65_040, 9_960, 'Kortköp CIRCLE K'],
      ['2026-10-14', -25_000, 75_000, 'Swish Åsa Öberg'],
      ['2026-10-13', 100_000, 100_000, 'Överföring från sparkonto'],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('a damaged workbook is a typed error, not a half-read statement', () => {
    const bytes = fixture('handelsbanken/kontoutdrag-2024.xlsx');
    let error: unknown;
    try {
      parseStatement(bytes.subarray(0, Math.floor(bytes.length / 2)), { fileName: 'half.xlsx' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatementParseError);
    expect((error as StatementParseError).code).toBe('UNSUPPORTED_CONTAINER');
    expect((error as StatementParseError).file).toBe('half.xlsx');
  });

  it('a legacy binary .xls cut inside its header is named and refused (whole ones: xls.test.ts)', () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect(() => parseStatement(xls)).toThrow(/Unreadable Excel 97–2003 workbook \(XLS\): the file ends inside the 512-byte header/);
  });
});
