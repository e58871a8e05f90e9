/**
 * Public types of SIE 4 reading and writing (SIE 4B 2008-09-30 / 4C 2025-08-06).
 *
 * Conventions: amounts are integers in öre (debit positive, credit negative), dates are ISO
 * `YYYY-MM-DD`, periods are `YYYY-MM`, account numbers and object ids are strings (object ids keep
 * leading zeros: `"0001"` ≠ `"1"`). `line` fields are 1-based physical lines of the file that was
 * read; documents built for writing may leave them out.
 */
import type { KonteraError } from '../core/errors.js';

/** Text encodings a SIE file can be read as, decided from the bytes (not from `#FORMAT`). */
export const SIE_TEXT_ENCODINGS = ['cp437', 'utf-8', 'windows-1252', 'utf-16le', 'utf-16be', 'macintosh', 'iso-8859-15'] as const;
/** Encoding a SIE file was decoded with. `cp437` is the only one the spec allows (`#FORMAT PC8`). */
export type SieTextEncoding = (typeof SIE_TEXT_ENCODINGS)[number];

/** Encodings {@link writeSie} can produce. */
export const SIE_WRITE_ENCODINGS = ['cp437', 'utf-8'] as const;
/** Encoding of a written SIE file: `cp437` (the standard) or `utf-8` (opt-in, non-standard). */
export type SieWriteEncoding = (typeof SIE_WRITE_ENCODINGS)[number];

/** SIE 4 file variants: 4E is an export from a ledger, 4I an import of vouchers into one. */
export const SIE_FILE_TYPES = ['4I', '4E'] as const;
/** `4I` (vouchers for import) or `4E` (full-year export). Both carry `#SIETYP 4`. */
export type SieFileType = (typeof SIE_FILE_TYPES)[number];

/** What the reader found about `#KSUMMA`. */
export const SIE_CHECKSUM_STATUSES = ['absent', 'valid', 'invalid'] as const;
/**
 * `absent`: no `#KSUMMA` in the file. `valid`: the closing value matches the CRC-32 computed over
 * the records in between. `invalid`: it does not, or the file opened checksumming and never closed it.
 */
export type SieChecksumStatus = (typeof SIE_CHECKSUM_STATUSES)[number];

/** Account types of `#KTYP`: tillgång, skuld, kostnad, intäkt. */
export const SIE_ACCOUNT_TYPES = ['T', 'S', 'K', 'I'] as const;
/** `T` asset, `S` liability/equity, `K` cost, `I` income. */
export type SieAccountType = (typeof SIE_ACCOUNT_TYPES)[number];

/** Severity of a reading issue (mirrors the critical/warning/info split of formats.md §1.10). */
export const SIE_ISSUE_SEVERITIES = ['error', 'warning', 'info'] as const;
/** `error`: the data is wrong (collected instead of thrown when `strict: false`); `warning`: a deviation that was tolerated; `info`: a repair. */
export type SieIssueSeverity = (typeof SIE_ISSUE_SEVERITIES)[number];

/** Stable codes of reading issues. */
export const SIE_ISSUE_CODES = [
  /** A voucher's `#TRANS` rows do not sum to zero. */
  'SIE_UNBALANCED_VOUCHER',
  /** A record could not be understood and was skipped (non-strict mode). */
  'SIE_SYNTAX',
  /** A field value was invalid (bad date, non-numeric account, bad amount) and the record was skipped (non-strict mode). */
  'SIE_INVALID_VALUE',
  /** `#KSUMMA` does not match, or checksumming was opened and never closed. */
  'SIE_CHECKSUM_MISMATCH',
  /** The bytes are not in the encoding `#FORMAT` declares (e.g. UTF-8 or Windows-1252 under `#FORMAT PC8`). */
  'SIE_ENCODING_MISMATCH',
  /** Text contains U+FFFD: characters were already lost before the file reached us. */
  'SIE_LOSSY_TEXT',
  /** Double-encoded text (UTF-8 of mojibake) was detected and repaired. */
  'SIE_DOUBLE_ENCODING',
  /** A value was repaired: `YYYY-MM-DD`/`YYMMDD` date, decimal comma, missing series field, … */
  'SIE_REPAIRED',
  /** `#RTRANS` not followed by its identical `#TRANS` echo. */
  'SIE_RTRANS_WITHOUT_ECHO',
  /** A record in an unexpected place (e.g. `#TRANS` outside a voucher), or a required record missing. */
  'SIE_STRUCTURE',
] as const;
/** Code of a {@link SieIssue}. */
export type SieIssueCode = (typeof SIE_ISSUE_CODES)[number];

