/**
 * One fixture per bank layout the corpus lacks, built from the documented headers in
 * ../shared/docs/formats.md §3.2 (see fixtures/SOURCES.md), one per quirk.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectStatementFormat, parseStatement } from '../../src/statements/index.js';
import { caught } from '../support/errors.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));
const sum = (xs: readonly { amount: number }[]): number => xs.reduce((a, t) => a + t.amount, 0);
/** The camt.053 fixture as another camt message: its root element, its statement element and its namespace's message. */
const camtStatementAs = (root: string, container: string, message: string): string =>
  new TextDecoder()
    .decode(fixture('camt/camt053-001-02-bankgiro-card-fee-pending.xml'))
    .replaceAll('BkToCstmrStmt', root)
    .replaceAll('<Stmt>', `<${container}>`)
    .replaceAll('</Stmt>', `</${container}>`)
    .replaceAll('camt.053.001.02', `${message}.001.02`);

describe('SEB', () => {
  it('reads "Spara kontohändelser" amounts with three decimals: -30.000 is -30 kr, not -30 000 kr', () => {
    const s = parseStatement(fixture('seb/kontohandelser-three-decimals.csv'));
    expect(s.format).toBe('seb-kontohandelser');
    expect(s.bank).toBe('SEB');
    expect(s.transactions.map((t) => t.amount)).toEqual([-3000, -25000, -49900, 150000, 1252, -253520]);
    expect(s.transactions[0]?.balance).toBe(2_096_104);
    expect(s.warnings).toEqual([]);
    expect(s.openingBalance).toBe(2_276_272);
  });

  it('reads the same export re-saved by a spreadsheet that groups thousands with a space (-1 245.50), as the bank\'s own rows', () => {
    const own = parseStatement(fixture('seb/kontohandelser-three-decimals.csv'));
    // Two decimals and a space between thousands, as a spreadsheet of another locale writes them back.
    const text = new TextDecoder().decode(fixture('seb/kontohandelser-three-decimals.csv')).replace(/(-?\d+)\.(\d{2})\d(?=;|\r?\n|$)/g, (_m, int: string, dec: string) => `${int.replace(/\B(?=(\d{3})+$)/g, ' ')}.${dec}`);
    expect(text).toContain('20 961.04');
    const s = parseStatement(text);
    expect(s.format).toBe('seb-kontohandelser');
    expect(s.transactions.map((t) => [t.date, t.amount, t.balance])).toEqual(own.transactions.map((t) => [t.date, t.amount, t.balance]));
  });

  it('recognises SEB card purchases (merchant/YY-MM-DD), digit-only Swish and interest', () => {
    const s = parseStatement(fixture('seb/kontohandelser-three-decimals.csv'));
    expect(s.transactions.map((t) => t.kind)).toEqual(['card', 'swish', undefined, 'swish', 'interest', 'card']);
    expect(s.transactions[4]).toMatchObject({ date: '2026-10-25', valueDate: '2026-10-26', text: 'RÄNTA' });
  });

  it('reads the 2026 "Transaktioner" layout with split Insättningar/Uttag columns', () => {
    const s = parseStatement(fixture('seb/transaktioner-2026-split-columns.csv'));
    expect(s.format).toBe('seb-transaktioner');
    expect(s.transactions.map((t) => t.amount)).toEqual([-45650, 2_850_000, -1_200_000]);
    expect(s.transactions.map((t) => t.kind)).toEqual(['card', 'salary', 'tax-account']);
    expect(s.warnings).toEqual([]);
  });

  it('reads the legacy comma-delimited export after its 5-row preamble, account number included', () => {
    const s = parseStatement(fixture('seb/legacy-2018-preamble-comma.csv'));
    expect(s.format).toBe('seb-legacy');
    expect(s.encoding).toBe('windows-1252');
    expect(s.accountNumber).toBe('5357-12 345 67');
    expect(s.transactions.map((t) => [t.line, t.amount, t.text])).toEqual([
      [7, -79000, 'SL ACCESS/18-03-03'],
      [8, 30000, 'SWISH FRÅN ANNA'],
    ]);
  });
});

