// Minimal declarations for the natural submodules kontera imports (natural ships no types for them).
// Only the package's submodules are imported: its root module pulls in database drivers.

declare module 'natural/lib/natural/stemmers/porter_stemmer_sv.js' {
  /** Snowball-style Swedish stemmer. */
  const stemmer: {
    stem(token: string): string;
  };
  export default stemmer;
}
