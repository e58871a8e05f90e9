import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { describeStore } from './conformance.js';

describeStore('sqlite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kontera-store-'));
  const path = join(dir, 'kontera.db');
  return {
    open: () => openSqliteStore({ path, synchronous: 'normal' }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
