/** What the reader must accept: the lexical rules of SIE 4B §5 and the quirks of real writers. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSie } from '../../src/sie/reader.js';
import { SieParseError, UnbalancedVoucherError } from '../../src/core/errors.js';
import { writeSie } from '../../src/sie/writer.js';

const HEAD = ['#FLAGGA 0', '#PROGRAM "Test" 1.0', '#FORMAT PC8', '#GEN 20250101', '#SIETYP 4', '#FNAMN "Test AB"'];

function sie(lines: readonly string[], eol = '\r\n'): string {
  return lines.join(eol);
}

describe('readSie lexing', () => {
  it('accepts LF, CRLF, lone CR and a mix of them, counting physical lines', () => {
    const body = ['#VER A 1 20250105 "x"', '{', '#TRANS 1930 {} -1', '#TRANS 6570 {} 1', '}', '#BOGUS here'];
    for (const eol of ['\n', '\r\n', '\r']) {
      const doc = readSie(sie([...HEAD, ...body], eol));
      expect(doc.vouchers).toHaveLength(1);
      expect(doc.vouchers[0]?.line).toBe(7);
      expect(doc.vouchers[0]?.transactions[1]?.line).toBe(10);
      expect(doc.unknownRecords).toEqual([{ label: '#BOGUS', fields: ['here'], line: 12 }]);
    }
    const mixed = '#FLAGGA 0\r\n#FNAMN x\r#VER A 1 20250105\n{\r\n#TRANS 1930 {} -1\r#TRANS 6570 {} 1\n}\r\n#X';
    const doc = readSie(mixed);
    expect(doc.vouchers[0]?.transactions.map((t) => t.line)).toEqual([5, 6]);
    expect(doc.unknownRecords[0]?.line).toBe(8);
  });

  it('ignores blank and whitespace-only lines and a missing final newline', () => {
    const doc = readSie(['#FLAGGA 0', '', '   \t ', '#FNAMN "A"', '', '#VER A 1 20250105', '{', '', '#TRANS 1930 {} -1', '  ', '#TRANS 6570 {} 1', '}'].join('\r\n'));
    expect(doc.vouchers[0]?.transactions).toHaveLength(2);
  });

  it('separates fields by runs of spaces and tabs, with indentation and padding', () => {
    const doc = readSie(
      sie([
        '#FLAGGA\t\t0',
        '#FNAMN\t"Tab AB"  ',
        '#KONTO   1510      "Kundfordringar"   ',
        '#VER     1       1  20140131 "3" 20131218',
        '{\t',
        '\t#TRANS\t1320      { }           -500.00  20140131 "3"',
        '  #TRANS 6010\t{\t1\t"A"\t6\tB }\t500.00',
        '}\t',
      ]),
    );
    expect(doc.header.companyName).toBe('Tab AB');
    expect(doc.accounts[0]).toMatchObject({ number: '1510', name: 'Kundfordringar' });
    const v = doc.vouchers[0];
    expect(v).toMatchObject({ series: '1', number: '1', date: '2014-01-31', text: '3', registrationDate: '2013-12-18' });
    expect(v?.transactions[1]?.objects).toEqual([{ dimension: 1, object: 'A' }, { dimension: 6, object: 'B' }]);
  });

  it('reads a no-break space (U+00A0) outside quotes as a field separator, never inside quoted text', () => {
    const doc = readSie(
      sie([
        '#FLAGGA 0',
        '#FNAMN\u00a0"Cell\u00a0AB"',
        '#KONTO 1930\u00a0"Bank"',
        '#OBJEKT 1\u00a0100\u00a0"Sälj"',
        '\u00a0#VER\u00a0A 1 20250105\u00a0"Hyra\u00a0jan"',
        '{',
        '#TRANS 1930\u00a0{} -100.00\u00a020250105',
        '#TRANS 6570 {1\u00a0100}\u00a0100',
        '}',
      ]),
    );
    expect(doc.header.companyName).toBe('Cell\u00a0AB');
    expect(doc.accounts[0]).toMatchObject({ number: '1930', name: 'Bank' });
    expect(doc.objects[0]).toMatchObject({ dimension: 1, id: '100', name: 'Sälj' });
    const v = doc.vouchers[0];
    expect(v).toMatchObject({ series: 'A', number: '1', date: '2025-01-05', text: 'Hyra\u00a0jan' });
    expect(v?.transactions.map((t) => [t.account, t.amount, t.date, t.objects])).toEqual([
      ['1930', -10000, '2025-01-05', []],
      ['6570', 10000, undefined, [{ dimension: 1, object: '100' }]],
    ]);
    expect(doc.issues).toEqual([]);
    // In an amount or quantity an NBSP between a digit and a group of three stays a digit-group blank.
    const grouped = readSie(sie(['#FLAGGA 0', '#IB 0\u00a01930\u00a01\u00a0234.50\u00a07', '#VER A 1 20250105', '{', '#TRANS 1930 {} -1\u00a0234\u00a0567.00\u00a020250105', '#TRANS 6570 {} 1234567', '}']));
    expect(grouped.balances.map((b) => [b.account, b.amount, b.quantity])).toEqual([['1930', 123450, 7]]);
    expect(grouped.vouchers[0]?.transactions.map((t) => [t.amount, t.date])).toEqual([[-123456700, '2025-01-05'], [123456700, undefined]]);
    // As bytes: CP437 writes the no-break space as 0xFF, Latin-1/Windows-1252 as 0xA0.
    const bytes = (nbsp: number, a: number) => Uint8Array.from(Buffer.from('#FLAGGA 0\r\n#FNAMN "Sm_landsbolaget"\r\n#VER~A 1 20250105\r\n{\r\n#TRANS 1930~{} -5\r\n#TRANS 6570 {}~5\r\n}\r\n', 'latin1'), (c) => (c === 0x7e ? nbsp : c === 0x5f ? a : c));
    for (const [nbsp, a] of [[0xff, 0x86], [0xa0, 0xe5]] as const) {
      const d = readSie(bytes(nbsp, a));
      expect(d.header.companyName).toBe('Smålandsbolaget');
      expect(d.vouchers[0]?.series).toBe('A');
      expect(d.vouchers[0]?.transactions.map((t) => [t.account, t.amount])).toEqual([['1930', -500], ['6570', 500]]);
    }
  });

  it('keeps an unquoted name or text whose words a no-break or thin space separates whole, up to the field the record has after it', () => {
    for (const strict of [true, false]) {
      const doc = readSie(
        sie([
          ...HEAD.slice(0, 5),
          '#FNAMN Cell\u00a0AB',
          '#ADRESS "Anna" "Gatan 1" "123 45 Ort" 08\u00a0123\u00a045',
          '#PROSA Export\u202fför\u2009bokslut',
          '#KONTO 1930 Företags\u00a0konto\u00a0SEB',
          '#DIM 20 Region\u00a0Syd',
          '#UNDERDIM 21 Distrikt\u00a0Väst\u00a01',
          '#OBJEKT 1 100 Butik\u00a0Malmö',
          '#VER A 1 20250105 Hyra\u00a0januari\u00a020250106',
          '{',
          '#TRANS 1930 {} -100.00 "" Hyra\u00a0jan\u00a02',
          '#TRANS 5010 {} 100.00 20250105 Lokal\u00a0hyra',
          '}',
        ]),
        { strict },
      );
      expect(doc.header.companyName).toBe('Cell\u00a0AB');
      expect(doc.header.address?.phone).toBe('08\u00a0123\u00a045');
      expect(doc.header.prosa).toBe('Export\u202fför\u2009bokslut');
      expect(doc.accounts[0]).toMatchObject({ number: '1930', name: 'Företags\u00a0konto\u00a0SEB' });
      expect(doc.dimensions.map((d) => [d.number, d.name, d.parent])).toEqual([[20, 'Region\u00a0Syd', undefined], [21, 'Distrikt\u00a0Väst', 1]]);
      expect(doc.objects[0]).toMatchObject({ dimension: 1, id: '100', name: 'Butik\u00a0Malmö' });
      const v = doc.vouchers[0];
      expect(v).toMatchObject({ text: 'Hyra\u00a0januari', registrationDate: '2025-01-06' });
      expect(v?.transactions.map((t) => [t.text, t.quantity, t.date])).toEqual([['Hyra\u00a0jan', 2, undefined], ['Lokal\u00a0hyra', undefined, '2025-01-05']]);
      expect(doc.issues.map((i) => [i.severity, i.code, i.line])).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 15, 16].map((line) => ['info', 'SIE_REPAIRED', line]));
    }
    // An ASCII space still ends an unquoted field (the spec's separator; readers ignore extra fields), and a quoted text is not continued.
    const plain = readSie(sie([...HEAD.slice(0, 5), '#FNAMN Cell AB', '#KONTO 1930 "Bank"\u00a0SEB']));
    expect(plain.header.companyName).toBe('Cell');
    expect(plain.accounts[0]?.name).toBe('Bank');
  });

  it('reads a run of no-break spaces (CP437 0xFF 0xFF) inside an amount or an unquoted text as it reads one, and keeps the four #ADRESS fields apart', () => {
    // '~' stands for CP437 0xFF, the no-break space; '_' for CP437 0x86, å.
    const text = [
      '#FLAGGA 0',
      '#FNAMN Norr~~Tr_d~AB',
      '#ADRESS Eva~~Lund Bruksv_gen~~3 "123 45 Ort" 08~~123',
      '#KONTO 1930 Bank~~kontot',
      '#IB 0 1930 12~~345.50',
      '#VER A 1 20250105 Hyra~~jan~~~2025 20250106',
      '{',
      '#TRANS 1930 {} -1~~234~567.00 20250105',
      '#TRANS 5010 {} 1~234~~567 "" Lokal~~hyra 2',
      '}',
    ].join('\r\n');
    const bytes = Uint8Array.from(Buffer.from(text, 'latin1'), (c) => (c === 0x7e ? 0xff : c === 0x5f ? 0x86 : c));
    for (const strict of [true, false]) {
      const doc = readSie(bytes, { strict });
      const nb = '\u00a0';
      expect(doc.header.companyName).toBe(`Norr${nb}${nb}Tråd${nb}AB`);
      expect(doc.header.address).toEqual({ contact: `Eva${nb}${nb}Lund`, street: `Bruksvågen${nb}${nb}3`, postal: '123 45 Ort', phone: `08${nb}${nb}123` });
      expect(doc.accounts[0]).toMatchObject({ number: '1930', name: `Bank${nb}${nb}kontot` });
      expect(doc.balances.map((b) => [b.account, b.amount, b.quantity])).toEqual([['1930', 1234550, undefined]]);
      const v = doc.vouchers[0];
      expect(v).toMatchObject({ text: `Hyra${nb}${nb}jan${nb}${nb}${nb}2025`, registrationDate: '2025-01-06' });
      expect(v?.transactions.map((t) => [t.amount, t.date, t.text, t.quantity])).toEqual([
        [-123456700, '2025-01-05', undefined, undefined],
        [123456700, undefined, `Lokal${nb}${nb}hyra`, 2],
      ]);
      expect(doc.issues.every((i) => i.severity === 'info' && i.code === 'SIE_REPAIRED')).toBe(true);
      expect(doc.issues.find((i) => i.line === 5)?.message).toBe(`Amount "12${nb}${nb}345.50" read as 1234550 öre (a Unicode minus or dash, or non-breaking spaces between digit groups, are not SIE)`);
    }
    // A run with a space or tab in it still separates fields; so does a run before something that is no digit group.
    const plain = readSie(['#FLAGGA 0', '#FNAMN Norr\u00a0 Tråd', '#IB 0 1930 12\u00a0\u00a0345.50\u00a0\u00a07'].join('\n'));
    expect(plain.header.companyName).toBe('Norr');
    expect(plain.balances.map((b) => [b.amount, b.quantity])).toEqual([[1234550, 7]]);
  });

  it('reads the narrow no-break space (U+202F) and the thin space (U+2009) outside quotes as the no-break space is read: a field separator, or a digit-group blank inside an amount', () => {
    for (const blank of ['\u202f', '\u2009']) {
      const doc = readSie(
        sie([
          '#FLAGGA 0',
          `#FNAMN${blank}"Cell${blank}AB"`,
          `#KONTO 1930${blank}"Bank"`,
          `#OBJEKT 1${blank}100${blank}"Sälj"`,
          `#IB 0${blank}1930${blank}1${blank}234.50${blank}7`,
          `${blank}#VER${blank}A 1 20250105${blank}"Hyra${blank}jan"`,
          '{',
          `#TRANS 1930${blank}{} -1${blank}234${blank}567.00${blank}20250105`,
          `#TRANS 6570 {1${blank}100}${blank}1234567`,
          '}',
        ]),
      );
      expect(doc.header.companyName, JSON.stringify(blank)).toBe(`Cell${blank}AB`);
      expect(doc.accounts[0]).toMatchObject({ number: '1930', name: 'Bank' });
      expect(doc.objects[0]).toMatchObject({ dimension: 1, id: '100', name: 'Sälj' });
      expect(doc.balances.map((b) => [b.account, b.amount, b.quantity])).toEqual([['1930', 123450, 7]]);
      const v = doc.vouchers[0];
      expect(v).toMatchObject({ series: 'A', number: '1', date: '2025-01-05', text: `Hyra${blank}jan` });
      expect(v?.transactions.map((t) => [t.account, t.amount, t.date, t.objects])).toEqual([
        ['1930', -123456700, '2025-01-05', []],
        ['6570', 123456700, undefined, [{ dimension: 1, object: '100' }]],
      ]);
      // The grouped amounts are reported as repaired, with the blank as written.
      expect(doc.issues.map((i) => [i.code, i.line])).toEqual([['SIE_REPAIRED', 5], ['SIE_REPAIRED', 8]]);
      expect(doc.issues[0]?.message).toContain(JSON.stringify(`1${blank}234.50`));
    }
  });

  it('reads quoted and unquoted values alike, quoted numbers included', () => {
    const doc = readSie(
      sie([
        '#FLAGGA "0"',
        '#FORMAT "PC8"',
        '#SIETYP "4"',
        '#ORGNR "556677-8899"',
        '#FNAMN Enkel',
        '#KONTO 1060 Hyresrätt',
        '#VER "11" "80001" "20080105" "Kundinbet"',
        '{',
        '#TRANS "1930" {} "150000.00"',
        '#TRANS 1510 {} -150000',
        '}',
      ]),
    );
    expect(doc.header).toMatchObject({ flag: 0, format: 'PC8', sieType: 4, orgNumber: { number: '556677-8899' }, companyName: 'Enkel' });
    expect(doc.accounts[0]?.name).toBe('Hyresrätt');
    expect(doc.vouchers[0]).toMatchObject({ series: '11', number: '80001', date: '2008-01-05' });
    expect(doc.vouchers[0]?.transactions.map((t) => t.amount)).toEqual([15000000, -15000000]);
  });

  it('unescapes \\" and keeps any other backslash literally', () => {
    const doc = readSie(
      sie([
        '#FLAGGA 0',
        '#PROGRAM "\\"Norstedts Revision\\"" 2010.1.1',
        '#FNR "C:\\ProgramData\\SPCS\\Företag"',
        '#FNAMN "A \\\\\\" B"',
        '#VER D 188 20250101 "Faktura \\"BMS\\" (x)"',
        '{',
        '#TRANS 1930 {} -1 "" "a\\b"',
        '#TRANS 6570 {6 "P\\"1"} 1',
        '}',
      ]),
    );
    expect(doc.header.program?.name).toBe('"Norstedts Revision"');
    expect(doc.header.companyId).toBe('C:\\ProgramData\\SPCS\\Företag');
    expect(doc.header.companyName).toBe('A \\\\" B');
    expect(doc.vouchers[0]?.text).toBe('Faktura "BMS" (x)');
    expect(doc.vouchers[0]?.transactions[0]?.text).toBe('a\\b');
    expect(doc.vouchers[0]?.transactions[1]?.objects).toEqual([{ dimension: 6, object: 'P"1' }]);
  });

  it('reads a quoted text that ends in a backslash ("C:\\Data\\") instead of refusing an unterminated quote', () => {
    const doc = readSie(sie(['#FLAGGA 0', '#FNR "C:\\Bokf\\Bolag\\"', '#FNAMN "x"', '#VER A 1 20250301 "Faktura 12\\" 20250302', '{', '#TRANS 1930 {6 "P"} -45.00 "" "Rad \\"a\\" b\\"', '#TRANS 6071 {} 45.00', '}']));
    expect(doc.header.companyId).toBe('C:\\Bokf\\Bolag\\');
    const v = doc.vouchers[0];
    expect([v?.text, v?.registrationDate]).toEqual(['Faktura 12\\', '2025-03-02']);
    expect(v?.transactions[0]).toMatchObject({ objects: [{ dimension: 6, object: 'P' }], amount: -4500, text: 'Rad "a" b\\' });
    expect(doc.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['SIE_REPAIRED', 'info', 2],
      ['SIE_REPAIRED', 'info', 4],
      ['SIE_REPAIRED', 'info', 6],
    ]);
    // With no \" before a blank or the line end it is still an unterminated quote.
    expect(() => readSie(sie(['#FLAGGA 0', '#FNAMN "x\\"y']))).toThrow(/Unterminated quote/);
  });

  it('reads quotes a writer left unescaped inside a quoted text ("Kaffe "Gott" AB") as part of the text, saying so', () => {
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN "Bolaget "Nya" AB"', '#VER A 1 20250301 "Kaffe "Gott" AB" 20250302', '{', '#TRANS 1930 {} -5 "" "Rad "X"" 2', '#TRANS 6071 {} 5', '}']));
    expect(doc.header.companyName).toBe('Bolaget "Nya" AB');
    const v = doc.vouchers[0];
    expect([v?.text, v?.registrationDate]).toEqual(['Kaffe "Gott" AB', '2025-03-02']);
    expect(v?.transactions[0]).toMatchObject({ text: 'Rad "X"', quantity: 2 });
    expect(doc.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['SIE_REPAIRED', 'info', 2],
      ['SIE_REPAIRED', 'info', 3],
      ['SIE_REPAIRED', 'info', 5],
    ]);
  });

  it('reads an odd number of unescaped quotes ("Skruv 3/4" 12" lådor") up to the one closing quote after which the line is well-formed, saying so', () => {
    const doc = readSie(
      sie([
        '#FLAGGA 0',
        '#VER A 1 20250301 "Skruv 3/4" 12" lådor" 20250302 "Anna"',
        '{',
        '#TRANS 1930 {1 "P1"} -5 20250301 "Rör 1"" 2',
        '#TRANS 6071 {} 5 20250301 "Skärm 24"" 1 "Anna"',
        '}',
        '#VER A 2 20250303 "Kaffe" 20250304 "Anna "A"',
        '{',
        '#TRANS 1930 {} -5',
        '#TRANS 6071 {} 5',
        '}',
      ]),
    );
    const [a, b] = doc.vouchers;
    expect([a?.text, a?.registrationDate, a?.sign]).toEqual(['Skruv 3/4" 12" lådor', '2025-03-02', 'Anna']);
    expect(a?.transactions.map((t) => [t.text, t.quantity, t.sign])).toEqual([
      ['Rör 1"', 2, undefined],
      ['Skärm 24"', 1, 'Anna'],
    ]);
    // The odd quote is in the last field: the fields before it are read as written.
    expect([b?.text, b?.registrationDate, b?.sign]).toEqual(['Kaffe', '2025-03-04', 'Anna "A']);
    expect(doc.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['SIE_REPAIRED', 'info', 2],
      ['SIE_REPAIRED', 'info', 4],
      ['SIE_REPAIRED', 'info', 5],
      ['SIE_REPAIRED', 'info', 7],
    ]);
    expect(doc.issues[0]?.message).toBe('The quoted field at column 19 holds an odd number of quotes that are not escaped as \\"; read up to the quote at column 40, after which the rest of the line is well-formed');
  });

  it('SoftOne XE writes an "ö" as a bare quote inside a quoted name (`"Fordringar hos leverant"r"`): the whole name is kept', () => {
    const doc = readSie(readFileSync(new URL('../../fixtures/sie/XE_SIE_1_20151125094750.SE', import.meta.url)), { strict: false });
    const names = new Map(doc.accounts.map((a) => [a.number, a.name]));
    expect([names.get('1684'), names.get('1710'), names.get('1720')]).toEqual(['Fordringar hos leverant"r', 'F"rutbetalda hyreskostnad', 'F"rutbetalda leasingkostn']);
    expect(doc.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  it('quotes that no reading makes well-formed are a typed error naming line and column; lenient mode reads the line as before, with a warning', () => {
    const text = sie(['#FLAGGA 0', '#VER A 1 20250301 "a" b"c d"e', '{', '#TRANS 1930 {} -5', '#TRANS 6071 {} 5', '}']);
    let err: unknown;
    try {
      readSie(text, { fileName: 'x.se' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SieParseError);
    expect(err).toMatchObject({ code: 'SIE_SYNTAX', file: 'x.se', line: 2, column: 19, label: '#VER' });
    expect((err as Error).message).toMatch(/^Unbalanced quotes: the quoted field at column 19 is followed by a quote at column 24 that opens no field/);
    const doc = readSie(text, { strict: false });
    expect(doc.vouchers[0]?.text).toBe('a');
    expect(doc.issues[0]).toMatchObject({ code: 'SIE_SYNTAX', severity: 'warning', line: 2, label: '#VER' });
  });

  it('reads every object-list spelling seen in real files', () => {
    const lists = ['{}', '{ }', '{1 "0123"}', '{"1" "0123"}', '{ "1" "1"}', '{1 1}', '{1 Nord 6 0001}', '{1         AO }', '{1\t"1"\t6\t"2"}', '{1 "1" }'];
    const expected = [
      [],
      [],
      [[1, '0123']],
      [[1, '0123']],
      [[1, '1']],
      [[1, '1']],
      [[1, 'Nord'], [6, '0001']],
      [[1, 'AO']],
      [[1, '1'], [6, '2']],
      [[1, '1']],
    ];
    const rows = lists.map((l, i) => `#TRANS 30${String(i).padStart(2, '0')} ${l} 0`);
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250101', '{', ...rows, '}']));
    expect(doc.vouchers[0]?.transactions.map((t) => t.objects.map((o) => [o.dimension, o.object]))).toEqual(expected);
  });

  it('reads object pairs written without blanks between dimension and quoted id ({1"a"}, {1 "a"2 "b"}) as the pairs', () => {
    const lists = ['{1"a"}', '{1 "a"2 "b"}', '{1"a"2"b"}', '{1 "a" 6"P 1"}', '{ 20"x y"}'];
    const rows = lists.map((l, i) => `#TRANS 30${String(i).padStart(2, '0')} ${l} 0`);
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#OBJEKT 1 "a" "Kst a"', '#OIB 0 3000 {1"a"6"P 1"} 100', '#VER A 1 20250101', '{', ...rows, '}']));
    expect(doc.vouchers[0]?.transactions.map((t) => t.objects.map((o) => [o.dimension, o.object]))).toEqual([
      [[1, 'a']],
      [[1, 'a'], [2, 'b']],
      [[1, 'a'], [2, 'b']],
      [[1, 'a'], [6, 'P 1']],
      [[20, 'x y']],
    ]);
    expect(doc.objectBalances[0]?.objects).toEqual([{ dimension: 1, object: 'a' }, { dimension: 6, object: 'P 1' }]);
    expect(doc.issues).toEqual([]);
    // Quotes a writer left unescaped inside an id are still read as part of it.
    const inner = readSie(sie(['#FLAGGA 0', '#VER A 1 20250101', '{', '#TRANS 3000 {6 "Kaffe "Gott" AB"} 0', '}']));
    expect(inner.vouchers[0]?.transactions[0]?.objects).toEqual([{ dimension: 6, object: 'Kaffe "Gott" AB' }]);
  });

  it('reads all row fields: transdat, transtext, quantity, sign; 00000000 and "" mean no date', () => {
    const doc = readSie(
      sie([
        '#FLAGGA 0',
        '#FNAMN x',
        '#VER A 1 20250101 "V" 20250102 "sig"',
        '{',
        '#TRANS 1930 {} -12.5 20250103 "text" 2.5 "who"',
        '#TRANS 6570 {} 12.50 "" "Fortnox style" 0',
        '#TRANS 6570 {} 0 00000000',
        '}',
      ]),
    );
    const v = doc.vouchers[0];
    expect(v).toMatchObject({ registrationDate: '2025-01-02', sign: 'sig', text: 'V' });
    expect(v?.transactions[0]).toEqual({ account: '1930', objects: [], amount: -1250, date: '2025-01-03', text: 'text', quantity: 2.5, sign: 'who', line: 5 });
    expect(v?.transactions[1]).toEqual({ account: '6570', objects: [], amount: 1250, text: 'Fortnox style', quantity: 0, line: 6 });
    expect(v?.transactions[2]).toEqual({ account: '6570', objects: [], amount: 0, line: 7 });
  });

  it('parses amounts digit by digit: 0, 1 or 2 decimals, negative, large', () => {
    const amounts = ['9', '-9', '9.9', '9.99', '-0.5', '0.01', '-0.01', '1063', '90071992547409.91', '12.340'];
    const ore = [900, -900, 990, 999, -50, 1, -1, 106300, 9007199254740991, 1234];
    const rows = amounts.map((a) => `#TRANS 1930 {} ${a}`);
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250101', '{', ...rows, '}']), { strict: false });
    expect(doc.vouchers[0]?.transactions.map((t) => t.amount)).toEqual(ore);
  });

  it('reads a voucher with struck rows only, and empty series and number (4I)', () => {
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER "" "" 20120425 "Lön" 20120926', '{', '#BTRANS 1930 {} -5 "" "" "" "Anna"', '#BTRANS 6570 {} 5', '}']));
    expect(doc.vouchers[0]).toMatchObject({ series: '', number: '', transactions: [], removed: [{ account: '1930', amount: -500, sign: 'Anna' }, { account: '6570', amount: 500 }] });
    expect(doc.issues).toEqual([]);
  });

  it('balances on #TRANS: an #RTRANS and its echo count once, #BTRANS never', () => {
    const doc = readSie(
      sie([
        '#FLAGGA 0',
        '#FNAMN x',
        '#VER A 1 20250101',
        '{',
        '#TRANS 1930 {} -100',
        '#TRANS 6570 {} 100',
        '#BTRANS 6570 {} 999',
        '#RTRANS 1930 {} 50 20250201 "" "" "Anna"',
        '#TRANS 1930 {} 50 20250101',
        '#RTRANS 6570 {1 "2"} -50 20250201 "" "" "Anna"',
        '#TRANS 6570 {1 "2"} -50',
        '}',
      ]),
    );
    const v = doc.vouchers[0];
    expect(v?.transactions.map((t) => [t.account, t.amount, t.added === true])).toEqual([
      ['1930', -10000, false],
      ['6570', 10000, false],
      ['1930', 5000, true],
      ['6570', -5000, true],
    ]);
    expect(v?.removed.map((t) => t.amount)).toEqual([99900]);
    expect(doc.issues).toEqual([]);
  });

  it('takes #TRANS echoes written further down (all #RTRANS first) as echoes when the voucher then balances', () => {
    const rows = ['#RTRANS 3001 {} -100.00 "" "ny" 0 "Anna"', '#RTRANS 2611 {} -25.00', '#TRANS 1930 {} 125.00', '#TRANS 3001 {} -100.00 "" "ny" 0', '#TRANS 2611 {} -25.00'];
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250101', '{', ...rows, '}']));
    expect(doc.vouchers[0]?.transactions.map((t) => [t.account, t.amount, t.added === true])).toEqual([
      ['3001', -10000, true],
      ['2611', -2500, true],
      ['1930', 12500, false],
    ]);
    expect(doc.issues).toMatchObject([{ code: 'SIE_RTRANS_WITHOUT_ECHO', severity: 'warning', line: 3, label: '#VER' }]);
    // A voucher that balances as written keeps its rows: a later identical #TRANS is a row of its own.
    const balanced = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250101', '{', '#RTRANS 6570 {} 5', '#TRANS 1930 {} -10', '#TRANS 6570 {} 5', '}']));
    expect(balanced.vouchers[0]?.transactions.map((t) => t.amount)).toEqual([500, -1000, 500]);
    expect(balanced.issues).toMatchObject([{ code: 'SIE_RTRANS_WITHOUT_ECHO', line: 5, label: '#RTRANS' }]);
  });

  it('takes a #TRANS echo written right BEFORE its #RTRANS as the echo, in either order, and keeps genuine identical rows', () => {
    const ver = (rows: readonly string[]) => readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250101', '{', ...rows, '}']), { strict: false });
    const shape = (d: ReturnType<typeof ver>) => d.vouchers[0]?.transactions.map((t) => [t.account, t.amount, t.added === true]);
    const original = ['#TRANS 6570 {} 100', '#TRANS 1930 {} -100'];
    const expected = [['6570', 10000, false], ['1930', -10000, false], ['1930', -5000, true], ['6570', 5000, true]];
    // An added pair that balances on its own: counted twice the voucher still balances, so the order alone tells.
    const after = ver([...original, '#RTRANS 1930 {} -50', '#TRANS 1930 {} -50', '#RTRANS 6570 {} 50', '#TRANS 6570 {} 50']);
    const before = ver([...original, '#TRANS 1930 {} -50', '#RTRANS 1930 {} -50', '#TRANS 6570 {} 50', '#RTRANS 6570 {} 50']);
    expect(shape(after)).toEqual(expected);
    expect(after.issues).toEqual([]);
    expect(shape(before)).toEqual(expected);
    expect(before.issues).toMatchObject([{ code: 'SIE_RTRANS_WITHOUT_ECHO', severity: 'warning', line: 3, label: '#VER' }]);
    expect(before.issues[0]?.message).toMatch(/2 #RTRANS .* right before them/);
    // An added row balanced against the original ones: the echo before it unbalanced the voucher.
    const single = ver(['#TRANS 6570 {} 100', '#TRANS 1930 {} -100', '#TRANS 1930 {} 30', '#RTRANS 1930 {} 30', '#TRANS 6570 {} -30']);
    expect(shape(single)).toEqual([['6570', 10000, false], ['1930', -10000, false], ['1930', 3000, true], ['6570', -3000, false]]);
    expect(single.issues.map((i) => i.severity)).toEqual(['warning']);
    // Two identical genuine rows, and a genuine row identical to the #RTRANS before it: no echoes.
    const genuine = ver(['#TRANS 6570 {} 50', '#TRANS 6570 {} 50', '#TRANS 1930 {} -50', '#RTRANS 1930 {} -50', '#TRANS 1930 {} -50']);
    expect(shape(genuine)).toEqual([['6570', 5000, false], ['6570', 5000, false], ['1930', -5000, false], ['1930', -5000, true]]);
    expect(genuine.issues).toEqual([]);
    // An #RTRANS with no echo at all after a genuine identical row: dropping that row would unbalance the voucher, so it stands.
    const noEcho = ver(['#TRANS 6570 {} 100', '#TRANS 1930 {} -50', '#RTRANS 1930 {} -50']);
    expect(shape(noEcho)).toEqual([['6570', 10000, false], ['1930', -5000, false], ['1930', -5000, true]]);
    expect(noEcho.issues).toMatchObject([{ code: 'SIE_RTRANS_WITHOUT_ECHO', line: 7, label: '#RTRANS' }]);
  });

  it('warns about an #RTRANS without its #TRANS echo', () => {
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250101', '{', '#TRANS 1930 {} -100', '#TRANS 6570 {} 100', '#RTRANS 1930 {} 0', '}']));
    expect(doc.issues).toMatchObject([{ code: 'SIE_RTRANS_WITHOUT_ECHO', severity: 'warning', line: 7 }]);
  });

  it('keeps unknown labels, with their fields and line, in file order (also inside vouchers)', () => {
    const doc = readSie(
      sie(['#FLAGGA 0', '#FUTURE 1 "two words" {1 "a"}', '#FNAMN x', '#VER A 1 20250101', '{', '#XTRANS 1 2', '#TRANS 1930 {} 0', '}', '#future-lower x']),
    );
    expect(doc.unknownRecords).toEqual([
      { label: '#FUTURE', fields: ['1', 'two words', '{1 a}'], line: 2 },
      { label: '#XTRANS', fields: ['1', '2'], line: 6 },
      { label: '#future-lower', fields: ['x'], line: 9 },
    ]);
  });

  it('ignores extra fields at the end of known records (forward compatibility)', () => {
    const doc = readSie(sie(['#FLAGGA 0', '#PROGRAM "jsiSIE" "SoftOne XE" "1.0"', '#FNAMN x', '#TAXAR 2018 ÅRL', '#KONTO 1930 "Bank" extra']));
    expect(doc.header.program).toEqual({ name: 'jsiSIE', version: 'SoftOne XE' });
    expect(doc.header.taxYear).toBe(2018);
    expect(doc.accounts[0]?.name).toBe('Bank');
  });

  it('reads header, chart, dimensions, objects and balances into the model', () => {
    const doc = readSie(
      sie([
        '#FLAGGA 1',
        '#PROGRAM "Fortnox" 3.60.16',
        '#FORMAT PC8',
        '#GEN 20260101 "Anna A"',
        '#SIETYP 4',
        '#PROSA "Fritext"',
        '#FTYP AB',
        '#FNR 12345',
        '#ORGNR 556677-8899 1 2',
        '#BKOD 62010',
        '#ADRESS "Kontakt" "Gata 1" "123 45 Ort" "08-1"',
        '#FNAMN "Bolaget AB"',
        '#RAR 0 20250101 20251231',
        '#RAR -1 20240101 20241231',
        '#TAXAR 2026',
        '#OMFATTN 20251231',
        '#KPTYP BAS2025',
        '#VALUTA SEK',
        '#KONTO 1930 "Företagskonto"',
        '#KTYP 1930 T',
        '#ENHET 1930 st',
        '#SRU 1930 7281',
        '#SRU 1930 7282',
        '#DIM 1 "Kostnadsställe"',
        '#UNDERDIM 21 "Underställe" 1',
        '#OBJEKT 1 "01" "Syd"',
        '#IB 0 1930 100.00 3',
        '#UB 0 1930 -200.5',
        '#RES 0 3010 -1000',
        '#OIB 0 1930 {1 "01"} 5',
        '#OUB -1 1930 {1 "01"} 6',
        '#PSALDO 0 202501 3010 {} -100 1',
        '#PBUDGET 0 202512 3010 {1 "01"} -200',
      ]),
    );
    expect(doc.header).toEqual({
      flag: 1,
      program: { name: 'Fortnox', version: '3.60.16' },
      format: 'PC8',
      generated: { date: '2026-01-01', sign: 'Anna A' },
      sieType: 4,
      prosa: 'Fritext',
      companyType: 'AB',
      companyId: '12345',
      orgNumber: { number: '556677-8899', acquisitionNumber: '1', activityNumber: '2' },
      industryCode: '62010',
      address: { contact: 'Kontakt', street: 'Gata 1', postal: '123 45 Ort', phone: '08-1' },
      companyName: 'Bolaget AB',
      fiscalYears: [
        { yearIndex: 0, start: '2025-01-01', end: '2025-12-31' },
        { yearIndex: -1, start: '2024-01-01', end: '2024-12-31' },
      ],
      taxYear: 2026,
      balancesAsOf: '2025-12-31',
      chartType: 'BAS2025',
      currency: 'SEK',
    });
    expect(doc.accounts).toEqual([{ number: '1930', name: 'Företagskonto', type: 'T', unit: 'st', sru: ['7281', '7282'], line: 19 }]);
    expect(doc.dimensions).toEqual([
      { number: 1, name: 'Kostnadsställe', line: 24 },
      { number: 21, name: 'Underställe', parent: 1, line: 25 },
    ]);
    expect(doc.objects).toEqual([{ dimension: 1, id: '01', name: 'Syd', line: 26 }]);
    expect(doc.balances).toEqual([
      { kind: 'IB', yearIndex: 0, account: '1930', amount: 10000, quantity: 3, line: 27 },
      { kind: 'UB', yearIndex: 0, account: '1930', amount: -20050, line: 28 },
      { kind: 'RES', yearIndex: 0, account: '3010', amount: -100000, line: 29 },
    ]);
    expect(doc.objectBalances).toEqual([
      { kind: 'OIB', yearIndex: 0, account: '1930', objects: [{ dimension: 1, object: '01' }], amount: 500, line: 30 },
      { kind: 'OUB', yearIndex: -1, account: '1930', objects: [{ dimension: 1, object: '01' }], amount: 600, line: 31 },
    ]);
    expect(doc.periodBalances).toEqual([
      { kind: 'PSALDO', yearIndex: 0, period: '2025-01', account: '3010', objects: [], amount: -10000, quantity: 1, line: 32 },
      { kind: 'PBUDGET', yearIndex: 0, period: '2025-12', account: '3010', objects: [{ dimension: 1, object: '01' }], amount: -20000, line: 33 },
    ]);
    expect(doc.issues).toEqual([]);
  });

  it('tolerates #RAR without dates, #ORGNR without value and a missing #PROGRAM version', () => {
    const doc = readSie(sie(['#FLAGGA 0', '#PROGRAM SIR', '#ORGNR ', '#RAR 0  ', '#FNAMN x']));
    expect(doc.header.program).toEqual({ name: 'SIR', version: '' });
    expect(doc.header.orgNumber).toBeUndefined();
    expect(doc.header.fiscalYears).toEqual([{ yearIndex: 0 }]);
    expect(doc.issues).toEqual([]);
  });

  it('repairs YYYY-MM-DD and YYMMDD voucher dates, a decimal comma and a missing series, saying so', () => {
    const doc = readSie(
      sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 2025-03-04', '{', '#TRANS 1930 {} -1,50', '#TRANS 6570 {} 1.5', '}', '#VER A 2 250305', '{', '}', '#VER  7 20250306 "no series"', '{', '}']),
    );
    expect(doc.vouchers.map((v) => [v.series, v.number, v.date, v.text])).toEqual([
      ['A', '1', '2025-03-04', ''],
      ['A', '2', '2025-03-05', ''],
      ['', '7', '2025-03-06', 'no series'],
    ]);
    expect(doc.vouchers[0]?.transactions[0]?.amount).toBe(-150);
    expect(doc.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['SIE_REPAIRED', 'info', 3],
      ['SIE_REPAIRED', 'info', 5],
      ['SIE_REPAIRED', 'info', 8],
      ['SIE_REPAIRED', 'info', 11],
    ]);
  });

  it('reads a #TRANS without its object list as one without objects, with the fields after it in place, saying so', () => {
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250301 "Hyra"', '{', '#TRANS 1930 -12500.00 20250301 "Hyra mars"', '#TRANS 5010 {} 12500.00', '}']));
    const rows = doc.vouchers[0]?.transactions ?? [];
    expect(rows.map((t) => [t.account, t.objects, t.amount, t.date, t.text])).toEqual([
      ['1930', [], -1_250_000, '2025-03-01', 'Hyra mars'],
      ['5010', [], 1_250_000, undefined, undefined],
    ]);
    expect(doc.issues.map((i) => [i.code, i.severity, i.line])).toEqual([['SIE_REPAIRED', 'info', 5]]);
    // A field that is neither an object list nor an amount is still an error naming it.
    expect(() => readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250301', '{', '#TRANS 1930 abc -1', '#TRANS 5010 {} 1', '}']))).toThrow(/expected an object list \{…\} in field 2, found "abc"/);
  });

  it('reads "" as an empty object list (SIE 4C empty field) and a quoted list "{…}" as the list, saying so', () => {
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER "A" "1" "20250301" "Kaffe"', '{', '#TRANS "1930" "" "-45.00"', '#TRANS "6071" "{1 100 6 P1}" "45.00"', '#TRANS 6071 "{}" 0', '}']));
    const rows = doc.vouchers[0]?.transactions ?? [];
    expect(rows.map((t) => [t.account, t.objects, t.amount])).toEqual([
      ['1930', [], -4500],
      ['6071', [{ dimension: 1, object: '100' }, { dimension: 6, object: 'P1' }], 4500],
      ['6071', [], 0],
    ]);
    expect(doc.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['SIE_REPAIRED', 'info', 6],
      ['SIE_REPAIRED', 'info', 7],
    ]);
    // Still an error: an unquoted word where the list belongs, or a quoted text that is not a list.
    expect(() => readSie(sie(['#VER A 1 20250301', '{', '#TRANS 1930 "P1" -45.00', '}']))).toThrow(/expected an object list/);
  });

  it('reads #SIETYP 4E and 4I as type 4, saying so', () => {
    for (const t of ['4E', '4I', '"4i"']) {
      const doc = readSie(sie(['#FLAGGA 0', `#SIETYP ${t}`, '#FNAMN x']));
      expect(doc.header.sieType).toBe(4);
      expect(doc.issues).toMatchObject([{ code: 'SIE_REPAIRED', severity: 'info', line: 2, label: '#SIETYP' }]);
    }
  });

  it('reads a #VER with series but no number, or with neither, by where its date is, saying so', () => {
    const vers = ['#VER A 20250301 "Kaffe"', '#VER LEV1 20250302', '#VER 20250303 "Hyra" 20250304', '#VER "" 20250305 "x"', '#VER B 7 20250306 "normal"', '#VER 20250307 8 20250308'];
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', ...vers.flatMap((v) => [v, '{', '}'])]));
    expect(doc.vouchers.map((v) => [v.series, v.number, v.date, v.text, v.registrationDate])).toEqual([
      ['A', '', '2025-03-01', 'Kaffe', undefined],
      ['LEV1', '', '2025-03-02', '', undefined],
      ['', '', '2025-03-03', 'Hyra', '2025-03-04'],
      ['', '', '2025-03-05', 'x', undefined],
      ['B', '7', '2025-03-06', 'normal', undefined],
      ['20250307', '8', '2025-03-08', '', undefined],
    ]);
    expect(doc.issues.map((i) => [i.code, i.line])).toEqual([
      ['SIE_REPAIRED', 3],
      ['SIE_REPAIRED', 6],
      ['SIE_REPAIRED', 9],
      ['SIE_REPAIRED', 12],
    ]);
  });

  it('reads 0 and 0000-00-00 in an optional date field as no date; a bad registration date is a warning, not a lost voucher', () => {
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250301 "Kaffe" 0', '{', '#TRANS 1930 {} -5 0 "rad"', '#TRANS 6071 {} 5 0000-00-00', '}', '#VER A 2 20250302 "Hyra" 20251301', '{', '#TRANS 1930 {} 0 "0"', '}', '#VER A 3 0', '{', '#TRANS 1930 {} 0 20250303', '}']));
    expect(doc.vouchers.map((v) => [v.number, v.date, v.registrationDate, v.transactions.map((t) => [t.date, t.text])])).toEqual([
      ['1', '2025-03-01', undefined, [[undefined, 'rad'], [undefined, undefined]]],
      ['2', '2025-03-02', undefined, [[undefined, undefined]]],
      ['3', '2025-03-03', undefined, [['2025-03-03', undefined]]],
    ]);
    expect(doc.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['SIE_STRUCTURE', 'warning', 8],
      ['SIE_REPAIRED', 'info', 12],
    ]);
    // A row date that is not a date stays an error.
    expect(() => readSie(sie(['#FLAGGA 0', '#VER A 1 20250301', '{', '#TRANS 1930 {} 0 20251301', '}']))).toThrow(/Invalid date/);
  });

  it('reads a voucher whose "{" ends the #VER line or whose "}" ends its last row, saying so', () => {
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250301 "Kaffe" {', '#TRANS 1930 {} -5', '#TRANS 6071 {1 "10"} 5 }', '#VER A 2 20250302 "Hyra"\t{ ', '#TRANS 1930 {} -7', '#TRANS 5010 {} 7', '}', '#KONTO 1930 Bank']));
    expect(doc.vouchers.map((v) => [v.number, v.transactions.map((t) => [t.account, t.amount, t.objects.length])])).toEqual([
      ['1', [['1930', -500, 0], ['6071', 500, 1]]],
      ['2', [['1930', -700, 0], ['5010', 700, 0]]],
    ]);
    expect(doc.accounts.map((a) => a.number)).toEqual(['1930']);
    expect(doc.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['SIE_REPAIRED', 'info', 3],
      ['SIE_REPAIRED', 'info', 5],
      ['SIE_REPAIRED', 'info', 6],
    ]);
  });

  it('takes a #TRANS whose object list names the #RTRANS objects in another order as its echo (an object list is a set)', () => {
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250101', '{', '#RTRANS 1930 {1 "S" 6 "P1"} -100', '#TRANS 1930 {6 "P1" 1 S} -100', '#TRANS 6570 {} 100', '}']));
    expect(doc.vouchers[0]?.transactions.map((t) => [t.account, t.amount, t.added === true])).toEqual([
      ['1930', -10000, true],
      ['6570', 10000, false],
    ]);
    expect(doc.issues).toEqual([]);
    // Another object is another row: no echo, and the voucher does not balance.
    expect(() => readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250101', '{', '#RTRANS 1930 {1 "S" 6 "P1"} -100', '#TRANS 1930 {6 "P2" 1 S} -100', '#TRANS 6570 {} 100', '}']))).toThrow(UnbalancedVoucherError);
  });

  it('closes a voucher at a "}" with text after it ("} x", "}}"), warning with the line; a record glued to it stays an error', () => {
    for (const close of ['} x', '}}', '}\t;']) {
      const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250101', '{', '#TRANS 1930 {} -1', '#TRANS 6570 {} 1', close, '#KONTO 1930 Bank']));
      expect(doc.vouchers[0]?.transactions, close).toHaveLength(2);
      expect(doc.accounts.map((a) => a.number), close).toEqual(['1930']);
      expect(doc.issues.map((i) => [i.code, i.severity, i.line]), close).toEqual([['SIE_STRUCTURE', 'warning', 7]]);
    }
    const glued = sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250101', '{', '#TRANS 1930 {} -1', '#TRANS 6570 {} 1', '}#VER A 2 20250102', '{', '}']);
    expect(() => readSie(glued)).toThrow(SieParseError);
    expect(() => readSie(glued)).toThrow(/line 7/);
  });

  it('reads "{}" or "{ }" on the line after a #VER as a voucher without rows, saying so', () => {
    const doc = readSie(sie(['#FLAGGA 0', '#FNAMN x', '#VER A 1 20250101 "Tom"', '{ }', '#VER A 2 20250102', '{}', '#VER A 3 20250103', '{', '#TRANS 1930 {} -1', '#TRANS 6570 {} 1', '}']));
    expect(doc.vouchers.map((v) => [v.number, v.transactions.length])).toEqual([['1', 0], ['2', 0], ['3', 2]]);
    expect(doc.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['SIE_REPAIRED', 'info', 4],
      ['SIE_REPAIRED', 'info', 6],
    ]);
  });

  it('leaves out an empty object id on a voucher row ({1 ""}: no object for that dimension), so what it reads can be written', () => {
    const text = sie(['#FLAGGA 0', '#FNAMN x', '#GEN 20250101', '#VER A 1 20250101', '{', '#TRANS 1930 {1 ""} -1', '#TRANS 6570 {1 "" 6 "P1"} 1', '#BTRANS 6570 {1 " "} 5', '}', '#OIB 0 1930 {1 ""} 5']);
    const doc = readSie(text);
    expect(doc.vouchers[0]?.transactions.map((t) => t.objects)).toEqual([[], [{ dimension: 6, object: 'P1' }]]);
    expect(doc.vouchers[0]?.removed.map((t) => t.objects)).toEqual([[]]);
    expect(doc.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['SIE_REPAIRED', 'info', 6],
      ['SIE_REPAIRED', 'info', 7],
      ['SIE_REPAIRED', 'info', 8],
    ]);
    // A balance keeps its pair: it is what makes it an object balance.
    expect(doc.objectBalances[0]?.objects).toEqual([{ dimension: 1, object: '' }]);
    const back = readSie(writeSie({ ...doc, objectBalances: [] }, { type: '4I' }));
    expect(back.vouchers[0]?.transactions.map((t) => t.objects)).toEqual(doc.vouchers[0]?.transactions.map((t) => t.objects));
  });

  it('matches labels case-insensitively', () => {
    const doc = readSie(sie(['#flagga 0', '#fnamn "x"', '#ver A 1 20250101', '{', '#trans 1930 {} 0', '}']));
    expect(doc.header.companyName).toBe('x');
    expect(doc.vouchers).toHaveLength(1);
  });

  it('says that a declared type 1–3 file has no vouchers (info), and only then', () => {
    for (const type of [1, 2, 3]) {
      const doc = readSie(sie(['#FLAGGA 0', `#SIETYP ${type}`, '#FNAMN x', '#KONTO 1930 Bank', '#IB 0 1930 100.00', '#UB 0 1930 250.00']));
      expect(doc.vouchers).toEqual([]);
      expect(doc.balances).toHaveLength(2);
      expect(doc.issues).toMatchObject([{ code: 'SIE_STRUCTURE', severity: 'info', label: '#SIETYP' }]);
      expect(doc.issues[0]?.message).toContain(`SIE type ${type} file`);
    }
    expect(readSie(sie(['#FLAGGA 0', '#SIETYP 4', '#FNAMN x', '#IB 0 1930 100.00'])).issues).toEqual([]);
    expect(readSie(sie(['#FLAGGA 0', '#FNAMN x'])).issues).toEqual([]);
  });

  it('warns when #FLAGGA is missing', () => {
    const doc = readSie(sie(['#PROGRAM x 1', '#FNAMN x']));
    expect(doc.issues).toMatchObject([{ code: 'SIE_STRUCTURE', label: '#FLAGGA' }]);
  });
});
