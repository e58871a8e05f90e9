/**
 * A SIE file in Mac Roman (a classic Mac OS program, or a file re-saved on a Mac as "Western (Mac
 * OS Roman)"), with CR alone ending its lines, under `#FORMAT PC8`: read as CP437 it turned every
 * å ä ö Ä Ö into î è Ü Ç à, silently, and learning took the client's counterparties under those names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import { readSie } from '../../src/sie/reader.js';
import { writeSie } from '../../src/sie/writer.js';

const bytes = readFileSync(new URL('../../fixtures/sie/hand-written_mac-roman-cr_4E.se', import.meta.url));

describe('a Mac Roman SIE file', () => {
  it('is decoded as Mac Roman from its letters, reported against #FORMAT PC8', () => {
    const doc = readSie(bytes, { fileName: 'mac.se' });
    expect(doc.encoding).toBe('macintosh');
    expect(doc.header.companyName).toBe('Ölands Äppelmusteri AB');
    expect(doc.accounts.find((a) => a.number === '2611')?.name).toBe('Utgående moms på försäljning inom Sverige, 25 %');
    expect(doc.vouchers.map((v) => v.text)).toEqual(['Kafferosteriet Örnen', 'Kafferosteriet Örnen', 'Åhléns Växjö', 'Gårdsbutiken Ängö']);
    expect(doc.vouchers[2]?.transactions[0]).toMatchObject({ account: '5410', amount: 80000, text: 'Städskåp' });
    expect(doc.issues.map((i) => [i.severity, i.code, i.message])).toEqual([
      ['info', 'SIE_ENCODING_MISMATCH', 'Decoded as Mac Roman: the bytes have 19 letters (å ä ö) in Mac Roman and 1 in CP437'],
      ['warning', 'SIE_ENCODING_MISMATCH', '#FORMAT says PC8 (CP437) but the bytes are Mac Roman; decoded as macintosh'],
    ]);
  });

  it('written again as CP437 (writeSie) reads back as CP437 with the same text: CP437 letters are not taken for Mac Roman', () => {
    const doc = readSie(bytes);
    const back = readSie(writeSie(doc, { type: '4E' }));
    expect(back.encoding).toBe('cp437');
    expect(back.issues).toEqual([]);
    expect(back.header.companyName).toBe('Ölands Äppelmusteri AB');
    expect(back.vouchers.map((v) => v.text)).toEqual(doc.vouchers.map((v) => v.text));
  });

  it('CP437 with Ü (0x9A, Mac ö), à (0x85, Mac Ö) and ü (0x81, Mac Å) but no å ä ö stays CP437', () => {
    const cp437 = new Uint8Array([...'#FLAGGA 0\r\n#FNAMN "_bersee _mlaut GmbH"\r\n#PROSA "3 st ~ 25 kr, 4 st ~ 30 kr, M|ller"\r\n'].map((c) => (c === '_' ? 0x9a : c === '~' ? 0x85 : c === '|' ? 0x81 : c.charCodeAt(0))));
    const doc = readSie(cp437);
    expect(doc.encoding).toBe('cp437');
    expect(doc.header.companyName).toBe('Übersee Ümlaut GmbH');
    expect(doc.header.prosa).toBe('3 st à 25 kr, 4 st à 30 kr, Müller');
  });

  it("teaches the client's counterparties under their own names", async () => {
    const kontera = await createKontera();
    await kontera.addBureau({ id: 'b', name: 'Byrå' });
    await kontera.addClient({ bureauId: 'b', id: 'oland', name: 'Ölands Äppelmusteri AB' });
    const learned = await kontera.learnFromSie('oland', bytes, { fileName: 'mac.se' });
    expect(learned.learned).toBe(4);
    const [s] = await kontera.suggest('oland', [{ date: '2025-01-14', amount: -45000, text: 'KAFFEROSTERIET ÖRNEN' }]);
    expect(s?.account).toBe('6110');
    expect(s?.reason).toContain('for KAFFEROSTERIET ÖRNEN (this client)');
  });
});
