/**
 * Writes fixtures/statement-keys.json: the counterparty key (and whether it may be shared) of
 * every line kontera reads from every bank file in fixtures/statements, as the engine forms it
 * (text, reference, counterparty and counterparty-account columns). Run it on a commit whose keys
 * are trusted; `keys.test.ts` then holds every later commit to it, except for the lines it lists as
 * changed on purpose.
 *
 *   node --import tsx/esm test/statements/keys-snapshot.ts
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { counterpartyKey } from '../../src/normalize/counterparty.js';
import { parseStatement } from '../../src/statements/index.js';
import { bankFiles, key } from './reads-snapshot.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `line → "key|shareable"` for every line of every fixture that reads. */
export function keysNow(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const p of bankFiles()) {
    const k = key(p);
    if (k.startsWith('corpus:')) continue;
    let rows;
    try {
      rows = parseStatement(readFileSync(p), { fileName: p.split('/').pop() }).transactions;
    } catch {
      continue;
    }
    const lines: Record<string, string> = {};
    for (const t of rows) {
      const c = counterpartyKey(t.text, { reference: t.reference, counterparty: t.counterparty, counterpartyAccount: t.counterpartyAccount });
      lines[`${t.line} ${t.text}`] = `${c.key ?? ''}|${c.shareable}`;
    }
    out[k] = lines;
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const commit = execSync('git rev-parse --short HEAD', { cwd: root, encoding: 'utf8' }).trim();
  const keys = keysNow();
  writeFileSync(join(root, 'fixtures/statement-keys.json'), `${JSON.stringify({ generatedBy: 'test/statements/keys-snapshot.ts', commit, keys }, null, 1)}\n`);
  console.log(`${Object.keys(keys).length} files → fixtures/statement-keys.json (commit ${commit})`);
}
