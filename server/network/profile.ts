import { iso31661 } from 'iso-3166';
import { isJurisdictionCode, nameJurisdiction } from '../content/jurisdictions.js';
import { isLanguageCode } from '../content/field-values.js';
import type { Taxonomy } from '../content/taxonomy.js';

/*
 * A member's profile: what they tell the network about themselves. Pure: reading a form into a
 * profile, and the two views of one — everything for signed-in members, and the public view, which
 * carries by construction only name, jurisdictions, languages and expertise (never contact details,
 * organisation or biography), so no page or test can show more by accident.
 */

/** Who may see a profile: signed-in members (the default), or anyone (the public view only). */
export type Visibility = 'members' | 'public';
export const VISIBILITIES: readonly Visibility[] = ['members', 'public'];

/** The vocabularies areas of expertise are drawn from, in display order. */
export const EXPERTISE_FACETS = ['evidence_types', 'victim_centred_techniques', 'exploitation_types'] as const;

/** How a member can be reached: members only, never public. */
export interface ContactDetails {
  email: string;
  phone: string;
  other: string;
}

/** A member's profile as stored under DATA_DIR. */
export interface Profile {
  /** The account's username: the profile's address, /network/<handle>. */
  handle: string;
  displayName: string;
  /** Their role or title ("Senior prosecutor"). */
  position: string;
  organisation: string;
  jurisdictions: string[];
  /** ISO 639-1 codes. */
  languages: string[];
  /** Ids from the evidence-type, technique and exploitation vocabularies. */
  expertise: string[];
  bio: string;
  contact: ContactDetails;
  visibility: Visibility;
  updatedAt: string;
}

/** What anyone may see of a public profile. Built field by field: nothing else can slip through. */
export interface PublicProfile {
  handle: string;
  displayName: string;
  jurisdictions: string[];
  languages: string[];
  expertise: string[];
}

/** The public view of a profile. */
export function publicView(profile: Profile): PublicProfile {
  return {
    handle: profile.handle,
    displayName: profile.displayName,
    jurisdictions: [...profile.jurisdictions],
    languages: [...profile.languages],
    expertise: [...profile.expertise],
  };
}

/** The profile form's fields, as typed (what the form shows again after a problem). */
export interface ProfileForm {
  display_name: string;
  position: string;
  organisation: string;
  jurisdictions: string;
  languages: string;
  expertise: string[];
  bio: string;
  contact_email: string;
  contact_phone: string;
  contact_other: string;
  visibility: string;
}

export type ProfileField = keyof ProfileForm;

/** A problem with one field: a message key and what to fill it with. */
export interface FieldProblem {
  field: ProfileField;
  message: 'required' | 'tooLong' | 'unknownJurisdiction' | 'unknownLanguage' | 'unknownExpertise' | 'badEmail' | 'badVisibility' | 'tooMany';
  value?: string;
  max?: number;
}

const LIMITS: Record<Exclude<ProfileField, 'expertise'>, number> = {
  display_name: 100,
  position: 120,
  organisation: 160,
  jurisdictions: 600,
  languages: 400,
  bio: 1200,
  contact_email: 200,
  contact_phone: 50,
  contact_other: 300,
  visibility: 10,
};
const MAX_LIST = 30;

function text(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  // Control characters other than line breaks never belong in a profile.
  return typeof first === 'string' ? first.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/g, '').trim() : '';
}

