import { z } from 'zod';
import { slugify } from './slugify.js';
import type { Taxonomy } from './taxonomy.js';
import { isJurisdictionCode } from './jurisdictions.js';
import { deepLinkUrl, isIsoDate, isLanguageCode, SLUG_PATTERN } from './field-values.js';
import {
  AUTHORED_FIELDS,
  IMPLEMENTATION_STATUSES,
  LEGAL_AUTHORITY_BASES,
  POLICY_RECOMMENDATION,
  RECOMMENDATION_FIELDS,
  type AuthoredVocabularyDescriptor,
  type BooleanField,
  type VocabularyFacet,
} from './note-schema.js';

/*
 * The zod schema of a note's front matter, built from the field descriptors of note-schema.ts (its
 * vocabulary and yes/no fields) and the vocabularies of taxonomy.yml, with the rules that tie fields
 * together. note-schema.ts stays the one list of fields and facets; this module only checks notes.
 */

const slug = z.string().max(100).regex(SLUG_PATTERN, 'must be lower-case words joined by hyphens (a-z, 0-9, -)');

/** A note's citation of an authority: its id, and optionally a provision id (`art-3`) or paragraph text (`§§ 282-289`). */
const citedAuthority = z
  .union([slug, z.strictObject({ id: slug, pinpoint: z.string().trim().min(1).max(100).optional() })])
  .transform((value) => (typeof value === 'string' ? { id: value } : value));

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
type VocabularySchemaOf<D> = D extends { list: true; presence: 'optional' }
  ? z.ZodOptional<z.ZodType<string[]>>
  : D extends { list: true; presence: 'default' }
    ? z.ZodDefault<z.ZodType<string[]>>
    : D extends { list: true }
      ? z.ZodType<string[]>
      : D extends { presence: 'default' }
        ? z.ZodDefault<z.ZodType<string>>
        : z.ZodType<string>;
type DescribedShape = { [D in AuthoredVocabularyDescriptor as D['field']]: VocabularySchemaOf<D> } & { [F in BooleanField]: z.ZodDefault<z.ZodBoolean> };

