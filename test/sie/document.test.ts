/** createSieDocument: the facade's way to export confirmed vouchers. */
import { describe, expect, it } from 'vitest';
import { createSieDocument } from '../../src/sie/document.js';
import { readSie } from '../../src/sie/reader.js';
import { writeSie } from '../../src/sie/writer.js';

describe('createSieDocument', () => {
  const input = {
    company: { name: 'Kaffebryggeriet AB', orgNumber: '5566778899', companyId: 'K-12' },
    generated: '2025-11-21',
    fiscalYear: { start: '2025-01-01', end: '2025-12-31' },
    chartType: 'BAS2025',
    accounts: { '6570': 'Bankkostnader', '1930': 'Företagskonto', '2641': 'Debiterad ingående moms', '5410': 'Förbrukningsinventarier' },
    vouchers: [
      { date: '2025-11-03', text: 'Bankavgift', transactions: [{ account: '6570', amount: 4500 }, { account: '1930', amount: -4500 }] },
      {
        series: 'K',
        date: '2025-11-04',
        text: 'Clas Ohlson',
        transactions: [
          { account: '5410', amount: 79920, objects: [{ dimension: 1, object: '01' }] },
          { account: '2641', amount: 19980 },
          { account: '1930', amount: -99900, text: 'Kortköp 1234' },
        ],
      },
    ],
  } as const;

  it('fills the model with defaults and sorted accounts', () => {
    const doc = createSieDocument(input);
    expect(doc.header).toMatchObject({ flag: 0, format: 'PC8', sieType: 4, companyName: 'Kaffebryggeriet AB', orgNumber: { number: '5566778899' }, companyId: 'K-12' });
    expect(doc.header.fiscalYears).toEqual([{ yearIndex: 0, start: '2025-01-01', end: '2025-12-31' }]);
    expect(doc.accounts.map((a) => a.number)).toEqual(['1930', '2641', '5410', '6570']);
    expect(doc.vouchers[0]).toMatchObject({ series: '', number: '', removed: [], transactions: [{ account: '6570', amount: 4500, objects: [] }, { account: '1930', amount: -4500, objects: [] }] });
  });

  it('writes a 4I file that reads back to the same vouchers', () => {
    const bytes = writeSie(createSieDocument(input), { checksum: true });
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text).toContain('#VER "" "" 20251103 "Bankavgift"\r\n');
    expect(text).toContain('#VER K "" 20251104 "Clas Ohlson"\r\n');
    expect(text).toContain('#RAR 0 20250101 20251231\r\n');
    expect(text).toContain('#KPTYP BAS2025\r\n');
    expect(text).toContain('#ORGNR 5566778899\r\n');
    const back = readSie(bytes);
    expect(back.checksum.status).toBe('valid');
    expect(back.vouchers[1]?.transactions).toEqual([
      { account: '5410', amount: 79920, objects: [{ dimension: 1, object: '01' }], line: expect.any(Number) },
      { account: '2641', amount: 19980, objects: [], line: expect.any(Number) },
      { account: '1930', amount: -99900, objects: [], text: 'Kortköp 1234', line: expect.any(Number) },
    ]);
  });

  it('accepts accounts as a list', () => {
    const doc = createSieDocument({ ...input, accounts: [{ number: '6570', name: 'Bank' }, { number: '1930', name: 'Konto' }, { number: '2641', name: 'Moms' }, { number: '5410', name: 'Inv' }] });
    expect(doc.accounts.map((a) => a.number)).toEqual(['6570', '1930', '2641', '5410']);
    expect(() => writeSie(doc)).not.toThrow();
  });
});
