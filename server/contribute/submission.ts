/** Where a submission stands. Only an editor moves it out of `pending`. */
export type SubmissionStatus = 'pending' | 'changes_requested' | 'approved' | 'rejected';

/** Who sent a submission. Never shown to readers; editors see it. */
export interface Submitter {
  name: string;
  email: string;
}

/** One step in a submission's history, also written to the audit log. */
export interface SubmissionEvent {
  at: string;
  by: string;
  action: 'submitted' | 'resubmitted' | 'approved' | 'changes_requested' | 'rejected';
  comment?: string;
}

/** A contributed note, exactly as sent, with its review state. */
export interface Submission {
  id: string;
  createdAt: string;
  status: SubmissionStatus;
  markdown: string;
  /** How many versions of the text there are (1, then one more per resend). */
  version: number;
  submitter: Submitter;
  /** The slug of the note this edit was made from ("Suggest an edit"), if any. */
  editOf?: string;
  /** The version (12-character commit id) of that note the current text was written against, when known. */
  editBase?: string;
  /** The editor's last comment, shown to the contributor on the status page. */
  comment?: string;
  /** The text as it was before the contributor edited and resent it after "changes requested" (the editor sees the difference). */
  previousMarkdown?: string;
  /** The slug the note was published under, once approved. */
  publishedAs?: string;
  history: SubmissionEvent[];
}
