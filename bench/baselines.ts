/**
 * Baselines measured in the same run as the engine:
 * - exact-text memory: the account last booked for exactly the same bank text (lower-cased, spaces
 *   collapsed), per client — what "remember this transaction" features do;
 * - TF-IDF + linear SVM: word unigrams and character 3-grams, TF-IDF weighted and L2-normalised,
 *   one-vs-rest linear SVM trained with Pegasos (hinge loss, SGD) — the approach of the best
 *   open-source peer (beancount smart_importer: TF-IDF-style features + linear SVC). Written here
 *   from the textbook algorithm.
 */

export interface Example {
  readonly text: string;
  readonly label: string;
}

/** Exact-text memory. */
export class ExactMemory {
  readonly #m = new Map<string, string>();
  static norm(t: string): string {
    return t.toLowerCase().replace(/\s+/g, ' ').trim();
  }
  learn(text: string, label: string): void {
    this.#m.set(ExactMemory.norm(text), label);
  }
  predict(text: string): string | null {
    return this.#m.get(ExactMemory.norm(text)) ?? null;
  }
}

function features(text: string): string[] {
  const t = text.toLowerCase();
  const out: string[] = [];
  for (const w of t.split(/[^\p{L}\p{N}]+/u)) {
    if (w.length === 0) continue;
    out.push(`w:${w}`);
    const padded = ` ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.push(`c:${padded.slice(i, i + 3)}`);
  }
  return out;
}

/** Pegasos regularisation; small because per-client data sets are small. */
const LAMBDA = 1e-4;
const EPOCHS = 8;

/** TF-IDF features + one-vs-rest linear SVM. Retrain with `fit` on the full history. */
export class TfidfSvm {
  #idf = new Map<string, number>();
  #w = new Map<string, Map<string, number>>();
  #bias = new Map<string, number>();
  #labels: string[] = [];

  #vector(text: string): Map<string, number> {
    const tf = new Map<string, number>();
    for (const f of features(text)) if (this.#idf.has(f)) tf.set(f, (tf.get(f) ?? 0) + 1);
    let norm = 0;
    for (const [f, c] of tf) {
      const v = c * (this.#idf.get(f) ?? 0);
      tf.set(f, v);
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [f, v] of tf) tf.set(f, v / norm);
    return tf;
  }

  fit(examples: readonly Example[], seed = 1): void {
    const df = new Map<string, number>();
    for (const e of examples) for (const f of new Set(features(e.text))) df.set(f, (df.get(f) ?? 0) + 1);
    this.#idf = new Map([...df].map(([f, d]) => [f, Math.log((1 + examples.length) / (1 + d)) + 1]));
    const xs = examples.map((e) => this.#vector(e.text));
    this.#labels = [...new Set(examples.map((e) => e.label))].sort();
    this.#w = new Map();
    this.#bias = new Map();
    let s = seed;
    const rand = (): number => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648;
    };
    for (const label of this.#labels) {
      const w = new Map<string, number>();
      let scale = 1;
      let bias = 0;
      let t = 1;
      for (let epoch = 0; epoch < EPOCHS; epoch++) {
        for (let n = 0; n < xs.length; n++) {
          const i = Math.floor(rand() * xs.length);
          const x = xs[i] as Map<string, number>;
          const y = examples[i]?.label === label ? 1 : -1;
          const eta = 1 / (LAMBDA * (t + 100));
          let dot = 0;
          for (const [f, v] of x) dot += (w.get(f) ?? 0) * v;
          dot = dot * scale + bias;
          scale *= 1 - eta * LAMBDA;
          if (scale < 1e-9) {
            for (const [f, v] of w) w.set(f, v * scale);
            scale = 1;
          }
          if (y * dot < 1) {
            for (const [f, v] of x) w.set(f, (w.get(f) ?? 0) + (eta * y * v) / scale);
            bias += eta * y * 0.01;
          }
          t++;
        }
      }
      for (const [f, v] of w) w.set(f, v * scale);
      this.#w.set(label, w);
      this.#bias.set(label, bias);
    }
  }

  /** Labels by decreasing score (empty before the first fit). */
  rank(text: string): string[] {
    if (this.#labels.length === 0) return [];
    const x = this.#vector(text);
    const scored = this.#labels.map((label) => {
      const w = this.#w.get(label) ?? new Map<string, number>();
      let dot = this.#bias.get(label) ?? 0;
      for (const [f, v] of x) dot += (w.get(f) ?? 0) * v;
      return { label, dot };
    });
    return scored.sort((a, b) => b.dot - a.dot || a.label.localeCompare(b.label)).map((s) => s.label);
  }
}
