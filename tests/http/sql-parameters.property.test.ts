import fc from 'fast-check';
import pg from 'pg';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createNetworkApp, HIDDEN_MEMBER, NETWORK_EDITOR, openPage, signInMember } from './network-app.js';
import { STRANGER_NOTE } from './contribute-app.js';

/*
 * Every statement the app sends PostgreSQL, seen at the driver: its text and its values. What a
 * visitor types may only ever be a value. Each generated answer carries a marker; no statement's
 * text may hold one, and some values must (or the property would hold by never reaching the database).
 */
const seen: Array<{ text: string; values: string }> = [];
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function patched(this: pg.Client, ...args: unknown[]) {
  const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
  const text = typeof config === 'string' ? config : config.text;
  seen.push({ text, values: JSON.stringify(typeof config === 'string' ? (values ?? []) : (config.values ?? values ?? [])) });
  return (originalQuery as (...rest: unknown[]) => unknown).apply(this, args);
} as typeof originalQuery;
afterAll(() => {
  pg.Client.prototype.query = originalQuery;
});

let serial = 0;
// A marker (its own for every answer) inside text meant to break out of a quoted literal.
const hostile = fc
  .tuple(
    fc.constantFrom("'", "''", '"', ';', '--', '/*', '$1', '$$', '\\', "') OR ('1'='1", "'; DROP TABLE accounts; --", "E'\\x27", ''),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  )
  .map(([attack, noise]) => `${attack}MRK${(serial++).toString(36)}Q${noise}${attack}`);
// An address the forms accept (an invalid one is refused before the database, and would leave the
// submission's or the profile's other answers unstored), holding the same quotes, comments and
// parameter signs.
const hostileEmail = fc
  .constantFrom("'", "''", ';', '--', '/*', '$1', '$$', '\\', "')OR('1'='1", "';DROP-TABLE-accounts;--", "E'\\x27")
  .map((attack) => `${attack}MRK${(serial++).toString(36)}Q${attack}@example.org`);
// Case-insensitive: usernames are lower-cased before they are looked up.
const MARKER = /MRK[0-9a-z]+Q/gi;

function markersIn(value: unknown): string[] {
  return JSON.stringify(value).match(MARKER) ?? [];
}

const PROFILE_FIELDS = ['display_name', 'position', 'organisation', 'bio', 'contact_email', 'contact_phone', 'contact_other'];

describe('what a visitor sends reaches PostgreSQL only as parameters', () => {
  it('holds for every field of every form that writes to the database', async () => {
    const { app, network, clock } = await createNetworkApp();
    const editor = await signInMember(app, NETWORK_EDITOR);
    const member = await signInMember(app, HIDDEN_MEMBER);
    const { body: submitted } = await request(app)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.' } })
      .expect(201);
    const sentBefore = seen.length;

    const attempt = fc.oneof(
      // Sign-in: the username is looked up.
      fc.record({ route: fc.constant('/login'), who: fc.constant('visitor'), fields: fc.record({ username: hostile, password: hostile }) }),
      // A submission through the API: its text and submitter are stored.
      fc.record({
        route: fc.constant('/api/submissions'),
        who: fc.constant('json'),
        fields: fc.record({ title: hostile, name: hostile, email: hostileEmail }),
      }),
      // The profile form: every field is stored.
      fc.record({
        route: fc.constant('/network/profile'),
        who: fc.constant('member'),
        fields: fc.record(Object.fromEntries(PROFILE_FIELDS.map((field) => [field, field === 'contact_email' ? hostileEmail : hostile]))),
      }),
      // An invitation's label, and a join with a chosen username and profile.
      fc.record({ route: fc.constant('/network/invitations'), who: fc.constant('editor'), fields: fc.record({ label: hostile }) }),
      fc.record({
        route: fc.constant('/network/join'),
        who: fc.constant('visitor'),
        fields: fc.record({ username: hostile, display_name: hostile, bio: hostile }),
      }),
      // An editor's comment on a decision.
      fc.record({ route: fc.constant('/editor/submissions'), who: fc.constant('editor'), fields: fc.record({ comment: hostile }) }),
    );

    await fc.assert(
      fc.asyncProperty(attempt, async ({ route, who, fields }) => {
        const from = seen.length;
        if (who === 'json') {
          const markdown = STRANGER_NOTE.replace(/^title: .*$/m, `title: ${JSON.stringify(`A title of enough length ${fields.title}`)}`);
          await request(app)
            .post(route)
            .send({ markdown, submitter: { name: fields.name, email: fields.email } });
        } else if (route === '/network/join') {
          const { token } = await network.invite('editor.ed', '', clock.now);
          const form = await openPage(app, `/network/join/${token}`);
          await request(app).post(`/network/join/${token}`).set('Cookie', form.cookie).type('form').send({
            username: fields.username,
            password: 'a long enough password',
            password_confirm: 'a long enough password',
            display_name: fields.display_name,
            bio: fields.bio,
            jurisdictions: 'GH',
            languages: 'en',
            visibility: 'members',
            csrf_token: form.csrf,
          });
        } else if (route === '/editor/submissions') {
          await request(app)
            .post(`/editor/submissions/${submitted.id}`)
            .set('Cookie', editor.cookie)
            .type('form')
            .send({ action: 'request_changes', comment: fields.comment, csrf_token: editor.csrf });
        } else {
          const session = who === 'member' ? member : who === 'editor' ? editor : await openPage(app, '/login');
          const extra = route === '/network/profile' ? { jurisdictions: 'GH', languages: 'en', visibility: 'members' } : {};
          await request(app)
            .post(route)
            .set('Cookie', session.cookie)
            .type('form')
            .send({ ...fields, ...extra, csrf_token: session.csrf });
        }
        for (const statement of seen.slice(from)) expect(markersIn(statement.text), statement.text).toEqual([]);
      }),
      { numRuns: 80 },
    );

    const during = seen.slice(sentBefore);
    // The property is not empty: answers did reach the database, as values.
    expect(during.filter((statement) => markersIn(statement.values).length > 0).length).toBeGreaterThan(40);
    // And every statement is one of a few fixed texts, not text assembled from input.
    expect(new Set(during.map((statement) => statement.text)).size).toBeLessThan(40);
  }, 240_000);
});
