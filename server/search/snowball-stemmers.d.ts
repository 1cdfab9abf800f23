// snowball-stemmers ships no types; this is the part Casebook uses.
declare module 'snowball-stemmers' {
  /** A stemmer for one language. */
  export interface Stemmer {
    stem(word: string): string;
  }
  const snowball: {
    newStemmer(language: string): Stemmer;
    algorithms(): string[];
  };
  export default snowball;
}
