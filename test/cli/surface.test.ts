/**
 * The command line stays out of the library: `kontera` (src/index.ts) never imports src/cli, and
 * importing the command code runs nothing — only src/cli/main.ts, the executable, does.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

describe('the CLI and the library', () => {
  it('src/index.ts does not import the CLI', () => {
    const index = readFileSync(join(ROOT, 'src', 'index.ts'), 'utf8');
    expect(index).not.toMatch(/from '\.\/cli\//);
  });

  it('importing src/cli/run.ts prints nothing and leaves the exit code alone', () => {
    const url = pathToFileURL(join(ROOT, 'src', 'cli', 'run.ts')).href;
    const r = spawnSync(process.execPath, ['--import', join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs'), '--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); if (typeof m.runCli !== 'function') process.exit(9);`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
