/**
 * Reads a worksheet of a legacy Excel 97–2003 workbook (`.xls`: BIFF8 records, [MS-XLS], in the
 * `Workbook` stream of a compound file, [MS-CFB]) into text, as {@link xlsxToText} does for XLSX:
 * TAB-separated, one line per sheet row, numbers and date-formatted numbers (→ ISO dates) written
 * as the XLSX reader writes them, so a bank export re-saved as "Excel 97–2003" reads as its CSV.
 * Excel 5.0/95 workbooks (BIFF5, `Book` stream, 8-bit strings in the CODEPAGE) are read too.
 *
 * Pure JavaScript on bytes. Hostile input ends in a {@link StatementParseError}: the container is
 * checked by core/cfb.ts, every record and string here is checked against the bytes it has, and
 * the text built is bounded by `limits.maxUncompressedBytes`.
 */
import { CfbLimitError, readCompoundFile } from '../core/cfb.js';
import { decodeBytes } from '../core/encoding.js';
import { StatementParseError } from '../core/errors.js';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '../core/limits.js';
import { excelSerialToIso } from '../core/dates.js';
import { BUILTIN_DATE_FORMATS, DAYS_1904, excelNumberText, isDateFormat } from './xlsx.js';

const BOF = 0x0809;
const EOF = 0x000a;
const CONTINUE = 0x003c;
const FILEPASS = 0x002f;
const CODEPAGE = 0x0042;
const DATEMODE = 0x0022;
const FORMAT = 0x041e;
const XF = 0x00e0;
const BOUNDSHEET = 0x0085;
const SST = 0x00fc;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const RSTRING = 0x00d6;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const FORMULA = 0x0006;
const STRING = 0x0207;
const SHRFMLA = 0x04bc;
const ARRAY = 0x0221;
const TABLE = 0x0236;
const BOOLERR = 0x0205;
const BLANK = 0x0201;
const MULBLANK = 0x00be;

/** BIFF8 allows 65 536 rows and 256 columns (A–IV). */
const MAX_ROWS = 65_536;
const MAX_COLUMNS = 256;
/** Most worksheets looked at for the statement, as for XLSX. */
const MAX_SHEETS = 8;

const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

/** A broken record: the message says what was expected. */
class XlsError extends Error {}
/** The workbook is encrypted (FILEPASS, or an encrypted XLSX's EncryptedPackage). */
class EncryptedError extends Error {}

interface Rec {
  readonly type: number;
  /** Offset of the record header in the stream. */
  readonly at: number;
  readonly body: Uint8Array;
}

/** The records of a stream from `from`; a record whose length runs past the stream is an error. */
class Records {
  pos: number;
  constructor(readonly stream: Uint8Array, from: number) {
    this.pos = from;
  }
  peekType(): number | undefined {
    return this.pos + 4 <= this.stream.length ? u16(this.stream, this.pos) : undefined;
  }
  next(): Rec | undefined {
    const s = this.stream;
    if (this.pos >= s.length) return undefined;
    if (this.pos + 4 > s.length) throw new XlsError(`the Workbook stream ends inside a record header at offset ${this.pos}`);
    const type = u16(s, this.pos);
    const len = u16(s, this.pos + 2);
    const at = this.pos;
    if (at + 4 + len > s.length) throw new XlsError(`record ${hex(type)} at offset ${at} declares ${len} bytes, past the end of the stream (${s.length} bytes)`);
    this.pos = at + 4 + len;
    return { type, at, body: s.subarray(at + 4, at + 4 + len) };
  }
  /** `first`'s body and the bodies of the CONTINUE records right after it. */
  withContinues(first: Rec): Pieces {
    const parts = [first.body];
    while (this.peekType() === CONTINUE) parts.push((this.next() as Rec).body);
    return new Pieces(parts);
  }
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] as number) | ((b[o + 1] as number) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24)) >>> 0;
}
function hex(n: number): string {
  return `0x${n.toString(16).padStart(4, '0').toUpperCase()}`;
}

const UTF16 = new TextDecoder('utf-16le');

