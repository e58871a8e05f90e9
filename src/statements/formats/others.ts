/**
 * Handelsbanken, Danske Bank, Länsförsäkringar, ICA Banken, Skandiabanken and Lunar: header-based
 * delimited exports (formats.md §3.2–3.3). Header cells are matched whole, never as substrings.
 */
import { STYLE, type StatementFormat } from '../format.js';
import { preambleAccount } from '../preamble-account.js';
import { defineTableFormat } from '../table.js';

/**
 * Handelsbanken text/CSV export: `Reskontradatum;Transaktionsdatum;Text;Belopp;Saldo`, `;` or TAB,
 * ISO-8859-1, account and period rows above the header, a first row carrying only the balance,
 * preliminary card rows marked `Prel` (or with an empty Reskontradatum).
 */
export const handelsbanken: StatementFormat = defineTableFormat({
  id: 'handelsbanken',
  bank: 'Handelsbanken',
  delimiters: [';', '\t'],
  columns: [
    { role: 'date', names: ['reskontradatum'] },
    { role: 'valueDate', names: ['transaktionsdatum'] },
    { role: 'text', names: ['text'] },
    { role: 'amount', names: ['belopp'] },
    { role: 'balance', names: ['saldo'] },
  ],
  amountStyles: [STYLE.comma, STYLE.dot],
  datePatterns: ['YYYY-MM-DD'],
  maxPreambleLines: 10,
  readPreamble: preambleAccount,
  isPending: (get) => /^prel\b/i.test(get('date')) || /^prel\b/i.test(get('text')) || (get('date') === '' && get('valueDate') !== ''),
});

/**
 * Handelsbanken's business online bank, `Transaktioner_<account>_<date>.txt`: ISO-8859-1, `;` or
 * TAB, a delimiter after the last field of every line. The account's metadata (holder, number,
 * IBAN, BIC, currency, period) repeats on every row; the first data row carries the balances only;
 * preliminary rows read `PREL-  -  ` as Bokföringsdag and `*` as balance. The Swish sender id
 * (`Avsändar-id Swish`) may be a private person's phone number: it is never read.
 */
export const handelsbankenBusiness: StatementFormat = defineTableFormat({
  id: 'handelsbanken-business',
  bank: 'Handelsbanken',
  delimiters: [';', '\t'],
  columns: [
    { role: 'ignore', names: ['kontohavare'] },
    { role: 'account', names: ['kontonr', 'kontonummer'] },
    { role: 'ignore', names: ['iban'], required: false },
    { role: 'ignore', names: ['bic'], required: false },
    { role: 'ignore', names: ['kontoform'], required: false },
    { role: 'currency', names: ['valuta'] },
    { role: 'ignore', names: ['kontoförande kontor'], required: false },
    { role: 'period', names: ['datum intervall'], required: false },
    { role: 'ignore', names: ['kontor'], required: false },
    { role: 'date', names: ['bokföringsdag'] },
    { role: 'pendingDate', names: ['reskontradag'] },
    { role: 'valueDate', names: ['valutadag'], required: false },
    { role: 'text', names: ['referens'] },
    { role: 'amount', names: ['insättning/uttag'] },
    { role: 'balance', names: ['bokfört saldo'] },
    { role: 'ignore', names: ['aktuellt saldo'], required: false },
    { role: 'ignore', names: ['valutadagssaldo'], required: false },
    { role: 'reference', names: ['referens swish'], required: false },
    // Personal data (a private sender's phone number): matched so the header is known, never read.
    { role: 'ignore', names: ['avsändar-id swish'], required: false },
  ],
  amountStyles: [STYLE.comma, STYLE.dot],
  datePatterns: ['YYYY-MM-DD'],
  maxPreambleLines: 2,
  isPending: (get) => /^prel\b/i.test(get('date')),
});

/** Danske Bank: all fields quoted, ISO-8859-15/1252, `-1.204.323,00`; keep `Status` = `Utförd`. */
export const danske: StatementFormat = defineTableFormat({
  id: 'danske',
  bank: 'Danske Bank',
  delimiters: [';'],
  columns: [
    { role: 'date', names: ['bokföringsdag', 'datum'] },
    { role: 'type', names: ['kategori'], required: false },
    { role: 'ignore', names: ['underkategori'], required: false },
    { role: 'text', names: ['specifikation', 'text'] },
    { role: 'amount', names: ['belopp'] },
    { role: 'balance', names: ['saldo'] },
    { role: 'status', names: ['status'] },
    { role: 'ignore', names: ['avstämt'] },
  ],
  amountStyles: [STYLE.commaDot, STYLE.comma],
  datePatterns: ['YYYY-MM-DD', 'DD.MM.YYYY'],
  maxPreambleLines: 2,
  isPending: (get) => get('status') !== '' && !/^utförd$/i.test(get('status')),
});

