import { FACETS } from '../../content/note-schema.js';
import { textOf, type Taxonomy } from '../../content/taxonomy.js';
import type { NoteQuery, NoteSearchResult } from '../../search/note-index.js';
import type { InterfaceLanguage, Translate } from '../i18n.js';
import { toggleUrls } from '../search-params.js';
import { labelFacet, regionOfJurisdiction } from './facet-labels.js';
import { COLLATORS, readerLabelsOf } from './reader-labels.js';

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

/** A removable chip for a selected filter. */
export interface ChipModel {
  facetLabel: string;
  label: string;
  removeUrl: string;
}

/** Values shown before a facet's "N more" disclosure; a list at most two longer is shown whole. */
export const TOP_FACET_VALUES = 6;

/** The facet sidebar of a search and the chips of its selected filters, from what the engine counted. Pure. */
export function buildFacetPanel(
  query: NoteQuery,
  result: NoteSearchResult | undefined,
  taxonomy: Taxonomy,
  language: InterfaceLanguage,
  t: Translate,
): { facets: FacetModel[]; chips: ChipModel[] } {
  const labels = readerLabelsOf(taxonomy, language, t);
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

  const chips = FACETS.flatMap((facet) =>
    (query.filters[facet.field] ?? []).map((value) => ({
      facetLabel: labelFacet(facet.field, language, taxonomy, t),
      label: labels.value(facet.field, value),
      removeUrl: toggleUrl(facet.field, value),
    })),
  );

  return { facets, chips };
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
export function listFacetValues(
  field: string,
  query: NoteQuery,
  result: NoteSearchResult | undefined,
  taxonomy: Taxonomy,
  language: InterfaceLanguage,
  t: Translate,
): { offeredCounts: Record<string, number>; values: FacetValueCount[] } {
  const labels = readerLabelsOf(taxonomy, language, t);
  const counts = result?.facets[field] ?? {};
  const offeredCounts = result?.universe?.[field] ?? counts;
  const selected = query.filters[field] ?? [];
  const ids = orderValues(field, taxonomy, offeredCounts, selected, (value) => labels.value(field, value));
  return {
    offeredCounts,
    values: ids.map((value) => ({ value, label: labels.value(field, value), count: counts[value] ?? 0, selected: selected.includes(value) })),
  };
}

// The host's default order of labels (what String#localeCompare without a locale uses): a constant of
// the code, one collator, not a cache.
const DEFAULT_COLLATOR = new Intl.Collator();

// Vocabularies keep taxonomy order (stages follow the life of a case); other facets list the most
// frequent first. Values with no matching note are hidden unless selected.
function orderValues(
  field: string,
  taxonomy: Taxonomy,
  counts: Record<string, number>,
  selected: readonly string[],
  label: (value: string) => string,
): string[] {
  const present = new Set([...Object.keys(counts).filter((value) => (counts[value] ?? 0) > 0), ...selected]);
  const vocabulary = (taxonomy.vocabularies as Record<string, { values: Array<{ id: string }> } | undefined>)[field];
  if (vocabulary) return vocabulary.values.map((value) => value.id).filter((id) => present.has(id));
  const compare = DEFAULT_COLLATOR.compare;
  return [...present].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || compare(label(a), label(b)));
}

// The most used values (by the words' own counts) stay visible, in the facet's order; the rest wait
// behind a disclosure. Short lists are shown whole: hiding one or two values saves nothing.
function splitTopValues(values: readonly FacetValueModel[], offeredCounts: Record<string, number>): { top: FacetValueModel[]; more: FacetValueModel[] } {
  if (values.length <= TOP_FACET_VALUES + 2) return { top: [...values], more: [] };
  const busiest = new Set(
    [...values]
      .map((value, position) => ({ value, position }))
      .sort((a, b) => (offeredCounts[b.value.value] ?? 0) - (offeredCounts[a.value.value] ?? 0) || a.position - b.position)
      .slice(0, TOP_FACET_VALUES)
      .map(({ value }) => value.value),
  );
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
  const compare = COLLATORS[language].compare;
  return taxonomy.vocabularies.world_regions.values
    .filter((region) => byRegion.has(region.id))
    .map((region) => ({ label: textOf(region, language).label, values: byRegion.get(region.id)!.sort((a, b) => compare(a.label, b.label)) }));
}
