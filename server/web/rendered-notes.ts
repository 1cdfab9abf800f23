import { LRUCache } from 'lru-cache';
import type { PublishedNote } from '../content/build-knowledge-base.js';
import { renderNote, type RenderedNote } from '../content/render-note.js';

/** Renders a note's body for a page, remembering the most recently read ones. */
export type RenderNoteCached = (note: PublishedNote) => RenderedNote;

/**
 * A cache of rendered notes, keyed by the Markdown itself: an edited note renders afresh, and memory
 * stays bounded however large the knowledge base grows (a note renders in about a millisecond).
 */
export function createRenderedNotes(max = 1_000): RenderNoteCached {
  const cache = new LRUCache<string, RenderedNote>({ max });
  return (note) => {
    let rendered = cache.get(note.body);
    if (!rendered) {
      rendered = renderNote(note.body);
      cache.set(note.body, rendered);
    }
    return rendered;
  };
}
