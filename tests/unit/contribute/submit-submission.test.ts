import { describe, expect, it } from 'vitest';
import { submitSubmission } from '../../../server/contribute/submit-submission.js';
import { NEW_NOTE, workflowContext } from './workflow-context.js';

describe('submitting', () => {
  it('stores the text as pending, version 1, with its history entry and one audit row, under an unguessable id', async () => {
    const { submissions, audit } = await workflowContext();
    const submission = await submitSubmission(submissions, {
      markdown: NEW_NOTE,
      submitter: { name: 'W.K.', email: 'wk@example.org' },
      now: new Date('2026-11-28T10:00:00Z'),
    });
    expect(submission.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await submissions.get(submission.id)).toEqual({
      id: submission.id,
      createdAt: '2026-11-28T10:00:00.000Z',
      status: 'pending',
      markdown: NEW_NOTE,
      version: 1,
      submitter: { name: 'W.K.', email: 'wk@example.org' },
      history: [{ at: '2026-11-28T10:00:00.000Z', by: 'contributor', action: 'submitted' }],
    });
    expect(await audit.entries()).toEqual([expect.objectContaining({ actor: 'contributor:W.K.', action: 'submitted', submission: submission.id })]);
  });

  it('keeps the note a suggested edit was made from', async () => {
    const { submissions, audit } = await workflowContext();
    const submission = await submitSubmission(submissions, { markdown: NEW_NOTE, submitter: { name: 'A.B.', email: '' }, editOf: 'phone-evidence-control' });
    expect((await submissions.get(submission.id))?.editOf).toBe('phone-evidence-control');
    expect((await audit.entries())[0]).toMatchObject({ note: 'phone-evidence-control' });
  });
});
