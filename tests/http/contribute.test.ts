import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createContributeApp, openForm, signIn, STRANGER_NOTE } from './contribute-app.js';

const FORM = {
  title: 'Using wire-transfer records to prove a debt was never repayable',
  summary: 'Ask money-transfer firms for the records behind the debt, and show it could never be cleared.',
  language: 'en',
  jurisdictions: 'KE',
  evidence_types: 'financial',
  stages: 'investigation',
  evidence_basis: 'practitioner-consensus',
  last_reviewed: '2026-11-01',
  body: '## What to do\n\nRequest the transfer records early.',
  submitter_name: 'W.K.',
  submitter_email: 'wk@example.org',
};

function multipart(call: request.Test, fields: Record<string, string>): request.Test {
  for (const [name, value] of Object.entries(fields)) call = call.field(name, value);
  return call;
}

describe('the contribution form', () => {
  it("offers pickers from the taxonomy, with definitions, in the reader's language", async () => {
    const { app } = await createContributeApp();
    const { html, cookie, csrf } = await openForm(app, '/contribute?lang=fr');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('enctype="multipart/form-data"');
    // The topics are the second step; "Change"/"goto" moves there without checking the first.
    const { text } = await multipart(request(app).post('/contribute?lang=fr').set('Cookie', cookie), { csrf_token: csrf, goto: '2' }).expect(200);
    expect(text).toMatch(/name="evidence_types" value="financial"[^>]*> <span class="option-label">[^<]+<\/span> <span class="option-definition">[^<]{20,}/);
  });

  it("refuses a post without the form's CSRF token", async () => {
    const { app, submissions } = await createContributeApp();
    await multipart(request(app).post('/contribute'), { ...FORM, action: 'submit' }).expect(403);
    const { cookie } = await openForm(app);
    await multipart(request(app).post('/contribute').set('Cookie', cookie), { ...FORM, action: 'submit', csrf_token: 'forged' }).expect(403);
    expect(await submissions.list()).toEqual([]);
  });

  it('previews the note as it will look, storing nothing', async () => {
    const { app, submissions } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    const { text } = await multipart(request(app).post('/contribute').set('Cookie', cookie), { ...FORM, action: 'preview', csrf_token: csrf }).expect(200);
    expect(text).toContain('<h2 id="what-to-do">What to do');
    expect(await submissions.list()).toEqual([]);
  });

  it('stores a valid note as pending, unseen by readers, and gives a private status page', async () => {
    const { app, submissions, stores } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    const response = await multipart(request(app).post('/contribute').set('Cookie', cookie), { ...FORM, action: 'submit', csrf_token: csrf }).expect(303);
    const id = /^\/contribute\/([\w-]{22})$/.exec(response.headers.location!)?.[1];
    expect(id).toBeDefined();
    expect(await submissions.get(id!)).toMatchObject({ status: 'pending', submitter: { name: 'W.K.' } });
    // Stored in the database, not as a file: DATA_DIR holds no workflow state any more.
    expect((await stores.database.pool.query('SELECT status FROM submissions WHERE id = $1', [id])).rows).toEqual([{ status: 'pending' }]);
    expect((await request(app).get(`/contribute/${id}`).expect(200)).text).toContain('Waiting for review');
    await request(app).get('/notes/using-wire-transfer-records-to-prove-a-debt-was-never-repayable').expect(404);
    await request(app).get('/contribute/AAAAAAAAAAAAAAAAAAAAAA').expect(404);
    expect(await stores.audit.entries({ submission: id! })).toEqual([
      expect.objectContaining({ actor: 'contributor:W.K.', action: 'submitted', submission: id }),
    ]);
  });

  it('shows problems beside their fields and keeps what was typed', async () => {
    const { app, submissions } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    const { text } = await multipart(request(app).post('/contribute').set('Cookie', cookie), {
      ...FORM,
      stages: '',
      title: 'Short',
      action: 'submit',
      csrf_token: csrf,
    }).expect(422);
    // Worded for contributors, beside the field and in the summary at the top that links to it.
    expect(text).toMatch(/<p class="field-problem" id="f-title-problem"><span class="visually-hidden">Error:<\/span> The title must be at least 10 characters/);
    expect(text).toMatch(
      /<div class="error-summary" role="alert" tabindex="-1" autofocus[\s\S]*<a href="#f-title">The title must be at least 10 characters<\/a>/,
    );
    expect(text).toMatch(/<button type="submit" name="goto" value="2" class="link-button">Choose at least one stage of the case/);
    expect(text).not.toMatch(/is required|allowed values|\(array\)/);
    expect(text).toContain('value="Short"');
    expect(await submissions.list()).toEqual([]);
  });

  it('refuses an uploaded file with JavaScript front matter, with its line, without running it', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    const hostile = Buffer.from('---js\n{ title: (globalThis.pwnedByUpload = true, "x") }\n---\nbody\n');
    const { text } = await request(app)
      .post('/contribute')
      .set('Cookie', cookie)
      .field('csrf_token', csrf)
      .field('action', 'submit')
      .field('submitter_name', 'X')
      .attach('file', hostile, 'evil.md')
      .expect(422);
    expect((globalThis as { pwnedByUpload?: boolean }).pwnedByUpload).toBeUndefined();
    expect(text).toContain('Line 1, column 4: front matter: is declared as &#34;js&#34;');
  });

  it('refuses a body over 1 MB with 413', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    await request(app)
      .post('/contribute')
      .set('Cookie', cookie)
      .field('csrf_token', csrf)
      .field('action', 'submit')
      .attach('file', Buffer.alloc(3 * 1024 * 1024, 'a'), 'big.md')
      .expect(413);
  });
});

