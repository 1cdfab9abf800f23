import { textOf } from '../../content/taxonomy.js';
import type { KnowledgeBase, PublishedNote } from '../../content/build-knowledge-base.js';
import { worldRegionOf } from '../../content/jurisdictions.js';
import { FACETS, VOCABULARY_FACETS, type VocabularyFacet } from '../../content/note-schema.js';
import { isReviewDue } from '../../search/search-document.js';
import { formatDate, type InterfaceLanguage, type Translate } from '../i18n.js';
import { basisBadge, labelFacet, labelFacetValue, type BasisBadge } from './facet-labels.js';

/** A note in a list (browse pages, collections, the home page). */
export interface NoteListItem {
  url: string;
  /** The note's own language, so screen readers pronounce its title and summary correctly. */
  language: string;
  title: string;
  summary: string;
  basis: BasisBadge;
  jurisdictions: string[];
  lastReviewedLabel: string;
}

/** Everything views/browse.ejs shows. */
export interface BrowsePageModel {
  facetLabel: string;
  label: string;
  definition: string | undefined;
  notes: NoteListItem[];
  searchUrl: string;
}

/** True when a published note carries `value` in facet `field`, derived facets included. */
export function noteHasValue(note: PublishedNote, field: string, value: string, today: string): boolean {
  if (field === 'world_regions') return note.jurisdictions.some((code) => worldRegionOf(code) === value);
  if (field === 'review_due') return String(isReviewDue(note.last_reviewed, today)) === value;
  const current = note[field as keyof PublishedNote];
  if (Array.isArray(current)) return (current as string[]).includes(value);
  return String(current) === value;
}

/** The ids a note carries for an authored vocabulary, one value or a list (a derived vocabulary is on no note: empty). */
export function vocabularyIdsOf(note: PublishedNote, field: VocabularyFacet): readonly string[] {
  const value = (note as unknown as Record<string, unknown>)[field];
  return Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
}

/** A note as a list item, with labels in the reader's language. */
export function toNoteListItem(note: PublishedNote, kb: KnowledgeBase, language: InterfaceLanguage, t: Translate): NoteListItem {
  return {
    url: `/notes/${note.slug}`,
    language: note.language,
    title: note.title,
    summary: note.summary,
    basis: basisBadge(note.evidence_basis, language, kb.taxonomy, t),
    jurisdictions: note.jurisdictions.map((code) => labelFacetValue('jurisdictions', code, language, kb.taxonomy, t)),
    lastReviewedLabel: t('search.reviewed', { date: formatDate(note.last_reviewed, language) }),
  };
}

/** The definition of one facet value, then the published notes tagged with it, newest review first. */
export function buildBrowsePage(kb: KnowledgeBase, field: string, value: string, context: { language: InterfaceLanguage; t: Translate; today: string }): BrowsePageModel {
  const { language, t } = context;
  const isVocabulary = (VOCABULARY_FACETS as readonly string[]).includes(field);
  const entry = isVocabulary ? kb.taxonomy.vocabularies[field as VocabularyFacet].values.find((candidate) => candidate.id === value) : undefined;
  const notes = kb.notes
    .filter((note) => noteHasValue(note, field, value, context.today))
    .sort((a, b) => b.last_reviewed.localeCompare(a.last_reviewed) || a.title.localeCompare(b.title));
  return {
    facetLabel: labelFacet(field, language, kb.taxonomy, t),
    label: labelFacetValue(field, value, language, kb.taxonomy, t),
    definition: (entry ? textOf(entry, language).definition : undefined),
    notes: notes.map((note) => toNoteListItem(note, kb, language, t)),
    searchUrl: `/search?${new URLSearchParams({ [field]: value }).toString()}`,
  };
}

/** The facets that have browse pages: every facet whose values are ids or codes. */
export const BROWSABLE_FACETS = FACETS.filter((facet) => facet.kind !== 'boolean').map((facet) => facet.field);
