import { canResubmit, isResubmitted } from '../../contribute/resubmit-submission.js';
import type { Submission } from '../../contribute/submission.js';
import type { MessageKey, Translate } from '../i18n.js';
import type { NotePageModel } from './note-page.js';

/** Everything views/submission-status.ejs shows: the contributor's view of their submission, never the stored record itself. */
export interface SubmissionStatusModel {
  /** The page's own address, for the contributor to keep (it is their only key to it). */
  address: string;
  /** The status as a class name (`pending`, `approved`, …) and as words in the reader's language. */
  status: string;
  statusLabel: string;
  /** When it was sent: the full timestamp for `datetime`, the day for reading. */
  sentAt: string;
  sentOn: string;
  /** The editor's last comment, if any. */
  comment: string | undefined;
  /** Where the approved note is published. */
  publishedUrl: string | undefined;
  /** "Edit and resend", when the editor asked for changes. */
  resubmitUrl: string | undefined;
  /** The text as sent, shown when it cannot be previewed as a note. */
  markdown: string;
  preview: NotePageModel | undefined;
}

/**
 * The status page of one submission. Only what the contributor may see is copied: the submitter's
 * e-mail address, the history and the previous text stay in the store. Pure.
 */
export function buildSubmissionStatusPage(
  submission: Submission,
  context: { baseUrl: string; t: Translate; preview?: NotePageModel | undefined },
): SubmissionStatusModel {
  const statusKey = (isResubmitted(submission) ? 'contribute.status.resubmitted' : `contribute.status.${submission.status}`) as MessageKey;
  return {
    address: `${context.baseUrl}/contribute/${submission.id}`,
    status: submission.status,
    statusLabel: context.t(statusKey),
    sentAt: submission.createdAt,
    sentOn: submission.createdAt.slice(0, 10),
    comment: submission.comment || undefined,
    publishedUrl: submission.publishedAs ? `/notes/${submission.publishedAs}` : undefined,
    resubmitUrl: canResubmit(submission) ? `/contribute/${submission.id}/edit` : undefined,
    markdown: submission.markdown,
    preview: context.preview,
  };
}
