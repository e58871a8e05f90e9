/**
 * `kontera --db FILE correct`: a bookkeeper books one line on another account than suggested,
 * from the id the suggest table shows, and the next line from the same counterparty follows the
 * correction. Every command is its own process on one real SQLite file, with a real statement.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import { readSie } from '../../src/sie/reader.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { DEMO, booking, kontera, tempDir } from './helpers.js';

interface Suggested {
  readonly id: string;
  readonly date: string;
  readonly amount: number;
  readonly text: string;
  readonly voucher: { readonly text: string; readonly rows: readonly { account: string; amount: number }[] } | null;
}

interface Corrected {
  readonly transaction: { readonly id: string };
  readonly vat: { readonly rate: number | null; readonly from: string };
  readonly voucher: { readonly series: string; readonly number: number; readonly text: string; readonly transactionId: string; readonly rows: readonly { account: string; amount: number }[] };
  readonly learned: number;
}

const STATEMENT = join(DEMO, 'kaffebryggeriet', 'Transaktioner_2026-02-01_07-42-10.csv');
const HISTORY = join(DEMO, 'kaffebryggeriet', 'history-2025.se');

describe('kontera --db FILE correct', () => {
  const dir = tempDir();
  const db = join(dir, 'byra.db');
  const k = (...args: string[]): ReturnType<typeof kontera> => kontera(['--db', db, ...args], dir);
  const open = (): Suggested[] => (JSON.parse(k('suggest', 'kaffe', '--json').stdout) as { suggestions: Suggested[] }).suggestions;

  beforeAll(() => {
    expect(k('clients', 'add', 'kaffe', '--name', 'Kaffebryggeriet i Kumla AB').code).toBe(0);
    expect(k('learn', 'kaffe', HISTORY).code).toBe(0);
    expect(k('import', 'kaffe', STATEMENT).code).toBe(0);
  });

  it('books a line from its short id on the account given, and the next line of that counterparty follows', () => {
    const before = open();
    const ica = before.filter((s) => s.text.startsWith('ICA NARA'));
    expect(ica.map((s) => [s.date, s.amount])).toEqual([['2026-01-16', -30806], ['2026-01-19', -45262]]);
    // Learned from 23 earlier bookings: representation at 12 % VAT.
    expect(booking(ica[1]?.voucher?.rows ?? [])).toEqual({ '1930': -45262, '6071': 40412, '2641': 4850 });

    // The table shows the first 8 characters of every id; that is what the bookkeeper types.
    const first = ica[0] as Suggested;
    const table = k('suggest', 'kaffe').stdout;
    expect(table).toMatch(new RegExp(`^${first.id.slice(0, 8)}  2026-01-16  ICA NARA 8244 `, 'm'));

    const r = k('correct', 'kaffe', first.id.slice(0, 8), '--account', '6110', '--vat', '25');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'kaffe: booked A1 2026-01-16 "ICA NARA 8244" on 6110, 25 % VAT; suggested 6071 275,05 · 2641 33,01',
      'account  name                                   debit  credit',
      '1930     Företagskonto/checkkonto/affärskonto          308,06',
      '6110     Kontorsmateriel                       246,45',
      '2641     Debiterad ingående moms                61,61',
      'Learned as a correction: the next ICA NARA is suggested this way.',
      '',
    ]);

    // Booked: gone from the open lines. The other ICA NARA line now goes to 6110 at 25 %.
    const after = open();
    expect(after.map((s) => s.id)).not.toContain(first.id);
    const next = after.find((s) => s.id === ica[1]?.id);
    expect(booking(next?.voucher?.rows ?? [])).toEqual({ '1930': -45262, '6110': 36210, '2641': 9052 });

    // The voucher is in the books as shown, balanced, with the bank line's text.
    expect(k('export', 'kaffe', '--out', join(dir, 'jan.se')).code).toBe(0);
    const doc = readSie(readFileSync(join(dir, 'jan.se')));
    expect(doc.vouchers).toHaveLength(1);
    expect(doc.vouchers[0]?.text).toBe('ICA NARA 8244');
    expect(booking(doc.vouchers[0]?.transactions ?? [])).toEqual({ '1930': -30806, '6110': 24645, '2641': 6161 });

    // Exported (the export recorded A1): part of the books, corrected there, not here.
    const again = k('correct', 'kaffe', first.id, '--account', '6212');
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/^kontera: CONFLICT: Voucher exported: .*A 1 .*correction voucher.*learnFromSie/);

    // The follow-up line is booked as now suggested, from the same short id.
    const confirmed = JSON.parse(k('confirm', 'kaffe', '--transaction', next?.id.slice(0, 8) ?? '', '--json').stdout) as { booked: number; vouchers: { rows: { account: string; amount: number }[] }[] };
    expect(confirmed.booked).toBe(1);
    expect(booking(confirmed.vouchers[0]?.rows ?? [])).toEqual({ '1930': -45262, '6110': 36210, '2641': 9052 });

    // Confirmed but not exported yet: correct corrects that voucher in place, its VAT as booked.
    const fixed = k('correct', 'kaffe', next?.id.slice(0, 8) ?? '', '--account', '6212');
    expect(fixed.stderr).toBe('');
    expect(fixed.code).toBe(0);
    expect(fixed.stdout.split('\n')).toEqual([
      'kaffe: corrected A2 2026-01-19 "ICA NARA": now on 6212, 25 % VAT (as booked); was 6110 362,10 · 2641 90,52',
      'account  name                                   debit  credit',
      '1930     Företagskonto/checkkonto/affärskonto          452,62',
      '6212     Mobiltelefon                          362,10',
      '2641     Debiterad ingående moms                90,52',
      'Learned as a correction: the next ICA NARA is suggested this way.',
      '',
    ]);
    expect(k('export', 'kaffe', '--out', join(dir, 'jan2.se')).code).toBe(0);
    const later = readSie(readFileSync(join(dir, 'jan2.se')));
    expect(later.vouchers.map((v) => [v.series, v.number, booking(v.transactions)])).toEqual([['A', '2', { '1930': -45262, '6212': 36210, '2641': 9052 }]]);
  });

  it('keeps the suggested VAT when --vat is left out, takes --text, and prints JSON', () => {
    const preem = open().find((s) => s.text === 'PREEM 8191') as Suggested;
    expect(booking(preem.voucher?.rows ?? [])).toEqual({ '1930': -75641, '5611': 60513, '2641': 15128 });
    const r = k('correct', 'kaffe', preem.id, '--account', '5613', '--text', 'Preem biltvätt', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Corrected;
    expect(out.vat).toEqual({ rate: 25, from: 'suggestion' });
    expect(out.learned).toBe(1);
    expect(out.voucher).toMatchObject({ series: 'A', number: 3, text: 'Preem biltvätt', transactionId: preem.id });
    expect(out.voucher.rows).toEqual([{ account: '1930', amount: -75641 }, { account: '5613', amount: 60513 }, { account: '2641', amount: 15128 }]);

    // --vat none: no VAT row, the whole amount on the account.
    const fee = open().find((s) => s.text === 'PRIS ENL SPEC') as Suggested;
    const none = JSON.parse(k('correct', 'kaffe', fee.id, '--account', '6590', '--vat', 'none', '--json').stdout) as Corrected;
    expect(none.vat).toEqual({ rate: null, from: 'option' });
    expect(none.voucher.rows).toEqual([{ account: '1930', amount: -16583 }, { account: '6590', amount: 16583 }]);
  });

  it('refuses what it cannot book, with the CLI exit codes', () => {
    const lines = open();
    const tele2 = lines.find((s) => s.text === 'TELE2') as Suggested;
    const google = lines.find((s) => s.text.startsWith('GOOGLE WORKSPACE')) as Suggested;

    const unknownLine = k('correct', 'kaffe', 'ffffffff', '--account', '6212');
    expect(unknownLine.code).toBe(2);
    expect(unknownLine.stderr).toContain('kontera: usage: Unknown transaction ffffffff: expected the id');
    // Fewer than four characters are never taken as a prefix.
    expect(k('correct', 'kaffe', tele2.id.slice(0, 3), '--account', '6212').code).toBe(2);

    const unknownClient = k('correct', 'nobody', tele2.id, '--account', '6212');
    expect(unknownClient.code).toBe(3);
    expect(unknownClient.stderr).toBe('kontera: NOT_FOUND: Unknown client: expected a client with id "nobody", found none\n');

    // 6211 is not in the chart the client's SIE file brought (a typo for 6212, say).
    const typo = k('correct', 'kaffe', tele2.id, '--account', '6211');
    expect(typo.code).toBe(3);
    expect(typo.stderr).toBe('kontera: VALIDATION: Unknown account 6211: expected one of the 21 accounts in the learned books of client "kaffe" (pass --new-account to use it anyway)\n');
    expect(k('correct', 'kaffe', tele2.id, '--account', '621').code).toBe(2);
    expect(k('correct', 'kaffe', tele2.id, '--account', '1930').code).toBe(3);

    const badVat = k('correct', 'kaffe', tele2.id, '--account', '6212', '--vat', '20');
    expect(badVat.code).toBe(2);
    expect(badVat.stderr).toBe('kontera: usage: Bad --vat "20": expected one of 25, 12, 6, 0, none (percent VAT inside the amount, or no VAT row)\n');
    expect(k('correct', 'kaffe', tele2.id).code).toBe(2);

    // Reverse-charge VAT is not plain VAT inside the amount: the bookkeeper must say what to book.
    const reverse = k('correct', 'kaffe', google.id, '--account', '6550');
    expect(reverse.code).toBe(2);
    expect(reverse.stderr).toBe('kontera: usage: Missing --vat: the suggested VAT (2645 28,87 · 2614 -28,87) is not plain VAT inside the amount; pass --vat 25|12|6|0|none\n');

    // Nothing was booked by any of these.
    expect(open().map((s) => s.id)).toEqual(lines.map((s) => s.id));
    // --new-account books an account outside the learned books.
    const added = JSON.parse(k('correct', 'kaffe', tele2.id, '--account', '6211', '--new-account', '--json').stdout) as Corrected;
    expect(booking(added.voucher.rows)).toEqual({ '1930': -40614, '6211': 32491, '2641': 8123 });
  });

  it('holds a client with a chart to it, and gives a client without VAT no VAT row', async () => {
    const kon = await createKontera({ store: await openSqliteStore({ path: db }) });
    try {
      await kon.addClient({ bureauId: 'local', id: 'strikt', name: 'Strikt AB', chart: ['1930', '2641', '6110', '6212'] });
      await kon.addClient({ bureauId: 'local', id: 'ideell', name: 'Ideella föreningen', vatRegistered: false });
    } finally {
      await kon.close();
    }
    for (const c of ['strikt', 'ideell']) expect(k('import', c, STATEMENT).code).toBe(0);
    const line = (c: string): Suggested => (JSON.parse(k('suggest', c, '--json').stdout) as { suggestions: Suggested[] }).suggestions.find((s) => s.text === 'TELE2') as Suggested;

    // A chart is the bureau's word: --new-account does not reach past it.
    const strikt = line('strikt');
    const notInChart = k('correct', 'strikt', strikt.id, '--account', '6570', '--vat', 'none', '--new-account');
    expect(notInChart.code).toBe(3);
    expect(notInChart.stderr).toBe('kontera: VALIDATION: Unknown account 6570: expected an account in the chart of client "strikt"\n');
    expect(k('correct', 'strikt', strikt.id, '--account', '6212', '--vat', '25').code).toBe(0);

    const ideell = line('ideell');
    expect(k('correct', 'ideell', ideell.id, '--account', '6212', '--vat', '25').code).toBe(3);
    const r = JSON.parse(k('correct', 'ideell', ideell.id, '--account', '6212', '--json').stdout) as Corrected;
    expect(r.vat).toEqual({ rate: null, from: 'client' });
    expect(r.voucher.rows).toEqual([{ account: '1930', amount: -40614 }, { account: '6212', amount: 40614 }]);
  });

  it('is in the help', () => {
    expect(kontera(['--help'], dir).stdout).toMatch(/^ {2}correct {3}book one line on another account than suggested/m);
    const help = kontera(['correct', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: kontera --db FILE correct CLIENT ID --account ACCOUNT [--vat 25|12|6|0|none] [--text TEXT] [--new-account]');
  });
});
