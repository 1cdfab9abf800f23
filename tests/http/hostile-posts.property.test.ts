import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createContributeApp, openForm, signIn, STRANGER_NOTE } from './contribute-app.js';
import { createNetworkApp, HIDDEN_MEMBER, NETWORK_EDITOR, openPage, signInMember } from './network-app.js';

// The POST routes these properties cover; the first test fails when routes.ts gains one that is not here.
const COVERED_POST_ROUTES = [
  '/contribute',
  '/api/submissions',
  '/editor/login',
  '/editor/logout',
  '/editor/submissions/:id',
  '/editor/notes/:slug/restore',
  '/login',
  '/logout',
  '/network/profile',
  '/network/profile/delete',
  '/network/invitations',
  '/network/invitations/:id/revoke',
  '/network/join/:token',
];

// Every field the forms read, and some they do not, with any value: strings of any kind, lists, huge numbers.
const FIELDS = [
  'title',
  'summary',
  'language',
  'jurisdictions',
  'regions',
  'evidence_types',
  'victim_centred_techniques',
  'stages',
  'exploitation_types',
  'victim_profile',
  'cross_border',
  'tech_facilitated',
  'content_type',
  'evidence_basis',
  'evidence_note',
  'sources',
  'last_reviewed',
  'body',
  'edit_of',
  'edit_base',
  'submitter_name',
  'submitter_email',
  'action',
  'csrf_token',
  'username',
  'password',
  'comment',
  'step',
  'goto',
  'resubmit_of',
  '__proto__',
  'constructor',
  'a[b]',
  'display_name',
  'position',
  'organisation',
  'expertise',
  'bio',
  'contact_email',
  'contact_phone',
  'contact_other',
  'visibility',
  'password_confirm',
  'label',
  'next',
];
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '',
    'preview',
    'submit',
    'next',
    'back',
    'resend',
    'approve',
    'reject',
    'request_changes',
    'x!y',
    'en',
    'en-',
    '\u0000',
    'KE',
    'GB-EAW',
    'financial',
    '2026-13-45',
    '0',
    '5',
    '99',
    '-1',
    '1e9',
    'AAAAAAAAAAAAAAAAAAAAAA',
    '../../etc/passwd',
    'a\n=\n'.repeat(50),
    '---js\n{}\n---',
    STRANGER_NOTE,
    'public',
    'members',
    'Ghana, GB-EAW',
    'français',
    'new.member',
    'a long enough password',
    '//evil.example',
    '/network?q=x',
    'profile',
    'x@y.zz',
  ),
);
const form = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })), fc.oneof(text, fc.array(text, { maxLength: 3 })), {
  maxKeys: 12,
});
const json = fc.oneof(
  fc.jsonValue(),
  fc.record({ markdown: fc.oneof(text, fc.jsonValue()), submitter: fc.oneof(fc.record({ name: text, email: text }), fc.jsonValue()) }),
);

const runs = { numRuns: 60 };

