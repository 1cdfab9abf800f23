import { describe, expect, it } from 'vitest';
import { decideSubmission } from '../../../server/contribute/decide-submission.js';
import { checkHere, previousVersion, recheckSubmission } from '../../../server/contribute/recheck-submission.js';
import { resubmitSubmission } from '../../../server/contribute/resubmit-submission.js';
import { submitSubmission } from '../../../server/contribute/submit-submission.js';
import { NEW_NOTE, TODAY, workflowContext } from './workflow-context.js';

describe('re-checking and the review baseline', () => {
  it('checks a stored submission against the knowledge base as it is now, and a published one as an edit of its own note', async () => {
    const { submissions, context, knowledge } = await workflowContext();
    const { id } = await submitSubmission(submissions, { markdown: NEW_NOTE, submitter: { name: 'W.K.', email: '' } });
    expect((await recheckSubmission(checkHere, knowledge.current(), (await submissions.get(id))!, TODAY)).problems).toEqual([]);
    const twin = await submitSubmission(submissions, { markdown: NEW_NOTE, submitter: { name: 'A.N.', email: '' } });
    await decideSubmission(context, { id, decision: 'approve', comment: '', editor: 'ada' });
    // The twin now takes a slug someone else has; the published one is not "taking" its own.
    expect((await recheckSubmission(checkHere, knowledge.current(), (await submissions.get(twin.id))!, TODAY)).problems).toEqual([
      expect.objectContaining({ field: 'slug', kind: 'taken' }),
    ]);
    expect((await recheckSubmission(checkHere, knowledge.current(), (await submissions.get(id))!, TODAY)).problems).toEqual([]);
  });

  it('compares a resent submission with the version the editor sent back, and nothing once it is decided', async () => {
    const { submissions, context, knowledge } = await workflowContext();
    const { id } = await submitSubmission(submissions, { markdown: NEW_NOTE, submitter: { name: 'W.K.', email: '' } });
    expect(await previousVersion(checkHere, knowledge.current(), (await submissions.get(id))!, TODAY)).toBeUndefined();
    await decideSubmission(context, { id, decision: 'request_changes', comment: 'Say when.', editor: 'ada' });
    await resubmitSubmission(submissions, { id, markdown: NEW_NOTE.replace('early.', 'in the first week.'), submitter: { name: '', email: '' } });
    const baseline = await previousVersion(checkHere, knowledge.current(), (await submissions.get(id))!, TODAY);
    expect(baseline).toMatchObject({
      kind: 'previous',
      body: expect.stringContaining('Request the transfer records early.'),
      fields: expect.objectContaining({ stages: ['investigation'] }),
    });
    await decideSubmission(context, { id, decision: 'reject', comment: 'No.', editor: 'ada' });
    expect(await previousVersion(checkHere, knowledge.current(), (await submissions.get(id))!, TODAY)).toBeUndefined();
  });
});
