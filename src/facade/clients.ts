/**
 * Bureaus and clients: adding them (defaults filled in, every setting checked), changing a client's
 * settings (checked the same way) and reading a client.
 *
 * @module
 */
import { ValidationError } from '../core/errors.js';
import type { AccountNo } from '../knowledge/types.js';
import { VOUCHER_SERIES } from '../store/store.js';
import type { BureauRow, ClientRow, VoucherSeries } from '../store/store.js';
import { keyRulesFingerprint } from '../normalize/key-fingerprint.js';
import { setNetworkShare } from '../knowledge/learn.js';
import { shareableKeys } from './relearn.js';
import { DEFAULT_BANK_ACCOUNT, ORG_NR_PATTERN, checkAccount, checkFiscalYears, digits, engineClient, knowledgeForLearning, nextFreeSeries, nonEmpty, refOf, show } from './shared.js';
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

/** The settings of {@link UpdateClientInput}: every one of {@link AddClientInput} but the ids. */
const SETTINGS = [
  'name',
  'orgNr',
  'bankAccounts',
  'vatRegistered',
  'chart',
  'accountNames',
  'suspenseAccount',
  'review',
  'autoBookThreshold',
  'autoBookShared',
  'network',
  'fiscalYears',
] as const satisfies readonly (keyof UpdateClientInput & keyof AddClientInput)[];

/** What `resolveClientInput` writes of a row from the settings; the rest of a stored row is kept. */
const RESOLVED: readonly (keyof ClientRow)[] = ['name', 'orgNr', 'bankAccounts', 'bankAccountsFrom', 'accountNumbers', 'series', 'vatRegistered', 'chart', 'accountNames', 'suspenseAccount', 'review', 'autoBookThreshold', 'autoBookShared', 'network', 'fiscalYears'];

/** A stored client as the `addClient` input that gives it (its bank accounts with their series and numbers). */
function inputOf(c: ClientRow): Record<string, unknown> {
  const input: Record<string, unknown> = { ...c };
  for (const key of Object.keys(input)) if (!(SETTINGS as readonly string[]).includes(key) && key !== 'id' && key !== 'bureauId') delete input[key];
  input['bankAccounts'] = c.bankAccounts.map((account) => ({ account, number: c.accountNumbers?.[account], series: c.series[account] }));
  return input;
}

/**
 * The client with `changes` applied, checked by `resolveClientInput` as `addClient` checks a new
 * one: the stored settings as an `addClient` input, each change put in (`null` takes a setting out,
 * `undefined` leaves it), resolved; what is not a setting (key rules, export marks) is kept.
 */
function updatedClient(client: ClientRow, changes: UpdateClientInput): ClientRow {
  const given = changes as Readonly<Record<string, unknown>>;
  for (const field of ['id', 'bureauId'] as const) {
    const value = given[field];
    if (value !== undefined && value !== client[field]) {
      throw new ValidationError(`Invalid ${field} of client "${client.id}": expected it unchanged (${show(client[field])}), got ${show(value)}; it cannot be changed`, { field });
    }
  }
  const input = inputOf(client);
  for (const field of SETTINGS) {
    const value = given[field];
    if (value === null) delete input[field];
    else if (value !== undefined) input[field] = value;
  }
  const bankAccounts = changes.bankAccounts;
  if (Array.isArray(bankAccounts)) {
    // An account the client has keeps its series (its vouchers' numbering) and its number unless given.
    input['bankAccounts'] = bankAccounts.map((b: unknown) => {
      const entry = typeof b === 'string' ? { account: b } : b;
      if (typeof entry !== 'object' || entry === null) return b;
      const e = entry as { account?: unknown; number?: unknown; series?: unknown };
      const account = typeof e.account === 'string' ? e.account : '';
      const stored = (of: Readonly<Record<string, string>> | undefined): string | undefined => (of !== undefined && Object.hasOwn(of, account) ? of[account] : undefined);
      return { ...e, number: e.number ?? stored(client.accountNumbers), series: e.series ?? stored(client.series) };
    });
  }
  const resolved = resolveClientInput(input as unknown as AddClientInput);
  const row: Record<string, unknown> = { ...client };
  for (const key of RESOLVED) delete row[key];
  for (const key of RESOLVED) if (resolved[key] !== undefined) row[key] = resolved[key];
  // Bank accounts left as they were (or given as they are) keep where they came from; other ones given are the bureau's.
  const same = resolved.bankAccounts.length === client.bankAccounts.length && resolved.bankAccounts.every((a, i) => a === client.bankAccounts[i]);
  if (bankAccounts === undefined || (bankAccounts !== null && same)) {
    if (client.bankAccountsFrom === undefined) delete row['bankAccountsFrom'];
    else row['bankAccountsFrom'] = client.bankAccountsFrom;
  }
  return row as unknown as ClientRow;
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
      if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
        throw new ValidationError(`Invalid changes of client "${clientId}": expected { name?, bankAccounts?, vatRegistered?, chart?, network?, … }, got ${show(changes)}`);
      }
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const row = updatedClient(client, changes);
        const ref = refOf(client);
        for (const account of client.bankAccounts) {
          if (row.bankAccounts.includes(account)) continue;
          const lines = (await tx.listTransactions(ref, { bankAccount: account })).length;
          if (lines > 0) {
            throw new ValidationError(`Invalid bank accounts of client "${client.id}": expected ${account} among them, as ${lines} imported bank line${lines === 1 ? ' is' : 's are'} on it`, { field: 'bankAccounts' });
          }
        }
        if (row.network !== client.network) {
          // Its contribution to the network counts follows, as if it had always had the setting.
          const keys = (await tx.getProfiles(ref)).map((p) => p.key);
          const { k, base } = await knowledgeForLearning(tx, client, keys);
          const shareable = row.network ? await shareableKeys(tx, client) : new Map<string, boolean>();
          await tx.applyKnowledge(client.bureauId, setNetworkShare(k, engineClient(client), (key) => shareable.get(key) ?? false), base, ctx.shareAt);
        }
        await tx.updateClient(row);
        return row;
      });
    },

    async getClient(clientId: string): Promise<Client> {
      return clientOf(store, clientId);
    },
  };
}
