/**
 * OpenDocument spreadsheets (`.ods`, what LibreOffice saves by default): a bank export opened in
 * LibreOffice Calc and saved as it is. Read as the XLSX and XLS readers read a workbook: a sheet
 * (`table:table` in content.xml) becomes TAB-separated text, one line per sheet row, with numeric
 * cells written as `-1234.50` and date cells as ISO dates.
 *
 * ODF writes a run of equal cells or rows once with a repeat count, and LibreOffice ends most rows
 * with an empty cell repeated to the last column (a million times for a whole sheet). Empty runs
 * are therefore only written out when something follows them, and the text built is bounded by
 * `limits.maxUncompressedBytes`: a hostile repeat count is a typed error, not an allocation.
 */
import { StatementParseError } from '../core/errors.js';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '../core/limits.js';
import { type XmlElement, descendants, parseEntryXml } from './markup.js';
import { excelNumberText, readZip } from './xlsx.js';

/** Most sheets looked at for the statement (a summary sheet may come before the rows), as for XLSX. */
const MAX_SHEETS = 8;
/** Rows and columns of the largest sheet a spreadsheet program writes. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** True when `bytes` are a ZIP whose first entry is an OpenDocument spreadsheet's `mimetype`. */
export function isOds(bytes: Uint8Array): boolean {
  // ODF puts the uncompressed `mimetype` entry first, so its name is at offset 30 and its content follows.
  if (bytes.length < 38 + 46) return false;
  const name = String.fromCharCode(...bytes.subarray(30, 38));
  const content = String.fromCharCode(...bytes.subarray(38, 38 + 46));
  return name === 'mimetype' && content === 'application/vnd.oasis.opendocument.spreadsheet';
}

/** The text of a cell's paragraphs: `text:s` spaces and `text:tab` tabs become one space each at most. */
function cellText(cell: XmlElement): string {
  const paragraphs = cell.children.filter((c) => c.name === 'p');
  return paragraphs.map(paragraphText).join(' ');
}

function paragraphText(el: XmlElement): string {
  let out = el.text;
  for (const c of el.children) {
    if (c.name === 's' || c.name === 'tab' || c.name === 'line-break') out += ' ';
    else out += paragraphText(c);
  }
  return out;
}

/** A cell's value as sheet text: numbers as `-1234.50`, dates ISO, text as written. */
function cellValue(cell: XmlElement): string {
  const type = cell.attrs['value-type'];
  switch (type) {
    case 'float':
    case 'currency':
    case 'percentage':
      return cell.attrs['value'] !== undefined ? excelNumberText(cell.attrs['value']) : cellText(cell);
    case 'date':
      return (cell.attrs['date-value'] ?? cellText(cell)).slice(0, 10);
    case 'boolean':
      return cell.attrs['boolean-value'] ?? cellText(cell);
    default:
      return cellText(cell);
  }
}

/** A count attribute (`number-rows-repeated`): 1 when absent, refused when not a whole number. */
function repeat(el: XmlElement, attr: string, file: string | undefined): number {
  const raw = el.attrs[attr];
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new StatementParseError('UNSUPPORTED_CONTAINER', `Unreadable OpenDocument spreadsheet (ODS): expected a whole number in ${attr}, got ${JSON.stringify(raw)}`, { file, line: el.line });
  }
  return n;
}

/** One sheet as TAB-separated text (see the module comment). */
function sheetText(table: XmlElement, file: string | undefined, limits: InputLimits): string {
  const lines: string[] = [];
  let size = 0;
  let pendingBlank = 0;
  const grow = (n: number): void => {
    size += n;
    if (size > limits.maxUncompressedBytes) {
      throw new StatementParseError('INPUT_TOO_LARGE', `OpenDocument spreadsheet (ODS): the sheet's text is larger than ${limits.maxUncompressedBytes} bytes (limits.maxUncompressedBytes)`, { file });
    }
  };
  for (const row of descendants(table, 'table-row')) {
    const cells: string[] = [];
    let pendingEmpty = 0;
    for (const c of row.children) {
      if (c.name !== 'table-cell' && c.name !== 'covered-table-cell') continue;
      const n = repeat(c, 'number-columns-repeated', file);
      const value = cellValue(c).replace(/[\t\r\n]+/g, ' ');
      if (value === '') {
        pendingEmpty += n;
        continue;
      }
      if (cells.length + pendingEmpty + n > MAX_COLUMNS) {
        throw new StatementParseError('INVALID_ROW', `OpenDocument spreadsheet (ODS): a row runs past column ${MAX_COLUMNS}`, { file, line: c.line });
      }
      for (; pendingEmpty > 0; pendingEmpty--) cells.push('');
      // A cell that opens with a double quote is written quoted, as the CSV reader expects.
      const written = value.startsWith('"') ? `"${value.replace(/"/g, '""')}"` : value;
      for (let k = 0; k < n; k++) {
        grow(written.length + 1);
        cells.push(written);
      }
    }
    const rows = repeat(row, 'number-rows-repeated', file);
    if (cells.length === 0) {
      pendingBlank += rows;
      continue;
    }
    if (lines.length + pendingBlank + rows > MAX_ROWS) {
      throw new StatementParseError('INVALID_ROW', `OpenDocument spreadsheet (ODS): the sheet runs past row ${MAX_ROWS}`, { file, line: row.line });
    }
    grow(pendingBlank);
    for (; pendingBlank > 0; pendingBlank--) lines.push('');
    const line = cells.join('\t');
    for (let k = 0; k < rows; k++) {
      grow(line.length + 1);
      lines.push(line);
    }
  }
  return lines.join('\n');
}

/**
 * The spreadsheet's first sheet as TAB-separated text, one line per sheet row; with `accept`, the
 * first of its first {@link MAX_SHEETS} sheets whose text it accepts, else the first sheet.
 */
export function odsToText(bytes: Uint8Array, file?: string, limits: InputLimits = DEFAULT_INPUT_LIMITS, accept?: (text: string) => boolean): { text: string; sheet: string } {
  try {
    const zip = readZip(bytes, limits, file);
    const content = zip.get('content.xml');
    if (content === undefined) throw new Error('no content.xml: the ZIP archive is not an OpenDocument spreadsheet');
    const doc = parseEntryXml(new TextDecoder().decode(content()), 'content.xml', 'OpenDocument spreadsheet (ODS)', file, limits.maxXmlDepth);
    const spreadsheet = descendants(doc, 'spreadsheet')[0];
    const tables = spreadsheet === undefined ? [] : spreadsheet.children.filter((c) => c.name === 'table');
    if (tables.length === 0) throw new Error('the spreadsheet has no sheet');
    let first: { text: string; sheet: string } | undefined;
    const count = accept === undefined ? 1 : Math.min(tables.length, MAX_SHEETS);
    for (let k = 0; k < count; k++) {
      const table = tables[k] as XmlElement;
      const out = { text: sheetText(table, file, limits), sheet: table.attrs['name'] ?? `Sheet${k + 1}` };
      first ??= out;
      if (accept === undefined || accept(out.text)) return out;
    }
    return first as { text: string; sheet: string };
  } catch (e) {
    if (e instanceof StatementParseError) throw e;
    throw new StatementParseError('UNSUPPORTED_CONTAINER', `Unreadable OpenDocument spreadsheet (ODS): ${(e as Error).message}`, { file, cause: e });
  }
}
