import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KnowledgeBase } from '../content/build-knowledge-base.js';
import type { Note } from '../content/validate-note.js';
import { ConflictError } from '../errors.js';

/** Where an approved note was written. */
export interface PublishedFile {
  slug: string;
  file: string;
}

/**
 * Writes an approved note into the knowledge directory. A new note is created without ever
 * replacing a file (it fails if the name is taken); an edit replaces only the file of the note it
 * was made from. Both go through a temporary file, so a crash leaves the old file or the new one.
 */
export function writeApprovedNote(knowledgeDir: string, knowledgeBase: KnowledgeBase, note: Note, markdown: string, editOf: string | undefined): PublishedFile {
  const notesDir = path.join(knowledgeDir, 'notes');
  mkdirSync(notesDir, { recursive: true });
  const temporary = path.join(notesDir, `.${note.slug}.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(temporary, markdown, { mode: 0o644 });
  try {
    if (editOf) {
      const original = knowledgeBase.bySlug.get(editOf);
      if (!original) throw new ConflictError(`The note "${editOf}" no longer exists: it was removed or renamed after this edit was suggested.`);
      const target = path.resolve(original.file);
      renameSync(temporary, target);
      return { slug: note.slug, file: target };
    }
    const target = path.join(notesDir, `${note.slug}.md`);
    // link() refuses an existing name: no other note is ever overwritten, even by a race.
    linkSync(temporary, target);
    unlinkSync(temporary);
    return { slug: note.slug, file: target };
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already renamed or never written.
    }
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new ConflictError(`A file named ${note.slug}.md already exists in the knowledge directory: ask the contributor to choose another slug.`, { cause: error });
    }
    throw error;
  }
}
