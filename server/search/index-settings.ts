import type { Settings } from 'meilisearch';
import { FACETS } from '../content/note-schema.js';
import type { SynonymGroups } from '../content/synonyms.js';

/** Searchable attributes in ranking order (earlier attributes weigh more). */
export const SEARCHABLE_ATTRIBUTES = ['title', 'summary', 'headings', 'body', 'sources', 'tag_labels'] as const;

/** Attributes the engine may sort on (CONTRACT §4 `sort`). */
export const SORTABLE_ATTRIBUTES = ['last_reviewed', 'title', 'evidence_basis_rank'] as const;

/** The attributes a search result needs; the body stays in the engine. */
export const RETRIEVED_ATTRIBUTES = ['slug', 'title', 'summary', 'language', 'evidence_basis', 'jurisdictions', 'last_reviewed'] as const;

/** Index settings derived from the note schema's facets and synonyms.yml. Applied before any document. */
export function buildIndexSettings(synonyms: SynonymGroups): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    // Where the words match (title before body) counts before how close together they are: with the
    // default order "phone evidence control" ranked five notes that say "phone evidence" somewhere in
    // their body above the note titled "Phone extraction: proving control…". An explicit sort comes
    // right after "all words matched", so "last reviewed" really orders the matches by date.
    rankingRules: ['words', 'sort', 'typo', 'attribute', 'proximity', 'exactness'],
    filterableAttributes: [
      {
        attributePatterns: [...FACETS.map((facet) => facet.field), 'slug', 'tracked_jurisdictions'],
        features: { facetSearch: true, filter: { equality: true, comparison: false } },
      },
      { attributePatterns: ['last_reviewed'], features: { facetSearch: false, filter: { equality: true, comparison: true } } },
    ],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    synonyms: toSynonymMap(synonyms),
    faceting: { maxValuesPerFacet: 300, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: 5000 },
    typoTolerance: { disableOnNumbers: true },
  };
}

/** Meilisearch wants a map from each term to its equivalents; a group makes every term point to the others. */
export function toSynonymMap(groups: SynonymGroups): Record<string, string[]> {
  const map: Record<string, Set<string>> = {};
  for (const group of groups) {
    for (const term of group) {
      map[term] ??= new Set();
      for (const other of group) if (other !== term) map[term].add(other);
    }
  }
  return Object.fromEntries(Object.entries(map).map(([term, others]) => [term, [...others]]));
}
