/**
 * Transactions as JSON: what open-banking (PSD2) APIs and the services built on them hand out —
 * the Berlin Group's NextGenPSD2 shape (`transactions.booked[]` with `bookingDate`,
 * `transactionAmount.amount`, `creditorName`, `remittanceInformationUnstructured`, …), its
 * snake_case relatives (`transaction_amount`, `credit_debit_indicator`, `remittance_information`),
 * an amount as an unscaled integer and a scale, or simply an array of objects whose keys are a
 * bank export's column headers (`Bokföringsdag`, `Belopp`, `Text`).
 *
 * The file is read by a parser of its own (linear, iterative, nesting bounded by
 * `limits.maxJsonDepth`, numbers kept as their text so an amount never passes through a float),
 * the array that holds the transactions is found by content (the one with the most objects that
 * name a date and an amount), and each transaction becomes one row of a table in the workbook-sheet
 * form the header reader already reads (TAB between cells, see `Head.workbook`), one row after the
 * other; `rows` keeps every row's JSON line and path, which transactions, warnings and errors get
 * back (see `parseStatement`).
 *
 * Which party is the counterparty depends on the direction, as in ISO 20022: the creditor of money
 * going out, the debtor of money coming in (the other is the account's holder, often named too).
 */
import type { JsonRow } from '../core/encoding.js';
import { StatementParseError } from '../core/errors.js';
import { WORKBOOK_DELIMITER } from './format.js';
import { type HeaderMeaning, foldHeader, headerMeaning } from './synonyms.js';

/** A JSON number, kept as written (`-1234.50`, `12`, `1e3`). */
export class JsonNumber {
  constructor(readonly raw: string) {}
}

/** A JSON object and the 1-based line where it starts. */
export class JsonObject {
  constructor(
    readonly line: number,
    readonly fields: Map<string, JsonValue>,
  ) {}
}

export type JsonValue = string | JsonNumber | boolean | null | JsonValue[] | JsonObject;

/** The 1-based line where each array that {@link parseJson} read starts (arrays are plain arrays, so kept beside them). */
const arrayLines = new WeakMap<readonly JsonValue[], number>();

