/**
 * What the network's privacy rule (src/normalize/personal.ts) costs: of the distinct counterparty
 * keys that were shareable before the rule, how many the rule withholds, on the demo clients' real
 * bank exports and SIE histories (fixtures/demo), the statement fixtures, and the generated world
 * (bench/world, the accuracy bench's seed 2). Prints the lost keys so a reader can judge them.
 *
 *   node --import tsx/esm bench/privacy.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { counterpartyKey } from '../src/normalize/counterparty.js';
import { readSie } from '../src/sie/reader.js';
import { parseStatement } from '../src/statements/index.js';
import { generateWorld } from './world/generate.js';

interface Line {
  readonly text: string;
  readonly reference?: string | undefined;
  readonly counterparty?: string | undefined;
  readonly counterpartyAccount?: string | undefined;
}

function measure(name: string, lines: readonly Line[]): void {
  const before = new Set<string>();
  const after = new Set<string>();
  for (const l of lines) {
    const extras = { reference: l.reference, counterparty: l.counterparty, counterpartyAccount: l.counterpartyAccount };
    const old = counterpartyKey(l.text, extras, { personalRule: false });
    if (old.key === null || !old.shareable) continue;
    before.add(old.key);
    if (counterpartyKey(l.text, extras).shareable) after.add(old.key);
  }
  const lost = [...before].filter((k) => !after.has(k)).sort();
  console.log(`${name}: ${lines.length} lines, ${before.size} shareable keys before, ${after.size} after, ${lost.length} lost`);
  if (lost.length > 0) console.log(`  lost: ${lost.join(' | ')}`);
}

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
const demo: Line[] = [];
for (const client of readdirSync(`${root}demo`, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const f of readdirSync(`${root}demo/${client.name}`)) {
    const bytes = readFileSync(`${root}demo/${client.name}/${f}`);
    if (/\.(csv|txt|xlsx|xml)$/i.test(f)) demo.push(...parseStatement(bytes, { fileName: f }).transactions);
    if (/\.se$/i.test(f)) for (const v of readSie(bytes, { strict: false }).vouchers) demo.push({ text: v.text });
  }
}
measure('demo (fixtures/demo: bank exports and SIE voucher texts)', demo);

const statements: Line[] = [];
for (const d of readdirSync(`${root}statements`, { recursive: true, withFileTypes: true })) {
  if (!d.isFile() || d.parentPath.includes('invalid')) continue;
  try {
    statements.push(...parseStatement(readFileSync(`${d.parentPath}/${d.name}`), { fileName: d.name }).transactions);
  } catch {
    // Fixtures of unreadable files are there for the error tests.
  }
}
measure('statement fixtures (fixtures/statements)', statements);

const world = generateWorld({ seed: 2, start: '2025-10', bureaus: 6, clientsPerBureau: 8, months: 12, coldClientsPerBureau: 1 });
measure('generated world (seed 2)', world.months.flatMap((m) => m.lines.map((l) => l.tx)));
