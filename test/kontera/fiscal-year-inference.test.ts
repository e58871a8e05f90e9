/**
 * Fiscal years of 4I files without #RAR, on every store: books with years from July, exported as 4I
 * files that do not say their year. The calendar year standing in gave two vouchers of one number
 * in one calendar year (March and December 2024, two fiscal years) one id, and one voucher re-dated
 * across New Year two ids. The year is now read from the client's earlier files and the file's
 * numbering (see `fiscalYears` in src/sie/fiscal-year.ts).
 */
import { describe, expect, it } from 'vitest';
import type { OpenItem } from '../../src/openitems/types.js';
import { fiscalYears, numberingContradicts, startFromNumbering, unlawfulFiscalYear } from '../../src/sie/fiscal-year.js';
import { readSie } from '../../src/sie/reader.js';
import { konteraOn, STORE_KINDS } from './helpers.js';

type Kind = 'rent' | 'invoice' | 'payment';
/** [number, date, kind, kronor]; invoices and payments name invoice 31 + number of the invoice. */
type V = readonly [string, string, Kind, number, string?];

/** A 4I file of series A of Ekholms Bageri's books (invented), `rar` adds `#RAR 0`. */
function file(vouchers: readonly V[], rar?: readonly [string, string]): string {
  const lines = ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#PROGRAM "Exempelbok" 2.1', '#FNAMN "Ekholms Bageri AB"'];
  if (rar !== undefined) lines.push(`#RAR 0 ${rar[0]} ${rar[1]}`);
  for (const [number, date, kind, kr, ref = '0'] of vouchers) {
    const text = kind === 'rent' ? `Hyra ${date.slice(0, 6)}` : kind === 'invoice' ? `Faktura ${ref} Fagerlunds Fisk` : `Inbetalning faktura ${ref} Fagerlunds Fisk`;
    lines.push(`#VER A ${number} ${date} "${text}"`, '{');
    if (kind === 'rent') lines.push(`#TRANS 5010 {} ${kr}.00`, `#TRANS 1930 {} -${kr}.00`);
    if (kind === 'invoice') lines.push(`#TRANS 1510 {} ${kr}.00`, `#TRANS 3001 {} -${kr * 0.8}.00`, `#TRANS 2611 {} -${kr * 0.2}.00`);
    if (kind === 'payment') lines.push(`#TRANS 1930 {} ${kr}.00`, `#TRANS 1510 {} -${kr}.00`);
    lines.push('}');
  }
  return lines.join('\r\n') + '\r\n';
}

/** Fiscal year 2023-07-01 – 2024-06-30: A 3 (an invoice) and A 4 (rent) fall in calendar 2024. */
const FY23: V[] = [
  ['1', '20230710', 'rent', 9000],
  ['2', '20231102', 'rent', 9000],
  ['3', '20240120', 'invoice', 5000, '3101'],
  ['4', '20240215', 'rent', 9500],
  ['5', '20240301', 'payment', 5000, '3101'],
];
/** Fiscal year 2024-07-01 – 2025-06-30: A 3 and A 4 fall in calendar 2024 too. */
const FY24: V[] = [
  ['1', '20240708', 'rent', 9500],
  ['2', '20240903', 'rent', 9500],
  ['3', '20241120', 'invoice', 7000, '3201'],
  ['4', '20241210', 'rent', 9800],
  ['5', '20250115', 'payment', 7000, '3201'],
];

function summary(items: readonly OpenItem[]): string[] {
  return items.map((i) => `${i.series} ${i.number} ${i.date} ${i.amount} open ${i.open}: ${i.settlements.map((s) => `${s.date} ${s.amount}`).join(', ')}`).sort();
}

const BOTH = ['A 3 2024-01-20 500000 open 0: 2024-03-01 500000', 'A 3 2024-11-20 700000 open 0: 2025-01-15 700000'];

