/**
 * Excel 97–2003 statements (.xls: BIFF8 in a compound file). Real files from two independent
 * writers (fixtures/make-xls-fixtures.py: LibreOffice's "MS Excel 97" filter and xlwt), records
 * built from [MS-XLS] for what neither writes (test/support/xls-builder.ts), and damaged files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CfbError, readCompoundFile } from '../../src/core/cfb.js';
import { KonteraError, StatementParseError } from '../../src/core/errors.js';
import { detectStatementFormat, parseStatement } from '../../src/statements/index.js';
import { xlsToText } from '../../src/statements/xls.js';
import { xlsxToText } from '../../src/statements/xlsx.js';
import { caught as caughtAny } from '../support/errors.js';
import { seededRandom as rng } from '../support/random.js';
import { CFB, compoundFile, f64, rec, u16, u32, workbook, xf, xlString } from '../support/xls-builder.js';

/** The typed error a call throws (the statement reader's). */
const caught = (fn: () => unknown): StatementParseError => caughtAny(fn, StatementParseError);

const fixture = (p: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url)));
const core = (t: { line: number; date: string; amount: number; text: string; balance?: number | undefined }): unknown[] => [t.line, t.date, t.amount, t.text, t.balance];

describe('.xls re-saves of bank exports (LibreOffice, "MS Excel 97")', () => {
  it('Swedbank: the .xls reads to the same statement as the CSV it was saved from', () => {
    const csv = parseStatement(fixture('swedbank/csv-2020-cp1252-crlf.csv'));
    const xls = parseStatement(fixture('swedbank/csv-2020-excel97-resave.xls'), { fileName: 'Transaktioner.xls' });
    expect(xls.format).toBe('swedbank-csv');
    expect(xls.transactions).toEqual(csv.transactions);
    expect(xls.accountNumber).toBe(csv.accountNumber);
    expect(xls.warnings.map((w) => w.code)).toEqual(csv.warnings.map((w) => w.code));
    // Dates were stored as date-formatted numbers, amounts as numbers with decimals and signs.
    expect(xls.transactions.slice(0, 3).map(core)).toEqual([
      [3, '2020-02-03', -1485, 'COOP', 1_000_000],
      [4, '2020-02-03', -20_000, 'overforing', 1_020_000],
      [5, '2020-02-03', -5755, 'ICA SUPERMARKET', 1_025_755],
    ]);
  });

  it('Nordea: same dates, amounts, texts (å, ä, ö) and balances as the CSV', () => {
    const csv = parseStatement(fixture('nordea/private-2020.csv'));
    const xls = parseStatement(fixture('nordea/private-2020-excel97-resave.xls'));
    expect(xls.transactions.map(core)).toEqual(csv.transactions.map(core));
    expect(xls.transactions.map((t) => t.text)).toContain('Kortköp 200124 ICA NARA ORMINGE');
    expect(xls.transactions.map((t) => t.text)).toContain('Lön');
  });

  it('a long SEB export: 300 rows, shared strings over CONTINUE records, € texts in UTF-16', () => {
    const bytes = fixture('seb/transaktioner-2026-long-excel97.xls');
    // The fixture does exercise a split table: its SST record is followed by a CONTINUE.
    const stream = readCompoundFile(bytes, 1 << 26).read('Workbook') as Uint8Array;
    const sst = Buffer.from(stream).indexOf(Buffer.from([0xfc, 0x00, 0x20, 0x20]));
    expect(sst).toBeGreaterThan(0);
    expect(stream[sst + 4 + 0x2020]).toBe(0x3c);

    const s = parseStatement(bytes);
    expect(s.format).toBe('seb-transaktioner');
    // The rows the fixture script wrote (fixtures/make-xls-fixtures.py), rebuilt here.
    const names = ['Åsa Öberg', 'Björn Ängström', 'Märta Söderlund', 'Östen Åkesson', 'Kafé Ölstugan', 'Gösta Ärlig'];
    let balance = 48_215_050;
    let day = Date.UTC(2026, 10, 30);
    const expected: unknown[][] = [];
    for (let i = 0; i < 300; i++) {
      const amount = i % 7 ? -(1234 + i * 731) : 2_850_000 + i;
      const who = names[i % names.length] as string;
      const text = amount > 0 ? `Lön ${String(i).padStart(3, '0')} ${who} AB` : i % 11 ? `Kortköp ${String(i).padStart(3, '0')} ${who} Göteborg` : `Betalning € ${String(i).padStart(3, '0')} ${who} Café Räksmörgås`;
      expected.push([i + 2, new Date(day).toISOString().slice(0, 10), amount, text, balance]);
      balance -= amount;
      if (i % 3 === 2) day -= 86_400_000;
    }
    expect(s.transactions.map(core)).toEqual(expected);
    expect(s.warnings.filter((w) => w.code === 'BALANCE_CHAIN_BROKEN')).toEqual([]);
  });

  it('formulas: the cached results of balance and total formulas', () => {
    const { text } = xlsToText(fixture('generic/formulas-cached-excel97.xls'));
    expect(text.split('\n')).toEqual([
      'Bokföringsdag\tText\tBelopp\tSaldo',
      '2026-10-01\tIngående saldo\t\t5000',
      '2026-10-02\tSwish Åsa Öberg\t-250.50\t4749.50',
      '2026-10-03\tHyra oktober\t-1000\t3749.50',
      '2026-10-05\tBG 5555-1234 Kund AB\t2000.25\t5749.75',
      'Summa\t\t749.75',
    ]);
    const s = parseStatement(fixture('generic/formulas-cached-excel97.xls'));
    expect(s.transactions.map(core)).toEqual([
      [3, '2026-10-02', -25_050, 'Swish Åsa Öberg', 474_950],
      [4, '2026-10-03', -100_000, 'Hyra oktober', 374_950],
      [5, '2026-10-05', 200_025, 'BG 5555-1234 Kund AB', 574_975],
    ]);
  });
});

