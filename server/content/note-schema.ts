import { z } from 'zod';
import { slugify } from './note-skeleton.js';
import type { Taxonomy } from './taxonomy.js';
import { isJurisdictionCode } from './jurisdictions.js';

/*
 * The note schema: the one list of fields and facets. Index settings, query parsing, the facet
 * sidebar, the glossary and the map all derive from FACETS and from taxonomy.yml.
 */

/** Facets whose values come from a vocabulary in taxonomy.yml. */
export const VOCABULARY_FACETS = [
  'evidence_types',
  'victim_centred_techniques',
  'stages',
  'exploitation_types',
  'evidence_basis',
  'content_type',
  'audience',
  'regions',
  'victim_profile',
  'world_regions',
] as const;
export type VocabularyFacet = (typeof VOCABULARY_FACETS)[number];

/**
 * The ids CONTRACT §2 fixes. Ids are never renamed or removed (saved links depend on them), so
 * taxonomy.yml must define each of these; it may add more.
 */
export const CONTRACT_IDS: Record<VocabularyFacet, readonly string[]> = {
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
};

/** The legal-authority axis of evidence_basis; a note graded on it must cite at least one source. */
export const LEGAL_AUTHORITY_BASES: readonly string[] = ['binding-law', 'persuasive-authority', 'official-guidance'];

/** The content type of a policy recommendation: the only notes that may carry audience, rests_on and implementation. */
export const POLICY_RECOMMENDATION = 'policy-recommendation';

/** The fields only a policy recommendation may have (CONTRACT §1). */
export const RECOMMENDATION_FIELDS = ['audience', 'rests_on', 'implementation'] as const;

/** How far a jurisdiction has implemented a recommendation, most complete first (CONTRACT §1 `implementation`). */
export const IMPLEMENTATION_STATUSES = ['adopted', 'partly', 'not-adopted', 'unknown'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

/** How a facet's values are named and filtered. */
export type FacetKind = 'vocabulary' | 'jurisdiction' | 'language' | 'boolean';

/** One facet of the search sidebar, in display order. `derived` facets are computed at index time. */
export interface FacetDefinition {
  field: string;
  kind: FacetKind;
  derived: boolean;
}

/** Every facet, in the order the sidebar shows them. The one list the engine settings and query parser read. */
export const FACETS: readonly FacetDefinition[] = [
  { field: 'evidence_types', kind: 'vocabulary', derived: false },
  { field: 'victim_centred_techniques', kind: 'vocabulary', derived: false },
  { field: 'jurisdictions', kind: 'jurisdiction', derived: false },
  { field: 'world_regions', kind: 'vocabulary', derived: true },
  { field: 'stages', kind: 'vocabulary', derived: false },
  { field: 'exploitation_types', kind: 'vocabulary', derived: false },
  { field: 'evidence_basis', kind: 'vocabulary', derived: false },
  { field: 'victim_profile', kind: 'vocabulary', derived: false },
  { field: 'regions', kind: 'vocabulary', derived: false },
  { field: 'content_type', kind: 'vocabulary', derived: false },
  { field: 'audience', kind: 'vocabulary', derived: false },
  { field: 'language', kind: 'language', derived: false },
  { field: 'cross_border', kind: 'boolean', derived: false },
  { field: 'tech_facilitated', kind: 'boolean', derived: false },
  { field: 'review_due', kind: 'boolean', derived: true },
];

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
 * An http(s) URL that names a document, not a site: its path is more than "/" (CONTRACT §1). A home
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
 * nowhere, so it is refused wherever content links to a source (CONTRACT §1).
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
    .strictObject({
      title: z.string().min(10).max(160),
      summary: z.string().min(20).max(400),
      language: z.string().refine(isLanguageCode, { message: 'must be an ISO 639-1 language code such as en, fr or es' }),
      jurisdictions: uniqueList(z.string().refine(isJurisdictionCode, { message: 'is not a known jurisdiction code' })).min(1),
      regions: uniqueList(vocabulary(taxonomy, 'regions')).default([]),
      evidence_types: uniqueList(vocabulary(taxonomy, 'evidence_types')).default([]),
      victim_centred_techniques: uniqueList(vocabulary(taxonomy, 'victim_centred_techniques')).default([]),
      stages: uniqueList(vocabulary(taxonomy, 'stages')).min(1),
      exploitation_types: uniqueList(vocabulary(taxonomy, 'exploitation_types')).default([]),
      victim_profile: uniqueList(vocabulary(taxonomy, 'victim_profile')).default([]),
      cross_border: z.boolean().default(false),
      tech_facilitated: z.boolean().default(false),
      content_type: vocabulary(taxonomy, 'content_type').default('practice-note'),
      evidence_basis: vocabulary(taxonomy, 'evidence_basis'),
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
      audience: uniqueList(vocabulary(taxonomy, 'audience')).optional(),
      rests_on: uniqueList(slug).min(1).optional(),
      implementation: z.array(implementationEntry).optional(),
    })
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

// The rules that tie audience, rests_on and implementation to content_type (CONTRACT §1). Whether
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
