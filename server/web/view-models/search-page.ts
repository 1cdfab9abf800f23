import { FACETS, FEATURED_FACETS } from '../../content/note-schema.js';
import type { Authority } from '../../content/authority.js';
import type { KnowledgeBase } from '../../content/knowledge-base.js';
import { labelOf, type Taxonomy } from '../../content/taxonomy.js';
import type { NoteQuery } from '../../search/note-index.js';
import type { SearchOutcome } from '../../search/search-notes.js';
import { countNotes, formatNumber, type InterfaceLanguage, type MessageKey, type Translate } from '../i18n.js';
import { DEEPEST_PAGE, toSearchUrl, withoutFacet } from '../search-params.js';
import { statusBadge, type LatestHistory, type StatusBadge } from './authority-page.js';
import type { JurisdictionScopeModel } from './jurisdiction-scope.js';
import { BROWSABLE_FACETS, vocabularyIdsOf } from './browse-page.js';
import { labelFacet } from './facet-labels.js';
import { buildFacetPanel, type ChipModel, type FacetModel } from './facet-panel.js';
import { readerLabelsOf } from './reader-labels.js';
import { toHitModel, type HitModel } from './search-hits.js';

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
  pagination: {
    page: number;
    totalPages: number;
    label: string;
    previousUrl?: string;
    nextUrl?: string;
    pages: Array<{ number: number; url: string; current: boolean }>;
    /** On the last page that can be reached when more results exist than can be paged (DEEPEST_PAGE): how to reach the rest. */
    limit?: string;
  };
  suggestions: SuggestionModel[];
  /** When filters left nothing: the browse pages of the selected values. */
  browseLinks: Array<{ label: string; url: string }>;
  /** The search found nothing with every word and shows the results without the words no note contains. */
  relaxed?: { dropped: string[]; text: string; message: string };
  /** "Did you mean": the query with unknown words replaced by the knowledge base's own. */
  didYouMean?: { text: string; url: string };
  unavailable: boolean;
  /** A page past the last one (page=99): the link back to the last page, instead of an empty list beside a count. */
  pastEnd: { message: string; lastPageUrl: string; lastPageLabel: string } | undefined;
  /** Where to go when nothing matches: browse pages and reading lists, so an empty search is not a dead end. */
  waysIn: WaysIn;
  /** The filters panel's summary and its "show results" button. */
  filtersLabel: string;
  showResultsLabel: string;
  /** Authorities matching the words (a citation, a party, a provision), shown above the notes; one whose status is not good law carries its latest history, so the card says why. */
  authorities: Array<{
    id: string;
    title: string;
    citation: string;
    url: string;
    kind: string;
    kindLabel: string;
    status: string;
    badge: StatusBadge;
    latest?: LatestHistory | undefined;
  }>;
  feedUrl: string;
  /** With jurisdictions selected: the option to take in the instruments that apply there, and what it adds (handlers/search.ts). */
  jurisdictionScope?: JurisdictionScopeModel | undefined;
}

/** Ways into the knowledge base that need no search: the busiest browse pages and the reading lists. */
export interface WaysIn {
  topics: Array<{ label: string; url: string; countLabel: string }>;
  collections: Array<{ title: string; url: string }>;
}

