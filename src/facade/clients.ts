/**
 * Bureaus and clients: adding them (every default filled in, every setting checked) and reading a client.
 *
 * @module
 */
import { ValidationError } from '../core/errors.js';
import type { AccountNo } from '../knowledge/types.js';
import { VOUCHER_SERIES } from '../store/store.js';
import type { BureauRow, ClientRow, VoucherSeries } from '../store/store.js';
import { keyRulesFingerprint } from '../normalize/key-fingerprint.js';
import { DEFAULT_BANK_ACCOUNT, ORG_NR_PATTERN, checkAccount, checkFiscalYears, digits, nextFreeSeries, nonEmpty, show } from './shared.js';
import type { FacadeContext } from './shared.js';
import type { AddClientInput, BankAccountInput, Client, Kontera, UpdateClientInput } from './types.js';

function resolveClientInput(input: AddClientInput): ClientRow {
  if (typeof input !== 'object' || input === null) throw new ValidationError('Invalid client: expected { bureauId, id, name, … }');
  const id = nonEmpty(input.id, 'client id');
  const bureauId = nonEmpty(input.bureauId, 'bureau id');
  const name = nonEmpty(input.name, `name of client "${id}"`);
  if (input.orgNr !== undefined && (typeof input.orgNr !== 'string' || !ORG_NR_PATTERN.test(input.orgNr))) {
    throw new ValidationError(`Invalid orgNr of client "${id}": expected NNNNNN-NNNN, got ${JSON.stringify(input.orgNr)}`);
  }
  const list = (value: unknown, what: string): readonly unknown[] | undefined => {
    if (value === undefined || Array.isArray(value)) return value;
    throw new ValidationError(`Invalid ${what} of client "${id}": expected an array, got ${show(value)}`);
  };
  const flag = (value: unknown, what: string): boolean | undefined => {
    if (value === undefined || typeof value === 'boolean') return value;
    throw new ValidationError(`Invalid ${what} of client "${id}": expected true or false, got ${show(value)}`);
  };
  const vatRegistered = flag(input.vatRegistered, 'vatRegistered');
  const network = flag(input.network, 'network');
  const chart = list(input.chart, 'chart')?.map((a) => checkAccount(a, `chart account of client "${id}"`));
  const chartSet = chart === undefined ? undefined : new Set(chart);
  const inChart = (a: AccountNo, what: string): void => {
    if (chartSet !== undefined && !chartSet.has(a)) throw new ValidationError(`Invalid ${what} of client "${id}": expected an account in its chart, got ${a}`);
  };
  const given = (list(input.bankAccounts, 'bankAccounts') ?? [DEFAULT_BANK_ACCOUNT]).map((b): BankAccountInput => {
    if (typeof b === 'string') return { account: b };
    if (typeof b !== 'object' || b === null) throw new ValidationError(`Invalid bank account of client "${id}": expected a BAS account or { account, number?, series? }, got ${show(b)}`);
    return b as BankAccountInput;
  });
  if (given.length === 0) throw new ValidationError(`Invalid bank accounts of client "${id}": expected at least one, got none`);
  const bankAccounts: AccountNo[] = [];
  const series: Record<AccountNo, VoucherSeries> = {};
  const accountNumbers: Record<AccountNo, string> = {};
  const usedSeries = new Set<string>(given.flatMap((b) => (b.series === undefined ? [] : [b.series])));
  for (const b of given) {
    const account = checkAccount(b.account, `bank account of client "${id}"`);
    if (bankAccounts.includes(account)) throw new ValidationError(`Invalid bank accounts of client "${id}": expected each once, got ${account} twice`);
    inChart(account, 'bank account');
    if (b.series !== undefined && !VOUCHER_SERIES.includes(b.series)) {
      throw new ValidationError(`Invalid series for bank account ${account}: expected a letter A–Z, got ${JSON.stringify(b.series)}`);
    }
    const s = b.series ?? nextFreeSeries(usedSeries);
    usedSeries.add(s);
    bankAccounts.push(account);
    series[account] = s;
    if (b.number !== undefined) {
      if (typeof b.number !== 'string' || digits(b.number).length < 5) throw new ValidationError(`Invalid number for bank account ${account}: expected a bank account number, got ${JSON.stringify(b.number)}`);
      accountNumbers[account] = b.number;
    }
  }
  if (input.suspenseAccount !== undefined) inChart(checkAccount(input.suspenseAccount, 'suspense account'), 'suspense account');
  if (input.review !== undefined && (typeof input.review !== 'object' || input.review === null || Array.isArray(input.review))) {
    throw new ValidationError(`Invalid review of client "${id}": expected { accounts?, counterparties? }, got ${show(input.review)}`);
  }
  for (const a of list(input.review?.accounts, 'review accounts') ?? []) checkAccount(a, `review account of client "${id}"`);
  for (const c of list(input.review?.counterparties, 'review counterparties') ?? []) nonEmpty(c, `review counterparty of client "${id}"`);
  if (input.autoBookThreshold !== undefined && !(typeof input.autoBookThreshold === 'number' && input.autoBookThreshold >= 0 && input.autoBookThreshold <= 1)) {
    throw new ValidationError(`Invalid autoBookThreshold of client "${id}": expected a number from 0 to 1, got ${input.autoBookThreshold}`);
  }
  const accountNames: Record<AccountNo, string> = {};
  if (input.accountNames !== undefined && (typeof input.accountNames !== 'object' || input.accountNames === null || Array.isArray(input.accountNames))) {
    throw new ValidationError(`Invalid accountNames of client "${id}": expected { [account]: name }, got ${show(input.accountNames)}`);
  }
  for (const [a, n] of Object.entries(input.accountNames ?? {})) accountNames[checkAccount(a, 'account name key')] = nonEmpty(n, `name of account ${a}`);
  const row: { -readonly [K in keyof ClientRow]: ClientRow[K] } = {
    id,
    bureauId,
    name,
    bankAccounts,
    series,
    vatRegistered: vatRegistered ?? true,
    network: network ?? true,
    // A new client has no knowledge yet: whatever it learns, it learns under the current key rules.
    keyRules: keyRulesFingerprint(),
  };
  if (input.bankAccounts === undefined) row.bankAccountsFrom = 'default';
  if (input.orgNr !== undefined) row.orgNr = input.orgNr;
  if (Object.keys(accountNumbers).length > 0) row.accountNumbers = accountNumbers;
  if (chart !== undefined) row.chart = chart;
  if (Object.keys(accountNames).length > 0) row.accountNames = accountNames;
  if (input.suspenseAccount !== undefined) row.suspenseAccount = input.suspenseAccount;
  if (input.review !== undefined) row.review = input.review;
  if (input.autoBookThreshold !== undefined) row.autoBookThreshold = input.autoBookThreshold;
  if (input.fiscalYears !== undefined) {
    const years = checkFiscalYears(input.fiscalYears, `fiscalYears of client "${id}"`);
    if (years.length > 0) row.fiscalYears = years;
  }
  if (input.autoBookShared !== undefined) {
    if (typeof input.autoBookShared !== 'boolean') throw new ValidationError(`Invalid autoBookShared of client "${id}": expected true or false, got ${JSON.stringify(input.autoBookShared)}`);
    if (input.autoBookShared) row.autoBookShared = true;
  }
  return row;
}

