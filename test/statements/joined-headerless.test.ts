/**
 * Exports without a repeated column header joined with `cat`: Skatteverket's skattekontoutdrag,
 * Swedbank's 2015 tab/space and fixed-width exports and its header-less 2017 export. Each export
 * becomes a section, and the lines two exports of overlapping periods both hold are read once
 * (SECTIONS_OVERLAP), as for the header readers (joined.test.ts). The project's fixtures
 * (fixtures/SOURCES.md) cut and joined, and hand-written files in their layouts with invented names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';
import type { Statement } from '../../src/statements/types.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));
const latin1 = (p: string): string => new TextDecoder('windows-1252').decode(fixture(p));
const codes = (s: Statement): string[] => s.warnings.map((w) => w.code);
const ids = (s: Statement): string[] => s.transactions.map((t) => t.id);
const overlap = (s: Statement): readonly number[] | undefined => s.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines;
/** `cat a b`: a newline between them when `a` has none at its end. */
const cat = (a: string, b: string): string => (a.endsWith('\n') ? a + b : `${a}\n${b}`);

describe('Skatteverket skattekontoutdrag joined', () => {
  const QUOTED = new TextDecoder().decode(fixture('skatteverket/skattekonto-quoted.csv')).replace(/^\ufeff/, '');
  /** The next export of the same tax account, 13 April to 31 May: its first two rows are the April export's last two. */
  const MAY = [
    '"EXEMPELBOLAGET AB";"556677-8899";"";""',
    '',
    '"";"Ingående saldo 2025-04-13";"";"-11 884"',
    '"2025-04-14";"Inbetalning bokförd 250414";"12 540";"656"',
    '"2025-04-30";"Intäktsränta";"3";"659"',
    '"2025-05-12";"Moms apr 2025";"-4 100";"-3 441"',
    '"";"Utgående saldo 2025-05-31";"";"-3 441"',
    '',
  ].join('\n');

  it('an export joined to itself reads as the export', () => {
    const one = parseStatement(QUOTED);
    const twice = parseStatement(cat(QUOTED, QUOTED));
    expect(twice.format).toBe('skattekonto');
    expect(ids(twice)).toEqual(ids(one));
    expect(overlap(twice)).toEqual([11, 12, 13]);
    expect(codes(twice)).not.toContain('BALANCE_CHAIN_BROKEN');
    expect([twice.openingBalance, twice.closingBalance]).toEqual([one.openingBalance, one.closingBalance]);
  });

  it('two exports of overlapping periods: each line once, balances from the first opening to the last closing', () => {
    const s = parseStatement(cat(QUOTED, MAY));
    expect(s.sections?.map((x) => x.line)).toEqual([1, 8]);
    expect(s.transactions.map((t) => [t.date, t.amount])).toEqual([
      ['2025-04-12', -1_254_000],
      ['2025-04-14', 1_254_000],
      ['2025-04-30', 300],
      ['2025-05-12', -410_000],
    ]);
    expect(overlap(s)).toEqual([11, 12]);
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
    expect([s.openingBalance, s.closingBalance]).toEqual([65_600, -344_100]);
    expect(ids(s).slice(0, 3)).toEqual(ids(parseStatement(QUOTED)));
  });
});

describe('Swedbank 2015 tab/space exports (header-less) joined', () => {
  for (const p of ['swedbank/tab-2015.txt', 'swedbank/spaces-2015.txt']) {
    const text = latin1(p);
    const rows = text.split('\n').filter((l) => l.trim() !== '');

    it(`${p}: an export joined to itself reads as the export`, () => {
      const one = parseStatement(text);
      const twice = parseStatement(cat(text, text));
      expect(twice.format).toBe(one.format);
      expect(ids(twice)).toEqual(ids(one));
      expect(overlap(twice)).toEqual([8, 9, 10, 11, 12, 13, 14]);
    });

    it(`${p}: a newer and an older export that share a day read each line once, ids as in the whole export`, () => {
      // Newest first; cut at day boundaries as a date-range export is: 2015-01-05…2015-01-02 and 2015-01-02…2014-12-29.
      const newer = `${rows.slice(0, 5).join('\n')}\n`;
      const older = `${rows.slice(1).join('\n')}\n`;
      const s = parseStatement(newer + older);
      expect(s.sections?.map((x) => x.line)).toEqual([1, 6]);
      expect(s.transactions).toHaveLength(rows.length);
      expect(overlap(s)).toEqual([6, 7, 8, 9]);
      expect(ids(s)).toEqual(ids(parseStatement(text)));
    });
  }

  it('one export whose dates and balances run without a join is one table, whatever repeats in it', () => {
    // Identical card purchases (told apart by their balance) and a chain that holds: no section.
    const text = [
      '15-03-04\t15-03-04\tPRESSBYRAN\t-45,00\t955,00',
      '15-03-03\t15-03-03\tPRESSBYRAN\t-45,00\t1 000,00',
      '15-03-03\t15-03-02\tPRESSBYRAN\t-45,00\t1 045,00',
      '15-03-02\t15-03-02\tLON\t1 090,00\t1 090,00',
      '',
    ].join('\n');
    const s = parseStatement(text);
    expect(s.format).toBe('swedbank-tab-2015');
    expect(s.sections).toBeUndefined();
    expect(s.transactions).toHaveLength(4);
    expect(codes(s)).toEqual([]);
  });
});

describe('Swedbank header-less 2017 export joined', () => {
  const text = latin1('swedbank/short-2017-headerless.csv');
  it('an export joined to itself reads as the export', () => {
    const one = parseStatement(text);
    const twice = parseStatement(cat(text, text));
    expect(twice.format).toBe('swedbank-short-2017');
    expect(ids(twice)).toEqual(ids(one));
    expect(twice.sections?.map((x) => x.line)).toEqual([1, 11]);
    expect(overlap(twice)).toHaveLength(one.transactions.length);
    // The export's own break (line 2: the real file misses a row there), in each copy; no break where they join.
    expect(twice.warnings.find((w) => w.code === 'BALANCE_CHAIN_BROKEN')?.lines).toEqual([2, 12]);
  });
});

describe('Swedbank 2015 "Sökta transaktioner" (fixed width) joined', () => {
  const text = latin1('swedbank/fixed-2015-sokta-transaktioner.txt');
  it('an export joined to itself reads as the export, each copy a section from its `* Sökta transaktioner` line', () => {
    const one = parseStatement(text);
    const twice = parseStatement(cat(text, text));
    expect(twice.format).toBe('swedbank-fixed-2015');
    expect(ids(twice)).toEqual(ids(one));
    const n = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    expect(twice.sections?.map((x) => x.line)).toEqual([2, n + 2]);
    expect(overlap(twice)).toHaveLength(one.transactions.length);
  });

  it('rows of several accounts: a line repeats only a line of its own account', () => {
    const three = latin1('swedbank/fixed-2015-three-accounts-usd-rows.txt');
    const one = parseStatement(three);
    const twice = parseStatement(cat(three, three));
    expect(ids(twice)).toEqual(ids(one));
    expect(twice.transactions.map((t) => t.accountNumber)).toEqual(one.transactions.map((t) => t.accountNumber));
    expect(codes(twice)).toContain('ACCOUNTS_MIXED');
  });
});
