/**
 * The account number in the title rows above a statement's header (its preamble): `Konto: 8327-9,
 * 123 456 789-0`, `Kontonummer;5357-12 345 67`, `Företagskonto 1234 56 78901`, `Saldo/Konto: …`,
 * `Transaktioner för konto 9023 123 456 7`, `IBAN: SE45 5000 …`, or a title row whose only number
 * is an account number (ICA Banken's first line `9274-261 123 8`).
 *
 * Two ways, tried in this order:
 * - after a label (see {@link ACCOUNT_LABEL}): the first account-like number after the label in
 *   the same cell, else the cell beside it, else the cell below it. Any number of at least seven
 *   digits that is no date, amount, organisation number or bankgiro number.
 * - a title row (no label) whose only number, dates and times aside, is a clearing number and an
 *   account number (see {@link isClearingAndAccount}) or an IBAN, in a row that names nothing else
 *   (no `Org.nr`, `Bankgiro`, `OCR`, … label: {@link NOT_ACCOUNT_LABEL}).
 *
 * Never read: dates and periods (`2026-01-01 - 2026-01-31`, `20260101`), times, amounts
 * (`12 345,67`), organisation and personal numbers (`556677-8899`, `19800101-1234`), bankgiro
 * numbers (`5050-1055`).
 *
 * @module
 */
import { parseDate } from '../core/dates.js';
import { splitCells } from './csv.js';

/**
 * A word that introduces the account: `Konto`, `Kontonummer`, `Kontonr`, `Kontoutdrag`,
 * `Kontonamn`, any word ending in `konto` (`Bankkonto`, `Företagskonto`, `Sparkonto`,
 * `Privatkonto`, `Saldo/Konto`), `Konto nr`, `Account`, `Account number`/`no`/`name`, `IBAN`.
 * Whole words only: `Kontohavare` (the holder) is no label.
 */
const ACCOUNT_LABEL = /(?<![\p{L}\d])(?:\p{L}*konto(?:nummer|nr\.?|utdrag|namn|t)?(?: nr\.?| nummer)?|account(?: (?:number|no\.?|name))?|iban)(?![\p{L}\d])/iu;

const ACCOUNT_LABELS = new RegExp(ACCOUNT_LABEL.source, 'giu');

/**
 * A row naming another number than the account's: organisation or personal number, bankgiro,
 * plusgiro, OCR or other reference, customer number, phone. Such a row's number is never taken by
 * its shape alone.
 */
const NOT_ACCOUNT_LABEL =
  /(?<![\p{L}\d])(?:org(?:anisations)?\.?\s*nr\.?|org(?:anisations)?nummer|org|pers(?:on)?\.?\s*nr\.?|personnummer|bankgiro(?:nummer)?|bg|plusgiro(?:nummer)?|pg|ocr|referens|ref|kundnummer|kundnr|kund-id|telefon|tel|fakturanummer|swish|bic|momsreg(?:istreringsnummer|\.?\s*nr)?|vat)(?![\p{L}])/iu;

/** Dates (ISO, with slashes or dots, day first, or eight bare digits of a year 19xx/20xx) and times. */
const DATES_AND_TIMES = [
  /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)/g,
  /(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d)/g,
  /(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)/g,
  /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)/g,
];
/** An amount with two decimals after a comma or a point (`-1 079,40`, `12.345,67`, `1234.50`). */
const AMOUNTS = [/-?(?<![\d.,])\d{1,3}(?:[ .\u00a0]\d{3})*,\d{2}(?!\d)/g, /-?(?<![\d.,])\d+\.\d{2}(?![\d.])/g];

/** An IBAN as banks print one: `SE45 5000 0000 0583 9825 7466` or without the spaces. */
const IBAN = /(?<![\p{L}\d])([A-Z]{2}\d{2}(?: ?[\dA-Z]{4}){2,7}(?: ?[\dA-Z]{1,3})?)(?![\p{L}\d])/u;

/** Digits grouped by space, no-break space, hyphen or dot (one between two groups). */
const NUMBER = /\d+(?:[ .\u00a0-]\d+)*/g;

/** `s` with every match of `patterns` replaced by a character that is no digit and no separator. */
function mask(s: string, patterns: readonly RegExp[]): string {
  return patterns.reduce((t, p) => t.replace(p, (m) => '§'.repeat(m.length)), s);
}

/**
 * The numbers of a text, dates and times masked (and amounts, when `amounts`): digit groups, with
 * Swedbank's `8327-9, 123 456 789-0` (a clearing number with its check digit, a comma, the account)
 * kept as one number. As written.
 */
