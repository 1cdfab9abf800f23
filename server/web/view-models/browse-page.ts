import { textOf } from '../../content/taxonomy.js';
import type { KnowledgeBase, PublishedNote } from '../../content/knowledge-base.js';
import { FACETS, VOCABULARY_FACETS, type VocabularyFacet } from '../../content/note-schema.js';
import { countNotes, formatDate, type InterfaceLanguage, type Translate } from '../i18n.js';
import { facetValuesOf, listingsOf } from './note-listings.js';
import { paginate, type PaginationModel } from './pagination.js';
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
  /** This page of the notes tagged with the value. */
  notes: NoteListItem[];
  countLabel: string;
  pagination: PaginationModel;
  searchUrl: string;
}

/** Notes a browse page lists at a time: a value carried by thousands of notes must not make a page of megabytes. */
export const BROWSE_PAGE_SIZE = 50;

/** True when a published note carries `value` in facet `field`, derived facets included. */
export function noteHasValue(note: PublishedNote, field: string, value: string, today: string): boolean {
  return facetValuesOf(note, field, today).includes(value);
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

/** The list items of some notes. */
export function toNoteListItems(notes: readonly PublishedNote[], kb: KnowledgeBase, context: { language: InterfaceLanguage; t: Translate }): NoteListItem[] {
  return notes.map((note) => toNoteListItem(note, kb, context.language, context.t));
}

/** The definition of one facet value, then the published notes tagged with it, newest review first, a page at a time. */
export function buildBrowsePage(
  kb: KnowledgeBase,
  field: string,
  value: string,
  context: { language: InterfaceLanguage; t: Translate; today: string; page: number },
): BrowsePageModel {
  const { language, t } = context;
  const isVocabulary = (VOCABULARY_FACETS as readonly string[]).includes(field);
  const entry = isVocabulary ? kb.taxonomy.vocabularies[field as VocabularyFacet].values.find((candidate) => candidate.id === value) : undefined;
  const tagged = listingsOf(kb, context.today).byReviewed.filter((note) => noteHasValue(note, field, value, context.today));
  const address = `/browse/${field}/${encodeURIComponent(value)}`;
  const shown = paginate(tagged, context.page, BROWSE_PAGE_SIZE, (page) => (page === 1 ? address : `${address}?page=${page}`), t);
  return {
    facetLabel: labelFacet(field, language, kb.taxonomy, t),
    label: labelFacetValue(field, value, language, kb.taxonomy, t),
    definition: entry ? textOf(entry, language).definition : undefined,
    notes: toNoteListItems(shown.items, kb, context),
    countLabel: countNotes(tagged.length, language),
    pagination: shown.pagination,
    searchUrl: `/search?${new URLSearchParams({ [field]: value }).toString()}`,
  };
}

/** The facets that have browse pages: every facet whose values are ids or codes. */
export const BROWSABLE_FACETS = FACETS.filter((facet) => facet.kind !== 'boolean').map((facet) => facet.field);
