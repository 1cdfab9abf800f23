import { z } from 'zod';
import { slugify } from './slugify.js';
import type { Taxonomy } from './taxonomy.js';
import { isJurisdictionCode } from './jurisdictions.js';

/*
 * The note schema: the one list of fields and facets. NOTE_FIELDS describes every field once; the
 * schema's vocabulary and yes/no fields, the index settings, the search document, query parsing,
 * the facet sidebar, the contribution form and its steps, the map's axes, the home page's tiles,
 * CONTRIBUTING.md and the skeleton of `npm run new-note` all derive from it and from taxonomy.yml.
 * Adding a vocabulary is one entry in NOTE_FIELDS plus its ids in taxonomy.yml.
 */

/** How a field's values are written and checked. A `vocabulary` field's ids and labels are the taxonomy.yml vocabulary named like the field. */
export type FieldKind = 'text' | 'date' | 'language' | 'jurisdiction' | 'vocabulary' | 'boolean' | 'slug' | 'name' | 'record';

/** Whether a note must give the field (`required`), may leave it to its default or empty (`default`), may leave it out (`optional`), or never writes it (`derived` at index time). */
export type FieldPresence = 'required' | 'default' | 'optional' | 'derived';

/** The questions of the contribution form that ask note fields (server/contribute/form-steps.ts adds the text and the sending). */
export const FORM_STEP_IDS = ['about', 'topics', 'basis'] as const;
export type FormStepId = (typeof FORM_STEP_IDS)[number];

/** One field of a note (or of its search document, when derived). */
export interface NoteFieldDescriptor {
  readonly field: string;
  readonly kind: FieldKind;
  /** A list of values, or one value. */
  readonly list: boolean;
  readonly presence: FieldPresence;
  /** The value a note that leaves out a single-valued field gets (lists default to empty, yes/no fields to false). */
  readonly default?: string;
  /**
   * A search facet: filterable in the engine, in the sidebar (in this list's order), the facets API,
   * the query parser and browse pages. Its name comes from taxonomy.yml (vocabularies) or from the
   * message `facet.<field>` (the others): no list of labels per view.
   */
  readonly facet?: boolean;
  /** Asked by the contribution form on this step; `folded`: optional, folded away unless chosen. */
  readonly form?: { readonly step: FormStepId; readonly folded?: boolean };
  /** Can be an axis of the evidence map (/map). */
  readonly mapAxis?: boolean;
  /** A way in: tiles on the home page, topics offered beside an empty search. */
  readonly featured?: boolean;
  /** What the skeleton of `npm run new-note` writes (else the field's empty default). */
  readonly example?: unknown;
  /** The row of CONTRIBUTING.md's field table (every authored field has one). */
  readonly guide?: { readonly required: string; readonly rule: string };
}

