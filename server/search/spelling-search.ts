import type { MultiSearchQuery, SearchResponse, Settings } from 'meilisearch';
import type { Vocabulary } from './suggest-spelling.js';

/**
 * "Did you mean" asks the engine, not the web process: the indexer stores the knowledge base's
 * words (one record per distinct folded word, with how often it occurs) in an index beside the
 * notes, and each checked word of a query is one tiny query on it, in the search's own round trip.
 * The engine's typo tolerance finds the close words (one typo from 5 letters, two from 8, as the
 * in-memory rule in suggest-spelling.ts); exact matches rank first, then fewer typos, then the most
 * frequent word. No vocabulary in memory, nothing per request that grows with the knowledge base,
 * and every replica reads the same index.
 */

/** One record of the words index. */
export interface WordRecord {
  id: string;
  word: string;
  /** Occurrences at the last full index; absent for a word an edit added since (it then ranks after counted words). */
  count?: number;
}

/** The words index's settings: no prefix matches (a typo, not the start of a longer word), typo budget by length. */
export const WORDS_INDEX_SETTINGS: Settings = {
  searchableAttributes: ['word'],
  displayedAttributes: ['word', 'count'],
  filterableAttributes: [],
  sortableAttributes: ['count'],
  rankingRules: ['words', 'typo', 'count:desc'],
  prefixSearch: 'disabled',
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 8 }, disableOnNumbers: true },
  synonyms: {},
  stopWords: [],
};

/** Candidates read per checked word: the exact word, if stored, is always the first. */
const CANDIDATES = 3;

/** The words index beside a notes index. */
export function wordsIndexOf(indexName: string): string {
  return `${indexName}__words`;
}

/** A word's record id: the engine accepts only [A-Za-z0-9_-] in ids. Pure. */
export function wordRecordId(word: string): string {
  return Buffer.from(word, 'utf8').toString('base64url');
}

/** The records of a vocabulary, for a full rebuild of the words index. Pure. */
export function toWordRecords(vocabulary: Vocabulary): WordRecord[] {
  return [...vocabulary].map(([word, count]) => ({ id: wordRecordId(word), word, count }));
}

/** The query that checks one (folded) word "Did you mean" looks at (suggest-spelling.ts spellingCandidates). Pure. */
export function spellingQuery(word: string, wordsIndexUid: string): MultiSearchQuery {
  return { indexUid: wordsIndexUid, q: word, limit: CANDIDATES, attributesToRetrieve: ['word'], matchingStrategy: 'all' as const };
}

/** What the words index answered for one word: the word itself when it holds it, else the closest word, else '' (nothing close). Pure. */
export function readSpellingAnswer(word: string, response: SearchResponse<Record<string, unknown>> | undefined): string {
  const found = (response?.hits ?? []).map((hit) => hit.word).filter((candidate): candidate is string => typeof candidate === 'string');
  return found.includes(word) ? word : (found[0] ?? '');
}