describe('the same sheet saved as .xls and as .xlsx', () => {
  it('gives the same text from both readers (dates, decimals, negatives, å/ä/ö, €, formulas, empty cells)', () => {
    for (const f of ['seb/transaktioner-2026-long-excel97', 'generic/formulas-cached-excel97']) {
      const xls = xlsToText(fixture(`${f}.xls`));
      const xlsx = xlsxToText(fixture(`${f}.xlsx`));
      expect(xls.text.length).toBeGreaterThan(100);
      expect(xls).toEqual(xlsx);
    }
  });
});

describe('the compound file', () => {
  it('reads a stream below the 4096-byte cutoff from the mini stream', () => {
    const cfb = readCompoundFile(fixture('nordea/private-2020-excel97-resave.xls'), 1 << 26);
    const info = cfb.entries.find((e) => e.name === '\x05SummaryInformation');
    expect(info?.size).toBeLessThan(4096);
    const bytes = cfb.read('\x05SummaryInformation') as Uint8Array;
    expect(bytes.length).toBe(info?.size);
    // A property set stream ([MS-OLEPS]): byte order FFFE, then version 0, then the property set's FMTID.
    expect([...bytes.subarray(0, 4)]).toEqual([0xfe, 0xff, 0, 0]);
    expect(cfb.read('Nothing')).toBeUndefined();
  });

  it('a mini FAT chain that loops is an error, not a hang', () => {
    const b = Buffer.from(fixture('nordea/private-2020-excel97-resave.xls'));
    const entry = b.indexOf(Buffer.from('\x05SummaryInformation', 'utf16le'));
    const start = b.readUInt32LE(entry + 0x74);
    b.writeUInt32LE(start, (b.readUInt32LE(0x3c) + 1) * 512 + start * 4);
    expect(() => readCompoundFile(b, 1 << 26).read('\x05SummaryInformation')).toThrow(CfbError);
    expect(() => readCompoundFile(b, 1 << 26).read('\x05SummaryInformation')).toThrow(/loops at sector/);
  });
});

