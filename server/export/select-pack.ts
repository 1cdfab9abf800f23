import type { KnowledgeBase } from '../content/knowledge-base.js';
import { appliesIn } from '../content/applies-in.js';

/** What a pack holds: the notes for some jurisdictions and note languages (empty lists mean all). */
export interface PackScope {
  jurisdictions: readonly string[];
  languages: readonly string[];
}

/**
 * True when a note belongs in a pack for `scope`: in one of its languages, and applying in one of
 * its jurisdictions as search and the country profile mean it (content/applies-in.ts). Pure.
 */
export function isNoteInScope(note: { jurisdictions: readonly string[]; regions: readonly string[]; language: string }, scope: PackScope): boolean {
  if (scope.languages.length > 0 && !scope.languages.includes(note.language)) return false;
  return scope.jurisdictions.length === 0 || scope.jurisdictions.some((code) => appliesIn(note, code));
}

/**
 * The knowledge base a pack shows: only notes in scope, aliases of those notes, and collections
 * cut down to the notes in the pack (a collection with none left is dropped). Pure.
 */
export function selectPack(kb: KnowledgeBase, scope: PackScope): KnowledgeBase {
  const notes = kb.notes.filter((note) => isNoteInScope(note, scope));
  const slugs = new Set(notes.map((note) => note.slug));
  return {
    ...kb,
    notes,
    bySlug: new Map(notes.map((note) => [note.slug, note])),
    aliases: new Map([...kb.aliases].filter(([, target]) => slugs.has(target))),
    collections: kb.collections
      .map((collection) => ({ ...collection, notes: collection.notes.filter((slug) => slugs.has(slug)) }))
      .filter((collection) => collection.notes.length > 0),
  };
}
