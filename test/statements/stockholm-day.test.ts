/**
 * Timestamps with a zone or an offset name an instant; a Swedish ledger books the Swedish calendar
 * day of it (Europe/Stockholm: CET, CEST from the last Sunday of March to the last Sunday of
 * October, switching at 01:00 UTC). A timestamp without a zone is the day as written.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDate, stockholmDay } from '../../src/core/dates.js';
import { parseStatement } from '../../src/statements/index.js';

const iso = (raw: string): string | undefined => parseDate(raw, 'YYYY-MM-DD');

describe('a timestamp with a zone is read as its Swedish day', () => {
  it('UTC near midnight in winter (CET, UTC+1)', () => {
    expect(iso('2026-01-31T23:30:00Z')).toBe('2026-02-01');
    expect(iso('2026-01-31 23:30 UTC')).toBe('2026-02-01');
    expect(iso('2026-01-31 23:30:00 GMT')).toBe('2026-02-01');
    expect(iso('2026-01-31T23:00:00.000Z')).toBe('2026-02-01');
    expect(iso('2026-01-31T22:59:59Z')).toBe('2026-01-31');
    expect(parseDate('Sat, 31 Jan 2026 23:30:00 +0000', 'D MMM YYYY')).toBe('2026-02-01');
    // Year end: the last evening of the year in UTC is New Year's Day in Sweden.
    expect(iso('2025-12-31T23:15:00Z')).toBe('2026-01-01');
  });

  it('UTC near midnight in summer (CEST, UTC+2)', () => {
    expect(iso('2026-07-31T21:59:00Z')).toBe('2026-07-31');
    expect(iso('2026-07-31T22:00:00Z')).toBe('2026-08-01');
  });

  it('the switch to and from summer time on the last Sundays of March and October', () => {
    // 2026: 29 March and 25 October.
    expect(iso('2026-03-28T22:30:00Z')).toBe('2026-03-28'); // 23:30 CET
    expect(iso('2026-03-29T22:30:00Z')).toBe('2026-03-30'); // 00:30 CEST
    expect(iso('2026-10-24T22:30:00Z')).toBe('2026-10-25'); // 00:30 CEST
    expect(iso('2026-10-25T22:30:00Z')).toBe('2026-10-25'); // 23:30 CET
    // 2024: 31 March (the last day of the month is the Sunday) and 27 October.
    expect(iso('2024-03-30T22:30:00Z')).toBe('2024-03-30');
    expect(iso('2024-03-31T22:30:00Z')).toBe('2024-04-01');
    expect(iso('2024-10-26T22:30:00Z')).toBe('2024-10-27');
    expect(iso('2024-10-27T22:30:00Z')).toBe('2024-10-27');
  });

  it('other offsets are moved to Swedish time too', () => {
    expect(iso('2026-01-31T23:30:00+01:00')).toBe('2026-01-31');
    expect(iso('2026-02-01T00:30:00+02:00')).toBe('2026-01-31');
    expect(iso('2026-01-31T20:30:00-05:00')).toBe('2026-02-01');
    expect(iso('2026-01-31 19:30:00 -0500')).toBe('2026-02-01');
    // An offset no zone has is no date.
    expect(iso('2026-01-31T23:30:00+15:00')).toBeUndefined();
  });

  it('a timestamp without a zone is the day as written', () => {
    expect(iso('2026-01-31T23:30:00')).toBe('2026-01-31');
    expect(iso('2026-01-31 23:30')).toBe('2026-01-31');
    expect(parseDate('31.01.2026 23:59', 'DD.MM.YYYY')).toBe('2026-01-31');
  });

  it('agrees with the time zone database for every half hour of 2024–2027, whatever the machine time zone', () => {
    const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
    const differ: string[] = [];
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2028, 0, 1); t += 1_800_000) {
      const ours = stockholmDay(t);
      const theirs = fmt.format(new Date(t));
      if (ours !== theirs) differ.push(`${new Date(t).toISOString()}: ${ours} vs ${theirs}`);
    }
    expect(differ).toEqual([]);
  });
});

describe('statements with zoned timestamps book the Swedish day', () => {
  it('a CSV export whose dates are UTC timestamps', () => {
    const csv =
      'Datum;Text;Belopp;Saldo\n' +
      '2026-01-31T23:30:00Z;Kortköp Nattbutiken;-120,00;880,00\n' +
      '2026-01-31T12:00:00Z;Insättning;1 000,00;1 000,00\n';
    const s = parseStatement(new TextEncoder().encode(csv));
    expect(s.transactions.map((t) => [t.date, t.amount])).toEqual([
      ['2026-02-01', -12_000],
      ['2026-01-31', 100_000],
    ]);
  });

  it('camt.053 booking date-times (BookgDt/DtTm) with a zone', () => {
    const camt = new TextDecoder().decode(readFileSync(new URL('../../fixtures/statements/camt/camt053-001-02-bankgiro-card-fee-pending.xml', import.meta.url)));
    const plain = parseStatement(new TextEncoder().encode(camt)).transactions.map((t) => t.date);
    const timed = (first: string, second: string): string[] =>
      parseStatement(
        new TextEncoder().encode(
          camt.replace('<BookgDt><Dt>2026-10-30</Dt></BookgDt>', `<BookgDt><DtTm>${first}</DtTm></BookgDt>`).replace('<BookgDt><Dt>2026-10-31</Dt></BookgDt>', `<BookgDt><DtTm>${second}</DtTm></BookgDt>`),
        ),
      ).transactions.map((t) => t.date);
    // 23:15 UTC on 29 October 2026 is 00:15 CET on the 30th; a time without a zone is the day written.
    expect(timed('2026-10-29T23:15:00Z', '2026-10-31T23:15:00')).toEqual(plain);
    // 22:15 UTC on the 29th is 23:15 CET, still the 29th (after the switch on 25 October).
    expect(timed('2026-10-29T22:15:00Z', '2026-10-31T23:15:00')[0]).toBe('2026-10-29');
  });
});