describe('Handelsbanken', () => {
  it('skips PREL rows, uses the balance-only first row as the closing balance, reads ISO-8859-1', () => {
    const s = parseStatement(fixture('handelsbanken/semicolon-latin1-prel-balance-row.csv'));
    expect(s.format).toBe('handelsbanken');
    expect(s.encoding).toBe('windows-1252');
    expect(s.accountNumber).toBe('6789-123 456 789');
    expect(s.transactions).toHaveLength(4);
    expect(s.transactions[0]).toMatchObject({ line: 8, date: '2026-10-30', valueDate: '2026-10-29', text: 'ÅHLÉNS CITY', amount: -49900 });
    expect(sum(s.transactions)).toBe(2_252_600);
    expect(s.closingBalance).toBe(2_776_017);
    expect(s.openingBalance).toBe(523_417);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [7]]]);
  });

  it('includes the preliminary row on request, flagged pending and dated by its transaction date', () => {
    const s = parseStatement(fixture('handelsbanken/semicolon-latin1-prel-balance-row.csv'), { includePending: true });
    expect(s.transactions).toHaveLength(5);
    expect(s.transactions[0]).toMatchObject({ line: 7, pending: true, date: '2026-10-30', amount: -12900, text: 'Prel. ICA KVANTUM' });
    expect(s.transactions.filter((t) => t.pending)).toHaveLength(1);
  });

  it('reads the TAB-separated text export', () => {
    const s = parseStatement(fixture('handelsbanken/tab-no-preamble.txt'));
    expect(s.format).toBe('handelsbanken');
    expect(s.transactions.map((t) => [t.amount, t.text])).toEqual([
      [125000, 'FÖRSÄKRINGSKASSAN'],
      [-30000, 'Swish Nils Öberg'],
    ]);
    expect(s.transactions[1]?.kind).toBe('swish');
  });
});