/** How far a jurisdiction has implemented a recommendation, most complete first (docs/contract.md §1 `implementation`). */
export const IMPLEMENTATION_STATUSES = ['adopted', 'partly', 'not-adopted', 'unknown'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

/** Every field, in the order of the facet sidebar (facets) and of CONTRIBUTING.md and the new-note skeleton (authored fields). The one edit that adds a field or a facet. */
export const NOTE_FIELDS = [
  { field: 'title', kind: 'text', list: false, presence: 'required', form: { step: 'about' },
    guide: { required: 'yes', rule: '10–160 characters.' } },
  { field: 'summary', kind: 'text', list: false, presence: 'required', form: { step: 'about' },
    example: 'One sentence a prosecutor can act on: what to do, and why it helps the case or the victim.',
    guide: { required: 'yes', rule: '20–400 characters: the one-line "what to do", shown in search results.' } },
  { field: 'evidence_types', kind: 'vocabulary', list: true, presence: 'default', facet: true, form: { step: 'topics' }, mapAxis: true, featured: true,
    example: ['corroboration-strategy'], guide: { required: 'one of these two', rule: 'Kinds of evidence the note is about (table below).' } },
  { field: 'victim_centred_techniques', kind: 'vocabulary', list: true, presence: 'default', facet: true, form: { step: 'topics', folded: true }, mapAxis: true, featured: true,
    guide: { required: 'one of these two', rule: 'Victim-centred techniques the note is about (table below).' } },
  { field: 'jurisdictions', kind: 'jurisdiction', list: true, presence: 'required', facet: true, form: { step: 'about' }, example: ['INT'],
    guide: { required: 'yes, at least one', rule: 'ISO 3166-1 alpha-2 (`PH`), ISO 3166-2 (`GB-SCT`, `US-TX`), `GB-EAW` for England and Wales, or `INT` when not specific to one state.' } },
  { field: 'world_regions', kind: 'vocabulary', list: true, presence: 'derived', facet: true, mapAxis: true },
  { field: 'stages', kind: 'vocabulary', list: true, presence: 'required', facet: true, form: { step: 'topics' }, mapAxis: true, featured: true,
    example: ['investigation'], guide: { required: 'yes, at least one', rule: 'Stages of the case (table below).' } },
  { field: 'exploitation_types', kind: 'vocabulary', list: true, presence: 'default', facet: true, form: { step: 'topics', folded: true }, mapAxis: true,
    guide: { required: 'no', rule: 'Forms of exploitation; empty means all forms.' } },
  { field: 'sectors', kind: 'vocabulary', list: true, presence: 'default', facet: true, form: { step: 'topics', folded: true }, mapAxis: true,
    guide: { required: 'no', rule: 'Sectors of work the exploitation took place in, or that the note is about (table below); leave empty when it is not tied to a sector.' } },
  { field: 'evidence_basis', kind: 'vocabulary', list: false, presence: 'required', facet: true, form: { step: 'basis' }, mapAxis: true,
    example: 'emerging-practice', guide: { required: 'yes', rule: 'One value (table below), graded honestly.' } },
  { field: 'evidence_note', kind: 'text', list: false, presence: 'optional', form: { step: 'basis' },
    example: 'Say why this rating: which sources support the practice and how strong they are.',
    guide: { required: 'no', rule: 'At most 500 characters: why this rating.' } },
  { field: 'sources', kind: 'record', list: true, presence: 'default', form: { step: 'basis' },
    guide: { required: 'for legal authority', rule: 'A list of `{title, url?, citation?}`; at least one when the basis is `binding-law`, `persuasive-authority` or `official-guidance`; `url` must be http(s) and point to the document itself, never a site\'s home page.' } },
  { field: 'authorities', kind: 'record', list: true, presence: 'default',
    guide: { required: 'no (a warning without one for `binding-law` and `persuasive-authority`)', rule: 'The cases, statutes, treaties, guidance and reports the note relies on: a list of authority ids (`rantsev-v-cyprus-and-russia`) or `{id, pinpoint}`, where `pinpoint` is one of that authority\'s provision ids (`art-3`) or text for paragraphs (`"§§ 282-289"`). Link the claim in the body too: `[Rantsev](/authorities/rantsev-v-cyprus-and-russia)` or `[Article 3](/authorities/palermo-protocol#art-3)`; the section holding the first link is where "cited by" sends readers.' } },
  { field: 'victim_profile', kind: 'vocabulary', list: true, presence: 'default', facet: true, form: { step: 'topics', folded: true }, mapAxis: true,
    guide: { required: 'no', rule: '`adult`, `child`.' } },
  { field: 'regions', kind: 'vocabulary', list: true, presence: 'default', facet: true, form: { step: 'topics', folded: true },
    guide: { required: 'no', rule: 'Regional systems relied on (table below).' } },
  { field: 'content_type', kind: 'vocabulary', list: false, presence: 'default', default: 'practice-note', facet: true, form: { step: 'topics' }, mapAxis: true,
    guide: { required: 'no', rule: 'Default `practice-note` (table below).' } },
  { field: 'audience', kind: 'vocabulary', list: true, presence: 'optional', facet: true,
    guide: { required: 'only with `content_type: policy-recommendation`', rule: 'Who the recommendation is addressed to (table below).' } },
  { field: 'rests_on', kind: 'slug', list: true, presence: 'optional',
    guide: { required: 'with `policy-recommendation`, at least one', rule: 'Slugs of the published notes whose evidence supports the recommendation; each must exist.' } },
  { field: 'implementation', kind: 'record', list: true, presence: 'optional',
    guide: { required: 'only with `policy-recommendation`', rule: `The tracker: a list of \`{jurisdiction, status, as_of, source}\`; \`status\` is ${IMPLEMENTATION_STATUSES.map((status) => `\`${status}\``).join(', ')}; \`as_of\` a date; \`source\` \`{title, url}\` with a deep link to the document (never a home page), required unless the status is \`unknown\`. One entry per jurisdiction; \`unknown\` is better than a guess.` } },
  { field: 'language', kind: 'language', list: false, presence: 'required', facet: true, form: { step: 'about' }, example: 'en',
    guide: { required: 'yes', rule: 'ISO 639-1 code of the note\'s text: `en`, `fr`, `es`, `pt`, `ar`…' } },
  { field: 'cross_border', kind: 'boolean', list: false, presence: 'default', facet: true, form: { step: 'topics' },
    guide: { required: 'no', rule: '`true` or `false` (default `false`).' } },
  { field: 'tech_facilitated', kind: 'boolean', list: false, presence: 'default', facet: true, form: { step: 'topics' },
    guide: { required: 'no', rule: '`true` or `false` (default `false`).' } },
  { field: 'review_due', kind: 'boolean', list: false, presence: 'derived', facet: true },
  { field: 'last_reviewed', kind: 'date', list: false, presence: 'required', form: { step: 'basis' },
    guide: { required: 'yes', rule: 'A date `YYYY-MM-DD`, not in the future.' } },
  { field: 'reviewers', kind: 'name', list: true, presence: 'default',
    guide: { required: 'no', rule: 'Names or initials. A member of the practitioners\' network may be named by their username (handle): the note then shows their name, linked to their profile as far as its visibility allows, and their profile lists the note.' } },
  { field: 'authors', kind: 'name', list: true, presence: 'default',
    guide: { required: 'no', rule: 'Names or initials, or a network member\'s username, as for `reviewers`.' } },
  { field: 'slug', kind: 'slug', list: false, presence: 'optional',
    guide: { required: 'no', rule: 'Lower-case words joined by hyphens, at most 100 characters; default: the file name without `.md`; unique, aliases included.' } },
  { field: 'aliases', kind: 'slug', list: true, presence: 'default',
    guide: { required: 'no', rule: 'Former slugs, at most 10; each answers with a redirect to the note. Never remove one: trainers\' links depend on it. A vocabulary id or label, a search synonym or a single word is refused: it would capture readers looking for something else.' } },
  { field: 'translations', kind: 'record', list: false, presence: 'default',
    guide: { required: 'no', rule: 'Map of language → slug of the same note in another language, e.g. `{fr: preuve-telephonique}`.' } },
  { field: 'status', kind: 'text', list: false, presence: 'default', default: 'published',
    guide: { required: 'no', rule: '`published` (default) or `draft`; drafts are checked but never served.' } },
] as const satisfies readonly NoteFieldDescriptor[];

