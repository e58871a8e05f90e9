/**
 * Two exports of one account joined end to end (`cat jan.csv feb.csv`): each export is a section,
 * and where their periods overlap the lines of the overlap are in both. Such a line is read once;
 * two identical purchases within one export stay two lines. Hand-written tables with invented
 * names and amounts, and the project's own fixtures (fixtures/SOURCES.md) joined to themselves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';
import type { Statement } from '../../src/statements/types.js';
import { bankFiles, key } from './reads-snapshot.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));
const codes = (s: Statement): string[] => s.warnings.map((w) => w.code);
const ids = (s: Statement): string[] => s.transactions.map((t) => t.id);

/** Bytes of two files joined as `cat a b` does (a newline between them when `a` has none at its end). */
function cat(a: Uint8Array, b: Uint8Array): Uint8Array {
  // A UTF-16 LE file (its byte-order mark first) ends a line with two bytes.
  const newline = a[0] === 0xff && a[1] === 0xfe ? [0x0a, 0x00] : [0x0a];
  const ends = newline.every((c, k) => a[a.length - newline.length + k] === c);
  const nl = ends ? [] : newline;
  const out = new Uint8Array(a.length + nl.length + b.length);
  out.set(a);
  out.set(nl, a.length);
  out.set(b, a.length + nl.length);
  return out;
}

const HEADING = 'Kontoutdrag Lindqvist Snickeri AB;;;\n';
const HEADER = 'Datum;Text;Belopp;Saldo\n';
/** An export of 1 January to 10 February (oldest first, balances chained). */
const JAN_ROWS = [
  '2026-01-03;Insättning;2 000,00;2 500,00',
  '2026-01-17;Kortköp Pressbyrån;-35,00;2 465,00',
  '2026-01-17;Kortköp Pressbyrån;-35,00;2 430,00',
  '2026-02-02;Swish Kalle;50,00;2 480,00',
  '2026-02-10;Hyra;-1 000,00;1 480,00',
];
/** An export of 1 February to 28 February of the same account: its first two lines are in both. */
const FEB_ROWS = ['2026-02-02;Swish Kalle;50,00;2 480,00', '2026-02-10;Hyra;-1 000,00;1 480,00', '2026-02-20;Autogiro Telia;-399,00;1 081,00'];
const exportOf = (rows: readonly string[], heading = HEADING): string => `${heading}${HEADER}${rows.join('\n')}\n`;

