/**
 * Bad input gets a typed error naming what was expected, what was found and where.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatDetectionError, StatementParseError } from '../../src/core/errors.js';
import { detectStatementFormat, parseStatement } from '../../src/statements/index.js';
import { caught as caughtAny } from '../support/errors.js';

/** The typed error a call throws (the statement reader's). */
const caught = (fn: () => unknown): StatementParseError => caughtAny(fn, StatementParseError);

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));

describe('statement errors', () => {
  it('empty file', () => {
    const e = caught(() => parseStatement(fixture('invalid/empty.csv'), { fileName: 'empty.csv' }));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.file).toBe('empty.csv');
    expect(caught(() => parseStatement('  \n\n')).code).toBe('EMPTY_INPUT');
  });

  it('header only', () => {
    const e = caught(() => parseStatement(fixture('invalid/header-only-nordea.csv')));
    expect(e.code).toBe('HEADER_ONLY');
    expect(e.message).toContain('Nordea');
  });

  it('an HTML page saved as .csv', () => {
    const e = caught(() => parseStatement(fixture('invalid/html-error-page.csv'), { fileName: 'export.csv' }));
    expect(e.code).toBe('HTML_INPUT');
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/found an HTML page/);
  });

  it('an OFX or QIF file (personal-finance interchange) is named as one, with what to export instead', () => {
    // Before: UNKNOWN_FORMAT, "best candidates: none", as if it were a table of an unknown bank.
    for (const [file, what] of [['invalid/ofx-102-sgml.ofx', 'OFX document'], ['invalid/qif-bank.qif', 'QIF file']] as const) {
      const e = caught(() => parseStatement(fixture(file), { fileName: file }));
      expect([e.code, e.file, e.line], file).toEqual(['UNSUPPORTED_CONTAINER', file, 1]);
      expect(e.message).toContain(what);
      expect(e.message).toContain('camt.053');
    }
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n<OFX><BANKMSGSRSV1></BANKMSGSRSV1></OFX>\n';
    expect(caught(() => parseStatement(xml)).message).toMatch(/^OFX document/);
  });

  it('binary data', () => {
    const bytes = new Uint8Array(512).map((_, i) => (i * 37) % 256);
    expect(caught(() => parseStatement(bytes)).code).toBe('BINARY_INPUT');
  });

  it('a PDF statement is named as one, bytes or text, with what to export instead', () => {
    // The head of a PDF as a writer lays it out (a binary comment line, then objects and a stream).
    const pdf = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n%'), 0xe2, 0xe3, 0xcf, 0xd3, ...new TextEncoder().encode('\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstream\n'), 0, 1, 2, 3]);
    const e = caught(() => parseStatement(pdf, { fileName: 'kontoutdrag.pdf' }));
    expect([e.code, e.file, e.line]).toEqual(['UNSUPPORTED_CONTAINER', 'kontoutdrag.pdf', 1]);
    expect(e.message).toContain('PDF document: expected the bank export of the transactions');
    expect(caught(() => parseStatement('%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF\n')).code).toBe('UNSUPPORTED_CONTAINER');
  });

  it('XML that is not a camt.053 statement', () => {
    const e = caught(() => parseStatement('<?xml version="1.0"?>\n<Document><CstmrCdtTrfInitn/></Document>\n'));
    expect(e.code).toBe('HTML_INPUT');
    expect(e.message).toContain('XML document that is not a camt.053 statement');
  });

  it('a SIE 5 (XML) file handed to the statement parser is named as the books in SIE 5', () => {
    const e = caught(() => parseStatement('<?xml version="1.0" encoding="UTF-8"?>\n<Sie xmlns="http://www.sie.se/sie5">\n<FileInfo/>\n</Sie>\n', { fileName: 'bok.sie' }));
    expect([e.code, e.file, e.line]).toEqual(['UNKNOWN_FORMAT', 'bok.sie', 1]);
    expect(e.message).toContain('SIE 5 file (XML) of the books, not a bank statement');
  });

  it('a SIE file handed to the statement parser', () => {
    const e = caught(() => parseStatement('#FLAGGA 0\n#PROGRAM "x" 1\n#SIETYP 4\n'));
    expect(e.code).toBe('UNKNOWN_FORMAT');
    expect(e.message).toContain('readSie');
  });

  it('a truncated quote names the line it opens on', () => {
    const e = caught(() => parseStatement(fixture('invalid/truncated-quote-danske.csv'), { fileName: 'danske.csv' }));
    expect(e.code).toBe('UNTERMINATED_QUOTE');
    expect(e.line).toBe(2);
    expect(e.file).toBe('danske.csv');
  });

  it('a quote left open to the end of the file is an error where reading it as text does not give the header\'s columns', () => {
    // Read as text, `"Överföring` would leave the row one field short of the header.
    const text = 'Datum;Text;Typ;Budgetgrupp;Belopp;Saldo\n2023-09-30;"Överföring;Övrigt;-1 000,00 kr;1 644,89 kr\n2023-09-29;X;Övrigt;Övrigt;-1,00 kr;2 644,89 kr\n';
    const e = caught(() => parseStatement(text));
    expect(e.code).toBe('UNTERMINATED_QUOTE');
    expect(e.line).toBe(2);
    // With the header's columns, in a file that quotes no field, it is text (see bank-robustness).
    const asText = parseStatement(text.replace('Övrigt;-1 000', 'Övrigt;Övrigt;-1 000'));
    expect(asText.transactions.map((t) => [t.line, t.amount, t.text])).toEqual([
      [2, -100_000, '"Överföring'],
      [3, -100, 'X'],
    ]);
  });

  it('wrong column count on one row: error with its line, or warning and skip in lenient mode', () => {
    const e = caught(() => parseStatement(fixture('invalid/ica-wrong-column-count.csv')));
    expect(e.code).toBe('COLUMN_COUNT');
    expect(e.line).toBe(3);
    expect(e.message).toContain('expected 6 fields as in the header on line 1, found 5');

    const s = parseStatement(fixture('invalid/ica-wrong-column-count.csv'), { lenient: true });
    expect(s.transactions.map((t) => t.line)).toEqual([2, 4]);
    const skipped = s.warnings.find((w) => w.code === 'ROW_SKIPPED');
    expect(skipped?.lines).toEqual([3]);
    expect(skipped?.message).toContain('found 5');
  });

  it('a malformed amount is an error naming line and field, never a 0-kr row', () => {
    const e = caught(() => parseStatement(fixture('invalid/seb-malformed-amount.csv')));
    expect(e.code).toBe('INVALID_AMOUNT');
    expect(e.line).toBe(3);
    expect(e.field).toBe('Belopp');
    expect(e.message).toContain('"-12,3,4"');
  });

  it('an amount split by a stray space in a header-less Swedbank export', () => {
    const e = caught(() => parseStatement(fixture('invalid/swedbank-spaces-2015-split-amount.txt')));
    expect(e.code).toBe('COLUMN_COUNT');
    expect(e.line).toBe(7);
  });

  it('an impossible date names line and field', () => {
    const text = '\ufeffBokföringsdag;Belopp;Avsändare;Mottagare;Namn;Rubrik;Meddelande;Egna anteckningar;Saldo;Valuta\n2022-05-12;-1,00;1;2;A;A;;;10,00;SEK\n2022-02-30;-1,00;1;2;B;B;;;11,00;SEK\n';
    const e = caught(() => parseStatement(text));
    expect(e.code).toBe('INVALID_DATE');
    expect(e.line).toBe(3);
    expect(e.field).toBe('Bokföringsdag');
  });

  it('an empty amount on a booked row is an error, not 0', () => {
    const text = 'Datum;Text;Typ;Budgetgrupp;Belopp;Saldo\n2023-09-30;X;Övrigt;Övrigt;;1 644,89 kr\n2023-09-29;Y;Övrigt;Övrigt;-1,00 kr;1 644,89 kr\n';
    const e = caught(() => parseStatement(text));
    expect(e.code).toBe('INVALID_AMOUNT');
    expect(e.line).toBe(2);
  });

  it('unknown format lists the best candidates and their scores', () => {
    const e = caught(() => parseStatement(fixture('invalid/swedbank-fixed-2015-unknown-header.txt')));
    expect(e).toBeInstanceOf(FormatDetectionError);
    expect(e.code).toBe('UNKNOWN_FORMAT');
    // A table whose header the synonym table does not understand is listed, never chosen.
    const generic = caught(() => parseStatement('Dt|Txt|Amt\n2026-01-03|Office rent|-15000.00\n2026-01-02|Customer|20000.00\n'));
    expect((generic as FormatDetectionError).candidates).toEqual([{ format: 'generic-csv', bank: 'Unknown bank', score: 0.3 }]);
    expect(generic.message).toContain('pass `columns`');
  });

  it('two formats equally likely is an error naming both; a file name only breaks the tie', () => {
    const bytes = fixture('invalid/ambiguous-two-banks.csv');
    const e = caught(() => parseStatement(bytes, { fileName: 'export.csv' }));
    expect(e.code).toBe('AMBIGUOUS_FORMAT');
    expect((e as FormatDetectionError).candidates.slice(0, 2).map((c) => c.format).sort()).toEqual(['danske', 'ica']);
    expect(parseStatement(bytes, { fileName: 'ICA export 2026-01.csv' }).format).toBe('ica');
    expect(parseStatement(bytes, { format: 'danske' }).format).toBe('danske');
  });

  it('rejects an unknown forced format id', () => {
    expect(() => parseStatement('x', { format: 'nope' as 'ica' })).toThrow(/Unknown format "nope"/);
  });
});

