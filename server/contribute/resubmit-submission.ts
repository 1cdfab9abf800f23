import { ConflictError } from '../errors.js';
import type { SubmissionStore } from './submission-store.js';
import type { Submission, Submitter } from './submission.js';

/** True when the contributor may edit and resend a submission: only after an editor asked for changes. */
export function canResubmit(submission: Submission): boolean {
  return submission.status === 'changes_requested';
}

/** True when a pending submission is a resent version (the editor's queue says so). */
export function isResubmitted(submission: Submission): boolean {
  return submission.status === 'pending' && submission.history.at(-1)?.action === 'resubmitted';
}

/**
 * Replaces the text of a submission the editor sent back, in one transaction: the same submission
 * (same address, same history) goes back to the queue as pending with a new version of its text,
 * keeping the one the editor saw so the review shows what changed. Resending twice, or after a
 * decision, is a ConflictError.
 */
export async function resubmitSubmission(
  store: SubmissionStore,
  input: { id: string; markdown: string; submitter: Submitter; editBase?: string | undefined; now?: Date },
): Promise<Submission> {
  return store.transition(input.id, async (current) => {
    if (!canResubmit(current)) throw new ConflictError('This submission is not waiting for your changes: it was already resent or decided.');
    const at = (input.now ?? new Date()).toISOString();
    const submitter = input.submitter.name ? input.submitter : current.submitter;
    const next: Submission = {
      ...current,
      status: 'pending',
      markdown: input.markdown,
      version: current.version + 1,
      previousMarkdown: current.markdown,
      // Resent after "changes requested" (perhaps because the note changed meanwhile): written against the note as it is now.
      ...(current.editOf && input.editBase ? { editBase: input.editBase } : {}),
      submitter,
      history: [...current.history, { at, by: 'contributor', action: 'resubmitted' }],
    };
    return {
      submission: next,
      result: next,
      audit: { actor: `contributor:${submitter.name}`, action: 'resubmitted', submission: current.id, ...(current.editOf ? { note: current.editOf } : {}) },
    };
  });
}
