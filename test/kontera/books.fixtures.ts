/**
 * A client's books and its bank, written for the tests of issue 13 (invented company and
 * counterparties): a SIE 4 export of 2025 with bank vouchers on 1930 (företagskonto) and 1920
 * (plusgiro), and a Swedbank 2020-layout CSV of the 1930 account that holds the same payments a day
 * or two after the books date them, plus lines of January 2026 the books do not have yet.
 */

/** One bank voucher of the books. */
export interface BookVoucher {
  readonly series: string;
  readonly number: number;
  readonly date: string;
  readonly text: string;
  /** Rows, öre, debit positive; the first is the bank row. */
  readonly rows: readonly (readonly [string, number])[];
  /** The text the bank shows for it, and how many days later it books it. */
  readonly bankText: string;
  readonly lag: number;
}

function day(year: number, month: number, d: number): string {
  return new Date(Date.UTC(year, month - 1, d)).toISOString().slice(0, 10);
}

export function shift(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The 2025 bank vouchers, in date order, numbered per series. */
export function bookVouchers(months = 12): BookVoucher[] {
  const raw: Omit<BookVoucher, 'number'>[] = [];
  for (let m = 1; m <= months; m++) {
    raw.push({ series: 'A', date: day(2025, m, 5), text: 'Telia faktura', rows: [['1930', -49900], ['6212', 39920], ['2641', 9980]], bankText: 'BG 5050-1055 TELIA SVERIGE', lag: m % 3 });
    raw.push({ series: 'A', date: day(2025, m, 15), text: 'Inbetalning Lindqvist Kakel AB', rows: [['1930', 2500000], ['1510', -2500000]], bankText: 'LINDQVIST KAKEL AB', lag: 1 });
    raw.push({ series: 'A', date: day(2025, m, 27), text: 'Hyra lokal Fastighets AB Norrgård', rows: [['1930', -1250000], ['5010', 1250000]], bankText: 'HYRA NORRGARD', lag: 0 });
    raw.push({ series: 'B', date: day(2025, m, 20), text: 'Vattenfall el', rows: [['1920', -150000], ['5020', 120000], ['2641', 30000]], bankText: 'VATTENFALL', lag: 0 });
  }
  // Two payments of one amount on one day: only their texts tell them apart.
  raw.push({ series: 'A', date: '2025-06-10', text: 'Spotify AB', rows: [['1930', -20000], ['6540', 16000], ['2641', 4000]], bankText: 'SPOTIFY P3A2B1', lag: 1 });
  raw.push({ series: 'A', date: '2025-06-10', text: 'Easypark parkering', rows: [['1930', -20000], ['5810', 16000], ['2641', 4000]], bankText: 'EASYPARK STHLM', lag: 1 });
  const sorted = raw.map((v, i) => ({ v, i })).sort((a, b) => (a.v.date < b.v.date ? -1 : a.v.date > b.v.date ? 1 : a.i - b.i));
  const next = new Map<string, number>();
  return sorted.map(({ v }) => {
    const number = (next.get(v.series) ?? 0) + 1;
    next.set(v.series, number);
    return { ...v, number };
  });
}

function kr(ore: number): string {
  return (ore / 100).toFixed(2);
}

/** A SIE 4 export of the books holding `vouchers`. */
export function sieFile(vouchers: readonly BookVoucher[]): string {
  const lines = [
    '#FLAGGA 0',
    '#PROGRAM "Testbok" 1.0',
    '#FORMAT PC8',
    '#GEN 20260105',
    '#SIETYP 4',
    '#FNAMN "Fjällbryggan AB"',
    '#ORGNR 556677-8899',
    '#RAR 0 20250101 20251231',
    '#KONTO 1510 "Kundfordringar"',
    '#KONTO 1920 "PlusGiro"',
    '#KONTO 1930 "Företagskonto"',
    '#KONTO 2641 "Debiterad ingående moms"',
    '#KONTO 5010 "Lokalhyra"',
    '#KONTO 5020 "El för belysning"',
    '#KONTO 5810 "Biljetter"',
    '#KONTO 6212 "Mobiltelefon"',
    '#KONTO 6540 "IT-tjänster"',
  ];
  for (const v of vouchers) {
    lines.push(`#VER ${v.series} ${v.number} ${v.date.replaceAll('-', '')} "${v.text}" ${v.date.replaceAll('-', '')}`, '{');
    for (const [account, amount] of v.rows) lines.push(`   #TRANS ${account} {} ${kr(amount)}`);
    lines.push('}');
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A bank line. */
export interface BankLine {
  readonly date: string;
  readonly text: string;
  readonly amount: number;
}

/** The 1930 lines of `vouchers` as the bank books them, then `extra`. */
export function bankLines(vouchers: readonly BookVoucher[], extra: readonly BankLine[] = []): BankLine[] {
  const lines = vouchers
    .filter((v) => v.rows[0]?.[0] === '1930')
    .map((v) => ({ date: shift(v.date, v.lag), text: v.bankText, amount: v.rows[0]?.[1] ?? 0 }));
  return [...lines, ...extra].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** January 2026: payments the 2025 books cannot hold. */
export const JANUARY_2026: readonly BankLine[] = [
  { date: '2026-01-05', text: 'BG 5050-1055 TELIA SVERIGE', amount: -49900 },
  { date: '2026-01-15', text: 'LINDQVIST KAKEL AB', amount: 2500000 },
  { date: '2026-01-27', text: 'HYRA NORRGARD', amount: -1250000 },
  { date: '2026-01-28', text: 'KIOSKEN VID TORGET', amount: -4500 },
];

/** A Swedbank 2020 CSV (the layout of corpus `bank/swedbank/sample7`) of `lines`, newest first, balances chained. */
export function swedbankFile(lines: readonly BankLine[], account = '9988776655'): string {
  const out = [
    '* Transaktioner Period 2025-01-01–2026-01-31 Skapad 2026-02-01 10:00 +01:00',
    'Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,Valutadag,Referens,Beskrivning,Belopp,Bokfört saldo',
  ];
  let balance = 50_000_00;
  const withBalance = lines.map((l) => {
    balance += l.amount;
    return { ...l, balance };
  });
  withBalance.reverse().forEach((l, i) => {
    out.push(`${i + 1},8327,${account},"Företagskonto",SEK,${l.date},${l.date},${l.date},"${l.text}","${l.text}",${kr(l.amount)},${kr(l.balance)}`);
  });
  return `${out.join('\r\n')}\r\n`;
}
