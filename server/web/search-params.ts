import { applicabilityOf, mergeApplicability } from '../content/applies-in.js';
import { withoutFacet } from '../search/search-notes.js';
import { isJurisdictionCode } from '../content/jurisdictions.js';
import { FACETS, VOCABULARY_FACETS, type VocabularyFacet } from '../content/note-schema.js';
import { isLanguageCode } from '../content/field-values.js';
import type { Taxonomy } from '../content/taxonomy.js';
import type { NoteQuery, NoteSort } from '../search/note-index.js';

/** Results per page. */
export const HITS_PER_PAGE = 20;
/**
 * How deep results can be paged: 250 pages of 20. Totals and facet counts are exact at any size
 * (index-settings.ts); a page further down costs the engine more to rank than anyone reads.
 */
export const DEEPEST_PAGE = 250;
/** Longest query text kept; the engine reads only the first ten words anyway. */
export const MAX_QUERY_LENGTH = 200;
/** Most values kept per facet. */
export const MAX_VALUES_PER_FACET = 30;

const SORTS: readonly NoteSort[] = ['relevance', 'reviewed', 'title'];

/** Which values a facet accepts: vocabulary ids from taxonomy.yml, codes, or true/false. */
export function isKnownFacetValue(taxonomy: Taxonomy, field: string, value: string): boolean {
  const facet = FACETS.find((candidate) => candidate.field === field);
  if (!facet) return false;
  switch (facet.kind) {
    case 'vocabulary':
      return (
        (VOCABULARY_FACETS as readonly string[]).includes(field) && taxonomy.vocabularies[field as VocabularyFacet].values.some((entry) => entry.id === value)
      );
    case 'jurisdiction':
      return isJurisdictionCode(value);
    case 'language':
      return isLanguageCode(value);
    case 'boolean':
      return value === 'true' || value === 'false';
  }
}

/**
 * Reads a search from a query string. Strict: unknown parameters, facets and ids are dropped;
 * text, lists and pages are capped; nothing a visitor sends can widen a filter or throw. Selected
 * jurisdictions take in every note that applies there (content/applies-in.ts; `known`: the codes
 * the knowledge base uses, for a country's subdivisions) unless `jurisdiction_scope=named` asks
 * for only the notes that name them.
 */
export function parseSearchParams(raw: Readonly<Record<string, unknown>>, taxonomy: Taxonomy, known: Iterable<string> = []): NoteQuery {
  const filters: Record<string, string[]> = {};
  for (const facet of FACETS) {
    const values = [...new Set(asList(raw[facet.field]).filter((value) => isKnownFacetValue(taxonomy, facet.field, value)))];
    if (values.length > 0) filters[facet.field] = values.slice(0, MAX_VALUES_PER_FACET);
  }
  const text = (asList(raw.q)[0] ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUERY_LENGTH);
  const sort = asList(raw.sort)[0];
  const page = Number.parseInt(asList(raw.page)[0] ?? '1', 10);
  // A form sends `named` from a hidden field and `applies` from the ticked box: ticked wins.
  const scope = asList(raw.jurisdiction_scope);
  const named = scope.includes('named') && !scope.includes('applies');
  const selected = filters.jurisdictions ?? [];
  const codes = [...known];
  return {
    text,
    filters,
    ...(named ? { jurisdictionScope: 'named' as const } : {}),
    ...(!named && selected.length > 0 ? { appliesIn: mergeApplicability(selected.map((code) => applicabilityOf(code, codes))) } : {}),
    sort: SORTS.includes(sort as NoteSort) ? (sort as NoteSort) : 'relevance',
    page: Number.isFinite(page) ? Math.min(Math.max(page, 1), DEEPEST_PAGE) : 1,
    hitsPerPage: HITS_PER_PAGE,
  };
}

