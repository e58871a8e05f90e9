// Public surface of kontera: explicit named exports only, no logic.

// Errors
export {
  ERROR_CODES,
  KonteraError,
  StatementParseError,
  FormatDetectionError,
  SieParseError,
  SieWriteError,
  UnbalancedVoucherError,
  InvalidOptionError,
  StoreError,
  NotFoundError,
  ValidationError,
  AbortError,
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
export { STATEMENT_FORMAT_IDS, TRANSACTION_KINDS, WARNING_CODES } from './statements/types.js';
export type {
  BankTransaction,
  ColumnMapping,
  ParseWarning,
  Statement,
  StatementFormatId,
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
