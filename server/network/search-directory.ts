import { nameJurisdiction, worldRegionOf } from '../content/jurisdictions.js';
import { regionalSystemsOf } from '../content/regional-systems.js';
import { labelOf, type Taxonomy } from '../content/taxonomy.js';
import { EXPERTISE_FACETS, expertiseFacetOf, nameLanguage, type Profile } from './profile.js';

/*
 * The members' directory is small (hundreds of people, not millions of notes) and private: it is
 * searched here, in memory, on each request, and never goes near the search engine, whose index,
 * feeds and API are public.
 */

/** The directory's filters, read strictly from the query string. */
export interface DirectoryQuery {
  q: string;
  jurisdiction: string | undefined;
  /** A world region (africa, europe, …) or a regional system (ECOWAS, EU, …). */
  region: string | undefined;
  language: string | undefined;
  expertise: string | undefined;
}

function single(value: unknown, pattern: RegExp): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && pattern.test(first) ? first : undefined;
}

/** Reads ?q=&jurisdiction=&region=&language=&expertise=; anything malformed is ignored. */
export function readDirectoryQuery(query: Record<string, unknown>): DirectoryQuery {
  const q = Array.isArray(query.q) ? query.q[0] : query.q;
  return {
    q: typeof q === 'string' ? q.trim().slice(0, 200) : '',
    jurisdiction: single(query.jurisdiction, /^(INT|[A-Z]{2}(-[A-Z0-9]{1,3})?)$/),
    region: single(query.region, /^[A-Za-z]{2,10}$/),
    language: single(query.language, /^[a-z]{2}$/),
    expertise: single(query.expertise, /^[a-z0-9]+(-[a-z0-9]+)*$/),
  };
}

/** True when one of the profile's jurisdictions lies in the world region or regional system. */
export function inRegion(profile: Pick<Profile, 'jurisdictions'>, region: string): boolean {
  return profile.jurisdictions.some((code) => worldRegionOf(code) === region || regionalSystemsOf(code).includes(region));
}

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
const words = (value: string) =>
  fold(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1);

// Words that say nothing about a person ("who knows … in …"), in the interface languages.
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'the',
  'of',
  'in',
  'on',
  'for',
  'to',
  'with',
  'who',
  'knows',
  'know',
  'about',
  'someone',
  'anyone',
  'expert',
  'experts',
  'experience',
  'is',
  'at',
  'or',
  'me',
  'qui',
  'connait',
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'en',
  'et',
  'un',
  'une',
  'au',
  'aux',
  'sur',
  'pour',
  'avec',
  'ou',
  'quien',
  'conoce',
  'sabe',
  'el',
  'los',
  'las',
  'del',
  'y',
  'o',
  'por',
  'para',
  'con',
  'una',
  'uno',
  'sobre',
]);

/** Everything a profile may be found by, as folded words: names, places, languages and expertise in every interface language. */
function haystack(profile: Profile, taxonomy: Taxonomy): Set<string> {
  const languages = taxonomy.languages;
  const parts = [profile.displayName, profile.position, profile.organisation, profile.bio, profile.handle];
  for (const code of profile.jurisdictions) {
    parts.push(code);
    for (const language of languages) parts.push(nameJurisdiction(code, language, taxonomy.jurisdictionNames));
    const region = worldRegionOf(code);
    if (region) for (const language of languages) parts.push(labelOf(taxonomy, 'world_regions', region, language));
    for (const system of regionalSystemsOf(code)) {
      parts.push(system);
      for (const language of languages) parts.push(labelOf(taxonomy, 'regions', system, language));
    }
  }
  for (const code of profile.languages) for (const language of languages) parts.push(nameLanguage(code, language));
  for (const id of profile.expertise) {
    const facet = expertiseFacetOf(taxonomy, id);
    parts.push(id);
    if (facet) for (const language of languages) parts.push(labelOf(taxonomy, facet, id, language));
  }
  return new Set(parts.flatMap(words));
}

/**
 * The profiles that pass every filter, and, with a search, those that match at least one of its
 * words (a word matches the start of a word of the profile: "financ" finds "financial"), most
 * matched words first. Plain matching is enough for a directory of this size.
 */
export function searchDirectory(profiles: readonly Profile[], query: DirectoryQuery, taxonomy: Taxonomy): Profile[] {
  const filtered = profiles.filter(
    (profile) =>
      (!query.jurisdiction || profile.jurisdictions.includes(query.jurisdiction)) &&
      (!query.region || inRegion(profile, query.region)) &&
      (!query.language || profile.languages.includes(query.language)) &&
      (!query.expertise || profile.expertise.includes(query.expertise)),
  );
  const wanted = [...new Set(words(query.q))].filter((word) => !STOP_WORDS.has(word));
  if (wanted.length === 0) return filtered;
  return filtered
    .map((profile) => {
      const found = [...haystack(profile, taxonomy)];
      return { profile, score: wanted.filter((word) => found.some((candidate) => candidate.startsWith(word))).length };
    })
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score)
    .map(({ profile }) => profile);
}

/** The expertise vocabularies with their ids, labelled, for pickers and filters. */
export function expertiseGroups(
  taxonomy: Taxonomy,
  language: string,
): Array<{ facet: string; label: string; values: Array<{ id: string; label: string; definition: string }> }> {
  return EXPERTISE_FACETS.map((facet) => ({
    facet,
    label: taxonomy.vocabularies[facet].label[language] ?? taxonomy.vocabularies[facet].label.en ?? facet,
    values: taxonomy.vocabularies[facet].values.map((value) => ({
      id: value.id,
      label: value.text[language]?.label ?? value.text.en?.label ?? value.id,
      definition: value.text[language]?.definition ?? value.text.en?.definition ?? '',
    })),
  }));
}
