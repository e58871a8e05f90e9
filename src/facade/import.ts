/**
 * Importing a bank statement: parse, find the ledger bank account it belongs to, store its lines
 * (idempotent: a line stored before is a duplicate, not a second line).
 *
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { addDays, isIsoDate } from '../core/dates.js';
import { BOOK_CURRENCY } from '../knowledge/types.js';
import type { AccountNo } from '../knowledge/types.js';
import { knownSpelling } from '../statements/account-number.js';
import { parseStatement } from '../statements/index.js';
import type { ParseStatementOptions } from '../statements/index.js';
import type { ParseWarning, Statement } from '../statements/types.js';
import type { ClientRef, ClientRow, StatementRow, StoreSession, TransactionMark, TransactionRow } from '../store/store.js';
import { MATCH_WINDOW_DAYS, matchLedger } from './ledger.js';
import { transferMarksAtImport } from './transfers.js';
import { CHUNK, DEFAULT_BANK_ACCOUNT, checkAbort, checkAccount, digits, fingerprint, nextFreeSeries, refOf, yieldToEventLoop } from './shared.js';
import type { FacadeContext } from './shared.js';
import type { ImportStatementOptions, ImportStatementResult, Kontera } from './types.js';

/** Which ledger bank account a statement belongs to (see {@link ImportStatementOptions.bankAccount}). */
function pickBankAccount(client: ClientRow, fileAccount: string | undefined, options: ImportStatementOptions, fileAccountName?: string): { account: AccountNo; isNew: boolean; guess?: string } {
  // What the file says of its account when it gives no number: its name (`Konto: Företagskonto`, an
  // account-name column), which no registered account number can be matched against.
  const unnumbered = fileAccountName === undefined ? 'the file does not name its account' : `the file names its account "${fileAccountName}" but gives no account number`;
  const fileDigits = fileAccount === undefined ? '' : digits(fileAccount);
  const where = options.fileName !== undefined ? { file: options.fileName } : {};
  const byNumber =
    fileDigits.length === 0
      ? undefined
      : client.bankAccounts.find((a) => {
          const n = client.accountNumbers?.[a];
          return n !== undefined && (digits(n).endsWith(fileDigits) || fileDigits.endsWith(digits(n)));
        });
  if (options.bankAccount !== undefined) {
    const account = checkAccount(options.bankAccount, 'bankAccount option');
    const known = client.bankAccounts.includes(account);
    if (byNumber !== undefined && byNumber !== account) {
      throw new ValidationError(`Statement account mismatch: the file is for ${fileAccount ?? ''}, which is bank account ${byNumber} of client "${client.id}", not ${account}`, where);
    }
    if (!known && options.allowNewAccount !== true) {
      throw new ValidationError(
        `Unknown bank account: expected one of client "${client.id}"'s bank accounts (${client.bankAccounts.join(', ')}), got ${account}; pass allowNewAccount: true to add it`,
        where,
      );
    }
    // A new bank account outside the client's chart: no voucher on it could ever be confirmed.
    if (!known && client.chart !== undefined && !client.chart.includes(account)) {
      throw new ValidationError(
        `Invalid bankAccount option: expected an account in client "${client.id}"'s chart to add as a bank account, got ${account}, which the chart does not have (no voucher on it could be confirmed)`,
        { ...where, field: 'bankAccount' },
      );
    }
    const registered = client.accountNumbers?.[account];
    if (known && registered !== undefined && fileDigits.length > 0 && byNumber === undefined) {
      throw new ValidationError(`Statement account mismatch: the file is for ${fileAccount ?? ''}, bank account ${account} of client "${client.id}" is ${registered}`, where);
    }
    return { account, isNew: !known };
  }
  if (byNumber !== undefined) return { account: byNumber, isNew: false };
  const numbered = client.bankAccounts.filter((a) => client.accountNumbers?.[a] !== undefined);
  if (fileDigits.length > 0 && numbered.length > 0) {
    throw new ValidationError(
      `Statement for an unknown account: the file is for account ${fileAccount ?? ''}, client "${client.id}" has ${numbered.map((a) => `${a} (${client.accountNumbers?.[a] ?? ''})`).join(', ')}; pass bankAccount to choose one${options.allowNewAccount === true ? ' (a new one is added)' : ', with allowNewAccount: true for a new one'}`,
      where,
    );
  }
  if (client.bankAccounts.length === 1) {
    const account = client.bankAccounts[0] ?? DEFAULT_BANK_ACCOUNT;
    const name = client.accountNames?.[account];
    const from =
      client.bankAccountsFrom === 'default' ? ' (the default: the client was added without bank accounts and no SIE file named one)' : client.bankAccountsFrom === 'sie' ? ' (found in its SIE file)' : '';
    return {
      account,
      isNew: false,
      guess: `Statement put on ${account}${name !== undefined ? ` ${name}` : ''}, client "${client.id}"'s only bank account${from}: ${fileDigits.length > 0 ? `the file is for account ${fileAccount ?? ''}, which is registered for none of its accounts` : unnumbered}; pass bankAccount, or give the account's number, to settle it`,
    };
  }
  throw new ValidationError(
    `Ambiguous bank account: client "${client.id}" has ${client.bankAccounts.join(', ')} and ${fileAccountName === undefined ? 'the file does not say which' : `${unnumbered}, so it cannot say which`}; pass bankAccount to choose one`,
    where,
  );
}

