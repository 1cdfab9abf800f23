import type { KnowledgeCheck, KnowledgeFiles } from './knowledge-base.js';
import { KnowledgeBuilder } from './knowledge-builder.js';

/**
 * Parses, validates and renders a whole knowledge directory, collecting every problem rather than
 * stopping at the first. Pure: the caller reads the files. Invalid notes are left out of the
 * knowledge base; `problems` says why.
 */
export function buildKnowledgeBase(files: KnowledgeFiles, today: string): KnowledgeCheck {
  const builder = new KnowledgeBuilder(files, today);
  for (const file of files.notes) builder.addNote(file);
  for (const file of files.collections) builder.addCollection(file);
  for (const file of files.authorities ?? []) builder.addAuthority(file);
  return builder.finish();
}
