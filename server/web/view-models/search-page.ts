import { FACETS, FEATURED_FACETS } from '../../content/note-schema.js';
import type { Authority } from '../../content/authority.js';
import type { KnowledgeBase } from '../../content/knowledge-base.js';
import { labelOf, textOf, type Taxonomy } from '../../content/taxonomy.js';
import type { NoteHit, NoteQuery, NoteSearchResult, NoteSection } from '../../search/note-index.js';
import type { SearchOutcome } from '../../search/search-notes.js';
import { countNotes, formatDate, formatNumber, type InterfaceLanguage, type MessageKey, type Translate } from '../i18n.js';
import { DEEPEST_PAGE, toSearchUrl, toggleUrls, withoutFacet } from '../search-params.js';
import { statusBadge, type LatestHistory, type StatusBadge } from './authority-page.js';
import type { JurisdictionScopeModel } from './jurisdiction-scope.js';
import { BROWSABLE_FACETS, vocabularyIdsOf } from './browse-page.js';
import { basisBadge, labelFacet, labelFacetValue, regionOfJurisdiction, type BasisBadge } from './facet-labels.js';

/** One value in the facet sidebar: a checkbox with its count and the URL that toggles it. */
export interface FacetValueModel {
  value: string;
  label: string;
  count: number;
  selected: boolean;
  toggleUrl: string;
  /** No note matches with this value ticked too: shown muted, still a choice (the list must not reflow). */
  empty: boolean;
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
  /** Worth showing as a choice: more than one value, or a value the reader ticked (so it can be unticked). */
  offered: boolean;
  /** The most used values, shown at once (in the facet's own order). */
  top: FacetValueModel[];
  /** The rest, behind a "N more" disclosure that works without JavaScript; grouped by region for jurisdictions. */
  more: FacetGroupModel[];
  moreCount: number;
  /** Open when one of the hidden values is ticked, so a selection is never out of sight. */
  moreOpen: boolean;
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
  /** The section that matched; `url` then points to it. */
  section?: NoteSection;
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
  pagination: {
    page: number; totalPages: number; label: string; previousUrl?: string; nextUrl?: string; pages: Array<{ number: number; url: string; current: boolean }>;
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
  authorities: Array<{ id: string; title: string; citation: string; url: string; kind: string; kindLabel: string; status: string; badge: StatusBadge; latest?: LatestHistory | undefined }>;
  feedUrl: string;
  /** With jurisdictions selected: the option to take in the instruments that apply there, and what it adds (handlers/search.ts). */
  jurisdictionScope?: JurisdictionScopeModel | undefined;
}

/** Ways into the knowledge base that need no search: the busiest browse pages and the reading lists. */
export interface WaysIn {
  topics: Array<{ label: string; url: string; countLabel: string }>;
  collections: Array<{ title: string; url: string }>;
}


/** Values shown before a facet's "N more" disclosure; a list at most two longer is shown whole. */
export const TOP_FACET_VALUES = 6;

/** Builds the search page from a query and what the engine answered. Pure. */
export function buildSearchPage(
  query: NoteQuery, outcome: SearchOutcome, taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate, waysIn: WaysIn = { topics: [], collections: [] },
  latestHistory: (id: string) => LatestHistory | undefined = () => undefined,
): SearchPageModel {
  const result = outcome.result;
  const totalHits = result?.totalHits ?? 0;
  const label = facetValueLabels(taxonomy, language, t);
  const toggleUrl = toggleUrls(query);

  const facets = FACETS.map((facet): FacetModel => {
    const { offeredCounts, values: listed } = listFacetValues(facet.field, query, result, taxonomy, language, t);
    const selected = query.filters[facet.field] ?? [];
    const values = listed.map((value) => ({ ...value, toggleUrl: toggleUrl(facet.field, value.value), empty: value.count === 0 && !value.selected }));
    const isJurisdiction = facet.kind === 'jurisdiction';
    const split = splitTopValues(values, offeredCounts);
    const grouped = (list: readonly FacetValueModel[]) => (isJurisdiction ? groupByRegion(list, taxonomy, language) : [{ label: '', values: [...list] }]);
    const groups = isJurisdiction ? groupByRegion(values, taxonomy, language) : undefined;
    return {
      field: facet.field,
      label: labelFacet(facet.field, language, taxonomy, t),
      values,
      groups,
      selectedCount: selected.length,
      filterable: isJurisdiction,
      offered: values.length > 1 || selected.length > 0,
      top: split.top,
      more: split.more.length > 0 ? grouped(split.more) : [],
      moreCount: split.more.length,
      moreOpen: split.more.some((value) => value.selected),
    };
  }).filter((facet) => facet.values.length > 0);

  const chips = FACETS.flatMap((facet) => (query.filters[facet.field] ?? []).map((value) => ({
    facetLabel: labelFacet(facet.field, language, taxonomy, t),
    label: label(facet.field, value),
    removeUrl: toggleUrl(facet.field, value),
  })));

  const totalPages = Math.min(result?.totalPages ?? 0, DEEPEST_PAGE);
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
          : t('search.emptiedBy', { label: `${labelFacet(field, language, taxonomy, t)}${t('punctuation.colon')} ${labels.join(', ')}` }),
        url,
        countLabel: countNotes(count.totalHits, language),
      };
    });

  const relaxed = result?.relaxed;
  const browseLinks = totalHits > 0 ? [] : FACETS.filter((facet) => BROWSABLE_FACETS.includes(facet.field)).flatMap((facet) => (query.filters[facet.field] ?? [])
    .map((value) => ({ label: t('search.browse', { label: label(facet.field, value) }), url: `/browse/${facet.field}/${encodeURIComponent(value)}` })));

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
        ? { limit: t('search.deepest', { count: formatNumber(DEEPEST_PAGE * query.hitsPerPage, language) }) } : {}),
    },
    suggestions,
    browseLinks,
    ...(relaxed ? {
      relaxed: { ...relaxed, message: t('search.relaxed', { words: relaxed.dropped.map((word) => t('search.quoted', { word })).join(', '), q: relaxed.text }) },
    } : {}),
    ...(result?.didYouMean ? { didYouMean: { text: result.didYouMean, url: toSearchUrl({ ...query, text: result.didYouMean, page: 1 }) } } : {}),
    unavailable: result === undefined,
    pastEnd: result && result.hits.length === 0 && totalHits > 0 && query.page > totalPages ? {
      message: t('search.pastEnd', { page: query.page, total: totalPages }),
      lastPageUrl: pageUrl(totalPages),
      lastPageLabel: totalPages > 1 ? t('search.lastPage', { page: totalPages }) : t('search.firstPage'),
    } : undefined,
    waysIn,
    filtersLabel: chips.length > 0 ? `${t('search.filters')} (${chips.length})` : t('search.filters'),
    showResultsLabel: t('search.showResults', { count: countNotes(totalHits, language) }),
    authorities: (result?.authorities ?? []).map((hit) => ({
      ...hit, url: `/authorities/${hit.id}`, kindLabel: t(`authority.kind.${hit.kind}` as MessageKey), badge: statusBadge(hit.status as Authority['status'], t),
      latest: hit.status === 'good-law' ? undefined : latestHistory(hit.id),
    })),
    feedUrl: toSearchUrl({ ...query, sort: 'relevance', page: 1 }, '/search.xml'),
  };
}

