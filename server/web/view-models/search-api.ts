import { FACETS } from '../../content/note-schema.js';
import type { Taxonomy } from '../../content/taxonomy.js';
import type { NoteQuery, NoteSearchResult, NoteSection } from '../../search/note-index.js';
import type { InterfaceLanguage, Translate } from '../i18n.js';
import { DEEPEST_PAGE } from '../search-params.js';
import { hitUrl } from './search-hits.js';
import { listFacetValues, type FacetValueCount } from './facet-panel.js';

/** GET /api/search's answer (docs/contract.md §4). */
export interface SearchApiResponse {
  query: string;
  filters: NoteQuery['filters'];
  sort: NoteQuery['sort'];
  page: number;
  totalPages: number;
  totalHits: number;
  hits: Array<{
    slug: string;
    title: string;
    summary: string;
    language: string;
    url: string;
    evidence_basis: string;
    jurisdictions: string[];
    last_reviewed: string;
    snippet: string;
    section?: NoteSection;
  }>;
  relaxed?: { dropped: string[]; query: string };
  did_you_mean?: string;
  facets: Record<string, FacetValueCount[]>;
  authorities: Array<{ id: string; title: string; citation: string; url: string; kind: string; status: string }>;
}

/**
 * The search API's answer, built from what the engine answered: the results page's facts (the same
 * facet lists, labels, counts, hit and authority URLs, from the same functions) without what only a
 * page needs (a link for every facet value, pages, region groups, chips), which was most of what a
 * search cost the app. A test holds it equal to the page model's projection. Pure.
 */
export function buildSearchApi(query: NoteQuery, result: NoteSearchResult, taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): SearchApiResponse {
  const facets: Record<string, FacetValueCount[]> = {};
  for (const facet of FACETS) {
    // The page keeps zero-count values in place (so its lists do not reflow): the API lists only what matches or is selected.
    const values = listFacetValues(facet.field, query, result, taxonomy, language, t).values.filter((value) => value.count > 0 || value.selected);
    if (values.length > 0) facets[facet.field] = values;
  }
  return {
    query: query.text,
    filters: query.filters,
    sort: query.sort,
    page: query.page,
    totalPages: Math.min(result.totalPages, DEEPEST_PAGE),
    totalHits: result.totalHits,
    hits: result.hits.map((hit) => ({
      slug: hit.slug,
      title: hit.title,
      summary: hit.summary,
      language: hit.language,
      url: hitUrl(hit),
      evidence_basis: hit.evidence_basis,
      jurisdictions: hit.jurisdictions,
      last_reviewed: hit.last_reviewed,
      snippet: hit.snippetHtml,
      ...(hit.section ? { section: hit.section } : {}),
    })),
    ...(result.relaxed ? { relaxed: { dropped: result.relaxed.dropped, query: result.relaxed.text } } : {}),
    ...(result.didYouMean ? { did_you_mean: result.didYouMean } : {}),
    facets,
    authorities: (result.authorities ?? []).map(({ id, title, citation, kind, status }) => ({ id, title, citation, url: `/authorities/${id}`, kind, status })),
  };
}