function fail(message: string, line: number, file: string | undefined): never {
  throw new StatementParseError('INVALID_ROW', `Invalid JSON: ${message}`, { file, line });
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Most values (objects, arrays, strings, numbers, literals) read from one document: some 200 000
 * open-banking transactions of about 15 values each. A document of millions of empty objects
 * (hostile, or not transactions at all) is refused before it costs gigabytes.
 */
export const MAX_JSON_VALUES = 3_000_000;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Parses JSON text (RFC 8259) without recursion: one pass, nesting at most `maxDepth` deep
 * (a typed `INPUT_TOO_LARGE` beyond it), every syntax error a typed error naming its line.
 */
export function parseJson(text: string, file: string | undefined, maxDepth: number): JsonValue {
  let i = 0;
  let line = 1;
  const n = text.length;
  // Open containers: an array, or an object with the key its next value goes under.
  const stack: ({ kind: 'array'; value: JsonValue[] } | { kind: 'object'; value: JsonObject; key: string | undefined })[] = [];
  let root: JsonValue | undefined;
  let done = false;

  const skip = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!WS.has(c)) return;
      if (c === 0x0a) line++;
      i++;
    }
  };
  const readString = (): string => {
    // text[i] is the opening quote.
    const start = ++i;
    let out = '';
    let from = start;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(from, i);
        i++;
        return out;
      }
      if (c < 0x20) fail('a control character inside a string (a string must end on the line it starts, with escapes for line breaks)', line, file);
      if (c === 0x5c) {
        out += text.slice(from, i);
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail(`expected four hex digits after \\u, got ${JSON.stringify(hex)}`, line, file);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const esc = e === undefined ? undefined : ESCAPES[e];
          if (esc === undefined) fail(`unknown escape \\${e ?? ''}`, line, file);
          out += esc;
          i += 2;
        }
        from = i;
        continue;
      }
      i++;
    }
    return fail('a string that never ends', line, file);
  };
  let values = 0;
  const put = (v: JsonValue): void => {
    if (++values > MAX_JSON_VALUES) throw new StatementParseError('INPUT_TOO_LARGE', `JSON too large: expected at most ${MAX_JSON_VALUES} values (some 200 000 transactions)`, { file, line });
    const top = stack[stack.length - 1];
    if (top === undefined) {
      root = v;
      done = true;
    } else if (top.kind === 'array') top.value.push(v);
    else {
      top.value.fields.set(top.key as string, v);
      top.key = undefined;
    }
  };
  const open = (c: { kind: 'array'; value: JsonValue[] } | { kind: 'object'; value: JsonObject; key: string | undefined }): void => {
    if (stack.length >= maxDepth) throw new StatementParseError('INPUT_TOO_LARGE', `JSON nested too deep: expected at most ${maxDepth} levels (limits.maxJsonDepth)`, { file, line });
    put(c.value);
    done = false;
    stack.push(c);
  };

  // After a value inside a container: a comma or the container's end.
  let afterValue = false;
  skip();
  if (i >= n) fail('no value', line, file);
  while (!done) {
    skip();
    if (i >= n) fail(`the file ends inside ${stack.length} open ${stack.length === 1 ? 'bracket' : 'brackets'}`, line, file);
    const top = stack[stack.length - 1];
    const ch = text[i] as string;
    if (afterValue && top !== undefined) {
      if (ch === ',') {
        i++;
        afterValue = false;
        skip();
        if (text[i] === ']' || text[i] === '}') fail('a comma before a closing bracket', line, file);
        if (top.kind === 'object') {
          if (text[i] !== '"') fail(`expected a quoted key after the comma, got ${JSON.stringify(text.slice(i, i + 12))}`, line, file);
          top.key = readString();
          skip();
          if (text[i] !== ':') fail(`expected ':' after the key "${top.key}"`, line, file);
          i++;
        }
        continue;
      }
      const close = top.kind === 'array' ? ']' : '}';
      if (ch !== close) fail(`expected ',' or '${close}', got ${JSON.stringify(text.slice(i, i + 12))}`, line, file);
      i++;
      stack.pop();
      if (stack.length === 0) done = true;
      continue;
    }
    if (ch === '{') {
      i++;
      const o = new JsonObject(line, new Map());
      open({ kind: 'object', value: o, key: undefined });
      skip();
      if (text[i] === '}') {
        i++;
        stack.pop();
        afterValue = true;
        if (stack.length === 0) done = true;
        continue;
      }
      if (text[i] !== '"') fail(`expected a quoted key, got ${JSON.stringify(text.slice(i, i + 12))}`, line, file);
      const s = stack[stack.length - 1] as { kind: 'object'; value: JsonObject; key: string | undefined };
      s.key = readString();
      skip();
      if (text[i] !== ':') fail(`expected ':' after the key "${s.key}"`, line, file);
      i++;
      continue;
    }
    if (ch === '[') {
      i++;
      const a: JsonValue[] = [];
      arrayLines.set(a, line);
      open({ kind: 'array', value: a });
      skip();
      if (text[i] === ']') {
        i++;
        stack.pop();
        afterValue = true;
        if (stack.length === 0) done = true;
      }
      continue;
    }
    if (ch === '"') put(readString());
    else if (text.startsWith('true', i)) {
      i += 4;
      put(true);
    } else if (text.startsWith('false', i)) {
      i += 5;
      put(false);
    } else if (text.startsWith('null', i)) {
      i += 4;
      put(null);
    } else {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (m === null) fail(`unexpected ${JSON.stringify(text.slice(i, i + 12))}`, line, file);
      i += m[0].length;
      put(new JsonNumber(m[0]));
    }
    afterValue = true;
  }
  skip();
  if (i < n) fail(`text after the end of the JSON value: ${JSON.stringify(text.slice(i, i + 12))}`, line, file);
  return root as JsonValue;
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

// ---------------------------------------------------------------------------------------------
// From JSON objects to table rows.

/**
 * What a transaction object's field means, by its path with each key folded as headers are
 * (lower case, letters and digits only: `transactionAmount.amount` and `transaction_amount.amount`
 * are both `transactionamount.amount`). Data, like the header synonyms: extend it when an API
 * names a field another way. A top-level key the header synonyms know (`Bokföringsdag`, `Amount`)
 * means what it means as a column header; a path listed here wins.
 */
