import { nameJurisdiction, worldRegionOf } from '../../content/jurisdictions.js';
import { IMPLEMENTATION_STATUSES } from '../../content/note-schema.js';
import { labelOf, type Taxonomy } from '../../content/taxonomy.js';
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
    const family = [
      record,
      ...Object.values(record.translations)
        .map((slug) => bySlug.get(slug))
        .filter((member): member is RecommendationRecord => !!member),
    ];
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
  /** A sign that tells the statuses apart without colour (✓ ◐ ✕ ?); decorative, the label says it. */
  icon: string;
  asOf: string;
  /** "as of 12 May 2026" for a checked status; none for "not yet checked", whose date says nothing of a check. */
  asOfLabel: string | undefined;
  source: { title: string; url: string } | undefined;
}

const ICONS: Readonly<Record<string, string>> = { adopted: '✓', partly: '◐', 'not-adopted': '✕', unknown: '?' };

/** The status's name in the reader's language ("Not yet checked" for unknown). */
export function labelStatus(status: string, t: Translate): string {
  return (IMPLEMENTATION_STATUSES as readonly string[]).includes(status) ? t(`status.${status}` as MessageKey) : status;
}

/** A jurisdiction's profile page. */
export function profileUrl(code: string): string {
  return `/jurisdictions/${encodeURIComponent(code)}`;
}

/** A recommendation's tracker row, ordered by jurisdiction name. Pure. */
export function buildTrackerRow(implementation: readonly ImplementationEntry[], taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): TrackerCell[] {
  return implementation.map((entry) => toCell(entry, taxonomy, language, t)).sort((a, b) => a.jurisdictionName.localeCompare(b.jurisdictionName, language));
}

function toCell(entry: ImplementationEntry, taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): TrackerCell {
  return {
    jurisdiction: entry.jurisdiction,
    jurisdictionName: nameJurisdiction(entry.jurisdiction, language, taxonomy.jurisdictionNames),
    profileUrl: profileUrl(entry.jurisdiction),
    status: entry.status,
    statusLabel: labelStatus(entry.status, t),
    icon: ICONS[entry.status] ?? '',
    asOf: entry.as_of,
    asOfLabel: entry.status === 'unknown' ? undefined : t('recommendations.asOf', { date: formatDate(entry.as_of, language) }),
    source: entry.status === 'unknown' ? undefined : entry.source,
  };
}

/** How many tracked jurisdictions have each status, in the statuses' order, leaving out those with none. */
export function countStatuses(implementation: readonly ImplementationEntry[], t: Translate): Array<{ status: string; label: string; count: number }> {
  return IMPLEMENTATION_STATUSES.map((status) => ({
    status,
    label: t(`recommendations.countOf.${status}` as MessageKey),
    count: implementation.filter((entry) => entry.status === status).length,
  })).filter((entry) => entry.count > 0);
}

