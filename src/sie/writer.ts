/**
 * SIE 4 writer: {@link SieDocument} → bytes a conformant reader and Fortnox/Visma imports accept
 * (formats.md §1.4, §1.9). Fixed record order, CRLF, CP437 by default, amounts with two decimals,
 * `#FLAGGA`/`#FORMAT`/`#SIETYP`/`#ORGNR` never quoted (Fortnox's "Fail to format date"), every text
 * quoted and cleaned so no input can break a record or start a new one. Deterministic: the same
 * document and options always give the same bytes.
 */
import { InvalidOptionError, SieVoucherWriteError, SieWriteError, UnbalancedVoucherError } from '../core/errors.js';
import { sumAmounts } from '../core/money.js';
import { basAccountName } from './bas-2025.js';
import { SieCrc } from './checksum.js';
import { cp437Table, toCp437Text } from './cp437.js';
import type {
  SieDocument,
  SieFileType,
  SieObjectRef,
  SieTransaction,
  SieUndeclaredAccountPolicy,
  SieVoucher,
  SieWriteEncoding,
  WriteSieOptions,
} from './types.js';
import { SIE_FILE_TYPES, SIE_UNDECLARED_ACCOUNT_POLICIES, SIE_WRITE_ENCODINGS } from './types.js';
import { formatSieAmount, formatSieDate, formatSiePeriod, formatSieQuantity, isDigits } from './values.js';

/** Written as `#PROGRAM "kontera" <version>`; kept equal to package.json's version by a test. */
export const KONTERA_VERSION = '0.1.0';

/** Fortnox's documented limit for voucher and row texts. */
export const FORTNOX_TEXT_LIMIT = 50;

/** Said when writeSie wrote a `#KONTO` name the document did not have. */
export interface SieWriteWarning {
  readonly code: 'ACCOUNT_NAME_SUPPLIED';
  readonly account: string;
  /** Where the name came from: the client's chart, BAS 2025, or the account number itself. */
  readonly source: 'chart' | 'bas' | 'number';
  readonly name: string;
  readonly message: string;
}

/** How writeSie names used accounts the document's `accounts` lack (the default policy). */
export interface WriteSieNaming {
  /** The client's chart of accounts (number → name), consulted before BAS. */
  readonly chart?: ReadonlyMap<string, string> | Readonly<Record<string, string>> | undefined;
  /** Receives one warning per account whose name writeSie supplied. */
  readonly onWarning?: ((warning: SieWriteWarning) => void) | undefined;
}

/**
 * Writes a SIE 4 file (4I by default) as bytes.
 *
 * A used account without a `#KONTO` record in `accounts` is written with a name from `chart` (the
 * client's chart), else its BAS 2025 name, else its number, and reported through `onWarning`;
 * `undeclaredAccounts: 'error'` refuses such a document instead, `'omit'` leaves the record out.
 *
 * Refuses, with a typed error and nothing written: an unbalanced voucher
 * ({@link UnbalancedVoucherError}); a voucher with no rows, or (4I) with struck rows only, and a
 * row with an empty object id (`{1 ""}`), which importing programs reject or mis-import
 * ({@link SieVoucherWriteError}, naming the voucher and row); an invalid date, account, amount or
 * object, or an `#OBJEKT` or balance with an empty object id (`SieWriteError`).
 *
 * Texts are made safe rather than refused: control characters (tab, newline, …) become spaces, a
 * `"` is written `\"`, a final backslash becomes `/` (it would read as `\"`), and in CP437 output
 * characters CP437 lacks are transliterated (`€` → `EUR`, `–` → `-`) or become `?`.
 *
 * ```ts
 * const bytes = writeSie(doc, { type: '4I', checksum: true, maxTextLength: true });
 * ```
 */
