import type { MultiSearchQuery, SearchResponse } from 'meilisearch';
import { FACETS } from '../content/note-schema.js';
import { RETRIEVED_ATTRIBUTES } from './index-settings.js';
import type { CountRequest, CountResult, FacetCounts, NoteHit, NoteQuery, NoteSearchResult, RelatedTo } from './note-index.js';
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, toSafeHighlight } from './safe-highlight.js';
import { expandQuery, splitWords, stemKey } from './stem-words.js';

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
 * so ticking a second value widens and the counts inside the facet do not collapse. The hits query
 * comes first and the facet queries follow it; queries on other indexes (authorities) belong after
 * them, and readMultiSearch reads only the ones it built.
 */
export function buildMultiSearch(query: NoteQuery, indexUid: string): MultiSearchQuery[] {
  const selected = selectedFacets(query);
  const sort = SORTS[query.sort];
  const q = expandQuery(query.text);
  const main: MultiSearchQuery = {
    indexUid,
    q,
    filter: buildFilter(query.filters),
    facets: FACET_FIELDS,
    page: query.page,
    hitsPerPage: query.hitsPerPage,
    attributesToRetrieve: [...RETRIEVED_ATTRIBUTES],
    ...(query.text ? highlightOptions() : {}),
    ...(sort ? { sort } : {}),
  };
  const facetQueries = selected.map((field): MultiSearchQuery => ({
    indexUid,
    q,
    filter: buildFilter(query.filters, field),
    facets: [field],
    // Page mode: with `limit: 0` the engine counts section records in the facets, not distinct notes.
    page: 1,
    hitsPerPage: 0,
  }));
  return [main, ...facetQueries];
}

/** Snippets come from the matched section's own text (a few hundred words at most), never a crop of the whole body. */
function highlightOptions(): Partial<MultiSearchQuery> {
  return {
    attributesToHighlight: ['title', 'section_heading', 'text'],
    attributesToCrop: ['text'],
    cropLength: 30,
    highlightPreTag: HIGHLIGHT_PRE,
    highlightPostTag: HIGHLIGHT_POST,
  };
}

function selectedFacets(query: NoteQuery): string[] {
  return Object.keys(query.filters).filter((field) => (query.filters[field]?.length ?? 0) > 0 && FACET_FIELDS.includes(field));
}

/**
 * The retry for a search that found nothing: the same page under the "frequency" matching strategy
 * (which drops the words that match nothing), then one count-only query per word, unfiltered, to
 * say which words no note contains.
 */
export function buildRelaxedSearch(query: NoteQuery, indexUid: string): MultiSearchQuery[] {
  const [main, ...facetQueries] = buildMultiSearch(query, indexUid);
  const words = queryWords(query.text);
  return [
    { ...main!, matchingStrategy: 'frequency' },
    ...facetQueries.map((facetQuery) => ({ ...facetQuery, matchingStrategy: 'frequency' as const })),
    ...words.map((word): MultiSearchQuery => ({ indexUid, q: expandQuery(word), page: 1, hitsPerPage: 0 })),
  ];
}

/** The distinct words of a query text, as typed. Pure. */
export function queryWords(text: string): string[] {
  return [...new Set(text.split(/\s+/).filter((word) => splitWords(word).length > 0))];
}

/** Reads the answers of buildRelaxedSearch: the page, and which words matched no note at all. */
export function readRelaxedSearch(query: NoteQuery, responses: readonly SearchResponse<Record<string, unknown>>[]): NoteSearchResult {
  const words = queryWords(query.text);
  const pageResponses = responses.slice(0, responses.length - words.length);
  const wordResponses = responses.slice(responses.length - words.length);
  const dropped = words.filter((_, index) => (wordResponses[index]?.totalHits ?? wordResponses[index]?.estimatedTotalHits ?? 0) === 0);
  const result = readMultiSearch(query, pageResponses);
  if (dropped.length === 0 || dropped.length === words.length || result.totalHits === 0) return result;
  return { ...result, relaxed: { dropped, text: words.filter((word) => !dropped.includes(word)).join(' ') } };
}

/** One count-only query per request: no hits, just the total and the requested facets. */
export function buildCountSearch(requests: readonly CountRequest[], indexUid: string): MultiSearchQuery[] {
  // page/hitsPerPage rather than limit: exhaustive totals count notes (distinct), estimates count section records.
  return requests.map(({ query, facets }) => ({ indexUid, q: expandQuery(query.text), filter: buildFilter(query.filters), facets: [...facets], page: 1, hitsPerPage: 0 }));
}

