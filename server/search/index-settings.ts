import type { Settings } from 'meilisearch';
import { FACETS } from '../content/note-schema.js';

/**
 * Searchable attributes of a section record in ranking order (earlier attributes weigh more): the
 * note's title, then its summary (both on every record of the note), then the section's heading and
 * text, each with its stem keys (section-records.ts). An exact word still ranks above a stemmed
 * one: the query carries both forms (stem-words.ts), and the exact word matches one more of them.
 * The displayed fields (title, summary, section_heading, text) are not searched themselves, only
 * highlighted and cropped.
 */
export const SEARCHABLE_ATTRIBUTES = ['title_terms', 'summary_terms', 'heading_terms', 'text_terms', 'sources', 'tag_labels'] as const;

/** The filter for each kind of record (section-records.ts): hits come from sections, counts from notes. */
export const SECTION_RECORDS = 'record = "section"';
export const NOTE_RECORDS = 'record = "note"';

/** Attributes the engine may sort on (docs/contract.md §4 `sort`). */
export const SORTABLE_ATTRIBUTES = ['last_reviewed', 'title', 'evidence_basis_rank'] as const;

/** The attributes a search result needs; the body stays in the engine. */
export const RETRIEVED_ATTRIBUTES = [
  'slug',
  'title',
  'summary',
  'language',
  'evidence_basis',
  'jurisdictions',
  'last_reviewed',
  'section_id',
  'section_heading',
] as const;

/** Index settings derived from the note schema's facets. Applied before any document. */
export function buildIndexSettings(): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    // Where the words match (title before body) counts before how close together they are: with the
    // default order "phone evidence control" ranked five notes that say "phone evidence" somewhere in
    // their body above the note titled "Phone extraction: proving control…". An explicit sort comes
    // right after "all words matched", so "last reviewed" really orders the matches by date.
    rankingRules: ['words', 'sort', 'typo', 'attribute', 'proximity', 'exactness'],
    filterableAttributes: [
      {
        attributePatterns: [...FACETS.map((facet) => facet.field), 'slug', 'tracked_jurisdictions', 'record'],
        // No facet search: the app never asks the engine for facet values by prefix (the sidebar lists
        // counts), and building it was 8 % of a 3,000-note index (306 s against 334 s, a loaded machine).
        features: { facetSearch: false, filter: { equality: true, comparison: false } },
      },
      { attributePatterns: ['last_reviewed'], features: { facetSearch: false, filter: { equality: true, comparison: true } } },
    ],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    // No distinct attribute: the hits query asks for one section per note (`distinct: 'slug'`),
    // and totals and facets count the note records, which need none (build-multi-search.ts).
    // None: the app puts each synonym group's token into the query itself (synonym-tokens.ts), since
    // every entry of the engine's map made every query word's look-up slower.
    synonyms: {},
    faceting: { maxValuesPerFacet: 300, sortFacetValuesBy: { '*': 'count' } },
    // Totals and facet counts count every note: with the engine's default cap a search matching 8,753
    // of 10,000 notes said 5,000. How deep a visitor can page is the app's own limit (search-params.ts).
    pagination: { maxTotalHits: 1_000_000 },
    typoTolerance: { disableOnNumbers: true },
  };
}