function list(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return [
    ...new Set(
      values
        .filter((item): item is string => typeof item === 'string')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ].slice(0, 100);
}

/** Reads a posted form strictly: strings only, trimmed, cut to a sane length; anything else is empty. */
export function readProfileForm(body: Record<string, unknown>): ProfileForm {
  const field = (name: Exclude<ProfileField, 'expertise'>) => text(body[name]).slice(0, LIMITS[name] + 1);
  // Ticked in a picker (one code each) or typed (separated by commas): either way one string.
  const picked = (name: 'jurisdictions' | 'languages') =>
    Array.isArray(body[name])
      ? list(body[name])
          .join(', ')
          .slice(0, LIMITS[name] + 1)
      : field(name);
  return {
    display_name: field('display_name'),
    position: field('position'),
    organisation: field('organisation'),
    jurisdictions: picked('jurisdictions'),
    languages: picked('languages'),
    expertise: list(body.expertise),
    bio: field('bio'),
    contact_email: field('contact_email'),
    contact_phone: field('contact_phone'),
    contact_other: field('contact_other'),
    visibility: field('visibility') || 'members',
  };
}

/** A profile as its form shows it. */
export function profileToForm(profile: Profile): ProfileForm {
  return {
    display_name: profile.displayName,
    position: profile.position,
    organisation: profile.organisation,
    jurisdictions: profile.jurisdictions.join(', '),
    languages: profile.languages.join(', '),
    expertise: profile.expertise,
    bio: profile.bio,
    contact_email: profile.contact.email,
    contact_phone: profile.contact.phone,
    contact_other: profile.contact.other,
    visibility: profile.visibility,
  };
}

/** An empty form: a new member's. */
export function emptyProfileForm(): ProfileForm {
  return readProfileForm({});
}

/** Every expertise id of the three vocabularies, read from the taxonomy (never restated here). */
export function expertiseIds(taxonomy: Taxonomy): Set<string> {
  return new Set(EXPERTISE_FACETS.flatMap((facet) => taxonomy.vocabularies[facet].values.map((value) => value.id)));
}

/** The vocabulary an expertise id belongs to. */
export function expertiseFacetOf(taxonomy: Taxonomy, id: string): (typeof EXPERTISE_FACETS)[number] | undefined {
  return EXPERTISE_FACETS.find((facet) => taxonomy.vocabularies[facet].values.some((value) => value.id === id));
}

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}-]+/gu, ' ')
    .trim();

// Every ISO 639-1 code ICU knows, found by asking it about each pair of letters: no list of our own.
let languageCodes: string[] | undefined;
function allLanguageCodes(): string[] {
  if (!languageCodes) {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    languageCodes = [...letters].flatMap((a) => [...letters].map((b) => a + b)).filter(isLanguageCode);
  }
  return languageCodes;
}