describe('POST /api/submissions', () => {
  it('answers 201 with an id and a status for a valid note', async () => {
    const { app, submissions } = await createContributeApp();
    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.', email: 'wk@example.org' } })
      .expect(201);
    expect(body).toEqual({ id: expect.stringMatching(/^[\w-]{22}$/), status: 'pending', url: `/contribute/${body.id}` });
    expect((await submissions.get(body.id))?.markdown).toBe(STRANGER_NOTE);
  });

  it('answers 422 with located problems, and stores nothing', async () => {
    const { app, submissions } = await createContributeApp();
    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE.replace('stages: [investigation]', 'stages: [investigaton]'), submitter: { name: 'X' } })
      .expect(422);
    expect(body.problems).toEqual([expect.objectContaining({ line: 7, column: 10, field: 'stages.0', hint: expect.stringContaining('investigation') })]);
    expect(await submissions.list()).toEqual([]);
  });

  it('refuses a note whose slug is taken, executable front matter, and 3 MB', async () => {
    const { app } = await createContributeApp();
    const taken = STRANGER_NOTE.replace('last_reviewed', 'slug: phone-evidence-control\nlast_reviewed');
    expect(
      (
        await request(app)
          .post('/api/submissions')
          .send({ markdown: taken, submitter: { name: 'X' } })
          .expect(422)
      ).body.problems[0].field,
    ).toBe('slug');
    await request(app)
      .post('/api/submissions')
      .send({ markdown: '---javascript\nprocess.exit(1)\n---\n', submitter: { name: 'X' } })
      .expect(422);
    await request(app)
      .post('/api/submissions')
      .send({ markdown: 'a'.repeat(3 * 1024 * 1024), submitter: { name: 'X' } })
      .expect(413);
  });

  it('answers 429 when one client has stored too many, counting only notes stored', async () => {
    const { app, submissions } = await createContributeApp({ submissionRateLimit: 2 });
    // A note with problems stores nothing and costs nothing of the allowance.
    for (let i = 0; i < 3; i++)
      await request(app)
        .post('/api/submissions')
        .send({ markdown: 'x', submitter: { name: 'X' } })
        .expect(422);
    for (let i = 0; i < 2; i++)
      await request(app)
        .post('/api/submissions')
        .send({ markdown: STRANGER_NOTE, submitter: { name: 'X' } })
        .expect(201);
    const refused = await request(app)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'X' } })
      .expect(429);
    expect(refused.body.error).toEqual({ code: 'rate_limited', message: expect.stringMatching(/try again in (59|60) minutes/) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    expect(await submissions.list()).toHaveLength(2);
  });
});