type Descriptor = (typeof NOTE_FIELDS)[number];
type AuthoredDescriptor = Exclude<Descriptor, { presence: 'derived' }>;
type AuthoredVocabularyDescriptor = Extract<AuthoredDescriptor, { kind: 'vocabulary' }>;

/** Every field's name, authored or derived. */
export type NoteField = Descriptor['field'];
/** Facets whose values come from a vocabulary in taxonomy.yml (derived ones included). */
export type VocabularyFacet = Extract<Descriptor, { kind: 'vocabulary' }>['field'];
/** Vocabularies a note's author writes as a list (`evidence_types`, …). */
export type VocabularyListField = Extract<AuthoredVocabularyDescriptor, { list: true }>['field'];
/** Vocabularies a note's author writes as one value (`evidence_basis`, …). */
export type VocabularyValueField = Extract<AuthoredVocabularyDescriptor, { list: false }>['field'];
/** Yes/no fields a note's author writes. */
export type BooleanField = Extract<AuthoredDescriptor, { kind: 'boolean' }>['field'];

type FormDescriptor = Extract<AuthoredDescriptor, { form: object }>;
/** The vocabulary lists the contribution form asks (checkboxes). */
export type FormListField = Extract<FormDescriptor, { kind: 'vocabulary'; list: true }>['field'];
/** The one-value vocabularies the contribution form asks (radio buttons). */
export type FormValueField = Extract<FormDescriptor, { kind: 'vocabulary'; list: false }>['field'];
/** The yes/no fields the contribution form asks (a checkbox each). */
export type FormBooleanField = Extract<FormDescriptor, { kind: 'boolean' }>['field'];