describe('Nordea', () => {
  it('reads the 2020 private layout (8 columns, ISO dates)', () => {
    const s = parseStatement(fixture('nordea/private-2020.csv'));
    expect(s.format).toBe('nordea-2020');
    expect(s.accountNumber).toBe('1234 56 78901');
    expect(s.transactions.map((t) => t.kind)).toEqual(['card', 'autogiro', 'salary', 'swish']);
    expect(s.transactions[2]).toMatchObject({ text: 'Lön', counterparty: 'ACME AB', amount: 2_500_000 });
    expect(s.warnings).toEqual([]);
  });

  it('reads the 2022 business layout with YYYY/MM/DD dates and leaves out Reserverat rows', () => {
    const s = parseStatement(fixture('nordea/business-2022-slash-dates.csv'));
    expect(s.format).toBe('nordea-2022');
    expect(s.transactions.map((t) => t.date)).toEqual(['2022-11-30', '2022-11-30', '2022-11-28', '2022-11-25']);
    expect(s.transactions[0]).toMatchObject({ text: 'LOOPIA AB', reference: '22114455', counterpartyAccount: '5343-2795', amount: -48750, kind: 'bankgiro' });
    expect(s.transactions[1]).toMatchObject({ counterpartyAccount: '5050-1055', kind: 'tax-account' });
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [2]]]);
    const all = parseStatement(fixture('nordea/business-2022-slash-dates.csv'), { includePending: true });
    expect(all.transactions[0]).toMatchObject({ pending: true, date: '', amount: -12500, kind: 'card' });
  });

  it('reads the 2024 layout whose lines all end with ";" and whose text is "Ytterligare detaljer"', () => {
    const s = parseStatement(fixture('nordea/business-2024-trailing-semicolon.csv'));
    expect(s.format).toBe('nordea-2024');
    expect(s.transactions.map((t) => [t.text, t.kind])).toEqual([
      ['Betalning BG 5051-6822 Fordonsskatt', 'bankgiro'],
      ['Vardagspaket Månadspris kort', 'fee'],
      ['Insättning', 'transfer'],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('reads an English-language header saved as UTF-16 LE with BOM', () => {
    const s = parseStatement(fixture('nordea/private-2020-english-utf16le.csv'));
    expect(s.format).toBe('nordea-2020');
    expect(s.encoding).toBe('utf-16le');
    expect(s.transactions.map((t) => [t.amount, t.kind])).toEqual([
      [-9900, 'card'],
      [-2000, 'fee'],
    ]);
  });

  it('reads the old site export: quoted "-3.402,00" amounts, a footer row and a Reservation row', () => {
    const s = parseStatement(fixture('nordea/old-site-2019-quoted-dot-thousands.csv'));
    expect(s.format).toBe('nordea-old');
    expect(s.transactions.map((t) => t.amount)).toEqual([-340_200, 1_500_000, -23_450]);
    expect(s.warnings.map((w) => w.code).sort()).toEqual(['FOOTER_IGNORED', 'PENDING_EXCLUDED']);
  });
});

describe('Danske Bank, Länsförsäkringar, ICA Banken, Skandia, Lunar, Skatteverket', () => {
  it('Danske: quoted fields, "-1.204.323,00", only Status "Utförd" rows', () => {
    const s = parseStatement(fixture('danske/quoted-cp1252-dot-thousands-status.csv'));
    expect(s.format).toBe('danske');
    expect(s.encoding).toBe('windows-1252');
    expect(s.transactions.map((t) => t.amount)).toEqual([-120_432_300, -8950, 150_000_000]);
    expect(s.transactions[1]?.text).toBe('Kortköp ÖoB VÄSTERÅS');
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [2]]]);
  });

  it('Länsförsäkringar: account from the quoted preamble, no balance column', () => {
    const s = parseStatement(fixture('lansforsakringar/quoted-preamble-no-balance.csv'));
    expect(s.format).toBe('lansforsakringar');
    expect(s.accountNumber).toBe('9020.12.34567');
    expect(s.transactions.map((t) => [t.amount, t.balance, t.kind])).toEqual([
      [-123_450, undefined, undefined], // type `Betalning`: a payment, by no rail the text names,
      [-500_000, undefined, 'transfer'],
      [3_210_000, undefined, 'salary'],
    ]);
    expect(s.openingBalance).toBeUndefined();
  });

  it('Länsförsäkringar before Dec 2022: DD/MM/YY dates in Windows-1252', () => {
    const s = parseStatement(fixture('lansforsakringar/2021-ddmmyy-dates.csv'));
    expect(s.transactions.map((t) => [t.date, t.valueDate])).toEqual([
      ['2021-11-30', '2021-11-29'],
      ['2021-11-25', undefined],
    ]);
  });

  it('ICA Banken: "-1 000,00 kr" amounts and the account number alone on line 1', () => {
    const s = parseStatement(fixture('ica/kr-suffix-account-line.csv'));
    expect(s.format).toBe('ica');
    expect(s.transactions[2]).toMatchObject({ text: 'TheUnion', amount: -23_500, kind: 'bankgiro' });
  });

  it('Skandia: the XLSX sheet saved as CSV, with "Bokf. datum" and the Kontonummer row', () => {
    const s = parseStatement(fixture('skandia/xlsx-resave-bokf-datum.csv'));
    expect(s.format).toBe('skandia');
    expect(s.accountNumber).toBe('9150-123.456-7');
    expect(s.transactions.map((t) => t.amount)).toEqual([-65_040, 500_000]);
    expect(s.warnings).toEqual([]);
  });

  it('Lunar: quoted "12 345,00" amounts and the Transaction ID as reference', () => {
    const s = parseStatement(fixture('lunar/swedish-quoted-amounts.csv'));
    expect(s.format).toBe('lunar');
    expect(s.transactions.map((t) => [t.amount, t.reference])).toEqual([
      [-45_630, 'tx-0003'],
      [1_234_500, 'tx-0002'],
      [-2_900, 'tx-0001'],
    ]);
    expect(s.transactions.map((t) => t.kind)).toEqual(['card', 'transfer', 'fee']);
    expect(s.warnings).toEqual([]);
  });

  it('Skatteverket: organisation number, opening and closing balance rows, whole kronor', () => {
    const s = parseStatement(fixture('skatteverket/skattekonto-quoted.csv'));
    expect(s.format).toBe('skattekonto');
    expect(s.bank).toBe('Skatteverket');
    expect(s.accountNumber).toBe('556677-8899');
    expect(s.openingBalance).toBe(65_600);
    expect(s.closingBalance).toBe(65_900);
    expect(s.transactions.map((t) => [t.date, t.amount, t.balance, t.kind])).toEqual([
      ['2025-04-12', -1_254_000, -1_188_400, 'tax-account'],
      ['2025-04-14', 1_254_000, 65_600, 'tax-account'],
      ['2025-04-30', 300, 65_900, 'tax-account'],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('Skatteverket, older unquoted ISO-8859-1 layout without row balances: opening + rows = closing', () => {
    const s = parseStatement(fixture('skatteverket/skattekonto-old-latin1.csv'));
    expect(s.transactions.map((t) => [t.text, t.amount])).toEqual([
      ['Debiterad preliminärskatt', -420_000],
      ['Inbetalning bokförd 250412', 420_000],
    ]);
    expect(s.openingBalance).toBe(65_600);
    expect(s.closingBalance).toBe(65_600);
    expect(s.warnings).toEqual([]);
  });

  it('Skatteverket: a closing balance that does not follow from the rows is reported', () => {
    const text = new TextDecoder().decode(fixture('skatteverket/skattekonto-quoted.csv')).replace('"Utgående saldo 2025-04-30";"";"659"', '"Utgående saldo 2025-04-30";"";"700"');
    const s = parseStatement(text);
    expect(s.warnings.find((w) => w.code === 'BALANCE_CHAIN_BROKEN')?.lines).toEqual([7]);
  });
});

describe('generic CSV driven by a column mapping', () => {
  it('reads an unknown bank with split withdrawal/deposit columns by header name', () => {
    const s = parseStatement(fixture('generic/pipe-split-in-out.csv'), {
      columns: { date: 'Date', text: 'Description', debit: 'Withdrawal', credit: 'Deposit', balance: 'Balance' },
    });
    expect(s.format).toBe('generic-csv');
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text])).toEqual([
      [2, '2026-01-03', -1_500_000, 8_500_000, 'Office rent'],
      [3, '2026-01-02', 2_000_000, 10_000_000, 'Customer payment'],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('reads a header-less file by column index', () => {
    const text = '03.01.2026;Hyra;-15 000,00\n02.01.2026;Kund AB;20 000,00\n';
    const s = parseStatement(text, { columns: { date: 0, text: 1, amount: 2 } });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount])).toEqual([
      [1, '2026-01-03', -1_500_000],
      [2, '2026-01-02', 2_000_000],
    ]);
  });

  it('without columns, reads the same file by its English header and says what it took for what', () => {
    const s = parseStatement(fixture('generic/pipe-split-in-out.csv'));
    expect(s.format).toBe('generic-csv');
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text])).toEqual([
      [2, '2026-01-03', -1_500_000, 8_500_000, 'Office rent'],
      [3, '2026-01-02', 2_000_000, 10_000_000, 'Customer payment'],
    ]);
    expect(s.detected?.columns).toEqual({ date: 'Date', credit: 'Deposit', debit: 'Withdrawal', balance: 'Balance', text: 'Description' });
    expect(s.warnings.map((w) => w.code)).toEqual(['COLUMNS_DETECTED']);
  });
});

