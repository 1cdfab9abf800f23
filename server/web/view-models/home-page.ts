import { textOf } from '../../content/taxonomy.js';
import type { KnowledgeBase } from '../../content/knowledge-base.js';
import { FEATURED_FACETS } from '../../content/note-schema.js';
import { countNotes, formatNumber, type InterfaceLanguage, type Translate } from '../i18n.js';
import { toNoteListItems, type NoteListItem } from './browse-page.js';
import { labelFacet } from './facet-labels.js';
import { listingsOf } from './note-listings.js';

/** One browse tile: a facet value with its number of notes. */
export interface TileModel {
  label: string;
  url: string;
  countLabel: string;
}

/** Everything views/home.ejs shows. Built from memory: the home page works while the engine is down. */
export interface HomePageModel {
  tileGroups: Array<{ label: string; tiles: TileModel[] }>;
  recent: NoteListItem[];
  collections: Array<{ title: string; summary: string; url: string; countLabel: string }>;
  why: string | undefined;
  figures: Array<{ value: string; label: string; source: string; url: string | undefined }>;
  noteCountLabel: string;
}

const RECENT_COUNT = 6;

/** Builds the home page from the knowledge base (its counts worked out once, note-listings.ts). */
export function buildHomePage(kb: KnowledgeBase, language: InterfaceLanguage, t: Translate, today: string): HomePageModel {
  const listings = listingsOf(kb, today);
  const tileGroups = FEATURED_FACETS.map((facet) => ({
    label: labelFacet(facet, language, kb.taxonomy, t),
    tiles: kb.taxonomy.vocabularies[facet].values
      .map((value) => ({ value, count: listings.counts.get(facet)?.get(value.id) ?? 0 }))
      .filter(({ count }) => count > 0)
      .map(({ value, count }) => ({
        label: textOf(value, language).label,
        url: `/browse/${facet}/${value.id}`,
        countLabel: countNotes(count, language),
      })),
  }));
  const recent = listings.byReviewed.slice(0, RECENT_COUNT);
  return {
    tileGroups: tileGroups.filter((group) => group.tiles.length > 0),
    recent: toNoteListItems(recent, kb, { language, t }),
    collections: kb.collections.map((collection) => ({
      title: collection.title,
      summary: collection.summary,
      url: `/collections/${collection.slug}`,
      countLabel: countNotes(collection.notes.length, language),
    })),
    why: kb.about?.why[language] ?? kb.about?.why.en,
    figures: (kb.about?.figures ?? []).map((figure) => ({
      value: `${formatNumber(figure.value, language)}${figure.unit ?? ''}`,
      label: figure.label[language] ?? figure.label.en ?? '',
      source: figure.year ? `${figure.source} (${figure.year})` : figure.source,
      url: figure.url,
    })),
    noteCountLabel: countNotes(kb.notes.length, language),
  };
}
