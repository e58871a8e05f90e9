/** Runs the `kontera` command line as a child process, on the project's real fixtures. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VoucherRow } from '../../src/knowledge/types.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const DEMO = join(ROOT, 'fixtures', 'demo');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `kontera ARGS` from source (through tsx), in `cwd`, in English unless `env` says otherwise; `input` is its standard input. */
export function kontera(args: readonly string[], cwd: string, options: { env?: Record<string, string>; input?: string | Uint8Array } = {}): Run {
  const env = { ...process.env, NODE_OPTIONS: '', LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', ...options.env };
  const r = spawnSync(process.execPath, ['--import', TSX, MAIN, ...args], { cwd, encoding: 'utf8', env, ...(options.input === undefined ? {} : { input: options.input }) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kontera-cli-'));
}

export interface DemoAnswerLine {
  readonly line: number;
  readonly date: string;
  readonly amount: number;
  readonly text: string;
  readonly rows: readonly VoucherRow[];
}

/** The known answers of a demo client's statement. */
export function answers(client: string): { statement: string; lines: DemoAnswerLine[] } {
  return JSON.parse(readFileSync(join(DEMO, client, 'answers.json'), 'utf8')) as { statement: string; lines: DemoAnswerLine[] };
}

/** Account → amount, zero rows dropped: two vouchers are the same booking when these are equal. */
export function booking(rows: readonly { readonly account: string; readonly amount: number }[]): Record<string, number> {
  const m: Record<string, number> = {};
  for (const r of rows) m[r.account] = (m[r.account] ?? 0) + r.amount;
  for (const k of Object.keys(m)) if (m[k] === 0) delete m[k];
  return m;
}