describe('fiscal years of a file without #RAR', () => {
  it('numbering that runs across New Year: the year starts in the month of the first voucher', () => {
    expect(startFromNumbering(readSie(file(FY23)))).toBe('07-01');
    expect(startFromNumbering(readSie(file(FY24)))).toBe('07-01');
    expect(fiscalYears(readSie(file(FY24)))('2025-01-15')).toEqual({ start: '2024-07-01', end: '2025-06-30' });
  });

  it('numbering that restarts: the year starts between the two dates of one number', () => {
    // The last vouchers of one year and the first of the next in one file, each numbered from 1.
    const two: V[] = [
      ['1', '20240610', 'rent', 9000],
      ['2', '20240620', 'rent', 9000],
      ['1', '20240705', 'rent', 9500],
      ['2', '20240712', 'rent', 9500],
    ];
    expect(startFromNumbering(readSie(file(two)))).toBe('07-01');
  });

  it('nothing decides: the calendar year stands in', () => {
    // Within one calendar year; and numbering that restarts on New Year.
    expect(startFromNumbering(readSie(file(FY24.slice(0, 4))))).toBeUndefined();
    expect(fiscalYears(readSie(file(FY24.slice(0, 4))))('2024-11-20')).toBeUndefined();
    expect(startFromNumbering(readSie(file([['1', '20241220', 'rent', 100], ['1', '20250103', 'rent', 100]])))).toBeUndefined();
  });

  it('the client\'s earlier files decide before the file\'s numbering, #RAR before both', () => {
    expect(fiscalYears(readSie(file(FY24.slice(0, 4))), ['2022-05-01', '2019-01-01'])('2024-11-20')).toEqual({ start: '2024-05-01', end: '2025-04-30' });
    expect(fiscalYears(readSie(file(FY24, ['20240101', '20241231'])), ['2022-07-01'])('2024-11-20')).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    // A voucher after the file's own calendar-year #RAR, numbered on across New Year (programs that
    // keep one sequence): the file's calendar years decide, not its numbering.
    expect(fiscalYears(readSie(file(FY24, ['20240101', '20241231'])))('2025-01-15')).toEqual({ start: '2025-01-01', end: '2025-12-31' });
  });
});

/** Monthly rent of an irregular first year, 2024-07-10 – 2025-12-31 (18 months, BFL 3:3), numbered A 1 … A 18 on. */
const IRREGULAR: V[] = Array.from({ length: 18 }, (_, i) => {
  const month = 6 + i; // July 2024 = month 6 counted from January 2024
  const date = `${2024 + Math.floor(month / 12)}${String((month % 12) + 1).padStart(2, '0')}15`;
  return [String(i + 1), date, 'rent', 9000] as const;
});
/** The calendar year after it, numbered from 1 again. */
const Y2026: V[] = [['1', '20260115', 'rent', 9500], ['2', '20260215', 'rent', 9500], ['3', '20260316', 'rent', 9500], ['4', '20260415', 'rent', 9500]];
const FIRST_YEAR = { start: '2024-07-10', end: '2025-12-31' };

