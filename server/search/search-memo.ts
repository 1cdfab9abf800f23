import { LRUCache } from 'lru-cache';
import type { AuthorityHit, FacetCounts } from './note-index.js';

/**
 * What searches on one knowledge base can share, so a page asks the engine only for what depends on
 * its own filters and page: the facet lists of a text (its "universe": every facet's counts for the
 * words alone, the same whichever boxes are ticked, so refining a search by one filter after another
 * asks for them once), the authorities the text names (the same on every page of results and for
 * every filter) and the "Did you mean" answer for each checked word. All follow from the
 * knowledge base alone: the reader keeps one memo per content hash of the knowledge base it searches
 * (a change on any replica, or `npm run index`, makes a new one, meilisearch-note-reader.ts), so
 * nothing here outlives the notes it was read from. Keyed by a visitor's words (at most 200
 * characters, search-params.ts), so each cache is bounded by bytes, its entries weighed by what they hold.
 */
export class SearchMemo {
  /** Expanded query text → its facet lists (2 MB). */
  readonly universes = new LRUCache<string, FacetCounts>({
    maxSize: 2 * 1024 * 1024,
    sizeCalculation: (counts, key) => 2 * key.length + weighFacetCounts(counts),
  });
  /** Query text as typed → the authorities it names, at most three (1 MB). */
  readonly authorities = new LRUCache<string, AuthorityHit[]>({
    maxSize: 1024 * 1024,
    sizeCalculation: (hits, key) =>
      2 * key.length + 64 + hits.reduce((bytes, hit) => bytes + 2 * (hit.title.length + hit.citation.length + (hit.url?.length ?? 0)) + 128, 0),
  });
  /** Folded word → its correction: the word itself when the index holds it, '' when nothing is close (1 MB). */
  readonly corrections = new LRUCache<string, string>({ maxSize: 1024 * 1024, sizeCalculation: (answer, word) => 2 * (word.length + answer.length) + 64 });
}

// Each facet's values and counts: the value's characters, a number, and the object's slot.
function weighFacetCounts(counts: FacetCounts): number {
  let bytes = 64;
  for (const [field, values] of Object.entries(counts)) {
    bytes += 2 * field.length + 64;
    for (const value in values) bytes += 2 * value.length + 32;
  }
  return bytes;
}
