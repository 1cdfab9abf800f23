import type { SynonymGroups } from '../content/synonyms.js';
import { contentWords, foldWord, splitWords, stemKey, stemText } from './stem-words.js';
import { subjectKeyCounts, type NoteSubject } from './subject-keys.js';
import { synonymTagger, toTokenSynonymMap } from './synonym-tokens.js';

/*
 * What an offline pack needs to ask Pagefind what the site asks the engine (public/pack-query.js):
 * a note page carries its words' stem keys and its synonym groups' tokens (hidden, as the index's
 * records carry them: section-records.ts), and the pack ships the tables the site's query keys are
 * made with (stem-words.ts, synonym-tokens.ts, subject-keys.ts), so the browser needs no stemmer.
 */

/** A note's stem keys, then the tokens of the synonym groups it mentions, space-separated: the hidden words of its pack page. */
export function offlineKeysOf(groups: SynonymGroups): (text: string) => string {
  const tag = synonymTagger(toTokenSynonymMap(groups));
  return (text) => [stemText(text), tag(text)].filter(Boolean).join(' ');
}

/** The tables a pack's search makes a query's keys with (public/pack-query.js reads them). */
export interface OfflineQueryTable {
  /** Every stem key the pack's pages hold, by note language: a query word's key is the longest of them that begins it. */
  keys: Record<string, string[]>;
  /** The key of each word of the pack's pages and the glossary (folded) that guessKey gets wrong: a browser has no stemmer. */
  words: Record<string, string>;
  /** Each synonym group term's keys (space-separated) and its group's token, in the order the site's rewriter reads them. */
  runs: Array<[string, string]>;
  /** How many of the knowledge base's titles and summaries hold each key the pack knows (subject-keys.ts). */
  counts: Record<string, number>;
}

/**
 * The table for a pack whose pages hold `keys` and `pageWords`: the words' keys, the glossary's runs (queryRewriter's, every group,
 * so a query's keys are counted as the site counts them) and the subject counts of the whole
 * knowledge base, kept to the keys the pack or the glossary knows. Linear in its inputs. Pure.
 */
export function offlineQueryTable(
  keys: ReadonlyMap<string, Iterable<string>>,
  pageWords: Iterable<string>,
  groups: SynonymGroups,
  subjects: Iterable<NoteSubject>,
): OfflineQueryTable {
  const byLanguage = Object.fromEntries([...keys].map(([language, held]) => [language, [...new Set(held)].sort()]));
  const known = new Set(Object.values(byLanguage).flat());
  const runs: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const [term, tokens] of Object.entries(toTokenSynonymMap(groups))) {
    const termKeys = [...new Set(contentWords(term).map(stemKey))];
    const spelled = termKeys.join(' ');
    if (termKeys.length === 0 || seen.has(spelled)) continue;
    seen.add(spelled);
    runs.push([spelled, tokens[0]!]);
  }
  // Only the words whose key the browser would guess wrong (guessKey): most forms begin with their key.
  const words: Record<string, string> = {};
  const note = (word: string) => {
    const folded = foldWord(word);
    const key = stemKey(word);
    if (guessKey(folded, known) !== key) words[folded] = key;
  };
  for (const word of pageWords) note(word);
  // The glossary's words too: a query in another language than the pack's notes is made of them.
  for (const terms of groups) for (const term of terms) for (const word of splitWords(term)) note(word);
  const glossaryKeys = new Set(runs.flatMap(([spelled]) => spelled.split(' ')));
  const counts: Record<string, number> = {};
  for (const [key, count] of subjectKeyCounts(subjects)) if (known.has(key) || glossaryKeys.has(key)) counts[key] = count;
  return { keys: byLanguage, words, runs, counts };
}

/** How many letters longer than its key a word may be for guessKey to read the key off it. */
const MAX_ENDING = 3;

/**
 * The browser's guess at a folded word's key (public/pack-query.js keyOf, which must stay the same):
 * the longest key the pack holds that begins the word, at most MAX_ENDING letters shorter; short
 * words and codes as they are (stemKey leaves them). Linear in the word. Pure.
 */
export function guessKey(folded: string, known: ReadonlySet<string>): string {
  if (folded.length <= 3 || /\d/.test(folded)) return folded;
  for (let length = folded.length; length >= Math.max(4, folded.length - MAX_ENDING); length--) {
    const prefix = folded.slice(0, length);
    if (known.has(prefix)) return prefix;
  }
  return folded;
}
