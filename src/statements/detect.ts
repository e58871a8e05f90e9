/**
 * Format detection by content: sniff the container, decode, score every format on the decoded
 * head and demand one clear winner. The file name is only a tie-break hint.
 */
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '../core/limits.js';
import { FormatDetectionError, StatementParseError } from '../core/errors.js';
import { type DecodedText, decodeText, looksBinary, repairMojibake, sniffUtf16 } from '../core/encoding.js';
import { headLines, makeHead } from './csv.js';
import { MAX_PREAMBLE, findHeaderRow, nearHeaderRow } from './formats/header.js';
import { xlsxToText } from './xlsx.js';
import { xlsToText } from './xls.js';
import { isOds, odsToText } from './ods.js';
import { jsonToTable, looksLikeJson } from './json.js';
import { HEAD_CHARS, HEAD_LINES, HEAD_LINE_CHARS, type StatementFormat } from './format.js';
import { BUILTIN_FORMATS } from './registry.js';
import { MIN_MARGIN_FOR_FALLBACK, MIN_SCORE_FOR_FALLBACK } from './formats/fallback.js';
import type { StatementFormatId } from './types.js';
import { isSie5 } from '../core/sie5.js';

/** Below this a format is not considered detected (a table the header reader does not understand scores 0.3). */
export const MIN_SCORE = MIN_SCORE_FOR_FALLBACK;
/** The winner must beat the runner-up by this much, or the file is ambiguous. */
export const MIN_MARGIN = MIN_MARGIN_FOR_FALLBACK;

export interface DetectionCandidate {
  readonly format: StatementFormatId;
  readonly bank: string;
  readonly score: number;
}

export interface DetectionResult {
  readonly format: StatementFormatId;
  readonly score: number;
  /** Every format that scored above zero, best first (the generic table only when no bank format matched). */
  readonly candidates: readonly DetectionCandidate[];
}

const BANK_NAME_HINTS: readonly [RegExp, string][] = [
  [/swedbank|sparbank|transaktioner_\d{4}/i, 'Swedbank'],
  [/\bseb\b|kontohandelser|kontohändelser/i, 'SEB'],
  [/handelsbanken|shb|kontotransaction/i, 'Handelsbanken'],
  [/camt/i, 'ISO 20022 camt.053'],
  [/nordea|personkonto|plusgirokonto|foretagskonto|företagskonto/i, 'Nordea'],
  [/danske/i, 'Danske Bank'],
  [/länsförsäkringar|lansforsakringar|\blf\b/i, 'Länsförsäkringar'],
  [/\bica\b/i, 'ICA Banken'],
  [/skandia/i, 'Skandiabanken'],
  [/lunar/i, 'Lunar'],
  [/skattekonto|skatteverket/i, 'Skatteverket'],
];

/** What to export instead of a file kontera does not read. */
const EXPORTS_READ = 'the bank export of the transactions as CSV, Excel, camt.053 or MT940';

/** A PDF file starts with these bytes. */
const PDF_MAGIC = '%PDF-';
const PDF_MAGIC_BYTES = [...PDF_MAGIC].map((c) => c.charCodeAt(0));

