import { nameJurisdiction } from '../../content/jurisdictions.js';
import type { Taxonomy } from '../../content/taxonomy.js';
import type { NoteQuery } from '../../search/note-index.js';
import { countNotes, formatNumber, type InterfaceLanguage, type Translate } from '../i18n.js';
import { toSearchUrl } from '../search-params.js';

/**
 * The jurisdiction facet's option "with the international and regional instruments that apply
 * there", on by default: whether it is on, what it adds, and the link that turns it the other way.
 */
export interface JurisdictionScopeModel {
  on: boolean;
  /** "Include the international and regional notes that apply in Kenya (+21)". */
  label: string;
  /** How many results the option adds to the notes naming the jurisdictions; undefined when not counted. */
  added: number | undefined;
  /** A line under the result count while it is on and adds something: "Including 21 …". */
  status: string | undefined;
  /** The same search with the option turned the other way (for the chip-like link, and without JavaScript). */
  toggleUrl: string;
}

/**
 * The option's model for a search with jurisdictions selected (undefined otherwise). `total` is the
 * search's own total; `namedTotal` the total of the notes naming the jurisdictions, when counted. Pure.
 */
export function buildJurisdictionScope(
  query: NoteQuery,
  total: number,
  namedTotal: number | undefined,
  taxonomy: Taxonomy,
  language: InterfaceLanguage,
  t: Translate,
): JurisdictionScopeModel | undefined {
  const selected = query.filters.jurisdictions ?? [];
  if (selected.length === 0) return undefined;
  const on = query.jurisdictionScope !== 'named';
  const names = new Intl.ListFormat(language, { type: 'disjunction' }).format(
    selected.map((code) => nameJurisdiction(code, language, taxonomy.jurisdictionNames)),
  );
  const added = on && namedTotal !== undefined ? Math.max(total - namedTotal, 0) : undefined;
  const base = { ...query, page: 1 };
  return {
    on,
    label: added === undefined ? t('search.scopeLabel', { names }) : t('search.scopeLabelCount', { names, count: formatNumber(added, language) }),
    added,
    status: added ? t('search.scopeStatus', { names, notes: countNotes(added, language) }) : undefined,
    toggleUrl: toSearchUrl(on ? { ...base, jurisdictionScope: 'named' } : { ...base, jurisdictionScope: undefined }),
  };
}
