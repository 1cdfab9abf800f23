import type { KnowledgeBase } from '../content/knowledge-base.js';
import type { Note } from '../content/validate-note.js';
import type { KnowledgeChange } from './git-store.js';
import type { HistoryIndex } from './history-index.js';

/** A change made a version: its id (the commit's first 12 characters), the commit, when, and the knowledge base that serves it. */
export interface Publication {
  version: string;
  commit: string;
  /** ISO 8601, UTC. */
  date: string;
  knowledgeBase: KnowledgeBase;
}

/** The knowledge's history, for readers: versions of each file, and each file as it was. */
export interface KnowledgeHistory {
  /** The index as it is now (a sync extends it). */
  index(): HistoryIndex;
  /** A content file's path inside the knowledge directory (`notes/x.md`), from the path a knowledge base names it by. */
  pathOf(file: string): string;
  /** A file as it was at a version; undefined when it did not exist there. */
  read(version: string, file: string): Promise<string | undefined>;
}

/**
 * Where the web app gets the knowledge base it serves. Handlers read `current()` (through
 * `deps.knowledgeBase`) and never replace it: only the source changes what is served, so every
 * request sees one consistent snapshot and replicas stay in step (live-knowledge.ts).
 */
export interface KnowledgeSource {
  current(): KnowledgeBase;
  /** The history, when the knowledge is in git; undefined for a knowledge base held in memory. */
  history(): KnowledgeHistory | undefined;
  /**
   * Publishes one change as one commit. `prepare` is given the knowledge base as it is now (other
   * replicas' changes taken in) and returns the change, or undefined to publish nothing; if the
   * branch moves first, it is asked again against the new knowledge base. The same file changed
   * elsewhere meanwhile is a ConflictError. Resolves once `current()` serves the change.
   */
  publish(prepare: (knowledgeBase: KnowledgeBase, pathOf: (file: string) => string) => Promise<KnowledgeChange | undefined>): Promise<Publication | undefined>;
}

/** The whole published note (body included) with this slug, read from its file or from memory; undefined if there is none. */
export async function readPublishedNote(knowledgeBase: KnowledgeBase, slug: string): Promise<Note | undefined> {
  const listed = knowledgeBase.bySlug.get(slug);
  return listed && knowledgeBase.readNote(listed);
}

/** A knowledge base held in memory only, without history: for view tests and the offline export (whose pages are given their history). */
export function staticKnowledge(knowledgeBase: KnowledgeBase, history?: KnowledgeHistory): KnowledgeSource {
  return {
    current: () => knowledgeBase,
    history: () => history,
    publish: async () => {
      throw new Error('this knowledge base is read-only: publishing needs the knowledge in git (openLiveKnowledge)');
    },
  };
}
