import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/create-logger.js';
import { redactUrl } from '../../server/web/access-log.js';
import { createContributeApp, openForm, signIn, STRANGER_NOTE } from './contribute-app.js';
import { createNetworkApp, NETWORK_EDITOR, PUBLIC_MEMBER, signInMember } from './network-app.js';
import { createTestApp } from './test-app.js';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
  match(path: string): unknown;
}

/** Every route of the routing table, with the layer that matches it. */
function routeTable(app: Express): Array<{ method: string; path: string; layer: RouteLayer }> {
  const stack = (app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
  return stack
    .filter((layer) => layer.route)
    .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => ({ method, path: layer.route!.path, layer })));
}

describe('one address per page', () => {
  it("no route of the table answers another case or a trailing slash, so the proxy's rules see every request to it", async () => {
    const { app } = await createContributeApp();
    const routes = routeTable(app);
    expect(routes.length).toBeGreaterThan(40);
    for (const { method, path, layer } of routes) {
      const concrete = path.replace(/:(\w+)/g, 'sample');
      expect(layer.match(concrete), `${method} ${path}`).toBeTruthy();
      expect(layer.match(`${concrete}/`), `${method} ${path}/`).toBeFalsy();
      const shouted = concrete.replace(/[a-z]/g, (char) => char.toUpperCase());
      if (shouted !== concrete) expect(layer.match(shouted), `${method} ${shouted}`).toBeFalsy();
    }
    // The proxy's exact rules name routes as the table spells them.
    const nginx = readFileSync(new URL('../../deploy/nginx.conf', import.meta.url), 'utf8');
    for (const [, path] of nginx.matchAll(/location = (\S+)/g))
      expect(
        routes.some((route) => route.path === path),
        path,
      ).toBe(true);
  });

  it('answers 404 to /Contribute, /login/ and /SEARCH', async () => {
    const { app } = await createContributeApp();
    for (const variant of ['/Contribute', '/login/', '/SEARCH', '/Notes/phone-evidence-control', '/editor/']) await request(app).get(variant).expect(404);
    await request(app).get('/contribute').expect(200);
  });
});

describe('the access log', () => {
  it("never holds a submission's id, an invitation token or a reviewed id, whatever the spelling", () => {
    const secret = 'AbCdEfGhIjKlMnOpQrStUv';
    for (const url of [
      `/contribute/${secret}`,
      `/Contribute/${secret}`,
      `/CONTRIBUTE/${secret}/edit`,
      `//contribute/${secret}`,
      `/contribute/${secret}/`,
      `/%63ontribute/${secret}`,
      `/%2563ontribute/${secret}`,
      `/contribute%2F${secret}`,
      `/NETWORK/join/${secret}`,
      `/network/JOIN/${secret}?x=1`,
      `/editor/submissions/${secret}`,
      `/Editor/Submissions/${secret}?decided=approved`,
      `/contribute\\${secret}`,
    ]) {
      expect(redactUrl(url), url).not.toContain(secret);
    }
    expect(redactUrl('/network?q=Accra')).toBe('/network?[private]');
    expect(redactUrl('/search?q=debt')).toBe('/search?q=debt');
  });

  it('redacts a case variant on its way through the app, 404 and all', async () => {
    const lines: string[] = [];
    const { app } = await createContributeApp({
      logger: createLogger({
        destination: new Writable({
          write(chunk, _encoding, done) {
            lines.push(String(chunk));
            done();
          },
        }),
      }),
    });
    await request(app).get('/Contribute/AbCdEfGhIjKlMnOpQrStUv').expect(404);
    await request(app).get('/NETWORK/join/AbCdEfGhIjKlMnOpQrStUvWxYz').expect(404);
    expect(lines.join('')).not.toMatch(/AbCdEfGhIjKlMnOpQrStUv/);
    expect(lines.join('')).toContain('/contribute/[private]');
  });
});

describe('signing out', () => {
  it('refuses a sign-out posted from another site and leaves the session and its cookie alone', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await signIn(app);
    for (const headers of [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }]) {
      const refused = await request(app).post('/logout').set(headers).set('Cookie', cookie).type('form').send({ csrf_token: csrf }).expect(403);
      expect(refused.headers['set-cookie']).toBeUndefined();
      const anonymous = await request(app).post('/logout').set(headers).type('form').send({}).expect(403);
      expect(anonymous.headers['set-cookie']).toBeUndefined();
    }
    await request(app).get('/editor').set('Cookie', cookie).expect(200);
    const own = await request(app)
      .post('/logout')
      .set('Origin', 'http://127.0.0.1')
      .set('Host', '127.0.0.1')
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf_token: csrf })
      .expect(303);
    expect(String(own.headers['set-cookie'])).toContain('casebook_session=;');
    await request(app).get('/editor').set('Cookie', cookie).expect(303);
  });
});