/**
 * A record body continued in CONTINUE records, read as one: numbers and skipped runs cross the
 * record boundaries as they are; a string's characters split by a boundary go on after a new
 * flags byte that says whether they are 8-bit or UTF-16 ([MS-XLS] 2.5.293 and 2.4.58).
 */
class Pieces {
  readonly data: Uint8Array;
  /** End offset of each piece in `data`. */
  readonly ends: number[] = [];
  pos = 0;
  private k = 0;
  constructor(parts: readonly Uint8Array[]) {
    let n = 0;
    for (const p of parts) this.ends.push((n += p.length));
    this.data = new Uint8Array(n);
    n = 0;
    for (const p of parts) {
      this.data.set(p, n);
      n += p.length;
    }
  }
  need(n: number, what: string): void {
    if (this.pos + n > this.data.length) throw new XlsError(`${what}: expected ${n} more bytes at offset ${this.pos}, the record has ${this.data.length}`);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.data[this.pos++] as number;
  }
  u16(what: string): number {
    this.need(2, what);
    this.pos += 2;
    return u16(this.data, this.pos - 2);
  }
  u32(what: string): number {
    this.need(4, what);
    this.pos += 4;
    return u32(this.data, this.pos - 4);
  }
  skip(n: number, what: string): void {
    this.need(n, what);
    this.pos += n;
  }
  /** `count` characters, starting 8-bit (Latin-1, BIFF8's compressed UTF-16) or UTF-16 as `wide` says. */
  chars(count: number, wide: boolean, what: string): string {
    let out = '';
    let left = count;
    while (left > 0) {
      while ((this.ends[this.k] as number) < this.pos) this.k++;
      const end = this.ends[this.k] ?? this.data.length;
      if (end === this.pos) {
        // The characters go on in the next CONTINUE record, after its own flags byte.
        if (this.pos >= this.data.length) throw new XlsError(`${what}: expected ${left} more characters, the record ends`);
        wide = ((this.data[this.pos++] as number) & 1) === 1;
        this.k++;
        continue;
      }
      const n = Math.min(left, wide ? (end - this.pos) >> 1 : end - this.pos);
      if (n === 0) throw new XlsError(`${what}: a UTF-16 character is split across records`);
      if (wide) out += UTF16.decode(this.data.subarray(this.pos, this.pos + 2 * n));
      else out += latin1(this.data, this.pos, n);
      this.pos += wide ? 2 * n : n;
      left -= n;
    }
    return out;
  }
}

function latin1(b: Uint8Array, from: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode(...b.subarray(from + i, from + Math.min(n, i + 4096)));
  return s;
}

interface Workbook {
  readonly biff: 5 | 8;
  readonly stream: Uint8Array;
  /** Text decoding of BIFF5's 8-bit strings. */
  readonly codepage: 'windows-1252' | 'cp437';
  readonly date1904: boolean;
  /** Per XF index: whether its number format is a date. */
  readonly dateXf: readonly boolean[];
  readonly strings: readonly string[];
  readonly sheets: readonly { name: string; at: number }[];
}

/** A BIFF5 string: `lenBytes` (1 or 2) bytes of length, then 8-bit characters in the codepage. */
function byteString(p: Pieces, lenBytes: 1 | 2, codepage: Workbook['codepage'], what: string): string {
  const n = lenBytes === 1 ? p.u8(what) : p.u16(what);
  p.need(n, what);
  p.pos += n;
  return decodeBytes(p.data.subarray(p.pos - n, p.pos), codepage);
}

/** A BIFF8 XLUnicodeString (2-byte length) or ShortXLUnicodeString (1-byte length): flags, characters. */
function unicodeString(p: Pieces, lenBytes: 1 | 2, what: string): string {
  const n = lenBytes === 1 ? p.u8(what) : p.u16(what);
  const flags = p.u8(what);
  return p.chars(n, (flags & 1) === 1, what);
}