/** @internal Rejects inputs that are not a text table at all, with the reason. */
export function decodeInput(input: Uint8Array | string, file?: string, limits: InputLimits = DEFAULT_INPUT_LIMITS): DecodedText {
  if (input.length > limits.maxInputBytes) {
    throw new StatementParseError('INPUT_TOO_LARGE', `Input too large: expected at most ${limits.maxInputBytes} bytes (limits.maxInputBytes), got ${input.length}`, { file });
  }
  // A PDF statement is a printout: the bank's export of the same transactions is a file kontera reads.
  if (typeof input === 'string' ? input.startsWith(PDF_MAGIC) : PDF_MAGIC_BYTES.every((c, i) => input[i] === c)) {
    throw new StatementParseError('UNSUPPORTED_CONTAINER', 'PDF document: expected the bank export of the transactions (CSV, Excel, camt.053 or MT940), not a PDF statement; the online bank offers it beside the PDF', { file, line: 1 });
  }
  if (typeof input !== 'string') {
    if (input.length === 0) throw new StatementParseError('EMPTY_INPUT', 'Empty file: expected a bank statement export, found 0 bytes', { file });
    const b = input;
    // A workbook (XLSX: Handelsbanken since 2024, Skandiabanken; OpenDocument: LibreOffice's own
    // format; Excel 97–2003: BIFF8 in a compound file): a sheet, as text, one line per row. The
    // first sheet a format claims (a summary sheet may come first), else the first sheet.
    const claimed = (text: string): boolean => scoreFormats(text, BUILTIN_FORMATS, true).some((c) => c.score >= MIN_SCORE);
    const sheet = (text: string): DecodedText => ({ text, encoding: 'utf-8', bom: false, workbook: true });
    if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
      return sheet((isOds(b) ? odsToText : xlsxToText)(b, file, limits, claimed).text);
    }
    if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return sheet(xlsToText(b, file, limits, claimed).text);
    const utf16 = (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || sniffUtf16(b) !== undefined;
    if (!utf16 && looksBinary(b)) {
      throw new StatementParseError('BINARY_INPUT', 'Binary data: expected a text export (CSV/TXT), found NUL or control bytes', { file, line: 1 });
    }
  }
  const first = decodeText(input);
  // A UTF-8 file once read as Windows-1252 and saved again (`BokfÃ¶ringsdag`): its text as written.
  const repaired = first.encoding === 'utf-8' ? repairMojibake(first.text) : undefined;
  const fixed = repaired ?? first.text;
  // Byte-order marks at the start of a later line: two exports joined end to end (`cat` of two
  // UTF-8 files with a BOM each); each starts a line as the first one did, so it goes as that one did.
  const unmarked = fixed.includes('\ufeff') ? fixed.replace(/(\n|\r)\ufeff/g, '$1') : fixed;
  const decoded = unmarked === first.text ? first : { ...first, text: unmarked };
  const text = decoded.text;
  // `\S` is exactly what trim() keeps: a non-empty check without copying the text.
  if (!/\S/.test(text)) throw new StatementParseError('EMPTY_INPUT', 'Empty file: expected a bank statement export, found no text', { file });
  if ((typeof input === 'string' || (decoded.encoding !== 'utf-8' && decoded.encoding !== 'windows-1252' && !decoded.bom)) && looksBinary(new TextEncoder().encode(text.slice(0, 4096)))) {
    throw new StatementParseError('BINARY_INPUT', 'Binary data: expected a text export, found NUL or control characters', { file, line: 1 });
  }
  const start = text.slice(0, 2048).trimStart().toLowerCase();
  // Personal-finance interchange files (Quicken, Money; some foreign banks and payment services
  // offer them beside CSV): named, with what to export instead, rather than an unknown table.
  if (start.startsWith('ofxheader:') || start.startsWith('<ofx>') || /^<\?xml[^>]*\?>\s*<\?ofx\b/.test(start)) {
    throw new StatementParseError('UNSUPPORTED_CONTAINER', `OFX document (Open Financial Exchange, .ofx/.qfx): kontera does not read OFX; expected ${EXPORTS_READ}`, { file, line: 1 });
  }
  if (/^!(?:type|account|option)[:\s]/.test(start)) {
    throw new StatementParseError('UNSUPPORTED_CONTAINER', `QIF file (Quicken Interchange Format, .qif): kontera does not read QIF; expected ${EXPORTS_READ}`, { file, line: 1 });
  }
  // Transactions as JSON (open-banking APIs): a table of them, read as a workbook sheet is.
  if (looksLikeJson(start)) {
    const table = jsonToTable(text, file, limits.maxJsonDepth);
    return { text: table.text, encoding: decoded.encoding, bom: decoded.bom, workbook: true, json: table.rows };
  }
  if (start.startsWith('#flagga') || start.startsWith('#program')) {
    throw new StatementParseError('UNKNOWN_FORMAT', 'This is a SIE file, not a bank statement: read it with readSie', { file, line: 1 });
  }
  if (start.startsWith('01bgmax')) {
    throw new StatementParseError('UNKNOWN_FORMAT', 'This is a BgMax (Bankgiro inbetalningar) file, not an account statement', { file, line: 1 });
  }
  // SWIFT MT942 (fields :13D: date and time, :34F: floor limit, no balances): the day's entries so far.
  if (/^:20:/m.test(start) && /^:(?:13d|34f):/m.test(start) && !/^:60[fm]:/m.test(start)) {
    throw new StatementParseError('UNKNOWN_FORMAT', 'This is an MT942 interim transaction report (entries so far, not a final statement): expected the MT940 statement of the period', { file, line: 1 });
  }
  // A bank export a spreadsheet saved as tab-delimited text ("Text (Tab delimited)", or "Unicode
  // Text" in UTF-16): the sheet's cells with a TAB between them, numbers as the sheet shows them.
  // Read as that sheet is, when it has no header the header reader reads, no bank's format claims
  // it as text and one does as a sheet (a header-less export: a skattekontoutdrag).
  const head = headLines(text, HEAD_LINES).map((l) => (l.length > HEAD_LINE_CHARS ? l.slice(0, HEAD_LINE_CHARS) : l));
  if (decoded.workbook !== true && head.some((l) => l.includes('\t')) && findHeaderRow(head) === undefined) {
    const bankClaims = (sheet: boolean): boolean => scoreFormats(text, BUILTIN_FORMATS, sheet).some((c) => c.format !== 'generic-csv' && c.score >= MIN_SCORE);
    if (!bankClaims(false) && bankClaims(true)) return { ...decoded, workbook: true };
  }
  return decoded;
}

