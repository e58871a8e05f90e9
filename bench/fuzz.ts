/**
 * Mutation fuzzing of every reader, for as long as one likes:
 *
 *   node --import tsx/esm bench/fuzz.ts [--mutations 100] [--seed 1] [DIR ...]
 *
 * Every file under the directories (default: the fixtures, and ../shared/corpus when present) is
 * mutated the ways damaged files are (test/support/mutate.ts) and read by the reader its place or
 * extension names (SIE, BgMax, else a bank statement). Each outcome must be a read or a
 * KonteraError naming the file; anything else (another error, or a read slower than 2 s) is listed,
 * and the exit code is 1. The test suite runs the same on the fixtures with a few mutations each
 * (test/hostile/mutation.test.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KonteraError, parseStatement, readBgmax, readSie } from '../src/index.js';
import { type MutationOutcome, readMutations } from '../test/support/mutate.js';
import { seededRandom } from '../test/support/random.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : Number(args[i + 1]);
};
const mutations = option('--mutations', 100);
const seed = option('--seed', 1);
const dirs = args.filter((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
const roots = dirs.length > 0 ? dirs : ['fixtures/statements', 'fixtures/sie', 'fixtures/bgmax', '../shared/corpus/bank', '../shared/corpus/sie', '../shared/corpus/bgmax'].filter((d) => existsSync(d));
const SLOW_MS = 2_000;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function readerFor(path: string): (bytes: Uint8Array, fileName: string) => unknown {
  if (/(^|\/)sie\/|\.(se|si|sie)$/i.test(path)) return (b, fileName) => readSie(b, { fileName });
  if (/bgmax/i.test(path)) return (b, fileName) => readBgmax(b, { fileName });
  return (b, fileName) => parseStatement(b, { fileName });
}

const files = roots.flatMap(filesUnder).filter((f) => !/(LICENSE|\.md|\.py)$/i.test(f));
const random = seededRandom(seed);
const outcome: MutationOutcome = { read: 0, typed: 0, problems: [] };
const isTyped = (e: unknown): e is KonteraError => e instanceof KonteraError;
const t0 = performance.now();
for (const file of files) readMutations(new Uint8Array(readFileSync(file)), file, readerFor(file), { mutations, random, boundMs: SLOW_MS, isTyped }, outcome);
const { read, typed, problems } = outcome;
process.stdout.write(`${files.length} files × ${mutations} mutations (seed ${seed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${read} read, ${typed} typed errors, ${problems.length} problems\n`);
for (const p of problems) process.stdout.write(`  ${p}\n`);
process.exitCode = problems.length === 0 ? 0 : 1;