/** Something the reader noticed and tolerated, or (non-strict mode) an error it collected and skipped. */
export interface SieIssue {
  readonly severity: SieIssueSeverity;
  readonly code: SieIssueCode;
  /** What was expected, what was found and where. */
  readonly message: string;
  /** 1-based physical line, where the issue has one. */
  readonly line?: number | undefined;
  /** Record label (`#VER`, `#TRANS`, …), where the issue has one. */
  readonly label?: string | undefined;
  /** The typed error that strict mode would have thrown (e.g. an `UnbalancedVoucherError` with its difference). */
  readonly error?: KonteraError | undefined;
}

/** One `{dim obj}` pair of an object list. */
export interface SieObjectRef {
  /** Dimension number (1 cost centre, 2 cost bearer, 6 project, 7 employee, 8 customer, 9 supplier, 10 invoice, 20+ free). */
  readonly dimension: number;
  /** Object id as written (a string: leading zeros are significant). */
  readonly object: string;
}

/** `#PROGRAM name version`. */
export interface SieProgram {
  readonly name: string;
  /** Empty when the file left it out (a real quirk). */
  readonly version: string;
}

/** `#GEN date sign`. */
export interface SieGenerated {
  readonly date: string;
  readonly sign?: string | undefined;
}

/** `#ORGNR orgnr förvnr verknr`. */
export interface SieOrgNumber {
  /** As written: `NNNNNN-NNNN`, 10 digits without hyphen, or 12-digit personnummer form are all seen. */
  readonly number: string;
  /** Förvärvsnummer (acquisition number), rarely present. */
  readonly acquisitionNumber?: string | undefined;
  /** Verksamhetsnummer (activity number), rarely present. */
  readonly activityNumber?: string | undefined;
}

/** `#ADRESS kontakt utdelningsadr postadr tel`. */
export interface SieAddress {
  readonly contact: string;
  readonly street: string;
  readonly postal: string;
  readonly phone: string;
}

/** `#RAR årsnr start slut`: a fiscal year; 0 is the current year, -1 the previous, … */
export interface SieFiscalYear {
  readonly yearIndex: number;
  /** Missing in BL Administration 4I files (`#RAR 0` with no dates). */
  readonly start?: string | undefined;
  readonly end?: string | undefined;
}

/** Identification records of a SIE file (`#FLAGGA` … `#VALUTA`). */
export interface SieHeader {
  /** `#FLAGGA`: 0 as exported, 1 once imported. */
  readonly flag: number;
  readonly program?: SieProgram | undefined;
  /** `#FORMAT` as declared (`PC8` is the only standard value). */
  readonly format?: string | undefined;
  readonly generated?: SieGenerated | undefined;
  /** `#SIETYP` (1–4); undefined means the file did not say (type 1 by the spec). */
  readonly sieType?: number | undefined;
  /** `#PROSA` free text. */
  readonly prosa?: string | undefined;
  /** `#FTYP` company type (AB, E, HB, …). */
  readonly companyType?: string | undefined;
  /** `#FNR` the exporting program's own company id. */
  readonly companyId?: string | undefined;
  readonly orgNumber?: SieOrgNumber | undefined;
  /** `#BKOD` SNI code. */
  readonly industryCode?: string | undefined;
  readonly address?: SieAddress | undefined;
  /** `#FNAMN` company name. */
  readonly companyName?: string | undefined;
  /** `#RAR` records in file order. */
  readonly fiscalYears: readonly SieFiscalYear[];
  /** `#TAXAR` tax year. */
  readonly taxYear?: number | undefined;
  /** `#OMFATTN` date the balances are made up to. */
  readonly balancesAsOf?: string | undefined;
  /** `#KPTYP` chart type (BAS95, BAS96, EUBAS97, NE2007, BAS2025, …). */
  readonly chartType?: string | undefined;
  /** `#VALUTA` ISO 4217 code; undefined means SEK. */
  readonly currency?: string | undefined;
}

