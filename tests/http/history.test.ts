import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createContributeApp, openForm, signIn } from './contribute-app.js';

const SLUG = 'phone-evidence-control';
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });

/** Suggests an edit of the phone-evidence note through the form and returns the submission's id. */
async function suggestEdit(
  app: Awaited<ReturnType<typeof createContributeApp>>['app'],
  body: string,
  opened?: Awaited<ReturnType<typeof openForm>>,
): Promise<string> {
  const { cookie, csrf, html } = opened ?? (await openForm(app, `/contribute?edit=${SLUG}`));
  const editBase = /name="edit_base" value="([0-9a-f]{12})"/.exec(html)?.[1];
  const fields: Record<string, string> = {
    csrf_token: csrf,
    edit_of: SLUG,
    ...(editBase ? { edit_base: editBase } : {}),
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
    body,
  };
  let post = request(app).post('/contribute').set('Cookie', cookie);
  for (const [name, value] of Object.entries(fields)) post = post.field(name, value);
  const sent = await post.expect(303);
  return sent.headers.location!.split('/').pop()!;
}

describe('the history of a note', () => {
  let context: Awaited<ReturnType<typeof createContributeApp>>;
  let editor: { cookie: string; csrf: string };
  let first: string;
  let second: string;

  beforeAll(async () => {
    context = await createContributeApp();
    first = git(context.knowledgeDir, 'log', '-1', '--format=%h', '--abbrev=12').trim();
    const id = await suggestEdit(context.app, '## What to do\n\nSeize and download both handsets on arrest.');
    editor = await signIn(context.app);
    const review = await request(context.app).get(`/editor/submissions/${id}`).set('Cookie', editor.cookie).expect(200);
    // The review names the version the edit replaces, and offers a change note to keep or rewrite.
    expect(review.text).toContain(`Approving this edit replaces version ${first} of`);
    expect(review.text).toMatch(/name="change_note" maxlength="200" value="Updated “Corroborating coercion with phone-extraction evidence”"/);
    await request(context.app)
      .post(`/editor/submissions/${id}`)
      .set('Cookie', editor.cookie)
      .type('form')
      .send({ action: 'approve', change_note: 'Seize phones on arrest, not merely early', csrf_token: editor.csrf })
      .expect(303);
    second = git(context.knowledgeDir, 'log', '-1', '--format=%h', '--abbrev=12').trim();
  });

  it('is one commit per approval, with the work tree clean and the audit line naming it', async () => {
    expect(git(context.knowledgeDir, 'status', '--porcelain')).toBe('');
    expect(git(context.knowledgeDir, 'log', '-1', '--format=%an|%ae|%cn|%ce|%s')).toBe(
      'A.B|a-b@contributors.invalid|editor.one|editor.one@editors.invalid|Seize phones on arrest, not merely early\n',
    );
    expect(await context.stores.audit.entries()).toContainEqual(expect.objectContaining({ action: 'approved', version: second }));
  });

  it("answers the history API with every version, newest first, in the contract's shape", async () => {
    const { body } = await request(context.app).get(`/api/notes/${SLUG}/history`).expect(200);
    expect(body).toEqual({
      slug: SLUG,
      versions: [
        {
          version: second,
          date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          change_note: 'Seize phones on arrest, not merely early',
          author: 'A.B',
          editor: 'editor.one',
          url: `/notes/${SLUG}/versions/${second}`,
        },
        {
          version: first,
          date: expect.stringMatching(/^\d{4}-/),
          change_note: 'The knowledge base as it stood when Casebook first kept it in git',
          author: 'Casebook',
          editor: 'Casebook',
          url: `/notes/${SLUG}/versions/${first}`,
        },
      ],
    });
    await request(context.app).get('/api/notes/phone-evidence-coercion/history').expect(301).expect('location', `/api/notes/${SLUG}/history`);
    await request(context.app).get('/api/notes/no-such-note/history').expect(404);
  });

  it('shows "Last updated", the number of versions and a citation of the version on the guidance page', async () => {
    const page = (await request(context.app).get(`/notes/${SLUG}`).expect(200)).text;
    expect(page).toContain('Last updated');
    expect(page).toContain(`<a href="/notes/${SLUG}/history">2 versions — see all updates</a>`);
    // The version and its date in the reader's language (no ISO date in a sentence), its permanent address, and the access date.
    expect(page).toMatch(
      new RegExp(
        `Casebook, “Corroborating coercion with phone-extraction evidence” \\(version ${second} of \\d{1,2} [A-Z][a-z]+ \\d{4}\\), last reviewed \\d{1,2} [A-Z][a-z]+ \\d{4}, https?://[^ ]+/notes/${SLUG}/versions/${second} \\(accessed \\d{1,2} [A-Z][a-z]+ \\d{4}\\)\\.`,
      ),
    );
  });

  it('lists the versions on the history page, each linking to the version and its changes', async () => {
    const page = (await request(context.app).get(`/notes/${SLUG}/history`).expect(200)).text;
    for (const version of [first, second]) {
      expect(page).toContain(`href="/notes/${SLUG}/versions/${version}"`);
      expect(page).toContain(`href="/notes/${SLUG}/versions/${version}/changes"`);
    }
    expect(page.indexOf(second)).toBeLessThan(page.indexOf(first));
    expect(page).toContain('contributed by A.B, approved by editor.one');
    await request(context.app).get('/notes/phone-evidence-coercion/history').expect(301).expect('location', `/notes/${SLUG}/history`);
  });

  it('serves an old version as it was, never indexed, with a banner to the current one', async () => {
    const response = await request(context.app).get(`/notes/${SLUG}/versions/${first}`).expect(200);
    expect(response.headers['x-robots-tag']).toBe('noindex');
    expect(response.text).toContain('<meta name="robots" content="noindex">');
    expect(response.text).toContain(`You are reading version ${first} of`);
    expect(response.text).toContain('This is not the current version.');
    expect(response.text).toContain(`<a href="/notes/${SLUG}">Read the current version</a>`);
    expect(response.text).toContain('Seize and download both handsets early');
    expect(response.text).not.toContain('on arrest');
    await request(context.app)
      .get(`/notes/${SLUG}/versions/${'0'.repeat(12)}`)
      .expect(404);
    await request(context.app).get(`/notes/${SLUG}/versions/HEAD`).expect(404);
  });

  it('shows the changes of a version as a word diff inside its section', async () => {
    const page = (await request(context.app).get(`/notes/${SLUG}/versions/${second}/changes`).expect(200)).text;
    expect(page).toContain(`Compared with version ${first} of`);
    expect(page).toMatch(/<h3>What to do <span class="diff-change">\(changed\)<\/span><\/h3>/);
    expect(page).toContain(
      'Seize and download both handsets <del><span class="visually-hidden">removed: </span>early</del><ins><span class="visually-hidden">added: </span>on arrest</ins>.',
    );
    const firstChanges = (await request(context.app).get(`/notes/${SLUG}/versions/${first}/changes`).expect(200)).text;
    expect(firstChanges).toContain('This is the first version: all of it is new.');
  });

  it('lists recent updates on /changes and /changes.xml, narrowed by jurisdiction, collection and date', async () => {
    const all = (await request(context.app).get('/changes').expect(200)).text;
    expect(all).toContain('Seize phones on arrest, not merely early');
    expect(all).toContain(`href="/notes/${SLUG}/versions/${second}/changes"`);
    expect((await request(context.app).get('/changes?jurisdictions=RO').expect(200)).text).toContain('Seize phones on arrest, not merely early');
    expect((await request(context.app).get('/changes?jurisdictions=ES').expect(200)).text).not.toContain('Seize phones on arrest');
    // An unknown code is dropped, never an error: the list is then not narrowed by it.
    expect((await request(context.app).get('/changes?jurisdictions=ZZ').expect(200)).text).toContain('Seize phones on arrest');
    expect((await request(context.app).get('/changes?collection=evidence-beyond-testimony').expect(200)).text).toContain(
      'Seize phones on arrest, not merely early',
    );
    expect((await request(context.app).get('/changes?since=2999-01-01').expect(200)).text).toContain('No update matches.');
    const feed = await request(context.app).get('/changes.xml?jurisdictions=RO').expect(200);
    expect(feed.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(feed.text).toContain('<title type="text">Seize phones on arrest, not merely early</title>');
  });

  it('lets an editor restore an earlier version as a new one that says so', async () => {
    const history = (await request(context.app).get(`/notes/${SLUG}/history`).set('Cookie', editor.cookie).expect(200)).text;
    expect(history).toContain(`action="/editor/notes/${SLUG}/restore"`);
    expect((await request(context.app).get(`/notes/${SLUG}/history`).expect(200)).text).not.toContain('/restore');
    await request(context.app)
      .post(`/editor/notes/${SLUG}/restore`)
      .type('form')
      .send({ version: first, change_note: 'x', csrf_token: editor.csrf })
      .expect(303)
      .expect('location', '/editor/login');
    const restored = await request(context.app)
      .post(`/editor/notes/${SLUG}/restore`)
      .set('Cookie', editor.cookie)
      .type('form')
      .send({ version: first, change_note: 'The arrest wording was not agreed', csrf_token: editor.csrf })
      .expect(303);
    const third = git(context.knowledgeDir, 'log', '-1', '--format=%h', '--abbrev=12').trim();
    expect(restored.headers.location).toBe(`/notes/${SLUG}/history?restored=${third}`);
    expect(git(context.knowledgeDir, 'log', '-1', '--format=%s')).toBe(`Restored version ${first}: The arrest wording was not agreed\n`);
    expect(git(context.knowledgeDir, 'status', '--porcelain')).toBe('');
    expect((await request(context.app).get(`/notes/${SLUG}`).expect(200)).text).toContain('Seize and download both handsets early');
    expect((await request(context.app).get(`/api/notes/${SLUG}/history`).expect(200)).body.versions).toHaveLength(3);
    expect(await context.stores.audit.entries()).toContainEqual(expect.objectContaining({ action: 'restored', note: SLUG, version: third }));
  });

  it('gives an authority its history too', async () => {
    const page = (await request(context.app).get('/authorities/uk-yjcea-1999/history').expect(200)).text;
    expect(page).toContain('The knowledge base as it stood when Casebook first kept it in git');
    const version = (/versions\/([0-9a-f]{12})"/.exec(page) ?? [])[1]!;
    expect((await request(context.app).get(`/authorities/uk-yjcea-1999/versions/${version}`).expect(200)).text).toContain(
      'Youth Justice and Criminal Evidence Act 1999',
    );
    // A renamed authority's former id (the fixture's Rantsev alias) leads to the same history.
    await request(context.app)
      .get('/authorities/rantsev-v-cyprus/history?lang=fr')
      .expect(301)
      .expect('location', '/authorities/rantsev-v-cyprus-and-russia/history?lang=fr');
    await request(context.app).get('/authorities/rantsev-v-nowhere/history').expect(404);
  });
});

describe('an edit the note has moved on from', () => {
  it('is refused with 409 naming the change it would undo, and waits for a decision with its text intact', async () => {
    const context = await createContributeApp();
    const opened = await openForm(context.app, `/contribute?edit=${SLUG}`);
    const current = git(context.knowledgeDir, 'log', '-1', '--format=%h', '--abbrev=12').trim();
    // The form carries the version it was opened on through every step.
    expect(opened.html).toContain(`name="edit_base" value="${current}"`);
    const early = await suggestEdit(context.app, '## What to do\n\nSeize both handsets on arrest.', opened);
    const late = await suggestEdit(
      context.app,
      '## What to do\n\nAsk the victim before downloading their phone.',
      await openForm(context.app, `/contribute?edit=${SLUG}`),
    );
    const editor = await signIn(context.app);
    const approve = (id: string) =>
      request(context.app)
        .post(`/editor/submissions/${id}`)
        .set('Cookie', editor.cookie)
        .type('form')
        .send({ action: 'approve', change_note: 'x', csrf_token: editor.csrf });
    const review = async (id: string) => (await request(context.app).get(`/editor/submissions/${id}`).set('Cookie', editor.cookie).expect(200)).text;
    expect(await review(early)).toContain('value="approve"');
    await approve(late).expect(303);
    const latest = git(context.knowledgeDir, 'log', '-1', '--format=%h', '--abbrev=12').trim();
    // The editor is told before deciding, and not offered what would be refused.
    const stale = await review(early);
    expect(stale).toContain(`editor.one changed the note since (version ${latest}: “x”)`);
    expect(stale).toContain(`href="/notes/${SLUG}/versions/${latest}/changes"`);
    expect(stale).not.toContain('value="approve"');
    expect(stale).toContain('value="request_changes"');
    const refused = await approve(early).expect(409);
    expect(refused.text).toContain('was changed by editor.one');
    expect((await request(context.app).get(`/notes/${SLUG}`).expect(200)).text).toContain('Ask the victim before downloading their phone.');
    const waiting = (await context.stores.submissions.get(early))!;
    expect(waiting.status).toBe('pending');
    expect(waiting.markdown).toContain('Seize both handsets on arrest.');
  });
});
