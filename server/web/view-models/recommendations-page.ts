import { nameJurisdiction, worldRegionOf } from '../../content/jurisdictions.js';
import { IMPLEMENTATION_STATUSES } from '../../content/note-schema.js';
import { labelOf, type Taxonomy, textOf } from '../../content/taxonomy.js';
import type { RecommendationRecord } from '../../search/note-index.js';
import type { ImplementationEntry } from '../../search/search-document.js';
import { formatDate, type InterfaceLanguage, type MessageKey, type Translate } from '../i18n.js';

/**
 * One record per recommendation, whatever the number of its translations: the version in the
 * reader's language shows (else the one that carries the tracker), with the tracker of whichever
 * version has the longest one, so a translation need not repeat the statuses. Pure.
 */
export function pickOnePerRecommendation(records: readonly RecommendationRecord[], language: string): RecommendationRecord[] {
  const bySlug = new Map(records.map((record) => [record.slug, record]));
  const seen = new Set<string>();
  const picked: RecommendationRecord[] = [];
  for (const record of records) {
    if (seen.has(record.slug)) continue;
    const family = [record, ...Object.values(record.translations).map((slug) => bySlug.get(slug)).filter((member): member is RecommendationRecord => !!member)];
    for (const member of family) for (const slug of [member.slug, ...Object.values(member.translations)]) seen.add(slug);
    const tracked = family.reduce((best, member) => (member.implementation.length > best.implementation.length ? member : best));
    const shown = family.find((member) => member.language === language) ?? tracked;
    picked.push({ ...shown, implementation: tracked.implementation, audience: shown.audience.length > 0 ? shown.audience : tracked.audience });
  }
  return picked;
}

/** The tracker's filters: audiences (OR) and world regions of the jurisdictions shown (OR). */
export interface RecommendationFilters {
  audience: string[];
  world_regions: string[];
}

/** Reads ?audience=&world_regions= strictly: only vocabulary ids survive, each once. */
export function parseRecommendationFilters(raw: Readonly<Record<string, unknown>>, taxonomy: Taxonomy): RecommendationFilters {
  const pick = (value: unknown, field: 'audience' | 'world_regions') => {
    const known = new Set(taxonomy.vocabularies[field].values.map((entry) => entry.id));
    const values = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string' && known.has(item));
    return [...new Set(values)];
  };
  return { audience: pick(raw.audience, 'audience'), world_regions: pick(raw.world_regions, 'world_regions') };
}

/** One cell of the tracker: a jurisdiction's status, when it was confirmed, and the source behind it. */
export interface TrackerCell {
  jurisdiction: string;
  jurisdictionName: string;
  profileUrl: string;
  status: string;
  statusLabel: string;
  asOf: string;
  asOfLabel: string;
  source: { title: string; url: string } | undefined;
}

/** The status's name in the reader's language. */
export function labelStatus(status: string, t: Translate): string {
  return (IMPLEMENTATION_STATUSES as readonly string[]).includes(status) ? t(`status.${status}` as MessageKey) : status;
}

/** A jurisdiction's profile page. */
export function profileUrl(code: string): string {
  return `/jurisdictions/${encodeURIComponent(code)}`;
}

/** A recommendation's tracker row, ordered by jurisdiction name. Pure. */
export function buildTrackerRow(implementation: readonly ImplementationEntry[], taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): TrackerCell[] {
  return implementation
    .map((entry) => toCell(entry, taxonomy, language, t))
    .sort((a, b) => a.jurisdictionName.localeCompare(b.jurisdictionName, language));
}

function toCell(entry: ImplementationEntry, taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): TrackerCell {
  return {
    jurisdiction: entry.jurisdiction,
    jurisdictionName: nameJurisdiction(entry.jurisdiction, language, taxonomy.jurisdictionNames),
    profileUrl: profileUrl(entry.jurisdiction),
    status: entry.status,
    statusLabel: labelStatus(entry.status, t),
    asOf: entry.as_of,
    asOfLabel: formatDate(entry.as_of, language),
    source: entry.source,
  };
}

/** "Adopted in 4 of 9 tracked jurisdictions". */
export function summariseImplementation(implementation: readonly ImplementationEntry[], t: Translate): string {
  const adopted = implementation.filter((entry) => entry.status === 'adopted').length;
  return implementation.length === 0 ? t('recommendations.untracked') : t('recommendations.adoptedIn', { adopted, tracked: implementation.length });
}

/** A recommendation in its audience's list. */
export interface RecommendationItem {
  slug: string;
  title: string;
  summary: string;
  language: string;
  url: string;
  implementationSummary: string;
}

/** A checkbox of the filter form. */
export interface FilterOption {
  id: string;
  label: string;
  checked: boolean;
}

