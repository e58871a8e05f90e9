import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { counterpartyKey } from '../../src/normalize/counterparty.js';
import { normalizeText } from '../../src/normalize/text.js';
import { tokenize, tokenSimilarity } from '../../src/normalize/tokens.js';

const CORPUS = new URL('../../fixtures/statements', import.meta.url).pathname;

describe('counterpartyKey on real bank texts (formats.md §3.4 and the issue)', () => {
  test('strips the card prefix, the purchase date and the city tail, and keeps the date as a signal', () => {
    const r = counterpartyKey('KORTKÖP 230415 ICA NARA ORMINGE');
    expect(r.key).toBe('ICA NARA');
    expect(r.signals.card?.date).toBe('2023-04-15');
    expect(r.shareable).toBe(true);
  });

  test('gives one key for the same shop on different days and with different card prefixes', () => {
    const keys = ['Kortköp 230415 ICA NARA ORMINGE', 'KORTKÖP 230502 ICA NARA', 'KORT ICA NARA ORMINGE'].map((t) => counterpartyKey(t).key);
    expect(new Set(keys).size).toBe(1);
  });

  test('reads the bankgiro number and keys on the name', () => {
    const r = counterpartyKey('BG 5050-1055 SKATTEVERKET');
    expect(r.key).toBe('SKATTEVERKET');
    expect(r.signals.bankgiro).toBe('5050-1055');
  });

  test('falls back to the bankgiro number when no name is left', () => {
    expect(counterpartyKey('Betalning BG 5320-2560').key).toBe('BG 5320-2560');
  });

  test('never lets a private Swish line leave the client, and keeps the phone number out of the key', () => {
    const r = counterpartyKey('Swish 46701234567 JOHAN');
    expect(r.shareable).toBe(false);
    expect(r.key).not.toMatch(/\d/);
    expect(r.signals.swish).toEqual({ business: false });
    expect(r.signals.personalData).toBe(true);
  });

  test('treats a Swish line to a 123-number as a business that may be shared', () => {
    const r = counterpartyKey('Swish 1231234567 FOOBAR AB');
    expect(r.key).toBe('FOOBAR');
    expect(r.shareable).toBe(true);
    expect(r.signals.swish).toEqual({ business: true });
  });

  test('removes a personnummer from the key and marks the line as personal', () => {
    const r = counterpartyKey('Överföring 920117-1221');
    expect(r.key).toBe('ÖVERFÖRING');
    expect(r.shareable).toBe(false);
  });

  test('keeps the merchant behind a PayPal star and drops the trailing number', () => {
    expect(counterpartyKey('PAYPAL *FACEBO').key).toBe('PAYPAL FACEBO');
    expect(counterpartyKey('KORT PAYPAL *HKSITES 26').key).toBe('PAYPAL HKSITES');
  });

  test('cuts the SEB card date suffix', () => {
    expect(counterpartyKey('EASYPARK /25-04-29').key).toBe('EASYPARK');
    expect(counterpartyKey('WIRSTRÖMS PU/14-12-31').key).toBe('WIRSTRÖMS PU');
  });

  test('reads the transaction type after blanks at the start as well', () => {
    for (const [text, type] of [['KORTKÖP 260214 ICA NARA', 'KORT'], ['BG 5050-1055 TELIA', 'BG'], ['Swish ANNA', 'SWISH']] as const) {
      expect(counterpartyKey(text).signals.type).toBe(type);
      expect(counterpartyKey(`  ${text}`).signals).toEqual(counterpartyKey(text).signals);
      expect(counterpartyKey(`\t${text}`).signals.type).toBe(type);
    }
  });

  test('marks autogiro and drops the legal form', () => {
    const r = counterpartyKey('AUTOGIRO FORTNOX AB');
    expect(r.key).toBe('FORTNOX');
    expect(r.signals.autogiro).toBe(true);
  });

  test('keys on no legal form alone: the type word before it, or nothing when only bookkeeping words come with it', () => {
    expect(counterpartyKey('Kundbet Kund AB').key).toBe('KUNDBET');
    expect(counterpartyKey('Överföring AB').key).toBe('ÖVERFÖRING');
    // Nothing but bookkeeping words and a legal form: no name, as bookkeeping words alone give none.
    expect(counterpartyKey('Kund AB').key).toBeNull();
    expect(counterpartyKey('Faktura 1042 AB').key).toBeNull();
    expect(counterpartyKey('Kund').key).toBeNull();
    // A name before the legal form is still the key, without the type word.
    expect(counterpartyKey('Överföring Kalles Bygg AB').key).toBe('KALLES BYGG');
  });

  test('gives salary lines of different months the same key', () => {
    expect(counterpartyKey('LÖN MARS').key).toBe('LÖN');
    expect(counterpartyKey('Lön april').key).toBe('LÖN');
  });

  test('keeps å ä ö', () => {
    expect(counterpartyKey('Strömqvist Järnhandel').key).toBe('STRÖMQVIST JÄRNHANDEL');
    expect(normalizeText('Café Åre')).toBe('CAFE ÅRE');
  });

  test('reads the OCR from a separate reference column', () => {
    expect(counterpartyKey('SKATTEVERKET', { reference: '1655682368139' }).signals.ocr).toBe('1655682368139');
  });

  test('returns no key for a text with nothing identifying', () => {
    expect(counterpartyKey('123456 789').key).toBeNull();
  });

  test('gives every Nordea Företag corpus line a key, and the same key to every Skatteverket payment', () => {
    const lines = readFileSync(`${CORPUS}/nordea/foretag-2022-iso-dates.csv`, 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim() !== '');
    const skv = new Set<string | null>();
    for (const line of lines) {
      const cols = line.split(';');
      const r = counterpartyKey(cols[4] ?? '', { reference: cols[6], counterparty: cols[3] });
      expect(r.key).not.toBeNull();
      if ((cols[4] ?? '').includes('SKATTEVERKET')) skv.add(r.key);
    }
    expect([...skv]).toEqual(['SKATTEVERKET']);
  });

  test('gives the Swedbank corpus card lines stable keys', () => {
    const text = readFileSync(`${CORPUS}/swedbank/short-2017-headerless.csv`, 'utf8');
    const keys = text.split(/\r?\n/).filter((l) => l.includes(';')).map((l) => counterpartyKey(l.split(';')[0] ?? '').key);
    expect(keys).toContain('PRESSBYRÅN');
    expect(keys).toContain('HEMKÖP');
  });
});

describe('tokens', () => {
  test('stems Swedish words so inflections compare equal', () => {
    expect(tokenize('Försäkringar')).toEqual(tokenize('försäkring'));
  });

  test('scores word overlap', () => {
    expect(tokenSimilarity(tokenize('ICA NARA'), tokenize('ICA NARA ORMINGE'))).toBeCloseTo(2 / 3);
    expect(tokenSimilarity([], ['a'])).toBe(0);
  });
});
