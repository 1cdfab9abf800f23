import { SearchEngineError } from '../errors.js';
import type { CountResult, NoteIndex, NoteQuery, NoteSearchResult } from './note-index.js';

/** A search and, when it found nothing, what each of its filters (and its text) cost. */
export interface SearchOutcome {
  /** Undefined when the engine did not answer. */
  result: NoteSearchResult | undefined;
  /** For an empty result: the counts without each selected facet, and without the text. */
  alternatives: Array<{ field: string | 'q'; count: CountResult }>;
}

/**
 * The search policy of the results page: no dead ends. The index relaxes a text that matches
 * nothing (NoteIndex.search); when the result is still empty, one more round trip counts what the
 * search would find without each selected facet, and without its words, so the page can offer the
 * way out. An engine that does not answer gives an outcome without a result, never an error.
 */
export async function searchNotes(noteIndex: NoteIndex, query: NoteQuery): Promise<SearchOutcome> {
  let result;
  try {
    result = await noteIndex.search(query);
  } catch (error) {
    if (error instanceof SearchEngineError) return { result: undefined, alternatives: [] };
    throw error;
  }
  const fields = Object.keys(query.filters);
  if (result.totalHits > 0 || (fields.length === 0 && !query.text)) return { result, alternatives: [] };
  const variants: Array<{ field: string; query: NoteQuery }> = [
    ...fields.map((field) => ({ field, query: withoutFacet(query, field) })),
    ...(query.text && fields.length > 0 ? [{ field: 'q', query: { ...query, text: '' } }] : []),
  ];
  const counts = await noteIndex.count(variants.map(({ query: variant }) => ({ query: variant, facets: [] }))).catch(() => []);
  return {
    result,
    alternatives: variants.map(({ field }, index) => ({ field, count: counts[index] ?? { totalHits: 0, facets: {} } })),
  };
}

/** The query without one facet's selection, back on the first page. Pure. */
export function withoutFacet(query: NoteQuery, field: string): NoteQuery {
  const filters = { ...query.filters };
  delete filters[field];
  return { ...query, filters, page: 1 };
}
