/**
 * Issue 13 item 6: erased means gone from the file. After `deleteClient` the deleted client's
 * texts are in neither the SQLite database file nor its WAL (secure_delete zeroes the freed
 * rows, a checkpoint moves and truncates the WAL). Searched in the files' bytes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Booking } from '../../src/kontera.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { swedbankCsv } from '../kontera/helpers.js';

/** A Swedbank export whose texts name a counterparty no other client has. */
function withText(csv: string, text: string): string {
  return csv.replace(/COOP|ICA SUPERMARKET|KEBAB|RESTAURANG|Parking|TELIA SVERIGE AB|CLAS OHLSON|EASYPARK|SPOTIFY/g, text);
}

function hits(bytes: Uint8Array, needle: string): number {
  const hay = Buffer.from(bytes);
  let n = 0;
  for (const enc of ['utf8', 'utf16le'] as const) {
    const pat = Buffer.from(needle, enc);
    for (let i = hay.indexOf(pat); i >= 0; i = hay.indexOf(pat, i + 1)) n++;
  }
  return n;
}

describe('erasure reaches the SQLite file bytes', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("after deleteClient the client's texts are in neither the database file nor its WAL", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kontera-erase-'));
    dirs.push(dir);
    const path = join(dir, 'k.db');
    const store = await openSqliteStore({ path });
    const k = await createKontera({ store });
    await k.addBureau({ id: 'b1', name: 'Byrå' });
    await k.addClient({ bureauId: 'b1', id: 'stays', name: 'Stannar AB' });
    await k.addClient({ bureauId: 'b1', id: 'leaves', name: 'Lämnar AB' });
    const SECRET = 'QVARNSTRÖMS BAGERI';
    await k.importStatement('stays', swedbankCsv(30));
    const { transactions } = await k.importStatement('leaves', withText(swedbankCsv(30), SECRET));
    const bookings: Booking[] = transactions.slice(0, 10).map((t) => ({
      transaction: t,
      voucher: { date: t.date, text: t.text, rows: [{ account: '1930', amount: t.amount }, { account: '5800', amount: -t.amount }] },
    }));
    await k.confirm('leaves', bookings);
    // Fiscal years stated for the client (kept on it and, once a file is learned, among its known years).
    const YEAR = { start: '2017-03-14', end: '2018-02-28' };
    await k.updateClient('leaves', { fiscalYears: [YEAR] });
    // A credit note whose invoice kontera has not seen: kept pending, with its text.
    await k.learnFromSie(
      'leaves',
      ['#FLAGGA 0', '#SIETYP 4', '#GEN 20200301', '#RAR 0 20200101 20201231', '#VER C 1 20200210 "Kreditfaktura 4711 QVARNSTRÖMS BAGERI"', '{', '#TRANS 1510 {} -1000.00', '#TRANS 3001 {} 800.00', '#TRANS 2611 {} 200.00', '}', ''].join('\r\n'),
    );
    expect((await k.exportClientData('leaves')).pendingSettlements.map((p) => p.voucher.text)).toEqual(['Kreditfaktura 4711 QVARNSTRÖMS BAGERI']);
    const bytes = (): Uint8Array => Buffer.concat([readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)]);
    expect(hits(bytes(), SECRET)).toBeGreaterThan(10);
    expect((await k.exportClientData('leaves')).fiscalYears).toContainEqual({ ...YEAR, source: 'stated' });
    expect(hits(bytes(), YEAR.start)).toBeGreaterThan(1);

    await k.deleteClient('leaves');
    // The store is still open: nothing waits for close() to clean up.
    expect(hits(bytes(), SECRET)).toBe(0);
    expect(hits(bytes(), 'Lämnar AB')).toBe(0);
    expect(hits(bytes(), YEAR.start)).toBe(0);
    // The other client is untouched.
    expect((await k.exportClientData('stays')).transactions).toHaveLength(30);
    await store.close();
    expect(hits(readFileSync(path), SECRET)).toBe(0);
  });
});