/** Every descriptor, as the general type, for code that reads any field. */
export const FIELD_DESCRIPTORS: readonly NoteFieldDescriptor[] = NOTE_FIELDS;

/** The fields an author writes, in order. */
export const AUTHORED_FIELDS: readonly NoteFieldDescriptor[] = FIELD_DESCRIPTORS.filter((field) => field.presence !== 'derived');

/** The descriptor of `field`, or undefined for a name the schema does not know. */
export function describeField(field: string): NoteFieldDescriptor | undefined {
  return FIELD_DESCRIPTORS.find((descriptor) => descriptor.field === field);
}

/** Every vocabulary (taxonomy.yml must define each), derived ones included. */
export const VOCABULARY_FACETS = FIELD_DESCRIPTORS.filter((field) => field.kind === 'vocabulary').map((field) => field.field) as readonly VocabularyFacet[];

/** True when `field` names a vocabulary of taxonomy.yml. */
export function isVocabularyFacet(field: string): field is VocabularyFacet {
  return (VOCABULARY_FACETS as readonly string[]).includes(field);
}

/** The vocabularies an author writes as lists, in order. */
export const VOCABULARY_LIST_FIELDS = AUTHORED_FIELDS.filter((field) => field.kind === 'vocabulary' && field.list).map((field) => field.field) as readonly VocabularyListField[];

/** The vocabularies an author writes as one value, in order. */
export const VOCABULARY_VALUE_FIELDS = AUTHORED_FIELDS.filter((field) => field.kind === 'vocabulary' && !field.list).map((field) => field.field) as readonly VocabularyValueField[];

/** The yes/no fields an author writes, in order. */
export const BOOLEAN_FIELDS = AUTHORED_FIELDS.filter((field) => field.kind === 'boolean').map((field) => field.field) as readonly BooleanField[];

/** Vocabularies that can be an axis of the evidence map. */
export const MAP_FACETS = FIELD_DESCRIPTORS.filter((field) => field.mapAxis && field.facet && field.kind === 'vocabulary').map((field) => field.field) as readonly VocabularyFacet[];

/** The vocabularies offered as ways in (home page tiles, topics beside an empty search), in order. */
export const FEATURED_FACETS = FIELD_DESCRIPTORS.filter((field) => field.featured && field.kind === 'vocabulary').map((field) => field.field) as readonly VocabularyFacet[];

/**
 * The ids docs/contract.md §2 fixes. Ids are never renamed or removed (saved links depend on them), so
 * taxonomy.yml must define each of these; it may add more.
 */
