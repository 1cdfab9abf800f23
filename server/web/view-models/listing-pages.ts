import type { KnowledgeBase } from '../../content/build-knowledge-base.js';
import { FACETS } from '../../content/note-schema.js';
import { countNotes, type InterfaceLanguage, type Translate } from '../i18n.js';
import { BROWSABLE_FACETS, noteHasValue, toNoteListItem, type NoteListItem } from './browse-page.js';
import { labelFacet, labelFacetValue, labelLanguage } from './facet-labels.js';
import type { TileModel } from './home-page.js';

/** /notes: every published note, by language (the reader's first), then by title. */
export interface NotesIndexModel {
  countLabel: string;
  languages: Array<{ code: string; heading: string; notes: NoteListItem[] }>;
}

/** /browse: every browsable facet with the values notes carry and how many carry each. */
export interface BrowseIndexModel {
  facets: Array<{ field: string; label: string; tiles: TileModel[] }>;
}

/** /collections: every reading list. */
export interface CollectionsIndexModel {
  collections: Array<{ title: string; summary: string; language: string; url: string; printUrl: string; countLabel: string }>;
}

/** Builds /notes from the knowledge base (from memory: it works while the engine is down). Pure. */
export function buildNotesIndex(kb: KnowledgeBase, language: InterfaceLanguage, t: Translate): NotesIndexModel {
  const codes = [...new Set(kb.notes.map((note) => note.language))]
    .sort((a, b) => Number(b === language) - Number(a === language) || a.localeCompare(b));
  return {
    countLabel: countNotes(kb.notes.length, language),
    languages: codes.map((code) => ({
      code,
      heading: t('listing.notes.language', { language: labelLanguage(code, language) }),
      notes: kb.notes.filter((note) => note.language === code)
        .sort((a, b) => a.title.localeCompare(b.title, code))
        .map((note) => toNoteListItem(note, kb, language, t)),
    })),
  };
}

/** Builds /browse: facets in schema order, values that at least one note carries, most used first within codes. Pure. */
export function buildBrowseIndex(kb: KnowledgeBase, language: InterfaceLanguage, t: Translate, today: string): BrowseIndexModel {
  const facets = FACETS.filter((facet) => BROWSABLE_FACETS.includes(facet.field)).map((facet) => {
    const vocabulary = (kb.taxonomy.vocabularies as Record<string, { values: Array<{ id: string }> } | undefined>)[facet.field];
    const ids = vocabulary ? vocabulary.values.map((value) => value.id) : presentValues(kb, facet.field);
    const tiles = ids
      .map((id) => ({ id, count: kb.notes.filter((note) => noteHasValue(note, facet.field, id, today)).length }))
      .filter(({ count }) => count > 0)
      .map(({ id, count }) => ({
        label: labelFacetValue(facet.field, id, language, kb.taxonomy, t),
        url: `/browse/${facet.field}/${encodeURIComponent(id)}`,
        countLabel: countNotes(count, language),
      }));
    if (!vocabulary) tiles.sort((a, b) => a.label.localeCompare(b.label, language));
    return { field: facet.field, label: labelFacet(facet.field, language, kb.taxonomy, t), tiles };
  });
  return { facets: facets.filter((facet) => facet.tiles.length > 0) };
}

/** Builds /collections. Pure. */
export function buildCollectionsIndex(kb: KnowledgeBase, language: InterfaceLanguage): CollectionsIndexModel {
  return {
    collections: kb.collections.map((collection) => ({
      title: collection.title,
      summary: collection.summary,
      language: collection.language,
      url: `/collections/${collection.slug}`,
      printUrl: `/print/collections/${collection.slug}`,
      countLabel: countNotes(collection.notes.filter((slug) => kb.bySlug.has(slug)).length, language),
    })),
  };
}

// Jurisdictions and languages: the codes notes use (a vocabulary lists its own ids).
function presentValues(kb: KnowledgeBase, field: string): string[] {
  if (field === 'jurisdictions') return [...new Set(kb.notes.flatMap((note) => note.jurisdictions))];
  if (field === 'language') return [...new Set(kb.notes.map((note) => note.language))];
  return [];
}
