import type { KnowledgeBase, ListedFields } from '../../content/knowledge-base.js';
import type { InterfaceLanguage, Translate } from '../i18n.js';
import { labelFacet, labelFacetValue } from './facet-labels.js';

/** The facets a pack's search filters on (Pagefind filters named by these fields, valued by ids). */
export const PACK_SEARCH_FACETS = ['evidence_types', 'victim_centred_techniques', 'jurisdictions', 'stages', 'evidence_basis', 'language'] as const;

/** One filter of a pack's search page, with every value present in the pack. */
export interface PackSearchFacet {
  field: string;
  label: string;
  values: Array<{ value: string; label: string; count: number }>;
}

/** Everything views/pack-search.ejs shows; results are drawn in the browser by public/pack-search.js. */
export interface PackSearchPageModel {
  facets: PackSearchFacet[];
  /** The note languages, one Pagefind bundle each (stemming per language), most notes first. */
  searchLanguages: string[];
  resultsOne: string;
  resultsOther: string;
}

/** The values of the search facets a note carries, as Pagefind filters (`field` → ids). Pure. */
export function packSearchFilters(note: ListedFields): Array<{ field: string; value: string }> {
  return PACK_SEARCH_FACETS.flatMap((field) => {
    const value = note[field];
    return (Array.isArray(value) ? value : [value]).map((id) => ({ field, value: String(id) }));
  });
}

/** The note languages of a knowledge base, most notes first: the pack writes one search bundle per language. Pure. */
export function listNoteLanguages(kb: KnowledgeBase): string[] {
  const counts = new Map<string, number>();
  for (const note of kb.notes) counts.set(note.language, (counts.get(note.language) ?? 0) + 1);
  return [...counts].sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b)).map(([language]) => language);
}

/** Builds a pack's search page: the filters with their counts over the whole pack. Pure. */
export function buildPackSearchPage(kb: KnowledgeBase, language: InterfaceLanguage, t: Translate): PackSearchPageModel {
  const counts = new Map<string, number>();
  for (const note of kb.notes)
    for (const { field, value } of packSearchFilters(note)) counts.set(`${field}:${value}`, (counts.get(`${field}:${value}`) ?? 0) + 1);
  const facets = PACK_SEARCH_FACETS.map((field) => ({
    field,
    label: labelFacet(field, language, kb.taxonomy, t),
    values: [...counts]
      .filter(([key]) => key.startsWith(`${field}:`))
      .map(([key, count]) => {
        const value = key.slice(field.length + 1);
        return { value, label: labelFacetValue(field, value, language, kb.taxonomy, t), count };
      })
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, language)),
  }));
  return {
    facets: facets.filter((facet) => facet.values.length > 0),
    searchLanguages: listNoteLanguages(kb),
    resultsOne: t('pack.resultsOne'),
    resultsOther: t('pack.resultsOther'),
  };
}
