import type { KnowledgeBase, PublishedNote } from '../content/knowledge-base.js';
import { extractSearchText } from '../content/render-note.js';
import type { NoteIndexWriter } from './note-index.js';
import { updateIndex } from './reindex.js';
import { toSearchDocument } from './search-document.js';

/** A step of the knowledge's history, as the index needs it (server/knowledge/live-knowledge.ts gives these). */
export interface IndexedChange {
  knowledgeBase: KnowledgeBase;
  upserted: readonly PublishedNote[];
  removed: readonly string[];
  reloaded: boolean;
}

/** Above this many changed notes, the incremental index (which compares every note's source hash) is as quick and leaves nothing stale. */
const NOTES_ONE_BY_ONE = 50;

/**
 * Brings the search index in line with one change of the knowledge, whoever made it (an approval
 * here, another replica, a git user's push): the notes it changed are upserted, the ones it removed
 * dropped. A change to the vocabularies, collections or authorities, or to many notes at once, runs
 * the incremental index instead. Replicas sharing one engine each apply it: the writes are the same,
 * so the last one to arrive changes nothing. Returns how many notes were written and removed.
 */
export async function applyKnowledgeUpdate(writer: NoteIndexWriter, change: IndexedChange, today: string): Promise<{ upserted: number; removed: number }> {
  const { knowledgeBase } = change;
  if (change.reloaded || change.upserted.length > NOTES_ONE_BY_ONE) {
    const summary = await updateIndex(writer, knowledgeBase, today);
    return { upserted: summary.added + summary.updated, removed: summary.removed };
  }
  let upserted = 0;
  for (const listed of change.upserted) {
    const note = await knowledgeBase.readNote(listed);
    if (!note) continue;
    await writer.upsert(toSearchDocument({ ...note, digest: listed.digest }, extractSearchText(note.body), knowledgeBase.taxonomy, today));
    upserted++;
  }
  for (const slug of change.removed) await writer.remove(slug);
  return { upserted, removed: change.removed.length };
}
