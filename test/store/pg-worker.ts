/**
 * One worker of the PostgreSQL concurrency proof (run as a child process with
 * `node --import tsx/esm`): imports a bank file and confirms bookings of shared counterparties for
 * one client, through the facade, on its own pool.
 *
 *   pg-worker.ts <connectionString> <schema> <clientId> <rounds> <first line of the bank file>
 */
import { createKontera } from '../../src/kontera.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { work } from './pg-work.js';

const [url, schema, clientId, rounds, first] = process.argv.slice(2);
if (url !== undefined && schema !== undefined && clientId !== undefined) {
  const kontera = await createKontera({ store: await openPostgresStore({ connectionString: url, schema, max: 2 }) });
  // Start together: say "ready", then wait for "go" on stdin (the parent sends it when all are ready).
  process.stdout.write('ready\n');
  await new Promise<void>((go) => process.stdin.once('data', () => go()));
  process.stdin.destroy();
  process.stdout.write(`started ${Date.now()}\n`);
  await work(kontera, clientId, Number(rounds), Number(first));
  process.stdout.write(`done ${Date.now()}\n`);
  await kontera.close();
}
