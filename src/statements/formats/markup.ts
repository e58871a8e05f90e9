/**
 * Statement formats written as markup:
 * - `handelsbanken-html`: Handelsbanken's `kontotransactionlist.xls` until mid-2024, which is an
 *   HTML table (account and period rows above the header, an empty NBSP spacer cell after every
 *   data column, preliminary rows with an empty `Reskontradatum`; formats.md §3.2).
 * - `camt053`: ISO 20022 `BkToCstmrStmt` (camt.053.001.02, also .04/.08), the statement format
 *   every Swedish bank offers corporate customers (formats.md §3.5): amounts are positive with a
 *   `CdtDbtInd`, only `BOOK` entries are booked, `OPBD` (or `PRCD`) and `CLBD` balances frame
 *   each statement.
 * - `camt052`: the account report `BkToCstmrAcctRpt`, read the same way (`Rpt` for `Stmt`).
 */
import { StatementParseError } from '../../core/errors.js';
import { parseDate } from '../../core/dates.js';
import type { AmountStyle } from '../../core/money.js';
import { type BalanceMark, type Head, type ParseContext, type RawStatement, type RowProblem, type StatementFormat, STYLE, amountAt, normalizeHeaderCell } from '../format.js';
import { type HtmlRow, type XmlElement, child, descendants, htmlTableRows, parseXml, textAt } from '../markup.js';
import { overlappingPeriods } from '../sections.js';
import type { TransactionKind } from '../types.js';

const HB_COLUMNS = ['reskontradatum', 'transaktionsdatum', 'text', 'belopp', 'saldo'] as const;

function money(raw: string, line: number, field: string, ctx: ParseContext, style: AmountStyle = STYLE.comma): number {
  return amountAt(raw, style, ctx, line, field);
}

function isoDate(raw: string, line: number, field: string, ctx: ParseContext): string {
  // camt dates may be date-times (BookgDt/DtTm): one with a zone or offset is the Swedish day of
  // that instant (`2026-01-31T23:30:00Z` is 1 February), one without it the date part as written.
  const iso = parseDate(raw.trim(), 'YYYY-MM-DD') ?? parseDate(raw.slice(0, 10), 'YYYY-MM-DD');
  if (iso === undefined) {
    throw new StatementParseError('INVALID_DATE', `Invalid date: expected YYYY-MM-DD, got ${JSON.stringify(raw)}`, { file: ctx.file, line, field });
  }
  return iso;
}

export const handelsbankenHtml: StatementFormat = {
  id: 'handelsbanken-html',
  bank: 'Handelsbanken',
  detect(head: Head): number {
    // Only ASCII letters lower-case to "table", so a file without "<table" in any case has no
    // table: skip lower-casing 64 KiB of every CSV.
    if (!/<table/i.test(head.text)) return 0;
    const t = head.text.toLowerCase();
    if (!/<table\b/.test(t)) return 0;
    return /reskontradatum/.test(t) && /transaktionsdatum/.test(t) ? 1 : 0;
  },
  parse(text: string, ctx: ParseContext): RawStatement {
    // A page whose rows share physical lines (the whole table on one line, as some saves write it)
    // numbers each row by its place among the table rows instead: the sheet row Excel shows when
    // it opens the `.xls`, findable where "line 1" for every row is not.
    const read = htmlTableRows(text);
    const ownLines = read.every((r, k) => k === 0 || r.line > (read[k - 1] as HtmlRow).line);
    const rows = ownLines ? read : read.map((r) => ({ ...r, line: r.ordinal }));
    const h = rows.findIndex((r) => {
      const cells = r.cells.map(normalizeHeaderCell).filter((c) => c !== '');
      return HB_COLUMNS.every((c) => cells.includes(c));
    });
    if (h < 0) throw new StatementParseError('MISSING_COLUMN', `Missing column: expected a table header with ${HB_COLUMNS.join(', ')}`, { file: ctx.file });
    const header = (rows[h] as { cells: string[] }).cells.map(normalizeHeaderCell);
    const at = Object.fromEntries(HB_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof HB_COLUMNS)[number], number>;
    let accountNumber: string | undefined;
    for (const r of rows.slice(0, h)) {
      const joined = r.cells.join(' ');
      const m = /konto(?:nummer|nr)?\s*:?\s*(\d[\d .-]{5,}\d)/i.exec(joined);
      if (m?.[1]) accountNumber = m[1].trim();
    }
    const marks: BalanceMark[] = [];
    const skipped: RowProblem[] = [];
    let seenRow = false;
    for (const r of rows.slice(h + 1)) {
      const get = (c: (typeof HB_COLUMNS)[number]): string => (r.cells[at[c]] ?? '').trim();
      try {
        if (r.cells.every((c) => c === '')) continue;
        const booking = get('reskontradatum');
        const purchase = get('transaktionsdatum');
        const amountRaw = get('belopp');
        const balanceRaw = get('saldo');
        if (amountRaw === '' && booking === '' && purchase === '') {
          if (balanceRaw !== '') marks.push({ line: r.line, balance: money(balanceRaw, r.line, 'Saldo', ctx), position: seenRow ? 'end' : 'start' });
          continue;
        }
        const pending = booking === '' || /^prel/i.test(booking);
        const valueDate = purchase === '' ? undefined : isoDate(purchase, r.line, 'Transaktionsdatum', ctx);
        const date = pending ? (valueDate ?? '') : isoDate(booking, r.line, 'Reskontradatum', ctx);
        ctx.sink.add({
          line: r.line,
          date,
          valueDate: valueDate !== date ? valueDate : undefined,
          amount: money(amountRaw, r.line, 'Belopp', ctx),
          balance: balanceRaw === '' ? undefined : money(balanceRaw, r.line, 'Saldo', ctx),
          text: get('text'),
          pending: pending || undefined,
        });
        seenRow = true;
      } catch (e) {
        if (ctx.lenient && e instanceof StatementParseError) skipped.push({ line: r.line, error: e });
        else throw e;
      }
    }
    return { accountNumber, marks, skipped };
  },
};

