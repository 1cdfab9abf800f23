import snowball from 'snowball-stemmers';

/*
 * Meilisearch matches words as written (with typos and a prefix on the last word), so "wages" and
 * "wage", "víctimas" and "victims" do not find each other. Each word also gets a stem key: the
 * shortest of its Snowball stems in English, French and Spanish, folded as the engine folds (lower
 * case, no accents). Notes and queries go through the same function, so a query finds every form of
 * its words whatever the interface language and whatever the language of the note.
 */

/** The languages whose Snowball stemmers make a word's key (the interface and note languages). */
export const STEM_LANGUAGES = ['english', 'french', 'spanish'] as const;

const stemmers = STEM_LANGUAGES.map((language) => snowball.newStemmer(language));
const WORD = /[\p{L}\p{N}]+/gu;
const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** Lower case without diacritics, as the engine compares words. Pure. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A word's stem key: its shortest folded stem over the three languages (ties: the first in alphabetical order). Pure. */
export function stemKey(word: string): string {
  const lower = word.toLowerCase();
  const cached = cache.get(lower);
  if (cached !== undefined) return cached;
  let best = foldWord(lower);
  // Numbers, codes and very short words stay as they are: "s45", "1589", "art".
  if (lower.length > 3 && !/\d/.test(lower)) {
    for (const stemmer of stemmers) {
      const stem = foldWord(stemmer.stem(lower));
      if (stem.length >= 2 && (stem.length < best.length || (stem.length === best.length && stem < best))) best = stem;
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(lower, best);
  return best;
}

/** The words of a text, in order. Pure. */
export function splitWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The distinct stem keys of a text, in order of first use, space-separated (what the index stores). Pure. */
export function stemText(text: string): string {
  return [...new Set(splitWords(text).map(stemKey))].join(' ');
}

/**
 * The text the engine is asked for: the stem keys that differ from the words as typed, then the text
 * as typed (so synonyms such as "s.45" still apply). Under the "last" matching strategy every hit
 * contains the stems, and notes that also contain the exact words match more query words and rank
 * first. Pure.
 */
export function expandQuery(text: string): string {
  const prefix = stemPrefix(text);
  return prefix ? `${prefix} ${text}` : text;
}

/** What expandQuery puts before the text: the distinct stem keys that differ from their words, in order. Pure. */
export function stemPrefix(text: string): string {
  return [...new Set(splitWords(text).filter((word) => stemKey(word) !== foldWord(word)).map(stemKey))].join(' ');
}
