/**
 * Reads Bankgirot's BgMax file (Bankgiro Inbetalningar): fixed columns of 80, ISO-8859-1, one record
 * per line, the transaction code (TK) in positions 1–2. Layout as in formats.md §3.6: `01` start,
 * per deposit `05` opening → (`20`/`21` payment or deduction, each followed by `22`/`23` extra
 * references, `25` information, `26`–`29` payer) → `15` deposit record, then `70` end record.
 *
 * Lines may be cut short (trailing spaces dropped) and are padded back; a tab (a file that went
 * through an editor) is expanded to the next multiple of eight columns, as the editor showed it.
 * Unknown transaction codes are skipped, as Bankgirot's manual advises. Everything else that does
 * not fit is a {@link BgmaxParseError} naming the line, the record and the field. Every deposit's
 * payments must sum to its TK15 amount, and the TK70 counts must match the file.
 *
 * @module
 */
import { isValidDay } from '../core/dates.js';
import { BgmaxParseError } from '../core/errors.js';
import type { BgmaxDeposit, BgmaxExtraReference, BgmaxFile, BgmaxIssue, BgmaxPayment } from './types.js';

/** Options of {@link readBgmax}. */
export interface ReadBgmaxOptions {
  /** Named in errors. */
  readonly fileName?: string | undefined;
}

const WIDTH = 80;
/** Transaction codes the reader knows; other two-digit codes are skipped. */
const KNOWN = new Set(['01', '05', '15', '20', '21', '22', '23', '25', '26', '27', '28', '29', '70']);

function decode(input: Uint8Array | string): string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) return new TextDecoder('utf-8').decode(input.subarray(3));
  // ISO-8859-1: every byte is the code point of the same number.
  let out = '';
  for (let i = 0; i < input.length; i += 8192) out += String.fromCharCode(...input.subarray(i, i + 8192));
  return out;
}

function expandTabs(line: string): string {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
  return out;
}

type MutablePayment = { -readonly [K in keyof BgmaxPayment]: BgmaxPayment[K] };

/**
 * Parses a BgMax file.
 *
 * ```ts
 * const file = readBgmax(readFileSync('BgMax.txt'));
 * for (const d of file.deposits) console.log(d.date, d.amount, d.payments.length);
 * ```
 * @throws BgmaxParseError `BGMAX_SYNTAX` for a record out of place or a line that is no record,
 *   `BGMAX_INVALID_VALUE` for a field that is not what its position holds (with line and field).
 */
