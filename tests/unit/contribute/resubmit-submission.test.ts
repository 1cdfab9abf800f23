import { describe, expect, it } from 'vitest';
import { decideSubmission } from '../../../server/contribute/decide-submission.js';
import { canResubmit, isResubmitted, resubmitSubmission } from '../../../server/contribute/resubmit-submission.js';
import { submitSubmission } from '../../../server/contribute/submit-submission.js';
import { NEW_NOTE, workflowContext } from './workflow-context.js';

const SECOND = NEW_NOTE.replace('early.', 'in the first week.');

describe('resubmitting', () => {
  it('after "changes requested": the same submission goes back to pending with a second version, the first kept for the review', async () => {
    const { submissions, audit, context } = await workflowContext();
    const { id } = await submitSubmission(submissions, { markdown: NEW_NOTE, submitter: { name: 'W.K.', email: '' } });
    await decideSubmission(context, { id, decision: 'request_changes', comment: 'Say when.', editor: 'ada' });
    expect(canResubmit((await submissions.get(id))!)).toBe(true);
    const resent = await resubmitSubmission(submissions, { id, markdown: SECOND, submitter: { name: 'W.K.', email: 'wk@example.org' } });
    expect(resent).toMatchObject({ status: 'pending', version: 2, markdown: SECOND, previousMarkdown: NEW_NOTE, submitter: { email: 'wk@example.org' } });
    expect(await submissions.get(id)).toEqual(resent);
    expect(isResubmitted(resent)).toBe(true);
    expect(resent.history.map((event) => event.action)).toEqual(['submitted', 'changes_requested', 'resubmitted']);
    expect((await audit.entries()).map((entry) => entry.action)).toEqual(['resubmitted', 'changes_requested', 'submitted']);
  });

  it('is refused while pending, twice in a row, and after a final decision', async () => {
    const { submissions, context } = await workflowContext();
    const { id } = await submitSubmission(submissions, { markdown: NEW_NOTE, submitter: { name: 'W.K.', email: '' } });
    await expect(resubmitSubmission(submissions, { id, markdown: SECOND, submitter: { name: '', email: '' } })).rejects.toThrow(/not waiting for your changes/);
    await decideSubmission(context, { id, decision: 'request_changes', comment: 'Say when.', editor: 'ada' });
    await resubmitSubmission(submissions, { id, markdown: SECOND, submitter: { name: '', email: '' } });
    await expect(resubmitSubmission(submissions, { id, markdown: SECOND, submitter: { name: '', email: '' } })).rejects.toThrow(/already resent or decided/);
    await decideSubmission(context, { id, decision: 'reject', comment: 'No.', editor: 'ada' });
    await expect(resubmitSubmission(submissions, { id, markdown: SECOND, submitter: { name: '', email: '' } })).rejects.toThrow(/already resent or decided/);
    // An empty name keeps the one the submission had.
    expect((await submissions.get(id))?.submitter.name).toBe('W.K.');
  });
});
