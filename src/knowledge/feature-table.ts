/**
 * The text model's counts by feature id, as an open-addressing hash table in one typed array: a
 * look-up reads one slot (id and count side by side) where a `Map` reads a bucket and then an entry
 * elsewhere. A bureau's model holds hundreds of thousands of features and a line looks a dozen up
 * in two models, so this is where scoring waits on memory.
 *
 * @internal
 */

/** A value stored in the slot itself: a non-negative integer below this. */
const INLINE_LIMIT = 2 ** 31;
/** Fewest slots; the table doubles when more than half would be used. */
const MIN_SLOTS = 16;
/** Fibonacci hashing: the id times 2³² / φ, its top bits as the home slot. */
const GOLDEN = 0x9e3779b1;

/** feature id (0 ≤ id < 2³⁰) → value (a non-negative integer, or anything else kept beside the table). */
export class FeatureTable<V extends number | object> {
  /** Per slot two int32s: id + 1 (0: empty), and the value, or −(index + 1) into `#others`. */
  #slots = new Int32Array(2 * MIN_SLOTS);
  #shift = 32 - Math.log2(MIN_SLOTS);
  #size = 0;
  /** Values that do not fit in a slot (lists of counts, large counts), and the free places among them. */
  readonly #others: (V | undefined)[] = [];
  readonly #free: number[] = [];

  /** Number of ids held. */
  get size(): number {
    return this.#size;
  }

  get(id: number): V | undefined {
    const slots = this.#slots;
    const mask = (slots.length >> 1) - 1;
    for (let i = Math.imul(id, GOLDEN) >>> this.#shift; ; i = (i + 1) & mask) {
      const k = slots[2 * i] as number;
      if (k === 0) return undefined;
      if (k === id + 1) {
        const v = slots[2 * i + 1] as number;
        return v >= 0 ? (v as V) : this.#others[-v - 1];
      }
    }
  }

  set(id: number, value: V): void {
    if (2 * (this.#size + 1) > this.#slots.length >> 1) this.#grow();
    const slots = this.#slots;
    const mask = (slots.length >> 1) - 1;
    let i = Math.imul(id, GOLDEN) >>> this.#shift;
    while (slots[2 * i] !== 0 && slots[2 * i] !== id + 1) i = (i + 1) & mask;
    const had = slots[2 * i] !== 0;
    const old = had ? (slots[2 * i + 1] as number) : 0;
    if (!had) {
      slots[2 * i] = id + 1;
      this.#size++;
    }
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < INLINE_LIMIT) {
      if (old < 0) this.#release(-old - 1);
      slots[2 * i + 1] = value;
      return;
    }
    let at: number;
    if (old < 0) at = -old - 1;
    else at = this.#free.pop() ?? this.#others.push(undefined) - 1;
    this.#others[at] = value;
    slots[2 * i + 1] = -(at + 1);
  }

  delete(id: number): void {
    const slots = this.#slots;
    const mask = (slots.length >> 1) - 1;
    let i = Math.imul(id, GOLDEN) >>> this.#shift;
    for (; ; i = (i + 1) & mask) {
      const k = slots[2 * i] as number;
      if (k === 0) return;
      if (k === id + 1) break;
    }
    const old = slots[2 * i + 1] as number;
    if (old < 0) this.#release(-old - 1);
    this.#size--;
    // Backward-shift deletion: later slots of the same run move up when their home allows it.
    for (let j = (i + 1) & mask; ; j = (j + 1) & mask) {
      const k = slots[2 * j] as number;
      if (k === 0) break;
      const home = Math.imul(k - 1, GOLDEN) >>> this.#shift;
      // Slot j may fill the hole at i when its home does not lie cyclically in (i, j].
      const movable = i <= j ? home <= i || home > j : home <= i && home > j;
      if (!movable) continue;
      slots[2 * i] = k;
      slots[2 * i + 1] = slots[2 * j + 1] as number;
      i = j;
    }
    slots[2 * i] = 0;
    slots[2 * i + 1] = 0;
  }

  /** Every id and its value (in table order). */
  *entries(): IterableIterator<[number, V]> {
    const slots = this.#slots;
    for (let i = 0; i < slots.length; i += 2) {
      const k = slots[i] as number;
      if (k === 0) continue;
      const v = slots[i + 1] as number;
      yield [k - 1, v >= 0 ? (v as V) : (this.#others[-v - 1] as V)];
    }
  }

  #release(at: number): void {
    this.#others[at] = undefined;
    this.#free.push(at);
  }

  #grow(): void {
    const old = this.#slots;
    const slots = new Int32Array(old.length * 2);
    const shift = this.#shift - 1;
    const mask = (slots.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      const k = old[s] as number;
      if (k === 0) continue;
      let i = Math.imul(k - 1, GOLDEN) >>> shift;
      while (slots[2 * i] !== 0) i = (i + 1) & mask;
      slots[2 * i] = k;
      slots[2 * i + 1] = old[s + 1] as number;
    }
    this.#slots = slots;
    this.#shift = shift;
  }
}
