/**
 * The fiscal years a SIE file is read with, from what the client's earlier files taught and where
 * each year came from (the store's known fiscal years): a file's `#RAR` and the caller's years are
 * facts, which no inference overrides; a year kontera inferred is a guess, which a later file may
 * contradict, and then it is revised (see {@link yearsForFile}).
 *
 * @module
 */
import { fiscalYears, latestEnd, monthEnd } from '../sie/fiscal-year.js';
import type { FiscalYear, FiscalYears } from '../sie/fiscal-year.js';
import type { SieDocument } from '../sie/types.js';
import type { KnownFiscalYear, LedgerVoucher } from '../store/store.js';
import { numberedYear } from './ledger.js';

/** A guessed year a file contradicted: two vouchers that follow each other in its numbering, one learned before in the guess, one read now after its end. */
export interface YearRevision {
  readonly guess: FiscalYear;
  readonly revised: FiscalYear;
  /** The stored voucher (`A 3`) and its date. */
  readonly before: { readonly what: string; readonly date: string };
  /** The voucher read now that follows it, and its date. */
  readonly after: { readonly what: string; readonly date: string };
}

/** How to read one file: its years, the facts among them (for the numbering check), what to store and what a later file revised. */
export interface YearsForFile {
  readonly years: FiscalYears;
  /** The years that are facts for this file: the caller's, then the stored `#RAR` and stated years they do not overlap. */
  readonly facts: readonly FiscalYear[];
  /** Known fiscal years to store (by start; the store replaces one of the same start). */
  readonly put: readonly KnownFiscalYear[];
  /** Starts of stored guesses a fact of this file overlaps: they go. */
  readonly drop: readonly string[];
  readonly revisions: readonly YearRevision[];
}

const overlaps = (a: FiscalYear, b: FiscalYear): boolean => a.start <= b.end && b.start <= a.end;
const byStart = (a: FiscalYear, b: FiscalYear): number => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);

/**
 * The fiscal years of a file's vouchers (see `fiscalYears`), with the client's known years:
 *
 * - the file's own `#RAR` decides first, then the years the caller states (`stated`: the option,
 *   else the client's), then the facts stored before (a file's `#RAR` or a caller's years) that
 *   neither overlaps;
 * - a stored guess (`inferred`) decides where no fact does, as it did for the earlier file;
 * - a guess is revised when the file contradicts it: a voucher numbered n + 1 read now, dated after
 *   the guess ends and no later than the eighteen months a year may last (BFL 3:3), follows the
 *   voucher n stored in the guess, and the file does not hold n itself. Numbering restarts every
 *   fiscal year, so both lie in one year: the guess runs on to the end of the month of the last
 *   voucher of the file that continues that numbering (an irregular first or last year).
 *
 * Every year the file's numbered vouchers fall in is stored, with its source; a guess never
 * replaces a fact.
 */
export function yearsForFile(doc: SieDocument, known: readonly KnownFiscalYear[], knownStarts: readonly string[], stated: readonly FiscalYear[], ledger: readonly LedgerVoucher[]): YearsForFile {
  const rar: FiscalYear[] = doc.header.fiscalYears.flatMap((y) => (y.start !== undefined && y.end !== undefined && y.start <= y.end ? [{ start: y.start, end: y.end }] : []));
  const facts: FiscalYear[] = [...stated];
  for (const y of known) {
    if (y.source === 'inferred' || stated.some((s) => overlaps(s, y)) || rar.some((r) => overlaps(r, y))) continue;
    facts.push({ start: y.start, end: y.end });
  }
  const certain = [...rar, ...facts];
  let guesses: FiscalYear[] = known.filter((y) => y.source === 'inferred' && !certain.some((c) => overlaps(c, y))).map((y) => ({ start: y.start, end: y.end }));
  // A guess a fact overlaps goes; so does a year stated before that the caller's years now overlap
  // otherwise (stated again, a year replaces what was said of it: a correction is not outvoted by
  // the mistake it corrects).
  const drop = known
    .filter((y) => (y.source === 'inferred' && certain.some((c) => overlaps(c, y))) || (y.source === 'stated' && stated.some((s) => s.start !== y.start && overlaps(s, y))))
    .map((y) => y.start);
  const read = (g: readonly FiscalYear[]): FiscalYears => fiscalYears(doc, knownStarts, [...facts, ...g].sort(byStart));
  let years = read(guesses);

  // The file's numbered vouchers by series and number (one date each; a number on two dates continues nothing).
  const inFile = new Map<string, string | null>();
  for (const v of doc.vouchers) {
    const number = v.number.trim();
    if (!/^\d+$/.test(number)) continue;
    const key = `${v.series.trim()}\u0000${Number(number)}`;
    const date = inFile.get(key);
    inFile.set(key, date === undefined || date === v.date ? v.date : null);
  }
  const revisions: YearRevision[] = [];
  const guessOf = (date: string, start: string): FiscalYear | undefined => guesses.find((g) => g.start === start && g.start <= date && date <= g.end);
  for (const v of ledger) {
    const start = numberedYear(v);
    if (start === undefined || !/^\d+$/.test(v.number)) continue;
    const guess = guessOf(v.date, start);
    if (guess === undefined || inFile.has(`${v.series}\u0000${Number(v.number)}`)) continue;
    // The file's vouchers that continue its numbering, one after the other.
    let n = Number(v.number) + 1;
    let last = v.date;
    const latest = latestEnd(guess.start);
    let first: string | undefined;
    for (;;) {
      const date = inFile.get(`${v.series}\u0000${n}`);
      if (date === undefined || date === null || date < last || date > latest) break;
      if (certain.some((c) => c.start <= date && date <= c.end)) break;
      first ??= date;
      last = date;
      n++;
    }
    if (first === undefined || last <= guess.end) continue;
    const revised = { start: guess.start, end: monthEnd(last) > latest ? latest : monthEnd(last) };
    revisions.push({ guess, revised, before: { what: `${v.series} ${v.number}`.trim(), date: v.date }, after: { what: `${v.series} ${Number(v.number) + 1}`.trim(), date: first } });
    guesses = [...guesses.filter((g) => g !== guess && !overlaps(g, revised)), revised];
  }
  if (revisions.length > 0) years = read(guesses);

  // What to store: the file's #RAR and the caller's years as facts; the years inferred for its vouchers as guesses.
  const put = new Map<string, KnownFiscalYear>();
  for (const y of rar) put.set(y.start, { ...y, source: 'rar' });
  for (const y of stated) if (!put.has(y.start)) put.set(y.start, { ...y, source: 'stated' });
  const factStarts = new Set([...certain, ...known.filter((y) => y.source !== 'inferred')].map((y) => y.start));
  for (const g of guesses) if (!factStarts.has(g.start)) put.set(g.start, { ...g, source: 'inferred' });
  for (const v of doc.vouchers) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date) || v.number.trim() === '' || v.number.trim() === '0') continue;
    if (certain.some((c) => c.start <= v.date && v.date <= c.end)) continue;
    const y = years(v.date);
    if (y === undefined || factStarts.has(y.start) || put.has(y.start)) continue;
    put.set(y.start, { ...y, source: 'inferred' });
  }
  const stored = new Map(known.map((y) => [y.start, y]));
  const changed = [...put.values()].filter((y) => {
    const s = stored.get(y.start);
    return s === undefined || s.end !== y.end || s.source !== y.source;
  });
  return { years, facts, put: changed, drop: drop.filter((s) => !put.has(s)), revisions };
}
