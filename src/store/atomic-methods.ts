/**
 * The single-call half of a {@link Store}: every session method as one atomic read or write,
 * through the store's own transaction runner. The SQLite and PostgreSQL stores differ only in
 * that runner (locking, retries, connection handling), so the delegations live here once.
 */
import type { BureauRecord as BureauKnowledgeRecord, KnowledgeChanges, NetworkRecord, ProfileRecord } from '../knowledge/types.js';
import type { OpenItem, PendingSettlement } from '../openitems/types.js';
import type {
  AddTransactionsResult,
  BureauRow,
  ClientData,
  ClientRef,
  ClientRow,
  DeleteCounts,
  KnowledgeBase,
  LedgerVoucher,
  NewVoucher,
  OpenItemFilter,
  StatementRow,
  KnownFiscalYear,
  StoreSession,
  TransactionFilter,
  TransactionKey,
  TransactionMark,
  TransactionRow,
  VoucherFilter,
  VoucherLearnedFrom,
  VoucherReplacement,
  VoucherRecord,
} from './store.js';

/** @internal */
export abstract class AtomicStoreMethods implements StoreSession {
  /** Runs `fn` on a session inside one transaction of the given kind. */
  protected abstract atomic<T>(mode: 'read' | 'write', fn: (s: StoreSession) => Promise<T>): Promise<T>;

