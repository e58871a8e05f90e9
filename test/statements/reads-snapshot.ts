/**
 * Writes fixtures/statement-reads.json: what kontera reads from every bank file in
 * fixtures/statements and ../shared/corpus/bank (format, count, sum, first/last date and every
 * row's id and amount). Run it on a commit whose reading is trusted; `reads.test.ts` then holds
 * every later commit to it.
 *
 *   node --import tsx/esm test/statements/reads-snapshot.ts
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStatement } from '../../src/statements/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Read {
  readonly format: string;
  readonly count: number;
  readonly sum: number;
  readonly first: string;
  readonly last: string;
  readonly account: string | null;
  /** `id amount date` per row. */
  readonly rows: readonly string[];
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Bank files: fixtures (not `invalid/`) and the corpus' bank directory (not its invalid samples). */
export function bankFiles(): string[] {
  const fixtures = walk(join(root, 'fixtures/statements')).filter((p) => !p.includes('/invalid/') && !p.endsWith('.json'));
  const corpusDir = join(root, '../shared/corpus/bank');
  const corpus = walk(corpusDir).filter((p) => !/invalid/.test(relative(corpusDir, p)));
  return [...fixtures, ...corpus];
}

export function key(path: string): string {
  const rel = relative(root, path);
  return rel.startsWith('..') ? `corpus:${relative(join(root, '../shared/corpus'), path)}` : rel;
}

/** How kontera reads the file now, or the error code it refuses it with. */
export function readNow(path: string): Read | { readonly error: string } {
  try {
    const s = parseStatement(readFileSync(path), { fileName: path.split('/').pop() });
    const t = s.transactions;
    return {
      format: s.format,
      count: t.length,
      sum: t.reduce((a, x) => a + x.amount, 0),
      first: t[0]?.date ?? '',
      last: t[t.length - 1]?.date ?? '',
      account: s.accountNumber ?? null,
      rows: t.map((x) => `${x.id} ${x.amount} ${x.date}`),
    };
  } catch (e) {
    return { error: (e as { code?: string }).code ?? String(e) };
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const commit = execSync('git rev-parse --short HEAD', { cwd: root, encoding: 'utf8' }).trim();
  const reads: Record<string, unknown> = {};
  for (const p of bankFiles()) reads[key(p)] = readNow(p);
  const out = { generatedBy: 'test/statements/reads-snapshot.ts', commit, reads };
  writeFileSync(join(root, 'fixtures/statement-reads.json'), `${JSON.stringify(out, null, 1)}\n`);
  console.log(`${Object.keys(reads).length} files → fixtures/statement-reads.json (commit ${commit})`);
}
