/** The work of one PostgreSQL concurrency worker, shared by the worker and the test's reference run. */
import type { Kontera } from '../../src/kontera.js';
import { swedbankCsv } from '../kontera/helpers.js';

/** The counterparties every worker books, and their cost accounts. */
export const PARTIES: readonly (readonly [string, string])[] = [
  ['KORTKÖP EASYPARK', '5800'],
  ['AUTOGIRO TELIA SVERIGE AB', '6212'],
  ['KORTKÖP CLAS OHLSON', '5410'],
];

/** What one worker does; the test runs the same steps one after another on a memory store for the expected counts. */
export async function work(kontera: Kontera, clientId: string, rounds: number, first: number): Promise<void> {
  await kontera.importStatement(clientId, swedbankCsv(40, first));
  for (let r = 0; r < rounds; r++) {
    const [text, account] = PARTIES[r % PARTIES.length] ?? ['KORTKÖP EASYPARK', '5800'];
    const date = `2026-01-${String(1 + (r % 28)).padStart(2, '0')}`;
    await kontera.confirm(clientId, [
      {
        transaction: { date, amount: -10000, text },
        voucher: { date, text, rows: [{ account: '1930', amount: -10000 }, { account, amount: 8000 }, { account: '2641', amount: 2000 }] },
      },
    ]);
  }
}
