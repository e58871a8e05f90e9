/**
 * Child process for the SQLite proofs (run with `node --import tsx/esm`).
 *
 *   child-import.ts <db> facade-crash <clientId> <count>
 *                                                    a generated Swedbank export of <count> lines
 *                                                    through kontera.importStatement, printing progress
 *   child-import.ts <db> facade-confirm <clientId> <rounds>
 *                                                    confirms bookings of three shared counterparties
 *   child-import.ts <db> crash <clientId> <count>   one big import in one transaction, printing
 *                                                    "progress <n>" as it goes; the parent kills it
 *   child-import.ts <db> write <clientId> <from> <count> <rounds> [<writers>]
 *                                                    many small imports (ids from..from+count, so
 *                                                    two writers overlap) and a voucher per round;
 *                                                    with <writers>, waits until that many writers
 *                                                    have opened the store before writing
 */
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { ClientRef } from '../../src/store/store.js';
import { statementRow, txRow, voucher } from './fixtures.js';

const [path, mode, clientId, ...rest] = process.argv.slice(2);
if (path === undefined || clientId === undefined) throw new Error('usage: child-import.ts <db> <mode> <clientId> …');
const ref: ClientRef = { bureauId: 'b1', clientId };
// KONTERA_TEST_OPEN_AT (epoch ms): wait until then before opening, so that sibling processes open
// the file at the same moment rather than as their start-up times spread them.
const openAt = Number(process.env['KONTERA_TEST_OPEN_AT'] ?? 0);
await import('better-sqlite3'); // loaded now, not inside the open
while (Date.now() < openAt) { /* spin: a timer would add its own jitter */ }
const store = await openSqliteStore({ path });

if (mode === 'facade-crash') {
  // The same big import through the facade, as an application would run it.
  const count = Number(rest[0]);
  await store.close();
  const { createKontera } = await import('../../src/kontera.js');
  const { swedbankCsv } = await import('../kontera/helpers.js');
  const kontera = await createKontera({ store: await openSqliteStore({ path }) });
  await kontera.importStatement(clientId, swedbankCsv(count), {
    onProgress: (p) => process.stdout.write(`progress ${p.done}\n`),
  });
  process.stdout.write('committed\n');
  setInterval(() => {}, 1000);
} else if (mode === 'facade-confirm') {
  // Confirms `rounds` bookings of a few shared counterparties for one client, one call each.
  const rounds = Number(rest[0]);
  await store.close();
  const { createKontera } = await import('../../src/kontera.js');
  const kontera = await createKontera({ store: await openSqliteStore({ path }) });
  const parties: [string, string][] = [['KORTKÖP EASYPARK', '5800'], ['AUTOGIRO TELIA SVERIGE AB', '6212'], ['KORTKÖP CLAS OHLSON', '5410']];
  for (let r = 0; r < rounds; r++) {
    const [text, account] = parties[r % parties.length] ?? ['KORTKÖP EASYPARK', '5800'];
    const date = `2026-01-${String(1 + (r % 28)).padStart(2, '0')}`;
    await kontera.confirm(clientId, [
      { transaction: { date, amount: -10000, text }, voucher: { date, text, rows: [{ account: '1930', amount: -10000 }, { account, amount: 8000 }, { account: '2641', amount: 2000 }] } },
    ]);
  }
  await kontera.close();
  process.stdout.write(`done ${Date.now()}\n`);
} else if (mode === 'crash') {
  const count = Number(rest[0]);
  await store.transaction(async (tx) => {
    await tx.putStatement(ref, statementRow(clientId, 'big', { transactionCount: count }));
    for (let i = 0; i < count; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, count - i) }, (_, j) =>
        txRow(clientId, 'big', `big-${i + j}`, { line: i + j + 2, amount: -(i + j + 1), text: `KORTKÖP ${i + j} ICA NARA` }),
      );
      await tx.addTransactions(ref, batch);
      process.stdout.write(`progress ${i + batch.length}\n`);
      await new Promise((done) => setImmediate(done));
    }
  });
  process.stdout.write('committed\n');
  // Stay alive until killed, so the parent can also kill after the commit.
  setInterval(() => {}, 1000);
} else if (mode === 'write') {
  const from = Number(rest[0]);
  const count = Number(rest[1]);
  const rounds = Number(rest[2]);
  const writers = rest[3] === undefined ? 1 : Number(rest[3]);
  if (writers > 1) {
    // A start barrier: process start-up under load can take longer than the whole run, so each
    // writer says it is ready and waits for the others; the writes then really overlap.
    const { readdirSync, writeFileSync } = await import('node:fs');
    const { basename, dirname } = await import('node:path');
    const prefix = `${basename(path)}.ready-`;
    writeFileSync(`${path}.ready-${process.pid}`, '');
    const deadline = Date.now() + 60_000;
    while (readdirSync(dirname(path)).filter((f) => f.startsWith(prefix)).length < writers) {
      if (Date.now() > deadline) throw new Error('the other writers never got ready');
      await new Promise((done) => setTimeout(done, 2));
    }
  }
  process.stdout.write(`started ${Date.now()}\n`);
  for (let r = 0; r < rounds; r++) {
    await store.transaction(async (tx) => {
      const statementId = `s-${from}-${r}`;
      await tx.putStatement(ref, statementRow(clientId, statementId));
      const ids = Array.from({ length: count }, (_, j) => from + ((r * 7 + j) % count));
      const rows = ids.map((n, j) => txRow(clientId, statementId, `t${n}`, { line: j + 2, amount: -n - 1 }));
      // Two halves with a pause between them: the transaction spans event-loop turns, as real imports do.
      await tx.addTransactions(ref, rows.slice(0, count >> 1));
      await new Promise((done) => setTimeout(done, 1));
      await tx.addTransactions(ref, rows.slice(count >> 1));
      await tx.addVoucher(ref, voucher({ text: `writer ${from} round ${r}` }));
    });
  }
  await store.close();
  process.stdout.write(`done ${Date.now()}\n`);
} else {
  throw new Error(`unknown mode ${String(mode)}`);
}