export const JSON_FIELDS: Readonly<Record<string, readonly string[]>> = {
  bookingDate: ['bookingdate', 'bookingdatetime', 'bookeddate', 'bookeddatetime', 'bookedat', 'dates.booked', 'dates.booking', 'posteddate', 'postedat', 'postingdate'],
  valueDate: ['valuedate', 'valuedatetime', 'dates.value'],
  transactionDate: ['transactiondate', 'transactiondatetime', 'dates.transaction', 'createdat'],
  amount: ['transactionamount.amount', 'transactionamount.value', 'amount.amount', 'amount.value', 'amount'],
  currency: ['transactionamount.currency', 'transactionamount.currencycode', 'amount.currency', 'amount.currencycode', 'currency', 'currencycode'],
  balance: [
    'balanceaftertransaction.balanceamount.amount', 'balanceaftertransaction.amount.amount', 'balanceaftertransaction.amount', 'balanceaftertransaction',
    'runningbalance.amount', 'runningbalance', 'balance.amount', 'balance',
  ],
  text: ['remittanceinformationunstructured', 'remittanceinformationunstructuredarray', 'remittanceinformation', 'descriptions.original', 'description', 'descriptions.display', 'additionalinformation', 'text', 'narrative'],
  reference: ['remittanceinformationstructured', 'remittanceinformationstructured.reference', 'referencenumber', 'creditorreference', 'reference', 'ocr'],
  creditor: ['creditorname', 'creditor.name', 'ultimatecreditor', 'payeename'],
  debtor: ['debtorname', 'debtor.name', 'ultimatedebtor', 'payername'],
  creditorAccount: ['creditoraccount.iban', 'creditoraccount.bban', 'creditoraccount.pan', 'creditor.account.iban', 'creditoraccount.other.identification'],
  debtorAccount: ['debtoraccount.iban', 'debtoraccount.bban', 'debtoraccount.pan', 'debtor.account.iban', 'debtoraccount.other.identification'],
  merchant: ['merchantname', 'merchant.name', 'merchantinformation.merchantname', 'merchant'],
  type: ['proprietarybanktransactioncode', 'banktransactioncode.description', 'banktransactioncode', 'transactiontype', 'type'],
  sign: ['creditdebitindicator'],
  status: ['status', 'bookingstatus', 'transactionstatus'],
};

type JsonField = keyof typeof JSON_FIELDS;

let fieldOf: ReadonlyMap<string, { field: JsonField; rank: number }> | undefined;

/** Folded path → its field and its rank among the field's paths ({@link JSON_FIELDS}), built on first use. */
function fieldOfPath(path: string): { field: JsonField; rank: number } | undefined {
  if (fieldOf === undefined) {
    const m = new Map<string, { field: JsonField; rank: number }>();
    for (const [field, paths] of Object.entries(JSON_FIELDS)) paths.forEach((p, rank) => m.set(p, { field: field as JsonField, rank }));
    fieldOf = m;
  }
  return fieldOf.get(path);
}

/** The header meanings a top-level key may carry straight into the table (the rest are JSON_FIELDS' own). */
const HEADER_FIELDS: Partial<Record<HeaderMeaning, JsonField>> = {
  bookingDate: 'bookingDate',
  ledgerDate: 'bookingDate',
  date: 'bookingDate',
  transactionDate: 'transactionDate',
  valueDate: 'valueDate',
  amount: 'amount',
  balance: 'balance',
  text: 'text',
  message: 'reference',
  reference: 'reference',
  counterparty: 'merchant',
  type: 'type',
  currency: 'currency',
  sign: 'sign',
  status: 'status',
};

/** @internal The table's columns, in this order, named as the header reader knows them (a test checks each reads back as its meaning). */
export const COLUMNS = ['Booking date', 'Value date', 'Transaction date', 'Amount', 'Currency', 'Balance', 'Text', 'Reference', 'Counterparty', 'Counterparty account', 'Type', 'Status', 'Account number'] as const;
/** @internal */
export const COLUMN_MEANINGS: readonly HeaderMeaning[] = ['bookingDate', 'valueDate', 'transactionDate', 'amount', 'currency', 'balance', 'text', 'reference', 'counterparty', 'counterpartyAccount', 'type', 'status', 'account'];