describe('two exports of overlapping periods joined end to end', () => {
  const jan = exportOf(JAN_ROWS);
  const feb = exportOf(FEB_ROWS);
  const joined = parseStatement(jan + feb);

  it('reads each line once: the overlap\'s lines from the first export, named in a SECTIONS_OVERLAP warning', () => {
    expect(joined.transactions.map((t) => [t.line, t.date, t.amount])).toEqual([
      [3, '2026-01-03', 200_000],
      [4, '2026-01-17', -3_500],
      [5, '2026-01-17', -3_500],
      [6, '2026-02-02', 5_000],
      [7, '2026-02-10', -100_000],
      [12, '2026-02-20', -39_900],
    ]);
    expect(joined.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines).toEqual([10, 11]);
    expect(codes(joined)).not.toContain('BALANCE_CHAIN_BROKEN');
    expect([joined.openingBalance, joined.closingBalance]).toEqual([50_000, 108_100]);
    expect(joined.sections?.map((s) => s.count)).toEqual([5, 1]);
  });

  it('every line has the id it has in its own export, so importing either export after the joined file finds duplicates', () => {
    const a = ids(parseStatement(jan));
    const b = ids(parseStatement(feb));
    expect(ids(joined)).toEqual([...a, ...(b.slice(2) as string[])]);
    expect(b.slice(0, 2)).toEqual(a.slice(3));
    expect(new Set(ids(joined)).size).toBe(6);
  });

  it('the same in the other order (the later export first) and with a bare header (files without heading lines)', () => {
    const reversed = parseStatement(feb + jan);
    expect(reversed.transactions).toHaveLength(6);
    expect(new Set(ids(reversed))).toEqual(new Set(ids(joined)));
    const bare = parseStatement(`${HEADER}${JAN_ROWS.join('\n')}\n${HEADER}${FEB_ROWS.join('\n')}\n`);
    expect(bare.transactions.map((t) => t.line)).toEqual([2, 3, 4, 5, 6, 10]);
    expect(bare.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines).toEqual([8, 9]);
    expect(ids(bare)).toEqual(ids(joined));
  });

  it('an export joined to itself reads as the export', () => {
    const twice = parseStatement(jan + jan);
    expect(ids(twice)).toEqual(ids(parseStatement(jan)));
    expect(twice.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines).toEqual([10, 11, 12, 13, 14]);
    expect(codes(twice)).not.toContain('BALANCE_CHAIN_BROKEN');
  });

  it('two identical purchases on a day stay two lines, and a day both exports hold in part keeps as many as the export with more', () => {
    // The January export was made during 2026-01-17: it holds one of that day's two purchases.
    const early = exportOf(JAN_ROWS.slice(0, 2));
    const later = exportOf(JAN_ROWS.slice(1));
    const s = parseStatement(early + later);
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance])).toEqual([
      [3, '2026-01-03', 200_000, 250_000],
      [4, '2026-01-17', -3_500, 246_500],
      [8, '2026-01-17', -3_500, 243_000],
      [9, '2026-02-02', 5_000, 248_000],
      [10, '2026-02-10', -100_000, 148_000],
    ]);
    expect(s.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines).toEqual([7]);
    expect(ids(s)).toEqual(ids(parseStatement(jan)));
  });

  it('without a balance column, the same date, amount and text as many times is the same line; with one, the balance must agree too', () => {
    const noBalance = (rows: readonly string[]): string => `Datum;Text;Belopp\n${rows.map((r) => r.replace(/;[^;]*$/, '')).join('\n')}\n`;
    // Bare headers: both exports start with their header.
    const s = parseStatement(noBalance(JAN_ROWS) + noBalance(FEB_ROWS));
    expect(s.transactions.map((t) => t.line)).toEqual([2, 3, 4, 5, 6, 10]);
    expect(s.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.message).toContain('same date, amount, text, as many times');
    // Same date, amount and text but another balance: another line (a second purchase), kept.
    const other = parseStatement(jan + exportOf(['2026-02-10;Hyra;-1 000,00;480,00', '2026-02-20;Autogiro Telia;-399,00;81,00']));
    expect(other.transactions.map((t) => t.line)).toEqual([3, 4, 5, 6, 7, 10, 11]);
    expect(codes(other)).not.toContain('SECTIONS_OVERLAP');
  });

  describe('without a balance, two exports that share exactly one day', () => {
    const H = 'Datum;Text;Belopp\n';
    const lines = (s: Statement): number[] => s.transactions.map((t) => t.line);

    it('bare headers meeting on one day whose lines repeat: a page break or a join, nothing tells — read as a join, the lines left out named as a guess', () => {
      // January's export made during 2026-01-31 (one coffee booked yet) and February's from 2026-01-31 on,
      // or one export with a page break after the first coffee of three: without a balance both read
      // alike, and the first is by far the commoner (exports are joined on a shared day as a matter of course).
      const jan = `${H}2026-01-03;Insättning;2 000,00\n2026-01-31;Kortköp Espresso House;-45,00\n`;
      const feb = `${H}2026-01-31;Kortköp Espresso House;-45,00\n2026-01-31;Kortköp Espresso House;-45,00\n2026-01-31;Swish Kalle;50,00\n2026-02-05;Hyra;-1 000,00\n`;
      const s = parseStatement(jan + feb);
      expect(s.sections).toHaveLength(2);
      expect(lines(s)).toEqual([2, 3, 6, 7, 8]);
      expect(new Set(ids(s)).size).toBe(5);
      const w = s.warnings.find((x) => x.code === 'SECTIONS_OVERLAP');
      expect(w?.lines).toEqual([5]);
      expect(w?.message).toContain('neither a balance nor the order tells');
      expect(w?.message).toContain('purchases of their own');
      // February's export first: the shared day is where the first section starts, no page break's place — a join, read once, and not a guess.
      const reversed = parseStatement(feb + jan);
      expect(reversed.transactions).toHaveLength(5);
      const r = reversed.warnings.find((x) => x.code === 'SECTIONS_OVERLAP');
      expect(r?.lines).toEqual([8]);
      expect(r?.message).not.toContain('neither a balance nor the order tells');
    });

    it('exports with heading lines of their own meeting on one day are two exports: the day read once, as a multiset', () => {
      // January's export was made during 2026-01-31 (one coffee booked yet); February's starts on 2026-01-31 and holds the day's three lines.
      const head = 'Kontoutdrag Lindqvist Snickeri AB;;\n';
      const jan = `${head}${H}2026-01-03;Insättning;2 000,00\n2026-01-31;Kortköp Espresso House;-45,00\n`;
      const feb = `${head}${H}2026-01-31;Kortköp Espresso House;-45,00\n2026-01-31;Kortköp Espresso House;-45,00\n2026-01-31;Swish Kalle;50,00\n2026-02-05;Hyra;-1 000,00\n`;
      const s = parseStatement(jan + feb);
      expect(s.transactions.map((t) => [t.line, t.date, t.amount])).toEqual([
        [3, '2026-01-03', 200_000],
        [4, '2026-01-31', -4_500],
        [8, '2026-01-31', -4_500],
        [9, '2026-01-31', 5_000],
        [10, '2026-02-05', -100_000],
      ]);
      const w = s.warnings.find((x) => x.code === 'SECTIONS_OVERLAP');
      expect(w?.lines).toEqual([7]);
      expect(w?.message).toContain('one day');
      // The ids are those each export gives alone.
      expect(ids(s)).toEqual([...ids(parseStatement(jan)), ...ids(parseStatement(feb)).slice(1)]);
      expect(parseStatement(feb + jan).transactions).toHaveLength(5);
      // Two identical coffees both exports hold are two lines, not four and not one.
      const jan2 = `${head}${H}2026-01-03;Insättning;2 000,00\n2026-01-31;Kortköp Espresso House;-45,00\n2026-01-31;Kortköp Espresso House;-45,00\n`;
      const feb2 = `${head}${H}2026-01-31;Kortköp Espresso House;-45,00\n2026-01-31;Kortköp Espresso House;-45,00\n2026-02-05;Hyra;-1 000,00\n`;
      const two = parseStatement(jan2 + feb2);
      expect(lines(two)).toEqual([3, 4, 5, 10]);
      expect(two.warnings.find((x) => x.code === 'SECTIONS_OVERLAP')?.lines).toEqual([8, 9]);
    });

    it('two identical coffees in one export, the next export starting the day after: both kept', () => {
      const jan = `${H}2026-01-03;Insättning;2 000,00\n2026-01-30;Kortköp Espresso House;-45,00\n2026-01-30;Kortköp Espresso House;-45,00\n`;
      const feb = `${H}2026-01-31;Kortköp Espresso House;-45,00\n2026-02-05;Hyra;-1 000,00\n`;
      const s = parseStatement(jan + feb);
      expect(lines(s)).toEqual([2, 3, 4, 6, 7]);
      expect(new Set(ids(s)).size).toBe(5);
      expect(codes(s)).not.toContain('SECTIONS_OVERLAP');
    });

    it('a page break inside a day (each side holds lines of the day the other lacks) keeps every line, identical ones too', () => {
      const text = `${H}2026-01-03;Insättning;2 000,00\n2026-01-17;Kortköp Pressbyrån;-35,00\n2026-01-17;Hyra;-1 000,00\n${H}2026-01-17;Kortköp Pressbyrån;-35,00\n2026-01-17;Lunch Bistro;-95,00\n2026-01-20;Ränta;1,00\n`;
      const s = parseStatement(text);
      expect(s.sections).toHaveLength(2);
      expect(lines(s)).toEqual([2, 3, 4, 6, 7, 8]);
      expect(new Set(ids(s)).size).toBe(6);
      expect(codes(s)).not.toContain('SECTIONS_OVERLAP');
    });

    it('one-day copies of a bare-header export (`cat a a …`): nothing tells, read as joins — one line; different lines of the day all read', () => {
      const copies = parseStatement(`${H}${Array.from({ length: 50 }, () => '2026-10-02;Hyra;-100,00').join(`\n${H}`)}\n`);
      expect(copies.transactions).toHaveLength(1);
      expect(copies.warnings.find((x) => x.code === 'SECTIONS_OVERLAP')?.lines).toHaveLength(49);
      const pages = parseStatement(`${H}${Array.from({ length: 50 }, (_, k) => `2026-10-02;Hyra ${k};-100,00`).join(`\n${H}`)}\n`);
      expect(pages.transactions).toHaveLength(50);
      expect(codes(pages)).not.toContain('SECTIONS_OVERLAP');
    });

    it('a balance once a day decides: a page break keeps the identical line on both sides, a join reads it once', () => {
      // The day's balance on its last line only (blank on the others). Page 1 ends with a coffee of
      // 2026-01-17; page 2 opens with another coffee of that day and a lunch: the chain runs on from
      // page 1's closing balance (2 465,00), so the two coffees are two purchases.
      const B = 'Datum;Text;Belopp;Saldo\n';
      const page1 = `${B}2026-01-03;Insättning;2 000,00;2 500,00\n2026-01-17;Kortköp Pressbyrån;-35,00;\n`;
      const page2 = `${B}2026-01-17;Kortköp Pressbyrån;-35,00;\n2026-01-17;Lunch Bistro;-95,00;2 335,00\n2026-01-20;Hyra;-1 000,00;1 335,00\n`;
      const paged = parseStatement(page1 + page2);
      expect(lines(paged)).toEqual([2, 3, 5, 6, 7]);
      expect(new Set(ids(paged)).size).toBe(5);
      expect(codes(paged)).not.toContain('SECTIONS_OVERLAP');
      expect(codes(paged)).not.toContain('BALANCE_CHAIN_BROKEN');
      // The same lines where the second export repeats the coffee the first holds: it opens at 2 500,00,
      // the first's closing balance less the coffee both hold — one coffee, read once.
      const joined = parseStatement(`${page1}${B}2026-01-17;Kortköp Pressbyrån;-35,00;\n2026-01-17;Lunch Bistro;-95,00;2 370,00\n2026-01-20;Hyra;-1 000,00;1 370,00\n`);
      expect(lines(joined)).toEqual([2, 3, 6, 7]);
      expect(joined.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines).toEqual([5]);
      expect(joined.closingBalance).toBe(137_000);
      // The balance goes before the order: the later export first in the file, its chain opening at the
      // earlier one's closing balance, holds the second coffee, not a copy of the first.
      const reversed = parseStatement(page2 + page1);
      expect(lines(reversed)).toEqual([2, 3, 4, 6, 7]);
      expect(codes(reversed)).not.toContain('SECTIONS_OVERLAP');
      // A chain that holds neither way tells nothing: read as a join, the line left out named as a guess.
      const neither = parseStatement(`${page1}${B}2026-01-17;Kortköp Pressbyrån;-35,00;\n2026-01-17;Lunch Bistro;-95,00;2 000,00\n`);
      expect(lines(neither)).toEqual([2, 3, 6]);
      const w = neither.warnings.find((x) => x.code === 'SECTIONS_OVERLAP');
      expect(w?.lines).toEqual([5]);
      expect(w?.message).toContain('neither a balance nor the order tells');
    });

    it('a one-day export joined before a longer export holding that day: its lines read once', () => {
      // An export of 2026-01-15 alone (made that day, one coffee booked yet), then January's export.
      const day = `${H}2026-01-15;Kortköp Espresso House;-45,00\n`;
      const month = `${H}2026-01-03;Insättning;2 000,00\n2026-01-15;Kortköp Espresso House;-45,00\n2026-01-15;Swish Kalle;50,00\n2026-01-28;Hyra;-1 000,00\n`;
      const s = parseStatement(day + month);
      expect(lines(s)).toEqual([2, 4, 6, 7]);
      expect(s.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines).toEqual([5]);
      expect(new Set(ids(s))).toEqual(new Set(ids(parseStatement(month))));
      // The other way round it already read once; and a one-day export of other lines keeps them all.
      expect(lines(parseStatement(month + day))).toEqual([2, 3, 4, 5]);
      expect(parseStatement(`${H}2026-01-15;Kortköp Pressbyrån;-35,00\n${month}`).transactions).toHaveLength(5);
    });

    it('a skattekontoutdrag of one day without balances on its rows (the older layout), joined to itself, reads as itself', () => {
      const old = new TextDecoder('windows-1252').decode(fixture('skatteverket/skattekonto-old-latin1.csv'));
      const s = parseStatement(`${old}${old}`);
      expect(s.format).toBe('skattekonto');
      expect(ids(s)).toEqual(ids(parseStatement(old)));
      expect(s.warnings.find((x) => x.code === 'SECTIONS_OVERLAP')?.lines).toEqual([10, 11]);
      expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
    });
  });

  it('two accounts\' sections never share a line, however alike their rows', () => {
    const text = 'Konto: Sparkonto 9123-4567819\nDatum;Text;Belopp;Saldo\n2026-03-01;Ränta;1,00;101,00\n\nKonto: Lönekonto 9123-4567827\nDatum;Text;Belopp;Saldo\n2026-03-01;Ränta;1,00;101,00\n';
    const s = parseStatement(text);
    expect(s.transactions).toHaveLength(2);
    expect(codes(s)).not.toContain('SECTIONS_OVERLAP');
  });
});