describe('markup exports', () => {
  it('Handelsbanken kontotransactionlist.xls (an HTML table): spacer cells, account row, preliminary row', () => {
    const s = parseStatement(fixture('handelsbanken/kontotransactionlist-2023-html.xls'));
    expect(s.format).toBe('handelsbanken-html');
    expect(s.bank).toBe('Handelsbanken');
    expect(s.accountNumber).toBe('6789-123 456 789');
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text])).toEqual([
      [12, '2023-05-31', -11_900, 1_238_050, 'SPOTIFY P1A2B3'],
      [13, '2023-05-30', 2_540_000, 1_249_950, 'LÖN'],
      [14, '2023-05-29', -1_300_000, -1_290_050, 'Bg 5050-1055 SKV'],
      [15, '2023-05-26', -2_500, 9_950, 'Månadsavgift'],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [11]]]);
    expect(s.openingBalance).toBe(12_450);
    const all = parseStatement(fixture('handelsbanken/kontotransactionlist-2023-html.xls'), { includePending: true });
    expect(all.transactions[0]).toMatchObject({ pending: true, date: '2023-05-31', text: 'ICA NÄRA HÖGDAL', amount: -24_550 });
  });

  it('Handelsbanken kontotransactionlist.xls on one physical line: each row is numbered by its table row (the sheet row Excel shows), not all "line 1"', () => {
    const oneLine = fixture('handelsbanken/kontotransactionlist-one-line-html.xls');
    const s = parseStatement(oneLine);
    expect(s.format).toBe('handelsbanken-html');
    // `<tr>` 1–7 title, account, period, printed, spacer, balance, spacer; 8 the header; 9 the preliminary row.
    expect(s.transactions.map((t) => [t.line, t.text])).toEqual([
      [10, 'SPOTIFY P1A2B3'],
      [11, 'LÖN'],
      [12, 'Bg 5050-1055 SKV'],
      [13, 'Månadsavgift'],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [9]]]);
    // The same rows, amounts and ids as the export with a line per row.
    const lines = parseStatement(fixture('handelsbanken/kontotransactionlist-2023-html.xls'));
    expect(s.transactions.map((t) => [t.id, t.date, t.amount, t.balance])).toEqual(lines.transactions.map((t) => [t.id, t.date, t.amount, t.balance]));
    // An error names the row too: the LÖN row's amount broken.
    const broken = new TextDecoder('latin1').decode(oneLine).replace('25&nbsp;400,00', '25&nbsp;4OO,00');
    const e = caught(() => parseStatement(broken));
    expect([e.code, e.line]).toEqual(['INVALID_AMOUNT', 11]);
  });

  it('camt.053: signed amounts from CdtDbtInd, OCR and counterparty, bank codes as kinds, only BOOK entries', () => {
    const s = parseStatement(fixture('camt/camt053-001-02-bankgiro-card-fee-pending.xml'));
    expect(s.format).toBe('camt053');
    expect(s.accountNumber).toBe('SE4550000000058398257466');
    expect(s.openingBalance).toBe(15_000_000);
    expect(s.closingBalance).toBe(16_123_600);
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.kind])).toEqual([
      [30, '2026-10-30', 1_250_000, 'bankgiro'],
      [51, '2026-10-31', -118_900, 'card'],
      [67, '2026-10-31', -7_500, 'fee'],
    ]);
    expect(s.transactions[0]).toMatchObject({ reference: '4012345678901', counterparty: 'KUNDEN I NORR AB', counterpartyAccount: '5402-1234' });
    expect(s.transactions[1]?.text).toBe('KORTKÖP 261029 CLAS OHLSON & CO');
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [77]]]);
  });

  it('camt.053: bare bankgiro and plusgiro digits marked BGNR / PGNR get their hyphen', () => {
    const base = new TextDecoder().decode(fixture('camt/camt053-001-02-bankgiro-card-fee-pending.xml'));
    const withScheme = (id: string, scheme: string): string =>
      base.replace('<Othr><Id>5402-1234</Id></Othr>', `<Othr><Id>${id}</Id><SchmeNm><Prtry>${scheme}</Prtry></SchmeNm></Othr>`);
    expect(parseStatement(withScheme('50501055', 'BGNR')).transactions[0]?.counterpartyAccount).toBe('5050-1055');
    expect(parseStatement(withScheme('1234567', 'BGNR')).transactions[0]?.counterpartyAccount).toBe('123-4567');
    expect(parseStatement(withScheme('12345678', 'PGNR')).transactions[0]?.counterpartyAccount).toBe('1234567-8');
    // Another scheme, or not digits, is kept as the bank wrote it.
    expect(parseStatement(withScheme('50501055', 'BBAN')).transactions[0]?.counterpartyAccount).toBe('50501055');
    expect(parseStatement(withScheme('ABC-123', 'BGNR')).transactions[0]?.counterpartyAccount).toBe('ABC-123');
  });

  it('camt.052: an account report reads as the statement of the same entries; PRCD is its opening balance', () => {
    const xml = camtStatementAs('BkToCstmrAcctRpt', 'Rpt', 'camt.052').replace('<Cd>OPBD</Cd>', '<Cd>PRCD</Cd>');
    const report = parseStatement(xml);
    const statement = parseStatement(fixture('camt/camt053-001-02-bankgiro-card-fee-pending.xml'));
    expect(report.format).toBe('camt052');
    expect([report.accountNumber, report.openingBalance, report.closingBalance]).toEqual([statement.accountNumber, 15_000_000, 16_123_600]);
    expect(report.transactions.map((t) => [t.line, t.date, t.amount, t.text, t.reference])).toEqual(statement.transactions.map((t) => [t.line, t.date, t.amount, t.text, t.reference]));
    expect(report.warnings).toEqual(statement.warnings);
  });

  it('camt.054: a debit/credit notification is refused as what it is, not read as a statement', () => {
    const xml = camtStatementAs('BkToCstmrDbtCdtNtfctn', 'Ntfctn', 'camt.054');
    const e = caught(() => parseStatement(xml, { fileName: 'bg-insattningar.xml' }));
    expect([e.code, e.file, e.line]).toEqual(['HTML_INPUT', 'bg-insattningar.xml', 1]);
    expect(e.message).toContain('camt.054 debit/credit notification');
  });

  it('camt.053: the same statement twice in one document: its entries once (SECTIONS_OVERLAP), each statement\'s balances on their own', () => {
    const base = new TextDecoder().decode(fixture('camt/camt053-001-02-bankgiro-card-fee-pending.xml'));
    const stmt = base.slice(base.indexOf('    <Stmt>'), base.indexOf('</Stmt>') + '</Stmt>\n'.length);
    const twice = base.replace(stmt, stmt + stmt);
    const one = parseStatement(base);
    const s = parseStatement(twice);
    expect(s.transactions.map((t) => t.id)).toEqual(one.transactions.map((t) => t.id));
    const lines = stmt.split('\n').length - 1;
    expect(s.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines).toEqual(one.transactions.map((t) => t.line + lines));
    expect(s.warnings.map((w) => w.code)).not.toContain('BALANCE_CHAIN_BROKEN');
    expect([s.openingBalance, s.closingBalance]).toEqual([one.openingBalance, one.closingBalance]);
    // Statements of consecutive periods are one period after another, read as before.
    const next = stmt.replaceAll('2026-10-30', '2026-11-01').replaceAll('2026-10-31', '2026-11-02').replace('<Id>20261031-5566778899</Id>', '<Id>20261102-5566778899</Id>');
    expect(parseStatement(base.replace(stmt, stmt + next)).sections).toBeUndefined();
  });

  it('camt.053: a closing balance that the entries do not reach is reported', () => {
    const xml = new TextDecoder().decode(fixture('camt/camt053-001-02-bankgiro-card-fee-pending.xml')).replace('<Amt Ccy="SEK">161236.00</Amt>', '<Amt Ccy="SEK">161237.00</Amt>');
    const s = parseStatement(xml);
    expect(s.warnings.find((w) => w.code === 'BALANCE_CHAIN_BROKEN')?.lines).toEqual([18, 24]);
  });

  it('camt.053: broken XML is an error naming the line', () => {
    const xml = new TextDecoder().decode(fixture('camt/camt053-001-02-bankgiro-card-fee-pending.xml')).replace('</AddtlNtryInf>\n      </Ntry>\n      <Ntry>\n        <NtryRef>3', '</AddtlNtryInf>\n      <Ntry>\n        <NtryRef>3');
    expect(() => parseStatement(xml)).toThrow(/Invalid XML/);
  });
});
