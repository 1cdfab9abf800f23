import type { MultiSearchQuery, SearchResponse } from 'meilisearch';
import { FACETS } from '../content/note-schema.js';
import { RETRIEVED_ATTRIBUTES } from './index-settings.js';
import type { CountRequest, CountResult, FacetCounts, NoteHit, NoteQuery, NoteSearchResult, RelatedTo } from './note-index.js';
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, toSafeHighlight } from './safe-highlight.js';

const FACET_FIELDS = FACETS.map((facet) => facet.field);
const BOOLEAN_FACETS = new Set(FACETS.filter((facet) => facet.kind === 'boolean').map((facet) => facet.field));
const SORTS: Record<NoteQuery['sort'], string[] | undefined> = {
  relevance: undefined,
  reviewed: ['last_reviewed:desc', 'title:asc'],
  title: ['title:asc'],
};

/** Quotes a filter value: backslash first, then double quote (Meilisearch's filter grammar). */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The filter for a query's selections, skipping one facet (for that facet's disjunctive counts). */
export function buildFilter(filters: NoteQuery['filters'], skipField?: string): string[][] {
  return Object.entries(filters)
    .filter(([field, values]) => field !== skipField && FACET_FIELDS.includes(field) && values.length > 0)
    .map(([field, values]) => values.map((value) => `${field} = ${BOOLEAN_FACETS.has(field) ? value : quoteFilterValue(value)}`));
}

/**
 * One multi-search for a page of results: the hits query (all filters, facet counts for unselected
 * facets) plus, for each facet with a selection, a count-only query without that facet's own filter,
 * so ticking a second value widens and the counts inside the facet do not collapse.
 */
export function buildMultiSearch(query: NoteQuery, indexUid: string): MultiSearchQuery[] {
  const selected = Object.keys(query.filters).filter((field) => (query.filters[field]?.length ?? 0) > 0 && FACET_FIELDS.includes(field));
  const sort = SORTS[query.sort];
  const main: MultiSearchQuery = {
    indexUid,
    q: query.text,
    filter: buildFilter(query.filters),
    facets: FACET_FIELDS,
    page: query.page,
    hitsPerPage: query.hitsPerPage,
    attributesToRetrieve: [...RETRIEVED_ATTRIBUTES],
    attributesToHighlight: ['title', 'body'],
    attributesToCrop: ['body'],
    cropLength: 30,
    highlightPreTag: HIGHLIGHT_PRE,
    highlightPostTag: HIGHLIGHT_POST,
    ...(sort ? { sort } : {}),
  };
  const facetQueries = selected.map((field): MultiSearchQuery => ({
    indexUid,
    q: query.text,
    filter: buildFilter(query.filters, field),
    facets: [field],
    limit: 0,
  }));
  return [main, ...facetQueries];
}

/** One count-only query per request: no hits, just the total and the requested facets. */
export function buildCountSearch(requests: readonly CountRequest[], indexUid: string): MultiSearchQuery[] {
  return requests.map(({ query, facets }) => ({ indexUid, q: query.text, filter: buildFilter(query.filters), facets: [...facets], limit: 0 }));
}

/** Reads the answers of buildCountSearch, in request order. */
export function readCountSearch(responses: readonly SearchResponse<Record<string, unknown>>[]): CountResult[] {
  return responses.map((response) => ({ totalHits: response.estimatedTotalHits ?? response.totalHits ?? 0, facets: response.facetDistribution ?? {} }));
}

/**
 * Candidates for "related notes": any shared technique, evidence type or jurisdiction, in the note's
 * language or among its translations, never the note itself nor a note the author already lists.
 * The engine cannot rank by overlap, so it returns a few more than needed and rankRelated orders them.
 */