describe('editors', () => {
  it('sign in without revealing which usernames exist', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await openForm(app, '/editor/login');
    const post = (fields: Record<string, string>) =>
      request(app)
        .post('/editor/login')
        .set('Cookie', cookie)
        .type('form')
        .send({ csrf_token: csrf, ...fields });
    const unknown = await post({ username: 'nobody', password: 'whatever-password' }).expect(401);
    const wrong = await post({ username: 'editor.one', password: 'whatever-password' }).expect(401);
    // The pages differ only in the username typed, which is kept so the editor need not retype it.
    expect(unknown.text.replace('value="nobody"', 'value="?"')).toBe(wrong.text.replace('value="editor.one"', 'value="?"'));
    const ok = await post({ username: 'editor.one', password: 'correct horse battery staple' }).expect(303);
    expect(ok.headers['set-cookie']?.[0]).toMatch(/^casebook_session=[^;]+; .*HttpOnly; SameSite=Strict/);
    await request(app).get('/editor').expect(303).expect('location', '/editor/login');
  });

  it('approve a pending note: it is written, served at once and sent to the index; the contributor sees it', async () => {
    const { app, knowledgeDir, indexed, stores } = await createContributeApp();
    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.' } })
      .expect(201);
    const { cookie, csrf } = await signIn(app);
    const review = await request(app).get(`/editor/submissions/${body.id}`).set('Cookie', cookie).expect(200);
    expect(review.text).toContain('<h2 id="what-to-do">What to do');
    await request(app).post(`/editor/submissions/${body.id}`).set('Cookie', cookie).type('form').send({ action: 'approve' }).expect(403);
    await request(app).post(`/editor/submissions/${body.id}`).set('Cookie', cookie).type('form').send({ action: 'approve', csrf_token: csrf }).expect(303);

    const slug = 'using-wire-transfer-records-to-prove-a-debt-was-never-repayable';
    expect(readFileSync(path.join(knowledgeDir, 'notes', `${slug}.md`), 'utf8')).toBe(STRANGER_NOTE);
    await request(app).get(`/notes/${slug}`).expect(200);
    expect(indexed.map((note) => note.slug)).toEqual([slug]);
    expect((await request(app).get(`/contribute/${body.id}`)).text).toContain(`href="/notes/${slug}"`);
    expect(await stores.audit.entries({ submission: body.id })).toContainEqual(expect.objectContaining({ actor: 'editor:editor.one', action: 'approved' }));
    // A decision is final: a second approval (a double click, a stale tab) is refused, not a 500.
    const again = await request(app)
      .post(`/editor/submissions/${body.id}`)
      .set('Cookie', cookie)
      .type('form')
      .send({ action: 'approve', csrf_token: csrf })
      .expect(409);
    expect(again.text).toContain('This submission was already approved.');
  });

  it('require a comment to request changes, and the contributor sees it', async () => {
    const { app } = await createContributeApp();
    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.' } })
      .expect(201);
    const { cookie, csrf } = await signIn(app);
    const refused = await request(app)
      .post(`/editor/submissions/${body.id}`)
      .set('Cookie', cookie)
      .type('form')
      .send({ action: 'request_changes', csrf_token: csrf })
      .expect(422);
    // Said beside the comment box, which takes the focus, and linked from the top of the page.
    expect(refused.text).toMatch(
      /<div class="field field-error"><label for="f-comment">[^<]+<\/label><p class="field-hint" id="f-comment-hint">[^<]+<\/p><p class="field-problem" id="f-comment-problem" role="alert">[^<]+<\/p><textarea id="f-comment"[^>]*aria-invalid="true" autofocus>/,
    );
    expect(refused.text).toMatch(/<div class="notice notice-warning"><p><a href="#f-comment">/);
    await request(app)
      .post(`/editor/submissions/${body.id}`)
      .set('Cookie', cookie)
      .type('form')
      .send({ action: 'request_changes', comment: 'Please cite the Kenyan provision.', csrf_token: csrf })
      .expect(303);
    const status = (await request(app).get(`/contribute/${body.id}`)).text;
    expect(status).toContain('Changes requested');
    expect(status).toContain('Please cite the Kenyan provision.');
  });

  it('see an edit as a diff, and approving it replaces only that note, keeping its aliases', async () => {
    const { app, knowledgeDir } = await createContributeApp();
    const { cookie: visitor, csrf: formCsrf, html } = await openForm(app, '/contribute?edit=phone-evidence-control');
    expect(html).toContain('name="edit_of" value="phone-evidence-control"');
    expect(html).toContain('value="Corroborating coercion with phone-extraction evidence"');
    const fields: Record<string, string> = {
      csrf_token: formCsrf,
      edit_of: 'phone-evidence-control',
      action: 'submit',
      submitter_name: 'A.B.',
      title: 'Corroborating coercion with phone-extraction evidence',
      language: 'en',
      jurisdictions: 'GB-EAW, RO',
      summary: "Use the defendant's and the victim's phones to show control, so the case does not rest on the victim's account alone.",
      evidence_types: 'digital-device',
      stages: 'investigation',
      evidence_basis: 'practitioner-consensus',
      last_reviewed: '2026-11-20',
      body: '## What to do\n\nSeize and download both handsets on arrest.',
    };
    const sent = await multipart(request(app).post('/contribute').set('Cookie', visitor), fields).expect(303);
    const id = sent.headers.location!.split('/').pop()!;
    const { cookie, csrf } = await signIn(app);
    const review = await request(app).get(`/editor/submissions/${id}`).set('Cookie', cookie).expect(200);
    // A changed word shows as that word, struck out and replaced, not as a rewritten block.
    expect(review.text).toContain('Seize and download both handsets <del>early</del><ins>on arrest</ins>.');
    await request(app).post(`/editor/submissions/${id}`).set('Cookie', cookie).type('form').send({ action: 'approve', csrf_token: csrf }).expect(303);
    const written = readFileSync(path.join(knowledgeDir, 'notes', 'phone-evidence-control.md'), 'utf8');
    expect(written).toContain('Seize and download both handsets on arrest.');
    // Only the changed fields are rewritten: the aliases line stays exactly as it was in the file.
    expect(written).toContain('aliases: [phone-evidence-coercion]\n');
    await request(app).get('/notes/phone-evidence-coercion').expect(301);
    expect((await request(app).get('/notes/phone-evidence-control')).text).toContain('Seize and download both handsets on arrest.');
  });
});

