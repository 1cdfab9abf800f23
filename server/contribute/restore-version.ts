import type { ContentProblem } from '../content/content-problem.js';
import { NotFoundError } from '../errors.js';
import type { KnowledgeSource } from '../knowledge/knowledge-source.js';
import type { AuditLog } from './audit-log.js';
import { checkSubmission } from './check-submission.js';
import { oneLine } from './publish-submission.js';

/** What restoring came to: the new version, or why the old text cannot be published today. */
export type RestoreResult = { outcome: 'restored'; version: string } | { outcome: 'invalid'; problems: ContentProblem[] };

/**
 * Restores an earlier version of a note as a new version: a commit whose text is the old one and
 * whose change note says so (history is never rewritten). The old text is checked against the
 * knowledge base as it is now, as an edit of the note would be: a slug or link that no longer fits
 * is refused with its problems. The editor is both author and committer; the audit log names the commit.
 */
export async function restoreVersion(
  context: { knowledge: KnowledgeSource; audit: AuditLog; today: string },
  input: { slug: string; version: string; editor: string; changeNote: string },
): Promise<RestoreResult> {
  const history = context.knowledge.history();
  const note = context.knowledge.current().bySlug.get(input.slug);
  if (!history || !note) throw new NotFoundError(`No published note has the slug "${input.slug}".`);
  const old = history
    .index()
    .versionsOf(
      history.pathOf(note.file),
      note.aliases.map((alias) => `notes/${alias}.md`),
    )
    .find((touch) => touch.commit.version === input.version);
  const text = old && (await history.read(old.commit.version, old.path));
  if (!old || text === undefined) throw new NotFoundError(`"${note.title}" has no version ${input.version}.`);
  let problems: ContentProblem[] = [];
  const restored = `Restored version ${input.version}`;
  const publication = await context.knowledge.publish(async (knowledgeBase, pathOf) => {
    const current = knowledgeBase.bySlug.get(input.slug);
    if (!current) throw new NotFoundError(`No published note has the slug "${input.slug}".`);
    // Reviewers are the editors' to set: an older version's list is restored with its text.
    const check = checkSubmission(text, knowledgeBase, context.today, { editOf: input.slug });
    problems = check.problems.filter((problem) => problem.field !== 'reviewers');
    if (problems.length > 0) return undefined;
    const editor = { name: input.editor, id: input.editor };
    const note = oneLine(input.changeNote);
    return { files: [{ path: pathOf(current.file), content: text }], author: editor, editor, changeNote: note ? `${restored}: ${note}` : restored };
  });
  if (!publication) return { outcome: 'invalid', problems };
  await context.audit.record({ actor: `editor:${input.editor}`, action: 'restored', note: input.slug, version: publication.version, detail: restored });
  return { outcome: 'restored', version: publication.version };
}
