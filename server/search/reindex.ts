import type { KnowledgeBase } from '../content/build-knowledge-base.js';
import type { NoteIndexWriter, ReindexProgress } from './note-index.js';
import { extractSearchText } from '../content/render-note.js';
import { toAuthorityDocument } from './authority-document.js';
import { indexFingerprint, toSearchDocument, type SearchDocument } from './search-document.js';

/** What a reindex did, for the command's summary line. */
export interface ReindexSummary {
  notes: number;
  seconds: number;
}

/** Notes per batch: rendered, sent and dropped together, so memory does not grow with the knowledge base. */
export const REINDEX_BATCH_SIZE = 500;

/** The search documents of a knowledge base, rendered a batch at a time as the writer asks for them. */
export function* searchDocumentBatches(knowledgeBase: KnowledgeBase, today: string, size = REINDEX_BATCH_SIZE): Generator<SearchDocument[]> {
  for (let start = 0; start < knowledgeBase.notes.length; start += size) {
    yield knowledgeBase.notes.slice(start, start + size).map((note) => toSearchDocument(note, extractSearchText(note.body), knowledgeBase.taxonomy, today));
  }
}

/** Replaces the live index with the knowledge base's published notes (fresh index, verified, swapped atomically). */
export async function reindex(writer: NoteIndexWriter, knowledgeBase: KnowledgeBase, today: string, onProgress?: ReindexProgress): Promise<ReindexSummary> {
  const started = performance.now();
  // Authorities first: the notes' fingerprint, written last, then vouches for both indexes.
  await writer.replaceAuthorities(knowledgeBase.authorities.map(toAuthorityDocument));
  await writer.replaceAll(searchDocumentBatches(knowledgeBase, today), {
    total: knowledgeBase.notes.length, fingerprint: indexFingerprint(knowledgeBase, today), ...(onProgress ? { onProgress } : {}),
  });
  return { notes: knowledgeBase.notes.length, seconds: (performance.now() - started) / 1000 };
}

/** Reindexes only when the index is missing or was built from other content; returns what it did, or undefined. */
export async function reindexIfStale(writer: NoteIndexWriter, knowledgeBase: KnowledgeBase, today: string): Promise<ReindexSummary | undefined> {
  const status = await writer.status();
  if (status.indexPresent && (await writer.fingerprint()) === indexFingerprint(knowledgeBase, today)) return undefined;
  return reindex(writer, knowledgeBase, today);
}
