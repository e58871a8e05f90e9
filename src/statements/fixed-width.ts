/**
 * Column-aligned text (a fixed-width export or a printed statement saved as text) from a bank no
 * known format claims: the columns are separated by runs of spaces, texts and amounts may hold
 * single spaces (`Kortköp ICA Nära`, `18 402,75`), amounts are usually right-aligned.
 *
 * The header row names the columns (the synonym table, as for delimited files). Between two
 * header labels, the boundary is a run of positions that are blank on the header and on every
 * data row (a gutter); when there are several, the data decides — the cut under which the
 * date and money columns parse — then the wider gutter. The table is then rewritten as TAB-
 * separated lines (one per line, so line numbers stay) and read by the header reader like any
 * other table. A boundary the rows do not settle is refused with the line and the column.
 */
import { StatementParseError } from '../core/errors.js';
import { DATE_PATTERNS, parseDate } from '../core/dates.js';
import { tryParseAmount } from '../core/money.js';
import { headLines, splitLines } from './csv.js';
import { GENERIC_STYLES } from './format.js';
import { MAX_PREAMBLE } from './formats/header.js';
import { DATE_MEANINGS, type HeaderMeaning, MONEY_MEANINGS, headerMeaning } from './synonyms.js';

/** A delimited line is no fixed-width line. */
const DELIMITED = /[;\t|]/;
/** Longest header line considered (a header is a few hundred characters). */
const MAX_HEADER_CHARS = 1000;
/** Longest header label, in words (`Bokfört saldo`, `Saldo efter transaktion`). */
const MAX_LABEL_WORDS = 4;
/** Data rows sampled for the gutters. */
const SAMPLE_ROWS = 400;
/** A rule under the header: dashes, equals signs, underscores. */
const RULE = /^[\s\-=_–—]+$/;

export interface FixedLabel {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly meaning?: HeaderMeaning | undefined;
}

/** The header labels of a column-aligned header line, or undefined when it is not one. */
export function fixedLabels(line: string): FixedLabel[] | undefined {
  // A comma in a header is a comma-delimited file's (rows may have decimal commas, a header has none).
  if (line.length > MAX_HEADER_CHARS || DELIMITED.test(line) || line.includes(',') || !/ {2}/.test(line.trim())) return undefined;
  const words: { text: string; start: number; end: number }[] = [];
  for (const m of line.matchAll(/\S+/g)) words.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  const labels: FixedLabel[] = [];
  let unknownOpen = false;
  let i = 0;
  while (i < words.length) {
    // The longest phrase of words one space apart that the synonym table knows.
    let found = -1;
    let meaning: HeaderMeaning | undefined;
    for (let j = i; j < Math.min(words.length, i + MAX_LABEL_WORDS); j++) {
      if (j > i && (words[j] as (typeof words)[number]).start - (words[j - 1] as (typeof words)[number]).end !== 1) break;
      const m = headerMeaning(line.slice((words[i] as (typeof words)[number]).start, (words[j] as (typeof words)[number]).end));
      if (m !== undefined) {
        found = j;
        meaning = m.meaning;
      }
    }
    const w = words[i] as (typeof words)[number];
    if (found >= 0) {
      const end = (words[found] as (typeof words)[number]).end;
      labels.push({ name: line.slice(w.start, end), start: w.start, end, meaning });
      unknownOpen = false;
      i = found + 1;
      continue;
    }
    // Unknown words one space apart make one label (`Egen notering`).
    const last = labels[labels.length - 1];
    if (unknownOpen && last !== undefined && w.start - last.end === 1) {
      labels[labels.length - 1] = { name: line.slice(last.start, w.end), start: last.start, end: w.end };
    } else {
      labels.push({ name: w.text, start: w.start, end: w.end });
      unknownOpen = true;
    }
    i++;
  }
  const has = (ms: readonly HeaderMeaning[]): boolean => labels.some((l) => l.meaning !== undefined && ms.includes(l.meaning));
  if (labels.length < 2 || !has(DATE_MEANINGS) || !has(['amount', 'credit', 'debit'])) return undefined;
  return labels;
}

function isDate(token: string): boolean {
  return /\d/.test(token) && DATE_PATTERNS.some((p) => parseDate(token, p) !== undefined);
}

function isMoney(token: string): boolean {
  return /\d/.test(token) && GENERIC_STYLES.some((s) => typeof tryParseAmount(token, s) === 'number');
}

/** A line that looks like a transaction: a date and an amount among its words, no delimiter. */
function isDataLine(line: string): boolean {
  if (DELIMITED.test(line) || line.length > 64 * 1024) return false;
  const tokens = line.trim().split(/\s+/);
  return tokens.some(isDate) && tokens.some((t) => !isDate(t) && isMoney(t));
}