/** A scalar of a transaction object as table text: numbers as written, a unscaled-value object as its decimal. */
function scalar(v: JsonValue): string | undefined {
  if (typeof v === 'string') return v.replace(/[\t\r\n]+/g, ' ').trim();
  if (v instanceof JsonNumber) return v.raw;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    // A list of text lines (remittance information in 140-character pieces).
    const parts = v.filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter((x) => x !== '');
    return parts.length === 0 ? undefined : parts.join(' ').replace(/[\t\r\n]+/g, ' ');
  }
  if (v instanceof JsonObject) {
    // An amount as an integer and a power of ten (`{ unscaledValue: "-12345", scale: "2" }` = -123.45).
    const u = v.fields.get('unscaledValue') ?? v.fields.get('unscaled_value');
    const s = v.fields.get('scale');
    const us = u instanceof JsonNumber || typeof u === 'string' ? String(u instanceof JsonNumber ? u.raw : u) : undefined;
    const ss = s instanceof JsonNumber || typeof s === 'string' ? String(s instanceof JsonNumber ? s.raw : s) : undefined;
    if (us !== undefined && ss !== undefined && /^-?\d+$/.test(us) && /^\d{1,2}$/.test(ss)) return unscale(us, Number(ss));
  }
  return undefined;
}

function unscale(digits: string, scale: number): string {
  const neg = digits.startsWith('-');
  const d = (neg ? digits.slice(1) : digits).padStart(scale + 1, '0');
  const whole = d.slice(0, d.length - scale);
  const frac = d.slice(d.length - scale);
  return `${neg ? '-' : ''}${whole}${scale > 0 ? `.${frac}` : ''}`;
}

/** Most levels of a transaction object read (`balanceAfterTransaction.balanceAmount.amount` is 3). */
const MAX_FIELD_DEPTH = 4;

/** Keys folded as headers are, remembered (an API repeats the same few keys in every object); emptied past {@link FOLDED_KEYS_KEPT}. */
const foldedKeys = new Map<string, string>();
const FOLDED_KEYS_KEPT = 4096;

function foldKey(key: string): string {
  let f = foldedKeys.get(key);
  if (f === undefined) {
    if (foldedKeys.size >= FOLDED_KEYS_KEPT) foldedKeys.clear();
    f = foldHeader(key);
    foldedKeys.set(key, f);
  }
  return f;
}

/** A transaction object's fields by meaning: the best-ranked path of each that has a value. */
function fieldsOf(o: JsonObject): Map<JsonField, string> {
  const best = new Map<JsonField, { rank: number; value: string }>();
  const consider = (field: JsonField, rank: number, value: string | undefined): void => {
    if (value === undefined || value === '') return;
    const had = best.get(field);
    if (had === undefined || rank < had.rank) best.set(field, { rank, value });
  };
  const walk = (obj: JsonObject, prefix: string, depth: number): void => {
    for (const [key, v] of obj.fields) {
      const path = prefix === '' ? foldKey(key) : `${prefix}.${foldKey(key)}`;
      const known = fieldOfPath(path);
      if (known !== undefined) consider(known.field, known.rank, scalar(v));
      else if (prefix === '' && !(v instanceof JsonObject)) {
        // A top-level key named as a column header (`Bokföringsdag`, `Belopp`, `Motpart`).
        const meaning = headerMeaning(key)?.meaning;
        const field = meaning === undefined ? undefined : HEADER_FIELDS[meaning];
        if (field !== undefined) consider(field, 100, scalar(v));
      }
      if (v instanceof JsonObject && depth < MAX_FIELD_DEPTH) walk(v, path, depth + 1);
    }
  };
  walk(o, '', 1);
  const out = new Map<JsonField, string>();
  for (const [f, { value }] of best) out.set(f, value);
  return out;
}

/** Where a document names the account its transactions are on (folded paths outside the transactions). */
const ACCOUNT_PATHS = ['account.iban', 'account.bban', 'account.accountnumber', 'iban', 'bban', 'accountnumber', 'account'];

/**
 * The account number a document gives outside its transactions, on the path down to them or in
 * the object that holds them (`{ account: { iban }, transactions: { booked: [...] } }`).
 */
function accountOf(root: JsonValue, found: Found): string | undefined {
  let best: { rank: number; value: string } | undefined;
  const look = (o: JsonObject, prefix: string, depth: number): void => {
    for (const [k, v] of o.fields) {
      const path = prefix === '' ? foldHeader(k) : `${prefix}.${foldHeader(k)}`;
      const rank = ACCOUNT_PATHS.indexOf(path);
      const value = typeof v === 'string' ? v.trim() : undefined;
      if (rank >= 0 && value !== undefined && value !== '' && (best === undefined || rank < best.rank)) best = { rank, value };
      if (v instanceof JsonObject && depth < 2 && v !== found.parent) look(v, path, depth + 1);
    }
  };
  if (root instanceof JsonObject) look(root, '', 1);
  if (found.parent !== undefined && found.parent !== root) look(found.parent, '', 1);
  return best?.value;
}

