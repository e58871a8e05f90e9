/**
 * Vitest global setup: the PostgreSQL server the Postgres tests run against.
 *
 * - `KONTERA_PG_URL` set (CI, or your own server): the tests use it and fail if it is unreachable.
 * - Not set: a throwaway cluster is started with `test/store/pg-server.sh` in a temp directory and
 *   stopped after the run. When that is impossible (no PostgreSQL installed), the Postgres tests are
 *   skipped and say why.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the test server; '' when there is none. */
    pgUrl: string;
    /** Why there is no server ('' when there is one). */
    pgSkipReason: string;
  }
}

const SCRIPT = join(import.meta.dirname, 'pg-server.sh');

export default function setup(project: TestProject): (() => void) | undefined {
  const given = process.env['KONTERA_PG_URL'];
  if (given !== undefined && given !== '') {
    project.provide('pgUrl', given);
    project.provide('pgSkipReason', '');
    return undefined;
  }
  // A new directory the script creates (and, run as root, hands to the postgres user).
  const dir = join(tmpdir(), `kontera-pg-${process.pid}-${Date.now().toString(36)}`);
  try {
    const url = execFileSync(SCRIPT, ['start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    project.provide('pgUrl', url);
    project.provide('pgSkipReason', '');
  } catch (error) {
    const reason = error instanceof Error && 'stderr' in error ? String(error.stderr).trim().split('\n').slice(-3).join(' ') : String(error);
    project.provide('pgUrl', '');
    project.provide('pgSkipReason', `no PostgreSQL server could be started (${reason || 'pg-server.sh failed'}); set KONTERA_PG_URL to use one`);
    return undefined;
  }
  return () => {
    execFileSync(SCRIPT, ['stop', dir], { stdio: 'ignore' });
  };
}
