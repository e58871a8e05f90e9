/**
 * Handelsbanken, Danske Bank, Länsförsäkringar, ICA Banken, Skandiabanken and Lunar: header-based
 * delimited exports (formats.md §3.2–3.3). Header cells are matched whole, never as substrings.
 */
import { STYLE, type StatementFormat, normalizeHeaderCell } from '../format.js';
import { splitCells } from '../csv.js';
import { looksLikeAccountNumber, withoutSeparators } from '../account-number.js';
import { defineTableFormat } from '../table.js';

/** A Swedish account number somewhere in a line: `6789-123 456 789`, `1234.56.789.13`, `9274-261 123 8`. */
const ACCOUNT_IN_LINE = /(\d{4,5}(?:[ .-]?\d{1,3}){2,5})/;

/**
 * A label in a preamble cell that introduces the account: `Konto`, `Kontonummer`, `Kontonr`,
 * `Kontonamn`, `Account`, `Account number`/`no`/`name` (case and a trailing colon aside).
 */
const ACCOUNT_LABEL = /^(?:konto(?:nummer|nr|namn)?|account(?: (?:number|no\.?|name))?)(?![\p{L}\d])/u;

/**
 * @internal The account after a `Konto`/`Kontonummer`/`Account` label in the preamble: its number
 * (`Kontonummer: 8327-9, 123 456 789-0`, `Konto;6123-123 456 789`, the cell below the label), from
 * whichever labelled line gives one; else, where a label names the account without a number
 * (`Konto: Företagskonto`), that name as `accountName`.
 */
export function accountAfterLabel(pre: readonly string[], delimiter: string): { accountNumber?: string; accountName?: string } {
  let accountName: string | undefined;
  for (let i = 0; i < pre.length; i++) {
    const raw = splitCells(pre[i] ?? '', delimiter);
    const cells = raw.map(normalizeHeaderCell);
    const at = cells.findIndex((c) => ACCOUNT_LABEL.test(c));
    if (at < 0) continue;
    const label = (cells[at] as string).match(ACCOUNT_LABEL)?.[0] ?? '';
    // Either "Kontonummer: 1234…" in the same cell, the next cell, or the cell below.
    const rest = unquoted(raw[at]).slice(label.length).replace(/^\s*[:=]?\s*/, '');
    const same = numberInCell(rest) ?? ACCOUNT_IN_LINE.exec(cells[at] ?? '')?.[1];
    if (same !== undefined) return { accountNumber: same };
    const next = numberInCell(raw[at + 1]);
    if (next !== undefined) return { accountNumber: next };
    const below = numberInCell(splitCells(pre[i + 1] ?? '', delimiter)[at]);
    if (below !== undefined) return { accountNumber: below };
    // A label naming the account (`Konto: Företagskonto`, `Kontonamn;Företagskonto`): its name,
    // unless a later line numbers it.
    const named = rest !== '' ? rest : unquoted(raw[at + 1]);
    if (accountName === undefined && named !== '' && /\p{L}/u.test(named) && named.length <= 60) accountName = named;
  }
  return accountName === undefined ? {} : { accountName };
}

function unquoted(raw: string | undefined): string {
  return (raw ?? '').trim().replace(/^"(.*)"$/, '$1').trim();
}

/** An IBAN as banks print one: `SE45 5000 0000 0583 9825 7466` or without the spaces. */
const IBAN_IN_CELL = /\b([A-Z]{2}\d{2}(?: ?[\dA-Z]{4}){2,7}(?: ?[\dA-Z]{1,3})?)\b/;

/**
 * The account number in a cell beside or below a label: the whole cell when it is only the number
 * (`6123-123 456 789`, `SE45 5000 …`), else the number in it (`Företagskonto 6123-123 456 789`:
 * not the account's name). As the file writes it (case kept).
 */
function numberInCell(raw: string | undefined): string | undefined {
  const cell = unquoted(raw);
  // The whole cell an account number as banks write one (`123 456 789-0`, `8327-9, 123 456 789-0`).
  if (cell !== '' && looksLikeAccountNumber(cell) && withoutSeparators(cell).replace(',', '').length >= 7) return cell;
  const m = ACCOUNT_IN_LINE.exec(cell);
  if (!m?.[1]) return undefined;
  if (cell.replace(m[1], '').replace(/[\s.\-:]/g, '') === '') return cell;
  return IBAN_IN_CELL.exec(cell)?.[1] ?? m[1];
}

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
  readPreamble: accountAfterLabel,
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
  readPreamble: accountAfterLabel,
});

/** ICA Banken: UTF-8 BOM, `-1 079,40 kr`, the account number alone on the first line. */
export const ica: StatementFormat = defineTableFormat({
  id: 'ica',
  bank: 'ICA Banken',
  delimiters: [';'],
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
  readPreamble: accountAfterLabel,
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