  createBureau(bureau: BureauRow): Promise<void> {
    return this.atomic('write', (s) => s.createBureau(bureau));
  }
  getBureau(bureauId: string): Promise<BureauRow | undefined> {
    return this.atomic('read', (s) => s.getBureau(bureauId));
  }
  listBureaus(): Promise<readonly BureauRow[]> {
    return this.atomic('read', (s) => s.listBureaus());
  }
  deleteBureau(bureauId: string): Promise<DeleteCounts> {
    return this.atomic('write', (s) => s.deleteBureau(bureauId));
  }
  createClient(client: ClientRow): Promise<void> {
    return this.atomic('write', (s) => s.createClient(client));
  }
  updateClient(client: ClientRow): Promise<void> {
    return this.atomic('write', (s) => s.updateClient(client));
  }
  getClient(ref: ClientRef): Promise<ClientRow> {
    return this.atomic('read', (s) => s.getClient(ref));
  }
  findClients(clientId: string): Promise<readonly ClientRow[]> {
    return this.atomic('read', (s) => s.findClients(clientId));
  }
  listClients(bureauId: string): Promise<readonly ClientRow[]> {
    return this.atomic('read', (s) => s.listClients(bureauId));
  }
  deleteClient(ref: ClientRef): Promise<DeleteCounts> {
    return this.atomic('write', (s) => s.deleteClient(ref));
  }
  putStatement(ref: ClientRef, statement: StatementRow): Promise<boolean> {
    return this.atomic('write', (s) => s.putStatement(ref, statement));
  }
  getStatement(ref: ClientRef, statementId: string): Promise<StatementRow | undefined> {
    return this.atomic('read', (s) => s.getStatement(ref, statementId));
  }
  listStatements(ref: ClientRef): Promise<readonly StatementRow[]> {
    return this.atomic('read', (s) => s.listStatements(ref));
  }
  addTransactions(ref: ClientRef, transactions: readonly TransactionRow[]): Promise<AddTransactionsResult> {
    return this.atomic('write', (s) => s.addTransactions(ref, transactions));
  }
  getTransactions(ref: ClientRef, keys: readonly TransactionKey[]): Promise<readonly TransactionRow[]> {
    return this.atomic('read', (s) => s.getTransactions(ref, keys));
  }
  listTransactions(ref: ClientRef, filter?: TransactionFilter): Promise<readonly TransactionRow[]> {
    return this.atomic('read', (s) => s.listTransactions(ref, filter));
  }
  addVoucher(ref: ClientRef, voucher: NewVoucher): Promise<VoucherRecord> {
    return this.atomic('write', (s) => s.addVoucher(ref, voucher));
  }
  addVouchers(ref: ClientRef, vouchers: readonly NewVoucher[]): Promise<readonly VoucherRecord[]> {
    return this.atomic('write', (s) => s.addVouchers(ref, vouchers));
  }
  listVouchers(ref: ClientRef, filter?: VoucherFilter): Promise<readonly VoucherRecord[]> {
    return this.atomic('read', (s) => s.listVouchers(ref, filter));
  }
  getVoucherForTransaction(ref: ClientRef, key: TransactionKey): Promise<VoucherRecord | undefined> {
    return this.atomic('read', (s) => s.getVoucherForTransaction(ref, key));
  }
  getVouchersForTransactions(ref: ClientRef, keys: readonly TransactionKey[]): Promise<readonly VoucherRecord[]> {
    return this.atomic('read', (s) => s.getVouchersForTransactions(ref, keys));
  }
  setLearnedFrom(ref: ClientRef, updates: readonly VoucherLearnedFrom[]): Promise<void> {
    return this.atomic('write', (s) => s.setLearnedFrom(ref, updates));
  }
  replaceVoucher(ref: ClientRef, voucher: VoucherReplacement): Promise<VoucherRecord> {
    return this.atomic('write', (s) => s.replaceVoucher(ref, voucher));
  }
  markTransactions(ref: ClientRef, marks: readonly TransactionMark[]): Promise<void> {
    return this.atomic('write', (s) => s.markTransactions(ref, marks));
  }
  putLedgerVouchers(ref: ClientRef, vouchers: readonly LedgerVoucher[]): Promise<void> {
    return this.atomic('write', (s) => s.putLedgerVouchers(ref, vouchers));
  }
  listLedgerVouchers(ref: ClientRef): Promise<readonly LedgerVoucher[]> {
    return this.atomic('read', (s) => s.listLedgerVouchers(ref));
  }
  getProfiles(ref: ClientRef, keys?: readonly string[]): Promise<readonly ProfileRecord[]> {
    return this.atomic('read', (s) => s.getProfiles(ref, keys));
  }
  getBureauProfiles(bureauId: string, keys: readonly string[]): Promise<readonly ProfileRecord[]> {
    return this.atomic('read', (s) => s.getBureauProfiles(bureauId, keys));
  }
  getBureauRecords(bureauId: string, keys?: readonly string[]): Promise<readonly BureauKnowledgeRecord[]> {
    return this.atomic('read', (s) => s.getBureauRecords(bureauId, keys));
  }
  getNetworkRecords(keys: readonly string[]): Promise<readonly NetworkRecord[]> {
    return this.atomic('read', (s) => s.getNetworkRecords(keys));
  }
  getNetworkCandidates(bureauId: string, keys: readonly string[]): Promise<readonly NetworkRecord[]> {
    return this.atomic('read', (s) => s.getNetworkCandidates(bureauId, keys));
  }
  listNetworkRecords(): Promise<readonly NetworkRecord[]> {
    return this.atomic('read', (s) => s.listNetworkRecords());
  }
  applyKnowledge(bureauId: string, changes: KnowledgeChanges, base: KnowledgeBase, minBureaus?: number): Promise<void> {
    return this.atomic('write', (s) => s.applyKnowledge(bureauId, changes, base, minBureaus));
  }
  putOpenItems(ref: ClientRef, items: readonly OpenItem[]): Promise<void> {
    return this.atomic('write', (s) => s.putOpenItems(ref, items));
  }
  listOpenItems(ref: ClientRef, filter?: OpenItemFilter): Promise<readonly OpenItem[]> {
    return this.atomic('read', (s) => s.listOpenItems(ref, filter));
  }
  deleteOpenItems(ref: ClientRef, ids: readonly string[]): Promise<number> {
    return this.atomic('write', (s) => s.deleteOpenItems(ref, ids));
  }
  putPendingSettlements(ref: ClientRef, pending: readonly PendingSettlement[]): Promise<void> {
    return this.atomic('write', (s) => s.putPendingSettlements(ref, pending));
  }
  listPendingSettlements(ref: ClientRef): Promise<readonly PendingSettlement[]> {
    return this.atomic('read', (s) => s.listPendingSettlements(ref));
  }
  deletePendingSettlements(ref: ClientRef, ids: readonly string[]): Promise<number> {
    return this.atomic('write', (s) => s.deletePendingSettlements(ref, ids));
  }
  putFiscalYears(ref: ClientRef, years: readonly KnownFiscalYear[]): Promise<void> {
    return this.atomic('write', (s) => s.putFiscalYears(ref, years));
  }
  listFiscalYears(ref: ClientRef): Promise<readonly KnownFiscalYear[]> {
    return this.atomic('read', (s) => s.listFiscalYears(ref));
  }
  deleteFiscalYears(ref: ClientRef, starts: readonly string[]): Promise<number> {
    return this.atomic('write', (s) => s.deleteFiscalYears(ref, starts));
  }
  exportClient(ref: ClientRef): Promise<ClientData> {
    return this.atomic('read', (s) => s.exportClient(ref));
  }
}
