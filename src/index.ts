// Public surface of kontera: explicit named exports only, no logic.

// Errors
export {
  ERROR_CODES,
  KonteraError,
  StatementParseError,
  FormatDetectionError,
  SieParseError,
  SieWriteError,
  SieVoucherWriteError,
  UnbalancedVoucherError,
  InvalidOptionError,
  StoreError,
  NotFoundError,
  AmbiguousClientError,
  ValidationError,
  AbortError,
  ConflictError,
  BgmaxParseError,
} from './core/errors.js';
export type { ErrorCode, SourcePosition, FormatCandidate } from './core/errors.js';

// Money and dates
export { parseAmount, formatAmount, formatKronor, AmountFormatError } from './core/money.js';
export type { AmountStyle } from './core/money.js';
export { parseDate } from './core/dates.js';
export type { DatePattern } from './core/dates.js';
export type { TextEncoding } from './core/encoding.js';

// Bank statements
export { parseStatement, detectStatementFormat } from './statements/index.js';
export type { ParseStatementOptions, DetectionCandidate, DetectionResult } from './statements/index.js';
export { DEFAULT_INPUT_LIMITS } from './core/limits.js';
export type { InputLimits } from './core/limits.js';
export { STATEMENT_FORMAT_IDS, TRANSACTION_KINDS, WARNING_CODES } from './statements/types.js';
export type {
  BankTransaction,
  ColumnMapping,
  ParseWarning,
  Statement,
  StatementFormatId,
  StatementSection,
  TransactionKind,
  WarningCode,
} from './statements/types.js';

// SIE 4
export { readSie, SIE_LABELS } from './sie/reader.js';
export type { SieLabel } from './sie/reader.js';
export { writeSie, KONTERA_VERSION, FORTNOX_TEXT_LIMIT } from './sie/writer.js';
export { createSieDocument } from './sie/document.js';
export type { CreateSieDocumentInput, SieVoucherInput, SieTransactionInput } from './sie/document.js';
export { SieCrc, sieCrc32 } from './sie/checksum.js';
export {
  SIE_TEXT_ENCODINGS,
  SIE_WRITE_ENCODINGS,
  SIE_FILE_TYPES,
  SIE_CHECKSUM_STATUSES,
  SIE_ACCOUNT_TYPES,
  SIE_ISSUE_SEVERITIES,
  SIE_ISSUE_CODES,
  SIE_BALANCE_KINDS,
  SIE_OBJECT_BALANCE_KINDS,
  SIE_PERIOD_BALANCE_KINDS,
  SIE_UNDECLARED_ACCOUNT_POLICIES,
} from './sie/types.js';
export type {
  SieDocument,
  SieHeader,
  SieProgram,
  SieGenerated,
  SieOrgNumber,
  SieAddress,
  SieFiscalYear,
  SieAccount,
  SieAccountType,
  SieDimension,
  SieObject,
  SieObjectRef,
  SieBalance,
  SieBalanceKind,
  SieObjectBalance,
  SieObjectBalanceKind,
  SiePeriodBalance,
  SiePeriodBalanceKind,
  SieVoucher,
  SieTransaction,
  SieUnknownRecord,
  SieChecksum,
  SieChecksumStatus,
  SieIssue,
  SieIssueCode,
  SieIssueSeverity,
  SieTextEncoding,
  SieWriteEncoding,
  SieFileType,
  SieUndeclaredAccountPolicy,
  ReadSieOptions,
  WriteSieOptions,
} from './sie/types.js';

// The facade and the stores
export { createKontera, PROGRESS_PHASES, LEARN_WARNING_CODES, CONFIRM_WARNING_CODES, TRANSACTION_STATUSES, MATCH_WINDOW_DAYS } from './kontera.js';
export type {
  Kontera,
  KonteraOptions,
  AddClientInput,
  UpdateClientInput,
  BankAccountInput,
  Client,
  ImportedTransaction,
  ClientTransaction,
  TransactionStatus,
  TransactionsOptions,
  TransactionLike,
  Booking,
  ConfirmResult,
  ConfirmWarning,
  ConfirmWarningCode,
  VoucherId,
  VoucherCorrection,
  CorrectVoucherResult,
  LearnFromSieOptions,
  FiscalYearRange,
  LearnFromSieResult,
  ImportStatementOptions,
  ImportStatementResult,
  ExportSieOptions,
  ClientDataExport,
  UnlearnResult,
  RelearnResult,
  LongOperationOptions,
  Progress,
  ProgressPhase,
  LearnWarning,
  LearnWarningCode,
  OpenItemsOptions,
  SettleDepositOptions,
} from './kontera.js';