export function writeSie(doc: SieDocument, options: WriteSieOptions & WriteSieNaming = {}): Uint8Array {
  const type: SieFileType = options.type ?? '4I';
  if (!SIE_FILE_TYPES.includes(type)) throw new InvalidOptionError(`writeSie: expected type "4I" or "4E", got ${JSON.stringify(type)}`);
  const encoding: SieWriteEncoding = options.encoding ?? 'cp437';
  if (!SIE_WRITE_ENCODINGS.includes(encoding)) throw new InvalidOptionError(`writeSie: expected encoding "cp437" or "utf-8", got ${JSON.stringify(encoding)}`);
  const undeclared: UndeclaredPolicy = options.undeclaredAccounts ?? 'name';
  if (undeclared !== 'name' && !SIE_UNDECLARED_ACCOUNT_POLICIES.includes(undeclared)) {
    throw new InvalidOptionError(`writeSie: expected undeclaredAccounts "error" or "omit", got ${JSON.stringify(undeclared)}`);
  }
  const max = options.maxTextLength === true ? FORTNOX_TEXT_LIMIT : options.maxTextLength;
  if (max !== undefined && (!Number.isSafeInteger(max) || max < 1)) {
    throw new InvalidOptionError(`writeSie: expected maxTextLength to be a positive integer or true, got ${String(max)}`);
  }
  const chart = options.chart;
  const chartName = chart === undefined ? undefined : chart instanceof Map ? (n: string) => chart.get(n) : (n: string) => (chart as Readonly<Record<string, string>>)[n];
  const naming = { chartName, onWarning: options.onWarning };
  return new Writer(doc, type, encoding, options.checksum === true, max, undeclared, options.generatedDate, naming).write();
}

/** `name` (the default): supply missing names; the public policies refuse or omit. */
type UndeclaredPolicy = SieUndeclaredAccountPolicy | 'name';

interface Naming {
  readonly chartName: ((account: string) => string | undefined) | undefined;
  readonly onWarning: ((warning: SieWriteWarning) => void) | undefined;
}

const SIMPLE_TOKEN = /^[A-Za-z0-9]+$/;
const ORGNR_TOKEN = /^[A-Za-z0-9-]+$/;
const CONTROL = /[\x00-\x1f\x7f]/g;
const NO_PAIRS: readonly string[] = [];
const CHUNK_SIZE = 1 << 20;

class Writer {
  readonly #doc: SieDocument;
  readonly #type: SieFileType;
  readonly #cp437: boolean;
  readonly #max: number | undefined;
  readonly #undeclared: UndeclaredPolicy;
  readonly #naming: Naming;
  readonly #generatedDate: string | undefined;
  readonly #out: Output;
  readonly #table = cp437Table();
  #lastIso = '';
  #lastDate = '';
  #lastRaw = '';
  #lastLimit: number | undefined;
  #lastClean = '';

  constructor(
    doc: SieDocument,
    type: SieFileType,
    encoding: SieWriteEncoding,
    checksum: boolean,
    max: number | undefined,
    undeclared: UndeclaredPolicy,
    generatedDate: string | undefined,
    naming: Naming,
  ) {
    this.#naming = naming;
    this.#doc = doc;
    this.#type = type;
    this.#cp437 = encoding === 'cp437';
    this.#max = max;
    this.#undeclared = undeclared;
    this.#generatedDate = generatedDate;
    this.#out = new Output(encoding, checksum);
  }

