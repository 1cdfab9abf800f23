import { stopwords as english } from '@orama/stopwords/english';
import { stopwords as french } from '@orama/stopwords/french';
import { spa as spanish } from 'stopword';

/*
 * Stop words say nothing about what a note is about. A query in any of the interface languages may
 * look for notes in any of them, so a word is a stop word when it is one in English, French or
 * Spanish: otherwise "el" or "de", rare in a mostly English knowledge base, would count as a query's
 * most specific words. English and French are the Snowball project's lists (whose stemmers make the
 * stem keys, stem-words.ts), from `@orama/stopwords` (Apache-2.0); Spanish is the `stopword`
 * package's (MIT, from the toolkit `natural`), because Orama's Spanish list holds "trata" and
 * "trabajo". They are folded as the engine folds words; none is typed here.
 */

/**
 * Words of those lists that a practitioner's query needs: negations ("no punición", "sans titre de
 * séjour", "sin consentimiento" are not "punición", "titre", "consentimiento"), and the French
 * participle "eu", which is also the European Union ("EU directive").
 */
const KEPT = new Set(['no', 'not', 'nor', 'against', 'sans', 'sin', 'eu']);

/** Lower case without diacritics, as the engine compares words. Pure. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The stop words of English, French and Spanish, folded (lower case, no accents). */
export const STOP_WORDS: ReadonlySet<string> = new Set([...english, ...french, ...spanish].map(fold).filter((word) => !KEPT.has(word)));

/** True when a word (as typed, any case or accents) is a stop word in one of the three languages. Pure. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(fold(word));
}
