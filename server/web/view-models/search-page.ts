import { FACETS } from '../../content/note-schema.js';
import type { Authority } from '../../content/authority.js';
import { textOf, type Taxonomy } from '../../content/taxonomy.js';
import type { CountResult, NoteHit, NoteQuery, NoteSearchResult } from '../../search/note-index.js';
import { countNotes, formatDate, type InterfaceLanguage, type MessageKey, type Translate } from '../i18n.js';
import { toSearchUrl, toggleFilter, withoutFacet } from '../search-params.js';
import { statusBadge, type StatusBadge } from './authority-page.js';
import { basisBadge, labelFacet, labelFacetValue, regionOfJurisdiction, type BasisBadge } from './facet-labels.js';

/** One value in the facet sidebar: a checkbox with its count and the URL that toggles it. */
export interface FacetValueModel {
  value: string;
  label: string;
  count: number;
  selected: boolean;
  toggleUrl: string;
}

/** A group of values inside a facet (jurisdictions by world region). */
export interface FacetGroupModel {
  label: string;
  values: FacetValueModel[];
}

/** One facet of the sidebar. */
export interface FacetModel {
  field: string;
  label: string;
  values: FacetValueModel[];
  /** Set for jurisdictions: the same values grouped by world region. */
  groups: FacetGroupModel[] | undefined;
  selectedCount: number;
  /** Long lists get a filter box (jurisdictions). */
  filterable: boolean;
}

/** One result as the page shows it. */
export interface HitModel {
  slug: string;
  url: string;
  title: string;
  titleHtml: string;
  summary: string;
  snippetHtml: string;
  language: string;
  basis: BasisBadge;
  /** Jurisdiction names in the reader's language, and the codes they stand for. */
  jurisdictions: string[];
  jurisdictionCodes: string[];
  lastReviewed: string;
  lastReviewedLabel: string;
}

/** A removable chip for a selected filter. */
export interface ChipModel {
  facetLabel: string;
  label: string;
  removeUrl: string;
}

/** "Without this filter, N notes": shown when a search finds nothing. */
export interface SuggestionModel {
  message: string;
  url: string;
  countLabel: string;
}

/** Everything views/search.ejs shows, and what /api/search answers. */
export interface SearchPageModel {
  query: NoteQuery;
  title: string;
  totalHits: number;
  totalLabel: string;
  hits: HitModel[];
  facets: FacetModel[];
  chips: ChipModel[];
  clearAllUrl: string;
  sortOptions: Array<{ value: string; label: string; selected: boolean }>;
  pagination: { page: number; totalPages: number; label: string; previousUrl?: string; nextUrl?: string; pages: Array<{ number: number; url: string; current: boolean }> };
  suggestions: SuggestionModel[];
  unavailable: boolean;
  /** Authorities the words name (a citation, a party, a provision), shown above the notes. */
  authorities: Array<{ id: string; title: string; citation: string; url: string; kind: string; kindLabel: string; status: string; badge: StatusBadge }>;
  feedUrl: string;
}

/** What the search handler fetched. */
export interface SearchOutcome {
  result: NoteSearchResult | undefined;
  /** For an empty result: the counts without each selected facet, and without the text. */
  alternatives: Array<{ field: string | 'q'; count: CountResult }>;
}

