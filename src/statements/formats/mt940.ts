/**
 * SWIFT MT940 (Customer Statement Message), the statement file Swedish banks' corporate services
 * deliver besides camt.053 (`.sta`, `.940`, `.mt940`). One file holds one or more statements, each a
 * run of tagged fields, optionally inside the SWIFT envelope `{1:…}{2:…}{4:` … `-}`:
 *
 * - `:20:` starts a statement; `:25:` names the account (IBAN, BBAN, or `BIC/account`);
 * - `:60F:`/`:60M:` the opening balance and `:62F:`/`:62M:` the closing one (`C|D`, `YYMMDD`,
 *   currency, amount with a decimal comma); `M` marks a statement continued over several messages;
 * - `:61:` one entry: value date `YYMMDD`, optional booking date `MMDD`, `C`/`D` (or `RC`/`RD`, a
 *   reversal), an optional funds-code letter, the amount, a type code (`NTRF`, `NCHG`, …), the
 *   account owner's reference (`NONREF` when none), `//` and the bank's reference, and on a second
 *   line supplementary details;
 * - `:86:` right after a `:61:` is that entry's information for the account owner (up to six lines
 *   of 65 characters): free text, or codes such as `/NAME/…/REMI/…/EREF/…`.
 *
 * Amounts are unsigned with `C`/`D`; the booking date is the row's date (the value date when the
 * bank leaves it out), the value date is kept when it differs.
 */
import { StatementParseError } from '../../core/errors.js';
import { isValidDay, parseDate } from '../../core/dates.js';
import { type BalanceMark, type Head, type ParseContext, type RawStatement, type RowProblem, type StatementFormat, STYLE, amountAt } from '../format.js';
import { overlappingPeriods } from '../sections.js';
import type { TransactionKind } from '../types.js';

/** A field tag at the start of a line: `:20:`, `:28C:`, `:60F:`, `:61:`, `:86:`, … and `:NS:` (a bank's own). */
const TAG = /^:(\d\d[A-Z]?|NS):/;
/** A line of the SWIFT envelope: a block `{1:`…`{5:`. */
const ENVELOPE = /^\{[1-5]:/;
/** The end of a message: `-` alone, or `-}` closing the envelope's text block. */
const MESSAGE_END = /^-(?:\s*$|\})/;
/** The line length of a `:86:` field (6 × 65x): a full line was wrapped, not ended at a word. */
const INFO_LINE_LENGTH = 65;
/** A `:61:` entry: value date, booking date, mark, funds code, amount, type code, references. */
const ENTRY = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d{1,15},\d*)([SNF][A-Z0-9]{3})(.*)$/;
/** An opening or closing balance: mark, date, currency, amount. */
const BALANCE = /^([CD])(\d{6})([A-Z]{3})(\d{1,15},\d*)$/;
/** A BIC in front of the account (`HANDSESS/123456789`): 8 or 11 letters and digits. */
const BIC_PREFIX = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\//;
/** Owner's reference that says there is none. */
const NO_REFERENCE = /^NONREF$/i;
/** Codes of structured `:86:` information (`/NAME/ACME AB/REMI/Faktura 123`), as banks use them. */
const INFO_CODES = new Set(['TRCD', 'BENM', 'ORDP', 'NAME', 'ADDR', 'REMI', 'EREF', 'IBAN', 'BIC', 'CSID', 'MARF', 'PURP', 'ULTC', 'ULTD', 'IREF', 'KREF', 'PREF', 'CDTRREFTP', 'CDTRREF', 'USTD', 'STRD', 'ISSR', 'CD', 'RTRN', 'OCMT', 'CHGS', 'EXCH', 'ACCW', 'SVCL']);
/** Remittance sub-codes that carry no words of their own. */
const REMITTANCE_MARKERS = new Set(['USTD', 'STRD', 'CDTRREFTP', 'CD', 'ISSR', 'SCOR']);
/** An end-to-end reference that says there is none. */
const NOT_PROVIDED = /^NOTPROVIDED$/i;

interface Field {
  readonly tag: string;
  readonly line: number;
  /** The field's lines, the tag taken off the first. */
  readonly lines: string[];
  /** Characters of the tag (`:86:`) in front of the first line. */
  readonly tagLength: number;
}