/** Keys of arrays that hold transactions not yet booked. */
const PENDING_KEYS = new Set(['pending', 'reserved', 'reservations', 'preliminary', 'upcoming']);

interface Found {
  readonly items: readonly JsonObject[];
  /** Position in the array of the first item (1 when the array's first element is its header row). */
  readonly offset: number;
  readonly path: string;
  readonly key: string | undefined;
  readonly parent: JsonObject | undefined;
}

function isTransaction(f: Map<JsonField, string>): boolean {
  return (f.has('bookingDate') || f.has('transactionDate') || f.has('valueDate')) && f.has('amount');
}

/**
 * The arrays of objects in a JSON document, with their path, found without recursion; each value
 * is looked at once at most (the parser bounds them at {@link MAX_JSON_VALUES}). Objects inside a
 * candidate array are not searched further (a transaction's own lists are not tables).
 */
function arraysOf(root: JsonValue): Found[] {
  const out: Found[] = [];
  const todo: { v: JsonValue; path: string; key: string | undefined; parent: JsonObject | undefined }[] = [{ v: root, path: '', key: undefined, parent: undefined }];
  while (todo.length > 0) {
    const { v, path, key, parent } = todo.pop() as (typeof todo)[number];
    if (Array.isArray(v)) {
      const objects = v.filter((x): x is JsonObject => x instanceof JsonObject);
      if (objects.length > 0 && objects.length >= v.length / 2) {
        out.push({ items: objects, offset: 0, path: path === '' ? '$' : path, key, parent });
        continue;
      }
      const table = rowsOfArrays(v, parent);
      if (table !== undefined) {
        out.push({ ...table, path: path === '' ? '$' : path, key, parent });
        continue;
      }
      v.forEach((x, i) => todo.push({ v: x, path: `${path}[${i}]`, key, parent }));
    } else if (v instanceof JsonObject) {
      for (const [k, x] of v.fields) todo.push({ v: x, path: path === '' ? k : `${path}.${k}`, key: k, parent: v });
    }
  }
  return out;
}

/** Keys that hold a table's column names beside its rows (`{"columns": […], "data": [[…], …]}`). */
const HEADER_KEYS = new Set(['columns', 'column', 'headers', 'header', 'fields', 'names', 'kolumner', 'rubriker']);