describe('.xls written by xlwt', () => {
  it('a summary sheet before and a notes sheet after the transactions; dates in the 1904 system', () => {
    const bytes = fixture('generic/xlwt-1904-sheets-around.xls');
    expect(xlsToText(bytes).sheet).toBe('Sammanfattning');
    const s = parseStatement(bytes, { fileName: 'kontoutdrag.xls' });
    expect(s.transactions.map(core)).toEqual([
      [4, '2026-10-02', -25_050, 'Swish Åsa Öberg', 474_950],
      [5, '2026-10-03', -100_000, 'Hyra oktober Fastighets AB Ängen', 374_950],
      [6, '2026-10-05', 200_025, 'BG 5555-1234 Kund AB', 574_975],
      [7, '2026-10-06', -1234, 'Kortköp Café Ölstugan', 573_741],
    ]);
    // The same workbook saved as XLSX (date1904="true" in xl/workbook.xml) reads to the same dates.
    const xlsx = parseStatement(fixture('generic/xlwt-1904-sheets-around.xlsx'), { fileName: 'kontoutdrag.xlsx' });
    expect(xlsx.transactions.map(core)).toEqual(s.transactions.map(core));
  });
});

/** A BIFF8 workbook of one sheet "Konto" with the given cell records, in a compound file. */
function book(cells: Buffer[], globals: Buffer[] = [], extraSheets: { name: string; records: Buffer[] }[] = []): Buffer {
  return compoundFile([{ name: 'Workbook', data: workbook([...globals, xf(0), xf(14), xf(0xa4)], [...extraSheets, { name: 'Konto', records: cells }]) }]);
}
const label = (r: number, c: number, s: string): Buffer => rec(0x0204, u16(r), u16(c), u16(0), xlString(s));
const number = (r: number, c: number, v: number, xfi = 0): Buffer => rec(0x0203, u16(r), u16(c), u16(xfi), f64(v));
const rk = (r: number, c: number, raw: number, xfi = 0): Buffer => rec(0x027e, u16(r), u16(c), u16(xfi), u32(raw));
const HEADER = [label(0, 0, 'Bokföringsdag'), label(0, 1, 'Text'), label(0, 2, 'Belopp'), label(0, 3, 'Saldo')];

