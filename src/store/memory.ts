/**
 * The in-memory store: plain Maps, no Node built-ins (it runs in a browser), and the reference
 * behaviour every other store is tested against. Nothing survives `close()`.
 *
 * Transactions keep an undo log: every write inside one records how to reverse it, and a failed
 * transaction replays the log backwards. Records are copied on the way in and out, so a caller can
 * never change stored state by mutating an object it passed or received.
 *
 * @module
 */
import { ConflictError, StoreError, ValidationError } from '../core/errors.js';
import { DEFAULT_MIN_BUREAUS } from '../knowledge/types.js';
import type { BureauRecord as BureauKnowledgeRecord, KnowledgeChanges, NetworkRecord, NetworkRecordKey, ProfileRecord } from '../knowledge/types.js';
import {
  checkClientRow,
  checkLedgerVoucher,
  checkKnowledgeChanges,
  checkNewVouchers,
  checkVoucherReplacement,
  checkOpenItems,
  checkKnownFiscalYears,
  checkPendingSettlements,
  comparePendingSettlements,
  compareOpenItems,
  bureauSteps,
  checkTransactionRow,
  compareNetwork,
  compareText,
  mergeBureau,
  mergeCandidate,
  checkMinBureaus,
  sharedNetworkRecord,
  networkSteps,
  notFoundBureau,
  notFoundClient,
  notFoundTransaction,
  notFoundVoucher,
} from './checks.js';
import type { OpenItem, PendingSettlement } from '../openitems/types.js';
import { Mutex } from './mutex.js';
import { learnedFromOf } from './rows.js';
import type {
  AddTransactionsResult,
  BureauRow,
  ClientData,
  ClientRef,
  ClientRow,
  DeleteCounts,
  KnowledgeBase,
  KnownFiscalYear,
  LedgerVoucher,
  NewVoucher,
  OpenItemFilter,
  StatementRow,
  Store,
  StoreCapabilities,
  StoreSession,
  TransactionFilter,
  TransactionKey,
  TransactionMark,
  TransactionOptions,
  TransactionRow,
  VoucherFilter,
  VoucherLearnedFrom,
  VoucherReplacement,
  VoucherRecord,
} from './store.js';

const CAPABILITIES: StoreCapabilities = Object.freeze({
  kind: 'memory',
  durable: false,
  multiProcess: false,
  browserSafe: true,
});

interface StoredTransaction {
  readonly seq: number;
  readonly row: TransactionRow;
}

/** All per-client tables of one client. */
interface ClientTables {
  readonly statements: Map<string, StatementRow>;
  readonly transactions: Map<string, StoredTransaction>;
  readonly vouchers: VoucherRecord[];
  readonly booked: Map<string, VoucherRecord>;
  readonly profiles: Map<string, ProfileRecord>;
  readonly ledger: Map<string, LedgerVoucher>;
  readonly openItems: Map<string, OpenItem>;
  readonly pending: Map<string, PendingSettlement>;
  readonly fiscalYears: Map<string, KnownFiscalYear>;
}