/** The busiest browse pages of the featured vocabularies (evidence types, techniques, stages) and every reading list. Pure. */
export function buildWaysIn(kb: Pick<KnowledgeBase, 'notes' | 'taxonomy' | 'collections'>, language: InterfaceLanguage, limit = 8): WaysIn {
  const topics = FEATURED_FACETS.flatMap((field) => kb.taxonomy.vocabularies[field].values.map((value) => ({
    field, id: value.id, count: kb.notes.filter((note) => vocabularyIdsOf(note, field).includes(value.id)).length,
  })))
    .filter(({ count }) => count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, limit)
    .map(({ field, id, count }) => ({ label: labelOf(kb.taxonomy, field, id, language), url: `/browse/${field}/${id}`, countLabel: countNotes(count, language) }));
  return { topics, collections: kb.collections.map((collection) => ({ title: collection.title, url: `/collections/${collection.slug}` })) };
}

/** A facet value as listed, on the page and in the API: its label in the reader's language, its count, and whether it is ticked. */
export interface FacetValueCount {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

/**
 * One facet's values in the order the page and the API list them. Which values a facet offers come
 * from the words alone (the result's universe, with a filter ticked): ticking changes counts, never
 * which values are listed or their order. Pure.
 */
export function listFacetValues(field: string, query: NoteQuery, result: NoteSearchResult | undefined, taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): { offeredCounts: Record<string, number>; values: FacetValueCount[] } {
  const label = facetValueLabels(taxonomy, language, t);
  const counts = result?.facets[field] ?? {};
  const offeredCounts = result?.universe?.[field] ?? counts;
  const selected = query.filters[field] ?? [];
  const ids = orderValues(field, taxonomy, offeredCounts, selected, (value) => label(field, value), language);
  return { offeredCounts, values: ids.map((value) => ({ value, label: label(field, value), count: counts[value] ?? 0, selected: selected.includes(value) })) };
}

/** Where a hit leads: the note, or the section that matched. */
export function hitUrl(hit: Pick<NoteHit, 'slug' | 'section'>): string {
  return hit.section ? `/notes/${hit.slug}#${encodeURIComponent(hit.section.id)}` : `/notes/${hit.slug}`;
}

/** A result hit as shown: labels in the reader's language, a badge, a readable date. */
export function toHitModel(hit: NoteHit, taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): HitModel {
  const labels = facetValueLabels(taxonomy, language, t);
  return {
    slug: hit.slug,
    url: hitUrl(hit),
    title: hit.title,
    titleHtml: hit.titleHtml,
    summary: hit.summary,
    snippetHtml: hit.snippetHtml,
    language: hit.language,
    basis: cachedBasisBadge(hit.evidence_basis, language, taxonomy, t),
    jurisdictions: hit.jurisdictions.map((code) => labels('jurisdictions', code)),
    jurisdictionCodes: hit.jurisdictions,
    lastReviewed: hit.last_reviewed,
    lastReviewedLabel: reviewedLabel(hit.last_reviewed, language, t),
    ...(hit.section ? { section: hit.section } : {}),
  };
}

// Vocabularies keep taxonomy order (stages follow the life of a case); other facets list the most
// frequent first. Values with no matching note are hidden unless selected.
function orderValues(field: string, taxonomy: Taxonomy, counts: Record<string, number>, selected: readonly string[], label: (value: string) => string, language: InterfaceLanguage): string[] {
  const present = new Set([...Object.keys(counts).filter((value) => (counts[value] ?? 0) > 0), ...selected]);
  const vocabulary = (taxonomy.vocabularies as Record<string, { values: Array<{ id: string }> } | undefined>)[field];
  if (vocabulary) return vocabulary.values.map((value) => value.id).filter((id) => present.has(id));
  // The host's default order of labels (what String#localeCompare without a locale uses), from one collator.
  const compare = defaultCollator.compare;
  return [...present].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || compare(label(a), label(b)));
}