describe('detectStatementFormat', () => {
  it('scores exact headers 1 and lists every candidate best first', () => {
    const r = detectStatementFormat(fixture('nordea/business-2024-trailing-semicolon.csv'));
    expect(r.format).toBe('nordea-2024');
    expect(r.score).toBe(1);
    expect(r.candidates[0]).toEqual({ format: 'nordea-2024', bank: 'Nordea', score: 1 });
  });

  it('tells the Nordea generations apart by their whole header', () => {
    expect(detectStatementFormat(fixture('nordea/private-2020.csv')).format).toBe('nordea-2020');
    const r = detectStatementFormat(fixture('nordea/business-2022-slash-dates.csv'));
    expect(r.format).toBe('nordea-2022');
    // The 2020 signature is a subset of 2022's: it scores lower, never equal.
    const n2020 = r.candidates.find((c) => c.format === 'nordea-2020');
    expect(n2020?.score).toBeLessThan(r.score);
  });

  it('never lets the file name overrule the content', () => {
    const r = detectStatementFormat(fixture('nordea/private-2020.csv'), { fileName: 'Transaktioner_2020-02-02_swedbank.csv' });
    expect(r.format).toBe('nordea-2020');
  });

  it('detects every layout fixture as its own format', () => {
    const expected: Record<string, string> = {
      'seb/kontohandelser-three-decimals.csv': 'seb-kontohandelser',
      'seb/transaktioner-2026-split-columns.csv': 'seb-transaktioner',
      'seb/legacy-2018-preamble-comma.csv': 'seb-legacy',
      'handelsbanken/tab-no-preamble.txt': 'handelsbanken',
      'danske/quoted-cp1252-dot-thousands-status.csv': 'danske',
      'lansforsakringar/quoted-preamble-no-balance.csv': 'lansforsakringar',
      'skandia/xlsx-resave-bokf-datum.csv': 'skandia',
      'lunar/swedish-quoted-amounts.csv': 'lunar',
      'skatteverket/skattekonto-old-latin1.csv': 'skattekonto',
      'swedbank/tab-2015.txt': 'swedbank-tab-2015',
      'swedbank/short-2017-headerless.csv': 'swedbank-short-2017',
      'swedbank/fixed-2015-sokta-transaktioner.txt': 'swedbank-fixed-2015',
      'swedbank/csv-2020-cp1252-crlf.csv': 'swedbank-csv',
      'handelsbanken/kontotransactionlist-2023-html.xls': 'handelsbanken-html',
      'camt/camt053-001-02-bankgiro-card-fee-pending.xml': 'camt053',
    };
    for (const [file, format] of Object.entries(expected)) {
      expect(detectStatementFormat(fixture(file)).format, file).toBe(format);
    }
  });

  it('does not call a bare Datum;Beskrivning;Belopp;Saldo file Skandia: the header reader reads it', () => {
    const text = 'Datum;Beskrivning;Belopp;Saldo\n2026-01-02;Hyra;-8 000,00;2 000,00\n';
    const d = detectStatementFormat(text);
    expect(d.format).toBe('generic-csv');
    expect(d.candidates.find((c) => c.format === 'skandia')?.score).toBeLessThan(0.6);
  });
});
