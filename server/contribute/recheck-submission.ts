import type { KnowledgeBase } from '../content/knowledge-base.js';
import { parseFrontMatter } from '../content/parse-front-matter.js';
import { checkSubmission, type SubmissionCheck } from './check-submission.js';
import type { Submission } from './submission.js';

/** How a submission is checked: `checkHere`, or the same check in the submission pool within its budget (note-renderer.ts). */
export type CheckSubmission = (
  markdown: string,
  knowledgeBase: KnowledgeBase,
  today: string,
  options?: { fileName?: string; editOf?: string },
) => Promise<SubmissionCheck>;

/** checkSubmission in this process, for callers with no pool (commands, tests). */
export const checkHere: CheckSubmission = async (markdown, knowledgeBase, today, options = {}) => checkSubmission(markdown, knowledgeBase, today, options);

/**
 * Checks a stored submission against the knowledge base as it is now (it may have changed since
 * it was sent). A published submission is checked as an edit of its own note: its slug is its own,
 * not "taken".
 */
export function recheckSubmission(check: CheckSubmission, knowledgeBase: KnowledgeBase, submission: Submission, today: string): Promise<SubmissionCheck> {
  const editOf = submission.publishedAs ?? submission.editOf;
  return check(submission.markdown, knowledgeBase, today, editOf ? { editOf } : {});
}

/** What a review compares a submission with: the published note it edits, or the version the editor sent back. */
export interface ReviewBaseline {
  kind: 'published' | 'previous';
  fields: Readonly<Record<string, unknown>>;
  body: string;
}

/**
 * The version the editor sent back, as the review compares it: its checked fields (defaults
 * applied) when it still reads as a note, else its front matter as written. Undefined when there is
 * no previous version, or the submission is decided.
 */
export async function previousVersion(
  check: CheckSubmission,
  knowledgeBase: KnowledgeBase,
  submission: Submission,
  today: string,
): Promise<ReviewBaseline | undefined> {
  const markdown = submission.previousMarkdown;
  if (markdown === undefined || (submission.status !== 'pending' && submission.status !== 'changes_requested')) return undefined;
  const checked = await check(markdown, knowledgeBase, today, submission.editOf ? { editOf: submission.editOf } : {});
  if (checked.note) return { kind: 'previous', fields: checked.note as unknown as Record<string, unknown>, body: checked.note.body };
  const parsed = parseFrontMatter('previous.md', Buffer.from(markdown, 'utf8'));
  return Array.isArray(parsed) ? { kind: 'previous', fields: {}, body: markdown } : { kind: 'previous', fields: parsed.data, body: parsed.body };
}
