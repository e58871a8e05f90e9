/**
 * Every line of every bank fixture keys as it did when fixtures/statement-keys.json was written
 * (by test/statements/keys-snapshot.ts, on the commit it names, before texts written as sentences
 * were keyed on the name they point at): same counterparty key, same shareability. None of those
 * fixtures' lines is a sentence around a name without a name column, so none may change; a line
 * that should change on purpose is listed in CHANGED with its new key.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keysNow } from './keys-snapshot.js';

const snapshot = JSON.parse(readFileSync(new URL('../../fixtures/statement-keys.json', import.meta.url), 'utf8')) as {
  keys: Record<string, Record<string, string>>;
};

/** `file → line → new "key|shareable"` for lines whose key changed on purpose. */
const CHANGED: Record<string, Record<string, string>> = {
  // WEBHALLEN ends in -ALLEN as street names may: such an ending marks a street only with address
  // evidence in the line (a house number, a postcode, lgh), and this line has none.
  'fixtures/statements/generic/payment-service-english-sentences.csv': {
    '5 Card transaction of 129.00 SEK issued by Webhallen Sverige': 'WEBHALLEN SVERIGE|true',
  },
  // A legal form alone names no one: a line whose only other words are bookkeeping or type words
  // keys on its bankgiro, or on its type word, where it keyed on "AB" (every such line one counterparty).
  'fixtures/statements/generic/formulas-cached-excel97.xls': { '5 BG 5555-1234 Kund AB': 'BG 5555-1234|true' },
  'fixtures/statements/generic/formulas-cached-excel97.xlsx': { '5 BG 5555-1234 Kund AB': 'BG 5555-1234|true' },
  'fixtures/statements/generic/summary-sheet-first.xlsx': { '3 BG 5555-1234 KUND AB': 'BG 5555-1234|true' },
  'fixtures/statements/generic/xlwt-1904-sheets-around.xls': { '6 BG 5555-1234 Kund AB': 'BG 5555-1234|true' },
  'fixtures/statements/generic/xlwt-1904-sheets-around.xlsx': { '6 BG 5555-1234 Kund AB': 'BG 5555-1234|true' },
  // The counterparty column says "Kund AB": the deposit keys on its type word, as a bare one does.
  'fixtures/statements/nordea/business-2024-trailing-semicolon.csv': { '4 Insättning': 'INSÄTTNING|true' },
  // Private Swish with no name left: the type word alone, shareable as the bare "Swish inbetalning" is.
  'fixtures/statements/sections/two-accounts-semicolon.csv': { '7 Swish inbetalning Kund AB': 'SWISH|true' },
};

describe('every bank fixture line keys as before', () => {
  const now = keysNow();
  it('the snapshot covers the fixtures and their lines', () => {
    expect(Object.keys(snapshot.keys).length).toBeGreaterThan(50);
    for (const file of Object.keys(snapshot.keys)) expect(now[file], file).toBeDefined();
  });
  for (const [file, lines] of Object.entries(snapshot.keys)) {
    it(file, () => {
      const expected = { ...lines, ...CHANGED[file] };
      expect(now[file]).toEqual(expected);
    });
  }
});