/**
 * Matches the client's ledger vouchers near `from`–`to` against its unmarked lines on
 * `bankAccount`, stores the marks and returns them. Nothing is read when it has no ledger vouchers.
 */
async function markBookedLines(tx: StoreSession, ref: ClientRef, bankAccount: AccountNo, from: string, to: string): Promise<TransactionMark[]> {
  const lo = addDays(from, -MATCH_WINDOW_DAYS);
  const hi = addDays(to, MATCH_WINDOW_DAYS);
  const ledger = (await tx.listLedgerVouchers(ref)).filter((v) => v.bankAccounts.includes(bankAccount) && v.date >= lo && v.date <= hi);
  if (ledger.length === 0) return [];
  // Lines as far as a voucher near this file can reach, so the ones it already books are seen.
  const lines = await tx.listTransactions(ref, { bankAccount, from: addDays(lo, -MATCH_WINDOW_DAYS), to: addDays(hi, MATCH_WINDOW_DAYS) });
  const marks = matchLedger(ledger, lines);
  if (marks.length > 0) await tx.markTransactions(ref, marks);
  return marks;
}

/**
 * The statement cut down to the rows of one account (`accountNumber` option): its spelling from
 * the file, and its balances from its own sections (the first's opening, the last's closing).
 */
function oneAccount(statement: Statement, accounts: readonly string[], wanted: string, where: { file?: string }): Statement {
  const known = accounts.length > 0 ? accounts : statement.accountNumber !== undefined ? [statement.accountNumber] : [];
  const spelling = known.find((a) => a === wanted) ?? known.find((a) => digits(a) !== '' && digits(a) === digits(wanted));
  if (spelling === undefined) {
    throw new ValidationError(
      `Account ${JSON.stringify(wanted)} is not in the file: expected one of ${known.length > 0 ? known.join(', ') : '(the file names no account)'}`,
      where,
    );
  }
  if (accounts.length <= 1) return statement; // a one-account file: the option only confirms it
  // An account the file names rather than numbers (`Main SEK`) is picked by its name, and stays a name.
  const sections = (statement.sections ?? []).filter((s) => (s.accountNumber ?? s.accountName) === spelling);
  const named = statement.transactions.some((t) => t.accountNumber === undefined && t.accountName === spelling);
  return {
    ...statement,
    accountNumber: named ? undefined : spelling,
    accountName: named ? spelling : undefined,
    transactions: statement.transactions.filter((t) => (t.accountNumber ?? t.accountName) === spelling),
    openingBalance: sections[0]?.openingBalance,
    closingBalance: sections[sections.length - 1]?.closingBalance,
    sections,
  };
}

