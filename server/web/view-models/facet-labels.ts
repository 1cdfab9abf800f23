import { nameJurisdiction, worldRegionOf } from '../../content/jurisdictions.js';
import { FACETS, isVocabularyFacet, LEGAL_AUTHORITY_BASES, type FacetField, type VocabularyFacet } from '../../content/note-schema.js';
import { labelOf, type Taxonomy, textOf, vocabularyLabel } from '../../content/taxonomy.js';
import { INTERFACE_LANGUAGES, type InterfaceLanguage, type MessageKey, type Translate } from '../i18n.js';

// Each interface language's names of languages: a constant of the code (three formatters, built at
// start), not a cache: Intl.DisplayNames is slow to build and fast to ask.
const LANGUAGE_NAMES = Object.fromEntries(
  INTERFACE_LANGUAGES.map((language) => [language, new Intl.DisplayNames([language], { type: 'language', fallback: 'code' })]),
) as Record<InterfaceLanguage, Intl.DisplayNames>;

// The message naming each facet that is not a vocabulary (a vocabulary's name is in taxonomy.yml): a
// facet added to NOTE_FIELDS without its name here, or without that message in en.json, is a type error.
const FACET_NAMES: Record<Exclude<FacetField, VocabularyFacet>, MessageKey> = {
  jurisdictions: 'facet.jurisdictions',
  language: 'facet.language',
  cross_border: 'facet.cross_border',
  tech_facilitated: 'facet.tech_facilitated',
  review_due: 'facet.review_due',
};

/** The facet's name in the reader's language: from taxonomy.yml for vocabularies, else from the messages. */
export function labelFacet(field: string, language: InterfaceLanguage, taxonomy: Taxonomy, t: Translate): string {
  if (isVocabularyFacet(field)) return vocabularyLabel(taxonomy, field, language);
  const key = (FACET_NAMES as Partial<Record<string, MessageKey>>)[field];
  return key ? t(key) : field;
}

/** A facet value's label in the reader's language. */
export function labelFacetValue(field: string, value: string, language: InterfaceLanguage, taxonomy: Taxonomy, t: Translate): string {
  if (isVocabularyFacet(field)) return labelOf(taxonomy, field, value, language);
  const kind = FACETS.find((facet) => facet.field === field)?.kind;
  if (kind === 'jurisdiction') return nameJurisdiction(value, language, taxonomy.jurisdictionNames);
  if (kind === 'boolean') return t(value === 'true' ? 'facet.true' : 'facet.false');
  if (kind === 'language') return labelLanguage(value, language);
  return value;
}

/** A language's own name as the reader would say it ("French" / "français" / "francés"), capitalised. */
export function labelLanguage(code: string, language: InterfaceLanguage): string {
  let name: string;
  try {
    name = LANGUAGE_NAMES[language].of(code) ?? code;
  } catch {
    // Not a well-formed language tag (a contributor's typo): show it as written.
    return code;
  }
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

/** The evidence-basis badge: label, axis, and the definition as its explanation. */
export interface BasisBadge {
  id: string;
  label: string;
  axis: 'legal' | 'empirical';
  axisLabel: string;
  definition: string;
}

/** Builds the badge for an evidence_basis id. */
export function basisBadge(id: string, language: InterfaceLanguage, taxonomy: Taxonomy, t: Translate): BasisBadge {
  const axis = LEGAL_AUTHORITY_BASES.includes(id) ? 'legal' : 'empirical';
  const entry = taxonomy.vocabularies.evidence_basis.values.find((value) => value.id === id);
  return {
    id,
    label: labelOf(taxonomy, 'evidence_basis', id, language),
    axis,
    axisLabel: t(axis === 'legal' ? 'basis.axis.legal' : 'basis.axis.empirical'),
    definition: entry ? textOf(entry, language).definition : '',
  };
}

/** The world region a jurisdiction falls in, for grouping the jurisdiction facet. */
export function regionOfJurisdiction(code: string): string {
  return worldRegionOf(code) ?? 'global';
}
