// stopword 3 ships no types; these are the lists Casebook reads (arrays of lower-case words).
declare module 'stopword' {
  export const spa: readonly string[];
}
