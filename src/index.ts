// Public surface of kontera: explicit named exports only, no logic.
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
export { parseAmount, formatAmount, formatKronor } from './core/money.js';
export type { AmountStyle } from './core/money.js';
export { parseDate } from './core/dates.js';
export type { DatePattern } from './core/dates.js';
