import type { ContentProblem } from '../content/content-problem.js';
import type { KnowledgeBase, PublishedNote } from '../content/knowledge-base.js';
import type { Note } from '../content/validate-note.js';
import { ConflictError } from '../errors.js';
import type { KnowledgeSource } from '../knowledge/knowledge-source.js';
import { approvedChange, changedSinceEdit } from './publish-submission.js';
import { checkHere, type CheckSubmission } from './recheck-submission.js';
import type { SubmissionStore } from './submission-store.js';
import type { Submission, SubmissionStatus } from './submission.js';

/** What an editor can decide. */
export type Decision = 'approve' | 'request_changes' | 'reject';

/** Every decision, for reading a form's value. */
export const DECISIONS: readonly Decision[] = ['approve', 'request_changes', 'reject'];

/** The outcome of a decision that was not refused by a conflict. */
export type DecisionResult =
  | { outcome: 'decided'; submission: Submission; published?: PublishedNote; version?: string }
  | { outcome: 'comment_required' }
  | { outcome: 'invalid'; problems: ContentProblem[] };

/** What deciding needs: the submissions, and the knowledge, where an approval is published as one commit. */
export interface DecisionContext {
  submissions: SubmissionStore;
  /** The knowledge as served; an approval is one commit there (server/knowledge/), served and indexed once it resolves. */
  knowledge: KnowledgeSource;
  today: string;
  /** Checks a submission against a knowledge base (in the submission pool, within its budget); checked here, in this process, without it. */
  check?: CheckSubmission | undefined;
}

const STATUS_OF: Record<Decision, Exclude<SubmissionStatus, 'pending'>> = { approve: 'approved', request_changes: 'changes_requested', reject: 'rejected' };

/** True when a submission can still be decided: approved and rejected are final. */
export function isOpen(submission: Submission): boolean {
  return submission.status === 'pending' || submission.status === 'changes_requested';
}

/**
 * The decisions that make sense for a submission as it stands: all three while it waits for review;
 * once changes are requested the next move is the contributor's, so only rejecting remains; none
 * once it is approved or rejected. The review page offers only these, and deciding refuses others.
 */
export function availableDecisions(submission: Submission): Decision[] {
  if (submission.status === 'pending') return ['approve', 'request_changes', 'reject'];
  if (submission.status === 'changes_requested') return ['reject'];
  return [];
}

/**
 * Applies an editor's decision as one transaction on the stored submission: its row is locked and
 * read as it is now, so a decision already taken (here or on another replica) is a ConflictError,
 * and exactly one audit row is written with the transition. Approving publishes the note as one
 * commit through the knowledge (the contributor as author, the editor as committer, the change note
 * as message), checked against the knowledge as it is when the commit is made (approvals on every
 * replica take turns there, server/knowledge/); the audit row names the commit.
 */
export async function decideSubmission(
  context: DecisionContext,
  input: { id: string; decision: Decision; comment: string; editor: string; changeNote?: string | undefined },
): Promise<DecisionResult> {
  const { decision, comment, editor } = input;
  if (decision !== 'approve' && !comment) return { outcome: 'comment_required' };
  return context.submissions.transition<DecisionResult>(input.id, async (current) => {
    if (!isOpen(current)) throw new ConflictError(`This submission was already ${current.status.replace('_', ' ')}.`);
    if (!availableDecisions(current).includes(decision))
      throw new ConflictError('Changes were requested: wait for the contributor to resend it, or reject it.');
    let published: PublishedNote | undefined;
    let version: string | undefined;
    if (decision === 'approve') {
      let problems: ContentProblem[] = [];
      let note: Note | undefined;
      const publication = await context.knowledge.publish(async (knowledgeBase: KnowledgeBase, pathOf) => {
        const overtaken = changedSinceEdit(knowledgeBase, context.knowledge.history(), current);
        if (overtaken) {
          const { editor: by, version: at, changeNote } = overtaken.commit;
          throw new ConflictError(
            `${overtaken.path} was changed by ${by} (version ${at}: "${changeNote}") after this edit was written, and approving it would undo that change. Nothing was published: request changes so the contributor brings the edit up to date, or reject it.`,
          );
        }
        const check = await (context.check ?? checkHere)(current.markdown, knowledgeBase, context.today, current.editOf ? { editOf: current.editOf } : {});
        if (!check.note) {
          // A slug taken since the submission was checked is a race the editor must resolve, not a content error.
          const taken = check.problems.find((problem) => problem.kind === 'taken' && problem.field === 'slug');
          if (taken) throw new ConflictError(`The slug is now used by another note: ask the contributor to choose another (${taken.message}).`);
          problems = check.problems;
          return undefined;
        }
        note = check.note;
        return approvedChange(knowledgeBase, pathOf, current, check.note, { editor, changeNote: input.changeNote });
      });
      if (!publication || !note) return { result: { outcome: 'invalid', problems } };
      published = publication.knowledgeBase.bySlug.get((note as Note).slug);
      version = publication.version;
    }
    const status = STATUS_OF[decision];
    const submission: Submission = {
      ...current,
      status,
      comment: comment || undefined,
      ...(published ? { publishedAs: published.slug } : {}),
      history: [...current.history, { at: new Date().toISOString(), by: editor, action: status, ...(comment ? { comment } : {}) }],
    };
    return {
      submission,
      audit: {
        actor: `editor:${editor}`,
        action: status,
        submission: current.id,
        ...(published ? { note: published.slug } : {}),
        ...(version ? { version } : {}),
      },
      result: { outcome: 'decided', submission, ...(published ? { published } : {}), ...(version ? { version } : {}) },
    };
  });
}
