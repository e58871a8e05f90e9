/**
 * The PostgreSQL store against a real server: the store contract, migrations, concurrency of
 * processes, tenancy, round trips, lazy loading of pg.
 */
import { describe, it } from 'vitest';
import { describeStore } from './conformance.js';
import { PG_SKIP_REASON, PG_URL, postgresHarness } from './pg.js';

if (PG_URL === '') {
  describe('postgres store', () => {
    it.skip(`skipped: ${PG_SKIP_REASON}`, () => {});
  });
} else {
  describeStore('postgres', postgresHarness);
}
