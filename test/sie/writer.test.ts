/** writeSie: record order, quoting, encodings, refusals, text limits, determinism, #KSUMMA. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, KonteraError, SieVoucherWriteError, SieWriteError, UnbalancedVoucherError } from '../../src/core/errors.js';
import { createSieDocument, type CreateSieDocumentInput } from '../../src/sie/document.js';
import { readSie } from '../../src/sie/reader.js';
import type { SieDocument, WriteSieOptions } from '../../src/sie/types.js';
import { KONTERA_VERSION, type SieWriteWarning, writeSie } from '../../src/sie/writer.js';

const BASE: CreateSieDocumentInput = {
  company: { name: 'Kaffebryggeriet AB', orgNumber: '556677-8899' },
  generated: '2025-11-21',
  accounts: { '1930': 'Företagskonto', '6570': 'Bankkostnader', '2641': 'Debiterad ingående moms', '4010': 'Inköp' },
  vouchers: [
    {
      series: 'A',
      number: '1',
      date: '2025-11-03',
      text: 'Bankavgift',
      transactions: [
        { account: '6570', amount: 4500 },
        { account: '1930', amount: -4500 },
      ],
    },
  ],
};

function doc(patch: Partial<CreateSieDocumentInput> = {}): SieDocument {
  return createSieDocument({ ...BASE, ...patch });
}

function text(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}

function thrown(d: SieDocument, options?: WriteSieOptions): KonteraError {
  try {
    writeSie(d, options);
  } catch (err) {
    if (err instanceof KonteraError) return err;
    throw err;
  }
  throw new Error('expected writeSie to throw');
}

describe('writeSie', () => {
  it('writes a 4I file in the fixed record order, CRLF, unquoted codes, two-decimal amounts', () => {
    expect(text(writeSie(doc()))).toBe(
      [
        '#FLAGGA 0',
        '#FORMAT PC8',
        '#SIETYP 4',
        `#PROGRAM "kontera" ${KONTERA_VERSION}`,
        '#GEN 20251121',
        '#ORGNR 556677-8899',
        '#FNAMN "Kaffebryggeriet AB"',
        '#KONTO 1930 "F\u0094retagskonto"',
        '#KONTO 6570 "Bankkostnader"',
        '#VER A 1 20251103 "Bankavgift"',
        '{',
        '#TRANS 6570 {} 45.00',
        '#TRANS 1930 {} -45.00',
        '}',
        '',
      ].join('\r\n'),
    );
  });

  it('keeps KONTERA_VERSION equal to package.json', () => {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg).toMatchObject({ version: KONTERA_VERSION });
  });

  it('encodes CP437 by default: å ä ö Å Ä Ö as 0x86 0x84 0x94 0x8F 0x8E 0x99', () => {
    const bytes = writeSie(doc({ company: { name: 'åäöÅÄÖ' } }));
    const i = text(bytes).indexOf('#FNAMN "') + 8;
    expect([...bytes.subarray(i, i + 6)]).toEqual([0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99]);
    expect(readSie(bytes).header.companyName).toBe('åäöÅÄÖ');
    expect(readSie(bytes).encoding).toBe('cp437');
  });

  it('transliterates what CP437 lacks, and writes it unchanged in UTF-8 when asked', () => {
    const d = doc({ vouchers: [{ date: '2025-11-03', text: 'Kvitto 12 € – “Café” … Øl Š', transactions: [{ account: '1930', amount: 0 }] }] });
    expect(readSie(writeSie(d)).vouchers[0]?.text).toBe('Kvitto 12 EUR - "Café" ... Ol S');
    const utf8 = writeSie(d, { encoding: 'utf-8' });
    expect(readSie(utf8).encoding).toBe('utf-8');
    expect(readSie(utf8).vouchers[0]?.text).toBe('Kvitto 12 € – “Café” … Øl Š');
  });

  it('writes empty series and number as "" for the importing ledger to assign (4I)', () => {
    const out = text(writeSie(doc({ vouchers: [{ date: '2025-11-03', text: 'x', transactions: [{ account: '1930', amount: 0 }] }] })));
    expect(out).toContain('#VER "" "" 20251103 "x"\r\n');
  });

  it('quotes series and numbers only when they are not plain tokens', () => {
    const out = text(writeSie(doc({ vouchers: [{ series: 'LEV 1', number: '7', date: '2025-11-03', transactions: [{ account: '1930', amount: 0 }] }] })));
    expect(out).toContain('#VER "LEV 1" 7 20251103 ""\r\n');
  });

  it('writes every row field, "" for a gap, and an #RTRANS with its #TRANS echo', () => {
    const d = doc({
      vouchers: [
        {
          series: 'A',
          number: '2',
          date: '2025-11-03',
          text: 'V',
          registrationDate: '2025-11-04',
          sign: 'Anna',
          transactions: [
            { account: '1930', amount: -12345, objects: [{ dimension: 6, object: '0001' }, { dimension: 1, object: 'Nord' }], text: 'rad' },
            { account: '6570', amount: 12000, quantity: 1.5, sign: 'Bo' },
            { account: '2641', amount: 345, added: true, sign: 'Cia', date: '2025-11-05' },
          ],
        },
      ],
    });
    const lines = text(writeSie(d)).split('\r\n');
    const at = lines.indexOf('{');
    expect(lines.slice(at - 1, at + 6)).toEqual([
      '#VER A 2 20251103 "V" 20251104 "Anna"',
      '{',
      '#TRANS 1930 {6 "0001" 1 "Nord"} -123.45 "" "rad"',
      '#TRANS 6570 {} 120.00 "" "" 1.5 "Bo"',
      '#RTRANS 2641 {} 3.45 20251105 "" "" "Cia"',
      '#TRANS 2641 {} 3.45 20251105',
      '}',
    ]);
  });

  it('names a used account the document lacks from the client chart, else BAS 2025, else its number, with a warning', () => {
    const d = doc({
      accounts: { '1930': 'Företagskonto' },
      vouchers: [
        {
          series: 'A',
          number: '1',
          date: '2025-11-03',
          text: 'Blandat',
          transactions: [
            { account: '1930', amount: -10000 },
            { account: '6570', amount: 4000 },
            { account: '2641', amount: 1000 },
            { account: '6999', amount: 2000 },
            { account: '5999', amount: 3000 },
          ],
        },
      ],
    });
    const warnings: SieWriteWarning[] = [];
    const out = text(writeSie(d, { chart: { '6999': 'Övrigt, ej avdragsgillt' }, onWarning: (w) => warnings.push(w) }));
    // The client's chart first; BAS 2025 for accounts it lacks (names read from the published sheet
    // where the corpus is checked out next to the repository).
    const sheet = new URL('../../../shared/corpus/bas/forsslund/Kontoplan-BAS-2025.csv', import.meta.url);
    const bas = new Map(
      (existsSync(sheet) ? readFileSync(sheet, 'utf8') : ',2641,Debiterad ingående moms,\n,6570,Bankkostnader,\n')
        .split('\n')
        .map((l) => /,(\d{4}),("?)([^"]*?)\2,\s*$/.exec(l.trim()))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1] as string, m[3] as string]),
    );
    expect(warnings.map((w) => [w.account, w.source, w.name])).toEqual([
      ['2641', 'bas', bas.get('2641')],
      ['5999', 'number', '5999'],
      ['6570', 'bas', bas.get('6570')],
      ['6999', 'chart', 'Övrigt, ej avdragsgillt'],
    ]);
    expect(bas.has('5999')).toBe(false);
    const read = readSie(new TextEncoder().encode(out.replace(/[^\x00-\x7f]/g, '?')));
    expect(read.accounts.map((a) => a.number).sort()).toEqual(['1930', '2641', '5999', '6570', '6999']);
    expect(out).toContain('#KONTO 5999 "5999"');
    expect(warnings[0]?.message).toMatch(/Account 2641 had no #KONTO record in the document: written as ".+" from BAS 2025/);
  });

  it('refuses an unnamed account only when told to, and omits it when told to', () => {
    const d = doc({ accounts: { '1930': 'Företagskonto' } });
    expect(text(writeSie(d))).toMatch(/#KONTO 6570 "Bankkostnader"/);
    const err = thrown(d, { undeclaredAccounts: 'error' });
    expect(err).toBeInstanceOf(SieWriteError);
    expect(err).toMatchObject({ code: 'SIE_WRITE', field: 'accounts' });
    expect(err.message).toMatch(/Cannot write #KONTO for account 6570: expected a name/);
    const out = text(writeSie(d, { undeclaredAccounts: 'omit' }));
    expect(out).toContain('#KONTO 1930 ');
    expect(out).not.toContain('#KONTO 6570');
    expect(out).toContain('#TRANS 6570 {} 45.00');
  });

  it('4I writes only the accounts and objects the vouchers use and no balances; 4E writes everything', () => {
    const full = readSie(
      [
        '#FLAGGA 0',
        '#GEN 20250101',
        '#FNAMN x',
        '#BKOD 62010',
        '#OMFATTN 20251231',
        '#KONTO 1930 Bank',
        '#KONTO 3010 Sales',
        '#KONTO 9999 Unused',
        '#DIM 1 Ställe',
        '#DIM 6 Projekt',
        '#OBJEKT 1 "01" Syd',
        '#OBJEKT 1 "02" Nord',
        '#IB 0 1930 5',
        '#OUB 0 1930 {1 "01"} 5',
        '#PSALDO 0 202501 3010 {} -1',
        '#VER A 1 20250101',
        '{',
        '#TRANS 1930 {1 "01"} 1',
        '#TRANS 3010 {} -1',
        '}',
      ].join('\n'),
    );
    const i = text(writeSie(full, { type: '4I' }));
    expect(i.match(/^#[A-Z]+/gm)).toEqual(['#FLAGGA', '#FORMAT', '#SIETYP', '#PROGRAM', '#GEN', '#FNAMN', '#KONTO', '#KONTO', '#DIM', '#OBJEKT', '#VER', '#TRANS', '#TRANS']);
    expect(i).toContain('#OBJEKT 1 "01" "Syd"');
    const e = text(writeSie(full, { type: '4E' }));
    expect(e.match(/^#[A-Z]+/gm)).toEqual([
      '#FLAGGA', '#FORMAT', '#SIETYP', '#PROGRAM', '#GEN', '#BKOD', '#FNAMN', '#OMFATTN', '#KONTO', '#KONTO', '#KONTO', '#DIM', '#DIM', '#OBJEKT', '#OBJEKT',
      '#IB', '#OUB', '#PSALDO', '#VER', '#TRANS', '#TRANS',
    ]);
  });

  it('refuses an unbalanced voucher with UnbalancedVoucherError', () => {
    const d = doc({ vouchers: [{ series: 'A', number: '9', date: '2025-11-03', transactions: [{ account: '6570', amount: 4500 }, { account: '1930', amount: -4400 }] }] });
    const err = thrown(d);
    expect(err).toBeInstanceOf(UnbalancedVoucherError);
    expect(err).toMatchObject({ series: 'A', number: '9', difference: 100 });
  });

  it('ignores struck rows in the balance but still writes them', () => {
    const base = readSie('#FLAGGA 0\n#GEN 20250101\n#FNAMN x\n#KONTO 1930 B\n#VER A 1 20250101\n{\n#TRANS 1930 {} 0\n#BTRANS 1930 {} 5\n}');
    expect(text(writeSie(base))).toContain('#BTRANS 1930 {} 5.00\r\n');
  });

  it('refuses values it cannot write correctly, naming the field', () => {
    const bad = (t: Record<string, unknown>): SieDocument =>
      doc({ vouchers: [{ date: '2025-11-03', transactions: [{ account: '1930', amount: 0, ...t }, { account: '6570', amount: 0 }] }] });
    expect(thrown(bad({ amount: 12.5 }))).toMatchObject({ code: 'SIE_WRITE', field: 'amount' });
    expect(thrown(bad({ account: '19 30' }))).toMatchObject({ code: 'SIE_WRITE', field: 'account' });
    expect(thrown(bad({ date: '2025-02-30' }))).toMatchObject({ code: 'SIE_WRITE' });
    expect(thrown(bad({ quantity: Number.NaN }))).toMatchObject({ code: 'SIE_WRITE', field: 'quantity' });
    expect(thrown(bad({ objects: [{ dimension: 0, object: 'x' }] }))).toMatchObject({ code: 'SIE_WRITE', field: 'dimension' });
    expect(thrown(doc({ vouchers: [{ date: '20251103', transactions: [] }] })).message).toMatch(/expected an ISO date YYYY-MM-DD, found "20251103"/);
    expect(thrown(doc(), { generatedDate: 'today' })).toMatchObject({ code: 'SIE_WRITE' });
    const noName: SieDocument = { ...doc(), header: { ...doc().header, companyName: undefined } };
    expect(thrown(noName).message).toMatch(/#FNAMN/);
    const noGen: SieDocument = { ...doc(), header: { ...doc().header, generated: undefined } };
    expect(thrown(noGen).message).toMatch(/#GEN/);
    expect(text(writeSie(noGen, { generatedDate: '2025-01-02' }))).toContain('#GEN 20250102\r\n');
  });

  it('rejects invalid options with InvalidOptionError', () => {
    expect(thrown(doc(), { type: '4X' as '4I' })).toBeInstanceOf(InvalidOptionError);
    expect(thrown(doc(), { encoding: 'latin1' as 'utf-8' })).toBeInstanceOf(InvalidOptionError);
    expect(thrown(doc(), { maxTextLength: 0 })).toBeInstanceOf(InvalidOptionError);
    expect(thrown(doc(), { undeclaredAccounts: 'skip' as 'omit' })).toBeInstanceOf(InvalidOptionError);
  });

  it('cuts voucher and row texts only when asked (true = Fortnox 50)', () => {
    const long = 'Faktura 12345 från Leverantören med ett mycket långt namn AB, Storgatan 1';
    const d = doc({ vouchers: [{ date: '2025-11-03', text: long, transactions: [{ account: '1930', amount: 0, text: long }] }] });
    expect(readSie(writeSie(d)).vouchers[0]?.text).toBe(long);
    const cut = readSie(writeSie(d, { maxTextLength: true })).vouchers[0];
    expect(cut?.text).toBe(long.slice(0, 50));
    expect(cut?.transactions[0]?.text).toBe(long.slice(0, 50));
    expect(readSie(writeSie(d, { maxTextLength: 10 })).vouchers[0]?.text).toBe('Faktura 12');
    expect(readSie(writeSie(d, { maxTextLength: true })).header.companyName).toBe('Kaffebryggeriet AB');
  });

  it('is deterministic: the same document gives the same bytes', () => {
    const a = writeSie(doc(), { checksum: true });
    const b = writeSie(doc(), { checksum: true });
    expect(a).toEqual(b);
    expect(writeSie(readSie(a), { checksum: true })).toEqual(a);
  });

  it('writes a #KSUMMA that verifies, opened right after #FLAGGA and closed last', () => {
    const bytes = writeSie(doc(), { checksum: true });
    const lines = text(bytes).split('\r\n');
    expect(lines.slice(0, 2)).toEqual(['#FLAGGA 0', '#KSUMMA']);
    expect(lines.at(-2)).toMatch(/^#KSUMMA \d+$/);
    expect(readSie(bytes).checksum.status).toBe('valid');
    expect(readSie(writeSie(doc(), { checksum: true, encoding: 'utf-8' })).checksum.status).toBe('valid');
    const tampered = text(bytes).replace('45.00', '46.00').replace('-45.00', '-46.00');
    expect(readSie(tampered).checksum.status).toBe('invalid');
  });
});

describe('writeSie refuses what importers reject: empty vouchers and empty object ids', () => {
  const rows = BASE.vouchers[0]?.transactions ?? [];

  it('refuses a voucher with no rows, naming it, and writes nothing', () => {
    const d = doc({ vouchers: [...BASE.vouchers, { series: 'B', number: '7', date: '2025-11-04', text: 'Tom', transactions: [] }] });
    for (const type of ['4I', '4E'] as const) {
      const e = thrown(d, { type });
      expect(e).toBeInstanceOf(SieVoucherWriteError);
      expect(e).toBeInstanceOf(SieWriteError);
      expect(e.code).toBe('SIE_WRITE');
      expect(e.message).toContain('voucher B 7 dated 2025-11-04');
      expect(e.message).toContain('expected at least one #TRANS row, found none');
      expect((e as SieVoucherWriteError).series).toBe('B');
      expect((e as SieVoucherWriteError).number).toBe('7');
      expect((e as SieVoucherWriteError).row).toBeUndefined();
    }
  });

  it('refuses a voucher with struck rows only in 4I, writes it in 4E (an export shows it, as Fortnox does)', () => {
    const base = doc();
    const struck = { ...(base.vouchers[0] as SieDocument['vouchers'][number]), number: '2', transactions: [], removed: [{ account: '6570', amount: 4500, objects: [] }] };
    const d: SieDocument = { ...base, vouchers: [...base.vouchers, struck] };
    const e = thrown(d, { type: '4I' });
    expect(e).toBeInstanceOf(SieVoucherWriteError);
    expect(e.message).toContain('voucher A 2');
    expect(e.message).toContain('found only 1 struck (#BTRANS) row');
    expect(text(writeSie(d, { type: '4E' }))).toContain('#VER A 2 20251103 "Bankavgift"\r\n{\r\n#BTRANS 6570 {} 45.00\r\n}');
  });

  it('refuses an empty object id on a row, naming voucher and row', () => {
    for (const id of ['', '  ']) {
      const d = doc({ vouchers: [{ series: 'A', number: '3', date: '2025-11-05', text: 'Hyra', transactions: [rows[0] as { account: string; amount: number }, { account: '1930', amount: -4500, objects: [{ dimension: 1, object: id }] }] }] });
      const e = thrown(d);
      expect(e).toBeInstanceOf(SieVoucherWriteError);
      expect(e.message).toContain('voucher A 3 dated 2025-11-05');
      expect(e.message).toContain(`expected a non-empty object id for dimension 1 on row 2 (#TRANS 1930), found ${JSON.stringify(id)}`);
      expect((e as SieVoucherWriteError).row).toBe(2);
      expect(e.field).toBe('row 2');
    }
  });

  it('refuses an #OBJEKT with an empty id', () => {
    const d = doc({ vouchers: [], dimensions: [{ number: 1, name: 'Kostnadsställe' }], objects: [{ dimension: 1, id: '', name: 'Inget' }] });
    const e = thrown(d, { type: '4E' });
    expect(e).toBeInstanceOf(SieWriteError);
    expect(e.message).toContain('Cannot write #OBJEKT 1 "Inget": expected a non-empty object id, found ""');
  });

  it('refuses an empty object id in an object balance', () => {
    const d: SieDocument = { ...doc({ vouchers: [] }), objectBalances: [{ kind: 'OIB', yearIndex: 0, account: '1930', objects: [{ dimension: 1, object: '' }], amount: 100 }] };
    const e = thrown(d, { type: '4E' });
    expect(e).toBeInstanceOf(SieWriteError);
    expect(e.message).toContain('Cannot write #OIB 1930: expected a non-empty object id for dimension 1, found ""');
  });
});

describe('writeSie in UTF-8 says so', () => {
  it('writes #FORMAT UTF8 (PC8 means CP437), and readSie reads it back as UTF-8 without a mismatch', () => {
    const d = doc({ company: { name: 'Åkeri € AB' } });
    const bytes = writeSie(d, { encoding: 'utf-8' });
    const lines = new TextDecoder('utf-8').decode(bytes).split('\r\n');
    expect(lines[1]).toBe('#FORMAT UTF8');
    expect(lines).not.toContain('#FORMAT PC8');
    const back = readSie(bytes);
    expect(back.encoding).toBe('utf-8');
    expect(back.header.format).toBe('UTF8');
    expect(back.header.companyName).toBe('Åkeri € AB');
    expect(back.issues.filter((i) => i.code === 'SIE_ENCODING_MISMATCH' || i.code === 'SIE_STRUCTURE')).toEqual([]);
    expect(writeSie(back, { encoding: 'utf-8' })).toEqual(bytes);
    // CP437 output keeps the standard label.
    expect(text(writeSie(d)).split('\r\n')[1]).toBe('#FORMAT PC8');
  });

  it('writes no byte-order mark: in both encodings the first bytes are #FLAGGA, as the spec requires', () => {
    const d = doc({ company: { name: 'Åkeri € AB' } });
    for (const encoding of ['utf-8', 'cp437'] as const) {
      const bytes = writeSie(d, { encoding });
      expect(Buffer.from(bytes.subarray(0, 11)).toString('latin1'), encoding).toBe('#FLAGGA 0\r\n');
    }
  });

  it('reads an ASCII-only UTF-8 file as UTF-8 (what #FORMAT says), with no mismatch', () => {
    const back = readSie(writeSie(doc(), { encoding: 'utf-8' }));
    expect(back.encoding).toBe('utf-8');
    expect(back.issues.filter((i) => i.code === 'SIE_ENCODING_MISMATCH')).toEqual([]);
  });
});