describe('BIFF8 records from the specification', () => {
  it('RK (integer, ×100, float), MULRK, BOOLERR, MULBLANK, a custom date format, a text formula with its STRING', () => {
    const fmt = rec(0x041e, u16(0xa4), xlString('yyyy\\-mm\\-dd;@'));
    const formula = (r: number, c: number, value: number[]): Buffer => rec(0x0006, u16(r), u16(c), u16(0), value, u16(0), u32(0), u16(0));
    const cells = [
      ...HEADER,
      rk(1, 0, (46297 << 2) | 2, 2), // integer RK, custom date format
      formula(1, 1, [0, 0, 0, 0, 0, 0, 0xff, 0xff]),
      rec(0x0207, xlString('Swish Åsa Öberg')),
      rk(1, 2, (-25050 << 2) | 3), // ×100
      number(1, 3, 4749.5),
      rk(2, 0, (46298 << 2) | 2, 1),
      label(2, 1, 'Hyra'),
      rec(0x00bd, u16(2), u16(2), u16(0), u32((-100000 << 2) | 3), u16(0), u32((374950 << 2) | 3), u16(3)),
      rec(0x0205, u16(3), u16(0), u16(0), [1, 0]),
      rec(0x0205, u16(3), u16(1), u16(0), [0x2a, 1]),
      rec(0x00be, u16(4), u16(0), u16(0), u16(0), u16(0), u16(2)),
    ];
    expect(xlsToText(book(cells, [fmt])).text.split('\n')).toEqual([
      'Bokföringsdag\tText\tBelopp\tSaldo',
      '2026-10-02\tSwish Åsa Öberg\t-250.50\t4749.50',
      '2026-10-03\tHyra\t-1000\t3749.50',
      '1\t#N/A',
      '\t\t',
    ]);
  });

  it('a shared string split across CONTINUE that goes on in UTF-16, and a rich-text run after it', () => {
    const strings = ['Bokföringsdag', 'Belopp', 'Saldo', 'Text'];
    const sstHead = [...u32(5), ...u32(5), ...strings.flatMap(xlString)];
    // String 5: "Kortköp Café " in 8 bits, then "€ Åsa" in UTF-16 in the CONTINUE, rich flag with one run.
    const first = 'Kortköp Café ';
    const rest = '€ Åsa';
    const sst = rec(0x00fc, sstHead, u16(first.length + rest.length), [0x08], u16(1), [...Buffer.from(first, 'latin1')]);
    const cont = rec(0x003c, [0x01], [...Buffer.from(rest, 'utf16le')], u32(0x00050000));
    const lsst = (r: number, c: number, i: number): Buffer => rec(0x00fd, u16(r), u16(c), u16(0), u32(i));
    const cells = [lsst(0, 0, 0), lsst(0, 1, 3), lsst(0, 2, 1), lsst(0, 3, 2), number(1, 0, 46297, 1), lsst(1, 1, 4), number(1, 2, -12.5), number(1, 3, 987.5)];
    const bytes = compoundFile([{ name: 'Workbook', data: workbook([xf(0), xf(14), sst, cont], [{ name: 'Blad1', records: cells }]) }]);
    const s = parseStatement(bytes);
    expect(s.transactions.map(core)).toEqual([[2, '2026-10-02', -1250, 'Kortköp Café € Åsa', 98_750]]);
  });

  it('BIFF5 (Excel 5.0/95, "Book" stream): 8-bit strings in the workbook code page', () => {
    const lbl = (r: number, c: number, s: string): Buffer => rec(0x0204, u16(r), u16(c), u16(0), u16(s.length), [...Buffer.from(s, 'latin1')]);
    const cells = [lbl(0, 0, 'Bokföringsdag'), lbl(0, 1, 'Text'), lbl(0, 2, 'Belopp'), number(1, 0, 46297, 1), lbl(1, 1, 'Överföring Märta'), number(1, 2, -99.9)];
    const data = workbook([rec(0x0042, u16(1252)), xf(0), xf(14)], [{ name: 'Blad1', records: cells }], 0x0500);
    const s = parseStatement(compoundFile([{ name: 'Book', data }]));
    expect(s.transactions.map((t) => [t.date, t.amount, t.text])).toEqual([['2026-10-02', -9990, 'Överföring Märta']]);
  });

  it('the first sheet a format claims, else the first sheet', () => {
    const notes = { name: 'Noter', records: [label(0, 0, 'Anteckningar')] };
    const bytes = book([...HEADER, number(1, 0, 46297, 1), label(1, 1, 'Hyra'), number(1, 2, -1000), number(1, 3, 0)], [], [notes]);
    expect(xlsToText(bytes).sheet).toBe('Noter');
    expect(xlsToText(bytes, undefined, undefined, (t) => t.startsWith('Bokf')).sheet).toBe('Konto');
    expect(parseStatement(bytes).transactions.map(core)).toEqual([[2, '2026-10-02', -100_000, 'Hyra', 0]]);
  });
});

