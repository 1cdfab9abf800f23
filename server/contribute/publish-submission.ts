import type { KnowledgeBase } from '../content/knowledge-base.js';
import type { Note } from '../content/validate-note.js';
import { ConflictError } from '../errors.js';
import type { KnowledgeChange } from '../knowledge/git-store.js';
import type { Touch } from '../knowledge/history-index.js';
import type { KnowledgeHistory } from '../knowledge/knowledge-source.js';
import type { Submission } from './submission.js';

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
export function approvedChange(
  knowledgeBase: KnowledgeBase,
  pathOf: (file: string) => string,
  submission: Submission,
  note: Note,
  decision: { editor: string; changeNote?: string | undefined },
): KnowledgeChange {
  const changeNote = oneLine(decision.changeNote ?? '') || defaultChangeNote(note, submission.editOf);
  const people = { author: { name: submission.submitter.name }, editor: { name: decision.editor, id: decision.editor }, changeNote };
  if (submission.editOf) {
    const original = knowledgeBase.bySlug.get(submission.editOf);
    if (!original) throw new ConflictError(`The note "${submission.editOf}" no longer exists: it was removed or renamed after this edit was suggested.`);
    return { files: [{ path: pathOf(original.file), content: submission.markdown }], ...people };
  }
  return { files: [{ path: `notes/${note.slug}.md`, content: submission.markdown, create: true }], ...people };
}

/** The version (12-character commit id) of a published note as it is now: what an edit of it is written against. */
export function currentVersionOf(knowledgeBase: KnowledgeBase, history: KnowledgeHistory | undefined, slug: string): string | undefined {
  const note = knowledgeBase.bySlug.get(slug);
  return note && history ? latestTouch(history, note)?.commit.version : undefined;
}

/**
 * The change to the note an edit was made from that came after the edit was written, if any:
 * approving the edit would silently undo it (another editor's approval, on this replica or
 * another, or a git push). Compared by version when the edit recorded the one it was written
 * against; a text stored before versions were recorded compares by time (git keeps whole seconds).
 */
export function changedSinceEdit(knowledgeBase: KnowledgeBase, history: KnowledgeHistory | undefined, submission: Submission): Touch | undefined {
  const original = submission.editOf ? knowledgeBase.bySlug.get(submission.editOf) : undefined;
  const latest = original && history ? latestTouch(history, original) : undefined;
  if (!latest) return undefined;
  if (submission.editBase) return latest.commit.version === submission.editBase ? undefined : latest;
  const written = submission.history.filter((event) => event.action === 'submitted' || event.action === 'resubmitted').at(-1)?.at ?? submission.createdAt;
  return latest.commit.time > Math.floor(Date.parse(written) / 1000) ? latest : undefined;
}

function latestTouch(history: KnowledgeHistory, note: { file: string; aliases: readonly string[] }): Touch | undefined {
  return history.index().versionsOf(
    history.pathOf(note.file),
    note.aliases.map((alias) => `notes/${alias}.md`),
  )[0];
}
