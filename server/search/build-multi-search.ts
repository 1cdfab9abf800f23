import { LRUCache } from 'lru-cache';
import type { MultiSearchQuery, SearchResponse } from 'meilisearch';
import { FACETS } from '../content/note-schema.js';
import { NOTE_RECORDS, RETRIEVED_ATTRIBUTES, SECTION_RECORDS } from './index-settings.js';
import type { CountRequest, CountResult, FacetCounts, NoteHit, NoteQuery, NoteSearchResult, RelatedTo } from './note-index.js';
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, toSafeHighlight } from './safe-highlight.js';
import { expandQuery, queryKeys, splitWords, stemKey, type KeyRewriter } from './stem-words.js';

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

/**
 * The filter for a query's selections, skipping one facet (for that facet's disjunctive counts).
 * With `appliesIn`, the jurisdictions selected match every note that applies there: one naming them
 * (or their country or subdivisions), one relying on a regional system their state takes part in, or
 * a universal international one (content/applies-in.ts).
 */
export function buildFilter(filters: NoteQuery['filters'], skipField?: string, appliesIn?: NoteQuery['appliesIn']): string[][] {
  return Object.entries(filters)
    .filter(([field, values]) => field !== skipField && FACET_FIELDS.includes(field) && values.length > 0)
    .map(([field, values]) =>
      field === 'jurisdictions' && appliesIn
        ? applicabilityFilter(appliesIn)
        : values.map((value) => `${field} = ${BOOLEAN_FACETS.has(field) ? value : quoteFilterValue(value)}`),
    );
}

function applicabilityFilter(terms: NonNullable<NoteQuery['appliesIn']>): string[] {
  return [
    ...terms.codes.map((code) => `jurisdictions = ${quoteFilterValue(code)}`),
    ...terms.systems.map((system) => `regions = ${quoteFilterValue(system)}`),
    ...(terms.universal ? [`(jurisdictions = "INT" AND regions IS EMPTY)`] : []),
  ];
}

/**
 * One multi-search for a page of results, over the two kinds of record (section-records.ts): the
 * page's hits from the section records (one per note, the best section answering), then the total
 * and every unselected facet's counts from the note records, then, when two or more facets have a
 * selection, a count-only query per selected facet on the note records without that facet's own
 * filter, so ticking a second value widens and the counts inside the facet do not collapse; and,
 * with any selection, the "universe": every facet's counts for the words alone, which says which
 * values a facet offers so lists do not reflow when a box is ticked. With one facet selected, its
 * own counts are the universe's (the same query), so it is not asked twice. Totals and facets never
 * ask the engine to deduplicate sections (`distinct`): on 10,000 notes that was most of the page's
 * engine time. A note record holds every word of its note, so it matches a query exactly when one
 * of its sections does. Queries on other indexes (authorities, words) belong after these;
 * readMultiSearch reads only the ones it built. `withUniverse` false leaves the universe out, for a
 * caller that already holds it for these words (search-memo.ts). `frequency` asks every query under
 * that matching strategy (the retry of a search that found nothing). `rewrite` puts the synonym
 * groups' tokens into the query's keys (synonym-tokens.ts).
 */