/** Bank transaction codes (ISO 20022 BkTxCd) that say the kind outright. */
function kindFromCode(entry: XmlElement): TransactionKind | undefined {
  const domain = child(child(entry, 'BkTxCd'), 'Domn');
  const family = textAt(domain, 'Fmly', 'Cd');
  const sub = textAt(domain, 'Fmly', 'SubFmlyCd');
  if (sub === 'CHRG' || sub === 'FEES' || sub === 'COMM') return 'fee';
  if (sub === 'INTR') return 'interest';
  if (family === 'CCRD' || family === 'DCRD') return 'card';
  if (family === 'IDDT' || family === 'RDDT') return 'autogiro';
  if (sub === 'SALA') return 'salary';
  return undefined;
}

/**
 * A party's non-IBAN account id. Swedish banks mark bankgiro and plusgiro numbers with the scheme
 * BGNR / PGNR and often write them as bare digits; they are given the usual hyphen (5050-1055,
 * 1234567-8) so they read like the numbers in bank texts.
 */
function otherAccountId(othr: XmlElement | undefined): string {
  const id = textAt(othr, 'Id');
  const scheme = (textAt(othr, 'SchmeNm', 'Prtry') || textAt(othr, 'SchmeNm', 'Cd')).toUpperCase();
  const digits = id.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return id;
  if (scheme === 'BGNR' && (digits.length === 7 || digits.length === 8)) return `${digits.slice(0, -4)}-${digits.slice(-4)}`;
  if (scheme === 'PGNR' && digits.length >= 2 && digits.length <= 8) return `${digits.slice(0, -1)}-${digits.slice(-1)}`;
  return id;
}

/** What one `TxDtls` of an entry says about the payment it describes. */
interface TransactionDetails {
  readonly party: string;
  readonly partyAccount: string;
  readonly ocr: string;
  readonly unstructured: string;
  readonly info: string;
  readonly endToEnd: string;
}

/**
 * The other party is the creditor of money going out and the debtor of money coming in. A
 * reversal (`RvslInd`) names the parties of the payment it undoes, so there the sides swap (the
 * merchant of a card purchase given back is its `Cdtr`); a bank that names them the other way
 * round is read too.
 */
function transactionDetails(tx: XmlElement, direction: 'CRDT' | 'DBIT', reversal: boolean): TransactionDetails {
  const parties = child(tx, 'RltdPties');
  const nameOf = (role: 'Cdtr' | 'Dbtr'): string => textAt(parties, role, 'Nm') || textAt(parties, role, 'Pty', 'Nm');
  const accountOfParty = (role: 'CdtrAcct' | 'DbtrAcct'): string => {
    const acct = child(parties, role);
    return textAt(acct, 'Id', 'IBAN') || otherAccountId(child(child(acct, 'Id'), 'Othr'));
  };
  const outgoing = (direction === 'DBIT') !== reversal;
  const sides = outgoing ? (['Cdtr', 'Dbtr'] as const) : (['Dbtr', 'Cdtr'] as const);
  const side = !reversal || nameOf(sides[0]) !== '' ? sides[0] : sides[1];
  const remittance = child(tx, 'RmtInf');
  return {
    party: nameOf(side),
    partyAccount: accountOfParty(side === 'Cdtr' ? 'CdtrAcct' : 'DbtrAcct'),
    ocr: textAt(remittance, 'Strd', 'CdtrRefInf', 'Ref'),
    unstructured: remittance ? remittance.children.filter((c) => c.name === 'Ustrd').map((c) => c.text.trim()).join(' ') : '',
    info: textAt(tx, 'AddtlTxInf'),
    endToEnd: textAt(tx, 'Refs', 'EndToEndId'),
  };
}

