import { createHash } from 'node:crypto';
import type { IndexedNote, KnowledgeBase, NoteFields, PublishedNote } from '../content/knowledge-base.js';
import { deriveFacets, type DerivedFacetValues } from '../content/derived-facets.js';
import { countryOf, jurisdictionName, nameJurisdiction } from '../content/jurisdictions.js';
import {
  BOOLEAN_FIELDS,
  VOCABULARY_FACETS,
  VOCABULARY_LIST_FIELDS,
  VOCABULARY_VALUE_FIELDS,
  type BooleanField,
  type VocabularyFacet,
  type VocabularyListField,
  type VocabularyValueField,
} from '../content/note-schema.js';
import type { SearchText, SectionText } from '../content/render-note.js';
import type { Taxonomy } from '../content/taxonomy.js';

/**
 * A note's facet values as the engine stores them, one attribute per field of the note schema: every
 * vocabulary list (empty when the note has none), every one-value vocabulary and every yes/no field.
 */
export type FacetValues = { [F in VocabularyListField]: string[] } & { [F in VocabularyValueField]: string } & { [F in BooleanField]: boolean };

/** A note as the engine stores it: flat fields, plain text, its facet values, and the derived facets of docs/contract.md §2.7. */
export interface SearchDocument extends FacetValues {
  id: string;
  slug: string;
  title: string;
  summary: string;
  headings: string[];
  body: string;
  /** The body cut at its h2–h4 headings; the engine stores one record per section (section-records.ts). */
  sections: SectionText[];
  sources: string[];
  /** Labels of the note's tags and jurisdictions in every interface language, so "phone extraction" finds `digital-device`. */
  tag_labels: string[];
  language: string;
  jurisdictions: string[];
  world_regions: string[];
  /** 0 for the strongest basis: lets results sort by strength. */
  evidence_basis_rank: number;
  /** Policy recommendations only (empty elsewhere): the notes it rests on, its tracker (and `audience`, below). */
  rests_on: string[];
  implementation: ImplementationEntry[];
  /** The jurisdictions of `implementation`, filterable, so a country profile finds the recommendations tracked there. */
  tracked_jurisdictions: string[];
  /** Language → slug of the same note in other languages, so a translated recommendation is one row of the tracker. */
  translations: Record<string, string>;
  review_due: boolean;
  last_reviewed: string;
  /** What the record was made from (note, vocabularies, document version, review state): `npm run index` re-renders a note only when this changes. */
  source_hash: string;
}

/** Bump when the document shape or the index settings change, so running servers reindex. */
export const SEARCH_DOCUMENT_VERSION = 17;

/** One row of a recommendation's tracker, as stored and served (docs/contract.md §1 `implementation`). */
export interface ImplementationEntry {
  jurisdiction: string;
  status: string;
  as_of: string;
  source?: { title: string; url: string } | undefined;
}

/** The labels of a note's tags and jurisdictions in every interface language: what the index searches as `tag_labels` (and a pack's page holds for its offline search). Pure. */
export function tagLabelsOf(note: NoteFields, taxonomy: Taxonomy, derived: DerivedFacetValues): string[] {
  const labels = new Set<string>();
  for (const facet of VOCABULARY_FACETS) {
    const ids = facetValues(note, facet, derived);
    for (const value of taxonomy.vocabularies[facet].values) {
      if (!ids.includes(value.id)) continue;
      for (const text of Object.values(value.text)) labels.add(text.label);
    }
  }
  for (const code of note.jurisdictions) {
    for (const name of jurisdictionNames(code, taxonomy)) labels.add(name);
  }
  return [...labels];
}

/** A note's sources as the index searches them: title — citation. Pure. */
export function sourceLinesOf(note: Pick<NoteFields, 'sources'>): string[] {
  return note.sources.map((source) => withoutControlCharacters([source.title, source.citation].filter(Boolean).join(' — ')));
}

