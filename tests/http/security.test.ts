import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createContributeApp, EDITOR, openForm, signIn, STRANGER_NOTE } from './contribute-app.js';

const HEADER = STRANGER_NOTE.slice(0, STRANGER_NOTE.indexOf('## What to do'));
/** The line a body appended to HEADER starts on. */
const BODY_LINE = HEADER.split('\n').length;

/** The bodies the security review used to freeze the server, each within the submission size cap. */
const PATHOLOGICAL: Record<string, string> = {
  'setext underlines (a\\n=\\n × 5,000)': 'a\n=\n'.repeat(5_000),
  'runs of *a (80 KB)': '*a'.repeat(40_000),
  'runs of ~a (80 KB)': '~a'.repeat(40_000),
  'runs of *_ (40 KB)': '*_'.repeat(20_000),
  'nested quotes (> × 40,000)': '>'.repeat(40_000),
};

const servers: { close(): void }[] = [];
afterAll(() => servers.forEach((server) => server.close()));

/** Listens on a free port, so health checks can be timed as a real client would see them while other requests run. */
async function listen(app: Parameters<typeof request>[0]): Promise<string> {
  const server = (app as unknown as { listen(port: number, host: string): import('node:http').Server }).listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * How the server fares while `work` runs: the median time /healthz takes to answer (pinged five
 * times) and the longest the event loop was held. A render on the event loop held it for seconds;
 * the median keeps one scheduling hiccup of a shared two-core machine from deciding the test.
 */
async function healthDuring(base: string, work: Promise<unknown>): Promise<{ medianHealthMs: number; maxLoopDelayMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const times: number[] = [];
  await new Promise((resolve) => setTimeout(resolve, 150));
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await work;
  loop.disable();
  times.sort((a, b) => a - b);
  return { medianHealthMs: times[2]!, maxLoopDelayMs: loop.max / 1e6 };
}

function expectResponsive(health: { medianHealthMs: number; maxLoopDelayMs: number }): void {
  expect(health.medianHealthMs).toBeLessThan(100);
  // Starting or killing a render thread costs the event loop a little, on a loaded machine up to a
  // couple of hundred ms; a render on the event loop would hold it for the whole budget (1 s) or more.
  expect(health.maxLoopDelayMs).toBeLessThan(500);
}

describe('untrusted Markdown cannot stall the server', () => {
  it.each(Object.entries(PATHOLOGICAL))(
    'refuses %s as a located problem while /healthz answers within 100 ms',
    async (_name, body) => {
      const { app, submissions } = await createContributeApp();
      const base = await listen(app);
      const submit = fetch(`${base}/api/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ markdown: `${HEADER}${body}`, submitter: { name: 'X' } }),
      });
      expectResponsive(await healthDuring(base, submit));
      const response = await submit;
      expect(response.status).toBe(422);
      const { problems } = (await response.json()) as { problems: { field: string; line: number; message: string }[] };
      expect(problems).toEqual([
        expect.objectContaining({
          field: 'body',
          line: BODY_LINE,
          message: expect.stringMatching(/cannot be rendered: the text (took longer than 1000 ms|is nested too deeply)/),
        }),
      ]);
      expect(await submissions.list()).toEqual([]);
    },
    60_000,
  );

  it('previews a pathological body with a clear problem, storing nothing, and the server stays responsive', async () => {
    const { app, submissions } = await createContributeApp();
    const base = await listen(app);
    const { cookie, csrf } = await openForm(app);
    const form = new FormData();
    for (const [name, value] of Object.entries({
      csrf_token: csrf,
      action: 'preview',
      title: 'A title long enough to pass',
      summary: 'A summary that is long enough to pass the rule.',
      language: 'en',
      jurisdictions: 'KE',
      evidence_types: 'financial',
      stages: 'investigation',
      evidence_basis: 'practitioner-consensus',
      body: 'a\n=\n'.repeat(5_000),
    }))
      form.append(name, value);
    const preview = fetch(`${base}/contribute`, { method: 'POST', headers: { cookie }, body: form });
    expectResponsive(await healthDuring(base, preview));
    const response = await preview;
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('The text cannot be rendered: the text took longer than 1000 ms to render.');
    expect(await submissions.list()).toEqual([]);
  }, 60_000);

  it('renders a hostile body stored before these limits once, and replays of its pages cost nothing', async () => {
    const { app, submissions } = await createContributeApp();
    const base = await listen(app);
    const id = 'AAAAAAAAAAAAAAAAAAAAAB';
    await submissions.insert(
      {
        id,
        createdAt: new Date().toISOString(),
        status: 'pending',
        markdown: `${HEADER}${'a\n=\n'.repeat(5_000)}`,
        version: 1,
        submitter: { name: 'X', email: '' },
        history: [],
      },
      { actor: 'contributor:X', action: 'submitted', submission: id },
    );
    const first = fetch(`${base}/contribute/${id}`);
    expectResponsive(await healthDuring(base, first));
    expect((await first).status).toBe(200);
    const started = performance.now();
    for (let i = 0; i < 5; i++) expect((await fetch(`${base}/contribute/${id}`)).status).toBe(200);
    // Five replays together take less than one render budget: the refusal was remembered.
    expect(performance.now() - started).toBeLessThan(1_000);
    const { cookie } = await signIn(app);
    const review = await request(app).get(`/editor/submissions/${id}`).set('Cookie', cookie).expect(200);
    expect(review.text).toContain('The text cannot be rendered');
    expect(review.text).not.toContain('value="approve"');
  }, 60_000);
});

describe('editors approve exactly what they see', () => {
  const TRICK =
    HEADER.replace(
      'last_reviewed: 2026-11-01',
      [
        'last_reviewed: 2026-11-01',
        'reviewers: [UNODC Legal Review Board]',
        `aliases: [evidence, human-trafficking, ${Array.from({ length: 12 }, (_, i) => `old-slug-${i}`).join(', ')}]`,
        'sources:',
        '  - title: Official guidance',
        '    url: https://unodc-legal-review.example.net/guidance',
      ].join('\n'),
    ) + '## What to do\n\nRequest the records.\n';

  it('refuses claimed reviewers, generic aliases and too many aliases, each located', async () => {
    const { app } = await createContributeApp();
    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown: TRICK, submitter: { name: 'X' } })
      .expect(422);
    const fields = (body.problems as { field: string; message: string }[]).map((problem) => `${problem.field}: ${problem.message}`);
    expect(fields).toEqual(expect.arrayContaining([expect.stringMatching(/^aliases: has 14 items; expected at most 10/)]));
    const fewer = TRICK.replace(/aliases: \[[^\]]+\]/, 'aliases: [evidence, human-trafficking, financial]');
    const second = await request(app)
      .post('/api/submissions')
      .send({ markdown: fewer, submitter: { name: 'X' } })
      .expect(422);
    expect((second.body.problems as { field: string; message: string }[]).map((problem) => `${problem.field}: ${problem.message}`)).toEqual([
      'aliases.0: "evidence" is a single word, too generic to redirect to one note',
      'aliases.1: "human-trafficking" is a vocabulary term or search synonym, not a former slug of this note',
      'aliases.2: "financial" is a vocabulary term or search synonym, not a former slug of this note',
    ]);
    const honest = fewer.replace(/aliases: \[[^\]]+\]\n/, '');
    const third = await request(app)
      .post('/api/submissions')
      .send({ markdown: honest, submitter: { name: 'X' } })
      .expect(422);
    expect(third.body.problems).toEqual([
      expect.objectContaining({ field: 'reviewers', message: expect.stringContaining('a new note has none until editors review it') }),
    ]);
  });

  it("shows every field that will be published, with each link's full address and host, before approval", async () => {
    const { app } = await createContributeApp();
    const markdown = TRICK.replace(/aliases: \[[^\]]+\]\n/, 'aliases: [wire-transfer-debt-records]\n').replace(
      'reviewers: [UNODC Legal Review Board]\n',
      'authors: [UNODC Legal Review Board]\n',
    );
    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown, submitter: { name: 'X' } })
      .expect(201);
    const { cookie } = await signIn(app);
    const { text } = await request(app).get(`/editor/submissions/${body.id}`).set('Cookie', cookie).expect(200);
    for (const field of [
      'title',
      'summary',
      'language',
      'jurisdictions',
      'evidence_types',
      'stages',
      'evidence_basis',
      'sources',
      'last_reviewed',
      'authors',
      'aliases',
      'status',
    ]) {
      expect(text).toContain(`<code>${field}</code>`);
    }
    expect(text).toContain(
      '<code class="review-url">https://unodc-legal-review.example.net/guidance</code> <strong>goes to unodc-legal-review.example.net</strong>',
    );
    expect(text).toContain('<li>UNODC Legal Review Board</li>');
    expect(text).toContain('<li>wire-transfer-debt-records</li>');
  });

  it('refuses status: draft, which would be published until the next restart', async () => {
    const { app } = await createContributeApp();
    const draft = STRANGER_NOTE.replace('last_reviewed', 'status: draft\nlast_reviewed');
    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown: draft, submitter: { name: 'X' } })
      .expect(422);
    expect(body.problems).toEqual([expect.objectContaining({ field: 'status', message: expect.stringContaining('"draft"') })]);
  });

  it('refuses an empty body', async () => {
    const { app } = await createContributeApp();
    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown: HEADER, submitter: { name: 'X' } })
      .expect(422);
    expect(body.problems).toEqual([expect.objectContaining({ field: 'body', message: 'is empty' })]);
  });
});

describe('decisions are atomic', () => {
  it('takes exactly one of four simultaneous decisions, answers 409 to the others and logs one transition', async () => {
    const { app, stores, knowledgeDir } = await createContributeApp();
    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.' } })
      .expect(201);
    const { cookie, csrf } = await signIn(app);
    const decide = (action: string) =>
      request(app).post(`/editor/submissions/${body.id}`).set('Cookie', cookie).type('form').send({ action, comment: 'Decided.', csrf_token: csrf });
    const responses = await Promise.all(['approve', 'reject', 'approve', 'request_changes'].map(decide));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([303, 409, 409, 409]);
    const decisions = (await stores.audit.entries({ submission: body.id })).filter((entry) =>
      ['approved', 'rejected', 'changes_requested'].includes(entry.action),
    );
    expect(decisions).toHaveLength(1);
    const loser = responses.find((response) => response.status === 409)!;
    expect(loser.text).toMatch(/Another editor is deciding this submission right now|This submission was already/);
    if (decisions[0]!.action === 'approved')
      expect((await import('node:fs')).readdirSync(path.join(knowledgeDir, 'notes')).filter((name) => name.startsWith('using-wire'))).toHaveLength(1);
  });

  it('answers 409, not 500, when the note file appeared since the submission was checked', async () => {
    const { app, knowledgeDir } = await createContributeApp();
    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.' } })
      .expect(201);
    writeFileSync(path.join(knowledgeDir, 'notes', 'using-wire-transfer-records-to-prove-a-debt-was-never-repayable.md'), 'written by another replica');
    const { cookie, csrf } = await signIn(app);
    const response = await request(app)
      .post(`/editor/submissions/${body.id}`)
      .set('Cookie', cookie)
      .type('form')
      .send({ action: 'approve', csrf_token: csrf })
      .expect(409);
    expect(response.text).toContain('already exists in the knowledge directory');
  });
});

describe('sessions can be revoked', () => {
  it('refuses the old cookie after sign-out', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await signIn(app);
    await request(app).get('/editor').set('Cookie', cookie).expect(200);
    await request(app).post('/editor/logout').set('Cookie', cookie).type('form').send({ csrf_token: csrf }).expect(303);
    await request(app).get('/editor').set('Cookie', cookie).expect(303).expect('location', '/editor/login');
  });

  it('ends every session of an account that is removed, or whose password is reset', async () => {
    const { app, stores } = await createContributeApp();
    const first = await signIn(app);
    await stores.accounts.add(EDITOR.username, 'a brand new long password', 'editor');
    await request(app).get('/editor').set('Cookie', first.cookie).expect(303);
    const second = await signIn(app, { username: EDITOR.username, password: 'a brand new long password' });
    await stores.accounts.remove(EDITOR.username);
    await request(app).get('/editor').set('Cookie', second.cookie).expect(303);
    // Rows, not just this process's memory: the sessions are gone from the database.
    expect((await stores.database.pool.query('SELECT count(*)::int AS n FROM sessions')).rows[0].n).toBe(0);
  });

  it('refuses a sign-in posted from another site (no CSRF token bound to this browser)', async () => {
    const { app } = await createContributeApp();
    await request(app).post('/editor/login').type('form').send(EDITOR).expect(403);
    const { cookie } = await openForm(app, '/editor/login');
    await request(app)
      .post('/editor/login')
      .set('Cookie', cookie)
      .type('form')
      .send({ ...EDITOR, csrf_token: 'forged' })
      .expect(403);
  });
});

describe('client mistakes are 4xx with a message, never 500', () => {
  it('answers 400 to an upload under another field name, or two files', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    const file = Buffer.from(STRANGER_NOTE);
    await request(app)
      .post('/contribute')
      .set('Cookie', cookie)
      .field('csrf_token', csrf)
      .field('action', 'submit')
      .attach('document', file, 'a.md')
      .expect(400);
    await request(app)
      .post('/contribute')
      .set('Cookie', cookie)
      .field('csrf_token', csrf)
      .field('action', 'submit')
      .attach('file', file, 'a.md')
      .attach('file', file, 'b.md')
      .expect(400);
  });

  it('answers 400 with a message to a file name with a NUL byte (a malformed form)', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    const response = await request(app)
      .post('/contribute')
      .set('Cookie', cookie)
      .field('csrf_token', csrf)
      .field('action', 'preview')
      .attach('file', Buffer.from(STRANGER_NOTE), 'a\u0000b.md')
      .expect(400);
    expect(response.text).toContain('The form could not be read');
  });

  it('shows a malformed language as a problem beside its field', async () => {
    const { app } = await createContributeApp();
    const { cookie, csrf } = await openForm(app);
    const response = await request(app)
      .post('/contribute')
      .set('Cookie', cookie)
      .field('csrf_token', csrf)
      .field('action', 'submit')
      .field('title', 'A title long enough to pass')
      .field('summary', 'A summary long enough to pass the rule.')
      .field('language', 'x!y')
      .field('jurisdictions', 'KE')
      .field('evidence_types', 'financial')
      .field('stages', 'investigation')
      .field('evidence_basis', 'practitioner-consensus')
      .field('body', '## What to do\n\nText.')
      .field('submitter_name', 'X')
      .expect(422);
    // Worded for a contributor, beside the field and linked from the summary at the top.
    expect(response.text).toContain(
      '<p class="field-problem" id="f-language-problem"><span class="visually-hidden">Error:</span> Choose the language the note is written in from the list</p>',
    );
    expect(response.text).toContain('<a href="#f-language">Choose the language the note is written in from the list</a>');
  });

  it('builds feed links from a malformed Host header as localhost, and errors are never sent as a feed', async () => {
    const { app } = await createContributeApp();
    const feed = await request(app).get('/feed.xml').set('Host', 'evil.example"><x').expect(200);
    expect(feed.text).not.toContain('evil.example');
    expect(feed.text).toContain('http://localhost/');
  });
});

describe('private pages', () => {
  it('are never cached', async () => {
    const { app } = await createContributeApp();
    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.' } })
      .expect(201);
    expect((await request(app).get(`/contribute/${body.id}`)).headers['cache-control']).toBe('no-store');
    expect((await request(app).get('/editor/login')).headers['cache-control']).toBe('no-store');
    expect((await request(app).get('/contribute')).headers['cache-control']).toBe('no-store');
  });
});