function numbersIn(text: string, amounts: boolean): string[] {
  const masked = mask(text, amounts ? [...DATES_AND_TIMES, ...AMOUNTS] : DATES_AND_TIMES);
  const found: { start: number; end: number }[] = [];
  for (const m of masked.matchAll(NUMBER)) {
    const start = m.index;
    const end = start + m[0].length;
    const last = found[found.length - 1];
    // `8327-9, 123…`: the clearing number and the account, one number.
    if (last !== undefined && /^\d{4}-\d$/.test(masked.slice(last.start, last.end)) && /^, ?$/.test(masked.slice(last.end, start))) last.end = end;
    else found.push({ start, end });
  }
  return found.map((f) => text.slice(f.start, f.end));
}

const digitCount = (s: string): number => s.replace(/\D/g, '').length;

/** An organisation number or a personal number: `556677-8899`, `19800101-1234`. */
const ID_NUMBER = /^(?:\d{6}|\d{8})-\d{4}$/;
/** A bankgiro number: `123-4567`, `5050-1055`. */
const BANKGIRO = /^\d{3,4}-\d{4}$/;

/**
 * A number after an account label that may be the account's: at least seven digits, and no
 * organisation, personal or bankgiro number (dates and amounts are masked before).
 */
function isLabelledAccount(n: string): boolean {
  return digitCount(n) >= 7 && digitCount(n) <= 20 && !ID_NUMBER.test(n) && !BANKGIRO.test(n);
}

/**
 * A clearing number and an account number, written with the clearing number as a group of its
 * own: four digits (`1234 56 78901`, `9274-261 123 8`, `9020.12.34567`), or a Swedbank clearing
 * number of five digits starting with 8, with or without the hyphen before its check digit
 * (`8327-9, 123 456 789-0`, `83279 1234567890`); then seven to ten digits, grouped any way.
 */
export function isClearingAndAccount(n: string): boolean {
  if (ID_NUMBER.test(n) || BANKGIRO.test(n)) return false;
  // Each reading of the clearing number (`8327-9 913 456 789-0` is `8327-9` and ten digits, not
  // `8327` and eleven): the number is one when any reading leaves an account of seven to ten digits.
  return CLEARING_READINGS.some((re) => {
    const m = re.exec(n.trim());
    const rest = m === null ? 0 : digitCount(m[1] as string);
    return rest >= 7 && rest <= 10;
  });
}

const CLEARING_READINGS = [/^8\d{3}-\d(?:[ .\u00a0-]|, ?)(\d[\d .\u00a0-]*)$/, /^8\d{4}(?:[ .\u00a0-]|, ?)(\d[\d .\u00a0-]*)$/, /^\d{4}(?:[ .\u00a0-]|, ?)(\d[\d .\u00a0-]*)$/];

function unquoted(raw: string | undefined): string {
  return (raw ?? '').trim().replace(/^"(.*)"$/, '$1').trim();
}

/** A label naming the statement (`Kontoutdrag`), not the account. */
const STATEMENT_LABEL = /utdrag/i;
/** The labels whose cell may name the account instead of numbering it (`Konto: Företagskonto`). */
const NAME_LABEL = /^(?:konto(?:nummer|nr\.?|namn)?|account(?: (?:number|no\.?|name))?)$/i;

/** The account in a cell after a label (or beside or below it): an IBAN, else the first number that `fits`. */
function numberInCell(raw: string | undefined, fits: (n: string) => boolean): string | undefined {
  const cell = unquoted(raw);
  if (!/\d/.test(cell)) return undefined;
  const iban = IBAN.exec(cell)?.[1];
  if (iban !== undefined) return iban;
  return numbersIn(cell, true).find(fits);
}

/**
 * The account after a label in the preamble (see the module comment): its number from whichever
 * labelled line gives one; else, where a label names the account without a number (`Konto:
 * Företagskonto`, `Kontonamn;Företagskonto`), that name as `accountName`.
 */