/** An account of the chart: `#KONTO` plus its `#KTYP`, `#ENHET` and `#SRU`. */
export interface SieAccount {
  /** Account number (digits; BAS accounts have 4). */
  readonly number: string;
  readonly name: string;
  readonly type?: SieAccountType | undefined;
  /** `#ENHET` unit of quantities booked on the account. */
  readonly unit?: string | undefined;
  /** `#SRU` tax-form codes, in file order (may repeat). */
  readonly sru: readonly string[];
  readonly line?: number | undefined;
}

/** `#DIM` or `#UNDERDIM`. */
export interface SieDimension {
  readonly number: number;
  readonly name: string;
  /** Set for `#UNDERDIM`: the superior dimension. */
  readonly parent?: number | undefined;
  readonly line?: number | undefined;
}

/** `#OBJEKT dimnr objnr name`. */
export interface SieObject {
  readonly dimension: number;
  readonly id: string;
  readonly name: string;
  readonly line?: number | undefined;
}

/** Labels of per-account balance records. */
export const SIE_BALANCE_KINDS = ['IB', 'UB', 'RES'] as const;
/** `IB` opening balance, `UB` closing balance, `RES` result (income statement) balance. */
export type SieBalanceKind = (typeof SIE_BALANCE_KINDS)[number];

/** `#IB`, `#UB` or `#RES`. */
export interface SieBalance {
  readonly kind: SieBalanceKind;
  readonly yearIndex: number;
  readonly account: string;
  /** Öre. */
  readonly amount: number;
  readonly quantity?: number | undefined;
  readonly line?: number | undefined;
}

/** Labels of per-object balance records. */
export const SIE_OBJECT_BALANCE_KINDS = ['OIB', 'OUB'] as const;
/** `OIB` opening, `OUB` closing balance of an object. */
export type SieObjectBalanceKind = (typeof SIE_OBJECT_BALANCE_KINDS)[number];

/** `#OIB` or `#OUB`. */
export interface SieObjectBalance {
  readonly kind: SieObjectBalanceKind;
  readonly yearIndex: number;
  readonly account: string;
  readonly objects: readonly SieObjectRef[];
  readonly amount: number;
  readonly quantity?: number | undefined;
  readonly line?: number | undefined;
}

/** Labels of period records. */
export const SIE_PERIOD_BALANCE_KINDS = ['PSALDO', 'PBUDGET'] as const;
/** `PSALDO` period balance, `PBUDGET` period budget. */
export type SiePeriodBalanceKind = (typeof SIE_PERIOD_BALANCE_KINDS)[number];

/** `#PSALDO` or `#PBUDGET`. */
export interface SiePeriodBalance {
  readonly kind: SiePeriodBalanceKind;
  readonly yearIndex: number;
  /** `YYYY-MM`. */
  readonly period: string;
  readonly account: string;
  readonly objects: readonly SieObjectRef[];
  readonly amount: number;
  readonly quantity?: number | undefined;
  readonly line?: number | undefined;
}

/** A voucher row (`#TRANS`, `#RTRANS` or `#BTRANS`). */
export interface SieTransaction {
  readonly account: string;
  /** Object list; empty for `{}`. */
  readonly objects: readonly SieObjectRef[];
  /** Öre, debit positive. */
  readonly amount: number;
  /** `transdat`; undefined means the voucher date. */
  readonly date?: string | undefined;
  readonly text?: string | undefined;
  /** Quantity (not money; may have decimals). */
  readonly quantity?: number | undefined;
  /** Who added (`#RTRANS`) or struck (`#BTRANS`) the row, or signed it. */
  readonly sign?: string | undefined;
  /**
   * True when the row was added after registration (`#RTRANS`, written with its `#TRANS` echo).
   * It still counts: it is part of {@link SieVoucher.transactions}.
   */
  readonly added?: boolean | undefined;
  readonly line?: number | undefined;
}

/** `#VER` with its rows. */
export interface SieVoucher {
  /** Series (`A`, `1`, `LEV1`, …); empty when left for the importing ledger (4I). */
  readonly series: string;
  /** Voucher number as written; empty (or `0` in BL files) when left for the importing ledger. */
  readonly number: string;
  readonly date: string;
  /** Voucher text; empty when none. */
  readonly text: string;
  /** `regdatum`. */
  readonly registrationDate?: string | undefined;
  readonly sign?: string | undefined;
  /**
   * The rows that make up the booking, in file order: every `#TRANS` (an `#RTRANS` and its `#TRANS`
   * echo become one row with `added: true`). They sum to zero in a balanced voucher.
   */
  readonly transactions: readonly SieTransaction[];
  /** Struck rows (`#BTRANS`), kept for the audit trail; they never count. */
  readonly removed: readonly SieTransaction[];
  readonly line?: number | undefined;
}