/** Everything views/recommendations.ejs shows. */
export interface RecommendationsPageModel {
  filters: { audience: FilterOption[]; world_regions: FilterOption[] };
  hasFilters: boolean;
  groups: Array<{ id: string; label: string; definition: string; recommendations: RecommendationItem[] }>;
  tracker: {
    columns: Array<{ code: string; name: string; url: string }>;
    rows: Array<{ slug: string; title: string; language: string; url: string; cells: Array<TrackerCell | undefined> }>;
  };
  total: number;
}

const NO_AUDIENCE = 'none';

/** Builds /recommendations from the indexed recommendations and the filters. Pure. */
export function buildRecommendationsPage(
  records: readonly RecommendationRecord[], filters: RecommendationFilters, taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate,
): RecommendationsPageModel {
  const audienceIds = taxonomy.vocabularies.audience.values.map((value) => value.id);
  const shown = pickOnePerRecommendation(records, language)
    .filter((record) => filters.audience.length === 0 || record.audience.some((id) => filters.audience.includes(id)))
    .sort((a, b) => a.title.localeCompare(b.title, language));
  const item = (record: RecommendationRecord): RecommendationItem => ({
    slug: record.slug, title: record.title, summary: record.summary, language: record.language, url: `/notes/${record.slug}`,
    implementationSummary: summariseImplementation(record.implementation, t),
  });

  const groups = [...audienceIds, NO_AUDIENCE]
    .filter((id) => filters.audience.length === 0 || filters.audience.includes(id))
    .map((id) => {
      const entry = taxonomy.vocabularies.audience.values.find((value) => value.id === id);
      return {
        id,
        label: id === NO_AUDIENCE ? t('recommendations.noAudience') : labelOf(taxonomy, 'audience', id, language),
        definition: (entry ? textOf(entry, language).definition : ''),
        recommendations: shown.filter((record) => (id === NO_AUDIENCE ? record.audience.length === 0 : record.audience.includes(id))).map(item),
      };
    })
    .filter((group) => group.recommendations.length > 0);

  const inRegion = (code: string) => filters.world_regions.length === 0 || filters.world_regions.includes(worldRegionOf(code) ?? '');
  const codes = [...new Set(shown.flatMap((record) => record.implementation.map((entry) => entry.jurisdiction)))].filter(inRegion);
  const columns = codes
    .map((code) => ({ code, name: nameJurisdiction(code, language, taxonomy.jurisdictionNames), url: profileUrl(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, language));
  const rows = shown
    .map((record) => ({
      slug: record.slug, title: record.title, language: record.language, url: `/notes/${record.slug}`,
      cells: columns.map(({ code }) => {
        const entry = record.implementation.find((candidate) => candidate.jurisdiction === code);
        return entry ? toCell(entry, taxonomy, language, t) : undefined;
      }),
    }))
    .filter((row) => row.cells.some(Boolean) || filters.world_regions.length === 0);

  const option = (field: 'audience' | 'world_regions', id: string): FilterOption => ({ id, label: labelOf(taxonomy, field, id, language), checked: filters[field].includes(id) });
  return {
    filters: {
      audience: audienceIds.map((id) => option('audience', id)),
      world_regions: taxonomy.vocabularies.world_regions.values.map((value) => option('world_regions', value.id)),
    },
    hasFilters: filters.audience.length + filters.world_regions.length > 0,
    groups,
    tracker: { columns, rows },
    total: shown.length,
  };
}

/** The JSON of /api/recommendations (docs/contract.md §4; shape fixed by issue 12). */
export function toRecommendationsJson(records: readonly RecommendationRecord[]) {
  return {
    recommendations: records.map((record) => ({
      slug: record.slug,
      title: record.title,
      url: `/notes/${record.slug}`,
      audience: record.audience,
      rests_on: record.rests_on,
      implementation: record.implementation.map((entry) => ({ jurisdiction: entry.jurisdiction, status: entry.status, as_of: entry.as_of, source: entry.source ?? null })),
    })),
  };
}

/** The newest status changes first, for the Atom feed: one entry per tracker row, dated by as_of. */
export function listStatusChanges(records: readonly RecommendationRecord[], taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate, limit: number) {
  return pickOnePerRecommendation(records, language)
    .flatMap((record) => record.implementation.map((entry) => ({
      slug: record.slug,
      title: `${nameJurisdiction(entry.jurisdiction, language, taxonomy.jurisdictionNames)}: ${labelStatus(entry.status, t)} — ${record.title}`,
      summary: entry.source ? t('recommendations.feedSource', { source: entry.source.title }) : t('recommendations.feedNoSource'),
      lastReviewed: entry.as_of,
      // A new status or date is a new entry, so readers see every change.
      anchor: `tracker-${entry.jurisdiction}-${entry.status}-${entry.as_of}`,
    })))
    .sort((a, b) => b.lastReviewed.localeCompare(a.lastReviewed) || a.title.localeCompare(b.title))
    .slice(0, limit);
}
