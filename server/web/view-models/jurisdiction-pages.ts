import type { Authority } from '../../content/authority.js';
import { appliesThroughInstruments, namesJurisdiction } from '../../content/applies-in.js';
import { regionalSystemsOf } from '../../content/regional-systems.js';
import type { PublishedNote } from '../../content/knowledge-base.js';
import { countryOf, INTERNATIONAL, isJurisdictionCode, nameJurisdiction, worldRegionOf } from '../../content/jurisdictions.js';
import { POLICY_RECOMMENDATION } from '../../content/note-schema.js';
import { labelOf, type Taxonomy, vocabularyLabel } from '../../content/taxonomy.js';
import type { RecommendationRecord } from '../../search/note-index.js';
import { countNotes, formatNumber, type InterfaceLanguage, type Translate } from '../i18n.js';
import { toSearchUrl } from '../search-params.js';
import { buildTrackerRow, pickOnePerRecommendation, profileUrl, type TrackerCell } from './recommendations-page.js';

/**
 * Normalises a code from an address: `gb-eaw` → `GB-EAW`. Undefined when it cannot be a
 * jurisdiction code at all (so hostile input never reaches a lookup).
 */
export function parseJurisdictionCode(raw: string): string | undefined {
  if (raw.length > 10 || !/^[A-Za-z0-9-]+$/.test(raw)) return undefined;
  const code = raw.toUpperCase();
  return isJurisdictionCode(code) ? code : undefined;
}

/** Every jurisdiction the knowledge base mentions: in a note's jurisdictions or a recommendation's tracker. */
export function listJurisdictions(notes: readonly PublishedNote[], records: readonly RecommendationRecord[] = []): Set<string> {
  const codes = new Set<string>();
  for (const note of notes) {
    for (const code of note.jurisdictions) codes.add(code);
    for (const entry of note.implementation ?? []) codes.add(entry.jurisdiction);
  }
  for (const record of records) for (const entry of record.implementation) codes.add(entry.jurisdiction);
  return codes;
}

/** Everything views/jurisdictions.ejs shows. */
export interface JurisdictionsPageModel {
  regions: Array<{ id: string; label: string; jurisdictions: Array<{ code: string; name: string; url: string; notes: string; recommendations: number }> }>;
  total: number;
}

/** /jurisdictions: every jurisdiction by world region, with its number of notes and tracked recommendations. Pure. */
export function buildJurisdictionsPage(
  notes: readonly PublishedNote[],
  records: readonly RecommendationRecord[],
  taxonomy: Taxonomy,
  language: InterfaceLanguage,
): JurisdictionsPageModel {
  const codes = listJurisdictions(notes, records);
  const noteCounts = new Map<string, number>();
  for (const note of notes) for (const code of note.jurisdictions) noteCounts.set(code, (noteCounts.get(code) ?? 0) + 1);
  const tracked = new Map<string, number>();
  for (const record of pickOnePerRecommendation(records, language))
    for (const entry of record.implementation) tracked.set(entry.jurisdiction, (tracked.get(entry.jurisdiction) ?? 0) + 1);

  const regions = taxonomy.vocabularies.world_regions.values
    .map((region) => ({
      id: region.id,
      label: labelOf(taxonomy, 'world_regions', region.id, language),
      jurisdictions: [...codes]
        .filter((code) => worldRegionOf(code) === region.id)
        .map((code) => ({
          code,
          name: nameJurisdiction(code, language, taxonomy.jurisdictionNames),
          url: profileUrl(code),
          notes: countNotes(noteCounts.get(code) ?? 0, language),
          recommendations: tracked.get(code) ?? 0,
        }))
        .sort((a, b) => a.name.localeCompare(b.name, language)),
    }))
    .filter((region) => region.jurisdictions.length > 0);
  return { regions, total: codes.size };
}

/** A note listed on a profile. */
export interface ProfileNote {
  slug: string;
  title: string;
  language: string;
  url: string;
  jurisdictions: string;
}

/** An authority from the jurisdiction (knowledge/authorities/, docs/contract.md §3). */
export interface ProfileAuthority {
  id: string;
  title: string;
  citation: string;
  url: string;
}

/** Everything views/jurisdiction.ejs shows. */
export interface JurisdictionProfileModel {
  code: string;
  name: string;
  worldRegion: { label: string; url: string } | undefined;
  /** The country a subdivision belongs to, when it has its own profile. */
  country: { name: string; url: string } | undefined;
  /** The regional systems its state takes part in, whose notes apply here (content/applies-in.ts). */
  regionalSystems: string[];
  legislation: ProfileNote[];
  cases: ProfileNote[];
  practice: ProfileNote[];
  /** Notes that apply here through an international or regional instrument, without naming it (content/applies-in.ts). */
  international: ProfileNote[];
  /** Statuses of the recommendations tracked here; undefined while the search engine cannot say. */
  recommendations: Array<{ slug: string; title: string; language: string; url: string; cell: TrackerCell }> | undefined;
  /** Authorities from this jurisdiction, newest first. */
  authorities: ProfileAuthority[];
  /** For each list cut at PROFILE_LIST_LIMIT: how many more, and the search that shows them all. */
  more: Partial<Record<'legislation' | 'cases' | 'practice' | 'international', { label: string; url: string }>>;
  gaps: Array<{ field: string; label: string; values: Array<{ id: string; label: string; browseUrl: string }> }>;
  searchUrl: string;
  contributeUrl: string;
}

