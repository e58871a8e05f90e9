/**
 * ISO-8859-15 (Latin-9) under `#FORMAT PC8`, as BL Administration can export (formats.md §1.8): its
 * euro sign is byte 0xA4, which Windows-1252 and ISO-8859-1 read as "¤". Before, "1 100 €" in a
 * voucher text came out as "1 100 ¤" and "Šibenik" as "¦ibenik", with no issue.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeText } from '../../src/core/encoding.js';
import { readSie } from '../../src/sie/reader.js';
import { writeSie } from '../../src/sie/writer.js';

const bytes = readFileSync(new URL('../../fixtures/sie/hand-written_bl-latin9_4E.se', import.meta.url));

describe('an ISO-8859-15 SIE file', () => {
  it('is decoded as ISO-8859-15 from its euro signs, reported against #FORMAT PC8', () => {
    const doc = readSie(bytes);
    expect(doc.encoding).toBe('iso-8859-15');
    expect(doc.header.companyName).toBe('Skärgårdens Båtvarv AB');
    expect(doc.accounts.find((a) => a.number === '1940')?.name).toBe('Valutakonto EUR (€)');
    expect(doc.vouchers[0]?.text).toBe('Lev.faktura Šibenik Marine d.o.o., 1 100 €');
    expect(doc.vouchers[0]?.transactions.map((t) => [t.amount, t.text])).toEqual([
      [1247450, undefined],
      [-1247450, '1 100 € à 11,34'],
    ]);
    expect(doc.issues.map((i) => [i.severity, i.code, i.message])).toEqual([
      ['info', 'SIE_ENCODING_MISMATCH', 'Decoded as ISO-8859-15: the bytes have 8 letters (å ä ö é ü) in Latin-1 and 0 in CP437, and 5 euro signs (0xA4, "¤" in ISO-8859-1) but no Windows-1252 punctuation'],
      ['warning', 'SIE_ENCODING_MISMATCH', '#FORMAT says PC8 (CP437) but the bytes are ISO-8859-15; decoded as iso-8859-15'],
    ]);
  });

  it('written as CP437 keeps the euro as "EUR"', () => {
    const back = readSie(writeSie(readSie(bytes), { type: '4E' }));
    expect(back.encoding).toBe('cp437');
    expect(back.vouchers[1]?.text).toBe('Betalning Sibenik Marine, 1 100 EUR');
  });

  it('the same text in Windows-1252 (euro at 0x80) stays Windows-1252, and Latin-1 without 0xA4 keeps its "´"', () => {
    const as1252 = encodeText(`#FLAGGA 0\r\n#FNAMN "Skärgårdens Båtvarv AB"\r\n#PROSA "1 100 € för Båtvarvets motor"\r\n`, 'windows-1252');
    const doc1252 = readSie(as1252);
    expect(doc1252.encoding).toBe('windows-1252');
    expect(doc1252.header.prosa).toBe('1 100 € för Båtvarvets motor');
    const latin1 = encodeText(`#FLAGGA 0\r\n#FNAMN "Kalle´s Båtvarv AB"\r\n#PROSA "Skärgården"\r\n`, 'windows-1252');
    const docLatin1 = readSie(latin1);
    expect(docLatin1.encoding).toBe('windows-1252');
    expect(docLatin1.header.companyName).toBe('Kalle´s Båtvarv AB');
  });
});
