import { describe, expect, it } from 'vitest';
import type { Submission } from '../../../server/contribute/submission.js';
import { createTranslator } from '../../../server/web/i18n.js';
import { buildSubmissionStatusPage } from '../../../server/web/view-models/submission-status-page.js';

const t = createTranslator('en');

function submission(extra: Partial<Submission> = {}): Submission {
  return {
    id: 'abcdefghijklmnopqrstuv',
    createdAt: '2026-11-28T10:15:00.000Z',
    status: 'pending',
    markdown: '---\ntitle: A note\n---\nText',
    version: 1,
    submitter: { name: 'A. B.', email: 'ab@example.org' },
    history: [{ at: '2026-11-28T10:15:00.000Z', by: 'contributor', action: 'submitted' }],
    ...extra,
  };
}

describe('buildSubmissionStatusPage', () => {
  it('gives the contributor the address to keep, the status in words and the day it was sent', () => {
    const model = buildSubmissionStatusPage(submission(), { baseUrl: 'https://casebook.example', t });
    expect(model).toMatchObject({
      address: 'https://casebook.example/contribute/abcdefghijklmnopqrstuv',
      status: 'pending',
      statusLabel: t('contribute.status.pending'),
      sentAt: '2026-11-28T10:15:00.000Z',
      sentOn: '2026-11-28',
      comment: undefined,
      publishedUrl: undefined,
      resubmitUrl: undefined,
      markdown: '---\ntitle: A note\n---\nText',
      preview: undefined,
    });
  });

  it('offers "edit and resend" with the editor\'s comment only when changes were requested', () => {
    const model = buildSubmissionStatusPage(submission({ status: 'changes_requested', comment: 'Cite the judgment.' }), { baseUrl: '', t });
    expect(model.resubmitUrl).toBe('/contribute/abcdefghijklmnopqrstuv/edit');
    expect(model.comment).toBe('Cite the judgment.');
    expect(model.statusLabel).toBe(t('contribute.status.changes_requested'));
  });

  it('says a resent submission is back in the queue, and links an approved one to its page', () => {
    const resent = submission({
      history: [
        { at: '2026-11-28T10:15:00.000Z', by: 'contributor', action: 'submitted' },
        { at: '2026-11-29T09:00:00.000Z', by: 'contributor', action: 'resubmitted' },
      ],
    });
    expect(buildSubmissionStatusPage(resent, { baseUrl: '', t }).statusLabel).toBe(t('contribute.status.resubmitted'));
    const approved = buildSubmissionStatusPage(submission({ status: 'approved', publishedAs: 'hotel-records' }), { baseUrl: '', t });
    expect(approved.publishedUrl).toBe('/notes/hotel-records');
    expect(approved.resubmitUrl).toBeUndefined();
  });

  it('never hands the view the stored record: no e-mail address, history or earlier text', () => {
    const model = buildSubmissionStatusPage(submission({ previousMarkdown: 'the earlier text' }), { baseUrl: '', t });
    const shown = JSON.stringify(model);
    expect(shown).not.toContain('ab@example.org');
    expect(shown).not.toContain('the earlier text');
    expect(Object.keys(model)).not.toContain('history');
  });
});