export const CONTRACT_IDS = {
  evidence_types: ['victim-testimony', 'witness-testimony', 'cooperating-defendant', 'suspect-account', 'documentary',
    'financial', 'digital-device', 'communications-data', 'online-osint', 'interception', 'surveillance',
    'physical-forensic', 'expert', 'labour-inspection', 'international-evidence', 'victim-status-decision',
    'corroboration-strategy'],
  victim_centred_techniques: ['early-identification', 'trauma-informed-interviewing', 'recorded-evidence-in-chief',
    'pre-recorded-cross-examination', 'special-measures', 'intermediary', 'ground-rules-hearing', 'interpretation',
    'anonymity-privacy', 'witness-protection', 'support-advocacy', 'reflection-recovery-period',
    'residence-immigration-relief', 'non-punishment', 'evidence-led-prosecution', 'information-participation',
    'compensation-reparation', 'child-specific-measures', 'secondary-victimisation-avoidance'],
  stages: ['identification-referral', 'investigation', 'charging', 'pre-trial', 'trial', 'sentencing',
    'confiscation-compensation', 'appeal-review'],
  exploitation_types: ['sexual-exploitation', 'forced-labour', 'debt-bondage', 'domestic-servitude', 'forced-criminality',
    'forced-begging', 'slavery-servitude', 'organ-removal', 'forced-marriage', 'illegal-adoption',
    'exploitation-of-surrogacy', 'child-soldiers', 'online-child-sexual-exploitation'],
  evidence_basis: ['binding-law', 'persuasive-authority', 'official-guidance', 'evaluated-strong', 'evaluated-limited',
    'practitioner-consensus', 'emerging-practice', 'contested'],
  content_type: ['practice-note', 'case-summary', 'legislation-note', 'guidance-summary', 'research-summary', 'policy-recommendation'],
  audience: ['legislature', 'prosecution-service', 'law-enforcement', 'judiciary', 'victim-services', 'labour-inspectorate',
    'financial-sector', 'international-bodies'],
  regions: ['EU', 'COE', 'ECOWAS', 'AU', 'ASEAN', 'OAS', 'OSCE', 'SADC', 'GCC'],
  victim_profile: ['adult', 'child'],
  world_regions: ['africa', 'americas', 'asia', 'europe', 'oceania', 'global'],
} as const satisfies Partial<Record<VocabularyFacet, readonly string[]>>;

/** The ids docs/contract.md §2 fixes for `facet`: none for a vocabulary added since (until the contract lists it). */
export function contractIdsOf(facet: VocabularyFacet): readonly string[] {
  return (CONTRACT_IDS as Partial<Record<VocabularyFacet, readonly string[]>>)[facet] ?? [];
}

/** The legal-authority axis of evidence_basis; a note graded on it must cite at least one source. */
export const LEGAL_AUTHORITY_BASES: readonly string[] = ['binding-law', 'persuasive-authority', 'official-guidance'];

/** The content type of a policy recommendation: the only notes that may carry audience, rests_on and implementation. */
export const POLICY_RECOMMENDATION = 'policy-recommendation';

/** The fields only a policy recommendation may have (docs/contract.md §1). */
export const RECOMMENDATION_FIELDS = ['audience', 'rests_on', 'implementation'] as const;


/** How a facet's values are named and filtered. */
export type FacetKind = 'vocabulary' | 'jurisdiction' | 'language' | 'boolean';

/** One facet of the search sidebar, in display order. `derived` facets are computed at index time. */
export interface FacetDefinition {
  field: string;
  kind: FacetKind;
  derived: boolean;
}

const FACET_KINDS: readonly string[] = ['vocabulary', 'jurisdiction', 'language', 'boolean'] satisfies FacetKind[];

/** Every facet, in the order the sidebar shows them. The one list the engine settings and query parser read. */
export const FACETS: readonly FacetDefinition[] = FIELD_DESCRIPTORS.filter((field) => field.facet).map((field) => {
  if (!FACET_KINDS.includes(field.kind)) throw new Error(`${field.field}: a ${field.kind} field cannot be a facet`);
  return { field: field.field, kind: field.kind as FacetKind, derived: field.presence === 'derived' };
});

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** True for a two-letter ISO 639-1 code that ICU knows (Intl answers an unknown code with itself). */
export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2}$/.test(code) && languageNames.of(code) !== code;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * An http(s) URL that names a document, not a site: its path is more than "/" (docs/contract.md §1). A home
 * page proves nothing about the claim it is cited for.
 */
export function isDeepLink(value: string): boolean {
  try {
    const url = new URL(value);
    // A query can name the document on a site's root (`/?p=12199`, `/?i=001-96549`).
    return /^https?:$/.test(url.protocol) && ((url.pathname !== '/' && url.pathname !== '') || url.search !== '');
  } catch {
    return false;
  }
}

