import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createContributeApp, openForm, signIn, STRANGER_NOTE } from './contribute-app.js';

type App = Awaited<ReturnType<typeof createContributeApp>>['app'];

const FORM = {
  title: 'Using wire-transfer records to prove a debt was never repayable',
  summary: 'Ask money-transfer firms for the records behind the debt the victim was told to repay, and show the debt could never be cleared.',
  language: 'en',
  jurisdictions: 'KE',
  evidence_types: 'financial',
  stages: 'investigation',
  evidence_basis: 'practitioner-consensus',
  last_reviewed: '2026-11-01',
  submitter_name: 'W.K.',
};

function multipart(call: request.Test, fields: Record<string, string | string[]>): request.Test {
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) call = call.field(name, item);
  return call;
}

/** The decision buttons the review page offers, in order. */
function actionsOffered(html: string): string[] {
  return [...html.matchAll(/<button type="submit" name="action" value="([a-z_]+)"/g)].map((match) => match[1]!);
}

async function submitted(app: App, markdown = STRANGER_NOTE): Promise<string> {
  const { body } = await request(app)
    .post('/api/submissions')
    .send({ markdown, submitter: { name: 'W.K.' } })
    .expect(201);
  return body.id as string;
}

function decide(app: App, editor: { cookie: string; csrf: string }, id: string, action: string, comment = ''): request.Test {
  return request(app).post(`/editor/submissions/${id}`).set('Cookie', editor.cookie).type('form').send({ action, comment, csrf_token: editor.csrf });
}