/** Positions blank on every one of `lines` (beyond a line's end counts as blank). */
function blankColumns(lines: readonly string[]): Uint8Array {
  const width = lines.reduce((w, l) => Math.max(w, l.length), 0);
  const blank = new Uint8Array(width).fill(1);
  for (const line of lines) for (let p = 0; p < line.length; p++) if (line.charCodeAt(p) !== 32) blank[p] = 0;
  return blank;
}

/** The header line (0-based) and its labels, when the first lines are a column-aligned table. */
export function findFixedHeader(lines: readonly string[]): { index: number; labels: FixedLabel[] } | undefined {
  const max = Math.min(lines.length, MAX_PREAMBLE + 1);
  for (let i = 0; i < max; i++) {
    const labels = fixedLabels(lines[i] ?? '');
    if (labels === undefined) continue;
    if (lines.slice(i + 1, i + 7).some(isDataLine)) return { index: i, labels };
  }
  return undefined;
}

/**
 * For detection: a column-aligned header whose labels line up with the rows below it in the
 * first lines — between every two neighbouring labels, a position blank on the header and on most
 * rows. A header that does not line up with its rows is no table this reader can read; a row
 * here and there that runs across a boundary is named when the file is parsed.
 */
export function detectFixedTable(lines: readonly string[]): boolean {
  const found = findFixedHeader(lines);
  if (found === undefined) return false;
  const header = lines[found.index] as string;
  const rows = lines.slice(found.index + 1).filter(isDataLine);
  return found.labels.every((a, k) => {
    const b = found.labels[k + 1];
    if (b === undefined) return true;
    for (let p = a.end; p < b.start; p++) {
      if (header.charCodeAt(p) === 32 && rows.filter((r) => p >= r.length || r.charCodeAt(p) === 32).length * 2 > rows.length) return true;
    }
    return false;
  });
}

interface Gap {
  readonly start: number;
  readonly end: number;
}

/**
 * Where each column ends and the next begins (one gap per pair of neighbouring labels), from the
 * header and the sampled data rows.
 * @throws StatementParseError AMBIGUOUS_FORMAT naming the line and the column when the rows do not settle a boundary.
 */