const slug = z.string().max(100).regex(SLUG_PATTERN, 'must be lower-case words joined by hyphens (a-z, 0-9, -)');

/**
 * An http(s) URL to a document itself: a site's home page (no path, or just `/`) lands the reader
 * nowhere, so it is refused wherever content links to a source (docs/contract.md §1).
 */
// Another scheme is the url check's to report; this one speaks only of http(s) home pages.
export const deepLinkUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).refine((value) => !/^https?:/i.test(value) || isDeepLink(value), { message: 'is a site\'s home page, not the document itself', params: { hint: 'link to the judgment, section, article or report itself; if you cannot find a deep link, leave url out and give the citation' } });

/** A note's citation of an authority: its id, and optionally a provision id (`art-3`) or paragraph text (`§§ 282-289`). */
const citedAuthority = z.union([
  slug,
  z.strictObject({ id: slug, pinpoint: z.string().trim().min(1).max(100).optional() }),
]).transform((value) => (typeof value === 'string' ? { id: value } : value));

function uniqueList<T extends z.ZodType<string>>(item: T) {
  return z.array(item).superRefine((values, ctx) => {
    const seen = new Set<string>();
    values.forEach((value, index) => {
      if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [index], message: `lists "${value}" twice`, params: { hint: 'remove the duplicate' } });
      seen.add(value);
    });
  });
}

function vocabulary(taxonomy: Taxonomy, facet: VocabularyFacet) {
  const ids = taxonomy.vocabularies[facet].values.map((value) => value.id);
  return z.enum(ids as [string, ...string[]]);
}

// The zod type each descriptor stands for, so NoteFrontMatter names every vocabulary and yes/no field with its type.
type VocabularySchemaOf<D> =
  D extends { list: true; presence: 'optional' } ? z.ZodOptional<z.ZodType<string[]>>
    : D extends { list: true; presence: 'default' } ? z.ZodDefault<z.ZodType<string[]>>
      : D extends { list: true } ? z.ZodType<string[]>
        : D extends { presence: 'default' } ? z.ZodDefault<z.ZodType<string>> : z.ZodType<string>;
type DescribedShape = { [D in AuthoredVocabularyDescriptor as D['field']]: VocabularySchemaOf<D> } & { [F in BooleanField]: z.ZodDefault<z.ZodBoolean> };

/** The schema of every vocabulary and yes/no field, from its descriptor: lists of unique ids, at least one when required. */
function describedShape(taxonomy: Taxonomy): DescribedShape {
  const shape: Record<string, z.ZodType> = {};
  for (const descriptor of AUTHORED_FIELDS) {
    if (descriptor.kind === 'boolean') shape[descriptor.field] = z.boolean().default(false);
    if (descriptor.kind !== 'vocabulary') continue;
    const ids = vocabulary(taxonomy, descriptor.field as VocabularyFacet);
    const base: z.ZodType = descriptor.list ? (descriptor.presence === 'required' ? uniqueList(ids).min(1) : uniqueList(ids)) : ids;
    shape[descriptor.field] = descriptor.presence === 'optional' ? base.optional()
      : descriptor.presence === 'default' ? base.default((descriptor.list ? [] : descriptor.default) as never) : base;
  }
  return shape as unknown as DescribedShape;
}

/** `shape` with its keys in NOTE_FIELDS order, so problems, the guide and known-field suggestions follow one order. */
function inFieldOrder<T extends Record<string, z.ZodType>>(shape: T): T {
  const missing = AUTHORED_FIELDS.filter((descriptor) => !(descriptor.field in shape)).map((descriptor) => descriptor.field);
  const undescribed = Object.keys(shape).filter((field) => !AUTHORED_FIELDS.some((descriptor) => descriptor.field === field));
  if (missing.length > 0 || undescribed.length > 0) throw new Error(`note schema and NOTE_FIELDS disagree: ${[...missing, ...undescribed].join(', ')}`);
  return Object.fromEntries(AUTHORED_FIELDS.map((descriptor) => [descriptor.field, shape[descriptor.field]])) as T;
}

