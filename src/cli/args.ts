/**
 * Command-line arguments, parsed by Node's own `util.parseArgs` (GNU conventions: `--name value`,
 * `--name=value`, `-h`, `--` ends options, `-` is a positional meaning standard input). It runs
 * non-strict with tokens, so this module gives each mistake its own message: an unknown option
 * names the nearest known one, a flag given a value and an option missing its value say so.
 *
 * @module
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { KonteraError } from '../core/errors.js';
import type { KonteraErrorOptions } from '../core/errors.js';
import type { MessageKey, Say } from './messages.js';

/** A wrong command line: unknown option, missing argument, bad value. Exit code 2. */
export class UsageError extends KonteraError {
  constructor(message: string, options: KonteraErrorOptions = {}) {
    super('INVALID_OPTION', message, options);
  }
}

/** A file the command line names cannot be read or written. Exit code 4. */
export class FileAccessError extends KonteraError {
  constructor(message: string, options: KonteraErrorOptions = {}) {
    super('INVALID_OPTION', message, options);
  }
}

/** The kinds of option value. */
export const OPTION_KINDS = ['string', 'number', 'boolean', 'list'] as const;
export type OptionKind = (typeof OPTION_KINDS)[number];

/** One declared option. */
export interface OptionSpec {
  readonly kind: OptionKind;
  /** Key of the help text in the message tables. */
  readonly help: MessageKey;
  /** Placeholder shown in `--help`, e.g. `FILE`. */
  readonly value?: string | undefined;
  /** One-letter alias, e.g. `h` for `--help`. */
  readonly short?: string | undefined;
}

/** Parsed arguments. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly strings: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
}

/**
 * Edit distance (insertions, deletions, substitutions) between two short words — option and
 * command names, a few dozen characters at most. fast-levenshtein stays behind the engine's one
 * file that uses it; this is the textbook two-row table.
 */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

/** The candidate closest to `word` by edit distance, when it is close enough to be a likely typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.startsWith(word) && word.length >= 2 ? 0 : editDistance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  // A typo changes a few letters; more than a third of the word is another word.
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/**
 * Parses `argv` against the declared options.
 *
 * ```ts
 * parseArgs(['a.csv', '--history', 'b.se', '--json'], { history: { kind: 'string', help: 'opt.history' }, json: { kind: 'boolean', help: 'opt.json' } }, 'suggest', say);
 * ```
 */
export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>, command: string, say: Say): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, o] of Object.entries(spec)) options[name] = { type: o.kind === 'boolean' ? 'boolean' : 'string', ...(o.short === undefined ? {} : { short: o.short }) };
  const { tokens } = nodeParseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const strings = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const flags = new Set<string>();
  const help = command === 'kontera' ? 'kontera --help' : `kontera ${command} --help`;
  for (const t of tokens) {
    if (t.kind === 'positional') {
      positionals.push(t.value);
      continue;
    }
    if (t.kind === 'option-terminator') continue;
    const o = spec[t.name];
    if (o === undefined) {
      const near = nearest(t.name, Object.keys(spec));
      throw new UsageError(say('err.unknownOption', { option: t.rawName, command, help, near: near === undefined ? '' : say('err.didYouMean', { what: `--${near}` }) }));
    }
    if (o.kind === 'boolean') {
      if (t.value !== undefined) throw new UsageError(say('err.flagValue', { option: `--${t.name}`, value: t.value }));
      flags.add(t.name);
      continue;
    }
    const value = t.value;
    if (value === undefined || (!t.inlineValue && value.length > 1 && value.startsWith('-') && !/^-\d/.test(value))) {
      throw new UsageError(say('err.optionValue', { option: `--${t.name}`, value: o.value ?? 'VALUE' }));
    }
    if (o.kind === 'number' && !/^\d+(\.\d+)?$/.test(value)) throw new UsageError(say('err.optionNumber', { option: `--${t.name}`, value }));
    if (o.kind === 'list') {
      const l = lists.get(t.name) ?? [];
      l.push(...value.split(',').map((v) => v.trim()).filter((v) => v !== ''));
      lists.set(t.name, l);
    } else strings.set(t.name, value);
  }
  return { positionals, strings, lists, flags };
}

/** A number option within [min, max], or the fallback. */
export function numberOption(args: ParsedArgs, name: string, fallback: number, min: number, max: number, say: Say): number {
  const raw = args.strings.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!(n >= min && n <= max)) throw new UsageError(say('err.optionRange', { option: `--${name}`, min, max, value: raw }));
  return n;
}
