import { LRUCache } from 'lru-cache';
import type { PublishedNote } from '../content/build-knowledge-base.js';
import { renderNote, type RenderedNote } from '../content/render-note.js';

/** Renders a note's body for a page, remembering the most recently read ones. */
export type RenderNoteCached = (note: PublishedNote) => RenderedNote;

/**
 * A cache of rendered notes. Keyed by the note object: a published edit is a new object and renders
 * afresh; memory stays bounded however large the knowledge base grows (a note renders in a few ms).
 */
export function createRenderedNotes(max = 1_000): RenderNoteCached {
  const cache = new LRUCache<PublishedNote, RenderedNote>({ max });
  return (note) => {
    let rendered = cache.get(note);
    if (!rendered) {
      rendered = renderNote(note.body);
      cache.set(note, rendered);
    }
    return rendered;
  };
}
