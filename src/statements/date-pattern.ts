/**
 * The date pattern of a file's date cells when no bank layout says it: the one under which most
 * parse, with slashed day-first and month-first dates told apart by the data.
 */
import { StatementParseError } from '../core/errors.js';
import { DATE_PATTERNS, type DatePattern, EXCEL_SERIAL, parseDate } from '../core/dates.js';

/** The option under which most samples read (the first of equals). */
export function bestOf<T>(options: readonly T[], samples: readonly string[], ok: (o: T, s: string) => boolean): T {
  let best = options[0] as T;
  let n = -1;
  for (const o of options) {
    const k = samples.filter((s) => ok(o, s)).length;
    if (k > n) {
      best = o;
      n = k;
    }
  }
  return best;
}

/**
 * Date patterns that read the same cells two ways: slashed dates day first or month first (four-
 * or two-digit year), and hyphenated two-digit dates year first or day first (`26-01-05` is
 * 2026-01-05 or 2005-01-26). The first of a pair is taken when both read every cell alike.
 */
const PAIRS: readonly (readonly [DatePattern, DatePattern])[] = [
  ['DD/MM/YYYY', 'MM/DD/YYYY'],
  ['DD/MM/YY', 'MM/DD/YY'],
  ['YY-MM-DD', 'DD-MM-YY'],
];

/** The pattern that reads the same cells another way (see {@link PAIRS}), if any. */
export function pairedWith(pattern: DatePattern): DatePattern | undefined {
  const pair = PAIRS.find((q) => q.includes(pattern));
  return pair === undefined ? undefined : pair[0] === pattern ? pair[1] : pair[0];
}

/**
 * A statement's lines lie within a year (a bank export for bookkeeping covers a month, a quarter,
 * at most a fiscal year): of two readings in date order, one that spreads them over more than this
 * is not the file's.
 */
const YEAR_DAYS = 366;

