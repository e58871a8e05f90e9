/**
 * Reads the first worksheet of an Excel workbook (XLSX, ECMA-376) into text, so the bank
 * formats that are only exported as XLSX (Handelsbanken since mid-2024, Skandiabanken) go
 * through the same header-signature detection and parsing as their CSV re-saves.
 *
 * Pure JavaScript on bytes (ZIP directory, DEFLATE per RFC 1951, SpreadsheetML), so it runs in
 * browsers too and needs no dependency. The result is TAB-separated text with one line per sheet
 * row: line N of the text is row N of the sheet, so errors name the row a user sees in Excel.
 */
import { StatementParseError } from '../core/errors.js';
import { excelSerialToIso } from '../core/dates.js';
import { DEFAULT_INPUT_LIMITS, type InputLimits, RATIO_FREE_BYTES } from '../core/limits.js';
import { type XmlElement, child, descendants, parseEntryXml } from './markup.js';

// ---------------------------------------------------------------------------------------------
// DEFLATE (RFC 1951), decoded the canonical-Huffman way: count codes per length, walk lengths.

const MAX_BITS = 15;
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

interface Huffman {
  readonly count: Uint16Array;
  readonly symbol: Uint16Array;
}

function huffman(lengths: ArrayLike<number>): Huffman {
  const count = new Uint16Array(MAX_BITS + 1);
  for (let s = 0; s < lengths.length; s++) count[lengths[s] as number]!++;
  count[0] = 0;
  const offs = new Uint16Array(MAX_BITS + 2);
  for (let len = 1; len <= MAX_BITS; len++) offs[len + 1] = (offs[len] as number) + (count[len] as number);
  const symbol = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s] as number;
    if (len !== 0) symbol[offs[len]!++] = s;
  }
  return { count, symbol };
}

class BitReader {
  pos = 0;
  bitBuf = 0;
  bitCnt = 0;
  constructor(readonly data: Uint8Array) {}
  bits(n: number): number {
    let val = this.bitBuf;
    while (this.bitCnt < n) {
      if (this.pos >= this.data.length) throw new Error('compressed data ends early');
      val |= (this.data[this.pos++] as number) << this.bitCnt;
      this.bitCnt += 8;
    }
    this.bitBuf = val >>> n;
    this.bitCnt -= n;
    return val & ((1 << n) - 1);
  }
  decode(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAX_BITS; len++) {
      code |= this.bits(1);
      const count = h.count[len] as number;
      if (code - count < first) return h.symbol[index + (code - first)] as number;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new Error('invalid Huffman code');
  }
}

let FIXED: { lit: Huffman; dist: Huffman } | undefined;
function fixedTables(): { lit: Huffman; dist: Huffman } {
  if (!FIXED) {
    const lengths = new Uint8Array(288);
    lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
    FIXED = { lit: huffman(lengths), dist: huffman(new Uint8Array(30).fill(5)) };
  }
  return FIXED;
}

/** Inflating was stopped at `max` bytes (see {@link InputLimits}). */
export class InflateLimitError extends Error {
  constructor(readonly max: number) {
    super(`inflates past ${max} bytes`);
  }
}

/**
 * Inflates raw DEFLATE data; `size` is the expected output length (from the ZIP directory, so
 * only a hint: it may lie). Output past `max` bytes throws {@link InflateLimitError} before the
 * memory is taken.
 */
