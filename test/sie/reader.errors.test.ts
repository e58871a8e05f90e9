/**
 * Typed errors of readSie: code, line, label and a message that says what was expected and what
 * was found. Strict mode throws the first one; lenient mode collects it and goes on.
 */
import { describe, expect, it } from 'vitest';
import { KonteraError, SieParseError, UnbalancedVoucherError } from '../../src/core/errors.js';
import { readSie } from '../../src/sie/reader.js';
import type { ReadSieOptions, SieDocument } from '../../src/sie/types.js';

const HEAD = ['#FLAGGA 0', '#FORMAT PC8', '#GEN 20250101', '#FNAMN "x"'];

function sie(...lines: string[]): string {
  return [...HEAD, ...lines].join('\r\n');
}

function thrown(input: Uint8Array | string, options?: ReadSieOptions): KonteraError {
  try {
    readSie(input, options);
  } catch (err) {
    if (err instanceof KonteraError) return err;
    throw err;
  }
  throw new Error('expected readSie to throw');
}

function lenient(input: string): SieDocument {
  return readSie(input, { strict: false, fileName: 'f.se' });
}

describe('readSie: not SIE at all', () => {
  const html = '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head></html>\n';

  it('refuses an HTML page, strict or not, naming what it found', () => {
    for (const strict of [true, false]) {
      const err = thrown(new TextEncoder().encode(html), { strict, fileName: 'BokSald.SE' });
      expect(err).toBeInstanceOf(SieParseError);
      expect(err).toMatchObject({ code: 'SIE_NOT_SIE', line: 1, file: 'BokSald.SE' });
      expect(err.message).toContain('<!DOCTYPE HTML');
      expect(err.message).toContain('HTML');
    }
  });

  it('names a SIE 5 (XML) file as SIE 5 and asks for SIE 4, whichever root element it has', () => {
    const full = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- exported -->\n<Sie xmlns="http://www.sie.se/sie5">\n  <FileInfo/>\n</Sie>\n';
    const entry = '<?xml version="1.0"?>\n<SieEntry xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n</SieEntry>\n';
    const noDeclaration = '<sie:Sie xmlns:sie="http://www.sie.se/sie5"></sie:Sie>';
    for (const text of [full, entry, noDeclaration]) {
      const err = thrown(text, { fileName: 'bokslut.sie' });
      expect(err).toMatchObject({ code: 'SIE_NOT_SIE', file: 'bokslut.sie', line: 1 });
      expect(err.message).toMatch(/this is SIE 5 \(XML\).*expected SIE 4 \(type 4E or 4I\)/);
    }
    // Other XML is not called SIE 5.
    const other = thrown('<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"></Document>');
    expect(other).toMatchObject({ code: 'SIE_NOT_SIE' });
    expect(other.message).not.toContain('SIE 5');
  });

  it('refuses empty input, whitespace only, binary data, UTF-16 that is not SIE and plain text', () => {
    expect(thrown(new Uint8Array(0)).message).toMatch(/empty file/);
    expect(thrown(' \r\n\t\n')).toMatchObject({ code: 'SIE_NOT_SIE' });
    expect(thrown(new Uint8Array([0x23, 0x46, 0, 1, 2, 3]))).toMatchObject({ code: 'SIE_NOT_SIE' });
    expect(thrown(new Uint8Array([0xff, 0xfe, 0x23, 0x00]))).toMatchObject({ code: 'SIE_NOT_SIE' });
    expect(thrown(new Uint8Array([0xff, 0xfe, 0x23, 0x00, 0x00, 0x00, 0x41, 0x00]))).toMatchObject({ code: 'SIE_NOT_SIE' });
    expect(thrown('Datum;Text;Belopp\n2025-01-01;Kaffe;-45,00\n')).toMatchObject({ code: 'SIE_NOT_SIE', line: 1 });
    expect(thrown('\n\n# Heading\nmarkdown')).toMatchObject({ code: 'SIE_NOT_SIE', line: 3 });
  });
});