/** The URL of a search, with parameters in a stable order (so links are shareable and cacheable). */
export function toSearchUrl(query: Pick<NoteQuery, 'text' | 'filters' | 'sort' | 'page' | 'jurisdictionScope'>, path = '/search'): string {
  // Built by hand, not with URLSearchParams: a results page builds one URL per facet value (a few
  // hundred), and this was a measurable share of the app's time per search.
  const parts: string[] = [];
  if (query.text) parts.push(`q=${encodeQueryValue(query.text)}`);
  for (const facet of FACETS) {
    const values = query.filters[facet.field];
    if (values) for (const value of values) parts.push(`${facet.field}=${encodeQueryValue(value)}`);
  }
  if (query.jurisdictionScope === 'named' && (query.filters.jurisdictions?.length ?? 0) > 0) parts.push(NAMED_ONLY);
  if (query.sort !== 'relevance') parts.push(`sort=${query.sort}`);
  if (query.page > 1) parts.push(`page=${query.page}`);
  return parts.length > 0 ? `${path}?${parts.join('&')}` : path;
}

/** The parameter that limits selected jurisdictions to the notes naming them. */
const NAMED_ONLY = 'jurisdiction_scope=named';

/** Encodes a query value as a form would (spaces as +), matching URLSearchParams. */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

// One facet value's `field=value` parameter, encoded as a form would encode it. Not memoised: a
// module-level table would grow with what visitors send, and encoding a short id costs less than
// looking it up.
function parameterOf(field: string, value: string): string {
  return `${field}=${encodeQueryValue(value)}`;
}

/**
 * The URL that ticks or unticks each facet value of a search, back on page 1: the same URLs as
 * `toSearchUrl(toggleFilter(query, field, value))`, but the query's own parameters are encoded and
 * joined once per page, not once per value (a results page has a link for each of a few hundred
 * values, and under load this was most of what a search allocated).
 */
export function toggleUrls(
  query: Pick<NoteQuery, 'text' | 'filters' | 'sort' | 'jurisdictionScope'>,
  path = '/search',
): (field: string, value: string) => string {
  const text = query.text ? [`q=${encodeQueryValue(query.text)}`] : [];
  const parts = FACETS.map((facet) => (query.filters[facet.field] ?? []).map((value) => parameterOf(facet.field, value)));
  const sort = [
    ...(query.jurisdictionScope === 'named' && (query.filters.jurisdictions?.length ?? 0) > 0 ? [NAMED_ONLY] : []),
    ...(query.sort !== 'relevance' ? [`sort=${query.sort}`] : []),
  ];
  const around = new Map(
    FACETS.map((facet, index) => {
      const before = [...text, ...parts.slice(0, index).flat()];
      const after = [...parts.slice(index + 1).flat(), ...sort];
      // What comes before and after a value's own parameter when it is ticked, separators included.
      const ahead = [...before, ...parts[index]!];
      const head = `${path}?${ahead.map((parameter) => `${parameter}&`).join('')}`;
      return [facet.field, { index, before, after, head, tail: after.map((parameter) => `&${parameter}`).join('') }] as const;
    }),
  );
  return (field, value) => {
    const place = around.get(field);
    if (!place) return toSearchUrl(toggleFilter({ ...query, page: 1, hitsPerPage: 0 }, field, value));
    const current = query.filters[field] ?? [];
    if (!current.includes(value)) return `${place.head}${parameterOf(field, value)}${place.tail}`;
    // Unticking the last jurisdiction also drops the choice that only concerned jurisdictions.
    const lastJurisdiction = field === 'jurisdictions' && current.length === 1;
    const all = [
      ...place.before,
      ...parts[place.index]!.filter((_, position) => current[position] !== value),
      ...place.after.filter((parameter) => !lastJurisdiction || parameter !== NAMED_ONLY),
    ];
    return all.length > 0 ? `${path}?${all.join('&')}` : path;
  };
}

/** The same search with one value of one facet ticked or unticked, back on page 1. */
export function toggleFilter(query: NoteQuery, field: string, value: string): NoteQuery {
  const current = query.filters[field] ?? [];
  const next = current.includes(value) ? current.filter((candidate) => candidate !== value) : [...current, value];
  const filters = { ...query.filters, [field]: next };
  if (next.length === 0) delete filters[field];
  return { ...query, filters, page: 1 };
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string').slice(0, MAX_VALUES_PER_FACET * 2);
  return [];
}

export { withoutFacet };
