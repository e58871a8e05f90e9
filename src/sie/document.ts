/**
 * Building a {@link SieDocument} for writing: the facade exports confirmed vouchers through
 * {@link createSieDocument}, which fills in the parts of the model a written 4I file does not need.
 */
import type {
  SieAccount,
  SieAddress,
  SieDimension,
  SieDocument,
  SieHeader,
  SieObject,
  SieObjectRef,
  SieTransaction,
  SieVoucher,
} from './types.js';

/** A voucher row to write; `objects` may be left out. */
export interface SieTransactionInput extends Omit<SieTransaction, 'objects' | 'line'> {
  readonly objects?: readonly SieObjectRef[] | undefined;
}

/** A voucher to write. In a 4I file `series` and `number` may be empty: the importing ledger assigns them. */
export interface SieVoucherInput {
  readonly series?: string | undefined;
  readonly number?: string | undefined;
  /** ISO `YYYY-MM-DD`. */
  readonly date: string;
  readonly text?: string | undefined;
  readonly registrationDate?: string | undefined;
  readonly sign?: string | undefined;
  readonly transactions: readonly SieTransactionInput[];
}

/** Input of {@link createSieDocument}. */
export interface CreateSieDocumentInput {
  readonly company: {
    /** `#FNAMN` (mandatory in every SIE file). */
    readonly name: string;
    /** `#ORGNR`, written unhyphenated or hyphenated as given (`NNNNNN-NNNN` is the spec form). */
    readonly orgNumber?: string | undefined;
    /** `#FNR`: the ledger's own company id, when known. */
    readonly companyId?: string | undefined;
    readonly address?: SieAddress | undefined;
  };
  /** `#GEN` date, ISO `YYYY-MM-DD` (passed in so the same input always gives the same file). */
  readonly generated: string;
  readonly vouchers: readonly SieVoucherInput[];
  /**
   * Account names for `#KONTO`, as a list or as `{ '1930': 'Företagskonto' }`. Every account the
   * vouchers use needs one (see `WriteSieOptions.undeclaredAccounts`).
   */
  readonly accounts?: readonly Pick<SieAccount, 'number' | 'name'>[] | Readonly<Record<string, string>> | undefined;
  /** `#RAR 0 start end`: the fiscal year the vouchers belong to (optional in 4I, helps importers). */
  readonly fiscalYear?: { readonly start: string; readonly end: string } | undefined;
  /** `#KPTYP`, e.g. `BAS2025` (read as EUBAS97 by importers). */
  readonly chartType?: string | undefined;
  readonly dimensions?: readonly SieDimension[] | undefined;
  readonly objects?: readonly SieObject[] | undefined;
}

/**
 * Builds a document of vouchers ready for {@link writeSie}. Pure: nothing is validated here, the
 * writer checks dates, accounts and balance.
 *
 * ```ts
 * const doc = createSieDocument({
 *   company: { name: 'Kaffebryggeriet AB', orgNumber: '556677-8899' },
 *   generated: '2025-11-21',
 *   accounts: { '6570': 'Bankkostnader', '1930': 'Företagskonto' },
 *   vouchers: [{ series: 'A', date: '2025-11-03', text: 'Bankavgift', transactions: [
 *     { account: '6570', amount: 4500 },
 *     { account: '1930', amount: -4500 },
 *   ] }],
 * });
 * const bytes = writeSie(doc);
 * ```
 */
export function createSieDocument(input: CreateSieDocumentInput): SieDocument {
  const c = input.company;
  const header: SieHeader = {
    flag: 0,
    format: 'PC8',
    sieType: 4,
    generated: { date: input.generated },
    companyName: c.name,
    ...(c.orgNumber !== undefined ? { orgNumber: { number: c.orgNumber } } : {}),
    ...(c.companyId !== undefined ? { companyId: c.companyId } : {}),
    ...(c.address !== undefined ? { address: c.address } : {}),
    fiscalYears: input.fiscalYear ? [{ yearIndex: 0, start: input.fiscalYear.start, end: input.fiscalYear.end }] : [],
    ...(input.chartType !== undefined ? { chartType: input.chartType } : {}),
  };
  const vouchers: SieVoucher[] = input.vouchers.map((v) => ({
    series: v.series ?? '',
    number: v.number ?? '',
    date: v.date,
    text: v.text ?? '',
    ...(v.registrationDate !== undefined ? { registrationDate: v.registrationDate } : {}),
    ...(v.sign !== undefined ? { sign: v.sign } : {}),
    transactions: v.transactions.map((t) => ({ ...t, objects: t.objects ?? [] })),
    removed: [],
  }));
  return {
    header,
    accounts: accountList(input.accounts),
    dimensions: input.dimensions ?? [],
    objects: input.objects ?? [],
    balances: [],
    objectBalances: [],
    periodBalances: [],
    vouchers,
    unknownRecords: [],
    encoding: 'cp437',
    checksum: { status: 'absent' },
    issues: [],
  };
}

function accountList(accounts: CreateSieDocumentInput['accounts']): SieAccount[] {
  if (accounts === undefined) return [];
  if (isAccountArray(accounts)) return accounts.map((a) => ({ number: a.number, name: a.name, sru: [] }));
  return Object.entries(accounts)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([number, name]) => ({ number, name, sru: [] }));
}

function isAccountArray(a: NonNullable<CreateSieDocumentInput['accounts']>): a is readonly Pick<SieAccount, 'number' | 'name'>[] {
  return Array.isArray(a);
}