/** The value every payment of an entry has (`''` when they differ, or there are none). */
function shared(values: readonly string[]): string {
  const first = values[0] ?? '';
  return values.every((v) => v === first) ? first : '';
}

/** The different non-empty values, in order, joined: the text of a batch that has none of its own. */
function distinct(values: readonly string[]): string {
  return [...new Set(values.filter((v) => v !== ''))].join(', ');
}

/** The account identifier of a statement: IBAN, or the bank's own (BBAN / bankgiro) id. */
function accountOf(stmt: XmlElement): string | undefined {
  const id = child(child(stmt, 'Acct'), 'Id');
  const iban = textAt(id, 'IBAN');
  if (iban !== '') return iban;
  const other = textAt(id, 'Othr', 'Id');
  return other === '' ? undefined : other;
}

/**
 * One reader for camt.053 statements (`Stmt`) and camt.052 account reports (`Rpt`): the same
 * account, balances and entries. The opening balance is `OPBD`, or `PRCD` (the previous closing
 * booked balance) where the bank gives that instead; the closing balance is `CLBD`.
 */
function readCamt(text: string, ctx: ParseContext, container: 'Stmt' | 'Rpt', what: string): RawStatement {
  const doc = parseXml(text, ctx.file, ctx.limits?.maxXmlDepth);
  const statements = descendants(doc, container);
  if (statements.length === 0) {
    throw new StatementParseError('MISSING_COLUMN', `Not a ${what}: expected at least one <${container}>`, { file: ctx.file });
  }
  const marks: BalanceMark[] = [];
  const skipped: RowProblem[] = [];
  const accounts = new Set<string>();
  let currency: string | undefined;
  for (const stmt of statements) {
    const account = accountOf(stmt);
    if (account !== undefined) accounts.add(account);
    currency ??= textAt(stmt, 'Acct', 'Ccy') || undefined;
    const balances = stmt.children.filter((c) => c.name === 'Bal');
    const codes = balances.map((bal) => textAt(bal, 'Tp', 'CdOrPrtry', 'Cd'));
    const opening = codes.includes('OPBD') ? 'OPBD' : 'PRCD';
    balances.forEach((bal, i) => {
      const code = codes[i];
      if (code !== opening && code !== 'CLBD') return;
      const amt = money(textAt(bal, 'Amt'), bal.line, 'Bal/Amt', ctx, STYLE.dot3);
      const sign = textAt(bal, 'CdtDbtInd') === 'DBIT' ? -1 : 1;
      marks.push({ line: bal.line, balance: sign * amt, position: code === opening ? 'start' : 'end', role: code === opening ? 'opening' : 'closing' });
    });
    for (const entry of stmt.children.filter((c) => c.name === 'Ntry')) {
      try {
        const status = textAt(entry, 'Sts', 'Cd') || textAt(entry, 'Sts');
        const direction = textAt(entry, 'CdtDbtInd');
        if (direction !== 'CRDT' && direction !== 'DBIT') {
          throw new StatementParseError('INVALID_AMOUNT', `Invalid entry: expected CdtDbtInd CRDT or DBIT, got ${JSON.stringify(direction)}`, { file: ctx.file, line: entry.line, field: 'CdtDbtInd' });
        }
        const amount = money(textAt(entry, 'Amt'), entry.line, 'Amt', ctx, STYLE.dot3);
        const booked = textAt(entry, 'BookgDt', 'Dt') || textAt(entry, 'BookgDt', 'DtTm');
        const value = textAt(entry, 'ValDt', 'Dt') || textAt(entry, 'ValDt', 'DtTm');
        const pending = status !== '' && status !== 'BOOK';
        const valueDate = value === '' ? undefined : isoDate(value, entry.line, 'ValDt', ctx);
        const date = booked === '' ? (pending ? (valueDate ?? '') : isoDate(booked, entry.line, 'BookgDt', ctx)) : isoDate(booked, entry.line, 'BookgDt', ctx);
        const details = descendants(entry, 'TxDtls').map((tx) => transactionDetails(tx, direction, /^(true|1)$/.test(textAt(entry, 'RvslInd'))));
        // One entry may book a batch of payments (a bankgiro deposit of several payers): what its
        // payments share is the entry's, a party or reference of one of them is not.
        const party = shared(details.map((d) => d.party));
        const partyAccountId = shared(details.map((d) => d.partyAccount));
        const ocr = shared(details.map((d) => d.ocr));
        const unstructured = shared(details.map((d) => d.unstructured));
        const info = textAt(entry, 'AddtlNtryInf') || shared(details.map((d) => d.info));
        const text = info || unstructured || party || shared(details.map((d) => d.endToEnd)) || distinct(details.map((d) => d.unstructured || d.party));
        ctx.sink.add({
          line: entry.line,
          date,
          valueDate: valueDate !== date ? valueDate : undefined,
          amount: direction === 'DBIT' ? -amount : amount,
          text,
          reference: ocr || (unstructured !== text ? unstructured : '') || undefined,
          counterparty: party !== '' && party !== text ? party : undefined,
          counterpartyAccount: partyAccountId || undefined,
          currency: child(entry, 'Amt')?.attrs['Ccy'],
          account: statements.length > 1 ? accountOf(stmt) : undefined,
          pending: pending || undefined,
          bankId: textAt(entry, 'AcctSvcrRef') || textAt(entry, 'NtryRef') || undefined,
          kind: kindFromCode(entry),
        });
      } catch (e) {
        if (ctx.lenient && e instanceof StatementParseError) skipped.push({ line: entry.line, error: e });
        else throw e;
      }
    }
  }
  // The same statement twice in one document (statements of one account whose periods overlap):
  // each statement a section, so `finish.ts` reads the entries two of them hold once and checks
  // each statement's balances on its own.
  const periods = statements.map((stmt) => ({ account: accountOf(stmt) ?? '', from: textAt(stmt, 'FrToDt', 'FrDtTm') || textAt(stmt, 'FrToDt', 'FrDt'), to: textAt(stmt, 'FrToDt', 'ToDtTm') || textAt(stmt, 'FrToDt', 'ToDt') }));
  const ids = statements.map((stmt, k) => `${periods[k]?.account ?? ''}\u001f${textAt(stmt, 'Id')}`);
  const repeated = statements.length > 1 && (new Set(ids).size < ids.length || overlappingPeriods(periods.filter((p) => p.from !== '' && p.to !== '')));
  if (repeated) {
    return {
      accountNumber: accounts.size === 1 ? [...accounts][0] : undefined,
      currency,
      marks,
      skipped,
      sections: statements.map((stmt) => ({ line: stmt.line, headerLine: stmt.line, heading: textAt(stmt, 'Id'), accountNumber: accountOf(stmt) })),
    };
  }
  // Several statements of one account are one period after another: keep the first opening
  // and the last closing balance; several accounts cannot share one chain.
  const framing = accounts.size > 1 ? [] : [marks.find((m) => m.role === 'opening'), [...marks].reverse().find((m) => m.role === 'closing')].filter((m): m is BalanceMark => m !== undefined);
  return { accountNumber: accounts.size === 1 ? [...accounts][0] : undefined, currency, marks: framing, skipped };
}