/** How many former slugs one note may keep. */
export const MAX_ALIASES = 10;

/**
 * Slugs no note may take as an alias: every vocabulary id, the slug of every label in every
 * language, and every search synonym. An alias answers /notes/<alias> with a redirect, so a generic
 * one ("evidence", "human-trafficking") would capture readers looking for something else.
 */
export function reservedSlugs(taxonomy: Taxonomy, synonyms: readonly (readonly string[])[] = []): ReadonlySet<string> {
  const reserved = new Set<string>();
  for (const facet of Object.values(taxonomy.vocabularies)) {
    for (const value of facet.values) {
      reserved.add(value.id);
      for (const text of Object.values(value.text)) reserved.add(slugify(text.label));
    }
  }
  for (const group of synonyms) for (const term of group) reserved.add(slugify(term));
  reserved.delete('');
  return reserved;
}

/** The zod schema for a note's front matter, with the vocabularies of `taxonomy` and `today` as the latest review date. */
export function buildNoteSchema(taxonomy: Taxonomy, today: string, reserved: ReadonlySet<string> = reservedSlugs(taxonomy)) {
  const source = z.strictObject({
    title: z.string().min(3).max(500),
    url: deepLinkUrl.optional(),
    citation: z.string().min(1).max(500).optional(),
  });

  const isoDate = z
    .string({ error: 'must be a date written YYYY-MM-DD' })
    .refine(isIsoDate, { message: 'must be a real date written YYYY-MM-DD' })
    .refine((date) => !isIsoDate(date) || date <= today, { message: 'is in the future', params: { hint: 'give the date the status was last confirmed (today or earlier)' } });
  const implementationEntry = z.strictObject({
    jurisdiction: z.string().refine(isJurisdictionCode, { message: 'is not a known jurisdiction code' }),
    status: z.enum(IMPLEMENTATION_STATUSES),
    as_of: isoDate,
    source: z.strictObject({ title: z.string().min(3).max(500), url: deepLinkUrl }).optional(),
  });

  return z
    .strictObject(inFieldOrder({
      ...describedShape(taxonomy),
      title: z.string().min(10).max(160),
      summary: z.string().min(20).max(400),
      language: z.string().refine(isLanguageCode, { message: 'must be an ISO 639-1 language code such as en, fr or es' }),
      jurisdictions: uniqueList(z.string().refine(isJurisdictionCode, { message: 'is not a known jurisdiction code' })).min(1),
      evidence_note: z.string().max(500).optional(),
      sources: z.array(source).default([]),
      authorities: z.array(citedAuthority).max(200).default([]),
      last_reviewed: z
        .string({ error: 'must be a date written YYYY-MM-DD' })
        .refine(isIsoDate, { message: 'must be a real date written YYYY-MM-DD' })
        .refine((date) => !isIsoDate(date) || date <= today, { message: 'is in the future', params: { hint: 'give the date the note was last reviewed (today or earlier)' } }),
      reviewers: uniqueList(z.string().min(1).max(100)).default([]),
      authors: uniqueList(z.string().min(1).max(100)).default([]),
      slug: slug.optional(),
      aliases: uniqueList(slug).max(MAX_ALIASES, { message: `lists more than ${MAX_ALIASES} former slugs; keep only slugs this note was really published under` }).default([]),
      translations: z
        .record(z.string().refine(isLanguageCode, { message: 'must be an ISO 639-1 language code' }), slug)
        .default({}),
      status: z.enum(['published', 'draft']).default('published'),
      rests_on: uniqueList(slug).min(1).optional(),
      implementation: z.array(implementationEntry).optional(),
    }))
    .superRefine((note, ctx) => {
      if (note.evidence_types.length === 0 && note.victim_centred_techniques.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['evidence_types'], message: 'is empty, and so is victim_centred_techniques; at least one of them must list a value',
          params: { hint: 'tag the kind of evidence or the victim-centred technique the note is about', kind: 'empty_list' } });
      }
      if (LEGAL_AUTHORITY_BASES.includes(note.evidence_basis) && note.sources.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['sources'], message: `is empty, but evidence_basis "${note.evidence_basis}" needs at least one source`,
          params: { hint: 'cite the law, judgment or guidance the rating rests on (title, and url or citation)', kind: 'empty_list' } });
      }
      if (note.translations[note.language]) {
        ctx.addIssue({ code: 'custom', path: ['translations', note.language], message: `points to the note's own language (${note.language})`,
          params: { hint: 'list only the other languages this note exists in' } });
      }
      checkRecommendation(note, ctx);
      if (note.slug && note.aliases.includes(note.slug)) {
        ctx.addIssue({ code: 'custom', path: ['aliases'], message: `contains the note's own slug "${note.slug}"`, params: { hint: 'remove it from aliases' } });
      }
      note.aliases.forEach((alias, index) => {
        if (reserved.has(alias)) {
          ctx.addIssue({ code: 'custom', path: ['aliases', index], message: `"${alias}" is a vocabulary term or search synonym, not a former slug of this note`,
            params: { hint: 'an alias is a slug this note was once published under; remove it' } });
        } else if (!alias.includes('-')) {
          ctx.addIssue({ code: 'custom', path: ['aliases', index], message: `"${alias}" is a single word, too generic to redirect to one note`,
            params: { hint: 'an alias is a slug this note was once published under, such as phone-evidence-coercion' } });
        }
      });
    });
}