// Open items (reskontra) and BgMax
export { readBgmax } from './bgmax/reader.js';
export type { ReadBgmaxOptions } from './bgmax/reader.js';
export { BGMAX_PAYMENT_KINDS } from './bgmax/types.js';
export type { BgmaxFile, BgmaxDeposit, BgmaxPayment, BgmaxExtraReference, BgmaxIssue, BgmaxPaymentKind } from './bgmax/types.js';
export { OPEN_ITEM_KINDS, OPEN_ITEM_ORIGINS } from './openitems/types.js';
export type { OpenItem, OpenItemKind, OpenItemOrigin, OpenItemSettlement, OpenItemVoucher, OpenItemVoucherRow, OpenItemAccounts, PendingSettlement } from './openitems/types.js';
export { BAS_OPEN_ITEM_ACCOUNTS, openItemKind } from './openitems/accounts.js';
export { updateLedger, reconcileWithBalances, reopenSettlements, applyConfirmedVoucher } from './openitems/ledger.js';
export type { LedgerOptions, LedgerUpdate, UnallocatedSettlement } from './openitems/ledger.js';
export { sieLedgerVouchers, sieItemBalances, storedVoucherIds } from './openitems/sie.js';
export { matchOpenItems, OPEN_ITEM_EVIDENCE } from './openitems/match.js';
export type { OpenItemCandidate, OpenItemEvidence, OpenItemFeatures, OpenItemLine, MatchOpenItemsOptions, SettledPart } from './openitems/match.js';
export { OPEN_ITEM_CALIBRATION } from './openitems/calibration.js';
export type { OpenItemCalibration } from './openitems/calibration.js';
export { settleDeposit, DepositMismatchError, DEFAULT_SUSPENSE_ACCOUNT } from './openitems/deposit.js';
export type { DepositSettlement, DepositPaymentResult, DepositOptions } from './openitems/deposit.js';
export type { OpenItemSuggestion } from './facade/open-items.js';
export type { OpenItemsLearned } from './kontera.js';
export { createMemoryStore } from './store/memory.js';
export { FISCAL_YEAR_SOURCES, VOUCHER_SERIES } from './store/store.js';
export type {
  Store,
  StoreSession,
  StoreCapabilities,
  TransactionOptions,
  KnowledgeBase,
  ClientRef,
  BureauRow,
  ClientRow,
  StatementRow,
  TransactionRow,
  VoucherRecord,
  LearnedFrom,
  NewVoucher,
  VoucherRowData,
  VoucherFilter,
  TransactionFilter,
  OpenItemFilter,
  TransactionKey,
  AddTransactionsResult,
  ClientData,
  KnownFiscalYear,
  FiscalYearSource,
  DeleteCounts,
  VoucherSeries,
  LedgerVoucher,
  LedgerMark,
  TransactionMark,
} from './store/store.js';

// The engine: normalisation, VAT, learning and suggesting (pure: plain data in, plain data out)
export { counterpartyKey, NO_TEXT_KEY } from './normalize/counterparty.js';
export { keyRulesFingerprint } from './normalize/key-fingerprint.js';
export type { CounterpartyKey, CounterpartySignals, CounterpartyExtras } from './normalize/counterparty.js';
export { VAT_MODES, VAT_RATES, DIRECTIONS } from './vat/types.js';
export type { VatMode, VatRate, Direction, AccountNo, VoucherRow } from './vat/types.js';
export { vatRateOn, carryRate, defaultVatAccounts, FOOD_VAT_CUT, VAT_CATEGORIES } from './vat/rates.js';
export type { VatCategory } from './vat/rates.js';
export { splitVat, vatRows } from './vat/split.js';
export type { VatBooking } from './vat/split.js';
export { KNOWLEDGE_FORMAT_VERSION, LINE_RULES, EVIDENCE_ORIGINS } from './knowledge/types.js';
export type {
  VatSpec,
  LineRule,
  TemplateLine,
  BookingTemplate,
  TemplateEvidence,
  EvidenceOrigin,
  ProfileRecord,
  BureauRecord,
  NetworkRecord,
  NetworkRecordKey,
  KnowledgeSnapshot,
  KnowledgeChanges,
  Voucher,
  TransactionInput,
  ConfirmedBooking,
  ReviewSettings,
  ClientSettings,
} from './knowledge/types.js';
export { BOOK_CURRENCY } from './knowledge/types.js';
export { createKnowledge, knowledgeSnapshot } from './knowledge/base.js';
export type { Knowledge } from './knowledge/base.js';
export { learn, unlearn, removeClient, LEARN_SKIP_REASONS, DECAY_HALF_LIFE_DAYS } from './knowledge/learn.js';
export type { LearnResult, LearnSkipReason } from './knowledge/learn.js';
export { sieBookings, learnFromSieDocument } from './knowledge/cold-start.js';
export type { ColdStartResult, SieBookingOptions } from './knowledge/cold-start.js';
export { rebuildAggregates, DEFAULT_MIN_BUREAUS } from './knowledge/network.js';
export { suggest } from './suggest/suggest.js';
export type { SuggestOptions } from './suggest/suggest.js';
export { SUGGESTION_SOURCES, MATCH_KINDS } from './suggest/types.js';
export type { Suggestion, Alternative, SuggestionSource, MatchKind, BookedAlready } from './suggest/types.js';
export { BUILTIN_RULES } from './suggest/rules.js';
export type { BuiltinRule } from './suggest/rules.js';
export { DEFAULT_AUTO_BOOK_THRESHOLD } from './suggest/score.js';