/** Builds the search page from a query and what the engine answered. Pure. */
export function buildSearchPage(query: NoteQuery, outcome: SearchOutcome, taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): SearchPageModel {
  const result = outcome.result;
  const totalHits = result?.totalHits ?? 0;
  const label = (field: string, value: string) => labelFacetValue(field, value, language, taxonomy, t);

  const facets = FACETS.map((facet): FacetModel => {
    const counts = result?.facets[facet.field] ?? {};
    const selected = query.filters[facet.field] ?? [];
    const ids = orderValues(facet.field, taxonomy, counts, selected, (value) => label(facet.field, value));
    const values = ids.map((value) => ({
      value,
      label: label(facet.field, value),
      count: counts[value] ?? 0,
      selected: selected.includes(value),
      toggleUrl: toSearchUrl(toggleFilter(query, facet.field, value)),
    }));
    return {
      field: facet.field,
      label: labelFacet(facet.field, language, taxonomy, t),
      values,
      groups: facet.kind === 'jurisdiction' ? groupByRegion(values, taxonomy, language) : undefined,
      selectedCount: selected.length,
      filterable: facet.kind === 'jurisdiction',
    };
  }).filter((facet) => facet.values.length > 0);

  const chips = FACETS.flatMap((facet) => (query.filters[facet.field] ?? []).map((value) => ({
    facetLabel: labelFacet(facet.field, language, taxonomy, t),
    label: label(facet.field, value),
    removeUrl: toSearchUrl(toggleFilter(query, facet.field, value)),
  })));

  const totalPages = result?.totalPages ?? 0;
  const pageUrl = (page: number) => toSearchUrl({ ...query, page });
  const firstShown = Math.max(1, Math.min(query.page - 2, totalPages - 4));
  const pages = Array.from({ length: Math.min(5, totalPages) }, (_, index) => firstShown + index)
    .map((number) => ({ number, url: pageUrl(number), current: number === query.page }));

  const suggestions = outcome.alternatives
    .filter(({ count }) => count.totalHits > 0)
    .map(({ field, count }): SuggestionModel => {
      const url = toSearchUrl(field === 'q' ? { ...query, text: '', page: 1 } : withoutFacet(query, field));
      const labels = field === 'q' ? [] : (query.filters[field] ?? []).map((value) => label(field, value));
      return {
        message: field === 'q'
          ? t('search.withoutQuery', { q: query.text })
          : t('search.emptiedBy', { label: `${labelFacet(field, language, taxonomy, t)}: ${labels.join(', ')}` }),
        url,
        countLabel: countNotes(count.totalHits, language),
      };
    });

  return {
    query,
    title: query.text ? t('search.titleFor', { q: query.text }) : t('search.title'),
    totalHits,
    totalLabel: countNotes(totalHits, language),
    hits: (result?.hits ?? []).map((hit) => toHitModel(hit, taxonomy, language, t)),
    facets,
    chips,
    clearAllUrl: toSearchUrl({ text: query.text, filters: {}, sort: query.sort, page: 1 }),
    sortOptions: (['relevance', 'reviewed', 'title'] as const).map((value) => ({ value, label: t(`search.sort.${value}`), selected: query.sort === value })),
    pagination: {
      page: query.page,
      totalPages,
      label: t('search.page', { page: query.page, total: totalPages }),
      ...(query.page > 1 && totalPages > 0 ? { previousUrl: pageUrl(Math.min(query.page - 1, totalPages)) } : {}),
      ...(query.page < totalPages ? { nextUrl: pageUrl(query.page + 1) } : {}),
      pages,
    },
    suggestions,
    unavailable: result === undefined,
    authorities: (result?.authorities ?? []).map((hit) => ({
      ...hit, url: `/authorities/${hit.id}`, kindLabel: t(`authority.kind.${hit.kind}` as MessageKey), badge: statusBadge(hit.status as Authority['status'], t),
    })),
    feedUrl: toSearchUrl({ ...query, sort: 'relevance', page: 1 }, '/search.xml'),
  };
}

/** A result hit as shown: labels in the reader's language, a badge, a readable date. */
export function toHitModel(hit: NoteHit, taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): HitModel {
  return {
    slug: hit.slug,
    url: `/notes/${hit.slug}`,
    title: hit.title,
    titleHtml: hit.titleHtml,
    summary: hit.summary,
    snippetHtml: hit.snippetHtml,
    language: hit.language,
    basis: basisBadge(hit.evidence_basis, language, taxonomy, t),
    jurisdictions: hit.jurisdictions.map((code) => labelFacetValue('jurisdictions', code, language, taxonomy, t)),
    jurisdictionCodes: hit.jurisdictions,
    lastReviewed: hit.last_reviewed,
    lastReviewedLabel: t('search.reviewed', { date: formatDate(hit.last_reviewed, language) }),
  };
}

// Vocabularies keep taxonomy order (stages follow the life of a case); other facets list the most
// frequent first. Values with no matching note are hidden unless selected.
function orderValues(field: string, taxonomy: Taxonomy, counts: Record<string, number>, selected: readonly string[], label: (value: string) => string): string[] {
  const present = new Set([...Object.keys(counts).filter((value) => (counts[value] ?? 0) > 0), ...selected]);
  const vocabulary = (taxonomy.vocabularies as Record<string, { values: Array<{ id: string }> } | undefined>)[field];
  if (vocabulary) return vocabulary.values.map((value) => value.id).filter((id) => present.has(id));
  return [...present].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || label(a).localeCompare(label(b)));
}

function groupByRegion(values: readonly FacetValueModel[], taxonomy: Taxonomy, language: InterfaceLanguage): FacetGroupModel[] {
  return taxonomy.vocabularies.world_regions.values
    .map((region) => ({
      label: textOf(region, language).label,
      values: values.filter((value) => regionOfJurisdiction(value.value) === region.id).sort((a, b) => a.label.localeCompare(b.label, language)),
    }))
    .filter((group) => group.values.length > 0);
}
