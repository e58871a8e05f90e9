#!/usr/bin/env node
/**
 * The `kontera` executable (package.json `bin`): runs the command line and exits with its code.
 * Kept apart from run.ts so that importing the command code never runs anything.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { runCli } from './run.js';

// `kontera … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// Ctrl-C (or SIGTERM) stops the long operation under way (learning, importing, relearning), which
// undoes what it began and reports so. Work that takes no signal is ended a moment later, as is the
// process on a second Ctrl-C: an unfinished store transaction is rolled back by SQLite all the same.
const interrupt = new AbortController();
const stop = (signal: NodeJS.Signals): void => {
  const code = signal === 'SIGINT' ? 130 : 143;
  if (interrupt.signal.aborted) process.exit(code);
  interrupt.abort();
  setTimeout(() => process.exit(code), 1000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// No top-level await: the same file is also built as CommonJS.
void runCli(process.argv.slice(2), {
  signal: interrupt.signal,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
  stdin: () => readFileSync(0),
  columns: process.stdout.isTTY === true ? process.stdout.columns : undefined,
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  colour: process.stdout.isTTY === true && (process.env.NO_COLOR ?? '') === '',
}).then((code) => {
  process.exitCode = code;
});
