import type { Settings } from 'meilisearch';
import type { Authority } from '../content/authority.js';
import { authoritySynonymMap } from './synonym-tokens.js';

/** An authority as the engine stores it, in the index beside the notes. */
export interface AuthorityDocument {
  id: string;
  title: string;
  citation: string;
  court: string;
  kind: string;
  status: string;
  url: string | null;
  jurisdiction: string;
  /** The id's words ("echr", "modern slavery act 2015"), so a common short name finds the authority. */
  id_words: string;
  /** Provision ids and labels ("art-3 Article 3 — Use of terms"), so "article 4 ECHR" or "s.45" finds it. */
  provisions: string[];
}

/** The index that holds the authorities beside a notes index. Pure. */
export function authorityIndexOf(indexName: string): string {
  return `${indexName}__authorities`;
}

/** Searched in this order: a citation or application number outranks a word in a provision's label. */
const SEARCHABLE = ['citation', 'title', 'id_words', 'provisions', 'court'] as const;

/** Flattens an authority for the engine. Pure. */
export function toAuthorityDocument(authority: Authority): AuthorityDocument {
  return {
    id: authority.id,
    title: authority.title,
    citation: authority.citation,
    court: authority.court,
    kind: authority.kind,
    status: authority.status,
    url: authority.url ?? null,
    jurisdiction: authority.jurisdiction,
    id_words: authority.id.replace(/-/g, ' '),
    provisions: authority.provisions.map((provision) => `${provision.id.replace(/-/g, ' ')} ${provision.label}`),
  };
}

/**
 * Settings of the authorities index: the notes' synonym groups, as far as these authorities contain
 * their terms (every term costs each query a look-up), no typos on numbers (an application number is exact).
 */
export function buildAuthorityIndexSettings(synonyms: Iterable<readonly string[]>, documents: readonly AuthorityDocument[]): Settings {
  return {
    searchableAttributes: [...SEARCHABLE],
    rankingRules: ['words', 'typo', 'attribute', 'exactness', 'proximity'],
    filterableAttributes: ['kind', 'status', 'jurisdiction'],
    synonyms: authoritySynonymMap(
      synonyms,
      documents.flatMap((document) => SEARCHABLE.flatMap((field) => document[field])),
    ),
    typoTolerance: { disableOnNumbers: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    pagination: { maxTotalHits: 1000 },
  };
}
