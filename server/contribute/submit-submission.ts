import { newSubmissionId, type SubmissionStore } from './submission-store.js';
import type { Submission, Submitter } from './submission.js';

/** Stores a checked submission as pending, with its history and audit row; returns it (its id is the contributor's key to the status page). */
export async function submitSubmission(
  store: SubmissionStore,
  input: { markdown: string; submitter: Submitter; editOf?: string | undefined; editBase?: string | undefined; now?: Date },
): Promise<Submission> {
  const at = (input.now ?? new Date()).toISOString();
  const submission: Submission = {
    id: newSubmissionId(),
    createdAt: at,
    status: 'pending',
    markdown: input.markdown,
    version: 1,
    submitter: input.submitter,
    ...(input.editOf ? { editOf: input.editOf } : {}),
    ...(input.editOf && input.editBase ? { editBase: input.editBase } : {}),
    history: [{ at, by: 'contributor', action: 'submitted' }],
  };
  await store.insert(submission, {
    actor: `contributor:${input.submitter.name}`,
    action: 'submitted',
    submission: submission.id,
    ...(input.editOf ? { note: input.editOf } : {}),
  });
  return submission;
}
