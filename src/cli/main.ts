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

// No top-level await: the same file is also built as CommonJS.
void runCli(process.argv.slice(2), {
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
