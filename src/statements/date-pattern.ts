/**
 * The date pattern of a file's date cells when no bank layout says it: the one under which most
 * parse, with slashed day-first and month-first dates told apart by the data.
 */
import { StatementParseError } from '../core/errors.js';
import { DATE_PATTERNS, type DatePattern, parseDate } from '../core/dates.js';

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

/** True when the dates, in file order, never go down or never go up. */
function monotonic(isos: readonly string[]): boolean {
  let up = true;
  let down = true;
  for (let k = 1; k < isos.length; k++) {
    if ((isos[k] as string) < (isos[k - 1] as string)) up = false;
    if ((isos[k] as string) > (isos[k - 1] as string)) down = false;
  }
  return up || down;
}

/** Slashed dates that are day first or month first, with a four- or a two-digit year. */
const SLASHED: readonly (readonly [DatePattern, DatePattern])[] = [
  ['DD/MM/YYYY', 'MM/DD/YYYY'],
  ['DD/MM/YY', 'MM/DD/YY'],
];

/**
 * The date pattern under which most sampled dates parse. Slashed dates (four- or two-digit year) are
 * day first (`02/10/2026`) or month first (`10/02/2026`, a US-locale Excel re-save): a part above 12
 * decides, else the one reading that keeps the rows in date order; when neither does, the file is
 * refused rather than read with days and months swapped.
 */
export function datePatternOf(samples: readonly string[], file: string | undefined, line: number): DatePattern {
  const pattern = bestOf(DATE_PATTERNS, samples, (p, s) => parseDate(s, p) !== undefined);
  const pair = SLASHED.find((q) => q.includes(pattern));
  if (pair === undefined) return pattern;
  const [dayPattern, monthPattern] = pair;
  const read = (p: DatePattern): (string | undefined)[] => samples.map((s) => parseDate(s, p));
  const dayFirst = read(dayPattern);
  const monthFirst = read(monthPattern);
  const ok = (r: readonly (string | undefined)[]): number => r.filter((d) => d !== undefined).length;
  if (ok(dayFirst) !== ok(monthFirst)) return ok(dayFirst) > ok(monthFirst) ? dayPattern : monthPattern;
  if (dayFirst.every((d, k) => d === monthFirst[k])) return dayPattern;
  const inOrder = (r: readonly (string | undefined)[]): boolean => monotonic(r.filter((d): d is string => d !== undefined));
  if (inOrder(dayFirst) !== inOrder(monthFirst)) return inOrder(dayFirst) ? dayPattern : monthPattern;
  throw new StatementParseError(
    'AMBIGUOUS_FORMAT',
    `Ambiguous dates: expected dates whose day and month can be told apart, found ${JSON.stringify(samples[0])} and others that read as day first and as month first alike; re-save the file with dates as YYYY-MM-DD`,
    { file, line },
  );
}
