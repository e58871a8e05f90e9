/**
 * Command-line arguments: `--name value`, `--name=value`, boolean `--flag`, positionals, and `--`
 * to end options. Each command declares its options; anything else is a usage error.
 *
 * @module
 */
import { KonteraError } from '../core/errors.js';
import type { KonteraErrorOptions } from '../core/errors.js';

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
  /** Shown in `--help`. */
  readonly help: string;
  /** Placeholder shown in `--help`, e.g. `FILE`. */
  readonly value?: string | undefined;
}

/** Parsed arguments. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly strings: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
}

/**
 * Parses `argv` against the declared options.
 *
 * ```ts
 * parseArgs(['a.csv', '--history', 'b.se', '--json'], { history: { kind: 'string', help: '' }, json: { kind: 'boolean', help: '' } });
 * ```
 */
export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>, command: string): ParsedArgs {
  const positionals: string[] = [];
  const strings = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const flags = new Set<string>();
  let options = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (options && arg === '--') {
      options = false;
      continue;
    }
    if (!options || !arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const o = spec[name];
    if (o === undefined) {
      throw new UsageError(`Unknown option --${name} for "${command}"; see kontera ${command === 'kontera' ? '' : `${command} `}--help`);
    }
    if (o.kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`Option --${name} takes no value, got "${arg.slice(eq + 1)}"`);
      flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`Option --${name} needs a value (${o.value ?? 'VALUE'})`);
      i++;
    }
    if (o.kind === 'number' && !/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`Option --${name} expects a number, got "${value}"`);
    if (o.kind === 'list') {
      const l = lists.get(name) ?? [];
      l.push(...value.split(',').map((v) => v.trim()).filter((v) => v !== ''));
      lists.set(name, l);
    } else strings.set(name, value);
  }
  return { positionals, strings, lists, flags };
}

/** A number option within [min, max], or the fallback. */
export function numberOption(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const raw = args.strings.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!(n >= min && n <= max)) throw new UsageError(`Option --${name} expects a number from ${min} to ${max}, got ${raw}`);
  return n;
}