export function accountAfterLabel(pre: readonly string[], delimiter: string): { accountNumber?: string; accountName?: string } {
  let accountName: string | undefined;
  for (let i = 0; i < pre.length; i++) {
    const raw = splitCells(pre[i] ?? '', delimiter).map(unquoted);
    for (let at = 0; at < raw.length; at++) {
      const cell = raw[at] as string;
      // Every label of the cell in turn (`Kontoutdrag Företagskonto 1234 56 78901`: the statement's, then the account's).
      for (const label of cell.matchAll(ACCOUNT_LABELS)) {
        // `Kontoutdrag` names the statement, not the account: a number after it is the account's
        // only when it has an account number's shape (not a statement's serial number).
        const fits = STATEMENT_LABEL.test(label[0]) ? (n: string): boolean => IBAN.test(n) || isClearingAndAccount(n) : isLabelledAccount;
        // "Kontonummer: 1234…" in the same cell after the label; a label alone in its cell (or
        // followed by words only, `Konto: Företagskonto;1234…`) has it in the next cell; a label
        // alone in its cell, a column heading, in the cell below.
        const rest = cell.slice(label.index + label[0].length).replace(/^\s*[:=]?\s*/, '');
        const found =
          numberInCell(rest, fits) ??
          (/\d/.test(rest) ? undefined : numberInCell(raw[at + 1], fits)) ??
          (rest === '' && label.index === 0 ? numberInCell(splitCells(pre[i + 1] ?? '', delimiter)[at], fits) : undefined);
        if (found !== undefined) return { accountNumber: found };
        // A label naming the account (`Konto: Företagskonto`, `Kontonamn;Företagskonto`): its name,
        // unless a later line numbers it.
        if (label.index !== 0 || !NAME_LABEL.test(label[0])) continue;
        const named = rest !== '' ? rest : unquoted(raw[at + 1]);
        if (accountName === undefined && named !== '' && /\p{L}/u.test(named) && named.length <= 60) accountName = named;
      }
    }
  }
  return accountName === undefined ? {} : { accountName };
}

/** The account number of a title row whose only number (dates and times aside) is one, see the module comment. */
function accountOfTitleRow(line: string, delimiter: string): string | undefined {
  const cells = splitCells(line, delimiter).map(unquoted).filter((c) => c !== '');
  if (cells.length === 0 || cells.some((c) => NOT_ACCOUNT_LABEL.test(c))) return undefined;
  // Cells apart: two cells' numbers are never read as one.
  const numbers = cells.flatMap((c) => {
    const iban = IBAN.exec(c)?.[1];
    return iban !== undefined ? [iban, ...numbersIn(c.replace(iban, ''), false)] : numbersIn(c, false);
  });
  if (numbers.length !== 1) return undefined;
  const only = numbers[0] as string;
  return IBAN.test(only) || isClearingAndAccount(only) ? only : undefined;
}

/**
 * The account named in a statement's preamble lines (see the module comment), as the file writes
 * it; else the account's name where a label names it without a number.
 */
export function preambleAccount(pre: readonly string[], delimiter: string): { accountNumber?: string; accountName?: string } {
  const labelled = accountAfterLabel(pre, delimiter);
  if (labelled.accountNumber !== undefined) return labelled;
  for (const line of pre) {
    if (line.trim() === '') continue;
    const titled = accountOfTitleRow(line, delimiter);
    if (titled !== undefined) return { accountNumber: titled };
  }
  return labelled;
}

/** A period: two ISO dates with a dash, `till` or `to` between them. */
const PERIOD = /(\d{4}-\d{2}-\d{2})\s*(?:[-–—]|till|to|t\.o\.m\.?)\s*(\d{4}-\d{2}-\d{2})/i;
/** The same with day-first dates written with dots (`01.10.2026 - 31.10.2026`), as Nordic banks' English and Finnish interfaces write them. */
const DOTTED_PERIOD = /(?<![\d.])(\d{1,2}\.\d{1,2}\.\d{4})\s*(?:[-–—]|till|to|t\.o\.m\.?)\s*(\d{1,2}\.\d{1,2}\.\d{4})(?![\d.])/i;

/**
 * The period title rows state (`Period 2026-10-01 – 2026-10-31`, Swedbank's `* Transaktioner Period
 * 2026-10-01–2026-10-31 Skapad …`, `Period: 01.10.2026 - 31.10.2026`): the first line with two dates
 * that make one, the first not after the second.
 */
export function preamblePeriod(pre: readonly string[]): { from: string; to: string } | undefined {
  for (const line of pre) {
    for (const [re, pattern] of [[PERIOD, 'YYYY-MM-DD'], [DOTTED_PERIOD, 'DD.MM.YYYY']] as const) {
      const m = re.exec(line);
      if (!m) continue;
      const from = parseDate(m[1] as string, pattern);
      const to = parseDate(m[2] as string, pattern);
      if (from !== undefined && to !== undefined && from <= to) return { from, to };
    }
  }
  return undefined;
}
