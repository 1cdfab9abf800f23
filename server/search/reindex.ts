import type { KnowledgeBase } from '../content/build-knowledge-base.js';
import type { NoteIndexWriter, ReindexProgress } from './note-index.js';
import { indexFingerprint, toSearchDocument } from './search-document.js';

/** What a reindex did, for the command's summary line. */
export interface ReindexSummary {
  notes: number;
  seconds: number;
}

/** Replaces the live index with the knowledge base's published notes (fresh index, verified, swapped atomically). */
export async function reindex(writer: NoteIndexWriter, knowledgeBase: KnowledgeBase, today: string, onProgress?: ReindexProgress): Promise<ReindexSummary> {
  const started = performance.now();
  const documents = knowledgeBase.notes.map((note) => toSearchDocument(note, knowledgeBase.taxonomy, today));
  await writer.replaceAll(documents, { fingerprint: indexFingerprint(knowledgeBase, today), ...(onProgress ? { onProgress } : {}) });
  return { notes: documents.length, seconds: (performance.now() - started) / 1000 };
}

/** Reindexes only when the index is missing or was built from other content; returns what it did, or undefined. */
export async function reindexIfStale(writer: NoteIndexWriter, knowledgeBase: KnowledgeBase, today: string): Promise<ReindexSummary | undefined> {
  const status = await writer.status();
  if (status.indexPresent && (await writer.fingerprint()) === indexFingerprint(knowledgeBase, today)) return undefined;
  return reindex(writer, knowledgeBase, today);
}
