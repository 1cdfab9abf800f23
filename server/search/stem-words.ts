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
// Words seen, by their lower case: a visitor's words too, so the map is bounded by bytes (2 MB, two
// bytes a character and a slot each), and emptied when full: it refills at the speed of stemming.
const cache = new Map<string, string>();
const CACHE_BYTES = 2 * 1024 * 1024;
let cachedBytes = 0;

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
  cachedBytes += 2 * (lower.length + best.length) + 64;
  if (cachedBytes > CACHE_BYTES) {
    cache.clear();
    cachedBytes = 2 * (lower.length + best.length) + 64;
  }
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
 * The text the engine is asked for: the query's stem keys (queryKeys), then the text as typed (so
 * synonyms such as "s.45" still apply). Under the "last" matching strategy every hit contains the
 * first word's key, and notes that also contain the exact words match more query words and rank
 * first. Pure.
 */
export function expandQuery(text: string): string {
  const prefix = queryKeys(text);
  return prefix ? `${prefix} ${text}` : text;
}

/**
 * Articles, prepositions, conjunctions, pronouns and auxiliaries of the three languages: words that
 * say nothing about a note's subject. A query's stem keys leave them out, so "the victim could have
 * left at any time" does not make "have" the word every hit must contain. Negations ("no", "non",
 * "without", "sans") stay: "no punición" is not "punición".
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  // English
  'a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'into', 'about', 'and', 'or', 'but',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'has', 'have', 'had', 'having', 'do', 'does', 'did', 'doing',
  'can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must',
  'i', 'me', 'my', 'we', 'our', 'you', 'your', 'he', 'him', 'his', 'she', 'her', 'it', 'its', 'they', 'them', 'their', 'this', 'that', 'these', 'those',
  'what', 'which', 'who', 'whom', 'when', 'where', 'why', 'how', 'any', 'all', 'some', 'there', 'than', 'then', 'so', 'if', 'as',
  // what "didn't", "won't", "she's" split into
  'don', 'doesn', 'didn', 'isn', 'aren', 'wasn', 'weren', 'haven', 'hasn', 'hadn', 'won', 'wouldn', 'couldn', 'shouldn', 'cannot', 't', 'll', 've', 're', 'm',
  // French
  'de', 'd', 'du', 'des', 'la', 'le', 'les', 'l', 'un', 'une', 'et', 'ou', 'à', 'au', 'aux', 'en', 'dans', 'par', 'pour', 'sur', 'avec', 'sous',
  'est', 'sont', 'été', 'être', 'avoir', 'ont', 'peut', 'doit', 'qui', 'que', 'qu', 'quoi', 'dont', 'ce', 'cette', 'ces', 'son', 'sa', 'ses', 'leur', 'leurs', 'il', 'elle', 'ils', 'elles', 'on', 'se', 's', 'comment', 'pourquoi', 'quand',
  // Spanish
  'el', 'los', 'las', 'lo', 'del', 'al', 'y', 'o', 'e', 'u', 'por', 'para', 'con', 'sobre', 'entre', 'ante', 'su', 'sus', 'es', 'son', 'ser', 'fue', 'está', 'están', 'ha', 'han', 'hay',
  'puede', 'debe', 'como', 'cómo', 'qué', 'quién', 'cuándo', 'dónde', 'porqué', 'mi', 'mis', 'nos',
]);

/**
 * What a query leads with: the stem key of each word that is not a function word, in the order typed
 * (once each), when at least one of them differs from its word; '' otherwise. Under the "last"
 * matching strategy the engine drops words from the end, so the first word the user typed, in any of
 * its forms, is the one every hit contains, and hits with more of the following words rank first; the
 * words as typed come after, so an exact form still outranks a stemmed one. Pure.
 */
export function queryKeys(text: string): string {
  const words = splitWords(text).filter((word) => !FUNCTION_WORDS.has(word.toLowerCase()));
  if (!words.some((word) => stemKey(word) !== foldWord(word))) return '';
  return [...new Set(words.map(stemKey))].join(' ');
}

/** The distinct stem keys of a text that differ from their words, in order: what the index stores beside each field (section-records.ts). Pure. */
export function stemPrefix(text: string): string {
  return [...new Set(splitWords(text).filter((word) => stemKey(word) !== foldWord(word)).map(stemKey))].join(' ');
}