export function readBgmax(input: Uint8Array | string, options: ReadBgmaxOptions = {}): BgmaxFile {
  const file = options.fileName;
  const lines = decode(input).split(/\r\n|\n|\r/);
  const issues: BgmaxIssue[] = [];
  const deposits: BgmaxDeposit[] = [];
  let version = '';
  let timestamp = '';
  let test = false;
  let started = false;
  let ended = false;
  let open: { bankgiro: string; currency: string; line: number; payments: MutablePayment[] } | undefined;
  let payment: MutablePayment | undefined;
  const counts = { payments: 0, deductions: 0, extraReferences: 0, deposits: 0 };

  const syntax = (line: number, record: string, message: string): BgmaxParseError => new BgmaxParseError('BGMAX_SYNTAX', message, { file, line, record });
  const invalid = (line: number, record: string, field: string, message: string): BgmaxParseError =>
    new BgmaxParseError('BGMAX_INVALID_VALUE', message, { file, line, record, field });

  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    let raw = lines[i] as string;
    if (raw.trim() === '') continue;
    if (raw.includes('\t')) {
      raw = expandTabs(raw);
      issues.push({ line: n, message: 'tab characters expanded to eight-column stops' });
    }
    if (raw.length > WIDTH) {
      if (raw.slice(WIDTH).trim() !== '') throw syntax(n, raw.slice(0, 2), `Invalid BgMax record: expected at most ${WIDTH} characters, got ${raw.length}`);
      raw = raw.slice(0, WIDTH);
    }
    const rec = raw.padEnd(WIDTH, ' ');
    const tk = rec.slice(0, 2);
    const field = (from: number, to: number): string => rec.slice(from - 1, to);
    const digits = (from: number, to: number, name: string, allowBlank = false): string => {
      const v = field(from, to);
      if (allowBlank && v.trim() === '') return '';
      if (!/^\d+$/.test(v)) throw invalid(n, tk, name, `Invalid ${name} in TK${tk}: expected ${to - from + 1} digits at positions ${from}–${to}, got ${JSON.stringify(v)}`);
      return v;
    };
    const ore = (from: number, to: number, name: string): number => {
      const v = Number(digits(from, to, name));
      if (!Number.isSafeInteger(v)) throw invalid(n, tk, name, `Invalid ${name} in TK${tk}: expected an amount below 90 trillion kronor, got ${field(from, to)}`);
      return v;
    };
    const count = (from: number, to: number, name: string): number => Number(digits(from, to, name));
    if (!/^\d\d$/.test(tk)) throw syntax(n, tk, `Invalid BgMax record: expected a two-digit transaction code at positions 1–2, got ${JSON.stringify(tk)}`);
    if (!KNOWN.has(tk)) {
      issues.push({ line: n, message: `unknown transaction code ${tk} skipped` });
      continue;
    }
    if (ended) throw syntax(n, tk, `Invalid BgMax file: expected nothing after the TK70 end record, got TK${tk}`);
    if (!started && tk !== '01') throw syntax(n, tk, `Invalid BgMax file: expected the TK01 start record first, got TK${tk}`);
    switch (tk) {
      case '01': {
        if (started) throw syntax(n, tk, 'Invalid BgMax file: expected one TK01 start record, got a second');
        if (field(3, 22).trim() !== 'BGMAX') throw invalid(n, tk, 'layout name', `Invalid layout name in TK01: expected "BGMAX", got ${JSON.stringify(field(3, 22).trim())}`);
        version = digits(23, 24, 'version');
        const ts = digits(25, 44, 'timestamp');
        if (!isValidDay(Number(ts.slice(0, 4)), Number(ts.slice(4, 6)), Number(ts.slice(6, 8)))) throw invalid(n, tk, 'timestamp', `Invalid timestamp in TK01: expected YYYYMMDDHHMMSSffffff, got ${ts}`);
        timestamp = `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)}T${ts.slice(8, 10)}:${ts.slice(10, 12)}:${ts.slice(12, 14)}.${ts.slice(14, 20)}`;
        const mark = field(45, 45);
        if (mark !== 'P' && mark !== 'T') throw invalid(n, tk, 'test mark', `Invalid test mark in TK01: expected P (production) or T (test) at position 45, got ${JSON.stringify(mark)}`);
        test = mark === 'T';
        started = true;
        break;
      }
      case '05': {
        if (open !== undefined) throw syntax(n, tk, `Invalid BgMax file: expected the TK15 deposit record of the deposit opened on line ${open.line} before a new TK05`);
        const currency = field(23, 25).trim();
        if (!/^[A-Z]{3}$/.test(currency)) throw invalid(n, tk, 'currency', `Invalid currency in TK05: expected a code like SEK at positions 23–25, got ${JSON.stringify(currency)}`);
        open = { bankgiro: digits(3, 12, 'receiving bankgiro'), currency, line: n, payments: [] };
        payment = undefined;
        break;
      }
      case '20':
      case '21': {
        if (open === undefined) throw syntax(n, tk, `Invalid BgMax file: expected a TK05 opening record before the payment record TK${tk}`);
        const reference = field(13, 37).trim();
        const amount = ore(38, 55, 'amount');
        payment = {
          kind: tk === '20' ? 'payment' : 'deduction',
          senderBankgiro: digits(3, 12, 'sender bankgiro', true).replace(/^0+(?=\d)/, ''),
          reference,
          references: reference === '' ? [] : reference.split(/[\s,;]+/).filter((r) => r !== ''),
          amount: tk === '20' ? amount : -amount,
          referenceCode: field(56, 56).trim(),
          channel: field(57, 57).trim(),
          serial: field(58, 69).trim(),
          extraReferences: [],
          information: [],
          line: n,
        };
        if (tk === '21') payment.deductionCode = field(71, 71).trim();
        open.payments.push(payment);
        if (tk === '20') counts.payments++;
        else counts.deductions++;
        break;
      }
      case '22':
      case '23': {
        if (payment === undefined) throw syntax(n, tk, `Invalid BgMax file: expected a payment record TK20/21 before the extra reference TK${tk}`);
        const extra: BgmaxExtraReference = { reference: field(13, 37).trim(), amount: ore(38, 55, 'amount'), negative: tk === '23', line: n };
        payment.extraReferences = [...payment.extraReferences, extra];
        if (extra.reference !== '' && !payment.references.includes(extra.reference)) payment.references = [...payment.references, extra.reference];
        counts.extraReferences++;
        break;
      }
      case '25':
      case '26':
      case '27':
      case '28':
      case '29': {
        if (payment === undefined) throw syntax(n, tk, `Invalid BgMax file: expected a payment record TK20/21 before TK${tk}`);
        const text = (from: number, to: number): string | undefined => {
          const v = field(from, to).trim();
          return v === '' ? undefined : v;
        };
        if (tk === '25') {
          const info = text(3, 52);
          if (info !== undefined) payment.information = [...payment.information, info];
        } else if (tk === '26') {
          payment.name = text(3, 37);
          payment.extraName = text(38, 72);
        } else if (tk === '27') {
          payment.address = text(3, 37);
          payment.postcode = text(38, 46);
        } else if (tk === '28') {
          payment.town = text(3, 37);
          payment.country = text(38, 72);
          payment.countryCode = text(73, 74);
        } else {
          payment.orgNumber = digits(3, 14, 'organisation number', true) || undefined;
        }
        break;
      }
      case '15': {
        if (open === undefined) throw syntax(n, tk, 'Invalid BgMax file: expected a TK05 opening record before the TK15 deposit record');
        const d = digits(38, 45, 'deposit date');
        if (!isValidDay(Number(d.slice(0, 4)), Number(d.slice(4, 6)), Number(d.slice(6, 8)))) throw invalid(n, tk, 'deposit date', `Invalid deposit date in TK15: expected YYYYMMDD at positions 38–45, got ${d}`);
        const amount = ore(51, 68, 'deposit amount');
        const currency = field(69, 71).trim();
        const paymentCount = count(72, 79, 'number of payments');
        const sum = open.payments.reduce((s, p) => s + p.amount, 0);
        if (sum !== amount) {
          throw invalid(n, tk, 'deposit amount', `Invalid deposit in TK15: expected its amount to be the sum of the deposit's payments less deductions, ${sum} öre, got ${amount} öre`);
        }
        if (paymentCount !== open.payments.length) {
          throw invalid(n, tk, 'number of payments', `Invalid deposit in TK15: expected the number of payment and deduction records of the deposit, ${open.payments.length}, got ${paymentCount}`);
        }
        if (currency !== open.currency) throw invalid(n, tk, 'currency', `Invalid currency in TK15: expected ${open.currency} as in TK05 on line ${open.line}, got ${JSON.stringify(currency)}`);
        deposits.push({
          bankgiro: open.bankgiro.replace(/^0+(?=\d)/, ''),
          currency,
          bankAccount: field(3, 37).trim(),
          date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
          serial: field(46, 50).trim(),
          amount,
          paymentCount,
          type: field(80, 80).trim(),
          payments: open.payments,
          line: open.line,
          endLine: n,
        });
        counts.deposits++;
        open = undefined;
        payment = undefined;
        break;
      }
      case '70': {
        if (open !== undefined) throw syntax(n, tk, `Invalid BgMax file: expected the TK15 deposit record of the deposit opened on line ${open.line} before the TK70 end record`);
        const expected: [number, number, string][] = [
          [count(3, 10, 'number of payments'), counts.payments, 'number of payments'],
          [count(11, 18, 'number of deductions'), counts.deductions, 'number of deductions'],
          [count(19, 26, 'number of extra references'), counts.extraReferences, 'number of extra references'],
          [count(27, 34, 'number of deposits'), counts.deposits, 'number of deposits'],
        ];
        for (const [stated, found, name] of expected) {
          if (stated !== found) throw invalid(n, tk, name, `Invalid end record TK70: the file has ${found} for the ${name}, the record states ${stated}`);
        }
        ended = true;
        break;
      }
    }
  }
  if (!started) throw syntax(1, '', 'Invalid BgMax file: expected a TK01 start record ("01BGMAX"), found none');
  if (open !== undefined) throw syntax(open.line, '05', `Invalid BgMax file: the deposit opened on line ${open.line} has no TK15 deposit record`);
  if (!ended) throw syntax(lines.length, '70', 'Invalid BgMax file: expected a TK70 end record at the end, found none');
  return { version, timestamp, test, deposits, issues };
}