/**
 * The account-number spelling to make the statement's ids with. The ids of the lines stored
 * before were made with the spelling of the file that brought them in, which its statement
 * record keeps; a re-save of the same export may spell the number without its separators
 * ("123456789" for "123 456 789"). So the file's own spelling when an earlier statement on this
 * bank account has it (or none has an equivalent one: ids stay as they always were), else the
 * earliest imported spelling that is the same number (`sameAccountNumber`: separators, or the
 * leading zeros a spreadsheet drops from a number of digits only).
 */
function idSpellingOf(fileAccount: string, earlier: readonly StatementRow[], bankAccount: AccountNo): string {
  const spellings = earlier.filter((s) => s.bankAccount === bankAccount).flatMap((s) => (s.accountNumber === undefined ? [] : [s.accountNumber]));
  return knownSpelling(fileAccount, spellings);
}

/** What an import stores: the statement record and its lines, ready for the store. */
interface Prepared {
  readonly row: StatementRow;
  readonly rows: readonly TransactionRow[];
  /** The lines' booking dates, sorted. */
  readonly dates: readonly string[];
}

/**
 * The statement record and its lines. `idSpelling` is the account number the ids were made with
 * (the file's, or an earlier statement's equivalent spelling), kept on the record so the next
 * import finds it.
 */
function prepare(statement: Statement, idSpelling: string | undefined, into: { clientId: string; bankAccount: AccountNo; fileName: string | undefined; importedAt: string }): Prepared {
  const { clientId, bankAccount, fileName, importedAt } = into;
  const ids = statement.transactions.map((t) => t.id);
  const statementId = `st-${fingerprint(clientId, bankAccount, statement.format, ids.join('\n'))}`;
  const dates = statement.transactions.map((t) => t.date).sort();
  const row: { -readonly [K in keyof StatementRow]: StatementRow[K] } = {
    id: statementId,
    clientId,
    bankAccount,
    format: statement.format,
    bank: statement.bank,
    currency: statement.currency,
    transactionCount: statement.transactions.length,
    importedAt,
  };
  if (fileName !== undefined) row.fileName = fileName;
  if (idSpelling !== undefined) row.accountNumber = idSpelling;
  if (statement.openingBalance !== undefined) row.openingBalance = statement.openingBalance;
  if (statement.closingBalance !== undefined) row.closingBalance = statement.closingBalance;
  if (dates.length > 0) {
    row.from = dates[0];
    row.to = dates[dates.length - 1];
  }
  const rows: TransactionRow[] = statement.transactions.map((t) => {
    const r: { -readonly [K in keyof TransactionRow]: TransactionRow[K] } = {
      id: t.id,
      clientId,
      bankAccount,
      statementId,
      line: t.line,
      date: t.date,
      amount: t.amount,
      text: t.text,
    };
    if (t.valueDate !== undefined) r.valueDate = t.valueDate;
    if (t.balance !== undefined) r.balance = t.balance;
    if (t.reference !== undefined) r.reference = t.reference;
    if (t.counterparty !== undefined) r.counterparty = t.counterparty;
    if (t.counterpartyAccount !== undefined) r.counterpartyAccount = t.counterpartyAccount;
    if (t.kind !== undefined) r.kind = t.kind;
    // A line not in the books' currency says so (a currency account's statement, or the row's own).
    const currency = t.currency ?? (statement.currency !== BOOK_CURRENCY ? statement.currency : undefined);
    if (currency !== undefined) r.currency = currency;
    if (t.pending === true) r.pending = true;
    return r;
  });
  return { row, rows, dates };
}

/**
 * Lines of this file that were stored now although an export of another format already brought the
 * same period of this bank account (a camt.053 and an MT940, or a CSV, of the same month): their
 * ids differ, as each format writes the text its own way, so they are not found as duplicates. A
 * line counts when its date falls in such an export's period and a line of it has the same date
 * and amount, one to one. Undefined when none does. The lines are kept (the files may be partial);
 * the warning names them, to be checked before they are confirmed.
 */