const GAP_FACETS = ['evidence_types', 'victim_centred_techniques'] as const;

/** Notes a profile lists under each heading; the rest are one search away (a country with thousands of notes must not make a page of megabytes). */
export const PROFILE_LIST_LIMIT = 30;

/** Builds a country profile from the notes in memory and the indexed recommendations (undefined if the engine is down). Pure. */
export function buildJurisdictionProfile(
  code: string,
  context: {
    notes: readonly PublishedNote[];
    records: readonly RecommendationRecord[] | undefined;
    taxonomy: Taxonomy;
    language: InterfaceLanguage;
    t: Translate;
    hasProfile: (code: string) => boolean;
    authorities?: readonly Pick<Authority, 'id' | 'title' | 'citation' | 'jurisdiction' | 'date'>[];
  },
): JurisdictionProfileModel {
  const { taxonomy, language, t } = context;
  const name = (value: string) => nameJurisdiction(value, language, taxonomy.jurisdictionNames);
  const toProfileNote = (note: PublishedNote): ProfileNote => ({
    slug: note.slug,
    title: note.title,
    language: note.language,
    url: `/notes/${note.slug}`,
    jurisdictions: note.jurisdictions.map(name).join(', '),
  });
  const byTitle = (a: PublishedNote, b: PublishedNote) => a.title.localeCompare(b.title, language);

  const own = context.notes.filter((note) => namesJurisdiction(note, code) && note.content_type !== POLICY_RECOMMENDATION).sort(byTitle);
  const regionalSystems = code === INTERNATIONAL ? [] : regionalSystemsOf(code);
  const international =
    code === INTERNATIONAL
      ? []
      : context.notes.filter((note) => appliesThroughInstruments(note, code) && note.content_type !== POLICY_RECOMMENDATION).sort(byTitle);

  const covered = (field: (typeof GAP_FACETS)[number], id: string) => own.some((note) => note[field].includes(id));
  const lists = {
    legislation: own.filter((note) => note.content_type === 'legislation-note'),
    cases: own.filter((note) => note.content_type === 'case-summary'),
    practice: own.filter((note) => note.content_type !== 'legislation-note' && note.content_type !== 'case-summary'),
    international,
  };
  const searchFor = (filters: Record<string, string[]>) => toSearchUrl({ text: '', filters, sort: 'relevance', page: 1 });
  const moreSearches: Record<keyof typeof lists, string> = {
    legislation: searchFor({ jurisdictions: [code], content_type: ['legislation-note'] }),
    cases: searchFor({ jurisdictions: [code], content_type: ['case-summary'] }),
    practice: searchFor({ jurisdictions: [code] }),
    international: searchFor({ jurisdictions: [code] }),
  };
  const more: JurisdictionProfileModel['more'] = {};
  for (const key of Object.keys(lists) as Array<keyof typeof lists>) {
    const hidden = lists[key].length - PROFILE_LIST_LIMIT;
    if (hidden > 0) more[key] = { label: t('jurisdictions.more', { count: formatNumber(hidden, language) }), url: moreSearches[key] };
  }
  const shown = (notes: readonly PublishedNote[]) => notes.slice(0, PROFILE_LIST_LIMIT).map(toProfileNote);
  const region = worldRegionOf(code);
  const country = countryOf(code);
  return {
    code,
    name: name(code),
    worldRegion: region ? { label: labelOf(taxonomy, 'world_regions', region, language), url: '/jurisdictions' + `#region-${region}` } : undefined,
    country: country && country !== code && context.hasProfile(country) ? { name: name(country), url: profileUrl(country) } : undefined,
    regionalSystems: regionalSystems.map((id) => labelOf(taxonomy, 'regions', id, language)),
    legislation: shown(lists.legislation),
    cases: shown(lists.cases),
    practice: shown(lists.practice),
    international: shown(lists.international),
    more,
    recommendations: (context.records ? pickOnePerRecommendation(context.records, language) : undefined)
      ?.flatMap((record) => {
        const entry = record.implementation.find((candidate) => candidate.jurisdiction === code);
        return entry
          ? [
              {
                slug: record.slug,
                title: record.title,
                language: record.language,
                url: `/notes/${record.slug}`,
                cell: buildTrackerRow([entry], taxonomy, language, t)[0]!,
              },
            ]
          : [];
      })
      .sort((a, b) => a.title.localeCompare(b.title, language)),
    authorities: (context.authorities ?? [])
      .filter((authority) => authority.jurisdiction === code)
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title, language))
      .map((authority) => ({ id: authority.id, title: authority.title, citation: authority.citation, url: `/authorities/${authority.id}` })),
    gaps: GAP_FACETS.map((field) => ({
      field,
      label: vocabularyLabel(taxonomy, field, language),
      values: taxonomy.vocabularies[field].values
        .filter((value) => !covered(field, value.id))
        .map((value) => ({ id: value.id, label: labelOf(taxonomy, field, value.id, language), browseUrl: `/browse/${field}/${value.id}` })),
    })),
    searchUrl: toSearchUrl({ text: '', filters: { jurisdictions: [code] }, sort: 'relevance', page: 1 }),
    contributeUrl: '/contribute',
  };
}
