import type { KnowledgeBase, PublishedNote } from '../../content/knowledge-base.js';
import { FACETS } from '../../content/note-schema.js';
import { countNotes, type InterfaceLanguage, type Translate } from '../i18n.js';
import { BROWSABLE_FACETS, toNoteListItems, type NoteListItem } from './browse-page.js';
import { listingsOf } from './note-listings.js';
import { paginate, type PaginationModel } from './pagination.js';
import { labelFacet, labelFacetValue, labelLanguage } from './facet-labels.js';
import type { TileModel } from './home-page.js';

/** /notes: every published note, by language (the reader's first), then by title. */
export interface NotesIndexModel {
  countLabel: string;
  /** Every language notes are written in, for the links at the top. */
  allLanguages: Array<{ code: string; heading: string; url: string }>;
  /** This page's notes, grouped by language. */
  languages: Array<{ code: string; heading: string; notes: NoteListItem[] }>;
  pagination: PaginationModel;
}

/** Notes /notes lists at a time. */
export const NOTES_PAGE_SIZE = 100;

/** /browse: every browsable facet with the values notes carry and how many carry each. */
export interface BrowseIndexModel {
  facets: Array<{ field: string; label: string; tiles: TileModel[] }>;
}

/** /collections: every reading list. */
export interface CollectionsIndexModel {
  collections: Array<{ title: string; summary: string; language: string; url: string; printUrl: string; countLabel: string }>;
}

/** Builds /notes from the catalogue (it works while the engine is down), a page at a time. */
export function buildNotesIndex(kb: KnowledgeBase, language: InterfaceLanguage, t: Translate, context: { today: string; page: number }): NotesIndexModel {
  const listings = listingsOf(kb, context.today);
  const codes = [...(listings.counts.get('language')?.keys() ?? [])].sort((a, b) => Number(b === language) - Number(a === language) || a.localeCompare(b));
  const heading = (code: string) => t('listing.notes.language', { language: labelLanguage(code, language) });
  // Where each language starts in the whole list, so the links at the top reach its first page.
  const starts = new Map<string, number>();
  const ordered: PublishedNote[] = [];
  for (const code of codes) {
    starts.set(code, ordered.length);
    ordered.push(...listings.inLanguage(code));
  }
  const pageUrl = (page: number) => (page === 1 ? '/notes' : `/notes?page=${page}`);
  const shown = paginate(ordered, context.page, NOTES_PAGE_SIZE, pageUrl, t);
  const groups: NotesIndexModel['languages'] = [];
  const items = toNoteListItems(shown.items, kb, { language, t });
  for (const [at, note] of shown.items.entries()) {
    const last = groups.at(-1);
    const item = items[at]!;
    if (last?.code === note.language) last.notes.push(item);
    else groups.push({ code: note.language, heading: heading(note.language), notes: [item] });
  }
  return {
    countLabel: countNotes(kb.notes.length, language),
    allLanguages: codes.map((code) => ({ code, heading: heading(code), url: `${pageUrl(Math.floor(starts.get(code)! / NOTES_PAGE_SIZE) + 1)}#notes-${code}` })),
    languages: groups,
    pagination: shown.pagination,
  };
}

/** Builds /browse: facets in schema order, values that at least one note carries, most used first within codes. Pure. */
export function buildBrowseIndex(kb: KnowledgeBase, language: InterfaceLanguage, t: Translate, today: string): BrowseIndexModel {
  const facets = FACETS.filter((facet) => BROWSABLE_FACETS.includes(facet.field)).map((facet) => {
    const vocabulary = (kb.taxonomy.vocabularies as Record<string, { values: Array<{ id: string }> } | undefined>)[facet.field];
    const ids = vocabulary ? vocabulary.values.map((value) => value.id) : presentValues(kb, facet.field, today);
    const counts = listingsOf(kb, today).counts.get(facet.field);
    const tiles = ids
      .map((id) => ({ id, count: counts?.get(id) ?? 0 }))
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
function presentValues(kb: KnowledgeBase, field: string, today: string): string[] {
  return [...(listingsOf(kb, today).counts.get(field)?.keys() ?? [])];
}