describe('bodies', () => {
  it('answers 400, not 500, to a multipart post without a boundary', async () => {
    const { app } = await createContributeApp();
    const { cookie } = await openForm(app);
    const response = await request(app).post('/contribute').set('Cookie', cookie).set('Content-Type', 'multipart/form-data').send('--x\r\n\r\n').expect(400);
    expect(response.text).toContain('no boundary');
  });

  it('refuses a form longer than the contribution form can be before reading it, and any field but the body over a few KB', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    await request(app)
      .post('/contribute')
      .set('Cookie', cookie)
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .set('Content-Length', String(3 * 1024 * 1024))
      .send('')
      .expect(413);
    await request(app)
      .post('/contribute')
      .set('Cookie', cookie)
      .field('csrf_token', csrf)
      .field('title', 'a'.repeat(64 * 1024))
      .expect(413);
    // The body field may be as long as a submission: it is checked, and answered with its problems.
    const long = await request(app)
      .post('/contribute')
      .set('Cookie', cookie)
      .field('csrf_token', csrf)
      .field('action', 'preview')
      .field('body', `## What to do\n\n${'word '.repeat(200_000)}`);
    expect(long.status).toBe(200);
  });
});

describe('private pages', () => {
  it("marks a page chosen by a session private, and leaves an anonymous reader's page alone", async () => {
    const { app } = await createNetworkApp();
    const member = await signInMember(app, PUBLIC_MEMBER);
    expect((await request(app).get('/notes/phone-evidence-control').set('Cookie', member.cookie).expect(200)).headers['cache-control']).toBe('private');
    expect((await request(app).get('/notes/phone-evidence-control').expect(200)).headers['cache-control']).toBeUndefined();
  });
});

describe('invitations', () => {
  it('are refused, with the setting to set, when PUBLIC_URL is not set: a link is never built from the Host header', async () => {
    const { app } = await createNetworkApp({ publicUrl: null });
    const editor = await signInMember(app, NETWORK_EDITOR);
    const response = await request(app)
      .post('/network/invitations')
      .set('Host', 'evil.example')
      .set('Cookie', editor.cookie)
      .type('form')
      .send({ label: 'K.M.', csrf_token: editor.csrf })
      .expect(409);
    expect(response.text).toContain('set PUBLIC_URL');
    expect(response.text).not.toContain('evil.example/network/join');
  });
});

describe('the review page', () => {
  it("names the authors and reviewers that are members' handles, for the editor to check", async () => {
    const { app } = await createNetworkApp();
    const markdown = STRANGER_NOTE.replace('last_reviewed: 2026-11-01', `last_reviewed: 2026-11-01\nauthors: [${PUBLIC_MEMBER.username}, A.B.]`);
    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown, submitter: { name: 'X' } })
      .expect(201);
    const editor = await signInMember(app, NETWORK_EDITOR);
    const review = await request(app).get(`/editor/submissions/${body.id}`).set('Cookie', editor.cookie).expect(200);
    expect(review.text).toContain(`Names that are handles of network members: ${PUBLIC_MEMBER.username}.`);
    expect(review.text).not.toMatch(/handles of network members: [^<]*A\.B\./);
  });
});

describe('a guidance page while the rendering threads are busy', () => {
  it('answers 503 with Retry-After, not 422, and the next reader gets the page', async () => {
    const { kb, noteIndex } = await createTestApp();
    const { createApp } = await import('../../server/web/create-app.js');
    const { createNoteRenderer } = await import('../../server/web/note-renderer.js');
    const { RenderBudgetError } = await import('../../server/errors.js');
    const real = createNoteRenderer();
    let busy = true;
    const renderer = {
      ...real,
      note: (...args: Parameters<typeof real.note>) =>
        busy ? Promise.reject(new RenderBudgetError('the server is busy with other texts', 'busy')) : real.note(...args),
    };
    const app = createApp({ noteIndex, knowledgeBase: kb, today: () => '2026-11-28', renderer });
    const refused = await request(app).get('/notes/phone-evidence-control').expect(503);
    expect(refused.headers['retry-after']).toBe('5');
    busy = false;
    await request(app).get('/notes/phone-evidence-control').expect(200);
    await real.close();
  });
});