/** The shared strings: XLUnicodeRichExtendedString × count, over the SST and its CONTINUE records. */
function readSst(p: Pieces): string[] {
  p.skip(4, 'SST');
  const count = p.u32('SST');
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (p.pos >= p.data.length) throw new XlsError(`the shared string table declares ${count} strings, its records end after ${i}`);
    const what = `shared string ${i + 1} of ${count}`;
    const cch = p.u16(what);
    const flags = p.u8(what);
    const runs = flags & 0x08 ? p.u16(what) : 0;
    const ext = flags & 0x04 ? p.u32(what) : 0;
    out.push(p.chars(cch, (flags & 1) === 1, what));
    p.skip(runs * 4, `${what}: its rich-text runs`);
    p.skip(ext, `${what}: its phonetic block`);
  }
  return out;
}

function readWorkbook(stream: Uint8Array): Workbook {
  const r = new Records(stream, 0);
  const bof = r.next();
  if (!bof || bof.type !== BOF || bof.body.length < 4) throw new XlsError('the Workbook stream does not start with a BOF record');
  const vers = u16(bof.body, 0);
  if (vers !== 0x0600 && vers !== 0x0500) throw new XlsError(`expected BIFF8 (0x0600) or BIFF5 (0x0500), found BIFF version ${hex(vers)}`);
  const biff: 5 | 8 = vers === 0x0600 ? 8 : 5;
  if (u16(bof.body, 2) !== 0x0005) throw new XlsError(`the first substream is not the workbook globals (BOF type ${hex(u16(bof.body, 2))})`);
  let codepage: Workbook['codepage'] = 'windows-1252';
  let date1904 = false;
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let strings: string[] = [];
  const sheets: { name: string; at: number }[] = [];
  for (let rec = r.next(); rec && rec.type !== EOF; rec = r.next()) {
    const b = rec.body;
    const p = (): Pieces => new Pieces([b]);
    switch (rec.type) {
      case FILEPASS:
        throw new EncryptedError('Excel 97–2003 workbook');
      case CODEPAGE:
        if (b.length >= 2 && (u16(b, 0) === 437 || u16(b, 0) === 850)) codepage = 'cp437';
        break;
      case DATEMODE:
        date1904 = b.length >= 2 && u16(b, 0) === 1;
        break;
      case FORMAT: {
        const q = p();
        const id = q.u16('FORMAT');
        formats.set(id, biff === 8 ? unicodeString(q, 2, 'FORMAT') : byteString(q, 1, codepage, 'FORMAT'));
        break;
      }
      case XF:
        if (b.length < 4) throw new XlsError(`XF record ${xfFormats.length} has ${b.length} bytes, expected at least 4`);
        xfFormats.push(u16(b, 2));
        break;
      case BOUNDSHEET: {
        const q = p();
        const at = q.u32('BOUNDSHEET');
        q.u8('BOUNDSHEET');
        const dt = q.u8('BOUNDSHEET');
        const name = biff === 8 ? unicodeString(q, 1, 'BOUNDSHEET') : byteString(q, 1, codepage, 'BOUNDSHEET');
        if (dt === 0) sheets.push({ name, at });
        break;
      }
      case SST:
        if (biff === 8) strings = readSst(r.withContinues(rec));
        break;
    }
  }
  const dateXf = xfFormats.map((id) => BUILTIN_DATE_FORMATS.has(id) || isDateFormat(formats.get(id) ?? ''));
  return { biff, stream, codepage, date1904, dateXf, strings, sheets };
}

/** Decodes an RK number ([MS-XLS] 2.5.217): a 30-bit integer or the top of a double, maybe ×100. */
function rkValue(rk: number): number {
  let v: number;
  if (rk & 2) v = rk >> 2;
  else {
    const dv = new DataView(new ArrayBuffer(8));
    dv.setUint32(4, rk & 0xfffffffc, true);
    v = dv.getFloat64(0, true);
  }
  return rk & 1 ? v / 100 : v;
}

function f64(b: Uint8Array, o: number): number {
  return new DataView(b.buffer, b.byteOffset + o, 8).getFloat64(0, true);
}

