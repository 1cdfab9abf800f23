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
// A table, one field to a line (kept so by the formatter), so a field's whole description reads across.
// prettier-ignore
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
/** The fields computed at index time, not written by an author (world regions, review due). */
export type DerivedDescriptor = Extract<Descriptor, { presence: 'derived' }>;
/** The vocabularies an author writes, as descriptors. */
export type AuthoredVocabularyDescriptor = Extract<AuthoredDescriptor, { kind: 'vocabulary' }>;

/** Every field's name, authored or derived. */
export type NoteField = Descriptor['field'];
/** Every facet's name, in NOTE_FIELDS (the sidebar's facets). */
export type FacetField = Extract<Descriptor, { facet: true }>['field'];
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
export const VOCABULARY_LIST_FIELDS = AUTHORED_FIELDS.filter((field) => field.kind === 'vocabulary' && field.list).map(
  (field) => field.field,
) as readonly VocabularyListField[];

/** The vocabularies an author writes as one value, in order. */
export const VOCABULARY_VALUE_FIELDS = AUTHORED_FIELDS.filter((field) => field.kind === 'vocabulary' && !field.list).map(
  (field) => field.field,
) as readonly VocabularyValueField[];

/** The yes/no fields an author writes, in order. */
export const BOOLEAN_FIELDS = AUTHORED_FIELDS.filter((field) => field.kind === 'boolean').map((field) => field.field) as readonly BooleanField[];

/** Vocabularies that can be an axis of the evidence map. */
export const MAP_FACETS = FIELD_DESCRIPTORS.filter((field) => field.mapAxis && field.facet && field.kind === 'vocabulary').map(
  (field) => field.field,
) as readonly VocabularyFacet[];

/** The vocabularies offered as ways in (home page tiles, topics beside an empty search), in order. */
export const FEATURED_FACETS = FIELD_DESCRIPTORS.filter((field) => field.featured && field.kind === 'vocabulary').map(
  (field) => field.field,
) as readonly VocabularyFacet[];

/**
 * The ids docs/contract.md §2 fixes. Ids are never renamed or removed (saved links depend on them), so
 * taxonomy.yml must define each of these; it may add more.
 */
export const CONTRACT_IDS = {
  evidence_types: [
    'victim-testimony',
    'witness-testimony',
    'cooperating-defendant',
    'suspect-account',
    'documentary',
    'financial',
    'digital-device',
    'communications-data',
    'online-osint',
    'interception',
    'surveillance',
    'physical-forensic',
    'expert',
    'labour-inspection',
    'international-evidence',
    'victim-status-decision',
    'corroboration-strategy',
  ],
  victim_centred_techniques: [
    'early-identification',
    'trauma-informed-interviewing',
    'recorded-evidence-in-chief',
    'pre-recorded-cross-examination',
    'special-measures',
    'intermediary',
    'ground-rules-hearing',
    'interpretation',
    'anonymity-privacy',
    'witness-protection',
    'support-advocacy',
    'reflection-recovery-period',
    'residence-immigration-relief',
    'non-punishment',
    'evidence-led-prosecution',
    'information-participation',
    'compensation-reparation',
    'child-specific-measures',
    'secondary-victimisation-avoidance',
  ],
  stages: ['identification-referral', 'investigation', 'charging', 'pre-trial', 'trial', 'sentencing', 'confiscation-compensation', 'appeal-review'],
  exploitation_types: [
    'sexual-exploitation',
    'forced-labour',
    'debt-bondage',
    'domestic-servitude',
    'forced-criminality',
    'forced-begging',
    'slavery-servitude',
    'organ-removal',
    'forced-marriage',
    'illegal-adoption',
    'exploitation-of-surrogacy',
    'child-soldiers',
    'online-child-sexual-exploitation',
  ],
  evidence_basis: [
    'binding-law',
    'persuasive-authority',
    'official-guidance',
    'evaluated-strong',
    'evaluated-limited',
    'practitioner-consensus',
    'emerging-practice',
    'contested',
  ],
  content_type: ['practice-note', 'case-summary', 'legislation-note', 'guidance-summary', 'research-summary', 'policy-recommendation'],
  audience: [
    'legislature',
    'prosecution-service',
    'law-enforcement',
    'judiciary',
    'victim-services',
    'labour-inspectorate',
    'financial-sector',
    'international-bodies',
  ],
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