describe('an irregular first fiscal year in files without #RAR', () => {
  it('numbering that fits no twelve-month year is said, not guessed silently; stated years decide and the next year starts after them', () => {
    const doc = readSie(file(IRREGULAR));
    expect(startFromNumbering(doc)).toBeUndefined();
    expect(numberingContradicts(doc, fiscalYears(doc))).toMatch(/^voucher A 6 and the number after it \(dated 2024-12-15 and 2025-01-15\)/);
    const stated = fiscalYears(doc, [], [FIRST_YEAR]);
    expect(stated('2025-08-15')).toEqual(FIRST_YEAR);
    expect(numberingContradicts(doc, stated, [FIRST_YEAR])).toBeUndefined();
    // After the stated year: the calendar years its end says, also where a stored start says May.
    expect(fiscalYears(readSie(file(Y2026)), ['2024-07-10'], [FIRST_YEAR])('2026-03-16')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    // Before it: twelve months that end where it starts.
    expect(fiscalYears(readSie(file(Y2026)), [], [FIRST_YEAR])('2024-03-01')).toEqual({ start: '2023-07-10', end: '2024-07-09' });
  });
});

for (const kind of STORE_KINDS) {
  describe(`4I files without #RAR of years from July on ${kind}`, () => {
    const kontera = konteraOn(kind, '2025-04-12T09:00:00Z', { a: 'Bageri a', b: 'Bageri b', c: 'Bageri c' });

    it('A 3 and A 4 of two fiscal years in one calendar year are four vouchers (either year first)', async () => {
      const k = await kontera();
      for (const [client, first, second] of [['a', FY23, FY24], ['b', FY24, FY23]] as const) {
        await k.learnFromSie(client, file(first));
        const r = await k.learnFromSie(client, file(second));
        expect(r, client).toMatchObject({ learned: 4, replaced: 0, unchanged: 0 });
        expect((await k.exportClientData(client)).ledgerVouchers.length, client).toBe(8);
        expect(summary(await k.openItems(client)), client).toEqual(BOTH);
        for (const bytes of [file(first), file(second)]) expect(await k.learnFromSie(client, bytes), client).toMatchObject({ learned: 0, replaced: 0, unchanged: 4 });
      }
    });

    it('a year learned from a 4E export decides for a 4I file whose numbering does not', async () => {
      const k = await kontera();
      await k.learnFromSie('a', file(FY23.slice(0, 2), ['20230701', '20240630']));
      // The rest of that year and the start of the next, each alone within calendar 2024.
      await k.learnFromSie('a', file(FY23.slice(2)));
      const r = await k.learnFromSie('a', file(FY24.slice(2, 4)));
      expect(r).toMatchObject({ learned: 1, replaced: 0 });
      expect(summary(await k.openItems('a'))).toEqual(['A 3 2024-01-20 500000 open 0: 2024-03-01 500000', 'A 3 2024-11-20 700000 open 700000: ']);
    });

    it('the first half of a year, then the whole year: ids from the calendar year and from the numbering meet', async () => {
      // The first export lies within calendar 2024, so nothing moves its year; the second runs on
      // across New Year, so its numbering says July. The vouchers of both are the same vouchers.
      const k = await kontera();
      expect(await k.learnFromSie('c', file(FY24.slice(0, 4)))).toMatchObject({ learned: 3, unchanged: 0 });
      expect(await k.learnFromSie('c', file(FY24))).toMatchObject({ learned: 1, replaced: 0, unchanged: 3 });
      expect((await k.exportClientData('c')).ledgerVouchers.length).toBe(4);
      expect(summary(await k.openItems('c'))).toEqual(['A 3 2024-11-20 700000 open 0: 2025-01-15 700000']);
    });

    it('an irregular first year: FISCAL_YEAR_UNCERTAIN without the years; with them, its parts and the next year are distinct vouchers', async () => {
      const k = await kontera();
      const warned = await k.learnFromSie('a', file(IRREGULAR));
      expect(warned.warnings.map((w) => w.code)).toContain('FISCAL_YEAR_UNCERTAIN');
      expect(warned.warnings.find((w) => w.code === 'FISCAL_YEAR_UNCERTAIN')?.message).toMatch(/voucher A 6 .*option fiscalYears/);
      await expect(k.learnFromSie('b', file(IRREGULAR), { fiscalYears: [{ start: '2025-01-01', end: '2024-12-31' }] })).rejects.toMatchObject({ code: 'VALIDATION' });
      // The year in three exports, each alone within what a twelve-month year allows, then the next year.
      const years = { fiscalYears: [FIRST_YEAR] };
      for (const [part, learned] of [[IRREGULAR.slice(0, 10), 10], [IRREGULAR.slice(10, 15), 5], [IRREGULAR.slice(15), 3], [Y2026, 4]] as const) {
        const r = await k.learnFromSie('b', file(part), years);
        expect(r).toMatchObject({ learned, replaced: 0, unchanged: 0 });
        expect(r.warnings.map((w) => w.code)).not.toContain('FISCAL_YEAR_UNCERTAIN');
      }
      const ids = (await k.exportClientData('b')).ledgerVouchers.map((v) => v.id);
      expect(ids).toHaveLength(22);
      expect(ids).toContain('2024-07-10 A 18');
      expect(ids).toContain('2026-01-01 A 4');
      expect(await k.learnFromSie('b', file(IRREGULAR), years)).toMatchObject({ learned: 0, replaced: 0, unchanged: 18 });
    });

    it('years stated again replace what was stated of them before: a correction is not outvoted by the mistake', async () => {
      const k = await kontera();
      // First stated wrongly as a calendar year, then corrected to the irregular first year.
      await k.learnFromSie('c', file(IRREGULAR.slice(0, 5)), { fiscalYears: [{ start: '2024-01-01', end: '2024-12-31' }] });
      await k.learnFromSie('c', file(IRREGULAR.slice(0, 10)), { fiscalYears: [FIRST_YEAR] });
      expect((await k.exportClientData('c')).fiscalYears.filter((y) => y.source === 'stated').map((y) => `${y.start} ${y.end}`)).toEqual([`${FIRST_YEAR.start} ${FIRST_YEAR.end}`]);
      // A later file, with nothing stated: the corrected year holds, its vouchers continue its numbering.
      const r = await k.learnFromSie('c', file(IRREGULAR.slice(10)));
      expect(r.warnings.map((w) => w.code)).not.toContain('FISCAL_YEAR_UNCERTAIN');
      expect((await k.exportClientData('c')).ledgerVouchers.map((v) => v.id)).toContain(`${FIRST_YEAR.start} A 18`);
    });

    it('a voucher re-dated across New Year and exported again is still one voucher', async () => {
      const k = await kontera();
      const before: V[] = [FY24[0] as V, FY24[1] as V, ['3', '20241230', 'invoice', 7000, '3201'], ['4', '20241231', 'rent', 9800], FY24[4] as V];
      const after: V[] = [FY24[0] as V, FY24[1] as V, ['3', '20250102', 'invoice', 7000, '3201'], ['4', '20250102', 'rent', 9800], FY24[4] as V];
      await k.learnFromSie('c', file(before));
      expect(await k.learnFromSie('c', file(after))).toMatchObject({ learned: 1, replaced: 1, unchanged: 3 });
      expect((await k.exportClientData('c')).ledgerVouchers.length).toBe(4);
      // The invoice follows the edit: re-dated, still paid by A 5.
      expect(summary(await k.openItems('c'))).toEqual(['A 3 2025-01-02 700000 open 0: 2025-01-15 700000']);
    });
  });
}

describe('fiscal years the law allows (BFL 3:3)', () => {
  it('at most eighteen calendar months from the month a year starts in, at least one day', () => {
    expect(unlawfulFiscalYear({ start: '2024-07-10', end: '2025-12-31' })).toBeUndefined();
    expect(unlawfulFiscalYear({ start: '2024-07-01', end: '2024-07-01' })).toBeUndefined();
    expect(unlawfulFiscalYear({ start: '2024-06-30', end: '2025-12-31' })).toMatch(/eighteen months .*2025-11-30/);
    expect(unlawfulFiscalYear({ start: '2024-07-02', end: '2024-07-01' })).toMatch(/ends before it starts/);
  });
});

for (const kind of STORE_KINDS) {
  describe(`fiscal years longer than the law allows on ${kind}`, () => {
    const kontera = konteraOn(kind, '2026-05-12T09:00:00Z', { a: 'Bageri a' });

    it('a stated year is a VALIDATION error and nothing is learned; a file\'s #RAR is warned about and taken as stated', async () => {
      const k = await kontera();
      await expect(k.learnFromSie('a', file(IRREGULAR), { fiscalYears: [{ start: '2024-05-10', end: '2025-12-31' }] })).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(k.learnFromSie('a', file(IRREGULAR), { fiscalYears: [FIRST_YEAR, { start: '2025-12-31', end: '2026-12-30' }] })).rejects.toMatchObject({ code: 'VALIDATION' });
      expect((await k.exportClientData('a')).ledgerVouchers).toHaveLength(0);
      const r = await k.learnFromSie('a', file(IRREGULAR, ['20240510', '20251231']));
      expect(r.warnings.find((w) => w.code === 'FISCAL_YEAR_UNLAWFUL')?.message).toMatch(/#RAR 0 2024-05-10 – 2025-12-31: it is longer than eighteen months/);
      expect(r).toMatchObject({ learned: 18 });
      const lawful = await k.learnFromSie('a', file(Y2026, ['20260101', '20261231']));
      expect(lawful.warnings.map((w) => w.code)).not.toContain('FISCAL_YEAR_UNLAWFUL');
    });
  });
}

/** An irregular first year in three exports without #RAR: A 1–3 from May 2024 to February 2025, … */
const MAY_TO_FEB: V[] = [['1', '20240515', 'rent', 9000], ['2', '20241115', 'rent', 9000], ['3', '20250215', 'rent', 9000]];
/** … A 4–5 later in 2025 (its numbering runs on) … */
const LATER_2025: V[] = [['4', '20250615', 'rent', 9200], ['5', '20250915', 'rent', 9200]];

for (const kind of STORE_KINDS) {
  describe(`known fiscal years and where they came from on ${kind}`, () => {
    const kontera = konteraOn(kind, '2026-05-12T09:00:00Z', { a: 'Bageri a', b: 'Bageri b', c: 'Bageri c' });

    it('a guessed year a later file contradicts is revised and said: the next year\'s A 4 does not replace the year before\'s', async () => {
      const k = await kontera();
      expect(await k.learnFromSie('a', file(MAY_TO_FEB))).toMatchObject({ learned: 3 });
      expect((await k.exportClientData('a')).fiscalYears).toEqual([{ start: '2024-05-01', end: '2025-04-30', source: 'inferred' }]);
      const second = await k.learnFromSie('a', file(LATER_2025));
      expect(second).toMatchObject({ learned: 2, replaced: 0 });
      const said = second.warnings.find((w) => w.code === 'FISCAL_YEAR_GUESS_CONTRADICTED');
      expect(said?.message).toMatch(/voucher A 3 \(2025-02-15, learned before\) and A 4 \(2025-06-15, in this file\) follow each other, yet the year inferred before ran 2024-05-01 – 2025-04-30/);
      const third = await k.learnFromSie('a', file(Y2026));
      expect(third).toMatchObject({ learned: 4, replaced: 0, unchanged: 0 });
      const { ledgerVouchers, fiscalYears } = await k.exportClientData('a');
      expect(ledgerVouchers.map((v) => `${v.series} ${v.number} ${v.date}`).sort()).toHaveLength(9);
      expect(new Set(ledgerVouchers.map((v) => v.id)).size).toBe(9);
      expect(fiscalYears.every((y) => y.source === 'inferred')).toBe(true);
      // Every file again: nothing new, nothing replaced.
      for (const part of [MAY_TO_FEB, LATER_2025, Y2026]) expect(await k.learnFromSie('a', file(part))).toMatchObject({ learned: 0, replaced: 0, unchanged: part.length });
    });

    it('a #RAR year is a fact: a later file without #RAR inside it takes its start, the year after it starts the day after its end', async () => {
      const k = await kontera();
      // The 4E export of the first months of an irregular first year, then 4I files without #RAR.
      await k.learnFromSie('b', file(IRREGULAR.slice(0, 3), ['20240710', '20251231']));
      expect((await k.exportClientData('b')).fiscalYears).toEqual([{ start: '2024-07-10', end: '2025-12-31', source: 'rar' }]);
      expect(await k.learnFromSie('b', file(IRREGULAR.slice(12, 15)))).toMatchObject({ learned: 3, replaced: 0 });
      expect(await k.learnFromSie('b', file(Y2026))).toMatchObject({ learned: 4, replaced: 0 });
      const { ledgerVouchers, fiscalYears } = await k.exportClientData('b');
      const ids = ledgerVouchers.map((v) => v.id);
      expect(ids).toContain('2024-07-10 A 13');
      expect(ids).toContain('2026-01-01 A 1');
      expect(fiscalYears).toEqual([{ start: '2024-07-10', end: '2025-12-31', source: 'rar' }, { start: '2026-01-01', end: '2026-12-31', source: 'inferred' }]);
    });

    it('a voucher of a guessed year that takes the id of one dated months apart is said', async () => {
      const k = await kontera();
      // The year 2024-07-01 – 2025-06-30 from the numbering; then an A 4 in its last month.
      await k.learnFromSie('c', file(FY24));
      const r = await k.learnFromSie('c', file([['4', '20250610', 'rent', 9800]]));
      expect(r).toMatchObject({ replaced: 1 });
      expect(r.warnings.find((w) => w.code === 'FISCAL_YEAR_GUESS_CONTRADICTED')?.message).toMatch(/A 4 \(2024-12-10 learned before, 2025-06-10 in this file\)/);
    });
  });

  describe(`the client's stated fiscal years on ${kind}`, () => {
    const kontera = konteraOn(kind, '2026-05-12T09:00:00Z', { a: 'Bageri a' });

    it('addClient and updateClient keep them (checked as the option is), every learnFromSie reads with them, the option wins for its call', async () => {
      const k = await kontera();
      await expect(k.addClient({ bureauId: 'b1', id: 'long', name: 'Lång AB', fiscalYears: [{ start: '2024-05-10', end: '2025-12-31' }] })).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(k.getClient('long')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const added = await k.addClient({ bureauId: 'b1', id: 'first', name: 'Första AB', fiscalYears: [FIRST_YEAR] });
      expect(added.fiscalYears).toEqual([FIRST_YEAR]);
      expect((await k.getClient('first')).fiscalYears).toEqual([FIRST_YEAR]);
      // The year in three exports without the option, then the next year: 22 vouchers, no warning.
      for (const part of [IRREGULAR.slice(0, 10), IRREGULAR.slice(10, 15), IRREGULAR.slice(15), Y2026]) {
        const r = await k.learnFromSie('first', file(part));
        expect(r).toMatchObject({ learned: part.length, replaced: 0 });
        expect(r.warnings.map((w) => w.code)).not.toContain('FISCAL_YEAR_UNCERTAIN');
      }
      expect((await k.exportClientData('first')).ledgerVouchers).toHaveLength(22);
      // Stated later on a client that learned nothing yet.
      await expect(k.updateClient('a', { fiscalYears: [{ start: '2025-01-01', end: '2024-12-31' }] })).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(k.updateClient('nobody', { fiscalYears: [FIRST_YEAR] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await k.updateClient('a', { fiscalYears: [FIRST_YEAR] })).fiscalYears).toEqual([FIRST_YEAR]);
      expect((await k.getClient('a')).fiscalYears).toEqual([FIRST_YEAR]);
      expect((await k.learnFromSie('a', file(IRREGULAR))).warnings.map((w) => w.code)).not.toContain('FISCAL_YEAR_UNCERTAIN');
      expect((await k.exportClientData('a')).ledgerVouchers.map((v) => v.id)).toContain('2024-07-10 A 18');
      // The option wins for its call.
      expect((await k.learnFromSie('a', file(Y2026), { fiscalYears: [{ start: '2025-07-01', end: '2026-06-30' }] })).warnings).toEqual([]);
      expect((await k.exportClientData('a')).ledgerVouchers.map((v) => v.id)).toContain('2025-07-01 A 4');
      // An empty list removes them.
      expect((await k.updateClient('a', { fiscalYears: [] })).fiscalYears).toBeUndefined();
    });
  });
}
