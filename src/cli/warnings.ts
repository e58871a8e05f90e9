/**
 * Warnings reach the user: every reader issue, parse warning and guess the library reports is
 * printed to stderr, one line each, naming the file and, where there is one, the line — and the
 * same list goes into `--json`. stdout stays for the result.
 *
 * @module
 */

/** A warning as the library reports it: SIE reader issues carry `line`, statement warnings `lines`. */
export interface ReportedWarning {
  readonly code: string;
  readonly message: string;
  readonly severity?: string | undefined;
  readonly line?: number | undefined;
  readonly lines?: readonly number[] | undefined;
}

/** A warning for `--json`: its file and first line next to what the library said. */
export interface WarningJson {
  readonly file: string;
  readonly line?: number | undefined;
  readonly lines?: readonly number[] | undefined;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

/** Lines a statement warning names, shown after its first one. */
const MORE_LINES_SHOWN = 5;

/**
 * The library's messages name its API options (`bankAccount`, `allowNewAccount: true`); on the
 * command line the same choice is an option of `import`. Each is replaced whole, and only where the
 * message tells the reader to pass it.
 */
const CLI_OPTION_NAMES: readonly (readonly [RegExp, string])[] = [
  [/\ballowNewAccount: true\b/g, '--new-account'],
  [/\bpass bankAccount\b/g, 'pass --bank-account'],
  [/\bpass accountNumber\b/g, 'pass --account-number'],
  [/\badd (it|them) to the client's bankAccounts or pass bankAccounts\b/g, 'learn the file again with --bank-accounts naming $1 too'],
  [/ \(pass includePending to see them\)/g, ' (they are not booked yet: a later export has them)'],
  [/\bthe bankAccount option\b/g, 'the --bank-account option of import'],
  [/\(option fiscalYears\)/g, '(--fiscal-years START..END,… of learn)'],
  [/\(updateClient fiscalYears\)/g, '(--fiscal-years START..END,… of learn, or of clients add)'],
  [/\bInvalid fiscalYears option\b/g, 'Invalid --fiscal-years'],
  [/\bor give the account's number, to settle it\b/g, "or register the account's number when the client is added (clients add ID --bank-accounts 1930=NUMBER), to settle it"],
];

/** A library message in the command line's terms (see {@link CLI_OPTION_NAMES}). */
export function inCliTerms(message: string): string {
  let out = message;
  for (const [api, cli] of CLI_OPTION_NAMES) out = out.replace(api, cli);
  return out;
}

/** Each line break, with the blanks around it, becomes "; " (a split, linear; a blank-run regular expression around the break is quadratic). */
function oneLine(s: string): string {
  return s
    .split('\n')
    .map((part, i, all) => (i === 0 ? part.trimEnd() : i === all.length - 1 ? part.trimStart() : part.trim()))
    .join('; ');
}

/** `file:line: warning CODE: message`, one per warning. */
export function warningLines(file: string, warnings: readonly ReportedWarning[]): string[] {
  return warnings.map((w) => {
    const first = w.line ?? w.lines?.[0];
    const rest = (w.lines ?? []).slice(1);
    const more = rest.length === 0 ? '' : ` (also line${rest.length === 1 ? '' : 's'} ${rest.slice(0, MORE_LINES_SHOWN).join(', ')}${rest.length > MORE_LINES_SHOWN ? `, … ${rest.length - MORE_LINES_SHOWN} more` : ''})`;
    return `${file}${first !== undefined ? `:${first}` : ''}: ${w.severity ?? 'warning'} ${w.code}: ${oneLine(inCliTerms(w.message))}${more}`;
  });
}

/** The same warnings for `--json`. */
export function warningsJson(file: string, warnings: readonly ReportedWarning[]): WarningJson[] {
  return warnings.map((w) => {
    const line = w.line ?? w.lines?.[0];
    return {
      file,
      ...(line !== undefined ? { line } : {}),
      ...(w.lines !== undefined && w.lines.length > 1 ? { lines: w.lines } : {}),
      severity: w.severity ?? 'warning',
      code: w.code,
      message: inCliTerms(w.message),
    };
  });
}

/** Prints the warnings to `err`, one line each. */
export function printWarnings(err: (text: string) => void, file: string, warnings: readonly ReportedWarning[]): void {
  for (const line of warningLines(file, warnings)) err(`${line}\n`);
}