describe('checks a contributor can act on, at the step that asks', () => {
  it('refuses mistyped and home-page source addresses, with the address in the message', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    for (const address of [
      'htp://www.legislation.gov.uk/ukpga/2015/30',
      'https//www.legislation.gov.uk/ukpga/2015/30',
      'www.legislation.gov.uk/ukpga/2015/30',
      'https://www.legislation.gov.uk/',
    ]) {
      const { text } = await multipart(request(app).post('/contribute').set('Cookie', cookie), {
        ...FORM,
        sources: `Modern Slavery Act 2015 | ${address}`,
        action: 'preview',
        csrf_token: csrf,
      }).expect(200);
      expect(text, address).toContain(`Check the web address “${address}” under Sources`);
    }
    // A citation stays a citation.
    const cited = await multipart(request(app).post('/contribute').set('Cookie', cookie), {
      ...FORM,
      sources: 'R v L | [2013] EWCA Crim 991; 2015 c. 30, s. 1',
      action: 'preview',
      csrf_token: csrf,
    }).expect(200);
    expect(cited.text).not.toContain('under Sources');
  });

  it('refuses an e-mail address that is not one, and lets editors write to a good one', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    const bad = await multipart(request(app).post('/contribute').set('Cookie', cookie), {
      ...FORM,
      submitter_email: 'wk at example',
      action: 'submit',
      csrf_token: csrf,
    }).expect(422);
    expect(bad.text).toContain('Enter an e-mail address such as name@example.org, or leave it empty');
    await request(app)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'X', email: 'x@' } })
      .expect(422);
    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.', email: 'wk@example.org' } })
      .expect(201);
    const editor = await signIn(app);
    const review = await request(app).get(`/editor/submissions/${body.id}`).set('Cookie', editor.cookie).expect(200);
    expect(review.text).toContain('<a href="mailto:wk@example.org?subject=Your%20note%20sent%20to%20Casebook">wk@example.org</a>');
  });

  it("says at the first step that the title is another note's, linking to it", async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    const { text } = await multipart(request(app).post('/contribute').set('Cookie', cookie), {
      title: 'Using labour-inspection records in forced-labour cases',
      step: '1',
      action: 'next',
      csrf_token: csrf,
    }).expect(422);
    expect(text).toContain('A published note already has this title');
    expect(text).toContain(
      '<p class="duplicate-links"><a href="/notes/labour-inspection-records">Read the published note with this title</a> · <a href="/contribute?edit=labour-inspection-records">Suggest an edit to it instead</a></p>',
    );
    // A title whose address would be another note's is said at the same step.
    const bySlug = await multipart(request(app).post('/contribute').set('Cookie', cookie), {
      title: 'Labour inspection records',
      step: '1',
      action: 'next',
      csrf_token: csrf,
    }).expect(422);
    expect(bySlug.text).toContain('href="/notes/labour-inspection-records"');
  });
});
