import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readSie } from '../../src/sie/reader.js';
import type { SieDocument } from '../../src/sie/types.js';

const ROOT = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(ROOT + path));
}

export function sie(path: string): SieDocument {
  return readSie(fixtureBytes(path), { strict: false });
}
