import type { KnowledgeBase, PublishedNote } from '../content/knowledge-base.js';
import type { ContentProblem } from '../content/content-problem.js';
import type { Note } from '../content/validate-note.js';
import { ConflictError } from '../errors.js';
import type { KnowledgeSource } from '../knowledge/knowledge-source.js';
import type { AuditLog } from './audit-log.js';
import { checkSubmission, type SubmissionCheck } from './check-submission.js';
import { approvedChange } from './publish-submission.js';
import type { Submission, SubmissionStatus, SubmissionStore } from './submission-store.js';

/** What an editor can decide. */
export type Decision = 'approve' | 'request_changes' | 'reject';

/** The outcome of a decision that was not refused by a conflict. */
export type DecisionResult =
  | { outcome: 'decided'; submission: Submission; published?: PublishedNote; version?: string }
  | { outcome: 'comment_required' }
  | { outcome: 'invalid'; problems: ContentProblem[] };

/** What deciding needs: the shared stores, and the knowledge, where an approval is published as a commit. */
export interface DecisionContext {
  store: SubmissionStore;
  audit: AuditLog;
  /** The knowledge as served; an approval is one commit there (server/knowledge/), searchable once it resolves. */
  knowledge: KnowledgeSource;
  today: string;
  /** Checks a submission against a knowledge base (in the submission pool); checked here, in this process, without it. */
  check?: ((markdown: string, knowledgeBase: KnowledgeBase, options: { editOf?: string }) => Promise<SubmissionCheck>) | undefined;
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
 * Applies an editor's decision as one atomic transition of the stored submission: the state is read
 * under the submission's lock, so a decision already taken (here or on another replica) is a
 * ConflictError, and exactly one audit line is written per transition that happened. Approving
 * publishes the note as one commit (the contributor as author, the editor as committer, the change
 * note as message), then marks the submission; the audit line names the commit.
 */
export async function decideSubmission(context: DecisionContext, input: { id: string; decision: Decision; comment: string; editor: string; changeNote?: string }): Promise<DecisionResult> {
  const { decision, comment, editor } = input;
  if (decision !== 'approve' && !comment) return { outcome: 'comment_required' };
  const result = await context.store.transition<DecisionResult>(input.id, async (current) => {
    if (!isOpen(current)) throw new ConflictError(`This submission was already ${current.status.replace('_', ' ')}.`);
    if (!availableDecisions(current).includes(decision)) throw new ConflictError('Changes were requested: wait for the contributor to resend it, or reject it.');
    let published: PublishedNote | undefined;
    let version: string | undefined;
    if (decision === 'approve') {
      let problems: ContentProblem[] = [];
      let note: Note | undefined;
      // Checked against the knowledge as it is when the commit is made: a slug another replica took counts.
      const publication = await context.knowledge.publish(async (knowledgeBase: KnowledgeBase, pathOf) => {
        const options = current.editOf ? { editOf: current.editOf } : {};
        const check = context.check ? await context.check(current.markdown, knowledgeBase, options) : checkSubmission(current.markdown, knowledgeBase, context.today, options);
        if (!check.note) {
          // A slug taken since the submission was checked is a race the editor must resolve, not a content error.
          const taken = check.problems.find((problem) => problem.field === 'slug' && problem.kind === 'taken');
          if (taken) throw new ConflictError(`The slug is now used by another note: ask the contributor to choose another (${taken.message}).`);
          problems = check.problems;
          return undefined;
        }
        note = check.note;
        return approvedChange(knowledgeBase, pathOf, current, check.note, { editor, changeNote: input.changeNote });
      });
      if (!publication || !note) return { submission: current, result: { outcome: 'invalid', problems } };
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
    return { submission, result: { outcome: 'decided', submission, ...(published ? { published } : {}), ...(version ? { version } : {}) } };
  });
  // Written once the new state is stored: the log never records a transition that did not happen.
  if (result.outcome === 'decided') {
    context.audit.record({ actor: `editor:${editor}`, action: result.submission.status, submission: input.id, ...(result.published ? { note: result.published.slug } : {}), ...(result.version ? { version: result.version } : {}) });
  }
  return result;
}
