import { createRequire } from 'node:module';
import { iso31661, iso31662 } from 'iso-3166';
import { distance } from 'fastest-levenshtein';

/*
 * Jurisdiction codes and their UN M49 world regions, from maintained data packages rather than a list
 * of our own: `iso-3166` (ISO 3166-1 and 3166-2, including the BS 6879 code GB-EAW) and
 * `world-countries` (each country's UN geoscheme region).
 */

/** The code for guidance that is not specific to one state. */
export const INTERNATIONAL = 'INT';

// world-countries ships its ESM entry without JSON import attributes, which Node rejects; its CJS entry works.
const countries = createRequire(import.meta.url)('world-countries') as Array<{ cca2: string; region: string }>;

const COUNTRIES = new Map(iso31661.map((country) => [country.alpha2, country.name]));
const SUBDIVISIONS = new Map(iso31662.map((subdivision) => [subdivision.code, subdivision]));
const REGION_BY_COUNTRY = new Map(countries.map((country) => [country.cca2, country.region.toLowerCase()]));
const M49_REGIONS = new Set(['africa', 'americas', 'asia', 'europe', 'oceania']);

/** True for INT, an ISO 3166-1 alpha-2 code or an ISO 3166-2 subdivision code. */
export function isJurisdictionCode(code: string): boolean {
  return code === INTERNATIONAL || COUNTRIES.has(code) || SUBDIVISIONS.has(code);
}

/** The ISO 3166-1 country a jurisdiction belongs to (`GB-SCT` → `GB`), or undefined for INT. */
export function countryOf(code: string): string | undefined {
  if (COUNTRIES.has(code)) return code;
  return SUBDIVISIONS.get(code)?.parent;
}

/** The derived `world_regions` id of a jurisdiction: an M49 region, or `global` for INT. */
export function worldRegionOf(code: string): string | undefined {
  if (code === INTERNATIONAL) return 'global';
  const country = countryOf(code);
  const region = country ? REGION_BY_COUNTRY.get(country) : undefined;
  return region && M49_REGIONS.has(region) ? region : undefined;
}

const regionNames = new Map<string, Intl.DisplayNames>();

/**
 * A jurisdiction's name in `language`: the taxonomy's own name if it has one (subdivisions, INT),
 * else the platform's country name (Intl.DisplayNames), else the ISO English name with its country.
 */
export function nameJurisdiction(code: string, language: string, names: Readonly<Record<string, Record<string, string>>> = {}): string {
  const own = names[code]?.[language] ?? names[code]?.en;
  if (own) return own;
  let displayNames = regionNames.get(language);
  if (!displayNames) {
    displayNames = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    regionNames.set(language, displayNames);
  }
  if (COUNTRIES.has(code)) return displayNames.of(code) ?? COUNTRIES.get(code) ?? code;
  const subdivision = SUBDIVISIONS.get(code);
  if (!subdivision) return code;
  return `${subdivision.name} (${displayNames.of(subdivision.parent) ?? subdivision.parent})`;
}

/** The English name of a jurisdiction code from the ISO data (used in hints). */
export function jurisdictionName(code: string): string | undefined {
  if (code === INTERNATIONAL) return 'International';
  return COUNTRIES.get(code) ?? SUBDIVISIONS.get(code)?.name;
}

const COMMON_MISTAKES: Record<string, string> = {
  UK: 'UK is not an ISO code: use GB-EAW (England and Wales), GB-SCT (Scotland), GB-NIR (Northern Ireland) or GB',
  EU: 'EU is a region, not a jurisdiction: put EU under regions and list the member states (or INT) here',
  COE: 'COE is a region, not a jurisdiction: put it under regions and use INT here',
  EN: 'EN is not a country code: England and Wales is GB-EAW',
};

/** A fix for an unknown jurisdiction: a known mistake, a country named in full, or the closest codes. */
export function suggestJurisdiction(value: string): string {
  const upper = value.trim().toUpperCase();
  if (COMMON_MISTAKES[upper]) return COMMON_MISTAKES[upper];
  if (isJurisdictionCode(upper)) return `codes are upper case: write ${upper}`;
  const byName =
    [...COUNTRIES].find(([, name]) => name.toLowerCase() === value.trim().toLowerCase()) ??
    [...SUBDIVISIONS.values()].map((s) => [s.code, s.name] as const).find(([, name]) => name.toLowerCase() === value.trim().toLowerCase());
  if (byName) return `write the code ${byName[0]} for ${byName[1]}`;
  const candidates = [...COUNTRIES.keys(), INTERNATIONAL, 'GB-EAW', 'GB-SCT', 'GB-NIR'];
  const closest = candidates
    .map((code) => ({ code, score: distance(upper, code) }))
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map(({ code }) => `${code} (${jurisdictionName(code)})`);
  return `use INT, an ISO 3166-1 alpha-2 code or an ISO 3166-2 code; closest: ${closest.join(', ')}`;
}

/** Every jurisdiction a contributor may pick from a list: INT, each ISO 3166-1 country, and the subdivisions the taxonomy names (GB-EAW…). */
export function pickableJurisdictions(namedSubdivisions: Iterable<string> = []): string[] {
  return [INTERNATIONAL, ...COUNTRIES.keys(), ...[...namedSubdivisions].filter((code) => code !== INTERNATIONAL && isJurisdictionCode(code))];
}
