import type { Authority } from '../../content/authority.js';
import type { KnowledgeBase } from '../../content/knowledge-base.js';
import { nameJurisdiction } from '../../content/jurisdictions.js';
import type { InterfaceLanguage, MessageKey, Translate } from '../i18n.js';
import { toAuthorityListItem, type AuthorityListItem } from './authority-page.js';

/** The filters of /authorities, already cleaned. */
export interface AuthorityFilters {
  q: string;
  kind: readonly string[];
  jurisdiction: readonly string[];
  court: readonly string[];
  decade: readonly string[];
}

/** One filter value with its count and the URL that toggles it. */
export interface AuthorityFacetValue {
  value: string;
  label: string;
  count: number;
  selected: boolean;
  url: string;
}

/** Everything views/authorities.ejs shows. */
export interface AuthorityListModel {
  q: string;
  total: number;
  items: AuthorityListItem[];
  facets: Array<{ field: keyof Omit<AuthorityFilters, 'q'>; label: string; values: AuthorityFacetValue[] }>;
  hasFilters: boolean;
}

const FILTER_FIELDS = ['kind', 'jurisdiction', 'court', 'decade'] as const;

/** Reads /authorities' query: repeated parameters, known values only, text capped. Pure. */
export function parseAuthorityFilters(query: Record<string, unknown>): AuthorityFilters {
  const list = (value: unknown) =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value])
      .filter((item): item is string => typeof item === 'string' && item.length > 0 && item.length <= 300)
      .slice(0, 20);
  const text = Array.isArray(query.q) ? query.q[0] : query.q;
  return {
    q: typeof text === 'string' ? text.trim().slice(0, 200) : '',
    kind: list(query.kind),
    jurisdiction: list(query.jurisdiction),
    court: list(query.court),
    decade: list(query.decade),
  };
}

/** /authorities: every authority matching the text and filters, with counts per filter value (OR inside a filter, AND across). Pure. */
export function buildAuthorityList(knowledgeBase: KnowledgeBase, filters: AuthorityFilters, language: InterfaceLanguage, t: Translate): AuthorityListModel {
  const words = fold(filters.q).split(/\s+/).filter(Boolean);
  const byText = knowledgeBase.authorities.filter((authority) => {
    const haystack = fold(
      [authority.id, authority.title, authority.citation, authority.court, authority.summary, ...authority.provisions.map((provision) => provision.label)].join(
        ' ',
      ),
    );
    return words.every((word) => haystack.includes(word));
  });
  const valueOf = (authority: Authority, field: (typeof FILTER_FIELDS)[number]): string | undefined =>
    field === 'decade' ? (authority.date ? `${authority.date.slice(0, 3)}0s` : undefined) : authority[field];
  const matches = (authority: Authority, except?: (typeof FILTER_FIELDS)[number]) =>
    FILTER_FIELDS.every((field) => field === except || filters[field].length === 0 || filters[field].includes(valueOf(authority, field) ?? ''));
  const items = byText
    .filter((authority) => matches(authority))
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title))
    .map((authority) => toAuthorityListItem(authority, knowledgeBase, language, t));

  const labelOf = (field: (typeof FILTER_FIELDS)[number], value: string) =>
    field === 'kind'
      ? t(`authority.kind.${value}` as MessageKey)
      : field === 'jurisdiction'
        ? nameJurisdiction(value, language, knowledgeBase.taxonomy.jurisdictionNames)
        : value;
  const facets = FILTER_FIELDS.map((field) => {
    const counts = new Map<string, number>();
    for (const authority of byText) {
      const value = valueOf(authority, field);
      if (value !== undefined && matches(authority, field)) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    for (const selected of filters[field]) if (!counts.has(selected)) counts.set(selected, 0);
    const values = [...counts]
      .map(([value, count]) => ({
        value,
        label: labelOf(field, value),
        count,
        selected: filters[field].includes(value),
        url: toggleUrl(filters, field, value),
      }))
      .sort((a, b) => (field === 'decade' ? b.value.localeCompare(a.value) : b.count - a.count || a.label.localeCompare(b.label)));
    return { field, label: t(`authority.filter.${field}` as MessageKey), values };
  });
  return { q: filters.q, total: items.length, items, facets, hasFilters: FILTER_FIELDS.some((field) => filters[field].length > 0) || filters.q !== '' };
}

function toggleUrl(filters: AuthorityFilters, field: (typeof FILTER_FIELDS)[number], value: string): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  for (const other of FILTER_FIELDS) {
    const values =
      other !== field ? filters[other] : filters[field].includes(value) ? filters[field].filter((item) => item !== value) : [...filters[field], value];
    for (const item of values) params.append(other, item);
  }
  const query = params.toString();
  return `/authorities${query ? `?${query}` : ''}`;
}

// Case and accents folded, so "cassazione" finds "Cassazione" and "tucuman" finds "Tucumán".
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
