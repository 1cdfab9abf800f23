import type { SynonymGroups } from '../content/synonyms.js';
import { foldWord, splitWords, stemKey, queryKeys } from './stem-words.js';

/*
 * Synonyms as one token a group, not every term pointing to every other.
 *
 * Meilisearch looks a query's words up in its synonym map once per word and per run of two or three
 * words, and each look-up costs in proportion to the whole map (measured on Meilisearch 1.21: about
 * 1 ms a look-up with synonyms.yml as a term-to-terms map, 12,000 alternatives; a four-word query
 * paid 9 ms on an empty index, and every query of a results page pays it again). So the index says
 * which groups a text mentions instead: each group gets a token no text contains, written into the
 * searchable fields of every record whose text holds one of the group's terms in any form (compared
 * by stem keys, so "bonded labourers" counts for "bonded labour"), and the map sends each term to its
 * group's token alone. A query for "THB" then finds a note that says "trafficking in human beings"
 * through the token, at a fraction of the cost, and every note saying "THB" still matches the word
 * itself, ranking as an exact match.
 */

/** A group's token: letters only (the engine keeps it one word), a prefix no language uses. Pure. */
export function groupToken(index: number): string {
  let letters = '';
  let rest = index;
  do {
    letters = String.fromCharCode(97 + (rest % 26)) + letters;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return `qqsyn${letters}`;
}

/**
 * The notes index's synonym map: every term of a group, as written and as the stem keys a query
 * leads with (queryKeys: "mobile" is sent as "mobil mobile"), points to its group's token. Pure.
 */
export function toTokenSynonymMap(groups: SynonymGroups): Record<string, string[]> {
  const map: Record<string, Set<string>> = {};
  groups.forEach((terms, index) => {
    const token = groupToken(index);
    for (const term of terms) {
      for (const form of new Set([term, queryKeys(term)])) if (form !== '') (map[form] ??= new Set()).add(token);
    }
  });
  return Object.fromEntries(Object.entries(map).map(([term, tokens]) => [term, [...tokens]]));
}

/** The groups behind a token map (each token's terms), for whoever holds only the index settings. Pure. */
export function groupsOfTokenMap(map: Readonly<Record<string, readonly string[]>>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [term, tokens] of Object.entries(map)) for (const token of tokens) (groups.get(token) ?? groups.set(token, []).get(token)!).push(term);
  return groups;
}

/** Says which groups a text mentions: their tokens, space-separated ('' for none). */
export type SynonymTagger = (text: string) => string;

/** A text mentions no group. */
export const NO_SYNONYMS: SynonymTagger = () => '';

/**
 * The tagger of a token map: a group is mentioned when the stem keys of one of its terms appear in a
 * row among the text's. Pure (its cache aside).
 */
export function synonymTagger(map: Readonly<Record<string, readonly string[]>>): SynonymTagger {
  // First key of a term → the terms' key sequences and tokens starting with it.
  const byFirstKey = new Map<string, Array<{ keys: string[]; token: string }>>();
  for (const [token, terms] of groupsOfTokenMap(map)) {
    for (const term of terms) {
      const keys = splitWords(term).map(stemKey);
      if (keys.length === 0) continue;
      (byFirstKey.get(keys[0]!) ?? byFirstKey.set(keys[0]!, []).get(keys[0]!)!).push({ keys, token });
    }
  }
  if (byFirstKey.size === 0) return NO_SYNONYMS;
  return (text) => {
    const keys = splitWords(text).map(stemKey);
    const found = new Set<string>();
    keys.forEach((key, start) => {
      for (const candidate of byFirstKey.get(key) ?? []) {
        if (!found.has(candidate.token) && candidate.keys.every((expected, offset) => keys[start + offset] === expected)) found.add(candidate.token);
      }
    });
    return [...found].join(' ');
  };
}

/**
 * The authorities index's synonym map: term to terms, as a user types them (its queries carry no stem
 * keys and its records no tokens), keeping only the alternatives some authority contains, so the map
 * stays as small as the authorities need. Pure.
 */
export function authoritySynonymMap(groups: Iterable<readonly string[]>, texts: Iterable<string>): Record<string, string[]> {
  const words = new Set<string>();
  for (const text of texts) for (const word of splitWords(text)) words.add(foldWord(word));
  const present = (term: string) => {
    const termWords = splitWords(term);
    return termWords.length > 0 && termWords.every((word) => words.has(foldWord(word)));
  };
  const map: Record<string, Set<string>> = {};
  for (const terms of groups) {
    const found = terms.filter(present);
    if (found.length === 0) continue;
    for (const term of terms) for (const other of found) if (other !== term) (map[term] ??= new Set()).add(other);
  }
  return Object.fromEntries(Object.entries(map).map(([term, others]) => [term, [...others]]));
}