describe('readSie: syntax errors', () => {
  it('#VER without "{" names the #VER line and what came instead', () => {
    const input = sie('#VER A 1 20250101 "x"', '#TRANS 1930 {} 0', '}');
    const err = thrown(input);
    expect(err).toMatchObject({ code: 'SIE_SYNTAX', line: 5, label: '#VER' });
    expect(err.message).toMatch(/#VER without "\{": expected a line with "\{" after the #VER on line 5, found #TRANS/);
    const atEnd = thrown(sie('#VER A 1 20250101 "x"'));
    expect(atEnd.message).toMatch(/found the end of the file/);
  });

  it('an unterminated quote gives line, column and label; lenient mode reads to the line end and warns', () => {
    const input = sie('#VER A 1 20250101 "x"', '{', '#TRANS 1930 {} -5 "" "cut text', '#TRANS 6570 {} 5', '}');
    const err = thrown(input);
    expect(err).toMatchObject({ code: 'SIE_SYNTAX', line: 7, column: 22, label: '#TRANS' });
    expect(err.message).toMatch(/Unterminated quote: expected a closing " .* column 22, found the end of the line/);
    const doc = lenient(input);
    expect(doc.vouchers[0]?.transactions[0]?.text).toBe('cut text');
    expect(doc.issues).toMatchObject([{ code: 'SIE_SYNTAX', severity: 'warning', line: 7 }]);
  });

  it('an unterminated object list is a syntax error even in lenient mode, and the row is skipped', () => {
    const input = sie('#VER A 1 20250101', '{', '#TRANS 1930 {1 "a" -5', '#TRANS 6570 {} 5', '#TRANS 1930 {} -5', '}');
    expect(thrown(input)).toMatchObject({ code: 'SIE_SYNTAX', line: 7, column: 13 });
    const doc = lenient(input);
    expect(doc.vouchers[0]?.transactions.map((t) => t.amount)).toEqual([500, -500]);
    expect(doc.issues.map((i) => [i.code, i.severity, i.line])).toEqual([['SIE_SYNTAX', 'error', 7]]);
  });

  it('a bad voucher date is SIE_INVALID_VALUE with line, field column and label; lenient skips that voucher', () => {
    const input = sie('#VER A 1 20250230 "x"', '{', '#TRANS 1930 {} 0', '}', '#VER A 2 20250301', '{', '#TRANS 1930 {} 0', '}');
    const err = thrown(input, { fileName: 'bad.se' });
    expect(err).toBeInstanceOf(SieParseError);
    expect(err).toMatchObject({ code: 'SIE_INVALID_VALUE', line: 5, column: 10, label: '#VER', file: 'bad.se' });
    expect(err.message).toBe('Invalid date: expected YYYYMMDD (a real calendar day) in field 3, found "20250230" (bad.se, line 5, column 10)');
    const doc = lenient(input);
    expect(doc.vouchers.map((v) => v.number)).toEqual(['2']);
    expect(doc.issues).toMatchObject([{ code: 'SIE_INVALID_VALUE', severity: 'error', line: 5, label: '#VER' }]);
  });

  it('a missing voucher date is an error', () => {
    expect(thrown(sie('#VER A 1', '{', '}'))).toMatchObject({ code: 'SIE_INVALID_VALUE', line: 5, label: '#VER' });
    expect(thrown(sie('#VER A 1 00000000', '{', '}')).message).toMatch(/found "00000000"/);
    expect(thrown(sie('#VER A 1 "" "x"', '{', '#TRANS 1930 {} 5', '#TRANS 3010 {} -5', '}'))).toMatchObject({ code: 'SIE_INVALID_VALUE', line: 5, label: '#VER' });
  });

  it('a voucher without a date whose rows carry dates is dated by its earliest row, saying so', () => {
    const doc = readSie(sie('#VER A 1 "" "Kaffe"', '{', '#TRANS 1930 {} -5 20250107', '#TRANS 6071 {} 5 20250106', '}', '#VER "" "" 00000000', '{', '#BTRANS 1930 {} 5 20250108', '}'));
    expect(doc.vouchers.map((v) => [v.number, v.date, v.text])).toEqual([['1', '2025-01-06', 'Kaffe'], ['', '2025-01-08', '']]);
    expect(doc.issues).toMatchObject([
      { code: 'SIE_REPAIRED', severity: 'info', line: 5, label: '#VER' },
      { code: 'SIE_REPAIRED', severity: 'info', line: 10, label: '#VER' },
    ]);
  });

  it('a non-numeric account is SIE_INVALID_VALUE; lenient keeps the row as written so the voucher still balances', () => {
    const input = sie('#VER 1 7 20140113 "Journalnr:  10"', '{', '#TRANS 1590 { } -487.38', '#TRANS FEL { } 487.38', '}');
    const err = thrown(input);
    expect(err).toMatchObject({ code: 'SIE_INVALID_VALUE', line: 8, column: 8, label: '#TRANS' });
    expect(err.message).toMatch(/expected a numeric account number in field 1, found "FEL"/);
    const doc = lenient(input);
    expect(doc.vouchers[0]?.transactions.map((t) => t.account)).toEqual(['1590', 'FEL']);
    expect(doc.issues.map((i) => i.code)).toEqual(['SIE_INVALID_VALUE']);
  });

  it('a bad amount is SIE_INVALID_VALUE: three decimals, grouping, letters, exponent, empty', () => {
    for (const amount of ['12.345', '1.234,00', 'abc', '--5', '""', '1e5']) {
      const err = thrown(sie('#VER A 1 20250101', '{', `#TRANS 1930 {} ${amount}`, '}'));
      expect(err, amount).toMatchObject({ code: 'SIE_INVALID_VALUE', line: 7, label: '#TRANS' });
      expect(err.message).toMatch(/Invalid amount: expected a "-1234.50"-style amount/);
    }
    expect(thrown(sie('#VER A 1 20250101', '{', '#TRANS 1930 {}', '}')).message).toMatch(/expected an amount in field 3, found the end of the record/);
  });

  it('an amount too large for exact öre is SIE_INVALID_VALUE naming the range, not the decimals', () => {
    for (const amount of ['-99999999999999999999', '90071992547409.92', '123456789012345678.5']) {
      const err = thrown(sie('#VER A 1 20250101', '{', `#TRANS 1930 {} ${amount}`, '}'));
      expect(err, amount).toMatchObject({ code: 'SIE_INVALID_VALUE', line: 7, label: '#TRANS' });
      expect(err.message, amount).toMatch(/expected an amount within ±90071992547409\.91 kr/);
    }
    // The largest exact amount is read.
    const doc = readSie(sie('#VER A 1 20250101', '{', '#TRANS 1930 {} 90071992547409.91', '#TRANS 6570 {} -90071992547409.91', '}'));
    expect(doc.vouchers[0]?.transactions[0]?.amount).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('an amount with spaces between digit groups ("-1 234.00") is named as such, not as a bad date', () => {
    for (const amount of ['-1 234.00', '1 234', '12 345 678,50']) {
      const err = thrown(sie('#VER A 1 20250101', '{', `#TRANS 1930 {} ${amount} "" "text"`, '}'), { fileName: 'f.se' });
      expect(err, amount).toMatchObject({ code: 'SIE_INVALID_VALUE', line: 7, column: 16, label: '#TRANS', file: 'f.se' });
      expect(err.message).toContain(`expected no thousands separator in field 3, found ${JSON.stringify(amount)}`);
    }
    // In a balance, two groups cannot be amount and quantity; one group can ("500 100.00"), so it is read so, with a warning.
    expect(thrown(sie('#UB 0 1930 1 234 567.50')).message).toMatch(/no thousands separator in field 3, found "1 234 567.50"/);
    const doc = readSie(sie('#IB 0 1460 1 234.00', '#IB 0 1461 500 100'));
    expect(doc.balances.map((b) => [b.amount, b.quantity])).toEqual([[100, 234], [50000, 100]]);
    expect(doc.issues).toMatchObject([{ code: 'SIE_STRUCTURE', severity: 'warning', line: 5, label: '#IB' }]);
  });

  it('an amount with a Unicode minus or dash as its sign or non-breaking spaces between digit groups is read, with an info note', () => {
    // Between an amount's digit groups a (narrow) non-breaking space separates no fields, so `1\u00a0234.50` is one amount.
    const doc = readSie(
      sie('#IB 0 1930 1\u00a0234.50', '#UB 0 1930 \u221212\u202f345.00', '#VER A 1 20250101', '{', '#TRANS 1930 {} \u22121\u00a0000.00', '#TRANS 6570 {} \u2013250.00', '#TRANS 4010 {} 1\u202f250', '}'),
    );
    expect(doc.balances.map((b) => b.amount)).toEqual([123450, -1234500]);
    expect(doc.vouchers[0]?.transactions.map((t) => t.amount)).toEqual([-100000, -25000, 125000]);
    expect(doc.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['SIE_REPAIRED', 'info', 5], ['SIE_REPAIRED', 'info', 6], ['SIE_REPAIRED', 'info', 9], ['SIE_REPAIRED', 'info', 10], ['SIE_REPAIRED', 'info', 11],
    ]);
    expect(doc.issues[2]?.message).toBe('Amount "\u22121\u00a0000.00" read as -100000 öre (a Unicode minus or dash, or non-breaking spaces between digit groups, are not SIE)');
    // Groups that are not of three digits, or three decimals, are still refused.
    for (const amount of ['1\u00a023.00', '1234\u00a0567.00', '\u22121.234', '\u2212 100']) {
      expect(thrown(sie('#VER A 1 20250101', '{', `#TRANS 1930 {} ${amount}`, '}')), JSON.stringify(amount)).toMatchObject({ code: 'SIE_INVALID_VALUE', line: 7, label: '#TRANS' });
    }
    // A Unicode minus before ASCII-space groups is named as grouping, as "-1 234.00" is.
    expect(thrown(sie('#VER A 1 20250101', '{', '#TRANS 1930 {} \u22121 234.00 "" "x"', '}')).message).toContain('expected no thousands separator in field 3, found "\u22121 234.00"');
  });

  it('a quantity with a Unicode minus or non-breaking spaces between digit groups is read, with an info note; other spellings stay errors', () => {
    const doc = readSie(sie('#IB 0 1460 1200.00 \u22122.5', '#VER A 1 20250101', '{', '#TRANS 1460 {} -300.00 20250101 "Svinn" \u22121\u00a0200,125', '#TRANS 4010 {} 300.00', '}'));
    expect(doc.balances.map((b) => b.quantity)).toEqual([-2.5]);
    expect(doc.vouchers[0]?.transactions.map((t) => t.quantity)).toEqual([-1200.125, undefined]);
    expect(doc.issues.map((x) => [x.code, x.severity, x.line, x.label])).toEqual([['SIE_REPAIRED', 'info', 5, '#IB'], ['SIE_REPAIRED', 'info', 8, '#TRANS']]);
    expect(doc.issues[0]?.message).toBe('Quantity "\u22122.5" read as -2.5 (a Unicode minus or dash, or non-breaking spaces between digit groups, are not SIE)');
    for (const q of ['\u2212\u22122', '1\u00a023', 'tio']) {
      expect(thrown(sie('#IB 0 1460 1200.00 ' + q)), JSON.stringify(q)).toMatchObject({ code: 'SIE_INVALID_VALUE', line: 5, label: '#IB' });
    }
  });

  it('a #PSALDO / #PBUDGET period written YYYY-MM is read, with an info note; an impossible month is still an error', () => {
    const doc = readSie(sie('#PSALDO 0 2025-01 3010 {} -100.00', '#PBUDGET -1 2024-12 3010 {1 "P1"} -5.00 2', '#PSALDO 0 202502 3010 {} -50.00'));
    expect(doc.periodBalances.map((p) => [p.kind, p.yearIndex, p.period, p.amount, p.quantity])).toEqual([
      ['PSALDO', 0, '2025-01', -10000, undefined],
      ['PBUDGET', -1, '2024-12', -500, 2],
      ['PSALDO', 0, '2025-02', -5000, undefined],
    ]);
    expect(doc.issues).toMatchObject([
      { code: 'SIE_REPAIRED', severity: 'info', line: 5, label: '#PSALDO', message: 'Period "2025-01" read as 2025-01 (SIE periods are YYYYMM)' },
      { code: 'SIE_REPAIRED', severity: 'info', line: 6, label: '#PBUDGET' },
    ]);
    expect(thrown(sie('#PSALDO 0 2025-13 3010 {} 5'))).toMatchObject({ code: 'SIE_INVALID_VALUE', line: 5, column: 11, label: '#PSALDO' });
  });

  it('a row without an object list, or with an odd one, is a syntax error', () => {
    // A bare amount there is a writer that left the empty list out (read, with a repair note); anything else is an error.
    expect(thrown(sie('#VER A 1 20250101', '{', '#TRANS 1930 abc -5', '}')).message).toMatch(/expected an object list \{…\} in field 2, found "abc"/);
    expect(thrown(sie('#VER A 1 20250101', '{', '#TRANS 1930 {1} -5', '}')).message).toMatch(/expected dimension\/object pairs/);
    expect(thrown(sie('#VER A 1 20250101', '{', '#TRANS 1930 {x 1} -5', '}')).message).toMatch(/expected a dimension number/);
  });

  it('a missing "}" is reported at the end of the file or at the record that cannot be inside a voucher', () => {
    const eof = thrown(sie('#VER A 1 20250101', '{', '#TRANS 1930 {} 0'));
    expect(eof).toMatchObject({ code: 'SIE_SYNTAX', line: 5, label: '#VER' });
    expect(eof.message).toMatch(/Unterminated voucher: expected "\}" closing the #VER on line 5, found the end of the file/);
    const input = sie('#VER A 1 20250101', '{', '#TRANS 1930 {} 0', '#VER A 2 20250102', '{', '#TRANS 1930 {} 0', '}');
    expect(thrown(input)).toMatchObject({ code: 'SIE_SYNTAX', line: 8, label: '#VER' });
    const doc = lenient(input);
    expect(doc.vouchers.map((v) => v.number)).toEqual(['1', '2']);
  });

  it('rows outside a voucher and stray braces are syntax errors; lenient mode skips them', () => {
    expect(thrown(sie('#TRANS 1930 {} 0'))).toMatchObject({ code: 'SIE_SYNTAX', line: 5, label: '#TRANS' });
    expect(thrown(sie('}'))).toMatchObject({ code: 'SIE_SYNTAX', line: 5 });
    expect(thrown(sie('{'))).toMatchObject({ code: 'SIE_SYNTAX', line: 5 });
    expect(thrown(sie('just words'))).toMatchObject({ code: 'SIE_SYNTAX', line: 5 });
    const doc = lenient(sie('#TRANS 1930 {} 0', '}', 'junk', '#KONTO 1930 Bank'));
    expect(doc.accounts).toHaveLength(1);
    expect(doc.issues.map((i) => i.line)).toEqual([5, 6, 7]);
  });

  it('bad balance, chart and object values are typed errors', () => {
    expect(thrown(sie('#IB x 1930 5'))).toMatchObject({ code: 'SIE_INVALID_VALUE', label: '#IB' });
    expect(thrown(sie('#PSALDO 0 202513 3010 {} 5')).message).toMatch(/Invalid period: expected YYYYMM in field 2, found "202513"/);
    expect(thrown(sie('#KTYP 1930 X')).message).toMatch(/expected T, S, K or I in field 2, found "X"/);
    expect(thrown(sie('#OBJEKT x 1 "a"'))).toMatchObject({ code: 'SIE_INVALID_VALUE', label: '#OBJEKT' });
    expect(thrown(sie('#TRANS 1930 {} 0 20250101 "" x'))).toMatchObject({ code: 'SIE_SYNTAX' });
    expect(thrown(sie('#VER A 1 20250101', '{', '#TRANS 1930 {} 0 20250101 "" 1x', '}')).message).toMatch(/Invalid quantity/);
  });

  it('bad optional header values are warnings, not errors', () => {
    const doc = readSie(sie('#TAXAR CCMXVIII', '#OMFATTN 19701301', '#SIETYP x'));
    expect(doc.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['SIE_STRUCTURE', 'warning', 5],
      ['SIE_STRUCTURE', 'warning', 6],
      ['SIE_STRUCTURE', 'warning', 7],
    ]);
    expect(doc.header.taxYear).toBeUndefined();
  });
});

describe('readSie: unbalanced vouchers', () => {
  const input = sie(
    '#VER B 1 20110107 "Övriga personalkostnader"',
    '{',
    '#TRANS 7690 {} 12771.00',
    '#TRANS 2640 {} 3192.75',
    '#TRANS 1930 {} -15963.75',
    '#TRANS 1930 {} -12771.00',
    '}',
    '#VER B 2 20110108',
    '{',
    '#TRANS 1930 {} 1',
    '#TRANS 1930 {} -1',
    '}',
  );

  it('strict: UnbalancedVoucherError naming series, number, line and difference', () => {
    const err = thrown(input, { fileName: 'x.se' });
    expect(err).toBeInstanceOf(UnbalancedVoucherError);
    expect(err).toMatchObject({ code: 'SIE_UNBALANCED_VOUCHER', series: 'B', number: '1', difference: -1277100, line: 5, file: 'x.se' });
    expect(err.message).toBe('Unbalanced voucher: expected the rows of voucher B 1 to sum to 0, they sum to -12771,00 kr (x.se, line 5)');
  });

  it('lenient: collected in issues with the error, the voucher is kept and reading goes on', () => {
    const doc = lenient(input);
    expect(doc.vouchers.map((v) => v.number)).toEqual(['1', '2']);
    expect(doc.issues).toHaveLength(1);
    expect(doc.issues[0]).toMatchObject({ severity: 'error', code: 'SIE_UNBALANCED_VOUCHER', line: 5, label: '#VER' });
    expect(doc.issues[0]?.error).toBeInstanceOf(UnbalancedVoucherError);
  });

  it('ignores #BTRANS and the #TRANS echo of an #RTRANS in the balance', () => {
    const ok = sie('#VER A 1 20250101', '{', '#TRANS 1930 {} -100', '#TRANS 6570 {} 100', '#BTRANS 6570 {} 7', '#RTRANS 3010 {} 0', '#TRANS 3010 {} 0', '}');
    expect(() => readSie(ok)).not.toThrow();
    const off = sie('#VER A 1 20250101', '{', '#TRANS 1930 {} -100', '#TRANS 6570 {} 100', '#RTRANS 3010 {} 5', '#TRANS 3010 {} 5', '}');
    expect(thrown(off)).toMatchObject({ difference: 500 });
  });
});

describe('readSie: #KSUMMA', () => {
  // CRC-32 of "#FNAMNx" → the value below (formats.md §1.7 rules: label with #, field contents).
  it('a checksum that is opened and never closed is a truncated file', () => {
    const input = ['#FLAGGA 0', '#KSUMMA', '#FNAMN x'].join('\n');
    const err = thrown(input);
    expect(err).toMatchObject({ code: 'SIE_SYNTAX', line: 2, label: '#KSUMMA' });
    expect(err.message).toMatch(/Truncated file/);
    const doc = readSie(input, { strict: false });
    expect(doc.checksum.status).toBe('invalid');
  });

  it('a wrong value is reported as invalid with both values, as a warning', () => {
    const doc = readSie(['#FLAGGA 0', '#KSUMMA', '#FNAMN x', '#KSUMMA 12345'].join('\n'));
    expect(doc.checksum).toMatchObject({ status: 'invalid', expected: 12345 });
    expect(doc.checksum.actual).toBeTypeOf('number');
    expect(doc.issues).toMatchObject([{ code: 'SIE_CHECKSUM_MISMATCH', severity: 'warning', line: 4 }]);
  });

  it('accepts a checksum written as a signed 32-bit number (a common writer bug) as valid, saying so', () => {
    // A company name whose checksum is above 2^31, so that its signed form is negative.
    let text = '';
    let actual = 0;
    for (let i = 0; i < 1000; i++) {
      text = ['#FLAGGA 0', '#KSUMMA', `#FNAMN "Bolag ${i}"`, '#KSUMMA 1'].join('\n');
      actual = readSie(text).checksum.actual ?? 0;
      if (actual >= 2 ** 31) break;
    }
    expect(actual).toBeGreaterThanOrEqual(2 ** 31);
    const signed = actual - 2 ** 32;
    const doc = readSie(text.replace('#KSUMMA 1', `#KSUMMA ${signed}`));
    expect(doc.checksum).toEqual({ status: 'valid', expected: actual, actual });
    expect(doc.issues).toMatchObject([{ code: 'SIE_REPAIRED', severity: 'info', line: 4, label: '#KSUMMA' }]);
    expect(readSie(text.replace('#KSUMMA 1', `#KSUMMA ${signed + 1}`)).checksum.status).toBe('invalid');
  });

  it('#KSUMMA 0, opened or not, is a placeholder: no checksum, an info note, not a mismatch', () => {
    for (const lines of [['#FLAGGA 0', '#KSUMMA', '#FNAMN x', '#KSUMMA 0'], ['#FLAGGA 0', '#FNAMN x', '#KSUMMA 0']]) {
      const doc = readSie(lines.join('\n'));
      expect(doc.checksum).toEqual({ status: 'absent' });
      expect(doc.issues).toMatchObject([{ code: 'SIE_STRUCTURE', severity: 'info', line: lines.length, label: '#KSUMMA' }]);
    }
  });

  it('flipping #FLAGGA 0 → 1 after import does not invalidate it, changing a record does', () => {
    const doc = readSie(['#FLAGGA 0', '#KSUMMA', '#FNAMN x', '#KSUMMA 12345'].join('\n'));
    const value = doc.checksum.actual ?? 0;
    const good = ['#FLAGGA 1', '#KSUMMA', '#FNAMN "x"', `#KSUMMA ${value}`].join('\n');
    expect(readSie(good).checksum.status).toBe('valid');
    expect(readSie(good.replace('"x"', '"y"')).checksum.status).toBe('invalid');
  });
});