export function inflateRaw(data: Uint8Array, size: number, max: number = Number.MAX_SAFE_INTEGER): Uint8Array {
  let out = new Uint8Array(Math.max(Math.min(size, max, 64 * 1024 * 1024), 1024));
  let n = 0;
  const ensure = (extra: number): void => {
    if (n + extra <= out.length) return;
    if (n + extra > max) throw new InflateLimitError(max);
    const bigger = new Uint8Array(Math.min(Math.max(out.length * 2, n + extra), max));
    bigger.set(out.subarray(0, n));
    out = bigger;
  };
  const br = new BitReader(data);
  let last = 0;
  while (!last) {
    last = br.bits(1);
    const type = br.bits(2);
    if (type === 0) {
      br.bitBuf = 0;
      br.bitCnt = 0;
      if (br.pos + 4 > data.length) throw new Error('stored block header ends early');
      const len = (data[br.pos] as number) | ((data[br.pos + 1] as number) << 8);
      const nlen = (data[br.pos + 2] as number) | ((data[br.pos + 3] as number) << 8);
      if ((len ^ 0xffff) !== nlen) throw new Error('stored block length check failed');
      br.pos += 4;
      if (br.pos + len > data.length) throw new Error('stored block ends early');
      ensure(len);
      out.set(data.subarray(br.pos, br.pos + len), n);
      n += len;
      br.pos += len;
      continue;
    }
    let lit: Huffman;
    let dist: Huffman;
    if (type === 1) ({ lit, dist } = fixedTables());
    else if (type === 2) {
      const nlen = br.bits(5) + 257;
      const ndist = br.bits(5) + 1;
      const ncode = br.bits(4) + 4;
      const lengths = new Uint8Array(19);
      for (let i = 0; i < ncode; i++) lengths[CODE_LENGTH_ORDER[i] as number] = br.bits(3);
      const lencode = huffman(lengths);
      const all = new Uint8Array(nlen + ndist);
      for (let i = 0; i < nlen + ndist; ) {
        const sym = br.decode(lencode);
        if (sym < 16) all[i++] = sym;
        else {
          let repeat: number;
          let value = 0;
          if (sym === 16) {
            if (i === 0) throw new Error('repeat with no previous length');
            value = all[i - 1] as number;
            repeat = 3 + br.bits(2);
          } else if (sym === 17) repeat = 3 + br.bits(3);
          else repeat = 11 + br.bits(7);
          if (i + repeat > nlen + ndist) throw new Error('too many code lengths');
          all.fill(value, i, i + repeat);
          i += repeat;
        }
      }
      lit = huffman(all.subarray(0, nlen));
      dist = huffman(all.subarray(nlen));
    } else throw new Error('invalid block type');
    for (;;) {
      const sym = br.decode(lit);
      if (sym < 256) {
        ensure(1);
        out[n++] = sym;
      } else if (sym === 256) break;
      else {
        const li = sym - 257;
        if (li >= 29) throw new Error('invalid length code');
        const len = (LENGTH_BASE[li] as number) + br.bits(LENGTH_EXTRA[li] as number);
        const di = br.decode(dist);
        if (di >= 30) throw new Error('invalid distance code');
        const d = (DIST_BASE[di] as number) + br.bits(DIST_EXTRA[di] as number);
        if (d > n) throw new Error('distance too far back');
        ensure(len);
        for (let k = 0; k < len; k++, n++) out[n] = out[n - d] as number;
      }
    }
  }
  return out.subarray(0, n);
}

// ---------------------------------------------------------------------------------------------
// ZIP central directory.

function u16(b: Uint8Array, o: number): number {
  return (b[o] as number) | ((b[o + 1] as number) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24)) >>> 0;
}

/**
 * The files of a ZIP archive, inflated on demand within `limits`: all entries read together stay
 * under `maxUncompressedBytes`, each entry past its first MiB under `maxCompressionRatio`.
 */
