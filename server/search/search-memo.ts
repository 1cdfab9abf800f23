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
 * nothing here outlives the notes it was read from. Bounded by entries; a facet list is a few KB.
 */
export class SearchMemo {
  /** Expanded query text → its facet lists. */
  readonly universes = new LRUCache<string, FacetCounts>({ max: 2_000 });
  /** Query text as typed → the authorities it names (at most three). */
  readonly authorities = new LRUCache<string, AuthorityHit[]>({ max: 2_000 });
  /** Folded word → its correction: the word itself when the index holds it, '' when nothing is close. */
  readonly corrections = new LRUCache<string, string>({ max: 20_000 });
}