const displayNames = new Map<string, Intl.DisplayNames>();
function languageName(code: string, language: string): string {
  let names = displayNames.get(language);
  if (!names) displayNames.set(language, (names = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' })));
  const name = names.of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

let languageIndex: Map<string, string> | undefined;
function languageByName(): Map<string, string> {
  if (!languageIndex) {
    languageIndex = new Map();
    for (const code of allLanguageCodes()) {
      for (const language of ['en', 'fr', 'es', code]) {
        try {
          languageIndex.set(fold(languageName(code, language)), code);
        } catch {
          // ICU has no locale data to name it in that language.
        }
      }
    }
  }
  return languageIndex;
}

const jurisdictionIndex = new Map<string, Map<string, string>>();
function jurisdictionByName(taxonomy: Taxonomy): Map<string, string> {
  const key = JSON.stringify(Object.keys(taxonomy.jurisdictionNames));
  let index = jurisdictionIndex.get(key);
  if (!index) {
    index = new Map();
    const codes = [...iso31661.map((country) => country.alpha2), ...Object.keys(taxonomy.jurisdictionNames)];
    for (const code of codes) {
      for (const language of ['en', 'fr', 'es']) index.set(fold(nameJurisdiction(code, language, taxonomy.jurisdictionNames)), code);
    }
    for (const country of iso31661) index.set(fold(country.name), country.alpha2);
    jurisdictionIndex.set(key, index);
  }
  return index;
}

function split(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,;\n]+/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

// A plain check: something@something.something, no spaces; the address is for people, not for mail we send.
const EMAIL = /^[^\s@<>"]{1,100}@[^\s@<>"]{1,100}\.[^\s@<>".]{2,}$/;

/** The codes a form's jurisdictions and languages stand for, as far as they can be read (for its pickers' ticks). */
export function pickedCodes(
  form: Pick<ProfileForm, 'jurisdictions' | 'languages'>,
  taxonomy: Taxonomy,
): { jurisdictions: string[]; languages: string[]; otherJurisdictions: string[]; otherLanguages: string[] } {
  const names = jurisdictionByName(taxonomy);
  const jurisdictions = split(form.jurisdictions).map((item) => ({
    item,
    code: isJurisdictionCode(item.toUpperCase()) ? item.toUpperCase() : names.get(fold(item)),
  }));
  const languages = split(form.languages).map((item) => ({
    item,
    code: isLanguageCode(item.toLowerCase()) ? item.toLowerCase() : languageByName().get(fold(item)),
  }));
  return {
    jurisdictions: jurisdictions.flatMap(({ code }) => (code ? [code] : [])),
    languages: languages.flatMap(({ code }) => (code ? [code] : [])),
    // What was typed and matches nothing stays in a text box beside the list, so no answer is lost.
    otherJurisdictions: jurisdictions.flatMap(({ item, code }) => (code ? [] : [item])),
    otherLanguages: languages.flatMap(({ item, code }) => (code ? [] : [item])),
  };
}

/**
 * Checks a posted form: the profile it describes, or the problems beside their fields. Jurisdictions
 * may be codes (GH, GB-EAW, INT) or country names; languages names or ISO 639-1 codes; expertise
 * only ids of the three vocabularies.
 */
export function validateProfileForm(
  form: ProfileForm,
  context: { handle: string; taxonomy: Taxonomy; now: Date },
): { profile?: Profile; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  for (const [name, max] of Object.entries(LIMITS) as Array<[Exclude<ProfileField, 'expertise'>, number]>) {
    if (form[name].length > max) problems.push({ field: name, message: 'tooLong', max });
  }
  if (!form.display_name) problems.push({ field: 'display_name', message: 'required' });

  const jurisdictions: string[] = [];
  const names = jurisdictionByName(context.taxonomy);
  for (const item of split(form.jurisdictions)) {
    const code = isJurisdictionCode(item.toUpperCase()) ? item.toUpperCase() : names.get(fold(item));
    if (code) jurisdictions.push(code);
    else problems.push({ field: 'jurisdictions', message: 'unknownJurisdiction', value: item.slice(0, 60) });
  }
  const languages: string[] = [];
  for (const item of split(form.languages)) {
    const code = isLanguageCode(item.toLowerCase()) ? item.toLowerCase() : languageByName().get(fold(item));
    if (code) languages.push(code);
    else problems.push({ field: 'languages', message: 'unknownLanguage', value: item.slice(0, 60) });
  }
  const known = expertiseIds(context.taxonomy);
  const expertise = form.expertise.filter((id) => known.has(id));
  const unknown = form.expertise.find((id) => !known.has(id));
  if (unknown !== undefined) problems.push({ field: 'expertise', message: 'unknownExpertise', value: unknown.slice(0, 60) });
  for (const [field, values] of [
    ['jurisdictions', jurisdictions],
    ['languages', languages],
    ['expertise', expertise],
  ] as const) {
    if (new Set(values).size > MAX_LIST) problems.push({ field, message: 'tooMany', max: MAX_LIST });
  }
  if (form.contact_email && !EMAIL.test(form.contact_email)) problems.push({ field: 'contact_email', message: 'badEmail' });
  if (!(VISIBILITIES as readonly string[]).includes(form.visibility)) problems.push({ field: 'visibility', message: 'badVisibility' });
  if (problems.length > 0) return { problems };
  return {
    problems,
    profile: {
      handle: context.handle,
      displayName: form.display_name,
      position: form.position,
      organisation: form.organisation,
      jurisdictions: [...new Set(jurisdictions)],
      languages: [...new Set(languages)],
      expertise: [...new Set(expertise)],
      bio: form.bio,
      contact: { email: form.contact_email, phone: form.contact_phone, other: form.contact_other },
      visibility: form.visibility as Visibility,
      updatedAt: context.now.toISOString(),
    },
  };
}

/** A language's name in the reader's language ("French", "français"), capitalised. */
export function nameLanguage(code: string, language: string): string {
  try {
    return languageName(code, language);
  } catch {
    return code;
  }
}
