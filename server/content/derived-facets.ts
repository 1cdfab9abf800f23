import { worldRegionOf } from './jurisdictions.js';
import type { DerivedDescriptor } from './note-schema.js';

/** How long a review stays fresh (docs/contract.md §2.7). */
export const REVIEW_DUE_MONTHS = 18;

/** True when `lastReviewed` is more than 18 months before `today` (both YYYY-MM-DD). */
export function isReviewDue(lastReviewed: string, today: string): boolean {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const cutoff = new Date(Date.UTC(year, month - 1 - REVIEW_DUE_MONTHS, day)).toISOString().slice(0, 10);
  return lastReviewed < cutoff;
}

/**
 * The values of every derived facet of NOTE_FIELDS, keyed by facet: a derived facet added to the
 * schema is a type error in deriveFacets until it is computed there.
 */
export type DerivedFacetValues = { [D in DerivedDescriptor as D['field']]: D extends { kind: 'boolean' } ? boolean : string[] };

/**
 * A note's derived facets (docs/contract.md §2.7): its world regions, each once, in the order of its
 * jurisdictions; and whether its review is due on `today`. The search document, the listings and the
 * note page all read them from here.
 */
export function deriveFacets(note: { readonly jurisdictions: readonly string[]; readonly last_reviewed: string }, today: string): DerivedFacetValues {
  return {
    world_regions: [...new Set(note.jurisdictions.map(worldRegionOf).filter((region): region is string => region !== undefined))],
    review_due: isReviewDue(note.last_reviewed, today),
  };
}
