/**
 * Layouts real bank exports and their Excel re-saves take that kontera refused or misread: each
 * input is hand-written here with invented names and numbers, in the layout the export has.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../src/core/money.js';
import { parseDate } from '../../src/core/dates.js';
import { parseStatement } from '../../src/statements/index.js';
import { headerMeaning } from '../../src/statements/synonyms.js';
import { StatementParseError } from '../../src/core/errors.js';
import type { Statement } from '../../src/statements/types.js';

const rows = (s: Statement) => s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text]);
const codes = (s: Statement) => s.warnings.map((w) => w.code);

describe('rows that are not transactions inside the table', () => {
  it('a totals row with money but no date (`;Summa;455,00 kr;`) is a footer, not an invalid date', () => {
    const s = parseStatement(
      [
        'Kontoutdrag Företagskonto 1234-5678901',
        'Period 2026-10-01 - 2026-10-31',
        '',
        'Datum;Text;Belopp;Saldo',
        '2026-10-03;Kortköp Kaffebaren;-45,00 kr;9 955,00 kr',
        '2026-10-02;Swish inbetalning Ek;1 000,00 kr;10 000,00 kr',
        '2026-10-01;Överföring;-500,00 kr;9 000,00 kr',
        ';Summa;455,00 kr;',
        '',
      ].join('\n'),
    );
    expect(rows(s)).toEqual([
      [5, '2026-10-03', -4500, 995_500, 'Kortköp Kaffebaren'],
      [6, '2026-10-02', 100_000, 1_000_000, 'Swish inbetalning Ek'],
      [7, '2026-10-01', -50_000, 900_000, 'Överföring'],
    ]);
    expect(s.warnings.find((w) => w.code === 'FOOTER_IGNORED')?.lines).toEqual([8]);
  });

  it('a totals row with the word in the date column and both in/out sums is a footer', () => {
    const s = parseStatement('Datum,Beskrivning,Insättningar,Uttag,Saldo\n2026-10-02,Kund,2000.00,,6000.00\n2026-10-01,Hyra,,1000.00,4000.00\nTotalt,,2000.00,1000.00,\n');
    expect(rows(s)).toEqual([
      [2, '2026-10-02', 200_000, 600_000, 'Kund'],
      [3, '2026-10-01', -100_000, 400_000, 'Hyra'],
    ]);
    expect(codes(s)).toContain('FOOTER_IGNORED');
  });

  it('opening and closing balance rows are balance marks, and the file is not taken for a skattekontoutdrag', () => {
    const s = parseStatement(
      'Datum;Text;Belopp;Saldo\n2026-10-01;Ingående saldo;;5 000,00\n2026-10-02;Hyra;-1 000,00;4 000,00\n2026-10-03;Kund;2 000,00;6 000,00\n2026-10-31;Utgående saldo;;6 000,00\n',
    );
    expect(s.format).toBe('generic-csv');
    expect(rows(s)).toEqual([
      [3, '2026-10-02', -100_000, 400_000, 'Hyra'],
      [4, '2026-10-03', 200_000, 600_000, 'Kund'],
    ]);
    expect(s.openingBalance).toBe(500_000);
    expect(s.closingBalance).toBe(600_000);
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
  });

  it('an opening balance in the amount column of a table without a balance column is no deposit', () => {
    const s = parseStatement('Date,Description,Amount\n,Opening balance,5000.00\n2026-10-02,Rent,-1000.00\n2026-10-03,Customer,2000.00\n,Closing balance,6000.00\n');
    expect(s.transactions.map((t) => t.amount)).toEqual([-100_000, 200_000]);
    expect(s.openingBalance).toBe(500_000);
    expect(s.closingBalance).toBe(600_000);
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
  });

  it('the header repeated further down (a page break, files joined by hand) is skipped', () => {
    const s = parseStatement('Datum;Text;Belopp\n2026-10-02;Hyra;-100,00\nDatum;Text;Belopp\n2026-10-03;Kund;200,00\n');
    expect(rows(s)).toEqual([
      [2, '2026-10-02', -10_000, undefined, 'Hyra'],
      [4, '2026-10-03', 20_000, undefined, 'Kund'],
    ]);
  });

  it('a title and summary block of more than 12 lines above the header', () => {
    const pre = [
      'Företaget AB',
      'Org.nr 556677-8899',
      'Konto: 1234 56 78901',
      'Kontoutdrag',
      'Utskriftsdatum: 2026-11-01',
      'Period: 2026-10-01 - 2026-10-31',
      '',
      'Ingående saldo: 5 000,00',
      'Utgående saldo: 6 000,00',
      'Summa insättningar: 2 000,00',
      'Summa uttag: 1 000,00',
      'Antal transaktioner: 2',
      '',
      '',
      '',
      '',
    ];
    const s = parseStatement([...pre, 'Datum;Text;Belopp;Saldo', '2026-10-02;Hyra;-1 000,00;4 000,00', '2026-10-03;Kund;2 000,00;6 000,00', ''].join('\n'));
    expect(rows(s)).toEqual([
      [18, '2026-10-02', -100_000, 400_000, 'Hyra'],
      [19, '2026-10-03', 200_000, 600_000, 'Kund'],
    ]);
  });
});

describe('date and amount spellings', () => {
  it('day-first dates with slashes or dashes, dotted ISO dates, day and month without a leading zero', () => {
    expect(parseDate('02/10/2026', 'DD/MM/YYYY')).toBe('2026-10-02');
    expect(parseDate('2/10/2026', 'DD/MM/YYYY')).toBe('2026-10-02');
    expect(parseDate('31-12-2026', 'DD-MM-YYYY')).toBe('2026-12-31');
    expect(parseDate('2026.10.02', 'YYYY.MM.DD')).toBe('2026-10-02');
    expect(parseDate('2.10.2026', 'DD.MM.YYYY')).toBe('2026-10-02');
    expect(parseDate('31/02/2026', 'DD/MM/YYYY')).toBeUndefined();
    const en = parseStatement('Date,Description,Amount,Balance\n02/10/2026,Rent,-1000.00,4000.00\n13/10/2026,Customer,2000.00,6000.00\n');
    expect(rows(en)).toEqual([
      [2, '2026-10-02', -100_000, 400_000, 'Rent'],
      [3, '2026-10-13', 200_000, 600_000, 'Customer'],
    ]);
    const dotted = parseStatement('Datum;Text;Belopp\n2026.10.02;Hyra;-100,00\n2026.10.03;Kund;200,00\n');
    expect(dotted.transactions.map((t) => t.date)).toEqual(['2026-10-02', '2026-10-03']);
    const short = parseStatement('Datum;Text;Belopp\n2.10.2026;Hyra;-100,00\n13.10.2026;Kund;200,00\n');
    expect(short.transactions.map((t) => t.date)).toEqual(['2026-10-02', '2026-10-13']);
  });

  it('a currency word before the amount (`SEK -1 000,00`, `kr 250`)', () => {
    const style = { decimal: ',', thousands: 'space', maxDecimals: 2 } as const;
    expect(parseAmount('SEK -1 000,00', style)).toBe(-100_000);
    expect(parseAmount('kr 250', style)).toBe(25_000);
    expect(parseAmount('SEK\u00a0−12,50', style)).toBe(-1250);
    expect(() => parseAmount('SEKA 1', style)).toThrow();
    const s = parseStatement('Datum;Text;Belopp\n2026-10-02;Hyra;SEK -1 000,00\n2026-10-03;Kund;SEK 2 000,00\n');
    expect(s.transactions.map((t) => t.amount)).toEqual([-100_000, 200_000]);
  });

  it('an HTML table writing the minus sign and letters as named entities (`&minus;`, `&ouml;`)', () => {
    const html = `<html><body><h1>Kontoutdrag</h1><table><tr><th>Bokf&ouml;ringsdag</th><th>Text</th><th>Belopp</th><th>Saldo</th></tr>
<tr><td>2026-10-03</td><td>Kund &amp; Co</td><td>2&nbsp;000,00</td><td>6&nbsp;000,00</td></tr>
<tr><td>2026-10-02</td><td>Hyra</td><td>&minus;1&nbsp;000,00</td><td>4&nbsp;000,00</td></tr>
</table></body></html>`;
    const s = parseStatement(html);
    expect(s.transactions.map((t) => [t.date, t.amount, t.text])).toEqual([
      ['2026-10-03', 200_000, 'Kund & Co'],
      ['2026-10-02', -100_000, 'Hyra'],
    ]);
  });
});

describe('errors stay typed', () => {
  it('a row with money but no date and no totals word is still an invalid date', () => {
    try {
      parseStatement('Datum;Text;Belopp\n2026-10-02;Hyra;-100,00\n;Kund;200,00\n', { fileName: 'x.csv' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatementParseError);
      expect((e as StatementParseError).code).toBe('INVALID_DATE');
      expect((e as StatementParseError).line).toBe(3);
      expect((e as StatementParseError).file).toBe('x.csv');
    }
  });
});

describe('a debit/credit marker beside an unsigned amount', () => {
  it('`D`/`K` and `Debet`/`Kredit` columns sign the amount (money out was read as money in)', () => {
    const dk = parseStatement('Datum;Text;Belopp;D/K\n2026-10-02;Hyra;1 000,00;D\n2026-10-03;Kund;2 000,00;K\n');
    expect(dk.transactions.map((t) => t.amount)).toEqual([-100_000, 200_000]);
    const words = parseStatement('Bokföringsdag;Text;Belopp;Debet/Kredit;Saldo\n2026-10-03;Kund;2 000,00;Kredit;6 000,00\n2026-10-02;Hyra;1 000,00;Debet;4 000,00\n');
    expect(rows(words)).toEqual([
      [2, '2026-10-03', 200_000, 600_000, 'Kund'],
      [3, '2026-10-02', -100_000, 400_000, 'Hyra'],
    ]);
    expect(codes(words)).not.toContain('BALANCE_CHAIN_BROKEN');
    expect(words.detected?.why).toContain('sign ← "Debet/Kredit"');
  });

  it('an unknown marker is a typed error naming line and field', () => {
    try {
      parseStatement('Datum;Text;Belopp;D/K\n2026-10-02;Hyra;1 000,00;X\n', { fileName: 'dk.csv' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatementParseError);
      expect((e as StatementParseError).code).toBe('INVALID_AMOUNT');
      expect((e as StatementParseError).line).toBe(2);
      expect((e as StatementParseError).field).toBe('D/K');
    }
  });
});

describe('a fee in a column of its own', () => {
  it('is a row of its own after the payment (the balance no longer drifts by the fee)', () => {
    const s = parseStatement(
      'Date completed (UTC),ID,Type,Description,Reference,Amount,Fee,Balance\n' +
        '2026-10-01 10:05:00,t-1,CARD_PAYMENT,Cafe Lunden,,-50.00,0.00,950.00\n' +
        '2026-10-02 11:05:00,t-2,TRANSFER,To Leverantör AB,Inv 12,-200.00,5.00,745.00\n',
    );
    expect(s.transactions.map((t) => [t.line, t.amount, t.balance, t.text])).toEqual([
      [2, -5000, 95_000, 'Cafe Lunden'],
      [3, -20_000, undefined, 'To Leverantör AB'],
      [3, -500, 74_500, 'Fee: To Leverantör AB'],
    ]);
    expect(s.transactions[2]?.kind).toBe('fee');
    expect(new Set(s.transactions.map((t) => t.id)).size).toBe(3);
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
    expect(s.closingBalance).toBe(74_500);
  });

  it('newest first: the fee row comes before its payment in file order; a negative fee is the same fee', () => {
    const s = parseStatement('Datum;Typ;Namn;Belopp;Avgift;Saldo\n2026-10-02;Kortköp;Cafe Lunden;-50,00;0,00;1 248,00\n2026-10-01;Swish;Anna Berg;300,00;-2,00;1 298,00\n2026-09-30;Swish;Bo Ek;100,00;-2,00;1 000,00\n');
    expect(s.transactions.map((t) => [t.line, t.amount, t.balance, t.text])).toEqual([
      [2, -5000, 124_800, 'Cafe Lunden'],
      [3, -200, 129_800, 'Avgift: Anna Berg'],
      [3, 30_000, undefined, 'Anna Berg'],
      [4, -200, 100_000, 'Avgift: Bo Ek'],
      [4, 10_000, undefined, 'Bo Ek'],
    ]);
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
  });

  it('a fee the amount already includes (the balance chain holds without it) is not booked twice', () => {
    const s = parseStatement('Datum;Text;Belopp;Avgift;Saldo\n2026-10-01;Kund A;298,00;2,00;1 298,00\n2026-10-02;Kund B;98,00;2,00;1 396,00\n2026-10-03;Kund C;48,00;2,00;1 444,00\n');
    expect(s.transactions.map((t) => t.amount)).toEqual([29_800, 9800, 4800]);
    expect(s.detected?.why).toContain('"Avgift" is already in the amount');
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
  });
});

describe('multi-currency columns', () => {
  it('beside a per-row currency column, the amount whose header names the currency is the account amount', () => {
    const s = parseStatement('Datum;Text;Belopp;Valuta;Belopp SEK;Saldo\n2026-10-01;Amazon;-10,00;EUR;-115,00;885,00\n2026-10-02;Kund;200,00;SEK;200,00;1 085,00\n');
    expect(rows(s)).toEqual([
      [2, '2026-10-01', -11_500, 88_500, 'Amazon'],
      [3, '2026-10-02', 20_000, 108_500, 'Kund'],
    ]);
    expect(s.currency).toBe('SEK');
    // The per-row currency is the original amount's, not the booked amount's.
    expect(s.transactions.map((t) => t.currency)).toEqual([undefined, undefined]);
    expect(codes(s)).not.toContain('CURRENCY_MIXED');
  });

  it('an original amount and currency beside "Belopp i SEK": the rows are not marked as euro rows', () => {
    const s = parseStatement('Transaktionsdatum;Bokföringsdatum;Beskrivning;Ursprungligt belopp;Valuta;Belopp i SEK\n2026-10-01;2026-10-02;Amazon EU;-10,00;EUR;-115,00\n2026-10-02;2026-10-03;Kund AB;200,00;SEK;200,00\n');
    expect(s.transactions.map((t) => [t.amount, t.currency])).toEqual([
      [-11_500, undefined],
      [20_000, undefined],
    ]);
    expect(codes(s)).not.toContain('CURRENCY_MIXED');
  });
});

describe('a text cell that opens with a double quote', () => {
  it('in an XLSX sheet (`"Kalles" Bygg AB`) is text, not an unterminated quoted field', () => {
    const s = parseStatement(readFileSync(new URL('../../fixtures/statements/generic/quoted-text-cell.xlsx', import.meta.url)));
    expect(rows(s)).toEqual([
      [4, '2026-10-02', -125_050, 874_950, '"Kalles" Bygg AB'],
      [5, '2026-10-03', 200_000, 1_074_950, 'Kund "Alfa" AB'],
    ]);
    expect(s.warnings.find((w) => w.code === 'FOOTER_IGNORED')?.lines).toEqual([6]);
  });

  it('in a CSV that does not quote its fields (`"ICA" Nära`, a lone `"Överföring`) is text, in its own column', () => {
    const s = parseStatement('Datum;Text;Belopp;Saldo\n2026-10-01;"ICA" Nära;-120,00;880,00\n2026-10-02;"Överföring från spar;500,00;1 380,00\n2026-10-03;Kortköp "Pressbyrån";-35,00;1 345,00\n');
    expect(rows(s)).toEqual([
      [2, '2026-10-01', -12_000, 88_000, '"ICA" Nära'],
      [3, '2026-10-02', 50_000, 138_000, '"Överföring från spar'],
      [4, '2026-10-03', -3500, 134_500, 'Kortköp "Pressbyrån"'],
    ]);
    const comma = parseStatement('Date,Description,Amount\n2026-10-01,"ICA" Nära,-120.00\n2026-10-02,"Rent, October",-1000.00\n');
    expect(comma.transactions.map((t) => [t.amount, t.text])).toEqual([
      [-12_000, '"ICA" Nära'],
      [-100_000, 'Rent, October'],
    ]);
  });

  it('inside a quoted field whose writer does not double inner quotes (`"Betalning "ICA" Nära"`) is part of the text', () => {
    const s = parseStatement('"Datum";"Text";"Belopp"\n"2026-10-01";"Betalning "ICA" Nära";"-120,00"\n"2026-10-02";"Lön";"1 000,00"\n');
    expect(s.transactions.map((t) => [t.line, t.amount, t.text])).toEqual([
      [2, -12_000, 'Betalning "ICA" Nära'],
      [3, 100_000, 'Lön'],
    ]);
    const unquotedAmounts = parseStatement('Datum;Text;Belopp\n2026-10-01;"Betalning "ICA" Nära";-120,00\n2026-10-02;Lön;1000,00\n');
    expect(unquotedAmounts.transactions.map((t) => t.text)).toEqual(['Betalning "ICA" Nära', 'Lön']);
  });

  it('RFC 4180 quoting still reads as before around such rows: doubled quotes, delimiters and line breaks inside quotes', () => {
    const s = parseStatement('Datum;Text;Belopp\n2026-10-01;"ICA" Nära;-120,00\n2026-10-02;"Betalning ""Kiosken"" AB";-5,00\n2026-10-03;"Hyra; oktober";-1000,00\n2026-10-04;"Rad 1\nRad 2";5,00\n2026-10-05;"Pressbyrån" City;-35,00\n');
    expect(s.transactions.map((t) => [t.line, t.amount, t.text])).toEqual([
      [2, -12_000, '"ICA" Nära'],
      [3, -500, 'Betalning "Kiosken" AB'],
      [4, -100_000, 'Hyra; oktober'],
      [5, 500, 'Rad 1\nRad 2'],
      [7, -3500, '"Pressbyrån" City'],
    ]);
  });

  it('in an export that quotes every field, a quoted field that does not close is still an unterminated quote', () => {
    let err: unknown;
    try {
      parseStatement('"Datum";"Text";"Belopp";"Saldo"\n"2026-10-01";"Kortköp;"-89,50";"100,00"\n"2026-10-02";"Lön";"10,00";"110,00"\n', { fileName: 'x.csv' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatementParseError);
    expect(err).toMatchObject({ code: 'UNTERMINATED_QUOTE', line: 2, file: 'x.csv' });
  });

  it('in an HTML table', () => {
    const s = parseStatement('<table><tr><td>Datum</td><td>Text</td><td>Belopp</td></tr><tr><td>2026-10-02</td><td>&quot;Kalles&quot; Bygg AB</td><td>-50,00</td></tr><tr><td>2026-10-03</td><td>Kund</td><td>100,00</td></tr></table>');
    expect(s.transactions.map((t) => [t.amount, t.text])).toEqual([
      [-5000, '"Kalles" Bygg AB'],
      [10_000, 'Kund'],
    ]);
  });
});

describe('more header spellings and row shapes', () => {
  it('a krona unit after a money column\'s name (`Belopp kr`, `Belopp, kr`), `Saldo efter transaktion`, `Beskrivning/Mottagare`', () => {
    const a = parseStatement('Datum;Text;Belopp kr;Saldo kr\n2026-10-02;Hyra;-1 000,00;4 000,00\n2026-10-03;Kund;2 000,00;6 000,00\n');
    expect(rows(a)).toEqual([
      [2, '2026-10-02', -100_000, 400_000, 'Hyra'],
      [3, '2026-10-03', 200_000, 600_000, 'Kund'],
    ]);
    const b = parseStatement('Datum;Belopp, kr;Beskrivning/Mottagare;Saldo efter transaktion\n2026-10-02;-1 000,00;Hyra;4 000,00\n2026-10-03;2 000,00;Kund;6 000,00\n');
    expect(rows(b)).toEqual(rows(a));
  });

  it('rows that stop before their trailing empty fields are read; a row without its amount is still an error', () => {
    const s = parseStatement('Datum;Text;Belopp;Saldo;Meddelande\n2026-10-02;Hyra;-1 000,00;4 000,00;Faktura 12\n2026-10-03;Kund;2 000,00;6 000,00\n2026-10-04;Kund B;500,00\n');
    expect(s.transactions.map((t) => [t.line, t.amount, t.balance, t.reference])).toEqual([
      [2, -100_000, 400_000, 'Faktura 12'],
      [3, 200_000, 600_000, undefined],
      [4, 50_000, undefined, undefined],
    ]);
    try {
      parseStatement('Datum;Text;Saldo;Belopp\n2026-10-02;Hyra;4 000,00;-1 000,00\n2026-10-03;Kund\n', { fileName: 'short.csv' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatementParseError);
      expect((e as StatementParseError).code).toBe('COLUMN_COUNT');
      expect((e as StatementParseError).line).toBe(3);
    }
  });

  it('unsigned amounts with a type column naming the direction (`Insättning`/`Uttag`) are signed by it', () => {
    const s = parseStatement('Datum;Typ;Text;Belopp;Saldo\n2026-10-03;Insättning;Kund;2 000,00;6 000,00\n2026-10-02;Uttag;Hyra;1 000,00;4 000,00\n');
    expect(s.transactions.map((t) => t.amount)).toEqual([200_000, -100_000]);
    expect(s.detected?.why).toContain('"Typ" names the direction of every row');
    // Signed amounts beside a direction word are left as written.
    const signed = parseStatement('Datum;Typ;Text;Belopp\n2026-10-03;Insättning;Kund;2 000,00\n2026-10-02;Uttag;Hyra;-1 000,00\n');
    expect(signed.transactions.map((t) => t.amount)).toEqual([200_000, -100_000]);
  });

  it('a per-row currency beside a foreign-amount column (`Utl. belopp`) is that amount\'s, not the booked amount\'s', () => {
    const s = parseStatement('Köpdatum;Bokfört;Specifikation;Ort;Valuta;Utl. belopp;Belopp\n2026-10-01;2026-10-02;AMAZON;LUXEMBOURG;EUR;10,00;-115,00\n2026-10-03;2026-10-04;INBETALNING;;SEK;;500,00\n');
    expect(s.currency).toBe('SEK');
    expect(s.transactions.map((t) => [t.amount, t.currency])).toEqual([
      [-11_500, undefined],
      [50_000, undefined],
    ]);
    expect(codes(s)).not.toContain('CURRENCY_MIXED');
  });
});

describe('Excel text formulas and UTF-16 without a byte-order mark', () => {
  it('`="0012345"` cells (numbers kept as text for a spreadsheet) are read as their text', () => {
    const s = parseStatement('Datum;Text;Belopp;Saldo;Kontonummer;Referens\n="2026-10-02";Hyra;="-100,00";="900,00";="12345678901";="0012345"\n="2026-10-03";Kund;="200,00";="1100,00";="12345678901";="0012346"\n');
    expect(s.accountNumber).toBe('12345678901');
    expect(s.transactions.map((t) => [t.date, t.amount, t.balance, t.reference])).toEqual([
      ['2026-10-02', -10_000, 90_000, '0012345'],
      ['2026-10-03', 20_000, 110_000, '0012346'],
    ]);
  });

  it('UTF-16 LE and BE text without a BOM is decoded, not refused as binary', () => {
    const text = 'Datum\tText\tBelopp\r\n2026-10-02\tÖverföring\t-100,00\r\n2026-10-03\tKund\t200,00\r\n';
    const le = new Uint8Array(Buffer.from(text, 'utf16le'));
    const s = parseStatement(le);
    expect(s.encoding).toBe('utf-16le');
    expect(s.transactions.map((t) => [t.amount, t.text])).toEqual([
      [-10_000, 'Överföring'],
      [20_000, 'Kund'],
    ]);
    const be = Buffer.from(text, 'utf16le');
    be.swap16();
    expect(parseStatement(new Uint8Array(be)).encoding).toBe('utf-16be');
  });

  it('NUL-padded binary that only looks like UTF-16 is still BINARY_INPUT', () => {
    const bytes = new Uint8Array(512);
    for (let i = 0; i < bytes.length; i += 2) bytes[i] = 1 + (i % 7);
    try {
      parseStatement(bytes, { fileName: 'x.bin' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatementParseError);
      expect((e as StatementParseError).code).toBe('BINARY_INPUT');
    }
  });
});

describe('slashed dates: day first or month first, as the data says', () => {
  it('a US-locale Excel re-save (month first) is read as such when a day above 12 shows it', () => {
    const s = parseStatement('Date,Description,Amount\n10/2/2026,Rent,-1000.00\n10/13/2026,Customer,2000.00\n');
    expect(s.transactions.map((t) => t.date)).toEqual(['2026-10-02', '2026-10-13']);
  });

  it('when no part is above 12, the reading that keeps the rows in date order decides', () => {
    // Day first: 1 Oct, 2 Oct, 1 Nov (in order); month first: 10 Jan, 10 Feb, 11 Jan (not).
    const s = parseStatement('Date,Description,Amount\n01/10/2026,A,-1.00\n02/10/2026,B,-2.00\n01/11/2026,C,-3.00\n');
    expect(s.transactions.map((t) => t.date)).toEqual(['2026-10-01', '2026-10-02', '2026-11-01']);
  });

  it('when nothing decides, the file is refused (AMBIGUOUS_FORMAT) instead of swapping days and months', () => {
    try {
      parseStatement('Date,Description,Amount\n01/02/2026,A,-1.00\n03/04/2026,B,-2.00\n', { fileName: 'us.csv' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatementParseError);
      expect((e as StatementParseError).code).toBe('AMBIGUOUS_FORMAT');
      expect((e as StatementParseError).file).toBe('us.csv');
      expect((e as StatementParseError).line).toBe(2);
    }
  });
});

describe('dates with the month by name', () => {
  it('Swedish and English, abbreviated or full (`2 okt. 2026`, `02 Oct 2026`, `2-okt-2026`, `2 oktober 2026`)', () => {
    for (const [raw, iso] of [
      ['2 okt. 2026', '2026-10-02'],
      ['02 Oct 2026', '2026-10-02'],
      ['2-okt-2026', '2026-10-02'],
      ['2 oktober 2026', '2026-10-02'],
      ['31 maj 2026', '2026-05-31'],
      ['1 March 2026', '2026-03-01'],
    ] as const) expect(parseDate(raw, 'D MMM YYYY'), raw).toBe(iso);
    for (const bad of ['2 okto 2026', '31 feb 2026', '2 marsipan 2026']) expect(parseDate(bad, 'D MMM YYYY'), bad).toBeUndefined();
    const s = parseStatement('Datum;Text;Belopp\n2 okt. 2026;Hyra;-100,00\n13 okt. 2026;Kund;200,00\n');
    expect(s.transactions.map((t) => t.date)).toEqual(['2026-10-02', '2026-10-13']);
  });
});

describe('the account number in title rows above the header', () => {
  it('`Konto: 1234 56 78901` or `Kontonummer;8327-9 123 456 789-0` is the statement\'s account', () => {
    const a = parseStatement('Företaget AB\nKonto: 1234 56 78901\n\nDatum;Text;Belopp\n2026-10-02;Hyra;-100,00\n2026-10-03;Kund;200,00\n');
    expect(a.accountNumber).toBe('1234 56 78901');
    const b = parseStatement('Kontonummer;8327-9 123 456 789-0;;\nDatum;Text;Belopp;Saldo\n2026-10-02;Hyra;-100,00;900,00\n');
    expect(b.accountNumber).toBe('8327-9 123 456 789-0');
    const none = parseStatement('Datum;Text;Belopp\n2026-10-02;Hyra;-100,00\n');
    expect(none.accountNumber).toBeUndefined();
  });
});

describe('the detected columns carry the sign and fee columns', () => {
  it('passing `detected.columns` back as `columns` reads the file the same way (debits stay debits, fees stay rows)', () => {
    const text = 'Datum;Text;Belopp;D/K;Avgift\n2026-10-02;Hyra;1 000,00;D;0,00\n2026-10-03;Kund;2 000,00;K;5,00\n';
    const s = parseStatement(text);
    expect(s.detected?.columns).toMatchObject({ amount: 'Belopp', sign: 'D/K', fee: 'Avgift' });
    const again = parseStatement(text, { columns: s.detected?.columns as NonNullable<Statement['detected']>['columns'] });
    expect(again.transactions.map((t) => [t.amount, t.text])).toEqual(s.transactions.map((t) => [t.amount, t.text]));
    expect(s.transactions.map((t) => t.amount)).toEqual([-100_000, 200_000, -500]);
  });
});

describe('a workbook whose first sheet is not the transactions', () => {
  it('the first sheet a format claims is read (a summary sheet comes first)', () => {
    const s = parseStatement(readFileSync(new URL('../../fixtures/statements/generic/summary-sheet-first.xlsx', import.meta.url)));
    expect(rows(s)).toEqual([
      [2, '2026-10-02', -100_000, 400_000, 'HYRA OKTOBER'],
      [3, '2026-10-03', 200_000, 600_000, 'BG 5555-1234 KUND AB'],
    ]);
  });
});

describe('more header spellings from English UIs and Swedish exports', () => {
  it('split in/out, payment dates, merchants and running balances under other names', () => {
    for (const [header, meaning] of [
      ['Debit amount', 'debit'],
      ['Credit amount', 'credit'],
      ['Belopp ut', 'debit'],
      ['Belopp in', 'credit'],
      ['Utbetalt', 'debit'],
      ['Inbetalt', 'credit'],
      ['Betalningsdatum', 'transactionDate'],
      ['Payment date', 'transactionDate'],
      ['Balance after', 'balance'],
      ['Transaktionsinformation', 'text'],
      ['Narrative', 'text'],
      ['Handlare', 'counterparty'],
      ['Merchant', 'counterparty'],
      ['Motpartens namn', 'counterparty'],
    ] as const) expect(headerMeaning(header)?.meaning, header).toBe(meaning);
    const s = parseStatement('Date,Narrative,Debit Amount,Credit Amount,Balance\n02/10/2026,Rent,1000.00,,4000.00\n13/10/2026,Customer,,2000.00,6000.00\n');
    expect(rows(s)).toEqual([
      [2, '2026-10-02', -100_000, 400_000, 'Rent'],
      [3, '2026-10-13', 200_000, 600_000, 'Customer'],
    ]);
  });
});

describe('a lone dash in a money column', () => {
  it('is an empty cell (`-` where there is no deposit, no withdrawal or no balance yet)', () => {
    const split = parseStatement('Datum;Text;Uttag;Insättning;Saldo\n2026-10-02;Hyra;1 000,00;-;4 000,00\n2026-10-03;Kund;–;2 000,00;6 000,00\n');
    expect(rows(split)).toEqual([
      [2, '2026-10-02', -100_000, 400_000, 'Hyra'],
      [3, '2026-10-03', 200_000, 600_000, 'Kund'],
    ]);
    const balance = parseStatement('Datum;Text;Belopp;Saldo\n2026-10-02;Hyra;-1 000,00;-\n2026-10-03;Kund;2 000,00;6 000,00\n');
    expect(balance.transactions.map((t) => t.balance)).toEqual([undefined, 600_000]);
    // An amount that is only a dash is still no amount.
    expect(() => parseStatement('Datum;Text;Belopp\n2026-10-02;Hyra;-\n2026-10-03;Kund;2 000,00\n')).toThrow(StatementParseError);
  });
});

describe('a status column', () => {
  const text =
    'Date started (UTC),Date completed (UTC),ID,Type,State,Description,Amount,Fee,Balance\n' +
    '2026-10-01 10:00:00,2026-10-01 10:05:00,t1,CARD_PAYMENT,COMPLETED,Cafe Lunden,-50.00,0.00,950.00\n' +
    '2026-10-02 11:00:00,,t2,CARD_PAYMENT,DECLINED,Webshop,-500.00,0.00,\n' +
    '2026-10-02 12:00:00,2026-10-02 12:05:00,t3,TRANSFER,COMPLETED,Kund AB,200.00,0.00,1150.00\n' +
    '2026-10-03 09:00:00,2026-10-03 09:00:00,t4,CARD_PAYMENT,PENDING,Taxi,-120.00,0.00,\n' +
    '2026-10-03 10:00:00,2026-10-03 10:00:00,t5,CARD_PAYMENT,REVERTED,Hotell,-900.00,0.00,1150.00\n';

  it('declined and reverted rows (money that never moved) are left out with ROWS_VOID; pending rows are preliminary', () => {
    const s = parseStatement(text);
    expect(s.transactions.map((t) => [t.line, t.amount, t.text])).toEqual([
      [2, -5000, 'Cafe Lunden'],
      [4, 20_000, 'Kund AB'],
    ]);
    expect(s.warnings.find((w) => w.code === 'ROWS_VOID')?.lines).toEqual([3, 6]);
    expect(codes(s)).toContain('PENDING_EXCLUDED');
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
    const all = parseStatement(text, { includePending: true });
    expect(all.transactions.map((t) => [t.line, t.pending ?? false])).toEqual([
      [2, false],
      [4, false],
      [5, true],
    ]);
  });

  it('Swedish statuses: Utförd is booked, Reserverad preliminary, Makulerad left out', () => {
    const s = parseStatement('Datum;Text;Belopp;Status\n2026-10-02;Hyra;-1 000,00;Utförd\n2026-10-03;Kortköp;-50,00;Reserverad\n2026-10-04;Betalning;-300,00;Makulerad\n');
    expect(s.transactions.map((t) => t.line)).toEqual([2]);
    expect(s.warnings.find((w) => w.code === 'ROWS_VOID')?.lines).toEqual([4]);
  });
});

describe('amounts written from a binary float by a program', () => {
  it('`45.900000000000006`, `1234.5599999999999`, `-0.30000000000000004` are the öre they stand for; other long fractions are refused', () => {
    const dot = { decimal: '.', thousands: 'none', maxDecimals: 2 } as const;
    expect(parseAmount('45.900000000000006', dot)).toBe(4590);
    expect(parseAmount('1234.5599999999999', dot)).toBe(123_456);
    expect(parseAmount('-0.30000000000000004', dot)).toBe(-30);
    expect(parseAmount('99.999999999999999', dot)).toBe(10_000);
    for (const bad of ['1.2345678901234', '12.345000000000', '1.005', '1.0000001']) expect(() => parseAmount(bad, dot), bad).toThrow();
    const s = parseStatement('Date,Description,Amount,Balance\n2026-10-02,Rent,-45.900000000000006,954.1\n2026-10-13,Customer,1234.5599999999999,2188.66\n');
    expect(s.transactions.map((t) => [t.amount, t.balance])).toEqual([
      [-4590, 95_410],
      [123_456, 218_866],
    ]);
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
  });
});

describe('a known bank header with a column that changes the amounts', () => {
  it('a fee or D/K column the bank format would drop sends the table to the header reader', () => {
    const s = parseStatement('Reskontradatum;Transaktionsdatum;Text;Belopp;Saldo;Avgift\n2026-10-03;2026-10-03;KUND AB;2 000,00;5 995,00;-5,00\n2026-10-02;2026-10-01;HYRA;-1 000,00;4 000,00;0,00\n');
    expect(s.format).toBe('generic-csv');
    expect(s.transactions.map((t) => [t.amount, t.text])).toEqual([
      [-500, 'Avgift: KUND AB'],
      [200_000, 'KUND AB'],
      [-100_000, 'HYRA'],
    ]);
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
  });
});

describe('UTF-8 read once as Windows-1252 and saved again (mojibake)', () => {
  it('`BokfÃ¶ringsdag` is read as `Bokföringsdag`, and the texts get their letters back', () => {
    const original = 'Bokföringsdag;Text;Belopp;Saldo\n2026-10-02;Överföring till Åsa;-1 000,00;4 000,00\n2026-10-03;Kund Ärlig AB – faktura;2 000,00;6 000,00\n';
    const twice = new TextEncoder().encode(new TextDecoder('windows-1252').decode(new TextEncoder().encode(original)));
    expect(new TextDecoder().decode(twice).slice(0, 14)).toBe('BokfÃ¶ringsdag');
    const s = parseStatement(twice);
    expect(s.transactions.map((t) => t.text)).toEqual(['Överföring till Åsa', 'Kund Ärlig AB – faktura']);
    // The same through a reader that knew Windows-1252's 0x80–0x9F (Excel): `Ã–verfÃ¶ring`.
    const excel = new TextEncoder().encode(iconv.decode(Buffer.from(original, 'utf8'), 'windows-1252'));
    expect(new TextDecoder().decode(excel)).toContain('Ã–verfÃ¶ring');
    expect(parseStatement(excel).transactions.map((t) => t.text)).toEqual(['Överföring till Åsa', 'Kund Ärlig AB – faktura']);
    // A text with real Swedish letters is left alone, even beside an "Ã¶".
    const real = parseStatement('Datum;Text;Belopp\n2026-10-02;Köp hos Ã¶-butiken;-1,00\n');
    expect(real.transactions[0]?.text).toBe('Köp hos Ã¶-butiken');
  });
});

describe('a totals row under a known bank\'s table', () => {
  it('ICA, Nordea and Danske exports with a Summa/Totalt row added below are read, the row a footer', () => {
    const ica = parseStatement('Datum;Text;Typ;Budgetgrupp;Belopp;Saldo\n2026-10-03;KUND AB;Insättning;Övrigt;2 000,00 kr;6 000,00 kr\n2026-10-02;HYRA;E-faktura;Boende;-1 000,00 kr;4 000,00 kr\n;;;Summa;1 000,00 kr;\n');
    expect([ica.format, ica.transactions.length, ica.warnings.find((w) => w.code === 'FOOTER_IGNORED')?.lines]).toEqual(['ica', 2, [4]]);
    const nordea = parseStatement('Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Ytterligare detaljer;Meddelande;Egna anteckningar;Saldo;Valuta;\n2026/10/03;2000,00;;;KUND AB;Insättning;Faktura 1;;6000,00;SEK;\n2026/10/02;-1000,00;;5343-2795;HYRESVÄRD AB;Betalning BG 5343-2795;12345;;4000,00;SEK;\nTotalt;1000,00;;;;;;;;;\n');
    expect([nordea.format, nordea.transactions.length]).toEqual(['nordea-2024', 2]);
    const danske = parseStatement('"Bokföringsdag";"Specifikation";"Belopp";"Saldo";"Status";"Avstämt"\n"2026-10-03";"KUND AB";"2.000,00";"6.000,00";"Utförd";"Nej"\n"2026-10-02";"HYRA";"-1.000,00";"4.000,00";"Utförd";"Nej"\n"";"Summa";"1.000,00";"";"";""\n');
    expect([danske.format, danske.transactions.length]).toEqual(['danske', 2]);
  });
});

describe('the `columns` option reads the same row shapes', () => {
  it('short rows and opening/closing balance rows', () => {
    const s = parseStatement('Datum;Text;Belopp;Saldo;Meddelande\n2026-10-01;Ingående saldo;;5 000,00\n2026-10-02;Hyra;-1 000,00;4 000,00;Faktura 12\n2026-10-03;Kund;2 000,00;6 000,00\n', {
      columns: { date: 'Datum', amount: 'Belopp', text: 'Text', balance: 'Saldo' },
    });
    expect(s.transactions.map((t) => [t.line, t.amount])).toEqual([
      [3, -100_000],
      [4, 200_000],
    ]);
    expect(s.openingBalance).toBe(500_000);
  });
});

describe('split in/out columns with a fee, newest first', () => {
  it('the balance chain settles the row order, so the fee row sits after its payment in time', () => {
    const s = parseStatement('Datum;Text;Uttag;Insättning;Avgift;Saldo\n2026-10-03;Kund;;2 000,00;5,00;5 995,00\n2026-10-02;Hyra;1 000,00;;0,00;4 000,00\n');
    expect(s.transactions.map((t) => [t.amount, t.balance, t.text])).toEqual([
      [-500, 599_500, 'Avgift: Kund'],
      [200_000, undefined, 'Kund'],
      [-100_000, 400_000, 'Hyra'],
    ]);
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
    expect(s.detected?.why).toContain('newest first');
  });
});

describe('Excel\'s "CSV (MS-DOS)": a DOS code page', () => {
  it('Swedish letters at their CP850/437 bytes inside words are read as such; a Windows-1252 file with curly quotes is not', () => {
    const text = 'Bokföringsdag;Text;Belopp;Saldo\r\n2026-10-02;Överföring till Åsa;-1 000,00;4 000,00\r\n2026-10-03;Kund Ärlig AB;2 000,00;6 000,00\r\n';
    const s = parseStatement(new Uint8Array(iconv.encode(text, 'cp850')));
    expect(s.encoding).toBe('cp437');
    expect(s.transactions.map((t) => t.text)).toEqual(['Överföring till Åsa', 'Kund Ärlig AB']);
    const quotes = parseStatement(new Uint8Array(iconv.encode('Date;Text;Amount\r\n2026-10-02;Invoice “Spring” and “Autumn”;-1,00\r\n', 'windows-1252')));
    expect(quotes.encoding).toBe('windows-1252');
    expect(quotes.transactions[0]?.text).toBe('Invoice “Spring” and “Autumn”');
  });
});

describe("amounts in a spreadsheet's spelling: non-breaking spaces between groups, a Unicode minus or dash as the sign", () => {
  it('the header reader reads NBSP / narrow-NBSP groups with U+2212 or an en dash as the minus', () => {
    const s = parseStatement('Datum;Text;Belopp;Saldo\n2026-10-01;Hyra;\u22121\u00a0000,00;4\u00a0000,00\n2026-10-02;Kund;2\u202f000,00;6\u202f000,00\n2026-10-03;Avgift;\u201345,00;5\u00a0955,00\n');
    expect(rows(s)).toEqual([
      [2, '2026-10-01', -100_000, 400_000, 'Hyra'],
      [3, '2026-10-02', 200_000, 600_000, 'Kund'],
      [4, '2026-10-03', -4500, 595_500, 'Avgift'],
    ]);
  });

  it('a known bank layout (Nordea private) reads them too', () => {
    const s = parseStatement(
      'Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Rubrik;Saldo;Valuta\n2026/10/02;\u22121\u00a0250,50;1234 56 78901;;;Kortköp Byggvaruhuset;12\u00a0749,50;SEK\n2026/10/01;14\u00a0000,00;;1234 56 78901;;Lön;14\u00a0000,00;SEK\n',
    );
    expect(s.transactions.map((t) => [t.date, t.amount, t.balance])).toEqual([
      ['2026-10-02', -125_050, 1_274_950],
      ['2026-10-01', 1_400_000, 1_400_000],
    ]);
  });

  it('a decimal point with space or NBSP groups (`-1\u00a0234.50`) is read; a dot is still never taken for a group there', () => {
    const style = { decimal: '.', thousands: 'space', maxDecimals: 2 } as const;
    expect(parseAmount('\u22121\u00a0234.50', style)).toBe(-123_450);
    expect(() => parseAmount('1.234', style)).toThrow();
    const s = parseStatement('Date,Description,Amount,Balance\n2026-10-01,Rent,\u22121\u00a0000.00,4\u00a0000.00\n2026-10-02,Customer,12\u00a0000.50,16\u00a0000.50\n');
    expect(rows(s)).toEqual([
      [2, '2026-10-01', -100_000, 400_000, 'Rent'],
      [3, '2026-10-02', 1_200_050, 1_600_050, 'Customer'],
    ]);
  });

  it('a Unicode minus after the amount, as a trailing "-" is read; a lone U+2212 is an empty money cell', () => {
    const style = { decimal: ',', thousands: 'space', maxDecimals: 2 } as const;
    expect(parseAmount('1\u00a0234,50\u2212', style)).toBe(-123_450);
    expect(parseAmount('1234,50-', style)).toBe(-123_450);
    const s = parseStatement('Datum;Text;Insättning;Uttag;Saldo\n2026-10-01;Hyra;\u2212;1\u00a0000,00;4\u00a0000,00\n2026-10-02;Kund;2\u00a0000,00;\u2212;6\u00a0000,00\n');
    expect(rows(s)).toEqual([
      [2, '2026-10-01', -100_000, 400_000, 'Hyra'],
      [3, '2026-10-02', 200_000, 600_000, 'Kund'],
    ]);
  });
});

describe('a dot between digits: decimal point or thousands separator, as the whole file says', () => {
  const amounts = (s: Statement) => s.transactions.map((t) => t.amount);
  const ambiguous = (s: Statement) => s.warnings.find((w) => w.code === 'AMOUNTS_AMBIGUOUS');

  it('another amount in the money columns settles it: a decimal comma, two decimals, two dots, four digits before the dot', () => {
    const read = (other: string) => parseStatement(`Datum;Text;Belopp\n2026-10-01;A;1.500\n2026-10-02;B;${other}\n`);
    expect(amounts(read('-5,50'))).toEqual([150_000, -550]);
    expect(amounts(read('-1.234.000'))).toEqual([150_000, -123_400_000]);
    expect(amounts(read('-5.50'))).toEqual([150, -550]);
    expect(amounts(read('-1234.500'))).toEqual([150, -123_450]);
    for (const other of ['-5,50', '-1.234.000', '-5.50', '-1234.500']) expect(ambiguous(read(other)), other).toBeUndefined();
    // A balance column counts as evidence too.
    const s = parseStatement('Datum;Text;Belopp;Saldo\n2026-10-01;A;1.500;1.234,50\n2026-10-02;B;-5.000;-3.765,50\n');
    expect(s.transactions.map((t) => [t.amount, t.balance])).toEqual([[150_000, 123_450], [-500_000, -376_550]]);
  });

  it('the balance chain settles it when the amounts alone do not', () => {
    const s = parseStatement('Datum;Text;Belopp;Saldo\n2026-10-01;A;1.500;11.500\n2026-10-02;B;-500;11.000\n2026-10-03;C;-5.000;6.000\n');
    expect(s.transactions.map((t) => [t.amount, t.balance])).toEqual([[150_000, 1_150_000], [-50_000, 1_100_000], [-500_000, 600_000]]);
    expect(ambiguous(s)).toBeUndefined();
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
  });

  it('when nothing in the file tells, the amounts are read with three decimals and an AMOUNTS_AMBIGUOUS warning names the lines', () => {
    for (const options of [{}, { columns: { date: 'Datum', text: 'Text', amount: 'Belopp', balance: 'Saldo' } }]) {
      const s = parseStatement('Datum;Text;Belopp;Saldo\n2026-10-01;A;1.500;11.500\n2026-10-02;B;-5.000;6.500\n2026-10-03;C;-1.250;5.250\n', options);
      expect(amounts(s)).toEqual([150, -500, -125]);
      const w = ambiguous(s);
      expect(w?.lines).toEqual([2, 3, 4]);
      expect(w?.message).toBe(
        'Amounts such as "1.500" were read as 1,50 kr (a decimal point and three decimals), but could be 1 500,00 kr (a decimal comma and a dot between thousands): no amount or balance in the first 3 rows tells which; check one against the bank\'s statement',
      );
    }
  });

  it('a known bank format reads its own style without the warning', () => {
    const s = parseStatement(readFileSync(new URL('../../fixtures/statements/danske/quoted-cp1252-dot-thousands-status.csv', import.meta.url)));
    expect(s.format).toBe('danske');
    expect(codes(s)).not.toContain('AMOUNTS_AMBIGUOUS');
  });
});