  write(): Uint8Array {
    const doc = this.#doc;
    // Check everything before writing a byte: a refused document must not depend on how far we got.
    for (const v of doc.vouchers) this.#checkVoucher(v);
    const used = this.#usedAccounts();
    if (this.#undeclared === 'error') this.#refuseUndeclared(used);
    this.#header();
    this.#chart(used);
    if (this.#type === '4E') this.#balances();
    for (const v of doc.vouchers) this.#voucher(v);
    return this.#out.finish();
  }

  // ---- text handling

  /** Makes user text safe to put between quotes. */
  #clean(s: string, limit?: number): string {
    // Rows often repeat their voucher's text.
    if (s === this.#lastRaw && limit === this.#lastLimit) return this.#lastClean;
    let t = s;
    if (this.#needsCleaning(t)) {
      t = t.replace(CONTROL, ' ');
      if (this.#cp437) t = toCp437Text(t);
    }
    if (limit !== undefined && t.length > limit) t = [...t].slice(0, limit).join('');
    // `\` right before the closing quote would read as an escaped quote.
    if (t.charCodeAt(t.length - 1) === 92) t = t.slice(0, -1) + '/';
    this.#lastRaw = s;
    this.#lastLimit = limit;
    this.#lastClean = t;
    return t;
  }

  /** One scan, no allocation: control characters, or (CP437 output) characters CP437 lacks. */
  #needsCleaning(s: string): boolean {
    const table = this.#table;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 32 || c === 127) return true;
      if (c >= 128 && this.#cp437 && (table[c] ?? -1) < 0) return true;
    }
    return false;
  }

  #text(s: string, limit?: number): void {
    this.#out.quoted(this.#clean(s, limit));
  }

  /** A value written unquoted when it is a plain token (series, numbers, codes), else quoted. */
  #tokenOrQuoted(s: string): void {
    if (s !== '' && SIMPLE_TOKEN.test(s)) this.#out.token(s);
    else this.#out.quoted(this.#clean(s));
  }

  #date(iso: string, what: string): string {
    if (iso === this.#lastIso) return this.#lastDate;
    const d = formatSieDate(iso);
    if (d === undefined) throw new SieWriteError('SIE_WRITE', `Cannot write ${what}: expected an ISO date YYYY-MM-DD, found ${JSON.stringify(iso)}`, { field: what });
    this.#lastIso = iso;
    this.#lastDate = d;
    return d;
  }

  // ---- sections

