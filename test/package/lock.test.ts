/**
 * A fresh clone stays clean after the quick start: `npm install` rewrites package-lock.json when its
 * root entry (the project itself) no longer matches package.json — as it did for a missing `bin`.
 * The fields npm copies into that entry must be equal, and every dependency locked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { name: string; version: string; lockfileVersion: number; packages: Record<string, Record<string, unknown> & { version?: string }> };

describe('package-lock.json', () => {
  it('has a root entry npm install would write the same', () => {
    const root = lock.packages[''] ?? {};
    expect([lock.name, lock.version, lock.lockfileVersion]).toEqual([pkg.name, pkg.version, 3]);
    for (const field of ['name', 'version', 'license', 'engines', 'dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta']) {
      expect(root[field], field).toEqual(pkg[field]);
    }
    // npm stores bin paths without the leading ./
    const bin = Object.fromEntries(Object.entries((pkg.bin ?? {}) as Record<string, string>).map(([k, v]) => [k, v.replace(/^\.\//, '')]));
    expect(root.bin).toEqual(bin);
  });

  it('locks natural at a release whose dependencies carry no database drivers', () => {
    expect((pkg.dependencies as Record<string, string>).natural).toBe('6.10.5');
    expect(lock.packages['node_modules/natural']?.version).toBe('6.10.5');
    for (const driver of ['mongoose', 'mongodb', 'redis', 'memjs', 'http-server', 'dotenv']) expect(lock.packages[`node_modules/${driver}`], driver).toBeUndefined();
  });
});
