import { describe, expect, test } from 'vitest';
import { calibrate, CALIBRATION } from '../../src/suggest/calibrate.js';
import type { CalibrationPath } from '../../src/suggest/calibrate.js';
import { rankAccounts, rawConfidence, switchedTo, tooClose } from '../../src/suggest/score.js';
import type { BookingTemplate } from '../../src/knowledge/types.js';
import type { Vote } from '../../src/suggest/score.js';

function template(account: string): BookingTemplate {
  return { direction: 'out', vat: { mode: 'none', rate: 0, accounts: [] }, lines: [{ account, rule: 'rest', lastAmount: 0, ppm: 0 }] };
}

describe('calibration', () => {
  test('ships curves that never go down and stay within 0..1', () => {
    for (const [path, curve] of Object.entries(CALIBRATION)) {
      let prev = -1;
      for (const [x, y] of curve ?? []) {
        expect(y, `${path} at ${x}`).toBeGreaterThanOrEqual(prev);
        expect(y).toBeLessThanOrEqual(1);
        prev = y;
      }
    }
  });

  test('maps more evidence to more confidence on every path', () => {
    for (const path of Object.keys(CALIBRATION) as CalibrationPath[]) {
      expect(calibrate(path, 0.9)).toBeGreaterThanOrEqual(calibrate(path, 0.5));
    }
  });

  test('is the identity for a path without a curve', () => {
    expect(calibrate('rule', 0.77, {})).toBe(0.77);
  });

  test('interpolates linearly between points', () => {
    expect(calibrate('rule', 0.5, { rule: [[0, 0], [1, 0.5]] })).toBeCloseTo(0.25);
  });
});

describe('scoring', () => {
  test('one booking alone is two thirds of the evidence', () => {
    expect(rawConfidence(rankAccounts([{ template: template('6212'), weight: 1, count: 1 }]))).toBeCloseTo(2 / 3);
  });

  test('calls two accounts too close unless the best has twice the weight', () => {
    const close = rankAccounts([
      { template: template('6212'), weight: 3, count: 3 },
      { template: template('6211'), weight: 2, count: 2 },
    ]);
    expect(tooClose(close)).toBe(true);
    const clear = rankAccounts([
      { template: template('6212'), weight: 4, count: 4 },
      { template: template('6211'), weight: 2, count: 2 },
    ]);
    expect(tooClose(clear)).toBe(false);
  });

  test('adds up templates that share a main account', () => {
    const r = rankAccounts([
      { template: template('6212'), weight: 1, count: 1 },
      { template: { ...template('6212'), vat: { mode: 'standard', rate: 25, accounts: ['2641'] } }, weight: 2, count: 2 },
    ]);
    expect(r).toHaveLength(1);
    expect(r[0]?.weight).toBe(3);
  });

  test('names the account the evidence switched to only when all its bookings come after every other', () => {
    const vote = (account: string, firstSeen: string, lastSeen: string, count = 2): Vote => ({ template: template(account), weight: count, count, firstSeen, lastSeen });
    // One account spans both templates' dates: the first and last dates are merged per account.
    const clean = rankAccounts([vote('6211', '2026-01-10', '2026-03-10', 3), vote('6212', '2026-04-10', '2026-05-10'), vote('6212', '2026-06-10', '2026-06-10', 1)]);
    expect(switchedTo(clean)?.account).toBe('6212');
    expect(switchedTo(clean)?.firstSeen).toBe('2026-04-10');
    expect(switchedTo(clean)?.lastSeen).toBe('2026-06-10');
    // The accounts take turns: 6212 was used before 6211's last booking.
    expect(switchedTo(rankAccounts([vote('6211', '2026-01-10', '2026-04-10'), vote('6212', '2026-03-10', '2026-06-10')]))).toBeUndefined();
    // Booked the same day to both: no order between them.
    expect(switchedTo(rankAccounts([vote('6211', '2026-01-10', '2026-04-10'), vote('6212', '2026-04-10', '2026-06-10')]))).toBeUndefined();
    // One account only, or evidence without dates (other clients' votes): nothing to switch from.
    expect(switchedTo(rankAccounts([vote('6211', '2026-01-10', '2026-04-10')]))).toBeUndefined();
    expect(switchedTo(rankAccounts([{ template: template('6211'), weight: 1, count: 1 }, { template: template('6212'), weight: 1, count: 1 }]))).toBeUndefined();
  });
});
