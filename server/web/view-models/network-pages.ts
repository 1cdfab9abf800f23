import { nameJurisdiction } from '../../content/jurisdictions.js';
import { listRegionalSystems } from '../../content/regional-systems.js';
import { labelOf, type Taxonomy } from '../../content/taxonomy.js';
import type { MemberNote } from '../../network/attribution.js';
import {
  expertiseFacetOf,
  nameLanguage,
  pickedCodes,
  type FieldProblem,
  type Profile,
  type ProfileField,
  type ProfileForm,
  type PublicProfile,
} from '../../network/profile.js';
import { expertiseGroups, type DirectoryQuery } from '../../network/search-directory.js';
import type { InterfaceLanguage, MessageKey, Translate } from '../i18n.js';
import { profileUrl } from './recommendations-page.js';
import { buildJurisdictionGroups, type JurisdictionGroup } from './contribute-form.js';

/** A labelled link (a jurisdiction's profile, an expertise's browse page). */
export interface Labelled {
  id: string;
  label: string;
  url?: string;
}

/** A profile as a page shows it; the members-only part is absent from a public view. */
export interface ProfileModel {
  handle: string;
  url: string;
  displayName: string;
  jurisdictions: Labelled[];
  languages: Labelled[];
  expertise: Labelled[];
  membersOnly?: {
    position: string;
    organisation: string;
    bio: string;
    contact: { email: string; phone: string; other: string };
    visibility: Profile['visibility'];
  };
}

function labelJurisdictions(codes: readonly string[], taxonomy: Taxonomy, language: InterfaceLanguage): Labelled[] {
  return codes.map((code) => ({ id: code, label: nameJurisdiction(code, language, taxonomy.jurisdictionNames), url: profileUrl(code) }));
}

function labelExpertise(ids: readonly string[], taxonomy: Taxonomy, language: InterfaceLanguage): Labelled[] {
  return ids.flatMap((id) => {
    const facet = expertiseFacetOf(taxonomy, id);
    return facet ? [{ id, label: labelOf(taxonomy, facet, id, language), url: `/browse/${facet}/${encodeURIComponent(id)}` }] : [];
  });
}

/**
 * The model of one profile. A public view is built from PublicProfile, whose type has no contact,
 * organisation or biography: what an anonymous reader gets cannot hold them.
 */
export function buildProfileModel(profile: Profile | PublicProfile, full: boolean, taxonomy: Taxonomy, language: InterfaceLanguage): ProfileModel {
  const model: ProfileModel = {
    handle: profile.handle,
    url: `/network/${encodeURIComponent(profile.handle)}`,
    displayName: profile.displayName,
    jurisdictions: labelJurisdictions(profile.jurisdictions, taxonomy, language),
    languages: profile.languages.map((code) => ({ id: code, label: nameLanguage(code, language) })),
    expertise: labelExpertise(profile.expertise, taxonomy, language),
  };
  if (full && 'contact' in profile) {
    model.membersOnly = {
      position: profile.position,
      organisation: profile.organisation,
      bio: profile.bio,
      contact: { ...profile.contact },
      visibility: profile.visibility,
    };
  }
  return model;
}

/** An option of a filter. */
export interface FilterOption {
  value: string;
  label: string;
  selected: boolean;
}

/** Everything views/network.ejs shows. */
export interface DirectoryModel {
  query: DirectoryQuery;
  filtered: boolean;
  jurisdictions: FilterOption[];
  regions: Array<{ label: string; options: FilterOption[] }>;
  languages: FilterOption[];
  expertise: Array<{ label: string; options: FilterOption[] }>;
  results: ProfileModel[];
  total: number;
}

/** The directory page: filters built from the profiles there are (and the vocabularies), and the matching profiles. */
export function buildDirectoryPage(
  all: readonly Profile[],
  matching: readonly Profile[],
  query: DirectoryQuery,
  taxonomy: Taxonomy,
  language: InterfaceLanguage,
  t: Translate,
): DirectoryModel {
  const sortByLabel = (options: FilterOption[]) => options.sort((a, b) => a.label.localeCompare(b.label, language));
  const jurisdictionCodes = [...new Set([...all.flatMap((profile) => profile.jurisdictions), ...(query.jurisdiction ? [query.jurisdiction] : [])])];
  const languageCodes = [...new Set([...all.flatMap((profile) => profile.languages), ...(query.language ? [query.language] : [])])];
  const worldRegions = taxonomy.vocabularies.world_regions.values.map((value) => value.id);
  return {
    query,
    filtered: Boolean(query.q || query.jurisdiction || query.region || query.language || query.expertise),
    jurisdictions: sortByLabel(
      jurisdictionCodes.map((code) => ({
        value: code,
        label: nameJurisdiction(code, language, taxonomy.jurisdictionNames),
        selected: code === query.jurisdiction,
      })),
    ),
    regions: [
      {
        label: t('network.worldRegions'),
        options: worldRegions.map((id) => ({ value: id, label: labelOf(taxonomy, 'world_regions', id, language), selected: id === query.region })),
      },
      {
        label: t('network.regionalSystems'),
        options: Object.keys(listRegionalSystems()).map((id) => ({
          value: id,
          label: labelOf(taxonomy, 'regions', id, language),
          selected: id === query.region,
        })),
      },
    ],
    languages: sortByLabel(languageCodes.map((code) => ({ value: code, label: nameLanguage(code, language), selected: code === query.language }))),
    expertise: expertiseGroups(taxonomy, language).map((group) => ({
      label: group.label,
      options: group.values.map((value) => ({ value: value.id, label: value.label, selected: value.id === query.expertise })),
    })),
    results: matching.map((profile) => buildProfileModel(profile, true, taxonomy, language)),
    total: all.length,
  };
}

