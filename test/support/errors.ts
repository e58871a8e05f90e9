/** Test helper: the error a call throws, checked to be of the expected (typed) class. */
import { expect } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';

/** Runs `fn`, expects it to throw an instance of `type` (default `KonteraError`), and returns that error. */
export function caught<E extends Error = KonteraError>(fn: () => unknown, type: abstract new (...args: never[]) => E = KonteraError as unknown as abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return e as E;
  }
  throw new Error(`expected a ${type.name}`);
}

/** Awaits `promise`, expects it to reject with a `KonteraError`, and returns its code (`'no error'` when it resolves). */
export async function rejectedCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(KonteraError);
    return (e as KonteraError).code;
  }
  return 'no error';
}
