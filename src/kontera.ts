/**
 * The facade: kontera's one public entry point and its only I/O shell. It parses files, loads the
 * evidence it needs from the store, calls the pure engine (statements, SIE, knowledge, suggest) and
 * writes the results inside one store transaction, so every call either happens completely or not
 * at all.
 *
 * ```ts
 * const kontera = await createKontera({ store: await openSqliteStore({ path: 'kontera.db' }) });
 * await kontera.addBureau({ id: 'byra-1', name: 'Byrå Ett' });
 * await kontera.addClient({ bureauId: 'byra-1', id: 'kaffe', name: 'Kaffebryggeriet AB' });
 * await kontera.learnFromSie('kaffe', sieBytes);
 * const { transactions } = await kontera.importStatement('kaffe', csvBytes, { fileName: 'mars.csv' });
 * const suggestions = await kontera.suggest('kaffe', transactions);
 * const byra1 = kontera.forBureau('byra-1'); // client ids within one bureau
 * ```
 * Each use case lives in its own module under `facade/` (clients, learn, import, suggest, confirm,
 * export, erase, open items); this file composes them.
 *
 * @module
 */
import { ValidationError } from './core/errors.js';
import { clientsApi } from './facade/clients.js';
import { confirmApi } from './facade/confirm.js';
import { correctApi } from './facade/correct.js';
import { eraseApi } from './facade/erase.js';
import { exportApi } from './facade/export.js';
import { importApi } from './facade/import.js';
import { learnApi } from './facade/learn.js';
import { openItemsApi } from './facade/open-items.js';
import { facadeContext, nonEmpty, show } from './facade/shared.js';
import { suggestApi } from './facade/suggest.js';
import { transactionsApi } from './facade/transactions.js';
import { relearnApi } from './facade/relearn.js';
import type { Kontera, KonteraOptions } from './facade/types.js';
import { createMemoryStore } from './store/memory.js';
import type { Store } from './store/store.js';

export { CONFIRM_WARNING_CODES, LEARN_WARNING_CODES, PROGRESS_PHASES, TRANSACTION_STATUSES } from './facade/types.js';
export { MATCH_WINDOW_DAYS } from './facade/ledger.js';
export type {
  AddClientInput,
  UpdateClientInput,
  BankAccountInput,
  Booking,
  Client,
  ClientDataExport,
  ConfirmResult,
  ConfirmWarning,
  ConfirmWarningCode,
  VoucherId,
  VoucherCorrection,
  CorrectVoucherResult,
  ExportSieOptions,
  ImportedTransaction,
  ClientTransaction,
  TransactionStatus,
  TransactionsOptions,
  ImportStatementOptions,
  ImportStatementResult,
  Kontera,
  LearnWarning,
  LearnWarningCode,
  KonteraOptions,
  LearnFromSieOptions,
  FiscalYearRange,
  LearnFromSieResult,
  LongOperationOptions,
  OpenItemsLearned,
  OpenItemsOptions,
  Progress,
  ProgressPhase,
  SettleDepositOptions,
  TransactionLike,
  UnlearnResult,
  RelearnResult,
} from './facade/types.js';

/**
 * Creates a kontera instance on a store (default: a new memory store).
 *
 * ```ts
 * const kontera = await createKontera();                       // in memory
 * const durable = await createKontera({ store: await openSqliteStore({ path: 'k.db' }) });
 * ```
 */
export async function createKontera(options: KonteraOptions = {}): Promise<Kontera> {
  if (typeof options !== 'object' || options === null) throw new ValidationError(`Invalid options: expected { store?, bureauId?, now?, minBureaus? }, got ${String(options)}`);
  if (options.store !== undefined && !isStore(options.store)) {
    throw new ValidationError('Invalid store: expected a Store (createMemoryStore(), openSqliteStore(…), openPostgresStore(…) or one implementing the Store interface), got an object without its methods');
  }
  if (options.now !== undefined && typeof options.now !== 'function') throw new ValidationError(`Invalid now: expected a function returning a Date, got ${show(options.now)}`);
  const store = options.store ?? createMemoryStore();
  const minBureaus = options.minBureaus;
  if (minBureaus !== undefined && (!Number.isSafeInteger(minBureaus) || minBureaus < 1)) {
    throw new ValidationError(`Invalid minBureaus: expected a whole number ≥ 1, got ${minBureaus}`);
  }
  if (options.bureauId !== undefined) nonEmpty(options.bureauId, 'bureau id');
  return instance(store, checkedClock(options.now ?? (() => new Date())), minBureaus, options.bureauId);
}

/** Whether `x` has what the facade calls on a store (a wrong object fails here, not deep inside a call). */
function isStore(x: unknown): x is Store {
  const s = x as Partial<Record<keyof Store, unknown>> | null;
  return typeof s === 'object' && s !== null && typeof s.transaction === 'function' && typeof s.close === 'function' && typeof s.findClients === 'function';
}

/** `now` that refuses, typed, to stamp anything with a time that is not one (`new Date(undefined)`). */
function checkedClock(now: () => Date): () => Date {
  return () => {
    const d: unknown = now();
    if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new ValidationError(`Invalid now: expected the clock to return a valid Date, got ${d instanceof Date ? 'Invalid Date' : (show(d))}`);
    return d;
  };
}

/** One facade over `store`, for every bureau or limited to `onlyBureau`. */
function instance(store: Store, now: () => Date, minBureaus: number | undefined, onlyBureau: string | undefined): Kontera {
  const ctx = facadeContext(store, now, minBureaus, onlyBureau);
  const api: Kontera = {
    ...clientsApi(ctx),
    ...learnApi(ctx),
    ...relearnApi(ctx),
    ...importApi(ctx),
    ...suggestApi(ctx),
    ...transactionsApi(ctx),
    ...confirmApi(ctx),
    ...correctApi(ctx),
    ...exportApi(ctx),
    ...eraseApi(ctx),
    ...openItemsApi(ctx),
    forBureau(bureauId: string): Kontera {
      nonEmpty(bureauId, 'bureau id');
      ctx.visibleBureau(bureauId);
      return instance(store, now, minBureaus, bureauId);
    },
    async close(): Promise<void> {
      await store.close();
    },
  };
  return Object.freeze(api);
}
