/** Importing kontera's facade and stores prints nothing, starts nothing and loads no native module. */
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.js';

it('importing the facade and the stores is silent and leaves better-sqlite3 and pg unloaded', async () => {
  const script = [
    "const { createRequire } = await import('node:module');",
    'const req = createRequire(process.cwd() + "/");',
    "await import('./src/kontera.ts');",
    "await import('./src/store/sqlite.ts');",
    "await import('./src/store/memory.ts');",
    "await import('./src/store/postgres.ts');",
    'const native = Object.keys(req.cache).some((k) => k.includes("better-sqlite3") || /[\\\\/]node_modules[\\\\/]pg[\\\\/]/.test(k));',
    'if (native) process.exitCode = 3;',
  ].join('\n');
  const result = await new Promise<{ code: number | null; out: string }>((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', script], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', fail);
    // The process must end on its own: nothing (timer, handle) may keep it alive.
    child.on('exit', (code) => done({ code, out }));
  });
  expect(result).toEqual({ code: 0, out: '' });
});