/** The fields of the file in order, the SWIFT envelope and message ends left out. */
function fields(text: string): Field[] {
  const out: Field[] = [];
  let current: Field | undefined;
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    // The envelope's header blocks (`{1:…}{2:…}{4:`) may share a line with the first field.
    if (ENVELOPE.test(line)) {
      const body = line.indexOf('{4:');
      if (body < 0) {
        current = undefined;
        continue;
      }
      line = line.slice(body + 3);
    }
    if (MESSAGE_END.test(line)) {
      // `-` or `-}…`: the end of a message.
      current = undefined;
      continue;
    }
    const m = TAG.exec(line);
    if (m !== null) {
      current = { tag: m[1] as string, line: i + 1, lines: [line.slice(m[0].length)], tagLength: m[0].length };
      out.push(current);
    } else if (current !== undefined && line !== '') current.lines.push(line);
  }
  return out;
}

function fail(code: 'INVALID_AMOUNT' | 'INVALID_DATE' | 'INVALID_ROW', message: string, line: number, field: string, ctx: ParseContext): never {
  throw new StatementParseError(code, message, { file: ctx.file, line, field });
}

/** `1234,5` → 123450 öre. MT940 always writes the decimal comma, even with no decimals after it (`1189,`). */
function money(raw: string, line: number, field: string, ctx: ParseContext): number {
  return amountAt(raw.endsWith(',') ? `${raw}00` : raw, STYLE.comma, ctx, line, field);
}

function yymmdd(raw: string, line: number, field: string, ctx: ParseContext): string {
  const iso = parseDate(raw, 'YYMMDD');
  if (iso === undefined) fail('INVALID_DATE', `Invalid date: expected YYMMDD, got ${JSON.stringify(raw)}`, line, field, ctx);
  return iso;
}

/**
 * The booking date `MMDD` near the value date: the same year, or the one before or after when the
 * two straddle a new year (value date 2026-01-02, booked 1231 → 2025-12-31).
 */
function bookingDate(mmdd: string, valueDate: string, line: number, ctx: ParseContext): string {
  const month = Number(mmdd.slice(0, 2));
  const day = Number(mmdd.slice(2, 4));
  const valueYear = Number(valueDate.slice(0, 4));
  const valueMonth = Number(valueDate.slice(5, 7));
  const year = month - valueMonth > 6 ? valueYear - 1 : valueMonth - month > 6 ? valueYear + 1 : valueYear;
  if (!isValidDay(year, month, day)) fail('INVALID_DATE', `Invalid booking date: expected MMDD, got ${JSON.stringify(mmdd)}`, line, ':61:', ctx);
  return `${String(year).padStart(4, '0')}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}`;
}

/** The account as the bank names it, without a BIC in front or the currency after it. */
function accountId(raw: string, currency: string | undefined): string {
  let id = raw.trim().replace(BIC_PREFIX, '');
  if (currency !== undefined && id.length > 3 && id.endsWith(currency) && /\d$/.test(id.slice(0, -3).trimEnd())) id = id.slice(0, -3).trimEnd();
  return id;
}

/**
 * A `:86:` field's lines as one text: a full line (65 characters, counted with or without the tag
 * on the first line, as banks differ) was wrapped mid-word and joins the next directly; a shorter
 * one ended at a word.
 */
function joinInfo(f: Field): string {
  let out = '';
  for (let i = 0; i < f.lines.length; i++) {
    const l = f.lines[i] as string;
    out += l;
    const full = l.length >= INFO_LINE_LENGTH || (i === 0 && l.length + f.tagLength >= INFO_LINE_LENGTH);
    if (i < f.lines.length - 1 && !full) out += ' ';
  }
  return out.replace(/\s+/g, ' ').trim();
}

interface Info {
  readonly text: string;
  readonly counterparty?: string | undefined;
  readonly counterpartyAccount?: string | undefined;
  readonly reference?: string | undefined;
}

/**
 * Information in codes (`/ORDP//NAME/ACME AB/REMI/USTD//Faktura 123/EREF/NOTPROVIDED`): the name
 * is the other party, the remittance words the text, the end-to-end reference the reference.
 * Undefined when the text is not in codes.
 */
