import type { KnowledgeBase, PublishedNote } from '../content/knowledge-base.js';
import type { NoteIndexWriter, ReindexProgress } from './note-index.js';
import { extractSearchText } from '../content/render-note.js';
import { toAuthorityDocument } from './authority-document.js';
import { deriveFacets } from '../content/derived-facets.js';
import { indexFingerprint, sourceHash, toSearchDocument, type SearchDocument } from './search-document.js';

/** What a reindex did, for the command's summary line. */
export interface ReindexSummary {
  notes: number;
  seconds: number;
}

/** Notes per batch: rendered, sent and dropped together, so memory does not grow with the knowledge base. */
export const REINDEX_BATCH_SIZE = 500;

/** The search documents of a knowledge base, rendered a batch at a time as the writer asks for them. */
export async function* searchDocumentBatches(knowledgeBase: KnowledgeBase, today: string, size = REINDEX_BATCH_SIZE): AsyncGenerator<SearchDocument[]> {
  for (let start = 0; start < knowledgeBase.notes.length; start += size)
    yield documentsOf(knowledgeBase, knowledgeBase.notes.slice(start, start + size), today);
}

/**
 * The search documents of some notes, their bodies read (from memory or their files) a batch at a
 * time: a server holds no bodies, and the index never needs more than one batch's at once. A note
 * whose file went away since it was listed is left out; the next refresh removes it.
 */
async function documentsOf(knowledgeBase: KnowledgeBase, notes: readonly PublishedNote[], today: string): Promise<SearchDocument[]> {
  const whole = await Promise.all(notes.map((note) => knowledgeBase.readNote(note)));
  return whole.flatMap((note, at) =>
    note ? [toSearchDocument({ ...note, digest: notes[at]!.digest }, extractSearchText(note.body), knowledgeBase.taxonomy, today)] : [],
  );
}

/** Replaces the live index with the knowledge base's published notes (fresh index, verified, swapped atomically). */
export async function reindex(writer: NoteIndexWriter, knowledgeBase: KnowledgeBase, today: string, onProgress?: ReindexProgress): Promise<ReindexSummary> {
  const started = performance.now();
  // Authorities first: the notes' fingerprint, written last, then vouches for both indexes.
  await writer.replaceAuthorities(knowledgeBase.authorities.map(toAuthorityDocument));
  await writer.replaceAll(searchDocumentBatches(knowledgeBase, today), {
    total: knowledgeBase.notes.length,
    fingerprint: indexFingerprint(knowledgeBase, today),
    ...(onProgress ? { onProgress } : {}),
  });
  return { notes: knowledgeBase.notes.length, seconds: (performance.now() - started) / 1000 };
}

/** Reindexes only when the index is missing or was built from other content; returns what it did, or undefined. */
export async function reindexIfStale(writer: NoteIndexWriter, knowledgeBase: KnowledgeBase, today: string): Promise<ReindexSummary | undefined> {
  const status = await writer.status();
  if (status.indexPresent && (await writer.fingerprint()) === indexFingerprint(knowledgeBase, today)) return undefined;
  return reindex(writer, knowledgeBase, today);
}

/** What an incremental index did. */
export interface UpdateSummary extends ReindexSummary {
  /** `full`: rebuilt and swapped (no index yet, other settings, or asked for); `incremental`: only what changed; `unchanged`: nothing to do. */
  mode: 'full' | 'incremental' | 'unchanged';
  added: number;
  updated: number;
  removed: number;
}

/**
 * Brings the live index in line with the knowledge base, touching only what changed: notes whose
 * source hash differs are rendered and upserted, notes no longer published are removed, and the
 * rest is left alone. A missing index, changed settings (synonyms) or `full` rebuild and swap instead.
 */
export async function updateIndex(
  writer: NoteIndexWriter,
  knowledgeBase: KnowledgeBase,
  today: string,
  options: { full?: boolean; onProgress?: ReindexProgress } = {},
): Promise<UpdateSummary> {
  const started = performance.now();
  const fingerprint = indexFingerprint(knowledgeBase, today);
  const status = await writer.status();
  if (options.full || !status.indexPresent || !(await writer.settingsMatch())) {
    const summary = await reindex(writer, knowledgeBase, today, options.onProgress);
    return { ...summary, mode: 'full', added: summary.notes, updated: 0, removed: 0 };
  }
  if ((await writer.fingerprint()) === fingerprint)
    return { notes: knowledgeBase.notes.length, seconds: (performance.now() - started) / 1000, mode: 'unchanged', added: 0, updated: 0, removed: 0 };

  const stored = await writer.storedSources();
  const changed = knowledgeBase.notes.filter((note) => {
    const hashes = stored.get(note.slug)?.hashes;
    return !hashes || hashes.size !== 1 || !hashes.has(sourceHash(note, knowledgeBase.taxonomy, deriveFacets(note, today).review_due));
  });
  const published = new Set(knowledgeBase.notes.map((note) => note.slug));
  const gone = [...stored.keys()].filter((slug) => !published.has(slug));
  // Most of the notes changed (a new document version, edited vocabularies): a fresh build is as quick and leaves nothing stale.
  if (changed.length > REINDEX_BATCH_SIZE && changed.length > knowledgeBase.notes.length / 2) {
    const summary = await reindex(writer, knowledgeBase, today, options.onProgress);
    return { ...summary, mode: 'full', added: summary.notes, updated: 0, removed: 0 };
  }

  await writer.replaceAuthorities(knowledgeBase.authorities.map(toAuthorityDocument));
  // Rendered a batch at a time as the engine takes them; the ids written are remembered so that
  // records a changed note no longer has (a section removed), and those of removed notes, go after.
  const kept = new Set<string>();
  const batches = async function* (): AsyncGenerator<SearchDocument[]> {
    for (let start = 0; start < changed.length; start += REINDEX_BATCH_SIZE) {
      const batch = await documentsOf(knowledgeBase, changed.slice(start, start + REINDEX_BATCH_SIZE), today);
      for (const document of batch) kept.add(document.id);
      yield batch;
    }
  };
  await writer.applyChanges({
    upserts: batches(),
    removeIds: () => [...changed.map((note) => note.slug), ...gone].flatMap((slug) => stored.get(slug)?.ids ?? []).filter((id) => !kept.has(id)),
    fingerprint,
  });
  const added = changed.filter((note) => !stored.has(note.slug)).length;
  return {
    notes: knowledgeBase.notes.length,
    seconds: (performance.now() - started) / 1000,
    mode: changed.length + gone.length === 0 ? 'unchanged' : 'incremental',
    added,
    updated: changed.length - added,
    removed: gone.length,
  };
}