/** Flattens a published note into the engine's document, with labels in every language and derived facets. */
export function toSearchDocument(note: IndexedNote, text: SearchText, taxonomy: Taxonomy, today: string): SearchDocument {
  const derived = deriveFacets(note, today);
  const basisIds = taxonomy.vocabularies.evidence_basis.values.map((value) => value.id);
  const reviewDue = derived.review_due;
  return {
    id: note.slug,
    slug: note.slug,
    title: withoutControlCharacters(note.title),
    summary: withoutControlCharacters(note.summary),
    headings: text.headings.map(withoutControlCharacters),
    body: withoutControlCharacters(text.plainText),
    sections: text.sections.map((section) => ({
      id: section.id,
      heading: withoutControlCharacters(section.heading),
      text: withoutControlCharacters(section.text),
    })),
    sources: sourceLinesOf(note),
    tag_labels: tagLabelsOf(note, taxonomy, derived),
    language: note.language,
    jurisdictions: note.jurisdictions,
    world_regions: derived.world_regions,
    ...toFacetValues(note),
    evidence_basis_rank: basisIds.indexOf(note.evidence_basis),
    rests_on: note.rests_on ?? [],
    implementation: (note.implementation ?? []).map(({ jurisdiction, status, as_of, source }) => ({
      jurisdiction,
      status,
      as_of,
      ...(source ? { source: { title: withoutControlCharacters(source.title), url: source.url } } : {}),
    })),
    tracked_jurisdictions: (note.implementation ?? []).map((entry) => entry.jurisdiction),
    translations: note.translations,
    review_due: reviewDue,
    last_reviewed: note.last_reviewed,
    source_hash: sourceHash(note, taxonomy, reviewDue),
  };
}

/** The note's value for every facet field the schema describes (a list it leaves out is empty). Pure. */
export function toFacetValues(note: IndexedNote): FacetValues {
  const values: Record<string, unknown> = {};
  for (const field of VOCABULARY_LIST_FIELDS) values[field] = note[field] ?? [];
  for (const field of VOCABULARY_VALUE_FIELDS) values[field] = note[field];
  for (const field of BOOLEAN_FIELDS) values[field] = note[field];
  return values as FacetValues;
}

/**
 * A digest of everything a note's search record is made from, computed without rendering it:
 * the incremental index compares it with the stored one and renders only the notes that differ.
 */
export function sourceHash(note: PublishedNote, taxonomy: Taxonomy, reviewDue: boolean): string {
  return (
    createHash('sha256')
      .update(`${SEARCH_DOCUMENT_VERSION}\0${taxonomyDigest(taxonomy)}\0${reviewDue}\0`)
      // The note file's digest stands for everything in it, body included: no body is read to decide.
      .update(note.digest)
      .digest('base64url')
  );
}

const taxonomyDigests = new WeakMap<Taxonomy, string>();
function taxonomyDigest(taxonomy: Taxonomy): string {
  let digest = taxonomyDigests.get(taxonomy);
  if (!digest) {
    digest = createHash('sha256').update(JSON.stringify(taxonomy)).digest('base64url');
    taxonomyDigests.set(taxonomy, digest);
  }
  return digest;
}

/**
 * What the live index must match: the content, the document shape, and which notes are due for
 * review today (that set changes with the calendar, not with the files).
 */
export function indexFingerprint(knowledgeBase: KnowledgeBase, today: string): string {
  const due = knowledgeBase.notes.filter((note) => deriveFacets(note, today).review_due).map((note) => note.slug);
  return createHash('sha256')
    .update(`${SEARCH_DOCUMENT_VERSION}\0${knowledgeBase.contentHash}\0${due.join(',')}`)
    .digest('hex');
}

// Highlighting marks matches with control characters (safe-highlight.ts); text a note supplies must
// never contain them, or it could open a <mark> of its own.
function withoutControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ');
}

function facetValues(note: NoteFields, facet: VocabularyFacet, derived: DerivedFacetValues): string[] {
  if (facet === 'world_regions') return derived.world_regions;
  const value = note[facet];
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function jurisdictionNames(code: string, taxonomy: Taxonomy): string[] {
  const names = new Set<string>();
  const isoName = jurisdictionName(code);
  if (isoName) names.add(isoName);
  for (const language of taxonomy.languages) names.add(nameJurisdiction(code, language, taxonomy.jurisdictionNames));
  // A subdivision's notes are also found by the name of its country (GB-EAW by "Royaume-Uni").
  const country = countryOf(code);
  if (country && country !== code) {
    for (const language of taxonomy.languages) names.add(nameJurisdiction(country, language, taxonomy.jurisdictionNames));
  }
  return [...names];
}