/** "Adopted 2 · partly 1 · not yet checked 4": every status counted, so "not yet checked" is never read as "not adopted". */
export function summariseImplementation(implementation: readonly ImplementationEntry[], t: Translate): string {
  if (implementation.length === 0) return t('recommendations.untracked');
  return capitalise(
    countStatuses(implementation, t)
      .map((entry) => `${entry.label} ${entry.count}`)
      .join(' · '),
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** A recommendation in the list: once, with its audiences as tags and its statuses counted. */
export interface RecommendationItem {
  slug: string;
  title: string;
  summary: string;
  language: string;
  url: string;
  audiences: Array<{ id: string; label: string; url: string }>;
  counts: Array<{ status: string; label: string; count: number }>;
  implementationSummary: string;
}

/** A checkbox of the filter form. */
export interface FilterOption {
  id: string;
  label: string;
  checked: boolean;
}

/** A jurisdiction's column of the tracker, and the same read as a list on a phone. */
export interface TrackerJurisdiction {
  code: string;
  name: string;
  url: string;
  entries: Array<{ slug: string; title: string; language: string; url: string; cell: TrackerCell }>;
  /** "Adopted 2 · not yet checked 5": the jurisdiction's statuses counted, shown while its list is folded. */
  summary: string;
}

/** Everything views/recommendations.ejs shows. */
export interface RecommendationsPageModel {
  filters: { audience: FilterOption[]; world_regions: FilterOption[] };
  hasFilters: boolean;
  /** Each status with its sign and what it means, shown above the tracker. */
  legend: Array<{ status: string; label: string; icon: string; definition: string }>;
  recommendations: RecommendationItem[];
  tracker: {
    columns: Array<{ code: string; name: string; url: string }>;
    rows: Array<{ slug: string; title: string; language: string; url: string; cells: Array<TrackerCell | undefined> }>;
    /** The same statuses by jurisdiction, for narrow screens. */
    jurisdictions: TrackerJurisdiction[];
  };
  total: number;
}

/** Builds /recommendations from the indexed recommendations and the filters. Pure. */
export function buildRecommendationsPage(
  records: readonly RecommendationRecord[],
  filters: RecommendationFilters,
  taxonomy: Taxonomy,
  language: InterfaceLanguage,
  t: Translate,
): RecommendationsPageModel {
  const audienceIds = taxonomy.vocabularies.audience.values.map((value) => value.id);
  const shown = pickOnePerRecommendation(records, language)
    .filter((record) => filters.audience.length === 0 || record.audience.some((id) => filters.audience.includes(id)))
    .sort((a, b) => a.title.localeCompare(b.title, language));
  const recommendations = shown.map((record): RecommendationItem => ({
    slug: record.slug,
    title: record.title,
    summary: record.summary,
    language: record.language,
    url: `/notes/${record.slug}`,
    audiences: record.audience.map((id) => ({
      id,
      label: labelOf(taxonomy, 'audience', id, language),
      url: `/recommendations?audience=${encodeURIComponent(id)}`,
    })),
    counts: countStatuses(record.implementation, t).map((entry, index) => (index === 0 ? { ...entry, label: capitalise(entry.label) } : entry)),
    implementationSummary: summariseImplementation(record.implementation, t),
  }));

  const inRegion = (code: string) => filters.world_regions.length === 0 || filters.world_regions.includes(worldRegionOf(code) ?? '');
  const codes = [...new Set(shown.flatMap((record) => record.implementation.map((entry) => entry.jurisdiction)))].filter(inRegion);
  const columns = codes
    .map((code) => ({ code, name: nameJurisdiction(code, language, taxonomy.jurisdictionNames), url: profileUrl(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, language));
  const rows = shown
    .map((record) => ({
      slug: record.slug,
      title: record.title,
      language: record.language,
      url: `/notes/${record.slug}`,
      cells: columns.map(({ code }) => {
        const entry = record.implementation.find((candidate) => candidate.jurisdiction === code);
        return entry ? toCell(entry, taxonomy, language, t) : undefined;
      }),
    }))
    .filter((row) => row.cells.some(Boolean) || filters.world_regions.length === 0);
  const jurisdictions = columns.map((column, index) => {
    const entries = rows.flatMap((row) =>
      row.cells[index] ? [{ slug: row.slug, title: row.title, language: row.language, url: row.url, cell: row.cells[index]! }] : [],
    );
    return {
      ...column,
      entries,
      summary: summariseImplementation(
        entries.map((entry) => ({ jurisdiction: column.code, status: entry.cell.status, as_of: entry.cell.asOf })),
        t,
      ),
    };
  });

  const option = (field: 'audience' | 'world_regions', id: string): FilterOption => ({
    id,
    label: labelOf(taxonomy, field, id, language),
    checked: filters[field].includes(id),
  });
  return {
    filters: {
      audience: audienceIds.map((id) => option('audience', id)),
      world_regions: taxonomy.vocabularies.world_regions.values.map((value) => option('world_regions', value.id)),
    },
    hasFilters: filters.audience.length + filters.world_regions.length > 0,
    legend: IMPLEMENTATION_STATUSES.map((status) => ({
      status,
      label: labelStatus(status, t),
      icon: ICONS[status] ?? '',
      definition: t(`recommendations.legend.${status}` as MessageKey),
    })),
    recommendations,
    tracker: { columns, rows, jurisdictions },
    total: shown.length,
  };
}

/** The JSON of /api/recommendations (docs/contract.md §4; its shape is public). */
export function toRecommendationsJson(records: readonly RecommendationRecord[]) {
  return {
    recommendations: records.map((record) => ({
      slug: record.slug,
      title: record.title,
      url: `/notes/${record.slug}`,
      audience: record.audience,
      rests_on: record.rests_on,
      implementation: record.implementation.map((entry) => ({
        jurisdiction: entry.jurisdiction,
        status: entry.status,
        as_of: entry.as_of,
        source: entry.source ?? null,
      })),
    })),
  };
}

/** The newest status changes first, for the Atom feed: one entry per tracker row, dated by as_of. */
export function listStatusChanges(records: readonly RecommendationRecord[], taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate, limit: number) {
  return pickOnePerRecommendation(records, language)
    .flatMap((record) =>
      record.implementation.map((entry) => ({
        slug: record.slug,
        title: `${nameJurisdiction(entry.jurisdiction, language, taxonomy.jurisdictionNames)}: ${labelStatus(entry.status, t)} — ${record.title}`,
        summary: entry.source ? t('recommendations.feedSource', { source: entry.source.title }) : t('recommendations.feedNoSource'),
        lastReviewed: entry.as_of,
        // A new status or date is a new entry, so readers see every change.
        anchor: `tracker-${entry.jurisdiction}-${entry.status}-${entry.as_of}`,
      })),
    )
    .sort((a, b) => b.lastReviewed.localeCompare(a.lastReviewed) || a.title.localeCompare(b.title))
    .slice(0, limit);
}