/** The notes listed on a profile. */
export function buildMemberNotes(notes: readonly MemberNote[], t: Translate): Array<{ title: string; language: string; url: string; contribution: string }> {
  return notes.map((note) => ({
    title: note.title,
    language: note.language,
    url: `/notes/${note.slug}`,
    contribution: t(note.contribution === 'author' ? 'network.wrote' : 'network.reviewed'),
  }));
}

/** One field of the profile form: its value, problems and hint. */
export interface FormField {
  name: ProfileField;
  label: string;
  value: string;
  hint?: string;
  problems: string[];
}

/** Everything views/partials/profile-fields.ejs needs. */
export interface ProfileFormModel {
  fields: Record<Exclude<ProfileField, 'expertise'>, FormField>;
  expertise: {
    problems: string[];
    groups: Array<{ label: string; open: boolean; chosen: number; options: Array<{ value: string; label: string; definition: string; checked: boolean }> }>;
  };
  /** The jurisdictions picker, as the contribution form's: by world region, folded unless a code is ticked. */
  jurisdictionGroups: JurisdictionGroup[];
  /** The languages picker: common working languages and any already chosen, by name. */
  languages: { options: Array<{ value: string; label: string; checked: boolean }>; chosen: number };
  /** Typed values the lists do not have, kept in a text box under each list. */
  other: { jurisdictions: string; languages: string };
  /** The error summary: each problem with the id of the field it links to. */
  summary: Array<{ target: string; message: string }>;
}

const FIELD_LABELS: Record<ProfileField, MessageKey> = {
  display_name: 'network.field.displayName',
  position: 'network.field.position',
  organisation: 'network.field.organisation',
  jurisdictions: 'network.field.jurisdictions',
  languages: 'network.field.languages',
  expertise: 'network.field.expertise',
  bio: 'network.field.bio',
  contact_email: 'network.field.email',
  contact_phone: 'network.field.phone',
  contact_other: 'network.field.other',
  visibility: 'network.field.visibility',
};

const FIELD_HINTS: Partial<Record<ProfileField, MessageKey>> = {
  display_name: 'network.hint.displayName',
  jurisdictions: 'network.hint.jurisdictions',
  languages: 'network.hint.languages',
  bio: 'network.hint.bio',
};

/** A field problem in the reader's language. */
export function problemMessage(
  problem: { message: FieldProblem['message'] | 'usernameInvalid' | 'usernameTaken' | 'passwordShort' | 'passwordMismatch'; value?: string; max?: number },
  t: Translate,
): string {
  return t(`network.problem.${problem.message}` as MessageKey, { value: problem.value ?? '', max: problem.max ?? 0 });
}

// The languages offered as ticks: the interface's and the most spoken working languages of the
// knowledge base's regions; any other is kept when a profile has it.
const WORKING_LANGUAGES = [
  'en',
  'fr',
  'es',
  'pt',
  'ar',
  'ru',
  'sw',
  'zh',
  'hi',
  'de',
  'it',
  'nl',
  'ro',
  'el',
  'tr',
  'uk',
  'pl',
  'bg',
  'ha',
  'yo',
  'am',
  'so',
  'tl',
  'th',
  'vi',
  'bn',
  'ur',
  'fa',
  'id',
  'ms',
];

/** The profile form's model, with problems beside their fields and in a summary at the top. */
export function buildProfileForm(
  form: ProfileForm,
  problems: readonly FieldProblem[],
  taxonomy: Taxonomy,
  language: InterfaceLanguage,
  t: Translate,
): ProfileFormModel {
  const messages = (field: ProfileField) => problems.filter((problem) => problem.field === field).map((problem) => problemMessage(problem, t));
  const fields = {} as ProfileFormModel['fields'];
  for (const name of Object.keys(FIELD_LABELS) as ProfileField[]) {
    if (name === 'expertise') continue;
    const hint = FIELD_HINTS[name];
    fields[name] = { name, label: t(FIELD_LABELS[name]), value: form[name], ...(hint ? { hint: t(hint) } : {}), problems: messages(name) };
  }
  const picked = pickedCodes(form, taxonomy);
  const collator = new Intl.Collator(language);
  const languageOptions = [...new Set([...WORKING_LANGUAGES, ...picked.languages])]
    .map((code) => ({ value: code, label: nameLanguage(code, language), checked: picked.languages.includes(code) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  return {
    fields,
    expertise: {
      problems: messages('expertise'),
      groups: expertiseGroups(taxonomy, language).map((group) => {
        const options = group.values.map((value) => ({
          value: value.id,
          label: value.label,
          definition: value.definition,
          checked: form.expertise.includes(value.id),
        }));
        const chosen = options.filter((option) => option.checked).length;
        return { label: group.label, chosen, open: chosen > 0 || messages('expertise').length > 0, options };
      }),
    },
    jurisdictionGroups: buildJurisdictionGroups(new Set(picked.jurisdictions), taxonomy, language, t),
    languages: { options: languageOptions, chosen: picked.languages.length },
    other: { jurisdictions: picked.otherJurisdictions.join(', '), languages: picked.otherLanguages.join(', ') },
    summary: problems.map((problem) => ({
      target: problem.field === 'expertise' ? 'f-expertise' : `f-${problem.field}`,
      message: `${t(FIELD_LABELS[problem.field])}: ${problemMessage(problem, t)}`,
    })),
  };
}