describe('a submission in each state offers only what can be done', () => {
  it('new (waiting for review): all three decisions; the contributor sees the address to keep and cannot edit yet', async () => {
    const { app } = await createContributeApp();
    const id = await submitted(app);
    const editor = await signIn(app);
    const review = (await request(app).get(`/editor/submissions/${id}`).set('Cookie', editor.cookie).expect(200)).text;
    expect(actionsOffered(review)).toEqual(['approve', 'request_changes', 'reject']);
    // Every field an editor must check is on the page before approving.
    for (const text of ['evidence_basis', 'Practitioner consensus', 'Kenya (KE)', 'Financial', 'Investigation']) expect(review).toContain(text);
    const status = (await request(app).get(`/contribute/${id}`).expect(200)).text;
    expect(status).toContain('Waiting for review');
    expect(status).toMatch(new RegExp(`<input id="cb-address" class="address" type="text" readonly value="http://[^"]+/contribute/${id}">`));
    expect(status).not.toContain(`/contribute/${id}/edit`);
    await request(app).get(`/contribute/${id}/edit`).expect(409);
  });

  it('changes requested: only "reject" is offered and other decisions are refused; the contributor gets their text back to edit', async () => {
    const { app } = await createContributeApp();
    const id = await submitted(app);
    const editor = await signIn(app);
    await decide(app, editor, id, 'request_changes', 'Please cite the Kenyan provision.').expect(303);
    const review = (await request(app).get(`/editor/submissions/${id}?decided=changes_requested`).set('Cookie', editor.cookie).expect(200)).text;
    expect(review).toMatch(/<div class="confirmation" role="status">[\s\S]*Decision recorded: Changes requested\.[\s\S]*href="\/editor">Back to the queue/);
    expect(actionsOffered(review)).toEqual(['reject']);
    expect(review).toContain('the contributor can edit and resend it');
    await decide(app, editor, id, 'approve').expect(409);
    await decide(app, editor, id, 'request_changes', 'again').expect(409);

    const status = (await request(app).get(`/contribute/${id}`).expect(200)).text;
    expect(status).toContain('Please cite the Kenyan provision.');
    expect(status).toContain(`href="/contribute/${id}/edit"`);
    // The text as sent stays visible, as the published page would show it.
    expect(status).toContain('Request the transfer records early.');
    const edit = (await request(app).get(`/contribute/${id}/edit`).expect(200)).text;
    expect(edit).toContain(`name="resubmit_of" value="${id}"`);
    expect(edit).toContain(`value="${FORM.title}"`);
    expect(edit).toContain('Please cite the Kenyan provision.');
    expect(edit).toContain('name="body" value="## What to do\n\nRequest the transfer records early."');
    // It opens at "Check your answers", every answer one "Change" away, not at step 1.
    expect(edit).toMatch(/<input type="hidden" name="step" value="5">/);
    expect(edit).toMatch(/<li aria-current="step" class="current"><span class="step-number">5<\/span>/);
  });

  it('resubmitted: the same submission is back in the queue, marked as resent, with a word diff against the version sent back', async () => {
    const { app, submissions } = await createContributeApp();
    const id = await submitted(app);
    const editor = await signIn(app);
    await decide(app, editor, id, 'request_changes', 'Please say when to ask.').expect(303);
    const { cookie, csrf } = await openForm(app, `/contribute/${id}/edit`);
    const resend = { ...FORM, csrf_token: csrf, resubmit_of: id, action: 'resend', body: '## What to do\n\nRequest the transfer records in the first week.' };
    const sent = await multipart(request(app).post('/contribute').set('Cookie', cookie), resend).expect(303);
    expect(sent.headers.location).toBe(`/contribute/${id}`);
    expect(await submissions.list()).toHaveLength(1);
    expect(await submissions.get(id)).toMatchObject({ status: 'pending', previousMarkdown: STRANGER_NOTE });
    expect((await submissions.get(id))!.history.map((event) => event.action)).toEqual(['submitted', 'changes_requested', 'resubmitted']);
    expect((await request(app).get(`/contribute/${id}`)).text).toContain('Resent — waiting for review');

    const queue = (await request(app).get('/editor').set('Cookie', editor.cookie).expect(200)).text;
    expect(queue).toMatch(/Waiting for review · resent after changes/);
    const review = (await request(app).get(`/editor/submissions/${id}`).set('Cookie', editor.cookie).expect(200)).text;
    expect(review).toContain('Changes since the version you sent back');
    expect(review).toContain('Request the transfer records <del>early</del><ins>in the first week</ins>.');
    expect(actionsOffered(review)).toEqual(['approve', 'request_changes', 'reject']);
    // Resending again, without a new request for changes, is refused.
    await multipart(request(app).post('/contribute').set('Cookie', cookie), resend).expect(409);
  });

  it('approved: a confirmation with a link to the new page; no actions, no false "slug already used", nothing counted in the queue', async () => {
    const { app } = await createContributeApp();
    const id = await submitted(app);
    const editor = await signIn(app);
    const decided = await decide(app, editor, id, 'approve').expect(303);
    const page = (await request(app).get(decided.headers.location!).set('Cookie', editor.cookie).expect(200)).text;
    expect(page).toMatch(
      /role="status">[\s\S]*Published\. The note is online now\.[\s\S]*<a href="\/notes\/using-wire-transfer-records-to-prove-a-debt-was-never-repayable">/,
    );
    expect(actionsOffered(page)).toEqual([]);
    expect(page).not.toContain('already used');
    expect(page).toContain('This submission is decided');
    const queue = (await request(app).get('/editor').set('Cookie', editor.cookie).expect(200)).text;
    expect(queue).toMatch(/<td data-label="Status">Published<\/td>\s*<td data-label="Checks">—<\/td>/);
    expect(queue).not.toContain('problem(s)');
    await decide(app, editor, id, 'reject', 'late').expect(409);
    await request(app).get(`/contribute/${id}/edit`).expect(409);
  });

  it('rejected: no actions; the contributor sees the reason and cannot edit', async () => {
    const { app } = await createContributeApp();
    const id = await submitted(app);
    const editor = await signIn(app);
    await decide(app, editor, id, 'reject', 'Out of scope.').expect(303);
    expect(actionsOffered((await request(app).get(`/editor/submissions/${id}`).set('Cookie', editor.cookie)).text)).toEqual([]);
    const status = (await request(app).get(`/contribute/${id}`)).text;
    expect(status).toContain('Not accepted');
    expect(status).toContain('Out of scope.');
    expect(status).not.toContain(`/contribute/${id}/edit`);
    await request(app).get(`/contribute/${id}/edit`).expect(409);
  });

  it('a pending submission that can no longer be published: no "Approve" button, a reason instead, and its problems named in the queue', async () => {
    const { app } = await createContributeApp();
    const first = await submitted(app);
    const second = await submitted(app);
    const editor = await signIn(app);
    await decide(app, editor, first, 'approve').expect(303);
    const review = (await request(app).get(`/editor/submissions/${second}`).set('Cookie', editor.cookie)).text;
    expect(actionsOffered(review)).toEqual(['request_changes', 'reject']);
    expect(review).toContain('Approving is not possible while the submission has the problems listed above');
    const queue = (await request(app).get('/editor').set('Cookie', editor.cookie)).text;
    expect(queue).toContain('1 problem(s): slug');
  });
});