/** A camt format: detected by its root element (or its namespace's message name), read by {@link readCamt}. */
function camtFormat(id: 'camt053' | 'camt052', root: string, container: 'Stmt' | 'Rpt'): StatementFormat {
  const message = `camt.${id.slice(4)}`;
  const rootTag = new RegExp(`<(?:\\w+:)?${root}\\b`);
  const namespace = new RegExp(`${message.replace('.', '\\.')}\\.001\\.\\d\\d`);
  return {
    id,
    bank: `ISO 20022 ${message}`,
    detect(head: Head): number {
      const t = head.text.slice(0, 4096);
      if (!/<(?:\w+:)?Document\b/.test(t) && !/<\?xml/.test(t)) return 0;
      return rootTag.test(head.text) || namespace.test(t) ? 1 : 0;
    },
    parse(text: string, ctx: ParseContext): RawStatement {
      return readCamt(text, ctx, container, `${message} ${container === 'Stmt' ? 'statement' : 'account report'} (<${root}>)`);
    },
  };
}

export const camt053: StatementFormat = camtFormat('camt053', 'BkToCstmrStmt', 'Stmt');

/** camt.052 account report (`BkToCstmrAcctRpt`): the day's or period's booked entries, as banks deliver it daily. */
export const camt052: StatementFormat = camtFormat('camt052', 'BkToCstmrAcctRpt', 'Rpt');
