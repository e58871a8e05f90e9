/**
 * When two spellings of a bank account number are the same number: a bank writes
 * "6123 456 789", the same export opened in a spreadsheet and saved again says "6123456789".
 * Separators are ignored, and so are the zeros that lead the number or its account part: a
 * spreadsheet reads the cell "0123456789" as a number and saves 123456789. Every other digit and
 * letter counts (a Swedbank clearing number such as 8327-9 is part of the number).
 *
 * @module
 */

/** What may separate the groups of an account number: space, hyphen, dot and no-break space. */
const ACCOUNT_NUMBER_SEPARATORS = /[ .\u00a0-]/g;

/** The account number without its separators ("8327-9, 123 456 789-0" → "83279,1234567890": the comma stays). */
export function withoutSeparators(accountNumber: string): string {
  return accountNumber.replace(ACCOUNT_NUMBER_SEPARATORS, '');
}

/**
 * Zeros that lead a number cell: at the start, or after the hyphen or comma a format joins a
 * clearing number and an account number with (Swedbank's "12345-0123456789"). Not after a space or
 * a dot, which group the digits of one number. At least one digit is kept.
 */
const LEADING_ZEROS = /(^|[-,])0+(?=\d)/g;

/** The account number as compared: without the zeros that lead its parts, and without separators. */
function comparable(accountNumber: string): string {
  return withoutSeparators(accountNumber.trim().replace(LEADING_ZEROS, '$1'));
}

/**
 * True when `a` and `b` differ at most in separators and in the leading zeros of their parts (and
 * are not both blank).
 */
export function sameAccountNumber(a: string, b: string): boolean {
  if (a === b) return true;
  const key = comparable(a);
  return key !== '' && key === comparable(b);
}

/**
 * The spelling among `known` to use for `accountNumber`: itself when `known` has it, else the
 * first of `known` that is the same number (see {@link sameAccountNumber}), else `accountNumber`
 * as written.
 */
export function knownSpelling(accountNumber: string, known: readonly string[]): string {
  if (known.includes(accountNumber)) return accountNumber;
  return known.find((k) => sameAccountNumber(k, accountNumber)) ?? accountNumber;
}

/**
 * An account number as Swedish banks and payment services write one: digits grouped by the
 * separators banks use (space, no-break space, hyphen, dot, the comma Swedbank puts after a
 * clearing number: `8327-9, 123 456 789-0`, `9020.12.34567`, `5050-1055`, `192 69 85-1`), or an
 * IBAN (`SE45 5000 0000 0583 9825 7466`). At most 40 characters.
 */
const SEPARATED_DIGITS = /^\d(?:[\d .,\u00a0-]{0,38}\d)?$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;

/**
 * True when `value` looks like an account number (see {@link SEPARATED_DIGITS}, {@link IBAN}):
 * what an `Account`/`Konto` column holding an account's name (`Main SEK`, `Företagskonto`) is not.
 * Such a name still tells one account's rows from another's; it is reported as the account's name.
 */
export function looksLikeAccountNumber(value: string): boolean {
  const v = value.trim();
  if (v.length > 40) return false;
  return SEPARATED_DIGITS.test(v) || IBAN.test(v.replace(/[ \u00a0]/g, ''));
}
