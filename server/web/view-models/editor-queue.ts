import type { ContentProblem } from '../../content/content-problem.js';
import { isOpen } from '../../contribute/decide-submission.js';
import { isResubmitted } from '../../contribute/resubmit-submission.js';
import type { Submission } from '../../contribute/submission.js';
import type { MessageKey, Translate } from '../i18n.js';

/** One row of the editor's queue. */
export interface QueueRow {
  id: string;
  title: string;
  editOf: string | undefined;
  from: string;
  sentAt: string;
  status: string;
  /** For an open submission: "ready to publish" or the problems by field, in the file's own field names; empty once decided. */
  checks: { ok: boolean; text: string } | undefined;
}

/**
 * The queue's rows, worded for editors: the checks column names the fields with problems as the
 * file names them (what an editor fixes or asks about), and is empty for a decided submission
 * (a published note is no longer checked against itself). Pure.
 */
export function buildQueueRows(
  entries: ReadonlyArray<{ submission: Submission; title: string; problems: readonly ContentProblem[] }>,
  t: Translate,
): QueueRow[] {
  return entries.map(({ submission, title, problems }) => {
    const fields = [...new Set(problems.map((problem) => problem.field.split('.')[0]!))];
    return {
      id: submission.id,
      title,
      editOf: submission.editOf,
      from: submission.submitter.name,
      sentAt: (submission.history.at(-1)?.action === 'resubmitted' ? submission.history.at(-1)!.at : submission.createdAt).slice(0, 16).replace('T', ' '),
      status: `${t(`contribute.status.${submission.status}` as MessageKey)}${isResubmitted(submission) ? ` · ${t('editor.resubmitted')}` : ''}`,
      checks: !isOpen(submission)
        ? undefined
        : problems.length === 0
          ? { ok: true, text: t('editor.readyToPublish') }
          : { ok: false, text: t('editor.problemCount', { count: problems.length, fields: fields.join(', ') }) },
    };
  });
}
