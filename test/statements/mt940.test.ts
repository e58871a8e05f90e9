/**
 * SWIFT MT940 statements (fixtures/statements/mt940, written from the field specification with
 * invented names; see its README).
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Kontera } from '../../src/kontera.js';
import { detectStatementFormat, parseStatement } from '../../src/statements/index.js';
import { caught } from '../support/errors.js';
import { openStore } from '../kontera/helpers.js';
import type { OpenedStore } from '../kontera/helpers.js';

const FREE = 'mt940-free-text-two-days.sta';
const CODED = 'mt940-envelope-coded-two-accounts.sta';
const bytes = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/mt940/${name}`, import.meta.url));
const text = (name: string): string => new TextDecoder('latin1').decode(bytes(name));
const sum = (xs: readonly { amount: number }[]): number => xs.reduce((a, t) => a + t.amount, 0);

describe('SWIFT MT940', () => {
  it('reads two days of one account: signed entries, booking and value dates, kinds, the balances framing them', () => {
    const s = parseStatement(bytes(FREE), { fileName: FREE });
    expect(s.format).toBe('mt940');
    expect(s.accountNumber).toBe('SE4550000000058398257466');
    expect(s.currency).toBe('SEK');
    expect(s.openingBalance).toBe(15_000_000);
    expect(s.closingBalance).toBe(13_842_537);
    expect((s.openingBalance ?? 0) + sum(s.transactions)).toBe(s.closingBalance);
    expect(s.warnings).toEqual([]);
    expect(s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.kind])).toEqual([
      [5, '2026-12-30', undefined, 1_250_000, 'bankgiro'],
      // `1189,` is 1 189 kr: the decimals may be left out after the comma.
      [7, '2026-12-30', undefined, -118_900, 'card'],
      [14, '2026-12-31', undefined, -7_500, 'fee'],
      // Value date 2 January, booked (MMDD 1231) on the last day of the year before.
      [16, '2026-12-31', '2027-01-02', 37, 'interest'],
      // RD: the reversal of a debit is money in.
      [18, '2026-12-31', undefined, 118_900, 'card'],
      [20, '2026-12-31', undefined, -2_400_000, 'bankgiro'],
    ]);
  });

  it('reads :86: information as the text, joining a line wrapped at 65 characters mid-word, in ISO-8859-1', () => {
    const s = parseStatement(bytes(FREE));
    expect(s.transactions[1]?.text).toBe('KORTKÖP 261229 CLAS OHLSON & CO');
    expect(s.transactions[5]?.text).toBe('BETALNING BG 5127-4417 FASTIGHETSBOLAGET NORRA STORGATAN 12 I SUNDSVALL AB HYRA JANUARI 2027');
    // The owner's reference is kept; NONREF is no reference.
    expect(s.transactions[5]?.reference).toBe('4512');
    expect(s.transactions[0]?.reference).toBeUndefined();
    // Information after the closing balance belongs to the statement, not to the last entry.
    expect(s.transactions.some((t) => t.text.includes('KONTOUTDRAG'))).toBe(false);
  });

  it('reads information in codes: the name is the other party, the remittance the text, the reference and IBAN', () => {
    const s = parseStatement(bytes(CODED), { fileName: CODED });
    expect(s.format).toBe('mt940');
    expect(s.transactions.map((t) => [t.accountNumber, t.amount, t.text, t.counterparty, t.reference, t.counterpartyAccount, t.kind])).toEqual([
      ['54400012345', 375_000, 'Faktura 1043', 'Lindqvist Snickeri AB', undefined, 'SE3550000000054910000003', undefined],
      // A structured creditor reference (OCR) is the reference; the name is the text when no words are remitted.
      ['54400012345', -99_000, 'Telia Sverige AB', undefined, '1234567890123', undefined, 'autogiro'],
      ['54400067890', 120_050, 'Overforing fran sparkonto', 'Kontera Testbolag AB', undefined, undefined, undefined],
    ]);
    // Two accounts: each row names its own (the BIC in front of the account is not part of it).
    expect(s.warnings.map((w) => w.code)).toEqual(['ACCOUNTS_MIXED']);
  });

  it('reads information in ?-sub-fields (a continental bank account): SEPA words, reference, name, account; skips :NS: lines', () => {
    const file = [
      ':20:STARTUMS',
      ':25:10020030/1234567890',
      ':28C:0',
      ':60F:C261101EUR1000,00',
      // C with the funds code R (the third letter of EUR) before the amount.
      ':61:2611021102CR250,00NTRFNONREF//POS 12',
      ':86:166?00SEPA-GUTSCHRIFT?109075?20EREF+RE-2026-1043?21SVWZ+Rechnung 1043 Lieferung O',
      '?22ktober?30COBADEFFXXX?31DE89370400440532013000?32Lindqvist Handels?33gesellschaft mbH',
      ':NS:22Bankinterne Angabe',
      ':62F:C261102EUR1250,00',
      '-',
    ].join('\n');
    const s = parseStatement(file);
    expect(s.currency).toBe('EUR');
    expect(s.warnings).toEqual([]);
    expect(s.transactions).toMatchObject([
      { amount: 25_000, text: 'Rechnung 1043 Lieferung Oktober', reference: 'RE-2026-1043', counterparty: 'Lindqvist Handelsgesellschaft mbH', counterpartyAccount: 'DE89370400440532013000' },
    ]);
  });

  it('keeps information lines that start with a dash or a brace: only "-" alone or "-}" ends a message', () => {
    const file = [':20:X', ':25:5440001', ':60F:C261101SEK100,00', ':61:2611021102D10,00NMSCNONREF', ':86:LEVERANTOR AB', '-RABATT 10 %', '{ORDER 77}', ':62F:C261102SEK90,00', '-'].join('\n');
    expect(parseStatement(file).transactions.map((t) => t.text)).toEqual(['LEVERANTOR AB -RABATT 10 % {ORDER 77}']);
  });

  it('refuses an MT942 interim report (no balances) as what it is', () => {
    const mt942 = ':20:X\n:25:5440001\n:28C:1\n:34F:SEKD0,\n:13D:2611021200+0100\n:61:2611021102D10,00NMSCNONREF\n:86:ICA NARA\n:90D:1SEK10,00\n';
    const e = caught(() => parseStatement(mt942, { fileName: 'intraday.942' }));
    expect(e.code).toBe('UNKNOWN_FORMAT');
    expect(e.message).toContain('MT942 interim transaction report');
    expect(e.file).toBe('intraday.942');
  });

  it('needs no envelope, CRLF or a booking date: LF lines and value dates alone read the same', () => {
    const bare = text(FREE).replace(/\r\n/g, '\n').replace(/^(:61:\d{6})\d{4}/gm, '$1');
    const s = parseStatement(new TextEncoder().encode(bare));
    expect(s.format).toBe('mt940');
    expect(s.transactions.map((t) => t.date)).toEqual(['2026-12-30', '2026-12-30', '2026-12-31', '2027-01-02', '2026-12-31', '2026-12-31']);
    expect(s.transactions.map((t) => t.amount)).toEqual(parseStatement(bytes(FREE)).transactions.map((t) => t.amount));
  });

  it('is detected by its fields, not by the file name', () => {
    expect(detectStatementFormat(bytes(CODED)).format).toBe('mt940');
    expect(detectStatementFormat(bytes(FREE)).format).toBe('mt940');
  });

  it('a broken entry is an error naming line and field; lenient mode skips it and says so', () => {
    const broken = text(FREE).replace(':61:2612301230D1189,NMSCNONREF', ':61:2612301230D11.89NMSCNONREF');
    const e = caught(() => parseStatement(new TextEncoder().encode(broken), { fileName: 'x.sta' }));
    expect(e.code).toBe('INVALID_ROW');
    expect(e.line).toBe(7);
    expect(e.field).toBe(':61:');
    expect(e.message).toContain('"2612301230D11.89NMSCNONREF"');
    const s = parseStatement(new TextEncoder().encode(broken), { lenient: true });
    expect(s.transactions.map((t) => t.line)).toEqual([5, 14, 16, 18, 20]);
    expect(s.warnings.find((w) => w.code === 'ROW_SKIPPED')?.lines).toEqual([7]);
    // The skipped entry's :86: is not given to another row.
    expect(s.transactions.some((t) => t.text.includes('CLAS OHLSON') && t.amount < 0)).toBe(false);
  });

  it('an impossible date or a balance without its amount is an error naming the field', () => {
    const badDate = caught(() => parseStatement(new TextEncoder().encode(text(FREE).replace(':61:2612311231D75,00', ':61:2613311231D75,00'))));
    expect([badDate.code, badDate.line, badDate.field]).toEqual(['INVALID_DATE', 14, ':61:']);
    const badBalance = caught(() => parseStatement(new TextEncoder().encode(text(FREE).replace(':62F:C261231SEK138425,37', ':62F:C261231SEK'))));
    expect([badBalance.code, badBalance.line, badBalance.field]).toEqual(['INVALID_AMOUNT', 24, ':62F:']);
  });

  it('a closing balance the entries do not reach is reported', () => {
    const s = parseStatement(new TextEncoder().encode(text(FREE).replace(':62F:C261231SEK138425,37', ':62F:C261231SEK138425,38')));
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['BALANCE_CHAIN_BROKEN', [4, 24]]]);
  });

  it('reads a long statement in time linear in its size', () => {
    const entry = ':61:2612301230D1,00NMSCNONREF\n:86:KORTKÖP 261229 ICA NARA\n';
    const file = (n: number): Uint8Array => new TextEncoder().encode(`:20:X\n:25:5440001\n:60F:C261229SEK${n},00\n${entry.repeat(n)}:62F:C261230SEK0,00\n`);
    const t0 = performance.now();
    expect(parseStatement(file(20_000)).transactions).toHaveLength(20_000);
    const small = performance.now() - t0;
    const t1 = performance.now();
    expect(parseStatement(file(80_000)).transactions).toHaveLength(80_000);
    // Four times the rows: generous room for a busy machine, none for a quadratic reader.
    expect(performance.now() - t1).toBeLessThan(Math.max(12 * small, 2_000));
  });
});

describe('SWIFT MT940 through the facade', () => {
  let opened: OpenedStore;
  let k: Kontera;
  beforeEach(async () => {
    opened = await openStore('sqlite');
    k = await createKontera({ store: opened.store, now: () => new Date('2027-01-05T09:00:00Z') });
    await k.addBureau({ id: 'byra', name: 'Byrå' });
    await k.addClient({ bureauId: 'byra', id: 'c', name: 'Kund AB', orgNr: '556677-8899', bankAccounts: [{ account: '1930', number: 'SE4550000000058398257466' }] });
  });
  afterEach(async () => {
    await opened.dispose();
  });

  it('imports once onto the account it names, and a second import of the same file adds nothing', async () => {
    const first = await k.importStatement('c', bytes(FREE), { fileName: FREE });
    expect(first).toMatchObject({ bankAccount: '1930', added: 6, duplicates: 0 });
    const again = await k.importStatement('c', bytes(FREE), { fileName: FREE });
    expect(again).toMatchObject({ added: 0, duplicates: 6 });
  });

  it('warns when the same period of the account came before in another format (camt.053, then MT940), naming the lines', async () => {
    const camt = readFileSync(new URL('../../fixtures/statements/camt/camt053-001-02-bankgiro-card-fee-pending.xml', import.meta.url));
    const first = await k.importStatement('c', camt, { fileName: 'oktober.xml' });
    expect(first.added).toBe(3);
    // The bank's MT940 of the same two days, and one day after them.
    const mt940 = [
      ':20:OKT',
      ':25:SE4550000000058398257466',
      ':60F:C261029SEK150000,00',
      ':61:2610301030C12500,00NTRFNONREF',
      ':86:BG 5402-1234 KUNDEN I NORR AB',
      ':61:2610311031D1189,00NMSCNONREF',
      ':86:KORTKOP 261029 CLAS OHLSON',
      ':61:2610311031D75,00NCHGNONREF',
      ':86:AVGIFT',
      ':61:2611021102D300,00NMSCNONREF',
      ':86:KORTKOP 261101 ICA',
      ':62F:C261102SEK160936,00',
      '-',
    ].join('\n');
    const second = await k.importStatement('c', mt940, { fileName: 'oktober.sta' });
    // Kept (either file may be partial), but named: the three lines of the period the camt.053 covered.
    expect(second.added).toBe(4);
    const overlap = second.warnings.find((w) => w.code === 'OVERLAPS_OTHER_EXPORT');
    expect(overlap?.lines).toEqual([4, 6, 8]);
    expect(overlap?.message).toContain('camt053');
    // The same file again is a duplicate, not an overlap; a later period of the other format is neither.
    const again = await k.importStatement('c', mt940, { fileName: 'oktober.sta' });
    expect(again.duplicates).toBe(4);
    expect(again.warnings.map((w) => w.code)).not.toContain('OVERLAPS_OTHER_EXPORT');
    const later = [':20:DEC', ':25:SE4550000000058398257466', ':60F:C261130SEK160936,00', ':61:2612011201C12500,00NTRFNONREF', ':86:BG 5402-1234 KUNDEN I NORR AB', ':62F:C261201SEK173436,00', '-'].join('\n');
    const third = await k.importStatement('c', later, { fileName: 'december.sta' });
    expect(third.added).toBe(1);
    expect(third.warnings.map((w) => w.code)).not.toContain('OVERLAPS_OTHER_EXPORT');

    // Suggesting: a line that has a twin in the other format is never auto-booked, in either file,
    // and says which line; the lines outside the other export's period are as any other line.
    const twinOf = (r: readonly string[]): string | undefined => r.find((x) => x.includes('another export of this bank account'));
    const fromCamt = await k.suggest('c', first.transactions);
    expect(fromCamt.map((x) => [x.autoBook, twinOf(x.reviewReasons) !== undefined])).toEqual([[false, true], [false, true], [false, true]]);
    const fromMt = await k.suggest('c', second.transactions);
    expect(second.transactions.map((t, i) => [t.line, twinOf(fromMt[i]?.reviewReasons ?? []) !== undefined])).toEqual([[4, true], [6, true], [8, true], [10, false]]);
    expect(twinOf(fromMt[0]?.reviewReasons ?? [])).toMatch(/^Line \d+ of another export of this bank account \(camt053, oktober\.xml\) has the same date and amount/);
    expect(fromMt.every((x) => !x.autoBook)).toBe(true);
    const [dec] = await k.suggest('c', third.transactions);
    expect(twinOf(dec?.reviewReasons ?? [])).toBeUndefined();
    // A plain line without an id (a bank feed) is not looked up.
    const [plain] = await k.suggest('c', [{ date: '2026-10-31', amount: -7500, text: 'AVGIFT' }]);
    expect(twinOf(plain?.reviewReasons ?? [])).toBeUndefined();
  });

  it('once one of two twins is booked, the other says so and names the voucher', async () => {
    const camt = readFileSync(new URL('../../fixtures/statements/camt/camt053-001-02-bankgiro-card-fee-pending.xml', import.meta.url));
    const first = await k.importStatement('c', camt, { fileName: 'oktober.xml' });
    const mt940 = [':20:OKT', ':25:SE4550000000058398257466', ':60F:C261029SEK150000,00', ':61:2610311031D75,00NCHGNONREF', ':86:AVGIFT', ':62F:C261031SEK149925,00', '-'].join('\n');
    const second = await k.importStatement('c', mt940, { fileName: 'oktober.sta' });
    const fee = first.transactions.find((t) => t.amount === -7500);
    expect(fee).toBeDefined();
    const twinOf = (r: readonly string[]): string | undefined => r.find((x) => x.includes('another export of this bank account'));
    // Before either is booked: one of two.
    const [before] = await k.suggest('c', second.transactions);
    expect(twinOf(before?.reviewReasons ?? [])).toMatch(/: it may be this transaction; book only one of them\.$/);
    // The camt.053 line is confirmed: the MT940 line now names that voucher.
    const [s] = await k.suggest('c', [fee as NonNullable<typeof fee>]);
    const { vouchers } = await k.confirm('c', [{ transaction: fee as NonNullable<typeof fee>, voucher: s?.voucher ?? { date: '2026-10-31', text: 'AVGIFT', rows: [{ account: '1930', amount: -7500 }, { account: '6570', amount: 7500 }] } }]);
    const booked = vouchers[0];
    const [after] = await k.suggest('c', second.transactions);
    expect(twinOf(after?.reviewReasons ?? [])).toBe(
      `Line ${(fee as NonNullable<typeof fee>).line} of another export of this bank account (camt053, oktober.xml) has the same date and amount and is booked already, as voucher ${booked?.series} ${booked?.number}: if it is this transaction, do not book it again.`,
    );
    expect(after?.autoBook).toBe(false);
  });

  it('a line with a twin in the other format is not auto-booked where it otherwise would be', async () => {
    // A low threshold: the bank-fee rule's confidence clears it, so only the twin holds the line back.
    await k.addClient({ bureauId: 'byra', id: 'low', name: 'Låg AB', autoBookThreshold: 0.5, bankAccounts: [{ account: '1930', number: 'SE4550000000058398257466' }] });
    const camt = readFileSync(new URL('../../fixtures/statements/camt/camt053-001-02-bankgiro-card-fee-pending.xml', import.meta.url));
    await k.importStatement('low', camt, { fileName: 'oktober.xml' });
    const mt940 = [':20:OKT', ':25:SE4550000000058398257466', ':60F:C261029SEK150000,00', ':61:2610311031D75,00NCHGNONREF', ':86:AVGIFT', ':61:2611021102D75,00NCHGNONREF', ':86:AVGIFT', ':62F:C261102SEK149850,00', '-'].join('\n');
    const { transactions } = await k.importStatement('low', mt940, { fileName: 'oktober.sta' });
    const [twin, outside] = await k.suggest('low', transactions);
    // The same fee, the same rule and confidence: the one the camt.053 also holds waits for a person.
    expect([outside?.account, outside?.source, outside?.autoBook]).toEqual(['6570', 'rule', true]);
    expect([twin?.account, twin?.confidence, twin?.autoBook, twin?.review]).toEqual(['6570', outside?.confidence, false, true]);
  });

  it('a currency account: its lines say their currency and get their account, but no voucher in SEK', async () => {
    const file = (ccy: string): string =>
      [':20:FEES', ':25:SE4550000000058398257466', `:60F:C261101${ccy}1000,00`, ':61:2611301130D75,00NCHGNONREF', ':86:AVGIFT BANKGIRO', `:62F:C261130${ccy}925,00`, '-'].join('\n');
    const sek = await k.importStatement('c', file('SEK'));
    expect(sek.transactions[0]?.currency).toBeUndefined();
    const [inSek] = await k.suggest('c', sek.transactions);
    expect(inSek?.voucher?.rows.map((r) => r.account).sort()).toEqual(['1930', inSek?.account].sort());

    await k.addClient({ bureauId: 'byra', id: 'eur', name: 'Export AB', orgNr: '556677-0000', bankAccounts: [{ account: '1932', number: 'SE4550000000058398257466' }] });
    const eur = await k.importStatement('eur', file('EUR'));
    expect(eur.transactions[0]).toMatchObject({ currency: 'EUR', amount: -7_500 });
    const [inEur] = await k.suggest('eur', eur.transactions);
    expect(inEur?.account).toBe(inSek?.account);
    expect(inEur?.voucher).toBeNull();
    expect(inEur?.autoBook).toBe(false);
    expect(inEur?.reviewReasons).toContain("The line is in EUR: the voucher needs the amount in SEK at the day's exchange rate.");
  });

  it('refuses a file of two accounts unless one is named, then imports the rows of that account', async () => {
    await expect(k.importStatement('c', bytes(CODED), { fileName: CODED })).rejects.toMatchObject({ code: 'VALIDATION' });
    const one = await k.importStatement('c', bytes(CODED), { fileName: CODED, accountNumber: '54400067890', bankAccount: '1940', allowNewAccount: true });
    expect(one.added).toBe(1);
    expect(one.transactions[0]).toMatchObject({ amount: 120_050, counterparty: 'Kontera Testbolag AB' });
  });
});

describe('MT940 holding the same statement twice (re-sent, or two files joined)', () => {
  const statements = text(FREE).split(/(?=^:20:)/m);
  const first = statements[0] as string;
  const second = statements[1] as string;
  const ids = (s: { transactions: readonly { id: string }[] }): string[] => s.transactions.map((t) => t.id);

  it('a file joined to itself reads as the file, the repeated statements\' entries named in SECTIONS_OVERLAP', () => {
    const one = parseStatement(text(FREE));
    const twice = parseStatement(text(FREE) + text(FREE));
    expect(twice.format).toBe('mt940');
    expect(ids(twice)).toEqual(ids(one));
    expect(twice.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines).toHaveLength(one.transactions.length);
    expect(twice.warnings.map((w) => w.code)).not.toContain('BALANCE_CHAIN_BROKEN');
    expect([twice.openingBalance, twice.closingBalance]).toEqual([one.openingBalance, one.closingBalance]);
  });

  it('a statement sent again among the others: its entries once', () => {
    const s = parseStatement(first + first + second);
    expect(ids(s)).toEqual(ids(parseStatement(text(FREE))));
    expect(s.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines).toEqual([14, 16]);
    expect(s.warnings.map((w) => w.code)).not.toContain('BALANCE_CHAIN_BROKEN');
  });

  it('statements of one account one after another are one period, read as before (no sections)', () => {
    const s = parseStatement(text(FREE));
    expect(s.sections).toBeUndefined();
  });
});
