/**
 * Bank texts written as sentences (payment services, neobanks, English-UI exports, and Swedish
 * "Betalning till …" texts) key on the name they point at, not on the template's words; texts that
 * open with a name, and texts of template words only, key as before. All names are invented.
 */
import { describe, expect, test } from 'vitest';
import { counterpartyKey } from '../../src/normalize/counterparty.js';

const key = (text: string): string | null => counterpartyKey(text).key;

describe('English sentence texts key on the party they name', () => {
  test('a card transaction keys on the merchant after "issued by", not on the template', () => {
    expect(key('Card transaction of 612.50 SEK issued by Björks Färg Lund')).toBe('BJÖRKS FÄRG');
    expect(key('Card transaction of 129.00 SEK issued by Webhallen Sverige')).toBe('WEBHALLEN SVERIGE');
    // Two merchants, two keys (before: one key "TRANSACTION OF ISSUED BY" for every card line).
    expect(key('Card transaction of 45.00 EUR issued by Kafé Grönstedt')).not.toBe(key('Card transaction of 45.00 EUR issued by Lindbloms Järn'));
  });

  test('money sent, received and paid keys on the other party, up to the reference clause', () => {
    expect(key('Received money from Kundbolaget Norr AB with reference 1234')).toBe('KUNDBOLAGET NORR');
    expect(key('Paid to Webhallen Sverige AB')).toBe('WEBHALLEN SVERIGE');
    expect(key('Purchase at Café Solrosen')).toBe('CAFE SOLROSEN');
    expect(key('Payment to Telia Sverige AB ref 55512')).toBe('TELIA SVERIGE');
    expect(key('Transfer to Ekdahls Måleri AB 2026-11-07')).toBe('EKDAHLS MÅLERI');
  });

  test('an amount with its currency is never part of a key, on either side of the number', () => {
    expect(key('Spotify EUR 12,00')).toBe('SPOTIFY');
    expect(key('Spotify 12.00 EUR')).toBe('SPOTIFY');
    expect(key('Card transaction of EUR 12,00 issued by Grönlunds Cykel')).toBe('GRÖNLUNDS CYKEL');
    // A currency code that is not next to a number is a word like any other.
    expect(key('Hotel USD Suites')).toBe('HOTEL USD SUITES');
  });

  test("a person's name after the connector is the key and is never shareable", () => {
    const sent = counterpartyKey('Sent money to Tove Lindqvist');
    expect(sent.key).toBe('TOVE LINDQVIST');
    expect(sent.shareable).toBe(false);
    const received = counterpartyKey('Received money from Maja Karlsson with reference lunch');
    expect(received.key).toBe('MAJA KARLSSON');
    expect(received.shareable).toBe(false);
    expect(counterpartyKey('Paid to Björks Färg AB').shareable).toBe(true);
  });

  test('a refund keeps its refund word in front of the name', () => {
    expect(key('Refund from Webhallen Sverige')).toBe('REFUND WEBHALLEN SVERIGE');
  });
});

describe('Swedish sentence texts key on the party they name', () => {
  test('till, hos, från: the name up to the clause that follows it', () => {
    expect(key('Betalning till Ekdahls Måleri AB avseende faktura 123')).toBe('EKDAHLS MÅLERI');
    expect(key('Kortköp hos Björks Färg Lund')).toBe('BJÖRKS FÄRG');
    expect(key('Insättning från Kalles Bygg')).toBe('KALLES BYGG');
    expect(key('Överföring till Sjöbergs Rör meddelande mars')).toBe('SJÖBERGS RÖR');
    expect(key('Betalning till Ekdahls Måleri AB OCR 4455667788')).toBe('EKDAHLS MÅLERI');
  });

  test('the same party keys the same written as a sentence and on its own', () => {
    expect(key('Betalning till Ekdahls Måleri AB avseende faktura 123')).toBe(key('EKDAHLS MÅLERI AB'));
    expect(key('Card transaction of 612.50 SEK issued by Björks Färg Lund')).toBe(key('KORTKÖP 260105 BJÖRKS FÄRG LUND'));
  });
});

describe('texts that are not sentences around a name key as before', () => {
  test('a text that opens with a name keeps its own words', () => {
    expect(key('ICA NARA LUND')).toBe('ICA NARA');
    expect(key('ICA MAXI')).toBe('ICA MAXI');
    expect(key('Kortköp 260105 ICA NARA')).toBe('ICA NARA');
    // The head is not sentence grammar ("Lön"): the text keeps its words.
    expect(key('Lön till Anna')).toBe('LÖN ANNA');
  });

  test('a text of template words only keeps them', () => {
    expect(key('Card transaction of 612.50 SEK')).toBe('TRANSACTION OF');
    expect(key('Transfer to 1234 5678')).toBe('TRANSFER TO');
  });

  test('Swish, bankgiro and OCR lines', () => {
    const swish = counterpartyKey('Swish betalning 46701234567 JOHAN');
    expect(swish.key).toBe('SWISH JOHAN');
    expect(swish.shareable).toBe(false);
    const bg = counterpartyKey('BG 5050-1055 SKATTEVERKET');
    expect(bg.key).toBe('SKATTEVERKET');
    expect(bg.signals.bankgiro).toBe('5050-1055');
    expect(key('Betalning BG 5320-2560')).toBe('BG 5320-2560');
    const ocr = counterpartyKey('Betalning till Skatteverket OCR 16556823681391');
    expect(ocr.key).toBe('SKATTEVERKET');
    expect(ocr.signals.ocr).toBe('16556823681391');
  });
});

describe('bounded on hostile input', () => {
  test('a 1 MB sentence head and a 1 MB name each key in linear time', () => {
    const head = 'Sent money to '.repeat(75_000);
    const name = `Paid to ${'Björks '.repeat(150_000)}`;
    const digits = `Transfer of ${'12 SEK '.repeat(150_000)} to Kalles Bygg`;
    for (const text of [head, name, digits]) {
      expect(text.length).toBeGreaterThan(1_000_000);
      const t0 = performance.now();
      counterpartyKey(text);
      expect(performance.now() - t0).toBeLessThan(5_000);
    }
    expect(key(digits)).toBe('KALLES BYGG');
  });
});
