import type { KnowledgeBase } from './build-knowledge-base.js';
import { compactNote } from './compact-note.js';
import type { Note } from './validate-note.js';

/**
 * Where the web app gets the knowledge base it serves. Handlers read `current()` (through
 * `deps.knowledgeBase`) and never replace it: only the source changes what is served, so every
 * request sees one consistent snapshot and replicas stay in step (live-knowledge.ts).
 */
export interface KnowledgeSource {
  current(): KnowledgeBase;
  /**
   * This process just wrote a note file (an editor approved a submission): serve it here at once
   * and tell the other replicas. Resolves once `current()` includes it.
   */
  noteWritten(file: string, note: Note): Promise<void>;
  /** Takes in every change other replicas have announced so far, without waiting for the next poll (before publishing). */
  catchUp(): Promise<void>;
}

/** The whole published note (body included) with this slug, read from its file or from memory; undefined if there is none. */
export async function readPublishedNote(knowledgeBase: KnowledgeBase, slug: string): Promise<Note | undefined> {
  const listed = knowledgeBase.bySlug.get(slug);
  return listed && knowledgeBase.readNote(listed);
}

/** A knowledge base held in memory only: for tests and the offline export, which have no other replicas. */
export function staticKnowledge(initial: KnowledgeBase): KnowledgeSource {
  let knowledgeBase = initial;
  return {
    current: () => knowledgeBase,
    noteWritten: async (_file, note) => {
      knowledgeBase = withPublishedNote(knowledgeBase, note);
    },
    catchUp: async () => {},
  };
}

/** The knowledge base with one note added or replaced, its aliases mapped; other notes untouched. Pure. */
export function withPublishedNote(knowledgeBase: KnowledgeBase, note: Note): KnowledgeBase {
  const notes = [...knowledgeBase.notes.filter((candidate) => candidate.slug !== note.slug), compactNote(note)].sort((a, b) => a.slug.localeCompare(b.slug));
  const aliases = new Map([...knowledgeBase.aliases].filter(([, slug]) => slug !== note.slug));
  for (const alias of note.aliases) aliases.set(alias, note.slug);
  return {
    ...knowledgeBase,
    notes,
    bySlug: new Map(notes.map((candidate) => [candidate.slug, candidate])),
    aliases,
    // The files changed under the fingerprint: the next start-up reindexes, which is right.
    contentHash: `${knowledgeBase.contentHash}+${note.slug}`,
  };
}