/** One worksheet as TAB-separated text; `budget` is what the text of all sheets may still grow by. */
function sheetText(wb: Workbook, at: number, budget: { left: number; max: number }): string {
  const { stream } = wb;
  if (at + 4 > stream.length || u16(stream, at) !== BOF) throw new XlsError(`the sheet's BOF record is not at offset ${at} of the Workbook stream (${stream.length} bytes)`);
  const r = new Records(stream, at);
  r.next();
  const rows: string[][] = [];
  const set = (row: number, col: number, value: string, at: number): void => {
    if (row >= MAX_ROWS || col >= MAX_COLUMNS) throw new XlsError(`cell at offset ${at}: expected row 1–${MAX_ROWS} and column A–IV, found row ${row + 1}, column ${col + 1}`);
    const flat = value.replace(/[\t\r\n]+/g, ' ');
    // As in xlsx.ts: a cell that opens with a double quote is written quoted, as CSV would.
    const cell = flat.startsWith('"') ? `"${flat.replace(/"/g, '""')}"` : flat;
    budget.left -= cell.length + 1;
    if (budget.left < 0) throw new CfbLimitError(budget.max, 'the text of the sheet');
    (rows[row] ??= [])[col] = cell;
  };
  const num = (v: number, xf: number): string => {
    if (wb.dateXf[xf]) return excelSerialToIso(wb.date1904 ? v + DAYS_1904 : v) ?? String(v);
    return excelNumberText(String(v));
  };
  const need = (rec: Rec, n: number): Uint8Array => {
    if (rec.body.length < n) throw new XlsError(`record ${hex(rec.type)} at offset ${rec.at} has ${rec.body.length} bytes, expected at least ${n}`);
    return rec.body;
  };
  let pending: { row: number; col: number } | undefined;
  let depth = 1;
  for (;;) {
    const rec = r.next();
    if (!rec) throw new XlsError('the sheet ends without its EOF record');
    const t = rec.type;
    if (t === BOF) depth++;
    else if (t === EOF && --depth === 0) break;
    if (depth > 1) continue; // an embedded chart's substream
    if (t === STRING) {
      const text = wb.biff === 8 ? unicodeString(r.withContinues(rec), 2, 'STRING') : byteString(new Pieces([rec.body]), 2, wb.codepage, 'STRING');
      if (pending) set(pending.row, pending.col, text, rec.at);
      pending = undefined;
      continue;
    }
    if (t === SHRFMLA || t === ARRAY || t === TABLE || t === CONTINUE) continue;
    pending = undefined;
    switch (t) {
      case LABELSST: {
        const b = need(rec, 10);
        const i = u32(b, 6);
        if (i >= wb.strings.length) throw new XlsError(`LABELSST at offset ${rec.at} refers to shared string ${i}, the table has ${wb.strings.length}`);
        set(u16(b, 0), u16(b, 2), wb.strings[i] as string, rec.at);
        break;
      }
      case LABEL:
      case RSTRING: {
        const b = need(rec, 6);
        const p = t === LABEL && wb.biff === 8 ? r.withContinues(rec) : new Pieces([b]);
        p.skip(6, 'LABEL');
        set(u16(b, 0), u16(b, 2), wb.biff === 8 ? unicodeString(p, 2, 'LABEL') : byteString(p, 2, wb.codepage, 'LABEL'), rec.at);
        break;
      }
      case NUMBER: {
        const b = need(rec, 14);
        set(u16(b, 0), u16(b, 2), num(f64(b, 6), u16(b, 4)), rec.at);
        break;
      }
      case RK: {
        const b = need(rec, 10);
        set(u16(b, 0), u16(b, 2), num(rkValue(u32(b, 6)), u16(b, 4)), rec.at);
        break;
      }
      case MULRK: {
        const b = need(rec, 6);
        const row = u16(b, 0);
        const first = u16(b, 2);
        const n = Math.floor((b.length - 6) / 6);
        for (let i = 0; i < n; i++) set(row, first + i, num(rkValue(u32(b, 4 + i * 6 + 2)), u16(b, 4 + i * 6)), rec.at);
        break;
      }
      case FORMULA: {
        const b = need(rec, 14);
        const row = u16(b, 0);
        const col = u16(b, 2);
        if (b[12] === 0xff && b[13] === 0xff) {
          const kind = b[6] as number;
          if (kind === 0) pending = { row, col };
          else if (kind === 1) set(row, col, b[8] ? '1' : '0', rec.at);
          else if (kind === 2) set(row, col, ERRORS[b[8] as number] ?? '#N/A', rec.at);
          else set(row, col, '', rec.at);
        } else set(row, col, num(f64(b, 6), u16(b, 4)), rec.at);
        break;
      }
      case BOOLERR: {
        const b = need(rec, 8);
        set(u16(b, 0), u16(b, 2), b[7] ? (ERRORS[b[6] as number] ?? '#N/A') : b[6] ? '1' : '0', rec.at);
        break;
      }
      case BLANK: {
        const b = need(rec, 6);
        set(u16(b, 0), u16(b, 2), '', rec.at);
        break;
      }
      case MULBLANK: {
        const b = need(rec, 6);
        const n = Math.floor((b.length - 6) / 2);
        for (let i = 0; i < n; i++) set(u16(b, 0), u16(b, 2) + i, '', rec.at);
        break;
      }
    }
  }
  const lines: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i];
    lines.push(cells === undefined ? '' : Array.from(cells, (x) => x ?? '').join('\t'));
  }
  return lines.join('\n');
}