export function buildMultiSearch(
  query: NoteQuery,
  indexUid: string,
  options: { withUniverse?: boolean; frequency?: boolean; rewrite?: KeyRewriter } = {},
): MultiSearchQuery[] {
  const { withUniverse = true, frequency = false, rewrite } = options;
  const selected = selectedFacets(query);
  const sort = SORTS[query.sort];
  const q = expandQuery(query.text, rewrite);
  // Count-only queries ask fewer words when that cannot change what they count (countText).
  const counted = frequency ? q : countText(query.text, rewrite);
  const strategy = frequency ? { matchingStrategy: 'frequency' as const } : {};
  const hits: MultiSearchQuery = {
    indexUid,
    q,
    ...strategy,
    filter: [...buildFilter(query.filters, undefined, query.appliesIn), [SECTION_RECORDS]],
    distinct: 'slug',
    // Offset and limit: the total comes from the note records, so the engine need not count every
    // distinct note that matches here.
    offset: (query.page - 1) * query.hitsPerPage,
    limit: query.hitsPerPage,
    attributesToRetrieve: [...RETRIEVED_ATTRIBUTES],
    ...(query.text ? highlightOptions() : {}),
    ...(sort ? { sort } : {}),
  };
  const unselected = FACET_FIELDS.filter((field) => !selected.includes(field));
  const counts: MultiSearchQuery = {
    indexUid,
    q: counted,
    ...strategy,
    filter: [...buildFilter(query.filters, undefined, query.appliesIn), [NOTE_RECORDS]],
    facets: unselected,
    page: 1,
    hitsPerPage: 0,
  };
  const facetQueries =
    selected.length > 1
      ? selected.map((field): MultiSearchQuery => ({
          indexUid,
          q: counted,
          ...strategy,
          filter: [...buildFilter(query.filters, field, query.appliesIn), [NOTE_RECORDS]],
          facets: [field],
          page: 1,
          hitsPerPage: 0,
        }))
      : [];
  const universe: MultiSearchQuery[] =
    selected.length > 0 && withUniverse ? [{ indexUid, q: counted, ...strategy, filter: [[NOTE_RECORDS]], facets: FACET_FIELDS, page: 1, hitsPerPage: 0 }] : [];
  return [hits, counts, ...facetQueries, ...universe];
}

/**
 * What a count-only query (a total and facet counts, no hits) asks for a text: its stem keys alone
 * when it has two or more, else the text as the hits query asks it (expandQuery). Under the engine's
 * default matching strategy ("last") the notes a query counts are decided by its first words: words
 * are dropped from the end to widen a search, and the first is never dropped. expandQuery puts the
 * stem keys first, so the words as typed, after them, only rank. With a single key it would be the
 * last word, which the engine matches as a prefix, so that case keeps the whole text. Half the words
 * to look up is about a quarter of a count query's engine time. Measured, not only reasoned: the
 * counts and facet counts are the same over every judged query of the starter corpus, alone and
 * filtered (tests/integration/count-text.test.ts), where cutting further, to the first two keys, is
 * not. Pure.
 */
export function countText(text: string, rewrite?: KeyRewriter): string {
  const keys = queryKeys(text, rewrite);
  return keys.split(' ').length >= 2 ? keys : expandQuery(text, rewrite);
}

