import type { SynonymGroups } from '../content/synonyms.js';
import { contentWords, foldWord, splitWords, stemKey, type KeyRewriter } from './stem-words.js';
import { leadWithSubjects, subjectKeyCounts, type NoteSubject } from './subject-keys.js';

/*
 * Synonyms as one token a group, put into the query by the app, not looked up by the engine.
 *
 * Meilisearch looks a query's words up in its synonym map once per word and per run of two or three
 * words, and each look-up costs in proportion to the whole map (measured on Meilisearch 1.21: about
 * 1 ms a look-up with synonyms.yml as a term-to-terms map, 12,000 alternatives; with one token a
 * group, a count query on the 99 starter notes took 5.6 ms at the median with 53 groups and 37 ms
 * with the 287 groups of the glossary). So the engine has no synonyms for the notes: each group gets
 * a token no text contains, written into the searchable fields of every record whose text holds one
 * of the group's terms in any form (compared by stem keys, so "bonded labourers" counts for "bonded
 * labour"), and the app replaces, in the keys a query leads with, each run of keys that spells a
 * term of a group with the group's token (queryRewriter). "THB" then finds a note that says
 * "trafficking in human beings", and "travail forcé" a note that says "forced labour", through the
 * token; the words as typed follow, so a note with the exact words still ranks first.
 */

/** A group's token: letters only (the engine keeps it one word), a prefix no language uses. Pure. */
export function groupToken(index: number): string {
  let letters = '';
  let rest = index;
  do {
    letters = String.fromCharCode(97 + (rest % 26)) + letters;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return `${TOKEN_PREFIX}${letters}`;
}

const TOKEN_PREFIX = 'qqsyn';

/** Whether a query key is a group's token (groupToken). Pure. */
export function isGroupToken(key: string): boolean {
  return key.startsWith(TOKEN_PREFIX);
}

/**
 * The query rewriter for a knowledge base: its synonym groups' tokens first, then the keys its
 * notes' titles and summaries use, rarest first, then the rest (subject-keys.ts). Built once per
 * knowledge base; linear in its groups, titles and summaries.
 */
export function knowledgeRewriter(groups: SynonymGroups, notes: Iterable<NoteSubject> = []): KeyRewriter {
  return leadWithSubjects(queryRewriter(toTokenSynonymMap(groups)), subjectKeyCounts(notes), isGroupToken);
}

/**
 * The token map of some groups: every term of a group, as written, points to its group's token (a
 * term of several groups, to each). What the writer tags records with and the reader rewrites
 * queries with. Pure.
 */
export function toTokenSynonymMap(groups: SynonymGroups): Record<string, string[]> {
  const map: Record<string, Set<string>> = {};
  groups.forEach((terms, index) => {
    const token = groupToken(index);
    for (const term of terms) if (term !== '') (map[term] ??= new Set()).add(token);
  });
  return Object.fromEntries(Object.entries(map).map(([term, tokens]) => [term, [...tokens]]));
}

/**
 * The rewriter of a token map: in a query's keys, each run that spells a term's content keys (the
 * longest first; a run several groups share goes to the first) becomes the term's group token.
 * Linear in the keys times the longest term. Pure (its tables aside).
 */
export function queryRewriter(map: Readonly<Record<string, readonly string[]>>): KeyRewriter {
  // First key of a term → the terms' key runs, longest first.
  const byFirstKey = new Map<string, Array<{ keys: string[]; token: string }>>();
  const seen = new Set<string>();
  for (const [term, tokens] of Object.entries(map)) {
    const keys = [...new Set(contentWords(term).map(stemKey))];
    const spelled = keys.join(' ');
    if (keys.length === 0 || seen.has(spelled)) continue;
    seen.add(spelled);
    (byFirstKey.get(keys[0]!) ?? byFirstKey.set(keys[0]!, []).get(keys[0]!)!).push({ keys, token: tokens[0]! });
  }
  for (const runs of byFirstKey.values()) runs.sort((a, b) => b.keys.length - a.keys.length);
  if (byFirstKey.size === 0) return (keys) => [...keys];
  return (keys) => {
    const out: string[] = [];
    for (let at = 0; at < keys.length;) {
      const run = (byFirstKey.get(keys[at]!) ?? []).find((candidate) => candidate.keys.every((key, offset) => keys[at + offset] === key));
      out.push(run ? run.token : keys[at]!);
      at += run ? run.keys.length : 1;
    }
    return out;
  };
}

/** The groups behind a token map (each token's terms), for whoever holds only the index settings. Pure. */
export function groupsOfTokenMap(map: Readonly<Record<string, readonly string[]>>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [term, tokens] of Object.entries(map)) for (const token of tokens) (groups.get(token) ?? groups.set(token, []).get(token)!).push(term);
  return groups;
}

/**
 * Every term of every group a text mentions (synonymTagger), for a search that has no tokens: an
 * offline pack's page carries them, so "JIT" or "travail forcé" finds there what the site's tokens
 * find. Pure (its tables aside).
 */
export function glossaryTermsOf(groups: SynonymGroups): (text: string) => string[] {
  const map = toTokenSynonymMap(groups);
  const tag = synonymTagger(map);
  const terms = groupsOfTokenMap(map);
  return (text) => [
    ...new Set(
      tag(text)
        .split(' ')
        .filter(Boolean)
        .flatMap((token) => terms.get(token) ?? []),
    ),
  ];
}

/** Says which groups a text mentions: their tokens, space-separated ('' for none). */
export type SynonymTagger = (text: string) => string;

/** A text mentions no group. */
export const NO_SYNONYMS: SynonymTagger = () => '';

/**
 * The tagger of a token map: a group is mentioned when a text holds every content key of one of its
 * terms (its words less stop words, as stem keys: contentWords), in any order and place, as the
 * engine matches a query's words. The query rewriter (queryRewriter) replaces those keys with the
 * group's token, so a rewritten query finds exactly the texts the keys as typed would have found,
 * and the texts that use another term of the group. Pure.
 */
export function synonymTagger(map: Readonly<Record<string, readonly string[]>>): SynonymTagger {
  // First key of a term → the terms' keys and tokens starting with it.
  const byFirstKey = new Map<string, Array<{ keys: string[]; token: string }>>();
  for (const [token, terms] of groupsOfTokenMap(map)) {
    for (const term of terms) {
      const keys = [...new Set(contentWords(term).map(stemKey))];
      if (keys.length === 0) continue;
      (byFirstKey.get(keys[0]!) ?? byFirstKey.set(keys[0]!, []).get(keys[0]!)!).push({ keys, token });
    }
  }
  if (byFirstKey.size === 0) return NO_SYNONYMS;
  return (text) => {
    const keys = new Set(contentWords(text).map(stemKey));
    const found = new Set<string>();
    for (const key of keys) {
      for (const candidate of byFirstKey.get(key) ?? []) {
        if (!found.has(candidate.token) && candidate.keys.every((expected) => keys.has(expected))) found.add(candidate.token);
      }
    }
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
