/**
 * Nordea netbank (personal and small business), formats.md §3.2. UTF-8 with BOM, `;`, decimal
 * comma, newest first; `Saldo` is given on one row per day and empty on the others (corpus:
 * nordea-foretag). Dates are `YYYY-MM-DD` (2020, and the corpus' 2022 files) or `YYYY/MM/DD`
 * (2022+); pending rows read `Reserverat` in the date cell. Headers follow the UI language.
 */
import { STYLE, type StatementFormat } from '../format.js';
import { type CellReader, type ColumnSpec, defineTableFormat } from '../table.js';

const DATE: ColumnSpec = { role: 'date', names: ['bokföringsdag', 'datum', 'kirjauspäivä', 'booking date'] };
const AMOUNT: ColumnSpec = { role: 'amount', names: ['belopp', 'määrä', 'amount'] };
const FROM: ColumnSpec = { role: 'from', names: ['avsändare', 'maksaja', 'sender'] };
const TO: ColumnSpec = { role: 'to', names: ['mottagare', 'maksunsaaja', 'recipient'] };
const NAME: ColumnSpec = { role: 'counterparty', names: ['namn', 'nimi', 'name'] };
const TITLE: ColumnSpec = { role: 'text', names: ['rubrik', 'otsikko', 'title'] };
const MESSAGE: ColumnSpec = { role: 'reference', names: ['meddelande', 'viesti', 'message'] };
const NOTES: ColumnSpec = { role: 'ignore', names: ['egna anteckningar', 'omat muistiinpanot', 'own notes'] };
// One 2021 export had `Referensnummer` where `Saldo` usually is, in the 8- and the 10-column
// layout alike. Beside `Meddelande` (the reference read) it is the bank's own number, not read.
const BALANCE: ColumnSpec = { role: 'balance', names: ['saldo', 'balance'], required: false };
const REFNO: ColumnSpec = { role: 'reference', names: ['referensnummer'], required: false };
const CURRENCY: ColumnSpec = { role: 'currency', names: ['valuta', 'valuutta', 'currency'] };

const pending = (get: CellReader): boolean => /^(reserverat|varaus|reserved)$/i.test(get('date'));
const common = {
  bank: 'Nordea',
  delimiters: [';'],
  amountStyles: [STYLE.comma, STYLE.commaDot],
  datePatterns: ['YYYY-MM-DD', 'YYYY/MM/DD', 'DD.MM.YYYY'],
  maxPreambleLines: 2,
  isPending: pending,
} as const;

export const nordea2020: StatementFormat = defineTableFormat({
  ...common,
  id: 'nordea-2020',
  columns: [DATE, AMOUNT, FROM, TO, NAME, TITLE, BALANCE, REFNO, CURRENCY],
});

export const nordea2022: StatementFormat = defineTableFormat({
  ...common,
  id: 'nordea-2022',
  columns: [DATE, AMOUNT, FROM, TO, NAME, TITLE, MESSAGE, NOTES, BALANCE, REFNO, CURRENCY],
});

export const nordea2024: StatementFormat = defineTableFormat({
  ...common,
  id: 'nordea-2024',
  columns: [DATE, AMOUNT, FROM, TO, NAME, { role: 'text', names: ['ytterligare detaljer', 'additional details'] }, MESSAGE, NOTES, BALANCE, REFNO, CURRENCY],
});

/**
 * The old private site (to ~2020): `Datum,Transaktion,Kategori,Belopp,Saldo`, comma-delimited,
 * quoted `"-3.402,00"` amounts, two footer rows, pending rows `Reservation Kortköp …`.
 */
export const nordeaOld: StatementFormat = defineTableFormat({
  id: 'nordea-old',
  bank: 'Nordea',
  delimiters: [','],
  columns: [
    { role: 'date', names: ['datum'] },
    { role: 'text', names: ['transaktion'] },
    { role: 'type', names: ['kategori'] },
    { role: 'amount', names: ['belopp'] },
    { role: 'balance', names: ['saldo'] },
  ],
  amountStyles: [STYLE.commaDot, STYLE.comma],
  datePatterns: ['YYYY-MM-DD'],
  maxPreambleLines: 2,
  isPending: (get) => /^reserv(ation|erat)\b/i.test(get('text')),
  isFooter: (cells) => !/\d{4}-\d{2}-\d{2}/.test(cells[0] ?? ''),
});

/**
 * Nordea's TAB export with `Till/från` columns: ISO-8859-1, fields right-padded with spaces,
 * `-4495,5` (one or two decimals), ISO dates, the currency in the amount's header
 * (`Bokfört belopp (SEK)`). The counterparty's account has a column of its own.
 */
export const nordeaTab: StatementFormat = defineTableFormat({
  id: 'nordea-tab',
  bank: 'Nordea',
  delimiters: ['\t'],
  columns: [
    { role: 'date', names: ['bokföringsdatum'] },
    { role: 'amount', names: ['bokfört belopp'], pattern: /^bokfört belopp \([a-z]{3}\)$/ },
    { role: 'counterpartyAccount', names: ['till/från konto'] },
    { role: 'counterparty', names: ['till/från namn'] },
    { role: 'reference', names: ['referens/meddelande'] },
    { role: 'balance', names: ['utgående saldo'], required: false },
    { role: 'ignore', names: ['utländskt belopp'], required: false },
    { role: 'ignore', names: ['valutakod'], required: false },
    { role: 'ignore', names: ['landkod'], required: false },
    { role: 'ignore', names: ['betalkod'], required: false },
    { role: 'ignore', names: ['egna anteckningar'], required: false },
  ],
  amountStyles: [STYLE.comma, STYLE.commaDot],
  datePatterns: ['YYYY-MM-DD'],
  maxPreambleLines: 2,
  isPending: pending,
});