/** @internal Scores every format on a decoded text. */
export function scoreFormats(text: string, formats: readonly StatementFormat[] = BUILTIN_FORMATS, workbook = false): DetectionCandidate[] {
  // Each line only as far as HEAD_LINE_CHARS: detection time stays bounded whatever one line holds.
  const lines = headLines(text, HEAD_LINES).map((l) => (l.length > HEAD_LINE_CHARS ? l.slice(0, HEAD_LINE_CHARS) : l));
  const head = makeHead(lines, text.slice(0, HEAD_CHARS), workbook);
  const out: DetectionCandidate[] = [];
  const fallbacks: StatementFormat[] = [];
  for (const f of formats) {
    // The generic table is only a suggestion for files no bank format claims: score it last.
    if (f.id === 'generic-csv') {
      fallbacks.push(f);
      continue;
    }
    const score = f.detect(head);
    if (score > 0) out.push({ format: f.id, bank: f.bank, score: Math.round(score * 1000) / 1000 });
  }
  if (!out.some((c) => c.score >= MIN_SCORE)) {
    for (const f of fallbacks) {
      const score = f.detect(head);
      if (score > 0) out.push({ format: f.id, bank: f.bank, score: Math.round(score * 1000) / 1000 });
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

/**
 * Markup that no format claimed: a login or error page saved as .csv, or XML that is not a
 * statement. Named as such rather than as an unknown CSV dialect.
 */
function rejectMarkup(text: string, file?: string): void {
  const start = text.slice(0, 2048).trimStart().toLowerCase();
  if (!start.startsWith('<')) return;
  if (/<(?:[\w]+:)?bktocstmrdbtcdtntfctn\b|camt\.054\.001/.test(start)) {
    throw new StatementParseError('HTML_INPUT', 'Not an account statement: this is a camt.054 debit/credit notification (single payments behind a booked line); expected the account statement (camt.053) or report (camt.052) of the period', { file, line: 1 });
  }
  if (isSie5(text)) {
    throw new StatementParseError('UNKNOWN_FORMAT', 'This is a SIE 5 file (XML) of the books, not a bank statement; kontera reads the books as SIE 4 (type 4E or 4I)', { file, line: 1 });
  }
  const what = start.startsWith('<?xml') || /^<[\w:]+[\s>]/.test(start) && !start.startsWith('<html') && !start.startsWith('<!doctype html') ? 'an XML document that is not a camt.053 statement' : 'an HTML page (often a login or error page saved as .csv)';
  throw new StatementParseError('HTML_INPUT', `Not a bank export: expected a CSV/TXT export or a statement table, found ${what}`, { file, line: 1 });
}

/** @internal Picks the winner or throws a FormatDetectionError naming the candidates. */
export function pickFormat(candidates: readonly DetectionCandidate[], file?: string, text?: string): DetectionCandidate {
  const list = candidates.map((c) => `${c.format} ${c.score.toFixed(2)}`).join(', ') || 'none';
  const [best, second] = candidates;
  if (!best || best.score < MIN_SCORE) {
    if (text !== undefined) rejectMarkup(text, file);
    // A row that looks like a column header but lacks the date or the amount: say which, and where.
    const near = text === undefined ? undefined : nearHeaderRow(headLines(text, MAX_PREAMBLE + 6).map((l) => (l.length > HEAD_LINE_CHARS ? l.slice(0, HEAD_LINE_CHARS) : l)));
    throw new FormatDetectionError(
      'UNKNOWN_FORMAT',
      `Unknown statement format: expected the header or layout of a known bank export${near !== undefined ? `; ${near.message}` : ''}; best candidates: ${list}${best?.format === 'generic-csv' || near !== undefined ? ' (pass `columns` to read it as a generic CSV)' : ''}`,
      candidates,
      { file, ...(near !== undefined && { line: near.line }) },
    );
  }
  if (second && best.score - second.score < MIN_MARGIN) {
    // The file name may break a tie between two banks, never decide on its own.
    const hint = file === undefined ? undefined : BANK_NAME_HINTS.find(([re]) => re.test(file))?.[1];
    const tied = candidates.filter((c) => best.score - c.score < MIN_MARGIN);
    const byName = tied.filter((c) => c.bank === hint);
    if (byName.length === 1 && byName[0]) return byName[0];
    throw new FormatDetectionError(
      'AMBIGUOUS_FORMAT',
      `Ambiguous statement format: ${tied.map((c) => c.format).join(' and ')} fit equally well (${list}); pass \`format\` to choose`,
      candidates,
      { file },
    );
  }
  return best;
}

/**
 * Detects the format of a bank statement export from its content.
 *
 * ```ts
 * const { format, score, candidates } = detectStatementFormat(bytes);
 * ```
 * @throws StatementParseError for empty, binary or HTML input; FormatDetectionError when no
 * format or more than one fits.
 */
export function detectStatementFormat(input: Uint8Array | string, options: { fileName?: string } = {}): DetectionResult {
  const decoded = decodeInput(input, options.fileName);
  const candidates = scoreFormats(decoded.text, BUILTIN_FORMATS, decoded.workbook === true);
  const best = pickFormat(candidates, options.fileName, decoded.text);
  return { format: best.format, score: best.score, candidates };
}