async function otherExportOverlap(
  tx: StoreSession,
  ref: ClientRef,
  row: StatementRow,
  transactions: readonly TransactionRow[],
  duplicateIds: ReadonlySet<string>,
  earlier: readonly StatementRow[],
): Promise<ParseWarning | undefined> {
  const others = earlier.filter((s) => s.bankAccount === row.bankAccount && s.format !== row.format && s.id !== row.id && s.from !== undefined && s.to !== undefined);
  if (others.length === 0) return undefined;
  const within = (date: string): boolean => others.some((s) => date >= (s.from as string) && date <= (s.to as string));
  const fresh = transactions.filter((t) => !duplicateIds.has(t.id) && within(t.date));
  if (fresh.length === 0) return undefined;
  const dates = fresh.map((t) => t.date).sort();
  const otherIds = new Set(others.map((s) => s.id));
  const stored = await tx.listTransactions(ref, { bankAccount: row.bankAccount, from: dates[0], to: dates[dates.length - 1] });
  const unmatched = new Map<string, number>();
  for (const t of stored) {
    if (!otherIds.has(t.statementId)) continue;
    const key = `${t.date} ${t.amount}`;
    unmatched.set(key, (unmatched.get(key) ?? 0) + 1);
  }
  const lines: number[] = [];
  for (const t of fresh) {
    const key = `${t.date} ${t.amount}`;
    const n = unmatched.get(key) ?? 0;
    if (n === 0) continue;
    unmatched.set(key, n - 1);
    lines.push(t.line);
  }
  if (lines.length === 0) return undefined;
  const formats = [...new Set(others.map((s) => s.format))].join(', ');
  return {
    code: 'OVERLAPS_OTHER_EXPORT',
    message: `${lines.length} line(s) have the date and amount of lines imported before from another export of this bank account (${formats}) for the same period: the same transactions in two formats would be booked twice; check them before confirming`,
    lines: lines.sort((a, b) => a - b),
  };
}