describe('a bare repeated header (exports that start with their header, joined)', () => {
  it('is a new section in a file that starts with its header; a page break in a file with heading lines is not', () => {
    const bare = parseStatement('Datum;Text;Belopp;Saldo\n2026-01-02;A;-1,00;9,00\n2026-01-03;B;-1,00;8,00\n\nDatum;Text;Belopp;Saldo\n2026-01-04;C;-1,00;7,00\n');
    expect(bare.sections?.map((s) => [s.line, s.heading, s.count])).toEqual([
      [1, '', 2],
      [5, '', 1],
    ]);
    expect(bare.transactions.map((t) => t.line)).toEqual([2, 3, 6]);
    expect(codes(bare)).toEqual(['COLUMNS_DETECTED']);
  });

  it('only the file\'s own header, as written, starts one: another header-like row is not', () => {
    // A row with one column more than the header is a wrong row, not a new export's header.
    const text = 'Datum;Text;Belopp;Saldo\n2026-01-02;A;-1,00;9,00\nDatum;Text;Belopp;Saldo;Valuta\n2026-01-04;C;-1,00;8,00\n';
    let sections: unknown;
    try {
      sections = parseStatement(text).sections;
    } catch (e) {
      expect(e).toMatchObject({ code: expect.any(String) });
    }
    expect(sections).toBeUndefined();
  });

  it('a Nordea export (no preamble) joined to the next one: both read, the overlap once, ids as in each export alone', () => {
    const text = new TextDecoder().decode(fixture('nordea/foretag-2022-iso-dates.csv')).replace(/^\ufeff/, '');
    const [header, ...rows] = text.split('\n').filter((l) => l !== '');
    // Cut at day boundaries, as a bank's date-range export does; newest first.
    const newer = `${[header, ...rows.slice(0, 15)].join('\n')}\n`; // 2022-05-12 … 2022-02-14
    const older = `${[header, ...rows.slice(8)].join('\n')}\n`; //    2022-03-31 … 2022-01-03
    const a = parseStatement(newer);
    const b = parseStatement(older);
    const s = parseStatement(newer + older);
    expect(s.format).toBe('nordea-2022');
    expect(s.sections).toHaveLength(2);
    expect(s.transactions).toHaveLength(rows.length);
    expect(s.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines).toHaveLength(7);
    expect(new Set(ids(s))).toEqual(new Set([...ids(a), ...ids(b)]));
    expect(ids(s)).toEqual(ids(parseStatement(text)));
    // Each with its byte-order mark, as `cat` of two UTF-8 exports writes it.
    const bom = (t: string): Uint8Array => new TextEncoder().encode(`\ufeff${t}`);
    expect(ids(parseStatement(cat(bom(newer), bom(older))))).toEqual(ids(s));
  });
});