function codedInfo(text: string): Info | undefined {
  if (!/^\/[A-Z]{2,9}\//.test(text)) return undefined;
  const parts = text.split('/');
  const values = new Map<string, string>();
  let code: string | undefined;
  let value: string[] = [];
  const close = (): void => {
    if (code !== undefined && !values.has(code)) values.set(code, value.join('/').trim());
  };
  for (const p of parts.slice(1)) {
    if (INFO_CODES.has(p) && !(code === 'REMI' && REMITTANCE_MARKERS.has(p))) {
      close();
      code = p;
      value = [];
    } else if (!(code === 'REMI' && (REMITTANCE_MARKERS.has(p) || (p === '' && value.length === 0)))) value.push(p);
  }
  close();
  if (values.size === 0) return undefined;
  const name = values.get('NAME') || undefined;
  const remittance = (values.get('REMI') ?? '').replace(/^\/+|\/+$/g, '').trim() || undefined;
  const eref = values.get('EREF');
  const reference = values.get('CDTRREF') || (eref !== undefined && eref !== '' && !NOT_PROVIDED.test(eref) ? eref : undefined);
  const words = remittance ?? name ?? text;
  return { text: words, counterparty: name !== undefined && name !== words ? name : undefined, counterpartyAccount: values.get('IBAN') || undefined, reference };
}

/** Sub-fields of `?`-coded information (`166?00GUTSCHRIFT?20Faktura 1043?32ACME GMBH`): posting text, words, name, account. */
const SUBFIELD = /\?(\d\d)/g;
/** SEPA remittance parts inside `?20`–`?29` (`EREF+…`, `SVWZ+…`, …): where each starts, and its key. */
const SEPA_KEYS = 'EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC';
const SEPA_START = new RegExp(`(?=(?:${SEPA_KEYS})\\+)`);
const SEPA_PART = new RegExp(`^(${SEPA_KEYS})\\+`);

/**
 * Information in `?NN` sub-fields, as many continental banks write it: `?00` the posting text,
 * `?20`–`?29` and `?60`–`?63` the remittance words (SEPA parts `SVWZ+` words, `EREF+` reference),
 * `?31` the other party's account, `?32`–`?33` its name. Undefined when the text is not so coded.
 */
function subfieldInfo(text: string): Info | undefined {
  if (!/^(?:\d{3})?\?\d\d/.test(text)) return undefined;
  const at: { code: number; start: number; end: number }[] = [];
  for (const m of text.matchAll(SUBFIELD)) at.push({ code: Number(m[1]), start: (m.index as number) + 3, end: text.length });
  for (let i = 0; i + 1 < at.length; i++) (at[i] as { end: number }).end = (at[i + 1] as { start: number }).start - 3;
  const part = (from: number, to: number): string =>
    at
      .filter((a) => a.code >= from && a.code <= to)
      .map((a) => text.slice(a.start, a.end))
      .join('');
  const words = `${part(20, 29)}${part(60, 63)}`;
  // SEPA parts: `EREF+…` the end-to-end reference, `SVWZ+…` the words; text without parts is all words.
  const sepa = new Map<string, string>();
  let lastKey: string | undefined;
  for (const piece of words.split(SEPA_START)) {
    const m = SEPA_PART.exec(piece);
    if (m !== null) {
      lastKey = m[1] as string;
      sepa.set(lastKey, piece.slice(m[0].length).trim());
    } else if (lastKey === undefined) sepa.set('', piece.trim());
  }
  const remittance = (sepa.get('SVWZ') ?? sepa.get('') ?? '').replace(/\s+/g, ' ').trim() || undefined;
  const name = part(32, 33).trim() || undefined;
  const eref = sepa.get('EREF');
  const posting = part(0, 0).trim() || undefined;
  const said = remittance ?? name ?? posting ?? text;
  return {
    text: said,
    counterparty: name !== undefined && name !== said ? name : undefined,
    counterpartyAccount: part(31, 31).trim() || undefined,
    reference: eref !== undefined && eref !== '' && !NOT_PROVIDED.test(eref) ? eref : undefined,
  };
}

/** A coarse kind from the entry's type code (`NCHG` a fee, `NINT` interest, `NDDT` a direct debit). */
function kindOf(typeCode: string): TransactionKind | undefined {
  const code = typeCode.slice(1);
  if (code === 'CHG' || code === 'COM') return 'fee';
  if (code === 'INT') return 'interest';
  if (code === 'DDT') return 'autogiro';
  return undefined;
}

interface Entry {
  readonly line: number;
  readonly date: string;
  readonly valueDate: string;
  readonly amount: number;
  readonly typeCode: string;
  readonly ownerReference: string | undefined;
  readonly bankReference: string | undefined;
  readonly details: string;
  readonly account: string | undefined;
}

function readEntry(f: Field, account: string | undefined, ctx: ParseContext): Entry {
  const first = (f.lines[0] as string).trim();
  const m = ENTRY.exec(first);
  if (m === null) {
    fail('INVALID_ROW', `Invalid entry: expected value date YYMMDD, optional booking date MMDD, C or D (RC/RD), the amount with a decimal comma and a type code (e.g. 2610310131D1189,00NTRFNONREF), got ${JSON.stringify(first.slice(0, 80))}`, f.line, ':61:', ctx);
  }
  const [, value = '', booked, mark = '', , rawAmount = '', typeCode = '', refs = ''] = m;
  const valueDate = yymmdd(value, f.line, ':61:', ctx);
  const date = booked === undefined ? valueDate : bookingDate(booked, valueDate, f.line, ctx);
  const amount = money(rawAmount, f.line, ':61:', ctx);
  // Money out: a debit, or the reversal of a credit.
  const out = mark === 'D' || mark === 'RC';
  const split = refs.indexOf('//');
  const owner = (split < 0 ? refs : refs.slice(0, split)).trim();
  const bank = split < 0 ? '' : refs.slice(split + 2).trim();
  return {
    line: f.line,
    date,
    valueDate,
    amount: out ? -amount : amount,
    typeCode,
    ownerReference: owner === '' || NO_REFERENCE.test(owner) ? undefined : owner,
    bankReference: bank === '' ? undefined : bank,
    details: f.lines.slice(1).join(' ').replace(/\s+/g, ' ').trim(),
    account,
  };
}

/**
 * Whether two statements of one account cover some of the same days: a statement covers the days
 * after its opening balance's date up to its closing balance's (`:60F:C261229` … `:62F:C261230` is
 * 30 December). Statements one after another, as a bank sends them, never do; the same statement
 * twice does.
 */
function overlappingStatements(statements: readonly Field[][], accountOf: readonly (string | undefined)[]): boolean {
  const dateOf = (st: readonly Field[], prefix: string): string | undefined => {
    const f = st.find((x) => x.tag.startsWith(prefix));
    const m = f === undefined ? null : BALANCE.exec((f.lines[0] as string).trim());
    return m === null ? undefined : parseDate(m[2] as string, 'YYMMDD');
  };
  const spans: { account: string; from: string; to: string }[] = [];
  for (let k = 0; k < statements.length; k++) {
    const st = statements[k] as Field[];
    const from = dateOf(st, '60');
    const to = dateOf(st, '62');
    if (from !== undefined && to !== undefined) spans.push({ account: accountOf[k] ?? '', from, to });
  }
  return overlappingPeriods(spans);
}

export const mt940: StatementFormat = {
  id: 'mt940',
  bank: 'SWIFT MT940',
  detect(head: Head): number {
    const t = head.text;
    if (!/^(?:\{[^\n]*\{4:\s*)?:20:/m.test(t)) return 0;
    return /^:25:/m.test(t) && /^:60[FM]:/m.test(t) ? 1 : 0;
  },
  parse(text: string, ctx: ParseContext): RawStatement {
    const all = fields(text);
    if (!all.some((f) => f.tag === '61' || f.tag === '60F' || f.tag === '60M')) {
      throw new StatementParseError('MISSING_COLUMN', 'Not an MT940 statement: expected :20:, :25: and an opening balance :60F:', { file: ctx.file });
    }
    // Each :20: starts a statement; its account is known from its :25: and its balance's currency.
    const statements: Field[][] = [];
    for (const f of all) {
      if (f.tag === '20' || statements.length === 0) statements.push([]);
      (statements[statements.length - 1] as Field[]).push(f);
    }
    const accountOf = statements.map((st) => {
      const id = st.find((f) => f.tag === '25');
      if (id === undefined) return undefined;
      const ccy = st.map((f) => (f.tag.startsWith('60') || f.tag.startsWith('62') ? BALANCE.exec((f.lines[0] as string).trim())?.[3] : undefined)).find((c) => c !== undefined);
      return accountId(id.lines.join(''), ccy);
    });
    const accounts = new Set(accountOf.filter((a): a is string => a !== undefined));
    const several = accounts.size > 1;
    const skipped: RowProblem[] = [];
    const marks: BalanceMark[] = [];
    let currency: string | undefined;
    let pending: Entry | undefined;
    let info: Info | undefined;
    const flush = (): void => {
      if (pending === undefined) return;
      const e = pending;
      const i = info;
      pending = undefined;
      info = undefined;
      const text = i?.text || e.details || e.ownerReference || '';
      ctx.sink.add({
        line: e.line,
        date: e.date,
        valueDate: e.valueDate !== e.date ? e.valueDate : undefined,
        amount: e.amount,
        text,
        reference: i?.reference ?? (e.ownerReference !== undefined && e.ownerReference !== text ? e.ownerReference : undefined),
        counterparty: i?.counterparty,
        counterpartyAccount: i?.counterpartyAccount,
        account: e.account,
        bankId: e.bankReference,
        kind: kindOf(e.typeCode),
      });
    };
    const balance = (f: Field, role: 'opening' | 'closing'): void => {
      const raw = (f.lines[0] as string).trim();
      const m = BALANCE.exec(raw);
      if (m === null) fail('INVALID_AMOUNT', `Invalid balance: expected C or D, date YYMMDD, currency and amount (C261031SEK161236,00), got ${JSON.stringify(raw.slice(0, 80))}`, f.line, `:${f.tag}:`, ctx);
      const [, mark, date = '', ccy = '', amount = ''] = m;
      yymmdd(date, f.line, `:${f.tag}:`, ctx);
      currency ??= ccy;
      const value = money(amount, f.line, `:${f.tag}:`, ctx);
      marks.push({ line: f.line, balance: mark === 'D' ? -value : value, position: role === 'opening' ? 'start' : 'end', role });
    };
    statements.forEach((st, s) => {
      // Rows name their account only when the file holds several.
      const account = several ? accountOf[s] : undefined;
      for (const f of st) {
        if (f.tag !== '86') flush();
        try {
          switch (f.tag) {
            case '60F':
            case '60M':
              balance(f, 'opening');
              break;
            case '62F':
            case '62M':
              balance(f, 'closing');
              break;
            case '61':
              pending = readEntry(f, account, ctx);
              break;
            case '86':
              // After an entry: its information. Elsewhere (after the closing balance): the statement's.
              if (pending !== undefined && info === undefined) {
                const joined = joinInfo(f);
                // Sub-fields run on across lines without spaces: their lines are joined as they are.
                info = codedInfo(joined) ?? subfieldInfo(f.lines.join('')) ?? { text: joined };
              }
              break;
            default:
            // :20:, :21:, :25:, :28C:, :64:, :65: carry nothing a row needs.
          }
        } catch (e) {
          if (ctx.lenient && e instanceof StatementParseError && f.tag === '61') {
            skipped.push({ line: f.line, error: e });
            pending = undefined;
            info = undefined;
          } else throw e;
        }
      }
      flush();
    });
    // The same statement twice (sent again, or two files joined): each statement a section, so that
    // `finish.ts` reads the lines two of them hold once and checks each statement's balances on its own.
    const repeats = overlappingStatements(statements, accountOf);
    if (repeats) {
      return {
        accountNumber: several ? undefined : [...accounts][0],
        currency,
        marks,
        skipped,
        sections: statements.map((st, k) => ({ line: (st[0] as Field).line, headerLine: (st[0] as Field).line, heading: '', accountNumber: accountOf[k] })),
      };
    }
    // One account's statements (one per day or per page) are one period after another: its first
    // opening and last closing balance. Several accounts cannot share one chain.
    return {
      accountNumber: several ? undefined : [...accounts][0],
      currency,
      marks: several ? [] : [marks.find((m) => m.role === 'opening'), [...marks].reverse().find((m) => m.role === 'closing')].filter((m): m is BalanceMark => m !== undefined),
      skipped,
    };
  },
};
