import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';

// natural's package root loads database drivers and prints dotenv banners; kontera imports only a
// stemmer submodule. This proves importing the engine prints nothing.
test('importing the normalisation, knowledge and suggestion modules prints nothing', () => {
  const code = [
    "await import('./src/normalize/tokens.ts');",
    "await import('./src/normalize/counterparty.ts');",
    "await import('./src/knowledge/learn.ts');",
    "await import('./src/suggest/suggest.ts');",
  ].join('\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', code], { cwd: process.cwd(), encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe('');
});