function txKey(bankAccount: string, id: string): string {
  return `${bankAccount}\u0000${id}`;
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

function emptyCounts(): DeleteCounts {
  return { clients: 0, statements: 0, transactions: 0, vouchers: 0, profiles: 0, bureauRecords: 0 };
}

function addCounts(a: DeleteCounts, b: DeleteCounts): DeleteCounts {
  return {
    clients: a.clients + b.clients,
    statements: a.statements + b.statements,
    transactions: a.transactions + b.transactions,
    vouchers: a.vouchers + b.vouchers,
    profiles: a.profiles + b.profiles,
    bureauRecords: a.bureauRecords + b.bureauRecords,
  };
}

/** Clients are identified within their bureau: two bureaus may each have a client "acme". */
function clientKey(bureauId: string, clientId: string): string {
  return `${bureauId}\u0000${clientId}`;
}

/** The whole state plus the undo log of the running transaction. */
class MemoryState {
  readonly bureaus = new Map<string, BureauRow>();
  /** `bureauId\0clientId` → client. */
  readonly clients = new Map<string, ClientRow>();
  readonly tables = new Map<string, ClientTables>();
  /** bureauId → `${key}\0${templateId}` → record. */
  readonly bureauRecords = new Map<string, Map<string, BureauKnowledgeRecord>>();
  /** The shared network: only mappings that enough bureaus hold. */
  readonly network = new Map<string, NetworkRecord>();
  /** bureauId → network id → the bureau's own candidate (bureau-internal). */
  readonly candidates = new Map<string, Map<string, NetworkRecord>>();
  seq = 0;
  undo: (() => void)[] | undefined;

  /** Sets `map[key] = value`, remembering how to undo it. */
  set<K, V>(map: Map<K, V>, key: K, value: V): void {
    if (this.undo) {
      const had = map.has(key);
      const old = map.get(key);
      this.undo.push(() => {
        if (had) map.set(key, old as V);
        else map.delete(key);
      });
    }
    map.set(key, value);
  }

  /** Deletes `map[key]`, remembering how to undo it. True when something was deleted. */
  delete<K, V>(map: Map<K, V>, key: K): boolean {
    if (!map.has(key)) return false;
    if (this.undo) {
      const old = map.get(key) as V;
      this.undo.push(() => map.set(key, old));
    }
    return map.delete(key);
  }

  /** Replaces `list[i]`, remembering how to undo it. */
  replace<T>(list: T[], i: number, value: T): void {
    const old = list[i] as T;
    if (this.undo) this.undo.push(() => void (list[i] = old));
    list[i] = value;
  }

  push<T>(list: T[], value: T): void {
    list.push(value);
    if (this.undo) this.undo.push(() => void list.pop());
  }

  client(ref: ClientRef): ClientRow {
    const client = this.clients.get(clientKey(ref.bureauId, ref.clientId));
    if (client === undefined || client.bureauId !== ref.bureauId) throw notFoundClient(ref);
    return client;
  }

  tablesOf(ref: ClientRef): ClientTables {
    this.client(ref);
    const t = this.tables.get(clientKey(ref.bureauId, ref.clientId));
    if (t === undefined) throw new StoreError('STORE', `Memory store is inconsistent: client "${ref.clientId}" has no tables`);
    return t;
  }
}

/** The session methods on a state; the store and its transactions call these. */
function session(state: MemoryState, assertOpen: () => void, assertWritable: () => void = () => {}): StoreSession {
  const s = state;
  const assertWrite = (): void => {
    assertOpen();
    assertWritable();
  };
  const bureauRecordsOf = (bureauId: string): Map<string, BureauKnowledgeRecord> => {
    let m = s.bureauRecords.get(bureauId);
    if (m === undefined) {
      m = new Map();
      s.set(s.bureauRecords, bureauId, m);
    }
    return m;
  };

  const removeClient = (client: ClientRow): DeleteCounts => {
    const t = s.tables.get(clientKey(client.bureauId, client.id));
    let bureauRecords = 0;
    const records = s.bureauRecords.get(client.bureauId);
    if (records !== undefined) {
      for (const [id, record] of [...records]) {
        if (!record.clients.includes(client.id)) continue;
        const rest = record.clients.filter((c) => c !== client.id);
        if (rest.length === 0) s.delete(records, id);
        else s.set(records, id, { ...record, clients: rest });
        bureauRecords++;
      }
    }
    s.delete(s.tables, clientKey(client.bureauId, client.id));
    s.delete(s.clients, clientKey(client.bureauId, client.id));
    return {
      clients: 1,
      statements: t?.statements.size ?? 0,
      transactions: t?.transactions.size ?? 0,
      vouchers: t?.vouchers.length ?? 0,
      profiles: t?.profiles.size ?? 0,
      bureauRecords,
    };
  };

  const addVouchers = async (ref: ClientRef, vouchers: readonly NewVoucher[]): Promise<readonly VoucherRecord[]> => {
    assertWrite();
    const t = s.tablesOf(ref);
    checkNewVouchers(vouchers);
    // Every check before the first write: the call stores all of them or none.
    for (const voucher of vouchers) {
      if (voucher.transactionId === undefined || voucher.bankAccount === undefined) continue;
      const existing = t.booked.get(txKey(voucher.bankAccount, voucher.transactionId));
      if (existing !== undefined) {
        throw new ConflictError(
          `Transaction already booked: expected an unbooked transaction, "${voucher.transactionId}" on ${voucher.bankAccount} is booked as ${existing.series}${existing.number}`,
        );
      }
    }
    const last = new Map<string, number>();
    for (const v of t.vouchers) if (v.number > (last.get(v.series) ?? 0)) last.set(v.series, v.number);
    return vouchers.map((voucher) => {
      const number = (last.get(voucher.series) ?? 0) + 1;
      last.set(voucher.series, number);
      const { learnedFrom, ...rest } = copy(voucher);
      const record: VoucherRecord = { ...rest, clientId: ref.clientId, number, ...(learnedFrom !== undefined ? { learnedFrom: learnedFromOf(learnedFrom) } : {}) };
      s.push(t.vouchers, record);
      if (voucher.transactionId !== undefined && voucher.bankAccount !== undefined) s.set(t.booked, txKey(voucher.bankAccount, voucher.transactionId), record);
      return copy(record);
    });
  };

  /** The vouchers booking `keys`' transactions, in their order (`getVoucherForTransaction` is one key of it). */
  const vouchersForTransactions = (ref: ClientRef, keys: readonly TransactionKey[]): VoucherRecord[] => {
    assertOpen();
    const booked = s.tablesOf(ref).booked;
    const out: VoucherRecord[] = [];
    for (const k of keys) {
      const v = booked.get(txKey(k.bankAccount, k.id));
      if (v !== undefined) out.push(copy(v));
    }
    return out;
  };

  return {
    async createBureau(bureau: BureauRow): Promise<void> {
      assertWrite();
      if (s.bureaus.has(bureau.id)) throw new ConflictError(`Bureau exists: expected a new bureau id, got "${bureau.id}"`);
      s.set(s.bureaus, bureau.id, copy(bureau));
    },

    async getBureau(bureauId: string): Promise<BureauRow | undefined> {
      assertOpen();
      const b = s.bureaus.get(bureauId);
      return b === undefined ? undefined : copy(b);
    },

    async listBureaus(): Promise<readonly BureauRow[]> {
      assertOpen();
      return [...s.bureaus.values()].sort((a, b) => compareText(a.id, b.id)).map(copy);
    },

    async deleteBureau(bureauId: string): Promise<DeleteCounts> {
      assertWrite();
      if (!s.bureaus.has(bureauId)) throw notFoundBureau(bureauId);
      let counts = emptyCounts();
      for (const client of [...s.clients.values()]) {
        if (client.bureauId === bureauId) counts = addCounts(counts, removeClient(client));
      }
      const remaining = s.bureauRecords.get(bureauId)?.size ?? 0;
      s.delete(s.bureauRecords, bureauId);
      s.delete(s.candidates, bureauId);
      s.delete(s.bureaus, bureauId);
      return { ...counts, bureauRecords: counts.bureauRecords + remaining };
    },

    async createClient(client: ClientRow): Promise<void> {
      assertWrite();
      checkClientRow(client);
      if (!s.bureaus.has(client.bureauId)) throw notFoundBureau(client.bureauId);
      const key = clientKey(client.bureauId, client.id);
      if (s.clients.has(key)) throw new ConflictError(`Client exists: expected a new client id in bureau "${client.bureauId}", got "${client.id}"`);
      s.set(s.clients, key, copy(client));
      s.set(s.tables, key, {
        statements: new Map(),
        transactions: new Map(),
        vouchers: [],
        booked: new Map(),
        profiles: new Map(),
        ledger: new Map(),
        openItems: new Map(),
        pending: new Map(),
        fiscalYears: new Map(),
      });
    },

    async updateClient(client: ClientRow): Promise<void> {
      assertWrite();
      s.client({ bureauId: client.bureauId, clientId: client.id });
      checkClientRow(client);
      s.set(s.clients, clientKey(client.bureauId, client.id), copy(client));
    },

    async getClient(ref: ClientRef): Promise<ClientRow> {
      assertOpen();
      return copy(s.client(ref));
    },

    async findClients(clientId: string): Promise<readonly ClientRow[]> {
      assertOpen();
      return [...s.clients.values()]
        .filter((c) => c.id === clientId)
        .sort((a, b) => compareText(a.bureauId, b.bureauId))
        .map(copy);
    },

    async listClients(bureauId: string): Promise<readonly ClientRow[]> {
      assertOpen();
      if (!s.bureaus.has(bureauId)) throw notFoundBureau(bureauId);
      return [...s.clients.values()]
        .filter((c) => c.bureauId === bureauId)
        .sort((a, b) => compareText(a.id, b.id))
        .map(copy);
    },

    async deleteClient(ref: ClientRef): Promise<DeleteCounts> {
      assertWrite();
      return removeClient(s.client(ref));
    },

    async putStatement(ref: ClientRef, statement: StatementRow): Promise<boolean> {
      assertWrite();
      const t = s.tablesOf(ref);
      if (statement.clientId !== ref.clientId) {
        throw new ValidationError(`Invalid statement ${statement.id}: expected client "${ref.clientId}", got "${statement.clientId}"`);
      }
      if (t.statements.has(statement.id)) return false;
      s.set(t.statements, statement.id, copy(statement));
      return true;
    },

    async getStatement(ref: ClientRef, statementId: string): Promise<StatementRow | undefined> {
      assertOpen();
      const st = s.tablesOf(ref).statements.get(statementId);
      return st === undefined ? undefined : copy(st);
    },

    async listStatements(ref: ClientRef): Promise<readonly StatementRow[]> {
      assertOpen();
      return [...s.tablesOf(ref).statements.values()]
        .sort((a, b) => compareText(a.importedAt, b.importedAt) || compareText(a.id, b.id))
        .map(copy);
    },

    async addTransactions(ref: ClientRef, transactions: readonly TransactionRow[]): Promise<AddTransactionsResult> {
      assertWrite();
      const t = s.tablesOf(ref);
      for (const row of transactions) {
        checkTransactionRow(ref, row);
        if (!t.statements.has(row.statementId)) {
          throw new ValidationError(`Invalid transaction ${row.id}: expected a stored statement, got unknown "${row.statementId}"`);
        }
      }
      const added: string[] = [];
      const duplicates: string[] = [];
      for (const row of transactions) {
        const k = txKey(row.bankAccount, row.id);
        if (t.transactions.has(k)) {
          duplicates.push(row.id);
          continue;
        }
        s.set(t.transactions, k, { seq: ++s.seq, row: copy(row) });
        added.push(row.id);
      }
      return { added, duplicates };
    },

    async getTransactions(ref: ClientRef, keys: readonly TransactionKey[]): Promise<readonly TransactionRow[]> {
      assertOpen();
      const t = s.tablesOf(ref);
      const out: TransactionRow[] = [];
      for (const k of keys) {
        const found = t.transactions.get(txKey(k.bankAccount, k.id));
        if (found !== undefined) out.push(copy(found.row));
      }
      return out;
    },

    async listTransactions(ref: ClientRef, filter: TransactionFilter = {}): Promise<readonly TransactionRow[]> {
      assertOpen();
      const t = s.tablesOf(ref);
      return [...t.transactions.values()]
        .filter(({ row }) =>
          (filter.statementId === undefined || row.statementId === filter.statementId) &&
          (filter.bankAccount === undefined || row.bankAccount === filter.bankAccount) &&
          (filter.from === undefined || row.date >= filter.from) &&
          (filter.to === undefined || row.date <= filter.to),
        )
        .sort((a, b) => compareText(a.row.date, b.row.date) || compareText(a.row.bankAccount, b.row.bankAccount) || a.seq - b.seq)
        .map(({ row }) => copy(row));
    },

    async addVoucher(ref: ClientRef, voucher: NewVoucher): Promise<VoucherRecord> {
      return (await addVouchers(ref, [voucher]))[0] as VoucherRecord;
    },

    addVouchers,

    async listVouchers(ref: ClientRef, filter: VoucherFilter = {}): Promise<readonly VoucherRecord[]> {
      assertOpen();
      return s
        .tablesOf(ref)
        .vouchers.filter(
          (v) =>
            (filter.series === undefined || v.series === filter.series) &&
            (filter.from === undefined || v.date >= filter.from) &&
            (filter.to === undefined || v.date <= filter.to),
        )
        .sort((a, b) => compareText(a.series, b.series) || a.number - b.number)
        .map(copy);
    },

    async getVoucherForTransaction(ref: ClientRef, key: TransactionKey): Promise<VoucherRecord | undefined> {
      return vouchersForTransactions(ref, [key])[0];
    },

    async getVouchersForTransactions(ref: ClientRef, keys: readonly TransactionKey[]): Promise<readonly VoucherRecord[]> {
      return vouchersForTransactions(ref, keys);
    },

    async setLearnedFrom(ref: ClientRef, updates: readonly VoucherLearnedFrom[]): Promise<void> {
      assertWrite();
      const t = s.tablesOf(ref);
      const at = updates.map((u) => {
        const i = t.vouchers.findIndex((v) => v.series === u.series && v.number === u.number);
        if (i < 0) throw notFoundVoucher(ref, u);
        return i;
      });
      updates.forEach((u, j) => {
        const i = at[j] as number;
        const record: VoucherRecord = { ...(t.vouchers[i] as VoucherRecord), learnedFrom: learnedFromOf(copy(u.learnedFrom)) };
        s.replace(t.vouchers, i, record);
        if (record.transactionId !== undefined && record.bankAccount !== undefined) s.set(t.booked, txKey(record.bankAccount, record.transactionId), record);
      });
    },

    async replaceVoucher(ref: ClientRef, voucher: VoucherReplacement): Promise<VoucherRecord> {
      assertWrite();
      const t = s.tablesOf(ref);
      checkVoucherReplacement(voucher);
      const i = t.vouchers.findIndex((v) => v.series === voucher.series && v.number === voucher.number);
      if (i < 0) throw notFoundVoucher(ref, voucher);
      const { learnedFrom, date, text, rows, confirmedAt } = copy(voucher);
      const { learnedFrom: _old, ...kept } = t.vouchers[i] as VoucherRecord;
      const record: VoucherRecord = {
        ...kept,
        date,
        text,
        rows: rows.map((r) => (r.text === undefined ? { account: r.account, amount: r.amount } : { account: r.account, amount: r.amount, text: r.text })),
        confirmedAt,
        ...(learnedFrom !== undefined ? { learnedFrom: learnedFromOf(learnedFrom) } : {}),
      };
      s.replace(t.vouchers, i, record);
      if (record.transactionId !== undefined && record.bankAccount !== undefined) s.set(t.booked, txKey(record.bankAccount, record.transactionId), record);
      return copy(record);
    },

    async markTransactions(ref: ClientRef, marks: readonly TransactionMark[]): Promise<void> {
      assertWrite();
      const t = s.tablesOf(ref);
      const found = marks.map((m) => {
        const stored = t.transactions.get(txKey(m.bankAccount, m.id));
        if (stored === undefined) throw notFoundTransaction(m);
        return stored;
      });
      marks.forEach((m, i) => {
        const stored = found[i] as StoredTransaction;
        const { booked: _old, ...rest } = stored.row;
        const row: TransactionRow = m.booked === undefined ? rest : { ...rest, booked: copy(m.booked) };
        s.set(t.transactions, txKey(m.bankAccount, m.id), { seq: stored.seq, row });
      });
    },

    async putLedgerVouchers(ref: ClientRef, vouchers: readonly LedgerVoucher[]): Promise<void> {
      assertWrite();
      const t = s.tablesOf(ref);
      for (const v of vouchers) checkLedgerVoucher(v);
      for (const v of vouchers) s.set(t.ledger, v.id, copy(v));
    },

    async listLedgerVouchers(ref: ClientRef): Promise<readonly LedgerVoucher[]> {
      assertOpen();
      return [...s.tablesOf(ref).ledger.values()].sort((a, b) => compareText(a.date, b.date) || compareText(a.id, b.id)).map(copy);
    },

    async getProfiles(ref: ClientRef, keys?: readonly string[]): Promise<readonly ProfileRecord[]> {
      assertOpen();
      const profiles = s.tablesOf(ref).profiles;
      const out =
        keys === undefined
          ? [...profiles.values()]
          : [...new Set(keys)].flatMap((k) => {
              const p = profiles.get(k);
              return p === undefined ? [] : [p];
            });
      return out.sort((a, b) => compareText(a.key, b.key)).map(copy);
    },

    async getBureauProfiles(bureauId: string, keys: readonly string[]): Promise<readonly ProfileRecord[]> {
      assertOpen();
      if (!s.bureaus.has(bureauId)) throw notFoundBureau(bureauId);
      const wanted = [...new Set(keys)];
      const out: ProfileRecord[] = [];
      for (const client of s.clients.values()) {
        if (client.bureauId !== bureauId) continue;
        const profiles = s.tables.get(clientKey(client.bureauId, client.id))?.profiles;
        for (const key of wanted) {
          const p = profiles?.get(key);
          if (p !== undefined) out.push(p);
        }
      }
      return out.sort((a, b) => compareText(a.key, b.key) || compareText(a.clientId, b.clientId)).map(copy);
    },

    async getBureauRecords(bureauId: string, keys?: readonly string[]): Promise<readonly BureauKnowledgeRecord[]> {
      assertOpen();
      if (!s.bureaus.has(bureauId)) throw notFoundBureau(bureauId);
      const wanted = keys === undefined ? undefined : new Set(keys);
      return [...(s.bureauRecords.get(bureauId)?.values() ?? [])]
        .filter((r) => wanted === undefined || wanted.has(r.key))
        .sort((a, b) => compareText(a.key, b.key) || compareText(a.templateId, b.templateId))
        .map(copy);
    },

    async getNetworkRecords(keys: readonly string[]): Promise<readonly NetworkRecord[]> {
      assertOpen();
      const wanted = new Set(keys);
      return [...s.network.values()].filter((r) => wanted.has(r.key)).sort(compareNetwork).map(copy);
    },

    async getNetworkCandidates(bureauId: string, keys: readonly string[]): Promise<readonly NetworkRecord[]> {
      assertOpen();
      if (!s.bureaus.has(bureauId)) throw notFoundBureau(bureauId);
      const wanted = new Set(keys);
      return [...(s.candidates.get(bureauId)?.values() ?? [])].filter((r) => wanted.has(r.key)).sort(compareNetwork).map(copy);
    },

    async listNetworkRecords(): Promise<readonly NetworkRecord[]> {
      assertOpen();
      return [...s.network.values()].sort(compareNetwork).map(copy);
    },

    async applyKnowledge(bureauId: string, changes: KnowledgeChanges, base: KnowledgeBase, minBureaus: number = DEFAULT_MIN_BUREAUS): Promise<void> {
      assertWrite();
      checkMinBureaus(minBureaus);
      if (!s.bureaus.has(bureauId)) throw notFoundBureau(bureauId);
      checkKnowledgeChanges(bureauId, changes, base, (clientId) => s.clients.get(clientKey(bureauId, clientId))?.bureauId);
      for (const d of changes.deleteProfiles) {
        const t = s.tables.get(clientKey(bureauId, d.clientId));
        if (t !== undefined) s.delete(t.profiles, d.key);
      }
      for (const p of changes.putProfiles) {
        const t = s.tablesOf({ bureauId, clientId: p.clientId });
        s.set(t.profiles, p.key, copy(p));
      }
      const records = bureauRecordsOf(bureauId);
      for (const step of bureauSteps(changes, base)) {
        const next = mergeBureau(records.get(step.id), step);
        if (next === undefined) s.delete(records, step.id);
        else s.set(records, step.id, copy(next));
      }
      let own = s.candidates.get(bureauId);
      if (own === undefined) {
        own = new Map();
        s.set(s.candidates, bureauId, own);
      }
      const touched = new Map<string, NetworkRecordKey>();
      for (const step of networkSteps(changes, base)) {
        const next = mergeCandidate(own.get(step.id), step);
        if (next === undefined) s.delete(own, step.id);
        else s.set(own, step.id, next);
        touched.set(step.id, step.identity);
      }
      // Shared only once enough bureaus hold the mapping; withdrawn when they no longer do.
      for (const [id, identity] of touched) {
        const held: NetworkRecord[] = [];
        for (const m of s.candidates.values()) {
          const c = m.get(id);
          if (c !== undefined) held.push(c);
        }
        const shared = sharedNetworkRecord(identity, held, minBureaus);
        if (shared === undefined) s.delete(s.network, id);
        else s.set(s.network, id, shared);
      }
    },

    async putOpenItems(ref: ClientRef, items: readonly OpenItem[]): Promise<void> {
      assertWrite();
      const t = s.tablesOf(ref);
      checkOpenItems(items);
      for (const item of items) s.set(t.openItems, item.id, copy(item));
    },

    async listOpenItems(ref: ClientRef, filter: OpenItemFilter = {}): Promise<readonly OpenItem[]> {
      assertOpen();
      return [...s.tablesOf(ref).openItems.values()]
        .filter((i) => filter.open !== true || i.open > 0)
        .sort(compareOpenItems)
        .map(copy);
    },

    async deleteOpenItems(ref: ClientRef, ids: readonly string[]): Promise<number> {
      assertWrite();
      const t = s.tablesOf(ref);
      let n = 0;
      for (const id of new Set(ids)) if (s.delete(t.openItems, id)) n++;
      return n;
    },

    async putPendingSettlements(ref: ClientRef, pending: readonly PendingSettlement[]): Promise<void> {
      assertWrite();
      const t = s.tablesOf(ref);
      checkPendingSettlements(pending);
      for (const p of pending) s.set(t.pending, p.id, copy(p));
    },

    async listPendingSettlements(ref: ClientRef): Promise<readonly PendingSettlement[]> {
      assertOpen();
      return [...s.tablesOf(ref).pending.values()].sort(comparePendingSettlements).map(copy);
    },

    async deletePendingSettlements(ref: ClientRef, ids: readonly string[]): Promise<number> {
      assertWrite();
      const t = s.tablesOf(ref);
      let n = 0;
      for (const id of new Set(ids)) if (s.delete(t.pending, id)) n++;
      return n;
    },

    async putFiscalYears(ref: ClientRef, years: readonly KnownFiscalYear[]): Promise<void> {
      assertWrite();
      const t = s.tablesOf(ref);
      checkKnownFiscalYears(years);
      for (const y of years) s.set(t.fiscalYears, y.start, { start: y.start, end: y.end, source: y.source });
    },

    async listFiscalYears(ref: ClientRef): Promise<readonly KnownFiscalYear[]> {
      assertOpen();
      return [...s.tablesOf(ref).fiscalYears.values()].sort((a, b) => compareText(a.start, b.start)).map(copy);
    },

    async deleteFiscalYears(ref: ClientRef, starts: readonly string[]): Promise<number> {
      assertWrite();
      const t = s.tablesOf(ref);
      let n = 0;
      for (const start of new Set(starts)) if (s.delete(t.fiscalYears, start)) n++;
      return n;
    },

    async exportClient(ref: ClientRef): Promise<ClientData> {
      assertOpen();
      const client = s.client(ref);
      const t = s.tablesOf(ref);
      const self = session(s, assertOpen);
      return {
        client: copy(client),
        statements: await self.listStatements(ref),
        transactions: await self.listTransactions(ref),
        vouchers: await self.listVouchers(ref),
        ledgerVouchers: await self.listLedgerVouchers(ref),
        profiles: [...t.profiles.values()].sort((a, b) => compareText(a.key, b.key)).map(copy),
        bureauRecords: [...(s.bureauRecords.get(client.bureauId)?.values() ?? [])]
          .filter((r) => r.clients.includes(client.id))
          .sort((a, b) => compareText(a.key, b.key) || compareText(a.templateId, b.templateId))
          .map(copy),
        openItems: await self.listOpenItems(ref),
        pendingSettlements: await self.listPendingSettlements(ref),
        fiscalYears: await self.listFiscalYears(ref),
      };
    },
  };
}

/**
 * Creates an empty in-memory store.
 *
 * ```ts
 * const store = createMemoryStore();
 * const kontera = await createKontera({ store });
 * ```
 */
export function createMemoryStore(): Store {
  const state = new MemoryState();
  const mutex = new Mutex();
  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new StoreError('STORE', 'Store is closed: expected an open memory store, got one after close()');
  };
  const direct = session(state, assertOpen);

  // Every outside call takes the lock, so it never sees a transaction half-way, and is atomic on
  // its own: a call that fails after some writes undoes them.
  const atomic = async <T>(fn: () => Promise<T>): Promise<T> => {
    const undo: (() => void)[] = [];
    state.undo = undo;
    try {
      return await fn();
    } catch (error) {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]?.();
      throw error;
    } finally {
      state.undo = undefined;
    }
  };
  const locked = {} as Record<keyof StoreSession, unknown>;
  for (const name of Object.keys(direct) as (keyof StoreSession)[]) {
    const method = direct[name] as (...args: unknown[]) => Promise<unknown>;
    locked[name] = (...args: unknown[]) => mutex.run(() => atomic(() => method(...args)));
  }

  const store: Store = {
    ...(locked as unknown as StoreSession),
    capabilities: CAPABILITIES,

    transaction<T>(fn: (tx: StoreSession) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
      return mutex.run(async () => {
        assertOpen();
        let active = true;
        const tx = session(
          state,
          () => {
            if (!active) throw new StoreError('STORE', 'Transaction has ended: expected calls inside transaction(fn), got one after it returned');
            assertOpen();
          },
          () => {
            if (options.readOnly === true) throw new StoreError('STORE', 'Read-only transaction: expected only reads inside it, got a write');
          },
        );
        try {
          return await atomic(() => fn(tx));
        } finally {
          active = false;
        }
      });
    },

    async close(): Promise<void> {
      await mutex.run(() => {
        closed = true;
      });
    },
  };
  return Object.freeze(store);
}