/** Days from one ISO date to a later one (0 when either is missing). */
function spanDays(from: string | undefined, to: string | undefined): number {
  if (from === undefined || to === undefined) return 0;
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** Dates of one column read under both patterns of a pair, one cell at a time (no cell kept). */
class PairVote {
  readonly #pair: readonly [DatePattern, DatePattern];
  readonly #read = [0, 0];
  readonly #up = [true, true];
  readonly #down = [true, true];
  readonly #last: (string | undefined)[] = [undefined, undefined];
  readonly #min: (string | undefined)[] = [undefined, undefined];
  readonly #max: (string | undefined)[] = [undefined, undefined];
  #differ = false;
  /** The first cell that reads two ways, for the message. */
  example: { raw: string; a: string; b: string } | undefined;
  constructor(pair: readonly [DatePattern, DatePattern]) {
    this.#pair = pair;
  }
  add(raw: string): void {
    const a = parseDate(raw, this.#pair[0]);
    const b = parseDate(raw, this.#pair[1]);
    [a, b].forEach((d, k) => {
      if (d === undefined) return;
      this.#read[k]! += 1;
      const last = this.#last[k];
      if (last !== undefined && d < last) this.#up[k] = false;
      if (last !== undefined && d > last) this.#down[k] = false;
      this.#last[k] = d;
      if (this.#min[k] === undefined || d < (this.#min[k] as string)) this.#min[k] = d;
      if (this.#max[k] === undefined || d > (this.#max[k] as string)) this.#max[k] = d;
    });
    if (a !== b) this.#differ = true;
    if (a !== undefined && b !== undefined && a !== b && this.example === undefined) this.example = { raw, a, b };
  }
  /**
   * The pattern the cells settle: the one more of them read under (a part that can only be a day,
   * a month or a year decides), the first when both read every cell alike, else the only reading
   * that keeps the rows in date order, else the only reading whose dates lie within a year when
   * the other spreads them over more (`26-01-05`, `26-01-13`, `26-01-20` is three days of January
   * 2026, not 26 January of 2005, 2013 and 2020). Undefined when none of that tells.
   */
  decide(): DatePattern | undefined {
    const [a, b] = this.#pair;
    const [na, nb] = this.#read as [number, number];
    if (na !== nb) return na > nb ? a : b;
    if (!this.#differ) return a;
    const inOrder = (k: number): boolean => (this.#up[k] as boolean) || (this.#down[k] as boolean);
    if (inOrder(0) !== inOrder(1)) return inOrder(0) ? a : b;
    const withinYear = (k: number): boolean => spanDays(this.#min[k], this.#max[k]) <= YEAR_DAYS;
    if (withinYear(0) !== withinYear(1)) return withinYear(0) ? a : b;
    return undefined;
  }
}

/**
 * The reading of a pair the file's running balance settles, when it does (see the header reader):
 * the balance chain proves which rows follow which, and only one reading keeps the dates of every
 * such pair of rows in that order. Undefined when the balance does not tell.
 */
export type ByBalance = (pair: readonly [DatePattern, DatePattern]) => DatePattern | undefined;

/**
 * The date pattern under which most sampled dates parse. Where two patterns read the cells two
 * ways (see {@link PAIRS}: slashed day or month first, hyphenated two-digit year or day first), the
 * column's cells decide: a part that can only be a day (above 12 where the other reading puts the
 * month) or only a year or a day (above 31), else the reading that keeps the rows in date order.
 * When the sampled cells do not tell and `all` is given, every cell of the column (`all` visits
 * them) decides; when they do not tell either, the file is refused (`AMBIGUOUS_FORMAT`, naming the
 * column) rather than read with days and months, or days and years, swapped — unless the file's
 * running balance proves the rows' order (`byBalance`) and exactly one reading keeps the dates in
 * that order (`01/02/2026` above `02/01/2026` is 2 January above 1 February in a file the chain
 * proves oldest first).
 */
export function datePatternOf(
  samples: readonly string[],
  file: string | undefined,
  line: number,
  column?: string,
  all?: (visit: (cell: string) => void) => void,
  byBalance?: ByBalance,
): DatePattern {
  const pattern = bestOf(DATE_PATTERNS, samples, (p, s) => parseDate(s, p) !== undefined);
  // A date column that no spelling of a date reads, every cell of which is a serial day number:
  // its date format was lost in a spreadsheet (see EXCEL_SERIAL).
  const read = (p: DatePattern): boolean => samples.some((s) => parseDate(s, p) !== undefined);
  if (!read(pattern) && samples.length > 0 && samples.every((s) => parseDate(s, EXCEL_SERIAL) !== undefined)) return EXCEL_SERIAL;
  return settlePair(pattern, samples, file, line, column, all, byBalance);
}

/**
 * `pattern`, or the other of its pair (see {@link datePatternOf}) when the cells say so; a pattern of
 * no pair as it is.
 */
export function settlePair(
  pattern: DatePattern,
  samples: readonly string[],
  file: string | undefined,
  line: number,
  column?: string,
  all?: (visit: (cell: string) => void) => void,
  byBalance?: ByBalance,
): DatePattern {
  const pair = PAIRS.find((q) => q.includes(pattern));
  if (pair === undefined) return pattern;
  const vote = new PairVote(pair);
  for (const s of samples) vote.add(s);
  let chosen = vote.decide();
  let example = vote.example;
  if (chosen === undefined && all !== undefined) {
    const whole = new PairVote(pair);
    all((cell) => {
      if (/\d/.test(cell)) whole.add(cell);
    });
    chosen = whole.decide();
    example = whole.example ?? example;
  }
  if (chosen === undefined && byBalance !== undefined) chosen = byBalance(pair);
  if (chosen !== undefined) return chosen;
  const [a, b] = pair;
  const where = column === undefined ? '' : ` in column "${column}"`;
  const seen = example === undefined ? JSON.stringify(samples[0]) : `${JSON.stringify(example.raw)} (${example.a} as ${a}, ${example.b} as ${b})`;
  throw new StatementParseError(
    'AMBIGUOUS_FORMAT',
    `Ambiguous dates${where}: expected dates that read one way only, found ${seen} and others that read as ${a} and as ${b} alike, in date order and within a year both ways; re-save the file with dates as YYYY-MM-DD`,
    { file, line, ...(column !== undefined && { field: column }) },
  );
}
