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
