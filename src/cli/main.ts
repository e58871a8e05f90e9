#!/usr/bin/env node
/**
 * The `kontera` executable (package.json `bin`): runs the command line and exits with its code.
 * Kept apart from run.ts so that importing the command code never runs anything.
 *
 * @module
 */
import { runCli } from './run.js';

// No top-level await: the same file is also built as CommonJS.
void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
