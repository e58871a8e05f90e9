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