export function buildRelatedSearch(note: RelatedTo, limit: number, indexUid: string): MultiSearchQuery | undefined {
  const shared = [
    ...note.victim_centred_techniques.map((id) => `victim_centred_techniques = ${quoteFilterValue(id)}`),
    ...note.evidence_types.map((id) => `evidence_types = ${quoteFilterValue(id)}`),
    ...(note.jurisdictions ?? []).map((code) => `jurisdictions = ${quoteFilterValue(code)}`),
  ];
  if (shared.length === 0) return undefined;
  const readable = note.language
    ? [[`language = ${quoteFilterValue(note.language)}`, ...Object.values(note.translations ?? {}).map((slug) => `slug = ${quoteFilterValue(slug)}`)]]
    : [];
  const excluded = [note.slug, ...(note.exclude ?? [])].map((slug) => `slug != ${quoteFilterValue(slug)}`);
  return {
    indexUid, q: '', filter: [shared, ...readable, ...excluded], limit: Math.max(limit * 4, 20),
    attributesToRetrieve: [...RETRIEVED_ATTRIBUTES, 'evidence_types', 'victim_centred_techniques'], sort: ['last_reviewed:desc'],
  };
}

/** How much a candidate has in common with the note: each shared tag and each shared jurisdiction counts one. Pure. */
export function countShared(note: RelatedTo, candidate: { evidence_types?: readonly string[]; victim_centred_techniques?: readonly string[]; jurisdictions?: readonly string[] }): number {
  const tags = new Set([...note.evidence_types, ...note.victim_centred_techniques]);
  const places = new Set(note.jurisdictions ?? []);
  return [...(candidate.evidence_types ?? []), ...(candidate.victim_centred_techniques ?? [])].filter((id) => tags.has(id)).length
    + (candidate.jurisdictions ?? []).filter((code) => places.has(code)).length;
}

/** Orders related candidates by what they share with the note (more first), then by recency. */
export function rankRelated(note: RelatedTo, response: SearchResponse<Record<string, unknown>>, limit: number): NoteHit[] {
  return response.hits
    .map((hit, position) => ({ hit: toNoteHit(hit), shared: countShared(note, hit as Parameters<typeof countShared>[1]), position }))
    .sort((a, b) => b.shared - a.shared || a.position - b.position)
    .slice(0, limit)
    .map(({ hit }) => hit);
}

type Retrieved = Record<(typeof RETRIEVED_ATTRIBUTES)[number], unknown>;

function toNoteHit(hit: Record<string, unknown>): NoteHit {
  const document = hit as Retrieved;
  const formatted = (hit._formatted ?? {}) as Record<string, unknown>;
  const body = typeof formatted.body === 'string' ? formatted.body : '';
  return {
    slug: String(document.slug),
    title: String(document.title),
    summary: String(document.summary),
    language: String(document.language),
    evidence_basis: String(document.evidence_basis),
    jurisdictions: (document.jurisdictions as string[]) ?? [],
    last_reviewed: String(document.last_reviewed),
    titleHtml: toSafeHighlight(typeof formatted.title === 'string' ? formatted.title : String(document.title)),
    // A snippet only helps when it shows a match; otherwise the summary says more.
    snippetHtml: body.includes(HIGHLIGHT_PRE) ? toSafeHighlight(body) : '',
  };
}

/** Merges the multi-search responses into one page: hits from the first, each selected facet's counts from its own query. */
export function readMultiSearch(query: NoteQuery, responses: readonly SearchResponse<Record<string, unknown>>[]): NoteSearchResult {
  const [main, ...facetResponses] = responses;
  if (!main) throw new Error('multi-search returned no results');
  const facets: FacetCounts = { ...(main.facetDistribution ?? {}) };
  const selected = Object.keys(query.filters).filter((field) => (query.filters[field]?.length ?? 0) > 0 && FACET_FIELDS.includes(field));
  selected.forEach((field, index) => {
    facets[field] = facetResponses[index]?.facetDistribution?.[field] ?? {};
  });

  const hits = main.hits.map((hit) => toNoteHit(hit));
  return {
    totalHits: main.totalHits ?? main.estimatedTotalHits ?? hits.length,
    totalPages: main.totalPages ?? 1,
    page: main.page ?? query.page,
    hits,
    facets,
  };
}