describe('damaged and hostile .xls', () => {
  const good = (): Buffer => book([...HEADER, number(1, 0, 46297, 1), label(1, 1, 'Hyra'), number(1, 2, -1000), number(1, 3, 0)]);
  const quick = (bytes: Uint8Array, code: string, message: RegExp, options: Parameters<typeof parseStatement>[1] = {}): void => {
    const t0 = performance.now();
    const e = caught(() => parseStatement(bytes, { fileName: 'konto.xls', ...options }));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(e.code).toBe(code);
    expect(e.file).toBe('konto.xls');
    expect(e.message).toMatch(message);
  };

  it('the builder makes a readable file (the baseline the damage is done to)', () => {
    expect(parseStatement(good()).transactions).toHaveLength(1);
  });

  it('encrypted (FILEPASS) is named as such', () => {
    const bytes = book([...HEADER], [rec(0x002f, u16(1), new Array<number>(52).fill(0))]);
    quick(bytes, 'UNSUPPORTED_CONTAINER', /Encrypted \(password-protected\) Excel 97–2003 workbook: expected an unprotected workbook/);
  });

  it('an encrypted XLSX (EncryptedPackage in a compound file) is named as such', () => {
    const bytes = compoundFile([{ name: 'EncryptionInfo', data: new Uint8Array(64) }, { name: 'EncryptedPackage', data: new Uint8Array(64) }]);
    quick(bytes, 'UNSUPPORTED_CONTAINER', /Encrypted \(password-protected\) Excel workbook \(XLSX\)/);
  });

  it('another compound file (a Word document) says what it holds', () => {
    quick(compoundFile([{ name: 'WordDocument', data: new Uint8Array(10) }]), 'UNSUPPORTED_CONTAINER', /expected a Workbook stream.*WordDocument/);
  });

  it('a real workbook cut short', () => {
    const bytes = fixture('seb/transaktioner-2026-long-excel97.xls');
    for (const cut of [8, 300, 512, 4096, Math.floor(bytes.length / 2), bytes.length - 600]) {
      quick(bytes.subarray(0, cut), 'UNSUPPORTED_CONTAINER', /Unreadable Excel 97–2003 workbook \(XLS\): .*(header|end of the file|past the end|ends)/);
    }
  });

  it('a FAT chain that loops, or points past the file', () => {
    const loop = good();
    loop.writeUInt32LE(3, CFB.fatEntry(5)); // the Workbook's chain 2→3→…→9: sector 5 goes back to 3
    quick(loop, 'UNSUPPORTED_CONTAINER', /chain loops at sector 3/);
    const out = good();
    out.writeUInt32LE(100_000, CFB.fatEntry(4));
    quick(out, 'UNSUPPORTED_CONTAINER', /sector 100000 is outside the allocation table/);
    const far = good();
    far.writeUInt32LE(120, CFB.fatEntry(8)); // the last sector of the chain moved past the file
    far.writeUInt32LE(0xfffffffe, CFB.fatEntry(120));
    quick(far, 'UNSUPPORTED_CONTAINER', /points to sector 120, past the end of the file/);
  });

  it('absurd sector sizes, FAT counts and stream sizes', () => {
    const shift = good();
    shift.writeUInt16LE(30, 0x1e);
    quick(shift, 'UNSUPPORTED_CONTAINER', /expected version 3 with 512-byte sectors/);
    const fats = good();
    fats.writeUInt32LE(0x7fffffff, 0x2c);
    quick(fats, 'UNSUPPORTED_CONTAINER', /declares 2147483647 FAT sectors/);
    const huge = good();
    huge.writeUInt32LE(0xfffffff0, CFB.dirEntry(1) + 0x78);
    quick(huge, 'INPUT_TOO_LARGE', /limits\.maxUncompressedBytes/);
    const long = good();
    long.writeUInt32LE(60 * 1024 * 1024, CFB.dirEntry(1) + 0x78);
    quick(long, 'UNSUPPORTED_CONTAINER', /expected 62914560 bytes .*chain ends after 8/);
  });

  it('a directory tree with a cycle', () => {
    const bytes = good();
    bytes.writeUInt32LE(1, CFB.dirEntry(1) + 0x48); // the Workbook entry is its own right sibling
    quick(bytes, 'UNSUPPORTED_CONTAINER', /reaches entry 1 twice/);
  });

  it('a shared string table that declares more strings than it holds', () => {
    const sst = rec(0x00fc, u32(1_000_000), u32(1_000_000), xlString('Bokföringsdag'));
    quick(book([...HEADER], [sst]), 'UNSUPPORTED_CONTAINER', /declares 1000000 strings, its records end after 1/);
    const longString = rec(0x00fc, u32(1), u32(1), u16(30_000), [0], [...Buffer.from('Bokf')]);
    quick(book([...HEADER], [longString]), 'UNSUPPORTED_CONTAINER', /shared string 1 of 1: expected 29996 more characters/);
  });

  it('a record whose length runs past the stream, and a LABELSST past the table', () => {
    const data = workbook([xf(0)], [{ name: 'Konto', records: [...HEADER] }]);
    // The sheet's EOF replaced by a NUMBER record header that declares 16 KiB in a 4 KiB stream.
    const cut = Buffer.concat([data.subarray(0, data.length - 4), Buffer.from([...u16(0x0203), ...u16(0x4000)])]);
    quick(compoundFile([{ name: 'Workbook', data: cut }]), 'UNSUPPORTED_CONTAINER', /record 0x0203 at offset \d+ declares 16384 bytes, past the end of the stream \(4096 bytes\)/);
    quick(book([rec(0x00fd, u16(0), u16(0), u16(0), u32(7))]), 'UNSUPPORTED_CONTAINER', /refers to shared string 7, the table has 0/);
  });

  it('a column past IV, and text past limits.maxUncompressedBytes', () => {
    quick(book([label(0, 300, 'Belopp')]), 'UNSUPPORTED_CONTAINER', /column A–IV, found row 1, column 301/);
    quick(fixture('seb/transaktioner-2026-long-excel97.xls'), 'INPUT_TOO_LARGE', /limits\.maxUncompressedBytes/, { limits: { maxUncompressedBytes: 20_000 } });
  });

  it('a sheet whose BOF is not where BOUNDSHEET says', () => {
    const data = workbook([xf(0)], [{ name: 'Konto', records: [...HEADER] }]);
    const at = data.indexOf(Buffer.from('Konto', 'latin1')) - 8;
    data.writeUInt32LE(3, at);
    quick(compoundFile([{ name: 'Workbook', data }]), 'UNSUPPORTED_CONTAINER', /BOF record is not at offset 3/);
  });

  it('random damage to real workbooks: a statement or a typed error, each within 2 s', () => {
    const files = ['swedbank/csv-2020-excel97-resave.xls', 'nordea/private-2020-excel97-resave.xls', 'seb/transaktioner-2026-long-excel97.xls', 'generic/formulas-cached-excel97.xls', 'generic/xlwt-1904-sheets-around.xls'];
    const originals = files.map(fixture);
    const rand = rng(11);
    for (let trial = 0; trial < 120; trial++) {
      const b = new Uint8Array(originals[trial % files.length] as Uint8Array);
      // Half the damage in the header, FAT and directory sectors, half anywhere.
      for (let k = 1 + Math.floor(rand() * 6); k > 0; k--) {
        const at = Math.floor(rand() * (rand() < 0.5 ? Math.min(b.length, 2048) : b.length));
        b[at] = rand() < 0.5 ? Math.floor(rand() * 256) : ([0, 0xff, 0xfe, 1] as const)[Math.floor(rand() * 4)] as number;
      }
      const t0 = performance.now();
      try {
        parseStatement(b, { fileName: files[trial % files.length] });
      } catch (e) {
        expect(e, `trial ${trial}`).toBeInstanceOf(KonteraError);
      }
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });

  it('detectStatementFormat reads .xls too', () => {
    expect(detectStatementFormat(fixture('swedbank/csv-2020-excel97-resave.xls')).format).toBe('swedbank-csv');
  });
});
