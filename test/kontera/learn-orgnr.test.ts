/**
 * learnFromSie and the client's organisation number. Bureaus get a folder of SIE exports named
 * `export.se`; learning another client's books teaches this client that company's counterparties
 * (and the bureau and network counts with it) and marks its bank lines booked by the other
 * company's vouchers. When the client has an orgNr and the file states another (#ORGNR), the file
 * is refused and nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { fixture, konteraOn, STORE_KINDS } from './helpers.js';
import type { Kontera } from '../../src/kontera.js';

const KAFFE = 'demo/kaffebryggeriet/history-2025.se'; // #ORGNR 559123-4567
const LJUSGARD = 'demo/ljusgard/history-2025.se'; // #ORGNR 559234-5678
const NOW = '2026-02-02T08:00:00.000Z';

for (const kind of STORE_KINDS) {
  describe(`learnFromSie checks the file's #ORGNR against the client's orgNr (${kind})`, () => {
    const open = konteraOn(kind, NOW, {});
    async function withClient(orgNr: string | undefined): Promise<Kontera> {
      const k = await open();
      await k.addClient({ bureauId: 'b1', id: 'kaffe', name: 'Kaffebryggeriet i Kumla AB', ...(orgNr === undefined ? {} : { orgNr }) });
      return k;
    }

    it("refuses another company's books, naming both numbers, and writes nothing", async () => {
      const k = await withClient('559123-4567');
      const before = await k.exportClientData('kaffe');
      const error = await k.learnFromSie('kaffe', fixture(LJUSGARD), { fileName: 'export.se' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      const e = error as ValidationError;
      expect(e.code).toBe('VALIDATION');
      expect(e.file).toBe('export.se');
      expect(e.field).toBe('#ORGNR');
      expect(e.message).toContain('559123-4567');
      expect(e.message).toContain('559234-5678');
      expect(e.message).toContain('Studio Ljusgård AB');
      expect(await k.exportClientData('kaffe')).toEqual(before);
    });

    it("learns the client's own books, its number written with or without the hyphen or with a 16 prefix", async () => {
      for (const orgNr of ['559123-4567', '5591234567']) {
        const k = await withClient(orgNr);
        const r = await k.learnFromSie('kaffe', fixture(KAFFE));
        expect(r.learned).toBeGreaterThan(0);
      }
      const k = await withClient('559123-4567');
      // The same bytes but for the number (latin1 maps every byte to one character and back).
      const sixteen = Buffer.from(Buffer.from(fixture(KAFFE)).toString('latin1').replace('#ORGNR 559123-4567', '#ORGNR 16559123-4567'), 'latin1');
      expect((await k.learnFromSie('kaffe', sixteen)).learned).toBeGreaterThan(0);
    });

    it('checks nothing when the client has no orgNr', async () => {
      const k = await withClient(undefined);
      expect((await k.learnFromSie('kaffe', fixture(LJUSGARD))).learned).toBeGreaterThan(0);
    });
  });
}