/**
 * The .xls workbook's first worksheet as TAB-separated text, one line per sheet row. With
 * `accept`, the first of its first {@link MAX_SHEETS} worksheets whose text it accepts, else the
 * first worksheet (as {@link xlsxToText}).
 */
export function xlsToText(bytes: Uint8Array, file?: string, limits: InputLimits = DEFAULT_INPUT_LIMITS, accept?: (text: string) => boolean): { text: string; sheet: string } {
  try {
    const cfb = readCompoundFile(bytes, limits.maxUncompressedBytes);
    const names = cfb.entries.filter((e) => e.type === 2 && !e.path.includes('/')).map((e) => e.name);
    const stream = cfb.read('Workbook') ?? cfb.read('Book');
    if (stream === undefined) {
      if (names.includes('EncryptedPackage')) throw new EncryptedError('Excel workbook (XLSX)');
      throw new XlsError(`expected a Workbook stream (an Excel 97–2003 workbook), the compound file holds ${names.length === 0 ? 'no streams' : names.join(', ')}`);
    }
    const wb = readWorkbook(stream);
    if (wb.sheets.length === 0) throw new XlsError('the workbook has no worksheet');
    const budget = { left: limits.maxUncompressedBytes, max: limits.maxUncompressedBytes };
    let first: { text: string; sheet: string } | undefined;
    const count = accept === undefined ? 1 : Math.min(wb.sheets.length, MAX_SHEETS);
    for (let k = 0; k < count; k++) {
      const sheet = wb.sheets[k] as { name: string; at: number };
      const out = { text: sheetText(wb, sheet.at, budget), sheet: sheet.name };
      if (first === undefined) first = out;
      if (accept === undefined || accept(out.text)) return out;
    }
    return first as { text: string; sheet: string };
  } catch (e) {
    if (e instanceof StatementParseError) throw e;
    if (e instanceof EncryptedError) {
      throw new StatementParseError(
        'UNSUPPORTED_CONTAINER',
        `Encrypted (password-protected) ${e.message}: expected an unprotected workbook; open it in Excel, remove the password and save it again, or save the sheet as CSV`,
        { file, cause: e },
      );
    }
    if (e instanceof CfbLimitError) {
      throw new StatementParseError('INPUT_TOO_LARGE', `Excel 97–2003 workbook (XLS): ${e.message} (limits.maxUncompressedBytes): expected an ordinary workbook`, { file, cause: e });
    }
    throw new StatementParseError('UNSUPPORTED_CONTAINER', `Unreadable Excel 97–2003 workbook (XLS): ${(e as Error).message}`, { file, cause: e });
  }
}