describe('every text layout kontera reads, an export joined to itself', () => {
  const files = bankFiles().filter((p) => !/\.(xlsx|xls|ods|xml|html?|sta|940|mt940|txt940)$/i.test(p));
  const seen = new Set<string>();
  for (const p of files) {
    const bytes = new Uint8Array(readFileSync(p));
    if ((bytes[0] === 0x50 && bytes[1] === 0x4b) || bytes[0] === 0xd0 || bytes[0] === 0x3c) continue; // workbooks, markup
    let one: Statement;
    try {
      one = parseStatement(bytes, { fileName: p.split('/').pop() });
    } catch {
      continue;
    }
    if (one.format === 'mt940' || one.format.startsWith('camt') || one.format.startsWith('fixed')) continue;
    seen.add(one.format);
    it(`${key(p)} (${one.format}): the same lines, ids and balances`, () => {
      const twice = parseStatement(cat(bytes, bytes), { fileName: p.split('/').pop() });
      expect(twice.format).toBe(one.format);
      expect(ids(twice)).toEqual(ids(one));
      expect(twice.transactions.map((t) => t.amount)).toEqual(one.transactions.map((t) => t.amount));
      if (one.openingBalance !== undefined) expect([twice.openingBalance, twice.closingBalance]).toEqual([one.openingBalance, one.closingBalance]);
      expect(codes(twice)).toContain('SECTIONS_OVERLAP');
    });
  }
  it('covers the banks', () => {
    for (const f of ['nordea-2022', 'nordea-2024', 'ica', 'lansforsakringar', 'seb-transaktioner', 'swedbank-csv', 'handelsbanken', 'danske', 'lunar', 'skandia', 'generic-csv']) expect(seen).toContain(f);
  });
});