interface RecommendationFields {
  content_type: string;
  slug?: string | undefined;
  audience?: string[] | undefined;
  rests_on?: string[] | undefined;
  implementation?: Array<{ jurisdiction: string; status: string; source?: unknown }> | undefined;
}

// The rules that tie audience, rests_on and implementation to content_type (docs/contract.md §1). Whether
// each rests_on slug exists is checked once every note is known (build-knowledge-base.ts).
function checkRecommendation(note: RecommendationFields, ctx: z.core.$RefinementCtx): void {
  if (note.content_type !== POLICY_RECOMMENDATION) {
    for (const field of RECOMMENDATION_FIELDS) {
      if (note[field] === undefined) continue;
      ctx.addIssue({ code: 'custom', path: [field], message: `is only allowed when content_type is ${POLICY_RECOMMENDATION} (this note is "${note.content_type}")`,
        params: { hint: `remove ${field}, or set content_type: ${POLICY_RECOMMENDATION} if the note is a recommendation` } });
    }
    return;
  }
  if (!note.rests_on) {
    ctx.addIssue({ code: 'custom', path: ['content_type'], message: `is ${POLICY_RECOMMENDATION}, but rests_on is missing`,
      params: { hint: 'add rests_on: [slug-of-a-note, …] listing the notes whose evidence supports the recommendation' } });
  }
  if (note.slug && note.rests_on?.includes(note.slug)) {
    ctx.addIssue({ code: 'custom', path: ['rests_on'], message: 'lists the recommendation itself', params: { hint: 'list the notes whose evidence supports it' } });
  }
  const seen = new Set<string>();
  note.implementation?.forEach((entry, index) => {
    if (seen.has(entry.jurisdiction)) {
      ctx.addIssue({ code: 'custom', path: ['implementation', index, 'jurisdiction'], message: `"${entry.jurisdiction}" is tracked twice`,
        params: { hint: 'keep one entry per jurisdiction, with its latest status and as_of date' } });
    }
    seen.add(entry.jurisdiction);
    if (entry.status !== 'unknown' && !entry.source) {
      ctx.addIssue({ code: 'custom', path: ['implementation', index, 'status'], message: `is "${entry.status}" but the entry has no source`,
        params: { hint: 'add source: {title, url} with a deep link to the law, policy or report that shows it, or set status: unknown' } });
    }
  });
}

/** A note's front matter after validation, with defaults applied. */
export type NoteFrontMatter = z.infer<ReturnType<typeof buildNoteSchema>>;

/**
 * The latest calendar date anywhere on Earth at `now` (UTC+14). A reviewer in Kiribati may date a
 * review "tomorrow" by UTC; that is not a future date for them.
 */
export function latestCalendarDate(now: Date): string {
  return new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
}