/** Builds the search page from a query and what the engine answered. Pure. */
export function buildSearchPage(
  query: NoteQuery,
  outcome: SearchOutcome,
  taxonomy: Taxonomy,
  language: InterfaceLanguage,
  t: Translate,
  waysIn: WaysIn = { topics: [], collections: [] },
  latestHistory: (id: string) => LatestHistory | undefined = () => undefined,
): SearchPageModel {
  const result = outcome.result;
  const totalHits = result?.totalHits ?? 0;
  const labels = readerLabelsOf(taxonomy, language, t);
  const label = (field: string, value: string) => labels.value(field, value);
  const { facets, chips } = buildFacetPanel(query, result, taxonomy, language, t);

  const totalPages = Math.min(result?.totalPages ?? 0, DEEPEST_PAGE);
  const pageUrl = (page: number) => toSearchUrl({ ...query, page });
  const firstShown = Math.max(1, Math.min(query.page - 2, totalPages - 4));
  const pages = Array.from({ length: Math.min(5, totalPages) }, (_, index) => firstShown + index).map((number) => ({
    number,
    url: pageUrl(number),
    current: number === query.page,
  }));

  const suggestions = outcome.alternatives
    .filter(({ count }) => count.totalHits > 0)
    .map(({ field, count }): SuggestionModel => {
      const url = toSearchUrl(field === 'q' ? { ...query, text: '', page: 1 } : withoutFacet(query, field));
      const labels = field === 'q' ? [] : (query.filters[field] ?? []).map((value) => label(field, value));
      return {
        message:
          field === 'q'
            ? t('search.withoutQuery', { q: query.text })
            : t('search.emptiedBy', { label: `${labelFacet(field, language, taxonomy, t)}${t('punctuation.colon')} ${labels.join(', ')}` }),
        url,
        countLabel: countNotes(count.totalHits, language),
      };
    });

  const relaxed = result?.relaxed;
  const browseLinks =
    totalHits > 0
      ? []
      : FACETS.filter((facet) => BROWSABLE_FACETS.includes(facet.field)).flatMap((facet) =>
          (query.filters[facet.field] ?? []).map((value) => ({
            label: t('search.browse', { label: label(facet.field, value) }),
            url: `/browse/${facet.field}/${encodeURIComponent(value)}`,
          })),
        );

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
      ...((result?.totalPages ?? 0) > DEEPEST_PAGE && query.page >= DEEPEST_PAGE
        ? { limit: t('search.deepest', { count: formatNumber(DEEPEST_PAGE * query.hitsPerPage, language) }) }
        : {}),
    },
    suggestions,
    browseLinks,
    ...(relaxed
      ? {
          relaxed: {
            ...relaxed,
            message: t('search.relaxed', { words: relaxed.dropped.map((word) => t('search.quoted', { word })).join(', '), q: relaxed.text }),
          },
        }
      : {}),
    ...(result?.didYouMean ? { didYouMean: { text: result.didYouMean, url: toSearchUrl({ ...query, text: result.didYouMean, page: 1 }) } } : {}),
    unavailable: result === undefined,
    pastEnd:
      result && result.hits.length === 0 && totalHits > 0 && query.page > totalPages
        ? {
            message: t('search.pastEnd', { page: query.page, total: totalPages }),
            lastPageUrl: pageUrl(totalPages),
            lastPageLabel: totalPages > 1 ? t('search.lastPage', { page: totalPages }) : t('search.firstPage'),
          }
        : undefined,
    waysIn,
    filtersLabel: chips.length > 0 ? `${t('search.filters')} (${chips.length})` : t('search.filters'),
    showResultsLabel: t('search.showResults', { count: countNotes(totalHits, language) }),
    authorities: (result?.authorities ?? []).map((hit) => ({
      ...hit,
      url: `/authorities/${hit.id}`,
      kindLabel: t(`authority.kind.${hit.kind}` as MessageKey),
      badge: statusBadge(hit.status as Authority['status'], t),
      latest: hit.status === 'good-law' ? undefined : latestHistory(hit.id),
    })),
    feedUrl: toSearchUrl({ ...query, sort: 'relevance', page: 1 }, '/search.xml'),
  };
}

/** The busiest browse pages of the featured vocabularies (evidence types, techniques, stages) and every reading list. Pure. */
export function buildWaysIn(kb: Pick<KnowledgeBase, 'notes' | 'taxonomy' | 'collections'>, language: InterfaceLanguage, limit = 8): WaysIn {
  const topics = FEATURED_FACETS.flatMap((field) =>
    kb.taxonomy.vocabularies[field].values.map((value) => ({
      field,
      id: value.id,
      count: kb.notes.filter((note) => vocabularyIdsOf(note, field).includes(value.id)).length,
    })),
  )
    .filter(({ count }) => count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, limit)
    .map(({ field, id, count }) => ({
      label: labelOf(kb.taxonomy, field, id, language),
      url: `/browse/${field}/${id}`,
      countLabel: countNotes(count, language),
    }));
  return { topics, collections: kb.collections.map((collection) => ({ title: collection.title, url: `/collections/${collection.slug}` })) };
}