describe('the form answers a contributor, never a 500', () => {
  it('a malformed language is a clear problem on the first step', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    for (const language of ['x!y', 'en-', '\u0000', 'zz-ZZ-ZZ', 'e'.repeat(10)]) {
      const { text } = await multipart(request(app).post('/contribute').set('Cookie', cookie), {
        ...FORM,
        body: '## What to do\n\nAsk early.',
        language,
        csrf_token: csrf,
        action: 'submit',
      }).expect(422);
      expect(text).toContain('<a href="#f-language">Choose the language the note is written in from the list</a>');
    }
  });

  it('"Continue" checks only the step answered, and the body starts with the skeleton\'s headings', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf, html } = await openForm(app);
    expect(html).toContain('name="body" value="## What to do');
    expect(html).toMatch(/<input type="checkbox" name="jurisdictions" value="KE"[^>]*> Kenya <span class="code">KE<\/span>/);
    const first = await multipart(request(app).post('/contribute').set('Cookie', cookie), {
      csrf_token: csrf,
      step: '1',
      action: 'next',
      title: 'Short',
      summary: '',
      jurisdictions: [],
    }).expect(422);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(first.text)![0];
    expect([...summary.matchAll(/<a href="#f-(\w+)">/g)].map((match) => match[1])).toEqual(['title', 'summary', 'jurisdictions']);
    const second = await multipart(request(app).post('/contribute').set('Cookie', cookie), {
      csrf_token: csrf,
      step: '1',
      action: 'next',
      title: FORM.title,
      summary: FORM.summary,
      language: 'en',
      jurisdictions: ['KE', 'GH'],
    }).expect(200);
    expect(second.text).toContain('<h1>What it covers</h1>');
    expect(second.text).toContain('<input type="hidden" name="jurisdictions" value="KE">');
    expect(second.text).not.toContain('error-summary');
  });

  it('a body left as the skeleton is not a note', async () => {
    const { app, submissions } = await createContributeApp();
    const { cookie, csrf, html } = await openForm(app);
    const skeleton = /name="body" value="([^"]*)"/.exec(html)![1]!.replace(/&#10;/g, '\n');
    const { text } = await multipart(request(app).post('/contribute').set('Cookie', cookie), {
      ...FORM,
      body: skeleton,
      csrf_token: csrf,
      action: 'submit',
    }).expect(422);
    expect(text).toContain('<a href="#f-body">Write the note under the headings');
    expect(await submissions.list()).toEqual([]);
  });
});

describe('a suggested edit', () => {
  it('rewrites only the changed line of the file, and the editor sees one highlighted word', async () => {
    const { app, knowledgeDir } = await createContributeApp();
    const file = path.join(knowledgeDir, 'notes', 'phone-evidence-control.md');
    const before = readFileSync(file, 'utf8');
    const { cookie, csrf, html } = await openForm(app, '/contribute?edit=phone-evidence-control');
    expect(html).toContain('name="edit_of" value="phone-evidence-control"');
    // What the form holds for this note: its own front matter, as a browser would send it back.
    const [, yaml = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(before)!;
    const data = parse(yaml) as Record<string, unknown>;
    const form: Record<string, string | string[]> = {
      csrf_token: csrf,
      edit_of: 'phone-evidence-control',
      action: 'submit',
      submitter_name: 'A.B.',
      body: body.trim(),
    };
    for (const [name, value] of Object.entries(data)) {
      if (['aliases', 'translations', 'sources'].includes(name)) continue;
      form[name] = Array.isArray(value) ? value.map(String) : value === true ? 'true' : String(value);
    }
    form.summary = (form.summary as string).replace('show control', 'prove control');
    const sent = await multipart(request(app).post('/contribute').set('Cookie', cookie), form).expect(303);
    const id = sent.headers.location!.split('/').pop()!;
    const editor = await signIn(app);
    const review = (await request(app).get(`/editor/submissions/${id}`).set('Cookie', editor.cookie)).text;
    const changed = [...review.matchAll(/<tr class="changed"><th scope="row"><code>(\w+)<\/code>/g)].map((match) => match[1]);
    expect(changed).toEqual(['summary']);
    await decide(app, editor, id, 'approve').expect(303);
    const after = readFileSync(file, 'utf8');
    const differing = after.split('\n').filter((line, index) => line !== before.split('\n')[index]);
    expect(differing).toEqual([
      before
        .split('\n')
        .find((line) => line.startsWith('summary:'))!
        .replace('show control', 'prove control'),
    ]);
  });
});
