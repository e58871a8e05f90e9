/**
 * settleDeposit's errors name the BgMax file: the caller passes `fileName` for exactly that, yet a
 * deposit that does not sum to the bank line was refused naming only the line in the file, so an
 * app settling a day's deposits from several files could not say which file was wrong.
 */
import { describe, expect, it } from 'vitest';
import { readBgmax } from '../../src/bgmax/reader.js';
import { DepositMismatchError, settleDeposit } from '../../src/openitems/deposit.js';
import { fixture, konteraOn } from './helpers.js';

const NOW = '2026-02-02T08:00:00.000Z';
const BGMAX = 'bgmax/bgc-example-ocr.txt';

/** The error `run` rejects with, checked to be a DepositMismatchError. */
async function refusal(run: () => unknown): Promise<DepositMismatchError> {
  const e = await Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  expect(e).toBeInstanceOf(DepositMismatchError);
  return e as DepositMismatchError;
}

describe('settleDeposit names the BgMax file in its errors', () => {
  const open = konteraOn('memory', NOW, { c1: 'Kund AB' });

  it('Kontera.settleDeposit: a deposit that does not sum to the line', async () => {
    const k = await open();
    const e = await refusal(() => k.settleDeposit('c1', { date: '2004-05-25', amount: 800_100, text: 'BG INSÄTTNING' }, fixture(BGMAX), { fileName: 'bg-0525.txt' }));
    expect(e.file).toBe('bg-0525.txt');
    expect(e.line).toBeGreaterThan(0);
    expect(e.message).toContain('bg-0525.txt');
  });

  it('the engine settleDeposit, given fileName', async () => {
    const [deposit] = readBgmax(fixture(BGMAX)).deposits;
    expect(deposit).toBeDefined();
    const line = { date: '2004-05-25', amount: (deposit?.amount ?? 0) + 100, text: 'BG INSÄTTNING' };
    const e = await refusal(() => settleDeposit(line, deposit as NonNullable<typeof deposit>, [], { fileName: 'bg-0525.txt' }));
    expect(e.file).toBe('bg-0525.txt');
  });
});
