import type { KnowledgeBase } from '../content/knowledge-base.js';
import type { Note } from '../content/validate-note.js';
import { ConflictError } from '../errors.js';
import type { KnowledgeChange } from '../knowledge/git-store.js';
import type { Submission } from './submission-store.js';

/** The longest public change note kept: one line. */
export const MAX_CHANGE_NOTE_LENGTH = 200;

/** The change note offered to the editor before they write their own: what the change is, in one line. */
export function defaultChangeNote(note: Pick<Note, 'title'>, editOf: string | undefined): string {
  return oneLine(editOf ? `Updated “${note.title}”` : `New note: “${note.title}”`);
}

/** A change note as it is published: one line, trimmed, bounded. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_CHANGE_NOTE_LENGTH);
}

/**
 * What approving a submission changes in the knowledge: one file. A new note gets a new file (never
 * one that exists: the store refuses a taken path); an edit replaces the file of the note it was made
 * from. The contributor is credited by the name they gave (never their address). Pure.
 */
export function approvedChange(knowledgeBase: KnowledgeBase, pathOf: (file: string) => string, submission: Submission, note: Note,
  decision: { editor: string; changeNote?: string | undefined }): KnowledgeChange {
  const changeNote = oneLine(decision.changeNote ?? '') || defaultChangeNote(note, submission.editOf);
  const people = { author: { name: submission.submitter.name }, editor: { name: decision.editor, id: decision.editor }, changeNote };
  if (submission.editOf) {
    const original = knowledgeBase.bySlug.get(submission.editOf);
    if (!original) throw new ConflictError(`The note "${submission.editOf}" no longer exists: it was removed or renamed after this edit was suggested.`);
    return { files: [{ path: pathOf(original.file), content: submission.markdown }], ...people };
  }
  return { files: [{ path: `notes/${note.slug}.md`, content: submission.markdown, create: true }], ...people };
}