function gapsOf(header: string, labels: readonly FixedLabel[], rows: readonly [string, number][], headerLine: number, file: string | undefined): Gap[] {
  const blank = blankColumns([header, ...rows.map(([r]) => r)]);
  const meaningOf = (k: number): HeaderMeaning | undefined => labels[k]?.meaning;
  const fits = (k: number, cell: string): boolean => {
    const m = meaningOf(k);
    if (cell === '' || m === undefined) return true;
    if (DATE_MEANINGS.includes(m)) return isDate(cell);
    if (MONEY_MEANINGS.has(m)) return isMoney(cell);
    return true;
  };
  const filled = (k: number, cell: string): number => {
    const m = meaningOf(k);
    return cell !== '' && m !== undefined && (DATE_MEANINGS.includes(m) || MONEY_MEANINGS.has(m)) ? 1 : 0;
  };
  const runsIn = (from: number, to: number): Gap[] => {
    const runs: Gap[] = [];
    let p = from;
    while (p < to) {
      if (!blank[p]) {
        p++;
        continue;
      }
      const s = p;
      while (p < to && blank[p]) p++;
      runs.push({ start: s, end: p });
    }
    return runs;
  };
  const widest = (runs: readonly Gap[]): Gap | undefined => runs.reduce<Gap | undefined>((b, r) => (b === undefined || r.end - r.start > b.end - b.start ? r : b), undefined);
  const gaps: Gap[] = [];
  let leftStart = 0;
  for (let k = 0; k + 1 < labels.length; k++) {
    const a = labels[k] as FixedLabel;
    const b = labels[k + 1] as FixedLabel;
    const runs = runsIn(a.end, b.start);
    if (runs.length === 0) {
      // A row runs across the boundary: name the first one that does where the fewest do.
      let at = a.end;
      let fewest = Infinity;
      for (let p = a.end; p < b.start; p++) {
        const n = rows.filter(([r]) => p < r.length && r.charCodeAt(p) !== 32).length;
        if (n < fewest) {
          fewest = n;
          at = p;
        }
      }
      const crossing = rows.find(([r]) => at < r.length && r.charCodeAt(at) !== 32);
      throw new StatementParseError(
        'AMBIGUOUS_FORMAT',
        `Ambiguous columns: in this column-aligned table no blank column separates "${a.name}" from "${b.name}" on every row; this line runs across the boundary (re-export the statement as CSV, or fix the line)`,
        { file, line: crossing?.[1] ?? headerLine, field: b.name },
      );
    }
    if (runs.length === 1) {
      gaps.push(runs[0] as Gap);
      leftStart = (runs[0] as Gap).end;
      continue;
    }
    // Several gutters: the one under which the date and money cells on both sides parse, then
    // the wider one (a space inside a text or between thousands is one wide), then the one that
    // fills more date and money cells.
    const next = labels[k + 2];
    const rightLimit = next === undefined ? Infinity : (widest(runsIn(b.end, next.start))?.start ?? next.start);
    const scored = runs.map((r) => {
      let ok = 0;
      let full = 0;
      for (const [row] of rows) {
        const left = row.slice(leftStart, r.start).trim();
        const right = row.slice(r.end, rightLimit).trim();
        if (fits(k, left) && fits(k + 1, right)) ok++;
        full += filled(k, left) + filled(k + 1, right);
      }
      return { r, score: [ok, r.end - r.start, full] };
    });
    const cmp = (x: readonly number[], y: readonly number[]): number => {
      for (let i = 0; i < x.length; i++) if ((x[i] as number) !== (y[i] as number)) return (x[i] as number) - (y[i] as number);
      return 0;
    };
    const best = scored.reduce((m, s) => (cmp(s.score, m.score) > 0 ? s : m));
    const tied = scored.filter((s) => cmp(s.score, best.score) === 0);
    if (tied.length > 1 && (best.score[0] as number) < rows.length) {
      // No cut fits every row: a row runs across the boundary (a text longer than its column).
      const misfit = rows.find(([row]) =>
        tied.every(({ r }) => !(fits(k, row.slice(leftStart, r.start).trim()) && fits(k + 1, row.slice(r.end, rightLimit).trim()))),
      );
      throw new StatementParseError(
        'AMBIGUOUS_FORMAT',
        `Ambiguous columns: in this column-aligned table this line does not fit the columns "${a.name}" and "${b.name}" that the other rows line up in (a text running across the boundary?); re-export the statement as CSV, or fix the line`,
        { file, line: misfit?.[1] ?? headerLine, field: b.name },
      );
    }
    if (tied.length > 1) {
      throw new StatementParseError(
        'AMBIGUOUS_FORMAT',
        `Ambiguous columns: in this column-aligned table "${a.name}" and "${b.name}" could be split at character ${tied.map((s) => s.r.start + 1).join(' or ')} alike, and the rows do not tell which (re-export the statement as CSV)`,
        { file, line: headerLine, field: b.name },
      );
    }
    gaps.push(best.r);
    leftStart = best.r.end;
  }
  return gaps;
}

/** Cells of one line cut at the gaps; text that runs across a gap stays in the column where it starts. */
function cut(line: string, gaps: readonly Gap[]): string[] {
  const cells: string[] = [];
  let from = 0;
  let owed = 0;
  for (const g of gaps) {
    let clear = true;
    for (let p = g.start; p < g.end && p < line.length; p++) {
      if (line.charCodeAt(p) !== 32) {
        clear = false;
        break;
      }
    }
    if (!clear) {
      owed++;
      continue;
    }
    cells.push(line.slice(from, g.start).trim());
    for (; owed > 0; owed--) cells.push('');
    from = g.end;
  }
  cells.push(line.slice(from).trim());
  for (; owed > 0; owed--) cells.push('');
  return cells;
}

/**
 * The text as TAB-separated lines when it is a column-aligned table with a header the synonym
 * table understands; else undefined. Lines above the header are kept as they are; a rule under
 * the header becomes a blank line.
 */
export function fixedWidthAsTable(text: string, file: string | undefined): string | undefined {
  const head = headLines(text, MAX_PREAMBLE + 7);
  const found = findFixedHeader(head);
  if (found === undefined) return undefined;
  const lines = splitLines(text);
  const norm = (l: string): string => (l.includes('\t') ? l : l.normalize('NFC'));
  const header = norm(lines[found.index] as string);
  const rows: [string, number][] = [];
  for (let i = found.index + 1; i < lines.length && rows.length < SAMPLE_ROWS; i++) {
    const l = norm(lines[i] as string);
    if (isDataLine(l)) rows.push([l, i + 1]);
  }
  const gaps = gapsOf(header, found.labels, rows, found.index + 1, file);
  const quote = (c: string): string => (c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c);
  return lines
    .map((raw, i) => {
      if (i < found.index) return raw;
      const l = norm(raw);
      if (l.trim() === '' || RULE.test(l) || l.includes('\t')) return l.trim() === '' || RULE.test(l) ? '' : l;
      return cut(l, gaps).map(quote).join('\t');
    })
    .join('\n');
}