  #header(): void {
    const h = this.#doc.header;
    const out = this.#out;
    out.begin('#FLAGGA').token('0').end();
    out.startChecksum();
    // PC8 means CP437: UTF-8 bytes under it read as mojibake in a program that trusts the label
    // (formats.md §1.8), and a file without #FORMAT is refused by Spiris, so UTF-8 output says
    // UTF8, the label the generators that write UTF-8 use and readSie understands.
    out.begin('#FORMAT').token(this.#cp437 ? 'PC8' : 'UTF8').end();
    out.begin('#SIETYP').token('4').end();
    out.begin('#PROGRAM').quoted('kontera').token(KONTERA_VERSION).end();
    const gen = this.#generatedDate ?? h.generated?.date;
    if (gen === undefined) {
      throw new SieWriteError('SIE_WRITE', 'Cannot write #GEN: expected options.generatedDate or header.generated.date, found neither', { field: 'generated' });
    }
    out.begin('#GEN').token(this.#date(gen, '#GEN date'));
    if (h.generated?.sign !== undefined && this.#generatedDate === undefined) this.#text(h.generated.sign);
    out.end();
    if (h.prosa !== undefined) {
      out.begin('#PROSA');
      this.#text(h.prosa);
      out.end();
    }
    if (h.companyType !== undefined) this.#simple('#FTYP', h.companyType);
    if (h.companyId !== undefined) {
      out.begin('#FNR');
      this.#tokenOrQuoted(h.companyId);
      out.end();
    }
    if (h.orgNumber !== undefined) {
      const o = h.orgNumber;
      out.begin('#ORGNR');
      if (ORGNR_TOKEN.test(o.number)) out.token(o.number);
      else this.#text(o.number);
      if (o.acquisitionNumber !== undefined || o.activityNumber !== undefined) this.#tokenOrQuoted(o.acquisitionNumber ?? '');
      if (o.activityNumber !== undefined) this.#tokenOrQuoted(o.activityNumber);
      out.end();
    }
    if (h.industryCode !== undefined && this.#type === '4E') this.#simple('#BKOD', h.industryCode);
    if (h.address !== undefined) {
      const a = h.address;
      out.begin('#ADRESS');
      this.#text(a.contact);
      this.#text(a.street);
      this.#text(a.postal);
      this.#text(a.phone);
      out.end();
    }
    if (h.companyName === undefined) {
      throw new SieWriteError('SIE_WRITE', 'Cannot write #FNAMN: expected header.companyName (the record is mandatory), found none', { field: 'companyName' });
    }
    out.begin('#FNAMN');
    this.#text(h.companyName);
    out.end();
    for (const y of h.fiscalYears) {
      if (!Number.isSafeInteger(y.yearIndex) || y.yearIndex > 0) {
        throw new SieWriteError('SIE_WRITE', `Cannot write #RAR: expected a year index 0, -1, -2…, found ${y.yearIndex}`, { field: 'yearIndex' });
      }
      out.begin('#RAR').token(String(y.yearIndex));
      if (y.start !== undefined || y.end !== undefined) {
        this.#optionalDate(y.start, '#RAR start');
        this.#optionalDate(y.end, '#RAR end');
      }
      out.end();
    }
    if (h.taxYear !== undefined) out.begin('#TAXAR').token(String(h.taxYear)).end();
    if (h.balancesAsOf !== undefined && this.#type === '4E') out.begin('#OMFATTN').token(this.#date(h.balancesAsOf, '#OMFATTN')).end();
    if (h.chartType !== undefined) this.#simple('#KPTYP', h.chartType);
    if (h.currency !== undefined) this.#simple('#VALUTA', h.currency);
  }

  #optionalDate(iso: string | undefined, what: string): void {
    if (iso === undefined) this.#out.quoted('');
    else this.#out.token(this.#date(iso, what));
  }

  /** A one-field code record, unquoted when it can be (Fortnox rejects some quoted codes). */
  #simple(label: string, value: string): void {
    this.#out.begin(label);
    this.#tokenOrQuoted(value);
    this.#out.end();
  }

  #refuseUndeclared(used: Set<string>): void {
    const declared = new Set(this.#doc.accounts.map((a) => a.number));
    const missing = [...used].filter((n) => !declared.has(n)).sort();
    if (missing.length > 0) {
      throw new SieWriteError(
        'SIE_WRITE',
        `Cannot write #KONTO for account${missing.length === 1 ? '' : 's'} ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}: expected a name in accounts for every account the vouchers use, found none (undeclaredAccounts: 'error'; leave it unset to name them from the chart or BAS)`,
        { field: 'accounts' },
      );
    }
  }

  #usedAccounts(): Set<string> {
    const used = new Set<string>();
    for (const v of this.#doc.vouchers) {
      for (const t of v.transactions) used.add(t.account);
      for (const t of v.removed) used.add(t.account);
    }
    return used;
  }

  #chart(used: Set<string>): void {
    const doc = this.#doc;
    const out = this.#out;
    const all = this.#type === '4E';
    const declared = new Set<string>();
    for (const a of doc.accounts) {
      declared.add(a.number);
      if (!all && !used.has(a.number)) continue;
      const number = this.#account(a.number, `#KONTO ${a.number}`);
      out.begin('#KONTO').token(number);
      this.#text(a.name);
      out.end();
      if (a.type !== undefined) out.begin('#KTYP').token(number).token(a.type).end();
      if (a.unit !== undefined) {
        out.begin('#ENHET').token(number);
        this.#text(a.unit);
        out.end();
      }
      for (const sru of a.sru) {
        out.begin('#SRU').token(number);
        this.#tokenOrQuoted(sru);
        out.end();
      }
    }
    if (this.#undeclared === 'name') {
      const missing = [...used].filter((n) => !declared.has(n)).sort();
      for (const n of missing) {
        const number = this.#account(n, `#KONTO ${n}`);
        const fromChart = this.#naming.chartName?.(n);
        const bas = fromChart === undefined || fromChart.trim() === '' ? basAccountName(n) : undefined;
        const source = fromChart !== undefined && fromChart.trim() !== '' ? 'chart' : bas !== undefined ? 'bas' : 'number';
        const name = source === 'chart' ? (fromChart as string) : (bas ?? n);
        out.begin('#KONTO').token(number);
        this.#text(name);
        out.end();
        const from = source === 'chart' ? "the client's chart" : source === 'bas' ? 'BAS 2025' : 'its number (neither the chart nor BAS 2025 names it)';
        this.#naming.onWarning?.({
          code: 'ACCOUNT_NAME_SUPPLIED',
          account: n,
          source,
          name,
          message: `Account ${n} had no #KONTO record in the document: written as "${name}" from ${from}`,
        });
      }
    }

    const usedObjects = new Map<number, Set<string>>();
    if (!all) {
      for (const v of doc.vouchers) {
        for (let k = 0; k < 2; k++) {
          for (const t of k === 0 ? v.transactions : v.removed) {
            for (const o of t.objects) {
              let ids = usedObjects.get(o.dimension);
              if (!ids) usedObjects.set(o.dimension, (ids = new Set()));
              ids.add(o.object);
            }
          }
        }
      }
    }
    for (const d of doc.dimensions) {
      if (!all && !usedObjects.has(d.number)) continue;
      this.#dimensionNumber(d.number);
      if (d.parent === undefined) {
        out.begin('#DIM').token(String(d.number));
        this.#text(d.name);
      } else {
        this.#dimensionNumber(d.parent);
        out.begin('#UNDERDIM').token(String(d.number));
        this.#text(d.name);
        out.token(String(d.parent));
      }
      out.end();
    }
    for (const o of doc.objects) {
      if (!all && usedObjects.get(o.dimension)?.has(o.id) !== true) continue;
      this.#dimensionNumber(o.dimension);
      if (this.#clean(o.id).trim() === '') {
        throw new SieWriteError('SIE_WRITE', `Cannot write #OBJEKT ${o.dimension} ${JSON.stringify(o.name)}: expected a non-empty object id, found ${JSON.stringify(o.id)}`, { field: 'objects' });
      }
      out.begin('#OBJEKT').token(String(o.dimension));
      this.#text(o.id);
      this.#text(o.name);
      out.end();
    }
  }

  #balances(): void {
    const doc = this.#doc;
    const out = this.#out;
    for (const b of doc.balances) {
      out.begin(`#${b.kind}`).token(this.#yearIndex(b.yearIndex)).token(this.#account(b.account, `#${b.kind}`)).token(this.#amount(b.amount, `#${b.kind}`));
      if (b.quantity !== undefined) out.token(this.#quantity(b.quantity));
      out.end();
    }
    for (const b of doc.objectBalances) {
      out.begin(`#${b.kind}`).token(this.#yearIndex(b.yearIndex)).token(this.#account(b.account, `#${b.kind}`));
      this.#objects(b.objects, `#${b.kind} ${b.account}`);
      out.token(this.#amount(b.amount, `#${b.kind}`));
      if (b.quantity !== undefined) out.token(this.#quantity(b.quantity));
      out.end();
    }
    for (const b of doc.periodBalances) {
      const period = formatSiePeriod(b.period);
      if (period === undefined) throw new SieWriteError('SIE_WRITE', `Cannot write #${b.kind}: expected a period YYYY-MM, found ${JSON.stringify(b.period)}`, { field: 'period' });
      out.begin(`#${b.kind}`).token(this.#yearIndex(b.yearIndex)).token(period).token(this.#account(b.account, `#${b.kind}`));
      this.#objects(b.objects, `#${b.kind} ${b.account}`);
      out.token(this.#amount(b.amount, `#${b.kind}`));
      if (b.quantity !== undefined) out.token(this.#quantity(b.quantity));
      out.end();
    }
  }

  // ---- vouchers

  #checkVoucher(v: SieVoucher): void {
    const name = (): string => `voucher ${v.series || '(no series)'} ${v.number || '(no number)'}`;
    this.#checkDate(v.date, () => `${name()} date`);
    if (v.registrationDate !== undefined) this.#checkDate(v.registrationDate, () => `${name()} registration date`);
    const refuse = (row: number | undefined, message: string): never => {
      throw new SieVoucherWriteError(v.series, v.number, row, `Cannot write ${name()} dated ${v.date}: ${message}`, { line: v.line, field: row === undefined ? 'transactions' : `row ${row}` });
    };
    // A #VER over an empty {} is refused by some importers and left as an empty voucher by others.
    if (v.transactions.length === 0 && v.removed.length === 0) refuse(undefined, 'expected at least one #TRANS row, found none');
    // An export may show a voucher whose every row was struck (Fortnox does); an import file adds nothing with it.
    if (v.transactions.length === 0 && this.#type === '4I') refuse(undefined, `expected at least one #TRANS row in a 4I file, found only ${v.removed.length} struck (#BTRANS) row${v.removed.length === 1 ? '' : 's'}`);
    let index = 0;
    for (let k = 0; k < 2; k++) {
      const rows = k === 0 ? v.transactions : v.removed;
      for (const t of rows) {
        index++;
        if (!isDigits(t.account)) this.#account(t.account, name());
        if (!Number.isSafeInteger(t.amount)) this.#amount(t.amount, name());
        if (t.date !== undefined) this.#checkDate(t.date, () => `${name()} row date`);
        if (t.quantity !== undefined) this.#quantity(t.quantity);
        for (const o of t.objects) {
          this.#dimensionNumber(o.dimension);
          // Checked as written: a control character becomes a space.
          if (this.#clean(o.object).trim() === '') {
            refuse(index, `expected a non-empty object id for dimension ${o.dimension} on row ${index} (${k === 0 ? '#TRANS' : '#BTRANS'} ${t.account}), found ${JSON.stringify(o.object)}; leave the object out instead`);
          }
        }
      }
    }
    // Exact even past 2^53 (a float sum rounds an öre away there); every amount is safe by now.
    let sum: number;
    try {
      sum = sumAmounts(v.transactions);
    } catch {
      sum = Number.POSITIVE_INFINITY;
    }
    if (sum !== 0) throw new UnbalancedVoucherError(v.series, v.number, sum, { line: v.line });
  }

  #checkDate(iso: string, what: () => string): void {
    if (iso !== this.#lastIso) this.#date(iso, what());
  }

  #voucher(v: SieVoucher): void {
    const out = this.#out;
    out.begin('#VER');
    if (v.series === '') out.quoted('');
    else this.#tokenOrQuoted(v.series);
    if (v.number === '') out.quoted('');
    else this.#tokenOrQuoted(v.number);
    out.token(this.#date(v.date, 'voucher date'));
    this.#text(v.text, this.#max);
    if (v.registrationDate !== undefined || v.sign !== undefined) this.#optionalDate(v.registrationDate, 'registration date');
    if (v.sign !== undefined) this.#text(v.sign);
    out.end();
    out.line('{');
    for (const t of v.transactions) {
      if (t.added === true) {
        this.#row('#RTRANS', t, true);
        this.#row('#TRANS', t, false);
      } else {
        this.#row('#TRANS', t, true);
      }
    }
    for (const t of v.removed) this.#row('#BTRANS', t, true);
    out.line('}');
  }

  #row(label: string, t: SieTransaction, withSign: boolean): void {
    const out = this.#out;
    out.begin(label).token(t.account);
    this.#objects(t.objects, `${label} ${t.account}`);
    out.amount(t.amount);
    const sign = withSign ? t.sign : undefined;
    const last = sign !== undefined ? 6 : t.quantity !== undefined ? 5 : t.text !== undefined ? 4 : t.date !== undefined ? 3 : 2;
    if (last >= 3) this.#optionalDate(t.date, 'row date');
    if (last >= 4) this.#text(t.text ?? '', this.#max);
    if (last >= 5) {
      if (t.quantity === undefined) out.quoted('');
      else out.token(this.#quantity(t.quantity));
    }
    if (sign !== undefined) this.#text(sign);
    out.end();
  }

  #objects(list: readonly SieObjectRef[], what: string): void {
    if (list.length === 0) {
      this.#out.objects(NO_PAIRS);
      return;
    }
    const cleaned: string[] = [];
    for (const o of list) {
      if (this.#clean(o.object).trim() === '') {
        throw new SieWriteError('SIE_WRITE', `Cannot write ${what}: expected a non-empty object id for dimension ${o.dimension}, found ${JSON.stringify(o.object)}`, { field: 'objects' });
      }
      cleaned.push(String(this.#dimensionNumber(o.dimension)), this.#clean(o.object));
    }
    this.#out.objects(cleaned);
  }

  // ---- value checks

  #account(number: string, what: string): string {
    if (!isDigits(number)) throw new SieWriteError('SIE_WRITE', `Cannot write ${what}: expected a numeric account number, found ${JSON.stringify(number)}`, { field: 'account' });
    return number;
  }

  #amount(ore: number, what: string): string {
    if (!Number.isSafeInteger(ore)) throw new SieWriteError('SIE_WRITE', `Cannot write ${what}: expected an amount as an integer number of öre, found ${String(ore)}`, { field: 'amount' });
    return formatSieAmount(ore);
  }

  #quantity(q: number): string {
    const s = formatSieQuantity(q);
    if (s === undefined) throw new SieWriteError('SIE_WRITE', `Cannot write a quantity: expected a finite decimal number, found ${String(q)}`, { field: 'quantity' });
    return s;
  }

  #yearIndex(i: number): string {
    if (!Number.isSafeInteger(i) || i > 0) throw new SieWriteError('SIE_WRITE', `Cannot write a balance: expected a year index 0, -1, -2…, found ${String(i)}`, { field: 'yearIndex' });
    return String(i);
  }

  #dimensionNumber(d: number): number {
    if (!Number.isSafeInteger(d) || d < 1) throw new SieWriteError('SIE_WRITE', `Cannot write an object: expected a dimension number ≥ 1, found ${String(d)}`, { field: 'dimension' });
    return d;
  }
}

/**
 * Writes the file straight into one growing byte buffer (no per-line strings: a million rows
 * must not make millions of temporary strings), feeding `#KSUMMA` with each record's label and
 * field contents as it goes.
 */
class Output {
  readonly #cp437: boolean;
  readonly #table: Int16Array;
  readonly #crc: SieCrc | undefined;
  readonly #utf8 = new TextEncoder();
  #crcOn = false;
  readonly #chunks: Uint8Array[] = [];
  #done = 0;
  #buf = new Uint8Array(CHUNK_SIZE);
  #len = 0;

  constructor(encoding: SieWriteEncoding, checksum: boolean) {
    this.#cp437 = encoding === 'cp437';
    this.#table = cp437Table();
    this.#crc = checksum ? new SieCrc() : undefined;
    // No byte-order mark, also in UTF-8: the spec wants `#FLAGGA` to be the file's first bytes, and
    // importers that read them literally would not find it; `#FORMAT UTF8` says the encoding.
  }

  /** Writes the bare `#KSUMMA` that opens checksumming (right after `#FLAGGA`). */
  startChecksum(): void {
    if (this.#crc === undefined) return;
    this.line('#KSUMMA');
    this.#crcOn = true;
  }

  begin(label: string): this {
    this.#put(label, false);
    if (this.#crcOn) this.#crc?.add(label);
    return this;
  }

  /** An unquoted field; the caller guarantees it has no whitespace or quote. */
  token(s: string): this {
    this.#byte(32);
    this.#put(s, false);
    if (this.#crcOn) this.#crc?.add(s);
    return this;
  }

  /** A quoted field; `s` is already cleaned of control characters and a final backslash. */
  quoted(s: string): this {
    this.#byte(32);
    this.#byte(34);
    this.#put(s, true);
    this.#byte(34);
    if (this.#crcOn) this.#crc?.add(s);
    return this;
  }

  /** An object list from dimension/object pairs (objects already cleaned). */
  objects(pairs: readonly string[]): this {
    this.#byte(32);
    this.#byte(123);
    for (let i = 0; i < pairs.length; i += 2) {
      const dim = pairs[i] ?? '';
      const obj = pairs[i + 1] ?? '';
      if (i > 0) this.#byte(32);
      this.#put(dim, false);
      this.#byte(32);
      this.#byte(34);
      this.#put(obj, true);
      this.#byte(34);
      if (this.#crcOn) {
        this.#crc?.add(dim);
        this.#crc?.add(obj);
      }
    }
    this.#byte(125);
    return this;
  }

  end(): void {
    this.#byte(13);
    this.#byte(10);
  }

  /** A whole line that is not part of the checksum (`{`, `}`, the `#KSUMMA` markers). */
  line(text: string): void {
    this.#put(text, false);
    this.end();
  }

  finish(): Uint8Array {
    if (this.#crc !== undefined) {
      this.#crcOn = false;
      this.line(`#KSUMMA ${this.#crc.value()}`);
    }
    // One exact-size copy at the end; full chunks were set aside as they filled.
    const total = this.#done + this.#len;
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of this.#chunks) {
      out.set(c, at);
      at += c.length;
    }
    out.set(this.#buf.subarray(0, this.#len), at);
    return out;
  }

  /** An amount in öre with two decimals, written digit by digit (no string unless checksumming). */
  amount(ore: number): this {
    if (this.#crcOn) return this.token(formatSieAmount(ore));
    this.#reserve(24);
    const buf = this.#buf;
    let len = this.#len;
    buf[len++] = 32;
    let abs = ore;
    if (ore < 0) {
      buf[len++] = 45;
      abs = -ore;
    }
    const cents = abs % 100;
    let kr = (abs - cents) / 100;
    const start = len;
    do {
      buf[len++] = 48 + (kr % 10);
      kr = Math.floor(kr / 10);
    } while (kr > 0);
    buf.subarray(start, len).reverse();
    buf[len++] = 46;
    buf[len++] = 48 + Math.floor(cents / 10);
    buf[len++] = 48 + (cents % 10);
    this.#len = len;
    return this;
  }

  #byte(b: number): void {
    if (this.#len === this.#buf.length) this.#reserve(1);
    this.#buf[this.#len++] = b;
  }

  /** Encodes `s`, writing `"` as `\"` when `escape` is set. */
  #put(s: string, escape: boolean): void {
    const n = s.length;
    this.#reserve(this.#cp437 ? 2 * n : 6 * n);
    const buf = this.#buf;
    let len = this.#len;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 128) {
        if (c === 34 && escape) buf[len++] = 92;
        buf[len++] = c;
      } else if (this.#cp437) {
        const b = this.#table[c] ?? -1;
        buf[len++] = b < 0 ? 63 : b;
      } else {
        // Non-ASCII in UTF-8 output: let TextEncoder handle the rest of the string (surrogates included).
        this.#len = len;
        this.#putUtf8(s.slice(i), escape);
        return;
      }
    }
    this.#len = len;
  }

  #putUtf8(s: string, escape: boolean): void {
    const text = escape && s.indexOf('"') >= 0 ? s.replace(/"/g, '\\"') : s;
    this.#reserve(3 * text.length);
    this.#len += this.#utf8.encodeInto(text, this.#buf.subarray(this.#len)).written;
  }

  /** Makes room for `extra` bytes: a full chunk is set aside and a new one started. */
  #reserve(extra: number): void {
    if (this.#len + extra <= this.#buf.length) return;
    if (this.#len > 0) {
      this.#chunks.push(this.#buf.subarray(0, this.#len));
      this.#done += this.#len;
    }
    this.#buf = new Uint8Array(Math.max(CHUNK_SIZE, extra));
    this.#len = 0;
  }
}