/**
 * Länsförsäkringar: every field quoted, a `Kontonummer;Kontonamn;;Saldo;Tillgängligt belopp`
 * block with the account row, a blank line, then the header. No per-row balance. ISO dates since
 * Dec 2022, `DD/MM/YY` before.
 */
export const lansforsakringar: StatementFormat = defineTableFormat({
  id: 'lansforsakringar',
  bank: 'Länsförsäkringar',
  delimiters: [';'],
  columns: [
    { role: 'date', names: ['bokföringsdatum', 'bokföringsdag'] },
    { role: 'valueDate', names: ['transaktionsdatum'] },
    { role: 'type', names: ['transaktionstyp'] },
    { role: 'text', names: ['meddelande'] },
    { role: 'amount', names: ['belopp'] },
  ],
  amountStyles: [STYLE.comma],
  datePatterns: ['YYYY-MM-DD', 'DD/MM/YY'],
  maxPreambleLines: 6,
  preambleScore: (pre) => (pre.some((l) => /^"?kontonummer"?;/i.test(l.trim())) ? 1 : 0.9),
  readPreamble: preambleAccount,
});

/**
 * ICA Banken: UTF-8 BOM, `-1 079,40 kr`, the account number alone on the first line. TAB too: the
 * export re-saved by Excel as "Text (Tab delimited)" (its cells as shown, the account line padded
 * with TABs).
 */
export const ica: StatementFormat = defineTableFormat({
  id: 'ica',
  bank: 'ICA Banken',
  delimiters: [';', '\t'],
  columns: [
    { role: 'date', names: ['datum'] },
    { role: 'text', names: ['text'] },
    { role: 'type', names: ['typ'] },
    { role: 'ignore', names: ['budgetgrupp'] },
    { role: 'amount', names: ['belopp'] },
    { role: 'balance', names: ['saldo'] },
  ],
  amountStyles: [STYLE.comma],
  datePatterns: ['YYYY-MM-DD'],
  maxPreambleLines: 3,
  readPreamble: (pre) => {
    const line = pre.find((l) => /^\s*\d[\d -]{6,}\d\s*;*$/.test(l));
    return line === undefined ? {} : { accountNumber: trimTrailingSemicolons(line) };
  },
});

/**
 * Skandiabanken: the native export is XLSX (sheet `Kontoutdrag`, `Bokf. datum | Beskrivning |
 * Belopp | Saldo` under a `Kontonummer` cell); its CSV re-save and the `…;Bankkategori` layout
 * are read here. A bare `Datum;Beskrivning;Belopp;Saldo` is too generic to call Skandia.
 */
export const skandia: StatementFormat = defineTableFormat({
  id: 'skandia',
  bank: 'Skandiabanken',
  delimiters: [';', '\t', ','],
  columns: [
    { role: 'date', names: ['bokf. datum', 'bokföringsdatum', 'datum'] },
    { role: 'text', names: ['beskrivning'] },
    { role: 'amount', names: ['belopp'] },
    { role: 'balance', names: ['saldo'] },
    { role: 'type', names: ['bankkategori'], required: false },
  ],
  amountStyles: [STYLE.comma, STYLE.dot],
  datePatterns: ['YYYY-MM-DD'],
  maxPreambleLines: 6,
  scoreHeader: (cells) => (cells.includes('bokf. datum') || cells.includes('bankkategori') ? 1 : 0.5),
  readPreamble: preambleAccount,
});

/**
 * Lunar: comma-delimited, UTF-8 BOM, quoted `"12 345,00"` amounts, headers in the app language,
 * a Transaction ID per row (the only Swedish export with one).
 */
export const lunar: StatementFormat = defineTableFormat({
  id: 'lunar',
  bank: 'Lunar',
  delimiters: [',', ';'],
  columns: [
    { role: 'date', names: ['date', 'datum'] },
    { role: 'ignore', names: ['time', 'tid'] },
    { role: 'text', names: ['title', 'titel'] },
    { role: 'amount', names: ['amount', 'belopp'] },
    { role: 'balance', names: ['balance', 'balans'] },
    { role: 'bankId', names: ['transaction id', 'transaktions-id'] },
    { role: 'ignore', names: ['utländska belopp', 'foreign amount'], required: false },
  ],
  amountStyles: [STYLE.comma, STYLE.commaDot],
  datePatterns: ['YYYY-MM-DD'],
  maxPreambleLines: 2,
});

/** `line` without the `;`s and blanks at its end (by hand: `/;+\s*$/` is quadratic on a long `;` run). */
function trimTrailingSemicolons(line: string): string {
  let end = line.trimEnd().length;
  while (end > 0 && line.charAt(end - 1) === ';') end--;
  return line.slice(0, end).trim();
}