/**
 * Labels, badges and review dates are the same for every search in one language: each is worked
 * out once per taxonomy (a new knowledge base brings a new one) and language, and then read from a
 * map. A label is a taxonomy entry, a jurisdiction's name or a language's: a few thousand at most.
 */
const labelCache = new WeakMap<Taxonomy, Map<InterfaceLanguage, Map<string, Map<string, string>>>>();
const badgeCache = new WeakMap<Taxonomy, Map<string, BasisBadge>>();

function facetValueLabels(taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): (field: string, value: string) => string {
  let byLanguage = labelCache.get(taxonomy);
  if (!byLanguage) labelCache.set(taxonomy, (byLanguage = new Map()));
  let byField = byLanguage.get(language);
  if (!byField) byLanguage.set(language, (byField = new Map()));
  const known = byField;
  return (field, value) => {
    let labels = known.get(field);
    if (!labels) known.set(field, (labels = new Map()));
    let label = labels.get(value);
    if (label === undefined) labels.set(value, (label = labelFacetValue(field, value, language, taxonomy, t)));
    return label;
  };
}

function cachedBasisBadge(id: string, language: InterfaceLanguage, taxonomy: Taxonomy, t: Translate): BasisBadge {
  let badges = badgeCache.get(taxonomy);
  if (!badges) badgeCache.set(taxonomy, (badges = new Map()));
  const key = `${language}\0${id}`;
  let badge = badges.get(key);
  if (!badge) badges.set(key, (badge = basisBadge(id, language, taxonomy, t)));
  return badge;
}

// Review dates repeat across notes; the formatted label is kept per language (bounded: cleared when full).
const reviewedLabels = new Map<string, string>();
function reviewedLabel(date: string, language: InterfaceLanguage, t: Translate): string {
  const key = `${language}\0${date}`;
  let label = reviewedLabels.get(key);
  if (label === undefined) {
    if (reviewedLabels.size >= 20_000) reviewedLabels.clear();
    reviewedLabels.set(key, (label = t('search.reviewed', { date: formatDate(date, language) })));
  }
  return label;
}

const defaultCollator = new Intl.Collator();
const collators = new Map<string, Intl.Collator>();
function collatorOf(language: InterfaceLanguage): Intl.Collator {
  let collator = collators.get(language);
  if (!collator) collators.set(language, (collator = new Intl.Collator(language)));
  return collator;
}

// The most used values (by the words' own counts) stay visible, in the facet's order; the rest wait
// behind a disclosure. Short lists are shown whole: hiding one or two values saves nothing.
function splitTopValues(values: readonly FacetValueModel[], offeredCounts: Record<string, number>): { top: FacetValueModel[]; more: FacetValueModel[] } {
  if (values.length <= TOP_FACET_VALUES + 2) return { top: [...values], more: [] };
  const busiest = new Set([...values]
    .map((value, position) => ({ value, position }))
    .sort((a, b) => (offeredCounts[b.value.value] ?? 0) - (offeredCounts[a.value.value] ?? 0) || a.position - b.position)
    .slice(0, TOP_FACET_VALUES)
    .map(({ value }) => value.value));
  return { top: values.filter((value) => busiest.has(value.value)), more: values.filter((value) => !busiest.has(value.value)) };
}

function groupByRegion(values: readonly FacetValueModel[], taxonomy: Taxonomy, language: InterfaceLanguage): FacetGroupModel[] {
  const byRegion = new Map<string, FacetValueModel[]>();
  for (const value of values) {
    const region = regionOfJurisdiction(value.value);
    const members = byRegion.get(region);
    if (members) members.push(value);
    else byRegion.set(region, [value]);
  }
  const compare = collatorOf(language).compare;
  return taxonomy.vocabularies.world_regions.values
    .filter((region) => byRegion.has(region.id))
    .map((region) => ({ label: textOf(region, language).label, values: byRegion.get(region.id)!.sort((a, b) => compare(a.label, b.label)) }));
}