/** A record with a label the reader does not know, kept so nothing the program wrote is lost. */
export interface SieUnknownRecord {
  /** Label including `#`, in upper case as written. */
  readonly label: string;
  /** Field values, unquoted and unescaped; an object list is given as its raw text `{…}`. */
  readonly fields: readonly string[];
  readonly line: number;
}

/** `#KSUMMA` result. */
export interface SieChecksum {
  readonly status: SieChecksumStatus;
  /** The value written in the file (unsigned decimal), when present. */
  readonly expected?: number | undefined;
  /** The CRC-32 computed over the file's records, when checksumming was opened. */
  readonly actual?: number | undefined;
}

/** A SIE file as a typed, readonly model. */
export interface SieDocument {
  readonly header: SieHeader;
  readonly accounts: readonly SieAccount[];
  readonly dimensions: readonly SieDimension[];
  readonly objects: readonly SieObject[];
  readonly balances: readonly SieBalance[];
  readonly objectBalances: readonly SieObjectBalance[];
  readonly periodBalances: readonly SiePeriodBalance[];
  readonly vouchers: readonly SieVoucher[];
  /** Records with labels the reader does not know, in file order. */
  readonly unknownRecords: readonly SieUnknownRecord[];
  /** Encoding the bytes were decoded with (`utf-8` for string input). */
  readonly encoding: SieTextEncoding;
  readonly checksum: SieChecksum;
  /** Warnings and repairs; in non-strict mode also the errors that were collected. */
  readonly issues: readonly SieIssue[];
}

/** Options of {@link readSie}. */
export interface ReadSieOptions {
  /**
   * `true` (default): the first error (unbalanced voucher, bad value, syntax) is thrown.
   * `false`: errors are collected in `issues`, the offending record is skipped, reading goes on.
   * A file that is not SIE at all is always thrown.
   */
  readonly strict?: boolean | undefined;
  /** Name to put in error messages (no file is opened). */
  readonly fileName?: string | undefined;
  /** Largest input accepted, in bytes (a string counts its UTF-16 length); default 256 MiB. */
  readonly maxInputBytes?: number | undefined;
}

/** What {@link writeSie} does with an account that vouchers use but `accounts` does not name. */
export const SIE_UNDECLARED_ACCOUNT_POLICIES = ['error', 'omit'] as const;
/**
 * `error`: refuse with a `SieWriteError`, so every used account gets a `#KONTO` with a
 * real name. `omit`: write no `#KONTO` for it (the spec lets a 4I importer assume it exists);
 * writing an empty name instead would make importers warn or create a nameless account.
 */
export type SieUndeclaredAccountPolicy = (typeof SIE_UNDECLARED_ACCOUNT_POLICIES)[number];

/** Options of {@link writeSie}. */
export interface WriteSieOptions {
  /**
   * `4I` (default): identification, `#KONTO` (and `#DIM`/`#OBJEKT`) for what the vouchers use, then
   * the vouchers. `4E`: the whole chart, balances (`#IB`, `#UB`, `#OIB`, `#OUB`, `#RES`, `#PSALDO`,
   * `#PBUDGET`) and vouchers. Both are `#SIETYP 4`.
   */
  readonly type?: SieFileType | undefined;
  /** `cp437` (default, `#FORMAT PC8`) or `utf-8` (non-standard, opt-in; written as `#FORMAT UTF8`, without a byte-order mark so that the file starts with `#FLAGGA`). */
  readonly encoding?: SieWriteEncoding | undefined;
  /** Write `#KSUMMA` (default false; most importers ignore it). */
  readonly checksum?: boolean | undefined;
  /**
   * Cut voucher and row texts to this many characters. Default: no cut. `true` means 50, the limit
   * Fortnox documents for voucher and row texts (formats.md §1.9).
   */
  readonly maxTextLength?: number | true | undefined;
  /** `#GEN` date (ISO); default `header.generated.date`. One of the two is required. */
  readonly generatedDate?: string | undefined;
  /**
   * Used accounts missing from `accounts`: see {@link SieUndeclaredAccountPolicy}. Default: neither;
   * they are named from the chart, BAS 2025 or their number, with a warning (see `writeSie`).
   */
  readonly undeclaredAccounts?: SieUndeclaredAccountPolicy | undefined;
}
