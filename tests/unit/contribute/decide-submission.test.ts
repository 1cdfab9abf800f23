import { describe, expect, it } from 'vitest';
import { availableDecisions, decideSubmission } from '../../../server/contribute/decide-submission.js';
import { submitSubmission } from '../../../server/contribute/submit-submission.js';
import { ConflictError } from '../../../server/errors.js';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NEW_NOTE, workflowContext } from './workflow-context.js';

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });

const SLUG = 'using-wire-transfer-records-to-prove-a-debt-was-never-repayable';

describe('deciding', () => {
  it('approve: checks, publishes one commit crediting the contributor and the editor with the change note, serves the note, and writes one audit row naming the version', async () => {
    const { submissions, audit, context, knowledge, knowledgeDir } = await workflowContext();
    const { id } = await submitSubmission(submissions, { markdown: NEW_NOTE, submitter: { name: 'W.K.', email: 'wk@example.org' } });
    const result = await decideSubmission(context, { id, decision: 'approve', comment: '', editor: 'ada', changeNote: 'New note on wire transfers' });
    expect(result).toMatchObject({
      outcome: 'decided',
      submission: { status: 'approved', publishedAs: SLUG },
      published: { slug: SLUG },
      version: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    const version = (result as { version: string }).version;
    expect(git(knowledgeDir, 'log', '-1', '--format=%h|%an|%cn|%s', '--abbrev=12')).toBe(`${version}|W.K|ada|New note on wire transfers\n`);
    expect(readFileSync(path.join(knowledgeDir, 'notes', `${SLUG}.md`), 'utf8')).toBe(NEW_NOTE);
    expect(knowledge.current().bySlug.has(SLUG)).toBe(true);
    expect(await submissions.get(id)).toMatchObject({
      status: 'approved',
      publishedAs: SLUG,
      history: [{ action: 'submitted' }, { action: 'approved', by: 'ada' }],
    });
    expect((await audit.entries())[0]).toEqual(expect.objectContaining({ actor: 'editor:ada', action: 'approved', submission: id, note: SLUG, version }));
  });

  it('request changes and reject: need a comment, which the contributor sees; nothing is published', async () => {
    const { submissions, context, knowledgeDir } = await workflowContext();
    const head = git(knowledgeDir, 'rev-parse', 'HEAD');
    const { id } = await submitSubmission(submissions, { markdown: NEW_NOTE, submitter: { name: 'W.K.', email: '' } });
    expect(await decideSubmission(context, { id, decision: 'request_changes', comment: '', editor: 'ada' })).toEqual({ outcome: 'comment_required' });
    expect(await decideSubmission(context, { id, decision: 'request_changes', comment: 'Cite the statute.', editor: 'ada' })).toMatchObject({
      outcome: 'decided',
      submission: { status: 'changes_requested', comment: 'Cite the statute.' },
    });
    expect(availableDecisions((await submissions.get(id))!)).toEqual(['reject']);
    await expect(decideSubmission(context, { id, decision: 'approve', comment: '', editor: 'ada' })).rejects.toThrow(/wait for the contributor/);
    expect(await decideSubmission(context, { id, decision: 'reject', comment: 'Out of scope.', editor: 'ada' })).toMatchObject({
      outcome: 'decided',
      submission: { status: 'rejected' },
    });
    expect(availableDecisions((await submissions.get(id))!)).toEqual([]);
    expect(git(knowledgeDir, 'rev-parse', 'HEAD')).toBe(head);
  });

  it('refuses a second decision with a conflict, whatever it is', async () => {
    const { submissions, context } = await workflowContext();
    const { id } = await submitSubmission(submissions, { markdown: NEW_NOTE, submitter: { name: 'W.K.', email: '' } });
    await decideSubmission(context, { id, decision: 'reject', comment: 'No.', editor: 'ada' });
    for (const decision of ['approve', 'reject', 'request_changes'] as const) {
      await expect(decideSubmission(context, { id, decision, comment: 'Again.', editor: 'bob' })).rejects.toThrow(ConflictError);
    }
  });

  it('gives one winner among simultaneous decisions: one transition stored, one audit row, the others a conflict', async () => {
    const { submissions, audit, context, knowledgeDir } = await workflowContext();
    const head = git(knowledgeDir, 'rev-parse', 'HEAD');
    const { id } = await submitSubmission(submissions, { markdown: NEW_NOTE, submitter: { name: 'W.K.', email: '' } });
    const outcomes = await Promise.allSettled(
      (['approve', 'reject', 'approve', 'request_changes'] as const).map((decision) =>
        decideSubmission(context, { id, decision, comment: 'Decided.', editor: 'ada' }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConflictError);
    const decisions = (await audit.entries({ submission: id })).filter((entry) => entry.action !== 'submitted');
    expect(decisions).toHaveLength(1);
    expect((await submissions.get(id))?.history).toHaveLength(2);
    // One commit if the winner approved, none otherwise.
    expect(git(knowledgeDir, 'rev-list', '--count', `${head.trim()}..HEAD`).trim()).toBe(decisions[0]!.action === 'approved' ? '1' : '0');
  });

  it("treats a slug taken since the submission was checked as a conflict, by the problem's kind, and other problems as invalid", async () => {
    const { submissions, context, knowledge, knowledgeDir } = await workflowContext();
    const head = git(knowledgeDir, 'rev-parse', 'HEAD');
    const first = await submitSubmission(submissions, { markdown: NEW_NOTE, submitter: { name: 'W.K.', email: '' } });
    const second = await submitSubmission(submissions, {
      markdown: NEW_NOTE.replace('Request the transfer records early.', 'Another text.'),
      submitter: { name: 'A.N.', email: '' },
    });
    await decideSubmission(context, { id: first.id, decision: 'approve', comment: '', editor: 'ada' });
    await expect(decideSubmission(context, { id: second.id, decision: 'approve', comment: '', editor: 'ada' })).rejects.toThrow(
      /slug is now used by another note/,
    );
    // A note that links to one no longer published is a content problem for the contributor, not a race.
    const linking = await submitSubmission(submissions, {
      markdown: NEW_NOTE.replace(/^title: .*$/m, 'title: A note that links to a missing one').replace('early.', 'early; see [this](/notes/no-such-note).'),
      submitter: { name: 'L.K.', email: '' },
    });
    const invalid = await decideSubmission(context, { id: linking.id, decision: 'approve', comment: '', editor: 'ada' });
    expect(invalid).toMatchObject({ outcome: 'invalid', problems: [expect.objectContaining({ kind: 'broken_link', field: 'body' })] });
    expect((await submissions.get(linking.id))?.status).toBe('pending');
    expect(git(knowledgeDir, 'rev-list', '--count', `${head.trim()}..HEAD`).trim()).toBe('1');
    expect(knowledge.current().bySlug.has(SLUG)).toBe(true);
  });

  it('leaves the submission pending, and writes no audit row, when publishing fails', async () => {
    const { submissions, audit, context } = await workflowContext();
    const { id } = await submitSubmission(submissions, { markdown: NEW_NOTE, submitter: { name: 'W.K.', email: '' } });
    // The knowledge refuses the commit (as a git store does when the same file changed elsewhere).
    const failing = {
      ...context,
      knowledge: {
        ...context.knowledge,
        current: () => context.knowledge.current(),
        history: () => context.knowledge.history(),
        publish: async () => {
          throw new ConflictError('notes/x.md was changed by another editor meanwhile.');
        },
      },
    };
    await expect(decideSubmission(failing, { id, decision: 'approve', comment: '', editor: 'ada' })).rejects.toThrow(/changed by another editor/);
    expect((await submissions.get(id))?.status).toBe('pending');
    expect((await audit.entries({ submission: id })).map((entry) => entry.action)).toEqual(['submitted']);
  });
});