/** What a search's universe is known by: the text the engine is asked, since the universe depends on nothing else. Pure. */
export function universeKey(query: Pick<NoteQuery, 'text'>): string {
  return expandQuery(query.text);
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
export function buildRelaxedSearch(query: NoteQuery, indexUid: string, rewrite?: KeyRewriter): MultiSearchQuery[] {
  const words = queryWords(query.text);
  return [
    ...buildMultiSearch(query, indexUid, { frequency: true, ...(rewrite ? { rewrite } : {}) }),
    ...words.map((word): MultiSearchQuery => ({ indexUid, q: expandQuery(word, rewrite), filter: [[NOTE_RECORDS]], page: 1, hitsPerPage: 0 })),
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
export function buildCountSearch(requests: readonly CountRequest[], indexUid: string, rewrite?: KeyRewriter): MultiSearchQuery[] {
  // The note records, one a note: exhaustive totals and facet counts count notes.
  return requests.map(({ query, facets }) => ({
    indexUid,
    q: countText(query.text, rewrite),
    filter: [...buildFilter(query.filters, undefined, query.appliesIn), [NOTE_RECORDS]],
    facets: [...facets],
    page: 1,
    hitsPerPage: 0,
  }));
}

/** Reads the answers of buildCountSearch, in request order. */
export function readCountSearch(responses: readonly SearchResponse<Record<string, unknown>>[]): CountResult[] {
  return responses.map((response) => ({ totalHits: response.totalHits ?? response.estimatedTotalHits ?? 0, facets: response.facetDistribution ?? {} }));
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
    indexUid,
    q: '',
    filter: [shared, ...readable, ...excluded, NOTE_RECORDS],
    limit: Math.max(limit * 4, 20),
    attributesToRetrieve: [...RETRIEVED_ATTRIBUTES, 'evidence_types', 'victim_centred_techniques'],
    sort: ['last_reviewed:desc'],
  };
}

/** How much a candidate has in common with the note: each shared tag and each shared jurisdiction counts one. Pure. */
export function countShared(
  note: RelatedTo,
  candidate: { evidence_types?: readonly string[]; victim_centred_techniques?: readonly string[]; jurisdictions?: readonly string[] },
): number {
  const tags = new Set([...note.evidence_types, ...note.victim_centred_techniques]);
  const places = new Set(note.jurisdictions ?? []);
  return (
    [...(candidate.evidence_types ?? []), ...(candidate.victim_centred_techniques ?? [])].filter((id) => tags.has(id)).length +
    (candidate.jurisdictions ?? []).filter((code) => places.has(code)).length
  );
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
  const text = typeof formatted.text === 'string' ? formatted.text : '';
  const heading = typeof formatted.section_heading === 'string' ? formatted.section_heading : '';
  const title = String(document.title);
  const summary = String(document.summary);
  const section =
    typeof document.section_id === 'string' && namesMoreThanTheTitle(heading, text, title, summary)
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
function namesMoreThanTheTitle(highlightedHeading: string, highlightedText: string, title: string, summary: string): boolean {
  const inHeading = new Set(markedKeys(highlightedHeading).filter((key) => key.length >= 3));
  if (inHeading.size >= 2) return true;
  const keys = [...inHeading, ...markedKeys(highlightedText)];
  if (keys.length === 0) return false;
  const known = shownKeys(title, summary);
  return keys.some((key) => !known.has(key) && !startsAWord(known, key));
}

function markedKeys(highlighted: string): string[] {
  return highlighted.includes(HIGHLIGHT_PRE) ? [...highlighted.matchAll(MARKED)].flatMap((match) => splitWords(match[1] ?? '')).map(stemKey) : [];
}

function startsAWord(keys: ReadonlySet<string>, prefix: string): boolean {
  for (const key of keys) if (key.startsWith(prefix)) return true;
  return false;
}

// The stem keys of a note's title and summary, which every hit of the note needs again, search
// after search: splitting and stemming them was most of what reading an answer cost and allocated
// (a quarter of a millisecond a results page, several under --optimize-for-size). 2 MB by size.
const shownKeysCache = new LRUCache<string, ReadonlySet<string>>({
  maxSize: 2 * 1024 * 1024,
  sizeCalculation: (keys, text) => 2 * text.length + 48 * keys.size + 64,
});
function shownKeys(title: string, summary: string): ReadonlySet<string> {
  const text = `${title} ${summary}`;
  let keys = shownKeysCache.get(text);
  if (!keys) shownKeysCache.set(text, (keys = new Set(splitWords(text).map(stemKey))));
  return keys;
}

const MARKED = new RegExp(`${HIGHLIGHT_PRE}([^${HIGHLIGHT_POST}]*)${HIGHLIGHT_POST}`, 'g');

/**
 * Merges the multi-search responses into one page: hits from the first, the total and facet counts
 * from the second, each selected facet's counts from its own query (or, for a lone selection, from
 * the universe), and the universe itself when something is selected: from the responses, or
 * `knownUniverse` when the search was built without it.
 */
export function readMultiSearch(
  query: NoteQuery,
  responses: readonly SearchResponse<Record<string, unknown>>[],
  knownUniverse?: FacetCounts,
): NoteSearchResult {
  const [main, counts, ...rest] = responses;
  if (!main || !counts) throw new Error('multi-search returned fewer results than it was asked for');
  const selected = selectedFacets(query);
  const facetResponses = selected.length > 1 ? rest.slice(0, selected.length) : [];
  const universe = selected.length > 0 ? (knownUniverse ?? rest[facetResponses.length]?.facetDistribution) : undefined;
  const facets: FacetCounts = { ...(counts.facetDistribution ?? {}) };
  selected.forEach((field, index) => {
    facets[field] = (selected.length > 1 ? facetResponses[index]?.facetDistribution?.[field] : universe?.[field]) ?? {};
  });

  const hits = main.hits.map((hit) => toNoteHit(hit));
  const totalHits = counts.totalHits ?? counts.estimatedTotalHits ?? hits.length;
  return {
    totalHits,
    totalPages: query.hitsPerPage > 0 ? Math.ceil(totalHits / query.hitsPerPage) : 0,
    page: query.page,
    hits,
    facets,
    ...(universe ? { universe } : {}),
  };
}