export function readZip(bytes: Uint8Array, limits: InputLimits = DEFAULT_INPUT_LIMITS, file?: string): Map<string, () => Uint8Array> {
  let inflated = 0;
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no ZIP end-of-directory record (the file is truncated or not a ZIP archive)');
  const entries = u16(bytes, eocd + 10);
  let p = u32(bytes, eocd + 16);
  const files = new Map<string, () => Uint8Array>();
  const utf8 = new TextDecoder();
  for (let e = 0; e < entries; e++) {
    if (u32(bytes, p) !== 0x02014b50) throw new Error('broken ZIP central directory');
    const method = u16(bytes, p + 10);
    const compressed = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const local = u32(bytes, p + 42);
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (compressed === 0xffffffff || local === 0xffffffff) throw new Error('ZIP64 archives are not supported');
    files.set(name, () => {
      if (u32(bytes, local) !== 0x04034b50) throw new Error(`broken ZIP entry ${name}`);
      const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
      const data = bytes.subarray(start, start + compressed);
      if (method === 0) return data;
      if (method === 8) {
        const byRatio = Math.max(RATIO_FREE_BYTES, data.length * limits.maxCompressionRatio);
        const left = limits.maxUncompressedBytes - inflated;
        const max = Math.min(byRatio, left);
        let out: Uint8Array;
        try {
          out = inflateRaw(data, size, max);
        } catch (e) {
          if (!(e instanceof InflateLimitError)) throw e;
          const why =
            max === left
              ? `more than ${limits.maxUncompressedBytes} bytes in all (limits.maxUncompressedBytes)`
              : `more than ${limits.maxCompressionRatio} times its ${data.length} compressed bytes (limits.maxCompressionRatio)`;
          throw new StatementParseError('INPUT_TOO_LARGE', `ZIP entry ${name} inflates to ${why}: expected an ordinary workbook, refused as a possible ZIP bomb`, { file });
        }
        inflated += out.length;
        return out;
      }
      throw new Error(`ZIP entry ${name} uses compression method ${method}, expected 0 or 8`);
    });
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// SpreadsheetML: first worksheet → TAB-separated text.

/** Excel's own bounds (1 048 576 rows, 16 384 columns): a cell past them is not from a real workbook. */
const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_COLUMNS = 16_384;

/** Built-in number formats that are dates (ECMA-376 §18.8.30). */
export const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

export function isDateFormat(code: string): boolean {
  // Strip quoted text, escaped characters and colours/conditions, then look for day/month/year.
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[dmy]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** Days between Excel's 1900 and 1904 date systems: a 1904-system serial plus this is the 1900-system serial. */
export const DAYS_1904 = 1462;

/**
 * A number as Excel stored it (a double, written as its shortest decimal) → text a bank format
 * reads: whole numbers as they are; fractions rounded to two decimals in decimal arithmetic, so
 * `1234.5599999999999` becomes `1234.56` (the float noise of a value typed as 1 234,56 kr).
 */
export function excelNumberText(raw: string): string {
  let s = raw.trim();
  const sci = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(s);
  if (sci) {
    const [, sign = '', int = '', frac = '', exp = '0'] = sci;
    const digits = int + frac;
    const point = int.length + Number(exp);
    s =
      point <= 0
        ? `${sign}0.${'0'.repeat(-point)}${digits}`
        : point >= digits.length
          ? `${sign}${digits}${'0'.repeat(point - digits.length)}`
          : `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  const m = /^(-?)(\d+)\.(\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = '', int = '', frac = ''] = m;
  if (frac.length <= 2) return `${sign}${int}.${frac.padEnd(2, '0')}`;
  // Round half away from zero at the third decimal, carrying through the digits as text.
  let cents = `${int}${frac.slice(0, 2)}`;
  if ((frac.charCodeAt(2) - 48) >= 5) {
    const digits = cents.split('').map(Number);
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === 9) digits[i--] = 0;
    if (i < 0) digits.unshift(1);
    else digits[i] = (digits[i] as number) + 1;
    cents = digits.join('');
  }
  const whole = cents.slice(0, -2).replace(/^0+(?=\d)/, '') || '0';
  const value = `${whole}.${cents.slice(-2)}`;
  return sign === '-' && /[1-9]/.test(value) ? `-${value}` : value;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function allText(el: XmlElement): string {
  return el.name === 't' ? el.text : el.children.map(allText).join('');
}

/** Most worksheets looked at for the statement (a workbook with a summary sheet before the rows). */
const MAX_SHEETS = 8;

/**
 * The XLSX's first worksheet as TAB-separated text, one line per sheet row. With `accept`, the
 * first of the workbook's first {@link MAX_SHEETS} sheets whose text it accepts (a summary or
 * cover sheet may come before the transactions), else the first sheet.
 */
export function xlsxToText(bytes: Uint8Array, file?: string, limits: InputLimits = DEFAULT_INPUT_LIMITS, accept?: (text: string) => boolean): { text: string; sheet: string } {
  try {
    const zip = readZip(bytes, limits, file);
    // Parsed once each (the shared strings and styles serve every sheet tried).
    const parsed = new Map<string, XmlElement | undefined>();
    const read = (name: string): XmlElement | undefined => {
      if (parsed.has(name)) return parsed.get(name);
      const get = zip.get(name);
      const el = get === undefined ? undefined : parseEntryXml(new TextDecoder().decode(get()), name, 'Excel workbook (XLSX)', file, limits.maxXmlDepth);
      if (!name.startsWith('xl/worksheets/')) parsed.set(name, el);
      return el;
    };
    const workbook = read('xl/workbook.xml');
    if (!workbook) throw new Error('no xl/workbook.xml: the ZIP archive is not an Excel workbook');
    const sheets = descendants(workbook, 'sheet');
    // Excel for Mac (and LibreOffice for a workbook that came from one) counts days from 1904.
    const date1904 = /^(1|true)$/i.test(descendants(workbook, 'workbookPr')[0]?.attrs['date1904'] ?? '');
    if (sheets.length === 0) throw new Error('the workbook has no worksheet');
    const rels = read('xl/_rels/workbook.xml.rels');
    const relations = rels ? descendants(rels, 'Relationship') : [];
    const pathOf = (sheet: XmlElement, k: number): string => {
      const target = relations.find((r) => r.attrs['Id'] === sheet.attrs['id'])?.attrs['Target'];
      return target === undefined ? `xl/worksheets/sheet${k + 1}.xml` : target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    };
    let first: { text: string; sheet: string } | undefined;
    const count = accept === undefined ? 1 : Math.min(sheets.length, MAX_SHEETS);
    for (let k = 0; k < count; k++) {
      const el = sheets[k] as XmlElement;
      const path = pathOf(el, k);
      if (k > 0 && zip.get(path) === undefined) continue;
      const out = { text: sheetText(read, path, file, date1904), sheet: el.attrs['name'] ?? `Sheet${k + 1}` };
      if (first === undefined) first = out;
      if (accept === undefined || accept(out.text)) return out;
    }
    return first as { text: string; sheet: string };
  } catch (e) {
    if (e instanceof StatementParseError) throw e;
    throw new StatementParseError('UNSUPPORTED_CONTAINER', `Unreadable Excel workbook (XLSX): ${(e as Error).message}`, { file, cause: e });
  }
}

function sheetText(read: (name: string) => XmlElement | undefined, sheetPath: string, file: string | undefined, date1904: boolean): string {
  {
    const sheet = read(sheetPath);
    if (!sheet) throw new Error(`no worksheet at ${sheetPath}`);

    const shared = read('xl/sharedStrings.xml');
    const strings = shared ? shared.children.flatMap((sst) => sst.children.filter((c) => c.name === 'si').map(allText)) : [];
    const styles = read('xl/styles.xml');
    const customFormats = new Map<number, string>();
    for (const f of styles ? descendants(styles, 'numFmt') : []) customFormats.set(Number(f.attrs['numFmtId']), f.attrs['formatCode'] ?? '');
    const cellXfs = styles ? child(descendants(styles, 'styleSheet')[0] ?? styles.children[0], 'cellXfs') : undefined;
    const dateStyle = (cellXfs?.children ?? []).map((xf) => {
      const id = Number(xf.attrs['numFmtId'] ?? 0);
      return BUILTIN_DATE_FORMATS.has(id) || isDateFormat(customFormats.get(id) ?? '');
    });

    const lines: string[] = [];
    for (const row of descendants(sheet, 'row')) {
      const r = Number(row.attrs['r'] ?? lines.length + 1);
      if (!Number.isSafeInteger(r) || r < 1 || r > EXCEL_MAX_ROWS) {
        throw new StatementParseError('INVALID_ROW', `Invalid worksheet row number: expected 1–${EXCEL_MAX_ROWS}, got ${JSON.stringify(row.attrs['r'])}`, { file, line: row.line });
      }
      const cells: string[] = [];
      let next = 0;
      for (const c of row.children.filter((x) => x.name === 'c')) {
        const col = c.attrs['r'] === undefined ? next : columnIndex(c.attrs['r']);
        if (!(col >= 0 && col < EXCEL_MAX_COLUMNS)) {
          throw new StatementParseError('INVALID_ROW', `Invalid cell reference: expected a column A–XFD, got ${JSON.stringify(c.attrs['r'])}`, { file, line: c.line });
        }
        next = col + 1;
        const t = c.attrs['t'] ?? 'n';
        const v = child(c, 'v')?.text ?? '';
        let value: string;
        if (t === 's') value = strings[Number(v)] ?? '';
        else if (t === 'inlineStr') value = child(c, 'is') ? allText(child(c, 'is') as XmlElement) : '';
        else if (t === 'n' && v !== '' && dateStyle[Number(c.attrs['s'] ?? 0)]) value = excelSerialToIso(date1904 ? Number(v) + DAYS_1904 : Number(v)) ?? v;
        else if (t === 'n') value = excelNumberText(v);
        else if (t === 'd') value = v.slice(0, 10);
        else value = v;
        const flat = value.replace(/[\t\r\n]+/g, ' ');
        // The lines are read as delimited text: a cell that opens with a double quote (`"Kalles" Bygg
        // AB`) is written quoted, as CSV would, so it does not open a quoted field that never closes.
        cells[col] = flat.startsWith('"') ? `"${flat.replace(/"/g, '""')}"` : flat;
      }
      while (lines.length < r - 1) lines.push('');
      lines[r - 1] = Array.from(cells, (x) => x ?? '').join('\t');
    }
    return lines.join('\n');
  }
}