describe('any body on any POST route', () => {
  it('covers every POST route of the routing table', () => {
    const routes = [...readFileSync(new URL('../../server/web/routes.ts', import.meta.url), 'utf8').matchAll(/app\.post\('([^']+)'/g)].map((match) => match[1]);
    expect(routes.sort()).toEqual([...COVERED_POST_ROUTES].sort());
  });

  it('POST /contribute never answers 500 at any step, for a new note, an edit or a resubmission in any state', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    const editor = await signIn(app);
    const ids: string[] = [];
    for (const decision of ['', 'request_changes', 'approve', 'reject']) {
      const markdown = STRANGER_NOTE.replace('title: Using', `title: ${decision || 'pending'} Using`);
      const { body } = await request(app)
        .post('/api/submissions')
        .send({ markdown, submitter: { name: 'W.K.' } })
        .expect(201);
      if (decision)
        await request(app)
          .post(`/editor/submissions/${body.id}`)
          .set('Cookie', editor.cookie)
          .type('form')
          .send({ action: decision, comment: 'why', csrf_token: editor.csrf })
          .expect(303);
      ids.push(body.id);
    }
    const context = fc.record({
      resubmit_of: fc.option(fc.constantFrom(...ids), { nil: undefined }),
      edit_of: fc.option(fc.constantFrom('phone-evidence-control', 'nope'), { nil: undefined }),
      step: fc.option(fc.constantFrom('1', '2', '3', '4', '5', '0', '6', 'x'), { nil: undefined }),
      action: fc.constantFrom('next', 'back', 'preview', 'submit', 'resend', 'x'),
    });
    await fc.assert(
      fc.asyncProperty(form, context, async (fields, extra) => {
        const body = Object.fromEntries(Object.entries({ ...fields, ...extra, csrf_token: csrf }).filter(([, value]) => value !== undefined));
        const response = await request(app).post('/contribute').set('Cookie', cookie).type('form').send(body).timeout(10_000);
        expect(response.status, JSON.stringify(body).slice(0, 300)).toBeLessThan(500);
      }),
      runs,
    );
  }, 180_000);

  it('POST /contribute never answers 500, with or without its CSRF token', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    await fc.assert(
      fc.asyncProperty(form, fc.boolean(), async (fields, withToken) => {
        const body = withToken ? { ...fields, csrf_token: csrf } : fields;
        const response = await request(app).post('/contribute').set('Cookie', cookie).type('form').send(body).timeout(10_000);
        expect(response.status, JSON.stringify(body).slice(0, 300)).toBeLessThan(500);
      }),
      runs,
    );
  }, 120_000);

  it('POST /api/submissions never answers 500', async () => {
    const { app } = await createContributeApp();
    await fc.assert(
      fc.asyncProperty(json, async (body) => {
        const response = await request(app).post('/api/submissions').set('Content-Type', 'application/json').send(JSON.stringify(body)).timeout(10_000);
        expect(response.status, JSON.stringify(body).slice(0, 300)).toBeLessThan(500);
      }),
      runs,
    );
  }, 120_000);

  it('the editor routes never answer 500, signed in or not', async () => {
    const { app } = await createContributeApp();
    const { body: submitted } = await request(app)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.' } })
      .expect(201);
    const editor = await signIn(app);
    const visitor = await openForm(app, '/editor/login');
    // A submission in each state: pending, changes requested, approved, rejected.
    const decidedIds: string[] = [];
    for (const decision of ['request_changes', 'approve', 'reject']) {
      const markdown = STRANGER_NOTE.replace('title: Using', `title: ${decision} Using`);
      const { body } = await request(app)
        .post('/api/submissions')
        .send({ markdown, submitter: { name: 'W.K.' } })
        .expect(201);
      await request(app)
        .post(`/editor/submissions/${body.id}`)
        .set('Cookie', editor.cookie)
        .type('form')
        .send({ action: decision, comment: 'why', csrf_token: editor.csrf })
        .expect(303);
      decidedIds.push(body.id);
    }
    const route = fc.constantFrom(
      '/editor/login',
      '/editor/logout',
      `/editor/submissions/${submitted.id}`,
      ...decidedIds.map((id) => `/editor/submissions/${id}`),
      '/editor/submissions/AAAAAAAAAAAAAAAAAAAAAA',
      '/editor/submissions/..%2f..',
    );
    await fc.assert(
      fc.asyncProperty(route, form, fc.constantFrom('editor', 'visitor', 'none'), async (path, fields, who) => {
        const session = who === 'editor' ? editor : who === 'visitor' ? visitor : undefined;
        const body = session && !('csrf_token' in fields) ? { ...fields, csrf_token: session.csrf } : fields;
        const call = request(app).post(path).type('form').send(body).timeout(10_000);
        const response = await (session ? call.set('Cookie', session.cookie) : call);
        expect(response.status, `${path} ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
      }),
      runs,
    );
  }, 120_000);

  it('the sign-in and network routes never answer 500, signed in as a member or an editor, or not', async () => {
    const { app, network, clock } = await createNetworkApp();
    const tokens = await Promise.all(Array.from({ length: 20 }, async () => (await network.invite('editor.ed', '', clock.now)).token));
    const editor = await signInMember(app, NETWORK_EDITOR);
    const member = await signInMember(app, HIDDEN_MEMBER);
    const visitor = await openPage(app, '/login');
    const route = fc.oneof(
      fc.constantFrom(
        '/login',
        '/logout',
        '/network/profile',
        '/network/profile/delete',
        '/network/invitations',
        '/network/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        '/network/join/..%2f..',
        '/network',
        '/network/public.pat',
        '/network/invitations/x/revoke',
        '/network/invitations/..%2f..%2fx/revoke',
        `/network/invitations/${'a'.repeat(500)}/revoke`,
      ),
      fc.constantFrom(...tokens).map((token) => `/network/join/${token}`),
    );
    // Bodies that are nearly right reach deeper than random ones: account creation, saving, parsing names.
    const nearlyRight = fc.record(
      {
        username: fc.constantFrom('new.member', 'x', 'profile', 'public.pat', 'Ünïcode'),
        password: fc.constantFrom('a long enough password', 'short', ''),
        password_confirm: fc.constantFrom('a long enough password', 'other'),
        display_name: text,
        jurisdictions: fc.constantFrom('Ghana, GB-EAW', 'Narnia', '', 'gh;ng\nINT'),
        languages: fc.constantFrom('English, français', 'Elvish', 'tw', ''),
        expertise: fc.array(fc.constantFrom('financial', 'bogus', 'non-punishment'), { maxLength: 3 }),
        visibility: fc.constantFrom('public', 'members', 'everyone'),
        contact_email: fc.constantFrom('a@b.cd', 'nope', ''),
        bio: text,
        label: text,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(route, fc.oneof(form, nearlyRight), fc.constantFrom('editor', 'member', 'visitor', 'none'), async (path, fields, who) => {
        const session = who === 'editor' ? editor : who === 'member' ? member : who === 'visitor' ? visitor : undefined;
        const body = session && !('csrf_token' in fields) ? { ...fields, csrf_token: session.csrf } : fields;
        const call = request(app).post(path).type('form').send(body).timeout(10_000);
        const response = await (session ? call.set('Cookie', session.cookie) : call);
        expect(response.status, `${path} ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
      }),
      runs,
    );
  }, 120_000);

  it('POST /editor/notes/:slug/restore never answers 500, for any version, slug or change note, signed in or not', async () => {
    const { app, knowledgeDir } = await createContributeApp();
    const editor = await signIn(app);
    const { execFileSync } = await import('node:child_process');
    const version = execFileSync('git', ['-C', knowledgeDir, 'log', '-1', '--format=%h', '--abbrev=12'], { encoding: 'utf8' }).trim();
    const fields = fc.record(
      {
        version: fc.oneof(text, fc.constant(version), fc.stringMatching(/^[0-9a-f]{12}$/)),
        change_note: text,
        csrf_token: fc.oneof(fc.constant(editor.csrf), text),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fields,
        form,
        fc.constantFrom('phone-evidence-control', 'phone-evidence-coercion', 'nope', '..%2F..', '%00'),
        fc.boolean(),
        async (known, extra, slug, signedIn) => {
          const body = { ...extra, ...known };
          const call = request(app).post(`/editor/notes/${slug}/restore`).type('form').send(body).timeout(10_000);
          const response = await (signedIn ? call.set('Cookie', editor.cookie) : call);
          expect(response.status, `${slug} ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
        },
      ),
      runs,
    );
  }, 120_000);
});