/** Reads the answers of buildCountSearch, in request order. */
export function readCountSearch(responses: readonly SearchResponse<Record<string, unknown>>[]): CountResult[] {
  return responses.map((response) => ({ totalHits: response.totalHits ?? response.estimatedTotalHits ?? 0, facets: response.facetDistribution ?? {} }));
}

/**
 * Candidates for "related notes": any shared technique or evidence type, never the note itself.
 * The engine cannot rank by overlap, so it returns a few more than needed and rankRelated orders them.
 */
export function buildRelatedSearch(note: RelatedTo, limit: number, indexUid: string): MultiSearchQuery | undefined {
  const shared = [
    ...note.victim_centred_techniques.map((id) => `victim_centred_techniques = ${quoteFilterValue(id)}`),
    ...note.evidence_types.map((id) => `evidence_types = ${quoteFilterValue(id)}`),
  ];
  if (shared.length === 0) return undefined;
  return {
    indexUid, q: '', filter: [shared, `slug != ${quoteFilterValue(note.slug)}`], limit: Math.max(limit * 4, 20),
    attributesToRetrieve: [...RETRIEVED_ATTRIBUTES, 'evidence_types', 'victim_centred_techniques'], sort: ['last_reviewed:desc'],
  };
}

/** Orders related candidates by how many tags they share with the note (more first), then by recency. */
export function rankRelated(note: RelatedTo, response: SearchResponse<Record<string, unknown>>, limit: number): NoteHit[] {
  const tags = new Set([...note.evidence_types, ...note.victim_centred_techniques]);
  return response.hits
    .map((hit, position) => {
      const shared = [...((hit.evidence_types as string[]) ?? []), ...((hit.victim_centred_techniques as string[]) ?? [])].filter((id) => tags.has(id)).length;
      return { hit: toNoteHit(hit), shared, position };
    })
    .sort((a, b) => b.shared - a.shared || a.position - b.position)
    .slice(0, limit)
    .map(({ hit }) => hit);
}

type Retrieved = Record<(typeof RETRIEVED_ATTRIBUTES)[number], unknown>;

function toNoteHit(hit: Record<string, unknown>): NoteHit {
  const document = hit as Retrieved;
  const formatted = (hit._formatted ?? {}) as Record<string, unknown>;
  const text = typeof formatted.text === 'string' ? formatted.text : '';
  const heading = typeof formatted.section_heading === 'string' ? formatted.section_heading : '';
  const title = String(document.title);
  const summary = String(document.summary);
  const section = typeof document.section_id === 'string' && namesMoreThanTheTitle(heading, text, `${title} ${summary}`)
    ? { id: document.section_id, heading: String(document.section_heading) }
    : undefined;
  return {
    slug: String(document.slug),
    title,
    summary,
    language: String(document.language),
    evidence_basis: String(document.evidence_basis),
    jurisdictions: (document.jurisdictions as string[]) ?? [],
    last_reviewed: String(document.last_reviewed),
    titleHtml: toSafeHighlight(typeof formatted.title === 'string' ? formatted.title : title),
    // A snippet only helps when it shows a match; otherwise the summary says more.
    snippetHtml: text.includes(HIGHLIGHT_PRE) ? toSafeHighlight(text) : '',
    ...(section ? { section } : {}),
  };
}

/**
 * A section is worth naming when it matched a word the note's title and summary do not already
 * show ("Rantsev phone" points to the section on the phone), or when its heading itself matched
 * several words ("the victim's phone"); a search for the title alone points to the top of the note.
 * Compared by stem key, from the highlighted words.
 */
function namesMoreThanTheTitle(highlightedHeading: string, highlightedText: string, titleAndSummary: string): boolean {
  const marked = (highlighted: string) => [...highlighted.matchAll(MARKED)].flatMap((match) => splitWords(match[1] ?? '')).map(stemKey);
  const inHeading = new Set(marked(highlightedHeading).filter((key) => key.length >= 3));
  if (inHeading.size >= 2) return true;
  const known = new Set(splitWords(titleAndSummary).map(stemKey));
  return [...inHeading, ...marked(highlightedText)].some((key) => !known.has(key) && ![...known].some((word) => word.startsWith(key)));
}

const MARKED = new RegExp(`${HIGHLIGHT_PRE}([^${HIGHLIGHT_POST}]*)${HIGHLIGHT_POST}`, 'g');

/** Merges the multi-search responses into one page: hits from the first, each selected facet's counts from its own query. */
export function readMultiSearch(query: NoteQuery, responses: readonly SearchResponse<Record<string, unknown>>[]): NoteSearchResult {
  const [main, ...facetResponses] = responses;
  if (!main) throw new Error('multi-search returned no results');
  const facets: FacetCounts = { ...(main.facetDistribution ?? {}) };
  const selected = selectedFacets(query);
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