/** `importStatement`. */
export function importApi(ctx: FacadeContext): Pick<Kontera, 'importStatement'> {
  const { store, clientOf, now } = ctx;
  return {
    async importStatement(clientId: string, bytes: Uint8Array | string, options: ImportStatementOptions = {}): Promise<ImportStatementResult> {
      checkAbort(options.signal);
      const client0 = await clientOf(store, clientId);
      const parseOptions: ParseStatementOptions = {
        ...(options.fileName !== undefined ? { fileName: options.fileName } : {}),
        ...(options.format !== undefined ? { format: options.format } : {}),
        ...(options.columns !== undefined ? { columns: options.columns } : {}),
      };
      const parsed = parseStatement(bytes, parseOptions);
      // One statement goes on one bank account: rows of several accounts (a file in sections, or a
      // bank's export of several accounts) would merge two accounts' lines and balances into one.
      const accounts = [...new Set(parsed.transactions.map((t) => t.accountNumber ?? t.accountName).filter((a): a is string => a !== undefined))];
      const where = options.fileName !== undefined ? { file: options.fileName } : {};
      if (accounts.length > 1 && options.accountNumber === undefined) {
        const mixed = parsed.warnings.find((w) => w.code === 'ACCOUNTS_MIXED');
        throw new ValidationError(
          `Statement with several accounts: the file holds rows of ${accounts.join(', ')}${mixed !== undefined && mixed.lines.length > 0 ? ` (another account's rows start on line ${mixed.lines.join(', ')})` : ''}; one import books one bank account: pass accountNumber to import one account's rows, or split the file`,
          { ...where, ...(mixed?.lines[0] !== undefined ? { line: mixed.lines[0] } : {}) },
        );
      }
      const mine = (s: Statement): Statement => (options.accountNumber === undefined ? s : oneAccount(s, accounts, options.accountNumber, where));
      const statement = mine(parsed);
      const { account: bankAccount, isNew, guess } = pickBankAccount(client0, statement.accountNumber, options, statement.accountNumber === undefined ? (statement.accountName ?? statement.transactions.find((t) => t.accountName !== undefined)?.accountName) : undefined);
      const importedAt = now().toISOString();
      const into = { clientId, bankAccount, fileName: options.fileName, importedAt };
      const asParsed = prepare(statement, statement.accountNumber, into);
      /**
       * The lines with ids made with `idSpelling`: as parsed when it is the file's own spelling,
       * else parsed again with it (only a re-save whose account number lost its separators).
       */
      const withIds = (idSpelling: string | undefined): Prepared =>
        idSpelling === statement.accountNumber
          ? asParsed
          : prepare(mine(parseStatement(bytes, { ...parseOptions, idAccountNumbers: idSpelling === undefined ? [] : [idSpelling] })), idSpelling, into);
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const ref = refOf(client);
        if (isNew && !client.bankAccounts.includes(bankAccount)) {
          const used = new Set<string>(Object.values(client.series));
          await tx.updateClient({
            ...client,
            bankAccounts: [...client.bankAccounts, bankAccount],
            series: { ...client.series, [bankAccount]: nextFreeSeries(used) },
            ...(statement.accountNumber !== undefined ? { accountNumbers: { ...client.accountNumbers, [bankAccount]: statement.accountNumber } } : {}),
          });
        }
        // Read in the transaction, so an import of the same account running at the same time is seen.
        const earlier = await tx.listStatements(ref);
        const idSpelling = statement.accountNumber === undefined ? undefined : idSpellingOf(statement.accountNumber, earlier, bankAccount);
        const { row, rows, dates } = withIds(idSpelling);
        await tx.putStatement(ref, row);
        const duplicateIds = new Set<string>();
        let added = 0;
        for (let i = 0; i < rows.length; i += CHUNK) {
          checkAbort(options.signal);
          const r = await tx.addTransactions(ref, rows.slice(i, i + CHUNK));
          added += r.added.length;
          for (const d of r.duplicates) duplicateIds.add(d);
          options.onProgress?.({ phase: 'import', done: Math.min(i + CHUNK, rows.length), total: rows.length });
          if (i + CHUNK < rows.length) await yieldToEventLoop();
        }
        checkAbort(options.signal);
        let transactions: readonly TransactionRow[] = rows;
        if (duplicateIds.size > 0) {
          const stored = await tx.getTransactions(ref, [...duplicateIds].map((id) => ({ bankAccount, id })));
          const byId = new Map(stored.map((t) => [t.id, t]));
          transactions = rows.map((r) => byId.get(r.id) ?? r);
        }
        // Lines the client's learned books already hold are marked, so they are not booked twice.
        const booked = dates.filter(isIsoDate);
        const marks =
          booked.length === 0
            ? []
            : [
                ...(await markBookedLines(tx, ref, bankAccount, booked[0] as string, booked[booked.length - 1] as string)),
                // The other side of a transfer from another of the client's accounts, confirmed before this statement came.
                ...(await transferMarksAtImport(tx, ref, client, bankAccount, booked[0] as string, booked[booked.length - 1] as string)),
              ];
        if (marks.length > 0) {
          const byId = new Map(marks.map((m) => [m.id, m.booked]));
          transactions = transactions.map((t) => {
            const booked = byId.get(t.id);
            return booked === undefined ? t : { ...t, booked };
          });
        }
        const warnings: ParseWarning[] = [...statement.warnings];
        if (guess !== undefined) warnings.push({ code: 'BANK_ACCOUNT_GUESSED', message: guess, lines: [] });
        const overlap = await otherExportOverlap(tx, ref, row, transactions, duplicateIds, earlier);
        if (overlap !== undefined) warnings.push(overlap);
        return {
          statementId: row.id,
          bankAccount,
          transactions,
          added,
          duplicates: rows.length - added,
          booked: transactions.filter((t) => t.booked !== undefined).length,
          warnings,
        };
      });
    },
  };
}
