/**
 * When two spellings of a bank account number are the same number: a bank writes
 * "6123 456 789", the same export opened in a spreadsheet and saved again says "6123456789".
 * Only separators are ignored; every digit and letter counts (leading zeros and a Swedbank
 * clearing number such as 8327-9 are part of the number).
 *
 * @module
 */

/** What may separate the groups of an account number: space, hyphen, dot and no-break space. */
const ACCOUNT_NUMBER_SEPARATORS = /[ .\u00a0-]/g;

/** The account number without its separators ("8327-9, 123 456 789-0" → "83279,1234567890": the comma stays). */
export function withoutSeparators(accountNumber: string): string {
  return accountNumber.replace(ACCOUNT_NUMBER_SEPARATORS, '');
}

/** True when `a` and `b` differ at most in separators (and are not both blank). */
export function sameAccountNumber(a: string, b: string): boolean {
  if (a === b) return true;
  const key = withoutSeparators(a);
  return key !== '' && key === withoutSeparators(b);
}

/**
 * The spelling among `known` to use for `accountNumber`: itself when `known` has it, else the
 * first of `known` that differs from it only in separators, else `accountNumber` as written.
 */
export function knownSpelling(accountNumber: string, known: readonly string[]): string {
  if (known.includes(accountNumber)) return accountNumber;
  return known.find((k) => sameAccountNumber(k, accountNumber)) ?? accountNumber;
}