/** The column names when every element is a string (at least two of them). */
function namesOf(v: JsonValue | undefined): string[] | undefined {
  return Array.isArray(v) && v.length >= 2 && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/**
 * A table written as arrays, one per row (a spreadsheet's values, a data frame's "split" or
 * "values" form): its column names from a key beside it ({@link HEADER_KEYS}) in the object that
 * holds it, else from its first row when that row is all text (whether those are names is told
 * later, as for any array: by whether its rows then name a date and an amount). Each row becomes an object keyed
 * by the names, at the row's own line, so it reads as an array of objects does. Undefined when
 * the array is not such a table (most elements not arrays, or no names for the columns).
 */
function rowsOfArrays(v: readonly JsonValue[], parent: JsonObject | undefined): { items: JsonObject[]; offset: number } | undefined {
  const rows = v.filter((x): x is JsonValue[] => Array.isArray(x));
  if (rows.length < 2 || rows.length < v.length / 2) return undefined;
  // Names beside the rows first (then every row is data), else the first row's.
  let names: string[] | undefined;
  for (const [k, x] of parent?.fields ?? []) if (HEADER_KEYS.has(foldHeader(k))) names ??= namesOf(x);
  const offset = names === undefined ? 1 : 0;
  names ??= namesOf(v[0]);
  if (names === undefined) return undefined;
  const header = names;
  const items: JsonObject[] = [];
  for (let r = offset; r < v.length; r++) {
    const row = v[r];
    if (!Array.isArray(row)) continue;
    const fields = new Map<string, JsonValue>();
    row.forEach((x, c) => {
      const name = header[c];
      if (name !== undefined && !fields.has(name)) fields.set(name, x);
    });
    items.push(new JsonObject(arrayLines.get(row) ?? 1, fields));
  }
  return { items, offset };
}

/**
 * Whether a decoded text is JSON at all (its first character opens an object or an array): a
 * cheap check before parsing.
 */
export function looksLikeJson(text: string): boolean {
  const m = /^\s*([[{])\s*(["{[\]}]|$)/.exec(text.slice(0, 256));
  return m !== null;
}

/**
 * A JSON document of transactions as a workbook-sheet table (see the module comment), with where
 * each row's object is. Throws a typed error when the document holds no array of transactions.
 */
export function jsonToTable(text: string, file: string | undefined, maxDepth: number): { text: string; rows: JsonRow[] } {
  const root = parseJson(text, file, maxDepth);
  // Every array of objects with the objects of it that are transactions (each object's fields read once).
  const tables = arraysOf(root).map((found) => ({ found, rows: found.items.map((o, index) => ({ o, f: fieldsOf(o), index: index + found.offset })).filter((r) => isTransaction(r.f)) }));
  let best: (typeof tables)[number] | undefined;
  for (const t of tables) if (t.rows.length > 0 && (best === undefined || t.rows.length > best.rows.length)) best = t;
  if (best === undefined) {
    throw new StatementParseError('UNKNOWN_FORMAT', 'JSON without transactions: expected an array of objects that each name a date and an amount (as open-banking APIs give them: bookingDate and transactionAmount)', { file, line: 1 });
  }
  // Booked and pending transactions side by side (`transactions: { booked: […], pending: […] }`):
  // both are read, the pending ones marked as such (and left out unless asked for).
  const all: { o: JsonObject; f: Map<JsonField, string>; index: number; path: string; pending: boolean }[] = best.rows.map((r) => ({ ...r, path: best.found.path, pending: PENDING_KEYS.has(foldHeader(best.found.key ?? '')) }));
  if (best.found.parent !== undefined) {
    for (const { found, rows } of tables) {
      if (found === best.found || found.parent !== best.found.parent || !PENDING_KEYS.has(foldHeader(found.key ?? ''))) continue;
      for (const r of rows) all.push({ ...r, path: found.path, pending: true });
    }
  }

  // The account's own number, given once beside the transactions (`account: { iban: … }`).
  const own = accountOf(root, best.found);
  const table: (string | undefined)[][] = [];
  const used = new Set<number>();
  for (const { f, pending } of all) {
    let amount = f.get('amount');
    const sign = f.get('sign')?.toUpperCase();
    // An amount without its sign and a credit/debit indicator beside it (`DBIT`, `CRDT`).
    if (amount !== undefined && sign !== undefined && !amount.trim().startsWith('-') && /^(DBIT|DEBIT|D|DR)$/.test(sign)) amount = `-${amount.trim()}`;
    const out = amount !== undefined && amount.trim().startsWith('-');
    const status = f.get('status');
    const cells: (string | undefined)[] = [
      f.get('bookingDate'),
      f.get('valueDate'),
      f.get('transactionDate'),
      amount,
      f.get('currency'),
      f.get('balance'),
      f.get('text'),
      f.get('reference'),
      // The other party: who was paid when money goes out, who paid when it comes in; a card
      // merchant either way.
      f.get('merchant') ?? (out ? f.get('creditor') : f.get('debtor')),
      out ? f.get('creditorAccount') : f.get('debtorAccount'),
      f.get('type'),
      // ISO 20022's entry status codes: PDNG pending, INFO not booked, BOOK booked.
      status === undefined ? (pending ? 'pending' : undefined) : /^(PDNG|INFO)$/i.test(status) ? 'pending' : /^BOOK$/i.test(status) ? 'booked' : status,
      own,
    ];
    cells.forEach((v, i) => {
      if (v !== undefined && v !== '') used.add(i);
    });
    table.push(cells);
  }
  const keep = COLUMNS.map((_, i) => i).filter((i) => used.has(i));
  // One row after the other, under the header: the rows of a table the header reader samples
  // and detects by its first lines (an object printed over twenty lines would leave the first
  // thirty lines of a table with its own lines nearly empty). Each row keeps its object's line
  // and path, which parseStatement puts back on transactions, warnings and errors.
  const outLines: string[] = [keep.map((i) => COLUMNS[i]).join(WORKBOOK_DELIMITER)];
  const rows: JsonRow[] = [];
  table.forEach((cells, r) => {
    outLines.push(keep.map((i) => cells[i] ?? '').join(WORKBOOK_DELIMITER));
    const item = all[r] as (typeof all)[number];
    rows.push({ line: item.o.line, tableLine: r + 2, path: `${item.path}[${item.index}]` });
  });
  return { text: outLines.join('\n'), rows };
}

