/**
 * `npm run demo`: parses every bundled sample bank statement in fixtures/statements and prints
 * what kontera read from each (format, bank, encoding, rows, total, balances, warnings), then
 * the rows of one statement. Every figure printed is computed from the files, here and now.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KonteraError } from '../src/core/errors.js';
import { formatKronor } from '../src/core/money.js';
import { parseStatement } from '../src/statements/index.js';
import type { ColumnMapping, Statement } from '../src/statements/types.js';

/** Files kontera cannot identify by content alone get the mapping a user would pass. */
const MAPPINGS: Record<string, ColumnMapping> = {
  'generic/pipe-split-in-out.csv': { date: 'Date', text: 'Description', debit: 'Withdrawal', credit: 'Deposit', balance: 'Balance' },
};

const root = fileURLToPath(new URL('../fixtures/statements/', import.meta.url));

function pad(s: string, n: number, right = false): string {
  const t = s.length > n ? `${s.slice(0, n - 1)}…` : s;
  return right ? t.padStart(n) : t.padEnd(n);
}

const files = readdirSync(root, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile())
  .map((d) => `${d.parentPath}/${d.name}`.slice(root.length))
  .sort();

const started = performance.now();
let rows = 0;
let ok = 0;
let rejected = 0;
let unexpected = 0;
const parsed: [string, Statement][] = [];
console.log(`kontera demo: reading ${files.length} sample bank statements from fixtures/statements\n`);
console.log(`${pad('file', 52)} ${pad('format', 20)} ${pad('encoding', 12)} ${pad('rows', 5, true)} ${pad('total kr', 16, true)} ${pad('closing kr', 16, true)}  notes`);
for (const file of files) {
  try {
    const columns = MAPPINGS[file];
    const s = parseStatement(readFileSync(root + file), columns === undefined ? { fileName: file } : { fileName: file, columns });
    if (file.startsWith('invalid/')) unexpected++;
    ok++;
    rows += s.transactions.length;
    parsed.push([file, s]);
    const total = s.transactions.reduce((a, t) => a + t.amount, 0);
    const notes = s.warnings.map((w) => (w.lines.length > 0 ? `${w.code} (line ${w.lines.slice(0, 4).join(', ')}${w.lines.length > 4 ? ', …' : ''})` : w.code)).join('; ');
    console.log(
      `${pad(file, 52)} ${pad(s.format, 20)} ${pad(s.encoding, 12)} ${pad(String(s.transactions.length), 5, true)} ${pad(formatKronor(total), 16, true)} ${pad(s.closingBalance === undefined ? '–' : formatKronor(s.closingBalance), 16, true)}  ${notes}`,
    );
  } catch (e) {
    if (!(e instanceof KonteraError)) throw e;
    rejected++;
    if (!file.startsWith('invalid/')) unexpected++;
    console.log(`${pad(file, 52)} ${pad(`rejected: ${e.code}`, 20)} ${e.message}`);
  }
}
const ms = performance.now() - started;
const invalid = files.filter((f) => f.startsWith('invalid/')).length;
console.log(
  `\n${ok} of ${files.length} files read, ${rows} transactions, ${ms.toFixed(0)} ms; ${rejected} rejected with a typed error (fixtures/statements/invalid holds ${invalid} broken inputs${unexpected === 0 ? ', and exactly those were rejected' : `; ${unexpected} file(s) did not behave as their folder says`}).\n`,
);

const example = parsed.find(([f]) => f.startsWith('nordea/business-2022'));
if (example) {
  const [file, s] = example;
  console.log(`${file} — ${s.bank}, account ${s.accountNumber ?? '?'}, opening ${formatKronor(s.openingBalance ?? 0)} kr, closing ${formatKronor(s.closingBalance ?? 0)} kr`);
  for (const t of s.transactions) {
    console.log(`  line ${pad(String(t.line), 3, true)}  ${t.date}  ${pad(formatKronor(t.amount), 12, true)} kr  ${pad(t.kind ?? '', 11)}  ${t.text}${t.counterpartyAccount ? `  → ${t.counterpartyAccount}` : ''}`);
  }
}