/** The schema of every vocabulary and yes/no field, from its descriptor: lists of unique ids, at least one when required. */
function describedShape(taxonomy: Taxonomy): DescribedShape {
  const shape: Record<string, z.ZodType> = {};
  for (const descriptor of AUTHORED_FIELDS) {
    if (descriptor.kind === 'boolean') shape[descriptor.field] = z.boolean().default(false);
    if (descriptor.kind !== 'vocabulary') continue;
    const ids = vocabulary(taxonomy, descriptor.field as VocabularyFacet);
    const base: z.ZodType = descriptor.list ? (descriptor.presence === 'required' ? uniqueList(ids).min(1) : uniqueList(ids)) : ids;
    shape[descriptor.field] =
      descriptor.presence === 'optional'
        ? base.optional()
        : descriptor.presence === 'default'
          ? base.default((descriptor.list ? [] : descriptor.default) as never)
          : base;
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
    .refine((date) => !isIsoDate(date) || date <= today, {
      message: 'is in the future',
      params: { hint: 'give the date the status was last confirmed (today or earlier)' },
    });
  const implementationEntry = z.strictObject({
    jurisdiction: z.string().refine(isJurisdictionCode, { message: 'is not a known jurisdiction code' }),
    status: z.enum(IMPLEMENTATION_STATUSES),
    as_of: isoDate,
    source: z.strictObject({ title: z.string().min(3).max(500), url: deepLinkUrl }).optional(),
  });

  return z
    .strictObject(
      inFieldOrder({
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
          .refine((date) => !isIsoDate(date) || date <= today, {
            message: 'is in the future',
            params: { hint: 'give the date the note was last reviewed (today or earlier)' },
          }),
        reviewers: uniqueList(z.string().min(1).max(100)).default([]),
        authors: uniqueList(z.string().min(1).max(100)).default([]),
        slug: slug.optional(),
        aliases: uniqueList(slug)
          .max(MAX_ALIASES, { message: `lists more than ${MAX_ALIASES} former slugs; keep only slugs this note was really published under` })
          .default([]),
        translations: z.record(z.string().refine(isLanguageCode, { message: 'must be an ISO 639-1 language code' }), slug).default({}),
        status: z.enum(['published', 'draft']).default('published'),
        rests_on: uniqueList(slug).min(1).optional(),
        implementation: z.array(implementationEntry).optional(),
      }),
    )
    .superRefine((note, ctx) => {
      if (note.evidence_types.length === 0 && note.victim_centred_techniques.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['evidence_types'],
          message: 'is empty, and so is victim_centred_techniques; at least one of them must list a value',
          params: { hint: 'tag the kind of evidence or the victim-centred technique the note is about', kind: 'empty_list' },
        });
      }
      if (LEGAL_AUTHORITY_BASES.includes(note.evidence_basis) && note.sources.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources'],
          message: `is empty, but evidence_basis "${note.evidence_basis}" needs at least one source`,
          params: { hint: 'cite the law, judgment or guidance the rating rests on (title, and url or citation)', kind: 'empty_list' },
        });
      }
      if (note.translations[note.language]) {
        ctx.addIssue({
          code: 'custom',
          path: ['translations', note.language],
          message: `points to the note's own language (${note.language})`,
          params: { hint: 'list only the other languages this note exists in' },
        });
      }
      checkRecommendation(note, ctx);
      if (note.slug && note.aliases.includes(note.slug)) {
        ctx.addIssue({ code: 'custom', path: ['aliases'], message: `contains the note's own slug "${note.slug}"`, params: { hint: 'remove it from aliases' } });
      }
      note.aliases.forEach((alias, index) => {
        if (reserved.has(alias)) {
          ctx.addIssue({
            code: 'custom',
            path: ['aliases', index],
            message: `"${alias}" is a vocabulary term or search synonym, not a former slug of this note`,
            params: { hint: 'an alias is a slug this note was once published under; remove it' },
          });
        } else if (!alias.includes('-')) {
          ctx.addIssue({
            code: 'custom',
            path: ['aliases', index],
            message: `"${alias}" is a single word, too generic to redirect to one note`,
            params: { hint: 'an alias is a slug this note was once published under, such as phone-evidence-coercion' },
          });
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
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `is only allowed when content_type is ${POLICY_RECOMMENDATION} (this note is "${note.content_type}")`,
        params: { hint: `remove ${field}, or set content_type: ${POLICY_RECOMMENDATION} if the note is a recommendation` },
      });
    }
    return;
  }
  if (!note.rests_on) {
    ctx.addIssue({
      code: 'custom',
      path: ['content_type'],
      message: `is ${POLICY_RECOMMENDATION}, but rests_on is missing`,
      params: { hint: 'add rests_on: [slug-of-a-note, …] listing the notes whose evidence supports the recommendation' },
    });
  }
  if (note.slug && note.rests_on?.includes(note.slug)) {
    ctx.addIssue({
      code: 'custom',
      path: ['rests_on'],
      message: 'lists the recommendation itself',
      params: { hint: 'list the notes whose evidence supports it' },
    });
  }
  const seen = new Set<string>();
  note.implementation?.forEach((entry, index) => {
    if (seen.has(entry.jurisdiction)) {
      ctx.addIssue({
        code: 'custom',
        path: ['implementation', index, 'jurisdiction'],
        message: `"${entry.jurisdiction}" is tracked twice`,
        params: { hint: 'keep one entry per jurisdiction, with its latest status and as_of date' },
      });
    }
    seen.add(entry.jurisdiction);
    if (entry.status !== 'unknown' && !entry.source) {
      ctx.addIssue({
        code: 'custom',
        path: ['implementation', index, 'status'],
        message: `is "${entry.status}" but the entry has no source`,
        params: { hint: 'add source: {title, url} with a deep link to the law, policy or report that shows it, or set status: unknown' },
      });
    }
  });
}

/** A note's front matter after validation, with defaults applied. */
export type NoteFrontMatter = z.infer<ReturnType<typeof buildNoteSchema>>;
