import { ConflictError } from '../errors.js';
import type { AuditLog } from './audit-log.js';
import type { Submission, SubmissionStore, Submitter } from './submission-store.js';

/** True when the contributor may edit and resend a submission: only after an editor asked for changes. */
export function canResubmit(submission: Submission): boolean {
  return submission.status === 'changes_requested';
}

/** True when a pending submission is a resent version (the editor's queue says so). */
export function isResubmitted(submission: Submission): boolean {
  return submission.status === 'pending' && submission.history.at(-1)?.action === 'resubmitted';
}

/**
 * Replaces the text of a submission the editor sent back, under its lock: the same submission (same
 * address, same history) goes back to the queue as pending, keeping the version the editor saw so
 * the review shows what changed. Resending twice, or after a decision, is a ConflictError.
 */
export async function resubmitSubmission(store: SubmissionStore, audit: AuditLog, input: { id: string; markdown: string; submitter: Submitter }): Promise<Submission> {
  const submission = await store.transition(input.id, async (current) => {
    if (!canResubmit(current)) throw new ConflictError('This submission is not waiting for your changes: it was already resent or decided.');
    const at = new Date().toISOString();
    const next: Submission = {
      ...current,
      status: 'pending',
      markdown: input.markdown,
      previousMarkdown: current.markdown,
      submitter: input.submitter.name ? input.submitter : current.submitter,
      history: [...current.history, { at, by: 'contributor', action: 'resubmitted' }],
    };
    return { submission: next, result: next };
  });
  audit.record({ actor: `contributor:${submission.submitter.name}`, action: 'resubmitted', submission: submission.id, ...(submission.editOf ? { note: submission.editOf } : {}) });
  return submission;
}
