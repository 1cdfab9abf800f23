import { LRUCache } from 'lru-cache';
import type { KnowledgeBase, PublishedNote } from '../content/knowledge-base.js';

/** The summaries of some notes, by note. */
export type ReadSummaries = (notes: readonly PublishedNote[]) => Promise<ReadonlyMap<PublishedNote, string>>;

/**
 * Summaries for the notes a listing page shows (a page at a time: 6 on the home page, 50 on a browse
 * page, 100 on /notes), read from the notes' files: the catalogue leaves them out, since at 50,000
 * notes they were 10 MB of every replica's memory and a page shows a hundred at most. The summaries
 * read are kept, by bytes, keyed by the catalogue entry: an edited note is a new entry.
 */
export function summaryReader(kb: KnowledgeBase): ReadSummaries {
  return async (notes) => {
    const summaries = new Map<PublishedNote, string>();
    await Promise.all(notes.map(async (note) => {
      let summary = kept.get(note);
      if (summary === undefined) {
        summary = (await kb.readNote(note))?.summary ?? '';
        kept.set(note, summary);
      }
      summaries.set(note, summary);
    }));
    return summaries;
  };
}

const kept = new LRUCache<PublishedNote, string>({ maxSize: 4 * 1024 * 1024, sizeCalculation: (summary) => 2 * summary.length + 64 });