/** `addBureau`, `addClient`, `updateClient`, `getClient`. */
export function clientsApi(ctx: FacadeContext): Pick<Kontera, 'addBureau' | 'addClient' | 'updateClient' | 'getClient'> {
  const { store, visibleBureau, clientOf } = ctx;
  return {
    async addBureau(bureau: BureauRow): Promise<BureauRow> {
      const row = { id: nonEmpty(bureau?.id, 'bureau id'), name: nonEmpty(bureau?.name, 'bureau name') };
      visibleBureau(row.id);
      await store.createBureau(row);
      return row;
    },

    async addClient(input: AddClientInput): Promise<Client> {
      const row = resolveClientInput(input);
      visibleBureau(row.bureauId);
      await store.createClient(row);
      return row;
    },

    async updateClient(clientId: string, changes: UpdateClientInput): Promise<Client> {
      if (typeof changes !== 'object' || changes === null) throw new ValidationError('Invalid client changes: expected { fiscalYears }');
      const years = changes.fiscalYears === undefined ? undefined : checkFiscalYears(changes.fiscalYears, `fiscalYears of client "${clientId}"`);
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        if (years === undefined) return client;
        const { fiscalYears: _old, ...rest } = client;
        const row: ClientRow = years.length > 0 ? { ...rest, fiscalYears: years } : rest;
        await tx.updateClient(row);
        return row;
      });
    },

    async getClient(clientId: string): Promise<Client> {
      return clientOf(store, clientId);
    },
  };
}
