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
import { eraseApi } from './facade/erase.js';
import { exportApi } from './facade/export.js';
import { importApi } from './facade/import.js';
import { learnApi } from './facade/learn.js';
import { openItemsApi } from './facade/open-items.js';
import { facadeContext, nonEmpty } from './facade/shared.js';
import { suggestApi } from './facade/suggest.js';
import { relearnApi } from './facade/relearn.js';
import type { Kontera, KonteraOptions } from './facade/types.js';
import { createMemoryStore } from './store/memory.js';
import type { Store } from './store/store.js';

export { LEARN_WARNING_CODES, PROGRESS_PHASES } from './facade/types.js';
export { MATCH_WINDOW_DAYS } from './facade/ledger.js';
export type {
  AddClientInput,
  UpdateClientInput,
  BankAccountInput,
  Booking,
  Client,
  ClientDataExport,
  ConfirmResult,
  ExportSieOptions,
  ImportedTransaction,
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
  const store = options.store ?? createMemoryStore();
  const minBureaus = options.minBureaus;
  if (minBureaus !== undefined && (!Number.isSafeInteger(minBureaus) || minBureaus < 1)) {
    throw new ValidationError(`Invalid minBureaus: expected a whole number ≥ 1, got ${minBureaus}`);
  }
  if (options.bureauId !== undefined) nonEmpty(options.bureauId, 'bureau id');
  return instance(store, options.now ?? (() => new Date()), minBureaus, options.bureauId);
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
    ...confirmApi(ctx),
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
