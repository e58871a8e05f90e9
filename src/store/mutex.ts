/**
 * A first-come, first-served async lock. A store with one connection (SQLite) must not let two
 * async transactions interleave their statements on it; every operation takes this lock first.
 *
 * @internal
 * @module
 */

/** @internal */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #held = false;

  /** True while someone holds the lock. */
  get held(): boolean {
    return this.#held;
  }

  /** Runs `fn` once every earlier holder has finished; the lock is released whatever `fn` does. */
  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#held = true;
    try {
      return await fn();
    } finally {
      this.#held = false;
      release();
    }
  }
}
