import snowball from 'snowball-stemmers';
import { verbOfPastForm } from './irregular-verbs.js';
import { isStopWord } from './stop-words.js';

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
    // An English irregular past form is stemmed as its verb ("left" as "leave").
    const verb = verbOfPastForm(lower) ?? lower;
    if (verb !== lower) best = foldWord(verb);
    for (const stemmer of stemmers) {
      const stem = foldWord(stemmer.stem(verb));
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

/** Replaces runs of a query's stem keys with what they stand for (the synonym groups' tokens, synonym-tokens.ts); the identity by default. */
export type KeyRewriter = (keys: readonly string[]) => string[];

const SAME_KEYS: KeyRewriter = (keys) => [...keys];

/**
 * The text the engine is asked for: the query's stem keys (queryKeys, with the synonym groups a run
 * of them names replaced by the group's token), then the text as typed. Under the "last" matching
 * strategy every hit contains the first word's key (or a term of its group), and notes that also
 * contain the exact words match more query words and rank first. Pure (given a pure `rewrite`).
 */
export function expandQuery(text: string, rewrite: KeyRewriter = SAME_KEYS): string {
  const prefix = queryKeys(text, rewrite);
  return prefix ? `${prefix} ${text}` : text;
}

/**
 * The words of a query that say what it is about, in order: its words less the stop words of the
 * three languages (stop-words.ts), less the pieces of a contraction or an elision ("didn't",
 * "she'll", "l'opérateur", "d'Ivoire" leave "opérateur" and "Ivoire"): a negated auxiliary goes
 * whole, and a piece of one or two letters beside an apostrophe is never a subject. Linear. Pure.
 */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const token of text.split(/\s+/)) {
    const lower = token.toLowerCase();
    if (lower.endsWith("n't") || lower.endsWith('n\u2019t')) continue;
    const pieces = token.split(/['\u2019]/);
    for (const piece of pieces) {
      for (const word of splitWords(piece)) {
        if (pieces.length > 1 && word.length <= 2 && !/\d/.test(word)) continue;
        if (!isStopWord(word)) words.push(word);
      }
    }
  }
  return words;
}

/**
 * What a query leads with: the stem key of each content word (contentWords), in the order typed
 * (once each), each run of keys that spells a synonym group's term replaced by the group's token
 * (`rewrite`), when a key differs from its word or a run was replaced; '' otherwise. Under the
 * "last" matching strategy the engine drops words from the end, so the first word the user typed,
 * in any of its forms, is the one every hit contains, and hits with more of the following words rank
 * first; the words as typed come after, so an exact form still outranks a stemmed one. Pure.
 */
export function queryKeys(text: string, rewrite: KeyRewriter = SAME_KEYS): string {
  const words = contentWords(text);
  const keys = [...new Set(words.map(stemKey))];
  const rewritten = rewrite(keys);
  const changed = rewritten.length !== keys.length || rewritten.some((key, index) => key !== keys[index]);
  if (!changed && !words.some((word) => stemKey(word) !== foldWord(word))) return '';
  return [...new Set(rewritten)].join(' ');
}

/** The distinct stem keys of a text that differ from their words, in order: what the index stores beside each field (section-records.ts). Pure. */
export function stemPrefix(text: string): string {
  return [
    ...new Set(
      splitWords(text)
        .filter((word) => stemKey(word) !== foldWord(word))
        .map(stemKey),
    ),
  ].join(' ');
}
